//! Hostile and broken input (issue #9, item 3), in one place: every case drives the built
//! `privacy-desk` binary on a temporary store holding one person, and asserts a specific
//! message (the file, line or field, and what to do) and that the store is unchanged: the
//! same `status --json` (less its own sign-in), the same audit actions (less sign-ins), the
//! same rows, `integrity_check` ok.
//!
//! | Case | Test |
//! |---|---|
//! | CSV with unbalanced quotes | [`csv_cases::unbalanced_quotes`] (library: `import::unreadable_files_and_headers_are_named`) |
//! | Latin-1 bytes | [`csv_cases::latin1_bytes`] |
//! | a 10 MB single line | [`csv_cases::a_10_mb_single_line`] (generated at run time) |
//! | only a header | [`csv_cases::only_a_header`] |
//! | zero bytes: empty, NUL bytes, UTF-16 | [`csv_cases::zero_bytes_empty_nul_and_utf16`] |
//! | duplicate or missing required columns | [`csv_cases::duplicate_or_missing_required_columns`] |
//! | formula injection in import cells | [`csv_cases::formula_cells_are_imported_as_text_or_refused_by_row`] |
//! | formula cells in every CSV we export | [`csv_cases::every_csv_export_neutralises_formula_cells`] (also `export::suppression_…`, `review::the_queue_exports_…`, `services::csv_cell` unit table) |
//! | a truncated store file | [`file_cases::a_truncated_store_is_refused_untouched`] (a truncated *backup*: `backup::damaged_foreign_and_newer_backups_…`) |
//! | a random file named like a store | [`file_cases::a_random_file_named_like_a_store_is_not_restored`]; opening one: `newer_version::random_bytes_are_not_a_store` |
//! | a store from a newer version | `newer_version::*` (library and CLI, file untouched) |
//! | a PIA JSON with wrong types | [`file_cases::a_pia_json_with_wrong_types`] |
//! | an import file that does not exist | [`file_cases::a_missing_import_file_is_named`] |
//! | `--out` into a missing folder | [`file_cases::out_into_a_missing_folder`] |
//! | `--out` into a read-only folder | [`file_cases::out_into_a_read_only_folder`] |
//! | a full disk | [`file_cases::a_full_disk_fails_exports_cleanly`] (`/dev/full`), [`file_cases::a_full_disk_fails_a_backup_cleanly`] (a 64 KiB tmpfs) |
//! | a protected plain column edited with SQLite | [`plain_columns::every_bound_column_edited_with_sqlite_is_named_by_audit_verify`], [`plain_columns::the_command_line_names_the_edited_row_and_exits_1`] |
//! | a row added or a tag moved with SQLite | [`plain_columns::a_row_added_with_sqlite_or_a_tag_moved_between_rows_is_named`] |

mod csv_cases;
mod file_cases;
mod plain_columns;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{PASS, Run, TempStore, cli_init, query_i64, run};

/// A fixture in tests/data.
fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A store made through the CLI, with one person in it, and its passphrase file.
struct Desk {
    store: TempStore,
    pass_file: PathBuf,
}

/// What must not change when an input is refused.
#[derive(Debug, PartialEq)]
struct State {
    /// `status --json` without the fields a sign-in or a checkpoint moves.
    status: Value,
    /// Every audit action but `session.unlocked`, in order.
    audit: Vec<String>,
    /// Subjects, consent events, erasures.
    rows: [i64; 3],
}

impl Desk {
    fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let pass_file = store.secret_file("owner-pass.txt", PASS);
        let desk = Self { store, pass_file };
        let out = desk.cli([
            "subject",
            "add",
            "--email",
            "ada@example.org",
            "--name",
            "Ada Lovelace",
        ]);
        assert_eq!(out.code, Some(0), "{out:?}");
        desk
    }

    /// The CLI on this store, signed in as the owner.
    fn cli<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        run(self.store.cli_with(&self.pass_file).args(args))
    }

    /// `import consent FILE --preset generic --purpose newsletter` plus `extra`.
    fn import(&self, file: &Path, extra: &[&str]) -> Run {
        let mut args: Vec<&OsStr> = vec!["import".as_ref(), "consent".as_ref(), file.as_ref()];
        args.extend(
            ["--preset", "generic", "--purpose", "newsletter"]
                .iter()
                .chain(extra)
                .map(OsStr::new),
        );
        self.cli(args)
    }

    /// A folder in the temporary directory (created).
    fn folder(&self, name: &str) -> PathBuf {
        let dir = self.store.dir.path().join(name);
        std::fs::create_dir_all(&dir).expect("create folder");
        dir
    }

    fn state(&self) -> State {
        let out = self.cli(["status", "--json"]);
        assert_eq!(out.code, Some(0), "{out:?}");
        let mut status: Value = serde_json::from_str(&out.stdout).expect("status --json");
        status
            .as_object_mut()
            .expect("status is an object")
            .remove("file_bytes");
        status["counts"]
            .as_object_mut()
            .expect("counts")
            .remove("audit_entries");
        let conn = self.store.raw();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(ok, "ok");
        let mut stmt = conn
            .prepare("SELECT action FROM audit_log WHERE action <> 'session.unlocked' ORDER BY seq")
            .expect("audit query");
        let audit = stmt
            .query_map([], |r| r.get(0))
            .expect("audit rows")
            .collect::<Result<Vec<String>, _>>()
            .expect("audit actions");
        let rows = [
            query_i64(&conn, "SELECT COUNT(*) FROM subjects"),
            query_i64(&conn, "SELECT COUNT(*) FROM consent_events"),
            query_i64(&conn, "SELECT COUNT(*) FROM erasures"),
        ];
        State {
            status,
            audit,
            rows,
        }
    }
}

/// The command failed with exit 1, printed every `expected` piece on stderr, and did not
/// panic.
#[track_caller]
fn refused(out: &Run, expected: &[&str]) {
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(!out.stderr.contains("panicked"), "{out:?}");
    for piece in expected {
        assert!(out.stderr.contains(piece), "expected {piece:?} in\n{out:?}");
    }
}
