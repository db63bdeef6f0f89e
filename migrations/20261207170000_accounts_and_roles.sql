-- Accounts and roles: what each account may do, whether it is active, when it
-- last signed in; who wrote each post and whether an author sent it for review;
-- invitations; and two more kinds of mail in the outbox.

-- Every account made before roles existed keeps doing everything.
ALTER TABLE admins ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
    CHECK (role IN ('admin', 'editor', 'author', 'moderator'));
-- Set while the account is deactivated: it cannot sign in and has no sessions.
ALTER TABLE admins ADD COLUMN deactivated_at INTEGER;
ALTER TABLE admins ADD COLUMN last_login_at INTEGER;

UPDATE admins SET last_login_at = (SELECT MAX(created_at) FROM sessions WHERE admin_id = admins.id);

-- Who wrote a post (NULL: not known, e.g. imported from a WordPress user with no account here).
ALTER TABLE posts ADD COLUMN author_id INTEGER REFERENCES admins (id) ON DELETE SET NULL;
-- When an author sent this draft for review; cleared when it is published.
ALTER TABLE posts ADD COLUMN submitted_at INTEGER;

CREATE INDEX posts_by_author ON posts (author_id);
CREATE INDEX posts_waiting_for_review ON posts (submitted_at) WHERE submitted_at IS NOT NULL;

-- An invitation to make an account: the link's token is kept only as a SHA-256
-- hash, so a copy of the database lets nobody in. Accepting or withdrawing it
-- deletes the row, so a link works once.
CREATE TABLE invitations (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT    NOT NULL UNIQUE,
    username        TEXT    NOT NULL COLLATE NOCASE,
    email           TEXT    NOT NULL,
    display_name    TEXT    NOT NULL DEFAULT '',
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'moderator')),
    invited_by      INTEGER REFERENCES admins (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL
);

CREATE INDEX invitations_by_username ON invitations (username);

-- The outbox again, with two more kinds: 'invitation' (the link to make an
-- account) and 'review' (an editor or admin is told of a post waiting for
-- review). SQLite cannot change a CHECK in place, so the table is copied.
CREATE TABLE outbox_with_team_mail (
    id                  INTEGER PRIMARY KEY,
    -- 'comment' (an admin is told of a new comment), 'confirm' (a reader's opt-in),
    -- 'reply' (a reader is told of a reply), 'invitation', 'review'
    kind                TEXT    NOT NULL CHECK (kind IN ('comment', 'confirm', 'reply', 'invitation', 'review')),
    recipient           TEXT    NOT NULL,
    admin_id            INTEGER REFERENCES admins (id) ON DELETE CASCADE,
    comment_id          INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    subscription_id     INTEGER REFERENCES reply_subscriptions (id) ON DELETE CASCADE,
    invitation_id       INTEGER REFERENCES invitations (id) ON DELETE CASCADE,
    post_id             INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    -- An invitation's token, only until its mail has left (or failed for good).
    secret              TEXT,
    status              TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    last_error          TEXT    NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER
);

INSERT INTO outbox_with_team_mail (id, kind, recipient, admin_id, comment_id, subscription_id,
                                   status, attempts, next_attempt_at, last_error, created_at, sent_at)
SELECT id, kind, recipient, admin_id, comment_id, subscription_id,
       status, attempts, next_attempt_at, last_error, created_at, sent_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_with_team_mail RENAME TO outbox;

-- what is due, oldest first
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
-- when an admin was last mailed (at most one mail a minute)
CREATE INDEX outbox_by_admin ON outbox (admin_id, sent_at);
-- one mail per reply per subscription, however often the reply is approved
CREATE UNIQUE INDEX outbox_one_reply_mail ON outbox (subscription_id, comment_id) WHERE kind = 'reply';
