//! `evidence bundle`: the zip of the demo store unpacks, every file matches its SHA-256 in
//! `manifest.json` (and `sha256sum -c SHA256SUMS` agrees), the audit chain head in the
//! manifest is the entry before the bundle's own, the PDFs read back with `pdftotext`
//! (the accountability report under every ICO heading, the request log by reference with the
//! share on time), and no person's email address is in any of them.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::process::Command;

use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::demo::create_demo;
use privacy_desk::domain::accountability::HEADINGS;
use privacy_desk::jobs::Progress;
use sha2::{Digest, Sha256};

use crate::common::{PASS, TempStore, run};
use crate::pdf_reports::pdftotext;

/// Every file of the zip, by path.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().to_owned(), data);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_bundle_of_the_demo_store_verifies_with_standard_tools() {
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
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("evidence.zip");

    // A year the store cannot hold, or a file that is not a zip: refused, nothing written.
    for (args, says) in [
        (vec!["--year", "1999"], "1999 is not a year"),
        (vec!["--year", "2999"], "2999 is not a year"),
    ] {
        let done = run(store
            .cli_with(&pass)
            .args(["evidence", "bundle", "--out"])
            .arg(&out)
            .args(&args));
        assert_eq!(done.code, Some(1), "{done:?}");
        assert!(done.stderr.contains(says), "{done:?}");
        assert!(!out.exists());
    }
    let wrong = dir.path().join("evidence.pdf");
    let done = run(store
        .cli_with(&pass)
        .args(["evidence", "bundle", "--out"])
        .arg(&wrong));
    assert_eq!(done.code, Some(1), "{done:?}");
    assert!(done.stderr.contains("must end in .zip"), "{done:?}");

    let done = run(store
        .cli_with(&pass)
        .args(["evidence", "bundle", "--json", "--out"])
        .arg(&out));
    assert_eq!(done.code, Some(0), "{done:?}");
    let summary: serde_json::Value = serde_json::from_str(&done.stdout).unwrap();
    let year = summary["year"].as_i64().unwrap();
    let files = unzip(&std::fs::read(&out).unwrap());
    assert_eq!(summary["files"].as_u64().unwrap() as usize, files.len());

    // The manifest lists every other file with its SHA-256.
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(manifest["format"], "privacy-desk-evidence-bundle");
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(
        listed.len(),
        files.len() - 2,
        "all but the manifest and SHA256SUMS"
    );
    for f in listed {
        let path = f["path"].as_str().unwrap();
        let bytes = files
            .get(path)
            .unwrap_or_else(|| panic!("{path} listed, not in the zip"));
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            hex(&Sha256::digest(bytes)),
            "{path}"
        );
    }
    for expected in [
        format!("accountability-report-{year}.pdf"),
        "record-of-processing.pdf".to_owned(),
        "retention-policy.pdf".to_owned(),
        format!("requests-{year}.pdf"),
        "consent-by-purpose.pdf".to_owned(),
        format!("breach-log-{year}.pdf"),
        "vendor-reviews.pdf".to_owned(),
        format!("training-{year}.pdf"),
        format!("sweeps-{year}.pdf"),
        "audit-verification.pdf".to_owned(),
        "README.txt".to_owned(),
    ] {
        assert!(files.contains_key(&expected), "{expected} missing");
    }
    assert!(
        files
            .keys()
            .any(|k| k.starts_with("assessments/personalised-newsletter-")),
        "{:?}",
        files.keys()
    );

    // The head is the last entry before the bundle's own audit entry, and its MAC is the one
    // the trail holds.
    let trail = dir.path().join("trail.json");
    let done = run(store
        .cli_with(&pass)
        .args(["audit", "export", "--out"])
        .arg(&trail));
    assert_eq!(done.code, Some(0), "{done:?}");
    let trail: serde_json::Value = serde_json::from_slice(&std::fs::read(&trail).unwrap()).unwrap();
    let head = manifest["audit_chain_head"]["seq"].as_i64().unwrap();
    let entry = |seq: i64| {
        trail["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["seq"] == seq)
            .cloned()
            .unwrap_or_else(|| panic!("entry {seq} not in the trail"))
    };
    assert_eq!(entry(head)["mac"], manifest["audit_chain_head"]["mac"]);
    let own = entry(head + 1);
    assert_eq!(own["action"], "report.exported", "{own}");
    assert_eq!(own["entity_kind"], "evidence_bundle", "{own}");

    // Unpacked on disk, the standard tool agrees.
    let unpacked = dir.path().join("unpacked");
    for (path, bytes) in &files {
        let target = unpacked.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    if let Ok(check) = Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(&unpacked)
        .output()
    {
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success(), "{said}");
        assert_eq!(said.matches(": OK").count(), listed.len(), "{said}");
    }
    let readme = String::from_utf8(files["README.txt"].clone()).unwrap();
    assert!(readme.contains("sha256sum -c SHA256SUMS"));

    // The PDFs read back; the request log names no one.
    let text = |name: &str| pdftotext(&unpacked.join(name)).map(|t| squashed(&t));
    let Some(report) = text(&format!("accountability-report-{year}.pdf")) else {
        return;
    };
    for heading in HEADINGS {
        assert!(
            report.contains(heading),
            "{heading:?} not in the report:\n{report}"
        );
    }
    assert!(report.contains("ICO Accountability Framework"));
    assert!(report.contains(&(year - 1).to_string()));
    let requests = text(&format!("requests-{year}.pdf")).unwrap();
    assert!(requests.contains("Answered on time"), "{requests}");
    assert!(requests.contains("R-0"), "{requests}");
    let audit = text("audit-verification.pdf").unwrap();
    assert!(audit.contains("intact"), "{audit}");
    for (path, _) in files.iter().filter(|(p, _)| p.ends_with(".pdf")) {
        let t = pdftotext(&unpacked.join(path)).unwrap();
        for domain in ["@example.org", "@example.net"] {
            assert!(!t.contains(domain), "{path} holds a person's address");
        }
    }
}
