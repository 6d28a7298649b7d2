-- Schema version 7: the accountability records. The data taxonomy, the record of processing
-- activities (GDPR Art. 30), the data inventory (systems), vendors, and the security measures
-- register are the business's own descriptions: plain. Each register row keeps its details as a
-- JSON document (the domain type, serialised) beside the few columns the app sorts or filters
-- on. What can name a person is sealed: who was trained, an incident's facts, effects and
-- remedial action. Pseudonym keys (one per export recipient) are sealed.

CREATE TABLE data_categories (
    code        TEXT    PRIMARY KEY,        -- dotted path, e.g. contact.email
    position    INTEGER NOT NULL,
    body        TEXT    NOT NULL,           -- JSON: name, description, special category
    updated_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE activities (
    code        TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    body        TEXT    NOT NULL,           -- JSON: the Art. 30(1) record
    updated_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE systems (
    code        TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    body        TEXT    NOT NULL,           -- JSON: kind, location, categories, activities
    updated_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE vendors (
    code            TEXT    PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    next_review_on  TEXT,                   -- YYYY-MM-DD
    body            TEXT    NOT NULL,       -- JSON: services, transfers, DPA, questionnaire
    updated_at      TEXT    NOT NULL
) STRICT;

CREATE TABLE security_measures (
    code        TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    review_on   TEXT,                       -- YYYY-MM-DD
    body        TEXT    NOT NULL,           -- JSON: kind, description, owner
    updated_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE trainings (
    seq           INTEGER PRIMARY KEY,
    id            BLOB    NOT NULL UNIQUE,
    trainee       BLOB    NOT NULL,         -- sealed: who was trained
    topic         TEXT    NOT NULL,
    completed_on  TEXT    NOT NULL,         -- YYYY-MM-DD
    renew_on      TEXT,                     -- YYYY-MM-DD
    recorded_by   TEXT    NOT NULL,
    recorded_at   TEXT    NOT NULL
) STRICT;

-- The incident log of GDPR Art. 33(5). Entries are corrected, never deleted.
CREATE TABLE incidents (
    seq                    INTEGER PRIMARY KEY,
    id                     BLOB    NOT NULL UNIQUE,
    occurred_on            TEXT,                -- YYYY-MM-DD, when known
    aware_at               TEXT    NOT NULL,    -- RFC 3339: when the business became aware
    details                BLOB    NOT NULL,    -- sealed JSON: facts, effects, remedial action
    authority_notified_at  TEXT,                -- RFC 3339
    subjects_notified      INTEGER NOT NULL CHECK (subjects_notified IN (0, 1)),
    closed_on              TEXT,                -- YYYY-MM-DD
    recorded_by            TEXT    NOT NULL,
    recorded_at            TEXT    NOT NULL
) STRICT;

CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'the incident log keeps every entry (GDPR Art. 33(5))'); END;

-- One key per recipient of pseudonymised exports: the same person gets the same pseudonym in
-- every export to that recipient, and a different one for every other recipient.
CREATE TABLE pseudonym_keys (
    recipient   TEXT    PRIMARY KEY,        -- the recipient's name, trimmed and lower-cased
    key         BLOB    NOT NULL,           -- sealed 32-byte key
    created_at  TEXT    NOT NULL,
    created_by  TEXT    NOT NULL
) STRICT;
