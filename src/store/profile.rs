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

/// The controller's statement on automated decision-making (GDPR Art. 15(1)(h)); `None` when
/// no profile is saved or no statement written.
pub fn automated_decisions(conn: &Db, key: &SecretKey) -> StoreResult<Option<String>> {
    let row = conn
        .query_row(
            "SELECT id, automated_decisions FROM organisation_profile LIMIT 1",
            [],
            |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<Sealed>>(1)?)),
        )
        .optional()?;
    let Some((id, Some(sealed))) = row else {
        return Ok(None);
    };
    let id = Uuid::from_slice(&id)
        .map_err(|_| StoreError::Corrupt("the organisation profile's id is malformed".into()))?;
    Ok(Some(
        open_text(key, TABLE, "automated_decisions", id, &sealed)?.to_string(),
    ))
}

/// Saves (or, with `None`, removes) the statement on automated decision-making. Returns
/// `false`, changing nothing, when no profile has been saved yet.
pub fn save_automated_decisions(
    w: &mut Write<'_>,
    key: &SecretKey,
    statement: Option<&str>,
) -> StoreResult<bool> {
    let existing: Option<Vec<u8>> = w
        .query_row("SELECT id FROM organisation_profile LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(bytes) = existing else {
        return Ok(false);
    };
    let id = Uuid::from_slice(&bytes)
        .map_err(|_| StoreError::Corrupt("the organisation profile's id is malformed".into()))?;
    let sealed = match statement {
        Some(text) => Some(w.seal_text(key, TABLE, "automated_decisions", id, text)?),
        None => None,
    };
    w.execute(
        "UPDATE organisation_profile SET automated_decisions = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_bytes().as_slice(), sealed, Utc::now().to_rfc3339()],
    )?;
    Ok(true)
}

/// The controller's roles (Art. 26, 27, 30(2)); the default (nothing recorded) when no profile
/// is saved or none were written.
pub fn roles(
    conn: &Db,
    key: &SecretKey,
) -> StoreResult<crate::domain::controller_roles::ControllerRoles> {
    let row = conn
        .query_row(
            "SELECT id, roles FROM organisation_profile LIMIT 1",
            [],
            |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<Sealed>>(1)?)),
        )
        .optional()?;
    let Some((id, Some(sealed))) = row else {
        return Ok(Default::default());
    };
    let id = Uuid::from_slice(&id)
        .map_err(|_| StoreError::Corrupt("the organisation profile's id is malformed".into()))?;
    let json = open_text(key, TABLE, "roles", id, &sealed)?;
    serde_json::from_str(&json).map_err(|_| StoreError::FieldTampered {
        table: TABLE,
        column: "roles",
        record: id,
    })
}

/// Saves the controller's roles. Returns `false`, changing nothing, when no profile has been
/// saved yet.
pub fn save_roles(
    w: &mut Write<'_>,
    key: &SecretKey,
    roles: &crate::domain::controller_roles::ControllerRoles,
) -> StoreResult<bool> {
    let existing: Option<Vec<u8>> = w
        .query_row("SELECT id FROM organisation_profile LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(bytes) = existing else {
        return Ok(false);
    };
    let id = Uuid::from_slice(&bytes)
        .map_err(|_| StoreError::Corrupt("the organisation profile's id is malformed".into()))?;
    let json = zeroize::Zeroizing::new(
        serde_json::to_string(roles)
            .map_err(|e| StoreError::Corrupt(format!("the roles could not be encoded: {e}")))?,
    );
    let sealed = w.seal_text(key, TABLE, "roles", id, &json)?;
    w.execute(
        "UPDATE organisation_profile SET roles = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_bytes().as_slice(), sealed, Utc::now().to_rfc3339()],
    )?;
    Ok(true)
}
