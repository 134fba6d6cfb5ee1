-- acctplan schema version 13: the plays that go are read past the accounts
-- that cannot have a play without reading their rows. An account has
-- plays when it is active, lost with its win-back still open, or given
-- plays by its CRM. The walk for the plays that go starts in rank groups
-- whose active accounts are all held, so it first passes every lost and
-- prospect account there (24,839 on the million-account book, 2,463 on
-- the 100,000-account one), and reading each one's row to learn its
-- status cost about 5,000 instructions. So the index account_cache_held
-- also holds whether the account is active (made again with the column
-- last; its name and its order stay), and the lost accounts still to win
-- back have a partial index of their own, looked up by id. Released, this
-- file is never edited (doc/schema.md).
DROP INDEX account_cache_held;
CREATE INDEX account_cache_held ON account_cache(held, rank_group, rank_value DESC, active);
CREATE INDEX accounts_winback_open ON accounts(id)
  WHERE status = 'lost' AND lost_on IS NOT NULL AND winback_dropped_on IS NULL;
