//! A request's tasks (issue 18 item 5) on the command line: built from the data inventory when
//! an erasure is opened (and on first reading for a request opened before the inventory named
//! its systems), `request task ID N --done|--not-applicable [--on] [--note]`, `tasks` in
//! `request show --json`, completion refused with open tasks and allowed with `--reason`, the
//! audit entries without personal data, notes replaced at erasure, and the recipient notice
//! letter to a vendor in English and German.

use chrono::{Days, Local};
use serde_json::{Value, json};

use privacy_desk::domain::audit::AuditFilter;
use privacy_desk::domain::records::{DataSystem, Vendor};

use crate::common::desk::Desk;
use crate::common::{PASS, profile};

fn ago(days: u64) -> String {
    Local::now()
        .date_naive()
        .checked_sub_days(Days::new(days))
        .expect("a day")
        .format("%Y-%m-%d")
        .to_string()
}

/// The inventory: a web shop holding email addresses and an accounts system holding payments;
/// a mailing vendor receiving email addresses and a payment vendor receiving payments only.
fn seed_inventory(desk: &Desk) {
    let s = desk.store.unlock(PASS).expect("unlock");
    s.settings()
        .save_profile(&profile("Hollin Bakery Ltd"))
        .expect("profile");
    for (code, name, categories) in [
        ("web-shop", "Web shop", vec!["contact.email"]),
        ("accounts", "Accounts", vec!["purchase.payment"]),
    ] {
        let system: DataSystem = serde_json::from_value(json!({
            "code": code, "name": name, "kind": "other", "data_categories": categories,
        }))
        .expect("system");
        s.records()
            .save_data_system(&system, true)
            .expect("system saved");
    }
    for (code, name, categories) in [
        ("mailco", "Mailco Ltd", vec!["contact.email"]),
        ("payco", "Payco", vec!["purchase.payment"]),
    ] {
        let vendor: Vendor = serde_json::from_value(json!({
            "code": code, "name": name, "role": "processor", "dpa": "signed",
            "data_categories": categories, "purposes": [],
        }))
        .expect("vendor");
        s.vendors()
            .save_vendor(&vendor, true, Local::now().date_naive())
            .expect("vendor saved");
    }
}

fn show(desk: &Desk, reference: &str) -> Value {
    desk.json(&["request", "show", reference, "--json"])
}

fn open_erasure(desk: &Desk, email: &str, name: &str) -> String {
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        "erasure",
        "--regime",
        "gdpr",
        "--email",
        email,
        "--name",
        name,
        "--received",
        &ago(5),
    ]);
    out.stdout.lines().last().expect("a reference").to_owned()
}

#[test]
fn an_erasure_reaches_every_system_and_vendor_and_completes_only_with_a_reason() {
    let desk = Desk::new();
    seed_inventory(&desk);
    let r = open_erasure(&desk, "ana@example.com", "Ana Pereira");

    // The systems and vendors holding her email get a task; the payment ones do not.
    let tasks = show(&desk, &r)["tasks"].clone();
    assert_eq!(
        tasks,
        json!([
            {"id": 1, "system": "Web shop", "status": "open", "done_on": null, "note": null,
             "action": "Delete the person's data here (GDPR Art. 17; Cal. Civ. Code § 1798.105)"},
            {"id": 2, "vendor": "Mailco Ltd", "status": "open", "done_on": null, "note": null,
             "action": "Tell the vendor to delete the person's data and confirm (GDPR Art. 19; 11 CCR § 7022(b)(3))"},
        ])
    );
    let text = desk.ok(&["request", "show", &r]).stdout;
    assert!(
        text.contains("1. [open] system Web shop: Delete the person's data here")
            && text.contains("2. [open] vendor Mailco Ltd: Tell the vendor"),
        "{text}"
    );

    // Completing with tasks open is refused, naming them; nothing changes.
    let out = desk.fails(
        &["request", "complete", &r, "--outcome", "Erased."],
        "1 Web shop (system), 2 Mailco Ltd (vendor)",
    );
    assert!(out.stderr.contains("--reason"), "{out:?}");
    assert_eq!(show(&desk, &r)["state"], "received");

    // One task done, with its day and note.
    let day = ago(2);
    let out = desk.ok(&[
        "request",
        "task",
        &r,
        "1",
        "--done",
        "--on",
        &day,
        "--note",
        "Ana Pereira deleted from the shop admin",
    ]);
    assert!(
        out.stdout.contains("Still open: 2 Mailco Ltd (vendor)"),
        "{out:?}"
    );
    let tasks = show(&desk, &r)["tasks"].clone();
    assert_eq!(tasks[0]["status"], "done");
    assert_eq!(tasks[0]["done_on"], day.as_str());
    assert_eq!(tasks[0]["note"], "Ana Pereira deleted from the shop admin");
    assert_eq!(tasks[1]["status"], "open");

    // Bad input: a task it does not have, a day in the future; nothing changed.
    desk.fails(
        &["request", "task", &r, "3", "--done"],
        "has no task 3; its tasks are 1, 2",
    );
    let tomorrow = (Local::now().date_naive() + Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    desk.fails(
        &[
            "request",
            "task",
            &r,
            "2",
            "--not-applicable",
            "--on",
            &tomorrow,
        ],
        "is in the future",
    );
    assert_eq!(show(&desk, &r)["tasks"][1]["status"], "open");

    // With the reason, it completes; the reason stays, sealed, on the open task.
    let out = desk.ok(&[
        "request",
        "complete",
        &r,
        "--outcome",
        "Erased.",
        "--reason",
        "Mailco has not confirmed yet; chased on the phone",
    ]);
    assert!(out.stdout.contains("1 task(s) left open"), "{out:?}");
    let v = show(&desk, &r);
    assert_eq!(v["state"], "completed");
    assert_eq!(v["tasks"][1]["status"], "open");
    assert_eq!(
        v["tasks"][1]["note"],
        "Left open when the request was completed: Mailco has not confirmed yet; chased on the phone"
    );
    // Done later.
    desk.ok(&["request", "task", &r, "2", "--done"]);
    assert_eq!(show(&desk, &r)["tasks"][1]["status"], "done");

    // Audited as request.task_updated, with numbers and codes only.
    let s = desk.store.unlock(PASS).expect("unlock");
    let entries = s
        .audit()
        .audit_page(&AuditFilter::default(), 0, 10_000)
        .expect("audit");
    let tasks: Vec<&str> = entries
        .iter()
        .filter(|e| e.action == "request.task_updated")
        .map(|e| e.details.as_str())
        .collect();
    assert!(
        tasks.contains(&"2 tasks made (1 systems, 1 vendors)")
            && tasks.contains(&format!("task 1 done on {day}").as_str())
            && tasks.contains(&"1 tasks left open at completion, reason recorded"),
        "{tasks:#?}"
    );
    for e in &entries {
        for personal in ["Ana", "ana@", "Mailco has not", "shop admin"] {
            assert!(!e.details.contains(personal), "{personal}: {e:?}");
        }
    }
}

#[test]
fn an_open_request_from_before_the_inventory_gets_its_tasks_when_read() {
    let desk = Desk::new();
    let r = open_erasure(&desk, "ben@example.com", "Ben Ode");
    assert_eq!(show(&desk, &r)["tasks"], json!([]), "no inventory yet");
    seed_inventory(&desk);
    let tasks = show(&desk, &r)["tasks"].clone();
    assert_eq!(tasks.as_array().map(Vec::len), Some(2), "{tasks}");
    // An access request has no tasks, whatever the inventory.
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--regime",
        "gdpr",
        "--email",
        "ben@example.com",
        "--received",
        &ago(1),
    ]);
    let access = out.stdout.lines().last().expect("a reference").to_owned();
    assert_eq!(show(&desk, &access)["tasks"], json!([]));
    desk.fails(&["request", "task", &access, "1", "--done"], "has no tasks");
    desk.ok(&["request", "complete", &access]);
}

