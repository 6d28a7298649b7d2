//! Retention on the command line: `retention adopt | load | list | remove | policy | interval
//! | end-relationship`, `hold add | list | release`, `sweep [--dry-run] [--json]`, and the
//! `sweep` and `legal_holds` figures of `status --json`. "Today" is the day the tests run on.

use chrono::{Days, Local};
use serde_json::Value;

use crate::common::desk::Desk;
use crate::common::query_i64;

impl Desk {
    /// `subject add`; returns the new subject's id.
    fn subject(&self, email: &str, name: &str) -> String {
        let out = self.ok(&["subject", "add", "--email", email, "--name", name]);
        out.stdout
            .lines()
            .find_map(|l| l.strip_prefix("Added subject "))
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or_else(|| panic!("no id: {out:?}"))
            .to_owned()
    }

    /// The rule `code` of a sweep report.
    fn rule<'a>(report: &'a Value, code: &str) -> &'a Value {
        report["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("no rule {code}: {report:#}"))
    }

    /// Row counts of the tables a sweep could change, and the audit entries other than
    /// sign-ins (every CLI run records one).
    fn written(&self) -> Vec<i64> {
        let conn = self.store.raw();
        let mut out: Vec<i64> = [
            "subjects",
            "consent_events",
            "requests",
            "erasures",
            "legal_holds",
            "sweeps",
            "retention_rules",
        ]
        .iter()
        .map(|t| query_i64(&conn, &format!("SELECT COUNT(*) FROM {t}")))
        .collect();
        out.push(query_i64(
            &conn,
            "SELECT COUNT(*) FROM audit_log WHERE action <> 'session.unlocked'",
        ));
        out
    }

    fn sweeps_stored(&self) -> i64 {
        query_i64(&self.store.raw(), "SELECT COUNT(*) FROM sweeps")
    }
}

