//! Attachments: files kept sealed with a request (ID documents, the original email), an
//! incident, a vendor (the signed agreement) or an assessment.
//!
//! A file is read and sealed chunk by chunk inside one write (its header, its chunks and the
//! audit entry commit together or not at all), so memory stays flat up to the 25 MB limit. It
//! is written in clear only when someone saves it to a file they chose, which is audited as an
//! export. Erasing a person removes the attachments of their requests (see
//! `store::requests::scrub_for_subject`).

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use chrono::Utc;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::domain::access::Permission;
use crate::domain::attachment::{
    AttachmentInfo, AttachmentOwner, AttachmentRuleError, CHUNK_BYTES, check_new_attachment,
    chunk_count,
};
use crate::domain::audit::{AuditAction, EntityRef};
use crate::jobs::Progress;
use crate::store::attachments;

use super::export::{AtomicFile, write_all};
use super::{ServiceError, ServiceResult};

/// The attachments front (`session.attachments()`).
pub type Attachments<'s> =
    crate::services::front::Front<'s, crate::services::front::area::Attachments>;

fn rule(e: AttachmentRuleError) -> ServiceError {
    ServiceError::invalid("Attachment", e.to_string())
}

fn read_error(path: &Path, e: &std::io::Error) -> ServiceError {
    let message = if e.kind() == ErrorKind::NotFound {
        format!(
            "there is no file at {}; check the spelling, or choose it again",
            path.display()
        )
    } else {
        format!("{} could not be read: {e}", path.display())
    };
    ServiceError::invalid("Attachment", message)
}

/// Fills `buf` from `reader` until it is full or the input ends; how many bytes were read.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

