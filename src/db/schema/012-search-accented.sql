-- acctplan schema version 12: the index account_text_accented, of the
-- search texts that hold anything beyond printable ASCII (an accent, a
-- letter of another script, a control character; the separator char(31)
-- is not one). The trigram index cannot fold those, so a search also
-- checks each of them by folding (accounts.c): on the million-account book
-- some 37,000 of 1,000,000. The search used to find them with a scan of
-- every text, kept in a temporary table until the file changed; the index
-- holds them and their text, so a search reads them in one short walk. The
-- pattern is '*[^' || char(31) || '-~]*', written as a blob so that the
-- searches' WHERE can name the same expression. Released, this file is
-- never edited (doc/schema.md).
CREATE INDEX account_text_accented ON account_text(text)
  WHERE text GLOB CAST(x'2a5b5e1f2d7e5d2a' AS TEXT);
