-- The address a session signed in from, for the account's list of devices
-- (shown reduced to its network once the IP-retention period has passed).
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
