//! Issue 20, item 4 in the window: the Letters section's Language drop-down starts on the
//! language recorded on the request, and choosing another records it.

use super::requests::notice_contains;
use super::*;
use crate::domain::letters::Language;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::areas::today;

#[test]
fn the_language_drop_down_starts_on_the_recorded_language_and_records_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let id = {
        let owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let draft = RequestDraft {
            regime: Regime::Gdpr,
            kind: RequestType::Access,
            received: today(),
            channel: RequestChannel::Email,
            email: "jonas@example.de".into(),
            requester: Requester::default(),
            details: String::new(),
        };
        let id = owner.requests().open_request(&draft, today()).unwrap().0;
        owner
            .requests()
            .set_letter_language(id, Language::German)
            .unwrap();
        id
    };
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    h.run();
    assert_eq!(
        h.get_by_label("Language").value().as_deref(),
        Some("Deutsch"),
        "preselected"
    );
    assert!(
        h.query_by_label_contains("letters are written in Deutsch")
            .is_some()
    );
    click(&mut h, "Language");
    h.get_all_by_label("Français").last().unwrap().click();
    h.run();
    notice_contains(&h, "will be written in Français");
    let recorded = {
        let session = h.state().session.as_ref().unwrap();
        session.requests().letter_language(id).unwrap()
    };
    assert_eq!(recorded, Some(Language::French));
    h.run();
    assert!(
        h.query_by_label_contains("letters are written in Français")
            .is_some()
    );
}
