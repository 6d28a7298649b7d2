//! Hostile files and places: a truncated store, a random file named like a store, paths that
//! do not exist or cannot be written, and a full disk.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Desk, refused};
use crate::common::{cli, file_names, run};

#[test]
fn a_truncated_store_is_refused_untouched() {
    let desk = Desk::new();
    let bytes = fs::read(&desk.store.path).expect("read store");
    let copy = desk.folder("truncated").join("store.pdesk");
    for len in [bytes.len() / 2, 100] {
        fs::write(&copy, &bytes[..len]).expect("write truncated copy");
        let out = run(cli(&copy)
            .arg("--passphrase-file")
            .arg(&desk.pass_file)
            .arg("status"));
        refused(
            &out,
            &[
                "The store file is damaged",
                "Restore it from a backup; nothing was changed.",
            ],
        );
        assert_eq!(fs::read(&copy).expect("read"), &bytes[..len], "{len} bytes");
    }
    // A file cut inside SQLite's own header is not taken for a store at all.
    fs::write(&copy, &bytes[..40]).expect("write");
    let out = run(cli(&copy)
        .arg("--passphrase-file")
        .arg(&desk.pass_file)
        .arg("status"));
    refused(
        &out,
        &["is not a Privacy Desk store (it is not a database file)"],
    );
}

/// Opening such a file is `newer_version::random_bytes_are_not_a_store`; here it is given to
/// `restore`, which must create nothing and leave both files alone.
#[test]
fn a_random_file_named_like_a_store_is_not_restored() {
    let desk = Desk::new();
    let before = desk.state();
    let dir = desk.folder("restore");
    let random = dir.join("x.pdesk");
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    fs::write(&random, &noise).expect("write");
    let target = dir.join("restored.pdesk");
    let out = desk.cli([
        "restore".as_ref(),
        random.as_os_str(),
        "--to".as_ref(),
        target.as_os_str(),
    ]);
    refused(
        &out,
        &[
            "x.pdesk cannot be restored",
            "is not a Privacy Desk store (it is not a database file). Nothing was changed.",
        ],
    );
    assert_eq!(file_names(&dir), ["x.pdesk"], "nothing created");
    assert_eq!(fs::read(&random).expect("read"), noise);
    assert_eq!(desk.state(), before);
}

#[test]
fn a_missing_import_file_is_named() {
    let desk = Desk::new();
    let before = desk.state();
    let missing = desk
        .store
        .dir
        .path()
        .join("no such folder")
        .join("people.csv");
    let out = desk.import(&missing, &[]);
    refused(
        &out,
        &[
            "people.csv: cannot be read: No such file or directory",
            "check the file's name and folder",
            "nothing was imported",
        ],
    );
    assert_eq!(desk.state(), before);
}

/// The exports that write one file, each with `--out FILE` appended.
const EXPORTS: [&[&str]; 3] = [
    &["export", "suppression", "--purpose", "newsletter", "--out"],
    &["review", "export", "--out"],
    &["audit", "export", "--out"],
];

fn export(desk: &Desk, args: &[&str], out: &Path) -> crate::common::Run {
    desk.cli(args.iter().map(OsStr::new).chain([out.as_os_str()]))
}

#[test]
fn out_into_a_missing_folder() {
    let desk = Desk::new();
    let before = desk.state();
    let missing = desk.store.dir.path().join("missing");
    for args in EXPORTS {
        let out = export(&desk, args, &missing.join("x.csv"));
        refused(
            &out,
            &[
                "Could not write",
                "missing/x.csv: No such file or directory",
                "Nothing was exported; check the folder exists and can be written to.",
            ],
        );
    }
    assert!(!missing.exists());
    assert_eq!(desk.state(), before);
}

/// A folder this process cannot write to: a 0555 folder, or `/sys` when running as root
/// (root ignores permission bits; sysfs refuses new files to everyone). `None` when neither.
fn unwritable_folder(desk: &Desk) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dir = desk.folder("read-only");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).expect("chmod");
    if fs::write(dir.join("probe"), b"").is_err() {
        return Some(dir);
    }
    let sys = PathBuf::from("/sys");
    (sys.is_dir() && fs::write(sys.join("privacy-desk-probe"), b"").is_err()).then_some(sys)
}

#[test]
fn out_into_a_read_only_folder() {
    let desk = Desk::new();
    let before = desk.state();
    let Some(dir) = unwritable_folder(&desk) else {
        eprintln!("skipped: no folder here refuses writes to this user");
        return;
    };
    let names = file_names(&dir);
    for args in EXPORTS {
        let out = export(&desk, args, &dir.join("privacy-desk-x.csv"));
        refused(
            &out,
            &[
                "privacy-desk-x.csv: Permission denied",
                "Nothing was exported; check the folder exists and can be written to.",
            ],
        );
    }
    let out = desk.cli([
        "backup".as_ref(),
        "--out".as_ref(),
        dir.join("privacy-desk-x.pdesk").as_os_str(),
    ]);
    refused(
        &out,
        &[
            "Could not write",
            "privacy-desk-x.pdesk: the file cannot be created there. Choose a folder you can \
             write to; nothing was changed",
        ],
    );
    assert!(!out.stderr.contains("Database error"), "{out:?}");
    assert_eq!(file_names(&dir), names, "nothing created");
    assert_eq!(desk.state(), before);
}

