//! Issue 16 item 11 on the command line: `incident close` exits 1 with the Art. 34 sentence
//! until `incident notify-people` or `incident exception` is recorded; `incident letter` writes
//! the Art. 34 letter.

use chrono::{SecondsFormat, TimeDelta, Utc};

use crate::common::desk::Desk;

fn hours_ago(hours: i64) -> String {
    (Utc::now() - TimeDelta::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn add_high_risk(desk: &Desk) {
    desk.ok(&[
        "incident",
        "add",
        "--aware-at",
        &hours_ago(20),
        "--facts",
        "The order database backup was left on a public link",
        "--effects",
        "Names, addresses and order histories could be copied",
        "--remedial",
        "The link was removed; customers are advised to watch for phishing",
        "--risk",
        "high-risk",
    ]);
    desk.ok(&["incident", "notify", "INC-0001", "--at", &hours_ago(1)]);
}

#[test]
fn incident_close_exits_1_until_the_people_were_told() {
    let desk = Desk::new();
    add_high_risk(&desk);
    let run = desk.fails_with(&["incident", "close", "INC-0001"], 1, "Art. 34(1)");
    assert!(run.stderr.contains("incident notify-people"), "{run:?}");
    assert!(run.stderr.contains("incident exception"), "{run:?}");
    desk.fails_with(
        &[
            "incident",
            "notify-people",
            "INC-0001",
            "--method",
            "pigeon",
        ],
        2,
        "not a way of telling people",
    );
    let run = desk.ok(&["incident", "notify-people", "INC-0001", "--method", "email"]);
    assert!(run.stdout.contains("were told on"), "{run:?}");
    let row = desk.json(&["incident", "list", "--json"])[0].clone();
    assert_eq!(row["people_to_tell"], false, "{row:#}");
    assert_eq!(row["details"]["people_told"]["method"], "email", "{row:#}");
    desk.ok(&["incident", "close", "INC-0001"]);
}

#[test]
fn an_exception_is_recorded_with_its_ground_and_reasons() {
    let desk = Desk::new();
    add_high_risk(&desk);
    desk.fails_with(
        &[
            "incident",
            "exception",
            "INC-0001",
            "--ground",
            "c",
            "--reason",
            "No addresses held",
        ],
        1,
        "--public-notice-on",
    );
    desk.fails_with(
        &[
            "incident",
            "exception",
            "INC-0001",
            "--ground",
            "d",
            "--reason",
            "x",
        ],
        2,
        "Art. 34(3)",
    );
    desk.fails_with(&["incident", "close", "INC-0001"], 1, "Art. 34(3)");
    let run = desk.ok(&[
        "incident",
        "exception",
        "INC-0001",
        "--ground",
        "b",
        "--reason",
        "Every affected password was reset before the link could be used",
    ]);
    assert!(run.stdout.contains("Art. 34(3)(b)"), "{run:?}");
    desk.ok(&["incident", "close", "INC-0001"]);
}

#[test]
fn incident_letter_writes_the_art_34_letter() {
    let desk = Desk::new();
    add_high_risk(&desk);
    let out = desk.store.dir.path().join("INC-0001-letter.txt");
    let out_text = out.to_str().unwrap();
    desk.fails_with(
        &["incident", "letter", "INC-0001", "--out", out_text],
        1,
        "organisation profile",
    );
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Acme Bakery Ltd",
        "--controller-name",
        "Front Office",
        "--controller-email",
        "office@example.org",
        "--regime",
        "gdpr",
    ]);
    desk.ok(&["incident", "letter", "INC-0001", "--out", out_text]);
    let text = std::fs::read_to_string(&out).unwrap();
    for part in [
        "INC-0001",
        "The order database backup was left on a public link",
        "Names, addresses and order histories could be copied",
        "customers are advised to watch for phishing",
        "please contact: Acme Bakery Ltd, office@example.org",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    desk.fails_with(
        &["incident", "letter", "INC-0001", "--out", "letter.pdf"],
        1,
        "txt",
    );
    // The same letter in German, French and Spanish: the officer's words as written.
    for (lang, parts) in [
        (
            "de",
            [
                "Unser Zeichen: INC-0001",
                "Was geschehen ist: The order database backup",
                "Mit freundlichen Grüßen",
            ],
        ),
        (
            "fr",
            [
                "Notre référence : INC-0001",
                "Ce qui s'est passé : The order database backup",
                "salutations distinguées",
            ],
        ),
        (
            "es",
            [
                "Nuestra referencia: INC-0001",
                "Qué ha ocurrido: The order database backup",
                "Atentamente,",
            ],
        ),
    ] {
        desk.ok(&[
            "incident", "letter", "INC-0001", "--lang", lang, "--out", out_text,
        ]);
        let text = std::fs::read_to_string(&out).unwrap();
        for part in parts {
            assert!(text.contains(part), "{lang}: {part}: {text}");
        }
    }
    desk.fails(
        &[
            "incident", "letter", "INC-0001", "--lang", "it", "--out", out_text,
        ],
        "use one of en, de, fr, es",
    );
}
