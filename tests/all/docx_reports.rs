//! The Word reports open in LibreOffice: the record of processing, an impact assessment, the
//! retention policy and a letter of the demo store are written as `.docx` by the built command
//! line and read back to text by LibreOffice's converter (`soffice --headless --convert-to
//! txt:Text`), which must find the same sections as the PDF.
//!
//! `soffice` comes with Debian's libreoffice-writer-nogui. CI installs it and sets
//! `PRIVACY_DESK_REQUIRE_SOFFICE=1`, so there the test fails without it; on a machine without
//! it the test says so and checks only that each file is a Word package.

use std::path::{Path, PathBuf};
use std::process::Command;

use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::demo::create_demo;
use privacy_desk::jobs::Progress;

use crate::common::{PASS, Run, TempStore, run};

/// The texts of the `.docx` files as LibreOffice reads them (one call for all), or `None`
/// when `soffice` is not installed.
pub fn soffice_texts(files: &[PathBuf], out: &Path) -> Option<Vec<String>> {
    let profile = out.join("lo-profile");
    let result = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(out)
        .args(files)
        .output();
    match result {
        Ok(done) => {
            assert!(
                done.status.success(),
                "soffice failed: {}",
                String::from_utf8_lossy(&done.stderr)
            );
            Some(
                files
                    .iter()
                    .map(|f| {
                        let txt = out.join(f.with_extension("txt").file_name().unwrap());
                        std::fs::read_to_string(&txt).unwrap_or_else(|e| {
                            panic!("LibreOffice did not convert {}: {e}", f.display())
                        })
                    })
                    .collect(),
            )
        }
        Err(_) => {
            assert!(
                std::env::var_os("PRIVACY_DESK_REQUIRE_SOFFICE").is_none(),
                "soffice is required here (install libreoffice-writer-nogui)"
            );
            eprintln!(
                "soffice is not installed (Debian package libreoffice-writer-nogui): only the Word files' structure was checked"
            );
            None
        }
    }
}

/// A Word package: a zip with the main document part.
fn structure(docx: &Path) {
    let bytes = std::fs::read(docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(
        zip.by_name("word/document.xml").is_ok(),
        "{}",
        docx.display()
    );
    assert!(
        zip.by_name("[Content_Types].xml").is_ok(),
        "{}",
        docx.display()
    );
}

fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn demo_store() -> (TempStore, PathBuf) {
    let store = TempStore::new();
    std::fs::create_dir_all(store.store_dir()).unwrap();
    create_demo(
        &store.path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        100,
        7,
        &Progress::default(),
    )
    .unwrap();
    let pass = store.secret_file("pass.txt", PASS);
    (store, pass)
}

fn ok(store: &TempStore, pass: &Path, args: &[&str]) -> Run {
    let out = run(store.cli_with(pass).args(args));
    assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
    out
}

#[test]
fn the_register_an_assessment_the_policy_and_a_letter_read_back_from_word() {
    let (store, pass) = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name);
    let arg = |p: &PathBuf| p.to_str().unwrap().to_owned();

    let ropa = file("ropa.docx");
    ok(
        &store,
        &pass,
        &["ropa", "export", "--format", "docx", "--out", &arg(&ropa)],
    );
    let list: serde_json::Value =
        serde_json::from_str(&ok(&store, &pass, &["pia", "list", "--json"]).stdout).unwrap();
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Personalised newsletter")
        .and_then(|a| a["id"].as_str())
        .unwrap()
        .to_owned();
    let pia = file("pia.docx");
    let said = ok(
        &store,
        &pass,
        &[
            "pia",
            "export",
            &id,
            "--format",
            "docx",
            "--out",
            &arg(&pia),
        ],
    );
    assert!(said.stdout.contains("as docx"), "{said:?}");
    let policy = file("policy.docx");
    ok(
        &store,
        &pass,
        &["retention", "policy", "--out", &arg(&policy)],
    );
    let letter = file("letter.docx");
    ok(
        &store,
        &pass,
        &[
            "request",
            "letter",
            "R-0001",
            "--kind",
            "acknowledgement",
            "--out",
            &arg(&letter),
        ],
    );

    let files = vec![ropa, pia, policy, letter];
    for f in &files {
        structure(f);
    }
    let converted = dir.path().join("txt");
    let Some(texts) = soffice_texts(&files, &converted) else {
        return;
    };
    let expect: [&[&str]; 4] = [
        &[
            "Record of processing activities",
            "Corner Bakery Ltd",
            "Sending the newsletter",
            "Order fulfilment",
            "Data inventory",
            "Spreadsheets",
        ],
        &[
            "Personalised newsletter",
            "Risk map",
            "Severity",
            "Likelihood",
            "Action plan",
            "Two-factor",
            "Validated with conditions",
            "Jordan Reed (external DPO)",
        ],
        &[
            "Data retention policy",
            "Corner Bakery Ltd keeps",
            "Kept for",
            "Why",
        ],
        &["R-0001", "Corner Bakery Ltd"],
    ];
    for ((text, expected), f) in texts.iter().zip(expect).zip(&files) {
        let text = squashed(text);
        for e in expected {
            assert!(
                text.contains(e),
                "{e:?} not in {} as LibreOffice reads it:\n{text}",
                f.display()
            );
        }
    }
}
