//! Issue 16 on the command line: the CCPA "know" verification levels (item 10; 11 CCR
//! § 7062(b)–(c), § 7024), fees instead of refusals (GDPR Art. 12(5)(a), 15(3); Cal. Civ.
//! Code § 1798.145(h)(3)), the twice-in-12-months limit on requests to know (§ 1798.130(b))
//! and the controller's statement on automated decisions (Art. 15(1)(h)).

use std::fs;

use crate::requests_cli::{Desk, assert_refused};

fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// § 7062: a request to know verified with two data points discloses categories only (the
/// package has no data files and no identity values); three with a signed declaration, the
/// specific pieces; below two the export is refused. Flags on a GDPR request exit 1.
#[test]
fn know_verification_levels_decide_what_the_package_discloses() {
    let desk = Desk::new();
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Corner Shop Ltd",
        "--controller-email",
        "privacy@corner.example",
        "--regime",
        "ccpa-cpra",
    ]);
    let day = today();
    let r = desk.open("know", "ccpa", "kim@example.org", &day, &[]);
    assert_eq!(desk.show(&r)["know_verification"], "none");
    let out_none = desk.store.dir.path().join("none");
    let refused = desk.run(&[
        "export",
        "access",
        "kim@example.org",
        "--out",
        out_none.to_str().unwrap(),
        "--request",
        &r,
    ]);
    assert_refused(&refused, &["not verified", "§ 7062(b)"]);
    assert!(!out_none.join("personal-data.json").exists());

    desk.ok(&["request", "ask-identity", &r, "--on", &day]);
    let letter = desk.store.dir.path().join("identity.txt");
    desk.ok(&[
        "request",
        "letter",
        &r,
        "--kind",
        "identity-request",
        "--out",
        letter.to_str().unwrap(),
    ]);
    let text = fs::read_to_string(&letter).unwrap();
    for needle in [
        "three pieces",
        "penalty of perjury",
        "§ 7062(c)",
        "only the categories",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} in the identity letter:\n{text}"
        );
    }
    let out = desk.ok(&["request", "verify", &r, "--on", &day, "--data-points", "2"]);
    assert!(out.stdout.contains("categories"), "{out:?}");
    let doc = desk.show(&r);
    assert_eq!(doc["know_verification"], "categories", "{doc}");
    assert_eq!(doc["know_data_points"], 2);
    assert_eq!(doc["signed_declaration"], false);
    let dir = desk.store.dir.path().join("categories");
    desk.ok(&[
        "export",
        "access",
        "kim@example.org",
        "--out",
        dir.to_str().unwrap(),
        "--request",
        &r,
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("personal-data.json")).unwrap()).unwrap();
    assert_eq!(json["disclosure"], "categories");
    assert!(json.get("identity").is_none(), "{json}");
    assert!(json.get("consent_events").is_none(), "{json}");
    assert!(json["ccpa_know"].is_object(), "{json}");
    assert!(
        !dir.join("identity.csv").exists(),
        "no data files at this level"
    );
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("reasonably high degree"));
    assert!(!html.contains("kim@example.org"), "no specific piece");

    // A second CCPA know request, verified with three points and the declaration.
    let r2 = desk.open("know", "ccpa", "kim@example.org", &day, &[]);
    desk.ok(&["request", "ask-identity", &r2, "--on", &day]);
    desk.ok(&[
        "request",
        "verify",
        &r2,
        "--on",
        &day,
        "--data-points",
        "3",
        "--signed-declaration",
    ]);
    assert_eq!(desk.show(&r2)["know_verification"], "specific");
    let dir = desk.store.dir.path().join("specific");
    desk.ok(&[
        "export",
        "access",
        "kim@example.org",
        "--out",
        dir.to_str().unwrap(),
        "--request",
        &r2,
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("personal-data.json")).unwrap()).unwrap();
    assert_eq!(json["disclosure"], "specific");
    assert_eq!(json["identity"]["email"], "kim@example.org");
    assert!(dir.join("identity.csv").exists());

    // Not a CCPA request to know: the flags are refused and nothing changes.
    let g = desk.open("access", "gdpr", "kim@example.org", &day, &[]);
    desk.ok(&["request", "ask-identity", &g, "--on", &day]);
    let before = desk.show(&g);
    let out = desk.run(&["request", "verify", &g, "--on", &day, "--data-points", "3"]);
    assert_refused(&out, &["CCPA requests to know only", "§ 7062"]);
    assert_eq!(desk.show(&g), before);
    assert!(desk.show(&g)["know_verification"].is_null());
    let out = desk.run(&["request", "verify", &g, "--on", &day, "--data-points", "99"]);
    assert_refused(&out, &["Data points"]);
}

