//! The taxonomy of personal data categories at the service level: adopting the shipped one
//! (`assets/data_categories.toml`) in a new store and in a store from before schema 7, reading
//! it, and the officer's edits (add, change, remove, reorder). A category something still refers
//! to cannot be removed; the message names who refers to it.

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::links::{category_referrers, referrers_sentence};
use crate::domain::records::{Activity, CategoryCode, DataCategory, DataSystem, Taxonomy};
use crate::store::register_table::{self, Register};
use crate::store::{purposes, settings};

use crate::services::records::links::register_referrers;
use crate::services::records::taxonomy_rows::{
    TAXONOMY_ADOPTED, default_taxonomy, read_taxonomy, save_row, write_taxonomy,
};
use crate::services::{ServiceError, ServiceResult};

/// The order of codes with `new` moved right after its parent's last descendant.
fn order_with(taxonomy: &Taxonomy, new: &CategoryCode) -> Vec<CategoryCode> {
    let mut codes: Vec<CategoryCode> = taxonomy
        .categories()
        .iter()
        .map(|c| c.code.clone())
        .filter(|c| c != new)
        .collect();
    let at = new
        .parent()
        .and_then(|parent| codes.iter().rposition(|c| c.is_within(&parent)))
        .map_or(codes.len(), |i| i + 1);
    codes.insert(at, new.clone());
    codes
}

fn check_category(c: &DataCategory) -> ServiceResult<()> {
    if c.name.trim().is_empty() {
        return Err(ServiceError::invalid(
            "Name",
            "give the category a name, e.g. \"Loyalty card number\"",
        ));
    }
    Ok(())
}

impl super::Records<'_> {
    /// Adopts the shipped taxonomy in a store that never had one (upgraded from schema 6),
    /// with its audit entry.
    pub(in crate::services) fn adopt_default_taxonomy_if_needed(&mut self) -> ServiceResult<()> {
        let conn = self.store.db();
        if settings::get(conn, TAXONOMY_ADOPTED)?.is_some()
            || register_table::count(conn, Register::DataCategories)? > 0
        {
            return Ok(());
        }
        let taxonomy = default_taxonomy()?;
        let entry = self.entry(
            AuditAction::TaxonomyAdopted,
            EntityRef::new("data_categories", ""),
            format!(
                "{} data categories from assets/data_categories.toml",
                taxonomy.categories().len()
            ),
        );
        let mut w = self.store.write()?;
        write_taxonomy(&w, &taxonomy)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The taxonomy of data categories, parents before children.
    pub fn data_taxonomy(&self) -> ServiceResult<Taxonomy> {
        read_taxonomy(self.store.db())
    }

    /// Adds a category under its parent (which must exist); its code never changes after.
    pub fn add_data_category(&mut self, category: &DataCategory) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        check_category(category)?;
        let taxonomy = self.data_taxonomy()?;
        if taxonomy.get(&category.code).is_some() {
            return Err(ServiceError::invalid(
                "Code",
                format!(
                    "there is already a category {}; choose another name or code",
                    category.code
                ),
            ));
        }
        if let Some(parent) = category.code.parent()
            && taxonomy.get(&parent).is_none()
        {
            return Err(ServiceError::invalid(
                "Parent",
                format!("there is no category {parent} to put it under"),
            ));
        }
        let mut category = category.clone();
        category.name = category.name.trim().to_owned();
        category.description = category.description.trim().to_owned();
        let order = order_with(&taxonomy, &category.code);
        let entry = self.entry(
            AuditAction::CategorySaved,
            EntityRef::new("data_category", category.code.as_str()),
            "added".into(),
        );
        let mut w = self.store.write()?;
        save_row(&w, &category)?;
        let codes: Vec<&str> = order.iter().map(CategoryCode::as_str).collect();
        register_table::reorder(&w, Register::DataCategories, &codes)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Changes a category's name, description or special marker (not its code).
    pub fn update_data_category(&mut self, category: &DataCategory) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        check_category(category)?;
        let taxonomy = self.data_taxonomy()?;
        let Some(old) = taxonomy.get(&category.code) else {
            return Err(ServiceError::invalid(
                "Code",
                format!("there is no category {}", category.code),
            ));
        };
        let mut category = category.clone();
        category.name = category.name.trim().to_owned();
        category.description = category.description.trim().to_owned();
        let changed: Vec<&str> = [
            ("name", old.name != category.name),
            ("description", old.description != category.description),
            ("special", old.special != category.special),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.then_some(f))
        .collect();
        if changed.is_empty() {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::CategorySaved,
            EntityRef::new("data_category", category.code.as_str()),
            format!("fields: {}", changed.join(", ")),
        );
        let mut w = self.store.write()?;
        save_row(&w, &category)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Removes a category nothing refers to; otherwise the message names who still does.
    pub fn remove_data_category(&mut self, code: &CategoryCode) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let conn = self.store.db();
        let taxonomy = read_taxonomy(conn)?;
        let Some(category) = taxonomy.get(code) else {
            return Err(ServiceError::invalid(
                "Data category",
                format!("there is no category {code}"),
            ));
        };
        let activities: Vec<Activity> = register_table::list(conn, Register::Activities)?;
        let systems: Vec<DataSystem> = register_table::list(conn, Register::Systems)?;
        let catalogue: Vec<_> = purposes::list(conn)?
            .into_iter()
            .map(|p| p.purpose)
            .collect();
        let mut referrers = category_referrers(code, &taxonomy, &activities, &systems, &catalogue);
        referrers.extend(register_referrers(conn, "data_categories", code.as_str())?);
        if !referrers.is_empty() {
            return Err(ServiceError::invalid(
                "Data category",
                format!(
                    "“{}” cannot be removed while {} refer{} to it; change {} first",
                    category.name,
                    referrers_sentence(&referrers),
                    if referrers.len() == 1 { "s" } else { "" },
                    if referrers.len() == 1 { "it" } else { "them" },
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::CategoryRemoved,
            EntityRef::new("data_category", code.as_str()),
            String::new(),
        );
        let mut w = self.store.write()?;
        register_table::remove(&w, Register::DataCategories, code.as_str())?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_child_goes_after_its_parents_last_descendant() {
        let t = Taxonomy::default_taxonomy().unwrap();
        let new = CategoryCode::parse("contact.fax").unwrap();
        let order = order_with(&t, &new);
        let at = order.iter().position(|c| c == &new).unwrap();
        assert_eq!(order[at - 1].as_str(), "contact.postal-address");
        assert_eq!(order[at + 1].as_str(), "identity");
        let top = CategoryCode::parse("hobbies").unwrap();
        assert_eq!(order_with(&t, &top).last(), Some(&top));
    }
}
