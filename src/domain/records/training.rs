//! Staff training in data protection: who was trained, on what, when, and when the training is
//! to be renewed.
//!
//! Training is one of the organisational measures of GDPR Art. 32(1) and Art. 32(4) (people
//! acting under the controller's authority process data only on its instructions); awareness
//! raising and training of staff is a task of the DPO, Art. 39(1)(b). The trainee's name is
//! personal data: the store seals it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::security::due_horizon;

/// One training completed by one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    /// Its id.
    pub id: Uuid,
    /// Who was trained (a person's name; sealed in the store).
    pub trainee: String,
    /// On what ("GDPR basics", "Phishing awareness").
    pub topic: String,
    /// The day it was completed.
    pub completed_on: NaiveDate,
    /// The day it is to be renewed, if it is.
    pub renew_on: Option<NaiveDate>,
}

/// Where a training stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RenewalState {
    /// No renewal date: it stays valid.
    NoRenewal,
    /// Renewal more than [`super::security::DUE_WITHIN_DAYS`] days away.
    Current,
    /// Renewal within the next [`super::security::DUE_WITHIN_DAYS`] days (or today).
    DueSoon,
    /// The renewal day has passed.
    Overdue,
}

impl RenewalState {
    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::NoRenewal => "No renewal set",
            Self::Current => "Current",
            Self::DueSoon => "Renewal due soon",
            Self::Overdue => "Renewal overdue",
        }
    }
}

impl Training {
    /// Checks the training on its own; the message names the field.
    pub fn check(&self, today: NaiveDate) -> Result<(), String> {
        if self.trainee.trim().is_empty() {
            return Err("Trainee: give the name of the person who was trained".into());
        }
        if self.topic.trim().is_empty() {
            return Err(
                "Topic: say what the training covered, e.g. \"GDPR basics\" or \"Phishing awareness\""
                    .into(),
            );
        }
        if self.completed_on > today {
            return Err(
                "Completed on: the day is in the future; record the training once it is done"
                    .into(),
            );
        }
        if self.renew_on.is_some_and(|r| r <= self.completed_on) {
            return Err(
                "Renew on: the renewal must come after the day the training was completed".into(),
            );
        }
        Ok(())
    }

    /// Where the training stands on `today`.
    pub fn renewal(&self, today: NaiveDate) -> RenewalState {
        match self.renew_on {
            None => RenewalState::NoRenewal,
            Some(r) if r < today => RenewalState::Overdue,
            Some(r) if r <= due_horizon(today) => RenewalState::DueSoon,
            Some(_) => RenewalState::Current,
        }
    }

    /// Whether the renewal falls on or before `today` + 30 days (it shows on the Dashboard).
    pub fn renewal_due(&self, today: NaiveDate) -> bool {
        matches!(
            self.renewal(today),
            RenewalState::DueSoon | RenewalState::Overdue
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn training(renew: Option<&str>) -> Training {
        Training {
            id: Uuid::nil(),
            trainee: "Alex".into(),
            topic: "GDPR basics".into(),
            completed_on: d("2025-03-01"),
            renew_on: renew.map(d),
        }
    }

    #[test]
    fn renewal_states_around_the_thirty_day_window() {
        let today = d("2026-03-01");
        for (renew, state) in [
            (None, RenewalState::NoRenewal),
            (Some("2026-02-28"), RenewalState::Overdue),
            (Some("2026-03-01"), RenewalState::DueSoon),
            (Some("2026-03-31"), RenewalState::DueSoon),
            (Some("2026-04-01"), RenewalState::Current),
        ] {
            let t = training(renew);
            assert_eq!(t.renewal(today), state, "{renew:?}");
            assert_eq!(
                t.renewal_due(today),
                matches!(state, RenewalState::DueSoon | RenewalState::Overdue)
            );
        }
    }

    #[test]
    fn checks_name_the_field() {
        let today = d("2026-03-01");
        assert!(training(Some("2026-03-01")).check(today).is_ok());
        let mut t = training(Some("2025-03-01"));
        assert!(t.check(today).unwrap_err().starts_with("Renew on"));
        t.renew_on = None;
        t.completed_on = d("2026-03-02");
        assert!(t.check(today).unwrap_err().starts_with("Completed on"));
        t.topic = String::new();
        assert!(t.check(today).unwrap_err().starts_with("Topic"));
        t.trainee = "  ".into();
        assert!(t.check(today).unwrap_err().starts_with("Trainee"));
    }
}
