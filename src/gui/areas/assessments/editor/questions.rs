//! The Questions tab: the template's sections down the side with their progress, and the
//! section's questions with the guidance beside each, answered with the widget its kind needs.

use egui::{RichText, Ui};

use crate::domain::assessment::progress::progress;
use crate::domain::assessment::{Answer, Question, QuestionKind};
use crate::gui::areas::assessments::editor::AssessmentEditor;
use crate::gui::widgets::hint;

/// Draws the tab; edits the working copy when `editable`.
pub fn questions_ui(ui: &mut Ui, editor: &mut AssessmentEditor, editable: bool) {
    let sections = progress(&editor.assessment, &editor.template);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(240.0);
            for (i, (s, p)) in editor.template.sections.iter().zip(&sections).enumerate() {
                let done = p.answered == p.total;
                let text = format!("{}  ({}/{})", s.title, p.answered, p.total);
                let text = if done {
                    RichText::new(text).strong()
                } else {
                    RichText::new(text)
                };
                if ui.selectable_label(editor.section == i, text).clicked() {
                    editor.section = i;
                }
                ui.add(
                    egui::ProgressBar::new(if p.total == 0 {
                        1.0
                    } else {
                        p.answered as f32 / p.total as f32
                    })
                    .desired_width(220.0),
                );
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            let Some(section) = editor.template.sections.get(editor.section).cloned() else {
                return;
            };
            ui.heading(&section.title);
            if !section.guidance.is_empty() {
                hint(ui, &section.guidance);
            }
            for q in &section.questions {
                ui.add_space(10.0);
                question_ui(ui, q, &mut editor.assessment.answers, editable);
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if editor.section > 0 && ui.button("Previous section").clicked() {
                    editor.section -= 1;
                }
                if editor.section + 1 < editor.template.sections.len()
                    && ui.button("Next section").clicked()
                {
                    editor.section += 1;
                }
            });
        });
    });
}

/// One question: its text, the answer widget, and the guidance beside it, or below it when
/// the window is too narrow for both side by side.
fn question_ui(
    ui: &mut Ui,
    q: &Question,
    answers: &mut std::collections::BTreeMap<String, Answer>,
    editable: bool,
) {
    let beside = ui.available_width() >= 460.0 + 320.0 + ui.spacing().item_spacing.x;
    let layout = if beside {
        egui::Layout::left_to_right(egui::Align::Min)
    } else {
        egui::Layout::top_down(egui::Align::Min)
    };
    ui.with_layout(layout, |ui| {
        ui.vertical(|ui| {
            ui.set_width(460.0);
            let label = ui.label(RichText::new(&q.text).strong());
            ui.add_enabled_ui(editable, |ui| answer_widget(ui, q, answers, label.id));
        });
        if !q.guidance.is_empty() {
            ui.vertical(|ui| {
                ui.set_width(320.0);
                hint(ui, &q.guidance);
            });
        }
    });
}

fn answer_widget(
    ui: &mut Ui,
    q: &Question,
    answers: &mut std::collections::BTreeMap<String, Answer>,
    label: egui::Id,
) {
    match &q.kind {
        QuestionKind::Text => {
            let mut text = match answers.get(&q.id) {
                Some(Answer::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut text)
                        .desired_rows(3)
                        .desired_width(450.0),
                )
                .labelled_by(label);
            if r.changed() {
                answers.insert(q.id.clone(), Answer::Text(text));
            }
        }
        QuestionKind::YesNo => {
            let current = match answers.get(&q.id) {
                Some(Answer::YesNo(b)) => Some(*b),
                _ => None,
            };
            ui.horizontal(|ui| {
                for (value, words) in [(true, "Yes"), (false, "No")] {
                    if ui.radio(current == Some(value), words).clicked() {
                        answers.insert(q.id.clone(), Answer::YesNo(value));
                    }
                }
            });
        }
        QuestionKind::SingleChoice { options } => {
            let current = match answers.get(&q.id) {
                Some(Answer::Choice(c)) => c.clone(),
                _ => String::new(),
            };
            for option in options {
                if ui.radio(&current == option, option).clicked() {
                    answers.insert(q.id.clone(), Answer::Choice(option.clone()));
                }
            }
        }
        QuestionKind::MultipleChoice { options: list }
        | QuestionKind::Checklist { items: list } => {
            let mut ticked = match answers.get(&q.id) {
                Some(Answer::Choices(c)) => c.clone(),
                _ => Vec::new(),
            };
            let mut changed = false;
            for item in list {
                let mut on = ticked.contains(item);
                if ui.checkbox(&mut on, item).changed() {
                    changed = true;
                    if on {
                        ticked.push(item.clone());
                    } else {
                        ticked.retain(|t| t != item);
                    }
                }
            }
            if changed {
                // Keep the template's order.
                ticked.sort_by_key(|t| list.iter().position(|i| i == t));
                answers.insert(q.id.clone(), Answer::Choices(ticked));
            }
        }
    }
}
