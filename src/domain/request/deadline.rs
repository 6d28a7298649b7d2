//! When a data-subject request must be answered, exactly as the law and the regulators read it.
//!
//! | Regime | Rule | Source |
//! |---|---|---|
//! | GDPR, UK GDPR | One month from receipt; the day of receipt is day one, so the answer is due on the corresponding date of the next month, or that month's last day when it has no such date; a due date on a weekend or public holiday moves to the next working day. | Art. 12(3) GDPR / UK GDPR; ICO, *Right of access — time limits* ("calculate the time limit from the day you receive the request … until the corresponding calendar date in the next month … if this is not possible … the last day of the following month … if the corresponding date falls on a weekend or a public holiday, you have until the next working day"); EDPB Guidelines 01/2022 on the right of access, §§ 157–159, applying Regulation 1182/71 Art. 3(4). |
//! | GDPR, UK GDPR | When the controller asked for identity (Art. 12(6)) or for clarification, the month runs from the day that information arrives — only when it was actually asked for, and never from a day before it was asked (see [`super::identity`]). | ICO, *Right of access — time limits*, "when the time limit starts"; EDPB Guidelines 01/2022 § 159. |
//! | GDPR, UK GDPR | Extension "by two further months where necessary, taking into account the complexity and number of the requests"; the person must be told, with the reasons, within the first month (see [`super::extension`]). Computed as three months from the start with the same corresponding-date and working-day rules. | Art. 12(3) second and third sentences. |
//! | CCPA/CPRA | 45 calendar days; the day of receipt is day one ("the 45-day period will begin on the day that the business receives the request, regardless of time required to verify the request"), so the answer is due on the 44th day after receipt; one extension to "a maximum total of 90 calendar days from the day the request is received" (the 89th day after receipt) when reasonably necessary, with notice and the reason within the first 45 days. Calendar periods are not moved off weekends: the regulations speak of calendar days. | Cal. Code Regs. tit. 11 § 7021(b); Cal. Civ. Code § 1798.130(a)(2)(A). |
//! | CCPA/CPRA | Opt-out of sale/sharing and limit use of sensitive personal information: as soon as feasible and no later than 15 business days from receipt; no extension. Counted the same way as the 45 days: the day of receipt is day one when it is a business day (else the next business day is), so the answer is due on the 15th business day. | Cal. Code Regs. tit. 11 § 7026(f) and § 7027(g), read with § 7021(b). |

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RequestType;
use super::fulfilment::Fulfilment;
use crate::domain::holidays::HolidayCalendar;
use crate::domain::organisation::Regime;

/// Which rule fixed a due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineRule {
    /// GDPR / UK GDPR Art. 12(3): one month, extendable by two.
    GdprMonth,
    /// CCPA § 1798.130(a)(2): 45 calendar days, extendable once by 45.
    Ccpa45Days,
    /// CCPA regulations § 7026(f) / § 7027(g): 15 business days, no extension.
    Ccpa15BusinessDays,
}

impl DeadlineRule {
    /// The rule for a regime and type.
    pub fn for_request(regime: Regime, kind: RequestType) -> Self {
        match (regime, kind.fulfilment()) {
            (Regime::Gdpr | Regime::UkGdpr, _) => Self::GdprMonth,
            (Regime::CcpaCpra, Fulfilment::OptOutOfSale | Fulfilment::LimitSensitiveUse) => {
                Self::Ccpa15BusinessDays
            }
            (
                Regime::CcpaCpra,
                Fulfilment::AccessPackage
                | Fulfilment::Rectification
                | Fulfilment::Erasure
                | Fulfilment::Restriction
                | Fulfilment::ConsentWithdrawal,
            ) => Self::Ccpa45Days,
        }
    }

    /// Whether the deadline can be extended.
    pub fn extendable(self) -> bool {
        !matches!(self, Self::Ccpa15BusinessDays)
    }

    /// Whether asking for identity or clarification restarts the clock (the answer's day then
    /// starts it, see [`super::identity::clock_start`]).
    pub fn restarts_on_identity(self) -> bool {
        matches!(self, Self::GdprMonth)
    }

    /// The rule in words, with its source, for the request page.
    pub fn explain(self) -> &'static str {
        match self {
            Self::GdprMonth => {
                "One month from receipt (the day of receipt is day one), moved to the next working day when it ends on a weekend or public holiday; two more months for complex or numerous requests if the person is told within the first month (Art. 12(3))."
            }
            Self::Ccpa45Days => {
                "45 calendar days, the day of receipt being day one, whatever the time taken to verify identity; one 45-day extension (90 days in all) when reasonably necessary, with notice within the first 45 days (Cal. Code Regs. tit. 11 § 7021(b); Cal. Civ. Code § 1798.130(a)(2))."
            }
            Self::Ccpa15BusinessDays => {
                "As soon as feasible and no later than 15 business days from receipt, the day of receipt (if a business day) being day one; no extension (Cal. Code Regs. tit. 11 § 7026(f), § 7027(g))."
            }
        }
    }
}

