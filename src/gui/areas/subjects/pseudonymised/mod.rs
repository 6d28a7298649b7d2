//! Subjects & consent → Pseudonymised export: choose a recipient, the fields and the
//! quasi-identifiers, how finely dates are written and the threshold k; compute the k-anonymity
//! figure in the background; then save, which is only possible once the figure is known for
//! exactly these choices and, when it is under the threshold, "Export anyway" is ticked. Below,
//! a lookup finds the person behind a pseudonym (`pseudonym_lookup.rs`).

pub(in crate::gui) mod apply;
pub(in crate::gui) mod command;
pub(in crate::gui) mod lookup;

use egui::{ComboBox, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::pseudonymise::RecipientRow;
use crate::domain::pseudonymise::{
    DEFAULT_K, DateGranularity, ExportField, KReport, recipient_key,
};
use crate::domain::purpose::PurposeRow;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section, text_field, when};
use crate::gui::{Command, PseudonymiseCommand};
use crate::jobs::Progress;
use crate::services::{PseudonymisedSpec, PseudonymisedSummary, ServiceResult};

use crate::gui::areas::subjects::pseudonymised::lookup::LookupBox;
pub use crate::gui::areas::subjects::pseudonymised::lookup::LookupOutcome;

/// The jobs of the tab that run, for their progress bars.
#[derive(Clone, Copy, Debug, Default)]
pub struct PseudonymRunning<'a> {
    /// The k figure being computed.
    pub check: Option<&'a Progress>,
    /// The export being written.
    pub export: Option<&'a Progress>,
    /// A pseudonym being looked up.
    pub lookup: Option<&'a Progress>,
}

/// The tab's state.
#[derive(Debug)]
pub struct PseudonymisedExportView {
    recipient: String,
    recipients: ViewData<Vec<RecipientRow>>,
    /// Chosen fields besides the pseudonym.
    fields: Vec<ExportField>,
    quasi: Vec<ExportField>,
    dates: DateGranularity,
    k_threshold: u32,
    /// The figure and the choices it was computed for.
    figure: Option<(PseudonymisedSpec, KReport)>,
    check_problem: Option<String>,
    export_anyway: bool,
    last: Option<PseudonymisedSummary>,
    lookup: LookupBox,
}

impl Default for PseudonymisedExportView {
    fn default() -> Self {
        Self {
            recipient: String::new(),
            recipients: ViewData::default(),
            fields: vec![ExportField::EmailDomain, ExportField::Created],
            quasi: vec![ExportField::EmailDomain, ExportField::Created],
            dates: DateGranularity::default(),
            k_threshold: DEFAULT_K,
            figure: None,
            check_problem: None,
            export_anyway: false,
            last: None,
            lookup: LookupBox::default(),
        }
    }
}

/// A progress bar ("12 of 40 people read") with Cancel, which sends `cancel`.
pub(in crate::gui) fn progress_row(
    ui: &mut Ui,
    p: &Progress,
    unit: &str,
    cancel: PseudonymiseCommand,
) -> Option<Command> {
    ui.horizontal(|ui| {
        let (done, total) = p.counts();
        ui.add(
            egui::ProgressBar::new(p.fraction())
                .desired_width(260.0)
                .text(format!("{done} of {total} {unit}"))
                .animate(total == 0),
        );
        ui.button("Cancel")
            .clicked()
            .then_some(Command::Pseudonymise(cancel))
    })
    .inner
}

/// The fields offered, in column order: the fixed ones, then consent and its date per purpose.
fn offered(purposes: &[PurposeRow]) -> Vec<ExportField> {
    let mut out: Vec<ExportField> = ExportField::FIXED
        .into_iter()
        .filter(|f| *f != ExportField::Pseudonym)
        .collect();
    for row in purposes {
        out.push(ExportField::Consent(row.purpose.code.clone()));
        out.push(ExportField::ConsentSince(row.purpose.code.clone()));
    }
    out
}

