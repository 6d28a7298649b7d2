-- Schema version 17 (issue 16, items 9 and 10, fees, repeat requests, partial compliance).

-- Item 9: the controller's own statement on automated decision-making, including profiling
-- (GDPR Art. 15(1)(h), Art. 22), quoted in every access package. Sealed like the rest of the
-- profile (AAD binds table, column and record); NULL until the officer writes one.
ALTER TABLE organisation_profile ADD COLUMN automated_decisions BLOB;
