-- Search: readers find published posts and pages by their words, moderators
-- find comments by author, address or text. Both indexes are FTS5 tables over
-- the rows they index ("external content"), kept in step by triggers in the
-- transaction that writes those rows. (Plain FTS5 with triggers, so that any
-- SQLite from 3.9 on, Debian's sqlite3 included, can still write to the
-- tables they watch.)

-- Posts and pages, drafts included (what is public is decided when searching,
-- by the same condition as everywhere else), as Folio normalises them
-- (`domain::search`: case, accents, and German ae/oe/ue/ss for ä/ö/ü/ß, which
-- SQL alone cannot do). Folio writes a post's row here in the transaction that
-- saves the post; a post without one (every post when this migration runs) is
-- indexed by `folio migrate` and at every start.
CREATE TABLE post_search_text (
    post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    title   TEXT    NOT NULL,
    body    TEXT    NOT NULL
);

CREATE VIRTUAL TABLE post_search USING fts5 (
    title,
    body,
    content = 'post_search_text',
    content_rowid = 'post_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER post_search_insert AFTER INSERT ON post_search_text
BEGIN
    INSERT INTO post_search (rowid, title, body) VALUES (new.post_id, new.title, new.body);
END;

CREATE TRIGGER post_search_update AFTER UPDATE ON post_search_text
BEGIN
    INSERT INTO post_search (post_search, rowid, title, body)
    VALUES ('delete', old.post_id, old.title, old.body);
    INSERT INTO post_search (rowid, title, body) VALUES (new.post_id, new.title, new.body);
END;

CREATE TRIGGER post_search_delete AFTER DELETE ON post_search_text
BEGIN
    INSERT INTO post_search (post_search, rowid, title, body)
    VALUES ('delete', old.post_id, old.title, old.body);
END;

-- Comments as written (the tokenizer folds case and accents). The status is
-- indexed too, so that a search within one status of the queue (and its
-- count) is answered by the index alone.
CREATE VIRTUAL TABLE comment_search USING fts5 (
    status,
    author_name,
    author_email,
    body,
    content = 'comments',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER comment_search_insert AFTER INSERT ON comments
BEGIN
    INSERT INTO comment_search (rowid, status, author_name, author_email, body)
    VALUES (new.id, new.status, new.author_name, new.author_email, new.body);
END;

CREATE TRIGGER comment_search_update AFTER UPDATE OF status, author_name, author_email, body ON comments
BEGIN
    INSERT INTO comment_search (comment_search, rowid, status, author_name, author_email, body)
    VALUES ('delete', old.id, old.status, old.author_name, old.author_email, old.body);
    INSERT INTO comment_search (rowid, status, author_name, author_email, body)
    VALUES (new.id, new.status, new.author_name, new.author_email, new.body);
END;

CREATE TRIGGER comment_search_delete AFTER DELETE ON comments
BEGIN
    INSERT INTO comment_search (comment_search, rowid, status, author_name, author_email, body)
    VALUES ('delete', old.id, old.status, old.author_name, old.author_email, old.body);
END;

INSERT INTO comment_search (comment_search) VALUES ('rebuild');

-- No 'secure-delete' here: SQLite 3.46's FTS5 reports its own index as
-- malformed after an UPDATE of a row in that mode (PRAGMA integrity_check).
-- An erasure instead merges the comment index at once ('optimize', in
-- db/privacy.rs), so that no token of an erased address stays in it.
