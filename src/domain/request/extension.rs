//! Whether an extension of a request's deadline counts: the person must be told within the
//! first period, or there is no extension.
//!
//! | Regime | Rule | Source |
//! |---|---|---|
//! | GDPR, UK GDPR | The controller "shall inform the data subject of any such extension within one month of receipt of the request, together with the reasons for the delay". Told later, the month has already run out: the request is late, and a notice cannot extend it after the fact. | Art. 12(3) third sentence GDPR / UK GDPR; ICO, *Right of access — can we extend the time for a response?* ("you must let the individual know within one month of receiving their request and explain why"); EDPB Guidelines 01/2022 § 162. |
//! | CCPA/CPRA | The 45 days "may be extended once by an additional 45 days when reasonably necessary, provided the consumer is provided notice of the extension within the first 45-day period"; the regulations repeat it: "provided that the business provides the consumer with notice and an explanation of the reason … within the first 45-day period". | Cal. Civ. Code § 1798.130(a)(2)(A); Cal. Code Regs. tit. 11 § 7021(b). |
//! | CCPA/CPRA | Opt-out of sale/sharing and limit: no extension at all. | Cal. Code Regs. tit. 11 § 7026(f), § 7027(g). |
//!
//! The notice day is compared with the last day of the first period as [`super::deadline`]
//! computes it (already moved off a weekend or public holiday under the GDPR), so a notice on
//! that day still counts.

use chrono::NaiveDate;

use super::deadline::{Deadline, DeadlineRule};
use super::long_date;

/// Why an extension does not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionRefused {
    /// The rule has no extension (CCPA opt-out and limit).
    #[error(
        "This kind of request cannot be extended: opt-out and limit requests must be honoured within 15 business days (Cal. Code Regs. tit. 11 § 7026(f), § 7027(g))."
    )]
    NotExtendable,
    /// The person was told after the first period ended.
    #[error("{}", late_sentence(*rule, *notified_on, *first_period_end))]
    Late {
        /// The rule of the request.
        rule: DeadlineRule,
        /// The day the person was told.
        notified_on: NaiveDate,
        /// The last day on which the notice could go out.
        first_period_end: NaiveDate,
    },
}

fn late_sentence(rule: DeadlineRule, notified_on: NaiveDate, end: NaiveDate) -> String {
    let (period, source) = match rule {
        DeadlineRule::Ccpa45Days => (
            "the first 45 days",
            "Cal. Civ. Code § 1798.130(a)(2)(A); Cal. Code Regs. tit. 11 § 7021(b)",
        ),
        _ => ("the first month", "Art. 12(3)"),
    };
    format!(
        "The deadline was not extended: the person was told on {}, after {period} ended on {}, and an extension counts only if the person is told within it ({source}). The answer was due on {}.",
        long_date(notified_on),
        long_date(end),
        long_date(end),
    )
}

/// Checks that an extension notified on `notified_on` counts; returns the new due date.
pub fn check_extension(
    deadline: &Deadline,
    notified_on: NaiveDate,
) -> Result<NaiveDate, ExtensionRefused> {
    let Some(extended_end) = deadline.extended_end else {
        return Err(ExtensionRefused::NotExtendable);
    };
    if notified_on > deadline.first_period_end {
        return Err(ExtensionRefused::Late {
            rule: deadline.rule,
            notified_on,
            first_period_end: deadline.first_period_end,
        });
    }
    Ok(extended_end)
}

