//! Retention through the library: the dry run (`sweep_plan`) changes nothing and lists the
//! right records per rule; legal holds and open requests win; applying a sweep deletes,
//! anonymises, empties and flags what is due, stores its report and keeps the audit chain
//! whole; a cancelled sweep rolls back; a re-import of a person deleted by a rule is flagged;
//! rules are edited, checked, loaded and published; roles are enforced; and a store of a few
//! thousand people is planned.
//!
//! "Today" is the real day (UTC, the day subjects' `created_at` is counted in); old records
//! are made with back-dated consent events, back-dated request dates, a recorded end of the
//! relationship, or `subjects.created_at` rewritten through a raw connection while no session
//! is open.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Duration, Months, NaiveDate, TimeZone, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::domain::retention::report::{RuleStatus, SweepOutcome, SweepReport};
use privacy_desk::domain::retention::{
    Condition, FromEvent, Period, PeriodUnit, RecordKind, RetentionAction, RetentionRule,
};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ServiceError, Session};
use privacy_desk::store::holds::HoldTarget;
use rusqlite::OpenFlags;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::common::{PASS, TempStore, draft, pass, query_i64, unlock_as};

/// The codes of the default rules, in policy order.
const DEFAULT_CODES: [&str; 6] = [
    "unconfirmed-sign-ups",
    "withdrawn-contacts",
    "former-customers",
    "inactive-contacts",
    "closed-requests",
    "old-consent-evidence",
];

/// The tables whose rows hold people's data (what a sweep may change).
const DATA_TABLES: [&str; 6] = [
    "subjects",
    "consent_events",
    "subject_changes",
    "requests",
    "erasures",
    "legal_holds",
];

/// Every table a sweep could write to.
const ALL_TABLES: [&str; 9] = [
    "subjects",
    "consent_events",
    "subject_changes",
    "requests",
    "erasures",
    "legal_holds",
    "sweeps",
    "audit_log",
    "retention_rules",
];

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
}

fn years_ago(years: u32) -> NaiveDate {
    today().checked_sub_months(Months::new(years * 12)).unwrap()
}

fn event(
    purpose: &str,
    kind: ConsentEventKind,
    when: DateTime<Utc>,
    evidence: bool,
) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse(purpose).unwrap()),
        kind,
        at: when,
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: if evidence {
            Evidence {
                form_id: "spring-signup-form".into(),
                ip: "198.51.100.17".into(),
                ..Evidence::default()
            }
        } else {
            Evidence::default()
        },
        recorded_by: String::new(),
    }
}

/// A sign-up awaiting its double opt-in for the newsletter (issue 16, item 1: only these are
/// "unconfirmed sign-ups", not anyone without consent).
fn signed_up() -> Vec<ConsentEvent> {
    vec![event(
        "newsletter",
        ConsentEventKind::SignUpPending,
        Utc::now() - Duration::days(1),
        false,
    )]
}

/// Adds a subject and records `events` for them; returns the subject and the event ids.
fn person(s: &mut Session, name: &str, email: &str, events: &[ConsentEvent]) -> (Uuid, Vec<Uuid>) {
    let id = s.subjects().add_subject(&draft(name, email)).unwrap();
    let ids = events
        .iter()
        .map(|e| s.consent().record_consent(id, e).unwrap())
        .collect();
    (id, ids)
}

