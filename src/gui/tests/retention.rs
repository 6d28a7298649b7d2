//! Retention through the window: an officer adopts the default policy, previews and applies a
//! sweep; an auditor may look and preview but not apply; a legal hold placed from the Holds
//! tab or from a person's page keeps them out of the sweep.

use chrono::{TimeZone, Utc};
use egui_kittest::kittest::NodeT;

use super::requests::{disabled, notice_contains, sign_in_as};
use super::*;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::retention::report::{RuleStatus, SweepOutcome};
use crate::domain::subject::SubjectDraft;
use crate::gui::widgets::when;
use crate::gui::{Command, RetentionCommand};

const OLGA: &str = "olga@example.com";
const OLGA_ROW: &str = "olga@example.com · Olga Old";

fn newsletter(kind: ConsentEventKind, at: chrono::DateTime<Utc>) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        kind,
        at,
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence::default(),
        recorded_by: String::new(),
    }
}

/// The prepared store with a second user, a contact who withdrew in 2023 (due under
/// "Withdrawn marketing contacts") and a recent subscriber; with `policy`, the default rules
/// are adopted. Returns the withdrawn contact's id.
fn store_with_old_contact(
    path: &Path,
    user: &str,
    role: Role,
    pass: &str,
    policy: bool,
) -> uuid::Uuid {
    prepared_store(path, 10);
    let mut owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user(user, role, &Passphrase::new(pass))
        .unwrap();
    let olga = owner
        .subjects()
        .add_subject(&SubjectDraft {
            email: OLGA.into(),
            name: "Olga Old".into(),
            ..SubjectDraft::default()
        })
        .unwrap();
    let given = Utc.with_ymd_and_hms(2023, 3, 1, 9, 0, 0).unwrap();
    let withdrawn = Utc.with_ymd_and_hms(2023, 6, 1, 9, 0, 0).unwrap();
    owner
        .consent()
        .record_consent(olga, &newsletter(ConsentEventKind::Given, given))
        .unwrap();
    owner
        .consent()
        .record_consent(olga, &newsletter(ConsentEventKind::Withdrawn, withdrawn))
        .unwrap();
    let nina = owner
        .subjects()
        .add_subject(&SubjectDraft {
            email: "nina@example.com".into(),
            name: "Nina New".into(),
            ..SubjectDraft::default()
        })
        .unwrap();
    owner
        .consent()
        .record_consent(nina, &newsletter(ConsentEventKind::Given, Utc::now()))
        .unwrap();
    if policy {
        owner.retention().adopt_default_retention().unwrap();
    }
    olga
}

/// Asserts that every button and field on screen lies inside the 1100-pixel-wide window (a
/// table wider than the window would put its buttons out of reach).
fn fits_the_window(h: &Harness<'_, PrivacyDeskApp>) {
    use egui::accesskit::Role as R;
    for node in h.root().children_recursive() {
        let n = node.accesskit_node();
        if !matches!(
            n.role(),
            R::Button | R::TextInput | R::MultilineTextInput | R::ComboBox
        ) {
            continue;
        }
        if let Some(b) = n.bounding_box() {
            assert!(
                b.x1 <= 1100.0,
                "{:?} {:?} reaches x = {}",
                n.role(),
                n.label(),
                b.x1
            );
        }
    }
}

/// Runs the dry run from the Sweeps tab and waits for it.
fn preview(h: &mut Harness<'_, PrivacyDeskApp>) {
    click(h, "Sweeps");
    click(h, "Preview (dry run)");
    settle(h);
    assert!(
        h.query_by_label_contains("Dry run as of").is_some(),
        "{:?}",
        h.state().notice_text()
    );
}

