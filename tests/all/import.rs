//! Consent import (library level) on the fixtures in tests/data: the Mailchimp files give the
//! right states, times and evidence; the generic preset (with and without a mapping, with a
//! BOM, CRLF and quoted line breaks); every bad input named by file, line and column; all or
//! nothing; --skip-invalid's rejected file; cancel; re-import; no plaintext in the store folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{Channel, ConsentEventKind, ConsentState};
use privacy_desk::domain::import::{ImportErrors, Preset};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ImportOptions, ImportReport, ServiceError, ServiceResult, Session};
use uuid::Uuid;

use crate::common::{TempStore, contains, files_in, pass, query_i64};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn t(text: &str) -> DateTime<Utc> {
    privacy_desk::domain::import::parse_time(text).unwrap()
}

fn options(preset: Preset, purpose: Option<&str>) -> ImportOptions {
    ImportOptions {
        preset,
        purpose: purpose.map(str::to_owned),
        mapping: None,
        skip_invalid: false,
    }
}

fn import(session: &mut Session, file: &Path, o: &ImportOptions) -> ServiceResult<ImportReport> {
    session
        .consent()
        .import_consent(file, o, &Progress::default())
}

fn mailchimp(session: &mut Session, name: &str) -> ImportReport {
    import(
        session,
        &data(name),
        &options(Preset::Mailchimp, Some("newsletter")),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn subject(session: &Session, email: &str) -> Uuid {
    let found = session.subjects().find_subjects_by_email(email).unwrap();
    assert_eq!(found.len(), 1, "{email}");
    found[0].id
}

fn state(session: &Session, email: &str, purpose: &str) -> ConsentState {
    session
        .consent()
        .current_consents(subject(session, email))
        .unwrap()
        .into_iter()
        .find(|(row, _)| row.purpose.code.as_str() == purpose)
        .map(|(_, s)| s)
        .unwrap()
}

/// Subjects, ledger rows, audit entries, seals.
fn snapshot(session: &Session) -> [i64; 4] {
    let conn = &rusqlite::Connection::open(session.path()).unwrap();
    [
        query_i64(conn, "SELECT COUNT(*) FROM subjects"),
        query_i64(conn, "SELECT COUNT(*) FROM consent_events"),
        query_i64(conn, "SELECT COUNT(*) FROM audit_log"),
        query_i64(conn, "SELECT seal_count FROM vault_header"),
    ]
}

fn import_errors<T: std::fmt::Debug>(result: ServiceResult<T>) -> ImportErrors {
    match result {
        Err(ServiceError::Import(e)) => *e,
        other => panic!("expected import errors, got {other:?}"),
    }
}

#[test]
fn mailchimp_subscribed_unsubscribed_and_cleaned_files_map_to_the_ledger() {
    let store = TempStore::new();
    let (mut s, _) = store.create();

    let r = mailchimp(&mut s, "mailchimp_subscribed.csv");
    assert_eq!(r.file_kind, "mailchimp subscribed");
    assert_eq!(
        (r.rows_read, r.subjects_created, r.events_recorded),
        (6, 6, 6)
    );
    assert!(
        r.warnings.iter().any(|w| w.contains("\"Birthday\"")),
        "{r:?}"
    );

    // Double opt-in: given at CONFIRM_TIME, both times and IPs kept.
    let aiko = subject(&s, "AIKO.TANAKA@example.jp");
    assert_eq!(
        s.subjects().subject(aiko).unwrap().unwrap().fields.name,
        "愛子 田中"
    );
    match state(&s, "aiko.tanaka@example.jp", "newsletter") {
        ConsentState::Given {
            since,
            channel,
            has_evidence,
            ..
        } => {
            assert_eq!(since, t("2024-03-05 14:22:10"));
            assert_eq!(channel, Channel::DoubleOptInEmail);
            assert!(has_evidence);
        }
        other => panic!("{other:?}"),
    }
    let e = &s.consent().consent_timeline(aiko).unwrap()[0];
    assert_eq!(e.evidence.ip, "203.0.113.9");
    assert_eq!(e.evidence.confirmed_at, "2024-03-05T14:22:10Z");
    assert!(
        e.evidence
            .note
            .contains("opted in at 2024-03-05T14:20:01Z from 203.0.113.5"),
        "{:?}",
        e.evidence
    );
    assert_eq!(e.recorded_by, "owner");
    // Single opt-in: web form at OPTIN_TIME.
    assert!(matches!(
        state(&s, "soren.kierkegaard@example.dk", "newsletter"),
        ConsentState::Given { channel: Channel::WebForm, since, .. } if since == t("2023-11-30 08:00:00")
    ));
    // Mixed case in the file, found by the normalised address; quoted line break kept apart.
    assert!(matches!(
        state(&s, "zoe.mueller@example.de", "newsletter"),
        ConsentState::Given { .. }
    ));
    assert!(matches!(
        state(&s, "zoe.mueller@example.de", "partner-sharing"),
        ConsentState::NoRecord
    ));

    // Unsubscribed: Søren withdraws later; Fatima gave and withdrew; Li only withdrew.
    let r = mailchimp(&mut s, "mailchimp_unsubscribed.csv");
    assert_eq!(r.file_kind, "mailchimp unsubscribed");
    assert_eq!(
        (r.rows_read, r.subjects_created, r.subjects_matched),
        (3, 2, 1)
    );
    assert_eq!(
        r.events_already_recorded, 1,
        "Søren's opt-in was already imported"
    );
    assert_eq!(
        state(&s, "soren.kierkegaard@example.dk", "newsletter"),
        ConsentState::Withdrawn {
            since: t("2024-08-14 10:30:00")
        }
    );
    let fatima = s
        .consent()
        .consent_timeline(subject(&s, "fatima.zahra@example.ma"))
        .unwrap();
    let kinds: Vec<ConsentEventKind> = fatima.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [ConsentEventKind::Given, ConsentEventKind::Withdrawn]
    );
    assert!(fatima[1].evidence.note.contains("reason: OTHER"));
    assert!(
        fatima[1]
            .evidence
            .note
            .contains("I no longer live in the area")
    );
    assert!(matches!(
        state(&s, "li.wei@example.cn", "newsletter"),
        ConsentState::Withdrawn { .. }
    ));

    // Cleaned: undeliverable, and consent untouched.
    let r = mailchimp(&mut s, "mailchimp_cleaned.csv");
    assert_eq!(r.file_kind, "mailchimp cleaned");
    assert_eq!((r.marked_undeliverable, r.events_recorded), (2, 0));
    let oleg = subject(&s, "oleg.petrov@example.ru");
    assert_eq!(
        s.consent().undeliverable_since(oleg).unwrap(),
        Some(t("2024-09-01 06:00:00"))
    );
    assert!(matches!(
        state(&s, "oleg.petrov@example.ru", "newsletter"),
        ConsentState::Given { .. }
    ));
    assert_eq!(s.consent().undeliverable_since(aiko).unwrap(), None);
    assert_eq!(s.consent().undeliverable_count().unwrap(), 2);

    // One audit entry per import, counts only.
    let filter = privacy_desk::store::audit_log::AuditFilter {
        action: Some("consent.imported".into()),
        ..Default::default()
    };
    let entries = s.audit().audit_page(&filter, 0, 100).unwrap();
    assert_eq!(entries.len(), 3);
    assert!(
        entries[0]
            .details
            .contains("preset mailchimp, mailchimp cleaned file"),
        "{}",
        entries[0].details
    );
    for e in &entries {
        for secret in ["oleg", "example", "Олег", "tests/data", ".csv"] {
            assert!(!e.details.contains(secret), "{secret} in {}", e.details);
        }
    }
    assert!(s.audit().verify_audit().unwrap().is_intact());
}

#[test]
fn generic_files_with_a_mapping_bom_crlf_and_quoted_line_breaks() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let r = import(
        &mut s,
        &data("generic.csv"),
        &options(Preset::Generic, Some("newsletter")),
    )
    .unwrap();
    assert_eq!(r.file_kind, "generic");
    assert_eq!(
        (r.rows_read, r.subjects_created, r.rows_superseded),
        (6, 4, 1)
    );
    assert!(
        r.warnings.iter().any(|w| w.contains("\"Loyalty tier\"")),
        "{r:?}"
    );
    // The later row wins for Kwame (given, then withdrawn).
    assert_eq!(
        state(&s, "kwame.mensah@example.com", "newsletter"),
        ConsentState::Withdrawn {
            since: t("2024-06-06 06:06:06")
        }
    );
    let ines = subject(&s, "ines.ferreira@example.pt");
    assert_eq!(
        s.subjects().subject(ines).unwrap().unwrap().fields.phone,
        "+351 21 123 4567"
    );
    assert!(matches!(
        state(&s, "ines.ferreira@example.pt", "partner-sharing"),
        ConsentState::Given {
            channel: Channel::InStore,
            ..
        }
    ));
    match state(&s, "ines.ferreira@example.pt", "newsletter") {
        ConsentState::Given {
            channel,
            notice_version,
            ..
        } => {
            assert_eq!((channel, notice_version), (Channel::Paper, Some(1)));
        }
        other => panic!("{other:?}"),
    }
    // An empty purpose cell falls back to --purpose.
    assert!(matches!(
        state(&s, "mateusz.wisniewski@example.pl", "newsletter"),
        ConsentState::Given {
            channel: Channel::WebForm,
            ..
        }
    ));

    let r = import(
        &mut s,
        &data("generic_crlf_bom.csv"),
        &options(Preset::Generic, Some("newsletter")),
    )
    .unwrap();
    assert_eq!(r.rows_read, 3);
    let pierre = subject(&s, "pierre.dubois@example.fr");
    assert_eq!(
        s.subjects().subject(pierre).unwrap().unwrap().fields.name,
        "Dubois, Pierre"
    );
    let e = &s.consent().consent_timeline(pierre).unwrap()[0];
    assert_eq!(e.at, t("2024-01-10T07:00:00Z"));
    assert_eq!(e.channel, Channel::Import);
    assert!(
        e.evidence
            .note
            .contains("Said \"oui\" at the counter,\nthen signed"),
        "{:?}",
        e.evidence.note
    );
    let astrid = subject(&s, "astrid.lindqvist@example.se");
    assert_eq!(
        s.subjects().subject(astrid).unwrap().unwrap().fields.name,
        "Astrid \"Asa\" Lindqvist"
    );

    let mut mapped = options(Preset::Generic, Some("newsletter"));
    mapped.mapping = Some(data("mapping.toml").into());
    let r = import(&mut s, &data("generic_mapped.csv"), &mapped).unwrap();
    assert!(r.warnings.is_empty(), "{r:?}");
    let juergen = subject(&s, "juergen.gross@example.de");
    assert_eq!(
        s.subjects().subject(juergen).unwrap().unwrap().fields.name,
        "Jürgen Groß"
    );
    assert!(matches!(
        state(&s, "elif.yilmaz@example.de", "newsletter"),
        ConsentState::Withdrawn { .. }
    ));

    mapped.mapping = Some(data("bad_mapping.toml").into());
    match import(&mut s, &data("generic_mapped.csv"), &mapped) {
        Err(ServiceError::Invalid { field, message }) => {
            assert_eq!(field, "Mapping");
            assert!(
                message.contains("bad_mapping.toml:3: \"firstname\" is not a field"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_bad_row_is_named_and_nothing_is_imported() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let before = snapshot(&s);
    let e = import_errors(import(
        &mut s,
        &data("bad_rows.csv"),
        &options(Preset::Generic, Some("newsletter")),
    ));
    let lines: Vec<String> = e.lines().collect();
    let file = data("bad_rows.csv").display().to_string();
    for expected in [
        ":3: email: does not look like an email address",
        ":4: state: \"perhaps\" is not a state",
        ":5: timestamp: \"last Tuesday\" is not a time",
        ":6: timestamp: \"2999-01-01 00:00:00\" is in the future",
        ":7: channel: \"carrier-pigeon\" is not a channel",
        ":8: purpose: \"lottery\" is not a purpose",
        ":9: notice_version: notice version 7 does not exist yet",
        ":10: email: empty",
        ":11: email: does not look like an email address",
    ] {
        let want = format!("{file}{expected}");
        assert!(
            lines.iter().any(|l| l.starts_with(&want)),
            "{want}\n{lines:#?}"
        );
    }
    assert_eq!((e.invalid_rows, lines.len()), (9, 9), "{lines:#?}");
    assert!(
        !lines.iter().any(|l| l.contains("not-an-email")),
        "no addresses in errors"
    );
    assert_eq!(snapshot(&s), before);
}

#[test]
fn unreadable_files_and_headers_are_named() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let before = snapshot(&s);
    for (file, says) in [
        ("bad_empty.csv", "bad_empty.csv: the file is empty"),
        (
            "bad_header_only.csv",
            "bad_header_only.csv: the file has a header but no rows",
        ),
        (
            "bad_duplicate_column.csv",
            "bad_duplicate_column.csv:1: Email: appears twice",
        ),
        (
            "bad_missing_email.csv",
            "bad_missing_email.csv:1: email: missing",
        ),
        (
            "bad_latin1.csv",
            "bad_latin1.csv:3: not UTF-8; save the file as UTF-8",
        ),
        (
            "bad_unbalanced_quotes.csv",
            "bad_unbalanced_quotes.csv:3: has 1 fields where the header has 3 (a quote",
        ),
    ] {
        let e = import_errors(import(
            &mut s,
            &data(file),
            &options(Preset::Generic, Some("newsletter")),
        ));
        let lines: Vec<String> = e.lines().collect();
        assert!(lines.iter().any(|l| l.contains(says)), "{file}: {lines:#?}");
    }
    // The wrong preset for a file says what is missing.
    let e = import_errors(import(
        &mut s,
        &data("generic.csv"),
        &options(Preset::Mailchimp, Some("newsletter")),
    ));
    assert!(
        e.lines().any(|l| l.contains(":1: Email Address: missing")),
        "{e}"
    );
    // Purposes: Mailchimp needs --purpose; generic too unless the file has a purpose column.
    for (file, preset, says) in [
        (
            "mailchimp_subscribed.csv",
            Preset::Mailchimp,
            "give --purpose",
        ),
        ("generic_crlf_bom.csv", Preset::Generic, "purpose column"),
    ] {
        match import(&mut s, &data(file), &options(preset, None)) {
            Err(ServiceError::Invalid { field, message }) => {
                assert_eq!(field, "Purpose");
                assert!(message.contains(says), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        import(
            &mut s,
            &data("generic.csv"),
            &options(Preset::Generic, Some("raffle"))
        ),
        Err(ServiceError::Invalid { .. })
    ));
    assert_eq!(snapshot(&s), before);
}

#[test]
fn skip_invalid_imports_the_rest_and_writes_the_rejected_rows_with_reasons() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let input = store.dir.path().join("shop export.csv");
    std::fs::copy(data("bad_rows.csv"), &input).unwrap();
    let mut o = options(Preset::Generic, Some("newsletter"));
    o.skip_invalid = true;
    let r = import(&mut s, &input, &o).unwrap();
    assert_eq!(
        (r.rows_read, r.rows_rejected, r.subjects_created),
        (11, 9, 2)
    );
    let rejected = r.rejected_file.clone().unwrap();
    assert_eq!(rejected, store.dir.path().join("shop export.rejected.csv"));
    let mut reader = csv::Reader::from_path(&rejected).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.last().unwrap(), "reason");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 9);
    assert_eq!(&rows[0][0], "not-an-email");
    assert!(
        rows[0][7].starts_with("line 3: email: does not look like"),
        "{:?}",
        &rows[0]
    );
    assert!(rows[8][7].starts_with("line 11: email:"), "{:?}", &rows[8]);
    assert!(
        !store
            .dir
            .path()
            .join("shop export.rejected.csv.partial")
            .exists()
    );
    assert!(matches!(
        state(&s, "good.two@example.org", "newsletter"),
        ConsentState::Given { .. }
    ));
}

#[test]
fn a_cancelled_import_leaves_the_store_as_it_was() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let before = snapshot(&s);
    let progress = Progress::default();
    progress.cancel();
    let input = store.dir.path().join("bad.csv");
    std::fs::copy(data("bad_rows.csv"), &input).unwrap();
    let mut o = options(Preset::Mailchimp, Some("newsletter"));
    let result = s
        .consent()
        .import_consent(&data("mailchimp_subscribed.csv"), &o, &progress);
    assert!(matches!(result, Err(ServiceError::Cancelled)), "{result:?}");
    o = options(Preset::Generic, Some("newsletter"));
    o.skip_invalid = true;
    let result = s.consent().import_consent(&input, &o, &progress);
    assert!(matches!(result, Err(ServiceError::Cancelled)), "{result:?}");
    assert_eq!(snapshot(&s), before);
    assert!(!store.dir.path().join("bad.rejected.csv").exists());
    assert!(!store.dir.path().join("bad.rejected.csv.partial").exists());
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let first = mailchimp(&mut s, "mailchimp_unsubscribed.csv");
    let after_first = snapshot(&s);
    let again = mailchimp(&mut s, "mailchimp_unsubscribed.csv");
    assert_eq!((again.subjects_created, again.subjects_matched), (0, 3));
    assert_eq!(again.events_recorded, 0);
    assert_eq!(again.events_already_recorded, first.events_recorded);
    let now = snapshot(&s);
    assert_eq!(now[..2], after_first[..2], "no new subjects or events");
    assert_eq!(
        now[2],
        after_first[2] + 1,
        "one audit entry for the second import"
    );
}

#[test]
fn roles_and_plaintext() {
    let store = TempStore::new();
    let (mut owner, _) = store.create();
    owner
        .users()
        .add_user("audrey", Role::Auditor, &pass("audrey reads every record"))
        .unwrap();
    owner
        .users()
        .add_user(
            "alex",
            Role::Assistant,
            &pass("alex answers the front desk"),
        )
        .unwrap();
    drop(owner);
    let mut audrey =
        crate::common::unlock_as(&store.path, "audrey", "audrey reads every record").unwrap();
    let result = import(
        &mut audrey,
        &data("generic.csv"),
        &options(Preset::Generic, Some("newsletter")),
    );
    assert!(
        matches!(result, Err(ServiceError::NotPermitted(_))),
        "{result:?}"
    );
    drop(audrey);
    let mut alex =
        crate::common::unlock_as(&store.path, "alex", "alex answers the front desk").unwrap();
    for file in [
        "mailchimp_subscribed.csv",
        "mailchimp_unsubscribed.csv",
        "mailchimp_cleaned.csv",
    ] {
        mailchimp(&mut alex, file);
    }
    import(
        &mut alex,
        &data("generic.csv"),
        &options(Preset::Generic, Some("newsletter")),
    )
    .unwrap();
    import(
        &mut alex,
        &data("generic_crlf_bom.csv"),
        &options(Preset::Generic, Some("newsletter")),
    )
    .unwrap();
    drop(alex);
    for needle in [
        "aiko.tanaka",
        "愛子",
        "田中",
        "Kierkeg",
        "Søren",
        "soren",
        "Martínez",
        "Okonkwo",
        "Zoë",
        "Олег",
        "فاطمة",
        "fatima",
        "Ferreira",
        "Wiśniewski",
        "kwame",
        "Dubois",
        "Lindqvist",
        "203.0.113.9",
        "+351 21",
        "Zu viele E-Mails",
        "Signed form #112",
    ] {
        for (path, bytes) in files_in(&store.store_dir()) {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle} in {}",
                path.display()
            );
        }
    }
}

