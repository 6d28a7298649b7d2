use chrono::Weekday;

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
        (&ew, date(2026, 5, 2), 1, date(2026, 5, 5)),   // from a Saturday before a holiday Monday
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
        ("Scotland", Some(Jurisdiction::Scotland)),
        ("northern-ireland", Some(Jurisdiction::NorthernIreland)),
        ("wales", None),
        ("", None),
    ];
    for (code, expected) in cases {
        assert_eq!(Jurisdiction::from_code(code), expected, "{code:?}");
    }
}
