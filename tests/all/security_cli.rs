//! The security register on the command line: `measure add | list`, `training add | list`,
//! `incident add | notify | list | close` and the `security` figures of `status --json`; the
//! audit trail names the steps, never the facts or the trainee. (The plaintext scan and the
//! roles are in `security_records.rs`.)

use chrono::{DateTime, Days, Local, SecondsFormat, TimeDelta, Utc};
use serde_json::Value;

use crate::common::desk::Desk;

impl Desk {
    /// The `incident list --json` row with `reference`.
    fn incident(&self, reference: &str) -> Value {
        let list = self.json(&["incident", "list", "--json"]);
        list.as_array()
            .expect("an array")
            .iter()
            .find(|i| i["reference"] == reference)
            .unwrap_or_else(|| panic!("no {reference}: {list:#}"))
            .clone()
    }
}

fn day_in(days: i64) -> String {
    let today = Local::now().date_naive();
    let d = if days >= 0 {
        today + Days::new(days as u64)
    } else {
        today - Days::new(days.unsigned_abs())
    };
    d.format("%Y-%m-%d").to_string()
}

fn hours_ago(hours: i64) -> DateTime<Utc> {
    Utc::now() - TimeDelta::hours(hours)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn time_of(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().expect("a time"))
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

#[test]
fn measures_trainings_and_incidents_from_the_command_line() {
    let desk = Desk::new();

    // Measures: one due for review within 30 days, one not; kinds are checked by clap.
    let soon = day_in(10);
    desk.ok(&[
        "measure",
        "add",
        "--name",
        "Laptop disk encryption",
        "--kind",
        "encryption",
        "--owner",
        "Office manager",
        "--review-on",
        &soon,
    ]);
    desk.ok(&[
        "measure",
        "add",
        "--name",
        "Nightly backup",
        "--kind",
        "backups",
        "--review-on",
        &day_in(90),
    ]);
    desk.fails_with(
        &["measure", "add", "--name", "Wall", "--kind", "firewall"],
        2,
        "access-control",
    );
    desk.fails_with(
        &[
            "measure",
            "add",
            "--name",
            "Laptop disk encryption",
            "--kind",
            "other",
        ],
        1,
        "already a security measure with the code laptop-disk-encryption",
    );
    let measures = desk.json(&["measure", "list", "--json"]);
    let measures = measures.as_array().expect("an array");
    assert_eq!(measures.len(), 2, "{measures:#?}");
    assert_eq!(measures[0]["code"], "laptop-disk-encryption");
    assert_eq!(measures[0]["kind"], "encryption");
    assert_eq!(measures[0]["owner"], "Office manager");
    assert_eq!(measures[0]["review_on"], soon.as_str());
    assert_eq!(measures[0]["review_due"], true);
    assert_eq!(measures[1]["review_due"], false);

    // A training whose renewal falls within 30 days.
    desk.ok(&[
        "training",
        "add",
        "--trainee",
        "Wilhelmina Okafor-Strand",
        "--topic",
        "GDPR basics",
        "--completed-on",
        &day_in(-340),
        "--renew-on",
        &day_in(25),
    ]);
    desk.fails_with(
        &[
            "training",
            "add",
            "--trainee",
            "Sam",
            "--topic",
            "Phishing",
            "--completed-on",
            "last week",
        ],
        1,
        "--completed-on",
    );
    let trainings = desk.json(&["training", "list", "--json"]);
    assert_eq!(trainings[0]["trainee"], "Wilhelmina Okafor-Strand");
    assert_eq!(trainings[0]["renewal"], "due-soon");

    // Two breaches: one 80 hours ago (overdue), one 2 hours ago (clock running).
    let old = hours_ago(80);
    let out = desk.ok(&[
        "incident",
        "add",
        "--aware-at",
        &rfc(old),
        "--facts",
        "A USB stick with the order list was lost on a train",
        "--effects",
        "Names and addresses of 40 customers may be seen",
        "--remedial",
        "Customers informed; USB sticks now encrypted",
        "--occurred-on",
        &day_in(-4),
    ]);
    assert!(out.stdout.contains("INC-0001"), "{out:?}");
    let out = desk.ok(&[
        "incident",
        "add",
        "--aware-at",
        &rfc(hours_ago(2)),
        "--facts",
        "A newsletter went out with every address in CC",
        "--effects",
        "Subscribers saw each other's addresses",
        "--remedial",
        "Recall requested; mailing tool settings fixed",
    ]);
    assert!(out.stdout.contains("INC-0002"), "{out:?}");
    assert!(
        out.stdout.contains(" min left)"),
        "the time left is given: {out:?}"
    );
    desk.fails_with(
        &[
            "incident",
            "add",
            "--aware-at",
            "yesterday",
            "--facts",
            "x",
            "--effects",
            "y",
            "--remedial",
            "z",
        ],
        1,
        "--aware-at: write the time",
    );

    let first = desk.incident("INC-0001");
    assert_eq!(first["status"], "overdue", "{first:#}");
    assert_eq!(
        time_of(&first["deadline"]) - time_of(&first["aware_at"]),
        TimeDelta::hours(72)
    );
    assert_eq!(
        first["details"]["facts"],
        "A USB stick with the order list was lost on a train"
    );
    let second = desk.incident("INC-0002");
    assert_eq!(second["status"], "within-deadline", "{second:#}");
    assert!(second["time_left"].as_str().unwrap().ends_with("left"));

    let status = desk.json(&["status", "--json"]);
    let security = &status["security"];
    assert_eq!(security["measures_due"], 1, "{security:#}");
    assert_eq!(security["trainings_due"], 1);
    assert_eq!(security["incidents_open"], 2);
    assert_eq!(security["incidents_notification_overdue"], 1);
    assert_eq!(security["notification_clocks"].as_array().unwrap().len(), 2);

    // A late notification needs the reasons for the delay (Art. 33(1)).
    let late = rfc(hours_ago(1));
    desk.fails_with(
        &["incident", "notify", "INC-0001", "--at", &late],
        1,
        "--reason-for-delay",
    );
    assert_eq!(
        desk.incident("INC-0001")["status"],
        "overdue",
        "nothing changed"
    );
    desk.ok(&[
        "incident",
        "notify",
        "INC-0001",
        "--at",
        &late,
        "--reason-for-delay",
        "The loss was reported to us by the finder only on Monday",
    ]);
    assert_eq!(desk.incident("INC-0001")["status"], "notified-late");
    desk.ok(&["incident", "notify", "inc-2", "--at", &rfc(hours_ago(1))]);
    assert_eq!(desk.incident("INC-0002")["status"], "notified-on-time");
    desk.fails_with(
        &["incident", "notify", "INC-0009", "--at", &late],
        1,
        "there is no incident INC-0009",
    );

    desk.ok(&["incident", "close", "INC-0002"]);
    assert_eq!(
        desk.incident("INC-0002")["closed_on"],
        Local::now().date_naive().format("%Y-%m-%d").to_string()
    );
    let security = desk.json(&["status", "--json"])["security"].clone();
    assert_eq!(security["incidents_open"], 1, "{security:#}");
    assert_eq!(security["incidents_notification_overdue"], 0);
    assert_eq!(security["notification_clocks"].as_array().unwrap().len(), 0);

    // The audit trail names the steps, never the facts or the trainee.
    let conn = desk.store.raw();
    let mut stmt = conn
        .prepare("SELECT action, details FROM audit_log ORDER BY seq")
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for action in [
        "security_measure.saved",
        "training.recorded",
        "incident.recorded",
        "incident.updated",
    ] {
        assert!(rows.iter().any(|(a, _)| a == action), "{action}: {rows:#?}");
    }
    for (_, details) in &rows {
        for secret in ["Wilhelmina", "USB stick", "every address", "finder"] {
            assert!(!details.contains(secret), "{secret} in {details}");
        }
    }
}
