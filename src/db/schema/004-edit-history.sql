-- acctplan schema version 4: the edit history, and updated_at on every table
-- people edit. Run by db.c in the same transaction as every other missing
-- step and the user_version bump; once released, never edited (doc/schema.md).

-- 1. The edit history: the values before and after of every row a change
-- made by hand wrote, read by `acctplan undo` (and by sync). One change (one
-- command, one form saved: one undo step) is the rows that share a
-- change_id, in seq order. A row's values are a JSON object of its columns
-- (json_object() over the table's columns as they were when it was
-- written), old NULL for an insert and new NULL for a delete. An undone
-- change stays, marked undone, so sync can still see what happened.
CREATE TABLE edits (
  id         INTEGER PRIMARY KEY,            -- random 63-bit, as every table's
  seq        INTEGER NOT NULL UNIQUE,        -- the order of the writes in this file
  change_id  INTEGER NOT NULL,               -- one change: one undo step
  made_at    TEXT NOT NULL DEFAULT (datetime('now')),   -- 'YYYY-MM-DD HH:MM:SS' UTC
  origin     TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local','import','sync')),
  tbl        TEXT NOT NULL,                  -- the table written
  row_id     INTEGER NOT NULL,               -- its id (feedback_defects, snapshots: the
                                             -- response's, the account's)
  op         TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  old        TEXT CHECK (old IS NULL OR json_valid(old)),   -- the row before; NULL: insert
  new        TEXT CHECK (new IS NULL OR json_valid(new)),   -- after; NULL: delete
  summary    TEXT NOT NULL DEFAULT '',       -- what the change did, in a few words
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  undone_at  TEXT                            -- when it was taken back
);
CREATE INDEX edits_change ON edits(change_id);
CREATE INDEX edits_row ON edits(tbl, row_id, seq);

-- 2. updated_at on every table people edit (accounts has it already): when
-- a row was last written, 'YYYY-MM-DD HH:MM:SS' UTC. acctplan stamps its
-- own writes; the triggers keep it true for every other program: a row
-- inserted without one gets the time, and an update that changes a row but
-- leaves updated_at as it was gets a fresh one.
ALTER TABLE contacts ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE problems ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE conditions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE defects ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE contacts SET updated_at = datetime('now');
UPDATE feedback SET updated_at = responded_on || ' 00:00:00';
UPDATE notes SET updated_at = created_at;
UPDATE problems SET updated_at = coalesce(reported_on, resolved_on, opened_on) || ' 00:00:00';
UPDATE conditions SET updated_at = created_at;
UPDATE defects SET updated_at = datetime('now');
UPDATE actions SET updated_at = created_at;

CREATE TRIGGER contacts_stamp_ins AFTER INSERT ON contacts WHEN NEW.updated_at = '' BEGIN
  UPDATE contacts SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER feedback_stamp_ins AFTER INSERT ON feedback WHEN NEW.updated_at = '' BEGIN
  UPDATE feedback SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER notes_stamp_ins AFTER INSERT ON notes WHEN NEW.updated_at = '' BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER problems_stamp_ins AFTER INSERT ON problems WHEN NEW.updated_at = '' BEGIN
  UPDATE problems SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER conditions_stamp_ins AFTER INSERT ON conditions WHEN NEW.updated_at = '' BEGIN
  UPDATE conditions SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER defects_stamp_ins AFTER INSERT ON defects WHEN NEW.updated_at = '' BEGIN
  UPDATE defects SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER actions_stamp_ins AFTER INSERT ON actions WHEN NEW.updated_at = '' BEGIN
  UPDATE actions SET updated_at = datetime('now') WHERE id = NEW.id; END;

CREATE TRIGGER accounts_stamp_upd AFTER UPDATE ON accounts
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE accounts SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER contacts_stamp_upd AFTER UPDATE ON contacts
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE contacts SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER feedback_stamp_upd AFTER UPDATE ON feedback
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE feedback SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER notes_stamp_upd AFTER UPDATE ON notes
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER problems_stamp_upd AFTER UPDATE ON problems
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE problems SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER conditions_stamp_upd AFTER UPDATE ON conditions
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE conditions SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER defects_stamp_upd AFTER UPDATE ON defects
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE defects SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER actions_stamp_upd AFTER UPDATE ON actions
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE actions SET updated_at = datetime('now') WHERE id = NEW.id; END;

-- 3. The day an account was marked lost (`acctplan account lost --on`),
-- beside the win-back plan's other columns.
ALTER TABLE accounts ADD COLUMN lost_on TEXT;
