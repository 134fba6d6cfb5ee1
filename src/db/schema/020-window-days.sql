-- acctplan schema version 20: the window's totals (its responses and
-- their scores' sum, against which the defects' ranking weighs each
-- defect) are summed from a row per day of responses, feedback_days, kept
-- by triggers on feedback for every program, instead of from a count on
-- every account's cache row (step 11). A count on the cache row changed
-- whenever one of the account's responses entered or left the window, so
-- a day's rollover wrote the row of every account it rebuilt; now it
-- leaves alone the rows the day does not change (on the 100,000-account
-- book, some 1,100 of a day's 1,450). account_cache.responses and
-- score_sum go. The days are summed through feedback_account, which holds
-- both columns (GROUP BY +responded_on: by feedback_date the planner
-- would read each response's row, a minute at a million accounts).
-- Released, this file is never edited (doc/schema.md).
CREATE TABLE feedback_days (
  day           TEXT PRIMARY KEY,     -- responded_on
  responses     INTEGER NOT NULL,     -- the responses of the day
  score_sum     REAL NOT NULL         -- their scores' sum
) WITHOUT ROWID;
INSERT INTO feedback_days(day, responses, score_sum)
  SELECT +responded_on, count(*), total(score) FROM feedback GROUP BY +responded_on;
CREATE TRIGGER feedback_days_ins AFTER INSERT ON feedback BEGIN
  INSERT INTO feedback_days(day, responses, score_sum) VALUES (new.responded_on, 1, new.score)
    ON CONFLICT (day) DO UPDATE SET responses = responses + 1,
    score_sum = score_sum + excluded.score_sum;
END;
CREATE TRIGGER feedback_days_del AFTER DELETE ON feedback BEGIN
  UPDATE feedback_days SET responses = responses - 1, score_sum = score_sum - old.score
    WHERE day = old.responded_on;
  DELETE FROM feedback_days WHERE day = old.responded_on AND responses = 0;
END;
CREATE TRIGGER feedback_days_upd AFTER UPDATE OF responded_on, score ON feedback BEGIN
  UPDATE feedback_days SET responses = responses - 1, score_sum = score_sum - old.score
    WHERE day = old.responded_on;
  DELETE FROM feedback_days WHERE day = old.responded_on AND responses = 0;
  INSERT INTO feedback_days(day, responses, score_sum) VALUES (new.responded_on, 1, new.score)
    ON CONFLICT (day) DO UPDATE SET responses = responses + 1,
    score_sum = score_sum + excluded.score_sum;
END;
ALTER TABLE account_cache DROP COLUMN responses;
ALTER TABLE account_cache DROP COLUMN score_sum;
