//! Issue 17, item 9: personal data for a command comes from a file or standard input
//! (`--from-file PATH`, `-`), not from the command line where the shell history and `ps` keep
//! it. A key that is not one of the command's arguments is refused naming it; nothing changes.

use std::io::Write as _;
use std::process::Stdio;

use crate::common::desk::Desk;

fn file(desk: &Desk, name: &str, text: &str) -> String {
    let path = desk.store.dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn subject_add_correct_and_show_read_their_personal_data_from_a_file() {
    let desk = Desk::new();
    let add = file(
        &desk,
        "add.txt",
        "# a new customer\nemail: ada@example.org\nname: Ada Lovelase\n",
    );
    desk.ok(&["subject", "add", "--from-file", &add]);
    let who = file(&desk, "who.txt", "email: ADA@example.org\n");
    let doc = desk.json(&["subject", "show", "--json", "--from-file", &who]);
    assert_eq!(doc["name"], "Ada Lovelase");

    let fix = file(
        &desk,
        "fix.txt",
        "email: ada@example.org\nnew-email: ada@analytical.example\nname: Ada Lovelace\n",
    );
    let out = desk.ok(&["subject", "correct", "--from-file", &fix]);
    assert!(out.stdout.contains("Corrected 2 fields"), "{out:?}");
    let doc = desk.json(&["subject", "show", "ada@analytical.example", "--json"]);
    assert_eq!(doc["name"], "Ada Lovelace");
}

#[test]
fn a_dash_reads_the_arguments_from_standard_input() {
    let desk = Desk::new();
    desk.ok(&[
        "subject",
        "add",
        "--email",
        "grace@example.org",
        "--name",
        "Grace Hopper",
    ]);
    let mut child = desk
        .store
        .cli_with(&desk.pass_file)
        .args(["subject", "show", "--json", "--from-file", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"email: grace@example.org\n")
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["name"], "Grace Hopper");
}

#[test]
fn a_key_that_is_not_an_argument_is_refused_and_nothing_changes() {
    let desk = Desk::new();
    let bad = file(&desk, "bad.txt", "mail: ada@example.org\nname: Ada\n");
    let before = desk.store.hash();
    desk.fails(
        &["subject", "add", "--from-file", &bad],
        "`mail` is not an argument of `add`",
    );
    assert_eq!(desk.store.hash(), before);
    let missing = desk.store.dir.path().join("absent.txt");
    desk.fails(
        &["subject", "add", "--from-file", &missing.to_string_lossy()],
        "could not read --from-file",
    );
}
