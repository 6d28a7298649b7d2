//! Vendors through the window: an owner adds a vendor with the editor (its DPA signed), sees
//! its review due on the Dashboard, answers the due-diligence questionnaire and watches the
//! rating change while answering, records the review, and finds the vendor rated Low with its
//! next review a year ahead. An auditor may open a vendor and its questionnaire but change
//! nothing.

use chrono::Months;

use super::requests::{disabled, notice_contains, sign_in_as};
use super::*;
use crate::domain::records::{RecordCode, Vendor};
use crate::gui::areas::today;

/// Picks `item` in the combo box labelled `combo` (the menu's entry is drawn last).
fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
}

#[test]
fn an_owner_adds_a_vendor_answers_the_questionnaire_and_sees_the_rating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Vendors");
    assert!(h.query_by_label("No vendors recorded yet.").is_some());
    click(&mut h, "Add a vendor…");
    type_into(&mut h, "Vendor name", "Mailchimp");
    type_into(
        &mut h,
        "Services (what it does for you)",
        "Sends the newsletter",
    );
    choose(&mut h, "Data processing agreement", "Signed");
    type_into(&mut h, "DPA signed on (YYYY-MM-DD)", "2025-05-01");
    click(&mut h, "Add a country");
    type_into(&mut h, "Country 1", "United States");
    choose(
        &mut h,
        "Safeguard",
        "Standard contractual clauses (Art. 46)",
    );
    click(&mut h, "Add a certification");
    type_into(&mut h, "Certification 1", "SOC 2 Type II");
    click(&mut h, "Save the vendor");
    notice_contains(&h, "The vendor Mailchimp was added");

    let saved = {
        let s = h.state().session.as_ref().unwrap();
        s.vendors()
            .vendor(&RecordCode::parse("mailchimp").unwrap())
            .unwrap()
            .unwrap()
    };
    assert_eq!(saved.dpa_signed_on.unwrap().to_string(), "2025-05-01");
    assert_eq!(saved.transfers.len(), 1);
    assert_eq!(saved.certifications, ["SOC 2 Type II"]);
    assert_eq!(
        saved.next_review_on,
        Some(today()),
        "a new vendor is due now"
    );

    // Nothing answered yet: every scored question counts against it.
    settle(&mut h);
    assert!(h.query_by_label_contains("(due today)").is_some());
    assert!(h.query_by_label("High (26)").is_some());

    // The Dashboard lists the review due.
    click(&mut h, "Dashboard");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("1 vendor review due within 30 days")
            .is_some()
    );
    assert!(h.query_by_label_contains("Mailchimp — due").is_some());
    click(&mut h, "Open Vendors");

    click(&mut h, "Review…");
    assert!(
        h.query_by_label("Due-diligence review: Mailchimp")
            .is_some()
    );
    assert!(h.query_by_label("High (26)").is_some());
    let yes = h.query_all_by_label("Yes").count();
    assert_eq!(yes, 11, "every yes/no question has its Yes");
    for i in 0..yes {
        h.get_all_by_label("Yes").nth(i).unwrap().click();
        h.run();
    }
    // Only the three choice questions are left: certification (2), breach notice (3) and
    // incident history (2).
    assert!(h.query_by_label("Medium (7)").is_some());
    click(
        &mut h,
        "Yes: a current ISO 27001 certificate or SOC 2 report",
    );
    click(&mut h, "Within 48 hours or sooner");
    click(&mut h, "None known");
    assert!(h.query_by_label("Low (0)").is_some());
    assert!(
        h.query_by_label("Nothing counts against this vendor.")
            .is_some()
    );
    type_into(
        &mut h,
        "What did you check, and where are the documents kept?",
        "DPA and SOC 2 report read on the trust page.",
    );
    click(&mut h, "Record review");
    notice_contains(&h, "The review of Mailchimp was recorded: rating Low");

    settle(&mut h);
    assert!(h.query_by_label("Low (0)").is_some());
    let next = (today() + Months::new(12)).to_string();
    assert!(h.query_by_label(&next).is_some(), "next review {next}");
    let reviewed = {
        let s = h.state().session.as_ref().unwrap();
        s.vendors()
            .vendor(&RecordCode::parse("mailchimp").unwrap())
            .unwrap()
            .unwrap()
    };
    assert_eq!(reviewed.answers.len(), 15);
    assert_eq!(reviewed.last_reviewed_on, Some(today()));
}

#[test]
fn an_auditor_may_look_but_not_change_or_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    const AUDREY: &str = "audrey's own passphrase";
    {
        let mut owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        owner
            .users()
            .add_user("audrey", Role::Auditor, &Passphrase::new(AUDREY))
            .unwrap();
        owner
            .vendors()
            .save_vendor(&Vendor::named("Mailchimp"), true, today())
            .unwrap();
    }
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "audrey (Auditor (read-only))", AUDREY);
    click(&mut h, "Vendors");
    assert!(disabled(&h.get_by_label("Add a vendor…")));
    assert!(disabled(&h.get_by_label("Remove…")));
    click(&mut h, "Open");
    assert!(h.query_by_label("Mailchimp").is_some());
    assert!(disabled(&h.get_by_label("Save the vendor")));
    click(&mut h, "Close the editor");
    click(&mut h, "Review…");
    assert!(
        h.query_by_label("Due-diligence review: Mailchimp")
            .is_some()
    );
    assert!(disabled(&h.get_by_label("Record review")));
    h.get_all_by_label("No").next().unwrap().click();
    h.run();
    // The rating still follows the answers: no DPA (+5) and every scored question risky or
    // unanswered (26).
    assert!(h.query_by_label("High (31)").is_some());
    click(&mut h, "Close without recording");
    assert!(h.query_by_label("High (31)").is_some(), "nothing recorded");
}
