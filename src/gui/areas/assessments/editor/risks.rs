//! The Risks tab: the register (each risk's sources, threats, impacts, and its severity and
//! likelihood before and after the measures) and the risk map, a coloured severity ×
//! likelihood grid with each risk where its current score puts it.

use egui::{Color32, ComboBox, RichText, Ui};

use crate::domain::assessment::risk::risk_map;
use crate::domain::assessment::{Assessment, Level, Risk, RiskKind, Score};
use crate::gui::areas::assessments::editor::AssessmentEditor;
use crate::gui::widgets::{hint, section};

/// The levels picked for each risk: severity and likelihood before, then after. A score is
/// written to the risk only when both of its levels are picked.
#[derive(Debug, Default)]
pub struct RiskLevels(Vec<[Option<Level>; 4]>);

impl RiskLevels {
    /// The levels of `assessment`'s risks.
    pub fn of(assessment: &Assessment) -> Self {
        Self(
            assessment
                .risks
                .iter()
                .map(|r| {
                    [
                        r.before.map(|s| s.severity),
                        r.before.map(|s| s.likelihood),
                        r.after.map(|s| s.severity),
                        r.after.map(|s| s.likelihood),
                    ]
                })
                .collect(),
        )
    }

    /// Writes the complete pairs back to the risks.
    pub fn write_back(&mut self, assessment: &mut Assessment) {
        self.0.resize(assessment.risks.len(), [None; 4]);
        for (risk, l) in assessment.risks.iter_mut().zip(&self.0) {
            let pair = |s: Option<Level>, k: Option<Level>| match (s, k) {
                (Some(severity), Some(likelihood)) => Some(Score {
                    severity,
                    likelihood,
                }),
                _ => None,
            };
            risk.before = pair(l[0], l[1]);
            risk.after = pair(l[2], l[3]);
        }
    }
}

fn level_combo(ui: &mut Ui, id: (&str, usize, usize), label: &str, value: &mut Option<Level>) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ComboBox::from_id_salt(id)
            .selected_text(value.map_or("Not scored", Level::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, "Not scored");
                for level in Level::ALL {
                    ui.selectable_value(value, Some(level), level.label());
                }
            })
            .response
            .labelled_by(l.id);
    });
}

fn text(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(2)
            .desired_width(520.0),
    )
    .labelled_by(l.id);
}

/// Draws the tab.
pub fn risks_ui(ui: &mut Ui, editor: &mut AssessmentEditor, editable: bool) {
    hint(
        ui,
        "For each feared event, say where it could come from, what it would mean for the people, and how severe and how likely it is — first with the measures in place today, then once the action plan is done. Severity: negligible, limited, significant, maximum (the impact on the people). Likelihood: the same four levels.",
    );
    map_ui(ui, &editor.assessment.risks);
    ui.add_space(8.0);
    let mut remove = None;
    let levels = &mut editor.levels.0;
    levels.resize(editor.assessment.risks.len(), [None; 4]);
    for (i, (risk, l)) in editor
        .assessment
        .risks
        .iter_mut()
        .zip(levels.iter_mut())
        .enumerate()
    {
        ui.push_id(i, |ui| {
            ui.add_enabled_ui(editable, |ui| {
                section(ui, &format!("{} {}", risk.id, risk.title));
                if risk.kind == RiskKind::Custom {
                    let t = ui.label(format!("Title of {}", risk.id));
                    ui.text_edit_singleline(&mut risk.title).labelled_by(t.id);
                }
                text(
                    ui,
                    &format!("Sources of {} (who or what could cause it)", risk.id),
                    &mut risk.sources,
                );
                text(
                    ui,
                    &format!("Threats of {} (how it could happen)", risk.id),
                    &mut risk.threats,
                );
                text(
                    ui,
                    &format!("Impacts of {} on the people", risk.id),
                    &mut risk.impacts,
                );
                ui.horizontal(|ui| {
                    level_combo(
                        ui,
                        ("sev-before", i, 0),
                        &format!("{} severity before", risk.id),
                        &mut l[0],
                    );
                    level_combo(
                        ui,
                        ("lik-before", i, 1),
                        &format!("{} likelihood before", risk.id),
                        &mut l[1],
                    );
                });
                ui.horizontal(|ui| {
                    level_combo(
                        ui,
                        ("sev-after", i, 2),
                        &format!("{} severity after the measures", risk.id),
                        &mut l[2],
                    );
                    level_combo(
                        ui,
                        ("lik-after", i, 3),
                        &format!("{} likelihood after the measures", risk.id),
                        &mut l[3],
                    );
                });
                if risk.kind == RiskKind::Custom
                    && ui.button(format!("Remove {}", risk.id)).clicked()
                {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        editor.assessment.risks.remove(i);
        levels.remove(i);
    }
    if editable && ui.button("Add a risk").clicked() {
        let n = (1..)
            .find(|n| {
                !editor
                    .assessment
                    .risks
                    .iter()
                    .any(|r| r.id == format!("R{n}"))
            })
            .unwrap_or(1);
        editor.assessment.risks.push(Risk {
            id: format!("R{n}"),
            kind: RiskKind::Custom,
            title: "Other risk".into(),
            sources: String::new(),
            threats: String::new(),
            impacts: String::new(),
            before: None,
            after: None,
        });
        levels.push([None; 4]);
    }
}

/// The coloured map: severity from maximum (top) to negligible, likelihood from negligible
/// (left) to maximum.
fn map_ui(ui: &mut Ui, risks: &[Risk]) {
    ui.label(RichText::new("Risk map (after the measures where assessed)").strong());
    let dark = ui.visuals().dark_mode;
    egui::Grid::new("risk-map")
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Severity (rows), likelihood (columns)").weak());
            for l in Level::ALL {
                ui.label(l.label());
            }
            ui.end_row();
            for (row, severity) in risk_map(risks).into_iter().zip(Level::ALL.iter().rev()) {
                ui.label(severity.label());
                for (score, ids) in row {
                    let [r, g, b] = score.band().colour();
                    egui::Frame::new()
                        .fill(Color32::from_rgb(r, g, b))
                        .inner_margin(6.0)
                        .show(ui, |ui| {
                            ui.set_min_size(egui::vec2(96.0, 34.0));
                            let text = if ids.is_empty() {
                                " ".to_owned()
                            } else {
                                ids.join(" ")
                            };
                            let colour = if dark {
                                Color32::BLACK
                            } else {
                                Color32::from_gray(20)
                            };
                            ui.label(RichText::new(text).strong().color(colour))
                                .on_hover_text(format!(
                                    "{} severity, {} likelihood: {}",
                                    score.severity.label(),
                                    score.likelihood.label(),
                                    score.band().label()
                                ));
                        });
                }
                ui.end_row();
            }
        });
}
