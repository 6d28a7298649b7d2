-- Schema version 6: retention rules, legal holds, sweep reports, and the end of a customer
-- relationship. Rules and reports are the business's own words, codes, counts and record ids:
-- plain. A hold's reason may name a person or a case: sealed.

CREATE TABLE retention_rules (
    code            TEXT    PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('subject', 'consent-evidence', 'request')),
    purpose_code    TEXT    REFERENCES purposes (code),
    condition       TEXT    NOT NULL,
    period_amount   INTEGER NOT NULL CHECK (period_amount > 0),
    period_unit     TEXT    NOT NULL CHECK (period_unit IN ('days', 'months', 'years')),
    from_event      TEXT    NOT NULL,
    action          TEXT    NOT NULL CHECK (action IN ('delete', 'anonymise', 'flag')),
    reason          TEXT    NOT NULL,
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at      TEXT    NOT NULL
) STRICT;

CREATE TABLE legal_holds (
    seq          INTEGER PRIMARY KEY,
    id           BLOB    NOT NULL UNIQUE,
    target_kind  TEXT    NOT NULL CHECK (target_kind IN ('subject', 'request')),
    target_id    BLOB    NOT NULL,
    reason       BLOB    NOT NULL,          -- sealed
    placed_on    TEXT    NOT NULL,          -- YYYY-MM-DD
    ends_on      TEXT,                      -- YYYY-MM-DD, or open-ended
    placed_by    TEXT    NOT NULL,
    released_on  TEXT,
    released_by  TEXT
) STRICT;

CREATE INDEX legal_holds_target ON legal_holds (target_kind, target_id);

CREATE TABLE sweeps (
    seq          INTEGER PRIMARY KEY,
    id           BLOB    NOT NULL UNIQUE,
    started_at   TEXT    NOT NULL,
    finished_at  TEXT    NOT NULL,
    run_by       TEXT    NOT NULL,
    via          TEXT    NOT NULL,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('completed', 'cancelled', 'failed')),
    report       TEXT    NOT NULL            -- JSON: per rule, counts and record ids
) STRICT;

CREATE TRIGGER sweeps_no_update BEFORE UPDATE ON sweeps
BEGIN SELECT RAISE(ABORT, 'sweep reports are never changed'); END;

ALTER TABLE subjects ADD COLUMN relationship_ended_on TEXT;

-- The day a retention rule anonymised a record: nothing identifying is left, so no rule
-- reaches it again.
ALTER TABLE subjects ADD COLUMN anonymised_on TEXT;
ALTER TABLE requests ADD COLUMN anonymised_on TEXT;

-- The ledger stays append-only, except that a retention rule may empty an event's evidence
-- (the event itself, its kind, time, channel and notice version never change).
DROP TRIGGER consent_events_no_update;
CREATE TRIGGER consent_events_no_update
BEFORE UPDATE OF id, subject_id, purpose_code, kind, at, channel, notice_version, recorded_by,
                 recorded_at ON consent_events
BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
