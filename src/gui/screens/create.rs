//! First run: create the encrypted store and its owner.

use std::path::PathBuf;

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::crypto::{MIN_PASSPHRASE_CHARS, Passphrase};
use crate::domain::access::check_user_name;
use crate::gui::Command;
use crate::gui::widgets::{hint, secret_field, submitted, text_field};
use crate::services::DEFAULT_OWNER_NAME;

/// The create-store form.
#[derive(Debug)]
pub struct CreateScreen {
    path: PathBuf,
    user: String,
    passphrase: Zeroizing<String>,
    confirm: Zeroizing<String>,
    problem: Option<String>,
    demo_exists: bool,
}

/// How many made-up people a demo store made from the first-run screen holds.
pub const DEMO_STORE_SUBJECTS: u64 = 10_000;

/// Where the demo store goes: `demo.pdesk` beside the store.
pub fn demo_store_path(store: &std::path::Path) -> PathBuf {
    store.with_file_name(format!("demo.{}", crate::services::STORE_EXTENSION))
}

impl CreateScreen {
    /// A form for a store at `path`.
    pub fn new(path: PathBuf, problem: Option<String>) -> Self {
        Self {
            user: DEFAULT_OWNER_NAME.to_owned(),
            passphrase: Zeroizing::new(String::new()),
            confirm: Zeroizing::new(String::new()),
            problem,
            demo_exists: demo_store_path(&path).exists(),
            path,
        }
    }

    /// Draws the form; returns a command when the user creates the store.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        super::card(ui, |ui| {
            ui.heading("Welcome to Privacy Desk");
            ui.add_space(6.0);
            ui.label(
                "Privacy Desk keeps your consent records, data-subject requests, retention \
                 rules and assessments in one encrypted file on this computer.",
            );
            ui.add_space(6.0);
            hint(
                ui,
                &format!("The store will be created at {}", self.path.display()),
            );
            ui.add_space(12.0);
            ui.label(RichText::new("You").strong());
            hint(
                ui,
                "Your user name appears in the audit log next to everything you do. You will be \
                 the store's owner and can add colleagues later.",
            );
            text_field(ui, "Your user name", &mut self.user);
            ui.add_space(8.0);
            ui.label(RichText::new("Choose a passphrase").strong());
            hint(
                ui,
                &format!(
                    "At least {MIN_PASSPHRASE_CHARS} characters. A few unrelated words work well. \
                     Without it (or the recovery code you will see next) nobody, us included, \
                     can open the store."
                ),
            );
            ui.add_space(4.0);
            let first = secret_field(ui, "Passphrase", &mut self.passphrase);
            let second = secret_field(ui, "Type the passphrase again", &mut self.confirm);
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(8.0);
            let clicked = ui.button("Create the store").clicked();
            if clicked
                || submitted(ui, &second)
                || (submitted(ui, &first) && !self.confirm.is_empty())
            {
                return self
                    .submit()
                    .map(|(user, passphrase)| Command::CreateStore { user, passphrase });
            }
            self.demo_ui(ui)
        })
    }

    /// The offer to look around a demo store first.
    fn demo_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        ui.add_space(12.0);
        ui.separator();
        ui.label(RichText::new("Just looking?").strong());
        if self.demo_exists {
            hint(
                ui,
                "A demo store full of made-up people is already on this computer (demo.pdesk). Open it with the passphrase you chose for it; your real store is not created.",
            );
            if ui.button("Open the demo store").clicked() {
                return Some(Command::OpenDemo);
            }
            return None;
        }
        hint(
            ui,
            &format!(
                "A demo store shows Privacy Desk in use: {DEMO_STORE_SUBJECTS} made-up people with consent histories, requests in every state, retention rules, records of processing and vendors. It is a separate file (demo.pdesk) protected by the user name and passphrase above; your real store is not created."
            ),
        );
        if ui.button("Create a demo store").clicked() {
            return self
                .submit()
                .map(|(user, passphrase)| Command::CreateDemo { user, passphrase });
        }
        None
    }

    fn submit(&mut self) -> Option<(String, Passphrase)> {
        if let Err(problem) = check_user_name(&self.user) {
            self.problem = Some(format!("Your user name: {problem}"));
            return None;
        }
        let pass = Passphrase::new(self.passphrase.as_str());
        if let Err(problem) = pass.check_strength() {
            self.problem = Some(problem);
            return None;
        }
        if !pass.matches(&Passphrase::new(self.confirm.as_str())) {
            self.problem = Some("The two passphrases differ; type them again.".into());
            return None;
        }
        self.problem = None;
        self.passphrase = Zeroizing::new(String::new());
        self.confirm = Zeroizing::new(String::new());
        Some((self.user.clone(), pass))
    }
}
