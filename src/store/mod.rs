//! The store: one SQLite file (bundled SQLite) in WAL mode, with a lock file beside it.
//!
//! This module is the only place that writes SQL. It hands out and takes domain types; sealed
//! columns are sealed and opened here with keys the caller passes in, so a ciphertext never
//! leaves this layer and a plaintext never reaches SQLite.
//!
//! What the file shows without the passphrase (documented in README, "What the store file
//! reveals"): table layout, row counts, record UUIDs, timestamps, the audit trail's actions and
//! entity ids, settings (auto-lock minutes, regimes), KDF parameters, and the length of every
//! sealed field (to within the plaintext's length).

pub mod assessments;
pub mod attachments;
pub mod audit_log;
pub mod backup;
pub mod campaigns;
pub mod children;
pub mod consent;
pub mod consent_reviews;
mod db;
pub mod erasure;
pub mod erasure_exceptions;
mod error;
pub mod export_rows;
pub mod header;
pub mod holds;
pub mod holidays;
pub mod import_mappings;
pub mod inbox;
pub mod incidents;
pub mod integrity;
mod ledger_columns;
pub mod ledger_scan;
mod lock;
pub mod migrations;
pub mod objections;
pub mod profile;
pub mod pseudonym_keys;
pub mod purposes;
pub mod rectification;
pub mod register_table;
pub mod rekey;
pub mod request_language;
pub mod request_tasks;
pub mod request_terms;
pub mod requests;
pub mod retention_facts;
pub mod retention_rules;
mod sealed;
mod sealed_scrub;
pub mod security;
pub mod settings;
pub mod status;
pub mod subjects;
pub mod sweeps;
pub mod undeliverable;
pub mod users;
mod worker;
mod write;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use db::{Db, Snapshot};
pub use error::{StoreError, StoreResult};
pub use header::VaultHeader;
pub use lock::StoreLock;
pub use sealed::Sealed;
pub use write::{Write, open_bytes, open_text};

use crate::crypto::SecretKey;
use crate::domain::audit::NewAuditEntry;
use crate::domain::user::User;
use users::KeyWrap;

/// SQLite `application_id` of a Privacy Desk store ("PDK1").
pub const APPLICATION_ID: i32 = 0x5044_4B31;

/// SQLite `application_id` of a copy that is not a live store ("PDKB"): a backup, or a copy
/// kept before an upgrade or a restore. Opening one as a store is refused with
/// [`StoreError::SideCopy`]; a restore turns it back into a live store.
pub const SIDE_COPY_APPLICATION_ID: i32 = 0x5044_4B42;

/// The usual file extension of a store.
pub const EXTENSION: &str = "pdesk";

/// An open store: the connection and the lock that keeps other processes out.
#[derive(Debug)]
pub struct Store {
    conn: Db,
    path: PathBuf,
    migrated_from_backup: Option<PathBuf>,
    /// Set while a [`Write`] is open on `conn` (see [`Write`]).
    writing: std::cell::Cell<bool>,
    /// Set on a worker connection ([`Store::worker`]).
    worker: Option<worker::WorkerMark>,
    /// The lock, the generation counter and the worker count, shared by the connections.
    shared: std::sync::Arc<worker::Shared>,
    /// The row-MAC key once the store is unlocked: every [`Write`] tags the protected rows it
    /// wrote with it (see [`integrity`]).
    row_mac_key: Option<SecretKey>,
}

