-- The duplicate-comment check looks for the same text on the same post. Indexing
-- the post and the first 64 characters of the text keeps that look-up to a
-- handful of rows, however many comments one IP address or email has sent.
CREATE INDEX comments_by_post_text ON comments (post_id, substr(body, 1, 64));
