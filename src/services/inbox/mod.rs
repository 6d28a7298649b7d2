//! The privacy mailbox at the service level: emails taken in from files ([`import`]) or an
//! IMAP folder ([`fetch`]) become proposals ([`take_in`]); the officer lists them, accepts one
//! (a request is opened through the requests area, with the day of receipt and the message as
//! its evidence) or dismisses it. Audit entries carry numbers and codes, never a sender or a
//! subject line.

mod account;
mod fetch;
mod import;
mod take_in;
mod tls;

/// The privacy-mailbox area of a session (see [`crate::services::front`]).
pub type Inbox<'s> = crate::services::front::Front<'s, crate::services::front::area::Inbox>;

pub use account::AccountChange;
pub use take_in::IntakeReport;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::intake::{Proposal, ProposalStatus, number_of, type_under};
use crate::domain::organisation::Regime;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester, long_date};
use crate::store::{inbox, requests, subjects};

use super::{ServiceError, ServiceResult};

/// One proposal as the list shows it.
#[derive(Clone, Debug)]
pub struct ProposalRow {
    /// The proposal.
    pub proposal: Proposal,
    /// Whether a subject record has the sender's address.
    pub subject_found: bool,
    /// The reference of the request it follows up.
    pub follow_up_of: Option<String>,
    /// The reference of the request opened from it.
    pub accepted_as: Option<String>,
}

