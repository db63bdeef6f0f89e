-- Two-step sign-in: an authenticator app's secret, recovery codes, and the
-- half-signed-in state between the password and the code.

-- One authenticator app per account. The secret must stay readable (codes are
-- computed from it); `confirmed_at` is NULL while it is being set up, and
-- `last_used_step` is the 30-second step of the last code accepted, so no code
-- works twice.
CREATE TABLE totp_secrets (
    admin_id        INTEGER PRIMARY KEY REFERENCES admins (id) ON DELETE CASCADE,
    secret          TEXT    NOT NULL,
    confirmed_at    INTEGER,
    last_used_step  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

-- Single-use codes for a lost phone: only a SHA-256 of each (they are long and random).
CREATE TABLE recovery_codes (
    id              INTEGER PRIMARY KEY,
    admin_id        INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    code_hash       TEXT    NOT NULL,
    used_at         INTEGER,
    created_at      INTEGER NOT NULL
);

CREATE INDEX recovery_codes_by_admin ON recovery_codes (admin_id);

-- A password accepted, the second factor not yet: no session, only this.
CREATE TABLE pending_sign_ins (
    token_hash      TEXT    PRIMARY KEY,
    admin_id        INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    csrf_token      TEXT    NOT NULL,
    next            TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL
);

CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins (expires_at);
