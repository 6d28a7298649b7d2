//! The preset tables: each jurisdiction's recurring holidays and one-off changes, with their
//! sources, and the small functions that turn a rule into a date (weekend moves, Easter).

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Holiday;

// ---------------------------------------------------------------------------------------------
// Rules as data
// ---------------------------------------------------------------------------------------------

/// Where a recurring holiday falls in a year, before any weekend adjustment.
#[derive(Clone, Copy, Debug)]
pub(super) enum When {
    /// The same month and day every year.
    Fixed { month: u32, day: u32 },
    /// The `n`th (1-based) `weekday` of `month`.
    Nth { month: u32, weekday: Weekday, n: u8 },
    /// The last `weekday` of `month`.
    Last { month: u32, weekday: Weekday },
    /// This many days after (negative: before) Easter Sunday.
    Easter(i8),
    /// Ireland's St Brigid's Day: 1 February when that is a Friday, otherwise the first Monday
    /// in February (Organisation of Working Time Act 1997, Sch. 2, as amended in 2022).
    StBrigid,
}

/// What happens when a holiday falls on a Saturday or Sunday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OnWeekend {
    /// Nothing: the rule always gives a weekday (a Monday, Good Friday, …).
    Stay,
    /// UK and Irish practice: the next weekday that is not already a holiday, taken in table
    /// order after every holiday that falls on a weekday has been placed. Christmas on a
    /// Saturday thus gives Christmas on Monday 27 and Boxing Day on Tuesday 28; Christmas on a
    /// Sunday gives Boxing Day on Monday 26 and Christmas on Tuesday 27.
    Substitute,
    /// US federal practice (5 U.S.C. § 6103(b), Executive Order 11582): Saturday → the Friday
    /// before, Sunday → the Monday after.
    Observed,
}

/// A recurring holiday.
#[derive(Clone, Copy, Debug)]
pub(super) struct Rule {
    /// The holiday's name.
    name: &'static str,
    /// Where it falls.
    when: When,
    /// What a weekend does to it.
    on_weekend: OnWeekend,
    /// The first year it applies.
    since: i32,
}

/// A change made for one year only: an extra holiday, or a holiday moved to another date.
#[derive(Clone, Copy, Debug)]
pub(super) struct OneOff {
    /// The date as (year, month, day).
    date: (i32, u32, u32),
    /// The holiday's name on that date.
    name: &'static str,
    /// The rule (by name) whose usual date that year this one replaces, if it is a move.
    replaces: Option<&'static str>,
}

/// For rules that have always applied (within the years presets are meant for).
pub(super) const ALWAYS: i32 = i32::MIN;

/// Shorthand for a rule in the tables below.
pub(super) const fn rule(
    name: &'static str,
    when: When,
    on_weekend: OnWeekend,
    since: i32,
) -> Rule {
    Rule {
        name,
        when,
        on_weekend,
        since,
    }
}

// The UK bank holidays that England and Wales, Scotland and Northern Ireland share (Banking
// and Financial Dealings Act 1971, Sch. 1, and the Royal Proclamations cited with each list).
pub(super) const NEW_YEARS_DAY: Rule = rule(
    "New Year's Day",
    When::Fixed { month: 1, day: 1 },
    OnWeekend::Substitute,
    ALWAYS,
);
pub(super) const GOOD_FRIDAY: Rule = rule("Good Friday", When::Easter(-2), OnWeekend::Stay, ALWAYS);
pub(super) const EASTER_MONDAY: Rule =
    rule("Easter Monday", When::Easter(1), OnWeekend::Stay, ALWAYS);
