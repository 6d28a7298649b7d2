//! Applying the children part of the subject page (`age.rs`): recording a person's age and a
//! parent's authorisation of a consent, then reading the page again.

use uuid::Uuid;

use crate::domain::children::{AgeValue, ParentalAuthorisation, VerificationMethod};
use crate::services::ServiceResult;

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Records a person's age (as stated or verified).
    pub(in crate::gui) fn set_age(
        &mut self,
        subject: Uuid,
        value: AgeValue,
        verified_by: Option<VerificationMethod>,
    ) {
        let today = crate::gui::areas::today();
        self.change_child(subject, "The age was recorded.", |s| {
            s.consent().set_age(subject, value, verified_by, today)
        });
    }

    /// Records a parent's authorisation of one consent.
    pub(in crate::gui) fn authorise_consent(
        &mut self,
        subject: Uuid,
        event: Uuid,
        auth: &ParentalAuthorisation,
    ) {
        self.change_child(subject, "The parental authorisation was recorded.", |s| {
            s.consent()
                .record_parental_authorisation(subject, event, auth)
        });
    }

    fn change_child(
        &mut self,
        subject: Uuid,
        done: &str,
        change: impl FnOnce(&mut crate::services::Session) -> ServiceResult<()>,
    ) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        match change(session) {
            Ok(()) => {
                if let Some(page) = main
                    .subject_page
                    .as_mut()
                    .filter(|p| p.data.subject.id == subject)
                {
                    page.age.clear();
                }
                self.notice = Some(Notice::success(done));
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }
}
