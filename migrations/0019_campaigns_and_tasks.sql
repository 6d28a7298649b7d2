-- Schema version 19 (issue 18, items 4 and 5).
--
-- Campaign pre-flight: each run of `campaign check` is kept as a send record, the evidence
-- (GDPR Art. 7(1)) that the send was lawful: the purpose and its notice version in force, the
-- counts per reason (JSON of codes and numbers), the SHA-256 of the audience file and the
-- audit trail's head when it ran. The campaign's name is the officer's free text: sealed. No
-- address of the audience is kept.
CREATE TABLE campaign_sends (
    id              BLOB    PRIMARY KEY NOT NULL,
    number          INTEGER NOT NULL UNIQUE,
    name            BLOB    NOT NULL,
    purpose_code    TEXT    NOT NULL,
    notice_version  INTEGER NOT NULL,
    checked         INTEGER NOT NULL,
    sendable        INTEGER NOT NULL,
    excluded        TEXT    NOT NULL,
    audience_sha256 TEXT    NOT NULL,
    audit_head_seq  INTEGER NOT NULL,
    audit_head_mac  TEXT    NOT NULL,
    checked_at      TEXT    NOT NULL,
    checked_by      TEXT    NOT NULL
) STRICT;

-- Tasks of a request (erasure, rectification, restriction, objection, withdrawal, opt-out,
-- limit): one per system holding the person's data categories and per vendor receiving them,
-- from the records of processing. The system or vendor name and the action are the business's
-- own words; the note is the officer's and may name the person: sealed, replaced at erasure.
CREATE TABLE request_tasks (
    id          BLOB    PRIMARY KEY NOT NULL,
    request_id  BLOB    NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    target_kind TEXT    NOT NULL CHECK (target_kind IN ('system', 'vendor')),
    target_name TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('open', 'done', 'not-applicable')),
    done_on     TEXT,
    note        BLOB,
    UNIQUE (request_id, number)
) STRICT;
