-- Schema version 18 (issue 16, the remaining items): objection to legitimate-interest
-- processing, children's consent, the Art. 26/27/30(2) records, the DPIA prior consultation.

-- Item: objection (GDPR and UK GDPR Art. 21(1)). One decision per purpose of an objection
-- request: stopped, or continues on compelling legitimate grounds or legal claims. Codes and
-- dates are plain; the officer's reasons may describe the person's situation: sealed, and
-- replaced when the person is erased.
CREATE TABLE objection_decisions (
    id                BLOB    PRIMARY KEY,              -- UUID bytes, binds the sealed reason
    request_id        BLOB    NOT NULL REFERENCES requests (id),
    purpose_code      TEXT    NOT NULL,
    outcome           TEXT    NOT NULL CHECK (outcome IN ('stopped', 'continues')),
    ground            TEXT    CHECK (ground IN ('compelling-grounds', 'legal-claims')),
    direct_marketing  INTEGER NOT NULL CHECK (direct_marketing IN (0, 1)),
    reason            BLOB    NOT NULL,                 -- sealed
    decided_on        TEXT    NOT NULL,                 -- YYYY-MM-DD
    decided_by        TEXT    NOT NULL,
    UNIQUE (request_id, purpose_code),
    CHECK ((outcome = 'continues') = (ground IS NOT NULL)),
    CHECK (NOT (direct_marketing = 1 AND outcome = 'continues'))
) STRICT;
