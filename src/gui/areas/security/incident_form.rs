//! The form of one entry of the incident log: when the breach happened and when the business
//! became aware of it (with the 72-hour deadline counting down, GDPR Art. 33(1)), the Art. 33(5)
//! record (facts, effects, remedial action) with short guidance, the risk assessment, the
//! notification to the authority (and the reasons for a delay), and telling the people (Art. 34:
//! `security_incident_people.rs`) with the Art. 34 letter.

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};
use uuid::Uuid;

use crate::domain::records::incident::{
    BreachRisk, notification_deadline, notification_status, parse_time, time_left_words,
};
use crate::domain::records::{
    CategoryCode, Incident, IncidentDetails, IncidentEntry, NotificationStatus,
};
use crate::gui::Command;
use crate::gui::areas::security::command::SecurityCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint, text_area, text_field};

use crate::gui::areas::request_widgets::{date_field, iso};
use crate::gui::areas::security::incident_people::PeopleSection;
use crate::gui::areas::security::{alarm, optional_day, utc};

/// How the time fields take a time.
const TIME_FORMAT: &str = "%Y-%m-%d %H:%M";

/// The entry being corrected.
#[derive(Clone, Debug)]
pub(in crate::gui) struct Editing {
    pub id: Uuid,
    pub reference: String,
    pub closed_on: Option<NaiveDate>,
}

/// The form's state.
#[derive(Debug)]
pub(in crate::gui) struct IncidentForm {
    pub editing: Option<Editing>,
    occurred_on: String,
    aware_at: String,
    facts: String,
    effects: String,
    remedial: String,
    risk: BreachRisk,
    risk_reasoning: String,
    categories: String,
    people: String,
    notified_at: String,
    reason_for_delay: String,
    people_told: PeopleSection,
    pub problem: FieldError,
}

impl IncidentForm {
    /// An empty form, aware "now" (the officer corrects it when they learned earlier).
    pub fn new_at(now: DateTime<Utc>) -> Self {
        Self {
            editing: None,
            occurred_on: String::new(),
            aware_at: now.format(TIME_FORMAT).to_string(),
            facts: String::new(),
            effects: String::new(),
            remedial: String::new(),
            risk: BreachRisk::NotAssessed,
            risk_reasoning: String::new(),
            categories: String::new(),
            people: String::new(),
            notified_at: String::new(),
            reason_for_delay: String::new(),
            people_told: PeopleSection::default(),
            problem: FieldError::default(),
        }
    }

    /// The form on a stored entry.
    pub fn of(i: &Incident) -> Self {
        let e = &i.entry;
        let d = &e.details;
        Self {
            editing: Some(Editing {
                id: i.id,
                reference: i.reference(),
                closed_on: i.closed_on,
            }),
            occurred_on: e.occurred_on.map(iso).unwrap_or_default(),
            aware_at: e.aware_at.format(TIME_FORMAT).to_string(),
            facts: d.facts.clone(),
            effects: d.effects.clone(),
            remedial: d.remedial_action.clone(),
            risk: d.risk,
            risk_reasoning: d.risk_reasoning.clone(),
            categories: d
                .data_categories
                .iter()
                .map(CategoryCode::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            people: d.people_affected.map(|n| n.to_string()).unwrap_or_default(),
            notified_at: e
                .authority_notified_at
                .map(|t| t.format(TIME_FORMAT).to_string())
                .unwrap_or_default(),
            reason_for_delay: d.reason_for_delay.clone(),
            people_told: PeopleSection::of(d),
            problem: FieldError::default(),
        }
    }

    /// The entry the form describes; the error names the field.
    fn entry(&self) -> Result<IncidentEntry, String> {
        let aware_at = parse_time("Became aware at", &self.aware_at)?;
        let authority_notified_at = if self.notified_at.trim().is_empty() {
            None
        } else {
            Some(parse_time("Authority notified at", &self.notified_at)?)
        };
        let data_categories = self
            .categories
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| CategoryCode::parse(c).map_err(|m| format!("Categories: {m}.")))
            .collect::<Result<Vec<_>, _>>()?;
        let people_affected = match self.people.trim() {
            "" => None,
            n => Some(n.parse::<u64>().map_err(|_| {
                "Number of people: write a whole number, or leave it empty when unknown.".to_owned()
            })?),
        };
        let (people_told, art34_exception) = self.people_told.values()?;
        Ok(IncidentEntry {
            occurred_on: optional_day("Occurred on", &self.occurred_on)?,
            aware_at,
            details: IncidentDetails {
                facts: self.facts.trim().to_owned(),
                effects: self.effects.trim().to_owned(),
                remedial_action: self.remedial.trim().to_owned(),
                reason_for_delay: self.reason_for_delay.trim().to_owned(),
                risk: self.risk,
                risk_reasoning: self.risk_reasoning.trim().to_owned(),
                data_categories,
                people_affected,
                people_told,
                art34_exception,
            },
            authority_notified_at,
            subjects_notified: people_told.is_some(),
        })
    }

