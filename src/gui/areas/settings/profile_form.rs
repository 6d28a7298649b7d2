//! The organisation profile form, used by the first-run setup and by Settings.

use egui::Ui;

use crate::domain::organisation::{Contact, OrganisationProfile, Regime};
use crate::gui::widgets::{hint, section, text_area, text_field};

/// Form state for an organisation profile.
#[derive(Clone, Debug, Default)]
pub struct ProfileForm {
    profile: OrganisationProfile,
    no_dpo: bool,
}

impl ProfileForm {
    /// A form filled with `profile`.
    pub fn new(profile: OrganisationProfile) -> Self {
        let no_dpo = profile.dpo.is_empty() && !profile.name.is_empty();
        Self { profile, no_dpo }
    }

    /// The profile as entered (the DPO cleared when "no DPO" is ticked).
    pub fn profile(&self) -> OrganisationProfile {
        let mut p = self.profile.clone();
        if self.no_dpo {
            p.dpo = Contact::default();
        }
        p
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut Ui) {
        section(ui, "Organisation");
        text_field(ui, "Organisation name", &mut self.profile.name);

        section(ui, "Controller contact");
        hint(
            ui,
            "Who people contact about their data (shown in notices and letters; GDPR Art. 13(1)(a)).",
        );
        contact_fields(ui, "Controller", &mut self.profile.controller);

        section(ui, "Data protection officer");
        ui.checkbox(
            &mut self.no_dpo,
            "We have not appointed a data protection officer",
        );
        if self.no_dpo {
            hint(
                ui,
                "Most small businesses need none (GDPR Art. 37: only public bodies, large-scale \
                 monitoring, or large-scale sensitive data). You can add one later.",
            );
        } else {
            contact_fields(ui, "DPO", &mut self.profile.dpo);
        }

        section(ui, "Laws that apply");
        hint(
            ui,
            "Tick every regime the organisation falls under; deadlines and request types follow from it.",
        );
        for regime in Regime::ALL {
            let mut on = self.profile.regimes.contains(&regime);
            if ui.checkbox(&mut on, regime.label()).changed() {
                if on {
                    self.profile.regimes.insert(regime);
                } else {
                    self.profile.regimes.remove(&regime);
                }
            }
        }
    }
}

fn contact_fields(ui: &mut Ui, who: &str, contact: &mut Contact) {
    text_field(ui, &format!("{who} name"), &mut contact.name);
    text_field(ui, &format!("{who} email"), &mut contact.email);
    text_field(ui, &format!("{who} phone"), &mut contact.phone);
    text_area(
        ui,
        &format!("{who} postal address"),
        &mut contact.postal_address,
    );
}
