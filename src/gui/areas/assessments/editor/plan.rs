//! The Action plan tab: the measures decided, each with its owner, due date and status, and
//! the risks it reduces; overdue ones are marked.

use chrono::NaiveDate;
use egui::{ComboBox, RichText, Ui};

use crate::domain::assessment::{Measure, MeasureStatus};
use crate::gui::Command;
use crate::gui::areas::assessments::editor::AssessmentEditor;
use crate::gui::widgets::{hint, section};

/// Draws the tab.
pub fn plan_ui(ui: &mut Ui, editor: &mut AssessmentEditor, editable: bool) -> Option<Command> {
    hint(
        ui,
        "Each measure reduces one or more risks. Give it an owner and a due date: measures past their date show on the Dashboard until they are done.",
    );
    let today = editor.today();
    let risk_ids: Vec<(String, String)> = editor
        .assessment
        .risks
        .iter()
        .map(|r| (r.id.clone(), r.title.clone()))
        .collect();
    let mut remove = None;
    for (i, m) in editor.assessment.measures.iter_mut().enumerate() {
        ui.push_id(("measure", i), |ui| {
            let heading = if m.is_overdue(today) {
                RichText::new(format!("{} {} — overdue", m.id, m.title))
                    .color(ui.visuals().error_fg_color)
            } else {
                RichText::new(format!("{} {}", m.id, m.title))
            };
            section(ui, "");
            ui.label(heading.strong());
            ui.add_enabled_ui(editable, |ui| {
                let l = ui.label(format!("What {} is", m.id));
                ui.text_edit_singleline(&mut m.title).labelled_by(l.id);
                let l = ui.label(format!("Details of {}", m.id));
                ui.add(
                    egui::TextEdit::multiline(&mut m.description)
                        .desired_rows(2)
                        .desired_width(520.0),
                )
                .labelled_by(l.id);
                ui.horizontal(|ui| {
                    let l = ui.label(format!("Owner of {}", m.id));
                    ui.text_edit_singleline(&mut m.owner).labelled_by(l.id);
                    let l = ui.label(format!("Due date of {} (YYYY-MM-DD)", m.id));
                    let mut due = m.due_on.map(|d| d.to_string()).unwrap_or_default();
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut due).desired_width(100.0))
                        .labelled_by(l.id);
                    if r.changed() {
                        m.due_on = NaiveDate::parse_from_str(due.trim(), "%Y-%m-%d").ok();
                    }
                    let l = ui.label(format!("Status of {}", m.id));
                    ComboBox::from_id_salt(("measure-status", i))
                        .selected_text(m.status.label())
                        .show_ui(ui, |ui| {
                            for s in MeasureStatus::ALL {
                                ui.selectable_value(&mut m.status, s, s.label());
                            }
                        })
                        .response
                        .labelled_by(l.id);
                });
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{} reduces:", m.id));
                    for (id, title) in &risk_ids {
                        let mut on = m.risks.contains(id);
                        if ui
                            .checkbox(&mut on, format!("{id} {title} ({})", m.id))
                            .changed()
                        {
                            if on {
                                m.risks.push(id.clone());
                            } else {
                                m.risks.retain(|r| r != id);
                            }
                        }
                    }
                });
                if editable && ui.button(format!("Remove {}", m.id)).clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        editor.assessment.measures.remove(i);
    }
    if editable && ui.button("Add a measure").clicked() {
        let n = (1..)
            .find(|n| {
                !editor
                    .assessment
                    .measures
                    .iter()
                    .any(|m| m.id == format!("M{n}"))
            })
            .unwrap_or(1);
        editor.assessment.measures.push(Measure {
            id: format!("M{n}"),
            title: "New measure".into(),
            description: String::new(),
            owner: String::new(),
            due_on: None,
            status: MeasureStatus::Planned,
            risks: Vec::new(),
        });
    }
    if editor.assessment.measures.is_empty() {
        ui.label("No measures yet.");
    }
    None
}
