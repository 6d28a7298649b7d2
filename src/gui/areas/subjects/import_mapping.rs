//! The import wizard's column mapping editor (issue 20, item 3): one drop-down per column of
//! the file saying which field it fills, left to its name, or left out; the choices can be
//! saved by name in the store and are offered again for a file with the same columns. No TOML
//! file is needed: the editor builds the mapping the generic preset reads.

use egui::{ComboBox, Grid, TextEdit, Ui};

use crate::domain::import::{GenericField, Mapping};
use crate::gui::widgets::{FIELD_WIDTH, hint};
use crate::services::SavedImportMapping;

/// What one column is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnChoice {
    /// As its name says (a column named `email` fills email; an unknown name is left out
    /// with a warning).
    ByName,
    /// The field it fills.
    Field(GenericField),
    /// Left out on purpose, without a warning.
    LeaveOut,
}

/// The field's name as the officer reads it.
fn field_label(f: GenericField) -> &'static str {
    match f {
        GenericField::Email => "Email address",
        GenericField::Name => "Full name",
        GenericField::FirstName => "First name",
        GenericField::LastName => "Last name",
        GenericField::Phone => "Phone number",
        GenericField::Purpose => "Purpose code",
        GenericField::State => "Consent state (given / withdrawn)",
        GenericField::Timestamp => "When consent was given or withdrawn",
        GenericField::Channel => "Channel",
        GenericField::NoticeVersion => "Notice version",
        GenericField::Evidence => "Evidence",
        GenericField::RecordedOn => "Day the data was collected",
        GenericField::CustomerSince => "Customer since",
    }
}

fn choice_label(c: ColumnChoice) -> &'static str {
    match c {
        ColumnChoice::ByName => "By its name",
        ColumnChoice::Field(f) => field_label(f),
        ColumnChoice::LeaveOut => "Leave out",
    }
}

/// What the officer did in the editor this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditorEvent {
    /// A choice changed: the preview should be read again.
    Changed,
    /// Save the mapping under this name.
    Save(String, Mapping),
    /// Something is wrong with what was asked (shown by the wizard).
    Problem(String),
}

/// The editor's state: the file's columns with their choices and the saved mappings.
#[derive(Debug, Default)]
pub struct MappingEditor {
    columns: Vec<(String, ColumnChoice)>,
    saved: Vec<SavedImportMapping>,
    /// The saved mapping loaded last (offered under its name when saving).
    loaded: Option<String>,
    name: String,
    /// Whether the editor is open (it opens itself when no preset knows the file).
    pub open: bool,
}

impl MappingEditor {
    /// A new file's header: every column read by its name, and the saved mappings.
    pub fn set_header(&mut self, header: &[String], saved: Vec<SavedImportMapping>) {
        self.columns = header
            .iter()
            .map(|h| (h.trim().to_owned(), ColumnChoice::ByName))
            .collect();
        self.saved = saved;
        self.loaded = None;
    }

    /// The saved mappings were read again (after a save).
    pub fn set_saved(&mut self, saved: Vec<SavedImportMapping>) {
        self.saved = saved;
    }

    /// Sets each column's choice from the saved mapping `name`. Returns whether it was found.
    pub fn load(&mut self, name: &str) -> bool {
        let Some(m) = self.saved.iter().find(|m| m.name == name) else {
            return false;
        };
        for (column, choice) in &mut self.columns {
            *choice = match m.mapping.choice_for(column) {
                Some(Some(f)) => ColumnChoice::Field(f),
                Some(None) => ColumnChoice::LeaveOut,
                None => ColumnChoice::ByName,
            };
        }
        self.loaded = Some(m.name.clone());
        self.name = m.name.clone();
        true
    }

    /// The columns and their choices, in file order.
    #[cfg(test)]
    pub fn columns(&self) -> &[(String, ColumnChoice)] {
        &self.columns
    }

    /// The mapping the choices make: `None` when every column is read by its name.
    pub fn mapping(&self) -> Result<Option<Mapping>, String> {
        let chosen: Vec<(&str, Option<GenericField>)> = self
            .columns
            .iter()
            .filter_map(|(column, choice)| match choice {
                ColumnChoice::ByName => None,
                ColumnChoice::Field(f) => Some((column.as_str(), Some(*f))),
                ColumnChoice::LeaveOut => Some((column.as_str(), None)),
            })
            .collect();
        if chosen.is_empty() {
            return Ok(None);
        }
        Mapping::from_choices(chosen).map(Some)
    }

