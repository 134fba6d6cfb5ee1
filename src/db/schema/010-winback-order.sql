-- acctplan schema version 10: the lost accounts in the Win-back view's
-- order of names, with all its list needs to order them by their next
-- review (the owner, lost_on, winback_dropped_on): the view reads this
-- index alone, not each lost account's wide row, a few thousand of them on
-- a 100,000-account book and tens of thousands on a million. Released,
-- this file is never edited (doc/schema.md).
CREATE INDEX accounts_lost_order ON accounts(name COLLATE NOCASE, id, owner, lost_on,
  winback_dropped_on, status) WHERE status = 'lost';
