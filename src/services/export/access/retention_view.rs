//! The retention rules as they apply to one person today, for the subject page: the same lines
//! the access package gives (Art. 15(1)(d)), each with where it stands and, when its period is
//! over but the record is kept, why (`domain::retention::kept::KeptBy::reason`: a current
//! customer, or a longer rule; Art. 5(1)(e) sets a maximum, not a duty to destroy).

use uuid::Uuid;

use crate::domain::disclosure::retention::RetentionLine;
use crate::services::ServiceResult;

impl crate::services::export::Exports<'_> {
    /// The retention lines of `subject` today (read as an access package reads them).
    pub fn person_retention(&self, subject: Uuid) -> ServiceResult<Vec<RetentionLine>> {
        Ok(self
            .access_contents(subject, None)?
            .processing
            .retention
            .clone())
    }
}
