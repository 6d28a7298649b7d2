-- Schema version 13 (issue 17, item 6): tamper evidence for the plain columns. Each protected
-- row carries an HMAC-SHA256 (under a subkey of the vault key) over its table, its record id and
-- the columns that matter, so an edit made with any SQLite tool, a row inserted outside the app
-- or a value moved between rows shows in `audit verify`. Migrations run without keys: rows
-- written by earlier versions are tagged once, at the first unlock after this upgrade.
ALTER TABLE consent_events ADD COLUMN row_mac BLOB;
ALTER TABLE users ADD COLUMN row_mac BLOB;
ALTER TABLE subjects ADD COLUMN row_mac BLOB;
ALTER TABLE erasures ADD COLUMN row_mac BLOB;
ALTER TABLE retention_rules ADD COLUMN row_mac BLOB;
ALTER TABLE legal_holds ADD COLUMN row_mac BLOB;
ALTER TABLE requests ADD COLUMN row_mac BLOB;

-- An erasure record is still never changed; only its MAC is written (once, or again when the
-- vault key is rotated).
DROP TRIGGER erasures_no_update;
CREATE TRIGGER erasures_no_update
BEFORE UPDATE OF seq, email_index, erased_on, request_reference, removed, subject_id ON erasures
BEGIN SELECT RAISE(ABORT, 'erasure records are never changed'); END;
