-- acctplan schema version 11: each account's responses in the window and
-- the sum of their scores on its cache row (account_cache.responses and
-- score_sum), where its row 0 of defect_account kept them: a day's
-- rollover writes them with the cache row it writes anyway, instead of a
-- row of their own in another table and its index (on the
-- 100,000-account book, some 650 of the 2,400 pages a day wrote). The
-- figures move over as they are; defect_cache's row 0 (the window's
-- totals) is summed from them from now on. Released, this file is never
-- edited (doc/schema.md).
ALTER TABLE account_cache ADD COLUMN responses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_cache ADD COLUMN score_sum REAL NOT NULL DEFAULT 0;
UPDATE account_cache SET
  responses = coalesce((SELECT d.tagged FROM defect_account d
    WHERE d.defect_id = 0 AND d.account_id = account_cache.account_id), 0),
  score_sum = coalesce((SELECT d.tagged_sum FROM defect_account d
    WHERE d.defect_id = 0 AND d.account_id = account_cache.account_id), 0);
DELETE FROM defect_account WHERE defect_id = 0;
