//! The contents of an access package's files ([`super`]): the machine-readable JSON
//! document (stable snake_case field names, times in RFC 3339, days as YYYY-MM-DD), the CSV
//! tables (every cell neutralised against spreadsheet formulas) and the readable page.
//!
//! The page covers what GDPR Art. 15(1) and (2) list: the data held, the purposes and their
//! legal basis, the categories of data, the recipients, the retention period, the source, the
//! existence of automated decision-making, the person's rights and whom to contact; the
//! processing sections are read from the records ([`super::processing`]). Like the consent
//! receipt, it loads nothing
//! (its content security policy forbids it) and escapes every value.

use std::fmt::Write as _;

use crate::domain::consent::ConsentEventKind;
use crate::domain::organisation::Regime;
use crate::domain::request::{RequestType, long_date};

use super::html::{STYLE, contact_rows, esc, kv, para, table};
use super::json::*;
use super::{Contents, identity_fields, rfc3339, ymd};

fn event_label(kind: ConsentEventKind) -> &'static str {
    match kind {
        ConsentEventKind::Given => "Consent given",
        ConsentEventKind::Withdrawn => "Consent withdrawn",
        ConsentEventKind::Refreshed => "Consent confirmed again",
        ConsentEventKind::Expired => "Consent lapsed",
        ConsentEventKind::OptedOutOfSaleOrSharing => "Opted out of sale or sharing",
        ConsentEventKind::OptedInToSaleOrSharing => "Opted back in to sale or sharing",
        ConsentEventKind::LimitedSensitiveUse => "Limited the use of sensitive information",
        ConsentEventKind::ConsentedToSensitiveUse => {
            "Consented again to the use of sensitive information"
        }
        ConsentEventKind::GlobalPrivacyControl => "Global Privacy Control signal received",
        ConsentEventKind::SignUpPending => "Signed up; the confirmation email was not yet followed",
    }
}

/// What a package verified for categories only says instead of the data.
const CATEGORIES_ONLY: &str = "Your identity could be verified to a reasonable degree of certainty, \
not to the reasonably high degree the law requires before we disclose specific pieces of \
personal information (Cal. Code Regs. tit. 11 § 7062(b)–(c)). This report therefore tells \
you the categories of personal information we hold, their sources, our purposes and the \
categories of third parties we disclose them to (§ 7024). To receive the specific pieces, \
send us three pieces of information that match our records and a declaration signed under \
penalty of perjury that you are the person concerned.";

/// The provisions the package answers under `regime`.
fn provisions(regime: Regime) -> String {
    match regime {
        Regime::CcpaCpra => format!("the right to know ({})", RequestType::Know.law(regime)),
        _ => format!(
            "the right of access ({}) and the right to data portability ({})",
            RequestType::Access.law(regime),
            RequestType::Portability.law(regime)
        ),
    }
}

/// The person's rights under `regime`, as list items (plain text).
fn rights(regime: Regime) -> Vec<String> {
    let law = |t: RequestType| t.law(regime);
    if regime == Regime::CcpaCpra {
        return vec![
            format!("To know what personal information is collected, used, disclosed, sold or shared, and to get a copy of it in a portable format ({}).", law(RequestType::Know)),
            format!("To delete personal information collected from you ({}).", law(RequestType::Delete)),
            format!("To correct inaccurate personal information ({}).", law(RequestType::Correct)),
            format!("To opt out of the sale or sharing of your personal information ({}).", law(RequestType::OptOut)),
            format!("To limit the use and disclosure of your sensitive personal information ({}).", law(RequestType::Limit)),
            "Not to be discriminated against for exercising these rights (California Civil Code § 1798.125).".into(),
            "To complain to the California Privacy Protection Agency (cppa.ca.gov) or the California Attorney General.".into(),
        ];
    }
    let complaint = match regime {
        Regime::UkGdpr => "To lodge a complaint with the Information Commissioner's Office (ICO), the UK supervisory authority (ico.org.uk; Article 77 of the UK GDPR).".to_owned(),
        _ => "To lodge a complaint with a supervisory authority, in particular in the EU member state where you live or work or where the alleged infringement took place (Article 77 of the GDPR).".to_owned(),
    };
    vec![
        format!(
            "Rectification: to have inaccurate personal data corrected and incomplete data completed ({}).",
            law(RequestType::Rectification)
        ),
        format!(
            "Erasure: to have your personal data erased where the law provides for it ({}).",
            law(RequestType::Erasure)
        ),
        format!(
            "Restriction: to have the processing of your personal data restricted, for example while its accuracy is checked ({}).",
            law(RequestType::Restriction)
        ),
        format!(
            "Objection: to object to processing based on legitimate interests or a public task, and at any time to direct marketing ({}).",
            law(RequestType::Objection)
        ),
        format!(
            "Portability: to receive the data you provided in a structured, commonly used, machine-readable format (the JSON and CSV files beside this page) and to have it sent to another controller ({}).",
            law(RequestType::Portability)
        ),
        format!(
            "Withdrawal of consent: at any time, without affecting processing before the withdrawal ({}).",
            law(RequestType::WithdrawConsent)
        ),
        complaint,
    ]
}

