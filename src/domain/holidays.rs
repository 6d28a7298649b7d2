//! Public-holiday calendars for legal deadlines.
//!
//! Deadlines such as the GDPR's "next working day" (Regulation 1182/71 Art. 3(4), applied to
//! Art. 12(3)) or the CCPA's "15 business days" (Cal. Code Regs. tit. 11, § 7026) skip
//! weekends and public holidays. This module ships the public holidays of a few jurisdictions as
//! presets ([`Jurisdiction::preset`]) and does the working-day arithmetic on a set of
//! non-working dates ([`HolidayCalendar`]).
//!
//! The rules are data (one table per jurisdiction, plus a table of one-off changes such as royal
//! occasions) and a few small functions that turn a rule into a date. Each table cites its
//! source. The presets follow today's rules, with the start year of the newer holidays applied;
//! they are not meant for years before about 1995. Ad-hoc closures (for example a US executive
//! order giving federal employees Christmas Eve off) are not public holidays under the cited
//! laws and are not included: add them to a calendar with [`HolidayCalendar::new`].

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// A jurisdiction whose public holidays we ship as a preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Jurisdiction {
    /// England and Wales bank holidays (Scotland and Northern Ireland differ).
    EnglandWales,
    /// Irish public holidays.
    Ireland,
    /// United States federal holidays (states add their own).
    UsFederal,
}

impl Jurisdiction {
    /// Every jurisdiction with a preset, in display order.
    pub const ALL: [Jurisdiction; 3] = [
        Jurisdiction::EnglandWales,
        Jurisdiction::Ireland,
        Jurisdiction::UsFederal,
    ];

    /// The stable kebab-case code, as stored in settings and used by serde.
    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::EnglandWales => "england-wales",
            Jurisdiction::Ireland => "ireland",
            Jurisdiction::UsFederal => "us-federal",
        }
    }

    /// The jurisdiction with this code, ignoring case and surrounding white space.
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL
            .into_iter()
            .find(|j| j.code().eq_ignore_ascii_case(code))
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Jurisdiction::EnglandWales => "England and Wales",
            Jurisdiction::Ireland => "Ireland",
            Jurisdiction::UsFederal => "United States (federal)",
        }
    }

    /// The preset public holidays of one year, in date order, with substitute/observed days applied.
    ///
    /// A holiday belongs to the year of the day it is observed on: when 1 January of the next
    /// year is a Saturday, the US preset for `year` ends with New Year's Day observed on
    /// 31 December, and the preset of the next year has no New Year's Day. Years outside
    /// chrono's date range give an empty list.
    pub fn preset(self, year: i32) -> Vec<Holiday> {
        let (rules, one_offs) = self.tables();
        let mut holidays: Vec<Holiday> = [year.checked_sub(1), Some(year), year.checked_add(1)]
            .into_iter()
            .flatten()
            .flat_map(|rule_year| holidays_of_rule_year(rules, one_offs, rule_year))
            .filter(|h| h.date.year() == year)
            .collect();
        holidays.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        holidays
    }

    /// The rule table and the one-off table of this jurisdiction.
    fn tables(self) -> (&'static [Rule], &'static [OneOff]) {
        match self {
            Jurisdiction::EnglandWales => (ENGLAND_WALES_RULES, ENGLAND_WALES_ONE_OFFS),
            Jurisdiction::Ireland => (IRELAND_RULES, IRELAND_ONE_OFFS),
            Jurisdiction::UsFederal => (US_FEDERAL_RULES, US_FEDERAL_ONE_OFFS),
        }
    }
}

/// One public holiday on one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The day it is observed (a substitute or observed day when the holiday itself falls on a
    /// weekend).
    pub date: NaiveDate,
    /// Its name; substitute days end in " (substitute day)", US observed days in " (observed)".
    pub name: String,
}

/// The set of non-working dates besides weekends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    /// The holidays; weekends are implied and need not be listed.
    dates: BTreeSet<NaiveDate>,
}

