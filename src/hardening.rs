//! Process hardening at start: no core dumps, so the vault key, the passphrase and decrypted
//! personal data in memory never land in a crash file on disk.
//!
//! On Linux the process is marked not dumpable (`prctl(PR_SET_DUMPABLE, 0)`), which also keeps
//! other processes of the same user from attaching a debugger to read its memory; on every
//! Unix the core file size limit is set to zero (`setrlimit(RLIMIT_CORE, 0)`), which also
//! covers a system that dumps non-dumpable processes for root (`fs.suid_dumpable = 2`). On
//! other platforms nothing is done.

use std::io;

/// Turns core dumps off for this process (and the processes it starts inherit the limit).
pub fn disable_core_dumps() -> io::Result<()> {
    #[cfg(target_os = "linux")]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    #[cfg(unix)]
    rustix::process::setrlimit(
        rustix::process::Resource::Core,
        rustix::process::Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn no_core_dumps_after_the_call() {
        disable_core_dumps().unwrap();
        let limit = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!((limit.current, limit.maximum), (Some(0), Some(0)));
        #[cfg(target_os = "linux")]
        assert_eq!(
            rustix::process::dumpable_behavior().unwrap(),
            rustix::process::DumpableBehavior::NotDumpable
        );
    }
}
