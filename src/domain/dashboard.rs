//! The Dashboard's figures as plain values (issue 20, item 7): the first steps of a new
//! store, "What needs me today" in the order the officer should take it, and the monthly
//! series of its two charts. The services count them from the store
//! (`services::settings::dashboard`); the window draws them and links each line to the place
//! where the work is done.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::consent::ConsentEventKind;

/// One step of setting up a new store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstStep {
    /// Import the list of people (the consent register).
    ImportList,
    /// Adopt the default retention rules or write your own.
    RetentionPolicy,
    /// Describe the processing activities (the record of processing, Art. 30).
    Activities,
    /// Describe the systems that hold personal data (the data inventory).
    Systems,
    /// Add the vendors and other recipients.
    Vendors,
    /// Take a first backup.
    FirstBackup,
    /// Set how often the retention sweep runs.
    SweepSchedule,
}

impl FirstStep {
    /// Every step, in the order the checklist shows them.
    pub const ALL: [Self; 7] = [
        Self::ImportList,
        Self::RetentionPolicy,
        Self::Activities,
        Self::Systems,
        Self::Vendors,
        Self::FirstBackup,
        Self::SweepSchedule,
    ];

    /// The step as the checklist says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::ImportList => "Import your list of people and their consent",
            Self::RetentionPolicy => "Adopt the default retention policy or write your own",
            Self::Activities => "Describe your processing activities",
            Self::Systems => "Describe the systems that hold personal data",
            Self::Vendors => "Add your vendors and other recipients",
            Self::FirstBackup => "Take a first backup",
            Self::SweepSchedule => "Set how often the retention sweep runs",
        }
    }
}

/// What the store already holds, enough to tick the first steps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SetupFacts {
    /// People in the register.
    pub subjects: u64,
    /// Retention rules in the policy.
    pub retention_rules: u64,
    /// Processing activities recorded.
    pub activities: u64,
    /// Systems in the data inventory.
    pub systems: u64,
    /// Vendors in the register.
    pub vendors: u64,
    /// Whether a backup was ever made (a `backup.made` audit entry).
    pub backup_made: bool,
    /// Whether a sweep schedule is set.
    pub sweep_scheduled: bool,
}

impl SetupFacts {
    /// Whether `step` is done.
    pub fn done(&self, step: FirstStep) -> bool {
        match step {
            FirstStep::ImportList => self.subjects > 0,
            FirstStep::RetentionPolicy => self.retention_rules > 0,
            FirstStep::Activities => self.activities > 0,
            FirstStep::Systems => self.systems > 0,
            FirstStep::Vendors => self.vendors > 0,
            FirstStep::FirstBackup => self.backup_made,
            FirstStep::SweepSchedule => self.sweep_scheduled,
        }
    }

    /// Every step with whether it is done, in the checklist's order.
    pub fn checklist(&self) -> Vec<(FirstStep, bool)> {
        FirstStep::ALL.iter().map(|s| (*s, self.done(*s))).collect()
    }

    /// Whether every step is done (the checklist then steps aside).
    pub fn all_done(&self) -> bool {
        FirstStep::ALL.iter().all(|s| self.done(*s))
    }
}

/// Where a line of "What needs me today" leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TodayLink {
    /// A request's page.
    Request(Uuid),
    /// An incident's entry in the incident log.
    Incident(Uuid),
    /// A vendor's due-diligence review (by its code).
    VendorReview(String),
    /// An assessment, for a measure of its action plan.
    Assessment(Uuid),
}

/// What kind of work a line of "What needs me today" is; the order of the variants is the
/// order of lines due on the same day (a breach clock counts in hours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TodayKind {
    /// A personal data breach whose 72-hour clock runs or ran out (GDPR Art. 33(1)).
    BreachClock,
    /// A request from a person, open and due within seven days or overdue.
    Request,
    /// A measure of an assessment's action plan past its date.
    AssessmentMeasure,
    /// A vendor review due within 30 days or overdue.
    VendorReview,
}

/// One line of "What needs me today": never a person's name, only references, types and
/// dates (vendor and assessment titles are the organisation's own words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TodayItem {
    /// What kind of work it is.
    pub kind: TodayKind,
    /// The day it is due (a breach clock's deadline, as a day).
    pub due: NaiveDate,
    /// Whether that day (or the clock) has passed.
    pub overdue: bool,
    /// The line as shown, e.g. "R-0007 · Access · due 2026-12-09".
    pub text: String,
    /// Where it is done.
    pub link: TodayLink,
}