impl Attachments<'_> {
    /// The attachments of `owner`, oldest first.
    pub fn list(&self, owner: &AttachmentOwner) -> ServiceResult<Vec<AttachmentInfo>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(attachments::list(self.store.db(), &self.keys.field, owner)?)
    }

    /// The attachment of `owner` called `name`, or an error listing the names it has.
    fn named(&self, owner: &AttachmentOwner, name: &str) -> ServiceResult<AttachmentInfo> {
        let all = self.list(owner)?;
        let names: Vec<&str> = all.iter().map(|a| a.name.as_str()).collect();
        let message = if names.is_empty() {
            format!("there is no attachment {name:?}: this record has none")
        } else {
            format!(
                "there is no attachment {name:?}; this record has: {}",
                names.join(", ")
            )
        };
        all.iter()
            .find(|a| a.name == name)
            .cloned()
            .ok_or_else(|| ServiceError::invalid("Attachment", message))
    }

    /// Attaches the file at `path` to `owner` under the file's own name.
    pub fn attach_file(
        &self,
        owner: &AttachmentOwner,
        path: &Path,
        progress: &Progress,
    ) -> ServiceResult<AttachmentInfo> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| {
                ServiceError::invalid(
                    "Attachment",
                    format!(
                        "{} has no file name that can be kept (rename it with letters and digits)",
                        path.display()
                    ),
                )
            })?
            .to_owned();
        let file = File::open(path).map_err(|e| read_error(path, &e))?;
        let meta = file.metadata().map_err(|e| read_error(path, &e))?;
        if !meta.is_file() {
            return Err(ServiceError::invalid(
                "Attachment",
                format!(
                    "{} is not a file (a folder?): choose the file itself",
                    path.display()
                ),
            ));
        }
        self.attach_reader(owner, &name, meta.len(), file, progress)
    }

    /// Attaches `size` bytes read from `reader` to `owner` as `name`: checked first (size, name,
    /// no other attachment of that name, the record exists), then sealed chunk by chunk in one
    /// write with its audit entry. Cancel (through `progress`) rolls everything back.
    pub fn attach_reader(
        &self,
        owner: &AttachmentOwner,
        name: &str,
        size: u64,
        mut reader: impl Read,
        progress: &Progress,
    ) -> ServiceResult<AttachmentInfo> {
        self.require(owner.attach_permission())?;
        check_new_attachment(name, size).map_err(rule)?;
        if !attachments::owner_exists(self.store.db(), owner)? {
            return Err(ServiceError::invalid(
                "Attachment",
                format!("there is no {} to attach the file to", owner.kind()),
            ));
        }
        if self.list(owner)?.iter().any(|a| a.name == name) {
            return Err(rule(AttachmentRuleError::DuplicateName(name.to_owned())));
        }
        let chunks = chunk_count(size);
        progress.set_total(chunks);
        let id = Uuid::new_v4();
        let at = Utc::now();
        let mut w = self.store.write()?;
        attachments::insert(
            &mut w,
            &self.keys.field,
            owner,
            id,
            name,
            size,
            chunks,
            &self.user.name,
            at,
        )?;
        let mut buf = Zeroizing::new(vec![0u8; CHUNK_BYTES]);
        let mut read_so_far = 0u64;
        for n in 0..chunks {
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            let got = fill(&mut reader, &mut buf).map_err(|e| read_error(Path::new(name), &e))?;
            read_so_far += got as u64;
            let last = n + 1 == chunks;
            if (!last && got < CHUNK_BYTES) || read_so_far > size {
                return Err(changed_while_read(name));
            }
            attachments::insert_chunk(&mut w, &self.keys.field, owner, id, n, last, &buf[..got])?;
            progress.set_done(n + 1);
        }
        // Nothing may follow the size the file had when it was checked.
        if read_so_far != size || fill(&mut reader, &mut buf[..1]).unwrap_or(0) != 0 {
            return Err(changed_while_read(name));
        }
        let entry = self.entry(
            AuditAction::AttachmentAdded,
            EntityRef::new(owner.kind(), owner.audit_id()),
            format!("attachment {id}: {size} bytes in {chunks} sealed chunks"),
        );
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(AttachmentInfo {
            id,
            name: name.to_owned(),
            size,
            added_by: self.user.name.clone(),
            added_at: at,
        })
    }

    /// Writes the attachment `name` of `owner` in clear to `out` (readable by its owner only,
    /// published complete or not at all) and audits it as an export; the bytes written.
    pub fn save(
        &self,
        owner: &AttachmentOwner,
        name: &str,
        out: &Path,
        progress: &Progress,
    ) -> ServiceResult<u64> {
        self.require(Permission::ExportPersonalData)?;
        let info = self.named(owner, name)?;
        let stored = attachments::get(self.store.db(), owner, info.id)?
            .ok_or_else(|| ServiceError::invalid("Attachment", "it was removed meanwhile"))?;
        progress.set_total(stored.chunks);
        let mut file = AtomicFile::create(out)?;
        let mut done = 0;
        attachments::read_chunks(self.store.db(), &self.keys.field, owner, stored, |bytes| {
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            write_all(&mut file, bytes)?;
            done += 1;
            progress.set_done(done);
            Ok(())
        })?;
        file.sync()?;
        self.record(
            AuditAction::AttachmentSaved,
            EntityRef::new(owner.kind(), owner.audit_id()),
            format!(
                "attachment {}: {} bytes written to a file",
                info.id, stored.size
            ),
        )?;
        file.publish()?;
        Ok(stored.size)
    }

    /// Opens the attachment `name` of `owner` chunk by chunk for `each` (a preview in the
    /// window); nothing is written.
    pub fn read(
        &self,
        owner: &AttachmentOwner,
        name: &str,
        each: impl FnMut(&[u8]) -> ServiceResult<()>,
    ) -> ServiceResult<()> {
        self.require(Permission::ExportPersonalData)?;
        let info = self.named(owner, name)?;
        let stored = attachments::get(self.store.db(), owner, info.id)?
            .ok_or_else(|| ServiceError::invalid("Attachment", "it was removed meanwhile"))?;
        attachments::read_chunks(self.store.db(), &self.keys.field, owner, stored, each)
    }

    /// Removes the attachment `name` of `owner`, with its audit entry.
    pub fn remove(&self, owner: &AttachmentOwner, name: &str) -> ServiceResult<()> {
        self.require(owner.remove_permission())?;
        let info = self.named(owner, name)?;
        let w = self.store.write()?;
        attachments::delete(&w, owner, info.id)?;
        let entry = self.entry(
            AuditAction::AttachmentRemoved,
            EntityRef::new(owner.kind(), owner.audit_id()),
            format!("attachment {} removed", info.id),
        );
        let mut w = w;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}

fn changed_while_read(name: &str) -> ServiceError {
    ServiceError::invalid(
        "Attachment",
        format!(
            "{name} changed while it was being read; nothing was attached: try again once it is saved"
        ),
    )
}
