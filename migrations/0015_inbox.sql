-- Schema version 15 (issue 18, item 1): the privacy mailbox. Each email taken in (from a file
-- or an IMAP folder) is a proposal. The Message-ID is kept only as a keyed fingerprint (for
-- "not seen before"), the sender as a sealed text and the email blind index (to find their
-- record, and to erase their messages with them), the subject line and the whole original
-- message sealed (the evidence). The rule phrase that matched is the rules' own text. A reply
-- to a message still waiting for the officer keeps that message's id (thread_of), so it follows
-- the request once that message is accepted.
CREATE TABLE inbox_messages (
    id               BLOB PRIMARY KEY NOT NULL,
    number           INTEGER NOT NULL UNIQUE,
    fingerprint      BLOB NOT NULL UNIQUE,
    status           TEXT NOT NULL,
    received         TEXT NOT NULL,
    proposed_type    TEXT,
    proposed_regime  TEXT,
    matched_phrase   TEXT,
    sender_index     BLOB,
    sender           BLOB NOT NULL,
    subject_line     BLOB NOT NULL,
    raw              BLOB NOT NULL,
    follow_up_of     BLOB,
    thread_of        BLOB,
    accepted_request BLOB,
    source           TEXT NOT NULL,
    taken_in_at      TEXT NOT NULL
);
CREATE INDEX inbox_messages_sender ON inbox_messages (sender_index);

-- The IMAP messages already fetched: UIDVALIDITY and UID per account (a keyed fingerprint of
-- host, user and folder), so a second fetch downloads nothing twice.
CREATE TABLE inbox_imap_seen (
    account      BLOB NOT NULL,
    uid_validity INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    PRIMARY KEY (account, uid_validity, uid)
);

-- The one IMAP account intake reads: the business's own mailbox. The user name and the
-- password (or app password) are sealed.
CREATE TABLE inbox_account (
    id       INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    host     TEXT NOT NULL,
    port     INTEGER NOT NULL,
    folder   TEXT NOT NULL,
    ca_file  TEXT,
    user     BLOB NOT NULL,
    password BLOB
);
