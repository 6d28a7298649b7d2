//! Records → Activities: the record of processing activities as a table (name, purposes, data
//! categories, vendors), the order, adding, editing and removing an activity.

use egui::{Grid, Ui};

use crate::domain::records::RecordCode;
use crate::gui::Command;
use crate::gui::records_command::RecordsCommand;
use crate::gui::widgets::hint;

use super::records::{RecordsData, gated};
use super::records_activity_form::{ActivityForm, FormAction};
use super::retention::{cell, wide};

/// The Activities tab's state.
#[derive(Debug, Default)]
pub struct ActivitiesTab {
    editor: Option<ActivityForm>,
    removing: Option<RecordCode>,
    /// An activity to open once the data is there (from elsewhere in the window).
    opening: Option<String>,
}

/// Names for codes, comma-separated (the code where there is no name).
fn named<T: PartialEq + std::fmt::Display>(codes: &[T], choices: &[(T, String)]) -> String {
    codes
        .iter()
        .map(|c| {
            choices
                .iter()
                .find(|(k, _)| k == c)
                .map_or_else(|| c.to_string(), |(_, n)| n.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl ActivitiesTab {
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

    /// Opens the editor on the activity `code` when the tab is next drawn.
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
            && let Some(a) = data.activities.iter().find(|a| a.code.as_str() == code)
        {
            self.editor = Some(ActivityForm::edit(a));
        }
        let mut command = None;
        hint(
            ui,
            "One entry per processing activity, with what Art. 30(1)(a)–(g) asks for. The controller and DPO come from the organisation profile (Settings).",
        );
        if gated(ui, may_edit, "New activity…", why_not) {
            self.editor = Some(ActivityForm::new_activity());
        }
        if data.activities.is_empty() {
            ui.label("No processing activities recorded yet. Start with what you do most: sending the newsletter, selling in the shop, paying staff.");
        } else {
            command = self.table(ui, data, may_edit, why_not);
        }
        if let Some(c) = self.remove_confirmation(ui, data) {
            command = Some(c);
        }
        if let Some(editor) = self.editor.as_mut() {
            ui.add_space(6.0);
            match editor.ui(ui, data) {
                Some(FormAction::Save(activity)) => {
                    let new = editor.code().is_none();
                    command = Some(Command::Records(RecordsCommand::SaveActivity {
                        activity: Box::new(activity),
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
        let categories: Vec<_> = data
            .taxonomy
            .categories()
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect();
        let n = data.activities.len();
        wide(ui, "records-activities-wide", |ui| {
            Grid::new("records-activities")
                .num_columns(5)
                .striped(true)
                .spacing([16.0, 4.0])
                .max_col_width(200.0)
                .show(ui, |ui| {
                    for t in ["Activity", "Purposes", "Personal data", "Vendors", ""] {
                        ui.strong(t);
                    }
                    ui.end_row();
                    for (i, a) in data.activities.iter().enumerate() {
                        cell(ui, &a.name);
                        cell(ui, named(&a.purposes, &data.purposes));
                        cell(ui, named(&a.data_categories, &categories));
                        cell(ui, named(&a.vendors, &data.vendors));
                        ui.horizontal(|ui| {
                            ui.add_enabled_ui(may_edit, |ui| {
                                if ui
                                    .button("Edit")
                                    .on_hover_text(format!("Edit {}", a.name))
                                    .on_disabled_hover_text(why_not)
                                    .clicked()
                                {
                                    self.editor = Some(ActivityForm::edit(a));
                                }
                                if ui
                                    .button("Remove…")
                                    .on_disabled_hover_text(why_not)
                                    .clicked()
                                {
                                    self.removing = Some(a.code.clone());
                                }
                                for (up, text, may) in
                                    [(true, "Up", i > 0), (false, "Down", i + 1 < n)]
                                {
                                    if ui
                                        .add_enabled(may, egui::Button::new(text).small())
                                        .on_hover_text(format!(
                                            "Move {} {}",
                                            a.name,
                                            text.to_lowercase()
                                        ))
                                        .clicked()
                                    {
                                        command =
                                            Some(Command::Records(RecordsCommand::MoveActivity {
                                                code: a.code.clone(),
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
            .activities
            .iter()
            .find(|a| a.code == code)
            .map_or_else(|| code.to_string(), |a| a.name.clone());
        let mut command = None;
        let mut keep = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Remove the activity “{name}” from the record of processing? Systems that serve it must be changed first."
            ));
            ui.horizontal(|ui| {
                if ui.button("Remove the activity").clicked() {
                    command = Some(Command::Records(RecordsCommand::RemoveActivity(
                        code.clone(),
                    )));
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
