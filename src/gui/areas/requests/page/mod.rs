//! One request: what was asked and by whom, the deadline clock with its rule in words, what
//! can be done next (`request_actions.rs`), how to fulfil it (`request_fulfil.rs`), its
//! letters (`request_letters.rs`) and its history.

pub(in crate::gui) mod actions;
pub(in crate::gui) mod data;
pub(in crate::gui) mod erasure;
pub(in crate::gui) mod fulfil;
pub(in crate::gui) mod letters;
pub(in crate::gui) mod tasks;

pub(in crate::gui) mod acknowledgement;
pub(in crate::gui) mod clarification;
pub(in crate::gui) mod fee;
pub(in crate::gui) mod legal_facts;
pub(in crate::gui) mod legal_steps;
pub(in crate::gui) mod objection;
pub(in crate::gui) mod partial;
pub(in crate::gui) mod verification;

use chrono::NaiveDate;
use egui::{Grid, RichText, Ui};

use crate::domain::access::Role;
use crate::domain::consent::ConsentState;
use crate::domain::purpose::PurposeRow;
use crate::domain::request::deadline::Urgency;
use crate::domain::request::deadline_hint::deadline_hint;
use crate::domain::request::identity::identity_step_offered;
use crate::domain::request::{extension, long_date};
use crate::domain::subject::FieldChange;
use crate::domain::subject::Subject;
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::view_data::{Fresh, Stamp};
use crate::gui::widgets::{hint, section};
use crate::jobs::Progress;
use crate::services::{RequestDetail, ServiceResult};

use crate::gui::areas::request_widgets::{days_left, regime_short, urgency_text};
use crate::gui::areas::requests::page::actions::WorkflowForms;
use crate::gui::areas::requests::page::fulfil::Fulfilment;
use crate::gui::areas::requests::page::letters::LetterPanel;

/// What the page shows, loaded by the app.
#[derive(Debug)]
pub struct RequestPageData {
    /// The request, its deadline and its steps.
    pub detail: RequestDetail,
    /// The person, unless erased.
    pub subject: Option<Subject>,
    /// Their consent now, per purpose (objections and withdrawals choose from these).
    pub consents: Vec<(PurposeRow, ConsentState)>,
    /// How many consent events their ledger holds (what an erasure removes).
    pub consent_events: usize,
    /// Their corrections, oldest first.
    pub changes: Vec<FieldChange>,
    /// Since when their processing is restricted (YYYY-MM-DD).
    pub restricted_on: Option<String>,
    /// The day the page was read.
    pub today: NaiveDate,
    /// For an erasure: the backups and kept copies that will still hold the person.
    pub copies_still_holding: u64,
    /// The systems and vendors to reach (issue 18 item 5).
    pub tasks: Vec<crate::domain::request::task::RequestTask>,
    /// The legal facts of its steps: verification level, fee, repeat, objection, opt-out.
    pub legal: legal_facts::LegalFacts,
    /// For an erasure or delete: the parts kept on exceptions and those that may be named.
    pub partial: partial::PartialFacts,
}

/// A request's page: its data and the state of its forms.
#[derive(Debug)]
pub struct RequestPage {
    data: RequestPageData,
    actions: WorkflowForms,
    fulfil: Fulfilment,
    letters: LetterPanel,
    tasks: tasks::TaskPanel,
    legal_steps: legal_steps::LegalSteps,
    partial: partial::PartialPanel,
    attachments: crate::gui::areas::attachments::AttachmentsPanel,
    /// The store generation and day `data` was read at (`prepare` reads it again when either
    /// moved on).
    read_at: Stamp<NaiveDate>,
}

impl RequestPage {
    /// A page for `data`.
    pub fn new(data: RequestPageData) -> Self {
        let fulfil = Fulfilment::new(&data);
        Self {
            data,
            actions: WorkflowForms::default(),
            fulfil,
            letters: LetterPanel::default(),
            tasks: tasks::TaskPanel::default(),
            legal_steps: legal_steps::LegalSteps::default(),
            partial: partial::PartialPanel::default(),
            attachments: Default::default(),
            read_at: Stamp::default(),
        }
    }

    /// The page as read at store generation `generation` (on the day its data says).
    pub fn read_at(mut self, generation: u64) -> Self {
        self.read_at = Stamp::new(generation, self.data.today);
        self
    }

