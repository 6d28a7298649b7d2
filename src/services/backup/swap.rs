//! Putting a restored copy in place: the files a restore may leave behind, and the move that
//! keeps the replaced store beside it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::services::{ServiceError, ServiceResult};
use crate::store::backup::{self as files, with_suffix};
use crate::store::{StoreError, StoreLock};

use super::stamp;

/// The files a restore may leave beside its target, removed on every way out.
pub(super) struct Leftovers {
    files: std::cell::RefCell<Vec<PathBuf>>,
}

impl Leftovers {
    pub(super) fn of(restoring: &Path) -> Self {
        Self {
            files: std::cell::RefCell::new(vec![
                restoring.to_owned(),
                with_suffix(restoring, "-wal"),
                with_suffix(restoring, "-shm"),
                with_suffix(restoring, "-journal"),
                StoreLock::path_for(restoring),
            ]),
        }
    }

    pub(super) fn also(&self, path: &Path) {
        self.files.borrow_mut().push(path.to_owned());
    }

    pub(super) fn remove(&self) {
        for f in self.files.borrow().iter() {
            let _ = files::remove_if_present(f);
        }
    }
}

/// Where the replaced store is kept: `<stem>.before-restore-<time>.pdesk` beside it.
fn kept_path(target: &Path) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".to_owned());
    let stamp = stamp();
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.before-restore-{stamp}.pdesk")
        } else {
            format!("{stem}.before-restore-{stamp}-{n}.pdesk")
        };
        let path = target.with_file_name(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Moves the checked copy to `target`, keeping a store already there beside it until the
/// copy has checked out at its new place (then for good); on failure puts the old one back.
pub(super) fn put_in_place(
    restoring: &Path,
    target: &Path,
    target_exists: bool,
) -> ServiceResult<Option<PathBuf>> {
    let io = |action, path: &Path| {
        let path = path.to_owned();
        move |source| {
            ServiceError::from(StoreError::Io {
                action,
                path,
                source,
            })
        }
    };
    let kept = if target_exists {
        files::fold_log(target).map_err(|e| match e {
            StoreError::InUse { .. } => ServiceError::invalid(
                "Restore",
                format!(
                    "{} is still being written by another program; close it, then try again. Nothing was changed.",
                    target.display()
                ),
            ),
            other => other.into(),
        })?;
        let kept = kept_path(target);
        fs::rename(target, &kept).map_err(io("keep the current store as", &kept))?;
        Some(kept)
    } else {
        None
    };
    let placed = fs::rename(restoring, target)
        .map_err(io("move the restored store into place at", target))
        .and_then(|()| {
            files::verify_file(target)
                .map(drop)
                .map_err(ServiceError::from)
        });
    if let Err(e) = placed {
        if let Some(kept) = &kept {
            if target.exists() {
                let _ = fs::rename(target, restoring);
            }
            let _ = fs::rename(kept, target);
        }
        return Err(e);
    }
    // The replaced store is kept beside it as a side copy: restored, never opened as a store.
    if let Some(kept) = &kept {
        crate::store::mark_file(kept, false)?;
    }
    files::sync_parent(target);
    Ok(kept)
}
