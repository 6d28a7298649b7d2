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

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A jurisdiction whose public holidays we ship as a preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Jurisdiction {
    /// England and Wales bank holidays (Scotland and Northern Ireland differ).
    EnglandWales,
    /// Scotland's bank holidays.
    Scotland,
    /// Northern Ireland's bank holidays.
    NorthernIreland,
    /// Irish public holidays.
    Ireland,
    /// United States federal holidays (states add their own).
    UsFederal,
}

impl Jurisdiction {
    /// Every jurisdiction with a preset, in display order.
    pub const ALL: [Jurisdiction; 5] = [
        Jurisdiction::EnglandWales,
        Jurisdiction::Scotland,
        Jurisdiction::NorthernIreland,
        Jurisdiction::Ireland,
        Jurisdiction::UsFederal,
    ];

    /// The stable kebab-case code, as stored in settings and used by serde.
    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::EnglandWales => "england-wales",
            Jurisdiction::Scotland => "scotland",
            Jurisdiction::NorthernIreland => "northern-ireland",
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
            Jurisdiction::Scotland => "Scotland",
            Jurisdiction::NorthernIreland => "Northern Ireland",
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
            Jurisdiction::Scotland => (uk_nations::SCOTLAND_RULES, ENGLAND_WALES_ONE_OFFS),
            Jurisdiction::NorthernIreland => {
                (uk_nations::NORTHERN_IRELAND_RULES, ENGLAND_WALES_ONE_OFFS)
            }
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

mod rules;
mod uk_nations;

use rules::*;

#[cfg(test)]
mod tests;