fn today() -> String {
    Local::now().date_naive().format("%Y-%m-%d").to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn retention_adopt_then_list_shows_the_default_rules() {
    let desk = Desk::new();
    let out = desk.ok(&["retention", "list"]);
    assert!(out.stdout.contains("No retention rules yet"), "{out:?}");
    assert_eq!(
        desk.json(&["retention", "list", "--json"]),
        Value::Array(vec![])
    );

    let out = desk.ok(&["retention", "adopt"]);
    assert!(out.stdout.contains("6 rules"), "{out:?}");
    let out = desk.ok(&["retention", "list"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{out:?}");
    for (line, (code, action, period)) in lines.iter().zip([
        ("unconfirmed-sign-ups", "delete", "30 days"),
        ("withdrawn-contacts", "delete", "12 months"),
        ("former-customers", "anonymise", "6 years"),
        ("inactive-contacts", "flag", "3 years"),
        ("closed-requests", "anonymise", "2 years"),
        ("old-consent-evidence", "anonymise", "6 years"),
    ]) {
        assert!(line.starts_with(code), "{line}");
        assert!(line.contains(action) && line.contains(period), "{line}");
    }
    let json = desk.json(&["retention", "list", "--json"]);
    let rules = json.as_array().unwrap();
    assert_eq!(rules.len(), 6);
    assert_eq!(rules[1]["code"], "withdrawn-contacts");
    assert_eq!(rules[1]["kind"], "subject");
    assert_eq!(rules[1]["condition"], "no-active-consent");
    assert_eq!(rules[1]["from"], "consent-withdrawal");
    assert_eq!(rules[1]["period"]["amount"], 12);
    assert_eq!(rules[1]["enabled"], true);

    // Adopting twice replaces the rules; removing one leaves five.
    desk.ok(&["retention", "adopt"]);
    let out = desk.ok(&["retention", "remove", "inactive-contacts"]);
    assert!(
        out.stdout.contains("Removed the rule inactive-contacts"),
        "{out:?}"
    );
    assert_eq!(
        desk.json(&["retention", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn a_rules_file_loads_or_is_refused_naming_the_file_and_the_rule() {
    let desk = Desk::new();
    let good = desk.store.secret_file(
        "rules.toml",
        r#"[[rule]]
code = "short-leads"
name = "Short leads"
kind = "subject"
condition = "never-consented"
period = "60 days"
from = "creation"
action = "delete"
reason = "Leads that never confirmed.""#,
    );
    let out = desk.ok(&["retention", "load", good.to_str().unwrap()]);
    assert!(out.stdout.contains("Loaded 1 rules"), "{out:?}");
    let bad = desk.store.secret_file(
        "bad-rules.toml",
        r#"[[rule]]
code = "broken"
name = "Broken"
kind = "subject"
period = "6 fortnights"
from = "creation"
action = "delete"
reason = "Because.""#,
    );
    let out = desk.fails(
        &["retention", "load", bad.to_str().unwrap()],
        "bad-rules.toml",
    );
    assert!(
        out.stderr.contains("rule 1 (broken)") && out.stderr.contains("period"),
        "{out:?}"
    );
    desk.fails(
        &["retention", "load", "no-such-file.toml"],
        "no-such-file.toml",
    );
    let rules = desk.json(&["retention", "list", "--json"]);
    assert_eq!(rules.as_array().unwrap().len(), 1, "{rules:#}");
}

#[test]
fn sweep_dry_run_json_parses_and_changes_nothing() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    desk.subject("ada@example.org", "Ada Lovelace");
    let before = desk.written();
    let report = desk.json(&["sweep", "--dry-run", "--json"]);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["as_of"], today());
    assert_eq!(report["outcome"], "completed");
    assert_eq!(report["run_by"], "owner");
    let rules = report["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 6);
    for r in rules {
        assert_eq!(r["status"], "planned", "{r:#}");
        assert!(r["due"].as_array().unwrap().is_empty(), "{r:#}");
    }
    assert_eq!(desk.sweeps_stored(), 0);
    let out = desk.ok(&["sweep", "--dry-run"]);
    assert!(
        out.stdout.starts_with("Dry run (nothing changed)"),
        "{out:?}"
    );
    assert_eq!(desk.sweeps_stored(), 0);
    assert_eq!(desk.written(), before, "nothing but sign-ins was written");
}

#[test]
fn sweep_with_no_rules_exits_1_and_says_so() {
    let desk = Desk::new();
    for args in [
        &["sweep"][..],
        &["sweep", "--dry-run"],
        &["sweep", "--json"],
    ] {
        let out = desk.fails(args, "there are no retention rules to apply");
        assert!(out.stderr.contains("retention adopt"), "{out:?}");
    }
    assert_eq!(desk.sweeps_stored(), 0);
    // Only disabled rules: the same.
    let off = desk.store.secret_file(
        "off.toml",
        r#"[[rule]]
code = "off"
name = "Off"
kind = "request"
period = "2 years"
from = "request-closure"
action = "anonymise"
reason = "Because."
enabled = false"#,
    );
    desk.ok(&["retention", "load", off.to_str().unwrap()]);
    desk.fails(&["sweep"], "there are no retention rules to apply");
}

#[test]
fn a_hold_is_added_listed_and_released() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    let subject = desk.subject("hilda@example.org", "Hilda Held");
    let out = desk.ok(&[
        "hold",
        "add",
        "--email",
        "Hilda@Example.org",
        "--reason",
        "Claim by a former supplier",
    ]);
    let id = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Placed the hold "))
        .and_then(|r| r.strip_suffix('.'))
        .unwrap_or_else(|| panic!("no hold id: {out:?}"))
        .to_owned();
    let list = desk.ok(&["hold", "list"]);
    let line = list
        .stdout
        .lines()
        .find(|l| l.starts_with(&id))
        .unwrap_or_else(|| panic!("hold not listed: {list:?}"));
    assert!(line.contains(&format!("subject {subject}")), "{line}");
    assert!(line.contains("Claim by a former supplier"), "{line}");
    assert!(
        line.contains("by owner") && !line.contains("released"),
        "{line}"
    );
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["legal_holds"], 1);

    let out = desk.ok(&["hold", "release", &id]);
    assert!(
        out.stdout.contains(&format!("Released the hold {id}")),
        "{out:?}"
    );
    let list = desk.ok(&["hold", "list"]);
    let line = list.stdout.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(line.contains(&format!("released {}", today())), "{line}");
    assert_eq!(desk.json(&["status", "--json"])["legal_holds"], 0);
    desk.fails(&["hold", "release", &id], "no hold");

    // A dated hold; one on a request by reference.
    let until = (Local::now().date_naive() + Days::new(30))
        .format("%Y-%m-%d")
        .to_string();
    desk.ok(&[
        "hold",
        "add",
        "--email",
        "hilda@example.org",
        "--reason",
        "Tax inspection",
        "--until",
        &until,
    ]);
    let opened = desk.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--regime",
        "gdpr",
        "--email",
        "hilda@example.org",
        "--received",
        &today(),
    ]);
    let reference = opened.stdout.lines().last().unwrap().trim().to_owned();
    let out = desk.ok(&[
        "hold",
        "add",
        "--request",
        &reference,
        "--reason",
        "Complaint",
    ]);
    assert!(out.stdout.contains("Placed the hold"), "{out:?}");
    let list = desk.ok(&["hold", "list"]);
    assert_eq!(list.stdout.lines().count(), 3, "{list:?}");
    assert!(list.stdout.contains(&format!("until {until}")), "{list:?}");
    assert!(list.stdout.contains("request "), "{list:?}");
    assert_eq!(desk.json(&["status", "--json"])["legal_holds"], 2);
}

#[test]
fn the_policy_is_written_as_markdown_html_word_or_pdf() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    let md = desk.store.dir.path().join("p.md");
    let out = desk.ok(&["retention", "policy", "--out", md.to_str().unwrap()]);
    assert!(out.stdout.contains("Wrote the retention policy"), "{out:?}");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# Data retention policy"), "{text}");
    for name in [
        "Unconfirmed sign-ups",
        "Withdrawn marketing contacts",
        "Former customers",
        "Inactive contacts",
        "Closed request files",
        "Evidence of withdrawn consents",
    ] {
        assert!(text.contains(name), "{name}: {text}");
    }
    let html = desk.store.dir.path().join("p.html");
    desk.ok(&["retention", "policy", "--out", html.to_str().unwrap()]);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("<h1>Data retention policy</h1>"), "{text}");
    let pdf = desk.store.dir.path().join("p.pdf");
    desk.ok(&["retention", "policy", "--out", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let docx = desk.store.dir.path().join("p.docx");
    desk.ok(&["retention", "policy", "--out", docx.to_str().unwrap()]);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    let odt = desk.store.dir.path().join("p.odt");
    let out = desk.fails(
        &["retention", "policy", "--out", odt.to_str().unwrap()],
        "must end in .md, .html, .docx or .pdf",
    );
    assert!(!odt.exists(), "{out:?}");
}

#[test]
fn the_interval_shows_in_status_and_a_sweep_resets_it() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["sweep"]["interval_days"], Value::Null);
    assert_eq!(status["sweep"]["due"], false, "no schedule: never due");

    let out = desk.ok(&["retention", "interval", "30"]);
    assert!(out.stdout.contains("every 30 days"), "{out:?}");
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["sweep"]["interval_days"], 30);
    assert_eq!(status["sweep"]["due"], true, "{status:#}");
    assert_eq!(status["sweep"]["next_due"], today());
    assert_eq!(status["sweep"]["last_run"], Value::Null);

    // A dry run is not a sweep.
    desk.ok(&["sweep", "--dry-run"]);
    assert_eq!(desk.json(&["status", "--json"])["sweep"]["due"], true);

    let out = desk.ok(&["sweep"]);
    assert!(out.stdout.starts_with("Sweep as of"), "{out:?}");
    assert_eq!(desk.sweeps_stored(), 1);
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["sweep"]["interval_days"], 30);
    assert_eq!(status["sweep"]["due"], false, "{status:#}");
    let next = (Local::now().date_naive() + Days::new(30))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(status["sweep"]["next_due"], next);
    assert!(status["sweep"]["last_run"].is_string(), "{status:#}");

    let out = desk.ok(&["retention", "interval", "0"]);
    assert!(out.stdout.contains("no longer scheduled"), "{out:?}");
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["sweep"]["interval_days"], Value::Null);
    assert_eq!(status["sweep"]["due"], false);
    let out = desk.fails(&["retention", "interval", "400"], "Interval");
    assert!(out.stderr.contains("366"), "{out:?}");
}

