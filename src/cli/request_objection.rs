//! `request object`: the officer's decision per purpose on an objection (GDPR Art. 21(1)).

use anyhow::Context;

use crate::services::Session;

use super::dates::{date_or_today, today};

/// Records whether processing for `purpose` stops or continues (on which ground) for the
/// person who objected, and says which.
pub(super) fn decide(
    session: &mut Session,
    id: &str,
    purpose: &str,
    continue_on: Option<&str>,
    reason: &str,
    direct_marketing: bool,
    on: Option<&str>,
) -> anyhow::Result<()> {
    use crate::domain::request::objection::{ContinueGround, ObjectionDecision, ObjectionOutcome};
    let id = session.requests().find_request(id)?;
    let purpose = crate::domain::purpose::PurposeCode::parse(purpose.trim())
        .map_err(|m| anyhow::anyhow!("--purpose: {m}"))?;
    let outcome = match continue_on {
        None => ObjectionOutcome::Stopped,
        Some(code) => ObjectionOutcome::Continues(
            ContinueGround::from_code(code).with_context(|| {
                format!("--continue: \"{code}\" is not a ground; use compelling-grounds or legal-claims (Art. 21(1))")
            })?,
        ),
    };
    let on = date_or_today(on, "--on")?;
    let decision = ObjectionDecision {
        purpose,
        outcome,
        direct_marketing,
        reason: reason.trim().to_owned(),
        decided_on: on,
        decided_by: String::new(),
    };
    session
        .requests()
        .decide_objection(id, &decision, today())?;
    match outcome {
        ObjectionOutcome::Stopped => outln!(
            "Recorded: processing for {} stopped for this person.",
            decision.purpose
        )?,
        ObjectionOutcome::Continues(g) => outln!(
            "Recorded: processing for {} continues ({}).",
            decision.purpose,
            g.code()
        )?,
    }
    Ok(())
}
