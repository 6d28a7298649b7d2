//! Erasure: after `erase_subject`, no byte of the person's sealed or plain data is left in any
//! file of the store's folder (main file, WAL, shared memory, lock), with the session open and
//! after it is closed; what remains is the request's plain facts and a pseudonymous erasure
//! record, and a later import of the same email is flagged and not re-created.

use chrono::{NaiveDate, TimeZone, Utc};
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::domain::subject::SubjectDraft;
use privacy_desk::services::Session;

use crate::common::{TempStore, contains, files_in, query_i64};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn person() -> SubjectDraft {
    SubjectDraft {
        email: "ottoline.brackwater@example.net".into(),
        name: "Ottoline Brackwater".into(),
        phone: "+44 7700 900777".into(),
        postal_address: "9 Quillfeather Row, Upper Dinsdale".into(),
        customer_ref: "OB-771204".into(),
        notes: "Collects the blue catalogue every spring".into(),
        tags: "dinsdale-club".into(),
    }
}

const OLD_NAME: &str = "Ottoline Brackwaterr-Typo";
const IP: &str = "198.51.100.231";
const AGENT: &str = "Peregrine Solicitors of Dinsdale";
const DETAILS: &str = "Wants every trace of the Quillfeather account gone";

fn given(purpose: &str, days_ago: i64, ip: &str) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse(purpose).expect("code")),
        kind: ConsentEventKind::Given,
        at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "spring-catalogue-form".into(),
            ip: ip.into(),
            ..Evidence::default()
        },
        recorded_by: String::new(),
    }
}

/// Records the person with a correction, consents and an erasure request; returns the
/// subject and request ids.
fn populate(session: &mut Session) -> (uuid::Uuid, uuid::Uuid) {
    let first = SubjectDraft {
        name: OLD_NAME.into(),
        ..person()
    };
    let subject = session.subjects().add_subject(&first).expect("add");
    session
        .requests()
        .rectify_subject(subject, &person(), None)
        .expect("rectify");
    for (i, p) in ["newsletter", "newsletter", "profiling-segmentation"]
        .iter()
        .enumerate()
    {
        session
            .consent()
            .record_consent(subject, &given(p, i as i64, IP))
            .expect("consent");
    }
    // A bystander who must survive.
    let other = session
        .subjects()
        .add_subject(&crate::common::draft(
            "Bystander Person",
            "bystander@example.org",
        ))
        .expect("other");
    session
        .consent()
        .record_consent(other, &given("newsletter", 0, "192.0.2.1"))
        .expect("other consent");
    let (request, _) = session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::UkGdpr,
                kind: RequestType::Erasure,
                received: day("2026-11-02"),
                channel: RequestChannel::Letter,
                email: person().email.to_uppercase(),
                requester: Requester {
                    name: person().name,
                    agent_name: AGENT.into(),
                    agent_evidence: "Signed authority dated 30 October".into(),
                },
                details: DETAILS.into(),
            },
            day("2026-11-29"),
        )
        .expect("open request");
    (subject, request)
}

fn needles() -> Vec<(String, Vec<u8>)> {
    let p = person();
    let mut out = Vec::new();
    for v in [
        p.email.as_str(),
        p.name.as_str(),
        p.phone.as_str(),
        p.postal_address.as_str(),
        p.customer_ref.as_str(),
        p.notes.as_str(),
        p.tags.as_str(),
        OLD_NAME,
        IP,
        AGENT,
        DETAILS,
    ] {
        out.push((v.to_owned(), v.as_bytes().to_vec()));
    }
    out
}

/// The sealed cells that belonged to the person, read before the erasure.
fn sealed_cells(
    store: &TempStore,
    subject: uuid::Uuid,
    request: uuid::Uuid,
) -> Vec<(String, Vec<u8>)> {
    let conn = store.raw();
    let mut out = Vec::new();
    let id = subject.as_bytes().to_vec();
    for col in [
        "email",
        "name",
        "phone",
        "postal_address",
        "customer_ref",
        "notes",
        "tags",
    ] {
        let v: Vec<u8> = conn
            .query_row(
                &format!("SELECT {col} FROM subjects WHERE id = ?1"),
                [&id],
                |r| r.get(0),
            )
            .expect("sealed cell");
        out.push((format!("subjects.{col}"), v));
    }
    let mut stmt = conn
        .prepare("SELECT evidence FROM consent_events WHERE subject_id = ?1")
        .expect("prepare");
    for v in stmt
        .query_map([&id], |r| r.get::<_, Vec<u8>>(0))
        .expect("evidence")
    {
        out.push(("consent_events.evidence".into(), v.expect("row")));
    }
    let mut stmt = conn
        .prepare("SELECT before, after FROM subject_changes WHERE subject_id = ?1")
        .expect("prepare");
    let rows: Vec<(Vec<u8>, Vec<u8>)> = stmt
        .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("changes")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(rows.len(), 1, "one field was corrected");
    for (b, a) in rows {
        out.push(("subject_changes.before".into(), b));
        out.push(("subject_changes.after".into(), a));
    }
    for col in ["requester", "details"] {
        let v: Vec<u8> = conn
            .query_row(
                &format!("SELECT {col} FROM requests WHERE id = ?1"),
                [request.as_bytes().as_slice()],
                |r| r.get(0),
            )
            .expect("request cell");
        out.push((format!("requests.{col}"), v));
    }
    out
}

