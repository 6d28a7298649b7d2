-- Schema version 22 (issue 16): children.
--
-- A person's age as recorded (GDPR and UK GDPR Art. 8(1); Cal. Civ. Code § 1798.120(c)): the
-- birth year or age band is personal, so it is sealed (JSON, bound to the row's id); whether
-- it was only stated or verified (the method's code), the day and who recorded it are plain.
-- One row per person; it goes with the person at erasure and at anonymisation.
CREATE TABLE subject_ages (
    id           BLOB    PRIMARY KEY NOT NULL,            -- UUID bytes, binds the sealed value
    subject_id   BLOB    NOT NULL UNIQUE REFERENCES subjects (id) ON DELETE CASCADE,
    value        BLOB    NOT NULL,                        -- sealed JSON: birth year or band
    verified_by  TEXT,                                    -- NULL: stated by the person
    recorded_on  TEXT    NOT NULL,                        -- YYYY-MM-DD
    recorded_by  TEXT    NOT NULL
) STRICT;

-- A parent's or guardian's authorisation of one consent event (GDPR Art. 8(1)–(2); 11 CCR
-- §§ 7070–7071): who authorised it is personal and sealed; how it was verified (a method
-- code) and the day are plain. Keyed to the event, so it goes with the ledger at erasure.
CREATE TABLE parental_authorisations (
    id             BLOB    PRIMARY KEY NOT NULL,          -- UUID bytes, binds the sealed name
    event_id       BLOB    NOT NULL UNIQUE REFERENCES consent_events (id) ON DELETE CASCADE,
    subject_id     BLOB    NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    authorised_by  BLOB    NOT NULL,                      -- sealed
    method         TEXT    NOT NULL,
    authorised_on  TEXT    NOT NULL,                      -- YYYY-MM-DD
    recorded_by    TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX parental_authorisations_subject ON parental_authorisations (subject_id);
