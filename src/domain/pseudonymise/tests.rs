use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Ten people: (email domain, day recorded).
const PEOPLE: [(&str, &str); 10] = [
    ("a.org", "2024-01-05"),
    ("a.org", "2024-01-20"),
    ("a.org", "2024-01-31"),
    ("a.org", "2024-02-01"),
    ("b.org", "2024-01-02"),
    ("b.org", "2024-01-03"),
    ("b.org", "2024-01-04"),
    ("b.org", "2024-01-05"),
    ("c.org", "2024-03-10"),
    ("c.org", "2024-03-11"),
];

fn k_over(dates: Option<DateGranularity>, with_domain: bool, threshold: u32) -> KReport {
    let mut k = KAnonymity::new();
    for (domain, day) in PEOPLE {
        let mut row = Vec::new();
        if with_domain {
            row.push(domain.to_owned());
        }
        if let Some(g) = dates {
            row.push(g.coarsen(d(day)));
        }
        k.add(&row);
    }
    k.report(threshold)
}

#[test]
fn k_on_a_known_data_set() {
    // By month: (a, 01) ×3, (a, 02) ×1, (b, 01) ×4, (c, 03) ×2.
    let by_month = k_over(Some(DateGranularity::Month), true, 5);
    assert_eq!(
        by_month,
        KReport {
            k: 1,
            rows: 10,
            groups: 4,
            threshold: 5,
            groups_below: 4,
            rows_below: 10,
        }
    );
    assert!(!by_month.meets_threshold());
    // Threshold 3: the groups of 1 and 2 are below it.
    let r = k_over(Some(DateGranularity::Month), true, 3);
    assert_eq!((r.k, r.groups_below, r.rows_below), (1, 2, 3));
    // By year: (a) ×4, (b) ×4, (c) ×2.
    let r = k_over(Some(DateGranularity::Year), true, 2);
    assert_eq!((r.k, r.groups, r.rows_below), (2, 3, 0));
    assert!(r.meets_threshold());
    // By day: no two rows share both their domain and their day.
    let r = k_over(Some(DateGranularity::Day), true, 5);
    assert_eq!((r.k, r.groups), (1, 10));
    // Dates only, by month: 2024-01 ×7, 2024-02 ×1, 2024-03 ×2.
    let r = k_over(Some(DateGranularity::Month), false, 2);
    assert_eq!((r.k, r.groups, r.groups_below, r.rows_below), (1, 3, 1, 1));
    // No quasi-identifier: everyone is in one group.
    let r = k_over(None, false, 5);
    assert_eq!((r.k, r.groups, r.rows_below), (10, 1, 0));
}

#[test]
fn tuples_are_length_prefixed_and_empty_sets_meet_any_threshold() {
    let mut k = KAnonymity::new();
    k.add(["ab", "c"]);
    k.add(["a", "bc"]);
    assert_eq!(k.report(1).groups, 2);
    let empty = KAnonymity::new().report(5);
    assert_eq!(empty.k, 0);
    assert!(empty.meets_threshold());
    assert!(empty.describe().contains("No rows"));
}

#[test]
fn describe_names_the_figure_and_who_could_be_singled_out() {
    let r = k_over(Some(DateGranularity::Month), true, 3);
    assert_eq!(
        r.describe(),
        "k = 1 over 10 rows in 4 groups; 3 rows in 2 groups smaller than 3 could be singled out."
    );
    let r = k_over(Some(DateGranularity::Year), true, 2);
    assert!(r.describe().contains("at least 2 rows"), "{}", r.describe());
}

#[test]
fn coarsening_table() {
    for (day, g, expected) in [
        ("2024-03-17", DateGranularity::Day, "2024-03-17"),
        ("2024-03-17", DateGranularity::Month, "2024-03"),
        ("2024-03-31", DateGranularity::Quarter, "2024-Q1"),
        ("2024-04-01", DateGranularity::Quarter, "2024-Q2"),
        ("2024-09-30", DateGranularity::Quarter, "2024-Q3"),
        ("2024-12-31", DateGranularity::Quarter, "2024-Q4"),
        ("2024-12-31", DateGranularity::Year, "2024"),
        ("2025-01-01", DateGranularity::Year, "2025"),
    ] {
        assert_eq!(g.coarsen(d(day)), expected, "{day} {g:?}");
    }
    for g in DateGranularity::ALL {
        assert_eq!(DateGranularity::from_code(g.code()), Some(g));
    }
    assert_eq!(
        DateGranularity::from_code(" Quarter "),
        Some(DateGranularity::Quarter)
    );
    assert_eq!(DateGranularity::from_code("week"), None);
}

#[test]
fn field_codes_round_trip_and_unknown_ones_are_named() {
    let fields = parse_fields(
        "email-domain, created,consent:newsletter,consent-since:newsletter,tags,requests,created",
    )
    .unwrap();
    let codes: Vec<String> = fields.iter().map(ExportField::code).collect();
    assert_eq!(
        codes,
        [
            "pseudonym",
            "email-domain",
            "created",
            "consent:newsletter",
            "consent-since:newsletter",
            "tags",
            "requests"
        ]
    );
    for f in &fields {
        assert_eq!(&ExportField::parse(&f.code()).unwrap(), f);
    }
    let err = parse_fields("email").unwrap_err();
    assert!(
        err.contains("\"email\"") && err.contains("email-domain"),
        "{err}"
    );
    assert!(parse_fields("consent:Not A Code").is_err());
    assert_eq!(
        parse_fields("pseudonym").unwrap(),
        vec![ExportField::Pseudonym]
    );
}

#[test]
fn quasi_identifiers_must_be_exported_fields_other_than_the_pseudonym() {
    let fields = parse_fields("email-domain,created,tags").unwrap();
    assert_eq!(
        default_quasi(&fields),
        vec![
            ExportField::EmailDomain,
            ExportField::Created,
            ExportField::Tags
        ]
    );
    assert_eq!(
        parse_quasi("created", &fields).unwrap(),
        vec![ExportField::Created]
    );
    assert!(
        parse_quasi("pseudonym", &fields)
            .unwrap_err()
            .contains("unique")
    );
    assert!(
        parse_quasi("requests", &fields)
            .unwrap_err()
            .contains("not among the exported fields")
    );
}

#[test]
fn recipients_and_email_domains() {
    assert_eq!(
        recipient_key("  Acme Analytics ").unwrap(),
        "acme analytics"
    );
    assert_eq!(recipient_key("ACME ANALYTICS").unwrap(), "acme analytics");
    assert!(recipient_key("   ").is_err());
    assert!(recipient_key(&"x".repeat(MAX_RECIPIENT_CHARS + 1)).is_err());
    assert!(recipient_key("a\tb").is_err());
    for (email, domain) in [
        ("Ada@Example.ORG", "example.org"),
        (" a@b@c.net ", "c.net"),
        ("no-at-sign", ""),
        ("", ""),
    ] {
        assert_eq!(email_domain(email), domain, "{email:?}");
    }
}
