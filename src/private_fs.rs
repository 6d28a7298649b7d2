//! Files and folders only their owner can read.
//!
//! Every file the app writes holds personal data or keys to it (the store, its lock, backups,
//! side copies, every export), so on Unix each is created with mode `0600` and each folder the
//! app creates with `0700`, whatever the process's umask allows. On other platforms nothing
//! special is done: a file inherits the access list of the user's profile folder.
//!
//! SQLite creates a store's `-wal`, `-shm` and `-journal` files itself and gives them the main
//! file's permissions, so a main file created here (before SQLite opens it) covers them.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::Path;

/// The mode of every file the app creates (Unix): read and write for the owner only.
pub const FILE_MODE: u32 = 0o600;
/// The mode of every folder the app creates (Unix): the owner only.
pub const DIR_MODE: u32 = 0o700;

fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options
}

/// Restricts an open file to its owner (a file that existed before keeps its mode otherwise).
fn restrict(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode() & 0o7777;
        if mode & !FILE_MODE != 0 {
            file.set_permissions(fs::Permissions::from_mode(mode & FILE_MODE))?;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Creates (or truncates) a file for writing, readable by its owner only:
/// the private [`File::create`].
pub fn create(path: &Path) -> io::Result<File> {
    let file = private(OpenOptions::new().write(true).create(true).truncate(true)).open(path)?;
    restrict(&file)?;
    Ok(file)
}

/// Opens a file for reading and writing, creating it if needed, without truncating it;
/// a new one is readable by its owner only, an existing one is tightened where its owner may
/// (a lock file: it holds only a process id, so one that cannot be tightened still serves).
pub fn open_or_create(path: &Path) -> io::Result<File> {
    let file = private(
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false),
    )
    .open(path)?;
    let _ = restrict(&file);
    Ok(file)
}

/// Creates an empty private file for SQLite to fill (`VACUUM INTO`, a new database), so the
/// database and the journal files SQLite makes beside it are private from the first byte.
/// A file already there is left as it is, for SQLite to accept (when empty) or refuse.
/// Returns whether it created the file (so a caller whose SQLite step fails can remove it).
pub fn prepare_for_sqlite(path: &Path) -> io::Result<bool> {
    match private(OpenOptions::new().write(true).create_new(true)).open(path) {
        Ok(file) => restrict(&file).map(|()| true),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Creates a folder and any missing parents, each new one private to its owner (folders that
/// already exist keep their mode): the private [`fs::create_dir_all`].
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(path)
}

/// Takes group and other access away from an existing file (Unix; best effort elsewhere):
/// a store made by an earlier version, before its write-ahead log is created again.
pub fn tighten(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode() & 0o7777;
        if mode & !FILE_MODE != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & FILE_MODE))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The permission bits of a file or folder (Unix), for tests and checks.
#[cfg(unix)]
pub fn mode_of(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::metadata(path)?.permissions().mode() & 0o7777)
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn files_and_folders_are_private_whatever_existed() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        create_dir_all(&nested).unwrap();
        assert_eq!(mode_of(&nested).unwrap(), DIR_MODE);
        assert_eq!(mode_of(&dir.path().join("a")).unwrap(), DIR_MODE);

        let f = nested.join("f.csv");
        std::fs::write(&f, b"old").unwrap();
        fs::set_permissions(&f, fs::Permissions::from_mode(0o644)).unwrap();
        create(&f).unwrap().write_all(b"new").unwrap();
        assert_eq!(mode_of(&f).unwrap(), FILE_MODE);

        let lock = nested.join("x.lock");
        open_or_create(&lock).unwrap();
        assert_eq!(mode_of(&lock).unwrap(), FILE_MODE);

        let db = nested.join("x.pdesk");
        assert!(prepare_for_sqlite(&db).unwrap());
        assert_eq!(mode_of(&db).unwrap(), FILE_MODE);
        assert!(!prepare_for_sqlite(&db).unwrap());

        fs::set_permissions(&db, fs::Permissions::from_mode(0o664)).unwrap();
        tighten(&db).unwrap();
        assert_eq!(mode_of(&db).unwrap(), 0o600);
    }
}
