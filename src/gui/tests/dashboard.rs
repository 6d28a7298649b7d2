//! The Dashboard through the window (issue 20, item 7): a new store shows its first steps,
//! each a link to where the work is done; "What needs me today" links to the overdue request;
//! the charts are followed by their tables.

use chrono::{Days, Local};

use super::*;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::Command;
use crate::gui::app::Screen;
use crate::gui::areas::SubjectsTab;

#[test]
fn a_new_store_shows_its_first_steps_and_each_leads_where_the_work_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    assert!(h.query_by_label("First steps").is_some());
    assert!(h.query_by_label_contains("0 of 7 done").is_some());
    assert!(h.query_by_label("What needs me today").is_some());
    assert!(h.query_by_label_contains("Nothing is due").is_some());
    assert!(
        h.query_by_label("No request was closed in the last twelve months.")
            .is_some()
    );

    click(&mut h, "Go to Subjects & consent, Import");
    assert_eq!(h.state().area(), Some(Area::Subjects));
    assert!(matches!(&h.state().screen, Screen::Main(m) if m.tab == SubjectsTab::Import));

    // Back on the Dashboard after adopting the default policy, that step is ticked.
    h.state()
        .session
        .as_ref()
        .unwrap()
        .retention()
        .adopt_default_retention()
        .unwrap();
    h.state_mut().apply(Command::Navigate(Area::Dashboard));
    settle(&mut h);
    h.run();
    assert!(h.query_by_label_contains("1 of 7 done").is_some());
    click(&mut h, "Go to Retention, Sweeps");
    assert_eq!(h.state().area(), Some(Area::Retention));
}

#[test]
fn what_needs_me_today_opens_the_overdue_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let today = Local::now().date_naive();
    let session = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let (id, reference) = session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Access,
                received: today - Days::new(50),
                channel: RequestChannel::Email,
                email: "haruto@example.jp".into(),
                requester: Requester {
                    name: "Haruto Sato".into(),
                    ..Requester::default()
                },
                details: "My data, please".into(),
            },
            today,
        )
        .unwrap();
    drop(session);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    let text = format!("{reference} · Access request · overdue since");
    h.get_by_label_contains(&text).click();
    h.run();
    settle(&mut h);
    assert_eq!(h.state().area(), Some(Area::Requests));
    assert!(
        matches!(&h.state().screen, Screen::Main(m) if m.requests.page.as_ref().map(|p| p.id()) == Some(id)),
        "the request's page is open"
    );
}

/// Where no file dialog can open (as in these headless tests: no portal, no zenity), the
/// button asks for the path in a focused field with a hint, checks it, and then does what
/// the dialog's answer would have done.
#[test]
fn without_a_file_dialog_the_path_is_asked_for_in_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Deadlines to calendar (.ics)…");
    assert!(h.query_by_label_contains("No file dialog opened").is_some());
    // The field is focused and starts in the home folder with the suggested name.
    let field = h.get_by_label("Path");
    assert!(field.is_focused());
    assert!(
        field
            .value()
            .unwrap_or_default()
            .ends_with("privacy-desk-deadlines.ics")
    );
    // A relative path is refused with a sentence; nothing is written.
    let out = dir.path().join("deadlines.ics");
    let typed = out.display().to_string();
    // Replace the text: select all, then type the full path.
    h.get_by_label("Path").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Path").type_text("deadlines.ics");
    h.run();
    click(&mut h, "Save");
    assert!(h.query_by_label_contains("type the full path").is_some());
    assert!(!out.exists());
    h.get_by_label("Path").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Path").type_text(&typed);
    h.run();
    click(&mut h, "Save");
    settle(&mut h);
    assert!(out.exists(), "{:?}", h.state().notice_text());
    assert!(h.query_by_label_contains("No file dialog opened").is_none());
}

/// Issue 19, item 3: the summary follows the store generation. A write made while the
/// Dashboard is on screen (here straight through the window's session, as any area's apply
/// does) shows up without navigating and without anyone asking for the summary by hand.
#[test]
fn a_write_updates_the_dashboard_without_navigating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    settle(&mut h);
    assert!(h.query_by_label_contains("0 of 7 done").is_some());
    h.state()
        .session
        .as_ref()
        .unwrap()
        .retention()
        .adopt_default_retention()
        .unwrap();
    settle(&mut h);
    h.run();
    assert_eq!(h.state().area(), Some(Area::Dashboard));
    assert!(
        h.query_by_label_contains("1 of 7 done").is_some(),
        "{:#?}",
        h.root()
    );
}
