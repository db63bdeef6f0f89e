-- Bounded look-ups for the comment-intake rules, so that judging a comment
-- never reads the whole comments table.

-- recent comments from one IP (rate limit, duplicates)
CREATE INDEX comments_by_ip_date ON comments (ip, created_at);
-- an author's history (known authors, duplicates); emails compare case-insensitively
CREATE INDEX comments_by_email_date ON comments (author_email COLLATE NOCASE, created_at);