/// § 1798.130(b): the third request to know in 12 months is flagged when taken in.
#[test]
fn a_third_request_to_know_within_12_months_is_flagged() {
    let desk = Desk::new();
    let first = desk.open("know", "ccpa", "lee@example.org", "2026-01-05", &[]);
    let second = desk.open("know", "ccpa", "lee@example.org", "2026-03-05", &[]);
    assert_eq!(desk.show(&second)["repeat_within_12_months"], false);
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        "know",
        "--regime",
        "ccpa",
        "--email",
        "lee@example.org",
        "--received",
        "2026-06-01",
    ]);
    assert!(
        out.stdout.contains("Warning:") && out.stdout.contains("§ 1798.130(b)"),
        "{out:?}"
    );
    let third = out.stdout.lines().last().unwrap().trim().to_owned();
    assert_eq!(desk.show(&third)["repeat_within_12_months"], true);
    assert_eq!(desk.show(&first)["repeat_within_12_months"], false);
    // A GDPR access request is never flagged.
    let g = desk.open("access", "gdpr", "lee@example.org", "2026-06-01", &[]);
    assert_eq!(desk.show(&g)["repeat_within_12_months"], false);
}

/// Art. 12(5)(a), 15(3); § 1798.145(h)(3); Art. 7(3): a fee where the law allows it, refused
/// (exit 1, nothing changed) where it does not, naming the reasons allowed.
#[test]
fn a_fee_is_recorded_where_the_law_allows_it_and_refused_elsewhere() {
    let desk = Desk::new();
    let day = today();
    let access = desk.open("access", "uk-gdpr", "mo@example.org", &day, &[]);
    let out = desk.ok(&[
        "request",
        "charge-fee",
        &access,
        "--amount",
        "10",
        "--reason",
        "further-copy",
    ]);
    assert!(out.stdout.contains("10.00 GBP"), "{out:?}");
    let fee = &desk.show(&access)["fee"];
    assert_eq!(fee["amount"], "10.00");
    assert_eq!(fee["currency"], "GBP");
    assert_eq!(fee["reason"], "further-copy");
    assert_eq!(fee["on"], day.as_str());

    let erasure = desk.open("erasure", "gdpr", "mo@example.org", &day, &[]);
    let before = desk.show(&erasure);
    let out = desk.run(&[
        "request",
        "charge-fee",
        &erasure,
        "--amount",
        "10",
        "--reason",
        "further-copy",
    ]);
    assert_refused(&out, &["allowed: manifestly-unfounded, excessive"]);
    assert_eq!(desk.show(&erasure), before);
    desk.ok(&[
        "request",
        "charge-fee",
        &erasure,
        "--amount",
        "25.50",
        "--reason",
        "excessive",
    ]);
    assert_eq!(desk.show(&erasure)["fee"]["amount"], "25.50");

    let withdrawal = desk.open("withdraw-consent", "gdpr", "mo@example.org", &day, &[]);
    let out = desk.run(&[
        "request",
        "charge-fee",
        &withdrawal,
        "--amount",
        "5",
        "--reason",
        "excessive",
    ]);
    assert_refused(&out, &["no fee may be charged", "Art. 7(3)"]);
    assert!(desk.show(&withdrawal)["fee"].is_null());
    for (amount, reason, needle) in [
        ("ten", "excessive", "Amount"),
        ("0", "excessive", "zero"),
        ("5", "because", "--reason"),
    ] {
        let out = desk.run(&[
            "request",
            "charge-fee",
            &access,
            "--amount",
            amount,
            "--reason",
            reason,
        ]);
        assert_refused(&out, &[needle]);
    }
    assert_eq!(desk.show(&access)["fee"]["amount"], "10.00");
}

/// Art. 15(1)(h): `profile set --automated-decisions` is shown by `profile show`; too long a
/// statement exits 1 and changes nothing.
#[test]
fn the_automated_decisions_statement_is_set_and_shown() {
    let desk = Desk::new();
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Corner Shop Ltd",
        "--controller-email",
        "privacy@corner.example",
        "--regime",
        "gdpr",
        "--automated-decisions",
        "We make no automated decisions about you.",
    ]);
    let doc = desk.json(&["profile", "show", "--json"]);
    assert_eq!(
        doc["automated_decisions"],
        "We make no automated decisions about you."
    );
    let long = "x".repeat(4001);
    let out = desk.run(&["profile", "set", "--automated-decisions", &long]);
    assert_refused(&out, &["Automated decisions", "4000"]);
    let text = desk.ok(&["profile", "show"]).stdout;
    assert!(
        text.contains("We make no automated decisions about you."),
        "{text}"
    );
}
