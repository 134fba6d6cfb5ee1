-- acctplan schema version 15: each row of history keeps what the
-- account's row before it said of its NPS, share and status (nps_before,
-- share_before, status_before; NULL on an account's first row), and the
-- index snapshots_trail holds a day's rows with those and what they say
-- now. The scatter plot's trails go from where each account stood at the
-- last standup to where it stands now: the row before its first row since
-- then, and its last row. They were found by grouping every row since and
-- reading two more rows of each account (222M instructions for 11,418
-- accounts in a week on the million-account book); now one walk of the
-- index reads them. Derived from the rows themselves: written with each
-- row (history.c), and here for the rows the file holds. Released, this
-- file is never edited (doc/schema.md).
ALTER TABLE snapshots ADD COLUMN nps_before REAL;
ALTER TABLE snapshots ADD COLUMN share_before REAL;
ALTER TABLE snapshots ADD COLUMN status_before TEXT;
UPDATE snapshots SET (nps_before, share_before, status_before) = (SELECT p.nps, p.share, p.status
  FROM snapshots p WHERE p.account_id = snapshots.account_id
    AND p.taken_on < snapshots.taken_on ORDER BY p.taken_on DESC LIMIT 1);
CREATE INDEX snapshots_trail ON snapshots(taken_on, account_id, nps, share, quadrant, status,
  nps_before, share_before, status_before);
