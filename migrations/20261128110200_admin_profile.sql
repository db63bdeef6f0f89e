-- The name readers see on an admin's replies (never the login name, which
-- would tell attackers half of what they need) and an address for
-- notifications. Both are set at `folio admin create` or on /admin/account;
-- empty means none (replies are then signed with the site's title).
ALTER TABLE admins ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE admins ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- Replies stored before this were signed with the login name.
UPDATE comments
SET author_name = COALESCE((SELECT title FROM site_settings WHERE id = 1), 'Admin')
WHERE admin_id IS NOT NULL;
