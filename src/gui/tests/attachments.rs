//! Attachments in the window (issue 20, item 5): on a request's page the officer adds a file
//! (through the path field, as where no file dialog opens), sees it listed with its size,
//! date and who added it, saves it in clear to a chosen file, and removes it after a
//! confirmation; adding and saving run as background jobs. A file that cannot be attached is
//! refused with a sentence naming why. The same panel works on a vendor.

use super::requests::notice_contains;
use super::*;
use crate::domain::attachment::{AttachmentOwner, MAX_ATTACHMENT_BYTES};
use crate::domain::records::{RecordCode, Vendor};
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::areas::today;

/// A store with one GDPR access request; its id.
fn store_with_request(path: &Path) -> uuid::Uuid {
    prepared_store(path, 10);
    let owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let draft = RequestDraft {
        regime: Regime::Gdpr,
        kind: RequestType::Access,
        received: today(),
        channel: RequestChannel::Email,
        email: "ana@example.com".into(),
        requester: Requester::default(),
        details: String::new(),
    };
    owner.requests().open_request(&draft, today()).unwrap().0
}

/// Answers the open path field with `path` (the field starts with a suggestion: replace it).
fn answer_path(h: &mut Harness<'_, PrivacyDeskApp>, path: &Path, button: &str) {
    assert!(h.query_by_label_contains("No file dialog opened").is_some());
    h.get_by_label("Path").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.run();
    click(h, button);
    settle(h);
}

fn attachments(h: &Harness<'_, PrivacyDeskApp>, owner: &AttachmentOwner) -> Vec<String> {
    let session = h.state().session.as_ref().unwrap();
    let list = session.attachments().list(owner).unwrap();
    list.into_iter().map(|a| a.name).collect()
}

#[test]
fn a_file_is_added_listed_saved_in_clear_and_removed_on_a_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_request(&path);
    let owner = AttachmentOwner::Request(id);
    let scan = dir.path().join("passport-scan.pdf");
    let bytes: Vec<u8> = (0..1_300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&scan, &bytes).unwrap();

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    assert!(h.query_by_label("No files attached.").is_some());
    let owners_shown = h.query_all_by_label("owner").count();

    // Add: the file is sealed into the store by a background job.
    click(&mut h, "Add…");
    answer_path(&mut h, &scan, "Open");
    notice_contains(&h, "passport-scan.pdf (1.3 MB) is attached to the request");
    assert_eq!(attachments(&h, &owner), ["passport-scan.pdf"]);
    h.run();
    // Listed with its size, the day it was added and who added it.
    assert!(h.query_by_label("passport-scan.pdf").is_some());
    assert!(h.query_by_label("1.3 MB").is_some());
    assert_eq!(
        h.query_all_by_label("owner").count(),
        owners_shown + 1,
        "who added it"
    );
    let added = {
        let session = h.state().session.as_ref().unwrap();
        session.attachments().list(&owner).unwrap()[0].added_at
    };
    let added = added.format("%Y-%m-%d %H:%M UTC").to_string();
    assert!(h.query_all_by_label(&added).next().is_some(), "added on");
    assert!(
        h.query_by_label_contains("writes the file unencrypted")
            .is_some()
    );

    // The same name again is refused with the reason; nothing else is attached.
    click(&mut h, "Add…");
    answer_path(&mut h, &scan, "Open");
    notice_contains(&h, "already has an attachment named \"passport-scan.pdf\"");
    assert_eq!(attachments(&h, &owner), ["passport-scan.pdf"]);

    // Save as…: written in clear to the file chosen, byte for byte.
    let out = dir.path().join("copy.pdf");
    click(&mut h, "Save as…");
    answer_path(&mut h, &out, "Save");
    notice_contains(&h, "Saved unencrypted to");
    assert_eq!(std::fs::read(&out).unwrap(), bytes);

    // Remove asks first; "Keep it" keeps it, "Remove it" removes it.
    click(&mut h, "Remove");
    assert!(
        h.query_by_label_contains("Remove passport-scan.pdf?")
            .is_some()
    );
    click(&mut h, "Keep it");
    assert_eq!(attachments(&h, &owner), ["passport-scan.pdf"]);
    click(&mut h, "Remove");
    click(&mut h, "Remove it");
    notice_contains(&h, "passport-scan.pdf was removed from the request");
    assert!(attachments(&h, &owner).is_empty());
    h.run();
    assert!(h.query_by_label("No files attached.").is_some());
}

