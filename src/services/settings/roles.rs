//! The controller's roles in the organisation profile (GDPR and UK GDPR Art. 26 joint
//! controllers, Art. 27 representative, Art. 30(2) record as a processor): read and save, the
//! save audited with the names of the parts that changed (never their values). The rule is
//! `domain::controller_roles`.

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::controller_roles::ControllerRoles;
use crate::store::profile;

use crate::services::{ServiceError, ServiceResult};

impl super::Settings<'_> {
    /// The controller's roles (nothing recorded until they are set).
    pub fn controller_roles(&self) -> ServiceResult<ControllerRoles> {
        self.require(Permission::ViewReports)?;
        Ok(profile::roles(self.store.db(), &self.keys.field)?)
    }

    /// Saves the controller's roles with their audit entry. Refused, changing nothing, when a
    /// role lacks what its article asks for (every problem named) or no profile is saved yet.
    pub fn set_controller_roles(&mut self, roles: &ControllerRoles) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let problems = roles.problems();
        if !problems.is_empty() {
            return Err(ServiceError::invalid(
                "Controller roles",
                format!("{}; nothing was changed", problems.join("; ")),
            ));
        }
        let old = self.controller_roles()?;
        if &old == roles {
            return Ok(());
        }
        let mut fields = Vec::new();
        if old.representative != roles.representative {
            fields.push("representative");
        }
        if old.joint_controllers != roles.joint_controllers {
            fields.push("joint_controllers");
        }
        if old.processed_for != roles.processed_for
            || old.processor_security != roles.processor_security
        {
            fields.push("processor_record");
        }
        let entry = self.entry(
            AuditAction::ProfileUpdated,
            EntityRef::new("organisation_profile", "profile"),
            format!("fields: {}", fields.join(", ")),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        if !profile::save_roles(&mut w, &keys.field, roles)? {
            return Err(ServiceError::invalid(
                "Controller roles",
                "save the organisation profile first (its name and the controller's contact: `profile set --name …`), then the roles",
            ));
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}
