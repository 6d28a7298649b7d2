//! The request page's legal steps, each with its rule's reason where the officer acts
//! (issue 16): CCPA "know" verification and the level reached (11 CCR § 7062(b)–(c)), the
//! confirmation of receipt (§ 7021(a)), a fee with only the reasons allowed (Art. 12(5)(a),
//! 15(3)), the repeat-request banner (Civ. Code § 1798.130(b)), the clarification step that
//! pauses a UK GDPR clock (Art. 12A UK GDPR), objection decisions (Art. 21) and the day the
//! business may ask again after an opt-out (§ 1798.135(c)(4)).

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use super::requests::notice_contains;
use super::*;
use crate::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use crate::domain::request::know::KnowLevel;
use crate::domain::request::objection::{ContinueGround, ObjectionOutcome};
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::areas::today;

/// Opens a request of `kind` under `regime` received on `received` for ana@example.com.
fn open_request(path: &Path, regime: Regime, kind: RequestType, received: NaiveDate) -> Uuid {
    let owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let draft = RequestDraft {
        regime,
        kind,
        received,
        channel: RequestChannel::Email,
        email: "ana@example.com".into(),
        requester: Requester::default(),
        details: String::new(),
    };
    owner.requests().open_request(&draft, today()).unwrap().0
}

fn store_with(path: &Path, regime: Regime, kind: RequestType) -> Uuid {
    prepared_store(path, 10);
    open_request(path, regime, kind, today())
}

fn open_page(h: &mut Harness<'_, PrivacyDeskApp>, reference: &str) {
    unlock(h);
    click(h, "Requests");
    click(h, reference);
}

/// Replaces a field's text.
fn replace(h: &mut Harness<'_, PrivacyDeskApp>, label: &str, text: &str) {
    click(h, label);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
}

fn session<'h>(h: &'h Harness<'_, PrivacyDeskApp>) -> &'h Session {
    h.state().session.as_ref().unwrap()
}

/// 11 CCR § 7062(b)–(c), § 7021(a): the identity step of a CCPA request to know asks for the
/// data points and the declaration, shows the level as they are typed, and records it; the
/// confirmation of receipt is due within 10 business days and is marked done on the page.
#[test]
fn a_ccpa_know_request_records_the_verification_level_and_the_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with(&path, Regime::CcpaCpra, RequestType::Know);
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");

    assert!(h.query_by_label_contains("§ 7021(a)").is_some());
    assert!(h.query_by_label_contains("Confirm receipt by").is_some());
    click(&mut h, "Mark acknowledged");
    notice_contains(&h, "receipt was confirmed");
    let r = session(&h).requests().request_detail(id, today()).unwrap();
    assert_eq!(r.request.acknowledged_on, Some(today()));
    assert!(h.query_by_label_contains("(due by").is_some());

    click(&mut h, "Ask for identity or clarification");
    click(&mut h, "Identity or clarification received");
    replace(&mut h, "Data points matched", "3");
    assert!(
        h.query_by_label_contains("Level: categories only")
            .is_some()
    );
    click(
        &mut h,
        "Signed declaration under penalty of perjury received",
    );
    assert!(
        h.query_by_label_contains("Level: specific pieces may be disclosed")
            .is_some()
    );
    assert!(h.query_by_label_contains("§ 7062(c)").is_some());
    click(&mut h, "Record identity received");
    notice_contains(&h, "specific pieces may be disclosed");
    let (v, level) = session(&h)
        .requests()
        .know_verification(id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.data_points, v.signed_declaration, level),
        (3, true, KnowLevel::Specific)
    );
    assert!(
        h.query_by_label_contains("Verification: specific pieces may be disclosed")
            .is_some()
    );
}

/// A typo in the data points is named beside the form and nothing is recorded.
#[test]
fn data_points_that_are_not_a_number_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with(&path, Regime::CcpaCpra, RequestType::Know);
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");
    click(&mut h, "Ask for identity or clarification");
    click(&mut h, "Identity or clarification received");
    replace(&mut h, "Data points matched", "three");
    click(&mut h, "Record identity received");
    assert!(
        h.query_by_label_contains("Problem: Data points matched: \"three\"")
            .is_some()
    );
    let (v, _) = session(&h)
        .requests()
        .know_verification(id)
        .unwrap()
        .unwrap();
    assert_eq!(v.data_points, 0);
}

/// Art. 15(3), 12(5)(a): a fee on a GDPR access request offers the reasons allowed and is
/// recorded; a bad amount is named; a withdrawal of consent offers no fee at all (Art. 7(3)).
#[test]
fn a_fee_is_offered_only_where_the_law_allows_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with(&path, Regime::Gdpr, RequestType::Access);
    open_request(&path, Regime::Gdpr, RequestType::WithdrawConsent, today());
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");

    click(&mut h, "Charge a fee…");
    assert!(h.query_by_label_contains("Art. 15(3)").is_some());
    assert_eq!(
        h.get_by_label("Fee reason").value().as_deref(),
        Some("further copies of your data (Art. 15(3))")
    );
    replace(&mut h, "Fee amount", "twelve");
    click(&mut h, "Record the fee");
    assert!(h.query_by_label_contains("Problem: Fee amount:").is_some());
    choose(
        &mut h,
        "Fee reason",
        "a manifestly excessive request (Art. 12(5)(a))",
    );
    replace(&mut h, "Fee amount", "12.50");
    click(&mut h, "Record the fee");
    notice_contains(&h, "12.50 EUR");
    let fee = session(&h)
        .requests()
        .request_terms(id)
        .unwrap()
        .fee
        .unwrap();
    assert_eq!((fee.minor, fee.currency), (1250, "EUR"));
    assert!(h.query_by_label_contains("Fee asked for on").is_some());

    click(&mut h, "Back to the inbox");
    click(&mut h, "R-0002");
    assert!(h.query_by_label("Charge a fee…").is_none());
    assert!(h.query_by_label_contains("No fee may be charged").is_some());
}

