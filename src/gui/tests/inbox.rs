//! Requests → Inbox: mail files imported as a background job, the proposal shown with its
//! original message, accepted as a request or dismissed.

use super::*;
use crate::domain::intake::ProposalStatus;
use crate::domain::request::RequestType;

const MAIL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/intake/");

/// Unlocks the prepared store and imports `file` (under tests/data/intake) from the Inbox tab.
fn import_mail(h: &mut Harness<'_, PrivacyDeskApp>, file: &str) {
    unlock(h);
    click(h, "Requests");
    click(h, "Inbox");
    type_into(h, "Mail files", &format!("{MAIL}{file}"));
    click(h, "Import mail files");
    settle(h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.starts_with("Took in 1 read")),
        "{:?}",
        h.state().notice_text()
    );
}

#[test]
fn an_imported_email_is_proposed_shown_and_accepted_as_a_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    import_mail(&mut h, "apple_mail.eml");

    // The proposal: sender, subject, proposed type, status.
    assert!(
        h.query_by_label("giulia.ferri@example.it").is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("Richiesta di cancellazione").is_some());
    assert!(h.query_by_label("Erasure").is_some());
    assert!(h.query_by_label("Proposed").is_some());
    // The original message is read only when the message is selected.
    assert!(h.query_by_label_contains("Apple-Mail=_").is_none());
    click(&mut h, "M-0001");
    h.run();
    assert!(
        h.query_by_label_contains("Apple-Mail=_").is_some(),
        "the original message shows beside the list: {:#?}",
        h.root()
    );
    // The type drop-down offers the proposed type; accepting opens the request.
    assert!(h.query_by_label("Request type").is_some());
    click(&mut h, "Accept as a request");
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(
        notice.starts_with("M-0001 was accepted as R-0001 (Erasure, GDPR)"),
        "{notice}"
    );
    assert!(h.query_by_label("Accepted as R-0001").is_some());
    assert!(h.query_by_label("Open R-0001").is_some());
    click(&mut h, "Open R-0001");
    // The request's page replaces the tabs.
    assert!(
        h.query_by_label("Request list").is_none(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("Accept as a request").is_none());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let rows = s.inbox().proposals().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].proposal.status, ProposalStatus::Accepted);
    assert_eq!(rows[0].accepted_as.as_deref(), Some("R-0001"));
    let id = rows[0].proposal.accepted_request.unwrap();
    let detail = s
        .requests()
        .request_detail(id, crate::gui::areas::today())
        .unwrap();
    assert_eq!(detail.request.kind, RequestType::Erasure);
    assert_eq!(detail.request.regime, Regime::Gdpr);
    assert_eq!(
        detail.request.channel,
        crate::domain::request::RequestChannel::Email
    );
    assert!(detail.request.details.contains("M-0001"));
}

#[test]
fn an_email_that_is_no_request_is_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    import_mail(&mut h, "newsletter.eml");
    assert!(
        h.query_by_label("Not a request").is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "M-0001");
    // No type was recognised: Accept waits for one.
    assert!(super::requests::disabled(
        &h.get_by_label("Accept as a request")
    ));
    click(&mut h, "Dismiss this email");
    assert_eq!(h.state().notice_text(), Some("Dismissed M-0001."));
    assert!(h.query_by_label("Status: Dismissed").is_some());
    assert!(h.query_by_label("Accept as a request").is_none());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let rows = s.inbox().proposals().unwrap();
    assert_eq!(rows[0].proposal.status, ProposalStatus::Dismissed);
}

#[test]
fn fetching_waits_for_a_mailbox_and_asks_its_password_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "Inbox");
    // No mailbox set yet: Fetch is offered disabled, pointing to Settings.
    assert!(super::requests::disabled(&h.get_by_label("Fetch mail")));
    assert!(h.query_by_label("Mailbox password").is_none());
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    s.inbox()
        .set_account(crate::services::AccountChange {
            host: Some("127.0.0.1".into()),
            port: Some(1),
            user: Some("privacy".into()),
            ..Default::default()
        })
        .unwrap();
    drop(s);

    // A mailbox without a stored password: it is asked beside Fetch.
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "Inbox");
    assert!(super::requests::disabled(&h.get_by_label("Fetch mail")));
    type_into(&mut h, "Mailbox password", "app-password");
    assert!(!super::requests::disabled(&h.get_by_label("Fetch mail")));
    // Nothing listens on port 1: the fetch fails with a sentence and stores nothing.
    click(&mut h, "Fetch mail");
    settle(&mut h);
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(notice.starts_with("No mail was fetched:"), "{notice}");
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert!(s.inbox().account().unwrap().unwrap().password.is_none());
}

#[test]
fn a_reply_is_shown_as_a_follow_up_of_its_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let today = crate::gui::areas::today();
    s.inbox()
        .import_files(
            &[format!("{MAIL}thunderbird.mbox").into()],
            today,
            &crate::jobs::Progress::new(),
        )
        .unwrap();
    let maud = s
        .inbox()
        .proposals()
        .unwrap()
        .into_iter()
        .find(|r| r.proposal.from == "maud.ellery@example.net")
        .unwrap()
        .proposal
        .reference();
    drop(s);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "Inbox");
    click(&mut h, &maud);
    click(&mut h, "Accept as a request");
    assert!(
        h.query_by_label("Accepted as R-0001").is_some(),
        "{:?}",
        h.state().notice_text()
    );
    type_into(&mut h, "Mail files", &format!("{MAIL}reply.eml"));
    click(&mut h, "Import mail files");
    settle(&mut h);
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(notice.contains("1 follow-up(s)"), "{notice}");
    // The reply is attached to the request, not proposed as a second one.
    assert!(h.query_by_label("Follow-up").is_some(), "{:#?}", h.root());
    // Its request is named in the "Follow-up of" column, as a link to the request.
    assert!(h.query_by_label("R-0001").is_some(), "{:#?}", h.root());
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(s.requests().inbox(today).unwrap().len(), 1);
}
