-- "Require two-step sign-in for every account": an account without a second
-- factor is taken to set one up before any other admin page.
ALTER TABLE site_settings ADD COLUMN require_two_step INTEGER NOT NULL DEFAULT 0
    CHECK (require_two_step IN (0, 1));
