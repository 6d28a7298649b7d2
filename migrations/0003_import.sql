-- Schema version 3: consent import from email platforms.
-- A subject's address can be known to bounce (a Mailchimp "cleaned" contact). That is not a
-- withdrawal of consent, so it is kept beside the subject rather than in the ledger. The time
-- is plain (RFC 3339, UTC): it identifies no one.

ALTER TABLE subjects ADD COLUMN undeliverable_at TEXT;
