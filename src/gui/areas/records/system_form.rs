//! The system editor: what the system is, where the data is, who runs it, which categories it
//! holds for which activities, and how long it keeps them.

use egui::{RichText, Ui};

use crate::domain::records::{DataSystem, RecordCode, SystemKind};
use crate::domain::retention::{Period, PeriodUnit};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, text_area, text_field};

use crate::gui::areas::records::RecordsData;
use crate::gui::areas::records::activity_form::FormAction;
use crate::gui::areas::records::pickers::{category_picker, checkboxes, combo, part};

/// The system editor's state.
#[derive(Debug)]
pub struct SystemForm {
    new: bool,
    system: DataSystem,
    limited: bool,
    amount: String,
    unit: PeriodUnit,
    problem: FieldError,
}

fn unit_label(unit: PeriodUnit) -> &'static str {
    match unit {
        PeriodUnit::Days => "days",
        PeriodUnit::Months => "months",
        PeriodUnit::Years => "years",
    }
}

impl SystemForm {
    /// An empty system.
    pub fn new_system() -> Self {
        Self::with(
            DataSystem {
                code: RecordCode::from_name("system"),
                name: String::new(),
                kind: SystemKind::Other,
                location: String::new(),
                vendor: None,
                data_categories: Vec::new(),
                activities: Vec::new(),
                holds_register: false,
                keeps_for: None,
                notes: String::new(),
            },
            true,
        )
    }

    /// The fields of an existing system (its code stays).
    pub fn edit(system: &DataSystem) -> Self {
        Self::with(system.clone(), false)
    }

    fn with(system: DataSystem, new: bool) -> Self {
        Self {
            new,
            limited: system.keeps_for.is_some(),
            amount: system
                .keeps_for
                .map_or_else(|| "12".to_owned(), |p| p.amount.to_string()),
            unit: system.keeps_for.map_or(PeriodUnit::Months, |p| p.unit),
            system,
            problem: FieldError::default(),
        }
    }

    /// The code of the system being edited (none for a new one).
    pub fn code(&self) -> Option<&RecordCode> {
        (!self.new).then_some(&self.system.code)
    }

    /// Shows the service's problem with the system.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the editor.
    pub fn ui(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<FormAction<DataSystem>> {
        let mut action = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(if self.new {
                    "New system"
                } else {
                    "Edit the system"
                })
                .strong(),
            );
            let s = &mut self.system;
            text_field(ui, "System name", &mut s.name);
            if !self.new {
                hint(ui, &format!("Code: {}", s.code));
            }
            combo(ui, "Kind of system", "system-kind", s.kind.label(), |ui| {
                for k in SystemKind::ALL {
                    ui.selectable_value(&mut s.kind, k, k.label());
                }
            });
            text_field(
                ui,
                "Location (hosting country or region, or the room and cabinet)",
                &mut s.location,
            );
            let vendor_name = s.vendor.as_ref().map_or_else(
                || "Nobody: run in-house".to_owned(),
                |v| {
                    data.vendors
                        .iter()
                        .find(|(c, _)| c == v)
                        .map_or_else(|| v.to_string(), |(_, n)| n.clone())
                },
            );
            combo(ui, "Run by (vendor)", "system-vendor", vendor_name, |ui| {
                ui.selectable_value(&mut s.vendor, None, "Nobody: run in-house");
                for (code, name) in &data.vendors {
                    ui.selectable_value(&mut s.vendor, Some(code.clone()), name);
                }
            });
            part(ui, "Data categories it holds");
            category_picker(ui, &data.taxonomy, &mut s.data_categories);
            part(ui, "Activities it serves");
            let activities: Vec<(RecordCode, String)> = data
                .activities
                .iter()
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect();
            checkboxes(
                ui,
                &activities,
                &mut s.activities,
                "No activities recorded yet (Activities tab).",
            );
            ui.checkbox(
                &mut s.holds_register,
                "Holds everyone in the register of data subjects (e.g. the email platform it was imported from)",
            );
            part(ui, "How long it keeps data");
            ui.checkbox(&mut self.limited, "Deletes data after a set time");
            if self.limited {
                ui.horizontal(|ui| {
                    let label = ui.label("Kept for");
                    ui.add(egui::TextEdit::singleline(&mut self.amount).desired_width(60.0))
                        .labelled_by(label.id);
                    combo(ui, "Unit", "system-unit", unit_label(self.unit), |ui| {
                        for u in [PeriodUnit::Days, PeriodUnit::Months, PeriodUnit::Years] {
                            ui.selectable_value(&mut self.unit, u, unit_label(u));
                        }
                    });
                });
            }
            text_area(ui, "Notes", &mut self.system.notes);
            let inputs = fingerprint(&*self);
            self.problem.show(ui, inputs, "");
            ui.horizontal(|ui| {
                if ui.button("Save the system").clicked() {
                    action = self.build().map(FormAction::Save);
                }
                if ui.button("Close the editor").clicked() {
                    action = Some(FormAction::Close);
                }
            });
        });
        action
    }

    /// The system as typed, or the problem with the period (the service checks the rest).
    fn build(&mut self) -> Option<DataSystem> {
        let mut s = self.system.clone();
        if self.new {
            s.code = RecordCode::from_name(&s.name);
        }
        s.keeps_for = if self.limited {
            match Period::parse(&format!("{} {}", self.amount.trim(), unit_label(self.unit))) {
                Ok(p) => Some(p),
                Err(m) => {
                    self.problem.set(format!("Kept for: {m}"));
                    return None;
                }
            }
        } else {
            None
        };
        Some(s)
    }
}
