//! Where a line of the Dashboard leads: a first step to the tab where it is done, a line of
//! "What needs me today" to the request, incident, vendor review or assessment. Applied by the
//! Dashboard area ([`super::area`]): it shows the area first, then opens the record through
//! that area's own command.

use uuid::Uuid;

use crate::domain::dashboard::{FirstStep, TodayLink};
use crate::domain::records::RecordCode;
use crate::gui::Command;
use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::areas::records::command::RecordsCommand;
use crate::gui::areas::security::command::SecurityCommand;
use crate::gui::areas::vendors::command::VendorCommand;
use crate::gui::areas::{Area, RecordsTab, RetentionTab, SubjectsTab};
use crate::gui::{RequestCommand, RetentionCommand};

/// A place the Dashboard links to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DashboardLink {
    /// Where a first step is done.
    Step(FirstStep),
    /// A request's page.
    Request(Uuid),
    /// An incident's entry.
    Incident(Uuid),
    /// A vendor's due-diligence review.
    VendorReview(String),
    /// An assessment.
    Assessment(Uuid),
}

impl From<&TodayLink> for DashboardLink {
    fn from(link: &TodayLink) -> Self {
        match link {
            TodayLink::Request(id) => Self::Request(*id),
            TodayLink::Incident(id) => Self::Incident(*id),
            TodayLink::VendorReview(code) => Self::VendorReview(code.clone()),
            TodayLink::Assessment(id) => Self::Assessment(*id),
        }
    }
}

/// Where a step is done, in words.
pub fn place_of(step: FirstStep) -> &'static str {
    match step {
        FirstStep::ImportList => "Subjects & consent, Import",
        FirstStep::RetentionPolicy => "Retention, Policy",
        FirstStep::Activities => "Records of processing, Activities",
        FirstStep::Systems => "Records of processing, Systems",
        FirstStep::Vendors => "Vendors",
        FirstStep::FirstBackup => "Settings, Backups",
        FirstStep::SweepSchedule => "Retention, Sweeps",
    }
}

/// The area a link shows, and the command (if any) that opens its tab or record there.
fn target(link: DashboardLink) -> (Area, Option<Command>) {
    match link {
        DashboardLink::Step(step) => match step {
            FirstStep::ImportList => (
                Area::Subjects,
                Some(Command::SubjectsTab(SubjectsTab::Import)),
            ),
            FirstStep::RetentionPolicy => (
                Area::Retention,
                Some(Command::Retention(RetentionCommand::Tab(
                    RetentionTab::Policy,
                ))),
            ),
            FirstStep::Activities => (
                Area::Records,
                Some(Command::Records(RecordsCommand::Tab(
                    RecordsTab::Activities,
                ))),
            ),
            FirstStep::Systems => (
                Area::Records,
                Some(Command::Records(RecordsCommand::Tab(RecordsTab::Systems))),
            ),
            FirstStep::Vendors => (Area::Vendors, None),
            FirstStep::FirstBackup => (Area::Settings, None),
            FirstStep::SweepSchedule => (
                Area::Retention,
                Some(Command::Retention(RetentionCommand::Tab(
                    RetentionTab::Sweep,
                ))),
            ),
        },
        DashboardLink::Request(id) => (
            Area::Requests,
            Some(Command::Request(RequestCommand::Open(id))),
        ),
        DashboardLink::Incident(id) => (
            Area::Security,
            Some(Command::Security(SecurityCommand::OpenIncident(id))),
        ),
        DashboardLink::VendorReview(code) => (
            Area::Vendors,
            RecordCode::parse(&code)
                .ok()
                .map(|c| Command::Vendor(VendorCommand::Review(c))),
        ),
        DashboardLink::Assessment(id) => (
            Area::Assessments,
            Some(Command::Assessment(AssessmentCommand::Open(id))),
        ),
    }
}

/// Follows a link: navigates to its area (which checks the role may see it), then opens the
/// tab or record there.
pub(in crate::gui) fn follow(app: &mut PrivacyDeskApp, link: DashboardLink) {
    let (area, then) = target(link);
    app.apply(Command::Navigate(area));
    let arrived = matches!(&app.screen, Screen::Main(main) if main.area == area);
    if arrived && let Some(command) = then {
        app.apply(command);
    }
}
