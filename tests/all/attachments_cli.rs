//! Issue 20, item 5 on the command line: `request attach REF FILE`, `request attachment REF
//! NAME --out FILE`, `request attachments REF [--json]`, `request detach REF NAME`, and the
//! same under `incident`, `vendor` and `pia`.

use serde_json::Value;

use crate::common::desk::Desk;
use crate::common::{contains, files_in};

fn reference_of(out: &crate::common::Run) -> String {
    out.stdout
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn a_request_keeps_an_id_document_sealed_and_gives_it_back() {
    let desk = Desk::new();
    let opened = desk.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--regime",
        "gdpr",
        "--email",
        "ife@example.ng",
        "--received",
        "2026-11-20",
    ]);
    let reference = reference_of(&opened);
    let dir = desk.store.store_dir();
    let scan = dir.join("okafor-passport.jpg");
    let bytes: Vec<u8> = (0..700_000u32)
        .map(|i| b"PASSPORT-OKAFOR-"[(i % 16) as usize])
        .collect();
    std::fs::write(&scan, &bytes).unwrap();

    let out = desk.ok(&["request", "attach", &reference, scan.to_str().unwrap()]);
    assert!(
        out.stdout
            .contains("Attached okafor-passport.jpg (700000 bytes)"),
        "{out:?}"
    );
    desk.fails(
        &["request", "attach", &reference, scan.to_str().unwrap()],
        "already has an attachment named \"okafor-passport.jpg\"",
    );
    std::fs::remove_file(&scan).unwrap();

    let list: Value = desk.json(&["request", "attachments", &reference, "--json"]);
    assert_eq!(list[0]["name"], "okafor-passport.jpg");
    assert_eq!(list[0]["size"], 700_000);
    for (path, data) in files_in(&dir) {
        assert!(!contains(&data, b"PASSPORT-OKAFOR"), "{}", path.display());
    }

    let saved = dir.join("saved.jpg");
    desk.ok(&[
        "request",
        "attachment",
        &reference,
        "okafor-passport.jpg",
        "--out",
        saved.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&saved).unwrap(), bytes);
    desk.fails(
        &[
            "request",
            "attachment",
            &reference,
            "other.jpg",
            "--out",
            "x.jpg",
        ],
        "there is no attachment \"other.jpg\"; this record has: okafor-passport.jpg",
    );

    desk.ok(&["request", "detach", &reference, "okafor-passport.jpg"]);
    let out = desk.ok(&["request", "attachments", &reference]);
    assert!(out.stdout.contains("No attachments."), "{out:?}");
    let trail = dir.join("audit.json");
    desk.ok(&["audit", "export", "--out", trail.to_str().unwrap()]);
    let log = std::fs::read_to_string(&trail).unwrap();
    for code in ["attachment.added", "attachment.saved", "attachment.removed"] {
        assert!(log.contains(code), "{code}: {log}");
    }
    assert!(
        !log.contains("okafor"),
        "no file name in the audit trail: {log}"
    );
}

#[test]
fn incidents_vendors_and_assessments_take_attachments_too() {
    let desk = Desk::new();
    desk.ok(&[
        "incident",
        "add",
        "--aware-at",
        "2026-11-20 09:00",
        "--facts",
        "Laptop stolen",
        "--effects",
        "None likely",
        "--remedial",
        "Remote wipe",
    ]);
    desk.ok(&["vendor", "add", "--name", "Mail host"]);
    let vendors = desk.json(&["vendor", "list", "--json"]);
    let vendor = vendors[0]["code"].as_str().expect("a code").to_owned();
    desk.ok(&[
        "pia",
        "new",
        "--title",
        "Loyalty app",
        "--template",
        "general-dpia",
    ]);
    let pias = desk.json(&["pia", "list", "--json"]);
    let pia = pias[0]["id"].as_str().expect("an id").to_owned();

    let dir = desk.store.store_dir();
    let file = dir.join("signed-dpa.pdf");
    std::fs::write(&file, b"%PDF-1.7 signed agreement").unwrap();
    for (kind, reference) in [
        ("incident", "INC-0001"),
        ("vendor", vendor.as_str()),
        ("pia", pia.as_str()),
    ] {
        desk.ok(&[kind, "attach", reference, file.to_str().unwrap()]);
        let out = dir.join(format!("{kind}.pdf"));
        desk.ok(&[
            kind,
            "attachment",
            reference,
            "signed-dpa.pdf",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            std::fs::read(&out).unwrap(),
            b"%PDF-1.7 signed agreement",
            "{kind}"
        );
    }
    desk.fails(
        &["incident", "attach", "INC-0009", file.to_str().unwrap()],
        "there is no incident",
    );
    desk.fails(
        &["vendor", "attachments", "nobody"],
        "there is no vendor nobody",
    );
    let too_big = dir.join("big.bin");
    std::fs::File::create(&too_big)
        .unwrap()
        .set_len(25 * 1024 * 1024 + 1)
        .unwrap();
    desk.fails(
        &["incident", "attach", "INC-0001", too_big.to_str().unwrap()],
        "at most 25 MB",
    );
}
