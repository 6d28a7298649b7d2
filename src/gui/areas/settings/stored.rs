//! The stored values the Settings forms start from (the organisation profile with its
//! statement and holiday calendars, the auto-lock time), read again before a frame when the
//! store generation moved on. Kept apart from what the forms hold: a form the officer has not
//! touched follows the store; one being edited keeps what they typed until they save it.

use crate::gui::view_data::{Fresh, Stamp};
use crate::services::{ServiceResult, Session};

use super::{ProfileForm, SettingsView};

/// The forms as they were last filled from the store, and the generation that was at.
#[derive(Debug, Default)]
pub struct AsStored {
    read_at: Stamp<()>,
    profile: ProfileForm,
    auto_lock_minutes: u32,
}

impl SettingsView {
    /// The view with its forms filled from the store, read at `generation`.
    pub fn read(session: &Session, generation: u64) -> ServiceResult<Self> {
        let mut view = Self::new(
            session.settings().profile()?,
            session.settings().auto_lock()?,
        );
        view.profile_mut().load_stored(session)?;
        view.stored = AsStored {
            read_at: Stamp::new(generation, ()),
            profile: view.profile.clone(),
            auto_lock_minutes: view.auto_lock_minutes,
        };
        Ok(view)
    }

    /// Reads the stored values again when the store moved on since they were read: a form
    /// still as it was filled (or already holding the new values) takes them, one being
    /// edited keeps the officer's input.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        let read = self
            .stored
            .read_at
            .read(fresh.generation, (), |()| Self::read(fresh.session, 0));
        let Some(now) = read? else {
            return Ok(());
        };
        let now = now.stored;
        if self.profile == self.stored.profile || self.profile == now.profile {
            self.profile.follow(now.profile.clone());
        }
        if self.auto_lock_minutes == self.stored.auto_lock_minutes {
            self.auto_lock_minutes = now.auto_lock_minutes;
        }
        self.stored.profile = now.profile;
        self.stored.auto_lock_minutes = now.auto_lock_minutes;
        Ok(())
    }
}
