-- Schema version 20 (issue 16): partial compliance with an erasure or delete request, and the
-- controller's roles in the organisation profile.

-- Partial compliance (GDPR and UK GDPR Art. 17(3); Cal. Civ. Code § 1798.105(d); 11 CCR
-- § 7022(f)). One row per part of the person's data kept on an exception: the part is a data
-- category code or a system of the inventory (the business's own words, checked against the
-- records of processing), the exception a code of the regime's checklist; the officer's
-- reason may describe the person's situation: sealed, and replaced when the person is erased.
CREATE TABLE erasure_exceptions (
    id          BLOB    PRIMARY KEY NOT NULL,            -- UUID bytes, binds the sealed reason
    request_id  BLOB    NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    part        TEXT    NOT NULL,
    exception   TEXT    NOT NULL,
    reason      BLOB    NOT NULL,                        -- sealed
    decided_on  TEXT    NOT NULL,                        -- YYYY-MM-DD
    decided_by  TEXT    NOT NULL,
    UNIQUE (request_id, part)
) STRICT;

-- The controller's roles (GDPR and UK GDPR Art. 27 representative, Art. 26 joint controllers
-- with the essence of the arrangement, Art. 30(2) record as a processor): sealed JSON, like
-- the other profile fields.
ALTER TABLE organisation_profile ADD COLUMN roles BLOB;
