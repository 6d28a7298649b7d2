//! Unlock an existing store with its passphrase.

use std::path::PathBuf;

use egui::Ui;
use zeroize::Zeroizing;

use crate::crypto::Passphrase;
use crate::gui::Command;
use crate::gui::widgets::{hint, secret_field, submitted};

/// The unlock form.
#[derive(Debug)]
pub struct UnlockScreen {
    path: PathBuf,
    passphrase: Zeroizing<String>,
    message: Option<String>,
    focus_requested: bool,
}

impl UnlockScreen {
    /// An unlock form for the store at `path`, with an optional message (why it is locked,
    /// or why the last attempt failed).
    pub fn new(path: PathBuf, message: Option<String>) -> Self {
        Self {
            path,
            passphrase: Zeroizing::new(String::new()),
            message,
            focus_requested: false,
        }
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        super::card(ui, |ui| {
            ui.heading("Unlock Privacy Desk");
            hint(ui, &format!("Store: {}", self.path.display()));
            ui.add_space(12.0);
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
            ui.horizontal(|ui| {
                let unlock = ui.button("Unlock").clicked();
                if (unlock || submitted(ui, &field)) && !self.passphrase.is_empty() {
                    let pass = Passphrase::new(self.passphrase.as_str());
                    self.passphrase = Zeroizing::new(String::new());
                    command = Some(Command::Unlock(pass));
                }
            });
            ui.add_space(16.0);
            if ui
                .link("Forgot the passphrase? Use the recovery code")
                .clicked()
            {
                command = Some(Command::ShowRecovery);
            }
            command
        })
    }
}
