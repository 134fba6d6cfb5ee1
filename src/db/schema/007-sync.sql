-- acctplan schema version 7: team sync through a shared folder (acctplan
-- sync DIR; doc/sync.md). Run by db.c in the same transaction as every
-- other missing step and the user_version bump; once released, never edited
-- (doc/schema.md).
--
-- What syncs are the core tables people write: accounts, contacts,
-- feedback, defects, feedback_defects, problems, notes, conditions, marks
-- and actions. Derived data (the account cache, the search tables, the
-- history of standings) and the edit history stay on each laptop.

-- 1. This book's sync state. sync_state holds the book's identity in the
-- team's folder ('instance': 16 hex digits, random; 'seq': the last file
-- it wrote; 'lamport': the highest logical clock it has seen; 'file_id':
-- the device and inode of the file that last synced, so that a copy of the
-- book is told from its original), and while a sync applies a teammate's
-- changes (never committed) 'applying', which the stamp triggers below
-- read. sync_files lists every changeset file this book wrote or applied,
-- by name; a file it wrote keeps its bytes in `pending` until they are in
-- the folder.
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sync_files (
  name       TEXT PRIMARY KEY,             -- LAMPORT-INSTANCE-SEQ.changeset
  instance   TEXT NOT NULL,                -- the writer's identity
  seq        INTEGER NOT NULL,             -- its files, numbered from 1
  lamport    INTEGER NOT NULL,             -- the order files are applied in
  size       INTEGER NOT NULL,             -- bytes
  hash       TEXT NOT NULL,                -- CRC-64 of the whole file, 16 hex digits
  own        INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),   -- written by this book
  changes    INTEGER NOT NULL DEFAULT 0,   -- rows it carries
  author     TEXT NOT NULL DEFAULT '',     -- who wrote it: user@host
  made_at    TEXT NOT NULL DEFAULT '',     -- when it was written, 'YYYY-MM-DD HH:MM:SS'
  applied_at TEXT NOT NULL DEFAULT '',     -- when this book wrote or applied it
  pending    BLOB                          -- own file not yet in the folder: its bytes
);
CREATE INDEX sync_files_instance ON sync_files(instance, seq);

