-- Passkeys (WebAuthn): several per account, each named, with its last use.

-- The random user handle an account's passkeys carry (never the login name:
-- it is stored on the authenticator and comes back on a discoverable sign-in).
ALTER TABLE admins ADD COLUMN passkey_user_id TEXT;
CREATE UNIQUE INDEX admins_by_passkey_user_id ON admins (passkey_user_id);

CREATE TABLE passkeys (
    id              INTEGER PRIMARY KEY,
    admin_id        INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    -- base64url of the credential id the authenticator gives back
    credential_id   TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    -- the public key and signature counter, as webauthn-rs serialises them
    passkey         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER
);

CREATE INDEX passkeys_by_admin ON passkeys (admin_id);

-- A WebAuthn ceremony under way: the challenge's server-side state, used once.
CREATE TABLE webauthn_ceremonies (
    id              TEXT    PRIMARY KEY,
    -- the account registering a passkey; NULL for a sign-in
    admin_id        INTEGER REFERENCES admins (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL,
    expires_at      INTEGER NOT NULL
);
