//! The vendor editor: a new vendor or changes to one, every field of the record: name, role,
//! services, the DPA and its date, the categories, purposes and activities it serves (chosen
//! from what exists), the countries with the safeguard of each transfer, its sub-processors
//! and certifications, the next review, notes. The service checks the rest; its message, which
//! names the field, shows under the form.

use chrono::NaiveDate;
use egui::{ComboBox, RichText, Ui};

use crate::domain::records::{DpaStatus, Location, RecordCode, Vendor, VendorRole};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint, text_area, text_field};

use crate::gui::areas::vendors::VendorChoices;
use crate::gui::areas::vendors::form_lists::{
    certifications_ui, locations_ui, pick_list, sub_processors_ui,
};

/// What the editor asks for.
#[derive(Debug)]
pub enum VendorFormAction {
    /// Save this vendor.
    Save {
        /// The vendor as edited.
        vendor: Box<Vendor>,
        /// Whether it is a new one.
        new: bool,
    },
    /// Close the editor without saving.
    Close,
    /// Something in the attachments panel (the signed agreement…).
    Files(Box<crate::gui::Command>),
}

/// The editor's state.
#[derive(Debug)]
pub struct VendorForm {
    new: bool,
    vendor: Vendor,
    code: String,
    dpa_signed_on: String,
    next_review_on: String,
    locations: Vec<Location>,
    choices: VendorChoices,
    problem: FieldError,
    /// The activities, systems and assessments that name it, in words.
    links: Vec<String>,
    /// The files kept with a vendor already saved (the signed agreement).
    attachments: crate::gui::areas::attachments::AttachmentsPanel,
}

fn day_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A labelled combo box of `choices`, each with its words.
fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    id: &str,
    value: &mut T,
    choices: &[T],
    words: impl Fn(T) -> &'static str,
) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ComboBox::from_id_salt(id)
            .width(FIELD_WIDTH * 0.8)
            .selected_text(words(*value))
            .show_ui(ui, |ui| {
                for &c in choices {
                    ui.selectable_value(value, c, words(c));
                }
            })
            .response
            .labelled_by(label.id);
    });
}

impl VendorForm {
    /// An empty vendor: a processor without a DPA yet.
    pub fn new_vendor(choices: VendorChoices) -> Self {
        let vendor = Vendor::named("");
        Self {
            new: true,
            code: String::new(),
            dpa_signed_on: String::new(),
            next_review_on: String::new(),
            locations: Vec::new(),
            vendor,
            choices,
            problem: FieldError::default(),
            links: Vec::new(),
            attachments: Default::default(),
        }
    }

    /// The fields of an existing vendor (its code stays: activities and systems name it).
    pub fn edit(vendor: &Vendor, choices: VendorChoices) -> Self {
        Self {
            new: false,
            code: vendor.code.to_string(),
            dpa_signed_on: day_text(vendor.dpa_signed_on),
            next_review_on: day_text(vendor.next_review_on),
            locations: vendor.locations(),
            vendor: vendor.clone(),
            choices,
            problem: FieldError::default(),
            links: Vec::new(),
            attachments: Default::default(),
        }
    }

    /// The saved vendor's files, as the record holding them; none for a new vendor.
    fn files_owner(&self) -> Option<crate::domain::attachment::AttachmentOwner> {
        (!self.new).then(|| crate::domain::attachment::AttachmentOwner::Vendor(self.code.clone()))
    }

    /// Builds the list of the saved vendor's files when the store moved on.
    pub fn prepare(
        &mut self,
        fresh: &crate::gui::view_data::Fresh<'_>,
    ) -> crate::services::ServiceResult<()> {
        match self.files_owner() {
            Some(owner) => self.attachments.prepare(fresh, owner),
            None => Ok(()),
        }
    }

    /// Shows what names the vendor: activities and systems, and the assessments covering it.
    pub fn with_links(mut self, referred_by: &[String], assessments: &[String]) -> Self {
        self.links = referred_by
            .iter()
            .map(|r| format!("Named by {r}"))
            .chain(assessments.iter().map(|a| format!("Assessed in {a}")))
            .collect();
        self
    }

