//! A pseudonymised export through the window: the k figure computed on a worker thread, Save
//! held back until the figure is known for the current choices and, under the threshold, until
//! "Export anyway" is ticked; the export written in the background and recorded; a pseudonym
//! from the file traced back to its person with the lookup box; an auditor told why not.

use super::requests::{disabled, notice_contains, sign_in_as};
use super::*;
use crate::domain::pseudonymise::{DateGranularity, ExportField};
use crate::domain::subject::SubjectDraft;
use crate::gui::{Command, PseudonymiseCommand};
use crate::services::PseudonymisedSpec;

/// Six people at alpha.example and one at gamma.example: over the email domain, k = 1.
fn store_with_people(path: &Path) {
    prepared_store(path, 10);
    let mut s = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    for (i, name) in ["Ann", "Ben", "Cal", "Dot", "Eve", "Fay", "Gus"]
        .into_iter()
        .enumerate()
    {
        let domain = if i == 6 {
            "gamma.example"
        } else {
            "alpha.example"
        };
        s.subjects()
            .add_subject(&SubjectDraft {
                email: format!("{}@{domain}", name.to_lowercase()),
                name: format!("{name} Example"),
                ..SubjectDraft::default()
            })
            .unwrap();
    }
    s.users()
        .add_user(
            "audrey",
            Role::Auditor,
            &Passphrase::new("audrey reads every record"),
        )
        .unwrap();
}

fn save_disabled(h: &Harness<'_, PrivacyDeskApp>) -> bool {
    disabled(&h.get_by_label("Save export…"))
}

#[test]
fn an_officer_checks_k_exports_anyway_and_traces_a_pseudonym_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_people(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    click(&mut h, "Pseudonymised export…");
    assert!(h.query_by_label("Compute k-anonymity").is_some());
    type_into(
        &mut h,
        "Recipient (a vendor, or e.g. analysis)",
        "Acme Analytics",
    );
    // Nothing computed yet: Save waits.
    assert!(save_disabled(&h));
    click(&mut h, "Compute k-anonymity");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("k = 1 over 7 rows in 2 groups")
            .is_some()
    );
    assert!(save_disabled(&h), "Save is enabled under the threshold");
    click(&mut h, "Export anyway, although k is under the threshold");
    assert!(!save_disabled(&h));
    // Another choice makes the figure stale until it is computed again.
    click(&mut h, "Quasi-identifier: email-domain");
    assert!(save_disabled(&h));
    assert!(
        h.query_by_label_contains("The choices changed since the figure was computed")
            .is_some()
    );
    click(&mut h, "Compute k-anonymity");
    settle(&mut h);
    assert!(h.query_by_label_contains("k = 7 over 7 rows").is_some());
    assert!(!save_disabled(&h));

    // Save opens a dialog; the command it sends is applied directly here.
    let out = dir.path().join("acme.csv");
    h.state_mut()
        .apply(Command::Pseudonymise(PseudonymiseCommand::Export {
            spec: PseudonymisedSpec {
                recipient: "Acme Analytics".into(),
                fields: vec![
                    ExportField::Pseudonym,
                    ExportField::EmailDomain,
                    ExportField::Created,
                ],
                quasi: Some(vec![ExportField::Created]),
                dates: DateGranularity::Month,
                k_threshold: 5,
                accept_low_k: false,
            },
            path: out.clone(),
        }));
    settle(&mut h);
    notice_contains(&h, "7 rows for acme analytics were written");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("pseudonym,email-domain,created\n"),
        "{text}"
    );
    assert!(
        !text.contains("ann@") && !text.contains("Example"),
        "{text}"
    );
    let pseudonym = text.lines().nth(1).unwrap().split(',').next().unwrap();

    // The recipient now appears among the earlier ones.
    assert!(h.query_by_label("acme analytics").is_some());
    type_into(&mut h, "Recipient of the export", "acme analytics");
    type_into(&mut h, "Pseudonym", pseudonym);
    click(&mut h, "Find the person");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Found: ").is_some()
            && h.query_by_label_contains(".example · ").is_some(),
        "the lookup found nobody"
    );
    click(&mut h, "Open their page");
    settle(&mut h);
    assert!(h.query_by_label_contains("Example").is_some());
    assert!(h.query_by_label("Compute k-anonymity").is_none());
}

#[test]
fn a_lookup_for_another_recipient_finds_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_people(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "owner (Owner)", PASS);
    click(&mut h, "Subjects & consent");
    click(&mut h, "Pseudonymised export");
    type_into(&mut h, "Recipient of the export", "nobody yet");
    type_into(&mut h, "Pseudonym", "p0123");
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("No one has this pseudonym for this recipient")
            .is_some()
    );
}

#[test]
fn an_auditor_is_told_why_they_may_not_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_people(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(
        &mut h,
        "audrey (Auditor (read-only))",
        "audrey reads every record",
    );
    click(&mut h, "Subjects & consent");
    click(&mut h, "Pseudonymised export");
    assert!(h.query_by_label("Compute k-anonymity").is_none());
    assert!(h.query_by_label_contains("export personal data").is_some());
}