    /// The deadline and where the notification stands, as typed so far.
    fn clock(&self, ui: &mut Ui, now: DateTime<Utc>) {
        let Ok(aware) = parse_time("Became aware at", &self.aware_at) else {
            hint(
                ui,
                "Type when you became aware of the breach to see the deadline.",
            );
            return;
        };
        let deadline = notification_deadline(aware);
        let notified = parse_time("Authority notified at", &self.notified_at).ok();
        let status = notification_status(aware, notified, self.risk, now);
        ui.label(
            RichText::new(format!(
                "Deadline to notify the supervisory authority: {}",
                utc(deadline)
            ))
            .strong(),
        );
        let left = time_left_words(deadline, now);
        if status.needs_decision() {
            // The time left is shown to the minute.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(20));
        }
        match status {
            NotificationStatus::WithinDeadline => alarm(
                ui,
                format!("{left}. The 72 hours run nights, weekends and holidays included."),
            ),
            NotificationStatus::Overdue => alarm(
                ui,
                format!(
                    "{left}. Notify the authority now and give the reasons for the delay, or record that the breach is unlikely to result in a risk."
                ),
            ),
            NotificationStatus::NotifiedLate => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Notified after the 72 hours: give the reasons for the delay (Art. 33(1)).",
                );
            }
            NotificationStatus::NotifiedOnTime | NotificationStatus::NotRequired => {
                ui.label(status.label());
            }
        }
    }

    /// Draws the form; returns what to save, close or reopen.
    pub fn ui(&mut self, ui: &mut Ui, now: DateTime<Utc>) -> Option<Command> {
        date_field(
            ui,
            "Occurred on (YYYY-MM-DD, if known)",
            &mut self.occurred_on,
        );
        text_field(
            ui,
            "Became aware at (YYYY-MM-DD HH:MM, UTC)",
            &mut self.aware_at,
        );
        hint(
            ui,
            "When you were reasonably certain that personal data was compromised (EDPB Guidelines 9/2022); the 72 hours start here, not when the breach happened.",
        );
        self.clock(ui, now);
        ui.add_space(6.0);
        text_area(ui, "Facts", &mut self.facts);
        hint(
            ui,
            "What happened, when and how it was found, which data and whose (Art. 33(5)).",
        );
        text_area(ui, "Effects", &mut self.effects);
        hint(
            ui,
            "What it did or may do to the people: loss of control of their data, fraud, distress (Art. 33(3)(c)).",
        );
        text_area(ui, "Remedial action", &mut self.remedial);
        hint(
            ui,
            "What was done to contain it and limit the harm, and what changes so it does not happen again (Art. 33(3)(d)).",
        );
        text_field(
            ui,
            "Categories of data concerned (codes, comma-separated)",
            &mut self.categories,
        );
        text_field(
            ui,
            "Number of people concerned (approximate)",
            &mut self.people,
        );
        ui.add_space(6.0);
        ui.label(RichText::new("Risk to the people concerned").strong());
        for r in BreachRisk::ALL {
            ui.radio_value(&mut self.risk, r, r.label());
        }
        text_area(ui, "Why this risk level", &mut self.risk_reasoning);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("Authority notified at (YYYY-MM-DD HH:MM, UTC)");
            ui.add(
                egui::TextEdit::singleline(&mut self.notified_at).desired_width(FIELD_WIDTH / 2.0),
            )
            .labelled_by(label.id);
            if ui.button("Notified just now").clicked() {
                self.notified_at = now.format(TIME_FORMAT).to_string();
            }
        });
        text_area(ui, "Reasons for the delay", &mut self.reason_for_delay);
        hint(
            ui,
            "Required when the authority is notified more than 72 hours after you became aware (Art. 33(1)).",
        );
        ui.add_space(6.0);
        self.people_told.ui(ui, self.risk);
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        self.buttons(ui)
    }

    fn buttons(&mut self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        let editing = self.editing.clone();
        ui.horizontal(|ui| {
            let save = if editing.is_some() {
                "Save the corrections"
            } else {
                "Enter the breach in the log"
            };
            if ui.button(save).clicked() {
                match self.entry() {
                    Ok(entry) => {
                        self.problem.clear();
                        let entry = Box::new(entry);
                        command = Some(Command::Security(match &editing {
                            Some(e) => SecurityCommand::UpdateIncident { id: e.id, entry },
                            None => SecurityCommand::RecordIncident(entry),
                        }));
                    }
                    Err(p) => self.problem.set(p),
                }
            }
            if let Some(e) = &editing {
                let (label, step) = match e.closed_on {
                    None => ("Close the incident", SecurityCommand::CloseIncident(e.id)),
                    Some(_) => ("Reopen the incident", SecurityCommand::ReopenIncident(e.id)),
                };
                if ui
                    .button(label)
                    .on_hover_text(format!("{label} {}", e.reference))
                    .clicked()
                {
                    command = Some(Command::Security(step));
                }
                if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                        .set_file_name(format!("{}-art34-letter.txt", e.reference))
                        .add_filter("Text or HTML", &["txt", "html"])
                        .save_file(self.risk == BreachRisk::HighRisk
                    && ui
                        .button("Save the Art. 34 letter…")
                        .on_hover_text("The letter to the people: the nature of the breach, the contact point, the likely consequences and the measures (Art. 34(2)), from the saved entry")
                        .clicked(), ui)
                {
                    command = Some(Command::Security(SecurityCommand::SaveBreachLetter {
                        id: e.id,
                        path,
                    }));
                }
            }
        });
        command
    }
}
