-- A site may require commenters to consent to how their data is stored (GDPR):
-- the setting, and when each commenter gave it.
ALTER TABLE site_settings ADD COLUMN require_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN consent_at INTEGER;
