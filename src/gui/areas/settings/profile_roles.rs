//! The controller's roles in Settings, beside the organisation profile: the Art. 27
//! representative, the Art. 26 joint controllers with the essence of the arrangement, and the
//! Art. 30(2) record kept when the business also processes for other controllers (GDPR and UK
//! GDPR). The same roles as `profile set --representative-* --joint-controller "N|C|E"
//! --processes-for "C|CAT|T" --processor-security` and their `--no-…` options; saved with the
//! profile through `Settings::set_controller_roles`, which audits the names of the parts that
//! changed. What each role must hold is `domain::controller_roles`.

use egui::{CollapsingHeader, RichText, Ui};

use crate::domain::access::Permission;
use crate::domain::controller_roles::{ControllerRoles, JointController, ProcessedFor};
use crate::domain::organisation::Contact;
use crate::gui::widgets::{hint, section, text_area, text_field};
use crate::services::{ServiceResult, Session};

/// The roles as edited; `None` until read from the store (first-run setup has no roles).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RolesForm {
    roles: Option<ControllerRoles>,
}

impl RolesForm {
    /// Fills the form with the roles stored (left empty, and not drawn, for a role that may
    /// not read them).
    pub fn load(&mut self, session: &Session) -> ServiceResult<()> {
        if session.user().role.can(Permission::ViewReports) {
            self.roles = Some(session.settings().controller_roles()?);
        }
        Ok(())
    }

    /// The roles as edited, or the problems naming each field and its article (see
    /// `ControllerRoles::problems`); `None` when the form was never filled.
    pub fn checked(&self) -> Option<Result<ControllerRoles, String>> {
        let roles = self.roles.as_ref()?;
        let problems = roles.problems();
        Some(if problems.is_empty() {
            Ok(roles.clone())
        } else {
            Err(problems.join("; "))
        })
    }

    /// Draws the roles folded under one heading (nothing before the form was filled).
    pub fn ui(&mut self, ui: &mut Ui) {
        let Some(roles) = self.roles.as_mut() else {
            return;
        };
        CollapsingHeader::new(
            "Controller roles: representative, joint controllers, processing for others",
        )
        .id_salt("profile-roles")
        .show(ui, |ui| {
            representative(ui, &mut roles.representative);
            joint_controllers(ui, &mut roles.joint_controllers);
            processor_record(ui, roles);
        });
    }
}

fn representative(ui: &mut Ui, r: &mut Contact) {
    section(ui, "Representative (Art. 27)");
    hint(
        ui,
        "A business not established in the EU (or the UK) that offers goods or services to people there, or monitors them, designates in writing a representative there; name them with an email or a postal address where the authority and the people can reach them (Art. 27(1), (4); Art. 30(1)(a)). Leave empty when none is needed.",
    );
    text_field(ui, "Representative name", &mut r.name);
    text_field(ui, "Representative email", &mut r.email);
    text_field(ui, "Representative phone", &mut r.phone);
    text_area(ui, "Representative postal address", &mut r.postal_address);
    if !r.is_empty() && ui.button("Remove the representative").clicked() {
        *r = Contact::default();
    }
}

fn joint_controllers(ui: &mut Ui, list: &mut Vec<JointController>) {
    section(ui, "Joint controllers (Art. 26)");
    hint(
        ui,
        "Where you decide the purposes and means of processing together with another business, set out who does what in an arrangement; its essence (who answers the people's requests, whom they contact) is made available to them (Art. 26(1)–(2)).",
    );
    let mut remove = None;
    for (i, j) in list.iter_mut().enumerate() {
        let n = i + 1;
        ui.label(RichText::new(format!("Joint controller {n}")).strong());
        text_field(ui, &format!("Joint controller {n} name"), &mut j.name);
        text_field(ui, &format!("Joint controller {n} contact"), &mut j.contact);
        text_area(
            ui,
            &format!("Joint controller {n}: essence of the arrangement"),
            &mut j.essence,
        );
        if ui.button(format!("Remove joint controller {n}")).clicked() {
            remove = Some(i);
        }
    }
    if let Some(i) = remove {
        list.remove(i);
    }
    if ui.button("Add a joint controller").clicked() {
        list.push(JointController::default());
    }
}

fn processor_record(ui: &mut Ui, roles: &mut ControllerRoles) {
    section(ui, "Processing for other controllers (Art. 30(2))");
    hint(
        ui,
        "If you also process personal data on behalf of other businesses, keep a record of each controller (name and contact), the categories of processing done for it, any transfers outside the EU/UK with their safeguards, and a general description of your security measures (Art. 30(2)(a)–(d)).",
    );
    let mut remove = None;
    for (i, p) in roles.processed_for.iter_mut().enumerate() {
        let n = i + 1;
        ui.label(RichText::new(format!("Controller {n} processed for")).strong());
        text_field(
            ui,
            &format!("Controller {n}: name and contact"),
            &mut p.controller,
        );
        text_area(
            ui,
            &format!("Controller {n}: categories of processing"),
            &mut p.categories,
        );
        text_area(
            ui,
            &format!("Controller {n}: transfers and their safeguards (empty for none)"),
            &mut p.transfers,
        );
        if ui.button(format!("Remove controller {n}")).clicked() {
            remove = Some(i);
        }
    }
    if let Some(i) = remove {
        roles.processed_for.remove(i);
    }
    if ui.button("Add a controller you process for").clicked() {
        roles.processed_for.push(ProcessedFor::default());
    }
    if roles.is_processor() || !roles.processor_security.is_empty() {
        text_area(
            ui,
            "Security measures for the processing done for other controllers (Art. 30(2)(d))",
            &mut roles.processor_security,
        );
        if ui.button("Remove the processor record").clicked() {
            roles.processed_for.clear();
            roles.processor_security.clear();
        }
    }
}
