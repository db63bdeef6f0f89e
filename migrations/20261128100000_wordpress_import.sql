-- Moving in from WordPress (folio import wordpress).

-- Which Folio row each imported WordPress post and comment became, per source
-- site, so that importing the same export again (or a newer one) adds only
-- what is new and never touches what is already there.
CREATE TABLE wp_import_ids (
    site      TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('post', 'comment')),
    wp_id     INTEGER NOT NULL,
    -- no foreign key: a row the admin deleted since stays deleted on re-import
    folio_id  INTEGER NOT NULL,
    PRIMARY KEY (site, kind, wp_id)
) WITHOUT ROWID;

-- Old addresses that answer 301 when nothing else answers them. `path` is
-- normalised (see domain::import::redirect_key). A post's redirect follows the
-- post's current slug and leads nowhere while it is not published.
CREATE TABLE redirects (
    path        TEXT    NOT NULL PRIMARY KEY,
    post_id     INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    target      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    CHECK ((post_id IS NULL) <> (target = ''))
);

CREATE INDEX redirects_by_post ON redirects (post_id);

-- What each import did, as its summary (the admin's import page shows the last one).
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
