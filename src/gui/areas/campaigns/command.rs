//! What the Campaigns area asks for.

use std::path::PathBuf;

use crate::domain::purpose::PurposeCode;

/// A command of the Campaigns area.
#[derive(Debug)]
pub enum CampaignCommand {
    /// Check an audience file for a purpose in the background (`campaign check`).
    Check {
        /// The audience export (CSV).
        audience: PathBuf,
        /// The purpose the campaign is sent for.
        purpose: PurposeCode,
        /// Where the clean audience goes (.csv).
        out: PathBuf,
        /// The campaign's name (none: the audience file's name).
        name: Option<String>,
        /// Where the left-out addresses go as a suppression CSV, if wanted.
        suppression_out: Option<PathBuf>,
    },
    /// Stop the running check: nothing is written or kept.
    Cancel,
}
