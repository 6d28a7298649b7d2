//! Small pieces the Requests screens share: today's date, date fields, short regime names and
//! the urgency mark (always words, with a colour that follows the theme).

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::organisation::Regime;
use crate::domain::request::RequestState;
use crate::domain::request::deadline::Urgency;
use crate::gui::widgets::FIELD_WIDTH;

/// Today on this computer's calendar: the day requests are received, verified and closed.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date as the fields take it and the tables show it.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads a date typed as YYYY-MM-DD; the error names the field.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "{field}: write the date as YYYY-MM-DD, for example {}.",
            iso(today())
        )
    })
}

/// A labelled one-line date field (YYYY-MM-DD).
pub fn date_field(ui: &mut Ui, label: &str, value: &mut String) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .desired_width(FIELD_WIDTH / 2.0)
            .hint_text("YYYY-MM-DD"),
    )
    .labelled_by(label.id);
}

/// The regime's short name for tables and headers.
pub fn regime_short(regime: Regime) -> &'static str {
    match regime {
        Regime::Gdpr => "GDPR",
        Regime::UkGdpr => "UK GDPR",
        Regime::CcpaCpra => "CCPA/CPRA",
    }
}

/// The urgency as words in the theme's colour: red when overdue, amber when due soon; closed
/// requests say their state, greyed.
pub fn urgency_text(ui: &Ui, urgency: Option<Urgency>, state: RequestState) -> RichText {
    let visuals = ui.visuals();
    match urgency {
        None => RichText::new(format!("Closed ({})", state.label().to_lowercase())).weak(),
        Some(Urgency::Overdue) => RichText::new("Overdue")
            .color(visuals.error_fg_color)
            .strong(),
        Some(Urgency::DueSoon) => RichText::new("Due soon")
            .color(visuals.warn_fg_color)
            .strong(),
        Some(u) => RichText::new(u.label()),
    }
}

/// "12 days left", "due today", "3 days overdue".
pub fn days_left(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "due today".to_owned(),
        1 => "1 day left".to_owned(),
        -1 => "1 day overdue".to_owned(),
        n if n > 0 => format!("{n} days left"),
        n => format!("{} days overdue", -n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_left_table() {
        let today = d("2026-03-10");
        for (due, text) in [
            ("2026-03-10", "due today"),
            ("2026-03-11", "1 day left"),
            ("2026-03-20", "10 days left"),
            ("2026-03-09", "1 day overdue"),
            ("2026-03-01", "9 days overdue"),
        ] {
            assert_eq!(days_left(d(due), today), text, "{due}");
        }
    }

    #[test]
    fn dates_parse_or_name_the_field() {
        assert_eq!(parse_date("Received", " 2026-03-02 "), Ok(d("2026-03-02")));
        let e = parse_date("Received", "2 March").unwrap_err();
        assert!(
            e.starts_with("Received: write the date as YYYY-MM-DD"),
            "{e}"
        );
    }
}