fn assert_absent(store: &TempStore, sealed: &[(String, Vec<u8>)], when: &str) {
    let files = files_in(&store.store_dir());
    assert!(!files.is_empty());
    for (path, bytes) in &files {
        for (what, needle) in needles() {
            assert!(
                !contains(bytes, &needle) && !contains(bytes, what.to_lowercase().as_bytes()),
                "{when}: {what:?} found in {}",
                path.display()
            );
        }
        for (what, cell) in sealed {
            // The ciphertext and tag: any 24-byte window of the sealed value.
            let tail = &cell[cell.len().saturating_sub(24)..];
            assert!(
                !contains(bytes, tail),
                "{when}: sealed {what} found in {}",
                path.display()
            );
        }
    }
}

#[test]
fn erasure_leaves_no_byte_of_the_person_in_any_file() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let (subject, request) = populate(&mut session);
    let sealed = sealed_cells(&store, subject, request);
    assert!(sealed.len() >= 12);
    // Control: before the erasure the sealed cells are on disk (main file or WAL).
    let before: Vec<u8> = files_in(&store.store_dir())
        .into_iter()
        .flat_map(|(_, b)| b)
        .collect();
    let (_, email_cell) = &sealed[0];
    assert!(
        contains(&before, &email_cell[email_cell.len() - 24..]),
        "control: the scan sees the sealed email before erasure"
    );

    let cert = session
        .requests()
        .erase_subject(subject, Some(request), day("2026-11-29"))
        .expect("erase");
    assert_eq!(cert.removed.subject, 1);
    assert_eq!(cert.removed.consent_events, 3);
    assert_eq!(cert.removed.rectifications, 1);
    assert_eq!(cert.removed.requests_scrubbed, 1);
    assert!(cert.log_cleared, "no other reader: the WAL was emptied");
    assert_absent(&store, &sealed, "session open");

    // The request's plain facts survive, with the requester emptied; the bystander too.
    let detail = session
        .requests()
        .request_detail(request, day("2026-11-29"))
        .expect("request kept");
    assert_eq!(detail.request.subject_id, None);
    assert!(detail.request.requester.agent_name.is_empty());
    assert!(detail.request.details.is_empty());
    assert!(detail.steps.iter().any(|s| s.what.contains("erased")));
    assert_eq!(
        session
            .subjects()
            .find_subjects_by_email("bystander@example.org")
            .expect("find")
            .len(),
        1
    );
    assert!(session.subjects().subject(subject).expect("get").is_none());
    assert!(
        session
            .requests()
            .erasure_of(&person().email)
            .expect("erasure")
            .is_some()
    );
    assert!(
        session
            .audit()
            .verify_audit()
            .expect("verify")
            .first_break
            .is_none()
    );
    let text = cert.to_text("Dinsdale Stores");
    for (what, needle) in needles() {
        assert!(
            !contains(text.as_bytes(), &needle),
            "certificate holds {what}"
        );
    }
    drop(session);
    assert_absent(&store, &sealed, "session closed");
    let conn = store.raw();
    assert_eq!(query_i64(&conn, "SELECT COUNT(*) FROM erasures"), 1);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(integrity, "ok");
}

#[test]
fn a_reimport_of_the_erased_email_is_flagged_and_not_recreated() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let (subject, request) = populate(&mut session);
    session
        .requests()
        .erase_subject(subject, Some(request), day("2026-11-29"))
        .expect("erase");
    let csv = store.dir.path().join("back.csv");
    std::fs::write(
        &csv,
        format!(
            "email,name,state,timestamp\n{},{},given,2026-11-20 10:00:00\nnewcomer@example.org,New Comer,given,2026-11-20 10:00:00\n",
            person().email.to_uppercase(),
            person().name
        ),
    )
    .expect("write csv");
    let options = privacy_desk::services::ImportOptions {
        preset: privacy_desk::domain::import::Preset::Generic,
        purpose: Some("newsletter".into()),
        mapping: None,
        skip_invalid: false,
    };
    let report = session
        .consent()
        .import_consent(&csv, &options, &privacy_desk::jobs::Progress::default())
        .expect("import");
    assert_eq!(report.rows_previously_erased, 1);
    assert_eq!(report.subjects_created, 1);
    assert!(report.warnings.iter().any(|w| w.contains("erased earlier")));
    assert!(
        session
            .subjects()
            .find_subjects_by_email(&person().email)
            .expect("find")
            .is_empty()
    );
}

#[test]
fn erasure_refuses_the_wrong_request_and_the_wrong_role() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let (subject, _) = populate(&mut session);
    let (access, _) = session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Access,
                received: day("2026-11-20"),
                channel: RequestChannel::Email,
                email: person().email,
                requester: Requester::default(),
                details: String::new(),
            },
            day("2026-11-29"),
        )
        .expect("open");
    let err = session
        .requests()
        .erase_subject(subject, Some(access), day("2026-11-29"))
        .expect_err("an access request does not erase");
    assert!(err.to_string().contains("not an erasure request"), "{err}");
    assert!(session.subjects().subject(subject).expect("get").is_some());
}
