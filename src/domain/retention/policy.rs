//! The retention policy as a readable document, for the organisation's website or a regulator:
//! Markdown (which most website builders accept), a self-contained HTML page, or a report
//! [`Document`] (for the Word and PDF files) with the same words.

use super::{RecordKind, RetentionAction, RetentionRule};
use crate::report::Document;

fn then(rule: &RetentionRule) -> &'static str {
    match rule.action {
        RetentionAction::Delete => "deleted",
        RetentionAction::Anonymise => "anonymised (only non-identifying totals remain)",
        RetentionAction::Flag => "reviewed by us, and deleted unless a reason to keep it remains",
    }
}

fn scope(rule: &RetentionRule) -> String {
    let mut s = rule.kind.label().to_owned();
    if rule.condition != super::Condition::Any {
        s.push_str(&format!(" — {}", rule.condition.label()));
    }
    if let Some(p) = &rule.purpose {
        s.push_str(&format!(" — purpose: {}", p.as_str()));
    }
    s
}

fn introduction(organisation: &str) -> String {
    let org = if organisation.trim().is_empty() {
        "We keep".to_owned()
    } else {
        format!("{} keeps", organisation.trim())
    };
    format!(
        "{org} personal data only as long as we need it. This policy says how long each kind of record is kept and what happens then. People under a legal hold, and people whose request to us is still open, are kept until the hold ends or the request is answered."
    )
}

/// The policy as a report document (the words of [`to_markdown`]): the introduction, then a
/// section per kind of record with each rule's scope, period, action and reason.
pub fn to_document(organisation: &str, rules: &[RetentionRule], updated: &str) -> Document {
    let mut doc = Document::new("Data retention policy", format!("Last updated: {updated}"));
    doc.paragraph(introduction(organisation));
    for kind in RecordKind::ALL {
        let rules: Vec<&RetentionRule> = rules
            .iter()
            .filter(|r| r.enabled && r.kind == kind)
            .collect();
        if rules.is_empty() {
            continue;
        }
        doc.heading(1, kind.label());
        for r in rules {
            doc.heading(2, r.name.trim());
            doc.fields([
                ("Applies to", scope(r)),
                ("Kept for", format!("{} {}", r.period, r.from.label())),
                ("Then", then(r).to_owned()),
                (
                    "Why",
                    r.reason.split_whitespace().collect::<Vec<_>>().join(" "),
                ),
            ]);
        }
    }
    doc
}

/// The policy in Markdown: an introduction, then one section per kind of record.
pub fn to_markdown(organisation: &str, rules: &[RetentionRule], updated: &str) -> String {
    let mut out = format!(
        "# Data retention policy\n\n{}\n\n_Last updated: {updated}._\n",
        introduction(organisation)
    );
    for kind in RecordKind::ALL {
        let rules: Vec<&RetentionRule> = rules
            .iter()
            .filter(|r| r.enabled && r.kind == kind)
            .collect();
        if rules.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", kind.label()));
        for r in rules {
            out.push_str(&format!(
                "\n### {}\n\n- **Applies to:** {}\n- **Kept for:** {} {}\n- **Then:** {}\n- **Why:** {}\n",
                r.name.trim(),
                scope(r),
                r.period,
                r.from.label(),
                then(r),
                r.reason.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The policy as a self-contained HTML page.
pub fn to_html(organisation: &str, rules: &[RetentionRule], updated: &str) -> String {
    let mut body = String::new();
    for line in to_markdown(organisation, rules, updated).lines() {
        let line = escape(line);
        if let Some(h) = line.strip_prefix("### ") {
            body.push_str(&format!("<h3>{h}</h3>\n"));
        } else if let Some(h) = line.strip_prefix("## ") {
            body.push_str(&format!("<h2>{h}</h2>\n"));
        } else if let Some(h) = line.strip_prefix("# ") {
            body.push_str(&format!("<h1>{h}</h1>\n"));
        } else if let Some(item) = line.strip_prefix("- ") {
            let item = match item.strip_prefix("**").and_then(|i| i.split_once(":**")) {
                Some((label, rest)) => format!("<strong>{label}:</strong>{rest}"),
                None => item.to_owned(),
            };
            body.push_str(&format!("<p class=\"item\">{item}</p>\n"));
        } else if let Some(em) = line.strip_prefix('_').and_then(|l| l.strip_suffix('_')) {
            body.push_str(&format!("<p><em>{em}</em></p>\n"));
        } else if !line.is_empty() {
            body.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Data retention policy</title>\n<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5;padding:0 1em}}p.item{{margin:.2em 0 .2em 1em}}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}