#[test]
fn an_officer_adopts_the_default_policy_previews_and_applies_a_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const SAM: &str = "sam's own passphrase";
    let olga = store_with_old_contact(&path, "sam", Role::Officer, SAM, false);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "sam (Privacy officer)", SAM);

    // The Dashboard says no sweep has run yet.
    assert!(h.query_by_label("No sweep has run yet").is_some());
    click(&mut h, "Retention");
    assert_eq!(h.state().area(), Some(Area::Retention));
    assert!(h.query_by_label("No retention rules yet.").is_some());
    click(&mut h, "Adopt the default policy");
    notice_contains(&h, "default retention policy was adopted: 6 rules");
    assert!(h.query_by_label("Withdrawn marketing contacts").is_some());
    assert!(
        h.query_by_label("12 months after consent is withdrawn or expires")
            .is_some()
    );
    // The policy as published is previewed below the rules.
    assert!(
        h.query_by_label_contains("# Data retention policy")
            .is_some()
    );

    fits_the_window(&h);

    // The dry run finds Olga, and only her, under withdrawn contacts; nothing changes.
    preview(&mut h);
    click(&mut h, "Withdrawn marketing contacts");
    fits_the_window(&h);
    assert!(h.query_by_label("Due (1)").is_some());
    assert!(h.query_by_label(OLGA_ROW).is_some(), "{:#?}", h.root());
    assert!(h.query_by_label_contains("nina@example.com").is_none());
    let session = h.state().session.as_ref().unwrap();
    assert!(session.subjects().subject(olga).unwrap().is_some());

    // Apply, after a confirmation in plain words.
    click(&mut h, "Apply…");
    assert!(h.query_by_label("1 person will be deleted.").is_some());
    assert!(h.query_by_label("This cannot be undone.").is_some());
    // The session is lent to the worker thread, then handed back.
    click(&mut h, "Apply the sweep");
    settle(&mut h);
    assert!(h.state().session.is_some());
    notice_contains(&h, "The sweep was applied: 1 record reached");
    // Five rules delete or anonymise (applied, if only to no one); one lists for review.
    assert_eq!(h.query_all_by_label("Applied").count(), 5);
    assert_eq!(h.query_all_by_label("Listed for review").count(), 1);

    // Olga is gone; Nina stays.
    let session = h.state().session.as_ref().unwrap();
    assert!(session.subjects().subject(olga).unwrap().is_none());
    assert_eq!(
        session
            .subjects()
            .find_subjects_by_email("nina@example.com")
            .unwrap()
            .len(),
        1
    );

    // The history lists the sweep; choosing it shows its per-rule table.
    let report = session.retention().sweep_history(5).unwrap().remove(0);
    assert!(!report.dry_run);
    assert_eq!(report.total_due(), 1);
    assert_eq!(report.run_by, "sam");
    click(&mut h, &when(&report.finished_at));
    assert_eq!(
        h.query_all_by_label("Withdrawn marketing contacts").count(),
        2
    );
    assert_eq!(h.query_all_by_label("Applied").count(), 10);

    // The Dashboard knows when the last sweep ran.
    click(&mut h, "Dashboard");
    settle(&mut h);
    assert!(
        h.query_by_label(&format!("Last sweep {}", when(&report.finished_at)))
            .is_some()
    );
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email(OLGA)
            .unwrap()
            .is_empty()
    );
    assert!(s.requests().erasure_of(OLGA).unwrap().is_some());
}

#[test]
fn an_auditor_sees_the_policy_and_may_preview_but_not_apply() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const AVA: &str = "ava's own passphrase";
    let olga = store_with_old_contact(&path, "ava", Role::Auditor, AVA, true);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "ava (Auditor (read-only))", AVA);

    click(&mut h, "Retention");
    assert!(h.query_by_label("Withdrawn marketing contacts").is_some());
    assert!(
        h.query_by_label_contains("does not allow you to edit retention rules")
            .is_some()
    );
    assert!(disabled(&h.get_by_label("New rule…")));
    assert!(disabled(&h.get_by_label("Load rules from a file…")));
    assert!(h.get_all_by_label("Edit").all(|n| disabled(&n)));
    assert!(!disabled(&h.get_by_label("Export the policy…")));

    preview(&mut h);
    assert!(h.query_by_label("Unconfirmed sign-ups").is_some());
    assert!(disabled(&h.get_by_label("Apply…")));
    assert!(
        h.query_by_label_contains("does not allow you to apply retention sweeps")
            .is_some()
    );
    // Nothing changed.
    let session = h.state().session.as_ref().unwrap();
    assert!(session.subjects().subject(olga).unwrap().is_some());
    assert!(session.retention().sweep_history(5).unwrap().is_empty());
}

