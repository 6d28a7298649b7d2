//! Asking the person to clarify their request: what it does to the clock, per regime. Asking
//! for identity stays a restart (see [`super::identity`]); clarification is its own rule.
//!
//! | Regime | Rule | Source |
//! |---|---|---|
//! | UK GDPR | The clock stops: the days from the day the controller asks for the information it reasonably needs to identify what the request covers to the day it arrives do not count, so they are added to the due date (and to the extended one). | Art. 12A(5) UK GDPR, inserted by s. 76 of the Data (Use and Access) Act 2025, in force 5 February 2026 (SI 2026/82 reg. 2(h)). |
//! | GDPR | The clock runs: asking the person to specify the information or processing activities a request relates to (Recital 63) does not suspend or extend the time limit; where the request is complex, the controller extends under Art. 12(3). | Art. 12(3), Recital 63; EDPB Guidelines 01/2022 on the right of access (v2.1), section 5.3 "Timing for the provision of access". |
//! | CCPA/CPRA | The clock runs: the 45 days (or 15 business days) begin on the day of receipt whatever the time taken, and the only lengthening is the one extension. | Cal. Code Regs. tit. 11 § 7021(b); Cal. Civ. Code § 1798.130(a)(2)(A). |
//!
//! Sources in detail. EU GDPR: EDPB Guidelines 01/2022 on data subject rights — right of
//! access, version 2.0 adopted 28 March 2023, version 2.1 of 30 May 2024 ("minor
//! corrections"), section 5.3 "Timing for the provision of access": the one-month period of
//! Art. 12(3) runs from receipt; a request for specification (Recital 63) does not suspend it,
//! and the controller that needs more time extends under Art. 12(3) and says why within the
//! first month. The guidelines are cited by section, not by paragraph number: no paragraph
//! number could be checked against the official text of version 2.1 (issue 16, session 9).
//! Identity is a different step, with its own rule and sources in [`super::identity`].
//!
//! UK GDPR: Art. 12A ("Time limits for responding to requests"), inserted by s. 76 of the Data
//! (Use and Access) Act 2025 and in force from 5 February 2026 (SI 2026/82 reg. 2(h); reg. 4
//! keeps the old rules for requests received before that day). Art. 12(3) and (4) now run to
//! "the end of the applicable time period (see Article 12A)". The period is one month from the
//! relevant time, the latest of receipt, the identity information asked for under Art. 12(6)
//! and any fee; it may be extended by two further months on notice given within the first
//! month. Under Art. 12A(5), where the controller "reasonably requires further information in
//! order to identify the information or processing activities to which a request under Article
//! 15 relates", the period from the day it asks to the day it receives the information does not
//! count towards the time period nor towards the month for notifying an extension. The Data
//! Protection Act 2018, s. 54(3C)–(3D), states the same rule in the same words for
//! law-enforcement processing.

use chrono::{Days, NaiveDate};

use super::deadline::{Deadline, DeadlineRule};
use crate::domain::holidays::HolidayCalendar;
use crate::domain::organisation::Regime;

/// What asking for clarification does to a request's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClarificationEffect {
    /// The clock stops until the answer; the paused days are added to the due dates.
    Pauses,
    /// The clock keeps running.
    Runs,
}

/// The day Art. 12A UK GDPR came into force (SI 2026/82 reg. 2(h)). Reg. 4 keeps the old
/// rules for a request received before it: asking to clarify did not stop that request's clock.
pub const UK_ART_12A_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 2, 5) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The effect under `regime` for a request received on `received` (see the module's table).
pub fn effect(regime: Regime, received: NaiveDate) -> ClarificationEffect {
    match regime {
        Regime::UkGdpr if received >= UK_ART_12A_IN_FORCE => ClarificationEffect::Pauses,
        Regime::UkGdpr | Regime::Gdpr | Regime::CcpaCpra => ClarificationEffect::Runs,
    }
}

/// The rule in words, with its source, for the request page and the command line.
pub fn explain(regime: Regime, received: NaiveDate) -> &'static str {
    match regime {
        Regime::UkGdpr if received >= UK_ART_12A_IN_FORCE => {
            "Asking to clarify stops the clock: the days from the day you ask to the day the answer arrives, both included, are added to the due date (Art. 12A(5) UK GDPR, inserted by the Data (Use and Access) Act 2025). Asking for identity restarts it instead."
        }
        Regime::UkGdpr => {
            "This request was received before 5 February 2026, so the old rules apply to it (SI 2026/82 reg. 4): asking to clarify does not stop the clock; extend under Art. 12(3) if the request is complex."
        }
        Regime::Gdpr => {
            "Asking the person to specify their request does not stop the clock (Art. 12(3), Recital 63; EDPB Guidelines 01/2022 on the right of access); extend under Art. 12(3) if the request is complex."
        }
        Regime::CcpaCpra => {
            "The clock keeps running while you wait for a clarification: the period runs from receipt (Cal. Code Regs. tit. 11 § 7021(b))."
        }
    }
}

