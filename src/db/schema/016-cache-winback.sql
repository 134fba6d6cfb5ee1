-- acctplan schema version 16: each lost account's next win-back review
-- on its cache row. The review is the rule's (agenda_winback_due(): the
-- day it was lost, the last win-back note since, winback_days), and the
-- Win-back view, the agenda and the plays each worked it out again from
-- a subquery over the account's notes, the view for every lost account
-- before it could order them (42,000 on the million-account book, 390
-- million instructions). The refresh now works it out once, when the
-- account is rebuilt, and the three read it:
--   winback       0: not lost; 1: lost, a review to come; 2: lost, the
--                 win-back given up or no day it was lost (no review)
--   winback_due   the next review, 'YYYY-MM-DD' when winback is 1, else ''
--   winback_step  which review it is (1: the first), 0 when there is none
--   winback_name  the account's name when it is lost, else ''
-- The index orders the lost accounts as the Win-back view lists them (by
-- next review, those with none last; the name in any case, then the id,
-- break ties), so the view reads a page of them from the index alone, even
-- where every lost account has no review and the name is the whole order,
-- and the agenda finds the reviews due in a range of days. A win-back note
-- written, moved or deleted, and a lost account's day lost, win-back
-- dropped or name changed, now mark the account for the next refresh, as
-- its feedback does; the lost accounts the file holds are marked here, so
-- that refresh fills their rows. Released, this file is never edited
-- (doc/schema.md).
ALTER TABLE account_cache ADD COLUMN winback INTEGER NOT NULL DEFAULT 0
  CHECK (winback IN (0, 1, 2));
ALTER TABLE account_cache ADD COLUMN winback_due TEXT NOT NULL DEFAULT '';
ALTER TABLE account_cache ADD COLUMN winback_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_cache ADD COLUMN winback_name TEXT NOT NULL DEFAULT '';
CREATE INDEX account_cache_winback ON account_cache(winback, winback_due,
  winback_name COLLATE NOCASE, account_id, owner) WHERE winback > 0;
CREATE TRIGGER notes_winback_ins AFTER INSERT ON notes WHEN NEW.kind = 'winback' BEGIN
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER notes_winback_del AFTER DELETE ON notes WHEN OLD.kind = 'winback' BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER notes_winback_upd AFTER UPDATE OF kind, created_at, account_id ON notes
  WHEN OLD.kind = 'winback' OR NEW.kind = 'winback' BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_winback_upd AFTER UPDATE OF lost_on, winback_dropped_on ON accounts BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_winback_name AFTER UPDATE OF name ON accounts
  WHEN NEW.status = 'lost' BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;
INSERT INTO cache_dirty SELECT id FROM accounts WHERE status = 'lost' ON CONFLICT DO NOTHING;