#[test]
fn a_hold_placed_from_the_holds_tab_keeps_the_person_out_of_the_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const SAM: &str = "sam's own passphrase";
    store_with_old_contact(&path, "sam", Role::Officer, SAM, true);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "sam (Privacy officer)", SAM);

    click(&mut h, "Retention");
    click(&mut h, "Legal holds");
    assert!(h.query_by_label("No legal hold has been placed.").is_some());
    type_into(&mut h, "Email address", OLGA);
    type_into(&mut h, "Reason for the hold", "Claim about a 2023 order");
    click(&mut h, "Place the hold");
    notice_contains(&h, "A legal hold was placed on person olga@example.com");
    assert!(h.query_by_label("Claim about a 2023 order").is_some());
    assert!(h.query_by_label("in force").is_some());
    fits_the_window(&h);

    // The dry run lists her as held, not due.
    preview(&mut h);
    click(&mut h, "Withdrawn marketing contacts");
    assert!(h.query_by_label("Due (0)").is_some());
    assert!(h.query_by_label("Kept by a legal hold (1)").is_some());
    assert!(h.query_by_label(OLGA_ROW).is_some(), "{:#?}", h.root());

    // The Dashboard counts it.
    click(&mut h, "Dashboard");
    settle(&mut h);
    assert!(h.query_by_label("1 legal hold in force").is_some());

    // Her page says so.
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, OLGA);
    assert!(h.query_by_label("Held: Claim about a 2023 order").is_some());
}

#[test]
fn a_hold_and_the_end_of_the_relationship_from_a_persons_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const SAM: &str = "sam's own passphrase";
    let olga = store_with_old_contact(&path, "sam", Role::Officer, SAM, true);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "sam (Privacy officer)", SAM);

    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, OLGA);
    type_into(&mut h, "Customer relationship ended on", "2024-01-31");
    click(&mut h, "Record the end");
    notice_contains(&h, "the customer relationship ended on 31 January 2024");

    // The button opens the hold form set on her.
    click(&mut h, "Place a legal hold…");
    assert_eq!(h.state().area(), Some(Area::Retention));
    assert!(h.query_by_label("On the person olga@example.com").is_some());
    type_into(&mut h, "Reason for the hold", "Regulator's inquiry");
    type_into(
        &mut h,
        "Until (YYYY-MM-DD; empty: until released)",
        "2099-12-31",
    );
    click(&mut h, "Place the hold");
    notice_contains(&h, "until 31 December 2099");
    let session = h.state().session.as_ref().unwrap();
    let today = crate::gui::areas::today();
    assert!(
        session
            .retention()
            .is_held(
                crate::domain::retention::hold::HoldTarget::Subject(olga),
                today
            )
            .unwrap()
    );

    // Released, the hold no longer keeps her.
    click(&mut h, "Release");
    notice_contains(&h, "The legal hold was released");
    let session = h.state().session.as_ref().unwrap();
    assert!(
        !session
            .retention()
            .is_held(
                crate::domain::retention::hold::HoldTarget::Subject(olga),
                today
            )
            .unwrap()
    );
    assert!(
        h.query_by_label(&format!("released {}", today.format("%Y-%m-%d")))
            .is_some()
    );
}

