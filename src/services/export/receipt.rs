//! One subject's consent receipt, as JSON (Kantara Consent Receipt v1.1 field names; see
//! [`domain::receipt`](crate::domain::receipt)) or as a readable, self-contained HTML page,
//! chosen by the output file's extension.
//!
//! The page loads nothing (no scripts, no external styles or fonts; its content security
//! policy forbids them) and every value on it is escaped, so a name such as
//! `<script>…</script>` is shown as text.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::receipt::{ConsentReceipt, build_receipt};
use crate::services::{ServiceError, ServiceResult};

use super::{
    AtomicFile, DataExportKind, DataExportSummary, PERMISSION, checked_extension, write_all,
};

/// The file formats of a consent receipt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptFormat {
    /// The receipt as JSON (`.json`).
    Json,
    /// A readable page (`.html` or `.htm`).
    Html,
}

impl ReceiptFormat {
    /// The format for a file name's extension; other extensions are refused with a sentence
    /// naming the file and the allowed extensions.
    pub fn from_path(path: &Path) -> ServiceResult<Self> {
        match checked_extension(path, &["json", "html", "htm"])? {
            "json" => Ok(Self::Json),
            _ => Ok(Self::Html),
        }
    }
}

impl super::Exports<'_> {
    /// Writes the consent receipt of `subject` to `out` (`.json` or `.html`): the purposes
    /// whose consent currently stands, with the organisation as controller. The file appears
    /// whole or not at all, and one audit entry records the subject id, the format and the
    /// number of purposes.
    pub fn export_receipt(
        &mut self,
        subject: Uuid,
        out: &Path,
    ) -> ServiceResult<DataExportSummary> {
        self.require(PERMISSION)?;
        let format = ReceiptFormat::from_path(out)?;
        let person = self.subjects().subject(subject)?.ok_or_else(|| {
            ServiceError::invalid("Subject", format!("there is no subject {subject}"))
        })?;
        let states: Vec<_> = self
            .consent()
            .current_consents(subject)?
            .into_iter()
            .map(|(row, state)| (row.purpose, state))
            .collect();
        let profile = self.settings().profile()?;
        let email = person.fields.email.trim();
        let principal = if email.is_empty() {
            subject.to_string()
        } else {
            email.to_owned()
        };
        let receipt = build_receipt(&principal, &profile, &states, Uuid::new_v4(), Utc::now());
        let count = receipt
            .services
            .iter()
            .map(|s| s.purposes.len() as u64)
            .sum();
        let (bytes, ext) = match format {
            ReceiptFormat::Json => {
                let mut text =
                    serde_json::to_string_pretty(&receipt).map_err(|e| ServiceError::Output {
                        path: out.to_owned(),
                        reason: e.to_string(),
                    })?;
                text.push('\n');
                (zeroize::Zeroizing::new(text), "json")
            }
            ReceiptFormat::Html => (
                zeroize::Zeroizing::new(receipt_page(&receipt, person.fields.name.trim())),
                "html",
            ),
        };
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, bytes.as_bytes())?;
        file.sync()?;
        self.record(
            AuditAction::PersonalDataExported,
            EntityRef::new("subject", subject.to_string()),
            format!(
                "consent {} as {ext}: {count} purposes",
                DataExportKind::Receipt.code()
            ),
        )?;
        file.publish()?;
        Ok(DataExportSummary {
            path: out.to_owned(),
            kind: DataExportKind::Receipt,
            count,
        })
    }
}

