-- Schema version 16 (issue 20, item 5): encrypted attachments on requests (ID documents, the
-- original email), incidents, vendors (the signed agreement) and assessments.
--
-- A file is kept in chunks of at most 512 KiB, each sealed (AES-256-GCM) with the owning
-- record's kind and id, the attachment's id, the chunk's number and whether it is the last one
-- in its associated data: a chunk moved to another file or record, reordered, or a file cut
-- short fails to open. The file's name is sealed too; its size and the day it was added are
-- plain (what the file reveals: that a record has an attachment of about that size).
CREATE TABLE attachments (
    seq         INTEGER PRIMARY KEY,
    id          BLOB    NOT NULL UNIQUE,            -- UUID bytes
    owner_kind  TEXT    NOT NULL CHECK (owner_kind IN ('request', 'incident', 'vendor', 'assessment')),
    owner_key   BLOB    NOT NULL,                   -- the owner's id (UUID bytes) or vendor code
    name        BLOB    NOT NULL,                   -- sealed file name
    size        INTEGER NOT NULL CHECK (size >= 0),
    chunks      INTEGER NOT NULL CHECK (chunks >= 1),
    added_by    TEXT    NOT NULL,
    added_at    TEXT    NOT NULL                    -- RFC 3339, UTC
) STRICT;

CREATE INDEX attachments_owner ON attachments (owner_kind, owner_key);

CREATE TABLE attachment_chunks (
    seq            INTEGER PRIMARY KEY,
    attachment_id  BLOB    NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    n              INTEGER NOT NULL CHECK (n >= 0),
    data           BLOB    NOT NULL,                -- sealed chunk
    UNIQUE (attachment_id, n)
) STRICT;
