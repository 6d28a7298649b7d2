//! The organisation profile form, used by the first-run setup and by Settings: the profile,
//! the controller's statement on automated decision-making (GDPR Art. 15(1)(h), quoted in
//! access packages) and the holiday calendar each regime's deadlines count working days with
//! (an EU GDPR business picks its member state's at setup: no calendar is chosen for it
//! silently; `holiday use` on the command line).

use egui::{ComboBox, Ui};

use crate::domain::children::MemberState;
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
    /// The controller's roles (Art. 26, 27, 30(2)) as edited in Settings; `None` at setup.
    pub roles: Option<crate::domain::controller_roles::ControllerRoles>,
    /// The member state of establishment (GDPR Art. 4(16); its law sets the Art. 8(1) age).
    pub member_state: Option<MemberState>,
}

/// Form state for an organisation profile. Its values are compared and cloned (Settings keeps
/// a copy as stored, `stored.rs`); the holiday section and a pending command are not values of
/// the form: a clone starts them afresh and comparisons ignore them.
#[derive(Debug, Default)]
pub struct ProfileForm {
    profile: OrganisationProfile,
    no_dpo: bool,
    automated: String,
    /// Per regime, the calendar chosen (`None`: not chosen yet).
    calendars: Vec<(Regime, Option<Jurisdiction>)>,
    /// The member state of establishment (`None`: not chosen).
    member_state: Option<MemberState>,
    /// Filled from the store (Settings): the calendars and the statement fold away.
    in_settings: bool,
    problem: FieldError,
    /// What only Settings fills in (boxed: the setup screen holds this form too).
    extra: Box<InSettings>,
    /// The sections drawn inside the form that are not its values (Settings only).
    panels: Box<SettingsPanels>,
}

/// The values of the form only Settings fills in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct InSettings {
    /// The calendars as stored, to save only what changed.
    stored: Vec<(Regime, Jurisdiction)>,
    /// The controller's roles (`profile_roles.rs`).
    roles: super::profile_roles::RolesForm,
}

/// The sections Settings draws inside the form that hold no value of it.
#[derive(Debug, Default)]
struct SettingsPanels {
    /// The holiday calendars' days (`holidays.rs`).
    holidays: super::holidays::HolidaysPanel,
    /// A command from the holiday section, taken after drawing.
    pending: Option<Command>,
}

impl Clone for ProfileForm {
    fn clone(&self) -> Self {
        Self {
            profile: self.profile.clone(),
            no_dpo: self.no_dpo,
            automated: self.automated.clone(),
            calendars: self.calendars.clone(),
            member_state: self.member_state,
            in_settings: self.in_settings,
            problem: self.problem.clone(),
            extra: self.extra.clone(),
            panels: Box::default(),
        }
    }
}

impl PartialEq for ProfileForm {
    fn eq(&self, other: &Self) -> bool {
        self.profile == other.profile
            && self.no_dpo == other.no_dpo
            && self.automated == other.automated
            && self.calendars == other.calendars
            && self.member_state == other.member_state
            && self.in_settings == other.in_settings
            && self.problem == other.problem
            && self.extra == other.extra
    }
}

impl Eq for ProfileForm {}

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
        // An EU GDPR business that never chose its member state's calendar sees that no
        // choice was made (its deadlines use the default meanwhile); the others show the
        // calendar in use, as before.
        let mut calendars = Vec::new();
        let mut stored = Vec::new();
        for r in Regime::ALL {
            let chosen = session.requests().chosen_jurisdiction(r)?;
            if r == Regime::Gdpr && chosen.is_none() {
                calendars.push((r, None));
            } else {
                let j = session.requests().regime_jurisdiction(r)?;
                stored.push((r, j));
                calendars.push((r, Some(j)));
            }
        }
        self.extra.stored = stored;
        self.calendars = calendars;
        self.member_state = session.settings().member_state()?;
        self.in_settings = true;
        self.extra.roles.load(session)?;
        let first = self.profile.regimes.iter().find_map(|r| {
            self.extra
                .stored
                .iter()
                .find(|(s, _)| s == r)
                .map(|(_, j)| *j)
        });
        self.panels
            .holidays
            .show_first(first.unwrap_or_else(|| default_jurisdiction(Regime::Gdpr)));
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
                Some(j) if !self.extra.stored.contains(&(*regime, j)) => {
                    calendars.push((*regime, j))
                }
                Some(_) => {}
            }
        }
        let roles = self.extra.roles.checked().transpose()?;
        Ok(ProfileSave {
            profile,
            automated_decisions: self.automated.trim().to_owned(),
            calendars,
            roles,
            member_state: self.member_state,
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

    /// Takes the values of `stored` (the form as the store holds it now), keeping the
    /// sections that hold no value of the form.
    pub fn follow(&mut self, stored: ProfileForm) {
        let panels = std::mem::take(&mut self.panels);
        *self = stored;
        self.panels = panels;
    }

    /// The holiday section (Settings).
    pub fn holidays_mut(&mut self) -> &mut super::holidays::HolidaysPanel {
        &mut self.panels.holidays
    }

    /// The command the holiday section gave while drawing, if any.
    pub fn take_command(&mut self) -> Option<Command> {
        self.panels.pending.take()
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
            self.extra.roles.ui(ui);
        } else {
            self.legal_fields(ui);
        }
        // The form's values only: the holiday section's days are read from the store.
        let inputs = fingerprint(&(
            &self.profile,
            self.no_dpo,
            &self.automated,
            &self.calendars,
            self.member_state,
            &self.extra,
        ));
        self.problem.show(ui, inputs, "Problem: ");
    }

    /// The holiday calendars and the statement on automated decisions.
    fn legal_fields(&mut self, ui: &mut Ui) {
        self.calendar_fields(ui);
        if self.in_settings {
            // The calendar each ticked regime's deadlines use now: the one stored, or the
            // default while none was chosen.
            let ticked: Vec<(Regime, Jurisdiction)> = self
                .profile
                .regimes
                .iter()
                .map(|r| {
                    let stored = self
                        .extra
                        .stored
                        .iter()
                        .find(|(s, _)| s == r)
                        .map(|(_, j)| *j);
                    (*r, stored.unwrap_or_else(|| default_jurisdiction(*r)))
                })
                .collect();
            if let Some(c) = self.panels.holidays.ui(ui, &ticked) {
                self.panels.pending = Some(c);
            }
        }

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
            if self.in_settings && slot.is_none() {
                ui.colored_label(ui.visuals().warn_fg_color, no_choice_sentence(regime));
            }
        }
        if self.profile.regimes.contains(&Regime::Gdpr) {
            super::member_state_field::ui(ui, &mut self.member_state);
        }
    }
}

/// What an officer who never chose a calendar for `regime` is told in Settings: the calendar
/// the deadlines use meanwhile is the service's default (`services::default_jurisdiction`).
fn no_choice_sentence(regime: Regime) -> String {
    format!(
        "No member state chosen — {} deadlines use the {} public holidays until you choose; choose your member state's calendar here and save.",
        regime.label(),
        default_jurisdiction(regime).label()
    )
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
