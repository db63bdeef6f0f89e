-- Hold and spam reasons are kept as a message id with its values (JSON), worded
-- in the site's language when shown. Reasons stored as English words before
-- that are turned into messages where the words carry no values; the others
-- (a listed word, a link count, a time) stay as they were and show as stored.
UPDATE comments SET status_reason = '{"id":"reason-all-held","args":{}}'
    WHERE status_reason = 'every comment waits for approval';
UPDATE comments SET status_reason = '{"id":"reason-unknown-author","args":{}}'
    WHERE status_reason = 'no earlier approved comment from this name and email';
UPDATE comments SET status_reason = '{"id":"reason-honeypot","args":{}}'
    WHERE status_reason = 'the hidden honeypot field was filled in';
UPDATE comments SET status_reason = '{"id":"reason-token-missing","args":{}}'
    WHERE status_reason = 'sent without the form''s timing token';
UPDATE comments SET status_reason = '{"id":"reason-token-forged","args":{}}'
    WHERE status_reason = 'the form''s timing token was forged';
