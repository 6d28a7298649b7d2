//! Settings → Backups: a backup now, the automatic backup rotation, and restoring a backup.
//!
//! **When the automatic backup runs.** Right after a successful sign-in, at most once per
//! calendar day (the day is stored with the setting), on a worker thread that borrows the
//! session and hands it back; a notice says when it is done, or why it failed (a folder that
//! is missing or cannot be written to). Not at lock or window close: the store locks by
//! itself after idle minutes and closing ends the program, so a backup there would either
//! hold the window open or be cut off half-way — and a signed-in session is exactly what a
//! backup needs. A day the store is not opened needs no backup: nothing changed.
//!
//! A restore replaces the store: the view only asks for the file and the passphrase; the app
//! locks, restores on a worker thread and shows the sign-in screen with what was done
//! (`apply_backup.rs`). Every control needs [`Permission::EditOrganisation`].

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::{DragValue, TextEdit, Ui};
use zeroize::Zeroizing;

use crate::crypto::Passphrase;
use crate::domain::access::Permission;
use crate::domain::user::User;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint, secret_field, section, text_field};
use crate::gui::{BackupCommand, Command};
use crate::services::{MAX_BACKUPS_KEPT, ServiceResult, Session};

/// How many backups the rotation keeps unless told otherwise.
const DEFAULT_KEEP: usize = 7;

/// The restore confirmation: which file, who signs in to it, with which passphrase.
#[derive(Debug)]
struct RestoreForm {
    backup: PathBuf,
    user: String,
    passphrase: Zeroizing<String>,
}

/// The Backups section's state.
#[derive(Debug)]
pub struct BackupsView {
    setting: ViewData<BackupSetting>,
    folder: String,
    keep: usize,
    rotation_problem: Option<String>,
    last_written: Option<String>,
    restore: Option<RestoreForm>,
}

impl Default for BackupsView {
    fn default() -> Self {
        Self {
            setting: ViewData::default(),
            folder: String::new(),
            keep: DEFAULT_KEEP,
            rotation_problem: None,
            last_written: None,
            restore: None,
        }
    }
}

/// The automatic backup setting as stored.
#[derive(Debug, Default)]
pub struct BackupSetting {
    /// The folder and how many backups are kept, when automatic backups are on.
    pub rotation: Option<(PathBuf, usize)>,
    /// The last day an automatic backup was written.
    pub last_day: Option<NaiveDate>,
}

/// Builds the automatic backup setting.
pub fn backup_setting(session: &Session) -> ServiceResult<BackupSetting> {
    Ok(BackupSetting {
        rotation: session.backups().backup_rotation()?,
        last_day: session.backups().backup_rotation_last_day()?,
    })
}

/// The file name the save dialog suggests: `privacy-desk-YYYY-MM-DD.pdesk` (today, local).
pub fn suggested_backup_name(today: NaiveDate) -> String {
    format!("privacy-desk-{}.pdesk", today.format("%Y-%m-%d"))
}

