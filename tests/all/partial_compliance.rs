//! Issue 16: partial compliance with an erasure or delete request. The officer keeps parts of
//! the person's data on an exception of the regime's checklist (GDPR Art. 17(3)(a)–(e); Cal.
//! Civ. Code § 1798.105(d)(1)–(8)); the rest is erased; the request records each kept part
//! with its exception (the officer's reason sealed, replaced at erasure); the letter names
//! them and, for the CCPA, carries the denial duties of 11 CCR § 7022(f).

use chrono::NaiveDate;
use privacy_desk::domain::letters::LetterKind;
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::records::{CategoryCode, DataSystem, RecordCode, SystemKind};
use privacy_desk::domain::request::partial::ErasureException;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::services::Session;
use uuid::Uuid;

use crate::common::desk::Desk;
use crate::common::{PASS, TempStore, draft, profile, unlock};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ledger() -> DataSystem {
    DataSystem {
        code: RecordCode::parse("accounts-ledger").unwrap(),
        name: "Accounts ledger".into(),
        kind: SystemKind::Shop,
        location: "Office".into(),
        vendor: None,
        data_categories: vec![CategoryCode::parse("contact.email").unwrap()],
        activities: Vec::new(),
        holds_register: false,
        keeps_for: None,
        notes: String::new(),
    }
}

fn open(s: &mut Session, regime: Regime, kind: RequestType) -> Uuid {
    let draft = RequestDraft {
        regime,
        kind,
        received: d("2026-03-02"),
        channel: RequestChannel::Email,
        email: "ana@example.org".into(),
        requester: Requester {
            name: "Ana Pires".into(),
            ..Requester::default()
        },
        details: String::new(),
    };
    s.requests()
        .open_request(&draft, d("2026-03-02"))
        .unwrap()
        .0
}

/// (parts, reason, day decided, what the refusal says)
type Refused = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
    &'static str,
);

fn keep(parts: &[(&str, &str)]) -> Vec<(String, String)> {
    parts
        .iter()
        .map(|(p, e)| ((*p).to_owned(), (*e).to_owned()))
        .collect()
}

#[test]
fn a_ccpa_delete_is_fulfilled_in_part_with_the_denial_duties_in_the_letter() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    s.settings()
        .save_profile(&profile("Acme Widgets Inc"))
        .unwrap();
    s.records().save_data_system(&ledger(), true).unwrap();
    let ana = s
        .subjects()
        .add_subject(&draft("Ana Pires", "ana@example.org"))
        .unwrap();
    let r = open(&mut s, Regime::CcpaCpra, RequestType::Delete);
    let today = d("2026-03-10");
    let reason = "Invoices for order 1182 are kept seven years (tax law)";

    // Refused, nothing recorded: a GDPR exception on a CCPA request names § 1798.105(d) and
    // the allowed codes; a part the inventory does not know; no reason; a day before receipt.
    let cases: [Refused; 4] = [
        (
            &[("Accounts ledger", "legal-claims")],
            reason,
            "2026-03-05",
            "§ 1798.105(d)",
        ),
        (
            &[("Shoebox", "legal-obligation")],
            reason,
            "2026-03-05",
            "Accounts ledger",
        ),
        (
            &[("Accounts ledger", "legal-obligation")],
            " ",
            "2026-03-05",
            "Art. 5(2)",
        ),
        (
            &[("Accounts ledger", "legal-obligation")],
            reason,
            "2026-02-01",
            "outside the request",
        ),
    ];
    for (parts, why, on, message) in cases {
        let err = s
            .requests()
            .keep_parts(r, &keep(parts), why, d(on), today)
            .unwrap_err();
        assert!(err.to_string().contains(message), "{parts:?}: {err}");
    }
    assert!(s.requests().kept_parts(r).unwrap().is_empty());
    // Only erasure and delete requests are fulfilled in part.
    let access = open(&mut s, Regime::CcpaCpra, RequestType::Know);
    let err = s
        .requests()
        .keep_parts(
            access,
            &keep(&[("Accounts ledger", "debug")]),
            reason,
            today,
            today,
        )
        .unwrap_err();
    assert!(err.to_string().contains("§ 1798.105(d)"), "{err}");

    // The ledger kept for the legal obligation; the email category for security.
    let kept = s
        .requests()
        .keep_parts(
            r,
            &keep(&[
                ("accounts LEDGER", "legal-obligation"),
                ("contact.email", "security-integrity"),
            ]),
            reason,
            d("2026-03-05"),
            today,
        )
        .unwrap();
    let got: Vec<(&str, ErasureException)> = kept
        .iter()
        .map(|k| (k.part.as_str(), k.exception))
        .collect();
    assert_eq!(
        got,
        [
            ("Accounts ledger", ErasureException::CcpaLegalObligation),
            ("contact.email", ErasureException::SecurityIntegrity),
        ]
    );
    assert_eq!(kept[0].reason, reason);

    // The rest is erased: the certificate lists the kept parts, and the reasons are replaced.
    s.requests().start_work(r).unwrap();
    let cert = s.requests().erase_subject(ana, Some(r), today).unwrap();
    assert!(
        cert.kept
            .iter()
            .any(|k| k
                .contains("Accounts ledger (legal-obligation, Cal. Civ. Code § 1798.105(d)(8))")),
        "{:?}",
        cert.kept
    );
    let after = s.requests().kept_parts(r).unwrap();
    assert_eq!(after.len(), 2, "the parts stay as the record of compliance");
    assert!(
        after.iter().all(|k| !k.reason.contains("1182")),
        "{after:?}"
    );

    // The kept system's task is closed as not applicable, naming the exception, so the
    // request completes without a reason for open tasks.
    let tasks = s.requests().request_tasks(r).unwrap();
    let ledger = tasks
        .iter()
        .find(|t| t.target.name() == "Accounts ledger")
        .expect("a task for the kept system");
    assert_eq!(
        ledger.status,
        privacy_desk::domain::request::task::TaskStatus::NotApplicable
    );
    // (Its note named the exception; the erasure has since replaced every task note.)
    assert!(ledger.done_on.is_some(), "{ledger:?}");
    s.requests().complete_request(r, "", today).unwrap();
    let letter = s
        .requests()
        .letter(r, LetterKind::Completion, today)
        .unwrap();
    for want in [
        "Accounts ledger: kept for complying with a legal obligation (Cal. Civ. Code § 1798.105(d)(8))",
        "contact.email: kept for helping to ensure security and integrity",
        "not complying with your request to delete for these parts",
        "will not use the information we keep for any other purpose",
        "§ 7022(f)",
    ] {
        assert!(letter.body.contains(want), "{want}: {}", letter.body);
    }
    // Closed: nothing more is kept.
    let err = s
        .requests()
        .keep_parts(
            r,
            &keep(&[("Accounts ledger", "debug")]),
            reason,
            today,
            today,
        )
        .unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");
}

