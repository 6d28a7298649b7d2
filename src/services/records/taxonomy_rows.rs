//! The taxonomy of data categories as the store keeps it: the shipped default, and reading
//! and writing its rows (used by every area that names categories).

use crate::domain::records::{DataCategory, Taxonomy};
use crate::services::{ServiceError, ServiceResult};
use crate::store::register_table::{self, Register, RegisterRow};
use crate::store::{Db, StoreError, StoreResult, settings};

/// Setting: "1" once a taxonomy was adopted, so a taxonomy the officer emptied stays empty.
pub(in crate::services) const TAXONOMY_ADOPTED: &str = "taxonomy_adopted";

/// The taxonomy shipped with the program.
pub(in crate::services) fn default_taxonomy() -> ServiceResult<Taxonomy> {
    Taxonomy::default_taxonomy().map_err(|m| ServiceError::invalid("Default data categories", m))
}

/// Writes every category of `taxonomy` (in its order) and marks the taxonomy adopted, inside
/// the caller's transaction.
pub(in crate::services) fn write_taxonomy(conn: &Db, taxonomy: &Taxonomy) -> StoreResult<()> {
    for c in taxonomy.categories() {
        save_row(conn, c)?;
    }
    settings::set(conn, TAXONOMY_ADOPTED, "1")
}

pub(in crate::services) fn save_row(conn: &Db, c: &DataCategory) -> StoreResult<()> {
    register_table::save(
        conn,
        Register::DataCategories,
        &RegisterRow {
            code: c.code.as_str(),
            name: &c.name,
            date: None,
            record: c,
        },
    )
}

/// The taxonomy as stored, parents before children.
pub(in crate::services) fn read_taxonomy(conn: &Db) -> ServiceResult<Taxonomy> {
    let categories: Vec<DataCategory> = register_table::list(conn, Register::DataCategories)?;
    Taxonomy::new(categories).map_err(|m| {
        StoreError::Corrupt(format!(
            "the taxonomy of data categories is inconsistent: {m}"
        ))
        .into()
    })
}
