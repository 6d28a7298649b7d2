-- Schema version 2: the purpose catalogue, versioned notices and the consent ledger.
-- Purpose names and notice texts are the business's own words, not personal data: plain.
-- Ledger rows are keyed by the subject's random id; the evidence (IP addresses, form ids,
-- document references) is sealed.

CREATE TABLE purposes (
    code                TEXT    PRIMARY KEY,
    name                TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    legal_basis         TEXT    NOT NULL CHECK (legal_basis IN ('consent', 'contract',
                            'legal-obligation', 'vital-interests', 'public-task',
                            'legitimate-interests')),
    data_categories     TEXT    NOT NULL,   -- JSON array of category codes
    ccpa_sale_or_share  INTEGER NOT NULL CHECK (ccpa_sale_or_share IN (0, 1)),
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
) STRICT;

CREATE TABLE notices (
    purpose_code  TEXT    NOT NULL REFERENCES purposes (code),
    version       INTEGER NOT NULL CHECK (version >= 1),
    text          TEXT    NOT NULL,
    published_at  TEXT    NOT NULL,
    PRIMARY KEY (purpose_code, version)
) STRICT;

CREATE TRIGGER notices_are_never_rewritten BEFORE UPDATE ON notices
BEGIN SELECT RAISE(ABORT, 'a notice version is never changed; publish a new version'); END;

CREATE TABLE consent_events (
    seq             INTEGER PRIMARY KEY,          -- ledger order
    id              BLOB    NOT NULL UNIQUE,      -- UUID bytes, binds the sealed evidence
    subject_id      BLOB    NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    purpose_code    TEXT    REFERENCES purposes (code),   -- NULL for person-wide CCPA choices
    kind            TEXT    NOT NULL,
    at              TEXT    NOT NULL,             -- when it happened (RFC 3339, UTC)
    channel         TEXT    NOT NULL,
    notice_version  INTEGER,
    evidence        BLOB    NOT NULL,             -- sealed JSON
    recorded_by     TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL
) STRICT;

CREATE INDEX consent_events_subject ON consent_events (subject_id, at, seq);
CREATE INDEX consent_events_purpose ON consent_events (purpose_code);

-- Append-only: events are never edited. Rows go only when their subject is erased.
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
