-- The media library, inside the database: one file stays one file, a backup
-- (VACUUM INTO) holds the media, and an upload is stored in one transaction.
-- An item is what was uploaded; its variants are what readers get (images
-- re-encoded without metadata, in several widths; a PDF as it came), each in
-- chunks, so that neither storing nor serving holds a whole file in memory.

CREATE TABLE media_items (
    id          INTEGER PRIMARY KEY,
    -- Hex of the SHA-256 of the uploaded bytes (shortened): part of every URL of
    -- the item, so that URLs change when content does and may be cached for ever.
    hash        TEXT NOT NULL UNIQUE,
    -- 'image' (JPEG, PNG, WebP, still GIF), 'animation' (animated GIF) or 'pdf'.
    kind        TEXT NOT NULL CHECK (kind IN ('image', 'animation', 'pdf')),
    -- The name as uploaded (shown in the library, searched, a PDF's download name).
    file_name   TEXT NOT NULL,
    -- The name in URLs: the file name's stem as a slug.
    url_name    TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    alt         TEXT NOT NULL DEFAULT '',
    -- Of the image as readers see it (turned upright); NULL for a PDF.
    width       INTEGER,
    height      INTEGER,
    -- The upload's size in bytes.
    bytes       INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES admins (id) ON DELETE SET NULL
);

CREATE INDEX media_items_newest ON media_items (created_at DESC, id DESC);

CREATE TABLE media_variants (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    -- The last part of its URL, /media/{hash}/{file}: 'praxis-640.webp', 'flyer.pdf'.
    file         TEXT NOT NULL,
    -- NULL for a PDF.
    width        INTEGER,
    height       INTEGER,
    content_type TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    -- Quoted strong ETag from the variant's bytes.
    etag         TEXT NOT NULL,
    UNIQUE (item_id, file)
);

CREATE TABLE media_chunks (
    variant_id INTEGER NOT NULL REFERENCES media_variants (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    UNIQUE (variant_id, seq)
);

-- Which posts and pages show an item (kept when a post is saved): named
-- before an item in use is deleted, and listed in the library.
CREATE TABLE media_uses (
    item_id INTEGER NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, post_id)
) WITHOUT ROWID;

CREATE INDEX media_uses_post ON media_uses (post_id);

-- A post's page shows its first image's size and alt text (og:image): a
-- changed or deleted item changes what readers see.
CREATE TRIGGER content_version_media_update AFTER UPDATE ON media_items
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_media_delete AFTER DELETE ON media_items
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
