//! `pia …` on the command line: start and list assessments, import a CNIL PIA tool export,
//! export JSON, Markdown and the action plan as CSV, templates from files, ids by prefix, and
//! the `assessments` block of `status --json`.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::desk::Desk;

impl Desk {
    fn file(&self, name: &str) -> PathBuf {
        self.store.dir.path().join(name)
    }
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn new_list_show_and_status() {
    let desk = Desk::new();
    assert_eq!(desk.json(&["pia", "list", "--json"]), Value::Array(vec![]));
    let out = desk.ok(&[
        "pia",
        "new",
        "--title",
        "Personalised newsletter",
        "--template",
        "email-personalisation",
    ]);
    assert!(out.stdout.contains("Started assessment"), "{out:?}");
    let list = desk.json(&["pia", "list", "--json"]);
    let row = &list[0];
    assert_eq!(
        (
            row["title"].as_str(),
            row["status"].as_str(),
            row["version"].as_u64()
        ),
        (Some("Personalised newsletter"), Some("draft"), Some(1))
    );
    assert_eq!(row["answered"], 0);
    assert!(row["questions"].as_u64().unwrap() > 5);
    let id = row["id"].as_str().unwrap().to_owned();

    let shown = desk.json(&["pia", "show", &id[..8], "--json"]);
    assert_eq!(shown["assessment"]["id"], id.as_str());
    assert_eq!(shown["versions"], Value::Array(vec![]));
    let text = desk.ok(&["pia", "show", &id]);
    assert!(
        text.stdout.contains("Illegitimate access to data"),
        "{text:?}"
    );

    desk.fails(&["pia", "show", "abc"], "first 8 characters");
    desk.fails(
        &["pia", "show", "00000000"],
        "no assessment id starts with 00000000",
    );
    desk.fails(
        &["pia", "new", "--title", "X", "--template", "nope"],
        "there is no template \"nope\"",
    );

    let status = desk.json(&["status", "--json"]);
    assert_eq!(status["assessments"]["drafts"], 1);
    assert_eq!(status["assessments"]["overdue_measures"], 0);
}

#[test]
fn a_cnil_export_is_imported_and_exported() {
    let desk = Desk::new();
    let out = desk.ok(&["pia", "import", &fixture("cnil_pia_validated.json")]);
    assert!(
        out.stdout
            .contains("from a CNIL PIA tool export: validated, 1 frozen version"),
        "{out:?}"
    );
    let list = desk.json(&["pia", "list", "--json"]);
    let id = list[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(list[0]["title"], "Loyalty card & personalised offers");
    assert_eq!(list[0]["template"], "cnil-pia");

    let json = desk.file("loyalty.json");
    desk.ok(&[
        "pia",
        "export",
        &id[..10],
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(
        (file["format"].as_str(), file["version"].as_u64()),
        (Some("privacy-desk-assessment"), Some(1))
    );
    assert_eq!(file["versions"].as_array().unwrap().len(), 1);
    assert_eq!(file["template"]["code"], "cnil-pia");

    let md = desk.file("loyalty.md");
    desk.ok(&[
        "pia",
        "export",
        &id,
        "--format",
        "md",
        "--out",
        md.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("Loyalty card & personalised offers"),
        "{text}"
    );
    assert!(text.contains("Illegitimate access to data"), "{text}");

    for (format, start) in [("pdf", "%PDF"), ("html", "<!DOCTYPE html>")] {
        let out = desk.file(&format!("loyalty.{format}"));
        desk.ok(&[
            "pia",
            "export",
            &id,
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes.starts_with(start.as_bytes()),
            "{format}: {:?}",
            &bytes[..20.min(bytes.len())]
        );
    }

    let csv = desk.file("plan.csv");
    let out = desk.ok(&["pia", "action-plan", &id, "--out", csv.to_str().unwrap()]);
    assert!(out.stdout.contains("5 measures"), "{out:?}");
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "measure",
            "description",
            "owner",
            "due",
            "status",
            "risks",
            "overdue"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[1][0], "M2 Logical access control");
    assert_eq!(
        (&rows[1][2], &rows[1][3], &rows[1][6]),
        ("IT contractor", "2025-04-30", "yes")
    );
    assert_eq!(&rows[0][5], "R1 Illegitimate access to data");

    desk.fails(
        &["pia", "import", &fixture("cnil_pia_bad_gauge.json")],
        "answers[0].data.gauge: expected a whole number",
    );
    desk.fails(
        &["pia", "import", json.to_str().unwrap()],
        "already has assessment",
    );
    desk.fails(
        &["pia", "export", &id, "--format", "odt", "--out", "x.odt"],
        "use pdf, docx, md, html or json",
    );
    assert_eq!(
        desk.json(&["pia", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        desk.json(&["status", "--json"])["assessments"]["decided"],
        1
    );
}

#[test]
fn templates_are_listed_and_added_from_files() {
    let desk = Desk::new();
    let list = desk.json(&["pia", "template", "list", "--json"]);
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "screening",
            "general-dpia",
            "email-personalisation",
            "cnil-pia"
        ]
    );

    let bad = desk.store.secret_file(
        "bad.toml",
        "code = \"shop\"\nname = \"Shop\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = 3\n",
    );
    desk.fails(
        &["pia", "template", "add", bad.to_str().unwrap()],
        "bad.toml, line 6",
    );
    let good = desk.store.secret_file("good.toml", "code = \"shop\"\nname = \"Shop\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = \"About\"\n[[section.question]]\nid = \"q\"\ntext = \"?\"\nkind = \"yes-no\"");
    let out = desk.ok(&["pia", "template", "add", good.to_str().unwrap()]);
    assert!(out.stdout.contains("Added the template shop"), "{out:?}");
    let out = desk.ok(&["pia", "template", "list"]);
    assert!(out.stdout.contains("(added)"), "{out:?}");
    desk.ok(&["pia", "new", "--title", "Shop", "--template", "shop"]);
}
