//! Why a person's record is kept, on their page: the day it was recorded and the customer
//! relationship, which retention counts from (GDPR Art. 5(1)(e)); each retention rule as it
//! applies to them today, with the reason a rule whose period is over does not remove them (a
//! current customer, or a longer rule: `KeptBy::reason`); and, while a CCPA opt-out or limit
//! is in force, the first day the business may ask them to opt in again (Civ. Code
//! § 1798.135(c)(4)).

use chrono::{DateTime, NaiveDate, Utc};
use egui::{Grid, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::consent::{ConsentEvent, ccpa_choices};
use crate::domain::customer::CustomerRelationship;
use crate::domain::disclosure::retention::{RetentionLine, RetentionStatus};
use crate::domain::request::long_date;
use crate::domain::subject::Subject;
use crate::gui::Command;
use crate::gui::areas::request_widgets::{date_field, parse_date};
use crate::gui::areas::retention::command::RetentionCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::hint;
use crate::services::{ServiceResult, Session};

/// What the lines show.
#[derive(Clone, Debug, Default)]
pub struct KeptFacts {
    /// The customer relationship as recorded.
    pub customer: CustomerRelationship,
    /// Each retention rule as it applies to the person today.
    pub retention: Vec<RetentionLine>,
    /// While a CCPA choice is in force: when the business may ask again.
    pub may_ask_again_from: Option<DateTime<Utc>>,
}

impl KeptFacts {
    /// Reads the facts of `subject`, whose ledger is `timeline`.
    pub fn read(
        session: &Session,
        subject: Uuid,
        timeline: &[ConsentEvent],
    ) -> ServiceResult<Self> {
        Ok(Self {
            customer: session.retention().customer_relationship(subject)?,
            retention: session.exports().person_retention(subject)?,
            may_ask_again_from: ccpa_choices(timeline).may_ask_again_from,
        })
    }
}

/// The "customer since" field's state, drawn with the lines.
#[derive(Debug, Default)]
pub struct CustomerSinceField {
    since: String,
    problem: FieldError,
}

impl CustomerSinceField {
    /// The field for a person who became a customer on `since` (if recorded).
    pub fn new(since: Option<NaiveDate>) -> Self {
        Self {
            since: since.map(|d| d.to_string()).unwrap_or_default(),
            problem: FieldError::default(),
        }
    }

    /// Draws the field (for users who record subjects), then the lines.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        person: &Subject,
        facts: &KeptFacts,
        role: Role,
    ) -> Option<Command> {
        let command = if role.can(Permission::RecordSubjects) {
            self.field(ui, person.id)
        } else {
            None
        };
        kept_ui(
            ui,
            facts,
            person.created_at.date_naive(),
            crate::gui::areas::today(),
        );
        command
    }

    fn field(&mut self, ui: &mut Ui, subject: Uuid) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            date_field(ui, "Customer since (YYYY-MM-DD)", &mut self.since);
            if ui.button("Record customer since").clicked() {
                match parse_date("Customer since", &self.since) {
                    Ok(day) => {
                        self.problem.clear();
                        command = Some(Command::Retention(RetentionCommand::SetCustomerSince {
                            subject,
                            on: Some(day),
                        }));
                    }
                    Err(p) => self.problem.set(p),
                }
            }
            if ui.button("Clear customer since").clicked() {
                self.since.clear();
                self.problem.clear();
                command = Some(Command::Retention(RetentionCommand::SetCustomerSince {
                    subject,
                    on: None,
                }));
            }
        });
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        command
    }
}

/// Draws the lines; `recorded` is the day the person's data was first collected.
pub fn kept_ui(ui: &mut Ui, facts: &KeptFacts, recorded: NaiveDate, today: NaiveDate) {
    ui.add_space(6.0);
    Grid::new("subject-kept")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.label("Recorded on");
            ui.label(long_date(recorded));
            ui.end_row();
            ui.label("Customer");
            ui.label(facts.customer.describe(today));
            ui.end_row();
            if let Some(from) = facts.may_ask_again_from {
                ui.label("CCPA opt-out");
                ui.label(ask_again_words(from.date_naive(), today));
                ui.end_row();
            }
        });
    hint(
        ui,
        "Retention periods count from the day the data was collected, or from the end of the customer relationship (GDPR Art. 5(1)(e)). A period is a maximum: the record stays while another rule or a current contract still needs it.",
    );
    if facts.retention.is_empty() {
        return;
    }
    Grid::new("subject-retention")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Retention rule");
            ui.strong("For this person");
            ui.end_row();
            for line in &facts.retention {
                ui.label(&line.name);
                match &line.status {
                    RetentionStatus::KeptBecause { .. } => {
                        ui.colored_label(ui.visuals().warn_fg_color, line.status.words())
                    }
                    _ => ui.label(line.status.words()),
                };
                ui.end_row();
            }
        });
}

/// While a CCPA opt-out or limit is in force: until when the business must not ask the person
/// to opt in again, or that it may now (at least 12 months, Cal. Civ. Code § 1798.135(c)(4)).
pub fn ask_again_words(from: NaiveDate, today: NaiveDate) -> String {
    if from > today {
        format!(
            "in force: do not ask them to opt in again before {} (at least 12 months, Cal. Civ. Code § 1798.135(c)(4))",
            long_date(from)
        )
    } else {
        format!(
            "in force; since {} the business may ask them once to opt in again (12 months have passed, Cal. Civ. Code § 1798.135(c)(4))",
            long_date(from)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// § 1798.135(c)(4): before the day, wait; from it, the business may ask.
    #[test]
    fn ask_again_table() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (from, today, start) in [
            ("2027-06-01", "2026-12-07", "in force: do not ask them"),
            (
                "2026-12-07",
                "2026-12-07",
                "in force; since 7 December 2026 the business may ask",
            ),
            ("2024-06-01", "2026-12-07", "in force; since 1 June 2024"),
        ] {
            let words = ask_again_words(d(from), d(today));
            assert!(words.starts_with(start), "{from} {today}: {words}");
        }
    }
}
