-- A post's earlier slugs, so that links to its old address keep working:
-- GET /posts/{old_slug} answers 301 with the post's current address.
-- A live post with that slug wins over an entry here.
CREATE TABLE post_slug_history (
    old_slug    TEXT    NOT NULL PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    changed_at  INTEGER NOT NULL
);

CREATE INDEX post_slug_history_by_post ON post_slug_history (post_id);
