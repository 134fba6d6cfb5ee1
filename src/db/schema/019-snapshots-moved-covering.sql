-- acctplan schema version 19: the standup finds the accounts that moved
-- since the last standup from an index alone. snapshots_moved (step 14)
-- held the day of each row that moved its account, WHERE moved = 1; SQLite
-- 3.40 reads a column of a partial index's WHERE from the row unless the
-- index holds it, so each of the week's moved rows (some 2,300 on the
-- million-account book) was read from the table before its account was
-- looked at. The index is made again holding moved too, as step 17 did
-- for feedback_detractor and its score.
-- Released, this file is never edited (doc/schema.md).
DROP INDEX snapshots_moved;
CREATE INDEX snapshots_moved ON snapshots(taken_on, moved) WHERE moved = 1;
