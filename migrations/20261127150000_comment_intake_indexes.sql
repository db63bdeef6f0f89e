-- Bounded look-ups for the comment-intake rules and the storage-hygiene task,
-- so neither ever reads the whole comments table.

-- recent comments from one IP (rate limit, duplicates)
CREATE INDEX comments_by_ip_date ON comments (ip, created_at);
-- an author's history (known authors, duplicates); emails compare case-insensitively
CREATE INDEX comments_by_email_date ON comments (author_email COLLATE NOCASE, created_at);
-- comments whose full IP address is still kept, oldest first (reduced ones hold a '/')
CREATE INDEX comments_with_full_ip_by_date ON comments (created_at)
    WHERE ip <> '' AND instr(ip, '/') = 0;
