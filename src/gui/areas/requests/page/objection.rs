//! The decisions on an objection (GDPR and UK GDPR Art. 21): each purpose on legitimate
//! interests or a public task the objection reaches, with what applies to it now, and a form
//! recording for one purpose that processing stops, or continues on compelling legitimate
//! grounds or for legal claims with the reasons (Art. 21(1)). Direct marketing always stops
//! (Art. 21(2)–(3)). The rule is `domain::request::objection`; the service checks it.

use chrono::NaiveDate;
use egui::{ComboBox, Grid, Ui};

use crate::domain::purpose::PurposeCode;
use crate::domain::request::long_date;
use crate::domain::request::objection::{ContinueGround, ObjectionDecision, ObjectionOutcome};
use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::widgets::{FIELD_WIDTH, hint, text_area};
use crate::services::ObjectionPurpose;

/// The form's state.
#[derive(Debug)]
pub struct ObjectionForm {
    purpose: Option<PurposeCode>,
    outcome: ObjectionOutcome,
    direct_marketing: bool,
    reason: String,
    date: String,
}

impl Default for ObjectionForm {
    fn default() -> Self {
        Self {
            purpose: None,
            outcome: ObjectionOutcome::Stopped,
            direct_marketing: false,
            reason: String::new(),
            date: iso(today()),
        }
    }
}

/// The outcome in words for the table and the form.
fn outcome_words(outcome: ObjectionOutcome) -> &'static str {
    match outcome {
        ObjectionOutcome::Stopped => "Processing stops",
        ObjectionOutcome::Continues(ContinueGround::CompellingGrounds) => {
            "Continues: compelling legitimate grounds"
        }
        ObjectionOutcome::Continues(ContinueGround::LegalClaims) => "Continues: legal claims",
    }
}

impl ObjectionForm {
    /// Draws the purposes and, on an open request, the form; `may` is whether the user may
    /// process requests. Returns the command, or the problem naming the field.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        request: uuid::Uuid,
        purposes: &[ObjectionPurpose],
        open: bool,
        may: bool,
    ) -> Option<Result<TermsCommand, String>> {
        ui.label(egui::RichText::new("Objection (Art. 21)").strong());
        hint(
            ui,
            "Processing for a purpose on legitimate interests or a public task stops unless you demonstrate compelling legitimate grounds which override the person's interests, rights and freedoms, or it is needed for legal claims (Art. 21(1)). Until you record a decision it counts as stopped. Direct marketing always stops (Art. 21(2)–(3)); consent is withdrawn below (Art. 7(3)).",
        );
        if purposes.is_empty() {
            hint(
                ui,
                "No purpose in the catalogue rests on legitimate interests or a public task: the objection reaches none.",
            );
            return None;
        }
        table(ui, purposes);
        if !open {
            return None;
        }
        let mut out = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let chosen = self
                .purpose
                .get_or_insert_with(|| purposes[0].code.clone())
                .clone();
            let name = purposes
                .iter()
                .find(|p| p.code == chosen)
                .map_or(chosen.as_str(), |p| p.name.as_str());
            let label = ui.label("Objection purpose");
            ComboBox::from_id_salt("objection-purpose")
                .selected_text(name)
                .width(FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    for p in purposes {
                        ui.selectable_value(&mut self.purpose, Some(p.code.clone()), &p.name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(
                &mut self.direct_marketing,
                "This purpose is direct marketing",
            );
            if self.direct_marketing {
                self.outcome = ObjectionOutcome::Stopped;
                hint(
                    ui,
                    "An objection to direct marketing is absolute: processing for it stops and no ground lets it continue (Art. 21(2)–(3)).",
                );
            }
            let label = ui.label("Decision");
            ComboBox::from_id_salt("objection-outcome")
                .selected_text(outcome_words(self.outcome))
                .width(FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut self.outcome,
                        ObjectionOutcome::Stopped,
                        outcome_words(ObjectionOutcome::Stopped),
                    );
                    for g in ContinueGround::ALL {
                        let o = ObjectionOutcome::Continues(g);
                        ui.add_enabled_ui(!self.direct_marketing, |ui| {
                            ui.selectable_value(&mut self.outcome, o, outcome_words(o))
                                .on_hover_text(g.sentence());
                        });
                    }
                })
                .response
                .labelled_by(label.id);
            if matches!(self.outcome, ObjectionOutcome::Continues(_)) {
                text_area(
                    ui,
                    "Grounds demonstrated (why they override the person's interests)",
                    &mut self.reason,
                );
            }
            date_field(ui, "Decided on", &mut self.date);
            if ui
                .add_enabled(may, egui::Button::new("Record the decision"))
                .clicked()
            {
                out = Some(self.command(request, chosen));
            }
        });
        out
    }

    fn command(&self, id: uuid::Uuid, purpose: PurposeCode) -> Result<TermsCommand, String> {
        let reason = match self.outcome {
            ObjectionOutcome::Stopped => String::new(),
            ObjectionOutcome::Continues(_) if self.reason.trim().is_empty() => {
                return Err("Grounds demonstrated: processing may continue only when the grounds are demonstrated (Art. 21(1)); say what they are and why they override the person's interests, rights and freedoms.".into());
            }
            ObjectionOutcome::Continues(_) => self.reason.trim().to_owned(),
        };
        let decided_on: NaiveDate = parse_date("Decided on", &self.date)?;
        Ok(TermsCommand::DecideObjection {
            id,
            decision: ObjectionDecision {
                purpose,
                outcome: self.outcome,
                direct_marketing: self.direct_marketing,
                reason,
                decided_on,
                decided_by: String::new(),
            },
        })
    }
}

/// The purposes the objection reaches and what applies to each.
fn table(ui: &mut Ui, purposes: &[ObjectionPurpose]) {
    Grid::new("objection-purposes")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for t in ["Purpose", "Legal basis", "Used by", "What applies"] {
                ui.strong(t);
            }
            ui.end_row();
            for p in purposes {
                ui.label(&p.name);
                ui.label(p.basis.label());
                ui.label(p.activities.join(", "));
                ui.label(match &p.decision {
                    None => "No decision yet: counts as stopped (Art. 21(1))".to_owned(),
                    Some(d) => format!(
                        "{} (decided {}{})",
                        outcome_words(d.outcome),
                        long_date(d.decided_on),
                        if d.direct_marketing {
                            ", direct marketing"
                        } else {
                            ""
                        }
                    ),
                });
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Art. 21(1): continuing needs the grounds; stopping needs none.
    #[test]
    fn continuing_needs_the_grounds() {
        let purpose = PurposeCode::parse("analytics").unwrap();
        let mut f = ObjectionForm {
            outcome: ObjectionOutcome::Continues(ContinueGround::CompellingGrounds),
            ..ObjectionForm::default()
        };
        let e = f
            .command(uuid::Uuid::new_v4(), purpose.clone())
            .unwrap_err();
        assert!(e.starts_with("Grounds demonstrated"), "{e}");
        f.reason = "fraud prevention across the shop".into();
        assert!(f.command(uuid::Uuid::new_v4(), purpose.clone()).is_ok());
        f.outcome = ObjectionOutcome::Stopped;
        f.reason.clear();
        assert!(f.command(uuid::Uuid::new_v4(), purpose).is_ok());
    }
}
