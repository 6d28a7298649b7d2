//! Schema migrations: numbered SQL files in `migrations/`, applied in order, the version kept
//! in SQLite's `user_version`. Before an existing store is migrated it is copied with
//! `VACUUM INTO` (still sealed) next to itself; a store newer than this build is refused.

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite_migration::{M, Migrations};

use super::{Db, StoreError, StoreResult};

/// Every migration, in order. Migration N brings the store to schema version N.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_consent.sql")),
    M::up(include_str!("../../migrations/0003_import.sql")),
    M::up(include_str!("../../migrations/0004_tags.sql")),
    M::up(include_str!("../../migrations/0005_requests.sql")),
    M::up(include_str!("../../migrations/0006_retention.sql")),
    M::up(include_str!("../../migrations/0007_records.sql")),
    M::up(include_str!("../../migrations/0008_assessments.sql")),
    M::up(include_str!("../../migrations/0009_ledger_indexes.sql")),
    M::up(include_str!(
        "../../migrations/0010_request_identity_asked.sql"
    )),
    M::up(include_str!("../../migrations/0011_erasure_subject.sql")),
    M::up(include_str!("../../migrations/0012_carried_keys.sql")),
    M::up(include_str!("../../migrations/0013_row_macs.sql")),
    M::up(include_str!("../../migrations/0014_legal_rules.sql")),
    M::up(include_str!("../../migrations/0015_inbox.sql")),
    M::up(include_str!("../../migrations/0016_attachments.sql")),
    M::up(include_str!("../../migrations/0017_access_terms.sql")),
    M::up(include_str!("../../migrations/0018_legal_more.sql")),
    M::up(include_str!(
        "../../migrations/0019_campaigns_and_tasks.sql"
    )),
    M::up(include_str!("../../migrations/0020_partial_and_roles.sql")),
    M::up(include_str!("../../migrations/0021_import_mappings.sql")),
    M::up(include_str!("../../migrations/0022_children.sql")),
    M::up(include_str!("../../migrations/0023_request_language.sql")),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// The migration set.
pub fn all() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// Reads the schema version.
pub fn version(conn: &Db) -> StoreResult<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Where the pre-migration backup of `store` goes.
pub fn backup_path(store: &Path, from_version: i64) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let stem = store
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".to_owned());
    store.with_file_name(format!(
        "{stem}.before-upgrade-from-v{from_version}-{stamp}.pdesk"
    ))
}

/// Brings an existing store to `migrations`' latest version: refuses a newer store, backs up an
/// older one, then migrates. Returns the backup's path when one was made.
pub fn upgrade(
    conn: &mut Db,
    store: &Path,
    migrations: &Migrations<'_>,
    latest: i64,
) -> StoreResult<Option<PathBuf>> {
    let found = version(conn)?;
    if found > latest {
        return Err(StoreError::NewerVersion {
            found,
            supported: latest,
        });
    }
    if found == latest {
        return Ok(None);
    }
    let backup = backup_path(store, found);
    // Created private and empty first: SQLite fills an empty file and keeps its mode.
    let created =
        crate::private_fs::prepare_for_sqlite(&backup).map_err(|source| StoreError::Io {
            action: "create the backup",
            path: backup.clone(),
            source,
        })?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [backup.to_string_lossy().as_ref()]) {
        if created {
            let _ = std::fs::remove_file(&backup);
        }
        return Err(e.into());
    }
    // The copy kept before the upgrade is a side copy: restored, never opened as the store.
    super::mark_file(&backup, false)?;
    migrations
        .to_latest(conn.sql_mut())
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(Some(backup))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn the_shipped_migrations_are_valid() {
        all().validate().unwrap();
    }

    #[test]
    fn an_older_store_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.pdesk");
        let mut conn = Db::new(Connection::open(&path).unwrap());
        let v1 = [M::up(
            "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);",
        )];
        Migrations::from_slice(&v1)
            .to_latest(conn.sql_mut())
            .unwrap();

        let v2 = [v1[0].clone(), M::up("CREATE TABLE b (y INTEGER);")];
        let backup = upgrade(&mut conn, &path, &Migrations::from_slice(&v2), 2)
            .unwrap()
            .expect("a backup is made");
        assert_eq!(version(&conn).unwrap(), 2);
        #[cfg(unix)]
        assert_eq!(crate::private_fs::mode_of(&backup).unwrap(), 0o600);

        let old = Db::new(Connection::open(&backup).unwrap());
        assert_eq!(version(&old).unwrap(), 1);
        let x: i64 = old.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 7);
    }

    /// Migration 10 dates the identity question of requests already waiting or answered, from
    /// their history; a request never asked keeps no date (issue 16, item 3).
    #[test]
    fn migration_10_backfills_the_identity_question_from_the_history() {
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::from_slice(&MIGRATIONS[..9])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO requests (id, reference, regime, kind, state, channel, received,
                                   clock_start, requester, details, created_by, created_at,
                                   updated_at)
             VALUES (x'01', 'R-0001', 'gdpr', 'access', 'in-progress', 'email', '2026-03-02',
                     '2026-03-20', x'00', x'00', 'owner', 'now', 'now'),
                    (x'02', 'R-0002', 'gdpr', 'access', 'in-progress', 'email', '2026-03-02',
                     '2026-03-20', x'00', x'00', 'owner', 'now', 'now');
             INSERT INTO request_steps (request_id, at, from_state, to_state, what, actor)
             VALUES (x'01', '2026-03-05T09:00:00+00:00', 'received', 'awaiting-identity', 'a',
                     'owner'),
                    (x'01', '2026-03-20T09:00:00+00:00', 'awaiting-identity', 'in-progress',
                     'b', 'owner'),
                    (x'02', '2026-03-20T09:00:00+00:00', 'received', 'in-progress', 'c',
                     'owner');",
        )
        .unwrap();
        all().to_latest(&mut conn).unwrap();
        let asked = |r: &str| -> Option<String> {
            conn.query_row(
                "SELECT identity_asked_on FROM requests WHERE reference = ?1",
                [r],
                |row| row.get(0),
            )
            .unwrap()
        };
        assert_eq!(asked("R-0001").as_deref(), Some("2026-03-05"));
        assert_eq!(asked("R-0002"), None);
    }

    #[test]
    fn a_newer_store_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.pdesk");
        let mut conn = Db::new(Connection::open(&path).unwrap());
        let newer = LATEST_VERSION + 1;
        conn.pragma_update(None, "user_version", newer).unwrap();
        let err = upgrade(&mut conn, &path, &all(), LATEST_VERSION).unwrap_err();
        assert!(matches!(err, StoreError::NewerVersion { found, .. } if found == newer));
        assert_eq!(version(&conn).unwrap(), newer);
    }

    #[test]
    fn a_current_store_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.pdesk");
        let mut conn = Db::new(Connection::open(&path).unwrap());
        all().to_latest(conn.sql_mut()).unwrap();
        assert_eq!(
            upgrade(&mut conn, &path, &all(), LATEST_VERSION).unwrap(),
            None
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
