//! A request's tasks through the window (issue 18 item 5): the Tasks section lists the system
//! and the vendor of the inventory, a task is marked done with its note, the recipient notice
//! is filled in for the vendor, and completing with a task open asks for the reason.

use serde_json::json;

use super::requests::notice_contains;
use super::*;
use crate::domain::records::{DataSystem, Vendor};
use crate::domain::request::task::TaskStatus;
use crate::domain::request::{RequestChannel, RequestDraft, RequestState, RequestType, Requester};
use crate::gui::areas::today;

/// The prepared store with a web shop and a mailing vendor holding email addresses, and an
/// erasure request from ana@example.com; returns the request's id.
fn store_with_tasks(path: &Path) -> uuid::Uuid {
    prepared_store(path, 10);
    let owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let system: DataSystem = serde_json::from_value(json!({
        "code": "web-shop", "name": "Web shop", "kind": "shop",
        "data_categories": ["contact.email"],
    }))
    .unwrap();
    owner.records().save_data_system(&system, true).unwrap();
    let vendor: Vendor = serde_json::from_value(json!({
        "code": "mailco", "name": "Mailco Ltd", "role": "processor", "dpa": "signed",
        "data_categories": ["contact.email"], "purposes": [],
    }))
    .unwrap();
    owner.vendors().save_vendor(&vendor, true, today()).unwrap();
    let draft = RequestDraft {
        regime: Regime::Gdpr,
        kind: RequestType::Erasure,
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

#[test]
fn an_officer_reaches_the_shop_tells_the_vendor_and_completes_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_tasks(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    assert!(h.query_by_label("Tasks: every system and vendor").is_some());
    assert!(h.query_by_label("system Web shop").is_some());
    assert!(h.query_by_label("vendor Mailco Ltd").is_some());

    // The shop: done today, with a note.
    click(&mut h, "Task 1 done…");
    type_into(&mut h, "Task note", "Deleted in the shop admin");
    click(&mut h, "Save task 1");
    notice_contains(&h, "Task 1 (system Web shop) was marked done");
    assert!(
        h.query_by_label(&format!("Done {}", today().format("%Y-%m-%d")))
            .is_some()
    );
    assert!(
        h.query_by_label("Note: Deleted in the shop admin")
            .is_some()
    );

    // The vendor's letter: the recipient notice, filled in for Mailco.
    click(&mut h, "Letter");
    click(&mut h, "Recipient notice");
    assert_eq!(
        h.get_by_label("To vendor").value().as_deref(),
        Some("Mailco Ltd")
    );
    click(&mut h, "Fill in");
    let body = h.get_by_label("Letter text").value().unwrap_or_default();
    assert!(
        body.contains("To: Mailco Ltd") && body.contains("Article 19 of the GDPR"),
        "{body}"
    );

    // Completing with the vendor's task open asks for the reason first.
    click(&mut h, "Mark completed");
    type_into(&mut h, "Outcome (what was done)", "Erased.");
    click(&mut h, "Complete the request");
    assert!(
        h.query_by_label_contains("Tasks are still open: 2 Mailco Ltd (vendor)")
            .is_some()
    );
    {
        let session = h.state().session.as_ref().unwrap();
        let d = session.requests().request_detail(id, today()).unwrap();
        assert_eq!(d.request.state, RequestState::Received, "not completed yet");
    }
    type_into(&mut h, "Reason tasks stay open", "Mailco has not answered");
    click(&mut h, "Complete with tasks open");
    notice_contains(&h, "1 task(s) stay open");
    let session = h.state().session.as_ref().unwrap();
    let d = session.requests().request_detail(id, today()).unwrap();
    assert_eq!(d.request.state, RequestState::Completed);
    let tasks = session.requests().request_tasks(id).unwrap();
    assert_eq!(tasks[0].status, TaskStatus::Done);
    assert_eq!(tasks[0].note, "Deleted in the shop admin");
    assert_eq!(tasks[1].status, TaskStatus::Open);
    assert!(tasks[1].note.ends_with("Mailco has not answered"));
}
