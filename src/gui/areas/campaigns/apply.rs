//! Applying the Campaigns commands: a check runs on a worker session
//! (`jobs/campaign_check.rs`), as it writes files, a send record and its audit entry.

use chrono::Utc;

use crate::services::CampaignCheck;

use crate::gui::app::PrivacyDeskApp;
use crate::gui::jobs::CheckAudience;
use crate::gui::widgets::Notice;

use super::command::CampaignCommand;

impl PrivacyDeskApp {
    /// Applies a command of the Campaigns area.
    pub(in crate::gui) fn apply_campaign(&mut self, command: CampaignCommand) {
        match command {
            CampaignCommand::Cancel => self.jobs.cancel::<CheckAudience>(),
            CampaignCommand::Check {
                audience,
                purpose,
                out,
                name,
                suppression_out,
            } => {
                if self.jobs.is_running::<CheckAudience>() {
                    self.notice = Some(Notice::info("An audience is already being checked."));
                    return;
                }
                let Some(session) = self.worker() else {
                    return;
                };
                self.notice = None;
                self.jobs.start(CheckAudience {
                    session,
                    spec: CampaignCheck {
                        audience,
                        purpose,
                        out,
                        suppression_out,
                        name,
                        now: Utc::now(),
                    },
                });
            }
        }
    }
}
