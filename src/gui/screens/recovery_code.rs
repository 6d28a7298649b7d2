//! The recovery code, shown once after the store is created, until the user confirms they
//! stored it.

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::crypto::RecoveryCode;
use crate::gui::Command;
use crate::gui::widgets::hint;

/// Shows the code and asks for confirmation.
#[derive(Debug)]
pub struct RecoveryCodeScreen {
    shown: Zeroizing<String>,
    stored: bool,
}

impl RecoveryCodeScreen {
    /// Shows `code`.
    pub fn new(code: &RecoveryCode) -> Self {
        Self {
            shown: Zeroizing::new(code.reveal()),
            stored: false,
        }
    }

    /// The code as shown (for the copy the officer asked to keep).
    pub(in crate::gui) fn code(&self) -> &str {
        &self.shown
    }

    /// Draws the code and the confirmation.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        super::card(ui, |ui| {
            ui.heading("Your recovery code");
            ui.label(
                "If you forget the passphrase, this code is the only way back into the store. \
                 It is shown now and never again.",
            );
            ui.add_space(12.0);
            ui.label(
                RichText::new(self.shown.as_str())
                    .monospace()
                    .size(20.0)
                    .strong(),
            );
            ui.add_space(8.0);
            let mut keep = None;
            ui.horizontal_wrapped(|ui| {
                if ui.button("Copy").clicked() {
                    ui.ctx().copy_text(self.shown.to_string());
                }
                for (label, name, filter, ext) in [
                    ("Save as text file…", "recovery-code.txt", "Text", "txt"),
                    ("Save as PDF to print…", "recovery-code.pdf", "PDF", "pdf"),
                ] {
                    if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                        .set_file_name(name)
                        .add_filter(filter, &[ext])
                        .save_file(ui.button(label).clicked(), ui)
                    {
                        keep = Some(Command::KeepRecoveryCode(path));
                    }
                }
            });
            if keep.is_some() {
                return keep;
            }
            ui.add_space(12.0);
            hint(
                ui,
                "Write it on paper or keep it in a password manager, away from this computer. \
                 Anyone with the code and the store file can read the store.",
            );
            ui.add_space(8.0);
            ui.checkbox(
                &mut self.stored,
                "I have stored the recovery code somewhere safe",
            );
            ui.add_space(8.0);
            let continue_button = ui.add_enabled(self.stored, egui::Button::new("Continue"));
            if continue_button.clicked() {
                return Some(Command::RecoveryCodeStored);
            }
            None
        })
    }
}
