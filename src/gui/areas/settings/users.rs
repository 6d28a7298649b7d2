//! Settings → Users (owners only): who can sign in, their roles and failed sign-ins; add,
//! change role, remove.

use egui::{ComboBox, Grid, RichText, Ui};
use zeroize::Zeroizing;

use crate::crypto::Passphrase;
use crate::domain::access::{Role, check_user_name};
use crate::domain::user::User;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, secret_field, section, text_field, when};
use crate::gui::{Command, KeysCommand};

/// The Users section's form state.
#[derive(Debug)]
pub struct UsersPanel {
    name: String,
    role: Role,
    passphrase: Zeroizing<String>,
    confirm: Zeroizing<String>,
    problem: FieldError,
    confirm_remove: Option<String>,
    removed: Option<String>,
}

impl Default for UsersPanel {
    fn default() -> Self {
        Self {
            name: String::new(),
            role: Role::Assistant,
            passphrase: Zeroizing::new(String::new()),
            confirm: Zeroizing::new(String::new()),
            problem: FieldError::default(),
            confirm_remove: None,
            removed: None,
        }
    }
}

/// A role menu; `name` is its accessible name (shown as a label only when `visible`).
fn role_picker(ui: &mut Ui, id: &str, name: &str, visible: bool, role: &mut Role) -> bool {
    let before = *role;
    let label = visible.then(|| ui.label(name));
    let response = ComboBox::from_id_salt(id)
        .selected_text(role.label())
        .show_ui(ui, |ui| {
            for r in Role::ALL {
                ui.selectable_value(role, r, r.label());
            }
        })
        .response;
    match label {
        Some(label) => response.labelled_by(label.id),
        None => response.accessible_name(name),
    };
    *role != before
}

impl UsersPanel {
    /// Remembers that `name` was just removed, to offer replacing the store key.
    pub fn removed(&mut self, name: String) {
        self.removed = Some(name);
    }

    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, users: &[User], me: &User) -> Option<Command> {
        let mut command = None;
        section(ui, "Users");
        hint(
            ui,
            "Everyone signs in with their own passphrase; each passphrase unlocks the same data. \
             Removing a user deletes their key, so their passphrase stops working at once.",
        );
        Grid::new("users")
            .num_columns(5)
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for title in ["Name", "Role", "Failed sign-ins", "Added", ""] {
                    ui.label(RichText::new(title).strong());
                }
                ui.end_row();
                for user in users {
                    ui.label(&user.name);
                    let mut role = user.role;
                    if role_picker(
                        ui,
                        &format!("role-{}", user.id),
                        &format!("Role of {}", user.name),
                        false,
                        &mut role,
                    ) {
                        command = Some(Command::SetUserRole {
                            name: user.name.clone(),
                            role,
                        });
                    }
                    let failures = match (&user.failed_attempts, &user.last_failed_at) {
                        (0, _) => "none".to_owned(),
                        (n, Some(at)) => format!("{n} (last {})", when(at)),
                        (n, None) => n.to_string(),
                    };
                    ui.label(failures);
                    ui.label(when(&user.created_at));
                    if user.id == me.id {
                        ui.label(RichText::new("you").weak());
                    } else if self.confirm_remove.as_deref() == Some(user.name.as_str()) {
                        ui.horizontal(|ui| {
                            if ui.button(format!("Yes, remove {}", user.name)).clicked() {
                                command = Some(Command::RemoveUser(user.name.clone()));
                                self.confirm_remove = None;
                            }
                            if ui.button("Keep").clicked() {
                                self.confirm_remove = None;
                            }
                        });
                    } else if ui.button(format!("Remove {}", user.name)).clicked() {
                        self.confirm_remove = Some(user.name.clone());
                    }
                    ui.end_row();
                }
            });
        if let Some(name) = &self.removed {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{name} was removed. If they could have kept the store key (a copy of the store file, or their old access), replace the key so it no longer opens the store."
                    ),
                );
                if ui.button("Replace the store key (below)").clicked() {
                    command = Some(Command::Keys(KeysCommand::ShowRotation));
                }
            });
        }

        ui.add_space(8.0);
        ui.label(RichText::new("Add a user").strong());
        text_field(ui, "New user's name", &mut self.name);
        ui.horizontal(|ui| {
            role_picker(ui, "new-user-role", "New user's role", true, &mut self.role);
        });
        hint(ui, role_summary(self.role));
        secret_field(ui, "New user's passphrase", &mut self.passphrase);
        secret_field(
            ui,
            "Type the new user's passphrase again",
            &mut self.confirm,
        );
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        if ui.button("Add user").clicked() {
            command = self.add_command().or(command);
        }
        command
    }

    fn add_command(&mut self) -> Option<Command> {
        if let Err(problem) = check_user_name(&self.name) {
            self.problem.set(format!("New user's name: {problem}"));
            return None;
        }
        let passphrase = Passphrase::new(self.passphrase.as_str());
        if let Err(problem) = passphrase.check_strength() {
            self.problem
                .set(format!("New user's passphrase: {problem}"));
            return None;
        }
        if !passphrase.matches(&Passphrase::new(self.confirm.as_str())) {
            self.problem
                .set("The two passphrases differ; type them again.".into());
            return None;
        }
        let command = Command::AddUser {
            name: self.name.clone(),
            role: self.role,
            passphrase,
        };
        *self = Self::default();
        Some(command)
    }
}

/// One sentence on what a role may do.
pub fn role_summary(role: Role) -> &'static str {
    match role {
        Role::Owner => "Owners can do everything, including managing users and keys.",
        Role::Officer => "Privacy officers do all privacy work but cannot manage users.",
        Role::Assistant => {
            "Assistants record consents and take in requests; they cannot erase, apply retention sweeps, export personal data or change settings."
        }
        Role::Auditor => {
            "Auditors read everything, including the audit log and reports, and change nothing."
        }
    }
}