/// Issue 16, item 2: a person new to the store from a Mailchimp export is recorded at the
/// file's `OPTIN_TIME` (else `CONFIRM_TIME`), so retention counts from the day of collection,
/// not from the day of the import.
#[test]
fn a_mailchimp_import_records_people_at_their_opt_in_time() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    mailchimp(&mut s, "mailchimp_subscribed.csv");
    let aiko = subject(&s, "aiko.tanaka@example.jp");
    let soren = subject(&s, "soren.kierkegaard@example.dk");
    let recorded = |id| {
        s.subjects()
            .subject(id)
            .unwrap()
            .expect("subject")
            .created_at
            .to_rfc3339()
    };
    assert!(
        recorded(aiko).starts_with("2024-03-05T14:20:01"),
        "{}",
        recorded(aiko)
    );
    assert!(
        recorded(soren).starts_with("2023-11-30T08:00:00"),
        "{}",
        recorded(soren)
    );
}

/// Issue 16, item 2: the generic preset's `recorded_on` column (a day, or a time) records a
/// person new to the store at that day; an unreadable or future day is refused naming the
/// column, and nothing is imported.
#[test]
fn a_generic_import_records_people_on_their_recorded_on_day() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let file = store.dir.path().join("list.csv");
    std::fs::write(
        &file,
        "email,name,recorded_on\n\
         hedda@example.org,Hedda Gabler,2019-06-01\n\
         nora@example.org,Nora Helmer,2020-02-03 10:15:00\n\
         peer@example.org,Peer Gynt,\n",
    )
    .expect("write");
    import(&mut s, &file, &options(Preset::Generic, Some("newsletter"))).expect("import");
    let recorded = |email: &str| {
        s.subjects()
            .subject(subject(&s, email))
            .unwrap()
            .expect("subject")
            .created_at
    };
    assert_eq!(recorded("hedda@example.org"), t("2019-06-01T00:00:00Z"));
    assert_eq!(recorded("nora@example.org"), t("2020-02-03T10:15:00Z"));
    // No day given: recorded at the import.
    assert!(recorded("peer@example.org") > t("2026-01-01T00:00:00Z"));

    let bad = store.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "email,recorded_on\nivo@example.org,01/06/2019\nmia@example.org,2999-01-01\n",
    )
    .expect("write");
    let err = import(&mut s, &bad, &options(Preset::Generic, Some("newsletter")))
        .expect_err("refused")
        .to_string();
    assert!(err.contains("recorded_on"), "{err}");
    assert!(err.contains("in the future"), "{err}");
    assert!(
        s.subjects()
            .find_subjects_by_email("ivo@example.org")
            .unwrap()
            .is_empty()
    );
}
