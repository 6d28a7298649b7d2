//! Subjects and consent (CLI level): `subject add | show`, `consent record`, `purpose list`
//! and the consent figures of `status --json`.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{PASS, Run, TempStore, cli_init, query_i64, run};

/// A store made by `init`, with the owner's passphrase file.
struct Desk {
    store: TempStore,
    pass_file: PathBuf,
}

impl Desk {
    fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let pass_file = store.secret_file("owner-pass.txt", PASS);
        Self { store, pass_file }
    }

    fn run(&self, args: &[&str]) -> Run {
        run(self.store.cli_with(&self.pass_file).args(args))
    }

    /// Runs a command that must succeed.
    fn ok(&self, args: &[&str]) -> Run {
        let out = self.run(args);
        assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
        out
    }

    /// Runs a command that must print JSON, and parses it.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {out:?}"))
    }

    fn add_ada(&self) {
        self.ok(&[
            "subject",
            "add",
            "--email",
            "ada@example.org",
            "--name",
            "Ada Lovelace",
        ]);
    }

    /// `consent record EMAIL` with more arguments.
    fn record(&self, email: &str, args: &[&str]) -> Run {
        let mut all = vec!["consent", "record", email];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `subject show EMAIL --json`: the state of each purpose with a record.
    fn consents(&self, email: &str) -> Vec<Value> {
        let doc = self.json(&["subject", "show", email, "--json"]);
        doc["consents"]
            .as_array()
            .unwrap_or_else(|| panic!("consents is a list: {doc}"))
            .clone()
    }

    fn ledger_rows(&self) -> i64 {
        query_i64(&self.store.raw(), "SELECT COUNT(*) FROM consent_events")
    }
}

/// The entry for `purpose` in `subject show --json`'s consents.
fn consent_for<'a>(consents: &'a [Value], purpose: &str) -> &'a Value {
    consents
        .iter()
        .find(|c| c["purpose"] == purpose)
        .unwrap_or_else(|| panic!("no {purpose} in {consents:?}"))
}

fn assert_refused(out: &Run, needles: &[&str]) {
    assert_eq!(out.code, Some(1), "{out:?}");
    for needle in needles {
        assert!(out.stderr.contains(needle), "expected {needle:?}: {out:?}");
    }
    assert!(!out.stderr.contains("panicked"), "{out:?}");
}

// 1 -------------------------------------------------------------------------------------------

#[test]
fn subject_add_normalises_the_email_and_refuses_a_second_subject_with_it() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "subject",
        "add",
        "--email",
        " Ada@Example.org ",
        "--name",
        "Ada Lovelace",
    ]);
    assert!(out.stdout.contains("Added subject"), "{out:?}");

    let out = desk.run(&[
        "subject",
        "add",
        "--email",
        "ada@EXAMPLE.org",
        "--name",
        "Ada Again",
    ]);
    assert_refused(&out, &["already exists"]);
    assert_eq!(
        query_i64(&desk.store.raw(), "SELECT COUNT(*) FROM subjects"),
        1
    );

    let doc = desk.json(&["subject", "show", "ada@example.org", "--json"]);
    assert_eq!(doc["email"], "Ada@Example.org", "{doc}");
    assert_eq!(doc["name"], "Ada Lovelace", "{doc}");
    assert_eq!(doc["consents"], Value::Array(Vec::new()), "{doc}");
}

// 2 -------------------------------------------------------------------------------------------

