//! The retention policy written to a file (Markdown or HTML): no personal data, so any role
//! that may export reports may write it.

use std::path::Path;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::services::ServiceResult;

use super::{AtomicFile, checked_extension, write_all};

impl super::Exports<'_> {
    /// Writes the retention policy to `out` (`.md` or `.html`).
    pub fn export_retention_policy(&mut self, out: &Path) -> ServiceResult<()> {
        self.require(Permission::ExportReports)?;
        let ext = checked_extension(out, &["md", "html"])?;
        let text = self.retention().retention_policy(ext == "html")?;
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, text.as_bytes())?;
        file.sync()?;
        self.record(
            AuditAction::ReportExported,
            EntityRef::new("retention_policy", ""),
            format!("retention policy as {ext}"),
        )?;
        file.publish()?;
        Ok(())
    }
}
