-- Pages (Impressum, privacy policy, contact) are posts of another kind: one
-- editor, one renderer, one revision history and one slug namespace serve both.
-- A page with a navigation position is listed in the site navigation, lowest first.

ALTER TABLE posts ADD COLUMN kind TEXT NOT NULL DEFAULT 'post' CHECK (kind IN ('post', 'page'));
ALTER TABLE posts ADD COLUMN nav_position INTEGER;

DROP INDEX posts_by_status_and_date;
CREATE INDEX posts_by_kind_status_and_date ON posts (kind, status, published_at DESC, id DESC);