impl Inbox<'_> {
    /// Every message taken in, newest first.
    pub fn proposals(&self) -> ServiceResult<Vec<ProposalRow>> {
        self.require(Permission::ViewPersonalData)?;
        let conn = self.store.db();
        let refs: std::collections::HashMap<Uuid, String> = requests::summaries(conn)?
            .into_iter()
            .map(|s| (s.id, s.reference))
            .collect();
        let mut out = Vec::new();
        for p in inbox::list(conn, &self.keys.field)? {
            let subject_found = !p.from.is_empty()
                && crate::domain::email::is_email(&p.from)
                && !subjects::find_by_email(
                    conn,
                    &self.keys.field,
                    &self.keys.email_index,
                    &p.from,
                )?
                .is_empty();
            out.push(ProposalRow {
                follow_up_of: p.follow_up_of.and_then(|r| refs.get(&r).cloned()),
                accepted_as: p.accepted_request.and_then(|r| refs.get(&r).cloned()),
                subject_found,
                proposal: p,
            });
        }
        Ok(out)
    }

    /// One proposal by its reference (`M-0001` or `1`).
    pub fn proposal(&self, reference: &str) -> ServiceResult<Proposal> {
        self.require(Permission::ViewPersonalData)?;
        let missing = || {
            ServiceError::invalid(
                "Message",
                format!(
                    "there is no message {}; `inbox list` shows their numbers (M-0001).",
                    reference.trim()
                ),
            )
        };
        let n = number_of(reference).ok_or_else(missing)?;
        inbox::get(self.store.db(), &self.keys.field, n)?.ok_or_else(missing)
    }

    /// The original message, as received (the evidence), for the window to show beside the
    /// proposal.
    pub fn original(&self, id: Uuid) -> ServiceResult<Vec<u8>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(inbox::raw(self.store.db(), &self.keys.field, id)?.to_vec())
    }

    fn pending(&self, p: &Proposal) -> ServiceResult<()> {
        if p.status.is_pending() {
            return Ok(());
        }
        let conn = self.store.db();
        let reference = |id: Option<Uuid>| -> ServiceResult<String> {
            Ok(match id {
                Some(id) => requests::summaries(conn)?
                    .into_iter()
                    .find(|s| s.id == id)
                    .map_or_else(|| "a request since erased".into(), |s| s.reference),
                None => "a request".into(),
            })
        };
        let why = match p.status {
            ProposalStatus::Accepted => {
                format!("was already accepted as {}", reference(p.accepted_request)?)
            }
            ProposalStatus::FollowUp => format!(
                "is a follow-up of {}; it is attached there",
                reference(p.follow_up_of)?
            ),
            _ => "was dismissed".into(),
        };
        Err(ServiceError::invalid(
            "Message",
            format!("{} {why}; nothing was changed.", p.reference()),
        ))
    }

    /// Accepts a proposal: opens a request (the given type and regime, else the proposed
    /// ones; the regime defaults to the organisation's first), received on the day of receipt,
    /// by email, with the message as its evidence. Returns the request's id and reference.
    pub fn accept(
        &self,
        reference: &str,
        kind: Option<RequestType>,
        regime: Option<Regime>,
        today: NaiveDate,
    ) -> ServiceResult<(Uuid, String)> {
        self.require(Permission::TakeInRequests)?;
        let p = self.proposal(reference)?;
        self.pending(&p)?;
        let regime = match regime.or(p.proposed_regime) {
            Some(r) => r,
            None => self
                .settings()
                .profile()?
                .regimes
                .first()
                .copied()
                .unwrap_or(Regime::Gdpr),
        };
        let kind = match (kind, p.proposed_type) {
            (Some(k), _) => k,
            (None, Some(k)) => type_under(k, regime),
            (None, None) => {
                return Err(ServiceError::invalid(
                    "Type",
                    format!(
                        "no request type was recognised in {}; give one with --type (access, erasure, rectification, restriction, portability, objection, withdraw-consent; know, delete, correct, opt-out, limit under the CCPA).",
                        p.reference()
                    ),
                ));
            }
        };
        if !crate::domain::email::is_email(&p.from) {
            return Err(ServiceError::invalid(
                "Message",
                format!(
                    "{} has no usable sender address, so it cannot be linked to a person; open the request by hand with `request open`.",
                    p.reference()
                ),
            ));
        }
        let draft = RequestDraft {
            regime,
            kind,
            received: p.received,
            channel: RequestChannel::Email,
            email: p.from.clone(),
            requester: Requester {
                name: p.from_name.clone(),
                ..Requester::default()
            },
            details: format!(
                "Taken in from the privacy mailbox: email {} received on {}, subject \"{}\". The original message is kept as evidence.",
                p.reference(),
                long_date(p.received),
                p.subject
            ),
        };
        let entry_for = |request: &str| {
            self.entry(
                AuditAction::InboxUpdated,
                EntityRef::new("inbox_message", p.reference()),
                format!("accepted as {request} ({})", kind.code()),
            )
        };
        let keys = self.keys;
        // The language its words were written in becomes the language of its letters.
        let language = p.matched_phrase.as_deref().and_then(|phrase| {
            let rules = crate::domain::intake::IntakeRules::shipped().ok()?;
            crate::domain::intake::language::detected_language(&rules, phrase)
        });
        self.requests()
            .open_request_then(&draft, today, |w, request_id, request_ref| {
                inbox::set_status(w, p.id, ProposalStatus::Accepted, Some(request_id))?;
                if let Some(lang) = language {
                    self.requests()
                        .record_letter_language(w, request_id, lang)?;
                }
                w.append_audit(&keys.audit, &entry_for(request_ref))?;
                // Replies to it that arrived before it was accepted follow the new request.
                for (reply, number, received) in inbox::pending_replies(w, p.id)? {
                    inbox::set_follow_up(w, reply, request_id)?;
                    self.note_follow_up(w, request_id, number, received)?;
                }
                Ok(())
            })
    }

    /// Dismisses a proposal (not a request, or handled elsewhere).
    pub fn dismiss(&self, reference: &str) -> ServiceResult<()> {
        self.require(Permission::TakeInRequests)?;
        let p = self.proposal(reference)?;
        self.pending(&p)?;
        let entry = self.entry(
            AuditAction::InboxUpdated,
            EntityRef::new("inbox_message", p.reference()),
            format!("dismissed ({})", p.status.code()),
        );
        let mut w = self.store.write()?;
        inbox::set_status(&w, p.id, ProposalStatus::Dismissed, None)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}
