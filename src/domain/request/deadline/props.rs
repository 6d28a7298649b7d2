//! Property tests (proptest) for the deadline rules in [`super::deadline`], beside the table
//! tests there: for any receipt date from 2000 to 2099, any request type, any holiday
//! calendar we ship (or none) and any identity date, the rules keep the properties the law
//! and the regulators' guidance imply.

use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use super::super::RequestType;
use super::{Deadline, DeadlineRule, Urgency, deadline};
use crate::domain::holidays::{HolidayCalendar, Jurisdiction};
use crate::domain::organisation::Regime;

const REGIMES: [Regime; 3] = [Regime::Gdpr, Regime::UkGdpr, Regime::CcpaCpra];

/// The calendars a request can be computed with: none, then each shipped preset (2000–2100,
/// so every due date of a receipt in 2000–2099 falls inside it).
fn calendars() -> &'static [HolidayCalendar] {
    static CALENDARS: OnceLock<Vec<HolidayCalendar>> = OnceLock::new();
    CALENDARS.get_or_init(|| {
        std::iter::once(HolidayCalendar::default())
            .chain(
                Jurisdiction::ALL
                    .iter()
                    .map(|j| HolidayCalendar::preset(*j, 2000..=2100)),
            )
            .collect()
    })
}

fn day() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    (0u64..36_500).prop_map(move |n| first + Days::new(n))
}

/// One request: regime, type, receipt, identity date (0–120 days after receipt, or before it
/// when negative), whether extended, calendar index.
#[derive(Clone, Debug)]
struct Case {
    regime: Regime,
    kind: RequestType,
    received: NaiveDate,
    asked: Option<NaiveDate>,
    identity: Option<NaiveDate>,
    extended: bool,
    calendar: usize,
}

