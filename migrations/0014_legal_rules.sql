-- Schema version 14 (issue 16): the remaining legal rules. Plain dates and codes only,
-- nothing personal.

-- Item 1: the day a person became a customer (the end is `relationship_ended_on`, migration 6).
-- Marketing retention rules never remove a current customer (GDPR Art. 6(1)(b), (c);
-- Art. 17(3)(b), (e)). The sweep reads it with the other dates, from the covering index.
ALTER TABLE subjects ADD COLUMN customer_since TEXT;
DROP INDEX subjects_live_dates;
CREATE INDEX subjects_live_dates ON subjects (
    id, created_at, updated_at, relationship_ended_on, customer_since, anonymised_on
) WHERE anonymised_on IS NULL;

-- Item 1: "unconfirmed sign-ups" are people whose double opt-in was never confirmed, not
-- "anyone without consent". The shipped rule adopted before this version is corrected; a rule
-- the officer changed (another condition) is left as they wrote it.
UPDATE retention_rules
SET condition = 'pending-double-opt-in',
    reason = 'People who started to sign up but never confirmed the double opt-in email. We have no reason to keep their details beyond a month (GDPR Art. 5(1)(c) and (e)). Customers are never removed by this rule.'
WHERE code = 'unconfirmed-sign-ups' AND condition = 'never-consented';

-- Item 4: clarification has its own step. The day it was asked (while the question is open),
-- the day of the last answer, and the days the clock stood still (UK GDPR Art. 12A: paused
-- days are added to the due date; EU GDPR and CCPA clocks keep running, so none are added).
ALTER TABLE requests ADD COLUMN clarification_asked_on TEXT;
ALTER TABLE requests ADD COLUMN clarified_on TEXT;
ALTER TABLE requests ADD COLUMN clarification_paused_days INTEGER NOT NULL DEFAULT 0
    CHECK (clarification_paused_days >= 0);

-- CCPA confirmation of receipt (11 CCR § 7021(a)): the day receipt was confirmed.
ALTER TABLE requests ADD COLUMN acknowledged_on TEXT;
