//! Requests through the window: taking a request in and answering it, what an assistant may
//! not do, and an erasure confirmed by typing the reference.

use super::*;
use crate::domain::request::{RequestChannel, RequestDraft, RequestState, RequestType, Requester};
use crate::gui::RequestCommand;
use crate::gui::areas::today;
use egui_kittest::kittest::NodeT;

/// Whether a widget is drawn disabled.
pub(super) fn disabled(node: &egui_kittest::Node<'_>) -> bool {
    node.accesskit_node().is_disabled()
}

/// A request for `email`, received today by email.
fn draft(regime: Regime, kind: RequestType, email: &str) -> RequestDraft {
    RequestDraft {
        regime,
        kind,
        received: today(),
        channel: RequestChannel::Email,
        email: email.into(),
        requester: Requester {
            name: "Ana Pereira".into(),
            ..Requester::default()
        },
        details: "Please delete everything you hold about me.".into(),
    }
}

/// The prepared store with a second user and an erasure request from ana@example.com;
/// returns her subject id.
fn store_with_erasure_request(path: &Path, user: &str, role: Role, passphrase: &str) -> uuid::Uuid {
    prepared_store(path, 10);
    let mut owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user(user, role, &Passphrase::new(passphrase))
        .unwrap();
    let (id, reference) = owner
        .requests()
        .open_request(
            &draft(Regime::Gdpr, RequestType::Erasure, "ana@example.com"),
            today(),
        )
        .unwrap();
    assert_eq!(reference, "R-0001");
    owner
        .requests()
        .request_detail(id, today())
        .unwrap()
        .request
        .subject_id
        .unwrap()
}

/// Signs in as `user` (picked in the user list) with the keyboard.
pub(super) fn sign_in_as(h: &mut Harness<'_, PrivacyDeskApp>, user: &str, passphrase: &str) {
    h.run();
    click(h, "User");
    click(h, user);
    type_into(h, "Passphrase", passphrase);
    h.key_press(egui::Key::Enter);
    settle(h);
    assert!(h.state().is_unlocked(), "{:?}", h.state().notice_text());
}

pub(super) fn notice_contains(h: &Harness<'_, PrivacyDeskApp>, text: &str) {
    assert!(
        h.state().notice_text().is_some_and(|t| t.contains(text)),
        "expected a notice with {text:?}, got {:?}",
        h.state().notice_text()
    );
}

#[test]
fn an_officer_takes_in_an_access_request_and_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Requests");
    assert!(h.query_by_label("No open request.").is_some());
    click(&mut h, "New request");
    // The profile names GDPR only: the form starts on a GDPR access request, received today.
    assert_eq!(
        h.get_by_label("Law").value().as_deref(),
        Some("GDPR (European Union)")
    );
    assert_eq!(h.get_by_label("Type").value().as_deref(), Some("Access"));
    type_into(&mut h, "Email", "ana@example.com");
    type_into(&mut h, "Requester's name", "Ana Pereira");
    click(&mut h, "Take in the request");
    notice_contains(&h, "Request R-0001 was taken in");
    assert!(h.query_by_label("R-0001 · Access request").is_some());
    assert!(
        h.query_by_label_contains("If you need more time, tell the person before")
            .is_some()
    );

    // The inbox lists it with its due date.
    click(&mut h, "Back to the inbox");
    let due = {
        let session = h.state().session.as_ref().unwrap();
        session.requests().inbox(today()).unwrap()[0].deadline.due
    };
    assert!(due > today());
    assert!(
        h.query_by_label(&due.format("%Y-%m-%d").to_string())
            .is_some()
    );
    assert!(h.query_by_label("On track").is_some());

    // Open it, ask for identity, record the answer, complete it. (Before issue 16 the answer
    // could be recorded without asking, which wrongly restarted the month.)
    click(&mut h, "R-0001");
    assert!(
        h.query_by_label("Identity or clarification received")
            .is_none(),
        "nothing was asked yet"
    );
    click(&mut h, "Ask for identity or clarification");
    notice_contains(&h, "asked for today");
    click(&mut h, "Identity or clarification received");
    click(&mut h, "Record identity received");
    notice_contains(&h, "arrived on");
    click(&mut h, "Mark completed");
    type_into(
        &mut h,
        "Outcome (what was done)",
        "Sent a copy of the data by email.",
    );
    click(&mut h, "Complete the request");
    notice_contains(&h, "request was completed");
    assert!(h.query_by_label_contains("Outcome: Sent a copy").is_some());

    // Closed: gone from the open requests, listed as completed under All.
    click(&mut h, "Back to the inbox");
    assert!(h.query_by_label("No open request.").is_some());
    click(&mut h, "All");
    assert!(h.query_by_label("Completed").is_some());
    assert!(h.query_by_label("Closed (completed)").is_some());

    // The person's page lists the request and opens it.
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, "ana@example.com");
    click(&mut h, "Open R-0001");
    assert_eq!(h.state().area(), Some(Area::Requests));
    assert!(h.query_by_label("R-0001 · Access request").is_some());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let row = s.requests().inbox(today()).unwrap().remove(0);
    assert_eq!(row.summary.state, RequestState::Completed);
    let detail = s
        .requests()
        .request_detail(row.summary.id, today())
        .unwrap();
    assert_eq!(
        detail.request.outcome.as_deref(),
        Some("Sent a copy of the data by email.")
    );
    assert_eq!(detail.request.identity_asked_on, Some(today()));
    assert_eq!(detail.request.clock_start, Some(today()));
    assert_eq!(detail.steps.len(), 4);
}

