//! The attachments panel, one for every record that keeps files (a request's ID document or
//! original email, an incident's evidence, a vendor's signed agreement, an assessment's
//! annex): the list (name, size, added on, by), **Add…**, **Save as…** (in clear, to a file the
//! officer chooses, said so beside the button) and **Remove** (after a confirmation).
//!
//! The host view owns one panel, calls [`AttachmentsPanel::prepare`] with its record in its
//! own `prepare`, and draws it with [`AttachmentsPanel::ui`]. Adding and saving run as a
//! background job (`gui/jobs/attachment.rs`, in the job bar with its progress and Cancel);
//! the buttons follow the permissions the service applies, each disabled with the reason.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod command;

use egui::{Grid, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::attachment::{AttachmentInfo, AttachmentOwner};
use crate::gui::Command;
use crate::gui::file_dialog::FileDialog;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section, size, wide};
use crate::services::{ServiceResult, Session};

use command::AttachmentCommand;

/// Builds the list: the attachments of `owner`, oldest first (names opened, contents sealed).
pub fn attachment_rows(
    session: &Session,
    owner: &AttachmentOwner,
) -> ServiceResult<Vec<AttachmentInfo>> {
    session.attachments().list(owner)
}

/// The panel's state: the list for its record and the removal being confirmed.
#[derive(Debug, Default)]
pub struct AttachmentsPanel {
    rows: ViewData<Vec<AttachmentInfo>, AttachmentOwner>,
    /// The signed-in user's role, read with the list.
    role: Option<Role>,
    /// The attachment whose removal waits for a confirmation.
    removing: Option<String>,
}

impl AttachmentsPanel {
    /// Builds the list of `owner`'s files when the store changed since it was read (or the
    /// record is another); a role that may not see personal data gets no list.
    pub fn prepare(&mut self, fresh: &Fresh<'_>, owner: AttachmentOwner) -> ServiceResult<()> {
        let role = fresh.session.user().role;
        self.role = Some(role);
        if self.rows.key() != Some(&owner) {
            self.removing = None;
        }
        if !role.can(Permission::ViewPersonalData) {
            return Ok(());
        }
        self.rows.refresh(fresh.generation, owner, |owner| {
            attachment_rows(fresh.session, owner)
        })
    }

    /// Draws the section for `owner` (until the list of that record is read, "Loading…");
    /// returns what was asked.
    pub fn ui(&mut self, ui: &mut Ui, owner: &AttachmentOwner) -> Option<Command> {
        section(ui, "Attachments");
        let role = self.role?;
        if !role.can(Permission::ViewPersonalData) {
            hint(ui, &Permission::ViewPersonalData.why_not(role));
            return None;
        }
        let (Some(rows), Some(owner)) = (
            self.rows.get(),
            self.rows.key().filter(|built| *built == owner),
        ) else {
            hint(ui, "Loading…");
            return None;
        };
        let owner = owner.clone();
        hint(
            ui,
            &format!(
                "Files kept sealed in the store with this {} (an ID document, the original email, a signed agreement), at most 25 MB each.",
                owner.kind()
            ),
        );
        let mut asked = None;
        if rows.is_empty() {
            hint(ui, "No files attached.");
        } else {
            asked = Self::table(ui, rows, &owner, role, &mut self.removing);
        }
        if let Some(name) = self.removing.clone() {
            asked = asked.or(self.confirm(ui, &owner, name));
        }
        let attach = owner.attach_permission();
        let may_attach = role.can(attach);
        let button = ui.add_enabled(may_attach, egui::Button::new("Add…"));
        if let Some(path) = FileDialog::new().pick_file(button.clicked(), ui) {
            asked = Some(AttachmentCommand::Add {
                owner: owner.clone(),
                path,
            });
        }
        button.on_disabled_hover_text(attach.why_not(role));
        asked.map(Command::Attachment)
    }

    /// The list with each file's Save as… and Remove (which asks for a confirmation).
    fn table(
        ui: &mut Ui,
        rows: &[AttachmentInfo],
        owner: &AttachmentOwner,
        role: Role,
        removing: &mut Option<String>,
    ) -> Option<AttachmentCommand> {
        let may_save = role.can(Permission::ExportPersonalData);
        let remove = owner.remove_permission();
        let may_remove = role.can(remove);
        let mut asked = None;
        wide(ui, "attachments-wide", |ui| {
            Grid::new("attachments")
                .num_columns(5)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for title in ["Name", "Size", "Added on", "By", ""] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    for a in rows {
                        ui.label(&a.name);
                        ui.label(size(a.size));
                        ui.label(a.added_at.format("%Y-%m-%d %H:%M UTC").to_string());
                        ui.label(&a.added_by);
                        ui.horizontal(|ui| {
                            let save = ui
                                .add_enabled(may_save, egui::Button::new("Save as…"))
                                .on_hover_text(format!(
                                    "Write {} unencrypted to a file you choose",
                                    a.name
                                ));
                            if let Some(path) = FileDialog::new()
                                .set_file_name(&a.name)
                                .save_file(save.clicked(), ui)
                            {
                                asked = Some(AttachmentCommand::Save {
                                    owner: owner.clone(),
                                    name: a.name.clone(),
                                    path,
                                });
                            }
                            save.on_disabled_hover_text(
                                Permission::ExportPersonalData.why_not(role),
                            );
                            if ui
                                .add_enabled(may_remove, egui::Button::new("Remove"))
                                .on_hover_text(format!("Remove {}", a.name))
                                .on_disabled_hover_text(remove.why_not(role))
                                .clicked()
                            {
                                *removing = Some(a.name.clone());
                            }
                        });
                        ui.end_row();
                    }
                });
        });
        if may_save {
            hint(
                ui,
                "Save as… writes the file unencrypted (in clear) where you choose: anyone who can open that folder can read it. Delete it when you no longer need it.",
            );
        }
        asked
    }

    /// The confirmation of a removal.
    fn confirm(
        &mut self,
        ui: &mut Ui,
        owner: &AttachmentOwner,
        name: String,
    ) -> Option<AttachmentCommand> {
        let mut asked = None;
        ui.label(
            RichText::new(format!(
                "Remove {name}? It is deleted from the store for good; a backup made before keeps it."
            ))
            .color(ui.visuals().warn_fg_color),
        );
        ui.horizontal(|ui| {
            if ui.button("Remove it").clicked() {
                asked = Some(AttachmentCommand::Remove {
                    owner: owner.clone(),
                    name: name.clone(),
                });
                self.removing = None;
            }
            if ui.button("Keep it").clicked() {
                self.removing = None;
            }
        });
        asked
    }
}
