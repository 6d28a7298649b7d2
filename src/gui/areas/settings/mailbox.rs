//! The privacy mailbox in Settings: the IMAP account Requests → Inbox and `inbox fetch` read
//! (host, port, user, folder, an optional CA file; the password sealed in the store, never
//! shown again).

use egui::{DragValue, Grid, Ui};
use zeroize::Zeroizing;

use crate::domain::intake::ImapAccount;
use crate::domain::intake::account::{DEFAULT_FOLDER, DEFAULT_PORT};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint};

use super::site_command::{MailboxForm, SiteCommand};

/// The stored account as the page shows it: no password, only whether one is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMailbox {
    /// The server's host name.
    pub host: String,
    /// The port.
    pub port: u16,
    /// The login name.
    pub user: String,
    /// The folder.
    pub folder: String,
    /// The CA file, when one is set.
    pub ca_file: Option<String>,
    /// Whether a password is stored (sealed).
    pub password_stored: bool,
}

impl From<&ImapAccount> for StoredMailbox {
    fn from(a: &ImapAccount) -> Self {
        Self {
            host: a.host.clone(),
            port: a.port,
            user: a.user.clone(),
            folder: a.folder.clone(),
            ca_file: a.ca_file.clone(),
            password_stored: a.password.is_some(),
        }
    }
}

/// The mailbox fields.
#[derive(Debug)]
pub(super) struct MailboxPanel {
    host: String,
    port: u16,
    user: String,
    folder: String,
    ca_file: String,
    password: Zeroizing<String>,
    password_stored: bool,
    problem: FieldError,
}

impl Default for MailboxPanel {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: DEFAULT_PORT,
            user: String::new(),
            folder: DEFAULT_FOLDER.to_owned(),
            ca_file: String::new(),
            password: Zeroizing::new(String::new()),
            password_stored: false,
            problem: FieldError::default(),
        }
    }
}

impl MailboxPanel {
    /// Fills the fields with the stored account (the password field stays empty).
    pub fn fill(&mut self, stored: Option<&StoredMailbox>) {
        *self = match stored {
            Some(m) => Self {
                host: m.host.clone(),
                port: m.port,
                user: m.user.clone(),
                folder: m.folder.clone(),
                ca_file: m.ca_file.clone().unwrap_or_default(),
                password_stored: m.password_stored,
                ..Self::default()
            },
            None => Self::default(),
        };
    }

    /// Draws the fields; returns the save when clicked and the fields are complete.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<SiteCommand> {
        hint(
            ui,
            "The mailbox the Inbox fetches from, over TLS. It is opened read-only: nothing is deleted, moved or marked. Use an app password where the provider offers one.",
        );
        Grid::new("mailbox").num_columns(2).show(ui, |ui| {
            for (label, value) in [
                ("IMAP server", &mut self.host),
                ("IMAP user", &mut self.user),
                ("Folder", &mut self.folder),
                ("CA certificate file (optional)", &mut self.ca_file),
            ] {
                let label = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).desired_width(FIELD_WIDTH))
                    .labelled_by(label.id);
                ui.end_row();
            }
            let label = ui.label("Port");
            ui.add(DragValue::new(&mut self.port).range(1..=u16::MAX))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(if self.password_stored {
                "New password (empty: keep the stored one)"
            } else {
                "IMAP password"
            });
            ui.add(
                egui::TextEdit::singleline(&mut *self.password)
                    .password(true)
                    .desired_width(FIELD_WIDTH),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
        hint(
            ui,
            if self.password_stored {
                "A password is stored, sealed in the store."
            } else {
                "No password is stored: type it here or when fetching; it is sealed in the store."
            },
        );
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        if !ui.button("Save mailbox").clicked() {
            return None;
        }
        if self.host.trim().is_empty() || self.user.trim().is_empty() {
            self.problem.set(
                "IMAP server and IMAP user: give both (the server's name and your login there)."
                    .into(),
            );
            return None;
        }
        self.problem.clear();
        let password = std::mem::take(&mut self.password);
        let ca_file = self.ca_file.trim();
        Some(SiteCommand::SaveMailbox(MailboxForm {
            host: self.host.trim().to_owned(),
            port: self.port,
            user: self.user.trim().to_owned(),
            folder: Some(self.folder.trim())
                .filter(|f| !f.is_empty())
                .unwrap_or(DEFAULT_FOLDER)
                .to_owned(),
            ca_file: (!ca_file.is_empty()).then(|| ca_file.to_owned()),
            password: (!password.is_empty()).then_some(password),
        }))
    }
}
