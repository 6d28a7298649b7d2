//! The organisation's member state of establishment (GDPR Art. 4(16) main establishment): the
//! state whose law sets the Art. 8(1) age ("the Member State's" law), stored as its ISO code in
//! the plain settings, apart from the holiday calendar. Its change is audited with the code,
//! which is not personal.

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::children::MemberState;
use crate::store::{Db, settings};

use crate::services::ServiceResult;

/// Setting: the member state of establishment's ISO 3166-1 alpha-2 code (absent: none chosen).
pub(in crate::services) const MEMBER_STATE: &str = "establishment.member_state";

/// The member state stored in `conn` (`None` when none is chosen or the code is unknown).
pub(in crate::services) fn stored(conn: &Db) -> ServiceResult<Option<MemberState>> {
    Ok(settings::get(conn, MEMBER_STATE)?.and_then(|c| MemberState::from_code(&c)))
}

impl super::Settings<'_> {
    /// The member state of establishment, when one is chosen.
    pub fn member_state(&self) -> ServiceResult<Option<MemberState>> {
        stored(self.store.db())
    }

    /// Chooses (or with `None` clears) the member state of establishment, with its audit
    /// entry naming the code. Nothing is written when it is unchanged.
    pub fn set_member_state(&mut self, state: Option<MemberState>) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        if self.member_state()? == state {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::SettingsUpdated,
            EntityRef::new("settings", MEMBER_STATE),
            match state {
                Some(s) => format!("member state of establishment {}", s.code()),
                None => "member state of establishment cleared".to_owned(),
            },
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        match state {
            Some(s) => settings::set(&w, MEMBER_STATE, s.code())?,
            None => {
                settings::remove(&w, MEMBER_STATE)?;
            }
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}
