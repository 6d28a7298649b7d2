//! The Linux package installs like a desktop app: `scripts/package.sh --formats deb` packages
//! the binary this `cargo test` built (through cargo-packager and the configuration in
//! Cargo.toml, the same path a release takes), `dpkg -i` installs it, the installed
//! `/usr/bin/privacy-desk` answers `--version` and a headless `status` on a store it made
//! itself, the menu entry (checked by `desktop-file-validate` where desktop-file-utils is
//! installed) and the icons are where the desktop looks for them, and `dpkg -r` takes it all
//! away again.
//!
//! It needs root, dpkg and cargo-packager (`cargo install cargo-packager --version 0.11.8
//! --locked`). CI has them and sets `PRIVACY_DESK_REQUIRE_DPKG=1`, so there the test fails
//! without them; elsewhere it prints one line naming what is missing and passes. It never
//! touches a privacy-desk that was installed before it ran, unless CI requires the test.

use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{CHILD_VARS, PASS};

/// The package's name (the `Package` field) and its installed program.
const PACKAGE: &str = "privacy-desk";
const INSTALLED: &str = "/usr/bin/privacy-desk";
/// The menu entry the package installs.
const DESKTOP_ENTRY: &str = "/usr/share/applications/privacy-desk.desktop";

/// The icon sizes the package installs into the hicolor theme.
const ICON_SIZES: [u32; 5] = [32, 64, 128, 256, 512];

