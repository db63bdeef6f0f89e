-- Search: readers find published posts and pages by their words, moderators
-- find comments by author, address or text. Both indexes are FTS5 tables that
-- hold no text of their own (contentless), so nothing is stored twice.

-- Posts and pages, drafts included (what is public is decided when searching,
-- by the same condition as everywhere else). The text is normalised by Folio
-- (`domain::search`: case, accents, and German ae/oe/ue/ss for ä/ö/ü/ß) before
-- it is indexed, in the transaction that saves the post; a post missing from
-- the index (every post when this migration runs) is indexed by `folio
-- migrate` and at every start. A post deleted for good leaves it here.
CREATE VIRTUAL TABLE post_search USING fts5 (
    title,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER post_search_delete AFTER DELETE ON posts
BEGIN DELETE FROM post_search WHERE rowid = old.id; END;

-- Comments, kept up to date by triggers in the transaction that writes them.
-- The status is indexed too, so that a search within one status of the queue
-- (and its count) is answered by the index alone.
CREATE VIRTUAL TABLE comment_search USING fts5 (
    status,
    author_name,
    author_email,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Deleted entries are removed from the index at once, not marked and merged
-- away later: an erased email address must not linger in it.
INSERT INTO comment_search (comment_search, rank) VALUES ('secure-delete', 1);
INSERT INTO post_search (post_search, rank) VALUES ('secure-delete', 1);

INSERT INTO comment_search (rowid, status, author_name, author_email, body)
SELECT id, status, author_name, author_email, body FROM comments;

CREATE TRIGGER comment_search_insert AFTER INSERT ON comments
BEGIN
    INSERT INTO comment_search (rowid, status, author_name, author_email, body)
    VALUES (new.id, new.status, new.author_name, new.author_email, new.body);
END;

CREATE TRIGGER comment_search_update AFTER UPDATE OF status, author_name, author_email, body ON comments
BEGIN
    DELETE FROM comment_search WHERE rowid = old.id;
    INSERT INTO comment_search (rowid, status, author_name, author_email, body)
    VALUES (new.id, new.status, new.author_name, new.author_email, new.body);
END;

CREATE TRIGGER comment_search_delete AFTER DELETE ON comments
BEGIN DELETE FROM comment_search WHERE rowid = old.id; END;