/// Back-dates a subject's `created_at` and `updated_at` by `days` (no session may be open).
fn age(store: &TempStore, subject: Uuid, days: i64) {
    let when = (Utc::now() - Duration::days(days)).to_rfc3339();
    let changed = store
        .raw()
        .execute(
            "UPDATE subjects SET created_at = ?1, updated_at = ?1 WHERE id = ?2",
            rusqlite::params![when, subject.as_bytes().as_slice()],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

/// A read-only connection that can sit beside an open session without changing a byte.
fn reader(store: &TempStore) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(&store.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// Row counts of `tables`.
fn counts(store: &TempStore, tables: &[&str]) -> BTreeMap<String, i64> {
    let conn = reader(store);
    tables
        .iter()
        .map(|t| {
            (
                t.to_string(),
                query_i64(&conn, &format!("SELECT COUNT(*) FROM {t}")),
            )
        })
        .collect()
}

/// A digest of every cell of `tables` (any change to a row shows).
fn digests(store: &TempStore, tables: &[&str]) -> BTreeMap<String, String> {
    let conn = reader(store);
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        let mut hasher = Sha256::new();
        while let Some(r) = rows.next().unwrap() {
            for c in 0..columns {
                let v: rusqlite::types::Value = r.get(c).unwrap();
                hasher.update(format!("{v:?}|").as_bytes());
            }
            hasher.update(b"\n");
        }
        out.insert(t.to_string(), format!("{:x}", hasher.finalize()));
    }
    out
}

/// The bytes of the store file and of its write-ahead log.
fn file_bytes(store: &TempStore) -> (Vec<u8>, Vec<u8>) {
    let wal = store.path.with_extension("pdesk-wal");
    (
        std::fs::read(&store.path).unwrap(),
        std::fs::read(wal).unwrap_or_default(),
    )
}

/// The outcome of the rule `code` in a report.
fn rule<'a>(
    report: &'a SweepReport,
    code: &str,
) -> &'a privacy_desk::domain::retention::report::RuleOutcome {
    report
        .rules
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no rule {code} in {report:#?}"))
}

fn ids(list: &[Uuid]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(Uuid::to_string).collect();
    v.sort();
    v
}

fn sorted(list: &[String]) -> Vec<String> {
    let mut v = list.to_vec();
    v.sort();
    v
}

fn plan(s: &Session, day: NaiveDate) -> SweepReport {
    s.retention().sweep_plan(day, &Progress::default()).unwrap()
}

fn request_draft(email: &str, received: NaiveDate, name: &str, details: &str) -> RequestDraft {
    RequestDraft {
        regime: Regime::Gdpr,
        kind: RequestType::Access,
        received,
        channel: RequestChannel::Email,
        email: email.into(),
        requester: Requester {
            name: name.into(),
            ..Requester::default()
        },
        details: details.into(),
    }
}

/// Opens an access request received on `received` and completes it on `closed`.
fn closed_request(s: &mut Session, email: &str, received: NaiveDate, closed: NaiveDate) -> Uuid {
    let (id, _) = s
        .requests()
        .open_request(
            &request_draft(
                email,
                received,
                "Quentin Harrowgate",
                "Copy of my order history",
            ),
            today(),
        )
        .unwrap();
    s.requests()
        .complete_request(id, "Sent the order history by post", closed)
        .unwrap();
    id
}

/// The people of the dry-run and apply tests.
struct Cast {
    withdrawn: Uuid,
    active: Uuid,
    unconfirmed_old: Uuid,
    unconfirmed_new: Uuid,
    former: Uuid,
    evidence_subject: Uuid,
    /// The evidence-bearing event whose consent ended in 2019.
    old_evidence: Uuid,
    /// The evidence-bearing event of a consent that stands.
    live_evidence: Uuid,
}

const WITHDRAWN: &str = "winifred.withdrawn@example.org";
const ACTIVE: &str = "arthur.active@example.org";
const UNCONFIRMED_OLD: &str = "olive.unconfirmed@example.org";
const UNCONFIRMED_NEW: &str = "nina.unconfirmed@example.org";
const FORMER: &str = "fergus.former@example.org";
const EVIDENCE: &str = "evelyn.evidence@example.org";

/// Adopts the default rules and records the cast; returns the session re-opened after the
/// raw back-dating.
fn cast(store: &TempStore) -> (Session, Cast) {
    use ConsentEventKind::*;
    let (mut s, _) = store.create();
    assert_eq!(s.retention().adopt_default_retention().unwrap(), 6);
    let (withdrawn, _) = person(
        &mut s,
        "Winifred Withdrawn",
        WITHDRAWN,
        &[
            event("newsletter", Given, at(2023, 3, 1), true),
            event("newsletter", Withdrawn, at(2024, 2, 1), false),
        ],
    );
    let (active, _) = person(
        &mut s,
        "Arthur Active",
        ACTIVE,
        &[event("newsletter", Given, at(2023, 3, 1), true)],
    );
    let (unconfirmed_old, _) = person(&mut s, "Olive Unconfirmed", UNCONFIRMED_OLD, &signed_up());
    let (unconfirmed_new, _) = person(&mut s, "Nina Unconfirmed", UNCONFIRMED_NEW, &signed_up());
    let (former, _) = person(
        &mut s,
        "Fergus Former",
        FORMER,
        &[event(
            "newsletter",
            Given,
            Utc::now() - Duration::days(30),
            true,
        )],
    );
    s.retention()
        .set_relationship_end(former, Some(years_ago(7)))
        .unwrap();
    let (evidence_subject, events) = person(
        &mut s,
        "Evelyn Evidence",
        EVIDENCE,
        &[
            event("newsletter", Given, at(2018, 5, 1), true),
            event("newsletter", Withdrawn, at(2019, 6, 1), false),
            // A consent that stands keeps the person out of withdrawn-contacts.
            event(
                "product-recommendations",
                Given,
                Utc::now() - Duration::days(20),
                true,
            ),
        ],
    );
    drop(s);
    age(store, unconfirmed_old, 40);
    age(store, unconfirmed_new, 10);
    let s = store.unlock(PASS).unwrap();
    (
        s,
        Cast {
            withdrawn,
            active,
            unconfirmed_old,
            unconfirmed_new,
            former,
            evidence_subject,
            old_evidence: events[0],
            live_evidence: events[2],
        },
    )
}

#[test]
fn a_dry_run_changes_nothing_and_lists_the_records_each_rule_reaches() {
    let store = TempStore::new();
    let (s, c) = cast(&store);
    let counts_before = counts(&store, &ALL_TABLES);
    let bytes_before = file_bytes(&store);

    let report = plan(&s, today());

    assert_eq!(
        bytes_before,
        file_bytes(&store),
        "the store file and log are untouched"
    );
    assert_eq!(counts_before, counts(&store, &ALL_TABLES));
    assert!(report.dry_run);
    assert_eq!(report.outcome, SweepOutcome::Completed);
    assert_eq!(report.as_of, today().format("%Y-%m-%d").to_string());
    assert_eq!(report.run_by, "owner");
    let codes: Vec<&str> = report.rules.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes, DEFAULT_CODES,
        "one entry per enabled rule, in policy order"
    );
    assert!(report.rules.iter().all(|r| r.status == RuleStatus::Planned));
    assert!(
        s.retention().sweep_history(10).unwrap().is_empty(),
        "a dry run is not stored"
    );

    assert_eq!(
        rule(&report, "unconfirmed-sign-ups").due,
        ids(&[c.unconfirmed_old])
    );
    assert_eq!(rule(&report, "withdrawn-contacts").due, ids(&[c.withdrawn]));
    assert_eq!(rule(&report, "former-customers").due, ids(&[c.former]));
    assert_eq!(
        rule(&report, "old-consent-evidence").due,
        ids(&[c.old_evidence])
    );
    assert!(
        rule(&report, "inactive-contacts").due.is_empty(),
        "{report:#?}"
    );
    assert!(
        rule(&report, "closed-requests").due.is_empty(),
        "{report:#?}"
    );
    let listed: Vec<&String> = report.rules.iter().flat_map(|r| &r.due).collect();
    for (who, id) in [
        ("active", c.active),
        ("unconfirmed 10 days", c.unconfirmed_new),
        ("evidence subject", c.evidence_subject),
        ("live evidence", c.live_evidence),
    ] {
        assert!(
            !listed.contains(&&id.to_string()),
            "{who} listed: {report:#?}"
        );
    }
    assert_eq!(report.total_due(), 4);
    assert_eq!(report.total_held(), 0);
    assert!(report.rules.iter().all(|r| r.open_request.is_empty()));

    // Ten days on, Nina's month is not over yet; twenty-one days on it is.
    let later = plan(&s, today() + Days::new(10));
    assert!(
        !rule(&later, "unconfirmed-sign-ups")
            .due
            .contains(&c.unconfirmed_new.to_string())
    );
    let later = plan(&s, today() + Days::new(21));
    assert_eq!(
        sorted(&rule(&later, "unconfirmed-sign-ups").due),
        ids(&[c.unconfirmed_old, c.unconfirmed_new])
    );
    assert_eq!(bytes_before, file_bytes(&store));
    assert_eq!(counts_before, counts(&store, &ALL_TABLES));
}

