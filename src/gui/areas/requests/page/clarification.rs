//! The clarification step, apart from identity: ask the person to clarify on a day, record the
//! day the answer came, and show what the wait does to the clock: under the UK GDPR it stops
//! and the days are added to the due date (Art. 12A UK GDPR, Data (Use and Access) Act 2025);
//! under the EU GDPR (EDPB Guidelines 01/2022) and the CCPA (11 CCR § 7021(b)) it keeps
//! running. The rule is `domain::request::clarification`.

use chrono::NaiveDate;
use egui::Ui;

use crate::domain::request::clarification::{self, ClarificationEffect};
use crate::domain::request::{Request, Transition, long_date};
use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::widgets::hint;

/// The clarification step's state.
#[derive(Debug)]
pub struct ClarificationStep {
    date: String,
}

impl Default for ClarificationStep {
    fn default() -> Self {
        Self { date: iso(today()) }
    }
}

impl ClarificationStep {
    /// Draws the step for an open request; `may` is whether the user may process requests.
    /// Returns the command, or the problem naming the field.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        r: &Request,
        today: NaiveDate,
        may: bool,
    ) -> Option<Result<TermsCommand, String>> {
        let mut out = None;
        if r.clarified_on.is_some() || r.clarification_paused_days > 0 {
            ui.label(clarified_line(r));
        }
        if let Some(asked) = r.clarification_asked_on {
            ui.label(waiting_line(r, asked, today));
            ui.horizontal(|ui| {
                date_field(ui, "Clarification received on", &mut self.date);
                if ui
                    .add_enabled(may, egui::Button::new("Record the clarification"))
                    .clicked()
                {
                    out = Some(
                        parse_date("Clarification received on", &self.date)
                            .map(|on| TermsCommand::Clarified { id: r.id, on }),
                    );
                }
            });
        } else if Transition::AskIdentity.allowed_from(r.state) {
            ui.horizontal(|ui| {
                date_field(ui, "Clarification asked on", &mut self.date);
                if ui
                    .add_enabled(may, egui::Button::new("Ask to clarify"))
                    .clicked()
                {
                    out = Some(
                        parse_date("Clarification asked on", &self.date)
                            .map(|on| TermsCommand::AskClarification { id: r.id, on }),
                    );
                }
            });
        }
        hint(ui, clarification::explain(r.regime, r.received));
        out
    }
}

/// While a clarification is awaited: since when, and what it does to the clock so far.
fn waiting_line(r: &Request, asked: NaiveDate, today: NaiveDate) -> String {
    match clarification::effect(r.regime, r.received) {
        ClarificationEffect::Pauses => {
            let days = clarification::paused_days(r.regime, r.received, asked, today);
            format!(
                "Clarification asked for on {}: the clock is paused ({days} day(s) so far); the days until the answer are added to the due date.",
                long_date(asked)
            )
        }
        ClarificationEffect::Runs => format!(
            "Clarification asked for on {}: the clock keeps running while you wait.",
            long_date(asked)
        ),
    }
}

/// After an answer: the day it came and the days added.
fn clarified_line(r: &Request) -> String {
    let on = r
        .clarified_on
        .map(|d| format!("Clarified on {}", long_date(d)))
        .unwrap_or_else(|| "Clarified".to_owned());
    match r.clarification_paused_days {
        0 => format!("{on}; no days were added to the due date."),
        1 => format!("{on}; 1 day was added to the due date (the clock was paused)."),
        n => format!("{on}; {n} days were added to the due date (the clock was paused)."),
    }
}
