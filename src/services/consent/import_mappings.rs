//! Column mappings saved by name (issue 20, item 3): the window's mapping editor saves what
//! the officer chose so that the next file of the same kind is read without a TOML file, and
//! `import consent --saved-mapping NAME` uses the same mapping. Saving and deleting are
//! audited; the mappings hold column and field names only.

use chrono::{DateTime, Utc};

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::import::Mapping;
use crate::store::import_mappings::{self, StoredMapping};

use crate::services::{ServiceError, ServiceResult};

/// Longest name a mapping may have, in characters.
pub const MAPPING_NAME_MAX: usize = 80;

/// A column mapping saved by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedImportMapping {
    /// The name it was saved as.
    pub name: String,
    /// The mapping.
    pub mapping: Mapping,
    /// When it was last saved.
    pub saved_at: DateTime<Utc>,
    /// Who saved it.
    pub saved_by: String,
}

fn opened(stored: StoredMapping) -> ServiceResult<SavedImportMapping> {
    let mapping = Mapping::parse(&stored.body, &format!("saved mapping {:?}", stored.name))
        .map_err(|m| ServiceError::invalid("Mapping", m))?;
    Ok(SavedImportMapping {
        name: stored.name,
        mapping,
        saved_at: stored.saved_at,
        saved_by: stored.saved_by,
    })
}

/// The name as saved, or a sentence saying what is wrong with it.
fn checked_name(name: &str) -> ServiceResult<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::invalid(
            "Mapping name",
            "give the mapping a name, e.g. the system the file comes from",
        ));
    }
    if name.chars().count() > MAPPING_NAME_MAX {
        return Err(ServiceError::invalid(
            "Mapping name",
            format!("is longer than {MAPPING_NAME_MAX} characters; shorten it"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(ServiceError::invalid(
            "Mapping name",
            "contains a control character (a tab or line break); use letters, digits and spaces",
        ));
    }
    Ok(name)
}

impl super::Consent<'_> {
    /// Every saved mapping, by name.
    pub fn import_mappings(&self) -> ServiceResult<Vec<SavedImportMapping>> {
        self.require(Permission::RecordConsent)?;
        import_mappings::list(self.store.db())?
            .into_iter()
            .map(opened)
            .collect()
    }

    /// The mapping saved as `name`; an unknown name is refused listing the saved ones.
    pub fn import_mapping(&self, name: &str) -> ServiceResult<SavedImportMapping> {
        self.require(Permission::RecordConsent)?;
        match import_mappings::get(self.store.db(), name.trim())? {
            Some(stored) => opened(stored),
            None => {
                let names: Vec<String> = import_mappings::list(self.store.db())?
                    .into_iter()
                    .map(|m| format!("{:?}", m.name))
                    .collect();
                Err(ServiceError::invalid(
                    "Mapping",
                    if names.is_empty() {
                        format!(
                            "no mapping is saved as {:?}; none is saved yet",
                            name.trim()
                        )
                    } else {
                        format!(
                            "no mapping is saved as {:?}; saved: {}",
                            name.trim(),
                            names.join(", ")
                        )
                    },
                ))
            }
        }
    }

    /// The first saved mapping (by name) whose columns are all in `header`: what the window
    /// and the command line offer for a file no preset recognises.
    pub fn fitting_import_mapping(&self, header: &[&str]) -> ServiceResult<Option<String>> {
        Ok(self
            .import_mappings()?
            .into_iter()
            .find(|m| m.mapping.fits(header))
            .map(|m| m.name))
    }

    /// Saves `mapping` as `name` (replacing a mapping of that name), with its audit entry.
    /// Returns whether one was replaced.
    pub fn save_import_mapping(&mut self, name: &str, mapping: &Mapping) -> ServiceResult<bool> {
        self.require(Permission::RecordConsent)?;
        let name = checked_name(name)?;
        if mapping.is_empty() {
            return Err(ServiceError::invalid(
                "Mapping",
                "choose a field (or “leave out”) for at least one column before saving",
            ));
        }
        let entry = self.entry(
            AuditAction::ImportMappingSaved,
            EntityRef::new("import_mapping", name),
            format!("{} columns", mapping.entries().len()),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        let replaced =
            import_mappings::save(&w, name, &mapping.to_toml(), Utc::now(), &self.user.name)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(replaced)
    }

    /// Deletes the mapping saved as `name`, with its audit entry; an unknown name is refused.
    pub fn delete_import_mapping(&mut self, name: &str) -> ServiceResult<()> {
        let name = self.import_mapping(name)?.name;
        let entry = self.entry(
            AuditAction::ImportMappingDeleted,
            EntityRef::new("import_mapping", &name),
            String::new(),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        import_mappings::delete(&w, &name)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}
