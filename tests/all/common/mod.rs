//! Helpers shared by the integration tests: temporary stores (always with the cheapest
//! Argon2id parameters the store accepts), raw SQLite access for tampering, file hashes, and
//! running the built `privacy-desk` binary with a clean environment.

#![allow(dead_code)]

pub mod desk;
pub mod kill;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use privacy_desk::crypto::{KdfParams, Passphrase, RecoveryCode};
use privacy_desk::domain::organisation::{Contact, OrganisationProfile, Regime};
use privacy_desk::domain::subject::SubjectDraft;
use privacy_desk::services::{ServiceError, ServiceResult, Session, Via};
use privacy_desk::store::StoreError;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// The passphrase stores are created with.
pub const PASS: &str = "correct horse battery staple";
/// The passphrase a change or recovery sets.
pub const NEW_PASS: &str = "plover xyzzy gazebo lantern";

/// Environment variables the binary reads; removed from every child unless a test sets them.
pub const CHILD_VARS: [&str; 3] = [
    "PRIVACY_DESK_PASSPHRASE",
    "PRIVACY_DESK_NEW_PASSPHRASE",
    "PRIVACY_DESK_CRASH_AT",
];

/// A temporary folder with a store path inside its own sub-folder (`store/store.pdesk`), so
/// that secret files written for the CLI (in the folder's root) never sit beside the store.
pub struct TempStore {
    /// The temporary folder; removed on drop.
    pub dir: TempDir,
    /// The store file (not created yet).
    pub path: PathBuf,
}

impl TempStore {
    /// A fresh folder and a store path in it; nothing is created.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store").join("store.pdesk");
        Self { dir, path }
    }

    /// The folder that holds the store file (and its WAL, shared memory and lock files).
    pub fn store_dir(&self) -> PathBuf {
        self.path.parent().expect("store has a parent").to_owned()
    }

    /// Creates the store with [`PASS`] and the floor KDF parameters.
    pub fn create(&self) -> (Session, RecoveryCode) {
        create(&self.path, PASS)
    }

    /// Creates the store and drops (locks) it at once.
    pub fn created(self) -> Self {
        drop(self.create());
        self
    }

    /// Unlocks with a passphrase.
    pub fn unlock(&self, passphrase: &str) -> ServiceResult<Session> {
        unlock(&self.path, passphrase)
    }

    /// Writes a file holding `contents` in the folder's root (not beside the store).
    pub fn secret_file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, format!("{contents}\n")).expect("write secret file");
        path
    }

    /// The SHA-256 of the store file.
    pub fn hash(&self) -> [u8; 32] {
        sha256_file(&self.path)
    }

    /// A raw SQLite connection to the store file (the session must be dropped first).
    pub fn raw(&self) -> rusqlite::Connection {
        raw(&self.path)
    }

    /// A `privacy-desk --store <path>` command with a clean environment, run in the temporary
    /// folder (so a core file from a deliberate crash never lands in the repository).
    pub fn cli(&self) -> Command {
        let mut cmd = cli(&self.path);
        cmd.current_dir(self.dir.path());
        cmd
    }

    /// The CLI on this store, reading the passphrase from `file`.
    pub fn cli_with(&self, file: &Path) -> Command {
        let mut cmd = self.cli();
        cmd.arg("--passphrase-file").arg(file);
        cmd
    }
}

/// A passphrase.
pub fn pass(text: &str) -> Passphrase {
    Passphrase::new(text)
}

/// Creates a store at `path` with the floor KDF parameters.
pub fn create(path: &Path, passphrase: &str) -> (Session, RecoveryCode) {
    Session::create(path, "owner", &pass(passphrase), KdfParams::FLOOR, Via::Cli)
        .expect("create store")
}

/// Unlocks the store at `path`.
pub fn unlock(path: &Path, passphrase: &str) -> ServiceResult<Session> {
    Session::unlock(path, None, &pass(passphrase), Via::Cli)
}

/// The store error inside a service error, or a panic naming what came instead.
pub fn store_err<T: std::fmt::Debug>(result: ServiceResult<T>) -> StoreError {
    match result {
        Err(ServiceError::Store(e)) => e,
        other => panic!("expected a store error, got {other:?}"),
    }
}

