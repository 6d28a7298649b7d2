-- Schema version 8: privacy impact assessments (GDPR Art. 35). The title, the template code,
-- the workflow status and the version number stay plain so the list can be shown and sorted
-- without opening anything; the assessment itself (answers, risks, measures and their owners,
-- the DPO's opinion, the people's views, the sign-off: any of them may name a person) is one
-- sealed JSON document. A decided version is frozen in `assessment_versions`, which only ever
-- grows. Templates the officer added or copied are kept as their TOML text (the business's own
-- questions: plain).

CREATE TABLE IF NOT EXISTS assessments (
    seq         INTEGER PRIMARY KEY,
    id          BLOB    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    template    TEXT    NOT NULL,           -- template code
    status      TEXT    NOT NULL,           -- draft, in-review, validated, …
    version     INTEGER NOT NULL,
    body        BLOB    NOT NULL,           -- sealed JSON: the whole assessment
    created_at  TEXT    NOT NULL,           -- RFC 3339
    updated_at  TEXT    NOT NULL            -- RFC 3339
) STRICT;

-- Every decided version, as it was when decided. Never changed, never deleted.
CREATE TABLE IF NOT EXISTS assessment_versions (
    assessment_id  BLOB    NOT NULL REFERENCES assessments (id),
    version        INTEGER NOT NULL,
    status         TEXT    NOT NULL,        -- the decision
    frozen_at      TEXT    NOT NULL,        -- RFC 3339
    frozen_by      TEXT    NOT NULL,        -- the signed-in user who recorded the decision
    body           BLOB    NOT NULL,        -- sealed JSON: the assessment as decided
    PRIMARY KEY (assessment_id, version)
) STRICT;

CREATE TRIGGER IF NOT EXISTS assessment_versions_no_update BEFORE UPDATE ON assessment_versions
BEGIN SELECT RAISE(ABORT, 'a decided version of an assessment is frozen; start a new version instead'); END;

CREATE TRIGGER IF NOT EXISTS assessment_versions_no_delete BEFORE DELETE ON assessment_versions
BEGIN SELECT RAISE(ABORT, 'a decided version of an assessment is kept (GDPR Art. 5(2) accountability)'); END;

CREATE TABLE IF NOT EXISTS assessment_templates (
    code      TEXT PRIMARY KEY,             -- kebab-case, unique among shipped and added templates
    source    TEXT NOT NULL,                -- the template's TOML text
    added_at  TEXT NOT NULL,                -- RFC 3339
    added_by  TEXT NOT NULL
) STRICT;
