//! Unlock with the recovery code and choose a new passphrase.

use egui::Ui;
use zeroize::Zeroizing;

use crate::crypto::{Passphrase, RecoveryCode};
use crate::gui::Command;
use crate::gui::widgets::{hint, secret_field};

/// The recovery form.
#[derive(Debug, Default)]
pub struct RecoverScreen {
    owners: Vec<String>,
    owner: Option<String>,
    code: Zeroizing<String>,
    passphrase: Zeroizing<String>,
    confirm: Zeroizing<String>,
    problem: Option<String>,
}

impl RecoverScreen {
    /// A recovery form for one of `owners` (the first chosen), with an optional problem from
    /// the last attempt.
    pub fn new(owners: Vec<String>, problem: Option<String>) -> Self {
        Self {
            owner: owners.first().cloned(),
            owners,
            problem,
            ..Self::default()
        }
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        super::card(ui, |ui| {
            ui.heading("Recover access");
            hint(
                ui,
                "Type the recovery code you were shown when the store was created \
                 (32 letters and digits; dashes and case do not matter), then choose a new passphrase.",
            );
            ui.add_space(8.0);
            if self.owners.len() > 1 {
                let label = ui.label("Owner whose passphrase is reset");
                egui::ComboBox::from_id_salt("recovery-owner")
                    .selected_text(self.owner.clone().unwrap_or_default())
                    .show_ui(ui, |ui| {
                        for name in &self.owners {
                            ui.selectable_value(&mut self.owner, Some(name.clone()), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            secret_field(ui, "Recovery code", &mut self.code);
            secret_field(ui, "New passphrase", &mut self.passphrase);
            secret_field(ui, "Type the new passphrase again", &mut self.confirm);
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(8.0);
            let mut command = None;
            ui.horizontal(|ui| {
                if ui.button("Recover and set the new passphrase").clicked() {
                    command = self.submit();
                }
                if ui.button("Back").clicked() {
                    command = Some(Command::ShowUnlock);
                }
            });
            command
        })
    }

    fn submit(&mut self) -> Option<Command> {
        let code = match RecoveryCode::parse(&self.code) {
            Ok(code) => code,
            Err(e) => {
                self.problem = Some(format!("Recovery code: {e}."));
                return None;
            }
        };
        let new = Passphrase::new(self.passphrase.as_str());
        if let Err(problem) = new.check_strength() {
            self.problem = Some(format!("New passphrase: {problem}"));
            return None;
        }
        if !new.matches(&Passphrase::new(self.confirm.as_str())) {
            self.problem = Some("The two new passphrases differ; type them again.".into());
            return None;
        }
        let owner = self.owner.clone();
        *self = Self::new(std::mem::take(&mut self.owners), None);
        Some(Command::Recover { owner, code, new })
    }
}
