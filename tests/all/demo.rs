//! The demo store (`demo --subjects N [--seed S]`): the same seed makes the same store, another
//! seed another one; an existing file is never touched; the store verifies and holds what its
//! summary says, requests in every state among it; the command line. Sizes stay small.

use std::collections::HashSet;
use std::fs;

use privacy_desk::crypto::KdfParams;
use privacy_desk::demo::{DEMO_ORGANISATION, DemoSummary, create_demo};
use privacy_desk::domain::consent::ConsentEventKind;
use privacy_desk::domain::request::RequestState;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ServiceError, ServiceResult};
use privacy_desk::store::StoreError;
use serde_json::Value;

use crate::common::{
    PASS, TempStore, bare_cli, create, file_names, pass, query_i64, recovery_code_in, run,
};

fn try_demo(store: &TempStore, subjects: u64, seed: u64) -> ServiceResult<DemoSummary> {
    create_demo(
        &store.path,
        "owner",
        &pass(PASS),
        KdfParams::FLOOR,
        subjects,
        seed,
        &Progress::default(),
    )
    .map(|(summary, _code)| summary)
}

fn demo(store: &TempStore, subjects: u64, seed: u64) -> DemoSummary {
    try_demo(store, subjects, seed).expect("demo store")
}

/// (id, email, name) of the first `n` subjects in recorded order, decrypted.
fn identities(store: &TempStore, n: i64) -> Vec<(String, String, String)> {
    let session = store.unlock(PASS).expect("unlock");
    session
        .subjects()
        .subject_page(0, n)
        .expect("subject page")
        .into_iter()
        .map(|s| (s.id.to_string(), s.fields.email, s.fields.name))
        .collect()
}

#[test]
fn the_same_seed_makes_the_same_store_and_another_seed_another() {
    let (a, b, c) = (TempStore::new(), TempStore::new(), TempStore::new());
    let first = demo(&a, 300, 11);
    let second = demo(&b, 300, 11);
    assert_eq!(first, second);
    let people = identities(&a, 50);
    assert_eq!(people.len(), 50);
    assert_eq!(people, identities(&b, 50));
    let other = demo(&c, 300, 12);
    assert_eq!(other.subjects, 300);
    assert_ne!(people, identities(&c, 50));
    assert_ne!(first.consent_events, 0);
}