impl Store {
    /// Creates a new store at `path` with its header, its owner, its first audit entry and
    /// whatever `seed` writes (the default catalogues), all in one transaction. The file is built
    /// beside the target and renamed into place, so a crash leaves either no store or a whole one.
    /// Every protected row is tagged with `row_mac_key` before the first commit.
    pub fn create(
        path: &Path,
        header: &VaultHeader,
        owner: (&User, &KeyWrap),
        (audit_key, row_mac_key): (&SecretKey, &SecretKey),
        first_entry: &NewAuditEntry,
        seed: impl FnOnce(&Db) -> StoreResult<()>,
    ) -> StoreResult<Store> {
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_owned(),
            });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::private_fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                action: "create the folder",
                path: parent.to_owned(),
                source,
            })?;
        }
        let lock = StoreLock::acquire(path)?;
        let building = path.with_extension("pdesk-creating");
        let _ = fs::remove_file(&building);
        let keys = (audit_key, row_mac_key);
        let result = Self::build_new(&building, header, owner, keys, first_entry, seed);
        if let Err(e) = result {
            let _ = fs::remove_file(&building);
            return Err(e);
        }
        fs::rename(&building, path).map_err(|source| StoreError::Io {
            action: "move the new store into place at",
            path: path.to_owned(),
            source,
        })?;
        Self::open_locked(path, lock)
    }

    fn build_new(
        building: &Path,
        header: &VaultHeader,
        owner: (&User, &KeyWrap),
        (audit_key, row_mac_key): (&SecretKey, &SecretKey),
        first_entry: &NewAuditEntry,
        seed: impl FnOnce(&Db) -> StoreResult<()>,
    ) -> StoreResult<()> {
        crate::private_fs::prepare_for_sqlite(building).map_err(|source| StoreError::Io {
            action: "create",
            path: building.to_owned(),
            source,
        })?;
        let mut db = Db::new(Connection::open(building)?);
        db.pragma_update(None, "journal_mode", "DELETE")?;
        db.pragma_update(None, "application_id", APPLICATION_ID)?;
        db.pragma_update(None, "secure_delete", "ON")?;
        migrations::all()
            .to_latest(db.sql_mut())
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        db.execute_batch("BEGIN IMMEDIATE")?;
        let seeded = (|| {
            header::insert(&db, header)?;
            users::insert(&db, owner.0, owner.1)?;
            let created = audit_log::append(&db, audit_key, first_entry)?;
            seed(&db)?;
            integrity::tag_new_store(&db, row_mac_key, created.seq)
        })();
        match seeded {
            Ok(()) => db.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = db.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        db.into_inner()
            .close()
            .map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }

    /// Opens an existing store: takes the lock and refuses files that are not stores or are
    /// newer than this build, without writing to them. An older store is upgraded by
    /// [`Store::upgrade`] once the caller has proven the passphrase.
    pub fn open(path: &Path) -> StoreResult<Store> {
        if !path.is_file() {
            return Err(StoreError::NotFound {
                path: path.to_owned(),
            });
        }
        let lock = StoreLock::acquire(path)?;
        // A store made by an earlier version may be readable by others: take that away
        // (best effort) before SQLite makes its log files, which copy the store's mode.
        for file in [
            path.to_owned(),
            backup::with_suffix(path, "-wal"),
            backup::with_suffix(path, "-shm"),
        ] {
            if file.exists() {
                let _ = crate::private_fs::tighten(&file);
            }
        }
        Self::open_locked(path, lock)
    }

    fn open_locked(path: &Path, lock: StoreLock) -> StoreResult<Store> {
        probe_file_header(path)?;
        // The WAL may hold a newer schema than the main file's header: ask SQLite on a read-only
        // connection, which can never checkpoint the WAL into the main file.
        {
            let probe = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let found = migrations::version(&Db::new(probe))?;
            if found > migrations::LATEST_VERSION {
                return Err(StoreError::NewerVersion {
                    found,
                    supported: migrations::LATEST_VERSION,
                });
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let conn = Db::new(conn);
        configure(&conn)?;
        header::read(&conn)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            migrated_from_backup: None,
            writing: std::cell::Cell::new(false),
            worker: None,
            shared: worker::Shared::new(lock),
            row_mac_key: None,
        })
    }

    /// Brings an older store to this build's schema, after backing it up beside itself.
    /// Called once the passphrase is proven, so a wrong passphrase changes nothing.
    pub fn upgrade(&mut self) -> StoreResult<Option<PathBuf>> {
        let backup = migrations::upgrade(
            &mut self.conn,
            &self.path,
            &migrations::all(),
            migrations::LATEST_VERSION,
        )?;
        if backup.is_some() {
            self.migrated_from_backup.clone_from(&backup);
        }
        Ok(backup)
    }

    /// The store file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The backup written before [`Store::upgrade`] migrated the store, if it did.
    pub fn pre_migration_backup(&self) -> Option<&Path> {
        self.migrated_from_backup.as_deref()
    }

    /// The header.
    pub fn header(&self) -> StoreResult<VaultHeader> {
        header::read(&self.conn)
    }

    /// The schema version.
    pub fn schema_version(&self) -> StoreResult<i64> {
        migrations::version(&self.conn)
    }

    /// The database, for the query functions of the submodules (opaque outside `store`).
    pub fn db(&self) -> &Db {
        &self.conn
    }

    /// Starts a write: everything done through it, audit entry included, commits or rolls
    /// back together.
    /// Refused with [`StoreError::WorkerWriting`] while a worker connection is open.
    pub fn write(&self) -> StoreResult<Write<'_>> {
        self.check_worker()?;
        Write::begin(
            &self.conn,
            &self.writing,
            self.shared.generation(),
            self.row_mac_key.as_ref(),
        )
    }

    /// Gives the store the row-MAC key (at unlock, once the store is at the current schema, or
    /// the new key after a rotation): from now on every [`Write`] tags the protected rows it
    /// inserts or updates, in the same transaction.
    pub fn set_row_mac_key(&mut self, key: SecretKey) -> StoreResult<()> {
        integrity::install_triggers(&self.conn)?;
        self.row_mac_key = Some(key);
        Ok(())
    }

    /// Runs SQLite's full integrity check; `Ok(None)` when it passes.
    pub fn integrity_check(&self) -> StoreResult<Option<String>> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok((result != "ok").then_some(result))
    }

    /// Copies every page of the write-ahead log into the main file and empties the log, so
    /// deleted content survives in neither (used after an erasure). Returns `false` when
    /// another connection (a worker thread's reader) kept part of the log busy; the caller
    /// retries once the readers are gone.
    pub fn checkpoint_truncate(&self) -> StoreResult<bool> {
        let (busy, _log, _done): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        Ok(busy == 0)
    }
}

