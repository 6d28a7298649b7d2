//! Crash points for the crash-safety tests: in debug builds, a step named in the environment
//! variable `PRIVACY_DESK_CRASH_AT` aborts the process on the spot (no destructors, no
//! rollback), exactly as a power cut or a kill would. Release builds compile this to nothing.

/// The environment variable naming the step to crash at.
pub const CRASH_AT_VAR: &str = "PRIVACY_DESK_CRASH_AT";

/// Aborts the process here if the crash-test harness asked for it (debug builds only).
#[inline]
pub fn crash_point(step: &str) {
    #[cfg(debug_assertions)]
    if std::env::var(CRASH_AT_VAR).is_ok_and(|wanted| wanted == step) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}