#[test]
fn legal_holds_and_open_requests_win_over_the_rules() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    s.retention().adopt_default_retention().unwrap();
    let (held, _) = person(&mut s, "Hilda Held", "hilda@example.org", &signed_up());
    let (until, _) = person(&mut s, "Ursula Until", "ursula@example.org", &signed_up());
    let (asking, _) = person(&mut s, "Oscar Open", "oscar@example.org", &signed_up());
    let (both, _) = person(&mut s, "Bertha Both", "bertha@example.org", &signed_up());
    drop(s);
    for id in [held, until, asking, both] {
        age(&store, id, 40);
    }
    let s = store.unlock(PASS).unwrap();
    let unconfirmed = |r: &SweepReport| rule(r, "unconfirmed-sign-ups").clone();

    // Control: all four are due.
    assert_eq!(
        sorted(&unconfirmed(&plan(&s, today())).due),
        ids(&[held, until, asking, both])
    );

    let hold = s
        .retention()
        .place_hold(
            HoldTarget::Subject(held),
            "Claim by a former supplier",
            None,
            today(),
        )
        .unwrap();
    let hold_until = s
        .retention()
        .place_hold(
            HoldTarget::Subject(until),
            "Tax inspection",
            Some(today() + Days::new(5)),
            today(),
        )
        .unwrap();
    s.requests()
        .open_request(
            &request_draft("oscar@example.org", today(), "Oscar Open", ""),
            today(),
        )
        .unwrap();
    s.retention()
        .place_hold(HoldTarget::Subject(both), "Litigation", None, today())
        .unwrap();
    s.requests()
        .open_request(
            &request_draft("bertha@example.org", today(), "Bertha Both", ""),
            today(),
        )
        .unwrap();
    assert!(
        s.retention()
            .is_held(HoldTarget::Subject(held), today())
            .unwrap()
    );

    let r = unconfirmed(&plan(&s, today()));
    assert_eq!(
        sorted(&r.held),
        ids(&[held, until, both]),
        "a hold is named before a request"
    );
    assert_eq!(r.open_request, ids(&[asking]));
    assert!(r.due.is_empty(), "{r:#?}");

    // Released: due again.
    assert!(s.retention().release_hold(hold, today()).unwrap());
    assert!(
        !s.retention().release_hold(hold, today()).unwrap(),
        "a hold is released once"
    );
    assert!(
        !s.retention()
            .is_held(HoldTarget::Subject(held), today())
            .unwrap()
    );
    let r = unconfirmed(&plan(&s, today()));
    assert_eq!(r.due, ids(&[held]));
    assert_eq!(sorted(&r.held), ids(&[until, both]));

    // A hold whose end date has passed no longer holds.
    let r = unconfirmed(&plan(&s, today() + Days::new(10)));
    assert_eq!(sorted(&r.due), ids(&[held, until]));
    assert_eq!(r.held, ids(&[both]));
    assert_eq!(r.open_request, ids(&[asking]));
    // On its last day it still holds.
    let r = unconfirmed(&plan(&s, today() + Days::new(5)));
    assert!(r.held.contains(&until.to_string()));

    let holds = s.retention().legal_holds().unwrap();
    assert_eq!(holds.len(), 3);
    let released = holds.iter().find(|h| h.id == hold).unwrap();
    assert_eq!(released.released_on, Some(today()));
    assert_eq!(released.reason, "Claim by a former supplier");
    assert_eq!(released.placed_by, "owner");
    let dated = holds.iter().find(|h| h.id == hold_until).unwrap();
    assert_eq!(dated.ends_on, Some(today() + Days::new(5)));
    assert_eq!(dated.target, HoldTarget::Subject(until));

    // A hold needs a reason and an end date that is not past.
    let err = s
        .retention()
        .place_hold(HoldTarget::Subject(asking), "  ", None, today())
        .unwrap_err();
    assert!(
        matches!(&err, ServiceError::Invalid { field, .. } if field == "Reason"),
        "{err}"
    );
    let err = s
        .retention()
        .place_hold(
            HoldTarget::Subject(asking),
            "Late",
            Some(today() - Days::new(1)),
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, ServiceError::Invalid { field, .. } if field == "Until"),
        "{err}"
    );
    assert_eq!(s.retention().legal_holds().unwrap().len(), 3);
}

