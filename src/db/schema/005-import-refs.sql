-- acctplan schema version 5: imports match what a file names (DESIGN.md §4)
-- by external_ref, and buyers by email too, without reading whole tables:
-- an index for each. Only rows that have the value are indexed, so books
-- that never imported pay nothing. Nothing else changes: no column, no
-- rule, no derived table.
CREATE INDEX accounts_external_ref ON accounts(external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX contacts_external_ref ON contacts(external_ref) WHERE external_ref IS NOT NULL;
-- emails in any case (ASCII), as an import compares them
CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX feedback_external_ref ON feedback(external_ref) WHERE external_ref IS NOT NULL;
