use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rule(kind: RecordKind, from: FromEvent, period: &str, condition: Condition) -> RetentionRule {
    RetentionRule {
        code: "test-rule".into(),
        name: "Test".into(),
        kind,
        purpose: None,
        condition,
        period: Period::parse(period).unwrap(),
        from,
        action: RetentionAction::Delete,
        reason: "Because.".into(),
        enabled: true,
    }
}

#[test]
fn period_ends_table() {
    let table = [
        ("30 days", "2026-01-31", "2026-03-02"),
        ("1 month", "2026-01-31", "2026-02-28"),
        ("12 months", "2024-02-29", "2025-02-28"),
        ("6 years", "2020-02-29", "2026-02-28"),
        ("1 year", "2026-11-29", "2027-11-29"),
    ];
    for (period, start, end) in table {
        assert_eq!(
            Period::parse(period).unwrap().end(d(start)),
            d(end),
            "{period} from {start}"
        );
    }
    for bad in [
        "",
        "12",
        "twelve months",
        "0 days",
        "3 weeks",
        "5000 years",
        "1 month ago",
    ] {
        assert!(Period::parse(bad).is_err(), "{bad:?} accepted");
    }
    assert_eq!(Period::parse("1 Years").unwrap().to_string(), "1 year");
}

/// (rule, facts, today) → verdict.
#[test]
fn verdict_table() {
    let today = d("2026-11-29");
    let base = RecordFacts {
        created: Some(d("2026-10-01")),
        ..RecordFacts::default()
    };
    let unconfirmed = rule(
        RecordKind::Subject,
        FromEvent::Creation,
        "30 days",
        Condition::NeverConsented,
    );
    let withdrawn = rule(
        RecordKind::Subject,
        FromEvent::ConsentWithdrawal,
        "12 months",
        Condition::NoActiveConsent,
    );
    let inactive = rule(
        RecordKind::Subject,
        FromEvent::LastActivity,
        "3 years",
        Condition::Any,
    );
    let ended = rule(
        RecordKind::Subject,
        FromEvent::RelationshipEnd,
        "6 years",
        Condition::Any,
    );
    let closed = rule(
        RecordKind::Request,
        FromEvent::RequestClosure,
        "2 years",
        Condition::Any,
    );
    let cases: Vec<(&str, &RetentionRule, RecordFacts, Verdict)> = vec![
        (
            "never consented, 59 days old",
            &unconfirmed,
            base,
            Verdict::Due(d("2026-10-31")),
        ),
        (
            "never consented, 10 days old",
            &unconfirmed,
            RecordFacts {
                created: Some(d("2026-11-19")),
                ..base
            },
            Verdict::NotYet(d("2026-12-19")),
        ),
        (
            "consented once",
            &unconfirmed,
            RecordFacts {
                ever_consented: true,
                ..base
            },
            Verdict::NotApplicable,
        ),
        (
            "held",
            &unconfirmed,
            RecordFacts { held: true, ..base },
            Verdict::Held,
        ),
        (
            "open request",
            &unconfirmed,
            RecordFacts {
                open_request: true,
                ..base
            },
            Verdict::OpenRequest,
        ),
        (
            "held and open request: the hold is named",
            &unconfirmed,
            RecordFacts {
                held: true,
                open_request: true,
                ..base
            },
            Verdict::Held,
        ),
        (
            "withdrawn 13 months ago",
            &withdrawn,
            RecordFacts {
                ever_consented: true,
                consent_ended: Some(d("2025-10-15")),
                ..base
            },
            Verdict::Due(d("2026-10-15")),
        ),
        (
            "withdrawn 11 months ago",
            &withdrawn,
            RecordFacts {
                ever_consented: true,
                consent_ended: Some(d("2026-01-15")),
                ..base
            },
            Verdict::NotYet(d("2027-01-15")),
        ),
        (
            "one consent still stands",
            &withdrawn,
            RecordFacts {
                ever_consented: true,
                active_consent: true,
                consent_ended: Some(d("2020-01-01")),
                ..base
            },
            Verdict::NotApplicable,
        ),
        (
            "never withdrew anything",
            &withdrawn,
            base,
            Verdict::NotApplicable,
        ),
        (
            "inactive since 2023-11-28",
            &inactive,
            RecordFacts {
                last_activity: Some(d("2023-11-28")),
                ..base
            },
            Verdict::Due(d("2026-11-28")),
        ),
        (
            "inactive since 2023-11-30",
            &inactive,
            RecordFacts {
                last_activity: Some(d("2023-11-30")),
                ..base
            },
            Verdict::NotYet(d("2026-11-30")),
        ),
        (
            "relationship still running",
            &ended,
            base,
            Verdict::NotApplicable,
        ),
        (
            "relationship ended 2020-11-29",
            &ended,
            RecordFacts {
                relationship_ended: Some(d("2020-11-29")),
                ..base
            },
            Verdict::Due(d("2026-11-29")),
        ),
        (
            "request closed 2024-06-30",
            &closed,
            RecordFacts {
                request_closed: Some(d("2024-06-30")),
                ..base
            },
            Verdict::Due(d("2026-06-30")),
        ),
        ("request still open", &closed, base, Verdict::NotApplicable),
    ];
    for (name, rule, facts, expected) in cases {
        assert_eq!(evaluate(rule, &facts, today), expected, "{name}");
    }
}

