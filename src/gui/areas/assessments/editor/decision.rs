//! The Consultation and decision tab: the DPO's opinion (GDPR Art. 35(2)), the views of the
//! people concerned or why they were not sought (Art. 35(9)), the prior consultation of the
//! authority (Art. 36, `consultation.rs`), the sign-off that freezes the version (a validation
//! refused, with the reason, while a very high residual risk has no consultation), and the
//! history of frozen versions with what changed since each.

use chrono::NaiveDate;
use egui::{ComboBox, RichText, Ui};

use crate::domain::assessment::diff::Change;
use crate::domain::assessment::{
    Assessment, AssessmentStatus, DpoOpinion, DpoRecommendation, SignOff, SubjectsViews,
};
use crate::gui::Command;
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::areas::assessments::editor::VersionRow;
use crate::gui::areas::assessments::editor::consultation::{
    ConsultationForm, consultation_ui, sign_off_blocker,
};
use crate::gui::widgets::{hint, section, text_area, text_field};

/// The three forms, filled from the assessment.
#[derive(Debug)]
pub struct DecisionForms {
    dpo_designated: bool,
    dpo_name: String,
    dpo_recommendation: DpoRecommendation,
    dpo_opinion: String,
    dpo_on: String,
    views_sought: bool,
    views_from: String,
    views: String,
    views_reason: String,
    sign_name: String,
    sign_role: String,
    sign_on: String,
    decision: AssessmentStatus,
    comment: String,
    consultation: ConsultationForm,
}