/// The days the clock stood still for one clarification asked on `asked` and answered on
/// `answered`, for a request received on `received` under `regime`. Where it pauses, "the
/// period beginning with the day on which the controller makes the request and ending with the
/// day on which the controller receives the information" does not count (Art. 12A(5) UK GDPR;
/// the same words in DPA 2018 s. 54(3C)(b)): both days are included, so an answer on the day
/// asked stops the clock for that one day. An answer dated before the question pauses nothing.
pub fn paused_days(
    regime: Regime,
    received: NaiveDate,
    asked: NaiveDate,
    answered: NaiveDate,
) -> u64 {
    match effect(regime, received) {
        ClarificationEffect::Pauses if answered >= asked => {
            u64::try_from((answered - asked).num_days() + 1).unwrap_or(0)
        }
        ClarificationEffect::Pauses | ClarificationEffect::Runs => 0,
    }
}

/// `dl` with `paused` days added to each due date; under the GDPR month the result moves to
/// the next working day, as the month's end does (Art. 12(3); see [`super::deadline`]).
pub fn shift(dl: Deadline, paused: u64, calendar: &HolidayCalendar) -> Deadline {
    if paused == 0 {
        return dl;
    }
    let later = |d: NaiveDate| {
        let d = d
            .checked_add_days(Days::new(paused))
            .unwrap_or(NaiveDate::MAX);
        match dl.rule {
            DeadlineRule::GdprMonth => calendar.working_day_on_or_after(d),
            DeadlineRule::Ccpa45Days | DeadlineRule::Ccpa15BusinessDays => d,
        }
    };
    Deadline {
        first_period_end: later(dl.first_period_end),
        extended_end: dl.extended_end.map(later),
        due: later(dl.due),
        ..dl
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::RequestType;
    use crate::domain::request::deadline::deadline;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (regime, received, asked, answered) → paused days and the due date. UK: Art. 12A UK
    /// GDPR (Data (Use and Access) Act 2025) pauses; GDPR: EDPB Guidelines 01/2022, the clock
    /// runs; CCPA: 11 CCR § 7021(b), the clock runs.
    #[test]
    fn clarification_table() {
        let cal = HolidayCalendar::default();
        let table = [
            // Received Mon 2 March, asked Thu 5 March, answered Tue 17 March: 5 to 17 March,
            // both included, is 13 days; the month ends Thu 2 April, +13 = Wed 15 April.
            (
                Regime::UkGdpr,
                "2026-03-02",
                "2026-03-05",
                "2026-03-17",
                13,
                "2026-04-15",
            ),
            // The same days under the EU GDPR: the clock ran, due Thu 2 April.
            (
                Regime::Gdpr,
                "2026-03-02",
                "2026-03-05",
                "2026-03-17",
                0,
                "2026-04-02",
            ),
            // An answer the same day: that one day does not count; due Fri 3 April.
            (
                Regime::UkGdpr,
                "2026-03-02",
                "2026-03-05",
                "2026-03-05",
                1,
                "2026-04-03",
            ),
            // UK: 5 to 13 March is 9 days; the shifted end falls on Sat 11 April → next
            // working day, Mon 13 April.
            (
                Regime::UkGdpr,
                "2026-03-02",
                "2026-03-05",
                "2026-03-13",
                9,
                "2026-04-13",
            ),
            // UK, received before Art. 12A came into force (5 February 2026): the old rules
            // (SI 2026/82 reg. 4), the clock ran; due Mon 2 March.
            (
                Regime::UkGdpr,
                "2026-02-02",
                "2026-02-10",
                "2026-02-20",
                0,
                "2026-03-02",
            ),
            // An answer dated before the question pauses nothing.
            (
                Regime::UkGdpr,
                "2026-03-02",
                "2026-03-05",
                "2026-03-04",
                0,
                "2026-04-02",
            ),
            // CCPA: the 45 days run from receipt (due 15 April), whatever was asked.
            (
                Regime::CcpaCpra,
                "2026-03-02",
                "2026-03-05",
                "2026-03-17",
                0,
                "2026-04-15",
            ),
        ];
        for (regime, received, asked, answered, days, due) in table {
            let paused = paused_days(regime, d(received), d(asked), d(answered));
            assert_eq!(paused, days, "{regime:?} asked {asked} answered {answered}");
            let dl = deadline(
                regime,
                RequestType::Access,
                d(received),
                None,
                None,
                false,
                &cal,
            );
            assert_eq!(shift(dl, paused, &cal).due, d(due), "{regime:?} {answered}");
            let cites = ["Art. 12A", "reg. 4", "EDPB Guidelines 01/2022", "§ 7021(b)"];
            assert!(
                cites
                    .iter()
                    .any(|c| explain(regime, d(received)).contains(c))
            );
        }
        // The extended date moves by the same days.
        let dl = deadline(
            Regime::UkGdpr,
            RequestType::Access,
            d("2026-03-02"),
            None,
            None,
            true,
            &cal,
        );
        let shifted = shift(dl, 12, &cal);
        assert_eq!(shifted.extended_end, Some(d("2026-06-15")));
        assert_eq!(shifted.start, d("2026-03-02"));
    }
}
