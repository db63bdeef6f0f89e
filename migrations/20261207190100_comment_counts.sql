-- How many comments each status holds, kept by triggers: the queue's tabs and
-- the admin navigation's pending badge show these on every admin page, and
-- counting 200,000 rows each time takes longer than the whole page may.
CREATE TABLE comment_counts (
    status  TEXT    PRIMARY KEY CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
    n       INTEGER NOT NULL CHECK (n >= 0)
) WITHOUT ROWID;

INSERT INTO comment_counts (status, n)
SELECT s.status, (SELECT COUNT(*) FROM comments c WHERE c.status = s.status)
FROM (SELECT 'pending' AS status UNION ALL SELECT 'approved' UNION ALL SELECT 'spam'
      UNION ALL SELECT 'trash') s;

CREATE TRIGGER comment_counts_insert AFTER INSERT ON comments
BEGIN UPDATE comment_counts SET n = n + 1 WHERE status = new.status; END;

CREATE TRIGGER comment_counts_delete AFTER DELETE ON comments
BEGIN UPDATE comment_counts SET n = n - 1 WHERE status = old.status; END;

CREATE TRIGGER comment_counts_update AFTER UPDATE OF status ON comments
WHEN old.status != new.status
BEGIN
    UPDATE comment_counts SET n = n - 1 WHERE status = old.status;
    UPDATE comment_counts SET n = n + 1 WHERE status = new.status;
END;
