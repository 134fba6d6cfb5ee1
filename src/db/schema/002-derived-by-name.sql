-- acctplan schema version 2: from version 1 (release 0.1.0) to what release
-- 0.2.0 writes. Run by db.c in the same transaction as every other missing
-- step and the user_version bump; released, it is never edited (a change
-- is a new numbered file: doc/schema.md).

-- 1. The derived tables name quadrants ('repair', 'protect', 'grow',
-- 'fix_basics', 'no_feedback', as quadrant_name() spells them) instead of
-- the numbers of a C enum, so the file does not depend on an enum's order.
-- They hold only what a refresh computes from the core tables, so they are
-- dropped and made again here, empty, and the cleared fingerprint makes the
-- next refresh build them in full. The defect figures are made again with
-- them. IF EXISTS: a file written by a build before 0.1.0 may lack some.
DROP TABLE IF EXISTS account_cache;
DROP TABLE IF EXISTS cache_totals;
DROP TABLE IF EXISTS defect_account;
DROP TABLE IF EXISTS defect_cache;
DELETE FROM cache_state WHERE key = 'fingerprint';
DELETE FROM cache_dirty;

CREATE TABLE account_cache (
  account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  nps           REAL,
  counted       INTEGER NOT NULL DEFAULT 0,
  share         REAL,
  quadrant      TEXT NOT NULL
                CHECK (quadrant IN ('repair','protect','grow','fix_basics','no_feedback')),
  rank_group    INTEGER NOT NULL,
  rank_value    INTEGER NOT NULL,
  last_response TEXT
);
CREATE INDEX account_cache_rank ON account_cache(rank_group, rank_value DESC);
-- The board's figures per quadrant over the active accounts, rebuilt from
-- account_cache whenever a refresh changes any row of it.
CREATE TABLE cache_totals (
  quadrant      TEXT PRIMARY KEY
                CHECK (quadrant IN ('repair','protect','grow','fix_basics','no_feedback')),
  accounts      INTEGER NOT NULL,
  revenue       INTEGER NOT NULL,
  nps_sum       REAL NOT NULL,
  nps_count     INTEGER NOT NULL
) WITHOUT ROWID;
-- The figures behind the defect ranking: defect_account holds each
-- account's responses in the window per defect it cites (defect_id 0: all
-- its responses in the window); defect_cache sums it per defect (row 0: the
-- window's totals) and counts each defect's open problems.
CREATE TABLE defect_account (
  defect_id     INTEGER NOT NULL,     -- defects.id, or 0 for every response
  account_id    INTEGER NOT NULL,
  tagged        INTEGER NOT NULL,     -- its responses in the window with the tag
  tagged_sum    REAL NOT NULL,        -- their scores' sum
  last_cited    TEXT NOT NULL,        -- the newest of them
  PRIMARY KEY (defect_id, account_id)
) WITHOUT ROWID;
CREATE INDEX defect_account_account ON defect_account(account_id);
CREATE TABLE defect_cache (
  defect_id     INTEGER PRIMARY KEY,  -- defects.id, or 0 for the window's totals
  tagged        INTEGER NOT NULL DEFAULT 0,
  tagged_sum    REAL NOT NULL DEFAULT 0,
  accounts      INTEGER NOT NULL DEFAULT 0,
  open_problems INTEGER NOT NULL DEFAULT 0  -- not reported back
);

-- 2. What a build before 0.1.0 may have left out, which that release's
-- builds added at run time: the index that counts each defect's open
-- problems, the triggers that mark an account dirty when its tags or
-- problems change, and the search tables with their triggers (filled from
-- accounts when new). A file 0.1.0 wrote has all of it: only the index is
-- made again.
DROP INDEX IF EXISTS problems_defect;
CREATE INDEX problems_defect ON problems(defect_id, status);

CREATE TRIGGER IF NOT EXISTS feedback_defects_ins AFTER INSERT ON feedback_defects BEGIN
  INSERT INTO cache_dirty SELECT account_id FROM feedback WHERE id = NEW.feedback_id ON CONFLICT DO NOTHING; END;
CREATE TRIGGER IF NOT EXISTS feedback_defects_del AFTER DELETE ON feedback_defects BEGIN
  INSERT INTO cache_dirty SELECT account_id FROM feedback WHERE id = OLD.feedback_id ON CONFLICT DO NOTHING; END;
CREATE TRIGGER IF NOT EXISTS feedback_defects_upd AFTER UPDATE ON feedback_defects BEGIN
  INSERT INTO cache_dirty SELECT account_id FROM feedback
    WHERE id IN (OLD.feedback_id, NEW.feedback_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER IF NOT EXISTS problems_ins AFTER INSERT ON problems BEGIN
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER IF NOT EXISTS problems_del AFTER DELETE ON problems BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER IF NOT EXISTS problems_upd AFTER UPDATE OF account_id, defect_id, status ON problems BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;

CREATE TABLE IF NOT EXISTS account_text (
  id            INTEGER PRIMARY KEY,  -- accounts.id
  text          TEXT NOT NULL,
  status        TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS account_search USING fts5(text, content = 'account_text',
  content_rowid = 'id', tokenize = 'trigram');
INSERT INTO account_text(id, text, status)
  SELECT id, name || char(31) || owner || char(31) || segment, status FROM accounts
  WHERE id NOT IN (SELECT id FROM account_text);
INSERT INTO account_search(account_search) SELECT 'rebuild'
  WHERE EXISTS (SELECT 1 FROM account_text) AND NOT EXISTS (SELECT 1 FROM account_search_docsize);

CREATE TRIGGER IF NOT EXISTS account_text_ins AFTER INSERT ON accounts BEGIN
  -- a REPLACE may have removed an old row without its delete trigger
  INSERT INTO account_search(account_search, rowid, text)
    SELECT 'delete', id, text FROM account_text WHERE id = NEW.id;
  INSERT OR REPLACE INTO account_text(id, text, status)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment, NEW.status);
  INSERT INTO account_search(rowid, text)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment); END;
CREATE TRIGGER IF NOT EXISTS account_text_upd AFTER UPDATE OF id, name, owner, segment, status ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, text)
    SELECT 'delete', id, text FROM account_text WHERE id IN (OLD.id, NEW.id);
  DELETE FROM account_text WHERE id IN (OLD.id, NEW.id);
  INSERT INTO account_text(id, text, status)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment, NEW.status);
  INSERT INTO account_search(rowid, text)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment); END;
