//! Issue 18, item 1: the privacy mailbox through the service front `session.inbox()`: the
//! original message is kept sealed as evidence, nothing of a message is in the file in the
//! clear, and erasing a person removes their emails (from them, or attached to their requests).

use std::path::PathBuf;

use chrono::Local;
use privacy_desk::domain::intake::ProposalStatus;
use privacy_desk::jobs::Progress;

use crate::common::TempStore;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/intake")
        .join(name)
}

#[test]
fn the_original_is_kept_sealed_and_erasure_removes_the_persons_emails() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let today = Local::now().date_naive();
    let report = session
        .inbox()
        .import_files(
            &[data("thunderbird.mbox"), data("reply.eml")],
            today,
            &Progress::new(),
        )
        .expect("import");
    assert_eq!(report.read, 4);
    // Klara's erasure request is accepted; Maud's access request stays a proposal.
    let rows = session.inbox().proposals().expect("list");
    let klara = rows
        .iter()
        .find(|r| r.proposal.from == "k.brandt@example.de")
        .expect("Klara")
        .proposal
        .clone();
    let original = session.inbox().original(klara.id).expect("original");
    assert!(
        original.starts_with(b"X-Mozilla-Status: 0001"),
        "{}",
        String::from_utf8_lossy(&original)
    );
    assert!(String::from_utf8_lossy(&original).contains("L=C3=B6schung meiner Daten"));
    let (request, _) = session
        .inbox()
        .accept(&klara.reference(), None, None, today)
        .expect("accept");
    let detail = session
        .requests()
        .request_detail(request, today)
        .expect("detail");
    assert!(
        detail.request.details.contains(&klara.reference()),
        "{}",
        detail.request.details
    );
    let subject = detail.request.subject_id.expect("a subject");

    session.requests().start_work(request).expect("start");
    let certificate = session
        .requests()
        .erase_subject(subject, Some(request), today)
        .expect("erase");
    assert_eq!(certificate.removed.inbox_messages, 1);
    let left: Vec<String> = session
        .inbox()
        .proposals()
        .expect("list")
        .into_iter()
        .map(|r| r.proposal.from)
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(!left.iter().any(|f| f == "k.brandt@example.de"), "{left:?}");
    let rows = session.inbox().proposals().expect("list");
    assert!(
        rows.iter()
            .all(|r| r.proposal.status != ProposalStatus::Accepted)
    );
    drop(session);

    // Nothing of the messages in the store file in the clear.
    let mut bytes = std::fs::read(&store.path).expect("store");
    let wal = store.path.with_extension("pdesk-wal");
    if let Ok(w) = std::fs::read(&wal) {
        bytes.extend(w);
    }
    for clear in [
        "maud.ellery@example.net",
        "Subject access request",
        "order history",
        "6f1c2a90-8d0e-4c1b-b0e2-1a2b3c4d5e6f",
        "sourdough",
    ] {
        assert!(
            !crate::common::contains(&bytes, clear.as_bytes()),
            "{clear} is in the file"
        );
    }
}
