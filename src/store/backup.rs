//! Backups: a consistent copy of an open store, and the plain-column reads a restore needs
//! from other store files without unlocking them.
//!
//! A backup is made with SQLite's `VACUUM INTO` on the store's own connection, so it is one
//! transaction-consistent snapshot (what the write-ahead log holds included) even while the
//! window keeps working. The copy is byte-for-byte the same sealed cells: it stays encrypted
//! and opens with the passphrases (and the recovery code) that were valid when it was taken.
//! Free pages are not copied, so nothing deleted before the backup is carried into it.
//!
//! The copy is written to `<out>.partial`, switched to a single-file journal, checked on a
//! read-only connection (SQLite's integrity check, the application id, the schema version,
//! the key header), synced to disk and only then published under `out`, which is never
//! overwritten.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use uuid::Uuid;

use super::{APPLICATION_ID, Db, Store, StoreError, StoreResult, Write, header, migrations};

/// What a store file shows without being unlocked (no personal data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreFileInfo {
    /// The store's random identifier; a backup has the same one as the store it was taken of.
    pub store_id: [u8; 16],
    /// When the store (not the backup) was created, RFC 3339.
    pub created_at: String,
    /// The schema version (SQLite `user_version`).
    pub schema_version: i64,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// One erasure record as stored (the blind index of the email, never the email).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ErasureRow {
    /// The keyed blind index of the erased email (none when the person had no email).
    pub email_index: Option<Vec<u8>>,
    /// The day of the erasure (YYYY-MM-DD).
    pub erased_on: String,
    /// The request it answered, or the retention rule that removed the person.
    pub request_reference: Option<String>,
    /// The counts of what was removed, as stored (JSON).
    pub removed: String,
    /// The erased subject's record id (none in records made before store format 11).
    pub subject_id: Option<Vec<u8>>,
}

/// The erasure records of a store file, read without unlocking it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErasureSet {
    /// The store the records belong to (the blind indexes are keyed per store).
    pub store_id: [u8; 16],
    /// The records, oldest first.
    pub records: Vec<ErasureRow>,
    /// Subjects of that store whose email matches one of the records: people who came back
    /// or share an address with an erased one. A restore never removes these.
    pub still_present: HashSet<Uuid>,
}

/// `path` with `suffix` appended to its file name (`store.pdesk` → `store.pdesk.partial`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_owned();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

fn sql_path(path: &Path) -> StoreResult<&str> {
    path.to_str().ok_or_else(|| StoreError::Io {
        action: "use the path",
        path: path.to_owned(),
        source: std::io::Error::new(ErrorKind::InvalidInput, "the path is not valid UTF-8"),
    })
}

/// `VACUUM INTO to` on `conn`. A target SQLite cannot create (a folder that cannot be written
/// to) is reported as such, naming `shown`, not as a bare database error.
fn vacuum_into(conn: &Db, to: &Path, shown: &Path) -> StoreResult<()> {
    let cannot_create = || StoreError::Io {
        action: "write",
        path: shown.to_owned(),
        source: std::io::Error::new(
            ErrorKind::PermissionDenied,
            "the file cannot be created there. Choose a folder you can write to; \
             nothing was changed",
        ),
    };
    let path = sql_path(to)?;
    // Created private and empty first: SQLite fills an empty file and keeps its mode.
    let created = crate::private_fs::prepare_for_sqlite(to).map_err(|_| cannot_create())?;
    let result = match conn.execute("VACUUM INTO ?1", [path]) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            Err(cannot_create())
        }
        Err(e) => Err(e.into()),
    };
    if result.is_err() && created {
        let _ = fs::remove_file(to);
    }
    result
}

/// Removes a file if it is there.
pub fn remove_if_present(path: &Path) -> StoreResult<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io("remove", path)(e)),
    }
}

/// Writes a consistent, still-sealed copy of the open `store` to `out`; refuses when `out`
/// exists. The copy is verified and synced before it appears under its name, so `out` is
/// either absent or a whole, checked store file.
pub fn backup_to(store: &Store, out: &Path) -> StoreResult<()> {
    refuse_existing(out)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::private_fs::create_dir_all(parent).map_err(io("create the folder", parent))?;
    }
    let partial = with_suffix(out, ".partial");
    remove_if_present(&partial)?;
    let made = (|| {
        vacuum_into(store.db(), &partial, out)?;
        single_file_journal(&partial)?;
        super::mark_file(&partial, false)?;
        let info = verify_file(&partial)?;
        if info.schema_version != migrations::version(store.db())? {
            return Err(StoreError::Corrupt(
                "the backup's format differs from the store's".into(),
            ));
        }
        sync_file(&partial)?;
        publish(&partial, out)
    })();
    if made.is_err() {
        let _ = fs::remove_file(&partial);
    }
    made
}

