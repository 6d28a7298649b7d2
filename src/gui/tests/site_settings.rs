//! Settings → Self-service and mailbox: the form address, the site built into a folder as a
//! background job, and the IMAP mailbox stored with its password sealed.

use super::*;

#[test]
fn the_site_is_built_into_a_folder_with_the_form_address_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let site = dir.path().join("site");
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    click(&mut h, "Self-service and mailbox");

    // A form address that is not https is refused with the service's sentence.
    type_into(&mut h, "Form address", "http://forms.example.com/privacy");
    click(&mut h, "Save form address");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("Form address")),
        "{:?}",
        h.state().notice_text()
    );
    h.get_by_label("Form address").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Form address")
        .type_text("https://forms.example.com/privacy");
    h.run();
    click(&mut h, "Save form address");
    assert!(
        h.query_by_label("The pages submit to https://forms.example.com/privacy.")
            .is_some(),
        "{:?} {:#?}",
        h.state().notice_text(),
        h.root()
    );

    click(&mut h, "Deutsch");
    type_into(&mut h, "Site folder", site.to_str().unwrap());
    click(&mut h, "Build the site");
    settle(&mut h);
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(
        notice.starts_with(&format!("The site was written to {}", site.display()))
            && notice.contains("its forms send to https://forms.example.com/privacy"),
        "{notice}"
    );
    assert!(site.join("index.html").is_file());
    let pages: Vec<String> = walk(&site);
    assert!(
        pages
            .iter()
            .any(|p| p.starts_with("de/") && p.ends_with(".html")),
        "{pages:?}"
    );
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(
        s.settings().form_action().unwrap().as_deref(),
        Some("https://forms.example.com/privacy")
    );
}

/// Every file under `dir`, as paths relative to it.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out
}

#[test]
fn the_mailbox_is_stored_with_its_password_sealed_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    click(&mut h, "Self-service and mailbox");
    // Without a server the form says what is missing and stores nothing.
    click(&mut h, "Save mailbox");
    assert!(
        h.query_by_label_contains("IMAP server and IMAP user")
            .is_some()
    );
    type_into(&mut h, "IMAP server", "imap.bakery.example");
    type_into(&mut h, "IMAP user", "privacy@bakery.example");
    type_into(&mut h, "IMAP password", "app-password-1");
    click(&mut h, "Save mailbox");
    assert_eq!(
        h.state().notice_text(),
        Some("The mailbox was saved; Fetch mail in the Inbox tab of Requests reads it.")
    );
    // Filled again from the store: the password is not shown, only that one is stored.
    assert!(
        h.query_by_label("A password is stored, sealed in the store.")
            .is_some()
    );
    assert!(
        h.query_by_label("New password (empty: keep the stored one)")
            .is_some()
    );
    assert!(h.query_by_label_contains("app-password-1").is_none());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let account = s.inbox().account().unwrap().unwrap();
    assert_eq!(account.host, "imap.bakery.example");
    assert_eq!(account.user, "privacy@bakery.example");
    assert_eq!((account.port, account.folder.as_str()), (993, "INBOX"));
    assert_eq!(
        account.password.as_deref().map(String::as_str),
        Some("app-password-1")
    );
}
