//! Vendors: the register of processors and other recipients (name, role, DPA, the risk
//! rating in colour, the next review with overdue ones marked), the editor
//! (`vendor_form.rs`), the due-diligence questionnaire (`vendor_questionnaire.rs`), and which
//! questionnaire is in use (the shipped one or the officer's, loaded from a file). Every role
//! sees the area; editing, reviewing and replacing the questionnaire are disabled, with the
//! reason, for roles that may not.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
pub(in crate::gui) mod form;
pub(in crate::gui) mod form_lists;
pub(in crate::gui) mod questionnaire;

use chrono::{Days, NaiveDate};
use egui::{Color32, Grid, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::purpose::PurposeCode;
use crate::domain::records::{CategoryCode, RecordCode, RiskLevel};
use crate::gui::Command;
use crate::gui::areas::vendors::command::VendorCommand;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::hint;
use crate::services::{
    QuestionnaireSource, ServiceResult, Session, VENDOR_REVIEW_HORIZON_DAYS, VendorDue,
    VendorSummary,
};

use crate::gui::areas::vendors::form::{VendorForm, VendorFormAction};
use crate::gui::areas::vendors::questionnaire::{QuestionnaireAction, QuestionnairePage};
use crate::gui::widgets::{cell, wide};

/// What the editor can link a vendor to, read when the editor opens.
#[derive(Clone, Debug, Default)]
pub struct VendorChoices {
    /// The taxonomy: (code, name, whether special under Art. 9 or 10), parents first.
    pub categories: Vec<(CategoryCode, String, bool)>,
    /// The purpose catalogue: (code, name).
    pub purposes: Vec<(PurposeCode, String)>,
    /// The record of processing: (code, name).
    pub activities: Vec<(RecordCode, String)>,
}

/// What the list shows, built by [`vendors_data`].
#[derive(Clone, Debug, Default)]
pub struct VendorsData {
    /// The vendors with their ratings computed now.
    pub rows: Vec<VendorSummary>,
    /// Where the questionnaire in use comes from, and how many questions it has.
    pub questionnaire: Option<(QuestionnaireSource, usize)>,
}

/// Builds the list: the vendors with their ratings computed `today`, and the questionnaire in
/// use.
pub fn vendors_data(session: &Session, today: NaiveDate) -> ServiceResult<VendorsData> {
    let in_use = session.vendors().vendor_questionnaire_in_use()?;
    Ok(VendorsData {
        rows: session.vendors().vendor_summaries(today)?,
        questionnaire: Some((in_use.source, in_use.questionnaire.questions.len())),
    })
}

/// Which page of the area shows.
#[derive(Debug, Default)]
enum Page {
    /// The list.
    #[default]
    List,
    /// The editor.
    Form(Box<VendorForm>),
    /// The questionnaire.
    Review(Box<QuestionnairePage>),
}

/// The Vendors area's state.
#[derive(Debug, Default)]
pub struct VendorsView {
    data: ViewData<VendorsData, NaiveDate>,
    page: Page,
    removing: Option<(RecordCode, String)>,
}

/// The colour of a rating, readable in light and dark mode.
pub(in crate::gui) fn rating_colour(ui: &Ui, level: RiskLevel) -> Color32 {
    let v = ui.visuals();
    match level {
        RiskLevel::Low if v.dark_mode => Color32::from_rgb(0x7C, 0xD9, 0x8A),
        RiskLevel::Low => Color32::from_rgb(0x1E, 0x7A, 0x34),
        RiskLevel::Medium => v.warn_fg_color,
        RiskLevel::High => v.error_fg_color,
    }
}

/// A rating in words and colour.
pub(in crate::gui) fn rating_text(ui: &Ui, level: RiskLevel, score: u32) -> RichText {
    RichText::new(format!("{} ({score})", level.label()))
        .color(rating_colour(ui, level))
        .strong()
}

/// The next review in words, marked when overdue or due soon.
fn next_review_text(ui: &Ui, next: Option<NaiveDate>, today: NaiveDate) -> RichText {
    match next {
        None => RichText::new("not set"),
        Some(d) if d < today => RichText::new(format!("{d} (overdue)"))
            .color(ui.visuals().error_fg_color)
            .strong(),
        Some(d) if d == today => RichText::new(format!("{d} (due today)"))
            .color(ui.visuals().warn_fg_color)
            .strong(),
        Some(d) if d <= today + Days::new(VENDOR_REVIEW_HORIZON_DAYS) => {
            RichText::new(format!("{d} (due soon)")).color(ui.visuals().warn_fg_color)
        }
        Some(d) => RichText::new(d.to_string()),
    }
}

impl VendorsView {
    /// Builds the list when it shows and the store changed since it was read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if let Page::Form(form) = &mut self.page {
            return form.prepare(fresh);
        }
        if !matches!(self.page, Page::List) {
            return Ok(());
        }
        self.data.refresh(fresh.generation, fresh.today, |today| {
            vendors_data(fresh.session, *today)
        })
    }

    /// Opens the editor.
    pub fn open_form(&mut self, form: VendorForm) {
        self.page = Page::Form(Box::new(form));
    }

    /// Opens the questionnaire.
    pub fn open_review(&mut self, page: QuestionnairePage) {
        self.page = Page::Review(Box::new(page));
    }

    /// Back to the list.
    pub fn close(&mut self) {
        self.page = Page::List;
        self.removing = None;
    }

    /// Shows the service's problem on the open page (editor or questionnaire).
    pub fn problem(&mut self, problem: String) {
        match &mut self.page {
            Page::Form(f) => f.set_problem(problem),
            Page::Review(r) => r.set_problem(problem),
            Page::List => {}
        }
    }

    /// Draws the area.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, today: NaiveDate) -> Option<Command> {
        let command = match &mut self.page {
            Page::Form(form) => {
                let why_not = (!role.can(Permission::EditVendorsAndRecords))
                    .then(|| Permission::EditVendorsAndRecords.why_not(role));
                match form.ui(ui, why_not.as_deref())? {
                    VendorFormAction::Save { vendor, new } => {
                        Some(VendorCommand::Save { vendor, new })
                    }
                    VendorFormAction::Close => Some(VendorCommand::Close),
                    VendorFormAction::Files(files) => return Some(*files),
                }
            }
            Page::Review(page) => page.ui(ui, role, today).map(|a| match a {
                QuestionnaireAction::Record { code, answers, on } => {
                    VendorCommand::RecordReview { code, answers, on }
                }
                QuestionnaireAction::Close => VendorCommand::Close,
            }),
            Page::List => self.list_ui(ui, role, today),
        };
        command.map(Command::Vendor)
    }

    fn list_ui(&mut self, ui: &mut Ui, role: Role, today: NaiveDate) -> Option<VendorCommand> {
        ui.heading("Vendors and other recipients");
        let Some(data) = self.data.get() else {
            hint(ui, "Loading…");
            return None;
        };
        let may_edit = role.can(Permission::EditVendorsAndRecords);
        let why_not = Permission::EditVendorsAndRecords.why_not(role);
        hint(
            ui,
            "Processors (an email platform, a shop host) and others you share personal data with. GDPR Art. 28 lets you use only processors that give sufficient guarantees, under a signed agreement: record each one, answer the due-diligence questions, and review it again when the Dashboard says so.",
        );
        if !may_edit {
            hint(ui, &why_not);
        }
        let mut command = None;
        if ui
            .add_enabled(may_edit, egui::Button::new("Add a vendor…"))
            .on_disabled_hover_text(&why_not)
            .clicked()
        {
            command = Some(VendorCommand::New);
        }
        if let Some(c) = questionnaire_section(ui, data.questionnaire.as_ref(), may_edit, &why_not)
        {
            command = Some(c);
        }
        ui.add_space(6.0);
        if data.rows.is_empty() {
            ui.label(RichText::new("No vendors recorded yet.").strong());
        } else {
            wide(ui, "vendors-wide", |ui| {
                Grid::new("vendors")
                    .num_columns(6)
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .max_col_width(200.0)
                    .show(ui, |ui| {
                        for t in ["Vendor", "Role", "DPA", "Rating", "Next review", ""] {
                            ui.strong(t);
                        }
                        ui.end_row();
                        for r in &data.rows {
                            cell(ui, &r.name);
                            cell(ui, r.role.label());
                            let dpa = RichText::new(r.dpa.label());
                            cell(
                                ui,
                                if r.role.needs_dpa()
                                    && r.dpa != crate::domain::records::DpaStatus::Signed
                                {
                                    dpa.color(ui.visuals().error_fg_color)
                                } else {
                                    dpa
                                },
                            );
                            let rating = rating_text(ui, r.rating, r.score);
                            cell(ui, rating);
                            let next = next_review_text(ui, r.next_review_on, today);
                            cell(ui, next);
                            ui.horizontal(|ui| {
                                let open = if may_edit { "Edit" } else { "Open" };
                                if ui
                                    .button(open)
                                    .on_hover_text(format!("{open} {}", r.name))
                                    .clicked()
                                {
                                    command = Some(VendorCommand::Edit(r.code.clone()));
                                }
                                if ui
                                    .button("Review…")
                                    .on_hover_text(format!(
                                        "The due-diligence questions for {}",
                                        r.name
                                    ))
                                    .clicked()
                                {
                                    command = Some(VendorCommand::Review(r.code.clone()));
                                }
                                if ui
                                    .add_enabled(may_edit, egui::Button::new("Remove…"))
                                    .on_hover_text(format!("Remove {}", r.name))
                                    .on_disabled_hover_text(&why_not)
                                    .clicked()
                                {
                                    self.removing = Some((r.code.clone(), r.name.clone()));
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
        }
        if let Some(c) = self.remove_confirmation(ui) {
            command = Some(c);
        }
        command
    }

    fn remove_confirmation(&mut self, ui: &mut Ui) -> Option<VendorCommand> {
        let (code, name) = self.removing.clone()?;
        let mut command = None;
        let mut keep = false;
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Remove “{name}” from the register? Its review history goes with it. A vendor an activity or a system still names cannot be removed."
            ));
            ui.horizontal(|ui| {
                if ui.button("Remove the vendor").clicked() {
                    command = Some(VendorCommand::Remove(code.clone()));
                }
                keep = ui.button("Keep it").clicked();
            });
        });
        if keep || command.is_some() {
            self.removing = None;
        }
        command
    }
}

/// Which questionnaire is in use, with the buttons that load one from a file or bring back the
/// shipped one.
fn questionnaire_section(
    ui: &mut Ui,
    in_use: Option<&(QuestionnaireSource, usize)>,
    may_edit: bool,
    why_not: &str,
) -> Option<VendorCommand> {
    let mut command = None;
    ui.add_space(4.0);
    let title = match in_use {
        Some((QuestionnaireSource::Loaded { file_name, .. }, _)) => {
            format!("Questionnaire: yours, from {file_name}")
        }
        _ => "Questionnaire: the shipped one".to_owned(),
    };
    egui::CollapsingHeader::new(title)
        .id_salt("vendor-questionnaire-source")
        .show(ui, |ui| {
            let loaded = matches!(in_use, Some((QuestionnaireSource::Loaded { .. }, _)));
            if let Some((source, count)) = in_use {
                ui.label(format!("In use: {} ({count} questions).", source.describe()));
            }
            hint(
                ui,
                "Replace the due-diligence questions with your own TOML file, in the format of the shipped vendor_questionnaire.toml. Vendors keep their answers: questions no longer asked are ignored, new ones count as not answered until the next review.",
            );
            ui.horizontal(|ui| {
                if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                        .add_filter("Vendor questionnaire (TOML)", &["toml"])
                        .pick_file(ui
                    .add_enabled(may_edit, egui::Button::new("Load from a file…"))
                    .on_hover_text("Use your own questionnaire (TOML)")
                    .on_disabled_hover_text(why_not)
                    .clicked(), ui)
                {
                    command = Some(VendorCommand::LoadQuestionnaire(path));
                }
                if ui
                    .add_enabled(
                        may_edit && loaded,
                        egui::Button::new("Use the shipped questionnaire"),
                    )
                    .on_hover_text("Go back to the questions shipped with Privacy Desk")
                    .on_disabled_hover_text(if may_edit {
                        "The shipped questionnaire is already in use."
                    } else {
                        why_not
                    })
                    .clicked()
                {
                    command = Some(VendorCommand::RestoreQuestionnaire);
                }
            });
        });
    command
}

/// The Dashboard's block: how many vendor reviews are due within 30 days or overdue, and
/// which (overdue ones in red).
pub(in crate::gui) fn reviews_due_block(ui: &mut Ui, due: &[VendorDue]) -> Option<Command> {
    let mut command = None;
    if due.is_empty() {
        ui.label(format!(
            "No vendor review is due in the next {VENDOR_REVIEW_HORIZON_DAYS} days."
        ));
        return None;
    }
    let overdue = due.iter().filter(|d| d.overdue).count();
    ui.horizontal_wrapped(|ui| {
        ui.label(match due.len() {
            1 => format!("1 vendor review due within {VENDOR_REVIEW_HORIZON_DAYS} days or overdue"),
            n => format!(
                "{n} vendor reviews due within {VENDOR_REVIEW_HORIZON_DAYS} days or overdue"
            ),
        });
        if overdue > 0 {
            ui.separator();
            ui.label(
                RichText::new(format!("{overdue} overdue"))
                    .color(ui.visuals().error_fg_color)
                    .strong(),
            );
        }
        if ui.button("Open Vendors").clicked() {
            command = Some(Command::Navigate(crate::gui::areas::Area::Vendors));
        }
    });
    for d in due.iter().take(8) {
        let text = format!("{} — due {}", d.name, d.next_review_on);
        if d.overdue {
            ui.label(RichText::new(format!("{text} (overdue)")).color(ui.visuals().error_fg_color));
        } else {
            ui.label(text);
        }
    }
    if due.len() > 8 {
        hint(ui, &format!("… and {} more.", due.len() - 8));
    }
    command
}
