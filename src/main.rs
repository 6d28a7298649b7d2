//! The `privacy-desk` binary: the command line, or the window when no command is given.

fn main() -> std::process::ExitCode {
    privacy_desk::cli::main_entry()
}
