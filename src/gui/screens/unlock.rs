//! Sign in to an existing store: who, and their passphrase.

use std::path::PathBuf;

use egui::{ComboBox, Ui};
use zeroize::Zeroizing;

use crate::crypto::Passphrase;
use crate::domain::access::Role;
use crate::gui::Command;
use crate::gui::widgets::{hint, secret_field, submitted};

/// The sign-in form.
#[derive(Debug)]
pub struct UnlockScreen {
    path: PathBuf,
    users: Vec<(String, Role)>,
    user: Option<String>,
    passphrase: Zeroizing<String>,
    message: Option<String>,
    focus_requested: bool,
}

impl UnlockScreen {
    /// A sign-in form for the store at `path` with its users (empty when they could not be
    /// read; the message then says why) and an optional message.
    pub fn new(path: PathBuf, users: Vec<(String, Role)>, message: Option<String>) -> Self {
        let user = users
            .iter()
            .find(|(_, role)| *role == Role::Owner)
            .or(users.first())
            .map(|(name, _)| name.clone());
        Self {
            path,
            users,
            user,
            passphrase: Zeroizing::new(String::new()),
            message,
            focus_requested: false,
        }
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        super::card(ui, |ui| {
            ui.heading("Sign in to Privacy Desk");
            hint(ui, &format!("Store: {}", self.path.display()));
            ui.add_space(12.0);
            if self.users.len() > 1 {
                let label = ui.label("User");
                let selected = self.user.clone().unwrap_or_default();
                ComboBox::from_id_salt("sign-in-user")
                    .selected_text(selected)
                    .width(super::super::widgets::FIELD_WIDTH)
                    .show_ui(ui, |ui| {
                        for (name, role) in &self.users {
                            ui.selectable_value(
                                &mut self.user,
                                Some(name.clone()),
                                format!("{name} ({})", role.label()),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            } else if let Some(name) = &self.user {
                ui.label(format!("User: {name}"));
            }
            let field = secret_field(ui, "Passphrase", &mut self.passphrase);
            if !self.focus_requested {
                field.request_focus();
                self.focus_requested = true;
            }
            if let Some(message) = &self.message {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
            ui.add_space(8.0);
            let mut command = None;
            let unlock = ui.button("Unlock").clicked();
            if (unlock || submitted(ui, &field)) && !self.passphrase.is_empty() {
                let passphrase = Passphrase::new(self.passphrase.as_str());
                self.passphrase = Zeroizing::new(String::new());
                command = Some(Command::Unlock {
                    user: self.user.clone(),
                    passphrase,
                });
            }
            ui.add_space(16.0);
            if ui
                .link("Forgot the passphrase? An owner can use the recovery code")
                .clicked()
            {
                command = Some(Command::ShowRecovery);
            }
            command
        })
    }
}
