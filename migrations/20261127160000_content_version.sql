-- A counter that moves whenever something readers can see changes: a post,
-- an approved comment (or one becoming or ceasing to be approved), the settings.
-- Rendered public pages are cached under the counter's value, so a cached page
-- is never served after such a change, whichever process or connection made it.

CREATE TABLE content_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);

INSERT INTO content_version (id, n) VALUES (1, 0);

CREATE TRIGGER content_version_post_insert AFTER INSERT ON posts
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_post_update AFTER UPDATE ON posts
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_post_delete AFTER DELETE ON posts
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_comment_insert AFTER INSERT ON comments
WHEN NEW.status = 'approved'
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_comment_update AFTER UPDATE ON comments
WHEN OLD.status = 'approved' OR NEW.status = 'approved'
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_comment_delete AFTER DELETE ON comments
WHEN OLD.status = 'approved'
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_settings_insert AFTER INSERT ON site_settings
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_version_settings_update AFTER UPDATE ON site_settings
BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
