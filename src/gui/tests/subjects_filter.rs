//! The Subjects list sorted and filtered through the window (computed on a worker thread), and
//! a suppression list written from the window with the session handed to a worker.

use super::*;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::SubjectDraft;
use crate::gui::{Command, ConsentCommand};

/// A newsletter event of `kind`, `days_ago`.
fn newsletter(kind: ConsentEventKind, days_ago: i64) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        kind,
        at: chrono::Utc::now() - chrono::Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "signup".into(),
            ..Evidence::default()
        },
        recorded_by: String::new(),
    }
}

/// The prepared store with these people (email, name, newsletter events), recorded in order.
fn store_with(path: &Path, people: &[(&str, &str, Vec<ConsentEvent>)]) {
    prepared_store(path, 10);
    let s = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    for (email, name, events) in people {
        let id = s
            .subjects()
            .add_subject(&SubjectDraft {
                email: (*email).into(),
                name: (*name).into(),
                ..SubjectDraft::default()
            })
            .unwrap();
        for e in events {
            s.consent().record_consent(id, e).unwrap();
        }
    }
}

/// Picks `item` in the combo box labelled `combo` and waits for the list to be computed.
fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    // The menu's entry is drawn last (the combo box may show the same words).
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
    settle(h);
}

/// The vertical position of the row showing `email`.
fn row_y(h: &Harness<'_, PrivacyDeskApp>, email: &str) -> f32 {
    h.get_by_label(email).rect().center().y
}

#[test]
fn filter_by_purpose_and_state_shows_only_the_matching_people() {
    use ConsentEventKind::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with(
        &path,
        &[
            ("ada@example.org", "Ada", vec![newsletter(Given, 10)]),
            (
                "bob@example.org",
                "Bob",
                vec![newsletter(Given, 20), newsletter(Withdrawn, 5)],
            ),
            ("cy@example.org", "Cy", vec![]),
            (
                "dee@example.org",
                "Dee",
                vec![newsletter(Given, 30), newsletter(Withdrawn, 9)],
            ),
        ],
    );
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    assert!(h.query_by_label("4 subjects").is_some());

    choose(&mut h, "Consent for", "Newsletter");
    // A purpose alone filters on "given".
    assert!(
        h.query_by_label("1 person matches: consent given for Newsletter")
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("ada@example.org").is_some());
    assert!(h.query_by_label("bob@example.org").is_none());

    choose(&mut h, "Consent state", "withdrawn");
    assert!(
        h.query_by_label("2 people match: consent withdrawn for Newsletter")
            .is_some()
    );
    for (email, shown) in [
        ("ada@example.org", false),
        ("bob@example.org", true),
        ("cy@example.org", false),
        ("dee@example.org", true),
    ] {
        assert_eq!(h.query_by_label(email).is_some(), shown, "{email}");
    }

    // Someone without any event has no record for every purpose.
    choose(&mut h, "Consent state", "no record");
    assert!(h.query_by_label_contains("1 person matches").is_some());
    assert!(h.query_by_label("cy@example.org").is_some());
    assert!(h.query_by_label("ada@example.org").is_none());

    // Back to everyone.
    choose(&mut h, "Consent for", "any purpose (everyone)");
    assert!(h.query_by_label("4 subjects").is_some());
}

#[test]
fn sorting_orders_the_visible_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    // Recorded in this order; names and emails sort differently.
    store_with(
        &path,
        &[
            ("zed@example.org", "Ada Abbott", vec![]),
            ("mia@example.org", "Zoë Zimmer", vec![]),
            ("abe@example.org", "Mo Moss", vec![]),
        ],
    );
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    // The search index (which sorting by name reads) is built after unlocking.
    settle(&mut h);

    let order = |h: &Harness<'_, PrivacyDeskApp>, emails: [&str; 3]| {
        let ys: Vec<f32> = emails.iter().map(|e| row_y(h, e)).collect();
        assert!(ys[0] < ys[1] && ys[1] < ys[2], "{emails:?} at {ys:?}");
    };
    order(
        &h,
        ["zed@example.org", "mia@example.org", "abe@example.org"],
    );

    choose(&mut h, "Sort by", "Name, A to Z");
    assert!(h.query_by_label("3 subjects").is_some());
    order(
        &h,
        ["zed@example.org", "abe@example.org", "mia@example.org"],
    );

    choose(&mut h, "Sort by", "Email, A to Z");
    order(
        &h,
        ["abe@example.org", "mia@example.org", "zed@example.org"],
    );

    choose(&mut h, "Sort by", "Date recorded, newest first");
    order(
        &h,
        ["abe@example.org", "mia@example.org", "zed@example.org"],
    );

    choose(&mut h, "Sort by", "Date recorded, oldest first");
    order(
        &h,
        ["zed@example.org", "mia@example.org", "abe@example.org"],
    );
}

#[test]
fn a_suppression_list_is_written_on_a_worker_thread() {
    use ConsentEventKind::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with(
        &path,
        &[
            ("ada@example.org", "Ada", vec![newsletter(Given, 10)]),
            (
                "Bob@Example.org",
                "Bob",
                vec![newsletter(Given, 20), newsletter(Withdrawn, 5)],
            ),
        ],
    );
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    click(&mut h, "Purposes & notices");
    click(&mut h, "Newsletter");
    assert!(h.query_by_label("Export suppression list…").is_some());
    // The button opens a save dialog; the command it sends is applied directly here.
    let out = dir.path().join("newsletter-suppression.csv");
    h.state_mut()
        .apply(Command::Consent(ConsentCommand::ExportSuppression {
            purpose: PurposeCode::parse("newsletter").unwrap(),
            path: out.clone(),
        }));
    assert!(h.state().is_busy(), "the export runs on a worker thread");
    settle(&mut h);
    assert!(h.state().is_unlocked());
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("suppression list (1 email addresses)")),
        "{:?}",
        h.state().notice_text()
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "email\nbob@example.org\n"
    );
}
