-- acctplan schema version 6: derived data that lets the day's rollover, the
-- board's lanes and the scatter plot cost the same at any book size. Run by
-- db.c in the same transaction as every other missing step and the
-- user_version bump; released, it is never edited (a change is a new
-- numbered file: doc/schema.md).

-- 1. Each row of account_cache keeps what its account added to the sums
-- below (its owner, revenue and whether it was active when the row was
-- built), so a refresh takes an account's old share out of the sums and
-- puts its new one in without reading the rest of the
-- book, or out of cache_totals.
ALTER TABLE account_cache ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE account_cache ADD COLUMN revenue INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_cache ADD COLUMN active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1));
-- the board's lanes, a quadrant in priority order
CREATE INDEX account_cache_quadrant ON account_cache(quadrant, rank_group, rank_value DESC);
-- and its place on the scatter plot: its NPS point (floor(nps + 100),
-- 0 to 200; -1 without advocacy) and share percent (floor(share * 100), 0
-- to 100, an unknown share 0), the plot's fine bins (views_scatter_fine())
ALTER TABLE account_cache ADD COLUMN bin_x INTEGER NOT NULL DEFAULT -1;
ALTER TABLE account_cache ADD COLUMN bin_y INTEGER NOT NULL DEFAULT 0;
-- the accounts of one cell of the plot
CREATE INDEX account_cache_bin ON account_cache(bin_x, bin_y) WHERE active = 1;

-- 2. cache_totals sums each quadrant's NPS in whole units of
-- 1/232792560 of a point (nps_units; nps_sum is nps_units / 232792560),
-- a sum that is the same in any order, so that a refresh keeps it up to
-- date by the accounts it rebuilt and it still equals one made afresh.
-- The unit divides every NPS of up to 20 buyers of weight 1 (100 k / n for
-- n from 1 to 20), which so add up exactly.
ALTER TABLE cache_totals ADD COLUMN nps_units INTEGER NOT NULL DEFAULT 0;

-- 3. The scatter plot's counts per fine bin (x = bin_x, y = bin_y) of the
-- active accounts: of the whole book, and per owner. The plot adds up
-- whole points and percents into its cells (views_scatter_bin()).
CREATE TABLE scatter_cells (
  x             INTEGER NOT NULL,
  y             INTEGER NOT NULL,
  accounts      INTEGER NOT NULL,
  PRIMARY KEY (x, y)
) WITHOUT ROWID;
CREATE TABLE scatter_bins (
  owner         TEXT NOT NULL,
  x             INTEGER NOT NULL,
  y             INTEGER NOT NULL,
  accounts      INTEGER NOT NULL,
  PRIMARY KEY (owner, x, y)
) WITHOUT ROWID;
-- an owner is now part of the derived data: a new one marks the account
CREATE TRIGGER accounts_owner_upd AFTER UPDATE OF owner ON accounts BEGIN
  INSERT INTO cache_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING; END;

-- 4. A day's rollover finds the accounts whose history the day can change
-- by date: a readiness condition met, a hold set by hand.
CREATE INDEX conditions_met ON conditions(met_on) WHERE met_on IS NOT NULL;
CREATE INDEX accounts_hold_on ON accounts(hold_on) WHERE hold_on IS NOT NULL;

-- The next refresh rebuilds every account, filling the new columns and
-- tables.
DELETE FROM cache_state WHERE key = 'fingerprint';
