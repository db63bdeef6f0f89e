-- The page holding the site's privacy policy: the comment form links it.
ALTER TABLE site_settings ADD COLUMN privacy_page_id INTEGER REFERENCES posts (id) ON DELETE SET NULL;
