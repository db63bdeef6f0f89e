-- WordPress media brought into the library: which file of an imported site's
-- uploads folder (its path below wp-content/uploads/) became which item. An
-- import fetches only the paths not here yet; the old upload URLs answer 301
-- to the item.
CREATE TABLE wp_media (
    site    TEXT NOT NULL,
    path    TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    PRIMARY KEY (site, path)
) WITHOUT ROWID;

CREATE INDEX wp_media_path ON wp_media (path);
CREATE INDEX wp_media_item ON wp_media (item_id);

-- A post's featured image (WordPress's `_thumbnail_id`): shown with it on the
-- home page and its link preview (og:image).
ALTER TABLE posts ADD COLUMN featured_media_id INTEGER REFERENCES media_items (id) ON DELETE SET NULL;

-- An item's caption (WordPress's attachment caption).
ALTER TABLE media_items ADD COLUMN caption TEXT NOT NULL DEFAULT '';
