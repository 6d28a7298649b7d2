//! Attachments: files kept sealed with a record (a request's ID document or original email, an
//! incident's evidence, a vendor's signed agreement, an assessment's annex).
//!
//! This module owns the rules a file must meet before it is taken in (its size and its name)
//! and the types the window and the command line see. Sealing and chunking are the store's.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::access::Permission;

/// The largest file one attachment may hold: 25 MB (25 × 1024 × 1024 bytes). Larger files
/// (scans at full resolution, videos) belong outside the register; a photo or PDF of an ID
/// document or a signed agreement is far smaller.
pub const MAX_ATTACHMENT_BYTES: u64 = 25 * 1024 * 1024;

/// The size of one sealed chunk: memory stays at about two chunks whatever the file's size.
pub const CHUNK_BYTES: usize = 512 * 1024;

/// The longest file name kept (most file systems allow 255 bytes).
pub const MAX_NAME_BYTES: usize = 255;

/// The record an attachment belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AttachmentOwner {
    /// A data-subject request (its id).
    Request(Uuid),
    /// An entry of the incident log (its id).
    Incident(Uuid),
    /// A vendor (its code).
    Vendor(String),
    /// A privacy impact assessment (its id).
    Assessment(Uuid),
}

impl AttachmentOwner {
    /// The stable code stored in the `owner_kind` column and bound into each chunk's seal.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Request(_) => "request",
            Self::Incident(_) => "incident",
            Self::Vendor(_) => "vendor",
            Self::Assessment(_) => "assessment",
        }
    }

    /// The owner's key as stored: the id's 16 bytes, or the vendor code's UTF-8 bytes.
    pub fn key_bytes(&self) -> Vec<u8> {
        match self {
            Self::Request(id) | Self::Incident(id) | Self::Assessment(id) => id.as_bytes().to_vec(),
            Self::Vendor(code) => code.as_bytes().to_vec(),
        }
    }

    /// What adding a file needs: an assistant who takes in a request may attach the ID
    /// document that came with it; the other records need the right to edit them.
    pub fn attach_permission(&self) -> Permission {
        match self {
            Self::Request(_) => Permission::TakeInRequests,
            Self::Incident(_) | Self::Vendor(_) => Permission::EditVendorsAndRecords,
            Self::Assessment(_) => Permission::EditAssessments,
        }
    }

    /// What removing a file needs: working on the record, as for changing it.
    pub fn remove_permission(&self) -> Permission {
        match self {
            Self::Request(_) => Permission::ProcessRequests,
            Self::Incident(_) | Self::Vendor(_) => Permission::EditVendorsAndRecords,
            Self::Assessment(_) => Permission::EditAssessments,
        }
    }

    /// The owner as the audit trail names it (an id or a code; never personal data).
    pub fn audit_id(&self) -> String {
        match self {
            Self::Request(id) | Self::Incident(id) | Self::Assessment(id) => id.to_string(),
            Self::Vendor(code) => code.clone(),
        }
    }
}

/// One attachment as listed (its content stays sealed until it is saved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentInfo {
    /// The attachment's id.
    pub id: Uuid,
    /// The file's name as it was attached.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Who attached it.
    pub added_by: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// Why a file cannot be attached.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentRuleError {
    /// Larger than [`MAX_ATTACHMENT_BYTES`].
    #[error(
        "{name} is {size} bytes; an attachment may be at most 25 MB ({MAX_ATTACHMENT_BYTES} bytes): attach a smaller scan or a PDF"
    )]
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size.
        size: u64,
    },
    /// The name is empty, too long, or holds a path separator or a control character.
    #[error(
        "{0:?} cannot be an attachment's name: use a plain file name (no folders, at most 255 bytes)"
    )]
    BadName(String),
    /// The record already has an attachment of that name.
    #[error(
        "this record already has an attachment named {0:?}: remove it first, or rename the file"
    )]
    DuplicateName(String),
}

/// Checks a file's name and size before anything is read or written.
pub fn check_new_attachment(name: &str, size: u64) -> Result<(), AttachmentRuleError> {
    check_name(name)?;
    if size > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentRuleError::TooLarge {
            name: name.to_owned(),
            size,
        });
    }
    Ok(())
}

/// A plain file name: not empty, not `.`/`..`, at most [`MAX_NAME_BYTES`], no `/`, `\` or
/// control characters (so saving it can never write outside the folder asked for).
pub fn check_name(name: &str) -> Result<(), AttachmentRuleError> {
    let bad = name.trim().is_empty()
        || name == "."
        || name == ".."
        || name.len() > MAX_NAME_BYTES
        || name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control());
    if bad {
        Err(AttachmentRuleError::BadName(name.to_owned()))
    } else {
        Ok(())
    }
}

/// How many chunks a file of `size` bytes is kept in (an empty file is one empty chunk).
pub fn chunk_count(size: u64) -> u64 {
    size.div_ceil(CHUNK_BYTES as u64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_sizes() {
        let cases: &[(&str, u64, bool)] = &[
            ("passport.jpg", 1_000, true),
            ("Vertrag unterschrieben.pdf", MAX_ATTACHMENT_BYTES, true),
            ("empty.txt", 0, true),
            ("big.pdf", MAX_ATTACHMENT_BYTES + 1, false),
            ("", 10, false),
            ("   ", 10, false),
            ("..", 10, false),
            ("../../etc/passwd", 10, false),
            ("a\\b.pdf", 10, false),
            ("line\nbreak.pdf", 10, false),
        ];
        for (name, size, ok) in cases {
            assert_eq!(
                check_new_attachment(name, *size).is_ok(),
                *ok,
                "{name:?} {size}"
            );
        }
        let long = "x".repeat(MAX_NAME_BYTES + 1);
        assert!(check_name(&long).is_err());
    }

    #[test]
    fn chunks_cover_the_file() {
        let c = CHUNK_BYTES as u64;
        assert_eq!(chunk_count(0), 1);
        assert_eq!(chunk_count(1), 1);
        assert_eq!(chunk_count(c), 1);
        assert_eq!(chunk_count(c + 1), 2);
        assert_eq!(chunk_count(MAX_ATTACHMENT_BYTES), 50);
    }

    #[test]
    fn owner_keys() {
        let id = Uuid::new_v4();
        assert_eq!(AttachmentOwner::Request(id).key_bytes(), id.as_bytes());
        assert_eq!(
            AttachmentOwner::Vendor("mailco".into()).key_bytes(),
            b"mailco"
        );
        assert_eq!(AttachmentOwner::Assessment(id).kind(), "assessment");
    }

    #[test]
    fn an_assistant_may_attach_to_a_request_but_not_remove() {
        use crate::domain::access::Role;
        let request = AttachmentOwner::Request(Uuid::new_v4());
        assert!(Role::Assistant.can(request.attach_permission()));
        assert!(!Role::Assistant.can(request.remove_permission()));
        let vendor = AttachmentOwner::Vendor("mailco".into());
        assert!(!Role::Assistant.can(vendor.attach_permission()));
        assert!(Role::Officer.can(vendor.attach_permission()));
        assert!(!Role::Auditor.can(AttachmentOwner::Assessment(Uuid::nil()).attach_permission()));
    }
}
