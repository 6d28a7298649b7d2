//! Issue 16 ("Legal correctness") on the command line: `request verify` refused when nothing
//! was asked (item 3), late extensions refused with exit 1 (item 5), refusal grounds per type
//! naming the allowed ones (item 6), the CCPA refusal letter and the UK nations' calendars
//! (item 12).

use std::fs;

use crate::requests_cli::{Desk, assert_refused};

/// Item 3 (Art. 12(6)): nothing asked → "identity received" exits 1 and the due date stays;
/// `request start` keeps the day of receipt.
#[test]
fn identity_received_is_refused_when_nothing_was_asked() {
    let desk = Desk::new();
    let r = desk.open("access", "gdpr", "ada@example.org", "2026-03-02", &[]);
    let before = desk.show(&r);
    let out = desk.run(&["request", "verify", &r, "--on", "2026-03-20"]);
    assert_refused(&out, &["No request for identity", "Art. 12(6)"]);
    assert_eq!(desk.show(&r), before);

    let out = desk.ok(&["request", "start", &r]);
    assert!(out.stdout.contains("2026-04-02"), "{out:?}");
    let doc = desk.show(&r);
    assert_eq!(doc["state"], "in-progress", "{doc}");
    assert_eq!(doc["clock_start"], serde_json::Value::Null, "{doc}");
    assert_eq!(doc["due"], "2026-04-02", "{doc}");

    // Asked on 10 March: an answer dated 5 March is refused, 12 March restarts the month.
    let r = desk.open("erasure", "uk-gdpr", "ada@example.org", "2026-03-02", &[]);
    desk.ok(&["request", "ask-identity", &r, "--on", "2026-03-10"]);
    let out = desk.run(&["request", "verify", &r, "--on", "2026-03-05"]);
    assert_refused(&out, &["before the day it was asked for"]);
    desk.ok(&["request", "verify", &r, "--on", "2026-03-12"]);
    let doc = desk.show(&r);
    assert_eq!(doc["identity_asked_on"], "2026-03-10", "{doc}");
    assert_eq!(doc["due"], "2026-04-13", "{doc}");
}

/// Item 5 (Cal. Civ. Code § 1798.130(a)(2)(A); 11 CCR § 7021(b)): told on day 46 → exit 1,
/// nothing changes; told on day 45 → extended to day 90.
#[test]
fn a_ccpa_extension_notified_after_45_days_is_refused() {
    let desk = Desk::new();
    let r = desk.open("delete", "ccpa", "ada@example.org", "2026-03-02", &[]);
    let before = desk.show(&r);
    let steps = desk.count("request_steps");
    let args = |day: &'static str| {
        vec![
            "request".to_owned(),
            "extend".into(),
            r.clone(),
            "--reason".into(),
            "Backups".into(),
            "--notified-on".into(),
            day.into(),
        ]
    };
    let late = args("2026-04-16");
    let late: Vec<&str> = late.iter().map(String::as_str).collect();
    assert_refused(
        &desk.run(&late),
        &["was not extended", "first 45 days", "§ 7021(b)"],
    );
    assert_eq!(desk.show(&r), before);
    assert_eq!(desk.count("request_steps"), steps);
    let ok = args("2026-04-15");
    let ok: Vec<&str> = ok.iter().map(String::as_str).collect();
    let out = desk.ok(&ok);
    assert!(out.stdout.contains("2026-05-30"), "{out:?}");
}

