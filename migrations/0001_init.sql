-- Privacy Desk store, schema version 1.
-- Columns ending in nothing special but typed BLOB and holding personal data are sealed
-- (AES-256-GCM, see src/crypto/seal.rs). Everything else is plain and identifies no one.

CREATE TABLE vault_header (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    store_id               BLOB    NOT NULL,            -- 16 random bytes, bound into key wrapping
    format_version         INTEGER NOT NULL,
    kdf_algorithm          TEXT    NOT NULL,            -- 'argon2id-v19'
    kdf_memory_kib         INTEGER NOT NULL,            -- defaults for new users and the recovery wrap
    kdf_iterations         INTEGER NOT NULL,
    kdf_parallelism        INTEGER NOT NULL,
    recovery_salt          BLOB    NOT NULL,
    wrapped_key_recovery   BLOB    NOT NULL,            -- vault key sealed under the recovery KEK
    created_at             TEXT    NOT NULL,
    seal_count             INTEGER NOT NULL DEFAULT 0,  -- encryptions under the field key
    audit_head_seq         INTEGER NOT NULL DEFAULT 0,
    audit_head_mac         BLOB
) STRICT;

-- The people who sign in. Each user's passphrase wraps the same vault key (envelope), so adding
-- or removing a user never re-encrypts data; removing a user deletes the row and its wrap.
-- Login names are plain: they must be listed before anyone has unlocked the store.
CREATE TABLE users (
    id                     BLOB    PRIMARY KEY,         -- UUID bytes
    name                   TEXT    NOT NULL,
    name_key               TEXT    NOT NULL UNIQUE,     -- lower-cased name, for uniqueness
    role                   TEXT    NOT NULL CHECK (role IN ('owner', 'officer', 'assistant', 'auditor')),
    kdf_memory_kib         INTEGER NOT NULL,
    kdf_iterations         INTEGER NOT NULL,
    kdf_parallelism        INTEGER NOT NULL,
    passphrase_salt        BLOB    NOT NULL,
    wrapped_key            BLOB    NOT NULL,            -- vault key sealed under this user's KEK
    created_at             TEXT    NOT NULL,
    passphrase_changed_at  TEXT,
    failed_attempts        INTEGER NOT NULL DEFAULT 0,  -- wrong passphrases since the last success
    last_failed_at         TEXT
) STRICT;

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    via         TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    details     TEXT NOT NULL,
    prev_mac    BLOB NOT NULL,
    mac         BLOB NOT NULL
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Plain settings: nothing personal (auto-lock minutes, regimes, setup state).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One row. Every field is sealed: it names people (controller and DPO contacts).
CREATE TABLE organisation_profile (
    id          BLOB PRIMARY KEY,
    name        BLOB NOT NULL,
    controller  BLOB NOT NULL,
    dpo         BLOB NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE subjects (
    id              BLOB PRIMARY KEY,     -- UUID bytes
    email_index     BLOB,                 -- blind index of the normalised email
    email           BLOB NOT NULL,
    name            BLOB NOT NULL,
    phone           BLOB NOT NULL,
    postal_address  BLOB NOT NULL,
    customer_ref    BLOB NOT NULL,
    notes           BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX subjects_email_index ON subjects (email_index);
