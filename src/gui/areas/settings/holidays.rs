//! Settings → Public holidays and closing days: one calendar's days for this year and next
//! (its presets, the closing days the officer added, the presets made working days) and the
//! officer's changes, as `holiday list`, `holiday add` and `holiday remove` on the command
//! line. Deadlines count with these days: a GDPR month that ends on one moves to the next
//! working day (Regulation (EEC, Euratom) No 1182/71 Art. 3(4)), and CCPA business days skip
//! them (11 CCR § 7026(f)). The days come from `Requests::calendar_year`, built against the
//! store generation; changes go through `holidays_apply.rs`.

use chrono::{Datelike, NaiveDate};
use egui::{ComboBox, Grid, RichText, Ui};

use crate::domain::holidays::Jurisdiction;
use crate::domain::organisation::Regime;
use crate::gui::Command;
use crate::gui::areas::request_widgets::{date_field, parse_date};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint, section, text_field};
use crate::services::{CalendarDay, ServiceResult, Session};

use super::holidays_command::HolidayCommand;

/// One year of a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayYear {
    /// The year.
    pub year: i32,
    /// Its days: presets (removed or not) and added days, in date order.
    pub days: Vec<CalendarDay>,
}

/// The days of `j` for `year` and the year after.
pub fn calendar_years(
    session: &Session,
    j: Jurisdiction,
    year: i32,
) -> ServiceResult<Vec<HolidayYear>> {
    [year, year + 1]
        .into_iter()
        .map(|y| {
            Ok(HolidayYear {
                year: y,
                days: session.requests().calendar_year(j, y)?,
            })
        })
        .collect()
}

/// The holiday section's state.
#[derive(Debug, Default)]
pub struct HolidaysPanel {
    shown: Option<Jurisdiction>,
    data: ViewData<Vec<HolidayYear>, (Jurisdiction, i32)>,
    date: String,
    name: String,
    problem: FieldError,
}

impl HolidaysPanel {
    /// Shows `j` unless another calendar was chosen already.
    pub fn show_first(&mut self, j: Jurisdiction) {
        self.shown.get_or_insert(j);
    }

    /// Builds the shown calendar's days again where the store moved on.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        let Some(j) = self.shown else {
            return Ok(());
        };
        let year = fresh.today.year();
        self.data.refresh(fresh.generation, (j, year), |(j, y)| {
            calendar_years(fresh.session, *j, *y)
        })
    }

    /// Shows the service's problem under the form.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// After a change: the form empties.
    pub fn changed(&mut self) {
        self.date.clear();
        self.name.clear();
        self.problem.clear();
    }

    /// Draws the section; `in_use` is the calendar each ticked regime's deadlines use now.
    pub fn ui(&mut self, ui: &mut Ui, in_use: &[(Regime, Jurisdiction)]) -> Option<Command> {
        section(ui, "Public holidays and closing days");
        let label = ui.label("Calendar shown");
        ComboBox::from_id_salt("holiday-calendar-shown")
            .selected_text(self.shown.map_or("Choose…", Jurisdiction::label))
            .width(FIELD_WIDTH)
            .show_ui(ui, |ui| {
                for j in Jurisdiction::ALL {
                    ui.selectable_value(&mut self.shown, Some(j), j.label());
                }
            })
            .response
            .labelled_by(label.id);
        let j = self.shown?;
        let users: Vec<&str> = in_use
            .iter()
            .filter(|(_, used)| *used == j)
            .map(|(r, _)| r.label())
            .collect();
        hint(
            ui,
            &if users.is_empty() {
                "No deadlines count with this calendar now.".to_owned()
            } else {
                format!(
                    "{} deadlines count with this calendar: a period that ends on one of these days moves to the next working day, and business days skip them.",
                    users.join(", ")
                )
            },
        );
        let mut command = None;
        let years = self
            .data
            .get()
            .filter(|_| self.data.key().is_some_and(|(k, _)| *k == j));
        for y in years.into_iter().flatten() {
            ui.label(RichText::new(format!("{} — {}", j.label(), y.year)).strong());
            Grid::new(("holiday-days", y.year))
                .num_columns(3)
                .striped(true)
                .spacing([16.0, 2.0])
                .show(ui, |ui| {
                    for d in &y.days {
                        if let Some(c) = day_row(ui, j, d) {
                            command = Some(c);
                        }
                        ui.end_row();
                    }
                });
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Add a closing day").strong());
        date_field(ui, "Closing day", &mut self.date);
        text_field(ui, "Name of the closing day", &mut self.name);
        if ui.button("Add closing day").clicked() {
            match parse_date("Closing day", &self.date) {
                Ok(date) => {
                    self.problem.clear();
                    command = Some(Command::Holidays(HolidayCommand::Add {
                        jurisdiction: j,
                        date,
                        name: self.name.clone(),
                    }));
                }
                Err(p) => self.problem.set(p),
            }
        }
        // The typed inputs and the calendar shown: the days are read from the store.
        let inputs = fingerprint(&(self.shown, &self.date, &self.name));
        self.problem.show(ui, inputs, "Problem: ");
        command
    }
}

/// One day: its date, name and what it is, with the button that removes it (or restores a
/// preset made a working day).
fn day_row(ui: &mut Ui, j: Jurisdiction, d: &CalendarDay) -> Option<Command> {
    let date: NaiveDate = d.holiday.date;
    ui.label(date.format("%Y-%m-%d").to_string());
    let what = if d.added {
        format!("{} (added)", d.holiday.name)
    } else if d.removed {
        format!("{} (removed: a working day here)", d.holiday.name)
    } else {
        d.holiday.name.clone()
    };
    ui.label(what);
    let button = if d.removed {
        format!("Restore {date}")
    } else {
        format!("Remove {date}")
    };
    ui.button(button).clicked().then(|| {
        Command::Holidays(HolidayCommand::Remove {
            jurisdiction: j,
            date,
        })
    })
}
