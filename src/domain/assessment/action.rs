//! The action plan: the measures an assessment decides, each with an owner, a due date and a
//! status, linked to the risks it reduces (GDPR Art. 35(7)(d)).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a measure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureStatus {
    /// Decided, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Done,
}

impl MeasureStatus {
    /// Every status.
    pub const ALL: [MeasureStatus; 3] = [Self::Planned, Self::InProgress, Self::Done];

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::InProgress => "In progress",
            Self::Done => "Done",
        }
    }
}

/// One measure of the action plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// Stable id within the assessment (`M1`, `M2`, …).
    pub id: String,
    /// What will be done.
    pub title: String,
    /// Details.
    #[serde(default)]
    pub description: String,
    /// Who is responsible (a role or a name).
    #[serde(default)]
    pub owner: String,
    /// When it is due.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: MeasureStatus,
    /// The risks it reduces (risk ids).
    #[serde(default)]
    pub risks: Vec<String>,
}

impl Measure {
    /// Not done and past its due date at `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != MeasureStatus::Done && self.due_on.is_some_and(|d| d < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_means_not_done_and_past_the_due_day() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut m = Measure {
            id: "M1".into(),
            title: "Sign the DPA".into(),
            description: String::new(),
            owner: "Owner".into(),
            due_on: Some(day(20)),
            status: MeasureStatus::Planned,
            risks: vec![],
        };
        assert!(!m.is_overdue(day(20)), "due today is not overdue");
        assert!(m.is_overdue(day(21)));
        m.status = MeasureStatus::Done;
        assert!(!m.is_overdue(day(21)));
        m.status = MeasureStatus::InProgress;
        m.due_on = None;
        assert!(!m.is_overdue(day(21)));
    }
}
