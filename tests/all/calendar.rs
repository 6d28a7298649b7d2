//! Issue 18, item 6: `calendar export --out F.ics`. The file is RFC 5545 (parsed back here
//! with the icalendar crate), holds the open deadlines with UIDs derived from record ids, and
//! a second export gives the same UIDs (so a re-import updates, not duplicates). No name or
//! email of a person is in it.

use std::collections::BTreeSet;

use chrono::{SecondsFormat, TimeDelta, Utc};
use icalendar::{Calendar, Component};

use crate::common::desk::Desk;

fn export(desk: &Desk, name: &str) -> (String, Vec<(String, String)>) {
    let out = desk.store.dir.path().join(name);
    let run = desk.ok(&["calendar", "export", "--out", &out.to_string_lossy()]);
    assert!(run.stdout.contains("deadlines to"), "{run:?}");
    let text = std::fs::read_to_string(&out).expect("ics");
    let parsed: Calendar = text.parse().expect("RFC 5545");
    let events = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            (
                e.get_uid().expect("uid").to_owned(),
                e.get_summary().expect("summary").to_owned(),
            )
        })
        .collect();
    (text, events)
}

#[test]
fn the_deadlines_export_with_stable_uids_and_no_personal_data() {
    let desk = Desk::new();
    let today = Utc::now().date_naive().format("%Y-%m-%d").to_string();
    for (kind, regime, email) in [
        ("erasure", "gdpr", "tamsin.ardleigh@example.net"),
        ("delete", "ccpa-cpra", "ivo.marchbank@example.org"),
    ] {
        desk.ok(&[
            "request",
            "open",
            "--type",
            kind,
            "--regime",
            regime,
            "--email",
            email,
            "--name",
            "Tamsin Ardleigh",
            "--received",
            &today,
        ]);
    }
    let aware = (Utc::now() - TimeDelta::hours(20)).to_rfc3339_opts(SecondsFormat::Secs, true);
    desk.ok(&[
        "incident",
        "add",
        "--aware-at",
        &aware,
        "--facts",
        "A laptop was stolen",
        "--effects",
        "Customer list could be read",
        "--remedial",
        "Disk wiped remotely",
        "--risk",
        "risk",
    ]);

    let (text, first) = export(&desk, "one.ics");
    let summaries: Vec<&str> = first.iter().map(|(_, s)| s.as_str()).collect();
    // Two due dates, the CCPA confirmation of receipt, the 72-hour clock.
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("R-0001 Erasure: due")),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("R-0002") && s.ends_with(": due")),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("R-0002") && s.ends_with("confirm receipt")),
        "{summaries:?}"
    );
    assert!(
        !summaries
            .iter()
            .any(|s| s.starts_with("R-0001") && s.ends_with("confirm receipt")),
        "{summaries:?}"
    );
    assert!(
        summaries.iter().any(|s| s.contains("INC-0001: 72-hour")),
        "{summaries:?}"
    );
    assert!(
        first
            .iter()
            .all(|(uid, _)| uid.ends_with("@privacy-desk.invalid"))
    );
    for personal in ["tamsin", "Tamsin", "ivo.marchbank", "@example."] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }

    // A second export: the same UIDs; a new request adds one event, none is duplicated.
    let (_, second) = export(&desk, "two.ics");
    let uids = |events: &[(String, String)]| -> BTreeSet<String> {
        events.iter().map(|(u, _)| u.clone()).collect()
    };
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(uids(&first).len(), first.len(), "UIDs are unique");
    desk.ok(&[
        "request",
        "open",
        "--type",
        "restriction",
        "--regime",
        "gdpr",
        "--email",
        "zed@example.org",
        "--received",
        &today,
    ]);
    let (_, third) = export(&desk, "three.ics");
    let added: Vec<String> = uids(&third).difference(&uids(&first)).cloned().collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(uids(&first).is_subset(&uids(&third)));

    // The export is audited (a count only) and a wrong extension is refused.
    let bad = desk.store.dir.path().join("deadlines.txt");
    desk.fails(
        &["calendar", "export", "--out", &bad.to_string_lossy()],
        "must end in",
    );
    assert!(!bad.exists());
}
