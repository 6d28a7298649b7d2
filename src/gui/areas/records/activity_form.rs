//! The activity editor: every point of GDPR Art. 30(1) for one processing activity — purposes
//! from the catalogue, categories of data subjects, data categories from the taxonomy (with the
//! Art. 9(2) condition when a special category is picked), recipients inside and vendors,
//! transfers with their safeguard, retention rules and a note, security measures and a note.
//! The service checks the links; its message, which names the field, is shown under the form.

use egui::{RichText, Ui};

use crate::domain::records::{Activity, Art9Condition, RecordCode, Transfer, TransferSafeguard};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint, text_area, text_field};

use crate::gui::areas::records::RecordsData;
use crate::gui::areas::records::pickers::{category_picker, checkboxes, combo, part, split_list};

/// What an editor asks for.
#[derive(Debug)]
pub enum FormAction<T> {
    /// Save this record.
    Save(T),
    /// Close the editor without saving.
    Close,
}

/// The activity editor's state.
#[derive(Debug)]
pub struct ActivityForm {
    new: bool,
    activity: Activity,
    subjects: String,
    internal: String,
    problem: FieldError,
}

impl ActivityForm {
    /// An empty activity.
    pub fn new_activity() -> Self {
        Self::with(Activity::named(""), true)
    }

    /// The fields of an existing activity (its code stays: other records refer to it).
    pub fn edit(activity: &Activity) -> Self {
        Self::with(activity.clone(), false)
    }

    fn with(activity: Activity, new: bool) -> Self {
        Self {
            new,
            subjects: activity.subject_categories.join(", "),
            internal: activity.internal_recipients.join(", "),
            activity,
            problem: FieldError::default(),
        }
    }

    /// The code of the activity being edited (none for a new one).
    pub fn code(&self) -> Option<&RecordCode> {
        (!self.new).then_some(&self.activity.code)
    }

    /// Shows the service's problem with the activity.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the editor.
    pub fn ui(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<FormAction<Activity>> {
        let mut action = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(if self.new {
                    "New processing activity"
                } else {
                    "Edit the processing activity"
                })
                .strong(),
            );
            text_field(ui, "Activity name", &mut self.activity.name);
            if self.new {
                if !self.activity.name.trim().is_empty() {
                    hint(
                        ui,
                        &format!(
                            "Code: {} (made from the name; it stays once saved)",
                            RecordCode::from_name(&self.activity.name)
                        ),
                    );
                }
            } else {
                hint(ui, &format!("Code: {}", self.activity.code));
            }
            text_area(ui, "Description", &mut self.activity.description);
            self.parts(ui, data);
            let inputs = fingerprint(&*self);
            self.problem.show(ui, inputs, "");
            ui.horizontal(|ui| {
                if ui.button("Save the activity").clicked() {
                    action = Some(FormAction::Save(self.build()));
                }
                if ui.button("Close the editor").clicked() {
                    action = Some(FormAction::Close);
                }
            });
        });
        action
    }

    fn parts(&mut self, ui: &mut Ui, data: &RecordsData) {
        let a = &mut self.activity;
        part(ui, "(b) Purposes");
        checkboxes(
            ui,
            &data.purposes,
            &mut a.purposes,
            "The purpose catalogue is empty (Subjects & consent, Purposes tab).",
        );
        part(ui, "(c) Data subjects and personal data");
        text_field(
            ui,
            "Categories of data subjects (comma-separated)",
            &mut self.subjects,
        );
        hint(ui, "For example: customers, newsletter subscribers, staff.");
        ui.label("Categories of personal data");
        category_picker(ui, &data.taxonomy, &mut a.data_categories);
        let special = a
            .data_categories
            .iter()
            .any(|c| data.taxonomy.special(c).is_some());
        if special || a.art9_condition.is_some() {
            let selected = a
                .art9_condition
                .map_or("None recorded yet", Art9Condition::label);
            combo(
                ui,
                "Condition for special categories (Art. 9(2) or Art. 10)",
                "activity-art9",
                selected,
                |ui| {
                    ui.selectable_value(&mut a.art9_condition, None, "None recorded yet");
                    for c in Art9Condition::ALL {
                        ui.selectable_value(&mut a.art9_condition, Some(c), c.label());
                    }
                },
            );
            if special && a.art9_condition.is_none() {
                hint(
                    ui,
                    "A special category may only be processed under one of the conditions of Art. 9(2); the minimisation review flags it until one is recorded.",
                );
            }
        }
        part(ui, "(d) Recipients");
        text_field(
            ui,
            "Recipients inside the organisation (comma-separated)",
            &mut self.internal,
        );
        hint(ui, "Teams or roles, e.g. marketing, accounts.");
        ui.label("Vendors");
        checkboxes(
            ui,
            &data.vendors,
            &mut a.vendors,
            "No vendors in the vendor register yet (Vendors area).",
        );
        part(ui, "(e) Transfers to third countries");
        transfers(ui, &mut a.transfers);
        part(ui, "(f) Time limits for erasure");
        checkboxes(
            ui,
            &data.rules,
            &mut a.retention_rules,
            "No retention rules yet (Retention area).",
        );
        text_area(
            ui,
            "Time limits not covered by a rule",
            &mut a.retention_note,
        );
        part(ui, "(g) Security measures");
        checkboxes(
            ui,
            &data.measures,
            &mut a.security_measures,
            "No security measures recorded yet (Security area).",
        );
        text_area(ui, "Security measures in words", &mut a.security_note);
    }

    fn build(&mut self) -> Activity {
        let mut a = self.activity.clone();
        if self.new {
            a.code = RecordCode::from_name(&a.name);
        }
        a.subject_categories = split_list(&self.subjects);
        a.internal_recipients = split_list(&self.internal);
        a
    }
}

/// The transfers as rows: country, safeguard, note, remove; then "Add a transfer".
fn transfers(ui: &mut Ui, rows: &mut Vec<Transfer>) {
    let mut remove = None;
    for (i, t) in rows.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(format!("Country (transfer {n})"));
            ui.add(egui::TextEdit::singleline(&mut t.country).desired_width(140.0))
                .labelled_by(label.id);
            combo(
                ui,
                &format!("Safeguard (transfer {n})"),
                ("activity-transfer", i),
                t.safeguard.label(),
                |ui| {
                    for s in TransferSafeguard::ALL {
                        ui.selectable_value(&mut t.safeguard, s, s.label());
                    }
                },
            );
        });
        ui.horizontal(|ui| {
            let label = ui.label(format!("Note (transfer {n})"));
            ui.add(egui::TextEdit::singleline(&mut t.note).desired_width(FIELD_WIDTH))
                .labelled_by(label.id);
            if ui.button(format!("Remove transfer {n}")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        rows.remove(i);
    }
    if rows.is_empty() {
        hint(ui, "None: the data stays in the EEA (or the UK).");
    }
    if ui.button("Add a transfer").clicked() {
        rows.push(Transfer {
            country: String::new(),
            safeguard: TransferSafeguard::StandardContractualClauses,
            note: String::new(),
        });
    }
}
