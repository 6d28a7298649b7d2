//! The record of processing activities (GDPR Art. 30) and the data inventory: the links are
//! checked, records others refer to (retention rules included) cannot be removed, a store
//! from before schema 7 gets the default taxonomy, and `ropa export` (CSV, PDF, JSON),
//! `ropa import`, `ropa list` and `system list` on the command line. A JSON export
//! re-imported into a fresh store gives the same register; a bad file names the record and
//! the field and changes nothing.

use std::path::Path;

use privacy_desk::domain::access::Role;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::records::{
    Activity, Art9Condition, CategoryCode, DataCategory, DataSystem, RecordCode, SpecialCategory,
    SystemKind, Transfer, TransferSafeguard,
};
use privacy_desk::services::CSV_COLUMNS;
use serde_json::Value;

use crate::common::{PASS, Run, TempStore, pass, profile, query_i64, run};

fn cat(s: &str) -> CategoryCode {
    CategoryCode::parse(s).unwrap()
}

fn rec(s: &str) -> RecordCode {
    RecordCode::parse(s).unwrap()
}

fn newsletter() -> Activity {
    let mut a = Activity::named("Sending the newsletter");
    a.description = "=HYPERLINK(\"x\") monthly news to subscribers".into();
    a.purposes = vec![PurposeCode::parse("newsletter").unwrap()];
    a.subject_categories = vec!["Newsletter subscribers".into()];
    a.data_categories = vec![cat("contact.email"), cat("identity.name")];
    a.internal_recipients = vec!["Marketing".into()];
    a.transfers = vec![Transfer {
        country: "United States".into(),
        safeguard: TransferSafeguard::StandardContractualClauses,
        note: "EU SCCs module 2".into(),
    }];
    a.retention_rules = vec!["withdrawn-contacts".into()];
    a.retention_note = "Bounced addresses are removed at once.".into();
    a.security_note = "Two-factor sign-in to the email platform.".into();
    a
}

fn shop_system() -> DataSystem {
    DataSystem {
        code: rec("online-shop"),
        name: "Online shop".into(),
        kind: SystemKind::Shop,
        location: "EU (Frankfurt)".into(),
        vendor: None,
        data_categories: vec![cat("contact.email"), cat("sensitive.health")],
        activities: vec![rec("sending-the-newsletter")],
        holds_register: false,
        keeps_for: None,
        notes: String::new(),
    }
}

/// A store with a profile, the default retention rules, an extra category, two activities
/// (one with a special category) and a system.
fn filled_store() -> TempStore {
    let store = TempStore::new();
    let (s, _) = store.create();
    s.settings()
        .save_profile(&profile("Corner Bakery Ltd"))
        .unwrap();
    s.retention().adopt_default_retention().unwrap();
    s.records()
        .add_data_category(&DataCategory {
            code: cat("purchase.loyalty-card"),
            name: "Loyalty card number".into(),
            description: "The number on the card.".into(),
            special: None,
        })
        .unwrap();
    s.records().save_activity(&newsletter(), true).unwrap();
    let mut allergies = Activity::named("Allergy notes for orders");
    allergies.data_categories = vec![cat("sensitive.health"), cat("purchase.loyalty-card")];
    allergies.art9_condition = Some(Art9Condition::ExplicitConsent);
    s.records().save_activity(&allergies, true).unwrap();
    s.records().save_data_system(&shop_system(), true).unwrap();
    store
}

fn cli(store: &TempStore, args: &[&str]) -> Run {
    let pass_file = store.secret_file("pass.txt", PASS);
    run(store.cli_with(&pass_file).args(args))
}

fn ok(store: &TempStore, args: &[&str]) -> Run {
    let out = cli(store, args);
    assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
    out
}

fn audit_entries(store: &TempStore) -> i64 {
    query_i64(&store.raw(), "SELECT COUNT(*) FROM audit_log")
}

