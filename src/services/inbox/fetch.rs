//! `inbox fetch`: reads the stored IMAP account's folder over TLS and takes in the messages
//! not seen before (by UIDVALIDITY and UID, then by Message-ID fingerprint). It never changes
//! the mailbox: the folder is opened read-only (EXAMINE) and bodies are fetched with
//! BODY.PEEK, so not even the \Seen flag is set; nothing is deleted or moved.

use chrono::NaiveDate;

use crate::crypto::MacBuilder;
use crate::domain::intake::ImapAccount;
use crate::jobs::Progress;
use crate::store::inbox;

use super::super::{ServiceError, ServiceResult};
use super::take_in::{Incoming, IntakeReport};
use super::tls;
use super::{AccountChange, Inbox};

/// How many messages one FETCH asks for.
const BATCH: usize = 50;

fn mailbox_error(message: String) -> ServiceError {
    ServiceError::invalid("Mailbox", message)
}

/// The keyed fingerprint of an account (host, user, folder): the key of its seen UIDs.
fn account_key(inbox: &Inbox<'_>, a: &ImapAccount) -> Vec<u8> {
    MacBuilder::new(&inbox.keys.pseudonym)
        .field(b"privacy-desk/inbox/imap-account")
        .field(a.host.to_lowercase().as_bytes())
        .field(a.user.as_bytes())
        .field(a.folder.as_bytes())
        .finish()
        .to_vec()
}

/// Words for an IMAP error that names the server and leaves out anything it echoed.
fn imap_error(host: &str, what: &str, e: &imap::Error) -> ServiceError {
    let why = match e {
        imap::Error::Io(io) => io.to_string(),
        imap::Error::No(no) => no.information.clone(),
        imap::Error::Bad(bad) => bad.information.clone(),
        imap::Error::Bye(bye) => bye.information.clone(),
        other => other.to_string(),
    };
    let tls_hint = if why.contains("certificate") || why.contains("InvalidCertificate") {
        "; if the server uses a private or self-signed certificate, give it with --ca-file"
    } else {
        ""
    };
    mailbox_error(format!(
        "the IMAP server {host} failed to {what} ({why}){tls_hint}."
    ))
}

impl Inbox<'_> {
    /// Fetches the new messages of the account's folder and takes them in. `change` (empty:
    /// the stored account as it is) is applied first and stored with the messages, so an
    /// account the server refuses is not kept.
    pub fn fetch(
        &self,
        change: AccountChange,
        today: NaiveDate,
        progress: &Progress,
    ) -> ServiceResult<IntakeReport> {
        if change.is_empty() && self.account()?.is_none() {
            return Err(ServiceError::invalid(
                "--host",
                "no IMAP account is set; give --host, --imap-user (and --port, --folder) once.",
            ));
        }
        let (account, changed) = self.merged_account(change)?;
        let password = account.password.clone().ok_or_else(|| {
            ServiceError::invalid(
                "Password",
                "no password is stored for the IMAP account; give it once (asked at the terminal, or --password-file).",
            )
        })?;
        let host = account.host.as_str();
        let stream = tls::connect(host, account.port, account.ca_file.as_deref())?;
        let mut client = imap::Client::new(stream);
        client
            .read_greeting()
            .map_err(|e| imap_error(host, "complete the TLS handshake", &e))?;
        let mut session = client.login(&account.user, password.as_str()).map_err(|(e, _)| {
            match e {
                imap::Error::No(_) | imap::Error::Bad(_) => mailbox_error(format!(
                    "the IMAP server {host} refused the login for this user; check the user name and the password (many providers want an app password), then give it again with --password-file or at the prompt. Nothing was fetched."
                )),
                e => imap_error(host, "log in", &e),
            }
        })?;
        let mailbox = session
            .examine(&account.folder)
            .map_err(|e| imap_error(host, &format!("open the folder {}", account.folder), &e))?;
        let validity = mailbox.uid_validity.unwrap_or(0);
        let key = account_key(self, &account);
        let seen = inbox::seen_uids(self.store.db(), &key, validity)?;
        let mut uids: Vec<u32> = session
            .uid_search("ALL")
            .map_err(|e| imap_error(host, "list the messages", &e))?
            .into_iter()
            .filter(|u| !seen.contains(u))
            .collect();
        uids.sort_unstable();
        let mut messages = Vec::with_capacity(uids.len());
        for chunk in uids.chunks(BATCH) {
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            let set = chunk
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let fetches = session
                .uid_fetch(&set, "(UID INTERNALDATE BODY.PEEK[])")
                .map_err(|e| imap_error(host, "fetch the messages", &e))?;
            for f in fetches.iter() {
                let (Some(uid), Some(body)) = (f.uid, f.body()) else {
                    continue;
                };
                messages.push(Incoming {
                    raw: body.to_vec(),
                    fallback_day: f
                        .internal_date()
                        .map(|d| d.with_timezone(&chrono::Utc).date_naive()),
                    imap: Some((key.clone(), validity, uid)),
                });
            }
        }
        // Logging out politely; a failure here changes nothing already fetched.
        let _ = session.logout();
        self.take_in(
            messages,
            "imap",
            today,
            progress,
            changed.then_some(&account),
        )
    }
}