#[test]
fn an_assistant_is_offered_no_erase_control() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const ALEX: &str = "alex's own passphrase";
    store_with_erasure_request(&path, "alex", Role::Assistant, ALEX);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "alex (Assistant)", ALEX);

    click(&mut h, "Requests");
    // Assistants take requests in.
    assert!(!disabled(&h.get_by_label("New request")));
    click(&mut h, "R-0001");
    assert!(h.query_by_label("R-0001 · Erasure request").is_some());
    assert!(
        h.query_by_label("Erase this person…")
            .is_none_or(|n| disabled(&n))
    );
    assert!(
        h.query_by_label_contains("does not allow you to erase data subjects")
            .is_some()
    );
    // Nor may they work on the request; recording a withdrawal is theirs to do.
    assert!(disabled(&h.get_by_label("Mark completed")));
    assert!(!disabled(&h.get_by_label("Withdrawn by the person")));
}

#[test]
fn an_officer_erases_a_person_after_typing_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const SAM: &str = "sam's own passphrase";
    let ana = store_with_erasure_request(&path, "sam", Role::Officer, SAM);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "sam (Privacy officer)", SAM);

    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    click(&mut h, "Erase this person…");
    // The confirmation says what goes and what stays, and waits for the reference.
    assert!(h.query_by_label("This removes, for good:").is_some());
    assert!(h.query_by_label("Kept, as the law requires:").is_some());
    assert!(disabled(&h.get_by_label("Erase")));
    type_into(&mut h, "Type the reference R-0001 to confirm", "R-0001");
    assert!(!disabled(&h.get_by_label("Erase")));
    click(&mut h, "Erase");
    notice_contains(&h, "The person was erased");
    assert!(h.query_by_label("Erasure certificate").is_some());
    assert!(h.query_by_label("Save certificate…").is_some());
    assert!(
        h.query_by_label("erased (only the request's plain facts are kept)")
            .is_some()
    );
    // The person's page and the request keep no way to erase twice.
    assert!(h.query_by_label("Erase this person…").is_none());
    let gone = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .subjects()
        .subject(ana)
        .unwrap();
    assert!(gone.is_none());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert!(s.subjects().subject(ana).unwrap().is_none());
    assert!(
        s.requests()
            .erasure_of("ana@example.com")
            .unwrap()
            .is_some()
    );
}

#[test]
fn the_access_package_is_written_on_a_worker_thread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let (id, _) = owner
        .requests()
        .open_request(
            &draft(Regime::Gdpr, RequestType::Access, "ana@example.com"),
            today(),
        )
        .unwrap();
    let ana = owner
        .requests()
        .request_detail(id, today())
        .unwrap()
        .request
        .subject_id
        .unwrap();
    drop(owner);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    assert!(h.query_by_label("Export access package…").is_some());
    // The folder dialog is the one step a headless test cannot take: send what it returns.
    let out = dir.path().join("ana");
    h.state_mut()
        .apply(crate::gui::Command::Request(RequestCommand::ExportAccess {
            request: id,
            subject: ana,
            dir: out.clone(),
        }));
    // The job runs on a worker session; the window keeps its own throughout.
    assert!(h.state().session.is_some() && h.state().is_busy());
    settle(&mut h);
    assert!(h.state().session.is_some());
    notice_contains(&h, "The access package (");
    assert!(out.join("report.html").is_file());
    assert!(out.join("personal-data.json").is_file());
}

#[test]
fn letters_are_filled_in_and_say_which_fact_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .requests()
        .open_request(
            &draft(Regime::Gdpr, RequestType::Access, "ana@example.com"),
            today(),
        )
        .unwrap();
    drop(owner);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    // A refusal letter before the refusal is recorded names what it lacks.
    click(&mut h, "Letter");
    click(&mut h, "Refusal");
    click(&mut h, "Fill in");
    assert!(
        h.query_by_label_contains("Problem: Refusal: ").is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("Letter text").is_none());
    // The acknowledgement fills in, ready to edit.
    click(&mut h, "Letter");
    click(&mut h, "Acknowledgement");
    click(&mut h, "Fill in");
    let body = h.get_by_label("Letter text").value().unwrap_or_default();
    assert!(body.contains("R-0001"), "{body}");
    assert!(body.contains("Ana Pereira"), "{body}");
    assert!(h.query_by_label("Save as text…").is_some());
    assert!(h.query_by_label("Save as Word…").is_some());
    // Issue 20, item 4: the same letter in German, chosen on the page.
    click(&mut h, "Language");
    click(&mut h, "Deutsch");
    click(&mut h, "Fill in");
    let body = h.get_by_label("Letter text").value().unwrap_or_default();
    assert!(body.contains("R-0001"), "{body}");
    assert!(body.contains("DSGVO"), "{body}");
}
