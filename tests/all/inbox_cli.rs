//! Issue 18, item 1: the privacy mailbox on the command line: `inbox import` of the fixtures
//! in tests/data/intake (Thunderbird and Gmail Takeout mboxes, Apple Mail and Outlook .eml
//! files, an HTML-only email, requests in six languages, a reply, newsletters, a folder),
//! `inbox list --json`, `inbox accept`, `inbox dismiss`, follow-ups, and erasure.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::desk::Desk;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/intake")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn list(desk: &Desk) -> Vec<Value> {
    desk.json(&["inbox", "list", "--json"])
        .as_array()
        .expect("a list")
        .clone()
}

/// The proposal from `sender`.
fn from<'a>(rows: &'a [Value], sender: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["from"] == sender)
        .unwrap_or_else(|| panic!("no message from {sender}: {rows:#?}"))
}

/// The audit trail as JSON text.
fn audit_text(desk: &Desk) -> String {
    let out = desk.store.dir.path().join("audit.json");
    desk.ok(&["audit", "export", "--out", &out.to_string_lossy()]);
    std::fs::read_to_string(&out).expect("audit export")
}

fn last_line(text: &str) -> String {
    text.lines().last().unwrap_or_default().trim().to_owned()
}

#[test]
fn import_proposes_types_in_every_language_with_the_day_of_receipt() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "inbox",
        "import",
        &data("thunderbird.mbox"),
        &data("gmail_takeout.mbox"),
        &data("apple_mail.eml"),
        &data("outlook_qp.eml"),
        &data("html_only.eml"),
        &data("newsletter.eml"),
        &data("folder"),
    ]);
    assert!(
        out.stdout.contains(
            "12 read: 10 proposed, 0 follow-up(s), 2 not a request, 0 seen before, 0 unreadable"
        ),
        "{out:?}"
    );
    let rows = list(&desk);
    assert_eq!(rows.len(), 12, "{rows:#?}");
    // The JSON fields, exactly.
    let mut keys: Vec<&str> = rows[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "follow_up_of",
            "from",
            "id",
            "matched_phrase",
            "proposed_type",
            "received",
            "status",
            "subject",
            "subject_found"
        ]
    );
    // (sender, type, phrase, received: the top Received header's day in UTC)
    let cases = [
        (
            "maud.ellery@example.net",
            "access",
            "subject access request",
            "2026-11-02",
        ),
        (
            "k.brandt@example.de",
            "erasure",
            "löschung meiner daten",
            "2026-11-03",
        ),
        (
            "eloise.garnier@example.fr",
            "erasure",
            "suppression de mes données",
            "2026-11-05",
        ),
        (
            "javier.ortega@example.es",
            "access",
            "derecho de acceso",
            "2026-11-06",
        ),
        (
            "giulia.ferri@example.it",
            "erasure",
            "cancellazione dei miei dati",
            "2026-11-07",
        ),
        (
            "pieter.devries@example.nl",
            "erasure",
            "verwijder mijn gegevens",
            "2026-11-09",
        ),
        (
            "dana.whitfield@example.com",
            "opt-out",
            "do not sell or share",
            "2026-11-11",
        ),
        (
            "lucia.marin@example.es",
            "rectification",
            "rectificar mis datos",
            "2026-11-16",
        ),
        (
            "paul.lefort@example.fr",
            "objection",
            "droit d'opposition",
            "2026-11-17",
        ),
        (
            "anke.visser@example.nl",
            "access",
            "inzageverzoek",
            "2026-11-18",
        ),
    ];
    for (sender, kind, phrase, day) in cases {
        let r = from(&rows, sender);
        assert_eq!(r["proposed_type"], kind, "{r:#}");
        assert_eq!(r["matched_phrase"], phrase, "{r:#}");
        assert_eq!(r["received"], day, "{r:#}");
        assert_eq!(r["status"], "proposed", "{r:#}");
        assert_eq!(r["subject_found"], false, "{r:#}");
        assert_eq!(r["follow_up_of"], Value::Null, "{r:#}");
    }
    // Encoded headers and charsets came out as text.
    assert_eq!(
        from(&rows, "k.brandt@example.de")["subject"],
        "Löschung meiner Daten gemäß Art. 17 DSGVO"
    );
    assert_eq!(
        from(&rows, "eloise.garnier@example.fr")["subject"],
        "Demande de suppression de mes données"
    );
    // Newsletters, whatever their footers say, are not requests.
    for sender in ["news@bakery.example", "hello@garden.example"] {
        let r = from(&rows, sender);
        assert_eq!(r["status"], "not-a-request", "{r:#}");
        assert_eq!(r["proposed_type"], Value::Null, "{r:#}");
    }
    // The audit trail has the counts, and nothing personal.
    let audit = audit_text(&desk);
    assert!(audit.contains("inbox.imported"), "{audit}");
    for personal in [
        "maud.ellery",
        "Brandt",
        "sourdough",
        "Ferri",
        "Subject access",
    ] {
        assert!(!audit.contains(personal), "{personal} in {audit}");
    }
}

