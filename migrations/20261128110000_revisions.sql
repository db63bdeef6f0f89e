-- Every save of a post keeps a revision (the last 20 per post), so no text is
-- ever lost to a later save; the editor lists them with "restore". Pages are to
-- be posts of another kind, so this one history serves them too.
CREATE TABLE revisions (
    id              INTEGER PRIMARY KEY,
    post_id         INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    -- the post's revision number this snapshot was saved as
    revision        INTEGER NOT NULL,
    title           TEXT    NOT NULL,
    slug            TEXT    NOT NULL,
    body_markdown   TEXT    NOT NULL,
    -- as the editor shows them: names separated by commas
    tags            TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL,
    comments_open   INTEGER NOT NULL CHECK (comments_open IN (0, 1)),
    admin_id        INTEGER REFERENCES admins (id) ON DELETE SET NULL,
    saved_at        INTEGER NOT NULL,
    UNIQUE (post_id, revision)
);

-- The number of the post's latest save. An edit form carries the number it was
-- opened at; a save from an older number is a conflict, not an overwrite.
ALTER TABLE posts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Posts written before revisions existed start with their current text as revision 1.
INSERT INTO revisions (post_id, revision, title, slug, body_markdown, tags, status, comments_open, saved_at)
SELECT p.id, 1, p.title, p.slug, p.body_markdown,
       COALESCE((SELECT group_concat(name, ', ') FROM
                   (SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                     WHERE pt.post_id = p.id ORDER BY pt.position)), ''),
       p.status, p.comments_open, p.updated_at
FROM posts p;
