//! One assessment open: a bar with its status, version and actions (save, send for review,
//! start a new version, export), and tabs — the questions section by section with guidance
//! and progress, the risks with the risk map, the action plan, and the consultation and
//! decision with the version history. The working copy is edited here and saved by command.

pub(in crate::gui) mod consultation;
pub(in crate::gui) mod decision;
pub(in crate::gui) mod links;
pub(in crate::gui) mod plan;
pub(in crate::gui) mod questions;
pub(in crate::gui) mod risks;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::assessment::diff::Change;
use crate::domain::assessment::progress::{progress, screening};
use crate::domain::assessment::{Assessment, AssessmentStatus, Template};
use crate::gui::Command;
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::areas::assessments::editor::decision::DecisionForms;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::hint;
use crate::services::AssessmentExportFormat;

/// A frozen version, for the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRow {
    /// Its number.
    pub version: u32,
    /// Its decision.
    pub status: AssessmentStatus,
    /// When it was frozen (YYYY-MM-DD HH:MM).
    pub frozen_at: String,
    /// Who froze it.
    pub frozen_by: String,
}

/// The editor's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditorTab {
    /// The questions.
    #[default]
    Questions,
    /// The risk register and map.
    Risks,
    /// The action plan.
    ActionPlan,
    /// DPO, people's views, sign-off, history.
    Decision,
    /// Activities, purposes and vendors covered.
    Links,
}

impl EditorTab {
    const ALL: [EditorTab; 5] = [
        Self::Questions,
        Self::Risks,
        Self::ActionPlan,
        Self::Decision,
        Self::Links,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Questions => "Questions",
            Self::Risks => "Risks",
            Self::ActionPlan => "Action plan",
            Self::Decision => "Consultation and decision",
            Self::Links => "Links",
        }
    }
}

/// The editor's state.
#[derive(Debug)]
pub struct AssessmentEditor {
    /// The working copy.
    pub assessment: Assessment,
    saved: Assessment,
    /// The template it follows.
    pub template: Template,
    tab: EditorTab,
    /// The section shown on the Questions tab.
    pub(in crate::gui) section: usize,
    /// The risks' levels as picked (a score needs both of its levels).
    pub(in crate::gui) levels: crate::gui::areas::assessments::editor::risks::RiskLevels,
    versions: Vec<VersionRow>,
    differences: Option<(u32, Vec<Change>)>,
    pub(in crate::gui) forms: DecisionForms,
    links: crate::gui::areas::assessments::editor::links::LinkChoices,
    problem: FieldError,
    today: NaiveDate,
    /// The files kept with the assessment (annexes), on the Links tab.
    attachments: crate::gui::areas::attachments::AttachmentsPanel,
}

impl AssessmentEditor {
    /// An editor on `assessment` (as stored), its template and its frozen versions.
    pub fn new(
        assessment: Assessment,
        template: Template,
        versions: Vec<VersionRow>,
        dpo_designated: bool,
        today: NaiveDate,
    ) -> Self {
        Self {
            links: Default::default(),
            levels: crate::gui::areas::assessments::editor::risks::RiskLevels::of(&assessment),
            forms: DecisionForms::of(&assessment, dpo_designated, today),
            saved: assessment.clone(),
            assessment,
            template,
            tab: EditorTab::default(),
            section: 0,
            versions,
            differences: None,
            problem: FieldError::default(),
            today,
            attachments: Default::default(),
        }
    }

    /// Builds the list of the assessment's files when the store moved on.
    pub fn prepare(
        &mut self,
        fresh: &crate::gui::view_data::Fresh<'_>,
    ) -> crate::services::ServiceResult<()> {
        let owner = crate::domain::attachment::AttachmentOwner::Assessment(self.assessment.id);
        self.attachments.prepare(fresh, owner)
    }

