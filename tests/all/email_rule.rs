//! Issue 17, item 10: one address rule (a well-kept parser, not a hand-written check) wherever
//! an email is taken: `jane@@example.com` is refused by `subject add`, `request open`, the
//! correction of a subject and an import (naming the file and line), with the same words.
//! (The window's form: `gui::tests::consent::the_window_refuses_a_double_at_email`.)

use std::path::{Path, PathBuf};

use privacy_desk::domain::email::NOT_AN_EMAIL;
use privacy_desk::services::ServiceError;

use crate::common::{PASS, Run, TempStore, cli_init, draft, query_i64, run, unlock};

const BAD: &str = "jane@@example.com";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn refused(out: &Run) {
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains(NOT_AN_EMAIL), "{out:?}");
    assert!(
        !out.stderr.contains(BAD),
        "the address is not echoed: {out:?}"
    );
}

#[test]
fn the_command_line_refuses_a_double_at_email_everywhere() {
    let store = TempStore::new();
    assert_eq!(cli_init(&store).code, Some(0));
    let pass_file = store.secret_file("owner-pass.txt", PASS);
    let cli = |args: &[&str]| run(store.cli_with(&pass_file).args(args));

    refused(&cli(&[
        "subject", "add", "--email", BAD, "--name", "Jane Doe",
    ]));
    refused(&cli(&[
        "request",
        "open",
        "--type",
        "access",
        "--regime",
        "gdpr",
        "--email",
        BAD,
        "--received",
        "2026-02-02",
    ]));

    let file = data("bad_email_double_at.csv");
    let out = cli(&[
        "import",
        "consent",
        file.to_str().unwrap(),
        "--preset",
        "generic",
        "--purpose",
        "newsletter",
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let line = format!("{}:3: email: {NOT_AN_EMAIL}", file.display());
    assert!(out.stderr.contains(&line), "{line}\n{out:?}");

    let conn = store.raw();
    assert_eq!(query_i64(&conn, "SELECT COUNT(*) FROM subjects"), 0);
    assert_eq!(query_i64(&conn, "SELECT COUNT(*) FROM requests"), 0);
}

#[test]
fn a_correction_to_a_double_at_email_is_refused() {
    let store = TempStore::new().created();
    let s = unlock(&store.path, PASS).unwrap();
    let id = s
        .subjects()
        .add_subject(&draft("Jane Doe", "jane@example.com"))
        .unwrap();
    let corrected = draft("Jane Doe", BAD);
    match s.requests().rectify_subject(id, &corrected, None) {
        Err(ServiceError::Invalid { message, .. }) => {
            assert!(message.contains(NOT_AN_EMAIL), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let kept = s.subjects().subject(id).unwrap().unwrap();
    assert_eq!(kept.fields.email, "jane@example.com");
}
