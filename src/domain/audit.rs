//! The audit trail's rules: what an entry holds, how its MAC chains to the previous one, and
//! how a chain is verified.
//!
//! Each entry's MAC = HMAC(audit key, seq ‖ time ‖ actor ‖ via ‖ action ‖ entity kind ‖
//! entity id ‖ details ‖ previous MAC), every field length-prefixed. The first entry chains to
//! 32 zero bytes. The latest (seq, MAC) is also kept in the store header, so a truncated log
//! shows. Entries carry no personal data: an erasure must never need to touch the chain.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::crypto::{MAC_LEN, Mac, MacBuilder, SecretKey};

mod action;
mod changed_row;

pub use action::AuditAction;
pub use changed_row::{ChangedRow, RowProblem};

/// The MAC the first entry chains to.
pub const GENESIS_MAC: Mac = [0u8; MAC_LEN];

/// Who or what an entry is about. Kind and id only — never a name or an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    /// The kind of record ("store", "subject", "settings", …).
    pub kind: String,
    /// Its identifier (a UUID, or a fixed name for singletons).
    pub id: String,
}

impl EntityRef {
    /// A reference to a record.
    pub fn new(kind: &str, id: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            id: id.into(),
        }
    }
}

/// An entry about to be appended.
#[derive(Clone, Debug)]
pub struct NewAuditEntry {
    /// The acting user.
    pub actor: String,
    /// Where the action came from: "gui" or "cli".
    pub via: String,
    /// What was done.
    pub action: AuditAction,
    /// What it was done to.
    pub entity: EntityRef,
    /// Non-personal details (which fields changed, counts, file kinds).
    pub details: String,
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain, from 1, without gaps.
    pub seq: i64,
    /// When, in UTC, as stored (RFC 3339, microseconds).
    pub at: String,
    /// The acting user.
    pub actor: String,
    /// "gui" or "cli".
    pub via: String,
    /// The action's stable code.
    pub action: String,
    /// The kind of record acted on.
    pub entity_kind: String,
    /// The record's identifier.
    pub entity_id: String,
    /// Non-personal details.
    pub details: String,
    /// The previous entry's MAC, hex.
    #[serde(with = "hex_bytes")]
    pub prev_mac: Vec<u8>,
    /// This entry's MAC, hex.
    #[serde(with = "hex_bytes")]
    pub mac: Vec<u8>,
}

impl AuditEntry {
    /// The words for this entry's action, or its code when this version does not know it.
    pub fn action_label(&self) -> &str {
        match AuditAction::from_code(&self.action) {
            Some(action) => action.label(),
            None => &self.action,
        }
    }
}

/// Formats a time the way entries store it.
pub fn format_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Computes the MAC of an entry's fields chained to `prev_mac`.
pub fn entry_mac(key: &SecretKey, entry: &AuditEntry) -> MacBuilder {
    MacBuilder::new(key)
        .field(&entry.seq.to_be_bytes())
        .field(entry.at.as_bytes())
        .field(entry.actor.as_bytes())
        .field(entry.via.as_bytes())
        .field(entry.action.as_bytes())
        .field(entry.entity_kind.as_bytes())
        .field(entry.entity_id.as_bytes())
        .field(entry.details.as_bytes())
        .field(&entry.prev_mac)
}

/// Builds the full entry that follows `(prev_seq, prev_mac)`.
pub fn seal_entry(
    key: &SecretKey,
    new: &NewAuditEntry,
    at: DateTime<Utc>,
    prev_seq: i64,
    prev_mac: &[u8],
) -> AuditEntry {
    let mut entry = AuditEntry {
        seq: prev_seq + 1,
        at: format_time(at),
        actor: new.actor.clone(),
        via: new.via.clone(),
        action: new.action.code().to_owned(),
        entity_kind: new.entity.kind.clone(),
        entity_id: new.entity.id.clone(),
        details: new.details.clone(),
        prev_mac: prev_mac.to_vec(),
        mac: Vec::new(),
    };
    entry.mac = entry_mac(key, &entry).finish().to_vec();
    entry
}

/// The first place a chain is broken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainBreak {
    /// An entry's fields do not match its MAC: it was edited.
    Edited {
        /// The entry.
        seq: i64,
    },
    /// An entry does not chain to the one before it: an entry was removed or moved.
    Unlinked {
        /// The first entry whose link is wrong.
        seq: i64,
    },
    /// Sequence numbers jump: entries are missing.
    Gap {
        /// The number expected.
        expected: i64,
        /// The number found.
        found: i64,
    },
    /// The log ends before the head recorded in the store header.
    Truncated {
        /// The last entry present.
        last_seq: i64,
        /// The head recorded in the header.
        head_seq: i64,
    },
    /// The last entry is not the head recorded in the header (its MAC differs).
    HeadMismatch {
        /// The head's sequence number.
        seq: i64,
    },
}

