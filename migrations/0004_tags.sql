-- Schema version 4: tags on data subjects (sealed, like every identity field).
-- NULL means no tags (subjects recorded before this version).

ALTER TABLE subjects ADD COLUMN tags BLOB;