#[test]
fn applying_a_sweep_deletes_anonymises_empties_and_flags_what_is_due() {
    use ConsentEventKind::*;
    let store = TempStore::new();
    let (mut s, c) = cast(&store);
    // A person held by a legal hold, who would be an unconfirmed sign-up.
    let (held, _) = person(
        &mut s,
        "Hector Held",
        "hector.held@example.org",
        &signed_up(),
    );
    // A person with no activity for four years: flagged, never changed.
    let (inactive, _) = person(
        &mut s,
        "Ivy Inactive",
        "ivy.inactive@example.org",
        &[event(
            "newsletter",
            Given,
            Utc::now() - Duration::days(4 * 365),
            true,
        )],
    );
    // Closed request files: one answered in 2023, one like it under a hold.
    let old_request = closed_request(
        &mut s,
        "quentin@example.org",
        NaiveDate::from_ymd_opt(2023, 3, 1).unwrap(),
        NaiveDate::from_ymd_opt(2023, 4, 1).unwrap(),
    );
    let held_request = closed_request(
        &mut s,
        "harriet@example.org",
        NaiveDate::from_ymd_opt(2023, 3, 2).unwrap(),
        NaiveDate::from_ymd_opt(2023, 4, 2).unwrap(),
    );
    // A request answered last month stays as it is.
    let recent_request = closed_request(
        &mut s,
        "rita@example.org",
        today() - Days::new(60),
        today() - Days::new(30),
    );
    s.retention()
        .place_hold(
            HoldTarget::Request(held_request),
            "Complaint to the regulator",
            None,
            today(),
        )
        .unwrap();
    s.retention()
        .place_hold(HoldTarget::Subject(held), "Claim", None, today())
        .unwrap();
    let former_events = s.consent().consent_timeline(c.former).unwrap().len();
    let newsletter_before = s.settings().status().unwrap().consent["newsletter"].clone();
    let old_request_before = s
        .requests()
        .request_detail(old_request, today())
        .unwrap()
        .request;
    let held_request_before = s
        .requests()
        .request_detail(held_request, today())
        .unwrap()
        .request;
    let recent_request_before = s
        .requests()
        .request_detail(recent_request, today())
        .unwrap()
        .request;
    drop(s);
    age(&store, held, 40);
    age(&store, inactive, 4 * 365);
    let s = store.unlock(PASS).unwrap();
    let dry = plan(&s, today());
    assert_eq!(rule(&dry, "unconfirmed-sign-ups").held, ids(&[held]));
    assert_eq!(rule(&dry, "closed-requests").due, ids(&[old_request]));
    assert_eq!(rule(&dry, "closed-requests").held, ids(&[held_request]));
    assert_eq!(rule(&dry, "inactive-contacts").due, ids(&[inactive]));

    let report = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert!(!report.dry_run);
    assert_eq!(report.outcome, SweepOutcome::Completed);
    let statuses: Vec<(&str, RuleStatus)> = report
        .rules
        .iter()
        .map(|r| (r.code.as_str(), r.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("unconfirmed-sign-ups", RuleStatus::Applied),
            ("withdrawn-contacts", RuleStatus::Applied),
            ("former-customers", RuleStatus::Applied),
            ("inactive-contacts", RuleStatus::Flagged),
            ("closed-requests", RuleStatus::Applied),
            ("old-consent-evidence", RuleStatus::Applied),
        ]
    );
    for code in DEFAULT_CODES {
        assert_eq!(
            sorted(&rule(&report, code).due),
            sorted(&rule(&dry, code).due),
            "{code}: the sweep did what the dry run said"
        );
    }

    // Deleted, as an erasure.
    for (email, id, code) in [
        (WITHDRAWN, c.withdrawn, "withdrawn-contacts"),
        (UNCONFIRMED_OLD, c.unconfirmed_old, "unconfirmed-sign-ups"),
    ] {
        assert!(
            s.subjects()
                .find_subjects_by_email(email)
                .unwrap()
                .is_empty(),
            "{email}"
        );
        assert!(s.subjects().subject(id).unwrap().is_none(), "{email}");
        let (_, reference) = s
            .requests()
            .erasure_of(email)
            .unwrap()
            .expect("an erasure record");
        assert_eq!(
            reference.as_deref(),
            Some(format!("retention rule {code}").as_str())
        );
    }

    // Anonymised: the row and its ledger stay, nothing identifies the person.
    let former = s
        .subjects()
        .subject(c.former)
        .unwrap()
        .expect("the former customer's row stays");
    assert!(
        former.fields.email.is_empty() && former.fields.name.is_empty(),
        "{former:?}"
    );
    assert!(former.fields.phone.is_empty() && former.fields.notes.is_empty());
    assert!(
        s.subjects()
            .find_subjects_by_email(FORMER)
            .unwrap()
            .is_empty()
    );
    let timeline = s.consent().consent_timeline(c.former).unwrap();
    assert_eq!(
        timeline.len(),
        former_events,
        "consent events still counted"
    );
    assert!(timeline.iter().all(|e| e.evidence.is_empty()));
    assert_eq!(
        s.settings().status().unwrap().consent["newsletter"].given,
        newsletter_before.given,
        "the anonymised customer's consent is still counted; the deleted contact's was withdrawn"
    );

    // Old evidence emptied, the event kept; live evidence kept.
    let timeline = s.consent().consent_timeline(c.evidence_subject).unwrap();
    assert_eq!(timeline.len(), 3);
    let old = timeline.iter().find(|e| e.at == at(2018, 5, 1)).unwrap();
    assert!(old.evidence.is_empty(), "{old:?}");
    assert_eq!(old.kind, Given);
    let live = timeline
        .iter()
        .find(|e| e.purpose.as_ref().map(PurposeCode::as_str) == Some("product-recommendations"))
        .unwrap();
    assert!(!live.evidence.is_empty());
    assert_eq!(
        s.subjects()
            .subject(c.evidence_subject)
            .unwrap()
            .unwrap()
            .fields
            .email,
        EVIDENCE
    );

    // The old request file anonymised; its reference and dates kept.
    let after = s
        .requests()
        .request_detail(old_request, today())
        .unwrap()
        .request;
    assert!(
        after.requester.name.is_empty() && after.details.is_empty(),
        "{after:?}"
    );
    assert!(
        after.outcome.as_deref().unwrap_or_default().is_empty(),
        "{after:?}"
    );
    assert_eq!(after.reference, old_request_before.reference);
    assert_eq!(after.received, old_request_before.received);
    assert_eq!(after.closed_on, old_request_before.closed_on);
    assert_eq!(after.state, old_request_before.state);
    assert_eq!(after.kind, old_request_before.kind);
    // Held and recent ones untouched.
    assert_eq!(
        s.requests()
            .request_detail(held_request, today())
            .unwrap()
            .request,
        held_request_before
    );
    assert_eq!(
        s.requests()
            .request_detail(recent_request, today())
            .unwrap()
            .request,
        recent_request_before
    );

    // The untouched people.
    for (id, email) in [
        (c.active, ACTIVE),
        (c.unconfirmed_new, UNCONFIRMED_NEW),
        (held, "hector.held@example.org"),
        (inactive, "ivy.inactive@example.org"),
    ] {
        let subject = s
            .subjects()
            .subject(id)
            .unwrap()
            .unwrap_or_else(|| panic!("{email} kept"));
        assert_eq!(subject.fields.email, email);
        assert!(s.requests().erasure_of(email).unwrap().is_none());
    }

    // The report is stored; the audit chain is whole and names the sweep and each rule.
    let history = s.retention().sweep_history(10).unwrap();
    assert_eq!(history, vec![report.clone()]);
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
    let log = s.audit().audit_page(&Default::default(), 0, 100).unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "retention.applied")
            .count(),
        6
    );
    assert_eq!(
        log.iter().filter(|e| e.action == "retention.sweep").count(),
        1
    );
    for e in &log {
        for email in [WITHDRAWN, FORMER, UNCONFIRMED_OLD] {
            assert!(!e.details.contains(email), "{e:?}");
        }
    }
}

