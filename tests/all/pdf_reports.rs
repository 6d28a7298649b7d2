//! The PDF reports open in a standard reader: the record of processing and an impact
//! assessment of the demo store are read back with poppler's `pdftotext` (the engine of many
//! Linux viewers), which must find every section, the risk map and the action plan.
//!
//! `pdftotext` comes with poppler-utils. CI installs it and sets
//! `PRIVACY_DESK_REQUIRE_PDFTOTEXT=1`, so there the test fails without it; on a machine without
//! it the test says so and checks only the file's structure.

use std::path::Path;
use std::process::Command;

use chrono::Local;
use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::demo::create_demo;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{AssessmentExportFormat, RopaFormat, Session, Via};

use crate::common::{PASS, TempStore};

/// The text of a PDF as `pdftotext -raw` reads it (in drawing order), or `None` when the tool is missing.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext could not read {}: {}",
                pdf.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) => {
            assert!(
                std::env::var_os("PRIVACY_DESK_REQUIRE_PDFTOTEXT").is_none(),
                "pdftotext is required here (install poppler-utils)"
            );
            eprintln!(
                "pdftotext is not installed: only the structure of {} was checked",
                pdf.display()
            );
            None
        }
    }
}

fn structure(pdf: &Path) {
    let bytes = std::fs::read(pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-1."), "{}", pdf.display());
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.trim_end().ends_with("%%EOF"));
    assert_eq!(text.matches("/FontFile2").count(), 2, "both faces embedded");
}

/// One line, for matching text wrapped across lines.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_register_and_an_assessment_read_back_from_their_pdfs() {
    let store = TempStore::new();
    let path = store.store_dir().join("demo.pdesk");
    create_demo(
        &path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        100,
        7,
        &Progress::default(),
    )
    .unwrap();
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let today = Local::now().date_naive();
    let dir = tempfile::tempdir().unwrap();

    let ropa = dir.path().join("ropa.pdf");
    assert_eq!(
        s.exports()
            .export_ropa(RopaFormat::Pdf, &ropa, today)
            .unwrap(),
        3
    );
    structure(&ropa);
    if let Some(text) = pdftotext(&ropa) {
        let text = squashed(&text);
        for expected in [
            "Record of processing activities",
            "Corner Bakery Ltd",
            "Sending the newsletter",
            "Personalised product recommendations",
            "Order fulfilment",
            "Data inventory",
            "Spreadsheets",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} not in the register's PDF:\n{text}"
            );
        }
    }

    let listed = s.assessments().list(today).unwrap();
    let decided = listed
        .iter()
        .find(|a| a.title == "Personalised newsletter")
        .unwrap();
    let template = s
        .assessments()
        .template_of(&s.assessments().assessment(decided.id).unwrap())
        .unwrap();
    let pia = dir.path().join("pia.pdf");
    s.exports()
        .export_assessment(decided.id, AssessmentExportFormat::Pdf, &pia, today)
        .unwrap();
    structure(&pia);
    if let Some(text) = pdftotext(&pia) {
        let text = squashed(&text);
        for section in &template.sections {
            assert!(
                text.contains(&squashed(&section.title)),
                "section {:?} not in the PDF:\n{text}",
                section.title
            );
        }
        for expected in [
            "Risk map",
            "Severity",
            "Likelihood",
            "Action plan",
            "Two-factor",
            "(overdue)",
            "Validated with conditions",
            "Jordan Reed (external DPO)",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} not in the assessment's PDF:\n{text}"
            );
        }
    }
}
