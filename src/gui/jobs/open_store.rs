//! Opening a store before the window is unlocked (creating it or a demo store, unlocking,
//! recovering: key derivation takes a moment) behind the wait screen. Jobs set aside by an
//! earlier lock are waited for first: one may still hold the store's lock.

use crate::jobs::{Job, Progress};
use crate::services::{ServiceError, ServiceResult};

use super::super::app::{Opened, PendingKind, PrivacyDeskApp};
use super::super::runner::{Finish, WindowJob};

/// The work that opens the store.
type Open = Box<dyn FnOnce() -> ServiceResult<Opened> + Send>;

/// Opening a store: which action it is (to return to its screen on failure), the wait
/// screen's text, the set-aside jobs to wait for, and the work.
pub(in crate::gui) struct OpenStore {
    pub kind: PendingKind,
    pub text: String,
    pub wait_for: Vec<Job<Finish<PrivacyDeskApp>>>,
    pub work: Open,
}

impl WindowJob<PrivacyDeskApp> for OpenStore {
    type Output = (PendingKind, ServiceResult<Opened>);

    fn label(&self) -> String {
        self.text.clone()
    }

    fn run(self, _: &Progress) -> Self::Output {
        for job in self.wait_for {
            drop(job.wait());
        }
        // A panic becomes a sentence here, so the window knows which screen to return to.
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(self.work))
            .unwrap_or_else(|_| {
                Err(ServiceError::from_panic(format!(
                    "{} stopped unexpectedly; nothing was changed.",
                    self.text
                )))
            });
        (self.kind, opened)
    }

    fn finish((kind, opened): Self::Output, app: &mut PrivacyDeskApp) {
        app.opened(kind, opened);
    }
}