/// The readable page of a package (`<html lang="en">`, self-contained, escaped).
pub(super) fn report_page(c: &Contents) -> String {
    let mut out = String::new();
    let org = c.profile.name.trim();
    let org = if org.is_empty() {
        "the organisation"
    } else {
        org
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>Your personal data held by {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        esc(org)
    );
    let _ = writeln!(out, "<h1>Your personal data held by {}</h1>", esc(org));
    let under: Vec<String> = c.regimes.iter().map(|r| provisions(*r)).collect();
    let mut intro = format!(
        "This report, prepared on {}, answers {}.",
        long_date(c.generated_at.date_naive()),
        under.join("; ")
    );
    if let Some(r) = c.answering() {
        let _ = write!(
            intro,
            " It answers request {} ({}, received on {}).",
            r.reference,
            r.kind.label(),
            long_date(r.received)
        );
    }
    para(&mut out, &intro);

    out.push_str("<h2>Who is responsible for your data</h2>\n");
    let _ = writeln!(out, "<p>The controller is {}.</p>", esc(org));
    kv(&mut out, &contact_rows(&c.profile.controller));
    if c.profile.dpo.is_empty() {
        para(
            &mut out,
            "No data protection officer's contact is recorded.",
        );
    } else {
        out.push_str("<p>The data protection officer:</p>\n");
        kv(&mut out, &contact_rows(&c.profile.dpo));
    }

    out.push_str("<h2>The personal data we hold about you</h2>\n");
    if c.specific {
        let recorded = rfc3339(c.subject.created_at);
        let mut rows: Vec<(&str, &str)> = identity_fields(&c.subject.fields)
            .into_iter()
            .map(|(_, label, value)| (label, value))
            .collect();
        rows.push(("Recorded since", &recorded));
        let undeliverable = c.undeliverable_since.map(rfc3339).unwrap_or_default();
        rows.push(("Address undeliverable since", &undeliverable));
        if let Some(day) = &c.restricted_on {
            rows.push(("Processing restricted since", day));
        }
        kv(&mut out, &rows);
        let _ = writeln!(
            out,
            "<p>We also hold {} consent record(s), {} request(s) and {} correction(s), listed below.</p>",
            c.events.len(),
            c.requests.len(),
            c.corrections.len()
        );
    } else {
        para(&mut out, CATEGORIES_ONLY);
    }

    super::processing::processing_sections(&mut out, c);

    if c.specific {
        out.push_str("<h2>Your consent history</h2>\n");
        let rows: Vec<Vec<String>> = c
            .events
            .iter()
            .map(|e| {
                let code = e.purpose.as_ref().map_or("", |p| p.as_str());
                let purpose = match c.purpose_name(code) {
                    "" if code.is_empty() => "All sale or sharing".to_owned(),
                    "" => code.to_owned(),
                    name => name.to_owned(),
                };
                vec![
                    rfc3339(e.at),
                    purpose,
                    event_label(e.kind).to_owned(),
                    source_phrase(e.channel).to_owned(),
                    e.notice_version.map(|v| v.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &mut out,
            &["When", "Purpose", "What happened", "How", "Notice version"],
            &rows,
        );
        para(
            &mut out,
            "The evidence kept with each record is in consent-history.csv and personal-data.json.",
        );
    }

    out.push_str("<h2>Your requests</h2>\n");
    let rows: Vec<Vec<String>> = c
        .requests
        .iter()
        .map(|r| {
            vec![
                r.reference.clone(),
                r.kind.label().to_owned(),
                r.regime.label().to_owned(),
                r.state.label().to_owned(),
                ymd(r.received),
                ymd(r.due),
                r.closed.map(ymd).unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "Reference",
            "Type",
            "Law",
            "State",
            "Received",
            "Due",
            "Closed",
        ],
        &rows,
    );

    if c.specific {
        out.push_str("<h2>Corrections made to your data</h2>\n");
        if c.corrections.is_empty() {
            para(&mut out, "No corrections have been recorded.");
        } else {
            let rows: Vec<Vec<String>> = c
                .corrections
                .iter()
                .map(|ch| {
                    vec![
                        rfc3339(ch.at),
                        ch.field.clone(),
                        ch.before.clone(),
                        ch.after.clone(),
                        ch.actor.clone(),
                    ]
                })
                .collect();
            table(&mut out, &["When", "Field", "Before", "After", "By"], &rows);
        }
    }

    out.push_str("<h2>Your rights</h2>\n");
    for regime in &c.regimes {
        let _ = writeln!(out, "<h3>Under the {}</h3>\n<ul>", esc(regime.label()));
        for item in rights(*regime) {
            let _ = writeln!(out, "<li>{}</li>", esc(&item));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<p>To exercise them, contact {} at the address above.</p>",
        esc(org)
    );
    out.push_str(
        "<p class=\"muted\">The same data, in machine-readable form: personal-data.json, \
         identity.csv, consent-history.csv, requests.csv and corrections.csv.</p>\n",
    );
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split() {
        assert_eq!(tags("vip, wholesale"), ["vip", "wholesale"]);
        assert!(tags("").is_empty());
    }

    #[test]
    fn every_regime_names_a_complaint_route() {
        for regime in Regime::ALL {
            let all = rights(regime).join("\n");
            assert!(all.contains("omplain"), "{regime:?}: {all}");
        }
    }
}
