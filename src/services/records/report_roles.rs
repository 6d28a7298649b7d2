//! The controller's roles in the printable record of processing: the Art. 27 representative
//! and the Art. 26 joint controllers beside the controller (Art. 30(1)(a) names the
//! representative and any joint controller), and the Art. 30(2) record of the processing done
//! on behalf of other controllers as its own part. The rules are `domain::controller_roles`.

use crate::domain::controller_roles::ControllerRoles;
use crate::report::Document;

/// The representative and the joint controllers, under the controller (Art. 26, 27, 30(1)(a)).
pub(super) fn controller_part(doc: &mut Document, roles: &ControllerRoles) {
    let r = &roles.representative;
    let words: Vec<&str> = [&r.name, &r.email, &r.phone, &r.postal_address]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    doc.fields([(
        "Representative (Art. 27)",
        if words.is_empty() {
            "None designated".to_owned()
        } else {
            words.join(", ")
        },
    )]);
    if roles.joint_controllers.is_empty() {
        doc.fields([("Joint controllers (Art. 26)", "None".to_owned())]);
        return;
    }
    doc.heading(2, "Joint controllers (Art. 26)");
    let rows = roles
        .joint_controllers
        .iter()
        .map(|j| vec![j.name.clone(), j.contact.clone(), j.essence.clone()])
        .collect();
    doc.table(
        [
            "Controller",
            "Contact",
            "Essence of the arrangement (Art. 26(2))",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
    );
}

/// The record kept as a processor (Art. 30(2)(a)–(d)), when the business processes for other
/// controllers; nothing otherwise.
pub(super) fn processor_part(doc: &mut Document, roles: &ControllerRoles) {
    if !roles.is_processor() {
        return;
    }
    doc.heading(1, "Processing on behalf of other controllers (Art. 30(2))");
    let rows = roles
        .processed_for
        .iter()
        .map(|p| {
            vec![
                p.controller.clone(),
                p.categories.clone(),
                if p.transfers.trim().is_empty() {
                    "None".to_owned()
                } else {
                    p.transfers.clone()
                },
            ]
        })
        .collect();
    doc.table(
        [
            "(a) Controller",
            "(b) Categories of processing",
            "(c) Transfers and safeguards",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
    );
    doc.fields([("(d) Security measures", roles.processor_security.clone())]);
}
