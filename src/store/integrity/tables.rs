//! Which rows carry an integrity tag and which of their columns it binds, and the canonical
//! encoding the tag is computed over.
//!
//! A tag is HMAC-SHA256 under the row-MAC subkey over: a version label, the table's name, the
//! record id and then, for each bound column in the order listed here, the column's name and
//! its value (a type byte and the value's bytes), every field length-prefixed. So an edited
//! value, a value moved from another row (the id differs) or another table (the name differs),
//! or a NULL swapped for an empty text all change the tag.
//!
//! Bound are the plain columns that matter: sealed columns are already bound to their record
//! by AES-GCM. Not bound: `users.failed_attempts` and `users.last_failed_at`, written by a
//! wrong passphrase when no key is at hand, and `users`' KDF parameters, salt and wrapped key,
//! which only open the vault key when left intact.

use rusqlite::types::ValueRef;

use crate::crypto::{Mac, MacBuilder, SecretKey};

/// How a table's record id is stored, and so how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// 16 bytes, shown as a UUID.
    Uuid,
    /// An integer sequence number.
    Seq,
    /// A text code.
    Code,
}

/// A table whose rows carry an integrity tag in their `row_mac` column.
#[derive(Debug)]
pub struct ProtectedTable {
    /// The table.
    pub name: &'static str,
    /// The column holding the record id (bound first).
    pub id: &'static str,
    /// How the id is stored.
    pub id_kind: IdKind,
    /// The other bound columns, in tag order. Changing this list (or the order) makes every
    /// existing tag mismatch: add a column only with a migration that re-tags.
    pub columns: &'static [&'static str],
}

/// The column that holds the tag.
pub const MAC_COLUMN: &str = "row_mac";

/// Every protected table.
pub const PROTECTED: &[ProtectedTable] = &[
    ProtectedTable {
        name: "consent_events",
        id: "id",
        id_kind: IdKind::Uuid,
        columns: &[
            "seq",
            "subject_id",
            "purpose_code",
            "kind",
            "at",
            "channel",
            "notice_version",
            "recorded_by",
            "recorded_at",
        ],
    },
    ProtectedTable {
        name: "users",
        id: "id",
        id_kind: IdKind::Uuid,
        columns: &["name", "name_key", "role", "created_at"],
    },
    ProtectedTable {
        name: "subjects",
        id: "id",
        id_kind: IdKind::Uuid,
        columns: &[
            "email_index",
            "created_at",
            "updated_at",
            "undeliverable_at",
            "restricted_on",
            "relationship_ended_on",
            "customer_since",
            "anonymised_on",
        ],
    },
    ProtectedTable {
        name: "erasures",
        id: "seq",
        id_kind: IdKind::Seq,
        columns: &[
            "email_index",
            "erased_on",
            "request_reference",
            "removed",
            "subject_id",
        ],
    },
    ProtectedTable {
        name: "retention_rules",
        id: "code",
        id_kind: IdKind::Code,
        columns: &[
            "position",
            "name",
            "kind",
            "purpose_code",
            "condition",
            "period_amount",
            "period_unit",
            "from_event",
            "action",
            "reason",
            "enabled",
            "updated_at",
        ],
    },
    ProtectedTable {
        name: "legal_holds",
        id: "id",
        id_kind: IdKind::Uuid,
        columns: &[
            "seq",
            "target_kind",
            "target_id",
            "placed_on",
            "ends_on",
            "placed_by",
            "released_on",
            "released_by",
        ],
    },
    ProtectedTable {
        name: "request_terms",
        id: "request_id",
        id_kind: IdKind::Uuid,
        columns: &[
            "seq",
            "data_points",
            "signed_declaration",
            "fee_minor",
            "fee_currency",
            "fee_reason",
            "fee_on",
        ],
    },
    ProtectedTable {
        name: "requests",
        id: "id",
        id_kind: IdKind::Uuid,
        columns: &[
            "seq",
            "reference",
            "subject_id",
            "regime",
            "kind",
            "state",
            "channel",
            "received",
            "clock_start",
            "identity_asked_on",
            "clarification_asked_on",
            "clarified_on",
            "clarification_paused_days",
            "acknowledged_on",
            "extension_notified_on",
            "refusal_kind",
            "closed_on",
            "anonymised_on",
            "created_by",
            "created_at",
            "updated_at",
        ],
    },
];