#[test]
fn task_notes_are_replaced_when_the_person_is_erased() {
    let desk = Desk::new();
    seed_inventory(&desk);
    let r = open_erasure(&desk, "cy@example.com", "Cy Lamb");
    desk.ok(&[
        "request",
        "task",
        &r,
        "2",
        "--not-applicable",
        "--note",
        "Cy Lamb never subscribed",
    ]);
    desk.ok(&["erase", "cy@example.com", "--request", &r]);
    let tasks = show(&desk, &r)["tasks"].clone();
    assert_eq!(
        tasks[1]["note"],
        "(removed when the person's data was erased)"
    );
    assert_eq!(tasks[1]["status"], "not-applicable");
    assert_eq!(tasks[0]["note"], Value::Null);
}

#[test]
fn the_recipient_notice_tells_the_vendor_in_english_and_german() {
    let desk = Desk::new();
    seed_inventory(&desk);
    let r = open_erasure(&desk, "ana@example.com", "Ana Pereira");
    let dir = tempfile::tempdir().expect("dir");
    let en = dir.path().join("notice.txt");
    let de = dir.path().join("notice-de.txt");
    desk.ok(&[
        "request",
        "letter",
        &r,
        "--kind",
        "recipient-notice",
        "--vendor",
        "Mailco Ltd",
        "--out",
        en.to_str().expect("path"),
    ]);
    let text = std::fs::read_to_string(&en).expect("letter");
    for wanted in [
        "To: Mailco Ltd",
        "Under Article 19 of the GDPR we are telling you",
        "The person: Ana Pereira, ana@example.com",
        "Please erase the personal data of this person",
        "Hollin Bakery Ltd",
        &format!("Our reference: {r}"),
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }
    desk.ok(&[
        "request",
        "letter",
        &r,
        "--kind",
        "recipient-notice",
        "--vendor",
        "mailco",
        "--lang",
        "de",
        "--out",
        de.to_str().expect("path"),
    ]);
    let text = std::fs::read_to_string(&de).expect("letter");
    for wanted in [
        "An: Mailco Ltd",
        "Nach Art. 19 DSGVO teilen wir Ihnen dies mit",
        "Bitte löschen Sie die personenbezogenen Daten dieser Person",
        "Sehr geehrte Damen und Herren,",
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }

    // Bad input names what to do and writes nothing.
    let nothing = dir.path().join("nothing.txt");
    let out = nothing.to_str().expect("path");
    desk.fails(
        &[
            "request",
            "letter",
            &r,
            "--kind",
            "recipient-notice",
            "--out",
            out,
        ],
        "name it with --vendor",
    );
    desk.fails(
        &[
            "request",
            "letter",
            &r,
            "--kind",
            "recipient-notice",
            "--vendor",
            "Nobody",
            "--out",
            out,
        ],
        "there is no vendor “Nobody”; give one of Mailco Ltd, Payco",
    );
    assert!(!nothing.exists());
}
