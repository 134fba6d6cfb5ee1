-- acctplan schema version 9: the account cache says whether an account's
-- plays wait for its hold (play_held(): an active account on hold, or
-- any account on a hold set by hand), so that the plays that go are read
-- off an index in priority order instead of walking the held accounts at
-- the head of it (on the 100,000-account book, a third of the book sits
-- in repair and fix-the-basics before the first play that goes). Derived
-- data, like every column of account_cache: the hold's inputs (the
-- quadrant, open readiness conditions, the hold set by hand, the status)
-- already mark their account for the next refresh. Released, this file is
-- never edited (doc/schema.md).
ALTER TABLE account_cache ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
CREATE INDEX account_cache_held ON account_cache(held, rank_group, rank_value DESC);

-- The next refresh rebuilds every account, filling the new column.
DELETE FROM cache_state WHERE key = 'fingerprint';