#[test]
fn a_second_import_takes_nothing_twice() {
    let desk = Desk::new();
    desk.ok(&["inbox", "import", &data("thunderbird.mbox")]);
    let out = desk.ok(&["inbox", "import", &data("thunderbird.mbox")]);
    assert!(
        out.stdout
            .contains("3 read: 0 proposed, 0 follow-up(s), 0 not a request, 3 seen before"),
        "{out:?}"
    );
    assert_eq!(list(&desk).len(), 3);
}

#[test]
fn accept_opens_a_request_on_the_day_of_receipt_and_a_reply_follows_it_up() {
    let desk = Desk::new();
    desk.ok(&["inbox", "import", &data("thunderbird.mbox")]);
    let rows = list(&desk);
    let maud = from(&rows, "maud.ellery@example.net")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let out = desk.ok(&["inbox", "accept", &maud]);
    let reference = last_line(&out.stdout);
    assert_eq!(reference, "R-0001", "{out:?}");
    let request = desk.json(&["request", "show", &reference, "--json"]);
    assert_eq!(request["type"], "access", "{request:#}");
    // "UK GDPR" in the email proposes the regime.
    assert_eq!(request["regime"], "uk-gdpr", "{request:#}");
    assert_eq!(request["received"], "2026-11-02", "{request:#}");
    assert_eq!(request["channel"], "email", "{request:#}");
    let rows = list(&desk);
    let r = from(&rows, "maud.ellery@example.net");
    assert_eq!(r["status"], "accepted");
    assert_eq!(r["subject_found"], true, "the request recorded her: {r:#}");
    // The original message, as received, is kept as the evidence.
    let shown = desk.ok(&["inbox", "show", &maud]);
    assert!(
        shown.stdout.starts_with("X-Mozilla-Status: 0001"),
        "{shown:?}"
    );
    assert!(
        shown.stdout.contains("including my order history"),
        "{shown:?}"
    );
    // Accepting twice is refused, naming the request.
    desk.fails(
        &["inbox", "accept", &maud],
        "was already accepted as R-0001",
    );

    // Her reply (In-Reply-To the first message) is a follow-up, not a second request.
    let out = desk.ok(&["inbox", "import", &data("reply.eml")]);
    assert!(out.stdout.contains("1 follow-up(s)"), "{out:?}");
    let rows = list(&desk);
    let reply = rows
        .iter()
        .find(|r| r["subject"] == "Re: Subject access request")
        .expect("the reply");
    assert_eq!(reply["status"], "follow-up", "{reply:#}");
    assert_eq!(reply["follow_up_of"], "R-0001", "{reply:#}");
    desk.fails(
        &["inbox", "accept", reply["id"].as_str().expect("id")],
        "is a follow-up of R-0001",
    );
    let shown = desk.ok(&["request", "show", "R-0001"]);
    assert!(shown.stdout.contains("Follow-up email"), "{shown:?}");
    let requests = desk.json(&["request", "list", "--json", "--all"]);
    assert_eq!(requests.as_array().expect("list").len(), 1);
}

#[test]
fn the_same_sender_asking_again_is_a_follow_up() {
    let desk = Desk::new();
    desk.ok(&["inbox", "import", &data("outlook_qp.eml")]);
    let reference = last_line(&desk.ok(&["inbox", "accept", "M-0001"]).stdout);
    let again = "Received: from x by mail.shop.example; Tue, 24 Nov 2026 09:00:00 +0000\r\n\
From: Pieter de Vries <pieter.devries@example.nl>\r\nSubject: Nogmaals\r\n\
Message-ID: <again@example.nl>\r\n\r\nVerwijder mijn gegevens, alstublieft!\r\n";
    let file = desk.store.secret_file("again.eml", again);
    let out = desk.ok(&["inbox", "import", &file.to_string_lossy()]);
    assert!(out.stdout.contains("1 follow-up(s)"), "{out:?}");
    let rows = list(&desk);
    assert_eq!(rows[0]["follow_up_of"], reference.as_str(), "{rows:#?}");
}

