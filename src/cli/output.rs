//! What the command line prints on stdout goes through `outln!`, which returns the write's
//! error instead of panicking as `println!` does. A reader that stops early
//! (`privacy-desk review list | head -1`) closes the pipe; the next write fails with
//! [`std::io::ErrorKind::BrokenPipe`], the command stops there, and the binary's edge
//! ([`super::main_entry`]) ends quietly with exit status 0, as ripgrep does.

use std::fmt;
use std::io::{self, Write as _};

/// Stdout could not be written (the reader went away, the disk is full, …).
#[derive(Debug, thiserror::Error)]
#[error("could not write the output ({0}); check where it goes")]
pub struct OutputError(#[from] pub io::Error);

impl OutputError {
    /// Whether the reader closed the pipe: not a failure of this program.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Writes `args` and a newline to stdout, under one lock.
pub fn write_line(args: fmt::Arguments<'_>) -> Result<(), OutputError> {
    let mut out = io::stdout().lock();
    out.write_fmt(args)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes out what stdout still buffers (a line without its newline).
pub fn flush() -> Result<(), OutputError> {
    io::stdout().lock().flush()?;
    Ok(())
}

/// Prints with `show` what is shown only once (a recovery code). A closed output there is not
/// a quiet end: the error says `lost` (what was lost and what to do) and is not recognised
/// as a closed pipe, so the command exits 1.
pub fn shown_once(
    show: impl FnOnce() -> Result<(), OutputError>,
    lost: &str,
) -> anyhow::Result<()> {
    show().map_err(|e| anyhow::anyhow!("{lost} ({})", e.0))
}

/// `println!` that returns `Result<(), OutputError>`: use it as `outln!(…)?;`.
macro_rules! outln {
    () => {
        $crate::cli::output::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::write_line(format_args!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_broken_pipe_is_a_closed_pipe() {
        let closed = OutputError(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(closed.is_closed_pipe());
        let full = OutputError(io::Error::from(io::ErrorKind::StorageFull));
        assert!(!full.is_closed_pipe());
        assert!(full.to_string().starts_with("could not write the output"));
    }

    #[test]
    fn what_is_shown_once_is_an_error_when_lost() {
        let e = shown_once(
            || Err(io::Error::from(io::ErrorKind::BrokenPipe).into()),
            "the code was lost; start again",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the code was lost; start again ("),
            "{e}"
        );
        assert!(e.chain().all(|c| c.downcast_ref::<OutputError>().is_none()));
        assert!(shown_once(|| Ok(()), "unused").is_ok());
    }
}