/// Version label at the start of every tag.
const LABEL: &[u8] = b"privacy-desk/row-mac/v1";

impl ProtectedTable {
    /// The protected table named `name`.
    pub fn named(name: &str) -> Option<&'static ProtectedTable> {
        PROTECTED.iter().find(|t| t.name == name)
    }

    /// `SELECT rowid, row_mac, id, columns… FROM table`, for [`ProtectedTable::tag`].
    pub(super) fn select(&self) -> String {
        format!(
            "SELECT rowid, {MAC_COLUMN}, {}, {} FROM {}",
            self.id,
            self.columns.join(", "),
            self.name
        )
    }

    /// The tag of a row read with [`ProtectedTable::select`] (the id at column 2, then the
    /// bound columns).
    pub(super) fn tag(&self, key: &SecretKey, row: &rusqlite::Row<'_>) -> rusqlite::Result<Mac> {
        let mut mac = MacBuilder::new(key)
            .field(LABEL)
            .field(self.name.as_bytes());
        let names = std::iter::once(self.id).chain(self.columns.iter().copied());
        for (i, name) in names.enumerate() {
            mac = encode(mac.field(name.as_bytes()), row.get_ref(i + 2)?);
        }
        Ok(mac.finish())
    }

    /// Whether `tag` is the tag of a row read with [`ProtectedTable::select`] (constant time).
    pub(super) fn tag_matches(
        &self,
        key: &SecretKey,
        row: &rusqlite::Row<'_>,
        tag: &[u8],
    ) -> rusqlite::Result<bool> {
        let expected = self.tag(key, row)?;
        Ok(expected.len() == tag.len() && constant_time_eq(&expected, tag))
    }

    /// The record id of a row read with [`ProtectedTable::select`], as shown in reports.
    pub(super) fn record(&self, row: &rusqlite::Row<'_>) -> String {
        match (self.id_kind, row.get_ref(2)) {
            (IdKind::Uuid, Ok(ValueRef::Blob(b))) => uuid::Uuid::from_slice(b)
                .map_or_else(|_| crate::domain::audit::to_hex(b), |u| u.to_string()),
            (_, Ok(ValueRef::Integer(n))) => n.to_string(),
            (_, Ok(ValueRef::Text(t))) => String::from_utf8_lossy(t).into_owned(),
            (_, Ok(ValueRef::Blob(b))) => crate::domain::audit::to_hex(b),
            (_, Ok(ValueRef::Real(r))) => r.to_string(),
            (_, Ok(ValueRef::Null) | Err(_)) => format!("(rowid {})", row_id(row)),
        }
    }
}

/// The SQLite rowid of a row read with [`ProtectedTable::select`].
pub(super) fn row_id(row: &rusqlite::Row<'_>) -> i64 {
    row.get(0).unwrap_or(-1)
}

/// Adds one value: a type byte, then the value's bytes, as one length-prefixed field.
fn encode(mac: MacBuilder, value: ValueRef<'_>) -> MacBuilder {
    let mut bytes = Vec::with_capacity(64);
    match value {
        ValueRef::Null => bytes.push(0),
        ValueRef::Integer(n) => {
            bytes.push(1);
            bytes.extend_from_slice(&n.to_be_bytes());
        }
        ValueRef::Real(r) => {
            bytes.push(2);
            bytes.extend_from_slice(&r.to_bits().to_be_bytes());
        }
        ValueRef::Text(t) => {
            bytes.push(3);
            bytes.extend_from_slice(t);
        }
        ValueRef::Blob(b) => {
            bytes.push(4);
            bytes.extend_from_slice(b);
        }
    }
    mac.field(&bytes)
}

/// Compares two byte strings of equal length without an early exit.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
