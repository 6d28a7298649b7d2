//! `holiday …`: the public-holiday calendars that request deadlines count working days with.

use anyhow::Context;
use chrono::Local;
use clap::Subcommand;

use crate::domain::holidays::Jurisdiction;
use crate::domain::request::regime_from_code;
use crate::services::Session;

use super::dates::date;

/// `holiday …`
#[derive(Debug, Subcommand)]
pub enum HolidayCommand {
    /// List a jurisdiction's holidays for a year (england-wales, scotland, northern-ireland, ireland, us-federal).
    List {
        /// The jurisdiction.
        jurisdiction: String,
        /// The year (default this year).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Add a holiday (e.g. a local one) to a jurisdiction.
    Add {
        /// The jurisdiction.
        jurisdiction: String,
        /// The day (YYYY-MM-DD).
        date: String,
        /// Its name.
        #[arg(long)]
        name: String,
    },
    /// Remove a preset holiday (a day your business counts as a working day).
    Remove {
        /// The jurisdiction.
        jurisdiction: String,
        /// The day (YYYY-MM-DD).
        date: String,
    },
    /// Choose the calendar a regime's deadlines use.
    Use {
        /// gdpr, uk-gdpr or ccpa.
        regime: String,
        /// The jurisdiction.
        jurisdiction: String,
    },
}

fn jurisdiction(code: &str) -> anyhow::Result<Jurisdiction> {
    Jurisdiction::from_code(code).with_context(|| {
        format!("\"{code}\" is not a calendar; use england-wales, scotland, northern-ireland, ireland or us-federal")
    })
}

/// Runs a holiday command.
pub fn holiday(session: &mut Session, command: HolidayCommand) -> anyhow::Result<()> {
    use chrono::Datelike;
    match command {
        HolidayCommand::List {
            jurisdiction: j,
            year,
        } => {
            let j = jurisdiction(&j)?;
            let year = year.unwrap_or_else(|| Local::now().date_naive().year());
            outln!("{} — {year}", j.label())?;
            for d in session.requests().calendar_year(j, year)? {
                let mark = if d.added {
                    " (added)"
                } else if d.removed {
                    " (removed: a working day here)"
                } else {
                    ""
                };
                outln!("  {}  {}{mark}", d.holiday.date, d.holiday.name)?;
            }
        }
        HolidayCommand::Add {
            jurisdiction: j,
            date: d,
            name,
        } => {
            let j = jurisdiction(&j)?;
            let d = date(&d, "date")?;
            session.requests().change_holiday(j, d, true, &name)?;
            outln!("Added {d} to {}.", j.label())?;
        }
        HolidayCommand::Remove {
            jurisdiction: j,
            date: d,
        } => {
            let j = jurisdiction(&j)?;
            let d = date(&d, "date")?;
            if !session.requests().reset_holiday(j, d)? {
                session
                    .requests()
                    .change_holiday(j, d, false, "working day")?;
            }
            outln!("{d} counts as a working day in {} now.", j.label())?;
        }
        HolidayCommand::Use {
            regime,
            jurisdiction: j,
        } => {
            let regime = regime_from_code(&regime).with_context(|| {
                format!("\"{regime}\" is not a regime; use gdpr, uk-gdpr or ccpa")
            })?;
            let j = jurisdiction(&j)?;
            session.requests().set_regime_jurisdiction(regime, j)?;
            outln!(
                "{} deadlines now count working days with the {} calendar.",
                regime.label(),
                j.label()
            )?;
        }
    }
    Ok(())
}