#[test]
fn an_ended_relationship_is_listed_under_former_customers() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    let fergus = desk.subject("fergus@example.org", "Fergus Former");
    let other = desk.subject("olga@example.org", "Olga Other");
    let out = desk.ok(&[
        "retention",
        "end-relationship",
        "FERGUS@example.org",
        "--on",
        "2019-01-01",
    ]);
    assert!(out.stdout.contains("ended on 2019-01-01"), "{out:?}");
    // A relationship that ended last year is not due yet.
    desk.ok(&["retention", "end-relationship", "olga@example.org"]);
    let report = desk.json(&["sweep", "--dry-run", "--json"]);
    let former = Desk::rule(&report, "former-customers");
    assert_eq!(strings(&former["due"]), vec![fergus.clone()], "{report:#}");
    assert!(!strings(&former["due"]).contains(&other));

    // A hold moves him to `held`.
    desk.ok(&[
        "hold",
        "add",
        "--email",
        "fergus@example.org",
        "--reason",
        "Claim",
    ]);
    let report = desk.json(&["sweep", "--dry-run", "--json"]);
    let former = Desk::rule(&report, "former-customers");
    assert!(former["due"].as_array().unwrap().is_empty(), "{report:#}");
    assert_eq!(strings(&former["held"]), vec![fergus.clone()]);

    // Cleared: no longer a former customer.
    let out = desk.ok(&[
        "retention",
        "end-relationship",
        "fergus@example.org",
        "--clear",
    ]);
    assert!(out.stdout.contains("Cleared"), "{out:?}");
    let report = desk.json(&["sweep", "--dry-run", "--json"]);
    let former = Desk::rule(&report, "former-customers");
    assert!(former["due"].as_array().unwrap().is_empty(), "{report:#}");
    assert!(former["held"].as_array().unwrap().is_empty(), "{report:#}");
}

