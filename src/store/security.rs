//! Staff trainings (table `trainings`): who was trained (sealed), on what, when, and when the
//! training is renewed. The security measures themselves live in the register tables
//! ([`super::register_table`], `Register::SecurityMeasures`); the incident log is in
//! [`super::incidents`].

use chrono::{NaiveDate, Utc};
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::records::Training;

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "trainings";
const DATE: &str = "%Y-%m-%d";

/// A training whose renewal is due, without the trainee (nothing to open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewalDue {
    /// The training's id.
    pub id: Uuid,
    /// What it covered.
    pub topic: String,
    /// The renewal day.
    pub renew_on: NaiveDate,
}

pub(super) fn day(text: &str, what: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE)
        .map_err(|_| StoreError::Corrupt(format!("{what} has an unreadable date")))
}

pub(super) fn uuid(bytes: &[u8], what: &str) -> StoreResult<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| StoreError::Corrupt(format!("{what} id is malformed")))
}

fn iso(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

/// Records a training; the trainee's name is sealed.
pub fn insert_training(
    w: &mut Write<'_>,
    key: &SecretKey,
    training: &Training,
    by: &str,
) -> StoreResult<()> {
    let sealed = w.seal_text(key, TABLE, "trainee", training.id, training.trainee.trim())?;
    w.execute(
        "INSERT INTO trainings (id, trainee, topic, completed_on, renew_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            training.id.as_bytes().as_slice(),
            sealed,
            training.topic.trim(),
            iso(training.completed_on),
            training.renew_on.map(iso),
            by,
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Corrects a training (the name is sealed again); returns whether it existed.
pub fn update_training(
    w: &mut Write<'_>,
    key: &SecretKey,
    training: &Training,
) -> StoreResult<bool> {
    let sealed = w.seal_text(key, TABLE, "trainee", training.id, training.trainee.trim())?;
    Ok(w.execute(
        "UPDATE trainings SET trainee = ?2, topic = ?3, completed_on = ?4, renew_on = ?5
         WHERE id = ?1",
        params![
            training.id.as_bytes().as_slice(),
            sealed,
            training.topic.trim(),
            iso(training.completed_on),
            training.renew_on.map(iso)
        ],
    )? > 0)
}

/// Removes a training; returns whether it existed.
pub fn remove_training(conn: &Db, id: Uuid) -> StoreResult<bool> {
    Ok(conn.execute(
        "DELETE FROM trainings WHERE id = ?1",
        [id.as_bytes().as_slice()],
    )? > 0)
}

/// Every training (names opened): those with a renewal first, soonest first; then the rest,
/// newest first.
pub fn list_trainings(conn: &Db, key: &SecretKey) -> StoreResult<Vec<Training>> {
    let mut stmt = conn.prepare(
        "SELECT id, trainee, topic, completed_on, renew_on FROM trainings
         ORDER BY renew_on IS NULL, renew_on, completed_on DESC, seq DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = uuid(&r.get::<_, Vec<u8>>(0)?, "a training")?;
        let trainee = open_text(key, TABLE, "trainee", id, &r.get::<_, Sealed>(1)?)?;
        out.push(Training {
            id,
            trainee: trainee.to_string(),
            topic: r.get(2)?,
            completed_on: day(&r.get::<_, String>(3)?, "a training")?,
            renew_on: r
                .get::<_, Option<String>>(4)?
                .map(|d| day(&d, "a training"))
                .transpose()?,
        });
    }
    Ok(out)
}

/// The trainings to renew on or before `day`, soonest first (nothing is opened).
pub fn renewals_due(conn: &Db, on_or_before: NaiveDate) -> StoreResult<Vec<RenewalDue>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, topic, renew_on FROM trainings
         WHERE renew_on IS NOT NULL AND renew_on <= ?1 ORDER BY renew_on, seq",
    )?;
    let mut rows = stmt.query([iso(on_or_before)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(RenewalDue {
            id: uuid(&r.get::<_, Vec<u8>>(0)?, "a training")?,
            topic: r.get(1)?,
            renew_on: day(&r.get::<_, String>(2)?, "a training")?,
        });
    }
    Ok(out)
}
