-- Tags on posts, each with its own page at /tags/{slug}. A tag lives as long
-- as some post has it; the name is shown as last typed, the slug is made from it.
CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    slug  TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL
);

CREATE TABLE post_tags (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    -- the order the author typed them in
    position  INTEGER NOT NULL,
    PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;

-- a tag's posts
CREATE INDEX post_tags_by_tag ON post_tags (tag_id, post_id);

-- Readers see tags on posts and tag pages: the page cache's version follows them.
CREATE TRIGGER content_version_post_tags_insert AFTER INSERT ON post_tags
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_post_tags_delete AFTER DELETE ON post_tags
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_tags_update AFTER UPDATE ON tags
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
