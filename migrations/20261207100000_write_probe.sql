-- While readers' comments cannot be stored (a full disk, say), /healthz tries
-- a small write here to tell when writes work again: a row of one page is
-- added and removed in one transaction. Empty otherwise.
CREATE TABLE write_probe (
    id      INTEGER PRIMARY KEY,
    filler  BLOB    NOT NULL
);
