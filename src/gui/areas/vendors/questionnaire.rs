//! The due-diligence questionnaire for one vendor: the questions of the questionnaire in use
//! (the shipped `assets/vendor_questionnaire.toml` or the officer's) grouped by topic, each with its guidance beside it and an
//! answer widget for its kind (yes/no, one of the options, free text); above them the rating
//! the answers give right now, with its reasons, and the button that records the review (which
//! sets the next review 12, 6 or 3 months ahead).

use chrono::NaiveDate;
use egui::{Grid, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::records::questionnaire::{AnswerKind, Answers, Question, Questionnaire};
use crate::domain::records::vendor_rating::rate;
use crate::domain::records::{RecordCode, RiskRating, Vendor, VendorFacts};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, text_field};

use crate::gui::areas::vendors::rating_text;

/// What the page asks for.
#[derive(Debug)]
pub enum QuestionnaireAction {
    /// Record the review.
    Record {
        /// The vendor.
        code: RecordCode,
        /// The answers given.
        answers: Answers,
        /// The day of the review.
        on: NaiveDate,
    },
    /// Back to the list without recording.
    Close,
}

/// The page's state.
#[derive(Debug)]
pub struct QuestionnairePage {
    code: RecordCode,
    name: String,
    questionnaire: Questionnaire,
    facts: VendorFacts,
    answers: Answers,
    on: String,
    problem: FieldError,
}

/// The answer widgets of one question.
fn answer_ui(ui: &mut Ui, q: &Question, answers: &mut Answers) {
    match q.kind {
        AnswerKind::Text => {
            let value = answers.entry(q.id.clone()).or_default();
            let label = ui.label(RichText::new(&q.text).strong());
            ui.add(
                egui::TextEdit::multiline(value)
                    .desired_width(440.0)
                    .desired_rows(2),
            )
            .labelled_by(label.id);
        }
        AnswerKind::YesNo | AnswerKind::Choice => {
            ui.label(RichText::new(&q.text).strong());
            let mut current = answers.get(&q.id).cloned();
            let choices: Vec<(String, String)> = match q.kind {
                AnswerKind::YesNo => vec![
                    ("yes".to_owned(), "Yes".to_owned()),
                    ("no".to_owned(), "No".to_owned()),
                ],
                _ => q
                    .options
                    .iter()
                    .map(|o| (o.value.clone(), o.label.clone()))
                    .collect(),
            };
            if let Some(v) = current.as_ref().filter(|v| !q.accepts(v)) {
                ui.label(
                    RichText::new(format!(
                        "The earlier answer “{v}” does not fit this question: choose one, or it counts as not answered."
                    ))
                    .small()
                    .color(ui.visuals().warn_fg_color),
                );
            }
            ui.horizontal_wrapped(|ui| {
                for (value, label) in choices {
                    ui.radio_value(&mut current, Some(value), label);
                }
                ui.radio_value(&mut current, None, "Not answered");
            });
            match current {
                Some(v) => answers.insert(q.id.clone(), v),
                None => answers.remove(&q.id),
            };
        }
    }
    if q.weight.is_some() && !answers.contains_key(&q.id) {
        ui.label(
            RichText::new("Not answered yet: counts as risky.")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
}

impl QuestionnairePage {
    /// The page for `vendor`, its previous answers filled in.
    pub fn new(
        vendor: &Vendor,
        facts: VendorFacts,
        questionnaire: Questionnaire,
        today: NaiveDate,
    ) -> Self {
        Self {
            code: vendor.code.clone(),
            name: vendor.name.clone(),
            questionnaire,
            facts,
            answers: vendor.answers.clone(),
            on: today.to_string(),
            problem: FieldError::default(),
        }
    }

    /// Shows the service's problem with the review.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// The answers without empty text.
    fn given(&self) -> Answers {
        self.answers
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// The rating the answers give now.
    pub fn rating(&self) -> RiskRating {
        rate(&self.questionnaire, &self.given(), &self.facts)
    }

    /// Draws the page; recording needs a role that may edit vendors.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, today: NaiveDate) -> Option<QuestionnaireAction> {
        let mut action = None;
        let may_edit = role.can(Permission::EditVendorsAndRecords);
        ui.heading(format!("Due-diligence review: {}", self.name));
        let rating = self.rating();
        ui.horizontal(|ui| {
            ui.label("Rating with these answers:");
            ui.label(rating_text(ui, rating.level, rating.score));
            ui.label(format!(
                "— the next review would be due {}.",
                rating.level.next_review(today)
            ));
        });
        egui::ScrollArea::vertical()
            .id_salt("vendor-rating-reasons")
            .max_height(130.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if rating.reasons.is_empty() {
                    hint(ui, "Nothing counts against this vendor.");
                }
                for r in &rating.reasons {
                    let points = if r.points > 0 {
                        format!("+{} ", r.points)
                    } else {
                        "· ".to_owned()
                    };
                    ui.label(format!("{points}{}", r.text));
                }
            });
        ui.horizontal(|ui| {
            text_field(ui, "Review date (YYYY-MM-DD)", &mut self.on);
        });
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        if !may_edit {
            hint(ui, &Permission::EditVendorsAndRecords.why_not(role));
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(may_edit, egui::Button::new("Record review"))
                .clicked()
            {
                match NaiveDate::parse_from_str(self.on.trim(), "%Y-%m-%d") {
                    Ok(on) => {
                        self.problem.clear();
                        action = Some(QuestionnaireAction::Record {
                            code: self.code.clone(),
                            answers: self.given(),
                            on,
                        });
                    }
                    Err(_) => {
                        self.problem.set(format!(
                            "Review date: \"{}\" is not a date; write it as YYYY-MM-DD.",
                            self.on.trim()
                        ));
                    }
                }
            }
            if ui.button("Close without recording").clicked() {
                action = Some(QuestionnaireAction::Close);
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("vendor-questions")
            .auto_shrink([false, false])
            .show(ui, |ui| self.questions_ui(ui));
        action
    }

    fn questions_ui(&mut self, ui: &mut Ui) {
        let mut topic = None;
        let guidance_width = (ui.available_width() - 480.0).max(240.0);
        Grid::new("vendor-questions-grid")
            .num_columns(2)
            .spacing([24.0, 10.0])
            .min_col_width(440.0)
            .show(ui, |ui| {
                for q in &self.questionnaire.questions {
                    if topic != Some(q.topic.as_str()) && !q.topic.is_empty() {
                        topic = Some(q.topic.as_str());
                        ui.label(RichText::new(&q.topic).heading());
                        ui.end_row();
                    }
                    ui.vertical(|ui| answer_ui(ui, q, &mut self.answers));
                    ui.vertical(|ui| {
                        ui.set_max_width(guidance_width);
                        ui.add(egui::Label::new(RichText::new(&q.guidance).weak()).wrap());
                    });
                    ui.end_row();
                }
            });
    }
}