/// Item 6 (Art. 7(3), 21(3); 11 CCR § 7026(d)–(e)): a ground the type does not allow exits 1
/// naming the allowed grounds; opt-out has no identity step and no identity letter.
#[test]
fn a_refusal_on_a_ground_the_type_does_not_allow_names_the_allowed_ones() {
    let desk = Desk::new();
    let withdrawal = desk.open(
        "withdraw-consent",
        "gdpr",
        "ada@example.org",
        "2026-03-02",
        &[],
    );
    let out = desk.run(&[
        "request",
        "refuse",
        &withdrawal,
        "--ground",
        "excessive: third this week",
    ]);
    assert_refused(
        &out,
        &["grounds allowed are: identity-not-verified", "Art. 7(3)"],
    );
    assert_eq!(desk.show(&withdrawal)["state"], "received");

    let opt_out = desk.open("opt-out", "ccpa", "ada@example.org", "2026-03-02", &[]);
    let doc = desk.show(&opt_out);
    assert_eq!(
        doc["refusal_grounds_allowed"],
        serde_json::json!(["suspected-fraud"])
    );
    assert_eq!(doc["identity_step"], false, "{doc}");
    let out = desk.run(&[
        "request",
        "refuse",
        &opt_out,
        "--ground",
        "identity-not-verified",
    ]);
    assert_refused(&out, &["grounds allowed are: suspected-fraud", "§ 7026"]);
    assert_refused(
        &desk.run(&["request", "ask-identity", &opt_out]),
        &["need no identity verification", "§ 7026(d)"],
    );
    desk.set_profile();
    let letter = desk.file("identity.txt");
    let out = desk.run(&[
        "request",
        "letter",
        &opt_out,
        "--kind",
        "identity-request",
        "--out",
        letter.to_str().unwrap(),
    ]);
    assert_refused(&out, &["no identity-request letter"]);
    assert!(!letter.exists());
    let out = desk.ok(&[
        "request",
        "refuse",
        &opt_out,
        "--ground",
        "suspected-fraud: forty identical opt-outs in a minute, logged",
    ]);
    assert!(out.stdout.contains("fraudulent"), "{out:?}");
    let text = desk.ok(&["request", "show", &opt_out]).stdout;
    assert!(text.contains("grounds allowed: suspected-fraud"), "{text}");
}

/// Item 12: the CCPA refusal letter does not send the person to a court; the GDPR one keeps
/// the judicial remedy (Art. 12(4)).
#[test]
fn the_ccpa_refusal_letter_does_not_say_ask_a_court() {
    let desk = Desk::new();
    desk.set_profile();
    for (kind, regime, court) in [("delete", "ccpa", false), ("erasure", "gdpr", true)] {
        let r = desk.open(kind, regime, "ada@example.org", "2026-03-02", &[]);
        desk.ok(&[
            "request",
            "refuse",
            &r,
            "--ground",
            "exemption: invoices kept for tax",
        ]);
        let file = desk.file(&format!("refusal-{regime}.txt"));
        desk.ok(&[
            "request",
            "letter",
            &r,
            "--kind",
            "refusal",
            "--out",
            file.to_str().unwrap(),
        ]);
        let text = fs::read_to_string(&file).unwrap();
        assert_eq!(text.contains("court"), court, "{regime}: {text}");
    }
}

/// Item 12: Scotland and Northern Ireland calendars are listed and move a UK GDPR due date.
#[test]
fn scotland_and_northern_ireland_calendars() {
    let desk = Desk::new();
    let out = desk.ok(&["holiday", "list", "scotland", "--year", "2026"]);
    assert!(out.stdout.contains("St Andrew's Day"), "{out:?}");
    assert!(
        out.stdout.contains("2026-08-03"),
        "first Monday in August: {out:?}"
    );
    // Received 13 June 2026: due Monday 13 July, the Boyne substitute day in Northern Ireland.
    let r = desk.open("access", "uk-gdpr", "ada@example.org", "2026-06-13", &[]);
    assert_eq!(desk.show(&r)["due"], "2026-07-13");
    desk.ok(&["holiday", "use", "uk-gdpr", "northern-ireland"]);
    assert_eq!(desk.show(&r)["due"], "2026-07-14");
}

