-- The words each search index holds, one row each: a search looks up the
-- index's words that its last word begins and asks the index for those whole
-- words, which FTS5 reads only as far as a page or a count needs, instead of
-- the prefix, whose matches it gathers in full for every statement. Views of
-- the indexes' own data: nothing is stored twice.
CREATE VIRTUAL TABLE post_search_terms USING fts5vocab (post_search, row);
CREATE VIRTUAL TABLE comment_search_terms USING fts5vocab (comment_search, row);
