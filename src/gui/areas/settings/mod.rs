//! Settings: organisation profile and regimes, passphrase change, auto-lock, backups, users
//! and the store key (owners only), theme.

pub(in crate::gui) mod apply_backup;
pub(in crate::gui) mod apply_keys;
pub(in crate::gui) mod apply_profile;
pub(in crate::gui) mod apply_users;
pub(in crate::gui) mod area;
pub(in crate::gui) mod backup_command;
pub(in crate::gui) mod backups;
pub(in crate::gui) mod holidays;
pub(in crate::gui) mod holidays_apply;
pub(in crate::gui) mod holidays_command;
pub(in crate::gui) mod key_rotation;
pub(in crate::gui) mod keys_command;
pub(in crate::gui) mod mailbox;
pub(in crate::gui) mod member_state_field;
pub(in crate::gui) mod profile_form;
pub(in crate::gui) mod profile_roles;
pub(in crate::gui) mod site;
pub(in crate::gui) mod site_apply;
pub(in crate::gui) mod site_command;
pub(in crate::gui) mod stored;
pub(in crate::gui) mod users;

use egui::{DragValue, Ui};
use zeroize::Zeroizing;

use crate::crypto::Passphrase;
use crate::domain::organisation::OrganisationProfile;
use crate::domain::settings::AutoLock;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, secret_field, section};
use crate::gui::{Command, ThemeChoice};

use crate::domain::access::Permission;
use crate::domain::user::User;
use crate::gui::areas::{BackupsView, KeyRotationPanel, ProfileForm, RotationState, UsersPanel};

/// The Settings view's form state.
#[derive(Debug, Default)]
pub struct SettingsView {
    profile: ProfileForm,
    auto_lock_minutes: u32,
    current: Zeroizing<String>,
    new: Zeroizing<String>,
    confirm: Zeroizing<String>,
    passphrase_problem: FieldError,
    users: UsersPanel,
    backups: BackupsView,
    rotation: KeyRotationPanel,
    /// The stored values the forms were filled with (`stored.rs`).
    stored: stored::AsStored,
}

impl SettingsView {
    /// A form filled with the stored values.
    pub fn new(profile: OrganisationProfile, auto_lock: AutoLock) -> Self {
        Self {
            profile: ProfileForm::new(profile),
            auto_lock_minutes: auto_lock.minutes(),
            ..Self::default()
        }
    }

    /// Clears the passphrase fields (after a successful change).
    pub fn clear_passphrases(&mut self) {
        self.current = Zeroizing::new(String::new());
        self.new = Zeroizing::new(String::new());
        self.confirm = Zeroizing::new(String::new());
        self.passphrase_problem.clear();
    }

    /// The organisation profile form.
    pub fn profile_mut(&mut self) -> &mut ProfileForm {
        &mut self.profile
    }

    /// The Backups section.
    pub fn backups_mut(&mut self) -> &mut BackupsView {
        &mut self.backups
    }

    /// The "Replace the store key…" section.
    pub fn rotation_mut(&mut self) -> &mut KeyRotationPanel {
        &mut self.rotation
    }

    /// The Users section.
    pub fn users_mut(&mut self) -> &mut UsersPanel {
        &mut self.users
    }

    /// Draws the view. `backup_running` names the backup being written, if one is;
    /// `rotation` says whether the store key may be replaced now.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        theme: ThemeChoice,
        me: &User,
        users: Option<&[User]>,
        backup_running: Option<&str>,
        rotation: RotationState<'_>,
    ) -> Option<Command> {
        let mut command = None;
        let may_edit = me.role.can(Permission::EditOrganisation);
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.set_max_width(720.0);
            ui.heading("Settings");
            if !may_edit {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    Permission::EditOrganisation.why_not(me.role),
                );
            }
            ui.add_enabled_ui(may_edit, |ui| {
                self.profile.ui(ui);
                ui.add_space(8.0);
                if ui.button("Save organisation profile").clicked() {
                    command = self.profile.save_command();
                }
                command = command.take().or_else(|| self.profile.take_command());
            });

            section(ui, "Change your passphrase");
            hint(ui, "Changing it re-wraps the key; your data is not re-encrypted, other users' passphrases and the recovery code keep working.");
            secret_field(ui, "Current passphrase", &mut self.current);
            secret_field(ui, "New passphrase", &mut self.new);
            secret_field(ui, "Type the new passphrase again", &mut self.confirm);
            let inputs = fingerprint(&(&self.current, &self.new, &self.confirm));
            self.passphrase_problem.show(ui, inputs, "");
            if ui.button("Change passphrase").clicked() {
                command = self.passphrase_command();
            }

            section(ui, "Auto-lock");
            ui.add_enabled_ui(may_edit, |ui| ui.horizontal(|ui| {
                let label = ui.label("Lock after this many idle minutes");
                ui.add(
                    DragValue::new(&mut self.auto_lock_minutes)
                        .range(AutoLock::MIN_MINUTES..=AutoLock::MAX_MINUTES),
                )
                .labelled_by(label.id);
                if ui.button("Save auto-lock").clicked() {
                    command = Some(Command::SetAutoLock(self.auto_lock_minutes));
                }
            }));
            hint(ui, "Locking forgets the keys and everything decrypted; the passphrase is needed again.");

            if let Some(c) = self.backups.ui(ui, me, backup_running) {
                command = Some(c);
            }

            if let Some(users) = users
                && let Some(c) = self.users.ui(ui, users, me) {
                    command = Some(c);
                }

            if me.role.can(Permission::ManageUsers)
                && let Some(c) = self.rotation.ui(ui, rotation)
            {
                command = Some(c);
            }

            section(ui, "Appearance");
            ui.horizontal(|ui| {
                for choice in ThemeChoice::ALL {
                    if ui.radio(theme == choice, choice.label()).clicked() {
                        command = Some(Command::SetTheme(choice));
                    }
                }
            });
            ui.add_space(16.0);
        });
        command
    }

    fn passphrase_command(&mut self) -> Option<Command> {
        let new = Passphrase::new(self.new.as_str());
        if self.current.is_empty() {
            self.passphrase_problem
                .set("Current passphrase: type it to confirm it is you.".into());
            return None;
        }
        if let Err(problem) = new.check_strength() {
            self.passphrase_problem
                .set(format!("New passphrase: {problem}"));
            return None;
        }
        if !new.matches(&Passphrase::new(self.confirm.as_str())) {
            self.passphrase_problem
                .set("The two new passphrases differ; type them again.".into());
            return None;
        }
        self.passphrase_problem.clear();
        Some(Command::ChangePassphrase {
            current: Passphrase::new(self.current.as_str()),
            new,
        })
    }
}
