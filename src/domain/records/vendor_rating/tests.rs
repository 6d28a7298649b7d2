//! The rating table and the next review dates.

use super::*;

/// Two scored questions (weights 2 and 3) and a text one; Medium from 3, High from 6.
fn questionnaire() -> Questionnaire {
    Questionnaire::parse(
        r#"
[rating]
medium_at = 3
high_at = 6

[[question]]
id = "encrypted"
text = "Encrypted?"
kind = "yes-no"
weight = 2
risky = ["no"]

[[question]]
id = "breach"
text = "Breach notice?"
kind = "choice"
options = [{ value = "fast", label = "Fast" }, { value = "slow", label = "Slow" }, { value = "never", label = "Never" }]
weight = 3
risky = ["slow", "never"]

[[question]]
id = "notes"
text = "Notes?"
kind = "text"
"#,
        "test",
    )
    .unwrap()
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn signed() -> VendorFacts {
    VendorFacts {
        needs_dpa: true,
        dpa_signed: true,
        ..VendorFacts::default()
    }
}

/// A case: name, answers, facts, expected level and score.
type Row<'a> = (
    &'a str,
    &'a [(&'a str, &'a str)],
    &'a VendorFacts,
    RiskLevel,
    u32,
);

#[test]
fn the_rating_table() {
    let q = questionnaire();
    let special = VendorFacts {
        special_categories: vec!["Health".into()],
        ..signed()
    };
    let no_dpa = VendorFacts {
        dpa_signed: false,
        ..signed()
    };
    let controller = VendorFacts::default();
    let ok = signed();
    let no_safeguard = VendorFacts {
        unsafeguarded: vec!["United States".into()],
        ..signed()
    };
    let derogation = VendorFacts {
        derogations: vec!["India".into()],
        ..signed()
    };
    let good = [("encrypted", "yes"), ("breach", "fast"), ("notes", "")];
    let table: Vec<Row<'_>> = vec![
        ("all good", &good, &ok, RiskLevel::Low, 0),
        (
            "unencrypted",
            &[("encrypted", "no"), ("breach", "fast")],
            &ok,
            RiskLevel::Low,
            2,
        ),
        (
            "slow breach notice",
            &[("encrypted", "yes"), ("breach", "slow")],
            &ok,
            RiskLevel::Medium,
            3,
        ),
        (
            "both risky",
            &[("encrypted", "no"), ("breach", "never")],
            &ok,
            RiskLevel::Medium,
            5,
        ),
        ("nothing answered", &[], &ok, RiskLevel::Medium, 5),
        (
            "one unanswered",
            &[("encrypted", "yes")],
            &ok,
            RiskLevel::Medium,
            3,
        ),
        (
            "all good, special categories",
            &good,
            &special,
            RiskLevel::Medium,
            0,
        ),
        (
            "medium, special categories",
            &[("encrypted", "yes"), ("breach", "slow")],
            &special,
            RiskLevel::High,
            3,
        ),
        ("all good, no DPA", &good, &no_dpa, RiskLevel::High, 5),
        (
            "controller needs no DPA",
            &good,
            &controller,
            RiskLevel::Low,
            0,
        ),
        (
            "all good, transfer without safeguard",
            &good,
            &no_safeguard,
            RiskLevel::High,
            5,
        ),
        (
            "all good, derogation",
            &good,
            &derogation,
            RiskLevel::Low,
            2,
        ),
        (
            "unencrypted, derogation",
            &[("encrypted", "no"), ("breach", "fast")],
            &derogation,
            RiskLevel::Medium,
            4,
        ),
    ];
    for (name, given, facts, level, score) in table {
        let r = rate(&q, &answers(given), facts);
        assert_eq!((r.level, r.score), (level, score), "{name}: {r:#?}");
        assert_eq!(
            r.reasons.iter().map(|x| x.points).sum::<u32>(),
            r.score,
            "{name}: the reasons add up to the score"
        );
    }
}

#[test]
fn reasons_say_why() {
    let q = questionnaire();
    let r = rate(
        &q,
        &answers(&[("breach", "never")]),
        &VendorFacts {
            needs_dpa: true,
            unsafeguarded: vec!["Utopia".into()],
            ..VendorFacts::default()
        },
    );
    let texts: Vec<&str> = r.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(texts[0].contains("Art. 28(3)"), "{texts:?}");
    assert!(texts[1].contains("Utopia"), "{texts:?}");
    assert_eq!(texts[2], "Not answered, counted as risky: Encrypted?");
    assert_eq!(texts[3], "Breach notice? Never");
    assert_eq!(r.reasons.len(), 4, "the text question is never a reason");
}

#[test]
fn next_review_by_level() {
    let day = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(RiskLevel::Low.next_review(day), d(2027, 8, 31));
    assert_eq!(RiskLevel::Medium.next_review(day), d(2027, 2, 28));
    assert_eq!(RiskLevel::High.next_review(day), d(2026, 11, 30));
}

#[test]
fn facts_from_a_vendor() {
    let taxonomy = Taxonomy::default_taxonomy().unwrap();
    let mut v = Vendor::named("Clinic app");
    v.data_categories = vec![
        super::super::CategoryCode::parse("contact.email").unwrap(),
        super::super::CategoryCode::parse("sensitive.health").unwrap(),
    ];
    v.transfers = vec![super::super::Transfer {
        country: "United States".into(),
        safeguard: TransferSafeguard::None,
        note: String::new(),
    }];
    let f = VendorFacts::of(&v, &taxonomy);
    assert!(f.needs_dpa && !f.dpa_signed);
    assert_eq!(f.unsafeguarded, ["United States"]);
    assert_eq!(f.special_categories.len(), 1);
}

/// Answers recorded under an earlier questionnaire: those to questions no longer asked are
/// ignored, an answer the question no longer takes counts as not answered, and the new
/// questions count as not answered.
#[test]
fn answers_from_an_earlier_questionnaire() {
    let replaced = Questionnaire::parse(
        r#"
[rating]
medium_at = 3
high_at = 6

[[question]]
id = "breach"
text = "Breach notice within 48 hours?"
kind = "yes-no"
weight = 2
risky = ["no"]

[[question]]
id = "pentest"
text = "Penetration tested each year?"
kind = "yes-no"
weight = 3
risky = ["no"]
"#,
        "officer.toml",
    )
    .unwrap();
    // Reviewed under `questionnaire()`: "encrypted" is gone, "breach" changed kind.
    let earlier = answers(&[("encrypted", "no"), ("breach", "fast")]);
    let r = rate(&replaced, &earlier, &signed());
    let texts: Vec<&str> = r.reasons.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(r.score, 5, "{texts:?}");
    assert_eq!(r.level, RiskLevel::Medium);
    assert_eq!(
        texts,
        [
            "The earlier answer no longer fits the question, counted as risky: Breach notice within 48 hours?",
            "Not answered, counted as risky: Penetration tested each year?",
        ]
    );
    assert!(!texts.iter().any(|t| t.contains("Encrypted")));
    // Answered under the new questionnaire: only its answers count.
    let r = rate(
        &replaced,
        &answers(&[("encrypted", "no"), ("breach", "yes"), ("pentest", "yes")]),
        &signed(),
    );
    assert_eq!((r.level, r.score), (RiskLevel::Low, 0), "{r:#?}");
}
