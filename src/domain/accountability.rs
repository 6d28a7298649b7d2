//! The annual accountability report: a year's figures against the year before, under the ten
//! headings of the ICO's Accountability Framework.
//!
//! Source: Information Commissioner's Office, *Accountability Framework*
//! (ico.org.uk/for-organisations/accountability-framework/), which groups the expectations
//! behind the accountability principle (UK GDPR Art. 5(2) and Art. 24(1); the same articles of
//! the EU GDPR) into ten categories: leadership and oversight; policies and procedures; training
//! and awareness; individuals' rights; transparency; records of processing and lawful basis;
//! contracts and data sharing; risks and data protection impact assessments; records
//! management and security; breach response and monitoring.
//!
//! Pure: the services count, this module arranges the counts into rows under the headings.

/// Figures that are counted per calendar year (for this year and for the one before).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct YearFigures {
    /// Audit entries recorded in the year.
    pub audit_entries: u64,
    /// Retention sweeps applied in the year (dry runs left out).
    pub sweeps_applied: u64,
    /// Records deleted or anonymised by those sweeps.
    pub records_swept: u64,
    /// Training records completed in the year.
    pub trainings_completed: u64,
    /// Requests from people received in the year.
    pub requests_received: u64,
    /// Requests closed (completed or refused) in the year.
    pub requests_closed: u64,
    /// Of those, closed on or before their due date.
    pub requests_on_time: u64,
    /// Vendors whose last review fell in the year.
    pub vendors_reviewed: u64,
    /// Impact assessments started in the year.
    pub assessments_started: u64,
    /// Breaches the business became aware of in the year.
    pub breaches: u64,
    /// Of those, notified to the supervisory authority within 72 hours (Art. 33(1)).
    pub breaches_notified_on_time: u64,
    /// Of those, notified after 72 hours.
    pub breaches_notified_late: u64,
    /// Of those, assessed as unlikely to result in a risk, so not notified (Art. 33(1)).
    pub breaches_not_notifiable: u64,
}

/// Figures that describe the store as it stands on the day of the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CurrentFigures {
    /// Whether a data protection officer (or privacy lead) is named in the profile.
    pub dpo_named: bool,
    /// People who may sign in.
    pub users: u64,
    /// Retention rules in force.
    pub retention_rules: u64,
    /// Training records whose renewal is due or past.
    pub trainings_due: u64,
    /// Open requests past their due date.
    pub requests_overdue: u64,
    /// Purposes in the catalogue.
    pub purposes: u64,
    /// Purposes with a published notice version.
    pub purposes_with_notice: u64,
    /// Consents that stand.
    pub consents_given: u64,
    /// Processing activities in the record of processing (Art. 30).
    pub activities: u64,
    /// Systems in the data inventory.
    pub systems: u64,
    /// Vendors on record.
    pub vendors: u64,
    /// Vendors with a signed data processing agreement (Art. 28(3)).
    pub vendors_with_dpa: u64,
    /// Vendors whose review is due.
    pub vendor_reviews_due: u64,
    /// Impact assessments on record.
    pub assessments: u64,
    /// Measures of assessments past their due date.
    pub overdue_measures: u64,
    /// Security measures in the register (Art. 32).
    pub security_measures: u64,
    /// Security measures whose review is due.
    pub security_reviews_due: u64,
    /// Whether the audit chain and the row tags verified.
    pub audit_intact: bool,
}

/// One row of the report: what is measured, last year's figure, this year's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// What is measured.
    pub label: &'static str,
    /// Last year's figure, or "—" when only today's state is known.
    pub last: String,
    /// This year's figure (or today's state).
    pub this: String,
}

/// One heading of the ICO framework and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The framework's category, as the ICO names it.
    pub heading: &'static str,
    /// What the figures show, in one sentence.
    pub about: &'static str,
    /// The figures.
    pub rows: Vec<Row>,
}

/// The ten headings, in the ICO's order.
pub const HEADINGS: [&str; 10] = [
    "Leadership and oversight",
    "Policies and procedures",
    "Training and awareness",
    "Individuals' rights",
    "Transparency",
    "Records of processing and lawful basis",
    "Contracts and data sharing",
    "Risks and data protection impact assessments",
    "Records management and security",
    "Breach response and monitoring",
];

/// A share as a percentage with its parts ("9 of 10 (90%)"), or "—" when there is nothing to
/// share out.
pub fn share(part: u64, whole: u64) -> String {
    match (part * 100).checked_div(whole) {
        Some(percent) => format!("{part} of {whole} ({percent}%)"),
        None => "—".to_owned(),
    }
}

fn yes_no(v: bool) -> String {
    if v { "yes" } else { "no" }.to_owned()
}