impl BackupsView {
    /// Builds the stored rotation and the last automatic day when the store changed since
    /// they were read, and fills the fields with the rotation (only for a role that may see
    /// them).
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if !fresh.session.user().role.can(Permission::EditOrganisation)
            || self.setting.is_current(fresh.generation, &())
        {
            return Ok(());
        }
        let built = self
            .setting
            .refresh(fresh.generation, (), |()| backup_setting(fresh.session));
        if let Some((dir, keep)) = self.setting.get().and_then(|s| s.rotation.as_ref()) {
            self.folder = dir.display().to_string();
            self.keep = *keep;
        }
        built
    }

    /// Says why the rotation was not saved.
    pub fn rotation_problem(&mut self, problem: String) {
        self.rotation_problem = Some(problem);
    }

    /// Remembers what the last backup made here wrote.
    pub fn written(&mut self, text: String) {
        self.last_written = Some(text);
    }

    /// Opens the restore confirmation for `backup`, signing in as `user` by default.
    pub fn confirm_restore(&mut self, backup: PathBuf, user: String) {
        self.restore = Some(RestoreForm {
            backup,
            user,
            passphrase: Zeroizing::new(String::new()),
        });
    }

    /// Draws the section. `running` names the backup being written, if one is.
    pub fn ui(&mut self, ui: &mut Ui, me: &User, running: Option<&str>) -> Option<Command> {
        let mut command = None;
        section(ui, "Backups");
        hint(
            ui,
            "A backup is a checked copy of the whole store, still encrypted. Keep one somewhere other than this computer: an external drive or a network folder.",
        );
        let may = me.role.can(Permission::EditOrganisation);
        if !may {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                // Worded like `Permission::why_not` (and the service's refusal), for this
                // section: the general reason at the top of Settings does not name backups.
                format!(
                    "Your role ({}) does not allow backups or restores: a backup holds all the personal data in the store. Ask an owner or a privacy officer.",
                    me.role.label()
                ),
            );
        }
        ui.add_enabled_ui(may && running.is_none(), |ui| {
            if let Some(c) = self.now_ui(ui, running) {
                command = Some(c);
            }
            if let Some(c) = self.rotation_ui(ui) {
                command = Some(c);
            }
            if let Some(c) = self.restore_ui(ui) {
                command = Some(c);
            }
        });
        command.map(Command::Backup)
    }

    fn now_ui(&mut self, ui: &mut Ui, running: Option<&str>) -> Option<BackupCommand> {
        let mut command = None;
        ui.horizontal(|ui| {
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("Privacy Desk backup", &["pdesk"])
                .set_file_name(suggested_backup_name(crate::gui::areas::today()))
                .save_file(ui.button("Back up now…").clicked(), ui)
            {
                command = Some(BackupCommand::BackUpNow(path));
            }
            if let Some(label) = running {
                ui.spinner();
                ui.label(format!("{label}…"));
            }
        });
        if let Some(text) = &self.last_written {
            ui.label(text);
        }
        command
    }

    fn rotation_ui(&mut self, ui: &mut Ui) -> Option<BackupCommand> {
        let mut command = None;
        ui.add_space(8.0);
        ui.strong("Automatic backups");
        let stored = self.setting.get().and_then(|s| s.rotation.clone());
        let on = stored.is_some();
        let mut wanted = on;
        if ui
            .checkbox(
                &mut wanted,
                "Make a backup automatically, once a day, when someone signs in",
            )
            .changed()
        {
            command = self.rotation_command(wanted);
        }
        ui.horizontal(|ui| {
            let label = ui.label("Backup folder");
            ui.add(TextEdit::singleline(&mut self.folder).desired_width(FIELD_WIDTH))
                .labelled_by(label.id);
            if let Some(dir) = crate::gui::file_dialog::FileDialog::new()
                .pick_folder(ui.button("Choose folder…").clicked(), ui)
            {
                self.folder = dir.display().to_string();
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Keep the newest");
            ui.add(DragValue::new(&mut self.keep).range(1..=MAX_BACKUPS_KEPT))
                .labelled_by(label.id);
            ui.label("backups; older ones in that folder are removed.");
        });
        let edited = stored.as_ref().is_some_and(|(dir, keep)| {
            dir.display().to_string() != self.folder.trim() || *keep != self.keep
        });
        if on
            && ui
                .add_enabled(edited, egui::Button::new("Save folder and number"))
                .clicked()
        {
            command = self.rotation_command(true);
        }
        if let Some(problem) = &self.rotation_problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        match (on, self.setting.get().and_then(|s| s.last_day)) {
            (true, Some(day)) => hint(
                ui,
                &format!("Last automatic backup: {}.", day.format("%Y-%m-%d")),
            ),
            (true, None) => hint(
                ui,
                "The first automatic backup is made at the next sign-in.",
            ),
            (false, _) => {}
        }
        command
    }

    /// The command for turning the rotation on (with the fields) or off; none, with the
    /// problem shown, when the folder is not filled in.
    fn rotation_command(&mut self, on: bool) -> Option<BackupCommand> {
        if !on {
            self.rotation_problem = None;
            return Some(BackupCommand::SetRotation(None));
        }
        let folder = self.folder.trim();
        if folder.is_empty() {
            self.rotation_problem =
                Some("Backup folder: choose where the automatic backups go first.".into());
            return None;
        }
        self.rotation_problem = None;
        Some(BackupCommand::SetRotation(Some((
            PathBuf::from(folder),
            self.keep.clamp(1, MAX_BACKUPS_KEPT),
        ))))
    }

    fn restore_ui(&mut self, ui: &mut Ui) -> Option<BackupCommand> {
        ui.add_space(8.0);
        ui.strong("Restore");
        let Some(form) = self.restore.as_mut() else {
            hint(
                ui,
                "Go back to a backup if the store is damaged or lost, or a change must be undone.",
            );
            let mut command = None;
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("Privacy Desk backup", &["pdesk"])
                .pick_file(ui.button("Restore…").clicked(), ui)
            {
                command = Some(BackupCommand::ChooseRestore(path));
            }
            return command;
        };
        let mut command = None;
        let mut cancel = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(format!("Restore {}?", form.backup.display()));
            for line in [
                "• The backup replaces the store you are using now: everything goes back to how it was when the backup was taken.",
                "• The current store is not deleted: it is kept beside it as a \"before-restore\" file.",
                "• Every erasure made since the backup is applied again, so no one who was erased comes back.",
                "• The backup opens with the passphrase that was valid when it was taken. If you changed yours since, type the old one.",
                "• The window locks while the backup is restored; sign in again afterwards.",
            ] {
                ui.label(line);
            }
            ui.add_space(4.0);
            text_field(ui, "User name in the backup", &mut form.user);
            secret_field(
                ui,
                "Passphrase valid when the backup was taken",
                &mut form.passphrase,
            );
            ui.horizontal(|ui| {
                let ready = !form.passphrase.is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Restore this backup"))
                    .clicked()
                {
                    let user = form.user.trim();
                    command = Some(BackupCommand::Restore {
                        backup: form.backup.clone(),
                        user: (!user.is_empty()).then(|| user.to_owned()),
                        passphrase: Passphrase::new(form.passphrase.as_str()),
                    });
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel || command.is_some() {
            self.restore = None;
        }
        command
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_suggests_a_dated_name() {
        let day = NaiveDate::from_ymd_opt(2026, 4, 9).unwrap();
        assert_eq!(suggested_backup_name(day), "privacy-desk-2026-04-09.pdesk");
    }

    #[test]
    fn rotation_needs_a_folder_and_keeps_within_bounds() {
        let mut view = BackupsView::default();
        assert!(view.rotation_command(true).is_none());
        assert!(view.rotation_problem.is_some());
        view.folder = " /backups ".into();
        view.keep = 500;
        match view.rotation_command(true) {
            Some(BackupCommand::SetRotation(Some((dir, keep)))) => {
                assert_eq!(dir, PathBuf::from("/backups"));
                assert_eq!(keep, MAX_BACKUPS_KEPT);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            view.rotation_command(false),
            Some(BackupCommand::SetRotation(None))
        ));
    }
}
