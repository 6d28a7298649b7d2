//! `request partial`: an erasure or delete request fulfilled in part. Without `--keep` it
//! prints the regime's exceptions checklist (GDPR Art. 17(3)(a)–(e); Cal. Civ. Code
//! § 1798.105(d)(1)–(8)) and the parts kept so far; with `--keep PART=EXCEPTION` (repeatable)
//! it records which parts are kept on which exception. `erase` then erases the rest.

use anyhow::bail;

use crate::domain::request::partial::{self, ErasureException};
use crate::services::Session;

use super::dates::{date_or_today, today};

/// Prints the checklist and the kept parts, or records `keep` (`PART=EXCEPTION` each).
pub(super) fn partial(
    session: &mut Session,
    id: &str,
    keep: &[String],
    reason: &str,
    on: Option<&str>,
) -> anyhow::Result<()> {
    let id = session.requests().find_request(id)?;
    let request = session.requests().request_detail(id, today())?.request;
    if keep.is_empty() {
        let regime = request.regime;
        outln!(
            "Exceptions that keep part of the data ({}, {}):",
            regime.label(),
            partial::source(regime)
        )?;
        for e in ErasureException::checklist(regime) {
            outln!("  {:<22} {} ({})", e.code(), e.label(), e.citation())?;
        }
        let kept = session.requests().kept_parts(id)?;
        if kept.is_empty() {
            outln!("Nothing kept on this request yet.")?;
        }
        for k in kept {
            outln!(
                "Kept: {} on {} ({}), decided on {} by {}.",
                k.part,
                k.exception.code(),
                k.exception.citation(),
                k.decided_on,
                k.decided_by
            )?;
        }
        return Ok(());
    }
    let mut parts = Vec::with_capacity(keep.len());
    for item in keep {
        let Some((part, exception)) = item.split_once('=') else {
            bail!(
                "--keep {item:?}: write PART=EXCEPTION, e.g. --keep invoices=legal-obligation (`request partial {}` lists the exceptions); nothing was changed",
                request.reference
            );
        };
        parts.push((part.trim().to_owned(), exception.trim().to_owned()));
    }
    let on = date_or_today(on, "--on")?;
    let kept = session
        .requests()
        .keep_parts(id, &parts, reason, on, today())?;
    outln!(
        "Recorded: {} part(s) of {} kept; the rest is erased with `erase EMAIL --request {}`.",
        parts.len(),
        request.reference,
        request.reference
    )?;
    for k in kept {
        outln!(
            "  {}: {} ({})",
            k.part,
            k.exception.code(),
            k.exception.citation()
        )?;
    }
    Ok(())
}
