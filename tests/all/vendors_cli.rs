//! The vendor register on the command line: `vendor add | list | show | review | remove |
//! questions`, the risk rating and the next review after a review, the `vendor_reviews_due` of
//! `status --json`, and that a vendor an activity (written through the library) refers to
//! cannot be removed. "Today" is the day the tests run on.

use chrono::{Local, Months, NaiveDate};
use privacy_desk::domain::records::{Activity, RecordCode};
use serde_json::Value;

use crate::common::desk::Desk;
use crate::common::{PASS, query_i64};

/// Every scored question answered well (also used by `vendor_questionnaire`).
pub(crate) const GOOD_ANSWERS: &str = r#"
dpa-terms = "yes"
certification = "independent"
encryption-in-transit = true
encryption-at-rest = "yes"
access-controls = "yes"
account-mfa = "yes"
staff-confidentiality = "yes"
breach-notice = "within-48-hours"
incident-history = "none-known"
sub-processor-list = "yes"
sub-processor-notice = "yes"
data-location = "yes"
deletion-at-end = "yes"
audits = "yes"
review-notes = "Read the DPA and the SOC 2 report."
"#;

impl Desk {
    /// The `vendor list --json` row of `code`.
    fn row(&self, code: &str) -> Value {
        let list = self.json(&["vendor", "list", "--json"]);
        list.as_array()
            .expect("an array")
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("no vendor {code}: {list:#}"))
            .clone()
    }
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn months_on(n: u32) -> String {
    (today() + Months::new(n)).to_string()
}

#[test]
fn a_vendor_is_added_reviewed_rated_and_listed() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "vendor",
        "add",
        "--name",
        "Mailchimp",
        "--service",
        "Sends the newsletter",
        "--country",
        "Ireland",
        "--country",
        "United States=standard-contractual-clauses",
        "--dpa-signed-on",
        "2025-05-01",
        "--category",
        "contact.email",
        "--sub-processor",
        "Amazon Web Services;United States;hosting",
        "--certification",
        "SOC 2 Type II",
    ]);
    assert!(out.stdout.contains("mailchimp"), "{out:?}");

    // A new vendor is due for review today and, with nothing answered, rated High.
    let row = desk.row("mailchimp");
    assert_eq!(row["role"], "processor");
    assert_eq!(row["dpa"], "signed");
    assert_eq!(row["dpa_signed_on"], "2025-05-01");
    assert_eq!(
        row["countries"],
        serde_json::json!(["Ireland", "United States"])
    );
    assert_eq!(row["rating"], "high");
    assert_eq!(row["next_review_on"], today().to_string());
    assert_eq!(row["due"], true);
    let status = desk.json(&["status", "--json"]);
    let due = status["vendor_reviews_due"].as_array().expect("a list");
    assert_eq!(due.len(), 1, "{status:#}");
    assert_eq!(due[0]["code"], "mailchimp");
    assert_eq!(due[0]["overdue"], false);

    // Every answer good: Low, next review in 12 months.
    let file = desk.store.secret_file("answers.toml", GOOD_ANSWERS);
    let reviewed = desk.json(&[
        "vendor",
        "review",
        "mailchimp",
        "--answers",
        file.to_str().expect("utf-8 path"),
        "--json",
    ]);
    assert_eq!(reviewed["rating"]["level"], "low", "{reviewed:#}");
    assert_eq!(reviewed["rating"]["score"], 0);
    assert_eq!(reviewed["next_review_on"], months_on(12));
    let row = desk.row("mailchimp");
    assert_eq!(
        (row["rating"].clone(), row["due"].clone()),
        ("low".into(), false.into())
    );
    assert_eq!(row["last_reviewed_on"], today().to_string());
    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["vendor_reviews_due"], serde_json::json!([]));

    // Two risky answers on the command line override the file: Medium, 6 months.
    desk.ok(&[
        "vendor",
        "review",
        "mailchimp",
        "--answers",
        file.to_str().expect("utf-8 path"),
        "--answer",
        "breach-notice=no-commitment",
        "--answer",
        "certification=none",
    ]);
    let row = desk.row("mailchimp");
    assert_eq!(
        (row["rating"].clone(), row["score"].clone()),
        ("medium".into(), 5.into())
    );
    assert_eq!(row["next_review_on"], months_on(6));
    let shown = desk.json(&["vendor", "show", "mailchimp", "--json"]);
    assert_eq!(shown["answers"]["breach-notice"], "no-commitment");
    assert_eq!(shown["sub_processors"][0]["name"], "Amazon Web Services");
    let reasons = shown["rating"]["reasons"].as_array().expect("reasons");
    assert_eq!(reasons.len(), 2, "{shown:#}");
    assert!(
        reasons[0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("independently certified")
    );

    // A processor without a DPA is High even when every answer is good.
    desk.ok(&["vendor", "add", "--name", "Shop host"]);
    let reviewed = desk.json(&[
        "vendor",
        "review",
        "shop-host",
        "--answers",
        file.to_str().expect("utf-8 path"),
        "--json",
    ]);
    assert_eq!(reviewed["rating"]["level"], "high");
    assert!(
        reviewed["rating"]["reasons"][0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("Art. 28(3)"),
        "{reviewed:#}"
    );
    assert_eq!(reviewed["next_review_on"], months_on(3));

    // Mistakes are named.
    desk.fails(
        &["vendor", "review", "mailchimp", "--answer", "audits=maybe"],
        "question audits",
    );
    desk.fails(&["vendor", "review", "mailchimp"], "--answers FILE");
    desk.fails(&["vendor", "show", "acme"], "there is no vendor acme");
    desk.fails(
        &["vendor", "add", "--name", "Mailchimp"],
        "already a vendor",
    );
    desk.fails(
        &["vendor", "add", "--name", "X", "--country", "Mars=teleport"],
        "not a safeguard",
    );
    desk.fails(
        &["vendor", "add", "--name", "Y", "--category", "no.such"],
        "no data category no.such",
    );
    let text = desk.ok(&["vendor", "list"]).stdout;
    assert!(
        text.contains("mailchimp") && text.contains("medium"),
        "{text}"
    );
    assert!(
        desk.ok(&["vendor", "questions"])
            .stdout
            .contains("breach-notice")
    );
    let reviews = query_i64(
        &desk.store.raw(),
        "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.reviewed'",
    );
    assert_eq!(reviews, 3, "one entry per recorded review");
}

#[test]
fn a_vendor_an_activity_names_cannot_be_removed() {
    let desk = Desk::new();
    desk.ok(&["vendor", "add", "--name", "Mailchimp"]);
    {
        let s = desk.store.unlock(PASS).expect("unlock");
        let mut a = Activity::named("Newsletter sending");
        a.vendors = vec![RecordCode::parse("mailchimp").expect("code")];
        s.records().save_activity(&a, true).expect("activity saved");
    }
    desk.fails(
        &["vendor", "remove", "mailchimp"],
        "cannot be removed while the processing activity “Newsletter sending”",
    );
    {
        let s = desk.store.unlock(PASS).expect("unlock");
        s.records()
            .remove_activity(&RecordCode::parse("newsletter-sending").expect("code"))
            .expect("activity removed");
    }
    desk.ok(&["vendor", "remove", "mailchimp"]);
    assert_eq!(
        desk.json(&["vendor", "list", "--json"]),
        serde_json::json!([])
    );
    let conn = desk.store.raw();
    for (action, n) in [("vendor.saved", 1), ("vendor.removed", 1)] {
        assert_eq!(
            query_i64(
                &conn,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND entity_id = 'mailchimp'"
                )
            ),
            n,
            "{action}"
        );
    }
}
