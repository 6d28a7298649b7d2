//! Restoring a backup while the window is locked (behind the wait screen), then showing the
//! sign-in screen with what was done, or why nothing changed.

use std::path::PathBuf;

use crate::crypto::Passphrase;
use crate::jobs::{Job, Progress};
use crate::services::{
    RestoreAuthority, RestoreOptions, RestoreSummary, ServiceError, ServiceResult, Session, Via,
};

use super::super::app::PrivacyDeskApp;
use super::super::runner::{Finish, WindowJob};

/// A restore of `backup` over `target`, signed in as `user`.
pub(in crate::gui) struct RestoreBackup {
    pub backup: PathBuf,
    pub target: PathBuf,
    pub user: Option<String>,
    pub passphrase: Passphrase,
    /// The window's session's proof that it may replace `target` (taken before the lock).
    pub authority: RestoreAuthority,
    /// Jobs set aside by the lock; one may still hold a worker session.
    pub wait_for: Vec<Job<Finish<PrivacyDeskApp>>>,
}

impl WindowJob<PrivacyDeskApp> for RestoreBackup {
    type Output = ServiceResult<RestoreSummary>;

    fn label(&self) -> String {
        "Restoring the backup".into()
    }

    fn run(self, _: &Progress) -> Self::Output {
        for job in self.wait_for {
            drop(job.wait());
        }
        let options = RestoreOptions {
            replace: true,
            erasures_from: Some(self.target.clone()),
            authority: Some(self.authority),
        };
        Session::restore(
            &self.backup,
            &self.target,
            &self.passphrase,
            self.user.as_deref(),
            Via::Gui,
            &options,
        )
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        app.restored(result);
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        app.restored(Err(ServiceError::from_panic(message)));
    }
}