impl Case {
    fn calendar(&self) -> &'static HolidayCalendar {
        &calendars()[self.calendar]
    }

    fn deadline(&self) -> Deadline {
        self.with(self.received, self.identity, self.extended)
    }

    fn with(&self, received: NaiveDate, identity: Option<NaiveDate>, extended: bool) -> Deadline {
        deadline(
            self.regime,
            self.kind,
            received,
            self.asked,
            identity,
            extended,
            self.calendar(),
        )
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        0usize..REGIMES.len(),
        0usize..RequestType::ALL.len(),
        day(),
        (
            proptest::option::of(-30i64..120),
            proptest::option::of(-5i64..60),
        ),
        any::<bool>(),
        0usize..(1 + Jurisdiction::ALL.len()),
    )
        .prop_map(
            |(r, k, received, (offset, asked), extended, calendar)| Case {
                regime: REGIMES[r],
                kind: RequestType::ALL[k],
                received,
                asked: asked.and_then(|o| received.checked_add_signed(chrono::Duration::days(o))),
                identity: offset
                    .and_then(|o| received.checked_add_signed(chrono::Duration::days(o))),
                extended,
                calendar,
            },
        )
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every date of the deadline is on or after receipt, and after the start of the clock.
    #[test]
    fn never_before_receipt(c in case()) {
        let dl = c.deadline();
        prop_assert!(dl.start >= c.received);
        prop_assert!(dl.first_period_end > dl.start, "{dl:?}");
        prop_assert!(dl.due >= dl.first_period_end, "{dl:?}");
        if let Some(end) = dl.extended_end {
            prop_assert!(end > dl.first_period_end, "{dl:?}");
        }
    }

    /// GDPR / UK GDPR: the due date (extended or not) is a working day, within a month (plus
    /// the roll-forward) of the start: the corresponding date or the month's last day.
    #[test]
    fn gdpr_due_is_a_working_day_about_a_month_on(c in case()) {
        let dl = c.deadline();
        if dl.rule != DeadlineRule::GdprMonth {
            return Ok(());
        }
        let cal = c.calendar();
        for due in [dl.first_period_end, dl.due] {
            prop_assert!(!is_weekend(due), "{due} is a weekend day: {dl:?}");
            prop_assert!(cal.is_working_day(due), "{due} is a holiday: {dl:?}");
        }
        let days = (dl.first_period_end - dl.start).num_days();
        // 28 days (31 Jan → 28 Feb) up to 31 days, then at most a long holiday weekend.
        prop_assert!((28..=31 + 6).contains(&days), "{days} days: {dl:?}");
        // The raw one-month date is never later than the due date, and no working day lies
        // between them.
        let raw = dl.start.checked_add_months(chrono::Months::new(1)).unwrap_or(NaiveDate::MAX);
        prop_assert!(raw <= dl.first_period_end);
        let mut d = raw;
        while d < dl.first_period_end {
            prop_assert!(!cal.is_working_day(d), "{d} was a working day before {dl:?}");
            d = d.succ_opt().unwrap_or(NaiveDate::MAX);
        }
    }

    /// An extension always ends later than the base deadline; applying it changes only `due`.
    #[test]
    fn an_extension_is_later_than_the_base_deadline(c in case()) {
        let plain = c.with(c.received, c.identity, false);
        let extended = c.with(c.received, c.identity, true);
        prop_assert_eq!(plain.first_period_end, extended.first_period_end);
        prop_assert_eq!(plain.due, plain.first_period_end);
        match extended.extended_end {
            Some(end) => {
                prop_assert!(extended.rule.extendable());
                prop_assert!(end > plain.due);
                prop_assert_eq!(extended.due, end);
            }
            None => {
                prop_assert!(!extended.rule.extendable());
                prop_assert_eq!(extended.due, plain.due);
            }
        }
    }

    /// CCPA/CPRA know, delete, correct: the 45th calendar day counting the day of receipt as
    /// day one (the 90th with the extension; Cal. Code Regs. tit. 11 § 7021(b)), whatever the
    /// identity date, never moved off a weekend.
    #[test]
    fn ccpa_is_exactly_45_days_after_receipt(c in case()) {
        let c = Case { regime: Regime::CcpaCpra, ..c };
        let dl = c.deadline();
        if dl.rule != DeadlineRule::Ccpa45Days {
            return Ok(());
        }
        prop_assert_eq!(dl.start, c.received);
        prop_assert_eq!((dl.first_period_end - c.received).num_days() + 1, 45);
        prop_assert_eq!(dl.extended_end.map(|e| (e - c.received).num_days() + 1), Some(90));
    }

    /// CCPA opt-out and limit: the 15th working day counting the day of receipt (when a working
    /// day) as the first, ending on a working day (§ 7026(f), § 7027(g), read with § 7021(b)).
    #[test]
    fn ccpa_opt_out_is_15_working_days(c in case(), opt_out in any::<bool>()) {
        let kind = if opt_out { RequestType::OptOut } else { RequestType::Limit };
        let c = Case { regime: Regime::CcpaCpra, kind, ..c };
        let dl = c.deadline();
        prop_assert_eq!(dl.rule, DeadlineRule::Ccpa15BusinessDays);
        prop_assert_eq!(dl.extended_end, None);
        let cal = c.calendar();
        prop_assert!(cal.is_working_day(dl.due));
        let mut working = u32::from(cal.is_working_day(c.received));
        let mut d = c.received;
        while d < dl.due {
            d = d.succ_opt().unwrap_or(NaiveDate::MAX);
            working += u32::from(cal.is_working_day(d));
        }
        prop_assert_eq!(working, 15, "{:?}", dl);
    }

    /// Identity or clarification arriving never shortens the time: the deadline with it is
    /// never earlier than without it, and under the GDPR the clock starts on that day when it
    /// was asked for, never before the day it was asked (Art. 12(6)).
    #[test]
    fn an_identity_restart_never_shortens(c in case()) {
        let without = c.with(c.received, None, c.extended);
        let with = c.deadline();
        prop_assert!(with.due >= without.due, "{with:?} vs {without:?}");
        prop_assert!(with.first_period_end >= without.first_period_end);
        let expected_start = match (c.asked, c.identity) {
            (Some(a), Some(i)) if with.rule == DeadlineRule::GdprMonth => {
                i.max(a).max(c.received)
            }
            _ => c.received,
        };
        prop_assert_eq!(with.start, expected_start);
    }

    /// A request received later is never due earlier (same regime, type, calendar, extension).
    #[test]
    fn monotonic_in_the_receipt_date(c in case(), later in 0u64..400) {
        let second = c.received + Days::new(later);
        let a = c.with(c.received, None, c.extended);
        let b = c.with(second, None, c.extended);
        prop_assert!(b.due >= a.due, "{a:?} then {b:?}");
        prop_assert!(b.first_period_end >= a.first_period_end);
    }

    /// Urgency: overdue exactly when the due date has passed, unless paused.
    #[test]
    fn urgency_follows_the_due_date(c in case(), offset in -60i64..60, paused in any::<bool>()) {
        let dl = c.deadline();
        let today = dl.due.checked_add_signed(chrono::Duration::days(offset)).unwrap_or(dl.due);
        let u = Urgency::of(dl.due, today, paused);
        if paused {
            prop_assert_eq!(u, Urgency::Paused);
        } else {
            prop_assert_eq!(u == Urgency::Overdue, today > dl.due);
            prop_assert_eq!(u == Urgency::OnTrack, (dl.due - today).num_days() >= Urgency::SOON_DAYS);
        }
    }
}
