//! Table tests of `record.rs`.
use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rec(value: AgeValue, on: &str) -> AgeRecord {
    AgeRecord {
        value,
        verified_by: None,
        recorded_on: d(on),
        recorded_by: "owner".into(),
    }
}

/// The youngest a person can be: the safe reading of GDPR Art. 8(1) and § 1798.120(c)
/// (a controller that cannot tell must treat the person as the younger).
#[test]
fn youngest_age_from_birth_year_and_band() {
    let table: [(AgeValue, &str, &str, u32); 8] = [
        (AgeValue::BirthYear(2010), "2026-01-01", "2026-12-31", 15),
        (AgeValue::BirthYear(2010), "2026-01-01", "2027-01-01", 16),
        (AgeValue::BirthYear(2030), "2026-01-01", "2026-06-01", 0),
        (
            AgeValue::Band(AgeBand::From13To15),
            "2026-03-10",
            "2026-03-09",
            12,
        ),
        (
            AgeValue::Band(AgeBand::From13To15),
            "2026-03-10",
            "2027-03-09",
            13,
        ),
        (
            AgeValue::Band(AgeBand::From13To15),
            "2026-03-10",
            "2027-03-10",
            14,
        ),
        (
            AgeValue::Band(AgeBand::From13To15),
            "2026-03-10",
            "2025-03-10",
            12,
        ),
        (
            AgeValue::Band(AgeBand::Adult),
            "2026-03-10",
            "2026-03-10",
            18,
        ),
    ];
    for (value, on, day, youngest) in table {
        assert_eq!(
            rec(value, on).youngest_on(d(day)),
            youngest,
            "{value:?} {day}"
        );
    }
    let r = rec(AgeValue::Band(AgeBand::From13To15), "2026-03-10");
    assert!(r.may_be_under(16, d("2026-03-10")));
    assert!(r.may_be_under(14, d("2026-03-10")));
    assert!(!r.may_be_under(13, d("2026-03-10")));
}

/// 11 CCR § 7070(a)(2) lists the methods for a parent's authorisation; an email to the
/// parent is only the GDPR's proportionate effort (Art. 8(2)).
#[test]
fn methods_per_regime() {
    for m in VerificationMethod::ALL {
        assert!(m.counts_for(Regime::Gdpr));
        assert!(m.counts_for(Regime::UkGdpr));
        assert_eq!(
            m.counts_for(Regime::CcpaCpra),
            m != VerificationMethod::ParentEmail
        );
        assert_eq!(VerificationMethod::from_code(m.code()), Some(m));
    }
    for b in AgeBand::ALL {
        assert_eq!(AgeBand::from_code(b.code()), Some(b));
    }
    assert_eq!(VerificationMethod::from_code("fax"), None);
}

#[test]
fn names_and_years_are_checked() {
    assert!(check_authorised_by("  ").is_err());
    assert_eq!(check_authorised_by(" Ada Lane ").unwrap(), "Ada Lane");
    assert!(check_authorised_by(&"x".repeat(201)).is_err());
    assert!(check_birth_year(2027, d("2026-12-08")).is_err());
    assert!(check_birth_year(1890, d("2026-12-08")).is_err());
    assert_eq!(check_birth_year(2012, d("2026-12-08")), Ok(2012));
}
