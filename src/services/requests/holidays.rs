//! Holiday calendars at the service level: which jurisdiction's calendar each regime counts
//! working days with, and the officer's changes to the shipped presets.

use crate::store::Db;
use chrono::{Datelike, NaiveDate};

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::holidays::{Holiday, HolidayCalendar, Jurisdiction};
use crate::domain::organisation::Regime;
use crate::store::holidays::{self, HolidayOverride};
use crate::store::settings;

use crate::services::{ServiceError, ServiceResult};

fn setting_key(regime: Regime) -> String {
    format!("holiday_calendar.{}", regime.code())
}

/// The jurisdiction a regime uses unless the officer chose another: Ireland for the EU GDPR
/// (a common seat for small EU businesses using English; change it in Settings), England and
/// Wales for the UK GDPR, US federal holidays for the CCPA.
pub fn default_jurisdiction(regime: Regime) -> Jurisdiction {
    match regime {
        Regime::Gdpr => Jurisdiction::Ireland,
        Regime::UkGdpr => Jurisdiction::EnglandWales,
        Regime::CcpaCpra => Jurisdiction::UsFederal,
    }
}

/// The jurisdiction whose calendar `regime`'s deadlines use, on any connection.
pub fn jurisdiction_on(conn: &Db, regime: Regime) -> ServiceResult<Jurisdiction> {
    Ok(settings::get(conn, &setting_key(regime))?
        .and_then(|code| Jurisdiction::from_code(&code))
        .unwrap_or_else(|| default_jurisdiction(regime)))
}

/// Years of presets a calendar covers around the dates it is used for.
fn years_around(dates: impl IntoIterator<Item = NaiveDate>) -> std::ops::RangeInclusive<i32> {
    let today = chrono::Local::now().date_naive().year();
    let (mut lo, mut hi) = (today - 1, today + 1);
    for d in dates {
        lo = lo.min(d.year() - 1);
        hi = hi.max(d.year() + 1);
    }
    lo..=hi
}

/// The calendar of `j` with the officer's changes, covering the years of `around` (and the
/// current year), on any connection.
pub fn calendar_on(
    conn: &Db,
    j: Jurisdiction,
    around: impl IntoIterator<Item = NaiveDate>,
) -> ServiceResult<HolidayCalendar> {
    let years = years_around(around);
    let changes = holidays::overrides(conn, j)?;
    let mut dates: Vec<NaiveDate> = years
        .flat_map(|y| j.preset(y))
        .map(|h| h.date)
        .filter(|d| !changes.iter().any(|c| !c.added && c.date == *d))
        .collect();
    dates.extend(changes.iter().filter(|c| c.added).map(|c| c.date));
    Ok(HolidayCalendar::new(dates))
}

/// One day of a jurisdiction's calendar as the settings page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarDay {
    /// The holiday.
    pub holiday: Holiday,
    /// `true` when the officer added it; `false` for a preset.
    pub added: bool,
    /// `true` when it is a preset the officer removed (a working day here).
    pub removed: bool,
}

impl super::Requests<'_> {
    /// The jurisdiction whose calendar `regime`'s deadlines use.
    pub fn regime_jurisdiction(&self, regime: Regime) -> ServiceResult<Jurisdiction> {
        jurisdiction_on(self.store.db(), regime)
    }

    /// The calendar the officer chose for `regime`, or `None` when none was chosen (its
    /// deadlines then use [`default_jurisdiction`]: Ireland for the EU GDPR).
    pub fn chosen_jurisdiction(&self, regime: Regime) -> ServiceResult<Option<Jurisdiction>> {
        Ok(settings::get(self.store.db(), &setting_key(regime))?
            .and_then(|code| Jurisdiction::from_code(&code)))
    }

    /// Chooses the calendar `regime`'s deadlines use.
    pub fn set_regime_jurisdiction(
        &mut self,
        regime: Regime,
        j: Jurisdiction,
    ) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let entry = self.entry(
            AuditAction::HolidaysChanged,
            EntityRef::new("calendar", regime.code()),
            format!("{} uses {}", regime.code(), j.code()),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let w = self.store.write()?;
        settings::set(&w, &setting_key(regime), j.code())?;
        let mut w = w;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// A jurisdiction's calendar for one year: presets, added days and removed presets.
    pub fn calendar_year(&self, j: Jurisdiction, year: i32) -> ServiceResult<Vec<CalendarDay>> {
        let changes = holidays::overrides(self.store.db(), j)?;
        let mut days: Vec<CalendarDay> = j
            .preset(year)
            .into_iter()
            .map(|h| CalendarDay {
                removed: changes.iter().any(|c| !c.added && c.date == h.date),
                holiday: h,
                added: false,
            })
            .collect();
        days.extend(
            changes
                .iter()
                .filter(|c| c.added && c.date.year() == year)
                .map(|c| CalendarDay {
                    holiday: Holiday {
                        date: c.date,
                        name: c.name.clone(),
                    },
                    added: true,
                    removed: false,
                }),
        );
        days.sort_by_key(|d| d.holiday.date);
        Ok(days)
    }

    /// Adds a holiday to a jurisdiction (or marks a preset as a working day with `added: false`).
    pub fn change_holiday(
        &mut self,
        j: Jurisdiction,
        date: NaiveDate,
        added: bool,
        name: &str,
    ) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let name = name.trim();
        if added && name.is_empty() {
            return Err(ServiceError::invalid(
                "Name",
                "give the holiday a name (e.g. \"Company closure\").",
            ));
        }
        let is_preset = j.preset(date.year()).iter().any(|h| h.date == date);
        if added && is_preset {
            return Err(ServiceError::invalid(
                "Date",
                format!("{date} is already a public holiday in {}.", j.label()),
            ));
        }
        if !added && !is_preset {
            return Err(ServiceError::invalid(
                "Date",
                format!(
                    "{date} is not a preset holiday in {}; nothing to remove.",
                    j.label()
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::HolidaysChanged,
            EntityRef::new("calendar", j.code()),
            format!("{} {date}", if added { "added" } else { "removed" }),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        holidays::set(
            &w,
            j,
            &HolidayOverride {
                date,
                added,
                name: name.to_owned(),
            },
        )?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Undoes a change of one day (the preset applies again).
    pub fn reset_holiday(&mut self, j: Jurisdiction, date: NaiveDate) -> ServiceResult<bool> {
        self.require(Permission::EditOrganisation)?;
        let entry = self.entry(
            AuditAction::HolidaysChanged,
            EntityRef::new("calendar", j.code()),
            format!("reset {date}"),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        let had = holidays::clear(&w, j, date)?;
        if had {
            w.append_audit(&keys.audit, &entry)?;
            w.commit()?;
        }
        Ok(had)
    }
}