#[test]
fn an_officer_writes_a_rule_removes_it_and_sets_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const SAM: &str = "sam's own passphrase";
    store_with_old_contact(&path, "sam", Role::Officer, SAM, true);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "sam (Privacy officer)", SAM);
    click(&mut h, "Retention");

    click(&mut h, "New rule…");
    type_into(
        &mut h,
        "Code (short, like withdrawn-contacts)",
        "old-readers",
    );
    type_into(&mut h, "Name", "Old newsletter readers");
    click(&mut h, "Purpose");
    h.get_all_by_label("Newsletter").last().unwrap().click();
    h.run();
    click(&mut h, "What happens then");
    h.get_all_by_label("Delete").last().unwrap().click();
    h.run();
    fits_the_window(&h);
    // The service's problem names the field.
    click(&mut h, "Save the rule");
    assert!(h.query_by_label_contains("Reason: say why").is_some());
    type_into(
        &mut h,
        "Reason (why this long, on which basis; the policy quotes it)",
        "Readers who stopped reading long ago.",
    );
    click(&mut h, "Save the rule");
    notice_contains(&h, "The rule Old newsletter readers was saved.");
    assert!(h.query_by_label("Old newsletter readers").is_some());
    let rules = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .retention()
        .retention_rules()
        .unwrap();
    let rule = rules.iter().find(|r| r.code == "old-readers").unwrap();
    assert_eq!(
        rule.purpose.as_ref().map(|p| p.as_str()),
        Some("newsletter")
    );
    assert_eq!(rule.to_owned().period.to_string(), "12 months");

    // Removing asks first; the new rule is the last one.
    h.get_all_by_label("Remove…").last().unwrap().click();
    h.run();
    assert!(
        h.query_by_label_contains("Remove the rule “Old newsletter readers”?")
            .is_some()
    );
    click(&mut h, "Remove the rule");
    notice_contains(&h, "The rule old-readers was removed.");
    assert!(h.query_by_label("Old newsletter readers").is_none());

    // A schedule: with no sweep yet, one is due now.
    type_into(&mut h, "Sweep every (days; 0 = no schedule)", "30");
    click(&mut h, "Save the interval");
    notice_contains(&h, "A sweep is now due every 30 days.");
    click(&mut h, "Sweeps");
    assert!(h.query_by_label("A sweep is due every 30 days.").is_some());
    assert!(h.query_by_label("Due now").is_some());
}

#[test]
fn a_cancelled_sweep_rolls_back_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    const SAM: &str = "sam's own passphrase";
    let olga = store_with_old_contact(&path, "sam", Role::Officer, SAM, true);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "sam (Privacy officer)", SAM);
    click(&mut h, "Retention");
    preview(&mut h);

    // Start the sweep and cancel it at once: the rule in progress rolls back whole, the later
    // ones do not run (which rule it is depends on how far the worker got).
    h.state_mut()
        .apply(Command::Retention(RetentionCommand::Apply));
    // The sweep runs on a worker session; the window keeps its own.
    assert!(h.state().session.is_some() && h.state().is_busy());
    h.state_mut()
        .apply(Command::Retention(RetentionCommand::CancelApply));
    settle(&mut h);
    notice_contains(
        &h,
        "The sweep was cancelled: the rule in progress rolled back whole",
    );
    let session = h.state().session.as_ref().unwrap();
    let report = session.retention().sweep_history(5).unwrap().remove(0);
    assert_eq!(report.outcome, SweepOutcome::Cancelled);
    let statuses: Vec<RuleStatus> = report.rules.iter().map(|r| r.status).collect();
    let rolled_back = statuses
        .iter()
        .position(|s| *s == RuleStatus::RolledBack)
        .unwrap();
    assert!(
        statuses[rolled_back + 1..]
            .iter()
            .all(|s| *s == RuleStatus::NotRun)
    );
    assert_eq!(
        h.query_all_by_label("Rolled back whole: nothing of this rule was changed")
            .count(),
        1
    );
    // Olga is gone only if her rule ran before the cancel.
    let withdrawn = report
        .rules
        .iter()
        .find(|r| r.code == "withdrawn-contacts")
        .unwrap();
    assert_eq!(
        session.subjects().subject(olga).unwrap().is_none(),
        withdrawn.status == RuleStatus::Applied
    );
    assert!(h.query_by_label("Cancelled").is_some());
}
