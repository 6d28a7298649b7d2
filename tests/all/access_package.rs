//! The access / portability package of one subject (GDPR Art. 15 and 20, CCPA right to know):
//! six files and nothing else, the whole ledger in JSON and CSV, a readable page covering
//! Art. 15, one audit entry without personal data; a folder that already holds a package, an
//! assistant, a request about someone else and a cancel are refused and leave nothing behind.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::domain::subject::SubjectDraft;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{AccessPackage, ServiceError, Session};
use privacy_desk::store::audit_log::AuditFilter;
use uuid::Uuid;

use crate::common::{PASS, TempStore, draft, file_names, pass, profile, sha256_file, unlock_as};

/// The files of a package, sorted by name.
const FILES: [&str; 6] = [
    "consent-history.csv",
    "corrections.csv",
    "identity.csv",
    "personal-data.json",
    "report.html",
    "requests.csv",
];

/// The purposes the fixture records consent for (all in the shipped catalogue).
const PURPOSES: [&str; 3] = ["newsletter", "product-recommendations", "partner-sharing"];

/// Alex's passphrase (an assistant).
const ALEX: &str = "alex answers the front desk";

/// The subject, their request and its reference.
struct Fixture {
    session: Session,
    pat: Uuid,
    request: Uuid,
    reference: String,
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap()
}