/// Sorts the lines: everything overdue first, then by the day due, then by kind (a breach
/// clock before a request due the same day), then by text so the order is stable.
pub fn sort_today(items: &mut [TodayItem]) {
    items.sort_by(|a, b| {
        (!a.overdue, a.due, a.kind, &a.text).cmp(&(!b.overdue, b.due, b.kind, &b.text))
    });
}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl Month {
    /// The month `day` falls in.
    pub fn of(day: NaiveDate) -> Self {
        Self {
            year: day.year(),
            month: day.month(),
        }
    }

    /// The month before.
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The `count` months ending with the month of `today`, oldest first.
    pub fn last(count: usize, today: NaiveDate) -> Vec<Self> {
        let mut months = Vec::with_capacity(count);
        let mut m = Self::of(today);
        for _ in 0..count {
            months.push(m);
            m = m.previous();
        }
        months.reverse();
        months
    }

    /// `YYYY-MM`, as the store writes the month of a time.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// Requests closed in a month and how many of them on time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthShare {
    /// The month the requests were closed in.
    pub month: Month,
    /// Requests closed (completed or refused) in it.
    pub closed: u64,
    /// Of them, closed on or before their due date.
    pub on_time: u64,
}

impl MonthShare {
    /// The share on time in per cent, or `None` when nothing was closed.
    pub fn percent(&self) -> Option<f64> {
        (self.closed > 0).then(|| self.on_time as f64 * 100.0 / self.closed as f64)
    }
}

/// How many requests were answered on time per month, for the `months` months ending with
/// today's: a request counts in the month it was closed, and on time when closed on or before
/// its due date, extensions included (GDPR and UK GDPR Art. 12(3); Cal. Civ. Code
/// § 1798.130(a)(2)), the rule of the evidence bundle's request log. `closed` gives each
/// closed request's (day closed, day due).
pub fn on_time_by_month(
    closed: impl IntoIterator<Item = (NaiveDate, NaiveDate)>,
    today: NaiveDate,
    months: usize,
) -> Vec<MonthShare> {
    let mut shares: Vec<MonthShare> = Month::last(months, today)
        .into_iter()
        .map(|month| MonthShare {
            month,
            closed: 0,
            on_time: 0,
        })
        .collect();
    for (closed_on, due) in closed {
        let month = Month::of(closed_on);
        if let Some(s) = shares.iter_mut().find(|s| s.month == month) {
            s.closed += 1;
            if closed_on <= due {
                s.on_time += 1;
            }
        }
    }
    shares
}

/// Consent given and withdrawn per purpose, month by month.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsentTimeline {
    /// The months, oldest first.
    pub months: Vec<Month>,
    /// Per purpose code: (given, withdrawn) in each month, in the order of `months`.
    pub purposes: Vec<(String, Vec<(u64, u64)>)>,
}

impl ConsentTimeline {
    /// Builds the timeline from the store's counts of (purpose code, `YYYY-MM`, event kind
    /// code, events), for the `months` months ending with today's. Consent given counts the
    /// `given` events, withdrawn the `withdrawn` ones; other kinds are left out. Every purpose
    /// in `purposes` gets a row, even with no event.
    pub fn build(
        purposes: &[String],
        counts: &[(String, String, String, u64)],
        today: NaiveDate,
        months: usize,
    ) -> Self {
        let months = Month::last(months, today);
        let codes: Vec<String> = months.iter().map(|m| m.code()).collect();
        let mut rows: Vec<(String, Vec<(u64, u64)>)> = purposes
            .iter()
            .map(|p| (p.clone(), vec![(0, 0); months.len()]))
            .collect();
        for (purpose, month, kind, n) in counts {
            let Some(i) = codes.iter().position(|c| c == month) else {
                continue;
            };
            let Some((_, row)) = rows.iter_mut().find(|(p, _)| p == purpose) else {
                continue;
            };
            if kind == ConsentEventKind::Given.code() {
                row[i].0 += n;
            } else if kind == ConsentEventKind::Withdrawn.code() {
                row[i].1 += n;
            }
        }
        Self {
            months,
            purposes: rows,
        }
    }

    /// Whether no consent was given or withdrawn in any of the months.
    pub fn is_empty(&self) -> bool {
        self.purposes
            .iter()
            .all(|(_, row)| row.iter().all(|(g, w)| g + w == 0))
    }
}

/// Everything the Dashboard shows beyond the store summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DashboardFigures {
    /// What the store holds, for the first steps.
    pub setup: SetupFacts,
    /// What needs the officer today, in order.
    pub today: Vec<TodayItem>,
    /// Requests answered on time, per month (the last twelve).
    pub on_time: Vec<MonthShare>,
    /// Consent given and withdrawn per purpose, per month (the last twelve).
    pub consent: ConsentTimeline,
}

