-- The language every page is in: a folder of catalogues under locales/.
ALTER TABLE site_settings ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