#[test]
fn request_partial_on_the_command_line() {
    let desk = Desk::new();
    {
        let s = unlock(&desk.store.path, PASS).unwrap();
        s.records().save_data_system(&ledger(), true).unwrap();
    }
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        "erasure",
        "--regime",
        "uk-gdpr",
        "--email",
        "ana@example.org",
        "--received",
        "2026-03-02",
    ]);
    let r = out.stdout.lines().last().unwrap().to_owned();
    let show = |desk: &Desk| desk.json(&["request", "show", &r, "--json"]);
    let before = show(&desk);
    assert_eq!(before["partial"], serde_json::json!([]));

    // The checklist, Art. 17(3)(a)-(e).
    let list = desk.ok(&["request", "partial", &r]).stdout;
    for code in [
        "expression",
        "legal-obligation",
        "public-health",
        "archiving-research",
        "legal-claims",
    ] {
        assert!(list.contains(code), "{code}: {list}");
    }
    assert!(list.contains("Art. 17(3)(e)"), "{list}");

    desk.fails(
        &[
            "request",
            "partial",
            &r,
            "--keep",
            "Accounts ledger=debug",
            "--reason",
            "x",
        ],
        "\"debug\" is not an exception under UK GDPR",
    );
    desk.fails(
        &[
            "request",
            "partial",
            &r,
            "--keep",
            "Accounts ledger",
            "--reason",
            "x",
        ],
        "write PART=EXCEPTION",
    );
    desk.fails(
        &[
            "request",
            "partial",
            &r,
            "--keep",
            "Accounts ledger=legal-claims",
        ],
        "--reason",
    );
    assert_eq!(show(&desk)["steps"], before["steps"], "nothing changed");

    desk.ok(&[
        "request",
        "partial",
        &r,
        "--keep",
        "Accounts ledger=legal-claims",
        "--reason",
        "Ana disputes invoice 77 in the small claims court",
        "--on",
        "2026-03-04",
    ]);
    let doc = show(&desk);
    let part = &doc["partial"][0];
    assert_eq!(part["part"], "Accounts ledger", "{doc}");
    assert_eq!(part["exception"], "legal-claims", "{doc}");
    assert_eq!(part["citation"], "Art. 17(3)(e)", "{doc}");
    assert_eq!(part["decided_on"], "2026-03-04", "{doc}");
    assert!(
        !doc.to_string().contains("invoice 77"),
        "the reason is not printed in the JSON: {doc}"
    );
    let text = desk.ok(&["request", "show", &r]).stdout;
    assert!(
        text.contains("Kept:      Accounts ledger on legal-claims (Art. 17(3)(e))"),
        "{text}"
    );
}
