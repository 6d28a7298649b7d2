//! Documents about a request written to a file: a letter (plain text, HTML or Word, after the
//! officer has edited it) and the erasure certificate (no personal data).

use std::path::Path;

use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::letters::Letter;
use crate::services::{ErasureCertificate, ServiceResult};
use crate::store::{incidents, requests};

use super::{AtomicFile, PERMISSION, checked_extension, write_all};

impl super::Exports<'_> {
    /// Writes `letter` (as edited) about `request` to `out`: `.txt` for plain text, `.html`
    /// for a page to print, `.docx` for Word. One audit entry names the request and the format.
    pub fn export_letter(
        &mut self,
        request: Uuid,
        letter: &Letter,
        out: &Path,
    ) -> ServiceResult<()> {
        self.require(PERMISSION)?;
        let ext = checked_extension(out, &["txt", "html", "docx"])?;
        let reference = requests::get(self.store.db(), &self.keys.field, request)?
            .map(|r| r.reference)
            .unwrap_or_else(|| request.to_string());
        self.write_letter(
            letter,
            out,
            ext,
            EntityRef::new("request", reference),
            format!("letter as {ext}"),
        )
    }

    /// Writes the Art. 34 `letter` (as edited) about `incident` to `out`: `.txt`, `.html` or
    /// `.docx`.
    /// One audit entry names the incident and the format.
    pub fn export_breach_letter(
        &mut self,
        incident: Uuid,
        letter: &Letter,
        out: &Path,
    ) -> ServiceResult<()> {
        self.require(PERMISSION)?;
        let ext = checked_extension(out, &["txt", "html", "docx"])?;
        let reference = incidents::get(self.store.db(), &self.keys.field, incident)?
            .map(|i| i.reference())
            .unwrap_or_else(|| incident.to_string());
        self.write_letter(
            letter,
            out,
            ext,
            EntityRef::new("incident", reference),
            format!("Art. 34 letter as {ext}"),
        )
    }

    /// Writes `letter` to `out` as text, HTML or Word (`ext`), whole or not at all, with its
    /// one audit entry.
    fn write_letter(
        &self,
        letter: &Letter,
        out: &Path,
        ext: &str,
        entity: EntityRef,
        details: String,
    ) -> ServiceResult<()> {
        let bytes = zeroize::Zeroizing::new(match ext {
            "html" => letter.to_html().into_bytes(),
            "docx" => crate::report::docx::render(&letter_document(letter)).map_err(|e| {
                crate::services::ServiceError::invalid("Word document", e.to_string())
            })?,
            _ => letter.to_text().into_bytes(),
        });
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, &bytes)?;
        file.sync()?;
        self.record(AuditAction::PersonalDataExported, entity, details)?;
        file.publish()?;
        Ok(())
    }

    /// Writes an erasure certificate to `out` (`.txt` or `.json`). It holds no personal data,
    /// so any role that may export reports may write it.
    pub fn export_erasure_certificate(
        &mut self,
        certificate: &ErasureCertificate,
        out: &Path,
    ) -> ServiceResult<()> {
        self.require(Permission::ExportReports)?;
        let ext = checked_extension(out, &["txt", "json"])?;
        let organisation = self.settings().profile()?.name;
        let text = if ext == "json" {
            let mut t = serde_json::to_string_pretty(certificate).map_err(|e| {
                crate::services::ServiceError::Output {
                    path: out.to_owned(),
                    reason: e.to_string(),
                }
            })?;
            t.push('\n');
            t
        } else {
            certificate.to_text(&organisation)
        };
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, text.as_bytes())?;
        file.sync()?;
        self.record(
            AuditAction::CertificateExported,
            EntityRef::new("subject", certificate.subject_record.clone()),
            format!("erasure certificate as {ext}"),
        )?;
        file.publish()?;
        Ok(())
    }
}

/// A letter as a report document: the subject as its title, then its paragraphs (blank lines
/// separate them; single line breaks, as in the signature, are kept).
fn letter_document(letter: &Letter) -> crate::report::Document {
    let mut doc = crate::report::Document::new(letter.subject.clone(), "");
    for para in letter.body.split("\n\n").filter(|p| !p.trim().is_empty()) {
        doc.paragraph(para.trim_end());
    }
    doc
}