impl ChainBreak {
    /// The sequence number a person should look at first.
    pub fn first_bad_seq(&self) -> i64 {
        match *self {
            Self::Edited { seq } | Self::Unlinked { seq } | Self::HeadMismatch { seq } => seq,
            Self::Gap { expected, .. } => expected,
            Self::Truncated { last_seq, .. } => last_seq + 1,
        }
    }
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Edited { seq } => write!(f, "entry {seq} was altered after it was written"),
            Self::Unlinked { seq } => write!(
                f,
                "entry {seq} does not follow the entry before it: entries were removed or reordered"
            ),
            Self::Gap { expected, found } => {
                write!(f, "entries {expected} to {} are missing", found - 1)
            }
            Self::Truncated { last_seq, head_seq } => write!(
                f,
                "the log ends at entry {last_seq} but the store recorded {head_seq} entries: the end was cut off"
            ),
            Self::HeadMismatch { seq } => write!(
                f,
                "entry {seq} is not the last entry the store recorded: the log was rewritten"
            ),
        }
    }
}

/// The result of verifying a chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Entries checked before stopping.
    pub checked: i64,
    /// The first break, or `None` when the chain is intact.
    pub first_break: Option<ChainBreak>,
    /// Protected rows checked against their integrity tags.
    pub rows_checked: u64,
    /// Every protected row whose tag does not match (changed or added outside the app).
    pub changed_rows: Vec<ChangedRow>,
}

impl VerifyReport {
    /// Whether the chain verified and every protected row matched its tag.
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none() && self.changed_rows.is_empty()
    }
}

/// Walks a chain incrementally (entries in ascending seq order), then checks it against the
/// head recorded in the header.
pub struct ChainVerifier<'k> {
    key: &'k SecretKey,
    expected_seq: i64,
    prev_mac: Vec<u8>,
    checked: i64,
    first_break: Option<ChainBreak>,
}

impl<'k> ChainVerifier<'k> {
    /// Starts at the genesis.
    pub fn new(key: &'k SecretKey) -> Self {
        Self {
            key,
            expected_seq: 1,
            prev_mac: GENESIS_MAC.to_vec(),
            checked: 0,
            first_break: None,
        }
    }

    /// Checks the next entry. Returns `false` once the chain is broken (stop feeding it).
    pub fn push(&mut self, entry: &AuditEntry) -> bool {
        if self.first_break.is_some() {
            return false;
        }
        let brk = if entry.seq != self.expected_seq {
            Some(ChainBreak::Gap {
                expected: self.expected_seq,
                found: entry.seq,
            })
        } else if !entry_mac(self.key, entry).verify(&entry.mac) {
            Some(ChainBreak::Edited { seq: entry.seq })
        } else if entry.prev_mac != self.prev_mac {
            Some(ChainBreak::Unlinked { seq: entry.seq })
        } else {
            None
        };
        if brk.is_some() {
            self.first_break = brk;
            return false;
        }
        self.checked += 1;
        self.expected_seq += 1;
        self.prev_mac.clone_from(&entry.mac);
        true
    }

    /// Compares the end of the chain with the header's head and reports.
    pub fn finish(self, head_seq: i64, head_mac: &[u8]) -> VerifyReport {
        let last_seq = self.expected_seq - 1;
        let first_break = self.first_break.or_else(|| {
            if last_seq < head_seq {
                Some(ChainBreak::Truncated { last_seq, head_seq })
            } else if last_seq > 0 && (last_seq != head_seq || self.prev_mac != head_mac) {
                Some(ChainBreak::HeadMismatch { seq: last_seq })
            } else {
                None
            }
        });
        VerifyReport {
            checked: self.checked,
            first_break,
            rows_checked: 0,
            changed_rows: Vec::new(),
        }
    }
}

/// Hex (de)serialisation of byte vectors for exports.
mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_hex(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        super::from_hex(&text).ok_or_else(|| serde::de::Error::custom("invalid hex"))
    }
}

/// Lower-case hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Bytes from hex; `None` if it is not hex.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests;

/// Conditions for browsing the log. Empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Exact action code.
    pub action: Option<String>,
    /// Exact entity kind.
    pub entity_kind: Option<String>,
    /// Exact actor.
    pub actor: Option<String>,
    /// Entries at or after this time (RFC 3339 prefix, e.g. `2026-11-01`).
    pub from: Option<String>,
    /// Entries before the end of this day (`YYYY-MM-DD`) or time.
    pub until: Option<String>,
    /// Substring of the entity id or details.
    pub text: Option<String>,
}
