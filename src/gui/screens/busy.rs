//! The wait while a key is derived (Argon2id takes about a second by design).

use egui::Ui;

/// A spinner with a sentence.
#[derive(Debug)]
pub struct BusyScreen {
    text: String,
}

impl BusyScreen {
    /// A wait with this explanation.
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }

    /// Draws the wait.
    pub fn ui(&self, ui: &mut Ui) {
        super::card(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(&self.text);
            });
        });
    }
}