/// Item 4: clarification is its own step. UK GDPR (Art. 12A, Data (Use and Access) Act 2025):
/// asked 5 March, answered 17 March → 13 days added (both days included, Art. 12A(5)), due
/// 15 April instead of 2 April; the
/// identity step cannot answer it. EU GDPR (EDPB Guidelines 01/2022): the clock runs, due
/// 2 April. An answer before the question, or with no question, exits 1 and changes nothing.
#[test]
fn clarification_pauses_the_uk_clock_and_not_the_eu_one() {
    let desk = Desk::new();
    let uk = desk.open("access", "uk-gdpr", "ada@example.org", "2026-03-02", &[]);
    let out = desk.run(&["request", "clarified", &uk, "--on", "2026-03-17"]);
    assert_refused(&out, &["no clarification was asked for"]);
    desk.ok(&["request", "ask-clarification", &uk, "--on", "2026-03-05"]);
    let doc = desk.show(&uk);
    assert_eq!(doc["clarification_asked_on"], "2026-03-05", "{doc}");
    assert_eq!(doc["clock_paused"], true, "{doc}");
    let before = desk.show(&uk);
    let out = desk.run(&["request", "verify", &uk, "--on", "2026-03-17"]);
    assert_refused(&out, &["request clarified"]);
    let out = desk.run(&["request", "clarified", &uk, "--on", "2026-03-04"]);
    assert_refused(&out, &["before the day it was asked for"]);
    assert_eq!(desk.show(&uk), before);
    desk.ok(&["request", "clarified", &uk, "--on", "2026-03-17"]);
    let doc = desk.show(&uk);
    assert_eq!(doc["clarified_on"], "2026-03-17", "{doc}");
    assert_eq!(doc["clarification_paused_days"], 13, "{doc}");
    assert_eq!(doc["due"], "2026-04-15", "{doc}");
    assert_eq!(doc["state"], "in-progress", "{doc}");

    let eu = desk.open("access", "gdpr", "ada@example.org", "2026-03-02", &[]);
    desk.ok(&["request", "ask-clarification", &eu, "--on", "2026-03-05"]);
    assert_eq!(desk.show(&eu)["clock_paused"], false);
    desk.ok(&["request", "clarified", &eu, "--on", "2026-03-17"]);
    let doc = desk.show(&eu);
    assert_eq!(doc["clarification_paused_days"], 0, "{doc}");
    assert_eq!(doc["due"], "2026-04-02", "{doc}");
}

/// CCPA confirmation of receipt (11 CCR § 7021(a)): a request to delete received Mon 2 March
/// 2026 must be confirmed by Fri 13 March (10 business days, day one the day of receipt);
/// `request list --json` shows it pending until `request acknowledge`; a GDPR request has no
/// such deadline and the command exits 1 naming the rule.
#[test]
fn a_ccpa_request_shows_its_confirmation_of_receipt_until_acknowledged() {
    let desk = Desk::new();
    let r = desk.open("delete", "ccpa", "ada@example.org", "2026-03-02", &[]);
    let doc = desk.show(&r);
    assert_eq!(doc["acknowledgement_due"], "2026-03-13", "{doc}");
    assert_eq!(doc["acknowledged_on"], serde_json::Value::Null, "{doc}");
    assert_eq!(doc["acknowledgement_pending"], true, "{doc}");
    let list = desk.json(&["request", "list", "--json"]);
    assert!(
        list.to_string()
            .contains("\"acknowledgement_pending\":true"),
        "{list}"
    );
    let out = desk.run(&["request", "acknowledge", &r, "--on", "2026-02-20"]);
    assert_refused(&out, &["before"]);
    desk.ok(&["request", "acknowledge", &r, "--on", "2026-03-04"]);
    let doc = desk.show(&r);
    assert_eq!(doc["acknowledged_on"], "2026-03-04", "{doc}");
    assert_eq!(doc["acknowledgement_pending"], false, "{doc}");

    let gdpr = desk.open("access", "gdpr", "ada@example.org", "2026-03-02", &[]);
    assert_eq!(
        desk.show(&gdpr)["acknowledgement_due"],
        serde_json::Value::Null
    );
    let out = desk.run(&["request", "acknowledge", &gdpr]);
    assert_refused(&out, &["§ 7021(a)"]);
}
