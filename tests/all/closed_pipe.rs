//! The built binary when the reader of its output goes away (`privacy-desk review list |
//! head -1`): it must not panic (`println!` does, on EPIPE). A listing ends quietly with exit
//! status 0; work already under way (an erasure and its certificate) is finished first; and
//! what is shown only once (`init`'s recovery code) is an error when it could not be shown.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use chrono::Local;
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};

use crate::common::{PASS, Run, TempStore, draft, run};

/// The pipe buffer is 64 KiB on Linux: a listing must be well over it for the reader's close
/// to reach the writer.
const MORE_THAN_THE_PIPE_HOLDS: usize = 128 * 1024;

/// Waits for a child whose stdout is gone, keeping its stderr.
fn finish(mut child: Child) -> Run {
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for privacy-desk");
    Run {
        code: out.status.code(),
        success: out.status.success(),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status,
    }
}

/// Starts the command with stdout piped and stderr captured.
fn spawn(cmd: &mut std::process::Command) -> Child {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start privacy-desk")
}

fn no_panic(out: &Run) {
    assert!(!out.stderr.contains("panicked"), "{out:?}");
    assert_ne!(out.code, Some(101), "{out:?}");
}

#[test]
fn a_listing_whose_reader_stops_after_one_line_ends_quietly_with_status_0() {
    let store = TempStore::new();
    let pass_file = store.secret_file("pass.txt", PASS);
    let demo = run(store.cli_with(&pass_file).args([
        "demo",
        "--subjects",
        "1000",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ]));
    assert_eq!(demo.code, Some(0), "{demo:?}");
    // The whole listing is larger than the pipe holds, so the close below is felt.
    let whole = run(store.cli_with(&pass_file).args(["review", "list"]));
    assert_eq!(whole.code, Some(0), "{whole:?}");
    assert!(
        whole.stdout.len() > MORE_THAN_THE_PIPE_HOLDS,
        "{}",
        whole.stdout.len()
    );

    let mut child = spawn(store.cli_with(&pass_file).args(["review", "list"]));
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read the first line");
    // The reader (and with it the pipe's read end) is dropped here, like `head -1` exiting.
    assert_eq!(
        first,
        whole.stdout.lines().next().unwrap().to_owned() + "\n"
    );
    let out = finish(child);
    no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        out.stderr, "",
        "a closed pipe is no error to report: {out:?}"
    );
}

#[test]
fn an_erasure_is_finished_with_its_certificate_when_the_output_is_closed() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let email = "ottilie.quenby@example.org";
    s.subjects()
        .add_subject(&draft("Ottilie Quenby", email))
        .unwrap();
    let today = Local::now().date_naive();
    let (_, reference) = s
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Erasure,
                received: today,
                channel: RequestChannel::Email,
                email: email.into(),
                requester: Requester {
                    name: "Ottilie Quenby".into(),
                    ..Requester::default()
                },
                details: String::new(),
            },
            today,
        )
        .unwrap();
    drop(s);
    let pass_file = store.secret_file("pass.txt", PASS);
    let certificate = store.dir.path().join("certificate.txt");

    // The read end is closed before the command writes anything.
    let mut child = spawn(store.cli_with(&pass_file).args([
        "erase",
        email,
        "--request",
        &reference,
        "--certificate",
        certificate.to_str().unwrap(),
    ]));
    drop(child.stdout.take());
    let out = finish(child);
    no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(certificate.is_file(), "the certificate was not written");
    let s = store.unlock(PASS).unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email(email)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn init_whose_recovery_code_cannot_be_shown_says_so_and_exits_1() {
    let store = TempStore::new();
    let pass_file = store.secret_file("pass.txt", PASS);
    let mut child = spawn(store.cli_with(&pass_file).args([
        "init",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ]));
    drop(child.stdout.take());
    let out = finish(child);
    no_panic(&out);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("but its recovery code could not be shown; delete that store"),
        "{out:?}"
    );
}
