-- acctplan schema version 3: the history of standings becomes one row per
-- change instead of a daily copy of every account; standup marks and the
-- team's actions. Run by db.c in the same transaction as every other
-- missing step and the user_version bump; released, it is never edited (a
-- change is a new numbered file: doc/schema.md).

-- 1. snapshots: where each account stood, one row per change (the rule is
-- standing_changed(), include/acctplan/standing.h): a row when an account
-- comes onto the board or leaves it, or, on it, when its quadrant, its hold,
-- its NPS rounded to a whole number or its share band changes, dated the
-- day the refresh saw it. Beside the core columns: the hold, and the
-- account's status (a row with a status other than active says it left the
-- board that day).
ALTER TABLE snapshots ADD COLUMN hold INTEGER NOT NULL DEFAULT 0 CHECK (hold IN (0, 1));
ALTER TABLE snapshots ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'lost', 'prospect'));
-- the standup's question: who changed since a day
CREATE INDEX snapshots_day ON snapshots(taken_on);

-- The daily copies a file holds already keep what they say, compressed to
-- its changes. They had no hold: the quadrant's own stands for it (the
-- conditions of those days are not known). They held the active accounts
-- only, so an account missing from a later copy had left the board: it
-- gets a row on the first day it was missing, with its status now (or lost,
-- when it is active again).
UPDATE snapshots SET hold = quadrant IN ('repair', 'fix_basics', 'no_feedback');
WITH days AS (
  SELECT taken_on, lead(taken_on) OVER (ORDER BY taken_on) AS next
  FROM (SELECT DISTINCT taken_on FROM snapshots)),
rows AS (
  SELECT s.account_id, s.nps, s.share, s.quadrant, s.hold, d.next,
    lead(s.taken_on) OVER (PARTITION BY s.account_id ORDER BY s.taken_on) AS own_next
  FROM snapshots s JOIN days d ON d.taken_on = s.taken_on)
INSERT INTO snapshots(taken_on, account_id, nps, share, quadrant, hold, status)
  SELECT r.next, r.account_id, r.nps, r.share, r.quadrant, r.hold,
    CASE WHEN a.status = 'active' THEN 'lost' ELSE a.status END
  FROM rows r JOIN accounts a ON a.id = r.account_id
  WHERE r.next IS NOT NULL AND (r.own_next IS NULL OR r.own_next > r.next);
-- Then every row that says what the account's row before it said goes:
-- still off the board, or on it in the same quadrant, with the same hold,
-- the same rounded NPS and the same share. (A share change is kept
-- whatever its size: its bands depend on share_high, which is not in the
-- file.) The key is compared with the row just before, which is the key of
-- the last row kept.
DELETE FROM snapshots WHERE (account_id, taken_on) IN (
  SELECT account_id, taken_on FROM (
    SELECT account_id, taken_on, status, quadrant, hold, nps, share,
      lag(taken_on) OVER w AS p_day, lag(status) OVER w AS p_status,
      lag(quadrant) OVER w AS p_quadrant, lag(hold) OVER w AS p_hold,
      lag(nps) OVER w AS p_nps, lag(share) OVER w AS p_share
    FROM snapshots WINDOW w AS (PARTITION BY account_id ORDER BY taken_on))
  WHERE p_day IS NOT NULL AND (status = 'active') = (p_status = 'active')
    AND (status <> 'active' OR (quadrant = p_quadrant AND hold = p_hold
      AND round(nps) IS round(p_nps) AND share IS p_share)));

-- The history records the hold, so what changes it (the readiness
-- conditions, the hold set by hand) marks the account for the next refresh,
-- whichever program writes it.
CREATE TRIGGER conditions_ins AFTER INSERT ON conditions BEGIN
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER conditions_upd AFTER UPDATE OF met_on, account_id ON conditions BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
  INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER conditions_del AFTER DELETE ON conditions BEGIN
  INSERT INTO cache_dirty VALUES (OLD.account_id) ON CONFLICT DO NOTHING; END;
CREATE TRIGGER accounts_hold_upd AFTER UPDATE OF hold_manual, hold_quadrant, hold_on ON accounts
BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;
-- The next refresh rebuilds in full, and so writes the history of every
-- account whose standing its last row does not say.
DELETE FROM cache_state WHERE key = 'fingerprint';

-- 2. Standup marks: a standup was held on held_on. A report runs from the
-- last one held before today.
CREATE TABLE marks (
  id            INTEGER PRIMARY KEY,
  held_on       TEXT NOT NULL DEFAULT (date('now'))
                CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX marks_held ON marks(held_on);

-- 3. Actions: what the team agreed to do for an account, by whom and by
-- when; open, or done on a day (commitment.h says what a standup makes of
-- them: open, not done, done, late).
CREATE TABLE actions (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  owner         TEXT NOT NULL DEFAULT '',
  due           TEXT NOT NULL CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),
  done_on       TEXT CHECK (done_on IS NULL
                  OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at    TEXT NOT NULL DEFAULT (datetime('now')),
  CHECK ((state = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX actions_account ON actions(account_id);
-- the agenda and the standup: open ones by due day, done ones by the day
CREATE INDEX actions_open ON actions(due) WHERE state = 'open';
CREATE INDEX actions_done ON actions(done_on) WHERE done_on IS NOT NULL;

-- 4. Problems by the days they moved: what opened, was resolved or was
-- reported back since a standup.
CREATE INDEX problems_opened ON problems(opened_on);
CREATE INDEX problems_resolved ON problems(resolved_on) WHERE resolved_on IS NOT NULL;
CREATE INDEX problems_reported ON problems(reported_on) WHERE reported_on IS NOT NULL;

-- 5. Notes by buyer: the follow-up rule's question (a closing note with the
-- buyer on or after the response, db_followup_cols()), asked for every
-- detractor a standup or the agenda lists, and a buyer's removal (notes
-- keep the note, without the buyer) read them by contact.
CREATE INDEX notes_contact ON notes(contact_id, created_at) WHERE contact_id IS NOT NULL;