    /// Replaces the stored copy after a save or a status change, keeping the tab and section.
    pub fn reload(
        &mut self,
        assessment: Assessment,
        versions: Vec<VersionRow>,
        dpo_designated: bool,
    ) {
        let (tab, section, links) = (self.tab, self.section, std::mem::take(&mut self.links));
        let attachments = std::mem::take(&mut self.attachments);
        *self = Self::new(
            assessment,
            self.template.clone(),
            versions,
            dpo_designated,
            self.today,
        );
        self.tab = tab;
        self.links = links;
        self.attachments = attachments;
        self.section = section.min(self.template.sections.len().saturating_sub(1));
    }

    /// Gives the activities, purposes and vendors the Links tab offers.
    pub fn with_links(
        mut self,
        links: crate::gui::areas::assessments::editor::links::LinkChoices,
    ) -> Self {
        self.links = links;
        self
    }

    /// Shows the service's problem under the bar.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Receives the differences since a frozen version.
    pub fn set_differences(&mut self, from: u32, changes: Vec<Change>) {
        self.differences = Some((from, changes));
    }

    /// Whether the working copy differs from the stored one.
    pub fn is_dirty(&self) -> bool {
        self.assessment != self.saved
    }

    /// Draws the editor.
    pub fn ui(&mut self, ui: &mut Ui, may_edit: bool) -> Option<Command> {
        let editable = may_edit && self.assessment.status == AssessmentStatus::Draft;
        let mut command = self.bar(ui, may_edit, editable);
        let inputs = fingerprint(&self.assessment);
        self.problem.show(ui, inputs, "");
        ui.horizontal(|ui| {
            for tab in EditorTab::ALL {
                if ui.selectable_label(self.tab == tab, tab.label()).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        let inner = egui::ScrollArea::vertical()
            .id_salt(("assessment", self.tab as u8))
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                EditorTab::Questions => {
                    crate::gui::areas::assessments::editor::questions::questions_ui(
                        ui, self, editable,
                    );
                    None
                }
                EditorTab::Risks => {
                    crate::gui::areas::assessments::editor::risks::risks_ui(ui, self, editable);
                    None
                }
                EditorTab::ActionPlan => {
                    crate::gui::areas::assessments::editor::plan::plan_ui(ui, self, editable)
                }
                EditorTab::Links => {
                    let links = self.links.clone();
                    crate::gui::areas::assessments::editor::links::links_ui(
                        ui, self, &links, editable,
                    );
                    let owner =
                        crate::domain::attachment::AttachmentOwner::Assessment(self.assessment.id);
                    self.attachments.ui(ui, &owner)
                }
                EditorTab::Decision => {
                    let (versions, differences) = (&self.versions, &self.differences);
                    crate::gui::areas::assessments::editor::decision::decision_ui(
                        ui,
                        &self.assessment,
                        &mut self.forms,
                        may_edit,
                        versions,
                        differences.as_ref(),
                    )
                }
            })
            .inner;
        self.levels.write_back(&mut self.assessment);
        command = command.or(inner);
        if command.is_some() {
            self.problem.clear();
        }
        command
    }

    fn bar(&mut self, ui: &mut Ui, may_edit: bool, editable: bool) -> Option<Command> {
        let mut command = None;
        let a = &self.assessment;
        ui.horizontal(|ui| {
            if ui.button("Back to all assessments").clicked() {
                command = Some(Command::Assessment(AssessmentCommand::Close));
            }
            ui.heading(&a.title);
        });
        let answered: (usize, usize) = progress(a, &self.template)
            .iter()
            .fold((0, 0), |acc, p| (acc.0 + p.answered, acc.1 + p.total));
        ui.label(
            RichText::new(format!(
                "{} · version {} · {} · {} of {} questions answered{}",
                self.template.name,
                a.version,
                a.status.label(),
                answered.0,
                answered.1,
                if self.is_dirty() {
                    " · unsaved changes"
                } else {
                    ""
                }
            ))
            .weak(),
        );
        if let Some(s) = screening(a, &self.template) {
            let text = format!(
                "{} of the high-risk criteria apply: {}",
                s.ticked,
                if s.assessment_required() {
                    "a full impact assessment is required (GDPR Art. 35)."
                } else {
                    "a full assessment is not required by this test; record your reasoning."
                }
            );
            if s.assessment_required() {
                ui.colored_label(ui.visuals().warn_fg_color, text);
            } else {
                ui.label(text);
            }
        }
        let id = a.id;
        ui.horizontal(|ui| {
            if editable
                && ui
                    .add_enabled(self.is_dirty(), egui::Button::new("Save"))
                    .clicked()
            {
                command = Some(Command::Assessment(AssessmentCommand::Save(Box::new(
                    self.assessment.clone(),
                ))));
            }
            let dirty = self.is_dirty();
            let action = match self.assessment.status {
                AssessmentStatus::Draft if may_edit => Some((
                    "Send for review",
                    "Saves, then checks every question is answered and every risk scored",
                    if dirty {
                        AssessmentCommand::Save(Box::new(self.assessment.clone()))
                    } else {
                        AssessmentCommand::SetStatus {
                            id,
                            to: AssessmentStatus::InReview,
                        }
                    },
                )),
                AssessmentStatus::InReview if may_edit => Some((
                    "Back to draft",
                    "Changes become possible again; the review starts over",
                    AssessmentCommand::SetStatus {
                        id,
                        to: AssessmentStatus::Draft,
                    },
                )),
                s if s.is_decided() && may_edit => Some((
                    "Start a new version",
                    "This version stays as signed; the next one starts as a draft",
                    AssessmentCommand::StartNewVersion(id),
                )),
                _ => None,
            };
            if let Some((label, hover, action)) = action
                && ui.button(label).on_hover_text(hover).clicked()
            {
                if dirty && label == "Send for review" {
                    self.problem
                        .set("Saved; press Send for review again to send it.".into());
                }
                command = Some(Command::Assessment(action));
            }
            let mut asked = None;
            ui.menu_button("Export…", |ui| {
                for format in AssessmentExportFormat::ALL {
                    if ui.button(format_label(format)).clicked() {
                        ui.close();
                        asked = Some(Some(format));
                    }
                }
                if ui.button("Action plan (CSV)…").clicked() {
                    ui.close();
                    asked = Some(None);
                }
            });
            // Outside the menu, so that a path field asked for instead of a dialog stays
            // on screen once the menu has closed (`gui::file_dialog`).
            for format in AssessmentExportFormat::ALL {
                let name = format!(
                    "{}.{}",
                    crate::domain::records::RecordCode::from_name(&self.assessment.title),
                    format.code()
                );
                if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .set_file_name(name)
                    .save_file(asked == Some(Some(format)), ui)
                {
                    command = Some(Command::Assessment(AssessmentCommand::Export {
                        id,
                        format,
                        path,
                    }));
                }
            }
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .set_file_name("action-plan.csv")
                .save_file(asked == Some(None), ui)
            {
                command = Some(Command::Assessment(AssessmentCommand::ExportActionPlan {
                    id,
                    path,
                }));
            }
        });
        if !editable && self.assessment.status != AssessmentStatus::Draft {
            hint(
                ui,
                "This version can no longer be edited: it is in review or decided. Go back to draft, or start a new version.",
            );
        }
        command
    }

    /// The day overdue measures are judged on.
    pub(in crate::gui) fn today(&self) -> NaiveDate {
        self.today
    }
}

/// Words for the export menu.
fn format_label(format: AssessmentExportFormat) -> &'static str {
    match format {
        AssessmentExportFormat::Pdf => "PDF report…",
        AssessmentExportFormat::Html => "Web page (HTML)…",
        AssessmentExportFormat::Markdown => "Markdown…",
        AssessmentExportFormat::Json => "JSON (to import elsewhere)…",
    }
}