    /// Shows the service's problem with the vendor.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the editor; `why_not` (for a role that may not edit vendors) disables saving and
    /// says why.
    pub fn ui(&mut self, ui: &mut Ui, why_not: Option<&str>) -> Option<VendorFormAction> {
        let mut action = None;
        ui.heading(match (self.new, why_not) {
            (true, _) => "New vendor".to_owned(),
            (false, None) => format!("Edit {}", self.vendor.name),
            (false, Some(_)) => self.vendor.name.clone(),
        });
        if let Some(why) = why_not {
            hint(ui, why);
        }
        for link in &self.links {
            ui.label(egui::RichText::new(link).weak());
        }
        egui::ScrollArea::vertical()
            .id_salt("vendor-form")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.main_fields(ui);
                ui.add_space(8.0);
                ui.label(RichText::new("Where it processes the data").strong());
                locations_ui(ui, &mut self.locations);
                ui.add_space(8.0);
                ui.label(RichText::new("What it receives").strong());
                let c = &self.choices;
                let categories: Vec<_> = c
                    .categories
                    .iter()
                    .map(|(code, name, special)| {
                        let mark = if *special { " (special category)" } else { "" };
                        (code.clone(), format!("{name}{mark}"), code.depth())
                    })
                    .collect();
                let flat = |items: &[(RecordCode, String)]| -> Vec<(RecordCode, String, usize)> {
                    items
                        .iter()
                        .map(|(c, n)| (c.clone(), n.clone(), 0))
                        .collect()
                };
                let purposes: Vec<_> = c
                    .purposes
                    .iter()
                    .map(|(code, name)| (code.clone(), name.clone(), 0))
                    .collect();
                pick_list(
                    ui,
                    "Data categories shared",
                    "The taxonomy is empty.",
                    &categories,
                    &mut self.vendor.data_categories,
                );
                pick_list(
                    ui,
                    "Purposes served",
                    "No purposes in the catalogue yet.",
                    &purposes,
                    &mut self.vendor.purposes,
                );
                pick_list(
                    ui,
                    "Processing activities served",
                    "No processing activities recorded yet.",
                    &flat(&c.activities),
                    &mut self.vendor.activities,
                );
                ui.add_space(8.0);
                ui.label(RichText::new("Its own sub-processors").strong());
                sub_processors_ui(ui, &mut self.vendor.sub_processors);
                ui.add_space(8.0);
                ui.label(RichText::new("Certifications").strong());
                certifications_ui(ui, &mut self.vendor.certifications);
                ui.add_space(8.0);
                text_field(ui, "Next review on (YYYY-MM-DD)", &mut self.next_review_on);
                if let Some(d) = self.vendor.last_reviewed_on {
                    hint(ui, &format!("Last reviewed on {d}."));
                }
                text_area(ui, "Notes (no personal details)", &mut self.vendor.notes);
                let inputs = fingerprint(&*self);
                self.problem.show(ui, inputs, "");
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(why_not.is_none(), egui::Button::new("Save the vendor"))
                        .on_disabled_hover_text(why_not.unwrap_or_default())
                        .clicked()
                    {
                        action = self.build().map(|(vendor, new)| VendorFormAction::Save {
                            vendor: Box::new(vendor),
                            new,
                        });
                    }
                    if ui.button("Close the editor").clicked() {
                        action = Some(VendorFormAction::Close);
                    }
                });
                if let Some(owner) = self.files_owner()
                    && let Some(c) = self.attachments.ui(ui, &owner)
                {
                    action = Some(VendorFormAction::Files(Box::new(c)));
                }
            });
        action
    }

    fn main_fields(&mut self, ui: &mut Ui) {
        text_field(ui, "Vendor name", &mut self.vendor.name);
        if self.new {
            text_field(
                ui,
                "Code (short, like mailchimp; empty: made from the name)",
                &mut self.code,
            );
        } else {
            ui.label(format!(
                "Code: {} (kept: activities and systems name it)",
                self.code
            ));
        }
        combo(
            ui,
            "Role",
            "vendor-role",
            &mut self.vendor.role,
            &VendorRole::ALL,
            VendorRole::label,
        );
        text_area(
            ui,
            "Services (what it does for you)",
            &mut self.vendor.services,
        );
        combo(
            ui,
            "Data processing agreement",
            "vendor-dpa",
            &mut self.vendor.dpa,
            &DpaStatus::ALL,
            DpaStatus::label,
        );
        if self.vendor.role.needs_dpa() && self.vendor.dpa != DpaStatus::Signed {
            hint(
                ui,
                "A processor needs a signed agreement (GDPR Art. 28(3)); until it is signed the vendor is rated High.",
            );
        }
        if self.vendor.dpa == DpaStatus::Signed {
            text_field(ui, "DPA signed on (YYYY-MM-DD)", &mut self.dpa_signed_on);
        }
    }
    /// A date field's value, or the problem naming it.
    fn day(&mut self, text: &str, field: &str) -> Result<Option<NaiveDate>, ()> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                self.problem.set(format!(
                    "{field}: \"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31."
                ));
            })
    }

    /// The vendor as typed, or the problem with a date or the code (the service checks the
    /// rest).
    fn build(&mut self) -> Option<(Vendor, bool)> {
        let mut v = self.vendor.clone();
        if self.new {
            let code = self.code.trim();
            v.code = if code.is_empty() {
                RecordCode::from_name(&v.name)
            } else {
                match RecordCode::parse(code) {
                    Ok(c) => c,
                    Err(m) => {
                        self.problem.set(format!("Code: {m}."));
                        return None;
                    }
                }
            };
        }
        let signed = self.dpa_signed_on.clone();
        v.dpa_signed_on = if v.dpa == DpaStatus::Signed {
            self.day(&signed, "DPA signed on").ok()?
        } else {
            None
        };
        let next = self.next_review_on.clone();
        v.next_review_on = self.day(&next, "Next review on").ok()?;
        v.set_locations(&self.locations);
        self.problem.clear();
        Some((v, self.new))
    }
}
