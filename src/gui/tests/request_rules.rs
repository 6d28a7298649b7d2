//! The request page offers only what the law allows for the request's type, with the rule's
//! reason beside it (issue 16 items 3, 5 and 6).

use super::requests::notice_contains;
use super::*;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::areas::today;

/// The prepared store with one request of `kind` under `regime`, received today.
fn store_with(path: &Path, regime: Regime, kind: RequestType) {
    prepared_store(path, 10);
    let owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let draft = RequestDraft {
        regime,
        kind,
        received: today(),
        channel: RequestChannel::Email,
        email: "ana@example.com".into(),
        requester: Requester::default(),
        details: String::new(),
    };
    owner.requests().open_request(&draft, today()).unwrap();
}

fn open_first_request(h: &mut Harness<'_, PrivacyDeskApp>) {
    unlock(h);
    click(h, "Requests");
    click(h, "R-0001");
}

/// Art. 7(3), 12(6): a withdrawal of consent offers "start work", not "identity received",
/// and its refusal form starts on the only ground allowed, with the reason shown.
#[test]
fn a_withdrawal_offers_start_work_and_only_the_identity_ground() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with(&path, Regime::Gdpr, RequestType::WithdrawConsent);
    let mut h = harness(&path, 1.0 / 60.0);
    open_first_request(&mut h);

    assert!(
        h.query_by_label("Identity or clarification received")
            .is_none()
    );
    assert!(h.query_by_label_contains("Art. 12(6)").is_some());
    click(&mut h, "Refuse");
    assert_eq!(
        h.get_by_label("Ground").value().as_deref(),
        Some("We could not verify the requester's identity")
    );
    assert!(h.query_by_label_contains("Art. 7(3)").is_some());

    click(&mut h, "Start work (nothing to ask)");
    notice_contains(&h, "keeps the day the request was received");
    let s = h.state().session.as_ref().unwrap();
    let row = s.requests().inbox(today()).unwrap().remove(0);
    assert_eq!(row.summary.clock_start, None);
    assert_eq!(row.deadline.start, today());
}

/// Cal. Code Regs. tit. 11 § 7026(d)–(e): an opt-out offers no identity step and may only be
/// refused for documented fraud.
#[test]
fn an_opt_out_offers_no_identity_step_and_only_the_fraud_ground() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with(&path, Regime::CcpaCpra, RequestType::OptOut);
    let mut h = harness(&path, 1.0 / 60.0);
    open_first_request(&mut h);

    assert!(
        h.query_by_label("Ask for identity or clarification")
            .is_none()
    );
    assert!(h.query_by_label_contains("§ 7026(d)").is_some());
    assert!(h.query_by_label("Extend the deadline").is_none());
    click(&mut h, "Refuse");
    assert_eq!(
        h.get_by_label("Ground").value().as_deref(),
        Some("We have a documented, good-faith belief that the request is fraudulent")
    );
}