/// A store with a profile, Pat (with a note that looks like a script), `events` consent
/// events over three purposes and channels (every 50th with formula-looking evidence), and an
/// access request from Pat.
fn fixture(store: &TempStore, events: usize) -> Fixture {
    let (s, _) = store.create();
    s.settings()
        .save_profile(&profile("Acme Widgets Ltd"))
        .unwrap();
    let pat = s
        .subjects()
        .add_subject(&SubjectDraft {
            notes: "<script>alert(1)</script> prefers post".into(),
            tags: "vip, wholesale".into(),
            ..draft("Pat Person", "pat@example.org")
        })
        .unwrap();
    for i in 0..events {
        let kind = [
            ConsentEventKind::Given,
            ConsentEventKind::Refreshed,
            ConsentEventKind::Withdrawn,
        ][i % 3];
        let evidence = if i % 50 == 0 {
            Evidence {
                form_id: "=HYPERLINK(\"http://evil.example\")".into(),
                ip: "203.0.113.7".into(),
                ..Evidence::default()
            }
        } else {
            Evidence::default()
        };
        let event = ConsentEvent {
            purpose: Some(PurposeCode::parse(PURPOSES[(i / 3) % 3]).unwrap()),
            kind,
            at: start() + Duration::hours(i as i64),
            channel: [Channel::WebForm, Channel::Import, Channel::Phone][i % 3],
            notice_version: (kind != ConsentEventKind::Withdrawn).then_some(1),
            evidence,
            recorded_by: String::new(),
        };
        s.consent()
            .record_consent(pat, &event)
            .unwrap_or_else(|e| panic!("event {i}: {e}"));
    }
    let today = Utc::now().date_naive();
    let (request, reference) = s
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Access,
                received: today,
                channel: RequestChannel::Email,
                email: "pat@example.org".into(),
                requester: Requester::default(),
                details: "Wants a copy of everything".into(),
            },
            today,
        )
        .unwrap();
    Fixture {
        session: s,
        pat,
        request,
        reference,
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The records of a CSV file (header excluded) and its header.
fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn export_count(s: &Session) -> i64 {
    s.audit()
        .audit_count(&AuditFilter {
            action: Some("personal_data.exported".into()),
            ..AuditFilter::default()
        })
        .unwrap()
}

fn hashes(dir: &Path) -> BTreeMap<String, [u8; 32]> {
    file_names(dir)
        .into_iter()
        .map(|n| {
            let h = sha256_file(&dir.join(&n));
            (n, h)
        })
        .collect()
}

#[test]
fn the_package_holds_six_files_with_the_whole_ledger_and_the_article_15_report() {
    let store = TempStore::new();
    let f = fixture(&store, 200);
    let dir = store.dir.path().join("pat-folder");
    let progress = Progress::default();
    let package: AccessPackage = f
        .session
        .exports()
        .export_access_package(f.pat, &dir, Some(f.request), &progress)
        .unwrap();
    assert_eq!(package.dir, dir);
    assert_eq!(package.consent_events, 200);
    assert_eq!(package.requests, 1);
    let mut listed: Vec<String> = package
        .files
        .iter()
        .map(|p| {
            assert_eq!(p.parent(), Some(dir.as_path()));
            p.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    listed.sort();
    assert_eq!(listed, FILES);
    assert_eq!(file_names(&dir), FILES, "the six files and nothing else");
    assert_eq!(
        progress.counts(),
        (7, 7),
        "six files and one step of events"
    );

    // personal-data.json
    let json: serde_json::Value = serde_json::from_str(&read(&dir.join("personal-data.json")))
        .expect("personal-data.json parses");
    assert_eq!(json["identity"]["email"], "pat@example.org");
    assert_eq!(json["identity"]["name"], "Pat Person");
    assert_eq!(
        json["identity"]["tags"],
        serde_json::json!(["vip", "wholesale"])
    );
    assert_eq!(json["subject_id"], f.pat.to_string());
    assert_eq!(json["answers_request"], f.reference.as_str());
    assert_eq!(json["organisation"], "Acme Widgets Ltd");
    let events = json["consent_events"].as_array().unwrap();
    assert_eq!(events.len(), 200);
    assert_eq!(events[0]["at"], "2024-01-01T09:00:00Z");
    assert_eq!(events[0]["purpose_code"], "newsletter");
    assert_eq!(events[0]["purpose_name"], "Newsletter");
    assert_eq!(events[0]["kind"], "given");
    assert_eq!(events[0]["evidence_ip"], "203.0.113.7");
    let requests = json["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["reference"], f.reference.as_str());
    assert_eq!(requests[0]["type"], "access");
    assert_eq!(
        requests[0]["received"],
        Utc::now().date_naive().format("%Y-%m-%d").to_string()
    );
    let purposes: Vec<&str> = json["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    for code in PURPOSES {
        assert!(purposes.contains(&code), "{code} in {purposes:?}");
    }
    assert_eq!(purposes.len(), 3, "only the purposes in Pat's ledger");
    assert_eq!(json["purposes"][0]["legal_basis"], "consent");
    let sources: Vec<&str> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["channel"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["web-form", "import", "phone"]);

    // The CSV files.
    let (header, rows) = csv_rows(&dir.join("identity.csv"));
    assert_eq!(header, ["field", "value"]);
    assert_eq!(rows.len(), 9, "{rows:?}");
    assert!(rows.contains(&vec!["email".to_owned(), "pat@example.org".to_owned()]));
    let (header, rows) = csv_rows(&dir.join("consent-history.csv"));
    assert_eq!(header.len(), 12);
    assert_eq!(
        &header[..4],
        ["time", "purpose_code", "purpose_name", "event"]
    );
    assert_eq!(rows.len(), 200);
    let form = header.iter().position(|h| h == "evidence_form_id").unwrap();
    assert_eq!(
        rows[0][form], "'=HYPERLINK(\"http://evil.example\")",
        "neutralised"
    );
    assert_eq!(rows[1][2], "Newsletter");
    let (header, rows) = csv_rows(&dir.join("requests.csv"));
    assert_eq!(
        header,
        [
            "reference",
            "type",
            "regime",
            "state",
            "received",
            "due",
            "closed"
        ]
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], f.reference);
    assert!(!rows[0][5].is_empty(), "a due date");
    let (header, rows) = csv_rows(&dir.join("corrections.csv"));
    assert_eq!(header, ["time", "field", "before", "after", "by"]);
    assert!(rows.is_empty());

    // report.html
    let html = read(&dir.join("report.html"));
    assert!(html.contains("<html lang=\"en\">"));
    for needle in [
        "Newsletter",
        "Personalised product recommendations",
        "Sharing with partners",
        "Acme Widgets Ltd",
        "Article 15 of the GDPR",
        "Your rights",
        "Consent (Art. 6(1)(a))",
        "Who receives it",
        "How long we keep it",
        "Automated decision-making",
        "supervisory authority",
        f.reference.as_str(),
        "&lt;script&gt;",
    ] {
        assert!(html.contains(needle), "{needle:?} in report.html");
    }
    assert!(!html.contains("<script"), "escaped");

    // One audit entry: the subject id and counts, no personal data, no path.
    assert_eq!(export_count(&f.session), 1);
    let entry = f
        .session
        .audit()
        .audit_page(&AuditFilter::default(), 0, 1)
        .unwrap()
        .remove(0);
    assert_eq!(entry.action, "personal_data.exported");
    assert_eq!(entry.entity_id, f.pat.to_string());
    assert!(
        entry.details.contains("200 consent events"),
        "{}",
        entry.details
    );
    for secret in ["pat", "example.org", "folder", "Person"] {
        assert!(
            !entry.details.contains(secret),
            "{secret} in {}",
            entry.details
        );
    }
}

#[test]
fn a_second_export_into_the_same_folder_is_refused_and_changes_nothing() {
    let store = TempStore::new();
    let f = fixture(&store, 12);
    let dir = store.dir.path().join("package");
    f.session
        .exports()
        .export_access_package(f.pat, &dir, None, &Progress::default())
        .unwrap();
    let before = hashes(&dir);
    assert_eq!(before.len(), 6);
    match f.session.exports().export_access_package(
        f.pat,
        &dir,
        Some(f.request),
        &Progress::default(),
    ) {
        Err(ServiceError::Invalid { field, message }) => {
            assert_eq!(field, "Folder");
            assert!(message.contains("already holds"), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(hashes(&dir), before);
    assert_eq!(export_count(&f.session), 1);

    // One file of a package is enough to refuse; other files are left alone.
    let other = store.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    std::fs::write(other.join("report.html"), "old").unwrap();
    let err = f
        .session
        .exports()
        .export_access_package(f.pat, &other, None, &Progress::default())
        .unwrap_err();
    assert!(matches!(err, ServiceError::Invalid { .. }), "{err:?}");
    assert_eq!(file_names(&other), ["notes.txt", "report.html"]);
    assert_eq!(read(&other.join("report.html")), "old");

    // A folder holding unrelated files is fine.
    std::fs::remove_file(other.join("report.html")).unwrap();
    f.session
        .exports()
        .export_access_package(f.pat, &other, None, &Progress::default())
        .unwrap();
    assert_eq!(file_names(&other).len(), 7);
}

#[test]
fn an_assistant_is_refused_and_nothing_is_written() {
    let store = TempStore::new();
    let mut f = fixture(&store, 3);
    f.session
        .users()
        .add_user("alex", Role::Assistant, &pass(ALEX))
        .unwrap();
    drop(f.session);
    let alex = unlock_as(&store.path, "alex", ALEX).unwrap();
    let dir = store.dir.path().join("package");
    match alex
        .exports()
        .export_access_package(f.pat, &dir, Some(f.request), &Progress::default())
    {
        Err(ServiceError::NotPermitted(text)) => {
            assert!(text.contains("export personal data"), "{text}")
        }
        other => panic!("expected NotPermitted, got {other:?}"),
    }
    assert!(!dir.exists());
    drop(alex);
    let owner = store.unlock(PASS).unwrap();
    assert_eq!(export_count(&owner), 0);
}

#[test]
fn a_cancelled_export_leaves_the_folder_empty_and_no_audit_entry() {
    let store = TempStore::new();
    let f = fixture(&store, 30);
    let cancelled = Progress::default();
    cancelled.cancel();
    let dir = store.dir.path().join("chosen");
    std::fs::create_dir(&dir).unwrap();
    let err = f
        .session
        .exports()
        .export_access_package(f.pat, &dir, Some(f.request), &cancelled)
        .unwrap_err();
    assert!(matches!(err, ServiceError::Cancelled), "{err:?}");
    assert!(file_names(&dir).is_empty(), "{:?}", file_names(&dir));

    let missing = store.dir.path().join("not-yet");
    let err = f
        .session
        .exports()
        .export_access_package(f.pat, &missing, None, &cancelled)
        .unwrap_err();
    assert!(matches!(err, ServiceError::Cancelled), "{err:?}");
    assert!(
        !missing.exists(),
        "a folder this run would create is not left"
    );
    assert_eq!(export_count(&f.session), 0);
}

#[test]
fn a_request_about_someone_else_or_an_unknown_subject_is_refused() {
    let store = TempStore::new();
    let f = fixture(&store, 3);
    let sam = f
        .session
        .subjects()
        .add_subject(&draft("Sam Other", "sam@example.org"))
        .unwrap();
    let dir = store.dir.path().join("package");
    let err = f
        .session
        .exports()
        .export_access_package(sam, &dir, Some(f.request), &Progress::default())
        .unwrap_err();
    match err {
        ServiceError::Invalid { field, .. } => assert_eq!(field, "Request"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let err = f
        .session
        .exports()
        .export_access_package(Uuid::new_v4(), &dir, None, &Progress::default())
        .unwrap_err();
    assert!(matches!(err, ServiceError::Invalid { .. }), "{err:?}");
    assert!(!dir.exists());
    assert_eq!(export_count(&f.session), 0);

    // Sam's own package: no ledger, no request, the rights of the organisation's regimes.
    let package = f
        .session
        .exports()
        .export_access_package(sam, &dir, None, &Progress::default())
        .unwrap();
    assert_eq!((package.consent_events, package.requests), (0, 0));
    let html = read(&dir.join("report.html"));
    assert!(html.contains("links a purpose to you"));
    assert!(html.contains("Under the GDPR"));
}