/// Cal. Civ. Code § 1798.130(b): the third request to know in 12 months carries the banner;
/// the first does not.
#[test]
fn the_third_know_request_in_a_year_shows_the_repeat_banner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with(&path, Regime::CcpaCpra, RequestType::Know);
    open_request(&path, Regime::CcpaCpra, RequestType::Know, today());
    open_request(&path, Regime::CcpaCpra, RequestType::Know, today());
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");
    assert!(h.query_by_label_contains("§ 1798.130(b)").is_none());
    click(&mut h, "Back to the inbox");
    click(&mut h, "R-0003");
    assert!(
        h.query_by_label_contains("at least the third request to know")
            .is_some()
    );
}

/// Art. 12A UK GDPR: asking to clarify pauses the clock; the days until the answer are added
/// to the due date, and the page says so.
#[test]
fn a_uk_clarification_pauses_the_clock_and_the_days_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let received = today().checked_sub_days(Days::new(10)).unwrap();
    let asked = today().checked_sub_days(Days::new(8)).unwrap();
    let id = open_request(&path, Regime::UkGdpr, RequestType::Access, received);
    let due_before = {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        s.requests()
            .request_detail(id, today())
            .unwrap()
            .deadline
            .due
    };
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");

    assert!(h.query_by_label_contains("Art. 12A(5) UK GDPR").is_some());
    replace(
        &mut h,
        "Clarification asked on",
        &asked.format("%Y-%m-%d").to_string(),
    );
    click(&mut h, "Ask to clarify");
    notice_contains(&h, "to clarify their request");
    assert!(
        h.query_by_label_contains("the clock is paused (9 day(s) so far)")
            .is_some()
    );
    // The open question is a clarification: identity is not what is awaited.
    assert!(
        h.query_by_label("Identity or clarification received")
            .is_none()
    );
    click(&mut h, "Record the clarification");
    notice_contains(&h, "9 day(s) were added to the due date");
    let d = session(&h).requests().request_detail(id, today()).unwrap();
    assert_eq!(d.request.clarification_paused_days, 9);
    assert!(d.deadline.due > due_before);
    assert!(
        h.query_by_label_contains("9 days were added to the due date")
            .is_some()
    );
}

fn add_purposes(path: &Path) {
    let s = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    for (code, name, basis) in [
        (
            "customer-analytics",
            "Customer analytics",
            LegalBasis::LegitimateInterests,
        ),
        ("order-delivery", "Order delivery", LegalBasis::Contract),
    ] {
        let p = Purpose {
            code: PurposeCode::parse(code).unwrap(),
            name: name.into(),
            description: "What is done.".into(),
            legal_basis: basis,
            data_categories: vec!["contact.email".into()],
            ccpa_sale_or_share: false,
        };
        s.consent().add_purpose(&p, "Notice.").unwrap();
    }
}

/// Art. 21(1)–(3): the objection lists the legitimate-interest purposes (not the contract
/// one), continuing needs the grounds, and direct marketing cannot continue.
#[test]
fn an_objection_records_a_decision_per_purpose_with_its_grounds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    add_purposes(&path);
    let id = open_request(&path, Regime::Gdpr, RequestType::Objection, today());
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");

    assert!(
        h.query_by_label_contains("unless you demonstrate compelling legitimate grounds")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("No decision yet: counts as stopped")
            .is_some()
    );
    assert!(h.query_by_label("Order delivery").is_none());

    click(&mut h, "This purpose is direct marketing");
    assert!(
        h.query_by_label_contains("objection to direct marketing is absolute: processing")
            .is_some()
    );
    click(&mut h, "This purpose is direct marketing");

    choose(
        &mut h,
        "Decision",
        "Continues: compelling legitimate grounds",
    );
    click(&mut h, "Record the decision");
    assert!(
        h.query_by_label_contains("Problem: Grounds demonstrated")
            .is_some()
    );
    h.get_by_label("Grounds demonstrated (why they override the person's interests)")
        .click();
    h.run();
    h.get_by_label("Grounds demonstrated (why they override the person's interests)")
        .type_text("Fraud patterns across all orders; the person's interest is limited.");
    h.run();
    click(&mut h, "Record the decision");
    notice_contains(&h, "continues on the grounds recorded");
    let purposes = session(&h).requests().objection_purposes(id).unwrap();
    assert_eq!(purposes.len(), 1);
    assert_eq!(
        purposes[0].outcome,
        ObjectionOutcome::Continues(ContinueGround::CompellingGrounds)
    );
    assert!(
        h.query_by_label_contains("Continues: compelling legitimate grounds (decided")
            .is_some()
    );
}

/// Cal. Civ. Code § 1798.135(c)(4): after the opt-out is recorded the page gives the first
/// day the business may ask the person to opt in again, 12 months later.
#[test]
fn an_opt_out_shows_when_the_business_may_ask_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with(&path, Regime::CcpaCpra, RequestType::OptOut);
    let mut h = harness(&path, 1.0 / 60.0);
    open_page(&mut h, "R-0001");
    assert!(h.query_by_label_contains("§ 1798.135(c)(4)").is_none());
    click(&mut h, "Record the opt-out");
    assert!(
        h.query_by_label_contains("do not ask them to opt in again before")
            .is_some()
    );
    assert!(h.query_by_label_contains("§ 1798.135(c)(4)").is_some());
}
