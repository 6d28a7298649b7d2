//! The days asked for when a subject is added by hand: when their data was first collected
//! (retention counts from it, GDPR Art. 5(1)(e); empty means today) and their customer
//! relationship (since, optionally until): a customer is never removed by a marketing
//! retention rule (Art. 6(1)(b); `domain::retention::keep`). The service checks the days
//! against today (`Subjects::add_subject_with`).

use egui::Ui;

use crate::domain::customer::CustomerRelationship;
use crate::domain::subject::SubjectDates;
use crate::gui::areas::request_widgets::{date_field, parse_date};
use crate::gui::widgets::hint;

/// The fields' state (YYYY-MM-DD, or empty).
#[derive(Clone, Debug, Default)]
pub struct SubjectDatesForm {
    recorded_on: String,
    customer_since: String,
    customer_until: String,
}

impl SubjectDatesForm {
    /// Draws the fields.
    pub fn ui(&mut self, ui: &mut Ui) {
        date_field(ui, "Data first collected on", &mut self.recorded_on);
        date_field(ui, "Customer since", &mut self.customer_since);
        date_field(ui, "Customer until", &mut self.customer_until);
        hint(
            ui,
            "Leave \"Data first collected on\" empty for today; give an earlier day for a record kept elsewhere, since retention counts from it (Art. 5(1)(e)). A current customer is kept on the contract, tax law and possible claims, not on marketing consent (Art. 6(1)(b), (c); Art. 17(3)(e)).",
        );
    }

    /// The days typed, or the problem naming the field.
    pub fn dates(&self) -> Result<SubjectDates, String> {
        let day = |label: &str, text: &str| match text.trim() {
            "" => Ok(None),
            t => parse_date(label, t).map(Some),
        };
        Ok(SubjectDates {
            recorded_on: day("Data first collected on", &self.recorded_on)?,
            customer: CustomerRelationship {
                since: day("Customer since", &self.customer_since)?,
                until: day("Customer until", &self.customer_until)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_no_day_and_bad_ones_are_named() {
        let mut f = SubjectDatesForm::default();
        assert_eq!(f.dates(), Ok(SubjectDates::default()));
        f.customer_since = "last year".into();
        assert!(f.dates().unwrap_err().starts_with("Customer since"));
        f.customer_since = "2024-05-01".into();
        f.recorded_on = "2023-01-15".into();
        let d = f.dates().unwrap();
        assert_eq!(
            d.recorded_on.map(|d| d.to_string()).as_deref(),
            Some("2023-01-15")
        );
        assert!(d.customer.since.is_some() && d.customer.until.is_none());
    }
}