/// A subject with a name and an email, the other fields derived from the name.
pub fn draft(name: &str, email: &str) -> SubjectDraft {
    SubjectDraft {
        email: email.to_owned(),
        name: name.to_owned(),
        phone: format!("+44 20 7946 {:04}", name.len() * 37 % 10_000),
        postal_address: format!(
            "{} Lane 7, Testington",
            name.split(' ').next().unwrap_or("")
        ),
        customer_ref: format!("CUST-{}", name.len()),
        notes: format!("Notes about {name}"),
        tags: String::new(),
    }
}

/// A valid organisation profile.
pub fn profile(name: &str) -> OrganisationProfile {
    OrganisationProfile {
        name: name.to_owned(),
        controller: Contact {
            name: "Controller Office".into(),
            email: "controller@example.org".into(),
            phone: String::new(),
            postal_address: "1 High Street, Testington".into(),
        },
        dpo: Contact::default(),
        regimes: [Regime::Gdpr].into(),
    }
}

/// SHA-256 of a file's bytes.
pub fn sha256_file(path: &Path) -> [u8; 32] {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    Sha256::digest(&bytes).into()
}

/// A raw SQLite connection, as an attacker with the file would have.
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("open raw connection")
}

/// Drops the triggers that keep the audit log append-only, as an attacker would.
pub fn drop_audit_triggers(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         DROP TRIGGER audit_log_no_delete;",
    )
    .expect("drop audit triggers");
}

/// Reads one blob cell of `table` for the row whose `id` is `id`.
pub fn read_blob(conn: &rusqlite::Connection, table: &str, column: &str, id: &[u8]) -> Vec<u8> {
    conn.query_row(
        &format!("SELECT {column} FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("read {table}.{column}: {e}"))
}

/// Writes one blob cell of `table` for the row whose `id` is `id`.
pub fn write_blob(conn: &rusqlite::Connection, table: &str, column: &str, id: &[u8], value: &[u8]) {
    let changed = conn
        .execute(
            &format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"),
            rusqlite::params![value, id],
        )
        .unwrap_or_else(|e| panic!("write {table}.{column}: {e}"));
    assert_eq!(changed, 1, "exactly one row of {table} updated");
}

/// Every regular file in a folder, with its bytes.
pub fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
        .expect("read store folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
            (p, bytes)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The names of the files in a folder, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The built binary with `--store <path>`, no inherited Privacy Desk variables, and stdin
/// closed (so it can never wait at a prompt).
pub fn cli(store: &Path) -> Command {
    let mut cmd = bare_cli();
    cmd.arg("--store").arg(store);
    cmd
}

/// The built binary without any arguments, with a clean environment.
pub fn bare_cli() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_privacy-desk"));
    for var in CHILD_VARS {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null());
    cmd
}

/// What a finished command did.
pub struct Run {
    /// The exit code (`None` when a signal ended it).
    pub code: Option<i32>,
    /// Whether it exited successfully.
    pub success: bool,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The raw status.
    pub status: std::process::ExitStatus,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// Runs a command to completion.
pub fn run(cmd: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run privacy-desk");
    Run {
        code: status.code(),
        success: status.success(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        status,
    }
}

/// The recovery code in `init`'s output: the line that is eight groups of four characters.
pub fn recovery_code_in(stdout: &str) -> Option<String> {
    stdout.lines().map(str::trim).find_map(|line| {
        let groups: Vec<&str> = line.split('-').collect();
        let shaped = groups.len() == 8
            && groups
                .iter()
                .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric()));
        shaped.then(|| line.to_owned())
    })
}

/// `init` through the CLI with the floor KDF parameters and [`PASS`] from a file; returns
/// the run.
pub fn cli_init(store: &TempStore) -> Run {
    let pass_file = store.secret_file("init-pass.txt", PASS);
    run(store.cli().arg("--passphrase-file").arg(&pass_file).args([
        "init",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ]))
}

/// Signs `user` in to the store at `path` with `passphrase`.
pub fn unlock_as(path: &Path, user: &str, passphrase: &str) -> ServiceResult<Session> {
    Session::unlock(path, Some(user), &pass(passphrase), Via::Cli)
}

/// The single integer a query such as `SELECT COUNT(*) …` returns.
pub fn query_i64(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