/// After a sweep, a second sweep on the same day has nothing left to delete, anonymise or
/// empty; only the flag rule lists its person again, and the holds still hold.
#[test]
fn a_second_sweep_finds_nothing_more_due() {
    let store = TempStore::new();
    let (mut s, c) = cast(&store);
    let old_request = closed_request(
        &mut s,
        "quentin@example.org",
        NaiveDate::from_ymd_opt(2023, 3, 1).unwrap(),
        NaiveDate::from_ymd_opt(2023, 4, 1).unwrap(),
    );
    let first = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert_eq!(rule(&first, "former-customers").due, ids(&[c.former]));
    assert_eq!(rule(&first, "closed-requests").due, ids(&[old_request]));
    let erasures = query_i64(&reader(&store), "SELECT COUNT(*) FROM erasures");

    let second = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert_eq!(second.outcome, SweepOutcome::Completed);
    let mut problems = Vec::new();
    for r in &second.rules {
        // A flag rule lists its records again by design; none here.
        if !r.due.is_empty() {
            problems.push(format!(
                "{}: still due after the sweep: {:?}",
                r.code, r.due
            ));
        }
    }
    let erasures_after = query_i64(&reader(&store), "SELECT COUNT(*) FROM erasures");
    if erasures_after != erasures {
        problems.push(format!(
            "erasure records: {erasures} after the first sweep, {erasures_after} after the second"
        ));
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(s.retention().sweep_history(10).unwrap().len(), 2);
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
}

/// What the second sweep does today: deleted people and emptied evidence are gone for good;
/// the anonymised customer and request file are listed (and anonymised) again.
#[test]
fn a_second_sweep_deletes_and_empties_nothing_more() {
    let store = TempStore::new();
    let (s, c) = cast(&store);
    s.retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    let second = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert_eq!(second.outcome, SweepOutcome::Completed);
    for code in [
        "unconfirmed-sign-ups",
        "withdrawn-contacts",
        "old-consent-evidence",
    ] {
        assert!(rule(&second, code).due.is_empty(), "{code}: {second:#?}");
    }
    let former = s.subjects().subject(c.former).unwrap().unwrap();
    assert!(former.fields.email.is_empty());
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
}

#[test]
fn a_cancelled_sweep_rolls_back_and_changes_no_record() {
    let store = TempStore::new();
    let (s, c) = cast(&store);
    let data_before = digests(&store, &DATA_TABLES);
    let counts_before = counts(&store, &DATA_TABLES);
    let progress = Progress::default();
    progress.cancel();

    let report = s.retention().apply_sweep(today(), &progress).unwrap();

    assert_eq!(report.outcome, SweepOutcome::Cancelled);
    assert!(!report.dry_run);
    assert_eq!(report.rules[0].code, "unconfirmed-sign-ups");
    assert_eq!(
        report.rules[0].due,
        ids(&[c.unconfirmed_old]),
        "the rule had records"
    );
    assert_eq!(report.rules[0].status, RuleStatus::RolledBack);
    for r in &report.rules[1..] {
        assert_eq!(r.status, RuleStatus::NotRun, "{}", r.code);
    }
    assert_eq!(counts(&store, &DATA_TABLES), counts_before);
    assert_eq!(
        digests(&store, &DATA_TABLES),
        data_before,
        "not one cell changed"
    );
    assert!(s.subjects().subject(c.unconfirmed_old).unwrap().is_some());
    assert!(s.requests().erasure_of(UNCONFIRMED_OLD).unwrap().is_none());
    // The cancelled sweep is on record.
    let history = s.retention().sweep_history(10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].outcome, SweepOutcome::Cancelled);
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
    // And a sweep run afterwards applies normally.
    let report = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert_eq!(report.outcome, SweepOutcome::Completed);
    assert!(s.subjects().subject(c.unconfirmed_old).unwrap().is_none());
}

#[test]
fn a_reimport_after_a_retention_deletion_is_flagged() {
    let store = TempStore::new();
    let (s, c) = cast(&store);
    let report = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert_eq!(rule(&report, "withdrawn-contacts").due, ids(&[c.withdrawn]));
    let csv = store.dir.path().join("back.csv");
    std::fs::write(
        &csv,
        format!(
            "email,name,state,timestamp\n{},Winifred Withdrawn,given,2026-01-20 10:00:00\nnewcomer@example.org,New Comer,given,2026-01-20 10:00:00\n",
            WITHDRAWN.to_uppercase()
        ),
    )
    .unwrap();
    let options = privacy_desk::services::ImportOptions {
        preset: privacy_desk::domain::import::Preset::Generic,
        purpose: Some("newsletter".into()),
        mapping: None,
        skip_invalid: false,
    };
    let imported = s
        .consent()
        .import_consent(&csv, &options, &Progress::default())
        .unwrap();
    assert_eq!(imported.rows_previously_erased, 1);
    assert_eq!(imported.subjects_created, 1);
    assert!(
        s.subjects()
            .find_subjects_by_email(WITHDRAWN)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        s.subjects()
            .find_subjects_by_email("newcomer@example.org")
            .unwrap()
            .len(),
        1
    );
}

fn custom_rule() -> RetentionRule {
    RetentionRule {
        code: "lapsed-leads".into(),
        name: "Lapsed leads & prospects".into(),
        kind: RecordKind::Subject,
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        condition: Condition::NoActiveConsent,
        period: Period::parse("18 months").unwrap(),
        from: FromEvent::ConsentWithdrawal,
        action: RetentionAction::Flag,
        reason: "Leads who stopped the newsletter are reviewed after a year and a half.".into(),
        enabled: true,
    }
}

