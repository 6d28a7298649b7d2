//! Scotland's and Northern Ireland's bank holidays, which differ from England and Wales.
//!
//! | Nation | Differs from England and Wales | Source |
//! |---|---|---|
//! | Scotland | 2 January is a holiday (with a substitute day); no Easter Monday; the summer holiday is the *first* Monday in August; St Andrew's Day, 30 November (a substitute Monday when it falls on a weekend, since 2007) | Banking and Financial Dealings Act 1971, Sch. 1 para. 2; St Andrew's Day Bank Holiday (Scotland) Act 2007, s. 1; New Year's Day and the first Monday in May by annual Royal Proclamation; <https://www.gov.uk/bank-holidays> |
//! | Northern Ireland | St Patrick's Day, 17 March, and the Battle of the Boyne (Orangemen's Day), 12 July, each with a substitute day when it falls on a weekend | Banking and Financial Dealings Act 1971, Sch. 1 para. 3 (17 March); 12 July by annual Royal Proclamation under s. 1(3); <https://www.gov.uk/bank-holidays> |
//!
//! The one-off UK-wide days (jubilees, royal funerals and weddings, the coronation, the VE-day
//! moves) were proclaimed for the whole United Kingdom and are shared with England and Wales.
//! Where two weekend holidays take the next free weekdays in turn (1 and 2 January in Scotland),
//! the dates are those published on gov.uk; the names may be given the other way round.

use chrono::Weekday;

use super::rules::{
    ALWAYS, BOXING_DAY, CHRISTMAS_DAY, EARLY_MAY, EASTER_MONDAY, GOOD_FRIDAY, NEW_YEARS_DAY,
    OnWeekend, Rule, SPRING_BANK, When, rule,
};

/// Scotland's bank holidays.
pub(super) const SCOTLAND_RULES: &[Rule] = &[
    NEW_YEARS_DAY,
    rule(
        "2nd January",
        When::Fixed { month: 1, day: 2 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
    GOOD_FRIDAY,
    EARLY_MAY,
    SPRING_BANK,
    rule(
        "Summer bank holiday",
        When::Nth {
            month: 8,
            weekday: Weekday::Mon,
            n: 1,
        },
        OnWeekend::Stay,
        ALWAYS,
    ),
    rule(
        "St Andrew's Day",
        When::Fixed { month: 11, day: 30 },
        OnWeekend::Substitute,
        2007,
    ),
    CHRISTMAS_DAY,
    BOXING_DAY,
];

/// Northern Ireland's bank holidays.
pub(super) const NORTHERN_IRELAND_RULES: &[Rule] = &[
    NEW_YEARS_DAY,
    rule(
        "St Patrick's Day",
        When::Fixed { month: 3, day: 17 },
        OnWeekend::Substitute,
        ALWAYS,
    ),
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING_BANK,
    rule(
        "Battle of the Boyne (Orangemen's Day)",
        When::Fixed { month: 7, day: 12 },
        OnWeekend::Substitute,
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
    CHRISTMAS_DAY,
    BOXING_DAY,
];

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::domain::holidays::Jurisdiction;

    fn dates(j: Jurisdiction, year: i32) -> Vec<String> {
        j.preset(year)
            .into_iter()
            .map(|h| h.date.format("%Y-%m-%d").to_string())
            .collect()
    }

    /// Scotland, every bank holiday of 2022–2027 as published at gov.uk/bank-holidays
    /// (Banking and Financial Dealings Act 1971 Sch. 1 para. 2; St Andrew's Day Bank Holiday
    /// (Scotland) Act 2007; the 2022 and 2023 royal proclamations).
    #[test]
    fn scotland_table() {
        let table: [(i32, &[&str]); 5] = [
            (
                2022,
                &[
                    "2022-01-03",
                    "2022-01-04",
                    "2022-04-15",
                    "2022-05-02",
                    "2022-06-02",
                    "2022-06-03",
                    "2022-08-01",
                    "2022-09-19",
                    "2022-11-30",
                    "2022-12-26",
                    "2022-12-27",
                ],
            ),
            (
                2023,
                &[
                    "2023-01-02",
                    "2023-01-03",
                    "2023-04-07",
                    "2023-05-01",
                    "2023-05-08",
                    "2023-05-29",
                    "2023-08-07",
                    "2023-11-30",
                    "2023-12-25",
                    "2023-12-26",
                ],
            ),
            (
                2024,
                &[
                    "2024-01-01",
                    "2024-01-02",
                    "2024-03-29",
                    "2024-05-06",
                    "2024-05-27",
                    "2024-08-05",
                    "2024-12-02",
                    "2024-12-25",
                    "2024-12-26",
                ],
            ),
            (
                2025,
                &[
                    "2025-01-01",
                    "2025-01-02",
                    "2025-04-18",
                    "2025-05-05",
                    "2025-05-26",
                    "2025-08-04",
                    "2025-12-01",
                    "2025-12-25",
                    "2025-12-26",
                ],
            ),
            (
                2026,
                &[
                    "2026-01-01",
                    "2026-01-02",
                    "2026-04-03",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-03",
                    "2026-11-30",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
        ];
        for (year, expected) in table {
            assert_eq!(dates(Jurisdiction::Scotland, year), expected, "{year}");
        }
    }

    /// Northern Ireland, 2024–2027 as published at gov.uk/bank-holidays (Banking and Financial
    /// Dealings Act 1971 Sch. 1 para. 3; 12 July by proclamation).
    #[test]
    fn northern_ireland_table() {
        let table: [(i32, &[&str]); 3] = [
            (
                2024,
                &[
                    "2024-01-01",
                    "2024-03-18",
                    "2024-03-29",
                    "2024-04-01",
                    "2024-05-06",
                    "2024-05-27",
                    "2024-07-12",
                    "2024-08-26",
                    "2024-12-25",
                    "2024-12-26",
                ],
            ),
            (
                2025,
                &[
                    "2025-01-01",
                    "2025-03-17",
                    "2025-04-18",
                    "2025-04-21",
                    "2025-05-05",
                    "2025-05-26",
                    "2025-07-14",
                    "2025-08-25",
                    "2025-12-25",
                    "2025-12-26",
                ],
            ),
            (
                2026,
                &[
                    "2026-01-01",
                    "2026-03-17",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-07-13",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
        ];
        for (year, expected) in table {
            assert_eq!(
                dates(Jurisdiction::NorthernIreland, year),
                expected,
                "{year}"
            );
        }
        let boyne = Jurisdiction::NorthernIreland
            .preset(2026)
            .into_iter()
            .find(|h| h.date == NaiveDate::from_ymd_opt(2026, 7, 13).unwrap())
            .unwrap();
        assert!(boyne.name.contains("substitute"), "{}", boyne.name);
    }
}
