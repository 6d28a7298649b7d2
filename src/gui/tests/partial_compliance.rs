//! Partial compliance on the request page (issue 16): an erasure or delete request keeps parts
//! of the person's data on the exceptions of its regime's checklist (Art. 17(3)(a)–(e); Cal.
//! Civ. Code § 1798.105(d)(1)–(8)), with the reason and the day, through "Erase the rest, keep
//! these"; the page then lists the kept parts and what the letter says, with the CCPA denial
//! duties (11 CCR § 7022(f)).

use serde_json::json;

use super::requests::notice_contains;
use super::*;
use crate::domain::records::DataSystem;
use crate::domain::request::task::TaskStatus;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::areas::today;

/// The prepared store (GDPR and CCPA) with a web shop holding email addresses and one request
/// of `kind` under `regime` from ana@example.com; returns the request's id.
fn store_with_request(path: &Path, regime: Regime, kind: RequestType) -> uuid::Uuid {
    prepared_store(path, 10);
    let owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let mut profile = owner.settings().profile().unwrap();
    profile.regimes.insert(Regime::CcpaCpra);
    owner.settings().save_profile(&profile).unwrap();
    let system: DataSystem = serde_json::from_value(json!({
        "code": "web-shop", "name": "Web shop", "kind": "shop",
        "data_categories": ["contact.email"],
    }))
    .unwrap();
    owner.records().save_data_system(&system, true).unwrap();
    let draft = RequestDraft {
        regime,
        kind,
        received: today(),
        channel: RequestChannel::Email,
        email: "ana@example.com".into(),
        requester: Requester {
            name: "Ana Pereira".into(),
            ..Requester::default()
        },
        details: String::new(),
    };
    owner.requests().open_request(&draft, today()).unwrap().0
}

fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
}

fn open_page(path: &Path) -> Harness<'static, PrivacyDeskApp> {
    let mut h = harness(path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    h
}

/// GDPR: the checklist is Art. 17(3)(a)–(e); a part without its exception, then without a
/// reason, is refused beside the form with nothing recorded; filled in, the system is kept on
/// (e), its task closes, and the page lists it with what the letter says.
#[test]
fn a_gdpr_erasure_keeps_the_shop_for_legal_claims_and_erases_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_request(&path, Regime::Gdpr, RequestType::Erasure);
    let mut h = open_page(&path);
    assert!(h.query_by_label("Keep part of the data").is_some());
    assert!(
        h.query_by_label("Nothing is kept on an exception yet.")
            .is_some()
    );

    choose(&mut h, "Part 1", "Web shop (system)");
    click(&mut h, "Erase the rest, keep these");
    assert!(
        h.query_by_label_contains("Problem: Exception for part 1: choose")
            .is_some()
    );

    click(&mut h, "Exception for part 1");
    for point in ["(a)", "(b)", "(c)", "(d)", "(e)"] {
        assert!(
            h.query_by_label_contains(&format!("Art. 17(3){point}: "))
                .is_some(),
            "the GDPR checklist offers {point}"
        );
    }
    assert!(h.query_by_label_contains("§ 1798.105(d)").is_none());
    h.get_all_by_label_contains("Art. 17(3)(e): ")
        .last()
        .unwrap()
        .click();
    h.run();
    click(&mut h, "Erase the rest, keep these");
    assert!(h.query_by_label_contains("Art. 5(2)").is_some());
    {
        let session = h.state().session.as_ref().unwrap();
        assert!(session.requests().kept_parts(id).unwrap().is_empty());
    }

    type_into(
        &mut h,
        "Why the exceptions apply",
        "Ana disputes an order; the shop's records are evidence",
    );
    click(&mut h, "Erase the rest, keep these");
    notice_contains(&h, "Recorded 1 part(s) kept on exceptions");
    assert!(
        h.query_by_label_contains(
            "Web shop: establishing, exercising or defending legal claims (Art. 17(3)(e))"
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("use them for nothing else")
            .is_some()
    );
    let session = h.state().session.as_ref().unwrap();
    let kept = session.requests().kept_parts(id).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].part, "Web shop");
    assert_eq!(kept[0].exception.code(), "legal-claims");
    assert_eq!(kept[0].decided_on, today());
    let tasks = session.requests().request_tasks(id).unwrap();
    assert_eq!(tasks[0].status, TaskStatus::NotApplicable);
}

/// CCPA: the checklist is § 1798.105(d)(1)–(8); a data category is kept on (8) and the page
/// shows the § 7022(f) duties the letter states; a second part can be added and removed.
#[test]
fn a_ccpa_delete_keeps_a_category_and_states_the_7022f_duties() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_request(&path, Regime::CcpaCpra, RequestType::Delete);
    let mut h = open_page(&path);

    click(&mut h, "Add a part");
    assert!(h.query_by_label("Part 2").is_some());
    click(&mut h, "Remove part 2");
    assert!(h.query_by_label("Part 2").is_none());

    choose(&mut h, "Part 1", "Email address (contact.email)");
    click(&mut h, "Exception for part 1");
    assert!(h.query_by_label_contains("Art. 17(3)").is_none());
    for n in 1..=8 {
        assert!(
            h.query_by_label_contains(&format!("§ 1798.105(d)({n}): "))
                .is_some(),
            "the CCPA checklist offers ({n})"
        );
    }
    h.get_all_by_label_contains("§ 1798.105(d)(8): ")
        .last()
        .unwrap()
        .click();
    h.run();
    type_into(
        &mut h,
        "Why the exceptions apply",
        "Kept for the tax records of her orders",
    );
    click(&mut h, "Erase the rest, keep these");
    notice_contains(&h, "Recorded 1 part(s)");
    assert!(
        h.query_by_label_contains("contact.email: complying with a legal obligation")
            .is_some()
    );
    assert!(h.query_by_label_contains("(11 CCR § 7022(f))").is_some());
    let session = h.state().session.as_ref().unwrap();
    let kept = session.requests().kept_parts(id).unwrap();
    assert_eq!(kept[0].part, "contact.email");
    assert_eq!(
        kept[0].exception.citation(),
        "Cal. Civ. Code § 1798.105(d)(8)"
    );
}
