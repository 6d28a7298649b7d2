//! The readable page's sections on the processing (GDPR Art. 15(1)(a)–(h), 15(2); for the
//! CCPA, Cal. Civ. Code § 1798.110(a)(1)–(4)), from [`super::records::Processing`]: each
//! answer read from the business's records, never "ask the controller" where the store
//! holds it.

use std::fmt::Write as _;

use super::Contents;
use super::html::{esc, kv, para, table};
use super::json::{automated_statement, filled_fields, source_phrase, sources};
use crate::domain::consent::ConsentState;
use crate::domain::request::long_date;

/// The person's consent to a purpose, in words.
fn state_label(state: &ConsentState) -> String {
    let word = match state {
        ConsentState::NoRecord => return "No record".into(),
        ConsentState::Given { .. } => "Given",
        ConsentState::Withdrawn { .. } => "Withdrawn",
        ConsentState::Expired { .. } => "Lapsed",
        ConsentState::OptedOut { .. } => "Opted out",
    };
    match state.since() {
        Some(t) => format!("{word} since {}", long_date(t.date_naive())),
        None => word.into(),
    }
}

/// The purposes, legal bases and the person's consent to each.
fn purposes(out: &mut String, c: &Contents) {
    let d = &c.processing.disclosure;
    out.push_str("<h2>Why we use it, and on what legal basis</h2>\n");
    if d.purposes.is_empty() {
        para(
            out,
            "Neither our record of processing activities nor your consent history links a purpose to you.",
        );
    }
    for p in &d.purposes {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p>{}</p>",
            esc(&p.name),
            esc(&p.description)
        );
        let consent = c
            .purposes
            .iter()
            .find(|(q, _)| q.code.as_str() == p.code)
            .map(|(_, state)| state_label(state))
            .unwrap_or_default();
        let activities = p.activities.join(", ");
        let shared = if p.ccpa_sale_or_share { "yes" } else { "no" };
        kv(
            out,
            &[
                ("Legal basis", p.legal_basis_label),
                ("Your consent", &consent),
                ("In our record of processing as", &activities),
                ("Sold or shared (CCPA)", shared),
            ],
        );
    }
}

/// Categories, recipients, transfers.
fn categories_and_recipients(out: &mut String, c: &Contents) {
    let d = &c.processing.disclosure;
    out.push_str("<h2>The categories of personal data concerned</h2>\n<ul>\n");
    let held: Vec<&str> = filled_fields(c).into_iter().map(|(_, l)| l).collect();
    if !held.is_empty() {
        let _ = writeln!(
            out,
            "<li>Held in your record: {}</li>",
            esc(&held.join(", "))
        );
    }
    for cat in &d.categories {
        let special = if cat.special {
            " (a special category of data)"
        } else {
            ""
        };
        let _ = writeln!(out, "<li>{}{special}</li>", esc(&cat.name));
    }
    out.push_str("</ul>\n");

    out.push_str("<h2>Who receives it</h2>\n");
    if d.recipients.is_empty() {
        para(out, "Our records name no recipient of your data.");
    } else {
        let rows: Vec<Vec<String>> = d
            .recipients
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.kind_label.to_owned(),
                    r.services.clone(),
                    r.countries.join(", "),
                    r.sub_processors.join(", "),
                ]
            })
            .collect();
        table(
            out,
            &[
                "Recipient",
                "Role",
                "What it does",
                "Where",
                "Its sub-processors",
            ],
            &rows,
        );
    }
    out.push_str("<h2>Transfers outside the EEA or the UK</h2>\n");
    if d.transfers.is_empty() {
        para(
            out,
            "Our records show no transfer of your data to a third country.",
        );
    } else {
        let rows: Vec<Vec<String>> = d
            .transfers
            .iter()
            .map(|t| {
                vec![
                    t.country.clone(),
                    t.safeguard_label.to_owned(),
                    t.note.clone(),
                    t.through.join(", "),
                ]
            })
            .collect();
        table(out, &["Country", "Safeguard", "Details", "Through"], &rows);
        para(
            out,
            "You may ask for a copy of the safeguards (GDPR Article 15(2), Article 46) at the contact above.",
        );
    }
}

/// Retention, sources, automated decisions.
fn retention_and_sources(out: &mut String, c: &Contents) {
    let p = &c.processing;
    out.push_str("<h2>How long we keep it</h2>\n");
    if p.retention.is_empty() && p.disclosure.retention_notes.is_empty() {
        para(out, "No retention rule of ours reaches your record.");
    } else {
        let rows: Vec<Vec<String>> = p
            .retention
            .iter()
            .map(|l| {
                vec![
                    l.records.to_owned(),
                    l.period.clone(),
                    l.action.to_owned(),
                    l.status.words(),
                    l.reason.clone(),
                ]
            })
            .collect();
        table(
            out,
            &["Records", "Kept for", "Then", "For you", "Why"],
            &rows,
        );
        for note in &p.disclosure.retention_notes {
            para(out, note);
        }
    }
    out.push_str("<h2>Where it came from</h2>\n");
    let found = sources(c);
    if found.is_empty() {
        para(out, "No source is recorded in your consent history.");
    } else {
        out.push_str("<ul>\n");
        for (ch, n) in found {
            let _ = writeln!(out, "<li>{} ({n} record(s))</li>", esc(source_phrase(ch)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h2>Automated decision-making</h2>\n");
    para(out, &automated_statement(c));
}

/// The CCPA request-to-know answer in the law's categories (§ 1798.110(a)(1)–(4)).
fn ccpa_know(out: &mut String, c: &Contents) {
    let Some(k) = &c.processing.know else {
        return;
    };
    out.push_str("<h2>Your right to know (California)</h2>\n");
    let list = |out: &mut String, title: &str, items: &[String]| {
        let _ = writeln!(out, "<h3>{}</h3>", esc(title));
        if items.is_empty() {
            para(out, "None recorded.");
            return;
        }
        out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(out, "<li>{}</li>", esc(i));
        }
        out.push_str("</ul>\n");
    };
    list(
        out,
        "Categories of personal information collected",
        &k.categories_collected,
    );
    let sources: Vec<String> = k
        .categories_of_sources
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    list(out, "Categories of sources", &sources);
    let purposes: Vec<String> = k
        .business_purposes
        .iter()
        .map(|p| {
            let sold = if p.sold_or_shared {
                " (personal information is sold or shared for it)"
            } else {
                ""
            };
            format!("{}: {}{sold}", p.name, p.description)
        })
        .collect();
    list(out, "Business or commercial purposes", &purposes);
    list(
        out,
        "Categories of third parties we disclose it to",
        &k.categories_of_third_parties,
    );
    list(
        out,
        "Service providers and contractors receiving it for a business purpose",
        &k.service_providers,
    );
}

/// Every processing section, in the order of Art. 15(1), then the CCPA answer.
pub(super) fn processing_sections(out: &mut String, c: &Contents) {
    purposes(out, c);
    categories_and_recipients(out, c);
    retention_and_sources(out, c);
    ccpa_know(out, c);
}