/// The rule in words, for the request page beside the extension form.
pub fn explain(rule: DeadlineRule) -> &'static str {
    match rule {
        DeadlineRule::GdprMonth => {
            "An extension counts only if the person is told, with the reasons, within the first month (Art. 12(3))."
        }
        DeadlineRule::Ccpa45Days => {
            "An extension counts only if the person is told, with the reason, within the first 45 days (Cal. Civ. Code § 1798.130(a)(2)(A); Cal. Code Regs. tit. 11 § 7021(b))."
        }
        DeadlineRule::Ccpa15BusinessDays => {
            "Opt-out and limit requests cannot be extended (Cal. Code Regs. tit. 11 § 7026(f), § 7027(g))."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::holidays::{HolidayCalendar, Jurisdiction};
    use crate::domain::organisation::Regime;
    use crate::domain::request::{RequestType, deadline};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (regime, type, received, notified on, Ok(new due) or Err(first period end)).
    /// Art. 12(3) GDPR; Cal. Civ. Code § 1798.130(a)(2)(A); 11 CCR § 7021(b).
    #[test]
    fn notice_within_the_first_period_table() {
        let ew = HolidayCalendar::preset(Jurisdiction::EnglandWales, 2025..=2027);
        let us = HolidayCalendar::preset(Jurisdiction::UsFederal, 2025..=2027);
        /// Ok(new due date) or Err(end of the first period).
        type Expected = Result<&'static str, &'static str>;
        let table: [(Regime, RequestType, &str, &str, Expected); 7] = [
            // Art. 12(3): told within the month → three months from receipt.
            (
                Regime::UkGdpr,
                RequestType::Access,
                "2026-03-20",
                "2026-04-01",
                Ok("2026-06-22"),
            ),
            // Told on the last day of the first period: still in time.
            (
                Regime::UkGdpr,
                RequestType::Access,
                "2026-03-20",
                "2026-04-20",
                Ok("2026-06-22"),
            ),
            // The bug of issue 16 item 5: told after the month (2 March 2026) → refused.
            (
                Regime::UkGdpr,
                RequestType::Erasure,
                "2026-02-02",
                "2026-03-10",
                Err("2026-03-02"),
            ),
            // The month ends on a holiday-moved day: 3 Oct 2026 is a Saturday → Monday 5 Oct;
            // a notice on Monday 5 October counts.
            (
                Regime::Gdpr,
                RequestType::Access,
                "2026-09-03",
                "2026-10-05",
                Ok("2026-12-03"),
            ),
            // CCPA: within the first 45 days (day of receipt is day one: 2 March → 15 April).
            (
                Regime::CcpaCpra,
                RequestType::Know,
                "2026-03-02",
                "2026-04-15",
                Ok("2026-05-30"),
            ),
            // CCPA: day 46 is too late (§ 1798.130(a)(2)(A)).
            (
                Regime::CcpaCpra,
                RequestType::Delete,
                "2026-03-02",
                "2026-04-16",
                Err("2026-04-15"),
            ),
            // Told before the request even started its clock is fine (the same day).
            (
                Regime::CcpaCpra,
                RequestType::Correct,
                "2026-03-02",
                "2026-03-02",
                Ok("2026-05-30"),
            ),
        ];
        for (regime, kind, received, notified, expected) in table {
            let cal = if regime == Regime::CcpaCpra { &us } else { &ew };
            let dl = deadline(regime, kind, d(received), None, None, false, cal);
            let got = check_extension(&dl, d(notified));
            match expected {
                Ok(due) => assert_eq!(got, Ok(d(due)), "{regime:?} {received} told {notified}"),
                Err(end) => {
                    let e = got.unwrap_err();
                    assert_eq!(
                        e,
                        ExtensionRefused::Late {
                            rule: dl.rule,
                            notified_on: d(notified),
                            first_period_end: d(end),
                        }
                    );
                    let text = e.to_string();
                    assert!(text.contains("was not extended"), "{text}");
                    assert!(text.contains(&long_date(d(end))), "{text}");
                }
            }
        }
    }

    /// 11 CCR § 7026(f), § 7027(g): opt-out and limit have no extension at all.
    #[test]
    fn opt_out_and_limit_are_never_extended() {
        let us = HolidayCalendar::preset(Jurisdiction::UsFederal, 2025..=2027);
        for kind in [RequestType::OptOut, RequestType::Limit] {
            let dl = deadline(
                Regime::CcpaCpra,
                kind,
                d("2026-03-02"),
                None,
                None,
                false,
                &us,
            );
            assert_eq!(
                check_extension(&dl, d("2026-03-03")),
                Err(ExtensionRefused::NotExtendable)
            );
        }
        assert!(explain(DeadlineRule::GdprMonth).contains("Art. 12(3)"));
        assert!(explain(DeadlineRule::Ccpa45Days).contains("§ 7021(b)"));
    }
}