#[test]
fn rule_checks_name_the_field() {
    let mut r = rule(
        RecordKind::ConsentEvidence,
        FromEvent::ConsentWithdrawal,
        "6 years",
        Condition::Any,
    );
    assert!(r.check().unwrap_err().starts_with("Action"));
    r.action = RetentionAction::Anonymise;
    assert!(r.check().is_ok());
    r.from = FromEvent::RelationshipEnd;
    assert!(r.check().unwrap_err().starts_with("Counted from"));
    let mut r = rule(
        RecordKind::Request,
        FromEvent::RequestClosure,
        "2 years",
        Condition::NeverConsented,
    );
    assert!(r.check().unwrap_err().starts_with("Applies to"));
    r.condition = Condition::Any;
    r.code = "Bad Code".into();
    assert!(r.check().unwrap_err().starts_with("Code"));
}

#[test]
fn the_default_rules_parse_and_cover_the_issue() {
    let rules = default_rules().unwrap();
    let codes: Vec<&str> = rules.iter().map(|r| r.code.as_str()).collect();
    for needed in [
        "withdrawn-contacts",
        "closed-requests",
        "unconfirmed-sign-ups",
    ] {
        assert!(codes.contains(&needed), "{needed} missing");
    }
    for kind in RecordKind::ALL {
        assert!(rules.iter().any(|r| r.kind == kind), "{kind:?} has no rule");
    }
}

#[test]
fn bad_rule_files_name_the_rule_and_field() {
    let text = r#"
[[rule]]
code = "x"
name = "X"
kind = "subject"
period = "3 fortnights"
from = "creation"
action = "delete"
reason = "r"
"#;
    let e = parse_rules(text, "mine.toml").unwrap_err();
    assert!(
        e.contains("mine.toml") && e.contains("rule 1") && e.contains("period"),
        "{e}"
    );
    let e = parse_rules("[[rule]]\ncode = 1\n", "mine.toml").unwrap_err();
    assert!(e.starts_with("mine.toml"), "{e}");
}

#[test]
fn the_policy_reads_well() {
    let rules = default_rules().unwrap();
    let md = policy::to_markdown("Dinsdale Stores", &rules, "29 November 2026");
    assert!(md.contains("# Data retention policy"));
    assert!(md.contains("Withdrawn marketing contacts"));
    assert!(md.contains("12 months after consent is withdrawn or expires"));
    let html = policy::to_html("Dinsdale <Stores> & Co", &rules, "29 November 2026");
    assert!(html.contains("Dinsdale &lt;Stores&gt; &amp; Co"));
    assert!(html.contains("<h2>Closed request files</h2>"));
}
