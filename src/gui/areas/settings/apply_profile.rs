//! Saving the organisation profile form through the Settings and Requests fronts: the
//! profile, then the statement on automated decisions (GDPR Art. 15(1)(h)), then each holiday
//! calendar changed, then the controller's roles (Art. 26, 27, 30(2)), then the member state of
//! establishment (Art. 4(16), 8(1)). Each is its own change with its own audit entry; the first
//! refusal stops the rest and is shown.

use crate::gui::areas::ProfileSave;
use crate::services::{ServiceResult, Session};

/// Saves what the form holds.
pub fn save_profile(session: &mut Session, save: &ProfileSave) -> ServiceResult<()> {
    session.settings().save_profile(&save.profile)?;
    session
        .settings()
        .set_automated_decisions(&save.automated_decisions)?;
    for (regime, j) in &save.calendars {
        session.requests().set_regime_jurisdiction(*regime, *j)?;
    }
    if let Some(roles) = &save.roles {
        session.settings().set_controller_roles(roles)?;
    }
    session.settings().set_member_state(save.member_state)?;
    Ok(())
}