impl DecisionForms {
    /// The forms for `a`.
    pub fn of(a: &Assessment, dpo_designated: bool, today: NaiveDate) -> Self {
        let (views_sought, views_from, views, views_reason) = match &a.subjects_views {
            Some(SubjectsViews::Sought { from, views }) => {
                (true, from.clone(), views.clone(), String::new())
            }
            Some(SubjectsViews::NotSought { reason }) => {
                (false, String::new(), String::new(), reason.clone())
            }
            None => (true, String::new(), String::new(), String::new()),
        };
        Self {
            dpo_designated,
            dpo_name: a
                .dpo_opinion
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            dpo_recommendation: a
                .dpo_opinion
                .as_ref()
                .map_or(DpoRecommendation::Proceed, |o| o.recommendation),
            dpo_opinion: a
                .dpo_opinion
                .as_ref()
                .map(|o| o.opinion.clone())
                .unwrap_or_default(),
            dpo_on: a
                .dpo_opinion
                .as_ref()
                .map_or(today, |o| o.given_on)
                .to_string(),
            views_sought,
            views_from,
            views,
            views_reason,
            sign_name: a
                .sign_off
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            sign_role: a
                .sign_off
                .as_ref()
                .map(|s| s.role.clone())
                .unwrap_or_default(),
            sign_on: a
                .sign_off
                .as_ref()
                .map_or(today, |s| s.signed_on)
                .to_string(),
            decision: a
                .sign_off
                .as_ref()
                .map_or(AssessmentStatus::Validated, |s| s.decision),
            comment: a
                .sign_off
                .as_ref()
                .map(|s| s.comment.clone())
                .unwrap_or_default(),
            consultation: ConsultationForm::of(a),
        }
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Draws the tab.
pub fn decision_ui(
    ui: &mut Ui,
    a: &Assessment,
    f: &mut DecisionForms,
    may_edit: bool,
    versions: &[VersionRow],
    differences: Option<&(u32, Vec<Change>)>,
) -> Option<Command> {
    let mut command = None;
    let open = may_edit && !a.status.is_decided();
    section(ui, "Opinion of the data protection officer");
    hint(
        ui,
        if f.dpo_designated {
            "GDPR Art. 35(2): when a DPO is designated, their advice must be sought and recorded before the decision."
        } else {
            "No DPO is named in the organisation profile. If you have one, their advice must be sought (Art. 35(2)); otherwise this part is optional."
        },
    );
    ui.add_enabled_ui(open, |ui| {
        text_field(ui, "DPO's name", &mut f.dpo_name);
        ui.horizontal(|ui| {
            let l = ui.label("DPO's recommendation");
            ComboBox::from_id_salt("dpo-recommendation")
                .selected_text(f.dpo_recommendation.label())
                .show_ui(ui, |ui| {
                    for r in [
                        DpoRecommendation::Proceed,
                        DpoRecommendation::ProceedWithConditions,
                        DpoRecommendation::DoNotProceed,
                    ] {
                        ui.selectable_value(&mut f.dpo_recommendation, r, r.label());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        text_area(ui, "DPO's opinion", &mut f.dpo_opinion);
        text_field(ui, "Opinion given on (YYYY-MM-DD)", &mut f.dpo_on);
        if ui.button("Record the DPO's opinion").clicked() {
            match day(&f.dpo_on) {
                Some(given_on) => {
                    command = Some(Command::Assessment(AssessmentCommand::RecordDpoOpinion {
                        id: a.id,
                        opinion: DpoOpinion {
                            name: f.dpo_name.trim().to_owned(),
                            recommendation: f.dpo_recommendation,
                            opinion: f.dpo_opinion.trim().to_owned(),
                            given_on,
                        },
                    }))
                }
                None => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "Opinion given on: write the date as YYYY-MM-DD.",
                    );
                }
            }
        }
    });

    section(ui, "Views of the people concerned");
    hint(
        ui,
        "GDPR Art. 35(9): where appropriate, seek the views of the people (or their representatives) — a customer survey, a panel. If you did not, say why.",
    );
    ui.add_enabled_ui(open, |ui| {
        ui.horizontal(|ui| {
            ui.radio_value(&mut f.views_sought, true, "Their views were sought");
            ui.radio_value(&mut f.views_sought, false, "Their views were not sought");
        });
        if f.views_sought {
            text_field(ui, "Whose views, and how", &mut f.views_from);
            text_area(ui, "What they said", &mut f.views);
        } else {
            text_area(ui, "Why their views were not sought", &mut f.views_reason);
        }
        if ui.button("Record the people's views").clicked() {
            let views = if f.views_sought {
                SubjectsViews::Sought {
                    from: f.views_from.trim().to_owned(),
                    views: f.views.trim().to_owned(),
                }
            } else {
                SubjectsViews::NotSought {
                    reason: f.views_reason.trim().to_owned(),
                }
            };
            command = Some(Command::Assessment(
                AssessmentCommand::RecordSubjectsViews { id: a.id, views },
            ));
        }
    });

    if let Some(c) = consultation_ui(ui, a, &mut f.consultation, open) {
        command = Some(c);
    }

    section(ui, "Decision and sign-off");
    if let Some(s) = &a.sign_off {
        ui.label(
            RichText::new(format!(
                "{} by {} on {}",
                s.decision.label(),
                s.name,
                s.signed_on
            ))
            .strong(),
        );
        if !s.comment.is_empty() {
            ui.label(&s.comment);
        }
    }
    if a.status == AssessmentStatus::InReview && may_edit {
        hint(
            ui,
            "Signing freezes this version. Later changes start a new version, and the differences stay visible.",
        );
        ui.horizontal(|ui| {
            for d in [
                AssessmentStatus::Validated,
                AssessmentStatus::ValidatedWithConditions,
                AssessmentStatus::Rejected,
            ] {
                ui.radio_value(&mut f.decision, d, d.label());
            }
        });
        text_field(ui, "Signed by", &mut f.sign_name);
        text_field(ui, "Their role", &mut f.sign_role);
        text_field(ui, "Signed on (YYYY-MM-DD)", &mut f.sign_on);
        text_area(ui, "Conditions or reasons", &mut f.comment);
        let blocker = sign_off_blocker(a).filter(|_| f.decision != AssessmentStatus::Rejected);
        if let Some(why) = &blocker {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        let sign = ui
            .add_enabled(
                blocker.is_none(),
                egui::Button::new("Sign and freeze this version"),
            )
            .on_disabled_hover_text(blocker.as_deref().unwrap_or_default());
        if sign.clicked() {
            match day(&f.sign_on) {
                Some(signed_on) => {
                    command = Some(Command::Assessment(AssessmentCommand::Decide {
                        id: a.id,
                        sign_off: SignOff {
                            name: f.sign_name.trim().to_owned(),
                            role: f.sign_role.trim().to_owned(),
                            signed_on,
                            decision: f.decision,
                            comment: f.comment.trim().to_owned(),
                        },
                    }))
                }
                None => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "Signed on: write the date as YYYY-MM-DD.",
                    );
                }
            }
        }
    } else if a.status == AssessmentStatus::Draft {
        hint(ui, "Send the assessment for review to record the decision.");
    }

    section(ui, "Versions");
    if versions.is_empty() {
        ui.label("No version has been signed yet.");
    }
    for v in versions {
        ui.horizontal(|ui| {
            ui.label(format!(
                "Version {}: {} on {} by {}",
                v.version,
                v.status.label(),
                v.frozen_at,
                v.frozen_by
            ));
            if ui
                .button(format!("Changes since version {}", v.version))
                .clicked()
            {
                command = Some(Command::Assessment(AssessmentCommand::Compare {
                    id: a.id,
                    from: v.version,
                }));
            }
        });
    }
    if let Some((from, changes)) = differences {
        ui.label(RichText::new(format!("Changes since version {from}")).strong());
        if changes.is_empty() {
            ui.label("No changes.");
        }
        egui::Grid::new("assessment-changes")
            .striped(true)
            .show(ui, |ui| {
                for c in changes {
                    ui.label(&c.what);
                    ui.label(if c.before.is_empty() {
                        "—"
                    } else {
                        &c.before
                    });
                    ui.label(if c.after.is_empty() { "—" } else { &c.after });
                    ui.end_row();
                }
            });
    }
    command
}
