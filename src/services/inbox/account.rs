//! The IMAP account `inbox fetch` reads: set once (host, port, user, folder, CA file; the
//! password or app password sealed), changed by giving an option again.

use zeroize::Zeroizing;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::intake::ImapAccount;
use crate::domain::intake::account::{DEFAULT_FOLDER, DEFAULT_PORT};
use crate::store::{Write, inbox};

use super::super::{ServiceError, ServiceResult};
use super::Inbox;

/// Changes to the account, as typed (`None`: keep what is stored).
#[derive(Default)]
pub struct AccountChange {
    /// The server's host name.
    pub host: Option<String>,
    /// The port.
    pub port: Option<u16>,
    /// The login name.
    pub user: Option<String>,
    /// The folder.
    pub folder: Option<String>,
    /// A PEM file of CAs to trust.
    pub ca_file: Option<String>,
    /// The password or app password.
    pub password: Option<Zeroizing<String>>,
}

impl AccountChange {
    /// Whether anything is to change.
    pub fn is_empty(&self) -> bool {
        self.host.is_none()
            && self.port.is_none()
            && self.user.is_none()
            && self.folder.is_none()
            && self.ca_file.is_none()
            && self.password.is_none()
    }
}

impl Inbox<'_> {
    /// The stored account, when one was set.
    pub fn account(&self) -> ServiceResult<Option<ImapAccount>> {
        self.require(Permission::TakeInRequests)?;
        Ok(inbox::account(self.store.db(), &self.keys.field)?)
    }

    /// Stores the account with `change` applied (a new host or user forgets the old password
    /// unless a new one is given); returns it. Refuses an account without host or user.
    /// (`fetch` stores a changed account itself, only once the server accepted the login.)
    pub fn set_account(&self, change: AccountChange) -> ServiceResult<ImapAccount> {
        let (account, changed) = self.merged_account(change)?;
        if changed {
            let mut w = self.store.write()?;
            self.save_account(&mut w, &account)?;
            w.commit()?;
        }
        Ok(account)
    }

    /// The stored account with `change` applied, and whether that changes it.
    pub(super) fn merged_account(
        &self,
        change: AccountChange,
    ) -> ServiceResult<(ImapAccount, bool)> {
        self.require(Permission::TakeInRequests)?;
        let old = self.account()?;
        let host = change
            .host
            .or_else(|| old.as_ref().map(|a| a.host.clone()))
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .ok_or_else(|| {
                ServiceError::invalid(
                    "--host",
                    "no IMAP server is set; give its name once with --host (and --imap-user).",
                )
            })?;
        let user = change
            .user
            .or_else(|| old.as_ref().map(|a| a.user.clone()))
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| {
                ServiceError::invalid(
                    "--imap-user",
                    "no IMAP user is set; give the login name once with --imap-user.",
                )
            })?;
        let same_login = old
            .as_ref()
            .is_some_and(|a| a.host == host && a.user == user);
        let account = ImapAccount {
            port: change
                .port
                .or_else(|| old.as_ref().map(|a| a.port))
                .unwrap_or(DEFAULT_PORT),
            folder: change
                .folder
                .or_else(|| old.as_ref().map(|a| a.folder.clone()))
                .unwrap_or_else(|| DEFAULT_FOLDER.to_owned()),
            ca_file: change
                .ca_file
                .or_else(|| old.as_ref().and_then(|a| a.ca_file.clone())),
            password: change.password.or_else(|| {
                old.as_ref()
                    .filter(|_| same_login)
                    .and_then(|a| a.password.clone())
            }),
            host,
            user,
        };
        let changed = old.as_ref() != Some(&account);
        Ok((account, changed))
    }

    /// Stores the account in `w` with its audit entry.
    pub(super) fn save_account(
        &self,
        w: &mut Write<'_>,
        account: &ImapAccount,
    ) -> ServiceResult<()> {
        let entry = self.entry(
            AuditAction::InboxUpdated,
            EntityRef::new("inbox", "imap-account"),
            format!(
                "IMAP account set: {}:{}, folder {}, password {}",
                account.host,
                account.port,
                account.folder,
                if account.password.is_some() {
                    "stored (sealed)"
                } else {
                    "not stored"
                }
            ),
        );
        inbox::set_account(w, &self.keys.field, account)?;
        w.append_audit(&self.keys.audit, &entry)?;
        Ok(())
    }
}
