-- acctplan schema version 1. Every id is a random 63-bit integer, so two
-- copies of a file never mint the same id. Dates are 'YYYY-MM-DD' text,
-- timestamps 'YYYY-MM-DD HH:MM:SS' UTC. Every column outside the core list
-- has a default, so another program can insert naming only core columns.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) > 0),
  owner         TEXT NOT NULL DEFAULT '',
  segment       TEXT NOT NULL DEFAULT '',
  fit           TEXT NOT NULL DEFAULT 'unknown' CHECK (fit IN ('good','poor','unknown')),
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','lost','prospect')),
  revenue       INTEGER NOT NULL DEFAULT 0 CHECK (revenue >= 0),
  wallet        INTEGER CHECK (wallet IS NULL OR wallet >= 0),
  external_ref  TEXT,
  created_at    TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at    TEXT NOT NULL DEFAULT (datetime('now')),
  -- a hold set or lifted by hand wins while the account stays in hold_quadrant
  hold_manual   TEXT CHECK (hold_manual IS NULL OR hold_manual IN ('set','lifted')),
  hold_reason   TEXT,
  hold_on       TEXT,
  hold_quadrant TEXT,
  won_on        TEXT,           -- last won sale: check-ins at +7, +30, +90 days
  lost_reason   TEXT,           -- for status 'lost': the win-back plan
  lost_to       TEXT,
  winback_plan  TEXT
);
CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE);
CREATE INDEX accounts_owner ON accounts(owner);
-- the agenda's post-sale check-ins
CREATE INDEX accounts_won ON accounts(won_on) WHERE won_on IS NOT NULL;

CREATE TABLE contacts (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  title         TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL DEFAULT 'other'
                CHECK (role IN ('decision_maker','influencer','user','other')),
  email         TEXT,
  phone         TEXT,
  external_ref  TEXT
);
CREATE INDEX contacts_account ON contacts(account_id);