fn invalid_field(err: &ServiceError) -> &str {
    match err {
        ServiceError::Invalid { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn rules_are_adopted_saved_checked_loaded_and_removed() {
    let store = TempStore::new();
    let (s, _) = store.create();
    assert!(s.retention().retention_rules().unwrap().is_empty());
    assert_eq!(s.retention().adopt_default_retention().unwrap(), 6);
    let codes: Vec<String> = s
        .retention()
        .retention_rules()
        .unwrap()
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(codes, DEFAULT_CODES);
    // Adopting again replaces, never duplicates.
    assert_eq!(s.retention().adopt_default_retention().unwrap(), 6);
    assert_eq!(s.retention().retention_rules().unwrap().len(), 6);

    // A custom rule is read back as saved, after the defaults.
    let custom = custom_rule();
    s.retention().save_retention_rule(&custom).unwrap();
    let rules = s.retention().retention_rules().unwrap();
    assert_eq!(rules.len(), 7);
    assert_eq!(rules[6], custom);
    // Changed in place.
    let changed = RetentionRule {
        period: Period {
            amount: 2,
            unit: PeriodUnit::Years,
        },
        enabled: false,
        ..custom.clone()
    };
    s.retention().save_retention_rule(&changed).unwrap();
    let rules = s.retention().retention_rules().unwrap();
    assert_eq!(rules.len(), 7);
    assert_eq!(rules[6], changed);

    // Refused, naming the field.
    let refused = [
        (
            "Purpose",
            RetentionRule {
                code: "ghost-purpose".into(),
                purpose: Some(PurposeCode::parse("no-such-purpose").unwrap()),
                ..custom.clone()
            },
        ),
        (
            "Action",
            RetentionRule {
                code: "drop-evidence".into(),
                kind: RecordKind::ConsentEvidence,
                condition: Condition::Any,
                action: RetentionAction::Delete,
                ..custom.clone()
            },
        ),
        (
            "Counted from",
            RetentionRule {
                code: "requests-by-withdrawal".into(),
                kind: RecordKind::Request,
                purpose: None,
                condition: Condition::Any,
                ..custom.clone()
            },
        ),
        (
            "Code",
            RetentionRule {
                code: "Not A Code".into(),
                ..custom.clone()
            },
        ),
        (
            "Reason",
            RetentionRule {
                code: "no-reason".into(),
                reason: "  ".into(),
                ..custom.clone()
            },
        ),
    ];
    for (field, rule) in &refused {
        let err = s.retention().save_retention_rule(rule).unwrap_err();
        assert_eq!(invalid_field(&err), *field, "{err}");
        assert!(err.to_string().starts_with(&format!("{field}: ")), "{err}");
    }
    assert_eq!(
        s.retention().retention_rules().unwrap().len(),
        7,
        "nothing refused was saved"
    );

    // A bad period is refused where periods are written: in words.
    let err = Period::parse("0 days").unwrap_err();
    assert!(err.contains("zero"), "{err}");

    // A rules file with an error names the file, the rule and the field; nothing is loaded.
    let file = store.dir.path().join("our-rules.toml");
    std::fs::write(
        &file,
        r#"
[[rule]]
code = "short-leads"
name = "Short leads"
kind = "subject"
condition = "never-consented"
period = "60 days"
from = "creation"
action = "delete"
reason = "Leads that never confirmed."

[[rule]]
code = "broken-period"
name = "Broken"
kind = "request"
period = "12 fortnights"
from = "request-closure"
action = "anonymise"
reason = "Because."
"#,
    )
    .unwrap();
    let err = s.retention().load_retention_file(&file).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("our-rules.toml"), "{text}");
    assert!(text.contains("rule 2 (broken-period)"), "{text}");
    assert!(text.contains("period"), "{text}");
    assert!(text.contains("fortnight"), "{text}");
    assert!(
        !s.retention()
            .retention_rules()
            .unwrap()
            .iter()
            .any(|r| r.code == "short-leads"),
        "all or nothing"
    );
    // The same file, mended, loads.
    let mended = std::fs::read_to_string(&file)
        .unwrap()
        .replace("12 fortnights", "24 months");
    std::fs::write(&file, mended).unwrap();
    assert_eq!(s.retention().load_retention_file(&file).unwrap(), 2);
    assert_eq!(s.retention().retention_rules().unwrap().len(), 9);
    // A file that cannot be read is named.
    let missing = store.dir.path().join("missing.toml");
    let err = s.retention().load_retention_file(&missing).unwrap_err();
    assert!(err.to_string().contains("missing.toml"), "{err}");
    // Evidence deletion in a file is refused too, naming the field.
    std::fs::write(
        &file,
        r#"
[[rule]]
code = "drop-evidence"
name = "Drop evidence"
kind = "consent-evidence"
period = "1 year"
from = "creation"
action = "delete"
reason = "Because."
"#,
    )
    .unwrap();
    let err = s
        .retention()
        .load_retention_file(&file)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rule 1 (drop-evidence)") && err.contains("Action"),
        "{err}"
    );

    // Removed.
    assert!(s.retention().remove_retention_rule("short-leads").unwrap());
    assert!(!s.retention().remove_retention_rule("short-leads").unwrap());
    assert!(
        !s.retention()
            .retention_rules()
            .unwrap()
            .iter()
            .any(|r| r.code == "short-leads")
    );
    assert_eq!(s.retention().retention_rules().unwrap().len(), 8);
    let log = s.audit().audit_page(&Default::default(), 0, 100).unwrap();
    assert!(
        log.iter()
            .filter(|e| e.action == "retention.rules_changed")
            .count()
            >= 5
    );
}

/// `RetentionRule::check` (used by `save_retention_rule`) does not look at the period: a
/// period of 0 days reaches the database's CHECK constraint, and one of 5,000 years is saved.
#[test]
fn a_rule_with_a_bad_period_is_refused_naming_the_period() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let mut problems = Vec::new();
    for period in [
        Period {
            amount: 0,
            unit: PeriodUnit::Days,
        },
        Period {
            amount: 5000,
            unit: PeriodUnit::Years,
        },
    ] {
        let rule = RetentionRule {
            period,
            ..custom_rule()
        };
        match s.retention().save_retention_rule(&rule) {
            Err(ServiceError::Invalid { field, .. }) if field == "Period" => {}
            other => problems.push(format!("{} {:?}: {other:?}", period.amount, period.unit)),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(s.retention().retention_rules().unwrap().is_empty());
}

#[test]
fn the_policy_names_each_enabled_rule_and_its_period() {
    let store = TempStore::new();
    let (s, _) = store.create();
    s.settings()
        .save_profile(&crate::common::profile("Dinsdale Stores"))
        .unwrap();
    s.retention().adopt_default_retention().unwrap();
    s.retention().save_retention_rule(&custom_rule()).unwrap();
    s.retention()
        .save_retention_rule(&RetentionRule {
            code: "switched-off".into(),
            name: "Switched-off rule".into(),
            period: Period::parse("9 days").unwrap(),
            enabled: false,
            ..custom_rule()
        })
        .unwrap();
    let md = s.retention().retention_policy(false).unwrap();
    let html = s.retention().retention_policy(true).unwrap();
    assert!(md.starts_with("# Data retention policy"), "{md}");
    assert!(md.contains("Dinsdale Stores"), "{md}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>Data retention policy</h1>"), "{html}");
    let rules = s.retention().retention_rules().unwrap();
    assert_eq!(rules.len(), 8);
    for r in rules.iter().filter(|r| r.enabled) {
        let period = r.period.to_string();
        assert!(
            md.contains(&format!("### {}", r.name)),
            "{} missing:\n{md}",
            r.name
        );
        assert!(md.contains(&period), "{period} missing:\n{md}");
        assert!(
            html.contains(&r.name.replace('&', "&amp;")),
            "{} missing:\n{html}",
            r.name
        );
        assert!(html.contains(&period), "{period} missing:\n{html}");
    }
    for period in [
        "30 days",
        "12 months",
        "6 years",
        "3 years",
        "2 years",
        "18 months",
    ] {
        assert!(md.contains(period), "{period}");
    }
    assert!(
        !md.contains("Switched-off rule") && !md.contains("9 days"),
        "{md}"
    );
    assert!(!html.contains("Switched-off rule"), "{html}");
    assert!(html.contains("Lapsed leads &amp; prospects"));
    assert!(!html.contains("Lapsed leads & prospects"), "escaped");
    // Written to a file, as Markdown, HTML, Word or PDF only.
    let out = store.dir.path().join("policy.html");
    s.exports().export_retention_policy(&out).unwrap();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("<h1>Data retention policy</h1>")
    );
    assert!(
        s.exports()
            .export_retention_policy(&store.dir.path().join("policy.odt"))
            .is_err()
    );
}