#[test]
fn an_existing_file_is_refused_and_left_as_it_was() {
    // A store.
    let store = TempStore::new();
    drop(create(&store.path, PASS));
    let before = store.hash();
    let names = file_names(&store.store_dir());
    match try_demo(&store, 100, 1) {
        Err(ServiceError::Store(StoreError::AlreadyExists { path })) => {
            assert_eq!(path, store.path);
        }
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert_eq!(store.hash(), before);
    assert_eq!(file_names(&store.store_dir()), names);
    assert_eq!(
        store
            .unlock(PASS)
            .expect("unlock")
            .subjects()
            .subject_count()
            .expect("count"),
        0
    );

    // Any other file.
    let other = TempStore::new();
    fs::create_dir_all(other.store_dir()).expect("dir");
    fs::write(&other.path, "my notes, not a store").expect("write");
    assert!(try_demo(&other, 100, 1).is_err());
    assert_eq!(
        fs::read_to_string(&other.path).expect("read"),
        "my notes, not a store"
    );
    assert_eq!(file_names(&other.store_dir()), ["store.pdesk"]);
}

#[test]
fn too_few_people_or_a_cancel_leave_no_store() {
    let small = TempStore::new();
    assert!(matches!(
        try_demo(&small, 99, 1),
        Err(ServiceError::Invalid { .. })
    ));
    assert!(!small.path.exists());

    let cancelled = TempStore::new();
    let progress = Progress::default();
    progress.cancel();
    let result = create_demo(
        &cancelled.path,
        "owner",
        &pass(PASS),
        KdfParams::FLOOR,
        500,
        1,
        &progress,
    );
    assert!(matches!(result, Err(ServiceError::Cancelled)), "{result:?}");
    assert!(!cancelled.path.exists());
    let left: Vec<String> = file_names(&cancelled.store_dir())
        .into_iter()
        .filter(|n| n.starts_with("store.pdesk"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A script's name and a test for its letters.
type Script = (&'static str, fn(char) -> bool);

fn in_range(c: char, from: u32, to: u32) -> bool {
    (from..=to).contains(&u32::from(c))
}

#[test]
fn a_demo_store_verifies_and_holds_what_its_summary_says() {
    let store = TempStore::new();
    let s = demo(&store, 1500, 2026);
    assert_eq!(s.organisation, DEMO_ORGANISATION);
    assert_eq!(s.subjects, 1500);
    for state in RequestState::ALL {
        assert!(s.requests_in(state) > 0, "no request is {state:?}: {s:?}");
    }
    // max(12, one per 1,000 people), each overdue by a margin no holiday calendar closes.
    assert_eq!(s.requests_overdue, 12, "{s:?}");
    assert!(s.erased >= 1 && s.legal_holds >= 2 && s.relationship_ends >= 3);
    assert!(s.undeliverable > 0 && s.unconfirmed_sign_ups > 0);
    for kind in ConsentEventKind::ALL {
        let n = s
            .events_by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|e| e.1);
        if kind != ConsentEventKind::OptedInToSaleOrSharing {
            assert!(n > Some(0), "no {kind:?} event: {s:?}");
        }
    }
    assert_eq!(
        s.events_by_kind.iter().map(|e| e.1).sum::<u64>(),
        s.consent_events
    );

    let session = store.unlock(PASS).expect("unlock");
    let report = session.audit().verify_audit().expect("verify");
    assert!(report.first_break.is_none(), "{report:?}");
    assert_eq!(session.store().integrity_check().expect("check"), None);
    let status = session.settings().status().expect("status");
    assert_eq!(status.subjects as u64, s.subjects);
    assert_eq!(status.requests_overdue, s.requests_overdue);
    assert_eq!(status.erasures as u64, s.erased);
    assert_eq!(status.legal_holds, s.legal_holds);
    assert_eq!(status.counts.users, 1);
    let open: u64 = [
        RequestState::Received,
        RequestState::AwaitingIdentity,
        RequestState::InProgress,
        RequestState::Extended,
    ]
    .into_iter()
    .map(|st| s.requests_in(st))
    .sum();
    assert_eq!(status.requests_open, open);
    assert_eq!(
        session.retention().retention_rules().expect("rules").len() as u64,
        s.retention_rules
    );
    let profile = session.settings().profile().expect("profile");
    assert_eq!(profile.name, DEMO_ORGANISATION);
    assert_eq!(profile.regimes.len(), 3);

    // The people: unique emails on the example domains, many languages and scripts.
    let people = session.subjects().subject_page(0, 5000).expect("page");
    assert_eq!(people.len(), 1500);
    let mut emails = HashSet::new();
    for p in &people {
        let email = p.fields.email.to_lowercase();
        assert!(
            ["@example.com", "@example.org", "@example.net"]
                .iter()
                .any(|d| email.ends_with(d)),
            "{email}"
        );
        assert!(emails.insert(email.clone()), "{email} twice");
        let phone = &p.fields.phone;
        assert!(
            phone.is_empty()
                || ["+44 7700 900", "07700 900", "+44 20 7946 0"]
                    .iter()
                    .any(|r| phone.starts_with(r))
                || (phone.starts_with("+1 ") && phone.contains(" 555 01")),
            "{phone}"
        );
    }
    let names: String = people.iter().map(|p| p.fields.name.as_str()).collect();
    let scripts: [Script; 8] = [
        ("kana", |c| in_range(c, 0x3040, 0x30ff)),
        ("Devanagari", |c| in_range(c, 0x0900, 0x097f)),
        ("Arabic", |c| in_range(c, 0x0600, 0x06ff)),
        ("Greek", |c| in_range(c, 0x0370, 0x03ff)),
        ("Han", |c| in_range(c, 0x4e00, 0x9fff)),
        ("Hangul", |c| in_range(c, 0xac00, 0xd7af)),
        ("Vietnamese and Yoruba letters", |c| {
            in_range(c, 0x1e00, 0x1eff)
        }),
        ("German and Polish letters", |c| "äöüßłąśżźćńę".contains(c)),
    ];
    for (script, test) in scripts {
        assert!(names.chars().any(test), "no name in {script}");
    }
    let first: Vec<(String, String)> = people
        .iter()
        .take(50)
        .map(|p| (p.fields.email.clone(), p.fields.name.clone()))
        .collect();
    let inbox = session
        .requests()
        .inbox(chrono::Local::now().date_naive())
        .expect("inbox");
    assert_eq!(inbox.len() as u64, s.requests());
    drop(session);

    // The file agrees, and the audit trail names no one.
    let conn = store.raw();
    assert_eq!(
        query_i64(&conn, "SELECT COUNT(*) FROM consent_events") as u64,
        s.consent_events
    );
    for (kind, n) in &s.events_by_kind {
        let sql = format!(
            "SELECT COUNT(*) FROM consent_events WHERE kind = '{}'",
            kind.code()
        );
        assert_eq!(query_i64(&conn, &sql) as u64, *n, "{kind:?}");
    }
    assert_eq!(
        query_i64(
            &conn,
            "SELECT COUNT(*) FROM subjects WHERE undeliverable_at IS NOT NULL"
        ) as u64,
        s.undeliverable
    );
    assert_eq!(
        query_i64(
            &conn,
            "SELECT COUNT(*) FROM subjects WHERE relationship_ended_on IS NOT NULL"
        ) as u64,
        s.relationship_ends
    );
    assert_eq!(
        query_i64(
            &conn,
            "SELECT COUNT(*) FROM subjects s WHERE EXISTS
                 (SELECT 1 FROM consent_events e WHERE e.subject_id = s.id)
                 AND NOT EXISTS (SELECT 1 FROM consent_events e
                                 WHERE e.subject_id = s.id AND e.kind <> 'sign_up_pending')"
        ) as u64,
        s.unconfirmed_sign_ups
    );
    for (state, n) in &s.requests_by_state {
        let sql = format!(
            "SELECT COUNT(*) FROM requests WHERE state = '{}'",
            state.code()
        );
        assert_eq!(query_i64(&conn, &sql) as u64, *n, "{state:?}");
    }
    assert!(
        query_i64(
            &conn,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.generated'"
        ) >= 2
    );
    let mut stmt = conn
        .prepare("SELECT actor || ' ' || entity_id || ' ' || details FROM audit_log")
        .expect("prepare");
    let audit: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    for (email, name) in &first {
        for entry in &audit {
            assert!(!entry.contains(email.as_str()), "{entry}");
            assert!(!entry.contains(name.as_str()), "{entry}");
        }
    }
}

#[test]
fn the_command_line_makes_a_demo_store_once() {
    let store = TempStore::new();
    let pass_file = store.secret_file("pass.txt", PASS);
    let args = [
        "demo",
        "--subjects",
        "200",
        "--seed",
        "7",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ];
    let out = run(store.cli_with(&pass_file).args(args));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("Created a demo store"), "{out:?}");
    assert!(out.stdout.contains("subjects:           200 "), "{out:?}");
    assert!(out.stdout.contains("overdue:            12"), "{out:?}");
    assert!(recovery_code_in(&out.stdout).is_some(), "{out:?}");

    let status = run(store.cli_with(&pass_file).args(["status", "--json"]));
    assert_eq!(status.code, Some(0), "{status:?}");
    let json: Value = serde_json::from_str(&status.stdout).expect("json");
    assert_eq!(json["subjects"], 200);
    assert_eq!(json["requests_overdue"], 12);
    let verify = run(store.cli_with(&pass_file).args(["audit", "verify"]));
    assert_eq!(verify.code, Some(0), "{verify:?}");

    // Again on the same path: refused, nothing changed.
    let before = store.hash();
    let again = run(store.cli_with(&pass_file).args(args));
    assert_eq!(again.code, Some(1), "{again:?}");
    assert!(again.stderr.contains("already exists"), "{again:?}");
    assert!(recovery_code_in(&again.stdout).is_none(), "{again:?}");
    assert_eq!(store.hash(), before);

    // Without --store it never goes to the default location; too few people is a usage error.
    let bare = run(bare_cli()
        .env("PRIVACY_DESK_PASSPHRASE", PASS)
        .current_dir(store.dir.path())
        .args(["demo", "--subjects", "200"]));
    assert_eq!(bare.code, Some(1), "{bare:?}");
    assert!(bare.stderr.contains("--store"), "{bare:?}");
    let other = TempStore::new();
    let few = run(other
        .cli_with(&pass_file)
        .args(["demo", "--subjects", "10"]));
    assert_eq!(few.code, Some(2), "{few:?}");
    assert!(!other.path.exists());
}
