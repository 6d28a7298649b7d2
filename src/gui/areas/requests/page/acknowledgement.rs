//! The CCPA confirmation of receipt: a request to know, delete or correct is confirmed within
//! 10 business days, saying how it will be processed (11 CCR § 7021(a); the rule is
//! `domain::request::acknowledgement`). Shows the day it is due by, the day it was done, or
//! a field to mark it done.

use chrono::NaiveDate;
use egui::Ui;

use crate::domain::request::{acknowledgement, long_date};
use crate::gui::areas::request_widgets::{date_field, days_left, iso, parse_date, today};
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::widgets::hint;
use crate::services::RequestDetail;

/// The step's state.
#[derive(Debug)]
pub struct AcknowledgementStep {
    date: String,
}

impl Default for AcknowledgementStep {
    fn default() -> Self {
        Self { date: iso(today()) }
    }
}

impl AcknowledgementStep {
    /// Draws the step when the request has the second deadline; `may` is whether the user
    /// may process requests. Returns the command, or the problem naming the field.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        detail: &RequestDetail,
        today: NaiveDate,
        may: bool,
    ) -> Option<Result<TermsCommand, String>> {
        let r = &detail.request;
        let by = detail.deadline.acknowledge_by?;
        let mut out = None;
        if let Some(on) = r.acknowledged_on {
            ui.label(format!(
                "Receipt confirmed on {} (due by {}).",
                long_date(on),
                long_date(by)
            ));
        } else if acknowledgement::pending(Some(by), None, r.is_open()) {
            let line = format!(
                "Confirm receipt by {} ({}).",
                long_date(by),
                days_left(by, today)
            );
            if by < today {
                ui.colored_label(ui.visuals().error_fg_color, line);
            } else {
                ui.label(line);
            }
            ui.horizontal(|ui| {
                date_field(ui, "Receipt confirmed on", &mut self.date);
                if ui
                    .add_enabled(may, egui::Button::new("Mark acknowledged"))
                    .clicked()
                {
                    out = Some(
                        parse_date("Receipt confirmed on", &self.date)
                            .map(|on| TermsCommand::Acknowledge { id: r.id, on }),
                    );
                }
            });
        }
        hint(ui, acknowledgement::EXPLAIN);
        out
    }
}
