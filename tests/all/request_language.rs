//! Issue 20, item 4: the language a request's letters are written in is recorded on the
//! request: from the language the intake detects in a mailed request, with `request
//! set-language ID --lang en|de|fr|es`; `request letter` uses it when `--lang` is not given,
//! `request show --json` has `language`. It is sealed, its audit entry does not say which
//! language, and erasing the person clears it.

use crate::common::desk::Desk;
use crate::common::{contains, raw, read_blob};

const GERMAN_MAIL: &str = "Received: from x by mail.shop.example; Mon, 23 Nov 2026 08:00:00 +0000\r\n\
From: Jonas Becker <jonas.becker@example.de>\r\nSubject: Meine Daten\r\n\
Message-ID: <loeschung@example.de>\r\n\r\nIch bitte um L\u{f6}schung meiner Daten (Recht auf L\u{f6}schung).\r\n";

/// A letter about `reference` written to a text file, without or with `--lang`.
fn letter(desk: &Desk, reference: &str, lang: Option<&str>) -> String {
    let out = desk.store.dir.path().join("letter.txt");
    let out_text = out.to_string_lossy().into_owned();
    let mut args = vec![
        "request",
        "letter",
        reference,
        "--kind",
        "acknowledgement",
        "--out",
        &out_text,
    ];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    desk.ok(&args);
    std::fs::read_to_string(&out).expect("the letter")
}

fn set_profile(desk: &Desk) {
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Acme Bakery Ltd",
        "--controller-email",
        "office@example.org",
        "--regime",
        "gdpr",
    ]);
}

fn language(desk: &Desk, reference: &str) -> serde_json::Value {
    desk.json(&["request", "show", reference, "--json"])["language"].clone()
}

#[test]
fn a_request_taken_in_from_a_german_email_writes_its_letters_in_german() {
    let desk = Desk::new();
    set_profile(&desk);
    let file = desk.store.secret_file("loeschung.eml", GERMAN_MAIL);
    desk.ok(&["inbox", "import", &file.to_string_lossy()]);
    let out = desk.ok(&["inbox", "accept", "M-0001"]);
    let reference = out
        .stdout
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_owned();
    assert_eq!(language(&desk, &reference), "de");
    let text = letter(&desk, &reference, None);
    assert!(text.contains("Guten Tag Jonas Becker,"), "{text}");
    // --lang still chooses for one letter, without changing what is recorded.
    let text = letter(&desk, &reference, Some("en"));
    assert!(text.contains("Dear Jonas Becker,"), "{text}");
    assert_eq!(language(&desk, &reference), "de");
}

#[test]
fn set_language_records_it_and_letters_follow() {
    let desk = Desk::new();
    set_profile(&desk);
    desk.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--regime",
        "gdpr",
        "--email",
        "claire@example.fr",
        "--received",
        "2026-11-20",
    ]);
    // Nothing recorded: null, and the letters are in English.
    assert!(language(&desk, "R-0001").is_null());
    assert!(letter(&desk, "R-0001", None).contains("Dear Sir or Madam,"));

    let out = desk.ok(&["request", "set-language", "R-0001", "--lang", "fr"]);
    assert!(out.stdout.contains("Français (fr)"), "{out:?}");
    assert_eq!(language(&desk, "R-0001"), "fr");
    let shown = desk.ok(&["request", "show", "R-0001"]);
    assert!(
        shown.stdout.contains("Letters:   in Français (fr)"),
        "{shown:?}"
    );
    assert!(letter(&desk, "R-0001", None).contains("Madame, Monsieur,"));

    // A language the letters are not written in: exit 1, the sentence names the flag and
    // the languages, and nothing changes.
    desk.fails(
        &["request", "set-language", "R-0001", "--lang", "it"],
        "--lang: \"it\" is not a language of the letters; use one of en, de, fr, es",
    );
    desk.fails(
        &[
            "request",
            "letter",
            "R-0001",
            "--kind",
            "acknowledgement",
            "--out",
            "x.txt",
            "--lang",
            "xx",
        ],
        "--lang: \"xx\"",
    );
    desk.fails(
        &["request", "set-language", "R-0404", "--lang", "de"],
        "R-0404",
    );
    assert_eq!(language(&desk, "R-0001"), "fr");

    // Sealed in the store; the audit entry says that it was recorded, not which.
    let conn = raw(&desk.store.path);
    let id: Vec<u8> = conn
        .query_row(
            "SELECT id FROM requests WHERE reference = 'R-0001'",
            [],
            |r| r.get(0),
        )
        .expect("the request");
    let sealed = read_blob(&conn, "requests", "language", &id);
    assert!(sealed.len() > 16 && !contains(&sealed, b"fr"), "{sealed:?}");
    let audit = desk.store.dir.path().join("audit.json");
    desk.ok(&["audit", "export", "--out", &audit.to_string_lossy()]);
    let audit = std::fs::read_to_string(&audit).expect("audit");
    assert!(audit.contains("letter language recorded"), "{audit}");
    assert!(
        !audit.contains("Français") && !audit.contains("\"fr\""),
        "{audit}"
    );
}

#[test]
fn erasing_the_person_clears_the_language() {
    let desk = Desk::new();
    desk.ok(&[
        "request",
        "open",
        "--type",
        "erasure",
        "--regime",
        "gdpr",
        "--email",
        "ana@example.es",
        "--received",
        "2026-11-20",
    ]);
    desk.ok(&["request", "set-language", "R-0001", "--lang", "es"]);
    assert_eq!(language(&desk, "R-0001"), "es");
    desk.ok(&["erase", "ana@example.es", "--request", "R-0001"]);
    assert!(language(&desk, "R-0001").is_null());
    let conn = raw(&desk.store.path);
    let left: Option<Vec<u8>> = conn
        .query_row("SELECT language FROM requests", [], |r| r.get(0))
        .expect("the request is kept");
    assert_eq!(left, None);
}
