-- Schema version 5: data-subject requests, their history, rectification history, restriction,
-- erasure records and the editable holiday calendars.
-- Plain columns hold codes, dates and references only; what a person wrote or who they are is
-- sealed (AAD binds table, column and record id).

CREATE TABLE requests (
    seq                    INTEGER PRIMARY KEY,
    id                     BLOB    NOT NULL UNIQUE,     -- UUID bytes
    reference              TEXT    NOT NULL UNIQUE,     -- R-0001, for letters and the CLI
    subject_id             BLOB    REFERENCES subjects (id) ON DELETE SET NULL,
    regime                 TEXT    NOT NULL CHECK (regime IN ('gdpr', 'uk-gdpr', 'ccpa-cpra')),
    kind                   TEXT    NOT NULL,
    state                  TEXT    NOT NULL,
    channel                TEXT    NOT NULL,
    received               TEXT    NOT NULL,            -- YYYY-MM-DD
    clock_start            TEXT,                        -- identity/clarification received
    requester              BLOB    NOT NULL,            -- sealed JSON (name, agent, evidence)
    details                BLOB    NOT NULL,            -- sealed
    extension_reason       BLOB,                        -- sealed
    extension_notified_on  TEXT,
    refusal_kind           TEXT,
    refusal_detail         BLOB,                        -- sealed
    outcome                BLOB,                        -- sealed
    closed_on              TEXT,
    created_by             TEXT    NOT NULL,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL
) STRICT;

CREATE INDEX requests_subject ON requests (subject_id);
CREATE INDEX requests_state ON requests (state, received);

-- Each step of a request (no personal data: states, dates and the user's name).
CREATE TABLE request_steps (
    seq         INTEGER PRIMARY KEY,
    request_id  BLOB    NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    from_state  TEXT,
    to_state    TEXT    NOT NULL,
    what        TEXT    NOT NULL,
    actor       TEXT    NOT NULL
) STRICT;

CREATE INDEX request_steps_request ON request_steps (request_id, seq);

CREATE TRIGGER request_steps_no_update BEFORE UPDATE ON request_steps
BEGIN SELECT RAISE(ABORT, 'request history is append-only'); END;

-- Rectification history: the field's value before and after (both sealed). Goes with the
-- subject when they are erased.
CREATE TABLE subject_changes (
    seq         INTEGER PRIMARY KEY,
    id          BLOB    NOT NULL UNIQUE,
    subject_id  BLOB    NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    request_id  BLOB    REFERENCES requests (id) ON DELETE SET NULL,
    field       TEXT    NOT NULL,
    before      BLOB    NOT NULL,
    after       BLOB    NOT NULL,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL
) STRICT;

CREATE INDEX subject_changes_subject ON subject_changes (subject_id, seq);

-- Restriction of processing (Art. 18): while set, the subject is left out of exports and
-- counted on suppression lists.
ALTER TABLE subjects ADD COLUMN restricted_on TEXT;

-- What remains of an erased person: the blind index of their email (keyed HMAC, not
-- reversible without the vault key), the day, and the request. Nothing readable.
CREATE TABLE erasures (
    seq                INTEGER PRIMARY KEY,
    email_index        BLOB,
    erased_on          TEXT    NOT NULL,
    request_reference  TEXT,
    removed            TEXT    NOT NULL   -- JSON counts per kind of record, no personal data
) STRICT;

CREATE INDEX erasures_email_index ON erasures (email_index);

CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures
BEGIN SELECT RAISE(ABORT, 'erasure records are never changed'); END;
CREATE TRIGGER erasures_no_delete BEFORE DELETE ON erasures
BEGIN SELECT RAISE(ABORT, 'erasure records are never removed'); END;

-- Changes to the shipped public-holiday presets: dates added (an extra holiday) or removed
-- (a preset date that is a working day for this business).
CREATE TABLE holiday_overrides (
    jurisdiction  TEXT NOT NULL,
    date          TEXT NOT NULL,      -- YYYY-MM-DD
    change        TEXT NOT NULL CHECK (change IN ('added', 'removed')),
    name          TEXT NOT NULL,
    PRIMARY KEY (jurisdiction, date)
) STRICT;

-- The officer's review of a consent in the review queue (issue: consent): the latest mark per
-- subject and purpose, with the notice version current when it was made. Goes with the
-- subject when they are erased.
CREATE TABLE consent_reviews (
    subject_id      BLOB    NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    purpose_code    TEXT    NOT NULL REFERENCES purposes (code),
    reviewed_at     TEXT    NOT NULL,
    notice_version  INTEGER NOT NULL,
    reviewed_by     TEXT    NOT NULL,
    PRIMARY KEY (subject_id, purpose_code)
) STRICT;