#[test]
fn assistants_and_auditors_cannot_apply_sweeps_or_edit_rules_and_auditors_can_plan() {
    let store = TempStore::new();
    let (mut s, c) = cast(&store);
    s.users()
        .add_user("alex", Role::Assistant, &pass("alex passphrase 12"))
        .unwrap();
    s.users()
        .add_user("audrey", Role::Auditor, &pass("audrey passphrase 1"))
        .unwrap();
    drop(s);
    let data_before = digests(&store, &DATA_TABLES);
    for (name, passphrase) in [
        ("alex", "alex passphrase 12"),
        ("audrey", "audrey passphrase 1"),
    ] {
        let u = unlock_as(&store.path, name, passphrase).unwrap();
        let denied = |r: Result<(), ServiceError>, what: &str| match r {
            Err(ServiceError::NotPermitted(_)) => {}
            other => panic!("{name}: {what}: expected NotPermitted, got {other:?}"),
        };
        denied(
            u.retention()
                .apply_sweep(today(), &Progress::default())
                .map(drop),
            "apply",
        );
        denied(u.retention().adopt_default_retention().map(drop), "adopt");
        denied(u.retention().save_retention_rule(&custom_rule()), "save");
        denied(
            u.retention()
                .remove_retention_rule("withdrawn-contacts")
                .map(drop),
            "remove",
        );
        denied(
            u.retention()
                .place_hold(HoldTarget::Subject(c.active), "Claim", None, today())
                .map(drop),
            "hold",
        );
        denied(u.retention().set_sweep_interval(30), "interval");
        let plan = u.retention().sweep_plan(today(), &Progress::default());
        if name == "audrey" {
            let plan = plan.unwrap();
            assert_eq!(rule(&plan, "withdrawn-contacts").due, ids(&[c.withdrawn]));
            assert_eq!(plan.run_by, "audrey");
        } else {
            assert!(
                matches!(plan, Err(ServiceError::NotPermitted(_))),
                "{plan:?}"
            );
        }
        drop(u);
    }
    assert_eq!(digests(&store, &DATA_TABLES), data_before);
    let s = store.unlock(PASS).unwrap();
    assert_eq!(s.retention().retention_rules().unwrap().len(), 6);
    assert!(s.retention().sweep_history(10).unwrap().is_empty());
}

#[test]
fn a_store_of_two_thousand_people_is_planned_and_the_counts_add_up() {
    let store = TempStore::new();
    let (s, _) = store.create();
    s.retention().adopt_default_retention().unwrap();
    let csv = store.dir.path().join("many.csv");
    let mut text = String::from("email,name,state,timestamp\n");
    let mut withdrawn = Vec::new();
    for i in 0..2000 {
        let email = format!("person{i:04}@example.org");
        if i % 4 == 0 {
            text.push_str(&format!(
                "{email},Person {i},withdrawn,2023-01-15 10:00:00\n"
            ));
            withdrawn.push(email);
        } else {
            text.push_str(&format!("{email},Person {i},given,2026-01-15 10:00:00\n"));
        }
    }
    std::fs::write(&csv, text).unwrap();
    let options = privacy_desk::services::ImportOptions {
        preset: privacy_desk::domain::import::Preset::Generic,
        purpose: Some("newsletter".into()),
        mapping: None,
        skip_invalid: false,
    };
    let imported = s
        .consent()
        .import_consent(&csv, &options, &Progress::default())
        .unwrap();
    assert_eq!(imported.subjects_created, 2000);
    let counts_before = counts(&store, &ALL_TABLES);
    let progress = Progress::default();
    let report = s.retention().sweep_plan(today(), &progress).unwrap();
    assert_eq!(counts(&store, &ALL_TABLES), counts_before);
    let (done, total) = progress.counts();
    assert_eq!(done, total, "the progress reached its end");
    let w = rule(&report, "withdrawn-contacts");
    assert_eq!(w.due.len(), 500);
    let unique: std::collections::HashSet<&String> = w.due.iter().collect();
    assert_eq!(unique.len(), 500, "each person once");
    for email in withdrawn.iter().step_by(50) {
        let id = s.subjects().find_subjects_by_email(email).unwrap()[0]
            .id
            .to_string();
        assert!(w.due.contains(&id), "{email}");
    }
    assert_eq!(
        report.total_due(),
        500,
        "{:?}",
        report
            .rules
            .iter()
            .map(|r| (&r.code, r.due.len()))
            .collect::<Vec<_>>()
    );
    assert_eq!(report.total_held(), 0);
    assert_eq!(s.settings().status().unwrap().subjects, 2000);
}

/// A legal hold on a request keeps the request file as it is, even when a subject rule removes
/// the person who made it.
#[test]
fn a_held_request_is_not_scrubbed_when_its_person_is_deleted() {
    use ConsentEventKind::*;
    let store = TempStore::new();
    let (mut s, _) = store.create();
    s.retention().adopt_default_retention().unwrap();
    let (wanda, _) = person(
        &mut s,
        "Wanda Withdrawn",
        "wanda@example.org",
        &[
            event("newsletter", Given, at(2023, 3, 1), true),
            event("newsletter", Withdrawn, at(2024, 2, 1), false),
        ],
    );
    let request = closed_request(
        &mut s,
        "wanda@example.org",
        today() - Days::new(60),
        today() - Days::new(30),
    );
    s.retention()
        .place_hold(
            HoldTarget::Request(request),
            "Complaint to the regulator about this request",
            None,
            today(),
        )
        .unwrap();
    let before = s
        .requests()
        .request_detail(request, today())
        .unwrap()
        .request;
    assert_eq!(before.subject_id, Some(wanda));
    let dry = plan(&s, today());
    let report = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    let after = s
        .requests()
        .request_detail(request, today())
        .unwrap()
        .request;
    assert_eq!(
        (after.requester.clone(), after.details.clone()),
        (before.requester.clone(), before.details.clone()),
        "the held request file was scrubbed; dry run: {:?}; sweep: {:?}",
        rule(&dry, "withdrawn-contacts"),
        rule(&report, "withdrawn-contacts")
    );
}

/// A person taken in with a request has no consent; once the request is closed, the
/// unconfirmed-sign-ups rule (30 days from creation) deletes them and scrubs the request file,
/// long before the closed-requests rule (2 years) says the file's details go.
#[test]
fn a_requester_is_not_deleted_as_an_unconfirmed_sign_up_a_month_after_asking() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    s.retention().adopt_default_retention().unwrap();
    let request = closed_request(
        &mut s,
        "quentin@example.org",
        today() - Days::new(40),
        today() - Days::new(5),
    );
    let requester = s
        .requests()
        .request_detail(request, today())
        .unwrap()
        .request
        .subject_id
        .unwrap();
    drop(s);
    // Taken in on the day the request arrived.
    age(&store, requester, 40);
    let s = store.unlock(PASS).unwrap();
    let dry = plan(&s, today());
    let due = &rule(&dry, "unconfirmed-sign-ups").due;
    s.retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    let after = s
        .requests()
        .request_detail(request, today())
        .unwrap()
        .request;
    assert!(
        !after.requester.name.is_empty() && !after.details.is_empty(),
        "the request file closed 5 days ago lost its requester (unconfirmed-sign-ups due: {due:?})"
    );
}

