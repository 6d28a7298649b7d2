//! The organisation profile row: name and contacts, every field sealed.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::organisation::{Contact, OrganisationProfile};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "organisation_profile";

/// Reads the profile's sealed fields (regimes are a setting, filled in by the caller).
pub fn read(conn: &Db, key: &SecretKey) -> StoreResult<Option<OrganisationProfile>> {
    let row = conn
        .query_row(
            "SELECT id, name, controller, dpo FROM organisation_profile LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, Sealed>(1)?,
                    r.get::<_, Sealed>(2)?,
                    r.get::<_, Sealed>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((id, name, controller, dpo)) = row else {
        return Ok(None);
    };
    let id = Uuid::from_slice(&id)
        .map_err(|_| StoreError::Corrupt("the organisation profile's id is malformed".into()))?;
    let contact = |column: &'static str, sealed: &Sealed| -> StoreResult<Contact> {
        let json = open_text(key, TABLE, column, id, sealed)?;
        serde_json::from_str(&json).map_err(|_| StoreError::FieldTampered {
            table: TABLE,
            column,
            record: id,
        })
    };
    Ok(Some(OrganisationProfile {
        name: open_text(key, TABLE, "name", id, &name)?.to_string(),
        controller: contact("controller", &controller)?,
        dpo: contact("dpo", &dpo)?,
        regimes: Default::default(),
    }))
}

/// Saves the profile's sealed fields, creating the row the first time.
pub fn save(
    w: &mut Write<'_>,
    key: &SecretKey,
    profile: &OrganisationProfile,
) -> StoreResult<Uuid> {
    let existing: Option<Vec<u8>> = w
        .query_row("SELECT id FROM organisation_profile LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let id = match existing {
        Some(bytes) => Uuid::from_slice(&bytes).map_err(|_| {
            StoreError::Corrupt("the organisation profile's id is malformed".into())
        })?,
        None => Uuid::new_v4(),
    };
    let to_json =
        |c: &Contact| zeroize::Zeroizing::new(serde_json::to_string(c).unwrap_or_default());
    let name = w.seal_text(key, TABLE, "name", id, &profile.name)?;
    let controller = w.seal_text(key, TABLE, "controller", id, &to_json(&profile.controller))?;
    let dpo = w.seal_text(key, TABLE, "dpo", id, &to_json(&profile.dpo))?;
    w.execute(
        "INSERT INTO organisation_profile (id, name, controller, dpo, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, controller = excluded.controller,
             dpo = excluded.dpo, updated_at = excluded.updated_at",
        params![
            id.as_bytes().as_slice(),
            name,
            controller,
            dpo,
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(id)
}