pub(super) const EARLY_MAY: Rule = rule(
    "Early May bank holiday",
    When::Nth {
        month: 5,
        weekday: Weekday::Mon,
        n: 1,
    },
    OnWeekend::Stay,
    1978,
);
pub(super) const SPRING_BANK: Rule = rule(
    "Spring bank holiday",
    When::Last {
        month: 5,
        weekday: Weekday::Mon,
    },
    OnWeekend::Stay,
    ALWAYS,
);
pub(super) const CHRISTMAS_DAY: Rule = rule(
    "Christmas Day",
    When::Fixed { month: 12, day: 25 },
    OnWeekend::Substitute,
    ALWAYS,
);
pub(super) const BOXING_DAY: Rule = rule(
    "Boxing Day",
    When::Fixed { month: 12, day: 26 },
    OnWeekend::Substitute,
    ALWAYS,
);

/// England and Wales bank holidays.
///
/// Sources: the Banking and Financial Dealings Act 1971, s. 1 and Sch. 1 (Easter Monday, the
/// last Mondays in May and August, 26 December or 27 December when the 26th is a Sunday);
/// New Year's Day and the first Monday in May by annual Royal Proclamation under s. 1(3)
/// (since 1974 and 1978); Good Friday and Christmas Day are common-law holidays; substitute
/// days as published at <https://www.gov.uk/bank-holidays>.
pub(super) const ENGLAND_WALES_RULES: &[Rule] = &[
    NEW_YEARS_DAY,
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING_BANK,
    rule(
        "Summer bank holiday",
        When::Last {
            month: 8,
            weekday: Weekday::Mon,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    CHRISTMAS_DAY,
    BOXING_DAY,
];

/// England and Wales one-off bank holidays and moves, by Royal Proclamation under the Banking
/// and Financial Dealings Act 1971, s. 1(3); dates as published at
/// <https://www.gov.uk/bank-holidays> (2018 on) and in the London Gazette (earlier).
pub(super) const ENGLAND_WALES_ONE_OFFS: &[OneOff] = &[
    OneOff {
        date: (1995, 5, 8),
        name: "Early May bank holiday (VE day)",
        replaces: Some("Early May bank holiday"),
    },
    OneOff {
        date: (1999, 12, 31),
        name: "Millennium bank holiday",
        replaces: None,
    },
    OneOff {
        date: (2002, 6, 3),
        name: "Golden Jubilee bank holiday",
        replaces: None,
    },
    OneOff {
        date: (2002, 6, 4),
        name: "Spring bank holiday",
        replaces: Some("Spring bank holiday"),
    },
    OneOff {
        date: (2011, 4, 29),
        name: "Royal wedding bank holiday",
        replaces: None,
    },
    OneOff {
        date: (2012, 6, 4),
        name: "Spring bank holiday",
        replaces: Some("Spring bank holiday"),
    },
    OneOff {
        date: (2012, 6, 5),
        name: "Diamond Jubilee bank holiday",
        replaces: None,
    },
    OneOff {
        date: (2020, 5, 8),
        name: "Early May bank holiday (VE day)",
        replaces: Some("Early May bank holiday"),
    },
    OneOff {
        date: (2022, 6, 2),
        name: "Spring bank holiday",
        replaces: Some("Spring bank holiday"),
    },
    OneOff {
        date: (2022, 6, 3),
        name: "Platinum Jubilee bank holiday",
        replaces: None,
    },
    OneOff {
        date: (2022, 9, 19),
        name: "Bank Holiday for the State Funeral of Queen Elizabeth II",
        replaces: None,
    },
    OneOff {
        date: (2023, 5, 8),
        name: "Bank holiday for the coronation of King Charles III",
        replaces: None,
    },
];

/// Irish public holidays.
///
/// Sources: Organisation of Working Time Act 1997, Schedule 2 (as amended by the 2022 public
/// holidays regulations: St Brigid's Day from 2023); the weekend rule follows the days published at
/// <https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/>.
/// The Act gives an entitlement (a day off, a day's pay or an extra day of leave) rather than a
/// substitute date; the next weekday is the day generally observed and the one we count.
pub(super) const IRELAND_RULES: &[Rule] = &[
    rule(
        "New Year's Day",
        When::Fixed { month: 1, day: 1 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
    rule("St Brigid's Day", When::StBrigid, OnWeekend::Stay, 2023),
    rule(
        "St Patrick's Day",
        When::Fixed { month: 3, day: 17 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
    rule("Easter Monday", When::Easter(1), OnWeekend::Stay, ALWAYS),
    rule(
        "May bank holiday",
        When::Nth {
            month: 5,
            weekday: Weekday::Mon,
            n: 1,
        },
        OnWeekend::Stay,
        1994,
    ),
    rule(
        "June bank holiday",
        When::Nth {
            month: 6,
            weekday: Weekday::Mon,
            n: 1,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "August bank holiday",
        When::Nth {
            month: 8,
            weekday: Weekday::Mon,
            n: 1,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "October bank holiday",
        When::Last {
            month: 10,
            weekday: Weekday::Mon,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Christmas Day",
        When::Fixed { month: 12, day: 25 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
    rule(
        "St Stephen's Day",
        When::Fixed { month: 12, day: 26 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
];

/// Irish one-off public holidays: the Day of Remembrance and Recognition, Friday 18 March 2022
/// (designated by the 2022 public holidays regulations; citizensinformation.ie).
pub(super) const IRELAND_ONE_OFFS: &[OneOff] = &[OneOff {
    date: (2022, 3, 18),
    name: "Day of Remembrance and Recognition",
    replaces: None,
}];

/// United States federal holidays.
///
/// Source: 5 U.S.C. § 6103(a) (names and dates; Martin Luther King Jr.'s birthday from 1986,
/// Juneteenth from 2021) and § 6103(b) with Executive Order 11582 for observed days, as applied
/// in OPM's yearly lists at
/// <https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/>.
pub(super) const US_FEDERAL_RULES: &[Rule] = &[
    rule(
        "New Year's Day",
        When::Fixed { month: 1, day: 1 },
        OnWeekend::Observed,
        ALWAYS,
    ),
    rule(
        "Birthday of Martin Luther King, Jr.",
        When::Nth {
            month: 1,
            weekday: Weekday::Mon,
            n: 3,
        },
        OnWeekend::Stay,
        1986,
    ),
    rule(
        "Washington's Birthday",
        When::Nth {
            month: 2,
            weekday: Weekday::Mon,
            n: 3,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Memorial Day",
        When::Last {
            month: 5,
            weekday: Weekday::Mon,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Juneteenth National Independence Day",
        When::Fixed { month: 6, day: 19 },
        OnWeekend::Observed,
        2021,
    ),
    rule(
        "Independence Day",
        When::Fixed { month: 7, day: 4 },
        OnWeekend::Observed,
        ALWAYS,
    ),
    rule(
        "Labor Day",
        When::Nth {
            month: 9,
            weekday: Weekday::Mon,
            n: 1,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Columbus Day",
        When::Nth {
            month: 10,
            weekday: Weekday::Mon,
            n: 2,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Veterans Day",
        When::Fixed { month: 11, day: 11 },
        OnWeekend::Observed,
        ALWAYS,
    ),
    rule(
        "Thanksgiving Day",
        When::Nth {
            month: 11,
            weekday: Weekday::Thu,
            n: 4,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Christmas Day",
        When::Fixed { month: 12, day: 25 },
        OnWeekend::Observed,
        ALWAYS,
    ),
];

/// US federal one-offs: none. Closures by executive order are not holidays under § 6103.
pub(super) const US_FEDERAL_ONE_OFFS: &[OneOff] = &[];

// ---------------------------------------------------------------------------------------------
// Turning rules into dates
// ---------------------------------------------------------------------------------------------

/// The holidays that the rules and one-offs of `rule_year` produce, with weekend adjustments.
///
/// Adjusted dates may leave `rule_year` (US New Year's Day observed on 31 December); the caller
/// sorts them into years.
pub(super) fn holidays_of_rule_year(
    rules: &[Rule],
    one_offs: &[OneOff],
    rule_year: i32,
) -> Vec<Holiday> {
    let year_one_offs: Vec<&OneOff> = one_offs.iter().filter(|o| o.date.0 == rule_year).collect();
    let mut placed: Vec<Holiday> = year_one_offs
        .iter()
        .filter_map(|o| {
            let (y, m, d) = o.date;
            NaiveDate::from_ymd_opt(y, m, d).map(|date| holiday(date, o.name, ""))
        })
        .collect();
    let mut to_substitute: Vec<(NaiveDate, &'static str)> = Vec::new();

    for r in rules.iter().filter(|r| r.since <= rule_year) {
        if year_one_offs.iter().any(|o| o.replaces == Some(r.name)) {
            continue;
        }
        let Some(date) = rule_date(r.when, rule_year) else {
            continue;
        };
        match (r.on_weekend, date.weekday()) {
            (OnWeekend::Substitute, Weekday::Sat | Weekday::Sun) => {
                to_substitute.push((date, r.name));
            }
            (OnWeekend::Observed, Weekday::Sat) => {
                if let Some(friday) = date.pred_opt() {
                    placed.push(holiday(friday, r.name, " (observed)"));
                }
            }
            (OnWeekend::Observed, Weekday::Sun) => {
                if let Some(monday) = date.succ_opt() {
                    placed.push(holiday(monday, r.name, " (observed)"));
                }
            }
            _ => placed.push(holiday(date, r.name, "")),
        }
    }

    // Substitutes go after every weekday holiday is placed, in table order, so that Boxing Day
    // on a Monday keeps its day and Christmas (on the Sunday before) takes the Tuesday.
    for (date, name) in to_substitute {
        let taken: BTreeSet<NaiveDate> = placed.iter().map(|h| h.date).collect();
        if let Some(day) = next_free_weekday(date, &taken) {
            placed.push(holiday(day, name, " (substitute day)"));
        }
    }
    placed
}

/// A holiday named `name` followed by `suffix`.
pub(super) fn holiday(date: NaiveDate, name: &str, suffix: &str) -> Holiday {
    Holiday {
        date,
        name: format!("{name}{suffix}"),
    }
}

/// The first weekday after `date` that is not in `taken`.
///
/// Two weeks is ample: at most a weekend plus a handful of taken days lie in the way.
pub(super) fn next_free_weekday(date: NaiveDate, taken: &BTreeSet<NaiveDate>) -> Option<NaiveDate> {
    let mut day = date;
    for _ in 0..14 {
        day = day.succ_opt()?;
        if !is_weekend(day) && !taken.contains(&day) {
            return Some(day);
        }
    }
    None
}

/// The date a rule gives in `year`, before weekend adjustment; `None` outside chrono's range.
pub(super) fn rule_date(when: When, year: i32) -> Option<NaiveDate> {
    match when {
        When::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
        When::Nth { month, weekday, n } => {
            NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
        }
        When::Last { month, weekday } => last_weekday_of_month(year, month, weekday),
        When::Easter(offset) => {
            let sunday = easter_sunday(year)?;
            let days = Days::new(u64::from(offset.unsigned_abs()));
            if offset >= 0 {
                sunday.checked_add_days(days)
            } else {
                sunday.checked_sub_days(days)
            }
        }
        When::StBrigid => {
            let first = NaiveDate::from_ymd_opt(year, 2, 1)?;
            if first.weekday() == Weekday::Fri {
                Some(first)
            } else {
                NaiveDate::from_weekday_of_month_opt(year, 2, Weekday::Mon, 1)
            }
        }
    }
}

/// The last `weekday` of `month` in `year`.
pub(super) fn last_weekday_of_month(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(u64::from(back)))
}

/// Easter Sunday of `year` in the Gregorian calendar (the "anonymous" algorithm, also known as
/// Meeus/Jones/Butcher, from Jean Meeus, *Astronomical Algorithms*, ch. 8).
pub(super) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Saturday or Sunday.
pub(super) fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}
