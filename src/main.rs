//! The `privacy-desk` binary: the command line, or the window when no command is given.

fn main() -> std::process::ExitCode {
    // Best effort: a platform that refuses still runs (a failure leaves what was before).
    let _ = privacy_desk::hardening::disable_core_dumps();
    privacy_desk::cli::main_entry()
}
