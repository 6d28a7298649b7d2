//! Purposes & notices: the catalogue of processing purposes, each with its legal basis, data
//! categories and CCPA flag, and the versions of its notice. Publishing new wording creates a
//! new version; earlier versions stay, with the consents given under them.

use egui::{ComboBox, Grid, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::purpose::PurposeRow;
use crate::domain::purpose::{LegalBasis, Notice, Purpose, PurposeCode};
use crate::gui::Command;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section, text_area, text_field, when};
use crate::jobs::Progress;
use crate::services::{ServiceResult, Session};

/// The editable fields of one purpose.
#[derive(Clone, Debug)]
struct PurposeForm {
    code: String,
    name: String,
    description: String,
    legal_basis: LegalBasis,
    categories: String,
    ccpa: bool,
    notice: String,
}

impl PurposeForm {
    fn blank() -> Self {
        Self {
            code: String::new(),
            name: String::new(),
            description: String::new(),
            legal_basis: LegalBasis::Consent,
            categories: String::new(),
            ccpa: false,
            notice: String::new(),
        }
    }

    fn from_row(row: &PurposeRow, notice: &str) -> Self {
        let p = &row.purpose;
        Self {
            code: p.code.to_string(),
            name: p.name.clone(),
            description: p.description.clone(),
            legal_basis: p.legal_basis,
            categories: p.data_categories.join(", "),
            ccpa: p.ccpa_sale_or_share,
            notice: notice.to_owned(),
        }
    }

    fn purpose(&self) -> Result<Purpose, String> {
        Ok(Purpose {
            code: PurposeCode::parse(self.code.trim()).map_err(|e| format!("Code: {e}"))?,
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            legal_basis: self.legal_basis,
            data_categories: self
                .categories
                .split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect(),
            ccpa_sale_or_share: self.ccpa,
        })
    }
}

/// What the view shows: the catalogue, and the notices of the purpose chosen.
#[derive(Debug, Default)]
pub struct PurposesData {
    /// The purposes.
    pub rows: Vec<PurposeRow>,
    /// Every version of the chosen purpose's notice, oldest first (none when none is chosen).
    pub notices: Vec<Notice>,
}

/// Builds the catalogue and the notices of `selected`.
pub fn purposes_data(
    session: &Session,
    selected: Option<&PurposeCode>,
) -> ServiceResult<PurposesData> {
    Ok(PurposesData {
        rows: session.consent().purposes()?,
        notices: match selected {
            Some(code) => session.consent().notices(code)?,
            None => Vec::new(),
        },
    })
}

/// The view's state.
#[derive(Debug, Default)]
pub struct PurposesView {
    data: ViewData<PurposesData, Option<PurposeCode>>,
    selected: Option<PurposeCode>,
    form: Option<PurposeForm>,
    adding: bool,
    problem: FieldError,
}

