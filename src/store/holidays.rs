//! The officer's changes to the shipped public-holiday presets, per jurisdiction: dates added
//! and preset dates removed. The calendar in use is the presets plus these changes.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Db, StoreError, StoreResult};
use crate::domain::holidays::Jurisdiction;

/// One change to a jurisdiction's presets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayOverride {
    /// The day.
    pub date: NaiveDate,
    /// `true`: an extra holiday; `false`: a preset day that is a working day here.
    pub added: bool,
    /// Its name (for an added day) or why it was removed.
    pub name: String,
}

/// The changes for one jurisdiction, in date order.
pub fn overrides(conn: &Db, j: Jurisdiction) -> StoreResult<Vec<HolidayOverride>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, change, name FROM holiday_overrides WHERE jurisdiction = ?1 ORDER BY date",
    )?;
    let mut rows = stmt.query([j.code()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let date: String = r.get(0)?;
        let change: String = r.get(1)?;
        out.push(HolidayOverride {
            date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                StoreError::Corrupt(format!("a holiday of {} has an unreadable date", j.code()))
            })?,
            added: change == "added",
            name: r.get(2)?,
        });
    }
    Ok(out)
}

/// Records a change (replacing any earlier change of the same day).
pub fn set(conn: &Db, j: Jurisdiction, o: &HolidayOverride) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO holiday_overrides (jurisdiction, date, change, name) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (jurisdiction, date) DO UPDATE SET change = excluded.change, name = excluded.name",
        params![
            j.code(),
            o.date.format("%Y-%m-%d").to_string(),
            if o.added { "added" } else { "removed" },
            o.name
        ],
    )?;
    Ok(())
}

/// Forgets the change of one day (the preset applies again). Returns whether there was one.
pub fn clear(conn: &Db, j: Jurisdiction, date: NaiveDate) -> StoreResult<bool> {
    Ok(conn.execute(
        "DELETE FROM holiday_overrides WHERE jurisdiction = ?1 AND date = ?2",
        params![j.code(), date.format("%Y-%m-%d").to_string()],
    )? > 0)
}
