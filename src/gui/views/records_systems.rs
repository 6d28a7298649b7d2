//! Records → Systems: the data inventory as a table (system, kind, location, who runs it, data
//! categories, activities, how long it keeps data), the order, adding, editing and removing.

use egui::{Grid, Ui};

use crate::domain::records::RecordCode;
use crate::gui::Command;
use crate::gui::records_command::RecordsCommand;
use crate::gui::widgets::hint;

use super::records::{RecordsData, gated};
use super::records_activity_form::FormAction;
use super::records_system_form::SystemForm;
use super::retention::{cell, wide};

/// The Systems tab's state.
#[derive(Debug, Default)]
pub struct SystemsTab {
    editor: Option<SystemForm>,
    removing: Option<RecordCode>,
    opening: Option<String>,
}

impl SystemsTab {
    /// Closes the editor and the confirmation.
    pub fn close(&mut self) {
        self.editor = None;
        self.removing = None;
    }

    /// Shows a problem in the editor; false when none is open.
    pub fn problem(&mut self, problem: String) -> bool {
        match self.editor.as_mut() {
            Some(e) => {
                e.set_problem(problem);
                true
            }
            None => false,
        }
    }

    /// Opens the editor on the system `code` when the tab is next drawn.
    pub fn open(&mut self, code: &str) {
        self.opening = Some(code.to_owned());
    }

    /// Draws the tab.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &RecordsData,
        may_edit: bool,
        why_not: &str,
    ) -> Option<Command> {
        if let Some(code) = self.opening.take()
            && let Some(s) = data.systems.iter().find(|s| s.code.as_str() == code)
        {
            self.editor = Some(SystemForm::edit(s));
        }
        let mut command = None;
        hint(
            ui,
            "Where personal data lives: the email platform, the shop, the CRM, spreadsheets, paper files. Which categories each holds, for which activities, and where it is.",
        );
        if gated(ui, may_edit, "New system…", why_not) {
            self.editor = Some(SystemForm::new_system());
        }
        if data.systems.is_empty() {
            ui.label("No systems in the inventory yet.");
        } else {
            command = self.table(ui, data, may_edit, why_not);
        }
        if let Some(c) = self.remove_confirmation(ui, data) {
            command = Some(c);
        }
        if let Some(editor) = self.editor.as_mut() {
            ui.add_space(6.0);
            match editor.ui(ui, data) {
                Some(FormAction::Save(system)) => {
                    let new = editor.code().is_none();
                    command = Some(Command::Records(RecordsCommand::SaveSystem {
                        system: Box::new(system),
                        new,
                    }));
                }
                Some(FormAction::Close) => self.editor = None,
                None => {}
            }
        }
        command
    }

    fn table(
        &mut self,
        ui: &mut Ui,
        data: &RecordsData,
        may_edit: bool,
        why_not: &str,
    ) -> Option<Command> {
        let mut command = None;
        let n = data.systems.len();
        wide(ui, "records-systems-wide", |ui| {
            Grid::new("records-systems")
                .num_columns(7)
                .striped(true)
                .spacing([16.0, 4.0])
                .max_col_width(170.0)
                .show(ui, |ui| {
                    for t in [
                        "System",
                        "Kind",
                        "Location",
                        "Personal data",
                        "Activities",
                        "Kept for",
                        "",
                    ] {
                        ui.strong(t);
                    }
                    ui.end_row();
                    for (i, s) in data.systems.iter().enumerate() {
                        cell(ui, &s.name);
                        cell(ui, s.kind.label());
                        cell(ui, &s.location);
                        let categories: Vec<String> = s
                            .data_categories
                            .iter()
                            .map(|c| data.taxonomy.name_of(c))
                            .collect();
                        cell(ui, categories.join(", "));
                        let activities: Vec<String> = s
                            .activities
                            .iter()
                            .map(|c| {
                                data.activities
                                    .iter()
                                    .find(|a| &a.code == c)
                                    .map_or_else(|| c.to_string(), |a| a.name.clone())
                            })
                            .collect();
                        cell(ui, activities.join(", "));
                        cell(
                            ui,
                            s.keeps_for
                                .map_or_else(|| "not limited".to_owned(), |p| p.to_string()),
                        );
                        ui.horizontal(|ui| {
                            ui.add_enabled_ui(may_edit, |ui| {
                                if ui
                                    .button("Edit")
                                    .on_hover_text(format!("Edit {}", s.name))
                                    .on_disabled_hover_text(why_not)
                                    .clicked()
                                {
                                    self.editor = Some(SystemForm::edit(s));
                                }
                                if ui
                                    .button("Remove…")
                                    .on_disabled_hover_text(why_not)
                                    .clicked()
                                {
                                    self.removing = Some(s.code.clone());
                                }
                                for (up, text, may) in
                                    [(true, "Up", i > 0), (false, "Down", i + 1 < n)]
                                {
                                    if ui
                                        .add_enabled(may, egui::Button::new(text).small())
                                        .on_hover_text(format!(
                                            "Move {} {}",
                                            s.name,
                                            text.to_lowercase()
                                        ))
                                        .clicked()
                                    {
                                        command =
                                            Some(Command::Records(RecordsCommand::MoveSystem {
                                                code: s.code.clone(),
                                                up,
                                            }));
                                    }
                                }
                            });
                        });
                        ui.end_row();
                    }
                });
        });
        command
    }

    fn remove_confirmation(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<Command> {
        let code = self.removing.clone()?;
        let name = data
            .systems
            .iter()
            .find(|s| s.code == code)
            .map_or_else(|| code.to_string(), |s| s.name.clone());
        let mut command = None;
        let mut keep = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Remove the system “{name}” from the data inventory?"
            ));
            ui.horizontal(|ui| {
                if ui.button("Remove the system").clicked() {
                    command = Some(Command::Records(RecordsCommand::RemoveSystem(code.clone())));
                }
                keep = ui.button("Keep it").clicked();
            });
        });
        if keep || command.is_some() {
            self.removing = None;
        }
        command
    }
}
