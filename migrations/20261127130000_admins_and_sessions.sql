-- Admin accounts, their sessions, login throttling and the moderation log.

CREATE TABLE admins (
    id              INTEGER PRIMARY KEY,
    username        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    -- Argon2id PHC string
    password_hash   TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- Only a SHA-256 of the session token is stored: a copy of the database does not log anyone in.
CREATE TABLE sessions (
    token_hash      TEXT    PRIMARY KEY,
    admin_id        INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    -- synchronizer token that every admin form must echo
    csrf_token      TEXT    NOT NULL,
    user_agent      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    -- the message shown once after an action (post/redirect/get)
    flash           TEXT
);

CREATE INDEX sessions_by_admin ON sessions (admin_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Failed logins per key ('user:<name>' or 'ip:<address>'); survives restarts.
CREATE TABLE login_throttle (
    key             TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    locked_until    INTEGER NOT NULL DEFAULT 0
);

-- An admin's reply is a comment written by that admin.
ALTER TABLE comments ADD COLUMN admin_id INTEGER REFERENCES admins (id) ON DELETE SET NULL;

CREATE TABLE moderation_log (
    id              INTEGER PRIMARY KEY,
    admin_id        INTEGER REFERENCES admins (id) ON DELETE SET NULL,
    -- kept as text so the log still reads right after an account is removed
    admin_username  TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    comment_id      INTEGER NOT NULL,
    detail          TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);

CREATE INDEX moderation_log_by_date ON moderation_log (created_at DESC, id DESC);