/// The due dates of one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The rule applied.
    pub rule: DeadlineRule,
    /// The day the clock started: receipt, or (GDPR) the day the identity asked for arrived.
    pub start: NaiveDate,
    /// The end of the first period: the due date without extension, and the last day on which
    /// an extension may be notified.
    pub first_period_end: NaiveDate,
    /// The due date with the extension, when the rule allows one.
    pub extended_end: Option<NaiveDate>,
    /// The date that applies now: `extended_end` when extended, else `first_period_end`.
    pub due: NaiveDate,
    /// The day receipt must be confirmed by, when the rule applies (CCPA know, delete and
    /// correct: 10 business days, 11 CCR § 7021(a); see [`super::acknowledgement`]).
    pub acknowledge_by: Option<NaiveDate>,
}

/// The day a request's clock starts.
///
/// `asked` is the day identity was asked for, `answered` the day it arrived. Only under a rule
/// that restarts on identity, and only when it was asked, does the answer move the start; the
/// start is then the latest of receipt, the question and the answer. A day of answer recorded
/// without a question (as stores written before issue 16 could hold) is ignored.
pub fn clock_start(
    rule: DeadlineRule,
    received: NaiveDate,
    asked: Option<NaiveDate>,
    answered: Option<NaiveDate>,
) -> NaiveDate {
    match (asked, answered) {
        (Some(asked), Some(answered)) if rule.restarts_on_identity() => {
            received.max(asked).max(answered)
        }
        _ => received,
    }
}

/// Computes a request's deadline.
///
/// `identity_asked` is the day identity or clarification was asked for, `identity_received`
/// the day it arrived; together they may move the start under the GDPR rule
/// ([`super::identity::clock_start`]). `calendar` holds the public holidays of the
/// jurisdiction whose working days count (the GDPR roll-forward and CCPA business days).
pub fn deadline(
    regime: Regime,
    kind: RequestType,
    received: NaiveDate,
    identity_asked: Option<NaiveDate>,
    identity_received: Option<NaiveDate>,
    extended: bool,
    calendar: &HolidayCalendar,
) -> Deadline {
    let rule = DeadlineRule::for_request(regime, kind);
    let start = clock_start(rule, received, identity_asked, identity_received);
    let (first_period_end, extended_end) = match rule {
        DeadlineRule::GdprMonth => (
            gdpr_months(start, 1, calendar),
            Some(gdpr_months(start, 3, calendar)),
        ),
        // § 7021(b): day one is the day of receipt, so day 45 is 44 days after it.
        DeadlineRule::Ccpa45Days => (plus_days(start, 44), Some(plus_days(start, 89))),
        // Day one is the first business day on or after receipt; 14 more business days.
        DeadlineRule::Ccpa15BusinessDays => (
            calendar.add_working_days(calendar.working_day_on_or_after(start), 14),
            None,
        ),
    };
    let due = match extended_end {
        Some(end) if extended => end,
        _ => first_period_end,
    };
    Deadline {
        acknowledge_by: super::acknowledgement::acknowledge_by(regime, kind, received, calendar),
        rule,
        start,
        first_period_end,
        extended_end,
        due,
    }
}

/// `months` calendar months after `start` (the corresponding date, or the month's last day),
/// then the next working day.
fn gdpr_months(start: NaiveDate, months: u32, calendar: &HolidayCalendar) -> NaiveDate {
    // chrono clamps to the month's last day when the corresponding date does not exist,
    // which is the regulators' rule; it only fails past the year 262143.
    let raw = start
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    calendar.working_day_on_or_after(raw)
}

fn plus_days(start: NaiveDate, days: u64) -> NaiveDate {
    start
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// How pressing an open request is on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Past its due date.
    Overdue,
    /// Due within the next seven days (today included).
    DueSoon,
    /// More than seven days left.
    OnTrack,
    /// Waiting for the person's identity or clarification: the GDPR clock is stopped.
    Paused,
}

impl Urgency {
    /// Days counted as "due soon".
    pub const SOON_DAYS: i64 = 7;

    /// The urgency of a due date.
    pub fn of(due: NaiveDate, today: NaiveDate, paused: bool) -> Self {
        let left = (due - today).num_days();
        if paused {
            Self::Paused
        } else if left < 0 {
            Self::Overdue
        } else if left < Self::SOON_DAYS {
            Self::DueSoon
        } else {
            Self::OnTrack
        }
    }

    /// Words for the inbox.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::DueSoon => "Due soon",
            Self::OnTrack => "On track",
            Self::Paused => "Waiting for the person",
        }
    }
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
