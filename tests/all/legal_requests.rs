//! Issue 16 ("Legal correctness"), items 3, 5 and 6, through the library: identity received
//! only after it was asked (Art. 12(6)), no extension notified after the first period
//! (Art. 12(3); Cal. Civ. Code § 1798.130(a)(2)(A)), refusal grounds per request type
//! (Art. 7(3), 21(3); Cal. Code Regs. tit. 11 § 7026(d)–(e)); item 8, withdrawals and opt-outs
//! dated the day the person made them (Art. 7(3); § 7026(f)).

use chrono::NaiveDate;
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::request::workflow::RefusalKind;
use privacy_desk::domain::request::{
    RefusalGround, RequestChannel, RequestDraft, RequestState, RequestType, Requester,
};
use privacy_desk::services::Session;
use uuid::Uuid;

use crate::common::TempStore;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// "Today" for these tests: after every date they use.
fn today() -> NaiveDate {
    d("2026-11-29")
}

fn open(s: &mut Session, regime: Regime, kind: RequestType, received: &str) -> Uuid {
    let draft = RequestDraft {
        regime,
        kind,
        received: d(received),
        channel: RequestChannel::Email,
        email: "ana@example.org".into(),
        requester: Requester::default(),
        details: String::new(),
    };
    s.requests().open_request(&draft, today()).unwrap().0
}

fn ground(kind: RefusalKind) -> RefusalGround {
    RefusalGround {
        kind,
        detail: "the facts".into(),
    }
}

/// Item 3: "identity received" with nothing asked is refused and the month keeps the day of
/// receipt; asked and answered, it runs from the answer, never from before the question.
#[test]
fn identity_received_only_after_it_was_asked() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let r = open(&mut s, Regime::Gdpr, RequestType::Access, "2026-03-02");
    let e = s
        .requests()
        .verify_request(r, d("2026-03-20"), today())
        .unwrap_err();
    assert!(e.to_string().contains("No request for identity"), "{e}");
    s.requests().start_work(r).unwrap();
    let detail = s.requests().request_detail(r, today()).unwrap();
    assert_eq!(detail.request.state, RequestState::InProgress);
    assert_eq!(detail.deadline.start, d("2026-03-02"));
    assert_eq!(detail.deadline.due, d("2026-04-02"));

    let r = open(&mut s, Regime::UkGdpr, RequestType::Erasure, "2026-03-02");
    s.requests()
        .ask_identity(r, d("2026-03-10"), today())
        .unwrap();
    let e = s
        .requests()
        .verify_request(r, d("2026-03-05"), today())
        .unwrap_err();
    assert!(e.to_string().contains("before the day it was asked"), "{e}");
    s.requests()
        .verify_request(r, d("2026-03-12"), today())
        .unwrap();
    let detail = s.requests().request_detail(r, today()).unwrap();
    assert_eq!(detail.request.identity_asked_on, Some(d("2026-03-10")));
    assert_eq!(detail.deadline.start, d("2026-03-12"));
    assert_eq!(
        detail.deadline.due,
        d("2026-04-13"),
        "12 April 2026 is a Sunday"
    );
}

/// Item 5: a late notice is refused and the due date stays; a notice in time extends.
#[test]
fn a_late_extension_does_not_extend() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let r = open(&mut s, Regime::CcpaCpra, RequestType::Know, "2026-03-02");
    let before = s.requests().request_detail(r, today()).unwrap();
    let e = s
        .requests()
        .extend_request(r, "Many records", d("2026-04-16"), today())
        .unwrap_err();
    assert!(e.to_string().contains("first 45 days"), "{e}");
    let after = s.requests().request_detail(r, today()).unwrap();
    assert_eq!(after.deadline, before.deadline);
    assert_eq!(after.request.state, RequestState::Received);
    assert_eq!(after.steps.len(), before.steps.len());
    let due = s
        .requests()
        .extend_request(r, "Many records", d("2026-04-15"), today())
        .unwrap();
    assert_eq!(due, d("2026-05-30"));
}

