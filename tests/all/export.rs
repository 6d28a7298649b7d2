//! Exports of personal data: a purpose's suppression list (who is on it, normalised, sorted,
//! neutralised), a subject's consent receipt as JSON (the Kantara v1.1 keys, given purposes
//! only) and as an escaped HTML page; refusals (role, extension, unknown purpose, unwritable
//! folder) that leave no file behind; one audit entry per export without personal data; and
//! the same through the command line.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{DataExportKind, ServiceError, Session};
use privacy_desk::store::audit_log::AuditFilter;
use uuid::Uuid;

use crate::common::{PASS, TempStore, draft, file_names, pass, profile, run, unlock_as};

use ConsentEventKind::*;

/// Alex's passphrase (an assistant).
const ALEX: &str = "alex answers the front desk";
/// Audrey's passphrase (an auditor).
const AUDREY: &str = "audrey reads every record";

fn code(text: &str) -> PurposeCode {
    PurposeCode::parse(text).unwrap()
}

/// Noon UTC on a day of March 2025.
fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, d, 12, 0, 0).unwrap()
}

fn record(s: &mut Session, subject: Uuid, purpose: Option<&str>, kind: ConsentEventKind, d: u32) {
    let event = ConsentEvent {
        purpose: purpose.map(code),
        kind,
        at: day(d),
        channel: if kind == GlobalPrivacyControl {
            Channel::BrowserSignal
        } else {
            Channel::WebForm
        },
        notice_version: matches!(kind, Given | Refreshed).then_some(1),
        evidence: Evidence::default(),
        recorded_by: String::new(),
    };
    s.consent()
        .record_consent(subject, &event)
        .unwrap_or_else(|e| panic!("record {kind:?}: {e}"));
}

fn add(s: &mut Session, name: &str, email: &str) -> Uuid {
    s.subjects()
        .add_subject(&draft(name, email))
        .unwrap_or_else(|e| panic!("add {email}: {e}"))
}

