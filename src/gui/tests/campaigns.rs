//! Campaigns: an audience checked in the background, the counts per reason shown, the clean
//! and suppression files written and the send record listed.

use super::*;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::SubjectDraft;

#[test]
fn an_audience_is_checked_and_its_counts_and_send_record_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    // One person who consented to the newsletter today.
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let id = s
        .subjects()
        .add_subject(&SubjectDraft {
            email: "known@example.com".into(),
            ..Default::default()
        })
        .unwrap();
    s.consent()
        .record_consent(
            id,
            &ConsentEvent {
                purpose: Some(PurposeCode::parse("newsletter").unwrap()),
                kind: ConsentEventKind::Given,
                at: chrono::Utc::now(),
                channel: Channel::WebForm,
                notice_version: Some(1),
                evidence: Evidence {
                    form_id: "signup".into(),
                    ..Default::default()
                },
                recorded_by: String::new(),
            },
        )
        .unwrap();
    drop(s);
    let audience = dir.path().join("audience.csv");
    std::fs::write(
        &audience,
        "Email Address,First Name\nknown@example.com,Kim\nstranger@example.com,Sam\nnot-an-address,X\n",
    )
    .unwrap();
    let clean = dir.path().join("clean.csv");
    let suppression = dir.path().join("suppression.csv");

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Campaigns");
    assert!(
        h.query_by_label("No audience has been checked yet.")
            .is_some()
    );
    // Without a file the form says what is missing.
    click(&mut h, "Check the audience");
    assert!(h.query_by_label_contains("Audience file: choose").is_some());
    type_into(&mut h, "Audience file", audience.to_str().unwrap());
    click(&mut h, "Purpose");
    h.get_all_by_label("Newsletter").last().unwrap().click();
    h.run();
    type_into(&mut h, "Campaign name", "Winter sale");
    type_into(&mut h, "Clean audience file", clean.to_str().unwrap());
    click(
        &mut h,
        "Also write the left-out addresses as a suppression CSV for the platform",
    );
    type_into(&mut h, "Suppression file", suppression.to_str().unwrap());
    click(&mut h, "Check the audience");
    settle(&mut h);
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(
        notice
            .starts_with("Checked 3 rows: 1 may be emailed, 2 left out. Send record C-0001 kept."),
        "{notice}"
    );
    // The counts per reason, and the send record in the history.
    assert!(
        h.query_by_label("C-0001: 3 rows checked, 1 may be emailed, 2 left out")
            .is_some()
    );
    assert!(
        h.query_by_label("Not in the register").is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("Not an email address").is_some());
    assert!(h.query_by_label("C-0001").is_some());
    assert!(h.query_by_label("Winter sale").is_some());
    drop(h);

    let written = std::fs::read_to_string(&clean).unwrap();
    assert!(written.contains("known@example.com") && !written.contains("stranger@"));
    let left_out = std::fs::read_to_string(&suppression).unwrap();
    assert!(left_out.contains("stranger@example.com"), "{left_out}");
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let records = s.campaigns().send_records().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].checked, records[0].sendable), (3, 1));
}
