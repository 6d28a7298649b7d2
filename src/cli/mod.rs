//! The command line: `privacy-desk [--store PATH] [--passphrase-file FILE] <command>`.
//! With no command it opens the window. Exit status: 0 success, 1 error (a sentence on
//! stderr), 2 usage error. A closed output pipe (`… | head -1`) ends the command quietly with
//! status 0; everything printed goes through `outln!` (see `output.rs`) for that.

// First, so that the modules below see `outln!`.
#[macro_use]
mod output;

mod args;
mod assessments;
mod attachments;
mod backup;
mod calendar;
mod campaigns;
mod children;
mod commands;
mod consent;
mod dates;
mod demo;
mod erase;
mod evidence;
mod export;
mod export_pseudonymised;
mod find_subject;
mod from_file;
mod holidays;
mod import;
mod import_mappings;
mod inbox;
mod incidents;
mod keys;
mod profile;
mod profile_roles;
mod records;
mod request_letter;
mod request_objection;
mod request_partial;
mod request_show;
mod request_tasks;
mod requests;
mod retention;
mod review;
mod secrets;
mod security;
mod sign_in;
mod site;
mod subject_correct;
mod users;
mod vendor_input;
mod vendors;

use std::process::ExitCode;

use clap::Parser;

pub use args::{AuditCommand, Cli, Command, PassphraseCommand};
pub use profile::ProfileCommand;
pub use users::UserCommand;

/// Exit status for an error the user can act on.
pub const EXIT_ERROR: u8 = 1;
/// Exit status for a usage error.
pub const EXIT_USAGE: u8 = 2;

/// Parses the arguments and runs the command, or opens the window when there is none.
pub fn main_entry() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = match from_file::expand(&argv) {
        Ok(Some(words)) => Cli::try_parse_from(words.iter()),
        Ok(None) => Cli::try_parse_from(&argv),
        Err(e) => {
            eprintln!("privacy-desk: {}", error_text(&e));
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli).and_then(|()| Ok(output::flush()?)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("privacy-desk: {}", error_text(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Whether the command stopped because the reader of its output closed the pipe: the reader
/// had what it wanted (`… | head -1`), so that is a quiet, successful end (status 0, as for
/// ripgrep; coreutils die of SIGPIPE instead, which a shell reports as 141 and
/// `set -o pipefail` turns into a failure).
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<output::OutputError>()
            .is_some_and(output::OutputError::is_closed_pipe)
    })
}

/// An error and its causes in one line, like `{:#}`, but without a cause whose words the
/// message already holds (many errors put their source's text in their own sentence).
fn error_text(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.store.is_none() && matches!(cli.command, Some(Command::Demo(_))) {
        anyhow::bail!(
            "the demo makes a store of made-up people; give its path with --store PATH (it is never made at the default location, where your real store belongs)"
        );
    }
    let store = match cli.store.clone() {
        Some(path) => path,
        None => crate::services::default_store_path().ok_or_else(|| {
            anyhow::anyhow!("could not find a data folder for this user; pass --store PATH")
        })?,
    };
    match cli.command {
        None => crate::gui::run(store),
        Some(command) => commands::run(
            &store,
            &commands::Globals {
                passphrase_file: cli.passphrase_file.as_deref(),
                user: cli.user.as_deref(),
            },
            command,
        ),
    }
}