/// How many days [`HolidayCalendar::working_day_on_or_after`] looks at before giving up.
///
/// No real calendar has a year of consecutive holidays, so the cap only guards against a
/// hand-built calendar that does.
const MAX_SEARCH_DAYS: u32 = 400;

impl HolidayCalendar {
    /// A calendar with these holidays (duplicates and weekend dates are harmless).
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            dates: dates.into_iter().collect(),
        }
    }

    /// A jurisdiction's presets for the inclusive year range.
    ///
    /// The range is clamped to the years chrono can represent.
    pub fn preset(j: Jurisdiction, years: RangeInclusive<i32>) -> Self {
        let first = (*years.start()).max(NaiveDate::MIN.year());
        let last = (*years.end()).min(NaiveDate::MAX.year());
        Self::new((first..=last).flat_map(|year| j.preset(year).into_iter().map(|h| h.date)))
    }

    /// Whether `d` is one of the calendar's holidays (weekends are not holidays as such).
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.dates.contains(&d)
    }

    /// Monday–Friday and not a holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !is_weekend(d) && !self.is_holiday(d)
    }

    /// `d` itself when it is a working day, else the next working day.
    ///
    /// Looks at most 400 days ahead: if none of `d` and the 399 days after it is a working day
    /// (only possible for a hand-built calendar), returns the date 400 days after `d`. At the
    /// end of chrono's date range it returns the last representable date.
    pub fn working_day_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        for _ in 0..MAX_SEARCH_DAYS {
            if self.is_working_day(day) {
                return day;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
        }
        day
    }

    /// The date `n` working days after `d` (d itself not counted; n = 0 returns d).
    ///
    /// `d` need not be a working day: one working day after a Saturday is the next working
    /// day after it.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        for _ in 0..n {
            match day.succ_opt() {
                Some(next) => day = self.working_day_on_or_after(next),
                None => return day,
            }
        }
        day
    }

    /// How many holidays the calendar holds.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether the calendar holds no holidays (only weekends are then non-working).
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// Rules as data
// ---------------------------------------------------------------------------------------------

