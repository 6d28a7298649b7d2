//! Adding a file to a record, or saving one in clear, on a worker session: a 25 MB file takes
//! a moment to seal or open chunk by chunk. The job bar shows its progress (chunks) and
//! Cancel; a cancelled add rolls back whole, a cancelled save publishes no file. Nothing
//! sealed is written in clear anywhere but the file the officer chose.

use std::path::PathBuf;

use crate::domain::attachment::{AttachmentInfo, AttachmentOwner};
use crate::jobs::Progress;
use crate::services::{ServiceError, ServiceResult, Session};

use super::super::app::PrivacyDeskApp;
use super::super::runner::WindowJob;
use super::super::widgets::{Notice, size};

/// What the job does.
pub(in crate::gui) enum AttachmentWork {
    /// Seal the file at this path into the store.
    Add(PathBuf),
    /// Write the attachment of this name in clear to the path.
    Save {
        /// The attachment's name.
        name: String,
        /// The file chosen.
        path: PathBuf,
    },
}

/// Adds or saves one attachment of `owner`.
pub(in crate::gui) struct AttachmentJob {
    pub session: Session,
    pub owner: AttachmentOwner,
    pub work: AttachmentWork,
}

/// What the job did.
pub(in crate::gui) enum AttachmentOutcome {
    /// The file added, and the record's kind.
    Added(&'static str, ServiceResult<AttachmentInfo>),
    /// The bytes written, and the file.
    Saved(PathBuf, ServiceResult<u64>),
}

impl WindowJob<PrivacyDeskApp> for AttachmentJob {
    type Output = AttachmentOutcome;
    const IN_BAR: bool = true;

    fn label(&self) -> String {
        match self.work {
            AttachmentWork::Add(_) => format!("Sealing a file into the {}", self.owner.kind()),
            AttachmentWork::Save { .. } => "Saving an attachment in clear".into(),
        }
    }

    fn run(self, progress: &Progress) -> Self::Output {
        let files = self.session.attachments();
        match self.work {
            AttachmentWork::Add(path) => AttachmentOutcome::Added(
                self.owner.kind(),
                files.attach_file(&self.owner, &path, progress),
            ),
            AttachmentWork::Save { name, path } => {
                let written = files.save(&self.owner, &name, &path, progress);
                AttachmentOutcome::Saved(path, written)
            }
        }
    }

    fn finish(outcome: Self::Output, app: &mut PrivacyDeskApp) {
        app.notice = Some(match outcome {
            AttachmentOutcome::Added(kind, Ok(info)) => Notice::success(format!(
                "{} ({}) is attached to the {kind}, sealed in the store. If the original is not needed elsewhere, delete it from where it was.",
                info.name,
                size(info.size)
            )),
            AttachmentOutcome::Added(_, Err(ServiceError::Cancelled)) => {
                Notice::info("Cancelled: nothing was attached.")
            }
            AttachmentOutcome::Added(_, Err(e)) => {
                Notice::error(format!("The file was not attached: {e}"))
            }
            AttachmentOutcome::Saved(path, Ok(bytes)) => Notice::success(format!(
                "Saved unencrypted to {} ({}). Delete it when you no longer need it.",
                path.display(),
                size(bytes)
            )),
            AttachmentOutcome::Saved(_, Err(ServiceError::Cancelled)) => {
                Notice::info("Cancelled: no file was written.")
            }
            AttachmentOutcome::Saved(_, Err(e)) => {
                Notice::error(format!("The attachment was not saved: {e}"))
            }
        });
    }
}
