//! `profile show` and `profile set`.

use crate::domain::children::MemberState;
use crate::domain::organisation::{Contact, Regime};
use crate::services::Session;
use clap::{Args, Subcommand};

use super::output::OutputError;

/// Runs a profile command on an unlocked session.
pub fn run(session: &mut Session, command: ProfileCommand) -> anyhow::Result<()> {
    match command {
        ProfileCommand::Show { json } => {
            let p = session.settings().profile()?;
            let statement = session.settings().automated_decisions()?;
            if json {
                let mut value = serde_json::to_value(&p)?;
                if let Some(map) = value.as_object_mut() {
                    map.insert("automated_decisions".into(), statement.into());
                    map.insert(
                        "member_state".into(),
                        session.settings().member_state()?.map(|s| s.code()).into(),
                    );
                    map.insert(
                        "roles".into(),
                        serde_json::to_value(session.settings().controller_roles()?)?,
                    );
                }
                outln!("{}", serde_json::to_string_pretty(&value)?)?;
                return Ok(());
            }
            outln!("Organisation:  {}", p.name)?;
            print_contact("Controller", &p.controller)?;
            if p.dpo.is_empty() {
                outln!("DPO:           none appointed")?;
            } else {
                print_contact("DPO", &p.dpo)?;
            }
            let regimes: Vec<&str> = p.regimes.iter().map(|r| r.label()).collect();
            outln!("Regimes:       {}", regimes.join(", "))?;
            match session.settings().member_state()? {
                Some(s) => outln!("Member state:  {} ({})", s.label(), s.code())?,
                None => outln!(
                    "Member state:  not chosen (`profile set --member-state CODE`; the GDPR Art. 8(1) age follows it)"
                )?,
            }
            match session.settings().form_action()? {
                Some(url) => outln!("Form address:  {url}")?,
                None => outln!("Form address:  none (the self-service pages send by email)")?,
            }
            super::profile_roles::print_roles(&session.settings().controller_roles()?)?;
            match statement {
                Some(text) => outln!("Automated decisions (Art. 15(1)(h)): {text}")?,
                None => outln!(
                    "Automated decisions (Art. 15(1)(h)): no statement yet; access packages say so. Write one with `profile set --automated-decisions TEXT`."
                )?,
            }
            Ok(())
        }
        ProfileCommand::Set(args) => {
            let statement = args.automated_decisions.clone();
            if let Some(text) = &statement {
                crate::domain::organisation::check_automated_decisions(text)
                    .map_err(anyhow::Error::msg)?;
            }
            let mut p = session.settings().profile()?;
            let form_action = args.form_action.clone();
            if let Some(url) = &form_action {
                crate::domain::site::check_form_action(url.trim())
                    .map_err(|m| anyhow::anyhow!("--form-action: {m}. Nothing was changed."))?;
            }
            let no_form_action = args.no_form_action;
            let member_state = member_state_change(&args)?;
            let roles = super::profile_roles::changed_roles(session, &args.roles)?;
            apply(&mut p, *args);
            session.settings().save_profile(&p)?;
            if let Some(roles) = roles {
                session.settings().set_controller_roles(&roles)?;
            }
            if let Some(url) = form_action {
                session.settings().set_form_action(Some(&url))?;
            } else if no_form_action {
                session.settings().set_form_action(None)?;
            }
            if let Some(text) = statement {
                session.settings().set_automated_decisions(&text)?;
            }
            if let Some(state) = member_state {
                session.settings().set_member_state(state)?;
            }
            outln!("The organisation profile was saved.")?;
            Ok(())
        }
    }
}

/// The member state change asked for: `Some(Some(_))` to choose one, `Some(None)` to clear it,
/// `None` to keep it; an unknown code is refused before anything is saved.
fn member_state_change(args: &ProfileSetArgs) -> anyhow::Result<Option<Option<MemberState>>> {
    if args.no_member_state {
        return Ok(Some(None));
    }
    let Some(code) = &args.member_state else {
        return Ok(None);
    };
    match MemberState::from_code(code) {
        Some(s) => Ok(Some(Some(s))),
        None => anyhow::bail!(
            "--member-state: {:?} is not an EU/EEA member state code; use one of {} (ISO 3166-1 alpha-2, any case). Nothing was changed.",
            code,
            MemberState::codes()
        ),
    }
}

