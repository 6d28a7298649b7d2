//! A person's relationship and recorded-on days, and why their record is kept (issue 16 items
//! 1 and 2): the subject form takes the day the data was first collected and the customer
//! relationship (retention counts from them, GDPR Art. 5(1)(e)); the subject page gives each
//! retention rule as it applies, with the reason a rule whose period is over keeps the record
//! (`KeptBy::reason`), and the CCPA "may ask again" day (Civ. Code § 1798.135(c)(4)).

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::SubjectDraft;
use crate::gui::areas::today;

const OLGA: &str = "olga@example.com";

fn event(purpose: Option<&str>, kind: ConsentEventKind, at: chrono::DateTime<Utc>) -> ConsentEvent {
    ConsentEvent {
        purpose: purpose.map(|p| PurposeCode::parse(p).unwrap()),
        kind,
        at,
        channel: Channel::WebForm,
        notice_version: purpose.map(|_| 1),
        evidence: Evidence::default(),
        recorded_by: String::new(),
    }
}

/// The form records the day the data was first collected and the customer relationship; a
/// badly written day is named and nothing is recorded.
#[test]
fn the_subject_form_records_the_collection_day_and_the_customer_relationship() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, "Add a subject…");
    type_into(&mut h, "Email address", OLGA);
    type_into(&mut h, "Full name", "Olga Old");
    type_into(&mut h, "Data first collected on", "2023-01-15");
    type_into(&mut h, "Customer since", "last spring");
    click(&mut h, "Save subject");
    assert!(
        h.query_by_label_contains("Customer since: write the date as YYYY-MM-DD")
            .is_some()
    );
    let s = h.state().session.as_ref().unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email(OLGA)
            .unwrap()
            .is_empty()
    );

    h.get_by_label("Customer since").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Customer since").type_text("2024-05-01");
    h.run();
    click(&mut h, "Save subject");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("subject was recorded")),
        "{:?}",
        h.state().notice_text()
    );
    let s = h.state().session.as_ref().unwrap();
    let olga = s.subjects().find_subjects_by_email(OLGA).unwrap().remove(0);
    assert_eq!(
        olga.created_at.date_naive(),
        NaiveDate::from_ymd_opt(2023, 1, 15).unwrap()
    );
    assert_eq!(
        s.retention().customer_relationship(olga.id).unwrap().since,
        NaiveDate::from_ymd_opt(2024, 5, 1)
    );
    // Her page opened, with both days.
    assert!(h.query_by_label("15 January 2023").is_some());
    assert!(h.query_by_label("customer since 2024-05-01").is_some());
}

/// A current customer who withdrew marketing consent in 2023 is not removed by "withdrawn
/// contacts": the page says the period is over and why the record is kept; 12 months after a
/// CCPA opt-out it says the business may ask again.
#[test]
fn the_subject_page_says_why_the_record_is_kept_and_when_to_ask_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let olga = s
            .subjects()
            .add_subject(&SubjectDraft {
                email: OLGA.into(),
                name: "Olga Old".into(),
                ..SubjectDraft::default()
            })
            .unwrap();
        let given = Utc.with_ymd_and_hms(2023, 3, 1, 9, 0, 0).unwrap();
        let withdrawn = Utc.with_ymd_and_hms(2023, 6, 1, 9, 0, 0).unwrap();
        for e in [
            event(Some("newsletter"), ConsentEventKind::Given, given),
            event(Some("newsletter"), ConsentEventKind::Withdrawn, withdrawn),
            event(None, ConsentEventKind::OptedOutOfSaleOrSharing, withdrawn),
        ] {
            s.consent().record_consent(olga, &e).unwrap();
        }
        s.retention()
            .set_customer_since(olga, NaiveDate::from_ymd_opt(2022, 1, 10), today())
            .unwrap();
        s.retention().adopt_default_retention().unwrap();
    }
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, OLGA);

    assert!(h.query_by_label("customer since 2022-01-10").is_some());
    assert!(
        h.query_by_label_contains("period over; kept because a current customer")
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(
        h.query_by_label_contains("since 1 June 2024 the business may ask them once")
            .is_some()
    );

    // The start of the relationship is corrected from the page.
    h.get_by_label("Customer since (YYYY-MM-DD)").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Customer since (YYYY-MM-DD)")
        .type_text("2021-03-03");
    h.run();
    click(&mut h, "Record customer since");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("a customer since 3 March 2021")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label("customer since 2021-03-03").is_some());
}
