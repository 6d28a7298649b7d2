//! Issue 18, item 4: campaign pre-flight. An audience export is checked against the register
//! for a purpose: only the people it is lawful to email today are written out, each left-out
//! address has its reason, and the run is kept as a send record (audited, its name sealed).

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::services::Session;
use serde_json::Value;
use uuid::Uuid;

use crate::common::{PASS, Run, TempStore, draft, run, sha256_file};

const PURPOSE: &str = "partner-sharing";

fn event(purpose: Option<&str>, kind: ConsentEventKind, days_ago: i64) -> ConsentEvent {
    ConsentEvent {
        purpose: purpose.map(|p| PurposeCode::parse(p).expect("code")),
        kind,
        at: Utc::now() - Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "signup".into(),
            ..Evidence::default()
        },
        recorded_by: "owner".into(),
    }
}

/// Adds a person with the events given.
fn person(session: &mut Session, name: &str, email: &str, events: &[ConsentEvent]) -> Uuid {
    let id = session
        .subjects()
        .add_subject(&draft(name, email))
        .expect("add");
    for e in events {
        session.consent().record_consent(id, e).expect("record");
    }
    id
}

/// A store with one person per reason, and the audience file naming them all.
struct Fixture {
    store: TempStore,
    pass_file: PathBuf,
    audience: PathBuf,
}

fn fixture() -> Fixture {
    use ConsentEventKind::*;
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let given = |d| event(Some(PURPOSE), Given, d);
    person(&mut s, "Ada Marsh", "ada@example.org", &[given(30)]);
    person(
        &mut s,
        "Bob Marsh",
        "bob@example.org",
        &[given(90), event(Some(PURPOSE), Withdrawn, 10)],
    );
    person(
        &mut s,
        "Cat Marsh",
        "cat@example.org",
        &[given(90), event(Some(PURPOSE), Expired, 10)],
    );
    person(
        &mut s,
        "Dan Marsh",
        "dan@example.org",
        &[given(90), event(None, OptedOutOfSaleOrSharing, 10)],
    );
    person(
        &mut s,
        "Eve Marsh",
        "eve@example.org",
        &[given(90), event(None, GlobalPrivacyControl, 10)],
    );
    let fay = person(&mut s, "Fay Marsh", "fay@example.org", &[given(30)]);
    let today = Utc::now().date_naive();
    s.requests()
        .set_restricted(fay, true, None, today)
        .expect("restrict");
    let gus = person(&mut s, "Gus Marsh", "gus@example.org", &[given(30)]);
    s.consent()
        .mark_undeliverable(gus, Utc::now() - Duration::days(2))
        .expect("bounce");
    let hal = person(&mut s, "Hal Marsh", "hal@example.org", &[given(30)]);
    s.requests().erase_subject(hal, None, today).expect("erase");
    person(
        &mut s,
        "Ivy Marsh",
        "ivy@example.org",
        &[event(Some("newsletter"), Given, 30)],
    );
    person(&mut s, "Jon Marsh", "jon@example.org", &[given(800)]);
    drop(s);
    let audience = store.dir.path().join("audience.csv");
    std::fs::write(
        &audience,
        "Email Address,First Name,Phone Number\n\
         ada@example.org,Ada,+44 20 7946 0001\n\
         bob@example.org,Bob,\n\
         cat@example.org,Cat,\n\
         dan@example.org,Dan,\n\
         eve@example.org,Eve,\n\
         fay@example.org,Fay,\n\
         gus@example.org,Gus,\n\
         hal@example.org,Hal,\n\
         ivy@example.org,Ivy,\n\
         jon@example.org,Jon,\n\
         stranger@example.org,Stranger,\n\
         not an address,Typo,\n\
         \" ADA@Example.org \",Ada again,\n\
         ,,\n",
    )
    .expect("audience");
    let pass_file = store.secret_file("pass.txt", PASS);
    Fixture {
        store,
        pass_file,
        audience,
    }
}

impl Fixture {
    fn run(&self, args: &[&str]) -> Run {
        run(self.store.cli_with(&self.pass_file).args(args))
    }

    fn ok(&self, args: &[&str]) -> Run {
        let out = self.run(args);
        assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
        out
    }

    fn path(&self, name: &str) -> PathBuf {
        self.store.dir.path().join(name)
    }