-- 2. Which edit set each field's value, so that the later edit of a field
-- wins on every laptop whatever the order the files arrive in: the
-- updated_at of the change that wrote it and the writer's instance (a tie
-- goes to the greater). A field without a row here has its value from the
-- row's insert. A row's entries go with the row (the delete triggers
-- below).
CREATE TABLE sync_clock (
  tbl        TEXT NOT NULL,
  row_id     INTEGER NOT NULL,
  col        TEXT NOT NULL,
  stamp      TEXT NOT NULL,
  inst       TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID;

-- 3. What changed since the last sync, kept by triggers for every program
-- that writes (a response inserted with the sqlite3 shell travels like one
-- recorded with acctplan): sync_old_T holds one row per row of T written
-- since, with sync_ins 1 when the row was inserted since, and sync_pre 1
-- when its columns hold the row as it was before its first update or
-- delete since (typeless columns: values are kept exactly). A sync turns
-- them into the changeset it sends and empties them. A book built in bulk
-- (acctplan sample) starts with them empty: copies of it share that state.
CREATE TABLE sync_old_accounts (
  id, name, owner, segment, fit, status, revenue, wallet, external_ref, created_at, updated_at,
  hold_manual, hold_reason, hold_on, hold_quadrant, won_on, lost_reason, lost_to, winback_plan,
  lost_on,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER accounts_sync_ins AFTER INSERT ON accounts BEGIN
  INSERT INTO sync_old_accounts(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_sync_upd BEFORE UPDATE ON accounts BEGIN
  INSERT INTO sync_old_accounts(id, name, owner, segment, fit, status, revenue, wallet,
    external_ref, created_at, updated_at, hold_manual, hold_reason, hold_on, hold_quadrant,
    won_on, lost_reason, lost_to, winback_plan, lost_on, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.name, OLD.owner, OLD.segment, OLD.fit, OLD.status, OLD.revenue,
    OLD.wallet, OLD.external_ref, OLD.created_at, OLD.updated_at, OLD.hold_manual,
    OLD.hold_reason, OLD.hold_on, OLD.hold_quadrant, OLD.won_on, OLD.lost_reason, OLD.lost_to,
    OLD.winback_plan, OLD.lost_on, 0, 1)
    ON CONFLICT DO UPDATE SET name = excluded.name, owner = excluded.owner,
    segment = excluded.segment, fit = excluded.fit, status = excluded.status,
    revenue = excluded.revenue, wallet = excluded.wallet, external_ref = excluded.external_ref,
    created_at = excluded.created_at, updated_at = excluded.updated_at,
    hold_manual = excluded.hold_manual, hold_reason = excluded.hold_reason,
    hold_on = excluded.hold_on, hold_quadrant = excluded.hold_quadrant,
    won_on = excluded.won_on, lost_reason = excluded.lost_reason, lost_to = excluded.lost_to,
    winback_plan = excluded.winback_plan, lost_on = excluded.lost_on, sync_pre = 1 WHERE
    sync_pre = 0;
  INSERT INTO sync_old_accounts(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_sync_del BEFORE DELETE ON accounts BEGIN
  INSERT INTO sync_old_accounts(id, name, owner, segment, fit, status, revenue, wallet,
    external_ref, created_at, updated_at, hold_manual, hold_reason, hold_on, hold_quadrant,
    won_on, lost_reason, lost_to, winback_plan, lost_on, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.name, OLD.owner, OLD.segment, OLD.fit, OLD.status, OLD.revenue,
    OLD.wallet, OLD.external_ref, OLD.created_at, OLD.updated_at, OLD.hold_manual,
    OLD.hold_reason, OLD.hold_on, OLD.hold_quadrant, OLD.won_on, OLD.lost_reason, OLD.lost_to,
    OLD.winback_plan, OLD.lost_on, 0, 1)
    ON CONFLICT DO UPDATE SET name = excluded.name, owner = excluded.owner,
    segment = excluded.segment, fit = excluded.fit, status = excluded.status,
    revenue = excluded.revenue, wallet = excluded.wallet, external_ref = excluded.external_ref,
    created_at = excluded.created_at, updated_at = excluded.updated_at,
    hold_manual = excluded.hold_manual, hold_reason = excluded.hold_reason,
    hold_on = excluded.hold_on, hold_quadrant = excluded.hold_quadrant,
    won_on = excluded.won_on, lost_reason = excluded.lost_reason, lost_to = excluded.lost_to,
    winback_plan = excluded.winback_plan, lost_on = excluded.lost_on, sync_pre = 1 WHERE
    sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'accounts' AND row_id = OLD.id; END;

CREATE TABLE sync_old_contacts (
  id, account_id, name, title, role, email, phone, external_ref, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER contacts_sync_ins AFTER INSERT ON contacts BEGIN
  INSERT INTO sync_old_contacts(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER contacts_sync_upd BEFORE UPDATE ON contacts BEGIN
  INSERT INTO sync_old_contacts(id, account_id, name, title, role, email, phone, external_ref,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.name, OLD.title, OLD.role, OLD.email, OLD.phone,
    OLD.external_ref, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, name = excluded.name,
    title = excluded.title, role = excluded.role, email = excluded.email,
    phone = excluded.phone, external_ref = excluded.external_ref,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_contacts(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER contacts_sync_del BEFORE DELETE ON contacts BEGIN
  INSERT INTO sync_old_contacts(id, account_id, name, title, role, email, phone, external_ref,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.name, OLD.title, OLD.role, OLD.email, OLD.phone,
    OLD.external_ref, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, name = excluded.name,
    title = excluded.title, role = excluded.role, email = excluded.email,
    phone = excluded.phone, external_ref = excluded.external_ref,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'contacts' AND row_id = OLD.id; END;

CREATE TABLE sync_old_feedback (
  id, account_id, contact_id, responded_on, score, comment, source, external_ref, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER feedback_sync_ins AFTER INSERT ON feedback BEGIN
  INSERT INTO sync_old_feedback(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_sync_upd BEFORE UPDATE ON feedback BEGIN
  INSERT INTO sync_old_feedback(id, account_id, contact_id, responded_on, score, comment,
    source, external_ref, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.responded_on, OLD.score, OLD.comment,
    OLD.source, OLD.external_ref, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id,
    contact_id = excluded.contact_id, responded_on = excluded.responded_on,
    score = excluded.score, comment = excluded.comment, source = excluded.source,
    external_ref = excluded.external_ref, updated_at = excluded.updated_at, sync_pre = 1 WHERE
    sync_pre = 0;
  INSERT INTO sync_old_feedback(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_sync_del BEFORE DELETE ON feedback BEGIN
  INSERT INTO sync_old_feedback(id, account_id, contact_id, responded_on, score, comment,
    source, external_ref, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.responded_on, OLD.score, OLD.comment,
    OLD.source, OLD.external_ref, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id,
    contact_id = excluded.contact_id, responded_on = excluded.responded_on,
    score = excluded.score, comment = excluded.comment, source = excluded.source,
    external_ref = excluded.external_ref, updated_at = excluded.updated_at, sync_pre = 1 WHERE
    sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'feedback' AND row_id = OLD.id; END;

CREATE TABLE sync_old_defects (
  id, code, title, category, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER defects_sync_ins AFTER INSERT ON defects BEGIN
  INSERT INTO sync_old_defects(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER defects_sync_upd BEFORE UPDATE ON defects BEGIN
  INSERT INTO sync_old_defects(id, code, title, category, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.code, OLD.title, OLD.category, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET code = excluded.code, title = excluded.title,
    category = excluded.category, updated_at = excluded.updated_at, sync_pre = 1 WHERE
    sync_pre = 0;
  INSERT INTO sync_old_defects(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER defects_sync_del BEFORE DELETE ON defects BEGIN
  INSERT INTO sync_old_defects(id, code, title, category, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.code, OLD.title, OLD.category, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET code = excluded.code, title = excluded.title,
    category = excluded.category, updated_at = excluded.updated_at, sync_pre = 1 WHERE
    sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'defects' AND row_id = OLD.id; END;

CREATE TABLE sync_old_feedback_defects (
  feedback_id, defect_id,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (feedback_id, defect_id)
) WITHOUT ROWID;
CREATE TRIGGER feedback_defects_sync_ins AFTER INSERT ON feedback_defects BEGIN
  INSERT INTO sync_old_feedback_defects(feedback_id, defect_id, sync_ins, sync_pre) VALUES (NEW.feedback_id, NEW.defect_id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_defects_sync_upd BEFORE UPDATE ON feedback_defects BEGIN
  INSERT INTO sync_old_feedback_defects(feedback_id, defect_id, sync_ins, sync_pre)
    VALUES (OLD.feedback_id, OLD.defect_id, 0, 1)
    ON CONFLICT DO UPDATE SET sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_feedback_defects(feedback_id, defect_id, sync_ins, sync_pre) VALUES (NEW.feedback_id, NEW.defect_id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER feedback_defects_sync_del BEFORE DELETE ON feedback_defects BEGIN
  INSERT INTO sync_old_feedback_defects(feedback_id, defect_id, sync_ins, sync_pre)
    VALUES (OLD.feedback_id, OLD.defect_id, 0, 1)
    ON CONFLICT DO UPDATE SET sync_pre = 1 WHERE sync_pre = 0; END;

CREATE TABLE sync_old_problems (
  id, account_id, defect_id, feedback_id, contact_id, title, category, status, owner, opened_on,
  resolved_on, reported_on, root_cause, reported_back, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER problems_sync_ins AFTER INSERT ON problems BEGIN
  INSERT INTO sync_old_problems(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER problems_sync_upd BEFORE UPDATE ON problems BEGIN
  INSERT INTO sync_old_problems(id, account_id, defect_id, feedback_id, contact_id, title,
    category, status, owner, opened_on, resolved_on, reported_on, root_cause, reported_back,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.defect_id, OLD.feedback_id, OLD.contact_id, OLD.title,
    OLD.category, OLD.status, OLD.owner, OLD.opened_on, OLD.resolved_on, OLD.reported_on,
    OLD.root_cause, OLD.reported_back, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, defect_id = excluded.defect_id,
    feedback_id = excluded.feedback_id, contact_id = excluded.contact_id,
    title = excluded.title, category = excluded.category, status = excluded.status,
    owner = excluded.owner, opened_on = excluded.opened_on, resolved_on = excluded.resolved_on,
    reported_on = excluded.reported_on, root_cause = excluded.root_cause,
    reported_back = excluded.reported_back, updated_at = excluded.updated_at, sync_pre = 1 WHERE
    sync_pre = 0;
  INSERT INTO sync_old_problems(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER problems_sync_del BEFORE DELETE ON problems BEGIN
  INSERT INTO sync_old_problems(id, account_id, defect_id, feedback_id, contact_id, title,
    category, status, owner, opened_on, resolved_on, reported_on, root_cause, reported_back,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.defect_id, OLD.feedback_id, OLD.contact_id, OLD.title,
    OLD.category, OLD.status, OLD.owner, OLD.opened_on, OLD.resolved_on, OLD.reported_on,
    OLD.root_cause, OLD.reported_back, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, defect_id = excluded.defect_id,
    feedback_id = excluded.feedback_id, contact_id = excluded.contact_id,
    title = excluded.title, category = excluded.category, status = excluded.status,
    owner = excluded.owner, opened_on = excluded.opened_on, resolved_on = excluded.resolved_on,
    reported_on = excluded.reported_on, root_cause = excluded.root_cause,
    reported_back = excluded.reported_back, updated_at = excluded.updated_at, sync_pre = 1 WHERE
    sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'problems' AND row_id = OLD.id; END;

CREATE TABLE sync_old_notes (
  id, account_id, contact_id, feedback_id, kind, body, good_time, reason, next_contact_on,
  created_at, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER notes_sync_ins AFTER INSERT ON notes BEGIN
  INSERT INTO sync_old_notes(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER notes_sync_upd BEFORE UPDATE ON notes BEGIN
  INSERT INTO sync_old_notes(id, account_id, contact_id, feedback_id, kind, body, good_time,
    reason, next_contact_on, created_at, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.feedback_id, OLD.kind, OLD.body,
    OLD.good_time, OLD.reason, OLD.next_contact_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id,
    contact_id = excluded.contact_id, feedback_id = excluded.feedback_id, kind = excluded.kind,
    body = excluded.body, good_time = excluded.good_time, reason = excluded.reason,
    next_contact_on = excluded.next_contact_on, created_at = excluded.created_at,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_notes(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER notes_sync_del BEFORE DELETE ON notes BEGIN
  INSERT INTO sync_old_notes(id, account_id, contact_id, feedback_id, kind, body, good_time,
    reason, next_contact_on, created_at, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.feedback_id, OLD.kind, OLD.body,
    OLD.good_time, OLD.reason, OLD.next_contact_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id,
    contact_id = excluded.contact_id, feedback_id = excluded.feedback_id, kind = excluded.kind,
    body = excluded.body, good_time = excluded.good_time, reason = excluded.reason,
    next_contact_on = excluded.next_contact_on, created_at = excluded.created_at,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'notes' AND row_id = OLD.id; END;

CREATE TABLE sync_old_conditions (
  id, account_id, text, met_on, created_at, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER conditions_sync_ins AFTER INSERT ON conditions BEGIN
  INSERT INTO sync_old_conditions(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER conditions_sync_upd BEFORE UPDATE ON conditions BEGIN
  INSERT INTO sync_old_conditions(id, account_id, text, met_on, created_at, updated_at,
    sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.text, OLD.met_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, text = excluded.text,
    met_on = excluded.met_on, created_at = excluded.created_at,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_conditions(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER conditions_sync_del BEFORE DELETE ON conditions BEGIN
  INSERT INTO sync_old_conditions(id, account_id, text, met_on, created_at, updated_at,
    sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.text, OLD.met_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, text = excluded.text,
    met_on = excluded.met_on, created_at = excluded.created_at,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'conditions' AND row_id = OLD.id; END;

CREATE TABLE sync_old_marks (
  id, held_on, created_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER marks_sync_ins AFTER INSERT ON marks BEGIN
  INSERT INTO sync_old_marks(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER marks_sync_upd BEFORE UPDATE ON marks BEGIN
  INSERT INTO sync_old_marks(id, held_on, created_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.held_on, OLD.created_at, 0, 1)
    ON CONFLICT DO UPDATE SET held_on = excluded.held_on, created_at = excluded.created_at,
    sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_marks(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER marks_sync_del BEFORE DELETE ON marks BEGIN
  INSERT INTO sync_old_marks(id, held_on, created_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.held_on, OLD.created_at, 0, 1)
    ON CONFLICT DO UPDATE SET held_on = excluded.held_on, created_at = excluded.created_at,
    sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'marks' AND row_id = OLD.id; END;

CREATE TABLE sync_old_actions (
  id, account_id, owner, due, text, state, done_on, created_at, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER actions_sync_ins AFTER INSERT ON actions BEGIN
  INSERT INTO sync_old_actions(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER actions_sync_upd BEFORE UPDATE ON actions BEGIN
  INSERT INTO sync_old_actions(id, account_id, owner, due, text, state, done_on, created_at,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.owner, OLD.due, OLD.text, OLD.state, OLD.done_on,
    OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, owner = excluded.owner,
    due = excluded.due, text = excluded.text, state = excluded.state,
    done_on = excluded.done_on, created_at = excluded.created_at,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_actions(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER actions_sync_del BEFORE DELETE ON actions BEGIN
  INSERT INTO sync_old_actions(id, account_id, owner, due, text, state, done_on, created_at,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.owner, OLD.due, OLD.text, OLD.state, OLD.done_on,
    OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, owner = excluded.owner,
    due = excluded.due, text = excluded.text, state = excluded.state,
    done_on = excluded.done_on, created_at = excluded.created_at,
    updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'actions' AND row_id = OLD.id; END;

-- 4. While a sync applies a teammate's changes, updated_at is what the
-- changes say it is: the stamp triggers of schema 4 leave it alone then
-- (a row emptied by a delete elsewhere, ON DELETE SET NULL, keeps its
-- updated_at on every laptop alike).
DROP TRIGGER accounts_stamp_upd;
CREATE TRIGGER accounts_stamp_upd AFTER UPDATE ON accounts
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE accounts SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER contacts_stamp_upd;
CREATE TRIGGER contacts_stamp_upd AFTER UPDATE ON contacts
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE contacts SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER feedback_stamp_upd;
CREATE TRIGGER feedback_stamp_upd AFTER UPDATE ON feedback
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE feedback SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER notes_stamp_upd;
CREATE TRIGGER notes_stamp_upd AFTER UPDATE ON notes
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER problems_stamp_upd;
CREATE TRIGGER problems_stamp_upd AFTER UPDATE ON problems
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE problems SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER conditions_stamp_upd;
CREATE TRIGGER conditions_stamp_upd AFTER UPDATE ON conditions
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE conditions SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER defects_stamp_upd;
CREATE TRIGGER defects_stamp_upd AFTER UPDATE ON defects
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE defects SET updated_at = datetime('now') WHERE id = NEW.id; END;
DROP TRIGGER actions_stamp_upd;
CREATE TRIGGER actions_stamp_upd AFTER UPDATE ON actions
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE actions SET updated_at = datetime('now') WHERE id = NEW.id; END;
