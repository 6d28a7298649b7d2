//! The subject page's age and parental-consent part (issue 16, children): the page shows the
//! threshold that applies with its source (GDPR Art. 8(1): 16 with no member state chosen),
//! records a person's age from labelled inputs (a bad year is named and nothing is recorded,
//! and the message clears when the field changes), marks a child's consent that has no
//! parent's authorisation, and records the authorisation.

use chrono::{Datelike as _, Duration, Utc};

use super::*;
use crate::domain::children::{AgeValue, VerificationMethod};
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::SubjectDraft;
use crate::gui::areas::today;

const PIP: &str = "pip@example.com";

fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
}

#[test]
fn the_subject_page_records_an_age_and_a_parents_authorisation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let pip = {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let pip = s
            .subjects()
            .add_subject(&SubjectDraft {
                email: PIP.into(),
                name: "Pip Young".into(),
                ..SubjectDraft::default()
            })
            .unwrap();
        s.consent()
            .record_consent(
                pip,
                &ConsentEvent {
                    purpose: Some(PurposeCode::parse("newsletter").unwrap()),
                    kind: ConsentEventKind::Given,
                    at: Utc::now() - Duration::days(3),
                    channel: Channel::WebForm,
                    notice_version: Some(1),
                    evidence: Evidence::default(),
                    recorded_by: String::new(),
                },
            )
            .unwrap();
        pip
    };
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, PIP);

    // The threshold and its source; no age yet.
    assert!(
        h.query_by_label("Not recorded: not known to be a child")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "Age threshold under GDPR (European Union): 16. GDPR Art. 8(1): 16, the Regulation's default"
        )
            .is_some(),
        "{:#?}",
        h.root()
    );

    // A year that is not one is named; nothing is recorded; typing clears the message.
    type_into(&mut h, "Birth year", "twelve");
    click(&mut h, "Record age");
    assert!(
        h.query_by_label_contains("Birth year: write the year")
            .is_some()
    );
    let age_of = |h: &Harness<'_, PrivacyDeskApp>| {
        let s = h.state().session.as_ref().unwrap();
        s.consent().child_view(pip, false).unwrap().age
    };
    assert!(age_of(&h).is_none());
    h.get_by_label("Birth year").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    let year = today().year() - 13;
    h.get_by_label("Birth year").type_text(&year.to_string());
    h.run();
    assert!(
        h.query_by_label_contains("Birth year: write the year")
            .is_none()
    );

    // Verified by a government ID, then recorded.
    choose(&mut h, "Age verified by", "Government ID checked");
    click(&mut h, "Record age");
    let age = age_of(&h).unwrap();
    assert_eq!(age.value, AgeValue::BirthYear(year));
    assert_eq!(age.verified_by, Some(VerificationMethod::GovernmentId));
    assert!(
        h.query_by_label_contains(&format!("born {year} (verified: Government ID checked"))
            .is_some()
    );

    // The child's consent is marked; the parent's authorisation is recorded from the page.
    assert!(
        h.query_by_label_contains("No parental authorisation recorded: not valid consent")
            .is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Record parental authorisation");
    assert!(
        h.query_by_label_contains("Consent to authorise: choose")
            .is_some()
    );
    let line = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .consent()
        .child_view(pip, false)
        .unwrap()
        .lines[0]
        .clone();
    let words = format!("{} Consent given (newsletter)", line.at.format("%Y-%m-%d"));
    choose(&mut h, "Consent to authorise", &words);
    assert!(
        h.query_by_label_contains("Consent to authorise: choose")
            .is_none()
    );
    type_into(&mut h, "Parent or guardian", "Rowan Young");
    choose(&mut h, "Authorisation verified by", "Signed consent form");
    click(&mut h, "Record parental authorisation");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("parental authorisation was recorded")),
        "{:?}",
        h.state().notice_text()
    );
    let view = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .consent()
        .child_view(pip, true)
        .unwrap();
    let auth = view.lines[0].authorisation.clone().unwrap();
    assert_eq!(auth.method, VerificationMethod::SignedForm);
    assert_eq!(auth.authorised_by.as_deref(), Some("Rowan Young"));
    assert_eq!(auth.authorised_on, today());
    assert!(
        h.query_by_label_contains("Parental authorisation recorded: Signed consent form")
            .is_some()
    );
}