/// Item 6: absolute rights and CCPA opt-out/limit accept only their grounds; no identity step
/// for opt-out.
#[test]
fn refusal_grounds_follow_the_request_type() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let cases = [
        (
            Regime::Gdpr,
            RequestType::WithdrawConsent,
            RefusalKind::Excessive,
            false,
        ),
        (
            Regime::UkGdpr,
            RequestType::Objection,
            RefusalKind::ManifestlyUnfounded,
            false,
        ),
        (
            Regime::UkGdpr,
            RequestType::Objection,
            RefusalKind::IdentityNotVerified,
            true,
        ),
        (
            Regime::CcpaCpra,
            RequestType::OptOut,
            RefusalKind::IdentityNotVerified,
            false,
        ),
        (
            Regime::CcpaCpra,
            RequestType::Limit,
            RefusalKind::SuspectedFraud,
            true,
        ),
        (
            Regime::Gdpr,
            RequestType::Access,
            RefusalKind::Excessive,
            true,
        ),
    ];
    for (regime, kind, refusal, allowed) in cases {
        let r = open(&mut s, regime, kind, "2026-03-02");
        let result = s
            .requests()
            .refuse_request(r, &ground(refusal), d("2026-03-05"));
        assert_eq!(
            result.is_ok(),
            allowed,
            "{regime:?} {kind:?} {refusal:?}: {result:?}"
        );
        let state = s
            .requests()
            .request_detail(r, today())
            .unwrap()
            .request
            .state;
        let expected = if allowed {
            RequestState::Refused
        } else {
            RequestState::Received
        };
        assert_eq!(state, expected);
    }
    let r = open(&mut s, Regime::CcpaCpra, RequestType::OptOut, "2026-03-02");
    let e = s
        .requests()
        .ask_identity(r, d("2026-03-03"), today())
        .unwrap_err();
    assert!(e.to_string().contains("§ 7026(d)"), "{e}");
    let e = s
        .requests()
        .letter(
            r,
            privacy_desk::domain::letters::LetterKind::IdentityRequest,
            today(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("no identity verification"), "{e}");
}

/// Item 8: a withdrawal and a CCPA opt-out recorded from a request weeks after it arrived carry
/// the day of receipt (Art. 7(3); Cal. Code Regs. tit. 11 § 7026(f)), not the day of fulfilment;
/// a consent given earlier on the day of receipt is still withdrawn.
#[test]
fn withdrawals_and_opt_outs_are_dated_the_day_of_receipt() {
    use chrono::{TimeZone, Utc};
    use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
    use privacy_desk::domain::purpose::PurposeCode;

    let store = TempStore::new();
    let (mut s, _) = store.create();
    let subject = s
        .subjects()
        .add_subject(&crate::common::draft("Ana Pereira", "ana@example.org"))
        .unwrap();
    let given = ConsentEvent {
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        kind: ConsentEventKind::Given,
        at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence::default(),
        recorded_by: String::new(),
    };
    s.consent().record_consent(subject, &given).unwrap();
    let end_of_receipt_day = Utc.with_ymd_and_hms(2026, 3, 2, 23, 59, 59).unwrap();

    let r = open(
        &mut s,
        Regime::Gdpr,
        RequestType::WithdrawConsent,
        "2026-03-02",
    );
    assert_eq!(s.requests().opt_out_for_request(r, &[]).unwrap(), 1);
    let r = open(&mut s, Regime::CcpaCpra, RequestType::OptOut, "2026-03-02");
    assert_eq!(s.requests().opt_out_for_request(r, &[]).unwrap(), 1);

    let timeline = s.consent().consent_timeline(subject).unwrap();
    let from_requests: Vec<_> = timeline
        .iter()
        .filter(|e| e.kind != ConsentEventKind::Given)
        .map(|e| (e.kind, e.at))
        .collect();
    assert_eq!(
        from_requests,
        [
            (ConsentEventKind::Withdrawn, end_of_receipt_day),
            (
                ConsentEventKind::OptedOutOfSaleOrSharing,
                end_of_receipt_day
            ),
        ]
    );
    let states = s.consent().current_consents(subject).unwrap();
    let (_, newsletter) = states
        .iter()
        .find(|(row, _)| row.purpose.code.as_str() == "newsletter")
        .unwrap();
    assert!(!newsletter.permits_processing(), "{newsletter:?}");
}
