//! Settings → "Replace the store key…" (owners only): what a rotation does, the owner's
//! passphrase asked again, the rotation's progress and Cancel, and afterwards the new recovery
//! code and each user's one-time passphrase, shown once until the owner says they wrote them
//! down (the pattern of the recovery-code screen).

use egui::{Grid, RichText, Ui};
use zeroize::Zeroizing;

use crate::crypto::Passphrase;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, progress_line, secret_field, section};
use crate::gui::{Command, KeysCommand};
use crate::jobs::Progress;
use crate::services::KeyRotation;

/// The codes a rotation handed back, as shown once.
#[derive(Debug)]
struct Shown {
    recovery: Zeroizing<String>,
    one_time: Vec<(String, Zeroizing<String>)>,
    written: bool,
}

/// The section's state.
#[derive(Debug, Default)]
pub struct KeyRotationPanel {
    current: Zeroizing<String>,
    problem: FieldError,
    shown: Option<Shown>,
    bring_into_view: bool,
}

/// What the section needs to know about the window's jobs.
pub enum RotationState<'a> {
    /// No job runs: the rotation may start.
    Idle,
    /// The rotation runs.
    Running(&'a Progress),
    /// Another job runs (its label when the job bar shows it): the rotation must wait.
    Busy(Option<&'a str>),
}

impl KeyRotationPanel {
    /// Shows the codes of a finished rotation and clears the passphrase field.
    pub fn rotated(&mut self, rotation: &KeyRotation) {
        self.current = Zeroizing::new(String::new());
        self.problem.clear();
        self.bring_into_view = true;
        self.shown = Some(Shown {
            recovery: Zeroizing::new(rotation.recovery.reveal()),
            one_time: rotation
                .one_time
                .iter()
                .map(|given| (given.user.clone(), Zeroizing::new(given.reveal())))
                .collect(),
            written: false,
        });
    }

    /// Shows why the rotation did not happen, beside the form.
    pub fn problem(&mut self, text: String) {
        self.problem.set(text);
    }

    /// Scrolls the section into view and puts the cursor in the passphrase field.
    pub fn bring_into_view(&mut self) {
        self.bring_into_view = true;
    }

    /// Hides the codes once written down.
    pub fn stored(&mut self) {
        self.shown = None;
    }

    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, state: RotationState<'_>) -> Option<Command> {
        let mut command = None;
        section(ui, "Replace the store key…");
        if let Some(shown) = &mut self.shown {
            if self.bring_into_view {
                ui.scroll_to_cursor(Some(egui::Align::TOP));
                self.bring_into_view = false;
            }
            return show_codes(ui, shown);
        }
        hint(
            ui,
            "This makes a new key for all the data, so a key that a removed colleague may have kept no longer opens the store; \
             you keep your passphrase, every other user gets a one-time passphrase to hand over, and there is a new recovery code. \
             Backups taken before still open with the passphrases and recovery code that were valid when they were taken.",
        );
        let field = secret_field(ui, "Your passphrase", &mut self.current);
        if self.bring_into_view {
            field.scroll_to_me(Some(egui::Align::Center));
            field.request_focus();
            self.bring_into_view = false;
        }
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        match state {
            RotationState::Running(progress) => {
                if progress_line(ui, "Replacing the store key", progress, "Cancel") {
                    command = Some(Command::Keys(KeysCommand::CancelRotation));
                }
            }
            RotationState::Busy(label) => {
                let what = label.map_or_else(
                    || "the work running in the background".to_owned(),
                    |label| format!("“{label}”"),
                );
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Wait until {what} has finished (or cancel it): the key can only be replaced while nothing else runs."),
                );
                ui.add_enabled(false, egui::Button::new("Replace the store key"));
            }
            RotationState::Idle => {
                if ui.button("Replace the store key").clicked() {
                    if self.current.is_empty() {
                        self.problem
                            .set("Your passphrase: type it to confirm it is you.".into());
                    } else {
                        self.problem.clear();
                        command = Some(Command::Keys(KeysCommand::Rotate {
                            current: Passphrase::new(self.current.as_str()),
                        }));
                    }
                }
            }
        }
        command
    }
}

/// The new recovery code and the one-time passphrases, until the owner says they wrote them
/// down.
fn show_codes(ui: &mut Ui, shown: &mut Shown) -> Option<Command> {
    ui.label(
        "The store key was replaced. These are shown now and never again; the old recovery code \
         and the other users' old passphrases no longer open the store.",
    );
    ui.add_space(8.0);
    ui.label(RichText::new("New recovery code").strong());
    ui.label(
        RichText::new(shown.recovery.as_str())
            .monospace()
            .size(20.0)
            .strong(),
    );
    if !shown.one_time.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("One-time passphrases to hand over").strong());
        Grid::new("one-time-passphrases")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for (user, passphrase) in &shown.one_time {
                    ui.label(user);
                    ui.label(RichText::new(passphrase.as_str()).monospace().strong());
                    ui.end_row();
                }
            });
        hint(
            ui,
            "Give each person theirs in private; they sign in with it and then choose their own in Settings.",
        );
    }
    ui.add_space(8.0);
    hint(
        ui,
        "Write the recovery code on paper or keep it in a password manager, away from this computer.",
    );
    ui.checkbox(&mut shown.written, "I have written it down");
    let done = ui.add_enabled(shown.written, egui::Button::new("Continue"));
    done.clicked()
        .then_some(Command::Keys(KeysCommand::RotationStored))
}
