//! The prior consultation of the supervisory authority (GDPR and UK GDPR Art. 36): the form
//! recording the day it was submitted, the authority, its reference and the day of the
//! authority's written advice (Art. 36(2)); and, while a residual risk stays very high and none
//! is recorded, the reason a validation cannot be signed (Art. 36(1); the rule is
//! `domain::assessment::consultation`).

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::assessment::Assessment;
use crate::domain::assessment::consultation::{
    PriorConsultation, consultation_blocker, high_residual_risks,
};
use crate::gui::Command;
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, section, text_field};

/// The form's state, filled from the consultation recorded.
#[derive(Debug, Default)]
pub struct ConsultationForm {
    submitted_on: String,
    authority: String,
    reference: String,
    advice_on: String,
    problem: FieldError,
}

impl ConsultationForm {
    /// The form for `a`.
    pub fn of(a: &Assessment) -> Self {
        match &a.prior_consultation {
            Some(c) => Self {
                submitted_on: c.submitted_on.to_string(),
                authority: c.authority.clone(),
                reference: c.reference.clone(),
                advice_on: c.advice_on.map(|d| d.to_string()).unwrap_or_default(),
                problem: FieldError::default(),
            },
            None => Self::default(),
        }
    }

    /// What was typed, or the problem naming the field.
    fn consultation(&self) -> Result<PriorConsultation, String> {
        let day = |label: &str, text: &str| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| format!("{label}: write the date as YYYY-MM-DD."))
        };
        if self.authority.trim().is_empty() {
            return Err("Authority consulted: name the supervisory authority (e.g. ICO, CNIL, the Data Protection Commission).".into());
        }
        if self.reference.trim().is_empty() {
            return Err("Consultation reference: give the authority's case number, or the submission's own reference.".into());
        }
        Ok(PriorConsultation {
            submitted_on: day("Submitted on (YYYY-MM-DD)", &self.submitted_on)?,
            authority: self.authority.trim().to_owned(),
            reference: self.reference.trim().to_owned(),
            advice_on: match self.advice_on.trim() {
                "" => None,
                text => Some(day("Advice received on (YYYY-MM-DD)", text)?),
            },
        })
    }
}

/// Draws the section; `open` is whether the assessment may be changed now.
pub fn consultation_ui(
    ui: &mut Ui,
    a: &Assessment,
    f: &mut ConsultationForm,
    open: bool,
) -> Option<Command> {
    section(ui, "Prior consultation of the supervisory authority");
    let high = high_residual_risks(&a.risks);
    hint(
        ui,
        "GDPR Art. 36(1): when a risk stays very high after the measures, consult the supervisory authority before processing. It answers in writing within eight weeks, extendable by six (Art. 36(2)).",
    );
    if let Some(c) = &a.prior_consultation {
        ui.label(
            RichText::new(format!(
                "Submitted to {} on {} (reference {}){}.",
                c.authority,
                c.submitted_on,
                c.reference,
                c.advice_on
                    .map(|d| format!("; advice received on {d}"))
                    .unwrap_or_default()
            ))
            .strong(),
        );
    } else if high.is_empty() {
        ui.label("No residual risk stays very high: no consultation is needed.");
    }
    let mut command = None;
    ui.add_enabled_ui(open, |ui| {
        text_field(ui, "Submitted on (YYYY-MM-DD)", &mut f.submitted_on);
        text_field(ui, "Authority consulted", &mut f.authority);
        text_field(ui, "Consultation reference", &mut f.reference);
        text_field(ui, "Advice received on (YYYY-MM-DD)", &mut f.advice_on);
        if ui.button("Record the prior consultation").clicked() {
            match f.consultation() {
                Ok(consultation) => {
                    f.problem.clear();
                    command = Some(Command::Assessment(
                        AssessmentCommand::RecordPriorConsultation {
                            id: a.id,
                            consultation,
                        },
                    ));
                }
                Err(p) => f.problem.set(p),
            }
        }
    });
    let inputs = fingerprint(&*f);
    f.problem.show(ui, inputs, "Problem: ");
    command
}

/// Why a validation cannot be signed now (Art. 36(1)), shown beside the sign-off.
pub fn sign_off_blocker(a: &Assessment) -> Option<String> {
    consultation_blocker(&a.risks, a.prior_consultation.as_ref())
        .map(|m| m.replace(": `pia consult`)", ", in the section above)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form names the field that is missing or badly written.
    #[test]
    fn missing_fields_are_named() {
        let mut f = ConsultationForm::default();
        assert!(
            f.consultation()
                .unwrap_err()
                .starts_with("Authority consulted")
        );
        f.authority = "ICO".into();
        assert!(
            f.consultation()
                .unwrap_err()
                .starts_with("Consultation reference")
        );
        f.reference = "RFA0123".into();
        assert!(f.consultation().unwrap_err().starts_with("Submitted on"));
        f.submitted_on = "2026-03-02".into();
        f.advice_on = "soon".into();
        assert!(
            f.consultation()
                .unwrap_err()
                .starts_with("Advice received on")
        );
        f.advice_on.clear();
        assert_eq!(f.consultation().unwrap().advice_on, None);
    }
}
