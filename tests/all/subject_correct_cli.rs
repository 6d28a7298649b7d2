//! Issue 17, item 2: rectification on the command line (`subject correct EMAIL …`), the same
//! service as the window: the fields given change, the values before and after are kept
//! sealed in the person's history, each change is audited by field name only, and a linked
//! request must be a rectification request about the same person.

use crate::common::desk::Desk;

fn add(desk: &Desk, email: &str, name: &str) {
    desk.ok(&["subject", "add", "--email", email, "--name", name]);
}

fn open_request(desk: &Desk, kind: &str, email: &str) -> String {
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        kind,
        "--regime",
        "gdpr",
        "--email",
        email,
        "--received",
        "2026-11-02",
    ]);
    out.stdout.lines().last().unwrap_or_default().to_owned()
}

#[test]
fn subject_correct_changes_the_fields_given_and_audits_each_by_name() {
    let desk = Desk::new();
    add(&desk, "ada@example.org", "Ada Lovelase");
    let out = desk.ok(&[
        "subject",
        "correct",
        "ADA@example.org",
        "--name",
        "Ada Lovelace",
        "--phone",
        "+44 20 7946 0000",
    ]);
    assert!(out.stdout.contains("Corrected 2 fields"), "{out:?}");

    let doc = desk.json(&["subject", "show", "ada@example.org", "--json"]);
    assert_eq!(doc["name"], "Ada Lovelace");
    assert_eq!(doc["phone"], "+44 20 7946 0000");

    // The audit trail names the fields, never the values.
    let out_file = desk.store.path.with_file_name("audit.csv");
    let out_arg = out_file.to_string_lossy().into_owned();
    desk.ok(&["audit", "export", "--out", &out_arg]);
    let text = std::fs::read_to_string(&out_file).expect("the audit export");
    assert!(text.contains("name") && text.contains("phone"), "{text}");
    assert!(
        !text.contains("Lovelace") && !text.contains("Lovelase"),
        "{text}"
    );

    // The same values again change nothing.
    let again = desk.ok(&[
        "subject",
        "correct",
        "ada@example.org",
        "--name",
        "Ada Lovelace",
    ]);
    assert!(again.stdout.contains("Nothing changed"), "{again:?}");
}

#[test]
fn subject_correct_moves_the_email_and_the_old_address_no_longer_finds_them() {
    let desk = Desk::new();
    add(&desk, "grace@old.example", "Grace Hopper");
    desk.ok(&[
        "subject",
        "correct",
        "grace@old.example",
        "--email",
        "grace@new.example",
    ]);
    let doc = desk.json(&["subject", "show", "grace@new.example", "--json"]);
    assert_eq!(doc["name"], "Grace Hopper");
    desk.fails(
        &["subject", "show", "grace@old.example"],
        "grace@old.example",
    );
}

#[test]
fn subject_correct_refuses_nothing_to_change_a_bad_email_and_a_taken_one() {
    let desk = Desk::new();
    add(&desk, "ada@example.org", "Ada");
    add(&desk, "alan@example.org", "Alan");
    desk.fails(
        &["subject", "correct", "ada@example.org"],
        "give at least one corrected value",
    );
    desk.fails(
        &[
            "subject",
            "correct",
            "ada@example.org",
            "--email",
            "ada@@example.org",
        ],
        "email",
    );
    desk.fails(
        &[
            "subject",
            "correct",
            "ada@example.org",
            "--email",
            "alan@example.org",
        ],
        "another subject already has the email",
    );
    let doc = desk.json(&["subject", "show", "ada@example.org", "--json"]);
    assert_eq!(doc["name"], "Ada");
}

#[test]
fn subject_correct_with_a_request_answers_only_that_persons_rectification_request() {
    let desk = Desk::new();
    add(&desk, "ada@example.org", "Ada Lovelase");
    add(&desk, "alan@example.org", "Alan");
    let rectification = open_request(&desk, "rectification", "ada@example.org");
    let access = open_request(&desk, "access", "ada@example.org");
    let someone_else = open_request(&desk, "rectification", "alan@example.org");

    desk.fails(
        &[
            "subject",
            "correct",
            "ada@example.org",
            "--name",
            "Ada Lovelace",
            "--request",
            &access,
        ],
        "only a rectification",
    );
    desk.fails(
        &[
            "subject",
            "correct",
            "ada@example.org",
            "--name",
            "Ada Lovelace",
            "--request",
            &someone_else,
        ],
        "about someone else",
    );
    desk.ok(&[
        "subject",
        "correct",
        "ada@example.org",
        "--name",
        "Ada Lovelace",
        "--request",
        &rectification,
    ]);
    let shown = desk.json(&["request", "show", &rectification, "--json"]);
    let steps = shown["steps"].as_array().expect("steps");
    assert!(
        steps
            .iter()
            .any(|s| s["what"].as_str().unwrap_or("") == "Corrected: Name"),
        "{shown:#}"
    );
}
