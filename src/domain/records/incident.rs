//! The incident log: personal data breaches as GDPR Art. 33(5) requires them documented ("the
//! facts relating to the personal data breach, its effects and the remedial action taken"),
//! with the notification rules of Art. 33(1) and Art. 34(1).
//!
//! - **The 72 hours.** A breach is notified to the supervisory authority "without undue delay
//!   and, where feasible, not later than 72 hours after having become aware of it" (Art. 33(1);
//!   the UK GDPR keeps the same rule, with the ICO as the authority). The hours are clock hours:
//!   nights, weekends and public holidays count (Regulation 1182/71 Art. 3(3); EDPB Guidelines
//!   9/2022 on personal data breach notification, which take up WP250). The deadline here is
//!   exactly `aware_at` + 72 hours, a conservative reading (it does not round up to the end of
//!   the hour of awareness).
//! - **Becoming aware.** The clock starts when the controller has "a reasonable degree of
//!   certainty that a security incident has occurred that has led to personal data being
//!   compromised" (EDPB Guidelines 9/2022), not when the breach happened.
//! - **No notification needed** when the breach "is unlikely to result in a risk to the rights
//!   and freedoms of natural persons" (Art. 33(1)); the decision and its reasons are still
//!   logged (Art. 33(5)).
//! - **Late notification.** "Where the notification … is not made within 72 hours, it shall be
//!   accompanied by reasons for the delay" (Art. 33(1), second sentence).
//! - **Telling the people.** A breach "likely to result in a high risk" is also communicated to
//!   the people concerned without undue delay (Art. 34(1)), save the exceptions of Art. 34(3).
//!
//! What happened, its effects, the remedial action, the reason for a delay, the risk
//! assessment and the categories involved are the incident's details, which the store seals
//! (they can name people). The dates and the notification times stay plain.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::CategoryCode;

pub mod people;

pub use people::{
    Art34Exception, Art34Ground, CommunicationMethod, PeopleCommunication, check_people_told,
};

/// Hours from becoming aware of a breach to the notification deadline (Art. 33(1)).
pub const NOTIFICATION_HOURS: i64 = 72;

/// The last moment the supervisory authority may be notified without giving reasons for a
/// delay: `aware_at` + 72 clock hours (Art. 33(1); EDPB Guidelines 9/2022).
pub fn notification_deadline(aware_at: DateTime<Utc>) -> DateTime<Utc> {
    aware_at + TimeDelta::hours(NOTIFICATION_HOURS)
}

/// The officer's assessment of the risk the breach poses to people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreachRisk {
    /// Not assessed yet: the 72-hour clock runs.
    #[default]
    NotAssessed,
    /// Unlikely to result in a risk to people's rights and freedoms: no notification needed
    /// (Art. 33(1)); the reasoning is logged.
    Unlikely,
    /// A risk: notify the supervisory authority (Art. 33(1)).
    Risk,
    /// A high risk: notify the authority and tell the people concerned (Art. 34(1)).
    HighRisk,
}

impl BreachRisk {
    /// Every level.
    pub const ALL: [BreachRisk; 4] = [
        Self::NotAssessed,
        Self::Unlikely,
        Self::Risk,
        Self::HighRisk,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotAssessed => "not-assessed",
            Self::Unlikely => "unlikely",
            Self::Risk => "risk",
            Self::HighRisk => "high-risk",
        }
    }

    /// The level for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotAssessed => "Not assessed yet",
            Self::Unlikely => "Unlikely to result in a risk (no notification needed)",
            Self::Risk => "A risk to people (notify the authority)",
            Self::HighRisk => "A high risk to people (notify the authority and tell the people)",
        }
    }
}

/// Where the notification to the supervisory authority stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationStatus {
    /// Not notified, the 72 hours are still running.
    WithinDeadline,
    /// Notified within the 72 hours.
    NotifiedOnTime,
    /// Notified after the 72 hours (the reasons for the delay are logged).
    NotifiedLate,
    /// Not notified, the 72 hours have passed, and the risk was not assessed as unlikely.
    Overdue,
    /// Not notified because the breach is unlikely to result in a risk (Art. 33(1)).
    NotRequired,
}

impl NotificationStatus {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::WithinDeadline => "within-deadline",
            Self::NotifiedOnTime => "notified-on-time",
            Self::NotifiedLate => "notified-late",
            Self::Overdue => "overdue",
            Self::NotRequired => "not-required",
        }
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::WithinDeadline => "72-hour clock running",
            Self::NotifiedOnTime => "Authority notified on time",
            Self::NotifiedLate => "Authority notified late",
            Self::Overdue => "Notification overdue",
            Self::NotRequired => "No notification needed",
        }
    }

    /// Whether the officer still has to decide (notify, or assess the risk as unlikely).
    pub fn needs_decision(self) -> bool {
        matches!(self, Self::WithinDeadline | Self::Overdue)
    }
}

