//! The lock beside a store: `<store>.lock`, held with an exclusive OS file lock for as long as
//! the store is open, holding the owner's process id so a second process can say who has it.
//!
//! The OS releases the lock when the process dies, so a crash never leaves the store locked.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{StoreError, StoreResult};

/// An exclusive hold on a store; released on drop.
#[derive(Debug)]
pub struct StoreLock {
    file: File,
    path: PathBuf,
}

impl StoreLock {
    /// The lock file's path for a store.
    pub fn path_for(store: &Path) -> PathBuf {
        let mut name = store.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock, or says which process has it.
    pub fn acquire(store: &Path) -> StoreResult<Self> {
        let path = Self::path_for(store);
        let io = |action, source| StoreError::Io {
            action,
            path: path.clone(),
            source,
        };
        let mut file =
            crate::private_fs::open_or_create(&path).map_err(|e| io("open the lock file", e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(StoreError::InUse {
                    pid: text.trim().parse().ok(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io("lock", e)),
        }
        file.set_len(0).map_err(|e| io("write the lock file", e))?;
        file.seek(SeekFrom::Start(0))
            .and_then(|_| write!(file, "{}", std::process::id()))
            .and_then(|()| file.flush())
            .map_err(|e| io("write the lock file", e))?;
        Ok(Self { file, path })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Clear the pid so a stale file names no one; the OS lock goes with the handle.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_in_the_same_process_is_refused_with_the_pid() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s.pdesk");
        let held = StoreLock::acquire(&store).unwrap();
        match StoreLock::acquire(&store) {
            Err(StoreError::InUse { pid }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected InUse, got {other:?}"),
        }
        drop(held);
        assert!(StoreLock::acquire(&store).is_ok());
    }
}
