-- acctplan schema version 14: each row of history says whether it moved
-- the account to another quadrant, hold or status than its row before
-- (snapshots.moved; an account's first row moved it onto the board), and
-- the partial index snapshots_moved finds those rows by day. The standup
-- lists the accounts whose quadrant, hold or status is not what it was at
-- the last standup; only an account with such a row since can be one. It
-- used to read every account with a row since (11,418 in a week on the
-- million-account book, most of them moved only within a quadrant) to
-- find the 2,310 that moved. Derived from the rows themselves: written
-- with each row (history.c), and here for the rows the file holds.
-- Released, this file is never edited (doc/schema.md).
ALTER TABLE snapshots ADD COLUMN moved INTEGER NOT NULL DEFAULT 1 CHECK (moved IN (0, 1));
UPDATE snapshots SET moved = coalesce((SELECT p.quadrant IS NOT snapshots.quadrant
    OR p.hold IS NOT snapshots.hold OR p.status IS NOT snapshots.status
  FROM snapshots p WHERE p.account_id = snapshots.account_id
    AND p.taken_on < snapshots.taken_on ORDER BY p.taken_on DESC LIMIT 1), 1);
CREATE INDEX snapshots_moved ON snapshots(taken_on) WHERE moved = 1;
