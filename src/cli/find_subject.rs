//! Finding the one person a command names by email.

use anyhow::bail;

use crate::domain::subject::Subject;
use crate::services::Session;

/// The subject with `email` (case and spaces ignored); the first recorded when several share
/// it, with a note on stderr.
pub(super) fn one_subject(session: &Session, email: &str) -> anyhow::Result<Subject> {
    let mut found = session.subjects().find_subjects_by_email(email)?;
    if found.is_empty() {
        bail!("there is no subject with the email {email:?}");
    }
    if found.len() > 1 {
        eprintln!(
            "privacy-desk: {} subjects share this email; showing the first recorded",
            found.len()
        );
    }
    Ok(found.remove(0))
}