    fn records(&self) -> Vec<Value> {
        let out = self.ok(&["campaign", "list", "--json"]);
        serde_json::from_str::<Value>(&out.stdout)
            .expect("json")
            .as_array()
            .expect("list")
            .clone()
    }
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn only_the_lawful_rows_are_written_and_every_other_has_its_reason() {
    let f = fixture();
    let clean = f.path("clean.csv");
    let suppression = f.path("suppress.csv");
    let out = f.ok(&[
        "campaign",
        "check",
        &s(&f.audience),
        "--purpose",
        PURPOSE,
        "--out",
        &s(&clean),
        "--suppression-out",
        &s(&suppression),
        "--name",
        "December partner offers",
        "--json",
    ]);
    let report: Value = serde_json::from_str(&out.stdout).expect("json");
    let mut keys: Vec<&String> = report.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(keys, ["checked", "excluded", "sendable"]);
    assert_eq!(report["checked"], 13, "{report}");
    assert_eq!(report["sendable"], 1, "{report}");
    let excluded = &report["excluded"];
    for (reason, n) in [
        ("withdrawn", 1),
        ("expired", 1),
        ("opted-out", 1),
        ("gpc", 1),
        ("restricted", 1),
        ("undeliverable", 1),
        ("erased", 1),
        ("no-consent", 1),
        ("stale", 1),
        ("no-record", 1),
        ("invalid-email", 1),
        ("duplicate", 1),
    ] {
        assert_eq!(excluded[reason], n, "{reason}: {report}");
    }
    let total: u64 = excluded
        .as_object()
        .expect("counts")
        .values()
        .map(|v| v.as_u64().expect("count"))
        .sum();
    assert_eq!(total, 12);

    // The clean audience: the header and Ada's row exactly as read.
    assert_eq!(
        std::fs::read_to_string(&clean).expect("clean"),
        "Email Address,First Name,Phone Number\nada@example.org,Ada,+44 20 7946 0001\n"
    );
    // The suppression file: each left-out address with its reason.
    let text = std::fs::read_to_string(&suppression).expect("suppression");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "email,reason");
    assert_eq!(lines.len(), 13, "{text}");
    for row in [
        "bob@example.org,withdrawn",
        "eve@example.org,gpc",
        "hal@example.org,erased",
        "stranger@example.org,no-record",
        "ADA@Example.org,duplicate",
        "jon@example.org,stale",
    ] {
        assert!(lines.contains(&row), "{row} in {text}");
    }

    // The send record.
    let records = f.records();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["name"], "December partner offers");
    assert_eq!(r["purpose"], PURPOSE);
    assert_eq!(r["notice_version"], 1);
    assert_eq!(r["checked"], 13);
    assert_eq!(r["sendable"], 1);
    assert_eq!(r["excluded"]["no-record"], 1);
    let sha: String = sha256_file(&f.audience)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(r["audience_sha256"], sha);
    assert!(r["audit_head_seq"].as_i64().expect("seq") > 0);
    assert_eq!(r["audit_head_mac"].as_str().expect("mac").len(), 64);

    // Audited with codes and counts only; the name is sealed in the file.
    let conn = f.store.raw();
    let details: String = conn
        .query_row(
            "SELECT details FROM audit_log WHERE action = 'campaign.checked'",
            [],
            |row| row.get(0),
        )
        .expect("audit entry");
    assert!(
        details.contains("13 checked, 1 sendable, 12 left out"),
        "{details}"
    );
    assert!(!details.contains('@'), "{details}");
    let name: Vec<u8> = conn
        .query_row("SELECT name FROM campaign_sends", [], |row| row.get(0))
        .expect("row");
    assert!(!name.windows(8).any(|w| w == b"December"));
    // The audit head recorded is the entry just before the check's own.
    let seq: i64 = conn
        .query_row(
            "SELECT seq FROM audit_log WHERE action = 'campaign.checked'",
            [],
            |row| row.get(0),
        )
        .expect("seq");
    assert_eq!(r["audit_head_seq"], seq - 1);
}

