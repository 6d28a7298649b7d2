//! The Dashboard's figures through the session, without pixels (issue 20, item 7): the
//! first-steps checklist on an empty and on a populated store, "What needs me today" with the
//! overdue request first, requests answered on time per month on seeded requests, and consent
//! given and withdrawn per purpose per month from the ledger's aggregate query.

use chrono::{NaiveDate, TimeZone, Utc};
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::dashboard::{FirstStep, Month, TodayKind, TodayLink};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::services::Session;
use uuid::Uuid;

use crate::common::{TempStore, draft};

const TODAY: &str = "2026-12-07";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(s: &mut Session, received: &str, email: &str) -> Uuid {
    s.requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Access,
                received: d(received),
                channel: RequestChannel::Email,
                email: email.into(),
                requester: Requester {
                    name: "Hiroshi Tanaka".into(),
                    ..Requester::default()
                },
                details: "A copy of my data, please".into(),
            },
            d(TODAY),
        )
        .unwrap()
        .0
}

fn closed_on(s: &mut Session, received: &str, completed: &str, email: &str) {
    let id = open(s, received, email);
    s.requests().start_work(id).unwrap();
    s.requests().complete_request(id, "", d(completed)).unwrap();
}

fn figures(s: &Session) -> privacy_desk::domain::dashboard::DashboardFigures {
    let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
    s.settings().dashboard_figures(d(TODAY), now).unwrap()
}

#[test]
fn a_new_store_shows_every_first_step_to_do_and_nothing_due() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let f = figures(&session);
    assert!(f.setup.checklist().iter().all(|(_, done)| !done), "{f:?}");
    assert!(!f.setup.all_done());
    assert!(f.today.is_empty());
    assert_eq!(f.on_time.len(), 12);
    assert!(f.on_time.iter().all(|m| m.closed == 0));
    assert_eq!(f.on_time.last().unwrap().month, Month::of(d(TODAY)));
    assert!(f.consent.is_empty());
}

#[test]
fn the_figures_follow_what_the_store_holds() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    // Two steps done: a person in the register, the default retention policy adopted.
    let person = s
        .subjects()
        .add_subject(&draft("Hiroshi Tanaka", "hiroshi@example.jp"))
        .unwrap();
    s.retention().adopt_default_retention().unwrap();

    // October: one answered on time, one a fortnight late; November: one on time.
    closed_on(&mut s, "2026-10-01", "2026-10-20", "a@example.com");
    closed_on(&mut s, "2026-09-01", "2026-10-15", "b@example.com");
    closed_on(&mut s, "2026-11-02", "2026-11-10", "c@example.com");
    // Still open: one overdue since early December, one due in three days.
    let due_soon = open(&mut s, "2026-11-10", "e@example.com");
    let overdue = open(&mut s, "2026-10-30", "d@example.com");

    // Consent for the first purpose of the catalogue: two given in November, one withdrawn in
    // December.
    let purpose = figures(&s).consent.purposes[0].0.clone();
    let event = |kind, day: u32, month: u32| ConsentEvent {
        purpose: Some(PurposeCode::parse(&purpose).unwrap()),
        kind,
        at: Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap(),
        channel: Channel::WebForm,
        notice_version: matches!(kind, ConsentEventKind::Given).then_some(1),
        evidence: Evidence::default(),
        recorded_by: "owner".into(),
    };
    let other = s
        .subjects()
        .add_subject(&draft("Yuki Sato", "yuki@example.jp"))
        .unwrap();
    for who in [person, other] {
        s.consent()
            .record_consent(who, &event(ConsentEventKind::Given, 3, 11))
            .unwrap();
    }
    s.consent()
        .record_consent(other, &event(ConsentEventKind::Withdrawn, 2, 12))
        .unwrap();

    let f = figures(&s);
    let ticked: Vec<FirstStep> = f
        .setup
        .checklist()
        .into_iter()
        .filter(|(_, done)| *done)
        .map(|(step, _)| step)
        .collect();
    assert_eq!(ticked, [FirstStep::ImportList, FirstStep::RetentionPolicy]);

    // Today: the overdue request first, then the one due soon; references, never names.
    let requests: Vec<&TodayLink> = f
        .today
        .iter()
        .filter(|i| i.kind == TodayKind::Request)
        .map(|i| &i.link)
        .collect();
    assert_eq!(
        requests,
        [&TodayLink::Request(overdue), &TodayLink::Request(due_soon)]
    );
    assert!(f.today[0].overdue && f.today[0].text.contains("overdue since"));
    assert!(f.today.iter().all(|i| !i.text.contains("Tanaka")));

    // On time per month: October 1 of 2, November 1 of 1, December none closed.
    let month = |m: u32| {
        f.on_time
            .iter()
            .find(|s| {
                s.month
                    == Month {
                        year: 2026,
                        month: m,
                    }
            })
            .map(|s| (s.closed, s.on_time))
            .unwrap()
    };
    assert_eq!(month(10), (2, 1));
    assert_eq!(month(11), (1, 1));
    assert_eq!(month(12), (0, 0));
    assert_eq!(f.on_time_total(), (3, 2));

    // Consent per purpose over time, from the ledger's monthly counts.
    let (code, row) = &f.consent.purposes[0];
    assert_eq!(code, &purpose);
    assert_eq!(row[10], (2, 0), "November");
    assert_eq!(row[11], (0, 1), "December");
    assert!(
        f.consent.purposes[1..]
            .iter()
            .all(|(_, r)| r.iter().all(|c| *c == (0, 0)))
    );
}
