-- acctplan schema version 17: the follow-ups of a day are ordered without
-- reading each response's row or its account's. The agenda lists a day's
-- detractors by their account's priority, then its name; on the
-- million-account book a day holds some 2,900 of them, and ordering them
-- read three rows of each from all over the file (the response for its
-- account, the account for its name, the cache row for the priority) to
-- show a screenful. Now:
-- 1. Every account's cache row keeps its name (step 16 kept it for the
--    lost accounts only, as winback_name; the column is renamed, the index
--    account_cache_winback follows it), filled here from the accounts. A
--    change of name marks the account for the next refresh, which writes
--    it; the trigger of step 16 that did so for lost accounts gives way.
-- 2. feedback_detractor (the detractors' responses by day) also holds the
--    account, and the score its WHERE reads (SQLite 3.40 reads a column of
--    a partial index's WHERE from the row unless the index holds it): the
--    walk of a day reads the index and the cache rows alone.
-- Released, this file is never edited (doc/schema.md).
ALTER TABLE account_cache RENAME COLUMN winback_name TO name;
UPDATE account_cache SET name = coalesce((SELECT a.name FROM accounts a
  WHERE a.id = account_cache.account_id), '') WHERE name = '';
DROP TRIGGER accounts_winback_name;
CREATE TRIGGER accounts_name_cache AFTER UPDATE OF name ON accounts BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;
DROP INDEX feedback_detractor;
CREATE INDEX feedback_detractor ON feedback(responded_on, account_id, score) WHERE score <= 6;
