//! Taking mail into the privacy mailbox (Requests → Inbox), on a worker session: the emails
//! of .mbox/.eml files and folders, or the new emails of the stored IMAP folder.

use std::path::PathBuf;

use crate::jobs::Progress;
use crate::services::{AccountChange, IntakeReport, ServiceError, ServiceResult, Session};

use super::super::app::PrivacyDeskApp;
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// Where the mail comes from.
pub(in crate::gui) enum MailSource {
    /// Files and folders chosen in the window.
    Files(Vec<PathBuf>),
    /// The IMAP folder of the stored account, with a password given now when none is stored.
    Imap(AccountChange),
}

/// An intake run: the worker session and where the mail comes from.
pub(in crate::gui) struct TakeInMail {
    pub session: Session,
    pub source: MailSource,
}

impl WindowJob<PrivacyDeskApp> for TakeInMail {
    type Output = (bool, ServiceResult<IntakeReport>);

    fn label(&self) -> String {
        match self.source {
            MailSource::Files(_) => "Reading the mail files".into(),
            MailSource::Imap(_) => "Fetching mail".into(),
        }
    }

    fn run(self, progress: &Progress) -> Self::Output {
        let today = chrono::Local::now().date_naive();
        let inbox = self.session.inbox();
        match self.source {
            MailSource::Files(paths) => (false, inbox.import_files(&paths, today, progress)),
            MailSource::Imap(change) => (true, inbox.fetch(change, today, progress)),
        }
    }

    fn finish((fetched, output): Self::Output, app: &mut PrivacyDeskApp) {
        app.notice = Some(match output {
            Ok(report) => Notice::success(format!(
                "Took in {}. Select a message to see it, then accept or dismiss it.",
                report.sentence()
            )),
            Err(ServiceError::Cancelled) => {
                Notice::info("Taking in mail was cancelled; nothing of this run was kept.")
            }
            Err(e) if fetched => Notice::error(format!("No mail was fetched: {e}")),
            Err(e) => Notice::error(format!("No mail was taken in: {e}")),
        });
    }
}
