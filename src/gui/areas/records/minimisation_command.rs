//! What the minimisation review view asks the app to do.

use crate::domain::records::minimisation::FixAt;

/// A request from the minimisation review.
#[derive(Debug)]
pub enum MinimisationCommand {
    /// Run the review (on a worker thread).
    Run,
    /// Stop a running review.
    Cancel,
    /// Go to where a finding is fixed.
    Fix(FixAt),
}
