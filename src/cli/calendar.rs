//! `calendar export --out F.ics`: the deadlines as an iCalendar file for the officer's own
//! calendar; importing a newer file updates the events (their UIDs are stable).

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;

use crate::services::Session;

/// `calendar …`
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Write every open deadline (requests, acknowledgements, breach notifications, vendor
    /// reviews, assessment measures, training renewals, the next sweep) as an .ics file.
    Export {
        /// The file to write (.ics).
        #[arg(long, value_name = "F.ics")]
        out: PathBuf,
    },
}

/// Runs a `calendar` command.
pub fn run(session: &mut Session, command: CalendarCommand) -> anyhow::Result<()> {
    match command {
        CalendarCommand::Export { out } => {
            let n = session.exports().export_calendar(&out, Utc::now())?;
            outln!(
                "Wrote {n} deadlines to {}; import it again after changes to update them.",
                out.display()
            )?;
            Ok(())
        }
    }
}
