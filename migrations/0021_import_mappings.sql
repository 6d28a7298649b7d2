-- Schema version 21 (issue 20, item 3).
--
-- Column mappings saved by name from the import window (or `import save-mapping`): which column
-- of a file fills which field, as the TOML a `--mapping` file holds. Column names and field
-- names only: nothing about a person, so the body is plain.
CREATE TABLE import_mappings (
    name      TEXT PRIMARY KEY NOT NULL,
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    saved_by  TEXT NOT NULL
) STRICT;