impl DashboardFigures {
    /// Requests closed and answered on time over all the months shown.
    pub fn on_time_total(&self) -> (u64, u64) {
        self.on_time
            .iter()
            .fold((0, 0), |(c, o), s| (c + s.closed, o + s.on_time))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_checklist_ticks_each_step_from_what_the_store_holds() {
        let empty = SetupFacts::default();
        assert!(empty.checklist().iter().all(|(_, done)| !done));
        assert!(!empty.all_done());
        let cases: [(SetupFacts, FirstStep); 7] = [
            (
                SetupFacts {
                    subjects: 1,
                    ..empty
                },
                FirstStep::ImportList,
            ),
            (
                SetupFacts {
                    retention_rules: 3,
                    ..empty
                },
                FirstStep::RetentionPolicy,
            ),
            (
                SetupFacts {
                    activities: 1,
                    ..empty
                },
                FirstStep::Activities,
            ),
            (
                SetupFacts {
                    systems: 2,
                    ..empty
                },
                FirstStep::Systems,
            ),
            (
                SetupFacts {
                    vendors: 1,
                    ..empty
                },
                FirstStep::Vendors,
            ),
            (
                SetupFacts {
                    backup_made: true,
                    ..empty
                },
                FirstStep::FirstBackup,
            ),
            (
                SetupFacts {
                    sweep_scheduled: true,
                    ..empty
                },
                FirstStep::SweepSchedule,
            ),
        ];
        for (facts, step) in cases {
            let ticked: Vec<FirstStep> = facts
                .checklist()
                .into_iter()
                .filter(|(_, done)| *done)
                .map(|(s, _)| s)
                .collect();
            assert_eq!(ticked, vec![step]);
        }
        let full = SetupFacts {
            subjects: 5,
            retention_rules: 1,
            activities: 1,
            systems: 1,
            vendors: 1,
            backup_made: true,
            sweep_scheduled: true,
        };
        assert!(full.all_done());
    }

    fn item(kind: TodayKind, due: &str, overdue: bool, text: &str) -> TodayItem {
        TodayItem {
            kind,
            due: d(due),
            overdue,
            text: text.into(),
            link: TodayLink::Request(Uuid::nil()),
        }
    }

    #[test]
    fn today_puts_overdue_work_first_then_the_earliest_then_breach_clocks() {
        let mut items = vec![
            item(TodayKind::VendorReview, "2026-12-01", false, "vendor"),
            item(TodayKind::Request, "2026-12-09", false, "R-2"),
            item(TodayKind::BreachClock, "2026-12-09", false, "INC-1"),
            item(TodayKind::AssessmentMeasure, "2026-11-20", true, "measure"),
            item(TodayKind::Request, "2026-11-30", true, "R-1"),
        ];
        sort_today(&mut items);
        let order: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(order, ["measure", "R-1", "vendor", "INC-1", "R-2"]);
    }

    #[test]
    fn on_time_shares_count_each_request_in_the_month_it_was_closed() {
        let closed = [
            (d("2026-12-02"), d("2026-12-05")), // on time
            (d("2026-12-05"), d("2026-12-05")), // on the due day: on time
            (d("2026-12-06"), d("2026-12-05")), // a day late
            (d("2026-10-15"), d("2026-10-01")), // late
            (d("2025-11-30"), d("2025-12-30")), // before the twelve months
        ];
        let shares = on_time_by_month(closed, d("2026-12-07"), 12);
        assert_eq!(shares.len(), 12);
        assert_eq!(
            shares.first().unwrap().month,
            Month {
                year: 2026,
                month: 1
            }
        );
        let dec = shares.last().unwrap();
        assert_eq!((dec.closed, dec.on_time), (3, 2));
        assert!((dec.percent().unwrap() - 66.666).abs() < 0.01);
        let oct = shares.iter().find(|s| s.month.month == 10).unwrap();
        assert_eq!((oct.closed, oct.on_time, oct.percent()), (1, 0, Some(0.0)));
        let nov = shares.iter().find(|s| s.month.month == 11).unwrap();
        assert_eq!(nov.percent(), None);
    }

    #[test]
    fn months_run_over_the_new_year() {
        let months = Month::last(3, d("2026-02-10"));
        let codes: Vec<String> = months.iter().map(|m| m.code()).collect();
        assert_eq!(codes, ["2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn the_consent_timeline_counts_given_and_withdrawn_per_purpose_and_month() {
        let purposes = vec!["newsletter".to_owned(), "profiling".to_owned()];
        let counts = vec![
            ("newsletter".into(), "2026-12".into(), "given".into(), 5),
            ("newsletter".into(), "2026-12".into(), "withdrawn".into(), 2),
            ("newsletter".into(), "2026-11".into(), "given".into(), 1),
            ("newsletter".into(), "2026-11".into(), "refreshed".into(), 9),
            ("newsletter".into(), "2020-01".into(), "given".into(), 7),
            ("unknown".into(), "2026-12".into(), "given".into(), 4),
        ];
        let t = ConsentTimeline::build(&purposes, &counts, d("2026-12-07"), 3);
        assert_eq!(t.months.len(), 3);
        assert_eq!(t.purposes[0].1, vec![(0, 0), (1, 0), (5, 2)]);
        assert_eq!(t.purposes[1].1, vec![(0, 0); 3]);
        assert!(!t.is_empty());
        assert!(ConsentTimeline::build(&purposes, &[], d("2026-12-07"), 3).is_empty());
    }
}
