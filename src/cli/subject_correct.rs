//! `subject correct EMAIL …`: rectification from the command line, through the same service as
//! the window (each changed field's value before and after kept sealed in the person's
//! history, one audit entry per field naming the field only).

use clap::Args;

use crate::domain::subject::SubjectDraft;
use crate::services::Session;

use super::find_subject::one_subject;

/// Options of `subject correct`.
#[derive(Debug, Args)]
pub struct SubjectCorrectArgs {
    /// The person's email address as it is on record (case and spaces ignored).
    pub email: String,
    /// The corrected email address.
    #[arg(long = "email", value_name = "NEW")]
    pub new_email: Option<String>,
    /// The corrected name.
    #[arg(long)]
    pub name: Option<String>,
    /// The corrected phone number.
    #[arg(long)]
    pub phone: Option<String>,
    /// The corrected postal address.
    #[arg(long)]
    pub address: Option<String>,
    /// The corrected customer reference.
    #[arg(long)]
    pub customer_ref: Option<String>,
    /// The rectification request this answers (e.g. R-0003); the step is noted on it.
    #[arg(long, value_name = "REFERENCE")]
    pub request: Option<String>,
}

/// Corrects the fields given and says how many changed.
pub fn run(session: &mut Session, args: SubjectCorrectArgs) -> anyhow::Result<()> {
    let SubjectCorrectArgs {
        email,
        new_email,
        name,
        phone,
        address,
        customer_ref,
        request,
    } = args;
    if [&new_email, &name, &phone, &address, &customer_ref]
        .iter()
        .all(|v| v.is_none())
    {
        anyhow::bail!(
            "give at least one corrected value: --email, --name, --phone, --address or --customer-ref"
        );
    }
    let subject = one_subject(session, &email)?;
    let current = subject.fields.clone();
    let corrected = SubjectDraft {
        email: new_email.unwrap_or(current.email),
        name: name.unwrap_or(current.name),
        phone: phone.unwrap_or(current.phone),
        postal_address: address.unwrap_or(current.postal_address),
        customer_ref: customer_ref.unwrap_or(current.customer_ref),
        notes: current.notes,
        tags: current.tags,
    };
    let request = match request {
        Some(reference) => Some(session.requests().find_request(&reference)?),
        None => None,
    };
    let changed = session
        .requests()
        .rectify_subject(subject.id, &corrected, request)?;
    match changed {
        0 => outln!("Nothing changed: the values given are the ones on record.")?,
        1 => outln!("Corrected 1 field of subject {}.", subject.id)?,
        n => outln!("Corrected {n} fields of subject {}.", subject.id)?,
    }
    Ok(())
}