CREATE TABLE feedback (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  responded_on  TEXT NOT NULL CHECK (responded_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment       TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  external_ref  TEXT
);
-- covers the per-account reads (NPS trend, cache rebuild): no row lookups
CREATE INDEX feedback_account ON feedback(account_id, responded_on, contact_id, score);
CREATE INDEX feedback_contact ON feedback(contact_id);
CREATE INDEX feedback_date ON feedback(responded_on);
-- the agenda's detractor follow-ups, day by day
CREATE INDEX feedback_detractor ON feedback(responded_on) WHERE score <= 6;

CREATE TABLE defects (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  category      TEXT NOT NULL CHECK (category IN ('product','price','service'))
);

CREATE TABLE feedback_defects (
  feedback_id   INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
  defect_id     INTEGER NOT NULL REFERENCES defects(id) ON DELETE CASCADE,
  PRIMARY KEY (feedback_id, defect_id)
) WITHOUT ROWID;
CREATE INDEX feedback_defects_defect ON feedback_defects(defect_id);

CREATE TABLE problems (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  defect_id     INTEGER REFERENCES defects(id) ON DELETE SET NULL,
  feedback_id   INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
  contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  title         TEXT NOT NULL,
  category      TEXT NOT NULL CHECK (category IN ('product','price','service')),
  status        TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open','root_cause','fixing','resolved','reported_back')),
  owner         TEXT NOT NULL DEFAULT '',
  opened_on     TEXT NOT NULL,
  resolved_on   TEXT,
  reported_on   TEXT,
  root_cause    TEXT NOT NULL DEFAULT '',
  reported_back TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problems_account ON problems(account_id);
CREATE INDEX problems_feedback ON problems(feedback_id);

CREATE TABLE notes (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  feedback_id     INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL DEFAULT 'general'
                  CHECK (kind IN ('precall','call','followup','checkin','referral','winback','general')),
  body            TEXT NOT NULL DEFAULT '',
  good_time       TEXT CHECK (good_time IS NULL OR good_time IN ('yes','no','unsure')),
  reason          TEXT CHECK (reason IS NULL OR reason IN
                    ('vacation','budget_cycle','open_problem','reorganisation','other')),
  next_contact_on TEXT,
  created_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX notes_account ON notes(account_id, created_at);
CREATE INDEX notes_feedback ON notes(feedback_id);
-- the next-contact date shown beside each account
CREATE INDEX notes_next ON notes(account_id, next_contact_on) WHERE next_contact_on IS NOT NULL;

CREATE TABLE conditions (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  text          TEXT NOT NULL,
  met_on        TEXT,
  created_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX conditions_account ON conditions(account_id);

CREATE TABLE snapshots (
  taken_on      TEXT NOT NULL,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  nps           REAL,
  share         REAL,
  quadrant      TEXT NOT NULL,
  PRIMARY KEY (account_id, taken_on)
) WITHOUT ROWID;

-- Derived data: where each account stands, as of cache_state. Rebuilt when
-- today, the window, the thresholds or the weights change; the triggers
-- below mark accounts dirty whenever any program writes what it depends on.
CREATE TABLE account_cache (
  account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  nps           REAL,
  counted       INTEGER NOT NULL DEFAULT 0,
  share         REAL,
  quadrant      INTEGER NOT NULL,
  rank_group    INTEGER NOT NULL,
  rank_value    INTEGER NOT NULL,
  last_response TEXT
);
CREATE INDEX account_cache_rank ON account_cache(rank_group, rank_value DESC);
-- The board's figures per quadrant over the active accounts, rebuilt from
-- account_cache whenever a refresh changes any row of it.
CREATE TABLE cache_totals (
  quadrant      INTEGER PRIMARY KEY,
  accounts      INTEGER NOT NULL,
  revenue       INTEGER NOT NULL,
  nps_sum       REAL NOT NULL,
  nps_count     INTEGER NOT NULL
);
CREATE TABLE cache_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE cache_dirty (account_id INTEGER PRIMARY KEY);
-- The triggers skip an account already marked with ON CONFLICT DO NOTHING,
-- not INSERT OR IGNORE: a foreign key's ON DELETE SET NULL runs them under
-- ABORT, which overrides an OR clause but not an upsert.

CREATE TRIGGER feedback_ins AFTER INSERT ON feedback BEGIN
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_del AFTER DELETE ON feedback BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_upd AFTER UPDATE ON feedback BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_ins AFTER INSERT ON accounts BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_upd AFTER UPDATE OF revenue, wallet, fit, status ON accounts BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_del AFTER DELETE ON accounts BEGIN
  INSERT INTO cache_dirty VALUES (OLD.id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER contacts_upd AFTER UPDATE OF role, account_id ON contacts BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER contacts_del AFTER DELETE ON contacts BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING; END;

-- @defect-figures
-- Derived data: the figures behind the defect ranking, as of cache_state.
-- defect_account holds each account's responses in the window per defect
-- it cites (defect_id 0: all its responses in the window), so a refresh
-- recomputes only its dirty accounts; defect_cache sums it per defect
-- (row 0: the window's totals) and counts each defect's open problems.
-- A tag, or a problem, written by any program marks its account dirty;
-- the catalogue itself (code, title, category) is read live, and removing
-- a defect reaches the cache through its tags and problems. A file made
-- before this part of the schema gets it, from marker to marker, at its
-- next refresh (db_refresh()).
CREATE TABLE defect_account (
  defect_id     INTEGER NOT NULL,     -- defects.id, or 0 for every response
  account_id    INTEGER NOT NULL,
  tagged        INTEGER NOT NULL,     -- its responses in the window with the tag
  tagged_sum    REAL NOT NULL,        -- their scores' sum
  last_cited    TEXT NOT NULL,        -- the newest of them
  PRIMARY KEY (defect_id, account_id)
) WITHOUT ROWID;
CREATE INDEX defect_account_account ON defect_account(account_id);
-- (defect_id, status): each defect's open problems, counted in the index
CREATE INDEX problems_defect ON problems(defect_id, status);
CREATE TABLE defect_cache (
  defect_id     INTEGER PRIMARY KEY,  -- defects.id, or 0 for the window's totals
  tagged        INTEGER NOT NULL DEFAULT 0,
  tagged_sum    REAL NOT NULL DEFAULT 0,
  accounts      INTEGER NOT NULL DEFAULT 0,
  open_problems INTEGER NOT NULL DEFAULT 0  -- not reported back
);

CREATE TRIGGER feedback_defects_ins AFTER INSERT ON feedback_defects BEGIN
  INSERT INTO cache_dirty SELECT account_id FROM feedback WHERE id = NEW.feedback_id ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_defects_del AFTER DELETE ON feedback_defects BEGIN
  INSERT INTO cache_dirty SELECT account_id FROM feedback WHERE id = OLD.feedback_id ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_defects_upd AFTER UPDATE ON feedback_defects BEGIN
  INSERT INTO cache_dirty SELECT account_id FROM feedback
    WHERE id IN (OLD.feedback_id, NEW.feedback_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER problems_ins AFTER INSERT ON problems BEGIN
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER problems_del AFTER DELETE ON problems BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER problems_upd AFTER UPDATE OF account_id, defect_id, status ON problems BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
-- @end-defect-figures

-- Derived data: the search behind filter-as-you-type. account_text holds
-- name, owner and segment of each account joined by char(31), and its
-- status: a narrow table that a short query scans and a count of matches
-- reads instead of the wide accounts rows; account_search indexes it by trigram
-- (FTS5, external content), so a query of three characters or more looks
-- its matches up. Only these triggers write either table; they run for
-- every program that writes accounts. A bulk load drops the triggers and
-- rebuilds both tables at its end (db_bulk_end()).
CREATE TABLE account_text (
  id            INTEGER PRIMARY KEY,  -- accounts.id
  text          TEXT NOT NULL,
  status        TEXT NOT NULL
);
CREATE VIRTUAL TABLE account_search USING fts5(text, content = 'account_text',
  content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER account_text_ins AFTER INSERT ON accounts BEGIN
  -- a REPLACE may have removed an old row without its delete trigger
  INSERT INTO account_search(account_search, rowid, text)
    SELECT 'delete', id, text FROM account_text WHERE id = NEW.id;
  INSERT OR REPLACE INTO account_text(id, text, status)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment, NEW.status);
  INSERT INTO account_search(rowid, text)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment); END;
CREATE TRIGGER account_text_upd AFTER UPDATE OF id, name, owner, segment, status ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, text)
    SELECT 'delete', id, text FROM account_text WHERE id IN (OLD.id, NEW.id);
  DELETE FROM account_text WHERE id IN (OLD.id, NEW.id);
  INSERT INTO account_text(id, text, status)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment, NEW.status);
  INSERT INTO account_search(rowid, text)
    VALUES (NEW.id, NEW.name || char(31) || NEW.owner || char(31) || NEW.segment); END;
CREATE TRIGGER account_text_del AFTER DELETE ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, text)
    SELECT 'delete', id, text FROM account_text WHERE id = OLD.id;
  DELETE FROM account_text WHERE id = OLD.id; END;