/// A store whose owner's session has a profile and subjects in every state:
/// newsletter — given (Gina), withdrawn (Walt, with a mixed-case email), expired (Ezra),
/// no record (Nora), withdrawn with a formula-looking email; partner-sharing — given then a
/// GPC signal (Olga), given (Gina).
fn populated(store: &TempStore) -> Session {
    let (mut s, _) = store.create();
    s.settings()
        .save_profile(&profile("Bakery <b>Ltd</b>"))
        .unwrap();
    let gina = add(&mut s, "Gina Given", "gina@example.org");
    record(&mut s, gina, Some("newsletter"), Given, 1);
    record(&mut s, gina, Some("partner-sharing"), Given, 2);
    let walt = add(&mut s, "Walt Withdrawn", "Walt@Example.ORG");
    record(&mut s, walt, Some("newsletter"), Given, 1);
    record(&mut s, walt, Some("newsletter"), Withdrawn, 3);
    let ezra = add(&mut s, "Ezra Expired", "ezra@example.org");
    record(&mut s, ezra, Some("newsletter"), Given, 1);
    record(&mut s, ezra, Some("newsletter"), Expired, 5);
    add(&mut s, "Nora Norecord", "nora@example.org");
    let formula = add(&mut s, "Formula", "=cmd@example.org");
    record(&mut s, formula, Some("newsletter"), Withdrawn, 6);
    let olga = add(&mut s, "Olga Optout", "OLGA@example.org");
    record(&mut s, olga, Some("partner-sharing"), Given, 1);
    record(&mut s, olga, None, GlobalPrivacyControl, 7);
    s
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The newest audit entry.
fn last_entry(s: &Session) -> privacy_desk::domain::audit::AuditEntry {
    s.audit()
        .audit_page(&AuditFilter::default(), 0, 1)
        .unwrap()
        .remove(0)
}

fn export_count(s: &Session) -> usize {
    let filter = AuditFilter {
        action: Some("personal_data.exported".into()),
        ..AuditFilter::default()
    };
    s.audit().audit_count(&filter).unwrap() as usize
}

#[test]
fn suppression_lists_withdrawn_expired_and_opted_out_normalised_sorted_and_neutralised() {
    let store = TempStore::new();
    let s = populated(&store);
    let out = store.dir.path().join("newsletter.csv");
    let summary = s
        .exports()
        .export_suppression(&code("newsletter"), &out, &Progress::default())
        .unwrap();
    assert_eq!(summary.kind, DataExportKind::Suppression);
    assert_eq!(summary.count, 3);
    assert_eq!(
        read(&out),
        "email\n'=cmd@example.org\nezra@example.org\nwalt@example.org\n"
    );

    let sharing = store.dir.path().join("sharing.CSV");
    let summary = s
        .exports()
        .export_suppression(&code("partner-sharing"), &sharing, &Progress::default())
        .unwrap();
    assert_eq!(summary.count, 1);
    assert_eq!(read(&sharing), "email\nolga@example.org\n");

    // A purpose nobody has a record for: just the header.
    let empty = store.dir.path().join("tracking.csv");
    let purposes = s.consent().purposes().unwrap();
    let unused = purposes
        .iter()
        .map(|p| p.purpose.code.clone())
        .find(|c| c.as_str() != "newsletter" && c.as_str() != "partner-sharing")
        .unwrap();
    s.exports()
        .export_suppression(&unused, &empty, &Progress::default())
        .unwrap();
    assert_eq!(read(&empty), "email\n");

    let names = file_names(store.dir.path());
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");
}

#[test]
fn every_export_is_audited_without_emails_names_or_paths() {
    let store = TempStore::new();
    let s = populated(&store);
    let out = store.dir.path().join("walt-list.csv");
    s.exports()
        .export_suppression(&code("newsletter"), &out, &Progress::default())
        .unwrap();
    let e = last_entry(&s);
    assert_eq!(e.action, "personal_data.exported");
    assert_eq!(
        (e.entity_kind.as_str(), e.entity_id.as_str()),
        ("purpose", "newsletter")
    );
    assert!(
        e.details.contains("suppression") && e.details.contains('3'),
        "{}",
        e.details
    );
    let walt = s
        .subjects()
        .find_subjects_by_email("walt@example.org")
        .unwrap()
        .remove(0);
    let receipt = store.dir.path().join("walt-receipt.json");
    s.exports().export_receipt(walt.id, &receipt).unwrap();
    let e = last_entry(&s);
    assert_eq!(e.action, "personal_data.exported");
    assert_eq!(
        (e.entity_kind.as_str(), e.entity_id),
        ("subject", walt.id.to_string())
    );
    assert!(
        e.details.contains("receipt") && e.details.contains("json"),
        "{}",
        e.details
    );
    assert_eq!(export_count(&s), 2);

    let all = s
        .audit()
        .audit_page(&AuditFilter::default(), 0, 1000)
        .unwrap();
    for e in &all {
        let text = format!("{} {} {}", e.entity_id, e.details, e.actor).to_lowercase();
        for secret in ["walt", "example.org", "=cmd", ".csv", ".json", "gina"] {
            assert!(
                !text.contains(secret),
                "{secret:?} in audit entry {}: {text}",
                e.seq
            );
        }
    }
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
}

#[test]
fn roles_without_the_permission_are_refused_and_no_file_is_written() {
    let store = TempStore::new();
    let mut owner = populated(&store);
    owner
        .users()
        .add_user("alex", Role::Assistant, &pass(ALEX))
        .unwrap();
    owner
        .users()
        .add_user("audrey", Role::Auditor, &pass(AUDREY))
        .unwrap();
    let walt = owner
        .subjects()
        .find_subjects_by_email("walt@example.org")
        .unwrap()[0]
        .id;
    drop(owner);
    for (user, passphrase) in [("alex", ALEX), ("audrey", AUDREY)] {
        let s = unlock_as(&store.path, user, passphrase).unwrap();
        let out = store.dir.path().join(format!("{user}.csv"));
        match s
            .exports()
            .export_suppression(&code("newsletter"), &out, &Progress::default())
        {
            Err(ServiceError::NotPermitted(text)) => {
                assert!(text.contains("export personal data"), "{text}")
            }
            other => panic!("{user}: expected NotPermitted, got {other:?}"),
        }
        let receipt = store.dir.path().join(format!("{user}.html"));
        assert!(matches!(
            s.exports().export_receipt(walt, &receipt),
            Err(ServiceError::NotPermitted(_))
        ));
        assert!(!out.exists() && !receipt.exists());
    }
    let names = file_names(store.dir.path());
    assert_eq!(names, ["store"], "nothing written beside the store folder");
    let owner = store.unlock(PASS).unwrap();
    assert_eq!(export_count(&owner), 0);
}

#[test]
fn refusals_leave_no_file_and_no_audit_entry() {
    let store = TempStore::new();
    let s = populated(&store);
    let walt = s
        .subjects()
        .find_subjects_by_email("walt@example.org")
        .unwrap()[0]
        .id;

    let missing_dir = store.dir.path().join("no-such-folder");
    let err = s
        .exports()
        .export_suppression(
            &code("newsletter"),
            &missing_dir.join("list.csv"),
            &Progress::default(),
        )
        .unwrap_err();
    assert!(matches!(err, ServiceError::Output { .. }), "{err:?}");
    let err = s
        .exports()
        .export_receipt(walt, &missing_dir.join("receipt.json"))
        .unwrap_err();
    match &err {
        ServiceError::Output { path, .. } => assert_eq!(path, &missing_dir.join("receipt.json")),
        other => panic!("expected Output, got {other:?}"),
    }
    assert!(!missing_dir.exists());
    let folder = store.dir.path().join("a-folder.json");
    std::fs::create_dir(&folder).unwrap();
    let err = s.exports().export_receipt(walt, &folder).unwrap_err();
    assert!(matches!(err, ServiceError::Output { .. }), "{err:?}");
    std::fs::remove_dir(&folder).unwrap();

    let txt = store.dir.path().join("receipt.txt");
    let err = s.exports().export_receipt(walt, &txt).unwrap_err();
    assert!(matches!(err, ServiceError::Invalid { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("receipt.txt") && text.contains(".json") && text.contains(".html"),
        "{text}"
    );
    let err = s
        .exports()
        .export_suppression(
            &code("newsletter"),
            &store.dir.path().join("list.xlsx"),
            &Progress::default(),
        )
        .unwrap_err();
    assert!(err.to_string().contains(".csv"), "{err}");

    let err = s
        .exports()
        .export_suppression(
            &code("no-such-purpose"),
            &store.dir.path().join("list.csv"),
            &Progress::default(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("no-such-purpose"), "{err}");
    let err = s
        .exports()
        .export_receipt(Uuid::new_v4(), &store.dir.path().join("r.json"))
        .unwrap_err();
    assert!(matches!(err, ServiceError::Invalid { .. }), "{err:?}");

    let cancelled = Progress::new();
    cancelled.cancel();
    let err = s
        .exports()
        .export_suppression(
            &code("newsletter"),
            &store.dir.path().join("cancelled.csv"),
            &cancelled,
        )
        .unwrap_err();
    assert!(matches!(err, ServiceError::Cancelled), "{err:?}");

    assert_eq!(file_names(store.dir.path()), ["store"]);
    assert_eq!(export_count(&s), 0);
}

#[test]
fn receipt_json_has_the_specifications_keys_and_the_given_purposes_only() {
    let store = TempStore::new();
    let s = populated(&store);
    let gina = s
        .subjects()
        .find_subjects_by_email("gina@example.org")
        .unwrap()[0]
        .id;
    let out = store.dir.path().join("gina.json");
    let summary = s.exports().export_receipt(gina, &out).unwrap();
    assert_eq!(summary.kind, DataExportKind::Receipt);
    assert_eq!(summary.count, 2);
    let v: serde_json::Value = serde_json::from_str(&read(&out)).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "collectionMethod",
            "consentReceiptID",
            "consentTimestamp",
            "jurisdiction",
            "language",
            "piiControllers",
            "piiPrincipalId",
            "policyUrl",
            "sensitive",
            "services",
            "spiCat",
            "version",
        ]
    );
    assert_eq!(v["version"], "KI-CR-v1.1.0");
    assert_eq!(v["jurisdiction"], "EU");
    assert_eq!(v["piiPrincipalId"], "gina@example.org");
    assert_eq!(v["consentTimestamp"], day(2).timestamp());
    assert!(Uuid::parse_str(v["consentReceiptID"].as_str().unwrap()).is_ok());
    assert_eq!(v["piiControllers"][0]["piiController"], "Bakery <b>Ltd</b>");
    assert_eq!(v["piiControllers"][0]["email"], "controller@example.org");
    let purposes = v["services"][0]["purposes"].as_array().unwrap();
    let shown: Vec<&str> = purposes
        .iter()
        .map(|p| p["purposeCategory"][0].as_str().unwrap())
        .collect();
    let names: Vec<String> = s
        .consent()
        .purposes()
        .unwrap()
        .into_iter()
        .filter(|p| ["newsletter", "partner-sharing"].contains(&p.purpose.code.as_str()))
        .map(|p| p.purpose.name)
        .collect();
    assert_eq!(shown, names);
    for p in purposes {
        assert_eq!(p["consentType"], "EXPLICIT");
    }
    assert_eq!(
        purposes[1]["thirdPartyDisclosure"], true,
        "partner-sharing is a sale/share"
    );

    // Walt withdrew: a receipt with nothing standing.
    let walt = s
        .subjects()
        .find_subjects_by_email("walt@example.org")
        .unwrap()[0]
        .id;
    let out = store.dir.path().join("walt.json");
    assert_eq!(s.exports().export_receipt(walt, &out).unwrap().count, 0);
    let v: serde_json::Value = serde_json::from_str(&read(&out)).unwrap();
    assert_eq!(v["services"], serde_json::json!([]));
    // Olga's GPC signal stops partner-sharing.
    let olga = s
        .subjects()
        .find_subjects_by_email("olga@example.org")
        .unwrap()[0]
        .id;
    let out = store.dir.path().join("olga.json");
    assert_eq!(s.exports().export_receipt(olga, &out).unwrap().count, 0);
}

#[test]
fn receipt_html_is_escaped_and_self_contained() {
    let store = TempStore::new();
    let mut s = populated(&store);
    let id = add(
        &mut s,
        "<script>alert('x')</script> & Co",
        "sam@example.org",
    );
    record(&mut s, id, Some("newsletter"), Given, 8);
    let out = store.dir.path().join("sam.HTML");
    s.exports().export_receipt(id, &out).unwrap();
    let html = read(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        !html.contains("<b>"),
        "the organisation's name is escaped too"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("Bakery &lt;b&gt;Ltd&lt;/b&gt;"));
    assert!(html.contains("sam@example.org"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="));
}

#[test]
fn the_command_line_exports_and_refuses_with_a_sentence() {
    let store = TempStore::new();
    drop(populated(&store));
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = store.dir.path().join("list.csv");
    let r = run(store
        .cli_with(&pass_file)
        .args(["export", "suppression", "--purpose", "newsletter", "--out"])
        .arg(&out));
    assert!(r.success, "{r:?}");
    assert!(r.stdout.contains("3 emails"), "{r:?}");
    assert!(read(&out).starts_with("email\n"));

    let receipt = store.dir.path().join("gina.html");
    let r = run(store
        .cli_with(&pass_file)
        .args(["export", "receipt", "GINA@example.org", "--out"])
        .arg(&receipt));
    assert!(r.success, "{r:?}");
    assert!(read(&receipt).contains("gina@example.org"));

    let bad: [(&[&str], &str); 4] = [
        (
            &[
                "export",
                "suppression",
                "--purpose",
                "nope",
                "--out",
                "x.csv",
            ],
            "no purpose nope",
        ),
        (
            &["export", "receipt", "nobody@example.org", "--out", "x.json"],
            "no subject",
        ),
        (
            &["export", "receipt", "gina@example.org", "--out", "x.txt"],
            ".json",
        ),
        (
            &[
                "export",
                "receipt",
                "gina@example.org",
                "--out",
                "missing/x.json",
            ],
            "Could not write",
        ),
    ];
    for (args, expected) in bad {
        let r = run(store.cli_with(&pass_file).args(args));
        assert_eq!(r.code, Some(1), "{args:?}: {r:?}");
        assert!(r.stderr.contains(expected), "{args:?}: {r:?}");
        assert_eq!(r.stderr.trim().lines().count(), 1, "one sentence: {r:?}");
    }

    let mut owner = store.unlock(PASS).unwrap();
    owner
        .users()
        .add_user("alex", Role::Assistant, &pass(ALEX))
        .unwrap();
    drop(owner);
    let alex_file = store.secret_file("alex.txt", ALEX);
    let r = run(store.cli_with(&alex_file).args([
        "--user",
        "alex",
        "export",
        "suppression",
        "--purpose",
        "newsletter",
        "--out",
        "alex.csv",
    ]));
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stderr.contains("export personal data"), "{r:?}");
    assert!(!store.dir.path().join("alex.csv").exists());
    let names = file_names(store.dir.path());
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");
}
