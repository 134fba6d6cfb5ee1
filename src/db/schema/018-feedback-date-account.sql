-- acctplan schema version 18: a day's rollover finds the accounts whose
-- responses entered or left the window from an index alone. It looks up
-- the responses of two days (the one leaving the window, the one
-- entering it) by date, for their accounts: feedback_date held the date
-- only, so each of a day's responses (some 1,450 on the 100,000-account
-- book) was read from its row, scattered over the file, before one account
-- was rebuilt. feedback_date is made again on (responded_on, account_id);
-- what else walks it by date (the agenda's follow-ups, the referrals'
-- window) reads it as before.
-- Released, this file is never edited (doc/schema.md).
DROP INDEX feedback_date;
CREATE INDEX feedback_date ON feedback(responded_on, account_id);
