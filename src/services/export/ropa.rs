//! The record of processing activities written to a file (CSV, PDF, Word or JSON): no personal data,
//! so any role that may export reports may write it. The file appears whole or not at all, with
//! its audit entry.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::services::records::export::RopaFormat;
use crate::services::{ServiceError, ServiceResult};

use super::{AtomicFile, write_all};

impl super::Exports<'_> {
    /// Writes the record of processing activities to `out` in `format`, dated `today`;
    /// returns how many activities it holds.
    pub fn export_ropa(
        &mut self,
        format: RopaFormat,
        out: &Path,
        today: NaiveDate,
    ) -> ServiceResult<usize> {
        self.require(Permission::ExportReports)?;
        let context = self.records().ropa_context()?;
        let bytes = match format {
            RopaFormat::Csv => context.csv()?,
            RopaFormat::Json => serde_json::to_vec_pretty(&context.document())
                .map_err(|e| ServiceError::invalid("JSON", e.to_string()))?,
            RopaFormat::Pdf => crate::report::pdf::render(&context.report(today))
                .map_err(|e| ServiceError::invalid("PDF", e.to_string()))?,
            RopaFormat::Docx => crate::report::docx::render(&context.report(today))
                .map_err(|e| ServiceError::invalid("Word document", e.to_string()))?,
        };
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, &bytes)?;
        file.sync()?;
        self.record(
            AuditAction::ReportExported,
            EntityRef::new("ropa", ""),
            format!(
                "record of processing as {}: {} activities, {} systems",
                format.code(),
                context.activities.len(),
                context.systems.len()
            ),
        )?;
        file.publish()?;
        Ok(context.activities.len())
    }
}
