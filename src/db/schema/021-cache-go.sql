-- acctplan schema version 21: the accounts on the board that no hold
-- stops, in priority order, from an index of their own. The walk of the
-- plays that go (src/db/plays.c) read them off account_cache_held (step
-- 13), whose entries with held = 0 begin, on a book whose first priority
-- groups are all held, with every account off the board in those groups:
-- some 25,000 on the million-account book, each stepped over (30 M
-- instructions, about 6 ms of the Plays view's status key). The partial
-- index holds only the accounts that walk wants. Derived from the cache
-- rows, so it is made from the rows the file holds.
-- Released, this file is never edited (doc/schema.md).
CREATE INDEX account_cache_go ON account_cache(rank_group, rank_value DESC)
  WHERE held = 0 AND active = 1;
