-- acctplan schema version 5: the seeds' practices as records (issue 14):
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
-- Then every index and trigger the table had (schemas 1 to 4) is made
-- again, exactly as it was. No other table refers to notes, so nothing
-- else changes.
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
-- schema 4
CREATE TRIGGER notes_stamp_ins AFTER INSERT ON notes WHEN NEW.updated_at = '' BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
CREATE TRIGGER notes_stamp_upd AFTER UPDATE ON notes
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id; END;
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
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
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
  WHEN NEW.updated_at IS OLD.updated_at BEGIN
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
