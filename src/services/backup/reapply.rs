//! Re-applying in a restored copy the erasures made since its backup was taken, so a
//! restore never brings an erased person back, and the removals of users, so a restore never
//! brings a removed user (and their key wrap) back.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use chrono::Utc;
use uuid::Uuid;

use crate::crypto::Passphrase;
use crate::domain::access::Role;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::services::{ServiceError, ServiceResult, Session, Via};
use crate::store::backup::{self as files, ErasureRow, ErasureSet, StoreFileInfo};
use crate::store::migrations::LATEST_VERSION;
use crate::store::{StoreError, StoreLock, erasure, users};

use super::invalid_backup;
use super::swap::Leftovers;

fn uuid_text(id: &[u8; 16]) -> String {
    Uuid::from_bytes(*id).to_string()
}

impl Session {
    /// Copies the backup to `restoring`, unlocks and upgrades it there, re-applies the
    /// erasures it lacks, removes its users who are not among `current_users` (the users of
    /// the store it replaces, when it replaces one), and checks the result.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn build_restored(
        backup: &Path,
        restoring: &Path,
        info: &StoreFileInfo,
        (known, current_users): (&[ErasureSet], Option<&HashSet<Uuid>>),
        passphrase: &Passphrase,
        user: Option<&str>,
        via: Via,
        leftovers: &Leftovers,
    ) -> ServiceResult<Reapplied> {
        files::copy_file(backup, restoring).map_err(|e| invalid_backup(backup, &e))?;
        // The backup is a side copy; what is restored becomes a live store again.
        crate::store::mark_file(restoring, true)?;
        let session = Session::unlock(restoring, user, passphrase, via).map_err(|e| match e {
            ServiceError::Store(StoreError::WrongPassphrase) => ServiceError::invalid(
                "Passphrase",
                "that passphrase does not open the backup. A backup opens with the passphrase that was valid when it was taken (before any later change), for the same user. Nothing was changed.",
            ),
            other => other,
        })?;
        if let Some(p) = session.store.pre_migration_backup() {
            leftovers.also(p);
        }
        session.backups().require_backup_role()?;

        let present = files::erasure_rows(session.store.db())?;
        let missing = missing_records(known, &present);
        let still_present: std::collections::HashSet<Uuid> = known
            .iter()
            .flat_map(|k| k.still_present.iter().copied())
            .collect();
        let today = Utc::now().date_naive();
        let keys = Arc::clone(&session.keys);
        // Each record finds the person by the fingerprint of their email as it was erased and
        // by their record id: an email corrected after the backup, or none at all, does not
        // bring them back.
        let mut to_remove: Vec<(Uuid, Matched)> = Vec::new();
        for row in &missing {
            if let Some(index) = row.email_index.as_deref() {
                for id in files::subjects_with_email_index(session.store.db(), index)? {
                    if !still_present.contains(&id) && !to_remove.iter().any(|(t, _)| *t == id) {
                        to_remove.push((id, Matched::Email));
                    }
                }
            }
            if let Some(id) = row
                .subject_id
                .as_deref()
                .and_then(|b| Uuid::from_slice(b).ok())
                && !still_present.contains(&id)
                && !to_remove.iter().any(|(t, _)| *t == id)
                && crate::store::subjects::exists(session.store.db(), id)?
            {
                to_remove.push((id, Matched::RecordId));
            }
        }
        // Users removed from the replaced store since the backup stay removed; the restored
        // store must keep an owner.
        let users_now = users::list(session.store.db())?;
        let gone_users: Vec<Uuid> = match current_users {
            Some(current) => users_now
                .iter()
                .filter(|u| !current.contains(&u.id))
                .map(|u| u.id)
                .collect(),
            None => Vec::new(),
        };
        if !users_now
            .iter()
            .any(|u| u.role == Role::Owner && !gone_users.contains(&u.id))
        {
            return Err(ServiceError::invalid(
                "Restore",
                "every owner of the backup has been removed from the store since it was taken, so the restored store would have no owner. Restore it to another path (--to) instead, or make one of its owners a user again first. Nothing was changed.",
            ));
        }
        let entry = session.entry(
            AuditAction::BackupRestored,
            EntityRef::new("store", uuid_text(&info.store_id)),
            format!(
                "restored from a backup of format {}; {} erasures made since the backup re-applied ({} subjects removed); {} users removed since the backup removed again",
                info.schema_version,
                missing.len(),
                to_remove.len(),
                gone_users.len()
            ),
        );
        let mut removed = Reapplied {
            records: missing.len() as u64,
            ..Reapplied::default()
        };
        let mut w = session.store.write()?;
        for (id, matched) in &to_remove {
            let gone = erasure::erase_subject_rows(&mut w, &keys.field, *id, today)?.subject;
            match matched {
                Matched::Email => removed.by_email += gone,
                Matched::RecordId => removed.by_record_id += gone,
            }
        }
        for row in &missing {
            files::insert_erasure_row(&w, row)?;
        }
        for id in &gone_users {
            users::delete(&w, *id)?;
        }
        removed.users = gone_users.len() as u64;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        session.store.checkpoint_truncate()?;
        drop(session);

        files::fold_log(restoring)?;
        files::single_file_journal(restoring)?;
        files::remove_if_present(&StoreLock::path_for(restoring))?;
        let check = files::verify_file(restoring)?;
        if check.schema_version != LATEST_VERSION || check.store_id != info.store_id {
            return Err(StoreError::Corrupt("the restored copy did not check out".into()).into());
        }
        files::sync_file(restoring)?;
        Ok(removed)
    }
}