/// The report's sections: every heading of [`HEADINGS`], each with last year's and this
/// year's figures; a figure known only for today is shown under this year, "—" under last.
pub fn sections(last: &YearFigures, this: &YearFigures, now: &CurrentFigures) -> Vec<Section> {
    let both = |label, f: &dyn Fn(&YearFigures) -> String| Row {
        label,
        last: f(last),
        this: f(this),
    };
    let today = |label, value: String| Row {
        label,
        last: "—".to_owned(),
        this: value,
    };
    let n = |v: u64| v.to_string();
    vec![
        Section {
            heading: HEADINGS[0],
            about: "Who is responsible, and the trail that shows what was done.",
            rows: vec![
                today(
                    "Data protection officer or lead named",
                    yes_no(now.dpo_named),
                ),
                today("People who may sign in", n(now.users)),
                both("Audit entries recorded", &|y| n(y.audit_entries)),
            ],
        },
        Section {
            heading: HEADINGS[1],
            about: "The retention policy and how it was carried out.",
            rows: vec![
                today("Retention rules in force", n(now.retention_rules)),
                both("Retention sweeps applied", &|y| n(y.sweeps_applied)),
                both("Records deleted or anonymised by sweeps", &|y| {
                    n(y.records_swept)
                }),
            ],
        },
        Section {
            heading: HEADINGS[2],
            about: "Training recorded for staff, and renewals due.",
            rows: vec![
                both("Training completed", &|y| n(y.trainings_completed)),
                today("Training renewals due", n(now.trainings_due)),
            ],
        },
        Section {
            heading: HEADINGS[3],
            about: "Requests from people and whether they were answered in time (Art. 12(3); Cal. Civ. Code § 1798.130(a)(2)).",
            rows: vec![
                both("Requests received", &|y| n(y.requests_received)),
                both("Requests closed", &|y| n(y.requests_closed)),
                both("Closed on time", &|y| {
                    share(y.requests_on_time, y.requests_closed)
                }),
                today("Open requests overdue", n(now.requests_overdue)),
            ],
        },
        Section {
            heading: HEADINGS[4],
            about: "Purposes told to people and the consents that stand (Art. 7, 13, 14).",
            rows: vec![
                today("Purposes in the catalogue", n(now.purposes)),
                today(
                    "Purposes with a published notice",
                    share(now.purposes_with_notice, now.purposes),
                ),
                today("Consents that stand", n(now.consents_given)),
            ],
        },
        Section {
            heading: HEADINGS[5],
            about: "The record of processing activities (Art. 30).",
            rows: vec![
                today("Processing activities recorded", n(now.activities)),
                today("Systems in the data inventory", n(now.systems)),
            ],
        },
        Section {
            heading: HEADINGS[6],
            about: "Processors and other vendors, their agreements and reviews (Art. 28).",
            rows: vec![
                today("Vendors on record", n(now.vendors)),
                today(
                    "With a signed data processing agreement",
                    share(now.vendors_with_dpa, now.vendors),
                ),
                both("Vendors last reviewed in the year", &|y| {
                    n(y.vendors_reviewed)
                }),
                today("Vendor reviews due", n(now.vendor_reviews_due)),
            ],
        },
        Section {
            heading: HEADINGS[7],
            about: "Impact assessments and their action plans (Art. 35).",
            rows: vec![
                both("Assessments started", &|y| n(y.assessments_started)),
                today("Assessments on record", n(now.assessments)),
                today("Measures past their due date", n(now.overdue_measures)),
            ],
        },
        Section {
            heading: HEADINGS[8],
            about: "Security measures and their reviews (Art. 32), and the integrity of the records.",
            rows: vec![
                today(
                    "Security measures in the register",
                    n(now.security_measures),
                ),
                today("Security reviews due", n(now.security_reviews_due)),
                today(
                    "Audit trail and records verified intact",
                    yes_no(now.audit_intact),
                ),
            ],
        },
        Section {
            heading: HEADINGS[9],
            about: "Breaches logged and notified (Art. 33, 34).",
            rows: vec![
                both("Breaches logged", &|y| n(y.breaches)),
                both("Notified within 72 hours", &|y| {
                    share(y.breaches_notified_on_time, y.breaches)
                }),
                both("Notified late", &|y| n(y.breaches_notified_late)),
                both("Not notifiable (risk unlikely)", &|y| {
                    n(y.breaches_not_notifiable)
                }),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_parts_and_percentages() {
        for (part, whole, expected) in [
            (0, 0, "—"),
            (0, 4, "0 of 4 (0%)"),
            (9, 10, "9 of 10 (90%)"),
            (2, 3, "2 of 3 (66%)"),
            (5, 5, "5 of 5 (100%)"),
        ] {
            assert_eq!(share(part, whole), expected, "{part}/{whole}");
        }
    }

    #[test]
    fn every_ico_heading_comes_once_in_order() {
        let s = sections(
            &YearFigures::default(),
            &YearFigures::default(),
            &CurrentFigures::default(),
        );
        let headings: Vec<&str> = s.iter().map(|s| s.heading).collect();
        assert_eq!(headings, HEADINGS);
        assert!(s.iter().all(|s| !s.rows.is_empty()));
    }

    #[test]
    fn yearly_figures_go_to_their_year_and_todays_to_this_year() {
        let last = YearFigures {
            requests_closed: 4,
            requests_on_time: 2,
            breaches: 1,
            ..YearFigures::default()
        };
        let this = YearFigures {
            requests_closed: 10,
            requests_on_time: 9,
            ..YearFigures::default()
        };
        let now = CurrentFigures {
            vendors: 4,
            vendors_with_dpa: 3,
            ..CurrentFigures::default()
        };
        let s = sections(&last, &this, &now);
        let row = |heading: &str, label: &str| {
            s.iter()
                .find(|s| s.heading == heading)
                .and_then(|s| s.rows.iter().find(|r| r.label == label))
                .cloned()
                .unwrap()
        };
        for (heading, label, l, t) in [
            (
                "Individuals' rights",
                "Closed on time",
                "2 of 4 (50%)",
                "9 of 10 (90%)",
            ),
            (
                "Breach response and monitoring",
                "Breaches logged",
                "1",
                "0",
            ),
            (
                "Breach response and monitoring",
                "Notified within 72 hours",
                "0 of 1 (0%)",
                "—",
            ),
            (
                "Contracts and data sharing",
                "With a signed data processing agreement",
                "—",
                "3 of 4 (75%)",
            ),
        ] {
            let r = row(heading, label);
            assert_eq!((r.last.as_str(), r.this.as_str()), (l, t), "{label}");
        }
    }
}