#[test]
fn bad_inputs_exit_1_with_a_specific_message() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    desk.subject("ada@example.org", "Ada Lovelace");
    desk.fails(
        &[
            "retention",
            "end-relationship",
            "nobody@example.org",
            "--on",
            "2019-01-01",
        ],
        "there is no subject with the email \"nobody@example.org\"",
    );
    desk.fails(
        &[
            "retention",
            "end-relationship",
            "ada@example.org",
            "--on",
            "2019-13-01",
        ],
        "--on: \"2019-13-01\" is not a date",
    );
    desk.fails(
        &[
            "retention",
            "end-relationship",
            "ada@example.org",
            "--on",
            "01/01/2019",
        ],
        "YYYY-MM-DD",
    );
    desk.fails(
        &["retention", "remove", "no-such-rule"],
        "there is no rule no-such-rule",
    );
    desk.fails(
        &[
            "hold",
            "add",
            "--email",
            "nobody@example.org",
            "--reason",
            "Claim",
        ],
        "there is no subject with the email",
    );
    desk.fails(
        &["hold", "add", "--request", "R-9999", "--reason", "Claim"],
        "there is no request R-9999",
    );
    desk.fails(
        &[
            "hold",
            "add",
            "--email",
            "ada@example.org",
            "--reason",
            "Claim",
            "--until",
            "soon",
        ],
        "--until: \"soon\" is not a date",
    );
    desk.fails(
        &[
            "hold",
            "add",
            "--email",
            "ada@example.org",
            "--reason",
            "Claim",
            "--until",
            "2020-01-01",
        ],
        "Until: the end date is in the past",
    );
    desk.fails(
        &[
            "hold",
            "add",
            "--email",
            "ada@example.org",
            "--reason",
            "  ",
        ],
        "Reason:",
    );
    desk.fails(
        &["hold", "release", "not-an-id"],
        "\"not-an-id\" is not a hold id",
    );
    desk.fails(
        &["hold", "release", "5f0c7a3e-1111-4222-8333-944455556666"],
        "there is no hold 5f0c7a3e-1111-4222-8333-944455556666 in force",
    );
    assert_eq!(desk.ok(&["hold", "list"]).stdout.trim(), "No legal holds.");
    // Usage errors (clap) are not exit 1.
    let out = desk.run(&["hold", "add", "--reason", "Claim"]);
    assert_ne!(out.code, Some(0), "{out:?}");
}

