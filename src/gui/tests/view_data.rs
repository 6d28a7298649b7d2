//! The view data builders without pixels: what each one reads from a session, and that data
//! cached against the store generation is built again after any write (a worker's too) and
//! only then.

use super::*;
use crate::domain::audit::AuditFilter;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::domain::retention::hold::HoldTarget;
use crate::gui::areas::{
    audit_page, hold_rows, inbox, policy_data, purposes_data, records_data, today,
};
use crate::gui::view_data::ViewData;

/// The prepared store, unlocked by its owner.
fn owner(path: &Path) -> Session {
    prepared_store(path, 10);
    Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap()
}

/// An access request from `email`, received today.
fn access_request(email: &str) -> RequestDraft {
    RequestDraft {
        regime: Regime::Gdpr,
        kind: RequestType::Access,
        received: today(),
        channel: RequestChannel::Email,
        email: email.into(),
        requester: Requester {
            name: "Ana Pereira".into(),
            ..Requester::default()
        },
        details: "A copy of my data, please.".into(),
    }
}

#[test]
fn the_inbox_is_built_again_after_a_write_by_a_worker_session_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let session = owner(&dir.path().join("s.pdesk"));
    let mut rows: ViewData<Vec<crate::services::InboxRow>, chrono::NaiveDate> = ViewData::default();
    let builds = std::cell::Cell::new(0);
    let refresh = |rows: &mut ViewData<_, _>, session: &Session| {
        rows.refresh(session.generation(), today(), |day| {
            builds.set(builds.get() + 1);
            inbox(session, *day)
        })
        .unwrap();
    };
    refresh(&mut rows, &session);
    assert!(rows.get().unwrap().is_empty());
    refresh(&mut rows, &session);

    // A change made on a worker session (as a background job makes it) moves the generation
    // the window's session sees.
    let worker = session.worker().unwrap();
    worker
        .requests()
        .open_request(&access_request("ana@example.com"), today())
        .unwrap();
    drop(worker);
    refresh(&mut rows, &session);
    refresh(&mut rows, &session);

    assert_eq!(builds.get(), 2, "built once, then once after the write");
    let shown = rows.get().unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].summary.reference, "R-0001");
    assert!(
        shown[0].urgency.is_some(),
        "an open request has a deadline to show"
    );
}

#[test]
fn the_policy_builder_reads_the_rules_the_text_and_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let session = owner(&dir.path().join("s.pdesk"));
    let empty = policy_data(&session, today()).unwrap();
    assert!(empty.rules.is_empty());
    assert_eq!(empty.interval_days, None);

    let adopted = session.retention().adopt_default_retention().unwrap();
    session.retention().set_sweep_interval(30).unwrap();
    let data = policy_data(&session, today()).unwrap();
    assert_eq!(data.rules.len(), adopted);
    assert_eq!(data.interval_days, Some(30));
    assert!(
        data.text.contains(&data.rules[0].name),
        "the published text names the rules"
    );
    assert!(
        !data.purposes.is_empty(),
        "the catalogue names the purposes"
    );
}

#[test]
fn the_holds_builder_says_what_each_hold_is_on_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let session = owner(&dir.path().join("s.pdesk"));
    let (request, _) = session
        .requests()
        .open_request(&access_request("ana@example.com"), today())
        .unwrap();
    session
        .retention()
        .place_hold(HoldTarget::Request(request), "A claim", None, today())
        .unwrap();
    let rows = hold_rows(&session, today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].on, "request R-0001");
    assert_eq!(rows[0].hold.reason, "A claim");
}

#[test]
fn the_purposes_builder_reads_the_notices_of_the_purpose_chosen_only() {
    let dir = tempfile::tempdir().unwrap();
    let session = owner(&dir.path().join("s.pdesk"));
    let none = purposes_data(&session, None).unwrap();
    assert!(
        !none.rows.is_empty(),
        "a new store has the default catalogue"
    );
    assert!(none.notices.is_empty());
    let first = none.rows[0].purpose.code.clone();
    let chosen = purposes_data(&session, Some(&first)).unwrap();
    assert_eq!(chosen.notices.len() as u32, none.rows[0].current_notice);
}

#[test]
fn the_records_builder_lists_what_the_editors_link_to() {
    let dir = tempfile::tempdir().unwrap();
    let session = owner(&dir.path().join("s.pdesk"));
    let data = records_data(&session).unwrap();
    let catalogue = session.consent().purposes().unwrap();
    assert_eq!(data.purposes.len(), catalogue.len());
    assert!(
        data.purposes[0].1.contains(" · "),
        "a purpose is offered with its legal basis: {:?}",
        data.purposes[0]
    );
}

#[test]
fn the_audit_page_counts_every_match_and_reads_from_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let session = owner(&dir.path().join("s.pdesk"));
    let all = audit_page(&session, &AuditFilter::default(), 0).unwrap();
    assert!(all.total >= 3, "created, profile, auto-lock, unlocked");
    assert_eq!(all.rows.len() as i64, all.total);
    let later = audit_page(&session, &AuditFilter::default(), 1).unwrap();
    assert_eq!(later.total, all.total);
    assert_eq!(later.rows.len() as i64, all.total - 1);
    assert_eq!(later.rows[0].seq, all.rows[1].seq);
}
