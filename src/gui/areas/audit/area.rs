//! The audit log as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::domain::access::Permission;
use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

/// The audit log.
pub(in crate::gui) struct AuditArea;

impl AreaView for AuditArea {
    fn title(&self) -> &'static str {
        "Audit log"
    }

    fn permission(&self) -> Option<Permission> {
        Some(Permission::ViewAuditLog)
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.audit.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        let busy = cx.jobs.in_bar().next().is_some();
        main.audit.ui(ui, main.verify.as_ref(), busy)
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::VerifyAudit => app.start_verify(),
            Command::ExportAudit { path, filter } => app.start_export(path, filter),
            other => app.apply_window(other),
        }
    }
}