/// Where a recurring holiday falls in a year, before any weekend adjustment.
#[derive(Clone, Copy, Debug)]
enum When {
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
enum OnWeekend {
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
struct Rule {
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
struct OneOff {
    /// The date as (year, month, day).
    date: (i32, u32, u32),
    /// The holiday's name on that date.
    name: &'static str,
    /// The rule (by name) whose usual date that year this one replaces, if it is a move.
    replaces: Option<&'static str>,
}

/// For rules that have always applied (within the years presets are meant for).
const ALWAYS: i32 = i32::MIN;

/// Shorthand for a rule in the tables below.
const fn rule(name: &'static str, when: When, on_weekend: OnWeekend, since: i32) -> Rule {
    Rule {
        name,
        when,
        on_weekend,
        since,
    }
}

/// England and Wales bank holidays.
///
/// Sources: the Banking and Financial Dealings Act 1971, s. 1 and Sch. 1 (Easter Monday, the
/// last Mondays in May and August, 26 December or 27 December when the 26th is a Sunday);
/// New Year's Day and the first Monday in May by annual Royal Proclamation under s. 1(3)
/// (since 1974 and 1978); Good Friday and Christmas Day are common-law holidays; substitute
/// days as published at <https://www.gov.uk/bank-holidays>.
const ENGLAND_WALES_RULES: &[Rule] = &[
    rule(
        "New Year's Day",
        When::Fixed { month: 1, day: 1 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
    rule("Good Friday", When::Easter(-2), OnWeekend::Stay, ALWAYS),
    rule("Easter Monday", When::Easter(1), OnWeekend::Stay, ALWAYS),
    rule(
        "Early May bank holiday",
        When::Nth {
            month: 5,
            weekday: Weekday::Mon,
            n: 1,
        },
        OnWeekend::Stay,
        1978,
    ),
    rule(
        "Spring bank holiday",
        When::Last {
            month: 5,
            weekday: Weekday::Mon,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "Summer bank holiday",
        When::Last {
            month: 8,
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
        "Boxing Day",
        When::Fixed { month: 12, day: 26 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
];

/// England and Wales one-off bank holidays and moves, by Royal Proclamation under the Banking
/// and Financial Dealings Act 1971, s. 1(3); dates as published at
/// <https://www.gov.uk/bank-holidays> (2018 on) and in the London Gazette (earlier).
const ENGLAND_WALES_ONE_OFFS: &[OneOff] = &[
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
const IRELAND_RULES: &[Rule] = &[
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
const IRELAND_ONE_OFFS: &[OneOff] = &[OneOff {
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
const US_FEDERAL_RULES: &[Rule] = &[
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
const US_FEDERAL_ONE_OFFS: &[OneOff] = &[];

// ---------------------------------------------------------------------------------------------
// Turning rules into dates
// ---------------------------------------------------------------------------------------------

/// The holidays that the rules and one-offs of `rule_year` produce, with weekend adjustments.
///
/// Adjusted dates may leave `rule_year` (US New Year's Day observed on 31 December); the caller
/// sorts them into years.
fn holidays_of_rule_year(rules: &[Rule], one_offs: &[OneOff], rule_year: i32) -> Vec<Holiday> {
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
fn holiday(date: NaiveDate, name: &str, suffix: &str) -> Holiday {
    Holiday {
        date,
        name: format!("{name}{suffix}"),
    }
}

/// The first weekday after `date` that is not in `taken`.
///
/// Two weeks is ample: at most a weekend plus a handful of taken days lie in the way.
fn next_free_weekday(date: NaiveDate, taken: &BTreeSet<NaiveDate>) -> Option<NaiveDate> {
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
fn rule_date(when: When, year: i32) -> Option<NaiveDate> {
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
fn last_weekday_of_month(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
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
fn easter_sunday(year: i32) -> Option<NaiveDate> {
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
fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn dates(j: Jurisdiction, year: i32) -> Vec<NaiveDate> {
        j.preset(year).into_iter().map(|h| h.date).collect()
    }

    fn md(year: i32, list: &[(u32, u32)]) -> Vec<NaiveDate> {
        list.iter().map(|&(m, d)| date(year, m, d)).collect()
    }

    fn name_on(j: Jurisdiction, d: NaiveDate) -> Option<String> {
        j.preset(d.year())
            .into_iter()
            .find(|h| h.date == d)
            .map(|h| h.name)
    }

    #[test]
    fn easter_matches_known_dates() {
        let known = [
            (2000, 4, 23),
            (2001, 4, 15),
            (2002, 3, 31),
            (2003, 4, 20),
            (2004, 4, 11),
            (2005, 3, 27),
            (2006, 4, 16),
            (2007, 4, 8),
            (2008, 3, 23),
            (2009, 4, 12),
            (2010, 4, 4),
            (2011, 4, 24),
            (2012, 4, 8),
            (2013, 3, 31),
            (2014, 4, 20),
            (2015, 4, 5),
            (2016, 3, 27),
            (2017, 4, 16),
            (2018, 4, 1),
            (2019, 4, 21),
            (2020, 4, 12),
            (2021, 4, 4),
            (2022, 4, 17),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2031, 4, 13),
            (2032, 3, 28),
            (2033, 4, 17),
            (2034, 4, 9),
            (2035, 3, 25),
            (2038, 4, 25),
            (1818, 3, 22),
            (1943, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "Easter {y}");
        }
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april() {
        for y in 1583..=4099 {
            let e = easter_sunday(y).expect("in range");
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= date(y, 3, 22) && e <= date(y, 4, 25), "{y}: {e}");
        }
    }

    #[test]
    fn england_wales_matches_gov_uk() {
        let cases: [(i32, &[(u32, u32)]); 7] = [
            (
                2020,
                &[
                    (1, 1),
                    (4, 10),
                    (4, 13),
                    (5, 8),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2021,
                &[
                    (1, 1),
                    (4, 2),
                    (4, 5),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
            (
                2022,
                &[
                    (1, 3),
                    (4, 15),
                    (4, 18),
                    (5, 2),
                    (6, 2),
                    (6, 3),
                    (8, 29),
                    (9, 19),
                    (12, 26),
                    (12, 27),
                ],
            ),
            (
                2023,
                &[
                    (1, 2),
                    (4, 7),
                    (4, 10),
                    (5, 1),
                    (5, 8),
                    (5, 29),
                    (8, 28),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2025,
                &[
                    (1, 1),
                    (4, 18),
                    (4, 21),
                    (5, 5),
                    (5, 26),
                    (8, 25),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2026,
                &[
                    (1, 1),
                    (4, 3),
                    (4, 6),
                    (5, 4),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2027,
                &[
                    (1, 1),
                    (3, 26),
                    (3, 29),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
        ];
        for (year, expected) in cases {
            assert_eq!(
                dates(Jurisdiction::EnglandWales, year),
                md(year, expected),
                "England and Wales {year}"
            );
        }
    }

    #[test]
    fn england_wales_substitute_days_are_named_like_gov_uk() {
        let j = Jurisdiction::EnglandWales;
        let cases = [
            // 2021: Christmas on a Saturday, Boxing Day on a Sunday.
            (date(2021, 12, 27), "Christmas Day (substitute day)"),
            (date(2021, 12, 28), "Boxing Day (substitute day)"),
            // 2022: Christmas on a Sunday; Boxing Day keeps Monday 26.
            (date(2022, 12, 26), "Boxing Day"),
            (date(2022, 12, 27), "Christmas Day (substitute day)"),
            (date(2022, 1, 3), "New Year's Day (substitute day)"),
            // 2026: Boxing Day on a Saturday.
            (date(2026, 12, 25), "Christmas Day"),
            (date(2026, 12, 28), "Boxing Day (substitute day)"),
            (date(2020, 5, 8), "Early May bank holiday (VE day)"),
            (date(2022, 6, 2), "Spring bank holiday"),
        ];
        for (d, name) in cases {
            assert_eq!(name_on(j, d).as_deref(), Some(name), "{d}");
        }
        assert_eq!(name_on(j, date(2020, 5, 4)), None, "VE day moved it");
        assert_eq!(name_on(j, date(2022, 5, 30)), None, "Jubilee moved it");
    }

    #[test]
    fn ireland_matches_citizens_information() {
        let cases: [(i32, &[(u32, u32)]); 5] = [
            (
                2022,
                &[
                    (1, 3),
                    (3, 17),
                    (3, 18),
                    (4, 18),
                    (5, 2),
                    (6, 6),
                    (8, 1),
                    (10, 31),
                    (12, 26),
                    (12, 27),
                ],
            ),
            (
                2024,
                &[
                    (1, 1),
                    (2, 5),
                    (3, 18),
                    (4, 1),
                    (5, 6),
                    (6, 3),
                    (8, 5),
                    (10, 28),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2025,
                &[
                    (1, 1),
                    (2, 3),
                    (3, 17),
                    (4, 21),
                    (5, 5),
                    (6, 2),
                    (8, 4),
                    (10, 27),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2026,
                &[
                    (1, 1),
                    (2, 2),
                    (3, 17),
                    (4, 6),
                    (5, 4),
                    (6, 1),
                    (8, 3),
                    (10, 26),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2030,
                &[
                    (1, 1),
                    (2, 1),
                    (3, 18),
                    (4, 22),
                    (5, 6),
                    (6, 3),
                    (8, 5),
                    (10, 28),
                    (12, 25),
                    (12, 26),
                ],
            ),
        ];
        for (year, expected) in cases {
            assert_eq!(
                dates(Jurisdiction::Ireland, year),
                md(year, expected),
                "Ireland {year}"
            );
        }
        assert_eq!(
            name_on(Jurisdiction::Ireland, date(2026, 12, 28)).as_deref(),
            Some("St Stephen's Day (substitute day)")
        );
        assert_eq!(
            name_on(Jurisdiction::Ireland, date(2030, 2, 1)).as_deref(),
            Some("St Brigid's Day"),
            "1 February 2030 is a Friday"
        );
    }

    #[test]
    fn us_federal_matches_opm() {
        let cases: [(i32, &[(u32, u32)]); 4] = [
            (
                2021,
                &[
                    (1, 1),
                    (1, 18),
                    (2, 15),
                    (5, 31),
                    (6, 18),
                    (7, 5),
                    (9, 6),
                    (10, 11),
                    (11, 11),
                    (11, 25),
                    (12, 24),
                    (12, 31),
                ],
            ),
            (
                2022,
                &[
                    (1, 17),
                    (2, 21),
                    (5, 30),
                    (6, 20),
                    (7, 4),
                    (9, 5),
                    (10, 10),
                    (11, 11),
                    (11, 24),
                    (12, 26),
                ],
            ),
            (
                2026,
                &[
                    (1, 1),
                    (1, 19),
                    (2, 16),
                    (5, 25),
                    (6, 19),
                    (7, 3),
                    (9, 7),
                    (10, 12),
                    (11, 11),
                    (11, 26),
                    (12, 25),
                ],
            ),
            (
                2027,
                &[
                    (1, 1),
                    (1, 18),
                    (2, 15),
                    (5, 31),
                    (6, 18),
                    (7, 5),
                    (9, 6),
                    (10, 11),
                    (11, 11),
                    (11, 25),
                    (12, 24),
                    (12, 31),
                ],
            ),
        ];
        for (year, expected) in cases {
            assert_eq!(
                dates(Jurisdiction::UsFederal, year),
                md(year, expected),
                "US federal {year}"
            );
        }
        let j = Jurisdiction::UsFederal;
        assert_eq!(
            name_on(j, date(2026, 7, 3)).as_deref(),
            Some("Independence Day (observed)")
        );
        assert_eq!(
            name_on(j, date(2027, 12, 31)).as_deref(),
            Some("New Year's Day (observed)"),
            "1 January 2028 is a Saturday"
        );
        assert!(
            !dates(j, 2020).contains(&date(2020, 6, 19)),
            "Juneteenth is a federal holiday from 2021"
        );
    }

    #[test]
    fn presets_are_sorted_in_year_and_on_weekdays() {
        for j in Jurisdiction::ALL {
            for year in 1995..=2100 {
                let list = j.preset(year);
                assert!(!list.is_empty(), "{j:?} {year}");
                for pair in list.windows(2) {
                    assert!(pair[0].date < pair[1].date, "{j:?} {year}: {pair:?}");
                }
                for h in &list {
                    assert_eq!(h.date.year(), year, "{j:?}: {h:?}");
                    assert!(!is_weekend(h.date), "{j:?}: {h:?}");
                }
            }
        }
    }

    #[test]
    fn presets_outside_chrono_range_are_empty() {
        assert!(Jurisdiction::UsFederal.preset(i32::MAX).is_empty());
        assert!(Jurisdiction::EnglandWales.preset(i32::MIN).is_empty());
        assert!(HolidayCalendar::preset(Jurisdiction::Ireland, i32::MAX - 1..=i32::MAX).is_empty());
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let cal = HolidayCalendar::preset(Jurisdiction::EnglandWales, 2026..=2027);
        assert_eq!(cal.len(), 16);
        assert!(!cal.is_empty());
        let cases = [
            (date(2026, 5, 1), true),    // Friday
            (date(2026, 5, 2), false),   // Saturday
            (date(2026, 5, 3), false),   // Sunday
            (date(2026, 5, 4), false),   // Early May bank holiday (Monday)
            (date(2026, 5, 5), true),    // Tuesday
            (date(2026, 12, 28), false), // Boxing Day (substitute day)
        ];
        for (d, working) in cases {
            assert_eq!(cal.is_working_day(d), working, "{d}");
        }
        assert!(cal.is_holiday(date(2026, 5, 4)));
        assert!(
            !cal.is_holiday(date(2026, 5, 2)),
            "weekends are not holidays"
        );
    }

    #[test]
    fn working_day_on_or_after() {
        let cal = HolidayCalendar::preset(Jurisdiction::EnglandWales, 2026..=2026);
        let cases = [
            (date(2026, 5, 5), date(2026, 5, 5)), // a working day is itself
            (date(2026, 5, 2), date(2026, 5, 5)), // Saturday before a holiday Monday
            (date(2026, 3, 7), date(2026, 3, 9)), // plain weekend
            (date(2026, 12, 25), date(2026, 12, 29)), // Christmas, weekend, substitute day
        ];
        for (from, expected) in cases {
            assert_eq!(cal.working_day_on_or_after(from), expected, "{from}");
        }
    }

    #[test]
    fn add_working_days() {
        let ew = HolidayCalendar::preset(Jurisdiction::EnglandWales, 2026..=2027);
        let us = HolidayCalendar::preset(Jurisdiction::UsFederal, 2026..=2027);
        let cases = [
            (&ew, date(2026, 12, 24), 0, date(2026, 12, 24)),
            (&ew, date(2026, 12, 24), 1, date(2026, 12, 29)),
            (&ew, date(2026, 12, 23), 3, date(2026, 12, 30)),
            (&ew, date(2026, 12, 31), 1, date(2027, 1, 4)), // over New Year and a weekend
            (&ew, date(2026, 5, 2), 1, date(2026, 5, 5)), // from a Saturday before a holiday Monday
            // CCPA 15 business days over Thanksgiving.
            (&us, date(2026, 11, 20), 15, date(2026, 12, 14)),
        ];
        for (cal, from, n, expected) in cases {
            assert_eq!(cal.add_working_days(from, n), expected, "{from} + {n}");
        }
    }

    #[test]
    fn empty_calendar_has_only_weekends() {
        let cal = HolidayCalendar::default();
        assert!(cal.is_empty());
        assert_eq!(cal.len(), 0);
        assert_eq!(
            cal.working_day_on_or_after(date(2026, 12, 25)),
            date(2026, 12, 25)
        );
        assert_eq!(
            cal.add_working_days(date(2026, 12, 25), 1),
            date(2026, 12, 28)
        );
        assert_eq!(HolidayCalendar::new([]), cal);
    }

    #[test]
    fn search_is_bounded_for_a_pathological_calendar() {
        let start = date(2026, 1, 1);
        let cal = HolidayCalendar::new(start.iter_days().take(1000));
        assert_eq!(
            cal.working_day_on_or_after(start),
            date(2026, 1, 1) + chrono::Days::new(400)
        );
        assert_eq!(
            cal.working_day_on_or_after(NaiveDate::MAX),
            NaiveDate::MAX,
            "end of chrono's range"
        );
    }

    #[test]
    fn codes_round_trip() {
        for j in Jurisdiction::ALL {
            assert_eq!(Jurisdiction::from_code(j.code()), Some(j));
            let json = serde_json::to_string(&j).expect("serialise");
            assert_eq!(json, format!("\"{}\"", j.code()));
            assert!(!j.label().is_empty());
        }
        let cases = [
            ("  England-Wales ", Some(Jurisdiction::EnglandWales)),
            ("IRELAND", Some(Jurisdiction::Ireland)),
            ("us-federal\n", Some(Jurisdiction::UsFederal)),
            ("scotland", None),
            ("", None),
        ];
        for (code, expected) in cases {
            assert_eq!(Jurisdiction::from_code(code), expected, "{code:?}");
        }
    }
}
