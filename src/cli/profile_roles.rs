//! The controller-roles options of `profile set` and their lines in `profile show`: the Art. 27
//! representative, the Art. 26 joint controllers with the essence of the arrangement, and the
//! Art. 30(2) record kept as a processor (GDPR and UK GDPR).

use anyhow::bail;
use clap::Args;

use crate::domain::controller_roles::{ControllerRoles, JointController, ProcessedFor};
use crate::domain::organisation::Contact;
use crate::services::Session;

use super::output::OutputError;

/// Options of `profile set` for the controller's roles; those not given keep their value.
#[derive(Debug, Args)]
pub struct RolesArgs {
    /// Art. 27 representative: name.
    #[arg(long)]
    pub representative_name: Option<String>,
    /// Art. 27 representative: email.
    #[arg(long)]
    pub representative_email: Option<String>,
    /// Art. 27 representative: phone.
    #[arg(long)]
    pub representative_phone: Option<String>,
    /// Art. 27 representative: postal address.
    #[arg(long)]
    pub representative_address: Option<String>,
    /// Remove the representative (none designated).
    #[arg(long, conflicts_with_all = ["representative_name", "representative_email", "representative_phone", "representative_address"])]
    pub no_representative: bool,
    /// An Art. 26 joint controller as "NAME|CONTACT|ESSENCE OF THE ARRANGEMENT"; repeat it.
    /// Replaces the list.
    #[arg(long = "joint-controller", value_name = "NAME|CONTACT|ESSENCE")]
    pub joint_controllers: Vec<String>,
    /// Remove every joint controller.
    #[arg(long, conflicts_with = "joint_controllers")]
    pub no_joint_controllers: bool,
    /// Art. 30(2): a controller this business processes for, as "CONTROLLER AND CONTACT|
    /// CATEGORIES OF PROCESSING|TRANSFERS AND SAFEGUARDS" (the last may be empty); repeat it.
    /// Replaces the list.
    #[arg(long = "processes-for", value_name = "CONTROLLER|CATEGORIES|TRANSFERS")]
    pub processes_for: Vec<String>,
    /// Art. 30(2)(d): the security measures for the processing done for other controllers.
    #[arg(long, value_name = "TEXT")]
    pub processor_security: Option<String>,
    /// Remove the Art. 30(2) record (this business processes for no other controller).
    #[arg(long, conflicts_with_all = ["processes_for", "processor_security"])]
    pub no_processor_record: bool,
}

impl RolesArgs {
    fn any(&self) -> bool {
        self.representative_name.is_some()
            || self.representative_email.is_some()
            || self.representative_phone.is_some()
            || self.representative_address.is_some()
            || self.no_representative
            || !self.joint_controllers.is_empty()
            || self.no_joint_controllers
            || !self.processes_for.is_empty()
            || self.processor_security.is_some()
            || self.no_processor_record
    }
}

/// Splits "A|B|C" into three trimmed parts (the third may be missing when `last_optional`).
fn three<'a>(flag: &str, text: &'a str, last_optional: bool) -> anyhow::Result<[&'a str; 3]> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    match parts.as_slice() {
        [a, b, c] => Ok([a, b, c]),
        [a, b] if last_optional => Ok([a, b, ""]),
        _ => bail!(
            "{flag} {text:?}: write three parts separated by |, e.g. {flag} \"Partner Shop Ltd|privacy@partner.example|We answer all requests; they run the shop\"; nothing was changed"
        ),
    }
}

/// The roles as they become with `args`, checked (every problem named, nothing changed), or
/// `None` when no role option was given.
pub(super) fn changed_roles(
    session: &Session,
    args: &RolesArgs,
) -> anyhow::Result<Option<ControllerRoles>> {
    if !args.any() {
        return Ok(None);
    }
    let mut roles = session.settings().controller_roles()?;
    if args.no_representative {
        roles.representative = Contact::default();
    }
    let r = &mut roles.representative;
    for (field, value) in [
        (&mut r.name, &args.representative_name),
        (&mut r.email, &args.representative_email),
        (&mut r.phone, &args.representative_phone),
        (&mut r.postal_address, &args.representative_address),
    ] {
        if let Some(v) = value {
            *field = v.trim().to_owned();
        }
    }
    if args.no_joint_controllers {
        roles.joint_controllers.clear();
    }
    if !args.joint_controllers.is_empty() {
        roles.joint_controllers = args
            .joint_controllers
            .iter()
            .map(|t| {
                let [name, contact, essence] = three("--joint-controller", t, false)?;
                Ok(JointController {
                    name: name.to_owned(),
                    contact: contact.to_owned(),
                    essence: essence.to_owned(),
                })
            })
            .collect::<anyhow::Result<_>>()?;
    }
    if args.no_processor_record {
        roles.processed_for.clear();
        roles.processor_security.clear();
    }
    if !args.processes_for.is_empty() {
        roles.processed_for = args
            .processes_for
            .iter()
            .map(|t| {
                let [controller, categories, transfers] = three("--processes-for", t, true)?;
                Ok(ProcessedFor {
                    controller: controller.to_owned(),
                    categories: categories.to_owned(),
                    transfers: transfers.to_owned(),
                })
            })
            .collect::<anyhow::Result<_>>()?;
    }
    if let Some(text) = &args.processor_security {
        roles.processor_security = text.trim().to_owned();
    }
    let problems = roles.problems();
    if !problems.is_empty() {
        bail!("{}; nothing was changed", problems.join("; "));
    }
    Ok(Some(roles))
}

/// The roles' lines of `profile show`.
pub(super) fn print_roles(roles: &ControllerRoles) -> Result<(), OutputError> {
    let r = &roles.representative;
    if r.is_empty() {
        outln!("Representative (Art. 27): none designated")?;
    } else {
        let words: Vec<&str> = [&r.name, &r.email, &r.phone, &r.postal_address]
            .into_iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        outln!("Representative (Art. 27): {}", words.join(" · "))?;
    }
    if roles.joint_controllers.is_empty() {
        outln!("Joint controllers (Art. 26): none")?;
    }
    for j in &roles.joint_controllers {
        outln!(
            "Joint controller (Art. 26): {} · {} — {}",
            j.name,
            j.contact,
            j.essence
        )?;
    }
    if !roles.is_processor() {
        outln!("Processor record (Art. 30(2)): none (no processing for other controllers)")?;
    }
    for p in &roles.processed_for {
        outln!(
            "Processes for (Art. 30(2)): {} — {}{}",
            p.controller,
            p.categories,
            if p.transfers.is_empty() {
                String::new()
            } else {
                format!("; transfers: {}", p.transfers)
            }
        )?;
    }
    if roles.is_processor() {
        outln!(
            "Processor security (Art. 30(2)(d)): {}",
            roles.processor_security
        )?;
    }
    Ok(())
}
