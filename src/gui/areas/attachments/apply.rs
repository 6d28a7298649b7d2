//! Applying the attachments panel's commands: adding and saving start a background job on a
//! worker session (`gui/jobs/attachment.rs`); removing is quick and runs here.

use crate::gui::app::PrivacyDeskApp;
use crate::gui::jobs::{AttachmentJob, AttachmentWork};

use super::command::AttachmentCommand;

impl PrivacyDeskApp {
    /// Applies what the attachments panel asked.
    pub(in crate::gui) fn apply_attachment(&mut self, command: AttachmentCommand) {
        let (owner, work) = match command {
            AttachmentCommand::Remove { owner, name } => {
                let done = format!("{name} was removed from the {}.", owner.kind());
                self.run_change(|s| s.attachments().remove(&owner, &name), &done);
                return;
            }
            AttachmentCommand::Add { owner, path } => (owner, AttachmentWork::Add(path)),
            AttachmentCommand::Save { owner, name, path } => {
                (owner, AttachmentWork::Save { name, path })
            }
        };
        if let Some(session) = self.worker() {
            self.notice = None;
            self.jobs.start(AttachmentJob {
                session,
                owner,
                work,
            });
        }
    }
}