#[test]
fn links_are_checked_and_referred_records_cannot_be_removed() {
    let store = filled_store();
    let s = store.unlock(PASS).unwrap();

    let mut bad = Activity::named("Profiling");
    bad.purposes = vec![PurposeCode::parse("no-such-purpose").unwrap()];
    let e = s
        .records()
        .save_activity(&bad, true)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("Purposes: there is no purpose no-such-purpose"),
        "{e}"
    );
    bad.purposes.clear();
    bad.vendors = vec![rec("mailchimp")];
    let e = s
        .records()
        .save_activity(&bad, true)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("Vendors: there is no vendor mailchimp"),
        "{e}"
    );
    bad.vendors.clear();
    bad.retention_rules = vec!["forever".into()];
    let e = s
        .records()
        .save_activity(&bad, true)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("Retention rules:"), "{e}");
    let e = s
        .records()
        .save_activity(&newsletter(), true)
        .unwrap_err()
        .to_string();
    assert!(e.contains("already a processing activity"), "{e}");

    let mut system = shop_system();
    system.code = rec("crm");
    system.activities = vec![rec("nothing")];
    let e = s
        .records()
        .save_data_system(&system, true)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("Activities: there is no processing activity nothing"),
        "{e}"
    );

    let e = s
        .records()
        .remove_data_category(&cat("purchase.loyalty-card"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("processing activity “Allergy notes for orders”"),
        "{e}"
    );
    let e = s
        .records()
        .remove_data_category(&cat("contact"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("data category “Email address”"), "{e}");
    let e = s
        .records()
        .remove_activity(&rec("sending-the-newsletter"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("the system “Online shop”"), "{e}");

    // Once nothing refers to them, they go, each with its audit entry.
    let before = s.settings().status().unwrap().counts.audit_entries;
    s.records().remove_data_system(&rec("online-shop")).unwrap();
    s.records()
        .remove_activity(&rec("sending-the-newsletter"))
        .unwrap();
    assert_eq!(
        s.settings().status().unwrap().counts.audit_entries,
        before + 2
    );
    let actions: Vec<String> = s
        .audit()
        .audit_page(&Default::default(), 0, 2)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["activity.removed", "system.removed"]);
}

/// Regression: removing a retention rule an activity named left a dangling link in the record.
#[test]
fn a_retention_rule_an_activity_names_cannot_be_removed() {
    let store = filled_store();
    let rule_rows = |store: &TempStore| {
        query_i64(
            &store.raw(),
            "SELECT COUNT(*) FROM retention_rules WHERE code = 'withdrawn-contacts'",
        )
    };
    let wanted = "Rule: “Withdrawn marketing contacts” cannot be removed while the processing \
                  activity “Sending the newsletter” (sending-the-newsletter, under Retention \
                  rules) refers to it; change it first";

    // Through the library: refused, naming the activity; nothing changes.
    let s = store.unlock(PASS).unwrap();
    let before = s.settings().status().unwrap().counts.audit_entries;
    let e = s
        .retention()
        .remove_retention_rule("withdrawn-contacts")
        .unwrap_err()
        .to_string();
    assert_eq!(e, wanted);
    assert_eq!(s.settings().status().unwrap().counts.audit_entries, before);
    drop(s);
    assert_eq!(rule_rows(&store), 1);

    // Through the command line: exit 1 with the same sentence; nothing changes.
    let out = cli(&store, &["retention", "remove", "withdrawn-contacts"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains(wanted), "{out:?}");
    assert_eq!(rule_rows(&store), 1);
    let rule_changes = "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.rules_changed'";
    let changes = query_i64(&store.raw(), rule_changes);

    // Once the activity names it no more, it goes, with its audit entry.
    let s = store.unlock(PASS).unwrap();
    let mut a = s
        .records()
        .activity(&rec("sending-the-newsletter"))
        .unwrap()
        .unwrap();
    a.retention_rules.clear();
    s.records().save_activity(&a, false).unwrap();
    drop(s);
    let out = ok(&store, &["retention", "remove", "withdrawn-contacts"]);
    assert!(
        out.stdout.contains("Removed the rule withdrawn-contacts."),
        "{out:?}"
    );
    assert_eq!(rule_rows(&store), 0);
    assert_eq!(query_i64(&store.raw(), rule_changes), changes + 1);
}

#[test]
fn an_auditor_may_read_and_export_but_not_edit() {
    let store = filled_store();
    let mut owner = store.unlock(PASS).unwrap();
    owner
        .users()
        .add_user("ann", Role::Auditor, &pass("ann's own passphrase"))
        .unwrap();
    drop(owner);
    let ann = crate::common::unlock_as(&store.path, "ann", "ann's own passphrase").unwrap();
    assert_eq!(ann.records().activities().unwrap().len(), 2);
    let e = ann
        .records()
        .save_activity(&Activity::named("X"), true)
        .unwrap_err();
    assert!(
        matches!(e, privacy_desk::services::ServiceError::NotPermitted(_)),
        "{e}"
    );
    let out = store.dir.path().join("ropa.json");
    ann.exports()
        .export_ropa(
            privacy_desk::services::RopaFormat::Json,
            &out,
            chrono::Local::now().date_naive(),
        )
        .unwrap();
    assert!(out.exists());
}

#[test]
fn a_store_from_before_schema_7_gets_the_default_taxonomy_once() {
    let store = TempStore::new().created();
    {
        let conn = store.raw();
        // Tables of later schemas go too.
        let later: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'assessment%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for table in later {
            conn.execute_batch(&format!("DROP TABLE {table};")).unwrap();
        }
        conn.execute_batch(
            "DROP TABLE pseudonym_keys; DROP TABLE incidents; DROP TABLE trainings;
             DROP TABLE security_measures; DROP TABLE vendors; DROP TABLE systems;
             DROP TABLE activities; DROP TABLE data_categories;
             DELETE FROM settings WHERE key = 'taxonomy_adopted';
             DROP INDEX subjects_live_dates; DROP INDEX consent_events_subject;
             CREATE INDEX consent_events_subject ON consent_events (subject_id, at, seq);
             ALTER TABLE requests DROP COLUMN identity_asked_on;
             ALTER TABLE subjects DROP COLUMN customer_since;
             ALTER TABLE requests DROP COLUMN clarification_asked_on;
             ALTER TABLE requests DROP COLUMN clarified_on;
             ALTER TABLE requests DROP COLUMN clarification_paused_days;
             ALTER TABLE requests DROP COLUMN acknowledged_on;
             ALTER TABLE erasures DROP COLUMN subject_id;
             DROP TABLE inbox_messages; DROP TABLE inbox_imap_seen; DROP TABLE inbox_account;
             DROP TABLE attachment_chunks; DROP TABLE attachments; DROP TABLE objection_decisions;
             DROP TABLE request_tasks; DROP TABLE campaign_sends; DROP TABLE import_mappings;
             ALTER TABLE vault_header DROP COLUMN carried_keys;
             DROP TABLE request_terms; ALTER TABLE requests DROP COLUMN language;
             DROP TABLE parental_authorisations; DROP TABLE subject_ages;
             DROP TABLE erasure_exceptions; ALTER TABLE organisation_profile DROP COLUMN roles;
             ALTER TABLE organisation_profile DROP COLUMN automated_decisions;
             ALTER TABLE consent_events DROP COLUMN row_mac; ALTER TABLE users DROP COLUMN row_mac;
             ALTER TABLE subjects DROP COLUMN row_mac; ALTER TABLE erasures DROP COLUMN row_mac;
             ALTER TABLE retention_rules DROP COLUMN row_mac;
             ALTER TABLE legal_holds DROP COLUMN row_mac; ALTER TABLE requests DROP COLUMN row_mac;
             PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let s = store.unlock(PASS).unwrap();
    assert_eq!(
        s.store().schema_version().unwrap(),
        privacy_desk::store::migrations::LATEST_VERSION
    );
    let t = s.records().data_taxonomy().unwrap();
    assert!(t.get(&cat("contact.email")).is_some());
    assert_eq!(
        t.special(&cat("sensitive.health")),
        Some(SpecialCategory::Art9)
    );
    let last = s.audit().audit_page(&Default::default(), 0, 2).unwrap();
    assert!(
        last.iter().any(|e| e.action == "categories.adopted"),
        "{last:?}"
    );
    let entries = s.settings().status().unwrap().counts.audit_entries;
    drop(s);
    // The next unlock adopts nothing more.
    let s = store.unlock(PASS).unwrap();
    assert_eq!(
        s.settings().status().unwrap().counts.audit_entries,
        entries + 1
    );
}

#[test]
fn csv_has_a_row_per_activity_with_the_points_of_article_30() {
    let store = filled_store();
    let out_file = store.dir.path().join("ropa.csv");
    ok(
        &store,
        &[
            "ropa",
            "export",
            "--format",
            "csv",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    let mut reader = csv::Reader::from_path(&out_file).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    let col = |name: &str| &row[CSV_COLUMNS.iter().position(|c| *c == name).unwrap()];
    assert_eq!(col("Activity"), "Sending the newsletter");
    assert!(col("Description").starts_with("'="), "formula neutralised");
    assert!(col("(a) Controller").starts_with("Corner Bakery Ltd, Controller Office"));
    assert_eq!(col("(a) Data protection officer"), "None appointed");
    assert_eq!(
        col("(b) Purposes and legal bases"),
        "Newsletter: Consent (Art. 6(1)(a))"
    );
    assert_eq!(
        col("(c) Categories of personal data"),
        "Email address; Name"
    );
    assert_eq!(
        col("(e) Transfers to third countries and safeguards"),
        "United States: Standard contractual clauses (Art. 46) (EU SCCs module 2)"
    );
    let retention = col("(f) Time limits for erasure");
    assert!(
        retention.contains("12 months after consent is withdrawn or expires")
            && retention.ends_with("Bounced addresses are removed at once."),
        "{retention}"
    );
    let second = &rows[1];
    assert!(
        second[7].contains("(special category, Art. 9)"),
        "{second:?}"
    );
    assert_eq!(&second[8], "Explicit consent (Art. 9(2)(a))");

    let listed = ok(&store, &["ropa", "list"]);
    assert!(
        listed.stdout.contains("sending-the-newsletter"),
        "{listed:?}"
    );
    let systems: Value =
        serde_json::from_str(&ok(&store, &["system", "list", "--json"]).stdout).unwrap();
    assert_eq!(systems[0]["code"], "online-shop");
}

#[test]
fn pdf_export_writes_a_pdf() {
    let store = filled_store();
    let out_file = store.dir.path().join("ropa.pdf");
    let out = cli(
        &store,
        &[
            "ropa",
            "export",
            "--format",
            "pdf",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    if out.code == Some(0) {
        assert!(std::fs::read(&out_file).unwrap().starts_with(b"%PDF-"));
    } else {
        assert_eq!(out.code, Some(1), "{out:?}");
        assert!(out.stderr.contains("PDF"), "{out:?}");
        assert!(!out_file.exists());
    }
    let s = store.unlock(PASS).unwrap();
    let doc = s
        .records()
        .ropa_report(chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap())
        .unwrap();
    assert_eq!(doc.title, "Record of processing activities");
    assert_eq!(doc.subtitle, "Corner Bakery Ltd · as of 29 November 2026");
}

fn export_json(store: &TempStore, name: &str) -> std::path::PathBuf {
    let out_file = store.dir.path().join(name);
    ok(
        store,
        &[
            "ropa",
            "export",
            "--format",
            "json",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    out_file
}

#[test]
fn json_round_trips_into_a_fresh_store() {
    let store = filled_store();
    {
        let s = store.unlock(PASS).unwrap();
        // The taxonomy differs from the default: a category edited, one removed.
        let mut email = s
            .records()
            .data_taxonomy()
            .unwrap()
            .get(&cat("contact.email"))
            .unwrap()
            .clone();
        email.name = "Email address (work or home)".into();
        s.records().update_data_category(&email).unwrap();
        s.records()
            .remove_data_category(&cat("contact.phone"))
            .unwrap();
    }
    let file = export_json(&store, "ropa.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["format"], "privacy-desk-ropa");
    assert_eq!(json["version"], 1);

    let fresh = TempStore::new();
    let (other, _) = fresh.create();
    other.retention().adopt_default_retention().unwrap();
    drop(other);
    let out = ok(&fresh, &["ropa", "import", file.to_str().unwrap()]);
    assert!(out.stdout.contains("2 activities and 1 systems"), "{out:?}");

    let original = store
        .unlock(PASS)
        .unwrap()
        .records()
        .ropa_document()
        .unwrap();
    let imported = fresh.unlock(PASS).unwrap();
    assert_eq!(imported.records().ropa_document().unwrap(), original);
    let last = imported
        .audit()
        .audit_page(&Default::default(), 0, 2)
        .unwrap();
    assert!(last.iter().any(|e| e.action == "ropa.imported"), "{last:?}");
}

fn import_fails(store: &TempStore, file: &Path, wanted: &[&str]) {
    let before = store
        .unlock(PASS)
        .unwrap()
        .records()
        .ropa_document()
        .unwrap();
    let entries = audit_entries(store);
    let out = cli(store, &["ropa", "import", file.to_str().unwrap()]);
    assert_eq!(out.code, Some(1), "{out:?}");
    for w in wanted {
        assert!(out.stderr.contains(w), "wanted {w:?}: {out:?}");
    }
    // Nothing changed (the failed command's own unlock is its only entry).
    assert_eq!(audit_entries(store), entries + 1);
    assert_eq!(
        store
            .unlock(PASS)
            .unwrap()
            .records()
            .ropa_document()
            .unwrap(),
        before
    );
}

#[test]
fn a_bad_file_names_the_record_and_the_field_and_changes_nothing() {
    let store = filled_store();
    let file = export_json(&store, "ropa.json");
    let good: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let write = |name: &str, change: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        change(&mut v);
        let path = store.dir.path().join(name);
        std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
        path
    };

    let unknown_purpose = write("a.json", &|v| {
        v["activities"][1]["purposes"] = serde_json::json!(["no-such-purpose"]);
    });
    import_fails(
        &store,
        &unknown_purpose,
        &[
            "activity allergy-notes-for-orders",
            "field purposes",
            "no purpose no-such-purpose",
        ],
    );
    let bad_code = write("b.json", &|v| {
        v["activities"][0]["data_categories"] = serde_json::json!(["Contact Email"]);
    });
    import_fails(
        &store,
        &bad_code,
        &[
            "activity sending-the-newsletter (number 1)",
            "field data_categories",
        ],
    );
    let bad_kind = write("c.json", &|v| v["systems"][0]["kind"] = "mainframe".into());
    import_fails(
        &store,
        &bad_kind,
        &["system online-shop (number 1)", "field kind", "mainframe"],
    );
    let missing_category = write("d.json", &|v| {
        let cats = v["categories"].as_array_mut().unwrap();
        cats.retain(|c| c["code"] != "identity.name");
    });
    import_fails(
        &store,
        &missing_category,
        &[
            "activity sending-the-newsletter",
            "field data_categories",
            "identity.name",
        ],
    );
    let wrong_format = write("e.json", &|v| v["format"] = "something-else".into());
    import_fails(&store, &wrong_format, &["field format"]);
}
