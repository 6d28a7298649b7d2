//! The officer's own vendor questionnaire on the command line: `vendor questions --load FILE`
//! replaces the shipped one (the rating and `vendor questions` use it; vendors keep their
//! answers), a bad file is refused naming the file and the line with the store unchanged,
//! `--reset` brings back the shipped one, and each change is audited.

use std::path::{Path, PathBuf};

use chrono::Local;
use serde_json::Value;

use crate::common::desk::Desk;
use crate::common::query_i64;
use crate::vendors_cli::GOOD_ANSWERS;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

impl Desk {
    /// The settings rows and the audit entries other than sign-ins.
    fn questionnaire_state(&self) -> (Vec<(String, String)>, i64) {
        let conn = self.store.raw();
        let mut stmt = conn
            .prepare("SELECT key, value FROM settings ORDER BY key")
            .unwrap();
        let settings = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let audited = query_i64(
            &conn,
            "SELECT COUNT(*) FROM audit_log WHERE action <> 'session.unlocked'",
        );
        (settings, audited)
    }

    fn questionnaire_changes(&self) -> i64 {
        query_i64(
            &self.store.raw(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.questionnaire_changed'",
        )
    }

    fn rating(&self, code: &str) -> Value {
        self.json(&["vendor", "show", code, "--json"])["rating"].clone()
    }
}

fn reason_texts(rating: &Value) -> Vec<String> {
    rating["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["text"].as_str().expect("a text").to_owned())
        .collect()
}

#[test]
fn the_officer_loads_a_questionnaire_reviews_with_it_and_goes_back_to_the_shipped_one() {
    let desk = Desk::new();
    desk.ok(&[
        "vendor",
        "add",
        "--name",
        "Till Cloud",
        "--country",
        "Ireland",
        "--dpa-signed-on",
        "2025-03-01",
    ]);
    let answers = desk.store.secret_file("answers.toml", GOOD_ANSWERS);
    desk.ok(&[
        "vendor",
        "review",
        "till-cloud",
        "--answers",
        path(&answers),
    ]);
    assert_eq!(desk.rating("till-cloud")["score"], 0);
    let out = desk.ok(&["vendor", "questions"]);
    assert!(
        out.stdout
            .contains("In use: the questionnaire shipped with Privacy Desk"),
        "{out:?}"
    );
    assert_eq!(desk.questionnaire_changes(), 0);

    // Load the café's own questionnaire.
    let custom = data("vendor_questionnaire_custom.toml");
    let out = desk.ok(&["vendor", "questions", "--load", path(&custom)]);
    assert!(out.stdout.contains("5 questions"), "{out:?}");
    assert_eq!(desk.questionnaire_changes(), 1);
    let today = Local::now().date_naive().to_string();
    let out = desk.ok(&["vendor", "questions"]);
    assert!(
        out.stdout.contains(&format!(
            "In use: your questionnaire, loaded from vendor_questionnaire_custom.toml on {today} (5 questions)"
        )),
        "{out:?}"
    );
    assert!(out.stdout.contains("backups-tested"), "{out:?}");
    assert!(!out.stdout.contains("encryption-at-rest"), "{out:?}");
    let listed = desk.json(&["vendor", "questions", "--json"]);
    assert_eq!(listed["source"]["kind"], "loaded");
    assert_eq!(
        listed["source"]["file_name"],
        "vendor_questionnaire_custom.toml"
    );
    assert_eq!(listed["thresholds"]["high_at"], 7);
    assert_eq!(listed["questions"].as_array().unwrap().len(), 5);

    // The vendor keeps its answers; the rating uses the new questions: the old breach answer
    // is not one of the new options (3), two new questions are not answered (2 + 1).
    let rating = desk.rating("till-cloud");
    let texts = reason_texts(&rating);
    assert_eq!(
        (rating["level"].as_str(), rating["score"].as_u64()),
        (Some("medium"), Some(6)),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t
            == "The earlier answer no longer fits the question, counted as risky: How soon does the vendor promise to tell us about a breach?"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t
            == "Not answered, counted as risky: Does the vendor test restoring its backups at least once a year?"),
        "{texts:?}"
    );
    assert_eq!(texts.len(), 3, "old questions are ignored: {texts:?}");
    let shown = desk.json(&["vendor", "show", "till-cloud", "--json"]);
    assert_eq!(shown["answers"]["audits"], "yes", "{shown:#}");

    // A review under the new questionnaire; the answers to the old questions stay on record.
    let reviewed = desk.json(&[
        "vendor",
        "review",
        "till-cloud",
        "--answer",
        "dpa-terms=yes",
        "--answer",
        "breach-notice=within-24-hours",
        "--answer",
        "backups-tested=yes",
        "--answer",
        "support-in-eu=no",
        "--json",
    ]);
    assert_eq!(reviewed["rating"]["level"], "low", "{reviewed:#}");
    assert_eq!(reviewed["rating"]["score"], 1, "{reviewed:#}");
    let shown = desk.json(&["vendor", "show", "till-cloud", "--json"]);
    assert_eq!(shown["answers"]["encryption-at-rest"], "yes", "{shown:#}");
    assert_eq!(shown["answers"]["backups-tested"], "yes", "{shown:#}");
    desk.fails(
        &[
            "vendor",
            "review",
            "till-cloud",
            "--answer",
            "encryption-at-rest=no",
        ],
        "no question \"encryption-at-rest\"",
    );

    // Bad files are refused, naming the file and the line, and change nothing.
    let before = desk.questionnaire_state();
    let duplicate = data("bad_vendor_questionnaire_duplicate.toml");
    desk.fails(
        &["vendor", "questions", "--load", path(&duplicate)],
        &format!(
            "{}, line 17: question backups-tested: the id is used twice",
            duplicate.display()
        ),
    );
    let syntax = data("bad_vendor_questionnaire_syntax.toml");
    let out = desk.fails(
        &["vendor", "questions", "--load", path(&syntax)],
        &format!("{}, line 10: ", syntax.display()),
    );
    assert!(out.stderr.contains("Questionnaire file"), "{out:?}");
    desk.fails(
        &[
            "vendor",
            "questions",
            "--load",
            "/no/such/questionnaire.toml",
        ],
        "could not be read",
    );
    assert_eq!(
        desk.questionnaire_state(),
        before,
        "a refused file changes nothing"
    );
    assert_eq!(
        desk.json(&["vendor", "questions", "--json"])["source"]["kind"],
        "loaded"
    );

    // Back to the shipped questionnaire: the earlier answers count again.
    let out = desk.ok(&["vendor", "questions", "--reset"]);
    assert!(out.stdout.contains("in use again"), "{out:?}");
    assert_eq!(desk.questionnaire_changes(), 2);
    let out = desk.ok(&["vendor", "questions"]);
    assert!(out.stdout.contains("shipped with Privacy Desk"), "{out:?}");
    assert!(out.stdout.contains("encryption-at-rest"), "{out:?}");
    assert_eq!(
        desk.json(&["vendor", "questions", "--json"])["source"]["kind"],
        "shipped"
    );
    // Only the breach answer given under the café's questionnaire does not fit the shipped one.
    let rating = desk.rating("till-cloud");
    assert_eq!(rating["score"], 3, "{rating:#}");
    assert_eq!(rating["level"], "low", "{rating:#}");
    let conn = desk.store.raw();
    let settings = query_i64(
        &conn,
        "SELECT COUNT(*) FROM settings WHERE key LIKE 'vendor_questionnaire%'",
    );
    assert_eq!(settings, 0, "the loaded questionnaire is removed");

    // A second reset writes nothing.
    let out = desk.ok(&["vendor", "questions", "--reset"]);
    assert!(out.stdout.contains("already in use"), "{out:?}");
    assert_eq!(desk.questionnaire_changes(), 2);
    desk.ok(&["audit", "verify"]);
}

#[test]
fn the_audit_entries_name_the_question_count_only() {
    let desk = Desk::new();
    desk.ok(&[
        "vendor",
        "questions",
        "--load",
        path(&data("vendor_questionnaire_custom.toml")),
    ]);
    desk.ok(&["vendor", "questions", "--reset"]);
    let conn = desk.store.raw();
    let mut stmt = conn
        .prepare(
            "SELECT entity_kind, entity_id, details FROM audit_log WHERE action = 'vendor.questionnaire_changed' ORDER BY seq",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            (
                "settings".to_owned(),
                "vendor_questionnaire".to_owned(),
                "loaded from a file: 5 questions, 4 scored".to_owned()
            ),
            (
                "settings".to_owned(),
                "vendor_questionnaire".to_owned(),
                "shipped questionnaire restored: 15 questions".to_owned()
            ),
        ]
    );
}