/// Connection settings applied at every open.
fn configure(conn: &Db) -> StoreResult<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cell_size_check", "ON")?;
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    // 32 MiB of page cache (SQLite's default is 2 MiB): whole-store reads such as a sweep's
    // plan revisit the index pages of a large store many times. Pages hold ciphertext only.
    conn.pragma_update(None, "cache_size", -32 * 1024)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Reads the first 100 bytes of the file (SQLite's header) without SQLite, so a file that is
/// not a store, or a store newer than this build, is refused before anything could write to it.
fn probe_file_header(path: &Path) -> StoreResult<()> {
    file_schema_version(path).map(drop)
}

/// The side copies (backups, copies kept before an upgrade or a restore) among the store files
/// in `dir`: files named `*.pdesk` whose header marks them as such. They still hold, sealed,
/// everyone who was in the store when they were made. Unreadable entries are skipped.
pub fn side_copies_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == EXTENSION) && p.is_file())
        .filter(|p| matches!(read_file_header(p), Ok((false, _))))
        .collect();
    out.sort();
    out
}

/// Marks the closed store file at `path` as a side copy (a backup, or a copy kept before an
/// upgrade or a restore), or as a live store again (a restored copy).
pub fn mark_file(path: &Path, live: bool) -> StoreResult<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let id = if live {
        APPLICATION_ID
    } else {
        SIDE_COPY_APPLICATION_ID
    };
    conn.pragma_update(None, "application_id", id)?;
    conn.close().map_err(|(_, e)| StoreError::from(e))
}

/// The schema version of the store file at `path`, read from SQLite's header without opening
/// it (a file that is not a store, or a store newer than this build, is refused as at open).
pub fn file_schema_version(path: &Path) -> StoreResult<i64> {
    match read_file_header(path)? {
        (false, _) => Err(StoreError::SideCopy {
            path: path.to_owned(),
        }),
        (true, version) => Ok(version),
    }
}

/// Reads SQLite's header of the file at `path` without SQLite: whether it is a live store
/// (`false` for a side copy) and its schema version. A file that is not a Privacy Desk file,
/// or one newer than this build, is refused.
pub(crate) fn read_file_header(path: &Path) -> StoreResult<(bool, i64)> {
    let not_a_store = |why: &str| StoreError::NotAStore {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let mut head = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|source| StoreError::Io {
        action: "read",
        path: path.to_owned(),
        source,
    })?;
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(source) => {
                return Err(StoreError::Io {
                    action: "read",
                    path: path.to_owned(),
                    source,
                });
            }
        }
    }
    if filled == 0 {
        return Err(not_a_store("the file is empty"));
    }
    if filled < head.len() || &head[..16] != b"SQLite format 3\0" {
        return Err(not_a_store("it is not a database file"));
    }
    let be = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let live = match be(68) {
        APPLICATION_ID => true,
        SIDE_COPY_APPLICATION_ID => false,
        _ => {
            return Err(not_a_store(
                "it is a database, but not one made by Privacy Desk",
            ));
        }
    };
    let version = i64::from(be(60));
    if version > migrations::LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            found: version,
            supported: migrations::LATEST_VERSION,
        });
    }
    Ok((live, version))
}

/// A read-only second connection to an open store, for long reads on a worker thread while
/// the window keeps its own connection. Holds no lock: the [`Store`] it came from does.
#[derive(Debug)]
pub struct StoreReader {
    conn: Db,
}

impl StoreReader {
    /// The database, for the query functions of the submodules (opaque outside `store`).
    pub fn db(&self) -> &Db {
        &self.conn
    }
}

impl Store {
    /// Opens a read-only connection to this store for another thread.
    pub fn reader(&self) -> StoreResult<StoreReader> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", -32 * 1024)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(StoreReader {
            conn: Db::new(conn),
        })
    }
}
