//! The incident form's section on telling the people concerned (GDPR Art. 34): when and how
//! they were told, or the Art. 34(3) exception relied on, with the rule's reason shown while a
//! high-risk breach still needs one of them.

use egui::{ComboBox, RichText, Ui};

use crate::domain::records::IncidentDetails;
use crate::domain::records::incident::{
    Art34Exception, Art34Ground, BreachRisk, CommunicationMethod, PeopleCommunication,
    check_people_told,
};
use crate::gui::widgets::{hint, text_area};

use crate::gui::areas::request_widgets::{date_field, iso, parse_date};

/// A day as typed, or `None` when left empty; the error names the field.
fn optional_day(field: &str, text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, text).map(Some)
    }
}

/// What still has to be recorded, in the theme's error colour.
fn alarm(ui: &mut Ui, text: String) {
    let colour = ui.visuals().error_fg_color;
    ui.label(RichText::new(text).color(colour).strong());
}

/// What the officer typed about telling the people.
#[derive(Debug)]
pub(in crate::gui) struct PeopleSection {
    told_on: String,
    method: CommunicationMethod,
    ground: Option<Art34Ground>,
    reason: String,
    public_notice_on: String,
}

impl Default for PeopleSection {
    fn default() -> Self {
        Self {
            told_on: String::new(),
            method: CommunicationMethod::Email,
            ground: None,
            reason: String::new(),
            public_notice_on: String::new(),
        }
    }
}

impl PeopleSection {
    /// The section on stored details.
    pub fn of(d: &IncidentDetails) -> Self {
        let mut s = Self::default();
        if let Some(t) = &d.people_told {
            s.told_on = iso(t.on);
            s.method = t.method;
        }
        if let Some(e) = &d.art34_exception {
            s.ground = Some(e.ground);
            s.reason = e.reason.clone();
            s.public_notice_on = e.public_notice_on.map(iso).unwrap_or_default();
        }
        s
    }

    /// The communication and the exception as typed; the error names the field.
    pub fn values(&self) -> Result<(Option<PeopleCommunication>, Option<Art34Exception>), String> {
        let told = optional_day("People told on", &self.told_on)?.map(|on| PeopleCommunication {
            on,
            method: self.method,
        });
        let exception = match self.ground {
            None => None,
            Some(ground) => Some(Art34Exception {
                ground,
                reason: self.reason.trim().to_owned(),
                public_notice_on: if ground == Art34Ground::DisproportionateEffort {
                    optional_day("Public communication on", &self.public_notice_on)?
                } else {
                    None
                },
            }),
        };
        Ok((told, exception))
    }

    /// Draws the section for a breach of `risk`.
    pub fn ui(&mut self, ui: &mut Ui, risk: BreachRisk) {
        ui.label(RichText::new("Telling the people concerned (Art. 34)").strong());
        if risk == BreachRisk::HighRisk {
            match self.values() {
                Ok((told, exception)) => {
                    match check_people_told(risk, told.as_ref(), exception.as_ref()) {
                        Ok(()) => hint(
                            ui,
                            "Settled: the people were told, or an Art. 34(3) exception is recorded.",
                        ),
                        Err(reason) => alarm(ui, reason),
                    }
                }
                Err(problem) => alarm(ui, problem),
            }
        } else {
            hint(
                ui,
                "Needed only when the breach is likely to result in a high risk to the people (Art. 34(1)).",
            );
        }
        ui.horizontal(|ui| {
            date_field(ui, "People told on", &mut self.told_on);
            let l = ui.label("How");
            ComboBox::from_id_salt("incident-people-method")
                .selected_text(self.method.label())
                .show_ui(ui, |ui| {
                    for m in CommunicationMethod::ALL {
                        ui.selectable_value(&mut self.method, m, m.label());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        ui.label("Or the exception relied on for not telling them (Art. 34(3))");
        ui.radio_value(&mut self.ground, None, "No exception");
        for g in Art34Ground::ALL {
            ui.radio_value(&mut self.ground, Some(g), g.label());
        }
        if self.ground.is_some() {
            text_area(ui, "Why the exception applies", &mut self.reason);
        }
        if self.ground == Some(Art34Ground::DisproportionateEffort) {
            date_field(
                ui,
                "Public communication on (YYYY-MM-DD)",
                &mut self.public_notice_on,
            );
        }
    }
}