#[test]
fn consent_given_then_withdrawn_shows_in_subject_show() {
    let desk = Desk::new();
    desk.add_ada();
    let out = desk.record(
        "ada@example.org",
        &[
            "--purpose",
            "newsletter",
            "--event",
            "given",
            "--channel",
            "double-opt-in-email",
            "--at",
            "2025-01-10 09:00:00",
            "--ip",
            "192.0.2.7",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("given"), "{out:?}");
    assert_eq!(desk.ledger_rows(), 1);

    let doc = desk.json(&["subject", "show", "ADA@example.org", "--json"]);
    assert_eq!(doc["email"], "ada@example.org");
    assert_eq!(doc["name"], "Ada Lovelace");
    let consents = doc["consents"].as_array().expect("consents is a list");
    assert_eq!(consents.len(), 1, "only purposes with a record: {doc}");
    let news = consent_for(consents, "newsletter");
    assert_eq!(news["state"], "given", "{doc}");
    assert_eq!(news["since"], "2025-01-10T09:00:00Z", "{doc}");
    assert_eq!(news["channel"], "double-opt-in-email", "{doc}");
    // The timeline keeps the evidence, the recorder and the current notice version.
    let first = &doc["timeline"][0];
    assert_eq!(first["evidence"]["ip"], "192.0.2.7", "{doc}");
    assert_eq!(first["recorded_by"], "owner", "{doc}");
    assert_eq!(first["notice_version"], 1, "{doc}");

    let out = desk.ok(&["subject", "show", "ada@example.org"]);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.contains("newsletter") && l.contains("given")),
        "{out:?}"
    );

    let out = desk.record(
        "ada@example.org",
        &[
            "--purpose",
            "newsletter",
            "--event",
            "withdrawn",
            "--channel",
            "web-form",
            "--at",
            "2025-06-01T12:30:00Z",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let consents = desk.consents("ada@example.org");
    let news = consent_for(&consents, "newsletter");
    assert_eq!(news["state"], "withdrawn", "{consents:?}");
    assert_eq!(news["since"], "2025-06-01T12:30:00Z", "{consents:?}");
    assert_eq!(desk.ledger_rows(), 2);
}

// 3 -------------------------------------------------------------------------------------------

#[test]
fn a_global_privacy_control_signal_opts_out_of_sharing_only() {
    let desk = Desk::new();
    desk.add_ada();
    for purpose in ["newsletter", "partner-sharing"] {
        let out = desk.record(
            "ada@example.org",
            &[
                "--purpose",
                purpose,
                "--event",
                "given",
                "--channel",
                "web-form",
                "--at",
                "2025-01-10 09:00:00",
            ],
        );
        assert_eq!(out.code, Some(0), "{out:?}");
    }
    let consents = desk.consents("ada@example.org");
    assert_eq!(consent_for(&consents, "partner-sharing")["state"], "given");

    let out = desk.record(
        "ada@example.org",
        &[
            "--event",
            "global_privacy_control",
            "--channel",
            "browser-signal",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let consents = desk.consents("ada@example.org");
    let sharing = consent_for(&consents, "partner-sharing");
    assert_eq!(sharing["state"], "opted_out", "{consents:?}");
    assert!(sharing["since"].is_string(), "{consents:?}");
    assert_eq!(consent_for(&consents, "newsletter")["state"], "given");

    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["consent"]["partner-sharing"]["opted_out"], 1);
    assert_eq!(status["consent"]["partner-sharing"]["given"], 0);
    assert_eq!(status["consent"]["newsletter"]["given"], 1);
}

// 4 -------------------------------------------------------------------------------------------

#[test]
fn bad_input_is_refused_with_a_sentence_and_records_nothing() {
    let desk = Desk::new();
    desk.add_ada();
    let given = |purpose: &str| {
        vec![
            "--purpose".to_owned(),
            purpose.to_owned(),
            "--event".into(),
            "given".into(),
            "--channel".into(),
            "web-form".into(),
        ]
    };
    let with = |mut args: Vec<String>, more: &[&str]| {
        args.extend(more.iter().map(|s| (*s).to_owned()));
        args
    };
    let cases: Vec<(&str, Vec<String>, Vec<&str>)> = vec![
        (
            "ada@example.org",
            vec![
                "--purpose".into(),
                "newsletter".into(),
                "--event".into(),
                "agreed".into(),
                "--channel".into(),
                "web-form".into(),
            ],
            vec!["--event", "agreed", "given"],
        ),
        (
            "ada@example.org",
            vec![
                "--purpose".into(),
                "newsletter".into(),
                "--event".into(),
                "given".into(),
                "--channel".into(),
                "carrier-pigeon".into(),
            ],
            vec!["--channel", "carrier-pigeon", "web-form"],
        ),
        (
            "ada@example.org",
            given("News Letter"),
            vec!["--purpose", "News Letter", "kebab-case"],
        ),
        (
            "ada@example.org",
            given("nope"),
            vec!["nope", "purpose list"],
        ),
        (
            "ada@example.org",
            with(given("newsletter"), &["--at", "yesterday"]),
            vec!["--at", "yesterday"],
        ),
        (
            "ada@example.org",
            with(given("newsletter"), &["--at", "2999-01-01 00:00:00"]),
            vec!["future"],
        ),
        (
            "ada@example.org",
            vec![
                "--event".into(),
                "given".into(),
                "--channel".into(),
                "web-form".into(),
            ],
            vec!["needs a purpose"],
        ),
        (
            "nobody@example.org",
            given("newsletter"),
            vec!["no subject", "nobody@example.org"],
        ),
    ];
    for (email, args, needles) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = desk.record(email, &args);
        assert_refused(&out, &needles);
        assert_eq!(desk.ledger_rows(), 0, "{args:?} recorded nothing");
    }
    assert!(desk.consents("ada@example.org").is_empty());
    let audited = query_i64(
        &desk.store.raw(),
        "SELECT COUNT(*) FROM audit_log WHERE action = 'consent.recorded'",
    );
    assert_eq!(audited, 0);
}

// 5 -------------------------------------------------------------------------------------------

#[test]
fn purpose_list_and_status_json_show_the_catalogue_and_the_counts() {
    let desk = Desk::new();
    let list = desk.json(&["purpose", "list", "--json"]);
    let list = list.as_array().expect("a list of purposes");
    assert!(list.len() >= 5, "{list:?}");
    let news = list
        .iter()
        .find(|p| p["purpose"]["code"] == "newsletter")
        .unwrap_or_else(|| panic!("newsletter in {list:?}"));
    assert_eq!(news["current_notice"], 1);
    assert!(
        list.iter()
            .any(|p| p["purpose"]["ccpa_sale_or_share"] == true),
        "{list:?}"
    );
    let out = desk.ok(&["purpose", "list"]);
    assert!(out.stdout.contains("newsletter"), "{out:?}");

    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["subjects"], 0, "{status}");
    assert_eq!(status["consent"]["newsletter"]["given"], 0, "{status}");

    desk.add_ada();
    let out = desk.record(
        "ada@example.org",
        &[
            "--purpose",
            "newsletter",
            "--event",
            "given",
            "--channel",
            "paper",
            "--document-ref",
            "scan-1.pdf",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["subjects"], 1, "{status}");
    let news = &status["consent"]["newsletter"];
    assert_eq!(news["given"], 1, "{status}");
    assert_eq!(news["withdrawn"], 0, "{status}");
    assert_eq!(news["expired"], 0, "{status}");
    assert_eq!(news["opted_out"], 0, "{status}");
    for p in list {
        let code = p["purpose"]["code"].as_str().unwrap();
        assert!(
            status["consent"][code].is_object(),
            "{code} in status: {status}"
        );
    }
    assert_eq!(status["consent"]["partner-sharing"]["given"], 0);
}

#[test]
fn tags_are_normalised_sealed_and_shown() {
    let store = TempStore::new().created();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args([
        "subject",
        "add",
        "--email",
        "tagged@example.org",
        "--tags",
        " Wholesale, VIP ,wholesale,",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let out =
        run(store
            .cli_with(&pass_file)
            .args(["subject", "show", "tagged@example.org", "--json"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["tags"], "wholesale, vip");
    for (path, bytes) in crate::common::files_in(&store.store_dir()) {
        assert!(
            !crate::common::contains(&bytes, b"wholesale"),
            "{} holds a tag in the clear",
            path.display()
        );
    }
}

/// Issue 16, item 7: after an opt-out of sale or sharing, a renewed consent to the purpose or a
/// one-step opt-in lifts nothing; only an opt-in with its confirmation does (11 CCR § 7028(a)).
/// `subject show --json` says when the business may ask again (Civ. Code § 1798.135(c)(4)).
#[test]
fn only_a_two_step_opt_in_lifts_an_opt_out_of_sale_or_sharing() {
    let desk = Desk::new();
    desk.add_ada();
    let given = |at: &str| {
        let out = desk.record(
            "ada@example.org",
            &[
                "--purpose",
                "partner-sharing",
                "--event",
                "given",
                "--channel",
                "web-form",
                "--at",
                at,
            ],
        );
        assert_eq!(out.code, Some(0), "{out:?}");
    };
    given("2025-01-10 09:00:00");
    let out = desk.record(
        "ada@example.org",
        &[
            "--event",
            "opted_out_of_sale_or_sharing",
            "--channel",
            "web-form",
            "--at",
            "2025-02-01 09:00:00",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    given("2025-03-01 09:00:00");
    let state = |desk: &Desk| {
        consent_for(&desk.consents("ada@example.org"), "partner-sharing")["state"].clone()
    };
    assert_eq!(
        state(&desk),
        "opted_out",
        "a renewed consent does not lift it"
    );

    let one_step = desk.record(
        "ada@example.org",
        &[
            "--event",
            "opted_in_to_sale_or_sharing",
            "--channel",
            "web-form",
            "--at",
            "2025-03-02 09:00:00",
        ],
    );
    assert_eq!(one_step.code, Some(1), "{one_step:?}");
    assert!(one_step.stderr.contains("§ 7028(a)"), "{one_step:?}");
    assert!(one_step.stderr.contains("--confirmed-at"), "{one_step:?}");
    let doc = desk.json(&["subject", "show", "ada@example.org", "--json"]);
    assert_eq!(
        doc["ccpa"]["may_ask_again_from"], "2026-02-01T09:00:00Z",
        "{doc}"
    );
    assert_eq!(state(&desk), "opted_out");

    let out = desk.record(
        "ada@example.org",
        &[
            "--event",
            "opted_in_to_sale_or_sharing",
            "--channel",
            "web-form",
            "--at",
            "2025-03-02 09:00:00",
            "--confirmed-at",
            "2025-03-02 09:05:00",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(state(&desk), "given", "the two-step opt-in lifts it");
    let doc = desk.json(&["subject", "show", "ada@example.org", "--json"]);
    assert!(doc["ccpa"]["may_ask_again_from"].is_null(), "{doc}");
}