#[test]
fn accept_with_a_type_and_regime_and_dismiss() {
    let desk = Desk::new();
    desk.ok(&[
        "inbox",
        "import",
        &data("html_only.eml"),
        &data("newsletter.eml"),
    ]);
    // The HTML-only email names the CCPA; accepted as opt-out under it.
    let out = desk.ok(&["inbox", "accept", "M-0001"]);
    let reference = last_line(&out.stdout);
    let request = desk.json(&["request", "show", &reference, "--json"]);
    assert_eq!(request["type"], "opt-out", "{request:#}");
    assert_eq!(request["regime"], "ccpa", "{request:#}");
    assert_eq!(request["received"], "2026-11-11", "{request:#}");
    // The newsletter has no type: accepting it needs one; it can be dismissed.
    desk.fails(
        &["inbox", "accept", "M-0002"],
        "no request type was recognised in M-0002",
    );
    desk.fails(
        &["inbox", "accept", "M-0002", "--type", "nonsense"],
        "--type: \"nonsense\" is not a request type",
    );
    desk.fails(
        &["inbox", "accept", "M-0002", "--regime", "mars"],
        "--regime: \"mars\" is not a regime",
    );
    desk.ok(&["inbox", "dismiss", "M-0002"]);
    assert_eq!(list(&desk)[0]["status"], "dismissed");
    desk.fails(&["inbox", "dismiss", "M-0002"], "M-0002 was dismissed");
    desk.fails(
        &["inbox", "dismiss", "M-0042"],
        "there is no message M-0042",
    );
}

#[test]
fn an_explicit_type_and_regime_win_over_the_proposal() {
    let desk = Desk::new();
    desk.ok(&["inbox", "import", &data("apple_mail.eml")]);
    let out = desk.ok(&[
        "inbox",
        "accept",
        "M-0001",
        "--type",
        "restriction",
        "--regime",
        "gdpr",
    ]);
    let request = desk.json(&["request", "show", &last_line(&out.stdout), "--json"]);
    assert_eq!(request["type"], "restriction", "{request:#}");
    assert_eq!(request["regime"], "gdpr", "{request:#}");
}

#[test]
fn bad_files_are_refused_and_nothing_changes() {
    let desk = Desk::new();
    desk.fails(
        &["inbox", "import", "/no/such/file.mbox"],
        "could not read /no/such/file.mbox",
    );
    let junk = desk
        .store
        .secret_file("junk.eml", "just some words\nand more");
    desk.fails(
        &["inbox", "import", &junk.to_string_lossy()],
        "none of the files holds an email",
    );
    let empty = tempfile::tempdir().expect("dir");
    desk.fails(
        &["inbox", "import", &empty.path().to_string_lossy()],
        "no email was found in",
    );
    assert!(list(&desk).is_empty());
    let audit = audit_text(&desk);
    assert!(!audit.contains("inbox.imported"), "{audit}");
}

#[test]
fn a_reply_taken_in_before_its_message_is_accepted_follows_the_request_once_it_is() {
    let desk = Desk::new();
    desk.ok(&[
        "inbox",
        "import",
        &data("thunderbird.mbox"),
        &data("reply.eml"),
    ]);
    let rows = list(&desk);
    let reply = rows
        .iter()
        .find(|r| r["subject"] == "Re: Subject access request")
        .expect("the reply");
    // Its "Re:" subject line proposes a second access request, for now.
    assert_eq!(reply["status"], "proposed", "{reply:#}");
    let maud = rows
        .iter()
        .find(|r| r["subject"] == "Subject access request")
        .expect("the request")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let reference = last_line(&desk.ok(&["inbox", "accept", &maud]).stdout);
    let rows = list(&desk);
    let reply = rows
        .iter()
        .find(|r| r["subject"] == "Re: Subject access request")
        .expect("the reply");
    assert_eq!(reply["status"], "follow-up", "{reply:#}");
    assert_eq!(reply["follow_up_of"], reference.as_str(), "{reply:#}");
    let shown = desk.ok(&["request", "show", &reference]);
    assert!(shown.stdout.contains("Follow-up email"), "{shown:?}");
}