/// Copies a store file that no one has open (a backup) to `to` with `VACUUM INTO` on a
/// read-only connection, so whatever a stray write-ahead log beside it holds is included and
/// the source is never written. `to` must not exist.
pub fn copy_file(from: &Path, to: &Path) -> StoreResult<()> {
    refuse_existing(to)?;
    let conn = read_only(from)?;
    vacuum_into(&conn, to, to)?;
    drop(conn);
    single_file_journal(to)
}

fn refuse_existing(path: &Path) -> StoreResult<()> {
    if path.exists() {
        return Err(StoreError::Conflict(format!(
            "A file already exists at {}; a backup never overwrites anything, and nothing was changed. Choose another name.",
            path.display()
        )));
    }
    Ok(())
}

/// Puts a store file no one has open in rollback-journal mode, so it is one self-contained
/// file (a store is switched back to WAL when it is next opened).
pub fn single_file_journal(path: &Path) -> StoreResult<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.close().map_err(|(_, e)| StoreError::from(e))
}

/// Moves `partial` to `out` without ever replacing a file at `out` (a hard link where the
/// file system has them, else a rename after a last look).
fn publish(partial: &Path, out: &Path) -> StoreResult<()> {
    match fs::hard_link(partial, out) {
        Ok(()) => {
            remove_if_present(partial)?;
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return refuse_existing(out),
        Err(_) => {
            refuse_existing(out)?;
            fs::rename(partial, out).map_err(io("move the backup into place at", out))?;
        }
    }
    sync_parent(out);
    Ok(())
}

/// Syncs a file's bytes to disk.
pub fn sync_file(path: &Path) -> StoreResult<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io("sync", path))
}

/// Makes a rename durable where the platform allows syncing a folder (best effort).
pub fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = File::open(parent)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A read-only connection to a store file, after the header probe refused non-stores and
/// newer files. Takes no lock and never writes.
fn read_only(path: &Path) -> StoreResult<Db> {
    if !path.is_file() {
        return Err(StoreError::NotFound {
            path: path.to_owned(),
        });
    }
    // A backup is read here (never opened as a live store): side copies are welcome.
    super::read_file_header(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(Db::new(conn))
}

/// Checks a store file without unlocking it or writing to it: a Privacy Desk file, not newer
/// than this build, SQLite's full integrity check passing, a key header present.
pub fn verify_file(path: &Path) -> StoreResult<StoreFileInfo> {
    let conn = read_only(path)?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID && app_id != super::SIDE_COPY_APPLICATION_ID {
        return Err(StoreError::NotAStore {
            path: path.to_owned(),
            why: "it is a database, but not one made by Privacy Desk".into(),
        });
    }
    let schema_version = migrations::version(&conn)?;
    if schema_version > migrations::LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            found: schema_version,
            supported: migrations::LATEST_VERSION,
        });
    }
    let problems: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check(5)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if problems.iter().any(|p| p != "ok") {
        return Err(StoreError::Corrupt(format!(
            "SQLite's integrity check failed: {}",
            problems.join("; ")
        )));
    }
    let header = header::read(&conn)?;
    let bytes = fs::metadata(path).map_err(io("read", path))?.len();
    Ok(StoreFileInfo {
        store_id: header.store_id,
        created_at: header.created_at,
        schema_version,
        bytes,
    })
}

/// The schema version of a store file, without unlocking it (a store newer than this build
/// reports its version too); a file that is not a store is refused.
pub fn schema_version_of(path: &Path) -> StoreResult<i64> {
    if !path.is_file() {
        return Err(StoreError::NotFound {
            path: path.to_owned(),
        });
    }
    match super::read_file_header(path) {
        Ok(_) => {}
        Err(StoreError::NewerVersion { found, .. }) => return Ok(found),
        Err(e) => return Err(e),
    }
    // The write-ahead log may hold a newer version than the file's header.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    migrations::version(&Db::new(conn))
}

/// The erasure records of the store file at `path`, read on a read-only connection without
/// unlocking (they are plain columns: a keyed blind index, a day, a reference, counts).
pub fn read_erasures(path: &Path) -> StoreResult<ErasureSet> {
    let conn = read_only(path)?;
    let header = header::read(&conn)?;
    let records = erasure_rows(&conn)?;
    let mut still_present = HashSet::new();
    for index in records.iter().filter_map(|r| r.email_index.as_deref()) {
        still_present.extend(subjects_with_email_index(&conn, index)?);
    }
    Ok(ErasureSet {
        store_id: header.store_id,
        records,
        still_present,
    })
}

