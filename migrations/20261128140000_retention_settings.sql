-- How long commenters' full IP addresses and spam are kept, in days (0 = for ever),
-- chosen by the admin in the site settings. NULL: not chosen, so the server's
-- default applies (FOLIO_IP_RETENTION_DAYS / FOLIO_SPAM_RETENTION_DAYS).
ALTER TABLE site_settings ADD COLUMN ip_retention_days INTEGER
    CHECK (ip_retention_days IS NULL OR ip_retention_days BETWEEN 0 AND 36500);
ALTER TABLE site_settings ADD COLUMN spam_retention_days INTEGER
    CHECK (spam_retention_days IS NULL OR spam_retention_days BETWEEN 0 AND 36500);