CREATE TRIGGER IF NOT EXISTS account_text_del AFTER DELETE ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, text)
    SELECT 'delete', id, text FROM account_text WHERE id = OLD.id;
  DELETE FROM account_text WHERE id = OLD.id; END;

-- 3. Rules every program must keep when it writes, as triggers: a CHECK
-- would need the table rebuilt and would refuse the file if an old row
-- broke it, while a trigger checks only new writes and leaves the rows a
-- file already holds as they are.
-- A pre-call note gives a reason only when it is not a good time.
CREATE TRIGGER notes_reason_ins BEFORE INSERT ON notes
  WHEN NEW.reason IS NOT NULL AND coalesce(NEW.good_time, '') NOT IN ('no', 'unsure') BEGIN
  SELECT RAISE(ABORT, 'a note gives a reason only with good_time no or unsure'); END;
CREATE TRIGGER notes_reason_upd BEFORE UPDATE OF good_time, reason ON notes
  WHEN NEW.reason IS NOT NULL AND coalesce(NEW.good_time, '') NOT IN ('no', 'unsure') BEGIN
  SELECT RAISE(ABORT, 'a note gives a reason only with good_time no or unsure'); END;
-- A defect code is 1 to 40 letters, digits, '-' and '_'.
CREATE TRIGGER defects_code_ins BEFORE INSERT ON defects
  WHEN NEW.code IS NULL OR length(NEW.code) NOT BETWEEN 1 AND 40
    OR NEW.code GLOB '*[^A-Za-z0-9_-]*' BEGIN
  SELECT RAISE(ABORT, 'a defect code is 1 to 40 letters, digits, ''-'' or ''_'''); END;
CREATE TRIGGER defects_code_upd BEFORE UPDATE OF code ON defects
  WHEN NEW.code IS NULL OR length(NEW.code) NOT BETWEEN 1 AND 40
    OR NEW.code GLOB '*[^A-Za-z0-9_-]*' BEGIN
  SELECT RAISE(ABORT, 'a defect code is 1 to 40 letters, digits, ''-'' or ''_'''); END;