/// How a person of the backup was found by an erasure record made since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Matched {
    /// By the fingerprint of their email as it was erased.
    Email,
    /// By their record id (their email was corrected after the backup, or they had none).
    RecordId,
}

/// What re-applying the erasures made since a backup did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Reapplied {
    /// Erasure records copied into the restored store.
    pub records: u64,
    /// People erased again, found by the fingerprint of their email.
    pub by_email: u64,
    /// People erased again, found by their record id.
    pub by_record_id: u64,
    /// Users removed from the replaced store since the backup, removed again.
    pub users: u64,
}

/// The erasure records of `known` that `present` lacks (as many times as they are missing),
/// oldest first.
fn missing_records(known: &[ErasureSet], present: &[ErasureRow]) -> Vec<ErasureRow> {
    let mut have: HashMap<&ErasureRow, usize> = HashMap::new();
    for row in present {
        *have.entry(row).or_default() += 1;
    }
    let mut wanted: Vec<ErasureRow> = Vec::new();
    let mut wanted_count: HashMap<ErasureRow, usize> = HashMap::new();
    for set in known {
        let mut here: HashMap<&ErasureRow, usize> = HashMap::new();
        for row in &set.records {
            let seen = here.entry(row).or_default();
            *seen += 1;
            let already = wanted_count.entry(row.clone()).or_default();
            if *seen > *already {
                *already += 1;
                wanted.push(row.clone());
            }
        }
    }
    let mut out = Vec::new();
    for row in wanted {
        match have.get_mut(&row) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(row),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: u8, day: &str) -> ErasureRow {
        ErasureRow {
            email_index: Some(vec![index; 4]),
            erased_on: day.into(),
            request_reference: None,
            removed: "{}".into(),
            subject_id: None,
        }
    }

    #[test]
    fn only_records_the_backup_lacks_are_missing() {
        let a = row(1, "2026-01-01");
        let b = row(2, "2026-02-01");
        let c = row(3, "2026-03-01");
        let current = ErasureSet {
            records: vec![a.clone(), b.clone(), c.clone(), c.clone()],
            ..ErasureSet::default()
        };
        let other = ErasureSet {
            records: vec![a.clone(), b.clone()],
            ..ErasureSet::default()
        };
        let missing = missing_records(&[current, other], &[a, c.clone()]);
        assert_eq!(missing, vec![b, c]);
    }
}
