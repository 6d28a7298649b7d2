//! Issue 17, item 9: the binary turns core dumps off before it does anything else, so a crash
//! never writes the vault key or decrypted personal data to a core file.

#![cfg(target_os = "linux")]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{CHILD_VARS, PASS, TempStore, cli_init};

/// The soft core-file limit of a running process, from `/proc/<pid>/limits`, once the shell
/// has become the binary (before that it is the shell's, inherited from the test).
fn core_limit(pid: u32) -> Option<String> {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let program = cmdline.split(|b| *b == 0).next()?;
    if !String::from_utf8_lossy(program).ends_with("privacy-desk") {
        return None;
    }
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))?;
    line.split_whitespace().nth(4).map(str::to_owned)
}

#[test]
fn the_binary_runs_without_core_dumps() {
    let store = TempStore::new();
    assert!(cli_init(&store).success);
    // Start it with core dumps allowed, then hold it while it waits for the passphrase.
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "ulimit -c unlimited && exec \"$@\"", "sh"])
        .arg(env!("CARGO_BIN_EXE_privacy-desk"))
        .arg("--store")
        .arg(&store.path)
        .args(["--passphrase-file", "/dev/stdin", "status"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for var in CHILD_VARS {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().unwrap();
    let mut seen = None;
    for _ in 0..100 {
        seen = core_limit(child.id());
        if seen.as_deref() == Some("0") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut stdin = child.stdin.take().unwrap();
    let _ = writeln!(stdin, "{PASS}");
    drop(stdin);
    let _ = child.wait();
    assert_eq!(
        seen.as_deref(),
        Some("0"),
        "core dumps stay on in the binary"
    );
}
