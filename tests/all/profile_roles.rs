//! Issue 16: the controller's roles in the organisation profile, GDPR and UK GDPR Art. 27
//! (representative), Art. 26 (joint controllers with the essence of the arrangement) and
//! Art. 30(2) (the record kept when the business also processes for other controllers): set
//! with `profile set`, refused with the article when a role lacks what it asks for, shown by
//! `profile show`, and printed in the record of processing (PDF and Word).

use std::io::Read as _;

use crate::common::desk::Desk;

fn docx_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn roles_are_set_checked_shown_and_printed_in_the_record_of_processing() {
    let desk = Desk::new();
    let before = desk.json(&["profile", "show", "--json"]);
    assert_eq!(before["roles"]["joint_controllers"], serde_json::json!([]));

    // Refused, naming the article, nothing changed.
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--joint-controller",
                "Partner Shop Ltd|privacy@partner.example|",
            ],
            "Art. 26(2)",
        ),
        (
            &["--joint-controller", "Partner Shop Ltd"],
            "write three parts separated by |",
        ),
        (&["--representative-name", "EU Rep Ltd"], "Art. 27(4)"),
        (&["--processes-for", "Client Co|payroll"], "Art. 30(2)(d)"),
        (
            &[
                "--processes-for",
                "|payroll|",
                "--processor-security",
                "Locked laptops",
            ],
            "Art. 30(2)(a)",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["profile", "set"];
        all.extend_from_slice(args);
        desk.fails(&all, message);
    }
    assert_eq!(desk.json(&["profile", "show", "--json"]), before);

    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Acme Widgets Ltd",
        "--controller-name",
        "Privacy desk",
        "--controller-email",
        "privacy@acme.example",
        "--controller-address",
        "2 Mill Lane, Leeds",
        "--regime",
        "uk-gdpr",
        "--representative-name",
        "EU Rep Ltd",
        "--representative-address",
        "1 Quay Street, Dublin",
        "--joint-controller",
        "Partner Shop Ltd|privacy@partner.example|We answer all requests; they run the market stall",
        "--processes-for",
        "Client Co, dpo@client.example|Payroll for its staff|None",
        "--processor-security",
        "Encrypted laptops and two-step sign-in",
    ]);
    let doc = desk.json(&["profile", "show", "--json"]);
    let roles = &doc["roles"];
    assert_eq!(roles["representative"]["name"], "EU Rep Ltd", "{doc}");
    assert_eq!(roles["joint_controllers"][0]["name"], "Partner Shop Ltd");
    assert_eq!(
        roles["processed_for"][0]["categories"],
        "Payroll for its staff"
    );
    let text = desk.ok(&["profile", "show"]).stdout;
    for want in [
        "Representative (Art. 27): EU Rep Ltd · 1 Quay Street, Dublin",
        "Joint controller (Art. 26): Partner Shop Ltd",
        "Processes for (Art. 30(2)): Client Co, dpo@client.example — Payroll for its staff",
        "Processor security (Art. 30(2)(d)): Encrypted laptops",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }

    // The record of processing, in Word and PDF.
    let dir = desk.store.dir.path();
    let docx = dir.join("ropa.docx");
    desk.ok(&[
        "ropa",
        "export",
        "--format",
        "docx",
        "--out",
        docx.to_str().unwrap(),
    ]);
    let xml = docx_text(&docx);
    for want in [
        "Representative (Art. 27)",
        "EU Rep Ltd, 1 Quay Street, Dublin",
        "Joint controllers (Art. 26)",
        "We answer all requests; they run the market stall",
        "Processing on behalf of other controllers (Art. 30(2))",
        "Payroll for its staff",
        "Encrypted laptops and two-step sign-in",
    ] {
        assert!(xml.contains(want), "{want} not in the Word record");
    }
    let pdf = dir.join("ropa.pdf");
    desk.ok(&[
        "ropa",
        "export",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    if let Some(text) = crate::pdf_reports::pdftotext(&pdf) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for want in ["Representative (Art. 27)", "EU Rep Ltd", "Art. 30(2)"] {
            assert!(flat.contains(want), "{want} not in the PDF record: {flat}");
        }
    }

    // Removed again: the record says none.
    desk.ok(&[
        "profile",
        "set",
        "--no-representative",
        "--no-joint-controllers",
        "--no-processor-record",
    ]);
    let text = desk.ok(&["profile", "show"]).stdout;
    assert!(
        text.contains("Representative (Art. 27): none designated"),
        "{text}"
    );
    assert!(
        text.contains("Processor record (Art. 30(2)): none"),
        "{text}"
    );
}
