//! What the connections of one open store share: the lock file, the generation counter that
//! every committed [`super::Write`] bumps, and how many worker connections are open.
//!
//! A worker connection ([`Store::worker`]) lets a long change (an import, a sweep, a backup)
//! run on its own thread while the window keeps its own connection for reading. While one is
//! open, the window's connection refuses to start a change with [`StoreError::WorkerWriting`]
//! (one check, at the write door) instead of waiting on SQLite's lock.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rusqlite::{Connection, OpenFlags};

use super::{Db, Store, StoreError, StoreLock, StoreResult, configure, header};

/// State shared by every connection of one open store.
#[derive(Debug)]
pub(super) struct Shared {
    /// Keeps other processes out until the last connection closes.
    _lock: StoreLock,
    /// Bumped by every committed write, on any connection.
    generation: AtomicU64,
    /// Worker connections open now.
    workers: AtomicUsize,
}

impl Shared {
    pub(super) fn new(lock: StoreLock) -> Arc<Self> {
        Arc::new(Self {
            _lock: lock,
            generation: AtomicU64::new(0),
            workers: AtomicUsize::new(0),
        })
    }

    /// The generation counter, for [`super::Write`] to bump.
    pub(super) fn generation(&self) -> &AtomicU64 {
        &self.generation
    }
}

/// Marks a [`Store`] as a worker connection; counts it while it lives.
#[derive(Debug)]
pub(super) struct WorkerMark(Arc<Shared>);

impl Drop for WorkerMark {
    fn drop(&mut self) {
        self.0.workers.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Store {
    /// A second read-write connection to this store, for a long change on another thread. It
    /// shares the lock (the store stays locked until both are closed) and the generation
    /// counter; while it is open, [`Store::write`] on the other connections is refused with
    /// [`StoreError::WorkerWriting`].
    /// One worker at a time: a second is refused with [`StoreError::WorkerWriting`] too.
    pub fn worker(&self) -> StoreResult<Store> {
        self.check_worker()?;
        if self.shared.workers.load(Ordering::SeqCst) > 0 {
            return Err(StoreError::WorkerWriting);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let conn = Db::new(conn);
        configure(&conn)?;
        header::read(&conn)?;
        // The worker tags the protected rows it writes like the window's connection does
        // (the noting triggers are per connection).
        let row_mac_key = match &self.row_mac_key {
            Some(key) => {
                super::integrity::install_triggers(&conn)?;
                Some(crate::crypto::SecretKey::from_bytes(
                    zeroize::Zeroizing::new(*key.expose_secret_bytes()),
                ))
            }
            None => None,
        };
        self.shared.workers.fetch_add(1, Ordering::SeqCst);
        Ok(Store {
            conn,
            path: self.path.clone(),
            migrated_from_backup: None,
            writing: std::cell::Cell::new(false),
            worker: Some(WorkerMark(Arc::clone(&self.shared))),
            shared: Arc::clone(&self.shared),
            row_mac_key,
        })
    }

    /// How many changes have been committed to this store since it was opened in this
    /// process, on any of its connections. Anything built from the store's data and kept
    /// between frames is current while this number has not moved.
    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::SeqCst)
    }

    /// Refuses a change on a connection other than the open worker's.
    pub(super) fn check_worker(&self) -> StoreResult<()> {
        if self.worker.is_none() && self.shared.workers.load(Ordering::SeqCst) > 0 {
            return Err(StoreError::WorkerWriting);
        }
        Ok(())
    }
}
