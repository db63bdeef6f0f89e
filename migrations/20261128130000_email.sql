-- Email: admins' addresses, who is told of new comments, readers' reply
-- subscriptions, and the outbox every email is sent from.

-- Where an admin is told of comments waiting: admins.email (see the
-- admin_profile migration); empty = not told.

-- Which new comments admins are told of: 'held' (pending ones), 'all' (every one but spam), 'never'.
ALTER TABLE site_settings ADD COLUMN notify_admins TEXT NOT NULL DEFAULT 'held'
    CHECK (notify_admins IN ('held', 'all', 'never'));

-- A reader who ticked "Notify me of replies by email" under one comment.
-- Mail goes out only once the address confirmed (double opt-in) and until it ends.
CREATE TABLE reply_subscriptions (
    id              INTEGER PRIMARY KEY,
    comment_id      INTEGER NOT NULL UNIQUE REFERENCES comments (id) ON DELETE CASCADE,
    email           TEXT    NOT NULL,
    confirmed_at    INTEGER,
    ended_at        INTEGER,
    created_at      INTEGER NOT NULL
);

CREATE INDEX reply_subscriptions_by_email ON reply_subscriptions (email COLLATE NOCASE);

-- Addresses that asked for no more mail at all.
CREATE TABLE mail_optouts (
    email       TEXT    PRIMARY KEY COLLATE NOCASE,
    created_at  INTEGER NOT NULL
);

-- Every email, written in the same transaction as the event that causes it and
-- sent by a background task; the message is made from the rows it names when it is sent.
CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    -- 'comment' (an admin is told of a new comment), 'confirm' (a reader's opt-in),
    -- 'reply' (a reader is told of a reply)
    kind                TEXT    NOT NULL CHECK (kind IN ('comment', 'confirm', 'reply')),
    recipient           TEXT    NOT NULL,
    admin_id            INTEGER REFERENCES admins (id) ON DELETE CASCADE,
    comment_id          INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    subscription_id     INTEGER REFERENCES reply_subscriptions (id) ON DELETE CASCADE,
    status              TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    last_error          TEXT    NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER
);

-- what is due, oldest first
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
-- when an admin was last mailed (at most one mail a minute)
CREATE INDEX outbox_by_admin ON outbox (admin_id, sent_at);
-- one mail per reply per subscription, however often the reply is approved
CREATE UNIQUE INDEX outbox_one_reply_mail ON outbox (subscription_id, comment_id) WHERE kind = 'reply';
