-- The site itself: one row of settings, the signing key, posts and comments.
-- Times are Unix seconds (UTC) so that sorting and windows are plain integer arithmetic.

CREATE TABLE site_settings (
    id                          INTEGER PRIMARY KEY CHECK (id = 1),
    title                       TEXT    NOT NULL,
    tagline                     TEXT    NOT NULL DEFAULT '',
    -- one short line per text line, shown in every page's header (opening hours, address)
    header_lines                TEXT    NOT NULL DEFAULT '',
    timezone                    TEXT    NOT NULL DEFAULT 'UTC',
    posts_per_page              INTEGER NOT NULL DEFAULT 10 CHECK (posts_per_page BETWEEN 1 AND 100),
    auto_approve_known_authors  INTEGER NOT NULL DEFAULT 0 CHECK (auto_approve_known_authors IN (0, 1)),
    hold_if_links_over          INTEGER NOT NULL DEFAULT 2 CHECK (hold_if_links_over >= 0),
    spam_words                  TEXT    NOT NULL DEFAULT '',
    moderation_words            TEXT    NOT NULL DEFAULT '',
    close_comments_after_days   INTEGER NOT NULL DEFAULT 0 CHECK (close_comments_after_days >= 0),
    thread_depth                INTEGER NOT NULL DEFAULT 5 CHECK (thread_depth BETWEEN 1 AND 10),
    updated_at                  INTEGER NOT NULL
);

-- Keys generated on first start (e.g. the HMAC key that signs a reader's pending-comment link).
CREATE TABLE signing_keys (
    name        TEXT    PRIMARY KEY,
    key         BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    body_markdown   TEXT    NOT NULL,
    -- rendered and sanitised once, when the post is written
    body_html       TEXT    NOT NULL,
    excerpt_html    TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    comments_open   INTEGER NOT NULL DEFAULT 1 CHECK (comments_open IN (0, 1)),
    published_at    INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE INDEX posts_by_status_and_date ON posts (status, published_at DESC, id DESC);

CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    post_id         INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    author_name     TEXT    NOT NULL,
    author_email    TEXT    NOT NULL,
    author_website  TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL,
    -- the plain-text body rendered once, at intake
    body_html       TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
    -- why the comment was held or sent to spam; shown to admins only
    status_reason   TEXT    NOT NULL DEFAULT '',
    ip              TEXT    NOT NULL DEFAULT '',
    user_agent      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);

-- approved comments of a post, oldest first; counts per post and status
CREATE INDEX comments_by_post_status_date ON comments (post_id, status, created_at, id);
-- the moderation queue, per status, newest first
CREATE INDEX comments_by_status_date ON comments (status, created_at DESC, id DESC);
CREATE INDEX comments_by_parent ON comments (parent_id);
