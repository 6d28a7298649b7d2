//! The organisation profile form, used by the first-run setup and by Settings: the profile,
//! the controller's statement on automated decision-making (GDPR Art. 15(1)(h), quoted in
//! access packages) and the holiday calendar each regime's deadlines count working days with
//! (an EU GDPR business picks its member state's at setup: no calendar is chosen for it
//! silently; `holiday use` on the command line).

use egui::{ComboBox, Ui};

use crate::domain::holidays::Jurisdiction;
use crate::domain::organisation::{Contact, OrganisationProfile, Regime};
use crate::gui::Command;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint, section, text_area, text_field};
use crate::services::{ServiceResult, Session, default_jurisdiction};

/// What saving the form records: the profile, the statement and the calendars changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileSave {
    /// The profile.
    pub profile: OrganisationProfile,
    /// The statement on automated decisions ("" removes it).
    pub automated_decisions: String,
    /// The calendars chosen, for the regimes ticked, where they differ from those stored.
    pub calendars: Vec<(Regime, Jurisdiction)>,
}

/// Form state for an organisation profile.
#[derive(Clone, Debug, Default)]
pub struct ProfileForm {
    profile: OrganisationProfile,
    no_dpo: bool,
    automated: String,
    /// Per regime, the calendar chosen (`None`: not chosen yet).
    calendars: Vec<(Regime, Option<Jurisdiction>)>,
    /// The calendars as stored, to save only what changed.
    stored: Vec<(Regime, Jurisdiction)>,
    /// Filled from the store (Settings): the calendars and the statement fold away.
    in_settings: bool,
    problem: FieldError,
}

impl ProfileForm {
    /// A form filled with `profile`. The UK and US calendars start on their usual ones; the
    /// EU GDPR's is left for the officer to choose (their member state's).
    pub fn new(profile: OrganisationProfile) -> Self {
        let no_dpo = profile.dpo.is_empty() && !profile.name.is_empty();
        let calendars = Regime::ALL
            .into_iter()
            .map(|r| (r, (r != Regime::Gdpr).then(|| default_jurisdiction(r))))
            .collect();
        Self {
            profile,
            no_dpo,
            calendars,
            ..Self::default()
        }
    }

    /// Fills the statement and the calendars in use from the store (Settings).
    pub fn load_stored(&mut self, session: &Session) -> ServiceResult<()> {
        self.automated = session
            .settings()
            .automated_decisions()?
            .unwrap_or_default();
        self.stored = Regime::ALL
            .into_iter()
            .map(|r| Ok((r, session.requests().regime_jurisdiction(r)?)))
            .collect::<ServiceResult<_>>()?;
        self.calendars = self.stored.iter().map(|(r, j)| (*r, Some(*j))).collect();
        self.in_settings = true;
        Ok(())
    }

    /// What saving records, or the problem naming the field (an EU GDPR business with no
    /// calendar chosen).
    pub fn save(&self) -> Result<ProfileSave, String> {
        let profile = self.profile();
        let mut calendars = Vec::new();
        for regime in &profile.regimes {
            match self.chosen(*regime) {
                None => {
                    return Err(format!(
                        "{}: choose the public holidays of the state where you are established; a deadline that ends on a public holiday moves to the next working day (Regulation (EEC, Euratom) No 1182/71, Art. 3(4)), so the calendar must be your member state's.",
                        calendar_label(*regime)
                    ));
                }
                Some(j) if !self.stored.contains(&(*regime, j)) => calendars.push((*regime, j)),
                Some(_) => {}
            }
        }
        Ok(ProfileSave {
            profile,
            automated_decisions: self.automated.trim().to_owned(),
            calendars,
        })
    }

    /// The save command, or `None` with the problem shown under the form.
    pub fn save_command(&mut self) -> Option<Command> {
        match self.save() {
            Ok(save) => {
                self.problem.clear();
                Some(Command::SaveProfile(Box::new(save)))
            }
            Err(p) => {
                self.problem.set(p);
                None
            }
        }
    }

    fn chosen(&self, regime: Regime) -> Option<Jurisdiction> {
        self.calendars
            .iter()
            .find(|(r, _)| *r == regime)
            .and_then(|(_, j)| *j)
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
        if self.in_settings {
            egui::CollapsingHeader::new("Holiday calendars and automated decisions")
                .id_salt("profile-legal")
                .show(ui, |ui| self.legal_fields(ui));
        } else {
            self.legal_fields(ui);
        }
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "Problem: ");
    }

    /// The holiday calendars and the statement on automated decisions.
    fn legal_fields(&mut self, ui: &mut Ui) {
        self.calendar_fields(ui);

        section(ui, "Automated decisions");
        hint(
            ui,
            "Do you take decisions about people by automated means alone, including profiling, with legal or similarly significant effects (GDPR Art. 22)? Say so here, with the logic involved and what it means for the person, or say that you take none. Access packages quote this statement (Art. 15(1)(h)); without one they say none was written.",
        );
        text_area(
            ui,
            "Statement on automated decision-making",
            &mut self.automated,
        );
    }

    /// One calendar choice per regime ticked.
    fn calendar_fields(&mut self, ui: &mut Ui) {
        let ticked: Vec<Regime> = self.profile.regimes.iter().copied().collect();
        if ticked.is_empty() {
            return;
        }
        section(ui, "Public holidays");
        hint(
            ui,
            "Deadlines that end on a public holiday move to the next working day, and business-day periods skip them. Choose the calendar of the place you are established. An EU business whose member state is not listed picks the closest and adds its own holidays with `holiday add` on the command line.",
        );
        for regime in ticked {
            let Some(slot) = self
                .calendars
                .iter_mut()
                .find(|(r, _)| *r == regime)
                .map(|(_, j)| j)
            else {
                continue;
            };
            let label = ui.label(calendar_label(regime));
            ComboBox::from_id_salt(("holiday-calendar", regime.code()))
                .selected_text(slot.map_or("Choose…", Jurisdiction::label))
                .width(FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    for j in Jurisdiction::ALL {
                        ui.selectable_value(slot, Some(j), j.label());
                    }
                })
                .response
                .labelled_by(label.id);
        }
    }
}

/// The calendar field's label for a regime.
fn calendar_label(regime: Regime) -> String {
    format!("Holiday calendar for {} deadlines", regime.label())
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