impl PurposesView {
    /// Builds the catalogue, and the notices of the selected purpose, when the store changed
    /// since they were read or another purpose was chosen; a new read fills the form with the
    /// selected purpose as stored.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if self.data.is_current(fresh.generation, &self.selected) {
            return Ok(());
        }
        let built = self
            .data
            .refresh(fresh.generation, self.selected.clone(), |selected| {
                purposes_data(fresh.session, selected.as_ref())
            });
        if let (Some(code), Some(data)) = (&self.selected, self.data.get()) {
            let current = data
                .notices
                .last()
                .map(|n| n.text.clone())
                .unwrap_or_default();
            self.form = data
                .rows
                .iter()
                .find(|r| &r.purpose.code == code)
                .map(|r| PurposeForm::from_row(r, &current));
        }
        self.problem.clear();
        built
    }

    /// The catalogue, once read.
    pub fn rows(&self) -> Option<&[PurposeRow]> {
        self.data.get().map(|d| d.rows.as_slice())
    }

    /// Draws the view. `suppression` is the progress of a suppression list being written.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        role: Role,
        suppression: Option<&Progress>,
    ) -> Option<Command> {
        let may_edit = role.can(Permission::EditPurposes);
        let rows = &self.data.get()?.rows;
        let mut command = None;
        hint(
            ui,
            "Why you use people's data. Consent is recorded per purpose, under the exact notice text shown at the time. Choose a purpose to see its notices or export its suppression list.",
        );
        Grid::new("purposes")
            .num_columns(4)
            .striped(true)
            .spacing([20.0, 6.0])
            .show(ui, |ui| {
                for t in ["Purpose", "Legal basis", "Notice", "CCPA sale/share"] {
                    ui.strong(t);
                }
                ui.end_row();
                for row in rows {
                    let chosen = self.selected.as_ref() == Some(&row.purpose.code);
                    if ui.selectable_label(chosen, &row.purpose.name).clicked() {
                        self.selected = Some(row.purpose.code.clone());
                        self.adding = false;
                    }
                    ui.label(row.purpose.legal_basis.label());
                    ui.label(format!("version {}", row.current_notice));
                    ui.label(if row.purpose.ccpa_sale_or_share {
                        "yes"
                    } else {
                        "no"
                    });
                    ui.end_row();
                }
            });
        if may_edit && ui.button("Add a purpose…").clicked() {
            self.adding = true;
            self.selected = None;
            self.form = Some(PurposeForm::blank());
        }
        if !may_edit {
            hint(ui, "Your role can read the catalogue but not change it.");
        }
        let adding = self.adding;
        let Some(form) = self.form.as_mut() else {
            return command;
        };
        section(ui, if adding { "New purpose" } else { "Purpose" });
        ui.add_enabled_ui(may_edit, |ui| {
            if adding {
                text_field(ui, "Code (kebab-case, never changes)", &mut form.code);
            } else {
                ui.label(RichText::new(format!("Code: {}", form.code)).monospace());
            }
            text_field(ui, "Name", &mut form.name);
            text_area(ui, "Description", &mut form.description);
            ui.horizontal(|ui| {
                let label = ui.label("Legal basis");
                ComboBox::from_id_salt("legal-basis")
                    .selected_text(form.legal_basis.label())
                    .show_ui(ui, |ui| {
                        for b in LegalBasis::ALL {
                            ui.selectable_value(&mut form.legal_basis, b, b.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            text_field(ui, "Data categories (comma-separated)", &mut form.categories);
            ui.checkbox(&mut form.ccpa, "Sells or shares personal information (CCPA/CPRA)");
            if adding {
                text_area(ui, "Notice text (version 1)", &mut form.notice);
                if ui.button("Add purpose").clicked() {
                    match form.purpose() {
                        Ok(purpose) => {
                            command = Some(Command::AddPurpose {
                                purpose,
                                notice: form.notice.clone(),
                            })
                        }
                        Err(p) => self.problem.set(p),
                    }
                }
            } else if ui.button("Save purpose").clicked() {
                match form.purpose() {
                    Ok(purpose) => command = Some(Command::SavePurpose(purpose)),
                    Err(p) => self.problem.set(p),
                }
            }
            if !adding {
                section(ui, "Notice");
                text_area(ui, "Notice text", &mut form.notice);
                hint(ui, "Publishing creates a new version; consents already given keep pointing at the version they were given under.");
                if ui.button("Publish as a new version").clicked()
                    && let Ok(code) = PurposeCode::parse(&form.code)
                {
                    command = Some(Command::PublishNotice {
                        code,
                        text: form.notice.clone(),
                    });
                }
            }
        });
        let inputs = fingerprint(&(&self.selected, &self.form, &self.adding));
        self.problem.show(ui, inputs, "");
        if !adding
            && let Some(code) = &self.selected
            && let Some(c) = crate::gui::areas::subjects::consent_exports::suppression_export(
                ui,
                code,
                role,
                suppression,
            )
        {
            command = Some(c);
        }
        let notices = self
            .data
            .get()
            .map(|d| d.notices.as_slice())
            .unwrap_or_default();
        if !adding && !notices.is_empty() {
            section(ui, "Earlier versions");
            for n in notices.iter().rev() {
                egui::CollapsingHeader::new(format!(
                    "Version {} — published {}",
                    n.version,
                    when(&n.published_at)
                ))
                .id_salt(("notice", n.version))
                .show(ui, |ui| {
                    ui.label(&n.text);
                });
            }
        }
        command
    }
}