use crate::report::html::escape as escape_html;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;\
padding:0 1rem;color:#1b1b1b;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.15rem;\
margin-top:2rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;\
vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}th{width:14rem;\
font-weight:600}section{border:1px solid #ccc;border-radius:6px;padding:.2rem 1rem 1rem;\
margin:1rem 0}.muted{color:#555;font-size:.9rem}";

fn row(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(
        out,
        "<tr><th>{}</th><td>{}</td></tr>",
        escape_html(label),
        escape_html(value)
    );
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The receipt as a readable page; `name` is the person's name (may be empty).
fn receipt_page(r: &ConsentReceipt, name: &str) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(&escape_html(&r.language));
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>Consent receipt {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape_html(&r.consent_receipt_id)
    );
    out.push_str("<h1>Consent receipt</h1>\n");
    let who = if name.is_empty() {
        escape_html(&r.pii_principal_id)
    } else {
        format!(
            "{} ({})",
            escape_html(name),
            escape_html(&r.pii_principal_id)
        )
    };
    let _ = writeln!(
        out,
        "<p>Issued to {who}: the consents you have given that stand today.</p>"
    );
    out.push_str("<table>\n");
    row(&mut out, "Receipt", &r.consent_receipt_id);
    let when = DateTime::<Utc>::from_timestamp(r.consent_timestamp, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| r.consent_timestamp.to_string());
    row(&mut out, "Consent given", &when);
    row(&mut out, "How it was collected", &r.collection_method);
    row(&mut out, "Jurisdiction", &r.jurisdiction);
    if !r.policy_url.is_empty() {
        row(&mut out, "Privacy policy", &r.policy_url);
    }
    row(&mut out, "Sensitive information", yes_no(r.sensitive));
    if !r.spi_cat.is_empty() {
        row(&mut out, "Sensitive categories", &list(&r.spi_cat));
    }
    out.push_str("</table>\n");
    for c in &r.pii_controllers {
        out.push_str("<h2>Who is responsible</h2>\n<table>\n");
        row(&mut out, "Controller", &c.pii_controller);
        row(&mut out, "Contact", &c.contact);
        row(&mut out, "Address", &c.address.street_address);
        row(&mut out, "Email", &c.email);
        row(&mut out, "Phone", &c.phone);
        out.push_str("</table>\n");
    }
    out.push_str("<h2>What you consented to</h2>\n");
    let mut any = false;
    for s in &r.services {
        for p in &s.purposes {
            any = true;
            let _ = writeln!(
                out,
                "<section>\n<h3>{}</h3>\n<p>{}</p>\n<table>",
                escape_html(&list(&p.purpose_category)),
                escape_html(&p.purpose)
            );
            row(&mut out, "Service", &s.service);
            row(&mut out, "Information used", &list(&p.pii_category));
            row(&mut out, "Type of consent", &p.consent_type.to_lowercase());
            row(
                &mut out,
                "Part of the core service",
                yes_no(p.primary_purpose),
            );
            row(
                &mut out,
                "Shared with third parties",
                yes_no(p.third_party_disclosure),
            );
            if !p.third_party_name.is_empty() {
                row(&mut out, "Third parties", &p.third_party_name);
            }
            row(&mut out, "How long, and how to stop it", &p.termination);
            out.push_str("</table>\n</section>\n");
        }
    }
    if !any {
        out.push_str("<p>No consent of yours stands at the moment.</p>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">Kantara Initiative Consent Receipt, version {}. Receipt id {}.</p>",
        escape_html(&r.version),
        escape_html(&r.consent_receipt_id)
    );
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        for (input, expected) in [
            ("plain", "plain"),
            ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
            ("a & b", "a &amp; b"),
            ("\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"),
            ("", ""),
            ("Zoë", "Zoë"),
        ] {
            assert_eq!(escape_html(input), expected, "{input:?}");
        }
    }

    #[test]
    fn extension_table() {
        for (name, expected) in [
            ("r.json", Some(ReceiptFormat::Json)),
            ("r.JSON", Some(ReceiptFormat::Json)),
            ("r.html", Some(ReceiptFormat::Html)),
            ("r.htm", Some(ReceiptFormat::Html)),
            ("r.txt", None),
            ("r", None),
        ] {
            assert_eq!(
                ReceiptFormat::from_path(Path::new(name)).ok(),
                expected,
                "{name}"
            );
        }
        let err = ReceiptFormat::from_path(Path::new("r.txt")).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("r.txt") && text.contains(".json"), "{text}");
    }
}