/// A cancelled sweep changes nothing, so it does not reset the schedule.
#[test]
fn a_cancelled_sweep_leaves_the_sweep_due() {
    let store = TempStore::new();
    let (s, _) = cast(&store);
    s.retention().set_sweep_interval(30).unwrap();
    let schedule = s.retention().sweep_schedule(today()).unwrap();
    assert!(schedule.due, "{schedule:?}");
    assert_eq!(schedule.interval_days, Some(30));
    assert_eq!(schedule.next_due, Some(today()));
    let progress = Progress::default();
    progress.cancel();
    let report = s.retention().apply_sweep(today(), &progress).unwrap();
    assert_eq!(report.outcome, SweepOutcome::Cancelled);
    let schedule = s.retention().sweep_schedule(today()).unwrap();
    assert!(
        schedule.due,
        "nothing was applied, yet the next sweep is due on {:?}",
        schedule.next_due
    );
}

/// A hold names a subject or a request that exists.
#[test]
fn a_hold_on_a_record_that_does_not_exist_is_refused() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let mut problems = Vec::new();
    for target in [
        HoldTarget::Subject(Uuid::new_v4()),
        HoldTarget::Request(Uuid::new_v4()),
    ] {
        if let Ok(id) = s.retention().place_hold(target, "Claim", None, today()) {
            problems.push(format!("{target:?} accepted as hold {id}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{problems:#?}; status counts {} holds",
        s.settings().status().unwrap().legal_holds
    );
}

/// A former customer who withdrew long ago is due under withdrawn-contacts (delete) and
/// former-customers (anonymise): they are removed once, by the deleting rule, with one erasure
/// record; the anonymising rule does not list them.
#[test]
fn a_person_due_under_two_removing_rules_is_removed_once_by_the_deleting_one() {
    use ConsentEventKind::*;
    let store = TempStore::new();
    let (mut s, _) = store.create();
    s.retention().adopt_default_retention().unwrap();
    let (both, _) = person(
        &mut s,
        "Bertha Both",
        "bertha@example.org",
        &[
            event("newsletter", Given, at(2018, 3, 1), true),
            event("newsletter", Withdrawn, at(2019, 2, 1), false),
        ],
    );
    s.retention()
        .set_relationship_end(both, Some(years_ago(7)))
        .unwrap();
    let planned = plan(&s, today());
    assert_eq!(rule(&planned, "withdrawn-contacts").due, ids(&[both]));
    assert!(
        rule(&planned, "former-customers").due.is_empty(),
        "{planned:#?}"
    );
    let erasures = query_i64(&reader(&store), "SELECT COUNT(*) FROM erasures");
    let applied = s
        .retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    assert_eq!(applied.outcome, SweepOutcome::Completed);
    assert!(s.subjects().subject(both).unwrap().is_none());
    assert_eq!(
        query_i64(&reader(&store), "SELECT COUNT(*) FROM erasures"),
        erasures + 1
    );
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
}

/// Issue 16, item 1: marketing rules never remove a current customer, nor a former one inside
/// the former-customers period (GDPR Art. 6(1)(b), (c); Art. 17(3)(b), (e)); the longest keep
/// that still applies wins (Art. 5(1)(e) is a maximum); "unconfirmed sign-ups" are pending
/// double opt-ins, not anyone without consent. The plan lists only the contact; the sweep
/// applied leaves every customer in the store.
#[test]
fn customers_are_kept_and_only_pending_sign_ups_are_unconfirmed() {
    use ConsentEventKind::*;
    use privacy_desk::domain::customer::CustomerRelationship;
    use privacy_desk::domain::subject::SubjectDates;
    let store = TempStore::new();
    let (mut s, _) = store.create();
    s.retention().adopt_default_retention().unwrap();
    let unsubscribed = [
        event("newsletter", Given, at(2022, 1, 10), true),
        event("newsletter", Withdrawn, at(2024, 1, 10), false),
    ];
    let customer = |s: &mut Session, name: &str, email: &str, since: NaiveDate| {
        let id = s
            .subjects()
            .add_subject_with(
                &draft(name, email),
                &SubjectDates {
                    recorded_on: Some(since),
                    customer: CustomerRelationship {
                        since: Some(since),
                        until: None,
                    },
                },
                today(),
            )
            .unwrap();
        for e in &unsubscribed {
            s.consent().record_consent(id, e).unwrap();
        }
        id
    };
    let current = customer(&mut s, "Carys Current", "carys@example.org", years_ago(5));
    let former = customer(
        &mut s,
        "Fenella Former",
        "fenella@example.org",
        years_ago(5),
    );
    s.retention()
        .set_relationship_end(former, Some(years_ago(2)))
        .unwrap();
    let (contact, _) = person(
        &mut s,
        "Wendell Withdrawn",
        "wendell@example.org",
        &unsubscribed,
    );
    // A customer who never opted in to marketing, and a contact without consent: neither is a
    // sign-up. Recorded 40 days ago.
    let never = s
        .subjects()
        .add_subject_with(
            &draft("Nora Neveropted", "nora@example.org"),
            &SubjectDates {
                recorded_on: Some(today() - Days::new(40)),
                customer: CustomerRelationship {
                    since: Some(today() - Days::new(40)),
                    until: None,
                },
            },
            today(),
        )
        .unwrap();
    let stray = s
        .subjects()
        .add_subject_recorded_on(
            &draft("Stan Stray", "stan@example.org"),
            Some(today() - Days::new(40)),
            today(),
        )
        .unwrap();
    let pending = s
        .subjects()
        .add_subject_recorded_on(
            &draft("Petra Pending", "petra@example.org"),
            Some(today() - Days::new(40)),
            today(),
        )
        .unwrap();
    s.consent()
        .record_consent(pending, &signed_up()[0])
        .unwrap();

    let dry = plan(&s, today());
    assert_eq!(rule(&dry, "withdrawn-contacts").due, ids(&[contact]));
    assert_eq!(rule(&dry, "unconfirmed-sign-ups").due, ids(&[pending]));
    assert!(rule(&dry, "former-customers").due.is_empty());
    s.retention()
        .apply_sweep(today(), &Progress::default())
        .unwrap();
    for kept in [current, former, never, stray] {
        assert!(
            s.subjects().subject(kept).unwrap().is_some(),
            "{kept} was removed"
        );
    }
    for gone in [contact, pending] {
        assert!(s.subjects().subject(gone).unwrap().is_none(), "{gone} kept");
    }
    assert_eq!(
        s.retention().customer_relationship(former).unwrap(),
        CustomerRelationship {
            since: Some(years_ago(5)),
            until: Some(years_ago(2))
        }
    );
}
