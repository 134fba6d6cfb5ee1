-- acctplan schema version 8: the seeds' practices as records (issue 14):
-- pitches among the notes, referrals asked and given, the plays a CRM
-- suggests, and a win-back that was given up. Run by db.c in the same
-- transaction as every other missing step and the user_version bump, with
-- foreign key enforcement off for the steps (SQLite's own procedure for a
-- table rebuilt, https://www.sqlite.org/lang_altertable.html section 7);
-- released, it is never edited (doc/schema.md).

-- 1. A note kind `pitch`: an offer made to the customer, which the coaching
-- report counts (and counts again when the account was on hold). The kinds
-- are a CHECK of the notes table since schema 1, and a CHECK changes only
-- with the table: a new one is made with the kinds of now, every row is
-- copied with its id, the old one goes, and the new one takes its name.
-- Then every index and trigger the table had (schemas 1 to 7) is made
-- again, exactly as it was. No other table refers to notes, so nothing
-- else changes. Neither the copy nor the drop fires a trigger, so sync
-- sees no change in the notes: sync_old_notes and sync_clock keep what
-- they held, by id.
CREATE TABLE notes_new (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  feedback_id     INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL DEFAULT 'general'
                  CHECK (kind IN ('precall','call','followup','checkin','referral','winback',
                                  'general','pitch')),
  body            TEXT NOT NULL DEFAULT '',
  good_time       TEXT CHECK (good_time IS NULL OR good_time IN ('yes','no','unsure')),
  reason          TEXT CHECK (reason IS NULL OR reason IN
                    ('vacation','budget_cycle','open_problem','reorganisation','other')),
  next_contact_on TEXT,
  created_at      TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at      TEXT NOT NULL DEFAULT ''
);
INSERT INTO notes_new(id, account_id, contact_id, feedback_id, kind, body, good_time, reason,
                      next_contact_on, created_at, updated_at)
  SELECT id, account_id, contact_id, feedback_id, kind, body, good_time, reason,
         next_contact_on, created_at, updated_at FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;

-- schema 1
CREATE INDEX notes_account ON notes(account_id, created_at);
CREATE INDEX notes_feedback ON notes(feedback_id);
CREATE INDEX notes_next ON notes(account_id, next_contact_on) WHERE next_contact_on IS NOT NULL;
-- schema 2
CREATE TRIGGER notes_reason_ins BEFORE INSERT ON notes
  WHEN NEW.reason IS NOT NULL AND coalesce(NEW.good_time, '') NOT IN ('no', 'unsure') BEGIN
  SELECT RAISE(ABORT, 'a note gives a reason only with good_time no or unsure'); END;
CREATE TRIGGER notes_reason_upd BEFORE UPDATE OF good_time, reason ON notes
  WHEN NEW.reason IS NOT NULL AND coalesce(NEW.good_time, '') NOT IN ('no', 'unsure') BEGIN
  SELECT RAISE(ABORT, 'a note gives a reason only with good_time no or unsure'); END;
-- schema 3
CREATE INDEX notes_contact ON notes(contact_id, created_at) WHERE contact_id IS NOT NULL;
-- schema 4 (its update stamp as schema 7 made it: below)
CREATE TRIGGER notes_stamp_ins AFTER INSERT ON notes WHEN NEW.updated_at = '' BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
-- schema 7: the stamp left alone while a sync applies; what changed since
-- the last sync
CREATE TRIGGER notes_stamp_upd AFTER UPDATE ON notes
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER notes_sync_ins AFTER INSERT ON notes BEGIN
  INSERT INTO sync_old_notes(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER notes_sync_upd BEFORE UPDATE ON notes BEGIN
  INSERT INTO sync_old_notes(id, account_id, contact_id, feedback_id, kind, body, good_time,
    reason, next_contact_on, created_at, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.feedback_id, OLD.kind, OLD.body,
    OLD.good_time, OLD.reason, OLD.next_contact_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, contact_id =
    excluded.contact_id, feedback_id = excluded.feedback_id, kind = excluded.kind, body =
    excluded.body, good_time = excluded.good_time, reason = excluded.reason, next_contact_on =
    excluded.next_contact_on, created_at = excluded.created_at, updated_at =
    excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_notes(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER notes_sync_del BEFORE DELETE ON notes BEGIN
  INSERT INTO sync_old_notes(id, account_id, contact_id, feedback_id, kind, body, good_time,
    reason, next_contact_on, created_at, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.feedback_id, OLD.kind, OLD.body,
    OLD.good_time, OLD.reason, OLD.next_contact_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, contact_id =
    excluded.contact_id, feedback_id = excluded.feedback_id, kind = excluded.kind, body =
    excluded.body, good_time = excluded.good_time, reason = excluded.reason, next_contact_on =
    excluded.next_contact_on, created_at = excluded.created_at, updated_at =
    excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'notes' AND row_id = OLD.id; END;
-- new: an account's notes of one kind, the latest last: its last win-back
-- review, its check-ins; and the coaching report's pitches
CREATE INDEX notes_kind ON notes(kind, account_id, created_at);

-- 2. Referrals: a buyer asked for a referral (asked_on), and whom they
-- referred us to, if anyone yet (referred_to NULL: asked, no name yet),
-- with how it went: pending, met (we met them), won (a customer), lost.
-- pending and met are still open. A promoter is asked again only after
-- referral_days (referral.h).
CREATE TABLE referrals (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  asked_on      TEXT NOT NULL CHECK (asked_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  referred_to   TEXT CHECK (referred_to IS NULL OR length(trim(referred_to)) > 0),
  outcome       TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','met','won','lost')),
  outcome_on    TEXT CHECK (outcome_on IS NULL
                  OR outcome_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at    TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referrals_account ON referrals(account_id, asked_on);
-- who was asked lately: the to-ask list looks each promoter up
CREATE INDEX referrals_contact ON referrals(contact_id, asked_on) WHERE contact_id IS NOT NULL;
-- the referrals still open
CREATE INDEX referrals_open ON referrals(outcome) WHERE outcome IN ('pending', 'met');
CREATE TRIGGER referrals_stamp_ins AFTER INSERT ON referrals WHEN NEW.updated_at = '' BEGIN
  UPDATE referrals SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER referrals_stamp_upd AFTER UPDATE ON referrals
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE referrals SET updated_at = datetime('now') WHERE id = NEW.id; END;

-- 3. Plays a CRM suggests for an account (`acctplan import plays FILE`):
-- the play as the CRM names it, the day it is due, and the CRM's own id
-- for it (external_ref), so that importing the CRM's list again updates
-- what it imported before instead of adding it twice. The plays of the
-- rules (upsell, cross-sell, referral asks, check-ins, win-back reviews)
-- are not stored: they follow from the book (plays.h). Every play is gated
-- the same way when it is listed.
CREATE TABLE plays (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source        TEXT NOT NULL DEFAULT 'crm' CHECK (length(source) BETWEEN 1 AND 40),
  play          TEXT NOT NULL CHECK (length(trim(play)) > 0),
  due           TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  external_ref  TEXT,
  created_at    TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plays_account ON plays(account_id);
CREATE UNIQUE INDEX plays_external_ref ON plays(source, external_ref) WHERE external_ref IS NOT NULL;
CREATE TRIGGER plays_stamp_ins AFTER INSERT ON plays WHEN NEW.updated_at = '' BEGIN
  UPDATE plays SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER plays_stamp_upd AFTER UPDATE ON plays
  WHEN NEW.updated_at IS OLD.updated_at
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying') BEGIN
  UPDATE plays SET updated_at = datetime('now') WHERE id = NEW.id; END;

-- 4. Win-back: a lost account gets a review every winback_days after
-- lost_on (agenda.h) until it is won again or the win-back is dropped, on
-- winback_dropped_on (`acctplan winback drop`); marking it lost again
-- starts afresh.
ALTER TABLE accounts ADD COLUMN winback_dropped_on TEXT;
-- the agenda's win-back reviews, and the lost accounts' list
CREATE INDEX accounts_lost ON accounts(lost_on) WHERE status = 'lost';
-- the few accounts the quadrant's rules do not decide alone (a hold set or
-- lifted by hand, or not active): a list of the plays that go reads only
-- these among the accounts held by their quadrant
CREATE INDEX accounts_off_rules ON accounts(id) WHERE hold_manual IS NOT NULL OR status <> 'active';

-- 5. Sync (schema 7, doc/sync.md): referrals and plays are written by
-- people (or imported from their CRM) and travel to teammates like notes
-- do: each gets its sync_old table and the three triggers (their stamps
-- above already leave updated_at alone while a sync applies). The accounts'
-- new column is kept as it was before a write like every other, so its
-- two triggers are made again with it.
ALTER TABLE sync_old_accounts ADD COLUMN winback_dropped_on;
DROP TRIGGER accounts_sync_upd;
DROP TRIGGER accounts_sync_del;
CREATE TRIGGER accounts_sync_upd BEFORE UPDATE ON accounts BEGIN
  INSERT INTO sync_old_accounts(id, name, owner, segment, fit, status, revenue, wallet,
    external_ref, created_at, updated_at, hold_manual, hold_reason, hold_on, hold_quadrant,
    won_on, lost_reason, lost_to, winback_plan, lost_on, winback_dropped_on, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.name, OLD.owner, OLD.segment, OLD.fit, OLD.status, OLD.revenue,
    OLD.wallet, OLD.external_ref, OLD.created_at, OLD.updated_at, OLD.hold_manual,
    OLD.hold_reason, OLD.hold_on, OLD.hold_quadrant, OLD.won_on, OLD.lost_reason, OLD.lost_to,
    OLD.winback_plan, OLD.lost_on, OLD.winback_dropped_on, 0, 1)
    ON CONFLICT DO UPDATE SET name = excluded.name, owner = excluded.owner, segment =
    excluded.segment, fit = excluded.fit, status = excluded.status, revenue = excluded.revenue,
    wallet = excluded.wallet, external_ref = excluded.external_ref, created_at =
    excluded.created_at, updated_at = excluded.updated_at, hold_manual = excluded.hold_manual,
    hold_reason = excluded.hold_reason, hold_on = excluded.hold_on, hold_quadrant =
    excluded.hold_quadrant, won_on = excluded.won_on, lost_reason = excluded.lost_reason,
    lost_to = excluded.lost_to, winback_plan = excluded.winback_plan, lost_on =
    excluded.lost_on, winback_dropped_on = excluded.winback_dropped_on, sync_pre = 1 WHERE
    sync_pre = 0;
  INSERT INTO sync_old_accounts(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_sync_del BEFORE DELETE ON accounts BEGIN
  INSERT INTO sync_old_accounts(id, name, owner, segment, fit, status, revenue, wallet,
    external_ref, created_at, updated_at, hold_manual, hold_reason, hold_on, hold_quadrant,
    won_on, lost_reason, lost_to, winback_plan, lost_on, winback_dropped_on, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.name, OLD.owner, OLD.segment, OLD.fit, OLD.status, OLD.revenue,
    OLD.wallet, OLD.external_ref, OLD.created_at, OLD.updated_at, OLD.hold_manual,
    OLD.hold_reason, OLD.hold_on, OLD.hold_quadrant, OLD.won_on, OLD.lost_reason, OLD.lost_to,
    OLD.winback_plan, OLD.lost_on, OLD.winback_dropped_on, 0, 1)
    ON CONFLICT DO UPDATE SET name = excluded.name, owner = excluded.owner, segment =
    excluded.segment, fit = excluded.fit, status = excluded.status, revenue = excluded.revenue,
    wallet = excluded.wallet, external_ref = excluded.external_ref, created_at =
    excluded.created_at, updated_at = excluded.updated_at, hold_manual = excluded.hold_manual,
    hold_reason = excluded.hold_reason, hold_on = excluded.hold_on, hold_quadrant =
    excluded.hold_quadrant, won_on = excluded.won_on, lost_reason = excluded.lost_reason,
    lost_to = excluded.lost_to, winback_plan = excluded.winback_plan, lost_on =
    excluded.lost_on, winback_dropped_on = excluded.winback_dropped_on, sync_pre = 1 WHERE
    sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'accounts' AND row_id = OLD.id; END;

CREATE TABLE sync_old_referrals (
  id, account_id, contact_id, asked_on, referred_to, outcome, outcome_on, created_at,
  updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER referrals_sync_ins AFTER INSERT ON referrals BEGIN
  INSERT INTO sync_old_referrals(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER referrals_sync_upd BEFORE UPDATE ON referrals BEGIN
  INSERT INTO sync_old_referrals(id, account_id, contact_id, asked_on, referred_to, outcome,
    outcome_on, created_at, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.asked_on, OLD.referred_to, OLD.outcome,
    OLD.outcome_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, contact_id =
    excluded.contact_id, asked_on = excluded.asked_on, referred_to = excluded.referred_to,
    outcome = excluded.outcome, outcome_on = excluded.outcome_on, created_at =
    excluded.created_at, updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_referrals(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER referrals_sync_del BEFORE DELETE ON referrals BEGIN
  INSERT INTO sync_old_referrals(id, account_id, contact_id, asked_on, referred_to, outcome,
    outcome_on, created_at, updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.contact_id, OLD.asked_on, OLD.referred_to, OLD.outcome,
    OLD.outcome_on, OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, contact_id =
    excluded.contact_id, asked_on = excluded.asked_on, referred_to = excluded.referred_to,
    outcome = excluded.outcome, outcome_on = excluded.outcome_on, created_at =
    excluded.created_at, updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'referrals' AND row_id = OLD.id; END;

CREATE TABLE sync_old_plays (
  id, account_id, source, play, due, external_ref, created_at, updated_at,
  sync_ins INTEGER NOT NULL, sync_pre INTEGER NOT NULL, PRIMARY KEY (id)
) WITHOUT ROWID;
CREATE TRIGGER plays_sync_ins AFTER INSERT ON plays BEGIN
  INSERT INTO sync_old_plays(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER plays_sync_upd BEFORE UPDATE ON plays BEGIN
  INSERT INTO sync_old_plays(id, account_id, source, play, due, external_ref, created_at,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.source, OLD.play, OLD.due, OLD.external_ref,
    OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, source = excluded.source, play =
    excluded.play, due = excluded.due, external_ref = excluded.external_ref, created_at =
    excluded.created_at, updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  INSERT INTO sync_old_plays(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)
    ON CONFLICT DO NOTHING; END;
CREATE TRIGGER plays_sync_del BEFORE DELETE ON plays BEGIN
  INSERT INTO sync_old_plays(id, account_id, source, play, due, external_ref, created_at,
    updated_at, sync_ins, sync_pre)
    VALUES (OLD.id, OLD.account_id, OLD.source, OLD.play, OLD.due, OLD.external_ref,
    OLD.created_at, OLD.updated_at, 0, 1)
    ON CONFLICT DO UPDATE SET account_id = excluded.account_id, source = excluded.source, play =
    excluded.play, due = excluded.due, external_ref = excluded.external_ref, created_at =
    excluded.created_at, updated_at = excluded.updated_at, sync_pre = 1 WHERE sync_pre = 0;
  DELETE FROM sync_clock WHERE tbl = 'plays' AND row_id = OLD.id; END;