#[test]
fn a_second_check_is_a_second_record_and_text_output_names_the_reasons() {
    let f = fixture();
    let clean = f.path("clean.csv");
    let out = f.ok(&[
        "campaign",
        "check",
        &s(&f.audience),
        "--purpose",
        "newsletter",
        "--out",
        &s(&clean),
    ]);
    // Ivy consented to the newsletter only.
    assert!(out.stdout.contains("1 may be emailed"), "{out:?}");
    assert!(out.stdout.contains("left out, no-record: 1"), "{out:?}");
    assert!(out.stdout.contains("Send record C-0001 kept."), "{out:?}");
    let text = std::fs::read_to_string(&clean).expect("clean");
    assert!(text.contains("ivy@example.org"), "{text}");
    assert!(!text.contains("ada@example.org"), "{text}");
    f.ok(&[
        "campaign",
        "check",
        &s(&f.audience),
        "--purpose",
        PURPOSE,
        "--out",
        &s(&clean),
    ]);
    let records = f.records();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["number"], 2);
    assert_eq!(records[0]["name"], "audience.csv");
    let list = f.ok(&["campaign", "list"]);
    assert!(list.stdout.contains("C-0002"), "{list:?}");
    assert!(list.stdout.contains("C-0001"), "{list:?}");
}

#[test]
fn bad_input_is_refused_with_a_sentence_and_nothing_is_kept() {
    let f = fixture();
    let clean = f.path("clean.csv");
    let no_email = f.path("no_email.csv");
    std::fs::write(&no_email, "name,phone\nAda,1\n").expect("write");
    for (args, message) in [
        (
            vec![
                "campaign",
                "check",
                &s(&no_email),
                "--purpose",
                PURPOSE,
                "--out",
                &s(&clean),
            ],
            "no email column in the header",
        ),
        (
            vec![
                "campaign",
                "check",
                &s(&f.audience),
                "--purpose",
                "no-such",
                "--out",
                &s(&clean),
            ],
            "there is no purpose no-such",
        ),
        (
            vec![
                "campaign",
                "check",
                &s(&f.audience),
                "--purpose",
                PURPOSE,
                "--out",
                &s(&f.path("clean.txt")),
            ],
            "must end in",
        ),
        (
            vec![
                "campaign",
                "check",
                &s(&f.audience),
                "--purpose",
                PURPOSE,
                "--out",
                &s(&f.audience),
            ],
            "is the same file as",
        ),
        (
            vec![
                "campaign",
                "check",
                &s(&f.path("missing.csv")),
                "--purpose",
                PURPOSE,
                "--out",
                &s(&clean),
            ],
            "cannot be read",
        ),
    ] {
        let out = f.run(&args);
        assert_eq!(out.code, Some(1), "{args:?}: {out:?}");
        assert!(
            out.stderr.contains(message),
            "{args:?}: wanted {message:?}: {out:?}"
        );
    }
    assert!(!clean.exists());
    assert!(f.records().is_empty());
}

/// A cancelled check (the window's Cancel) stops at the next thousand rows: no clean or
/// suppression file appears, no send record is kept, and the progress said how far it got.
#[test]
fn a_cancelled_check_writes_nothing_and_keeps_no_record() {
    use privacy_desk::jobs::Progress;
    use privacy_desk::services::{CampaignCheck, ServiceError};
    let store = TempStore::new();
    let (s, _) = store.create();
    let dir = store.dir.path();
    let audience = dir.join("big.csv");
    let mut text = String::from("email\n");
    for i in 0..2500 {
        text.push_str(&format!("person{i}@example.org\n"));
    }
    std::fs::write(&audience, text).unwrap();
    let spec = CampaignCheck {
        audience,
        purpose: PurposeCode::parse(PURPOSE).unwrap(),
        out: dir.join("clean.csv"),
        suppression_out: Some(dir.join("supp.csv")),
        name: None,
        now: Utc::now(),
    };

    let progress = Progress::default();
    progress.cancel();
    let result = s.campaigns().check_audience_with(&spec, &progress);
    assert!(matches!(result, Err(ServiceError::Cancelled)), "{result:?}");
    assert_eq!(progress.counts().0, 1000, "stopped at the first check");
    assert!(!dir.join("clean.csv").exists());
    assert!(!dir.join("supp.csv").exists());
    assert!(s.campaigns().send_records().unwrap().is_empty());

    // Not cancelled: every row is counted and the record kept.
    let progress = Progress::default();
    let report = s.campaigns().check_audience_with(&spec, &progress).unwrap();
    assert_eq!(report.checked, 2500);
    assert_eq!(progress.counts().0, 2500);
    assert_eq!(s.campaigns().send_records().unwrap().len(), 1);
}
