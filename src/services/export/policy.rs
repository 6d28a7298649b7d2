//! The retention policy written to a file (Markdown, HTML, Word or PDF): no personal data, so
//! any role that may export reports may write it.

use std::path::Path;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::services::{ServiceError, ServiceResult};

use super::{AtomicFile, checked_extension, write_all};

impl super::Exports<'_> {
    /// Writes the retention policy to `out`: `.md`, `.html`, `.docx` (Word, to edit) or
    /// `.pdf`, as the extension says.
    pub fn export_retention_policy(&mut self, out: &Path) -> ServiceResult<()> {
        self.require(Permission::ExportReports)?;
        let ext = checked_extension(out, &["md", "html", "docx", "pdf"])?;
        let bytes = self.retention_policy_bytes(ext)?;
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, &bytes)?;
        file.sync()?;
        self.record(
            AuditAction::ReportExported,
            EntityRef::new("retention_policy", ""),
            format!("retention policy as {ext}"),
        )?;
        file.publish()?;
        Ok(())
    }

    /// The retention policy's file in the format `ext` names (`md`, `html`, `docx`, `pdf`).
    pub(super) fn retention_policy_bytes(&self, ext: &str) -> ServiceResult<Vec<u8>> {
        let today = chrono::Local::now().date_naive();
        Ok(match ext {
            "docx" => {
                crate::report::docx::render(&self.retention().retention_policy_document(today)?)
                    .map_err(|e| ServiceError::invalid("Word document", e.to_string()))?
            }
            "pdf" => {
                crate::report::pdf::render(&self.retention().retention_policy_document(today)?)
                    .map_err(|e| ServiceError::invalid("PDF", e.to_string()))?
            }
            _ => self
                .retention()
                .retention_policy(ext == "html")?
                .into_bytes(),
        })
    }
}
