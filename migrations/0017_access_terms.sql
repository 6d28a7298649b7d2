-- Schema version 17 (issue 16, items 9 and 10, fees, repeat requests, partial compliance).

-- Item 9: the controller's own statement on automated decision-making, including profiling
-- (GDPR Art. 15(1)(h), Art. 22), quoted in every access package. Sealed like the rest of the
-- profile (AAD binds table, column and record); NULL until the officer writes one.
ALTER TABLE organisation_profile ADD COLUMN automated_decisions BLOB;

-- Item 10 and fees: one row per request that has any of these terms. Plain codes, counts and
-- dates only, nothing personal.
--   data_points, signed_declaration: the CCPA "know" verification (11 CCR § 7062(b)–(c));
--   fee_*: a reasonable fee charged instead of refusing a manifestly unfounded or excessive
--   request, or for further copies (GDPR Art. 12(5)(a), 15(3); Cal. Civ. Code
--   § 1798.145(h)(3)). The amount is in minor units (cents, pence).
CREATE TABLE request_terms (
    seq                 INTEGER PRIMARY KEY,
    request_id          BLOB    NOT NULL UNIQUE REFERENCES requests (id) ON DELETE CASCADE,
    data_points         INTEGER NOT NULL DEFAULT 0 CHECK (data_points BETWEEN 0 AND 20),
    signed_declaration  INTEGER NOT NULL DEFAULT 0 CHECK (signed_declaration IN (0, 1)),
    fee_minor           INTEGER CHECK (fee_minor > 0),
    fee_currency        TEXT,
    fee_reason          TEXT,
    fee_on              TEXT,
    row_mac             BLOB
) STRICT;