impl PseudonymisedExportView {
    /// Builds the recipients that already received an export, for a role that may export,
    /// when the store changed since they were read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if !fresh.session.can(Permission::ExportPersonalData) {
            return Ok(());
        }
        self.recipients.refresh(fresh.generation, (), |()| {
            fresh.session.exports().pseudonym_recipients()
        })
    }

    /// Receives the figure computed for `spec`.
    pub fn set_figure(&mut self, spec: PseudonymisedSpec, report: KReport) {
        self.figure = Some((spec, report));
        self.check_problem = None;
        self.export_anyway = false;
    }

    /// The figure could not be computed (`None`: it was cancelled).
    pub fn check_stopped(&mut self, problem: Option<String>) {
        self.check_problem = problem;
    }

    /// An export was written and recorded.
    pub fn exported(&mut self, summary: PseudonymisedSummary) {
        self.last = Some(summary);
        self.export_anyway = false;
    }

    /// Receives the outcome of a lookup.
    pub fn set_lookup(&mut self, outcome: LookupOutcome) {
        self.lookup.set(outcome);
    }

    /// The export as chosen now.
    fn spec(&self, purposes: &[PurposeRow]) -> PseudonymisedSpec {
        let order = offered(purposes);
        let mut fields = vec![ExportField::Pseudonym];
        fields.extend(order.iter().filter(|f| self.fields.contains(f)).cloned());
        let quasi = order
            .iter()
            .filter(|f| self.fields.contains(f) && self.quasi.contains(f))
            .cloned()
            .collect();
        PseudonymisedSpec {
            recipient: self.recipient.clone(),
            fields,
            quasi: Some(quasi),
            dates: self.dates,
            k_threshold: self.k_threshold,
            accept_low_k: self.export_anyway,
        }
    }

    /// The choices that decide the figure (the recipient and the acceptance do not).
    fn figure_key(spec: &PseudonymisedSpec) -> PseudonymisedSpec {
        PseudonymisedSpec {
            recipient: String::new(),
            accept_low_k: false,
            ..spec.clone()
        }
    }

    /// Draws the tab for `role`; `purposes` is the catalogue (None until loaded).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        role: Role,
        purposes: Option<&[PurposeRow]>,
        running: PseudonymRunning<'_>,
    ) -> Option<Command> {
        let mut command = None;
        ui.heading("Pseudonymised export");
        hint(
            ui,
            "Chosen fields of everyone in the register, for a vendor or for analysis. Email, name, phone, customer reference and id are replaced by a pseudonym that is the same in every export to one recipient and different for every other; only this app can trace it back. Dates are coarsened, notes and evidence never leave, and people whose processing is restricted are left out.",
        );
        if !role.can(Permission::ExportPersonalData) {
            ui.add_space(6.0);
            hint(ui, &Permission::ExportPersonalData.why_not(role));
            return None;
        }
        let Some(purposes) = purposes else {
            ui.label("Loading the purposes…");
            return None;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            self.recipient_ui(ui);
            self.fields_ui(ui, purposes);
            let spec = self.spec(purposes);
            if let Some(c) = self.figure_ui(ui, &spec, running) {
                command = Some(c);
            }
            if let Some(c) = self.save_ui(ui, &spec, running.export) {
                command = Some(c);
            }
            ui.separator();
            if let Some(c) = self.lookup.ui(ui, running.lookup) {
                command = Some(c);
            }
        });
        command
    }

    fn recipient_ui(&mut self, ui: &mut Ui) {
        section(ui, "Recipient");
        text_field(
            ui,
            "Recipient (a vendor, or e.g. analysis)",
            &mut self.recipient,
        );
        if let Some(rows) = self.recipients.get().filter(|r| !r.is_empty()) {
            ui.horizontal_wrapped(|ui| {
                ui.label("Earlier recipients:");
                for row in rows {
                    let button = ui.small_button(&row.recipient).on_hover_text(format!(
                        "First export on {} by {}",
                        when(&row.created_at),
                        row.created_by
                    ));
                    if button.clicked() {
                        self.recipient.clone_from(&row.recipient);
                    }
                }
            });
        }
    }

    fn fields_ui(&mut self, ui: &mut Ui, purposes: &[PurposeRow]) {
        section(ui, "Fields");
        let mut always = true;
        ui.add_enabled(
            false,
            egui::Checkbox::new(&mut always, ExportField::Pseudonym.label()),
        );
        for field in offered(purposes) {
            let mut on = self.fields.contains(&field);
            if ui.checkbox(&mut on, field.label()).changed() {
                if on {
                    self.fields.push(field.clone());
                    self.quasi.push(field);
                } else {
                    self.fields.retain(|f| *f != field);
                    self.quasi.retain(|f| *f != field);
                }
            }
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("Dates written by");
            ComboBox::from_id_salt("pseudonymised-dates")
                .selected_text(self.dates.label())
                .width(180.0)
                .show_ui(ui, |ui| {
                    for g in DateGranularity::ALL {
                        ui.selectable_value(&mut self.dates, g, g.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        section(ui, "Quasi-identifiers");
        hint(
            ui,
            "Values someone could already know about a person and use to find their row. k is the size of the smallest group of rows sharing all of them.",
        );
        let chosen: Vec<ExportField> = offered(purposes)
            .into_iter()
            .filter(|f| self.fields.contains(f))
            .collect();
        if chosen.is_empty() {
            hint(ui, "Choose some fields first.");
        }
        for field in chosen {
            let mut on = self.quasi.contains(&field);
            let text = format!("Quasi-identifier: {}", field.code());
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    self.quasi.push(field);
                } else {
                    self.quasi.retain(|f| *f != field);
                }
            }
        }
        ui.horizontal(|ui| {
            let label = ui.label("Threshold k");
            ui.add(egui::DragValue::new(&mut self.k_threshold).range(1..=1000))
                .labelled_by(label.id);
        });
    }

    fn figure_ui(
        &mut self,
        ui: &mut Ui,
        spec: &PseudonymisedSpec,
        running: PseudonymRunning<'_>,
    ) -> Option<Command> {
        section(ui, "k-anonymity");
        let mut command = None;
        if let Some(p) = running.check {
            command = progress_row(ui, p, "people read", PseudonymiseCommand::CancelCheck);
        } else if ui.button("Compute k-anonymity").clicked() {
            command = Some(Command::Pseudonymise(PseudonymiseCommand::CheckK(
                Self::figure_key(spec),
            )));
        }
        if let Some(problem) = &self.check_problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        match &self.figure {
            Some((for_spec, report)) if *for_spec == Self::figure_key(spec) => {
                ui.label(RichText::new(report.describe()).strong());
                if !report.meets_threshold() {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "Warning: k is under {}. People in the small groups could be singled out by the recipient. Choose fewer quasi-identifiers or coarser dates, or export anyway if you have reason to.",
                            report.threshold
                        ),
                    );
                    ui.checkbox(
                        &mut self.export_anyway,
                        "Export anyway, although k is under the threshold",
                    );
                }
            }
            Some(_) => hint(
                ui,
                "The choices changed since the figure was computed; compute it again before saving.",
            ),
            None => hint(ui, "Compute the figure before saving."),
        }
        command
    }

    fn save_ui(
        &mut self,
        ui: &mut Ui,
        spec: &PseudonymisedSpec,
        export: Option<&Progress>,
    ) -> Option<Command> {
        ui.add_space(8.0);
        if let Some(p) = export {
            ui.label("Writing the export…");
            return progress_row(ui, p, "people read", PseudonymiseCommand::CancelExport);
        }
        let why_not = self.why_not_save(spec);
        let mut clicked = false;
        ui.horizontal_wrapped(|ui| {
            let button = ui.add_enabled(why_not.is_none(), egui::Button::new("Save export…"));
            clicked = button.clicked();
            if let Some(why) = &why_not {
                button.on_disabled_hover_text(why);
                hint(ui, why);
            }
        });
        if let Some(last) = &self.last {
            hint(
                ui,
                &format!(
                    "Last export: {} rows for {} ({}), k = {}.",
                    last.rows,
                    last.recipient,
                    last.fields.join(", "),
                    last.k.k
                ),
            );
        }
        let asked = clicked && why_not.is_none();
        let name = recipient_key(&self.recipient)
            .unwrap_or_default()
            .replace(|c: char| !c.is_alphanumeric(), "-");
        let path = crate::gui::file_dialog::FileDialog::new()
            .add_filter("CSV", &["csv"])
            .set_file_name(format!("pseudonymised-{name}.csv"))
            .save_file(asked, ui)?;
        Some(Command::Pseudonymise(PseudonymiseCommand::Export {
            spec: spec.clone(),
            path,
        }))
    }

    /// Why Save is not possible yet, as a sentence.
    fn why_not_save(&self, spec: &PseudonymisedSpec) -> Option<String> {
        if let Err(e) = recipient_key(&self.recipient) {
            return Some(format!("Recipient: {e}."));
        }
        match &self.figure {
            Some((for_spec, report)) if *for_spec == Self::figure_key(spec) => {
                (!report.meets_threshold() && !self.export_anyway).then(|| {
                    "k is under the threshold: tick \"Export anyway\" or change the choices."
                        .to_owned()
                })
            }
            _ => Some("Compute the k-anonymity figure for these choices first.".to_owned()),
        }
    }
}
