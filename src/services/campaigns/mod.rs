//! Campaign pre-flight at the service level (issue 18, item 4): an audience file checked
//! against the register before a send ([`check`]), and the send records kept of each run.

pub(in crate::services) mod check;

use crate::domain::access::Permission;
use crate::domain::campaign::SendRecord;
use crate::store::campaigns;

use super::ServiceResult;

pub use check::{CampaignCheck, CheckReport};

/// The campaigns area of a session (see [`crate::services::front`]).
pub type Campaigns<'s> = crate::services::front::Front<'s, crate::services::front::area::Campaigns>;

impl Campaigns<'_> {
    /// Every send record, newest first.
    pub fn send_records(&self) -> ServiceResult<Vec<SendRecord>> {
        self.require(Permission::ViewReports)?;
        Ok(campaigns::list(self.store.db(), &self.keys.field)?)
    }
}
