-- An old address may have been several posts' in turn: keep every owner, so
-- that when the latest one is deleted (or moves away and is deleted), the
-- address leads to the one before instead of to nothing. The latest change
-- wins while its post exists; a live post with the slug wins over all of them.
CREATE TABLE post_slug_history_by_owner (
    old_slug    TEXT    NOT NULL,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    changed_at  INTEGER NOT NULL,
    PRIMARY KEY (old_slug, post_id)
);

INSERT INTO post_slug_history_by_owner (old_slug, post_id, changed_at)
SELECT old_slug, post_id, changed_at FROM post_slug_history;

DROP TABLE post_slug_history;
ALTER TABLE post_slug_history_by_owner RENAME TO post_slug_history;
CREATE INDEX post_slug_history_by_post ON post_slug_history (post_id);