/// Issue 16, item 2: `subject add --recorded-on D` records the day the person's data was first
/// collected, and retention counts from it (not from the day it was typed in); a day in the
/// future is refused.
#[test]
fn subject_add_recorded_on_makes_retention_count_from_that_day() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    let four_years_ago = (chrono::Local::now().date_naive() - chrono::Days::new(4 * 366))
        .format("%Y-%m-%d")
        .to_string();
    let out = desk.ok(&[
        "subject",
        "add",
        "--email",
        "old.customer@example.org",
        "--name",
        "Olwen Oldlist",
        "--recorded-on",
        &four_years_ago,
    ]);
    let old = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Added subject "))
        .and_then(|rest| rest.strip_suffix('.'))
        .expect("id")
        .to_owned();
    let new = desk.subject("new.customer@example.org", "Nia Newlist");
    let shown = desk.json(&["subject", "show", "old.customer@example.org", "--json"]);
    assert!(
        shown["created_at"]
            .as_str()
            .unwrap_or("")
            .starts_with(&four_years_ago),
        "{shown:#}"
    );
    let report = desk.json(&["sweep", "--dry-run", "--json"]);
    let inactive = Desk::rule(&report, "inactive-contacts");
    let due: Vec<&str> = inactive["due"]
        .as_array()
        .expect("due")
        .iter()
        .filter_map(|d| d["record"].as_str().or(d.as_str()))
        .collect();
    assert!(due.iter().any(|d| d.contains(&old)), "{inactive:#}");
    assert!(!due.iter().any(|d| d.contains(&new)), "{inactive:#}");

    desk.fails(
        &[
            "subject",
            "add",
            "--email",
            "future@example.org",
            "--recorded-on",
            "2999-01-01",
        ],
        "in the future",
    );
}

/// Issue 16, item 1: `subject add --customer-since D` records a customer, whom a marketing rule
/// never removes (GDPR Art. 6(1)(b)): a customer who unsubscribed two years ago is not due
/// under withdrawn-contacts, a contact who did the same is; `subject show --json` gives the
/// day; a day in the future is refused and nothing is recorded.
#[test]
fn a_customer_who_unsubscribed_is_not_deleted_by_the_marketing_rules() {
    let desk = Desk::new();
    desk.ok(&["retention", "adopt"]);
    let add = |email: &str, extra: &[&str]| -> String {
        let mut args = vec!["subject", "add", "--email", email, "--name", "Pat Person"];
        args.extend_from_slice(extra);
        let out = desk.ok(&args);
        out.stdout
            .lines()
            .find_map(|l| l.strip_prefix("Added subject "))
            .and_then(|rest| rest.strip_suffix('.'))
            .expect("id")
            .to_owned()
    };
    let customer = add(
        "carys.customer@example.org",
        &["--customer-since", "2021-04-01"],
    );
    let contact = add("connor.contact@example.org", &[]);
    for email in ["carys.customer@example.org", "connor.contact@example.org"] {
        for (event, at) in [
            ("given", "2022-01-10 09:00:00"),
            ("withdrawn", "2024-01-10 09:00:00"),
        ] {
            desk.ok(&[
                "consent",
                "record",
                email,
                "--purpose",
                "newsletter",
                "--event",
                event,
                "--channel",
                "web-form",
                "--at",
                at,
            ]);
        }
    }
    let shown = desk.json(&["subject", "show", "carys.customer@example.org", "--json"]);
    assert_eq!(shown["customer_since"], "2021-04-01", "{shown:#}");
    let report = desk.json(&["sweep", "--dry-run", "--json"]);
    let withdrawn = Desk::rule(&report, "withdrawn-contacts");
    let due = withdrawn.to_string();
    assert!(due.contains(&contact), "{withdrawn:#}");
    assert!(!due.contains(&customer), "{withdrawn:#}");

    desk.fails(
        &[
            "subject",
            "add",
            "--email",
            "future.customer@example.org",
            "--customer-since",
            "2999-01-01",
        ],
        "in the future",
    );
    assert_eq!(
        query_i64(&desk.store.raw(), "SELECT COUNT(*) FROM subjects"),
        2,
        "the refused subject was recorded"
    );
}
