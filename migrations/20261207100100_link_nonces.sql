-- Signed links (a reader's ?mine= link, the confirm and unsubscribe links in
-- readers' mail, the moderation links in admins' mail) name a row by its id
-- and by a random value stored with it, and sign both. Restoring a backup
-- rewinds the ids, so the next row may get an id an earlier one had; it never
-- gets that row's value, so an old link never reveals or acts on it.
-- New rows get their value where they are inserted (lower(hex(randomblob(8)))).
ALTER TABLE comments ADD COLUMN link_nonce TEXT NOT NULL DEFAULT '';
UPDATE comments SET link_nonce = lower(hex(randomblob(8)));

ALTER TABLE reply_subscriptions ADD COLUMN link_nonce TEXT NOT NULL DEFAULT '';
UPDATE reply_subscriptions SET link_nonce = lower(hex(randomblob(8)));