/// Exports write `<out>.partial` first: pointing that name at `/dev/full` makes every write
/// fail with ENOSPC, as on a full disk.
#[test]
fn a_full_disk_fails_exports_cleanly() {
    let desk = Desk::new();
    let out = desk.cli([
        "consent",
        "record",
        "ada@example.org",
        "--purpose",
        "newsletter",
        "--event",
        "given",
        "--channel",
        "paper",
        "--at",
        "2021-01-04 10:00:00",
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let before = desk.state();
    let dir = desk.folder("full");
    for args in EXPORTS {
        let target = dir.join("x.csv");
        symlink("/dev/full", dir.join("x.csv.partial")).expect("symlink");
        let out = export(&desk, args, &target);
        refused(
            &out,
            &[
                "Could not write",
                "x.csv: No space left on device",
                "Nothing was exported",
            ],
        );
        assert!(file_names(&dir).is_empty(), "{:?}", file_names(&dir));
    }
    // The access package: each of its files is written the same way.
    symlink("/dev/full", dir.join("identity.csv.partial")).expect("symlink");
    let out = desk.cli([
        "export".as_ref(),
        "access".as_ref(),
        "ada@example.org".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    refused(
        &out,
        &[
            "identity.csv: No space left on device",
            "Nothing was exported",
        ],
    );
    assert!(file_names(&dir).is_empty(), "{:?}", file_names(&dir));
    // A backup never writes over a file, /dev/full included.
    let out = desk.cli(["backup", "--out", "/dev/full"]);
    refused(
        &out,
        &["A file already exists at /dev/full; a backup never overwrites anything"],
    );
    assert_eq!(desk.state(), before);
}

/// A backup onto a 64 KiB tmpfs, mounted in a private mount namespace (`unshare -r -m`), runs
/// out of space: "the disk is full", no partial file left, the store unchanged. Skipped where
/// user namespaces are not allowed.
#[test]
fn a_full_disk_fails_a_backup_cleanly() {
    let desk = Desk::new();
    let before = desk.state();
    let small = desk.folder("small");
    let probe = Command::new("unshare")
        .args([
            "-r",
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$0\"",
        ])
        .arg(&small)
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a small tmpfs in a user namespace here");
        return;
    }
    let mut cmd = Command::new("unshare");
    cmd.args([
        "-r",
        "-m",
        "sh",
        "-c",
        "mount -t tmpfs -o size=64k tmpfs \"$0\" && exec \"$@\"",
    ])
    .arg(&small)
    .arg(env!("CARGO_BIN_EXE_privacy-desk"))
    .arg("--store")
    .arg(&desk.store.path)
    .arg("--passphrase-file")
    .arg(&desk.pass_file)
    .args(["backup", "--out"])
    .arg(small.join("backup.pdesk"))
    .env_remove("PRIVACY_DESK_PASSPHRASE")
    .stdin(std::process::Stdio::null());
    let out = run(&mut cmd);
    refused(
        &out,
        &[
            "The disk is full, so nothing was saved. Free some space and try again; the store is unchanged.",
        ],
    );
    // The tmpfs went with the namespace; nothing reached the real folder either.
    assert!(file_names(&small).is_empty());
    assert_eq!(desk.state(), before);
}

/// An assessment JSON (Privacy Desk's own or a CNIL PIA tool export) with fields of the wrong
/// type, or that is not JSON at all: refused naming the file and the field, nothing imported.
#[test]
fn a_pia_json_with_wrong_types() {
    let desk = Desk::new();
    let before = desk.state();
    let dir = desk.folder("pia");
    for (name, text, says) in [
        (
            "cnil.json",
            r#"{"pia":{"name":7,"author_name":[1]}}"#,
            "cnil.json: pia.name: invalid type: integer `7`, expected a string",
        ),
        (
            "other.json",
            r#"{"name": 42, "sections": "nope"}"#,
            "other.json: it is neither a Privacy Desk assessment",
        ),
        ("cut.json", "[1,2", "cut.json: it is not JSON"),
    ] {
        let file = dir.join(name);
        fs::write(&file, text).expect("write");
        let out = desk.cli(["pia".as_ref(), "import".as_ref(), file.as_os_str()]);
        refused(&out, &[says, "Nothing was imported."]);
    }
    assert_eq!(desk.state(), before);
}