fn print_contact(who: &str, c: &Contact) -> Result<(), OutputError> {
    let parts: Vec<&str> = [&c.name, &c.email, &c.phone, &c.postal_address]
        .into_iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    outln!("{:<15}{}", format!("{who}:"), parts.join(" · "))
}

fn apply(p: &mut crate::domain::organisation::OrganisationProfile, a: ProfileSetArgs) {
    let set = |field: &mut String, value: Option<String>| {
        if let Some(v) = value {
            *field = v;
        }
    };
    set(&mut p.name, a.name);
    set(&mut p.controller.name, a.controller_name);
    set(&mut p.controller.email, a.controller_email);
    set(&mut p.controller.phone, a.controller_phone);
    set(&mut p.controller.postal_address, a.controller_address);
    if a.no_dpo {
        p.dpo = Contact::default();
    }
    set(&mut p.dpo.name, a.dpo_name);
    set(&mut p.dpo.email, a.dpo_email);
    set(&mut p.dpo.phone, a.dpo_phone);
    if !a.regimes.is_empty() {
        p.regimes = a
            .regimes
            .iter()
            .filter_map(|c| Regime::from_code(c))
            .collect();
    }
}

/// `profile …`
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print the organisation profile.
    Show {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Set fields of the organisation profile; fields not given keep their value.
    Set(Box<ProfileSetArgs>),
}

/// Options of `profile set`.
#[derive(Debug, Args)]
pub struct ProfileSetArgs {
    /// The organisation's legal name.
    #[arg(long)]
    pub name: Option<String>,
    /// Controller contact: name of the person or office.
    #[arg(long)]
    pub controller_name: Option<String>,
    /// Controller contact: email.
    #[arg(long)]
    pub controller_email: Option<String>,
    /// Controller contact: phone.
    #[arg(long)]
    pub controller_phone: Option<String>,
    /// Controller contact: postal address.
    #[arg(long)]
    pub controller_address: Option<String>,
    /// DPO: name.
    #[arg(long)]
    pub dpo_name: Option<String>,
    /// DPO: email.
    #[arg(long)]
    pub dpo_email: Option<String>,
    /// DPO: phone.
    #[arg(long)]
    pub dpo_phone: Option<String>,
    /// Remove the DPO contact (none appointed).
    #[arg(long, conflicts_with_all = ["dpo_name", "dpo_email", "dpo_phone"])]
    pub no_dpo: bool,
    /// A regime that applies (repeat for several): gdpr, uk-gdpr, ccpa-cpra. Replaces the list.
    #[arg(long = "regime", value_name = "CODE", value_parser = ["gdpr", "uk-gdpr", "ccpa-cpra"])]
    pub regimes: Vec<String>,
    /// Where the self-service pages (`site build`) submit: a form service's https:// address.
    /// Without one they send by email to the controller's address.
    #[arg(long, value_name = "URL")]
    pub form_action: Option<String>,
    /// Clear the form address: the self-service pages send by email again.
    #[arg(long, conflicts_with = "form_action")]
    pub no_form_action: bool,
    /// The controller's statement on automated decision-making, including profiling (GDPR
    /// Art. 15(1)(h), Art. 22): whether such decisions are made and, if so, the logic and
    /// consequences. Quoted in every access package; "" removes it.
    #[arg(long, value_name = "TEXT")]
    pub automated_decisions: Option<String>,
    /// The member state of establishment (GDPR Art. 4(16)), whose law sets the Art. 8(1) age
    /// of a child's own consent: its ISO 3166-1 alpha-2 code (DE, FR, IE, …), any case.
    #[arg(long, value_name = "CODE")]
    pub member_state: Option<String>,
    /// Clear the member state of establishment (the Art. 8(1) default of 16 applies, or the
    /// EU holiday calendar's state).
    #[arg(long, conflicts_with = "member_state")]
    pub no_member_state: bool,
    /// Controller roles (GDPR and UK GDPR Art. 26, 27, 30(2)), printed in the record of
    /// processing.
    #[command(flatten)]
    pub roles: super::profile_roles::RolesArgs,
}