fn output(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

fn succeeds(cmd: &mut Command) -> String {
    let out = output(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What this machine lacks to install the package, if anything.
fn missing() -> Option<String> {
    if !works("dpkg", &["--version"]) {
        return Some("dpkg (a Debian or Ubuntu system)".into());
    }
    let uid = Command::new("id").arg("-u").output().ok();
    let root = uid.is_some_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        return Some("root (dpkg -i installs into /usr)".into());
    }
    if !works(env!("CARGO"), &["packager", "--version"]) {
        return Some(
            "cargo-packager (cargo install cargo-packager --version 0.11.8 --locked)".into(),
        );
    }
    None
}

fn installed() -> bool {
    let out = output(Command::new("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]));
    String::from_utf8_lossy(&out.stdout).contains("install ok installed")
}

/// `dpkg` with `args`, tried again while another dpkg or apt holds the package database (an
/// install running beside the test), at most a minute; its output.
fn dpkg(args: &[&OsStr]) -> Output {
    for _ in 0..60 {
        let out = output(Command::new("dpkg").args(args));
        let busy = String::from_utf8_lossy(&out.stderr).contains("lock");
        if out.status.success() || !busy {
            return out;
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    output(Command::new("dpkg").args(args))
}

/// Holds a lock file for the test's length, so that two test runs on one machine (two
/// worktrees' suites) take turns installing and removing the one system-wide package.
fn take_turn() -> File {
    let path = std::env::temp_dir().join("privacy-desk-package-deb.lock");
    let file = File::create(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.lock()
        .unwrap_or_else(|e| panic!("lock {}: {e}", path.display()));
    file
}

/// Removes the package when the test ends, whether it passed or not.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = dpkg(&["-r".as_ref(), PACKAGE.as_ref()]);
    }
}

/// `scripts/package.sh --binary <this build> --formats deb --out <dir>`; the `.deb` it made.
fn package(out: &Path) -> PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/package.sh");
    let printed = succeeds(
        Command::new("bash")
            .arg(&script)
            .args([
                "--formats",
                "deb",
                "--binary",
                env!("CARGO_BIN_EXE_privacy-desk"),
            ])
            .arg("--out")
            .arg(out)
            .current_dir(env!("CARGO_MANIFEST_DIR")),
    );
    let debs: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one .deb in {}: {debs:?}", out.display());
    let deb = debs.into_iter().next().unwrap();
    assert!(
        printed.contains(&deb.display().to_string()),
        "the script names the package it made:\n{printed}"
    );
    deb
}

/// The installed program with a clean environment, in `dir`.
fn installed_cli(dir: &Path) -> Command {
    let mut cmd = Command::new(INSTALLED);
    for var in CHILD_VARS {
        cmd.env_remove(var);
    }
    cmd.current_dir(dir);
    cmd
}

#[test]
fn the_deb_installs_runs_headless_and_removes_cleanly() {
    let required = std::env::var_os("PRIVACY_DESK_REQUIRE_DPKG").is_some();
    if let Some(what) = missing() {
        assert!(!required, "the .deb test needs {what} here");
        eprintln!("package_deb: skipped, this machine lacks {what}");
        return;
    }
    let _turn = take_turn();
    if installed() && !required {
        eprintln!("package_deb: skipped, privacy-desk is already installed here and is left alone");
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let deb = package(&dir.path().join("packages"));

    // The control fields: name, the version from Cargo.toml, the description, what it needs.
    let fields = succeeds(Command::new("dpkg-deb").arg("-f").arg(&deb).args([
        "Package",
        "Version",
        "Description",
        "Depends",
    ]));
    assert!(fields.contains(&format!("Package: {PACKAGE}")), "{fields}");
    assert!(
        fields.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{fields}"
    );
    assert!(fields.contains("GDPR"), "{fields}");
    assert!(fields.contains("libc6"), "{fields}");

    let _guard = Installed;
    let done = dpkg(&["-i".as_ref(), deb.as_os_str()]);
    assert!(
        done.status.success(),
        "dpkg -i {}: {}{}",
        deb.display(),
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(installed(), "dpkg lists the package as installed");
    let files = succeeds(Command::new("dpkg").args(["-L", PACKAGE]));
    assert!(files.lines().any(|l| l == INSTALLED), "{files}");

    // The program from its installed path.
    let version = succeeds(Command::new(INSTALLED).arg("--version"));
    assert_eq!(
        version.trim(),
        format!("privacy-desk {}", env!("CARGO_PKG_VERSION"))
    );
    let work = tempfile::tempdir().unwrap();
    let pass_file = work.path().join("pass.txt");
    std::fs::write(&pass_file, format!("{PASS}\n")).unwrap();
    let store = work.path().join("store").join("desk.pdesk");
    let with_store = |cmd: &mut Command| {
        cmd.arg("--store")
            .arg(&store)
            .arg("--passphrase-file")
            .arg(&pass_file);
    };
    let mut init = installed_cli(work.path());
    with_store(&mut init);
    succeeds(init.args(["init", "--kdf-memory-mib", "19", "--kdf-iterations", "2"]));
    let mut status = installed_cli(work.path());
    with_store(&mut status);
    let shown = succeeds(status.arg("status"));
    assert!(shown.contains("Store:"), "{shown}");
    assert!(shown.contains("Users:           1"), "{shown}");
    assert!(shown.contains("Data subjects:   0"), "{shown}");

    // The menu entry and the icons, where desktops look for them.
    let entry = std::fs::read_to_string(DESKTOP_ENTRY).unwrap();
    for line in [
        "Type=Application",
        "Name=Privacy Desk",
        "Exec=privacy-desk",
        "Icon=privacy-desk",
        "Terminal=false",
        "Categories=Office;",
    ] {
        assert!(
            entry.lines().any(|l| l.trim() == line),
            "{line} in:\n{entry}"
        );
    }
    match Command::new("desktop-file-validate")
        .arg(DESKTOP_ENTRY)
        .stdin(Stdio::null())
        .output()
    {
        Ok(checked) => assert!(
            checked.status.success() && checked.stdout.is_empty(),
            "desktop-file-validate: {}{}",
            String::from_utf8_lossy(&checked.stdout),
            String::from_utf8_lossy(&checked.stderr)
        ),
        Err(_) => {
            assert!(
                !required,
                "desktop-file-validate is required here (desktop-file-utils)"
            );
            eprintln!(
                "package_deb: desktop-file-validate is not installed (desktop-file-utils): the menu entry was checked line by line only"
            );
        }
    }
    for size in ICON_SIZES {
        let icon = format!("/usr/share/icons/hicolor/{size}x{size}/apps/privacy-desk.png");
        assert!(files.lines().any(|l| l == icon), "{icon} in:\n{files}");
        let png = std::fs::read(&icon).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{icon}");
        let (width, height) = (
            u32::from_be_bytes(png[16..20].try_into().unwrap()),
            u32::from_be_bytes(png[20..24].try_into().unwrap()),
        );
        assert_eq!((width, height), (size, size), "{icon}");
    }

    drop(_guard);
    assert!(!installed(), "dpkg -r removed the package");
    assert!(!Path::new(INSTALLED).exists(), "{INSTALLED} is gone");
    assert!(!Path::new(DESKTOP_ENTRY).exists(), "the menu entry is gone");
}
