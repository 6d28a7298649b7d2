//! Applying Settings → Self-service and mailbox: the form address and the mailbox are short
//! changes on the window's session (the same calls as `profile set --form-action` and `inbox
//! fetch --host …`); the build runs as a background job (`jobs/site_build.rs`).

use crate::services::AccountChange;

use crate::gui::app::PrivacyDeskApp;
use crate::gui::jobs::BuildSite;
use crate::gui::widgets::Notice;

use super::site_command::SiteCommand;

impl PrivacyDeskApp {
    /// Applies a command of Settings → Self-service and mailbox.
    pub(in crate::gui) fn apply_site(&mut self, command: SiteCommand) {
        match command {
            SiteCommand::SetFormAction(url) => {
                let done = match &url {
                    Some(u) => format!("The self-service pages now submit to {u}. Build the site again to use it."),
                    None => "The self-service pages now send by email to the privacy address. Build the site again to use it.".to_owned(),
                };
                self.run_change(|s| s.settings().set_form_action(url.as_deref()), &done);
            }
            SiteCommand::SaveMailbox(form) => {
                let change = AccountChange {
                    host: Some(form.host),
                    port: Some(form.port),
                    user: Some(form.user),
                    folder: Some(form.folder),
                    ca_file: form.ca_file,
                    password: form.password,
                };
                self.run_change(
                    |s| s.inbox().set_account(change).map(|_| ()),
                    "The mailbox was saved; Fetch mail in the Inbox tab of Requests reads it.",
                );
            }
            SiteCommand::BuildSite { dir, langs } => {
                if self.jobs.is_running::<BuildSite>() {
                    self.notice = Some(Notice::info("The site is already being built."));
                    return;
                }
                let Some(session) = self.worker() else {
                    return;
                };
                self.notice = None;
                self.jobs.start(BuildSite {
                    session,
                    dir,
                    langs,
                });
            }
        }
    }
}