/// Too large and no such file: each refused with its own sentence, nothing attached.
#[test]
fn a_file_that_cannot_be_attached_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_request(&path);
    let owner = AttachmentOwner::Request(id);
    let big = dir.path().join("video.mp4");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(MAX_ATTACHMENT_BYTES + 1).unwrap();

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    click(&mut h, "Add…");
    answer_path(&mut h, &big, "Open");
    notice_contains(&h, "an attachment may be at most 25 MB");
    assert!(attachments(&h, &owner).is_empty());

    // A path to nothing is caught in the path field before anything starts.
    click(&mut h, "Add…");
    answer_path(&mut h, &dir.path().join("missing.pdf"), "Open");
    assert!(h.query_by_label_contains("there is no file at").is_some());
    assert!(attachments(&h, &owner).is_empty());
}

/// The same panel on a vendor's editor (the signed agreement); an auditor sees the list but
/// may neither add nor remove.
#[test]
fn a_signed_agreement_is_attached_to_a_vendor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        owner
            .vendors()
            .save_vendor(&Vendor::named("Mailchimp"), true, today())
            .unwrap();
    }
    let code = RecordCode::parse("mailchimp").unwrap().to_string();
    let owner = AttachmentOwner::Vendor(code);
    let dpa = dir.path().join("mailchimp-dpa-signed.pdf");
    std::fs::write(&dpa, b"%PDF-1.4 signed").unwrap();

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Vendors");
    click(&mut h, "Edit");
    assert!(h.query_by_label("No files attached.").is_some());
    click(&mut h, "Add…");
    answer_path(&mut h, &dpa, "Open");
    notice_contains(&h, "is attached to the vendor");
    assert_eq!(attachments(&h, &owner), ["mailchimp-dpa-signed.pdf"]);
    h.run();
    assert!(h.query_by_label("mailchimp-dpa-signed.pdf").is_some());
}

/// An incident opened in the log takes its evidence the same way.
#[test]
fn evidence_is_attached_to_an_incident() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let id = {
        let owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let now = chrono::Utc::now();
        let entry = crate::domain::records::IncidentEntry::new(
            now,
            crate::domain::records::IncidentDetails {
                facts: "A laptop was stolen".into(),
                effects: "Order history may be read".into(),
                remedial_action: "Remote wipe".into(),
                ..Default::default()
            },
        );
        owner.security().record_incident(&entry, now).unwrap().id
    };
    let owner = AttachmentOwner::Incident(id);
    let report = dir.path().join("police-report.pdf");
    std::fs::write(&report, b"%PDF-1.4 report").unwrap();

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Security");
    click(&mut h, "Incident log");
    click(&mut h, "Open INC-0001");
    settle(&mut h);
    assert!(h.query_by_label("No files attached.").is_some());
    click(&mut h, "Add…");
    answer_path(&mut h, &report, "Open");
    notice_contains(&h, "is attached to the incident");
    assert_eq!(attachments(&h, &owner), ["police-report.pdf"]);
}

/// As the service applies them: an assistant may attach to a request (they take requests in)
/// but neither save a file in clear nor remove one; each button says why.
#[test]
fn an_assistant_may_add_but_not_save_or_remove() {
    use super::requests::{disabled, sign_in_as};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_request(&path);
    const ALI: &str = "ali's own passphrase";
    {
        let mut owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        owner
            .users()
            .add_user("ali", Role::Assistant, &Passphrase::new(ALI))
            .unwrap();
        let bytes = b"scan";
        owner
            .attachments()
            .attach_reader(
                &AttachmentOwner::Request(id),
                "id-card.png",
                bytes.len() as u64,
                &bytes[..],
                &crate::jobs::Progress::default(),
            )
            .unwrap();
    }
    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "ali (Assistant)", ALI);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    assert!(h.query_by_label("id-card.png").is_some());
    assert!(!disabled(&h.get_by_label("Add…")));
    assert!(disabled(&h.get_by_label("Save as…")));
    assert!(disabled(&h.get_by_label("Remove")));
}

/// The assessment editor keeps its annexes on the Links tab.
#[test]
fn an_annex_is_attached_to_an_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let id = {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        s.assessments()
            .new_assessment("Newsletter screening", "screening")
            .unwrap()
            .id
    };
    let owner = AttachmentOwner::Assessment(id);
    let annex = dir.path().join("data-flow.png");
    std::fs::write(&annex, b"PNG annex").unwrap();

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Impact assessments");
    click(&mut h, "Newsletter screening");
    click(&mut h, "Links");
    assert!(h.query_by_label("No files attached.").is_some());
    click(&mut h, "Add…");
    answer_path(&mut h, &annex, "Open");
    notice_contains(&h, "is attached to the assessment");
    assert_eq!(attachments(&h, &owner), ["data-flow.png"]);
    h.run();
    assert!(h.query_by_label("data-flow.png").is_some());
}