/// The users of the store file at `path`, read on a read-only connection without unlocking
/// (ids, names and roles are plain columns; the key wraps are not opened).
pub fn read_users(path: &Path) -> StoreResult<Vec<crate::domain::user::User>> {
    let conn = read_only(path)?;
    super::users::list(&conn)
}

/// Every erasure record of a store, oldest first (none before the schema had them).
pub fn erasure_rows(conn: &Db) -> StoreResult<Vec<ErasureRow>> {
    let has_table = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'erasures'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !has_table {
        return Ok(Vec::new());
    }
    // Records of a file before format 11 have no subject id (read as none).
    let has_subject_id = conn
        .query_row(
            "SELECT 1 FROM pragma_table_info('erasures') WHERE name = 'subject_id'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let mut stmt = conn.prepare(if has_subject_id {
        "SELECT email_index, erased_on, request_reference, removed, subject_id
         FROM erasures ORDER BY seq"
    } else {
        "SELECT email_index, erased_on, request_reference, removed, NULL
         FROM erasures ORDER BY seq"
    })?;
    let rows = stmt.query_map([], |r| {
        Ok(ErasureRow {
            email_index: r.get(0)?,
            erased_on: r.get(1)?,
            request_reference: r.get(2)?,
            removed: r.get(3)?,
            subject_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Copies an erasure record from another file of the same store, exactly as it was.
pub fn insert_erasure_row(w: &Write<'_>, row: &ErasureRow) -> StoreResult<()> {
    w.execute(
        "INSERT INTO erasures (email_index, erased_on, request_reference, removed, subject_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            row.email_index,
            row.erased_on,
            row.request_reference,
            row.removed,
            row.subject_id
        ],
    )?;
    Ok(())
}

/// The subjects whose email has this blind index.
pub fn subjects_with_email_index(conn: &Db, index: &[u8]) -> StoreResult<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM subjects WHERE email_index = ?1")?;
    let rows = stmt.query_map([index], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = Vec::new();
    for id in rows {
        let id = id?;
        out.push(
            Uuid::from_slice(&id)
                .map_err(|_| StoreError::Corrupt("a subject id has the wrong length".into()))?,
        );
    }
    Ok(out)
}

/// Folds the write-ahead log of a closed store file into the file and removes the log and
/// its shared-memory file, so the file can be moved on its own. The caller holds the store's
/// lock, so no Privacy Desk connection is open on it.
pub fn fold_log(path: &Path) -> StoreResult<()> {
    let wal = with_suffix(path, "-wal");
    let shm = with_suffix(path, "-shm");
    if wal.exists() {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        conn.close().map_err(|(_, e)| StoreError::from(e))?;
        if busy != 0 {
            return Err(StoreError::InUse { pid: None });
        }
    }
    if let Ok(meta) = fs::metadata(&wal) {
        if meta.len() != 0 {
            return Err(StoreError::InUse { pid: None });
        }
        remove_if_present(&wal)?;
    }
    remove_if_present(&shm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_like(path: &Path) -> Connection {
        let mut conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        migrations::all().to_latest(&mut conn).unwrap();
        conn
    }

    #[test]
    fn suffixes_are_appended_to_the_whole_name() {
        assert_eq!(
            with_suffix(Path::new("/a/s.pdesk"), ".partial"),
            PathBuf::from("/a/s.pdesk.partial")
        );
    }

    #[test]
    fn a_copy_includes_the_log_and_is_one_file_in_rollback_mode() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("a.pdesk");
        let conn = store_like(&from);
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42);")
            .unwrap();
        // The source stays open, so the row is still only in its write-ahead log.
        assert!(with_suffix(&from, "-wal").exists());
        let to = dir.path().join("b.pdesk");
        copy_file(&from, &to).unwrap();
        drop(conn);
        let mut head = [0u8; 20];
        use std::io::Read;
        File::open(&to).unwrap().read_exact(&mut head).unwrap();
        assert_eq!((head[18], head[19]), (1, 1), "rollback journal, not WAL");
        let copy = Connection::open(&to).unwrap();
        let x: i64 = copy.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        assert!(matches!(
            copy_file(&from, &to),
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(verify_file(&to).map_err(|e| e.to_string()).err(), Some(
            "The store file is damaged (the key header is missing). Restore it from a backup; nothing was changed.".to_owned()
        ));
    }

    #[test]
    fn the_version_of_a_newer_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.pdesk");
        let conn = store_like(&path);
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        assert_eq!(schema_version_of(&path).unwrap(), 99);
        assert!(matches!(
            verify_file(&path),
            Err(StoreError::NewerVersion { found: 99, .. })
        ));
    }
}