/// Where the notification stands at `now` (Art. 33(1)): a notification at the deadline itself
/// is on time; without one, the clock runs up to and including the deadline, then it is
/// overdue unless the risk was assessed as unlikely.
pub fn notification_status(
    aware_at: DateTime<Utc>,
    notified_at: Option<DateTime<Utc>>,
    risk: BreachRisk,
    now: DateTime<Utc>,
) -> NotificationStatus {
    let deadline = notification_deadline(aware_at);
    match notified_at {
        Some(t) if t <= deadline => NotificationStatus::NotifiedOnTime,
        Some(_) => NotificationStatus::NotifiedLate,
        None if risk == BreachRisk::Unlikely => NotificationStatus::NotRequired,
        None if now <= deadline => NotificationStatus::WithinDeadline,
        None => NotificationStatus::Overdue,
    }
}

/// The time to a deadline in words: "71 h 59 min left", "2 h 5 min overdue", "3 days overdue"
/// (days only once two days overdue: the 72 hours themselves are counted in hours).
pub fn time_left_words(deadline: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let span = deadline - now;
    let (span, suffix) = if span >= TimeDelta::zero() {
        (span, "left")
    } else {
        (-span, "overdue")
    };
    let hours = span.num_hours();
    let minutes = span.num_minutes() % 60;
    if hours >= 48 && suffix == "overdue" {
        format!("{} days {suffix}", hours / 24)
    } else {
        format!("{hours} h {minutes} min {suffix}")
    }
}

/// Reads a time as typed: RFC 3339 (`2026-03-02T14:30:00+01:00`) or `YYYY-MM-DD HH:MM[:SS]`
/// (taken as UTC). The error names `field`.
pub fn parse_time(field: &str, text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(t.and_utc());
        }
    }
    Err(format!(
        "{field}: write the time as YYYY-MM-DD HH:MM in UTC (e.g. 2026-03-02 14:30) or as RFC 3339 with its offset (e.g. 2026-03-02T15:30:00+01:00)"
    ))
}

/// What the officer writes about a breach; sealed together in the store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentDetails {
    /// Art. 33(5): the facts — what happened, how it was found, what data and whom it concerns.
    pub facts: String,
    /// Art. 33(5): its effects, and the likely consequences for the people (Art. 33(3)(c)).
    #[serde(default)]
    pub effects: String,
    /// Art. 33(5): the remedial action taken or proposed, including to mitigate its possible
    /// adverse effects (Art. 33(3)(d)).
    #[serde(default)]
    pub remedial_action: String,
    /// Art. 33(1): why the authority was notified after the 72 hours (required then).
    #[serde(default)]
    pub reason_for_delay: String,
    /// The risk assessment that decides the notifications.
    #[serde(default)]
    pub risk: BreachRisk,
    /// Why the risk was assessed so (e.g. "the laptop was encrypted").
    #[serde(default)]
    pub risk_reasoning: String,
    /// Art. 33(3)(a): the categories of personal data concerned (codes of the taxonomy).
    #[serde(default)]
    pub data_categories: Vec<CategoryCode>,
    /// Art. 33(3)(a): the approximate number of people concerned, when known.
    #[serde(default)]
    pub people_affected: Option<u64>,
    /// Art. 34(1): when and how the people concerned were told, if they were.
    #[serde(default)]
    pub people_told: Option<PeopleCommunication>,
    /// Art. 34(3): the exception relied on for not telling them, if any.
    #[serde(default)]
    pub art34_exception: Option<Art34Exception>,
}

/// What is entered about a breach: when, the details, and the notifications made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentEntry {
    /// The day the breach happened, when known.
    pub occurred_on: Option<NaiveDate>,
    /// When the business became aware of it: the 72-hour clock starts here.
    pub aware_at: DateTime<Utc>,
    /// The facts, effects, remedial action, risk (sealed).
    pub details: IncidentDetails,
    /// When the supervisory authority was notified, if it was.
    pub authority_notified_at: Option<DateTime<Utc>>,
    /// Whether the people concerned were told (Art. 34).
    pub subjects_notified: bool,
}

impl IncidentEntry {
    /// A new entry: aware at `aware_at`, with `details`, nobody notified yet.
    pub fn new(aware_at: DateTime<Utc>, details: IncidentDetails) -> Self {
        Self {
            occurred_on: None,
            aware_at,
            details,
            authority_notified_at: None,
            subjects_notified: false,
        }
    }

    /// The notification deadline: `aware_at` + 72 hours (Art. 33(1)).
    pub fn deadline(&self) -> DateTime<Utc> {
        notification_deadline(self.aware_at)
    }

