-- Schema version 9: the whole-ledger reads (the review queue and count, the Subjects filter,
-- the exports that stream the ledger, the minimisation review, the retention sweep) are
-- answered from two covering indexes, already in the order they need, instead of scanning the
-- wide tables and sorting millions of rows in memory (issue #8: a sweep's dry run under 3 s,
-- peak memory under 400 MB at a million people). Both hold plain columns only — ids, dates,
-- codes, the author's user name, the sealed evidence's length — nothing personal.

-- Every column the ledger scan reads, ordered by subject, then time, then ledger order. It
-- replaces the index on (subject_id, at, seq), of which it is an extension, so every query
-- that used that one still can.
DROP INDEX consent_events_subject;
CREATE INDEX consent_events_subject ON consent_events (
    subject_id, at, seq, purpose_code, kind, channel, notice_version, recorded_by, id,
    length(evidence)
);

-- The dates a retention sweep reads of each person not yet anonymised, in id order.
-- `anonymised_on` is carried (always NULL here) so that SQLite can answer from the index alone.
CREATE INDEX subjects_live_dates ON subjects (
    id, created_at, updated_at, relationship_ended_on, anonymised_on
) WHERE anonymised_on IS NULL;
