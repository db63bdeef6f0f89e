-- Scheduled posts and the trash. What readers see stays one rule,
-- `status = 'published'`, and neither needs a new status:
--
-- A scheduled post is a draft with a `publish_at` time. At that time the
-- publishing task makes it published, dated `publish_at` (the update moves the
-- content version, so every cached page follows).
--
-- A post or page in the trash is not published while it is there: `trashed_at`
-- says since when, `trashed_status` what its status was, and `trashed_slug`
-- its slug, which it gives up meanwhile (its `slug` becomes `__trashed-{id}`,
-- which no typed or made slug can be), so another post may take it. Its
-- comments, tags, old slugs and imported old addresses stay where they are,
-- pointing at it; "Restore" puts status and slug back (or a free one), and
-- after 30 days the hourly hygiene task deletes it for good.

ALTER TABLE posts ADD COLUMN publish_at INTEGER;
ALTER TABLE posts ADD COLUMN trashed_at INTEGER;
ALTER TABLE posts ADD COLUMN trashed_status TEXT CHECK (trashed_status IN ('draft', 'published'));
ALTER TABLE posts ADD COLUMN trashed_slug TEXT;

-- The publishing task asks for the next time due; the hygiene task for old trash.
CREATE INDEX posts_by_publish_at ON posts (publish_at) WHERE publish_at IS NOT NULL;
CREATE INDEX posts_in_trash ON posts (trashed_at) WHERE trashed_at IS NOT NULL;