    /// Where the notification stands at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> NotificationStatus {
        notification_status(
            self.aware_at,
            self.authority_notified_at,
            self.details.risk,
            now,
        )
    }

    /// Whether the notification was (or would be) late: after the deadline.
    pub fn notified_late(&self) -> bool {
        self.authority_notified_at
            .is_some_and(|t| t > self.deadline())
    }

    /// Whether the people concerned still have to be told: a high risk with neither the
    /// communication (day and method) nor an Art. 34(3) exception recorded (Art. 34(1)). The
    /// plain `subjects_notified` flag alone does not settle it: it says neither when nor how.
    pub fn people_to_tell(&self) -> bool {
        self.people_decision().is_err()
    }

    /// Whether telling the people is settled for closing (Art. 34(1), 34(3)); the error says
    /// what to record.
    pub fn people_decision(&self) -> Result<(), String> {
        check_people_told(
            self.details.risk,
            self.details.people_told.as_ref(),
            self.details.art34_exception.as_ref(),
        )
    }

    /// Checks the entry at `now`; the message names the field.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), String> {
        if self.details.facts.trim().is_empty() {
            return Err("Facts: describe what happened, how it was found and what data it concerns (GDPR Art. 33(5))".into());
        }
        if self.aware_at > now {
            return Err("Became aware at: the time is in the future; give the time you learned of the breach".into());
        }
        if self
            .occurred_on
            .is_some_and(|d| d > self.aware_at.date_naive())
        {
            return Err(
                "Occurred on: the day is after the time you became aware of the breach; check both"
                    .into(),
            );
        }
        if let Some(t) = self.authority_notified_at {
            if t < self.aware_at {
                return Err("Authority notified at: the time is before you became aware of the breach; check both".into());
            }
            if t > now {
                return Err("Authority notified at: the time is in the future; record the notification once it is made".into());
            }
        }
        if let Some(told) = &self.details.people_told {
            if told.on < self.aware_at.date_naive() {
                return Err(
                    "People told on: the day is before you became aware of the breach; check both"
                        .into(),
                );
            }
            if told.on > now.date_naive() {
                return Err("People told on: the day is in the future; record the communication once it is made".into());
            }
        }
        if let Some(e) = &self.details.art34_exception {
            e.check()?;
            if e.public_notice_on.is_some_and(|d| d > now.date_naive()) {
                return Err(
                    "Public communication on: the day is in the future; record it once it is made"
                        .into(),
                );
            }
        }
        if self.notified_late() && self.details.reason_for_delay.trim().is_empty() {
            return Err(format!(
                "Reason for delay: the authority was notified {} after becoming aware, later than 72 hours; GDPR Art. 33(1) requires the reasons for the delay",
                span_words(self.authority_notified_at.unwrap_or(self.aware_at) - self.aware_at)
            ));
        }
        Ok(())
    }
}

/// A span in hours and minutes ("75 h 30 min").
fn span_words(span: TimeDelta) -> String {
    format!("{} h {} min", span.num_hours(), span.num_minutes() % 60)
}

/// One entry of the incident log as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Incident {
    /// Its id.
    pub id: Uuid,
    /// Its number in the log (the reference is `INC-0001`).
    pub number: i64,
    /// What was entered.
    #[serde(flatten)]
    pub entry: IncidentEntry,
    /// The day it was closed, if it was.
    pub closed_on: Option<NaiveDate>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

impl Incident {
    /// The reference shown and typed: `INC-0001`.
    pub fn reference(&self) -> String {
        reference(self.number)
    }

    /// Checks that it may be closed: the notification decided (notified, or the risk assessed
    /// as unlikely), the Art. 33(5) record complete (effects, remedial action), and for a high
    /// risk the people told or an Art. 34(3) exception recorded (Art. 34(1)).
    pub fn check_close(&self, now: DateTime<Utc>) -> Result<(), String> {
        if self.entry.status(now).needs_decision() {
            return Err("Close: record when the supervisory authority was notified, or assess the risk as unlikely (no notification needed, Art. 33(1)), before closing".into());
        }
        if self.entry.details.effects.trim().is_empty() {
            return Err(
                "Effects: describe the breach's effects before closing (GDPR Art. 33(5))".into(),
            );
        }
        if self.entry.details.remedial_action.trim().is_empty() {
            return Err("Remedial action: describe what was done about the breach before closing (GDPR Art. 33(5))".into());
        }
        self.entry.people_decision()
    }
}

/// The reference of incident number `number`: `INC-0001`.
pub fn reference(number: i64) -> String {
    format!("INC-{number:04}")
}

/// The number in a reference as typed: `INC-0003`, `inc-3` or `3`.
pub fn parse_reference(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = match text.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("inc-") => &text[4..],
        _ => text,
    };
    digits.parse::<i64>().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests;
