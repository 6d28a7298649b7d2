//! First-run setup: the organisation profile, the regimes that apply, their holiday calendars
//! (an EU GDPR business picks its member state's) and the statement on automated decisions.

use egui::Ui;

use crate::gui::Command;
use crate::gui::areas::ProfileForm;
use crate::gui::widgets::hint;

/// The setup form.
#[derive(Debug, Default)]
pub struct SetupScreen {
    form: ProfileForm,
}

impl SetupScreen {
    /// An empty setup form.
    pub fn new() -> Self {
        Self {
            form: ProfileForm::new(crate::domain::organisation::OrganisationProfile::default()),
        }
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        super::card(ui, |ui| {
            ui.heading("About your organisation");
            hint(
                ui,
                "These details appear in notices, letters and reports. You can change them later in Settings.",
            );
            self.form.ui(ui);
            ui.add_space(12.0);
            if ui.button("Save and continue").clicked() {
                return self.form.save_command();
            }
            None
        })
    }
}