    /// Draws the editor. `first_row` is the preview's first row (the example beside each
    /// column), when there is a preview.
    pub fn ui(&mut self, ui: &mut Ui, first_row: Option<&[String]>) -> Option<EditorEvent> {
        let mut event = None;
        if self.columns.is_empty() {
            return None;
        }
        let header = egui::CollapsingHeader::new("Map the columns yourself")
            .id_salt("import-mapping-editor")
            .open(self.open.then_some(true))
            .show(ui, |ui| {
                hint(
                    ui,
                    "Say which field each column of the file fills. “By its name” reads a column named like a field (email, name, purpose…); “Leave out” skips a column without a warning. The preview below follows your choices.",
                );
                if !self.saved.is_empty() {
                    let label = ui.label("Saved mapping");
                    let mut picked = None;
                    ComboBox::from_id_salt("import-saved-mapping")
                        .selected_text(self.loaded.as_deref().unwrap_or("Choose a saved mapping…"))
                        .width(FIELD_WIDTH)
                        .show_ui(ui, |ui| {
                            for m in &self.saved {
                                if ui
                                    .selectable_label(self.loaded.as_ref() == Some(&m.name), &m.name)
                                    .clicked()
                                {
                                    picked = Some(m.name.clone());
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if let Some(name) = picked
                        && self.load(&name)
                    {
                        event = Some(EditorEvent::Changed);
                    }
                }
                Grid::new("import-mapping-choices")
                    .num_columns(3)
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        ui.strong("Column of the file");
                        ui.strong("Fills");
                        ui.strong("First value");
                        ui.end_row();
                        for (i, (column, choice)) in self.columns.iter_mut().enumerate() {
                            let label = ui.label(column.as_str());
                            let before = *choice;
                            ComboBox::from_id_salt(("import-column-choice", i))
                                .selected_text(choice_label(*choice))
                                .width(260.0)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(
                                        choice,
                                        ColumnChoice::ByName,
                                        choice_label(ColumnChoice::ByName),
                                    );
                                    for f in GenericField::ALL {
                                        ui.selectable_value(
                                            choice,
                                            ColumnChoice::Field(f),
                                            field_label(f),
                                        );
                                    }
                                    ui.selectable_value(
                                        choice,
                                        ColumnChoice::LeaveOut,
                                        choice_label(ColumnChoice::LeaveOut),
                                    );
                                })
                                .response
                                .labelled_by(label.id);
                            if *choice != before {
                                event = Some(EditorEvent::Changed);
                            }
                            let example = first_row.and_then(|r| r.get(i)).map_or("", String::as_str);
                            ui.add(egui::Label::new(example).truncate());
                            ui.end_row();
                        }
                    });
                ui.horizontal(|ui| {
                    let label = ui.label("Save this mapping as");
                    ui.add(TextEdit::singleline(&mut self.name).desired_width(240.0))
                        .labelled_by(label.id);
                    if ui.button("Save mapping").clicked() {
                        event = Some(match self.mapping() {
                            Ok(Some(m)) => EditorEvent::Save(self.name.clone(), m),
                            Ok(None) => EditorEvent::Problem(
                                "Choose a field (or “Leave out”) for at least one column before saving the mapping.".into(),
                            ),
                            Err(p) => EditorEvent::Problem(p),
                        });
                    }
                });
            });
        if header.header_response.clicked() {
            self.open = !self.open;
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(name: &str, toml: &str) -> SavedImportMapping {
        SavedImportMapping {
            name: name.into(),
            mapping: Mapping::parse(toml, name).unwrap(),
            saved_at: chrono::Utc::now(),
            saved_by: "owner".into(),
        }
    }

    #[test]
    fn choices_make_the_mapping_and_a_saved_one_sets_them() {
        let mut e = MappingEditor::default();
        e.set_header(
            &["E-Mail".into(), "Vorname".into(), "Intern".into(), "email2".into()],
            vec![saved(
                "Shop",
                "[columns]\n\"e-mail\" = \"email\"\n\"vorname\" = \"first_name\"\n\"intern\" = \"ignore\"\n",
            )],
        );
        assert_eq!(e.mapping(), Ok(None));
        assert!(e.load("Shop"));
        assert!(!e.load("Other"));
        assert_eq!(
            e.columns().iter().map(|(_, c)| *c).collect::<Vec<_>>(),
            [
                ColumnChoice::Field(GenericField::Email),
                ColumnChoice::Field(GenericField::FirstName),
                ColumnChoice::LeaveOut,
                ColumnChoice::ByName,
            ]
        );
        let m = e.mapping().unwrap().unwrap();
        assert_eq!(m.choice_for("E-MAIL"), Some(Some(GenericField::Email)));
        assert_eq!(m.choice_for("Intern"), Some(None));
        assert_eq!(m.choice_for("email2"), None);
    }

    #[test]
    fn every_field_has_a_label() {
        let labels: std::collections::BTreeSet<&str> =
            GenericField::ALL.into_iter().map(field_label).collect();
        assert_eq!(labels.len(), GenericField::ALL.len());
    }
}
