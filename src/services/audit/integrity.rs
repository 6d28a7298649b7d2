//! Tamper evidence at the service level: the one-time tagging of rows written before format
//! 13, and the bounded check at unlock whose warning the command line prints on stderr and the
//! window shows. The full check is part of `audit verify` ([`super::AuditReader::verify`]).

use std::time::Duration;

use serde::Serialize;

use crate::crypto::VaultKeys;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::integrity;

use super::super::{ServiceResult, Session};

/// Rows checked at unlock per protected table, newest first.
pub const UNLOCK_CHECK_ROWS_PER_TABLE: u32 = 2_000;

/// Time the check at unlock may take before it stops (it then says it was partial).
pub const UNLOCK_CHECK_BUDGET: Duration = Duration::from_millis(250);

/// What the bounded check at unlock found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnlockCheck {
    /// Protected rows checked.
    pub checked: u64,
    /// Rows among them whose integrity tag is missing or does not match.
    pub changed: u64,
    /// Whether the check stopped on its time budget before the end.
    pub stopped_early: bool,
    /// How long it took.
    #[serde(skip)]
    pub elapsed: Duration,
}

impl UnlockCheck {
    /// The warning to show, when rows were found changed.
    pub fn warning(&self) -> Option<String> {
        match self.changed {
            0 => None,
            1 => Some(
                "integrity check found 1 changed row — run `audit verify` to see which".to_owned(),
            ),
            n => Some(format!(
                "integrity check found {n} changed rows — run `audit verify` to see which"
            )),
        }
    }
}

impl Session {
    /// Gives the store the row-MAC key and, on the first unlock after the upgrade to format 13,
    /// tags every row that has no tag yet, with its audit entry, in one write (a store made by
    /// this version was tagged as it was made). Returns how many rows were tagged then.
    pub(crate) fn start_tagging(&mut self) -> ServiceResult<Option<u64>> {
        self.store
            .set_row_mac_key(VaultKeys::row_mac_key(&self.vault_key))?;
        if !integrity::needs_first_tagging(self.store.db())? {
            return Ok(None);
        }
        let mut w = self.store.write()?;
        let tagged = integrity::tag_untagged(&w, &self.keys.row_mac, &mut |_, _| {})?;
        let entry = self.audit().entry(
            AuditAction::RowsTagged,
            EntityRef::new("store", ""),
            format!("{tagged} rows written before format 13"),
        );
        let recorded = w.append_audit(&self.keys.audit, &entry)?;
        integrity::record_first_tagging(&w, recorded.seq)?;
        w.commit()?;
        Ok(Some(tagged))
    }

    /// Checks the newest rows of each protected table against their tags, within
    /// [`UNLOCK_CHECK_BUDGET`]; kept for [`Session::integrity_at_unlock`].
    pub(crate) fn check_rows_at_unlock(&mut self) -> ServiceResult<()> {
        let started = std::time::Instant::now();
        let found = integrity::check_recent(
            self.store.db(),
            &self.keys.row_mac,
            UNLOCK_CHECK_ROWS_PER_TABLE,
            UNLOCK_CHECK_BUDGET,
        )?;
        self.unlock_check = Some(UnlockCheck {
            checked: found.checked,
            changed: found.changed.len() as u64,
            stopped_early: !found.complete,
            elapsed: started.elapsed(),
        });
        Ok(())
    }

    /// What the integrity check at unlock found (`None` for a session that did not unlock,
    /// such as one that created the store). Its [`UnlockCheck::warning`] is for the user.
    pub fn integrity_at_unlock(&self) -> Option<&UnlockCheck> {
        self.unlock_check.as_ref()
    }
}
