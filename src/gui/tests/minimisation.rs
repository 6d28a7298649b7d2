//! The minimisation review through the window: it runs when its tab opens, lists what does not
//! hold up, and a finding's button opens the record where it is fixed.

use super::*;
use crate::domain::purpose::PurposeCode;
use crate::domain::records::{Activity, CategoryCode, DataSystem, RecordCode, SystemKind};

#[test]
fn a_finding_leads_to_the_system_that_holds_data_no_activity_needs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let mut activity = Activity::named("Sending the newsletter");
        activity.purposes = vec![PurposeCode::parse("newsletter").unwrap()];
        activity.data_categories = vec![CategoryCode::parse("contact.email").unwrap()];
        let activity = s.records().save_activity(&activity, true).unwrap();
        s.records()
            .save_data_system(
                &DataSystem {
                    code: RecordCode::parse("mailchimp").unwrap(),
                    name: "Mailchimp audience".into(),
                    kind: SystemKind::EmailPlatform,
                    location: "United States".into(),
                    vendor: None,
                    data_categories: vec![
                        CategoryCode::parse("contact.email").unwrap(),
                        CategoryCode::parse("contact.phone").unwrap(),
                    ],
                    activities: vec![activity.code],
                    holds_register: false,
                    keeps_for: None,
                    notes: String::new(),
                },
                true,
            )
            .unwrap();
    }
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Records of processing");
    click(&mut h, "Minimisation review");
    settle(&mut h);
    for _ in 0..200 {
        h.step();
        if h.query_by_label_contains("System holds data no activity needs")
            .is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run();
    assert!(
        h.query_by_label_contains("The system \"Mailchimp audience\" holds Telephone number (contact.phone) but serves no activity that needs it.")
            .is_some(),
        "{:#?}",
        h.root()
    );
    h.get_all_by_label("Open the system mailchimp")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().area(), Some(Area::Records));
    assert!(
        h.query_by_label("System name").is_some(),
        "the system's editor is open"
    );
}