    /// Before drawing: reads the page's data again when the store generation or the day
    /// moved on since it was read (a change made here, elsewhere in the window or by a
    /// background job; the forms keep what the officer typed, a correction form still as it
    /// was filled follows the person's record), and builds the language recorded for its
    /// letters and the list of its attachments when the store moved on.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        let id = self.id();
        let read = self.read_at.read(fresh.generation, fresh.today, |today| {
            data::read(fresh.session, id, *today)
        })?;
        if let Some(data) = read {
            self.fulfil.follow(&self.data, &data);
            self.data = data;
        }
        self.letters.prepare(fresh, self.id())?;
        let owner = crate::domain::attachment::AttachmentOwner::Request(self.id());
        self.attachments.prepare(fresh, owner)
    }

    /// The request shown.
    pub fn id(&self) -> uuid::Uuid {
        self.data.detail.request.id
    }

    /// The person the request is about, unless erased.
    pub fn subject(&self) -> Option<uuid::Uuid> {
        self.data.subject.as_ref().map(|s| s.id)
    }

    /// After a change asked for on the page: closes the workflow form, keeps the letter being
    /// edited and the erasure certificate (the data follows in `prepare`).
    pub fn changed(&mut self) {
        self.actions = WorkflowForms::default();
        self.tasks.reset();
        self.legal_steps = legal_steps::LegalSteps::default();
        self.partial = partial::PartialPanel::default();
        self.fulfil.refresh(&self.data);
    }

    /// Shows a problem with a workflow step beside its form.
    pub fn workflow_problem(&mut self, problem: String) {
        self.actions.set_problem(problem);
    }

    /// Asks in the Tasks section for the reason tasks (`open`) stay open before completing.
    pub fn ask_completion_reason(&mut self, outcome: String, open: String) {
        self.actions = WorkflowForms::default();
        self.tasks.ask_reason(outcome, open);
    }

    /// Shows a problem with a task in the Tasks section.
    pub fn tasks_problem(&mut self, problem: String) {
        self.tasks.set_problem(problem);
    }

    /// Shows a problem with a legal step (receipt, clarification, fee) beside its form.
    pub fn legal_problem(&mut self, problem: String) {
        self.legal_steps.set_problem(problem);
    }

    /// Shows a problem with the parts kept on exceptions under their form.
    pub fn partial_problem(&mut self, problem: String) {
        self.partial.set_problem(problem);
    }

    /// Shows a problem with fulfilling the request in that section.
    pub fn fulfil_problem(&mut self, problem: String) {
        self.fulfil.set_problem(problem);
    }

    /// Shows the certificate of the erasure just done.
    pub fn erased(&mut self, certificate: crate::services::ErasureCertificate) {
        self.fulfil.set_certificate(certificate);
    }

    /// Notes the folder an access package was written to.
    pub fn exported(&mut self, summary: String) {
        self.fulfil.set_exported(summary);
    }

    /// Shows a filled-in letter, or why it could not be filled in.
    pub fn letter(&mut self, letter: Result<crate::domain::letters::Letter, String>) {
        self.letters.set(letter);
    }

    /// Draws the page. `exporting` is the progress of an access export under way.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, exporting: Option<&Progress>) -> Option<Command> {
        let mut command = None;
        egui::ScrollArea::vertical()
            .id_salt("request-page")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if ui.button("Back to the inbox").clicked() {
                    command = Some(Command::Request(RequestCommand::Close));
                }
                self.header(ui);
                self.clock(ui);
                if let Some(c) = self.legal_steps.clock_ui(ui, &self.data, role) {
                    command = Some(c);
                }
                section(ui, "What to do next");
                if let Some(c) = self.actions.ui(ui, &self.data.detail, role) {
                    command = Some(c);
                }
                if let Some(c) = self.legal_steps.next_ui(ui, &self.data, role) {
                    command = Some(c);
                }
                if let Some(c) = self.partial.ui(ui, &self.data, role) {
                    command = Some(c);
                }
                section(ui, "Fulfil the request");
                if let Some(c) = self.fulfil.ui(ui, &self.data, role, exporting) {
                    command = Some(c);
                }
                let r = &self.data.detail.request;
                if crate::domain::request::task::action(r.kind, true).is_some() {
                    section(ui, "Tasks: every system and vendor");
                    if let Some(c) = self.tasks.ui(ui, r.id, &self.data.tasks, role) {
                        command = Some(c);
                    }
                }
                section(ui, "Letters");
                let vendors: Vec<String> = self
                    .data
                    .tasks
                    .iter()
                    .filter(|t| t.target.kind_code() == "vendor")
                    .map(|t| t.target.name().to_owned())
                    .collect();
                if let Some(c) = self.letters.ui(
                    ui,
                    r.id,
                    &r.reference,
                    role,
                    identity_step_offered(r.regime, r.kind),
                    &vendors,
                ) {
                    command = Some(c);
                }
                let owner = crate::domain::attachment::AttachmentOwner::Request(r.id);
                if let Some(c) = self.attachments.ui(ui, &owner) {
                    command = Some(c);
                }
                section(ui, "History");
                self.history(ui);
            });
        command
    }

    fn header(&self, ui: &mut Ui) {
        let r = &self.data.detail.request;
        ui.heading(format!("{} · {} request", r.reference, r.kind.label()));
        ui.label(
            RichText::new(format!(
                "{} · {} · received {} ({})",
                regime_short(r.regime),
                r.state.label(),
                long_date(r.received),
                r.channel.label().to_lowercase()
            ))
            .strong(),
        );
        Grid::new("request-facts")
            .num_columns(2)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                let person = match &self.data.subject {
                    Some(s) if !s.fields.email.is_empty() => s.fields.email.clone(),
                    Some(s) => s.fields.name.clone(),
                    None => "erased (only the request's plain facts are kept)".to_owned(),
                };
                let q = &r.requester;
                let mut facts = vec![("The person", person), ("Law", r.kind.law(r.regime))];
                if !q.name.trim().is_empty() {
                    facts.push(("Asked by", q.name.clone()));
                }
                if q.is_agent() {
                    facts.push(("Agent", q.agent_name.clone()));
                    facts.push(("Evidence of authority", q.agent_evidence.clone()));
                }
                if !r.details.trim().is_empty() {
                    facts.push(("What they asked for", r.details.clone()));
                }
                facts.push(("Taken in by", r.created_by.clone()));
                for (label, value) in facts {
                    ui.label(label);
                    ui.label(value);
                    ui.end_row();
                }
            });
    }

    fn clock(&self, ui: &mut Ui) {
        let d = &self.data.detail;
        let r = &d.request;
        let dl = &d.deadline;
        let today = self.data.today;
        section(ui, "Deadline");
        if let (Some(on), false) = (r.closed_on, r.is_open()) {
            ui.label(format!(
                "{} on {} (it was due {}).",
                r.state.label(),
                long_date(on),
                long_date(dl.due)
            ));
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("Due {}", long_date(dl.due))).strong());
                ui.label(format!("({})", days_left(dl.due, today)));
                ui.label(urgency_text(ui, d.urgency, r.state));
            });
        }
        if d.urgency == Some(Urgency::Paused) {
            hint(
                ui,
                "The clock is stopped while you wait for the person's identity or clarification; it starts again the day it arrives.",
            );
        }
        hint(ui, &deadline_hint(r.regime, r.kind).sentence());
        if r.is_extended() {
            ui.label(format!(
                "Extended: {}. The person was told on {}.",
                r.extension_reason.as_deref().unwrap_or_default(),
                r.extension_notified_on.map(long_date).unwrap_or_default()
            ));
        } else if r.is_open() && dl.rule.extendable() && today <= dl.first_period_end {
            ui.label(format!(
                "If you need more time, tell the person before the first period ends on {}, with the reason.",
                long_date(dl.first_period_end)
            ));
        } else if r.is_open() && dl.rule.extendable() {
            ui.label(format!(
                "The first period ended on {}: the deadline can no longer be extended. {}",
                long_date(dl.first_period_end),
                extension::explain(dl.rule)
            ));
        }
        if d.extension_notice_late {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "Warning: the person was told of the extension after the first period ended ({}). The law requires the notice within it; record why in the file.",
                    long_date(dl.first_period_end)
                ),
            );
        }
        if let Some(ground) = &r.refusal {
            ui.label(format!("Refused: {}", ground.sentence()));
        }
        if let Some(outcome) = r.outcome.as_deref().filter(|o| !o.trim().is_empty()) {
            ui.label(format!("Outcome: {outcome}"));
        }
    }

    fn history(&self, ui: &mut Ui) {
        Grid::new("request-history")
            .num_columns(3)
            .striped(true)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                ui.strong("When (UTC)");
                ui.strong("What");
                ui.strong("Who");
                ui.end_row();
                for step in &self.data.detail.steps {
                    ui.label(step.at.format("%Y-%m-%d %H:%M").to_string());
                    ui.label(&step.what);
                    ui.label(&step.actor);
                    ui.end_row();
                }
            });
    }
}
