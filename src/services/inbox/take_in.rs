//! Taking emails in: each message is parsed, fingerprinted (seen before: skipped), classified,
//! checked for a follow-up, and recorded sealed, all in one write with one audit entry of
//! counts. Files and IMAP both come here.

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::{EmailIndex, MacBuilder, VaultKeys};
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::intake::follow_up::{OpenRequest, follow_up_of};
use crate::domain::intake::{
    Email, ImapAccount, IntakeRules, ProposalStatus, classify, parse_email, reference,
};
use crate::domain::request::{RequestStep, long_date};
use crate::jobs::Progress;
use crate::store::inbox::{self, NewMessage};
use crate::store::{Write, requests, subjects};

use super::super::{ServiceError, ServiceResult};
use super::Inbox;

/// What a take-in did (counts only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IntakeReport {
    /// Messages read.
    pub read: u64,
    /// New proposals with a type.
    pub proposed: u64,
    /// Follow-ups attached to a request.
    pub follow_ups: u64,
    /// New messages with no type recognised (or bulk mail).
    pub not_requests: u64,
    /// Messages taken in before (same Message-ID), skipped.
    pub seen_before: u64,
    /// Messages that could not be read as email, skipped.
    pub unreadable: u64,
}

impl IntakeReport {
    /// The counts in one sentence, for the audit trail and the command line.
    pub fn sentence(&self) -> String {
        format!(
            "{} read: {} proposed, {} follow-up(s), {} not a request, {} seen before, {} unreadable",
            self.read,
            self.proposed,
            self.follow_ups,
            self.not_requests,
            self.seen_before,
            self.unreadable
        )
    }
}

/// One message to take in.
pub(super) struct Incoming {
    /// The message as received.
    pub raw: Vec<u8>,
    /// The day to use when the message has no Received or Date header (an mbox "From " line's
    /// date, or an IMAP INTERNALDATE); else today.
    pub fallback_day: Option<NaiveDate>,
    /// For IMAP: (account fingerprint, UIDVALIDITY, UID), marked seen in the same write.
    pub imap: Option<(Vec<u8>, u32, u32)>,
}

/// The keyed fingerprint of a Message-ID (normalised: no brackets or case), or of the whole
/// message when it has none. Keyed with the pseudonym key under its own label.
pub(super) fn fingerprint(keys: &VaultKeys, message_id: Option<&str>, raw: &[u8]) -> Vec<u8> {
    let b = MacBuilder::new(&keys.pseudonym).field(b"privacy-desk/inbox/message");
    match message_id.map(normalise_id).filter(|m| !m.is_empty()) {
        Some(id) => b.field(b"message-id").field(id.as_bytes()),
        None => b.field(b"raw").field(raw),
    }
    .finish()
    .to_vec()
}

fn normalise_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_lowercase()
}

/// Whether a parsed message has anything of an email (a sender, a date or a Message-ID):
/// random bytes parse as a body without headers.
fn looks_like_mail(e: &Email) -> bool {
    !e.from.is_empty() || e.message_id.is_some() || e.received.is_some()
}

impl Inbox<'_> {
    /// Notes on a request that follow-up email number `number` arrived.
    pub(super) fn note_follow_up(
        &self,
        w: &Write<'_>,
        request: Uuid,
        number: i64,
        received: NaiveDate,
    ) -> ServiceResult<()> {
        if let Some(r) = requests::get(w, &self.keys.field, request)? {
            requests::append_step(
                w,
                request,
                &RequestStep {
                    at: Utc::now(),
                    from: Some(r.state),
                    to: r.state,
                    what: format!(
                        "Follow-up email {} received on {} (privacy mailbox)",
                        reference(number),
                        long_date(received)
                    ),
                    actor: self.user.name.clone(),
                },
            )?;
        }
        Ok(())
    }

    /// Takes messages in (see the module documentation); `source` is `file` or `imap`.
    pub(super) fn take_in(
        &self,
        messages: Vec<Incoming>,
        source: &'static str,
        today: NaiveDate,
        progress: &Progress,
        save_account: Option<&ImapAccount>,
    ) -> ServiceResult<IntakeReport> {
        self.require(Permission::TakeInRequests)?;
        let rules = IntakeRules::shipped()
            .map_err(|e| ServiceError::invalid("Intake rules", e.to_string()))?;
        progress.set_total(messages.len() as u64);
        let mut report = IntakeReport::default();
        let mut w = self.store.write()?;
        for (i, m) in messages.into_iter().enumerate() {
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            report.read += 1;
            self.take_one(&mut w, &rules, &m, source, today, &mut report)?;
            if let Some((account, validity, uid)) = &m.imap {
                inbox::mark_seen(&w, account, *validity, *uid)?;
            }
            progress.set_done(i as u64 + 1);
        }
        if source == "file" && report.unreadable == report.read {
            return Err(ServiceError::invalid(
                "FILE",
                "none of the files holds an email (no sender, date or Message-ID); give .mbox or .eml files. Nothing was imported.",
            ));
        }
        let entry = self.entry(
            AuditAction::InboxImported,
            EntityRef::new("inbox", source),
            report.sentence(),
        );
        w.append_audit(&self.keys.audit, &entry)?;
        if let Some(account) = save_account {
            self.save_account(&mut w, account)?;
        }
        w.commit()?;
        Ok(report)
    }

    fn take_one(
        &self,
        w: &mut Write<'_>,
        rules: &IntakeRules,
        m: &Incoming,
        source: &'static str,
        today: NaiveDate,
        report: &mut IntakeReport,
    ) -> ServiceResult<()> {
        let keys = self.keys;
        let Some(email) = parse_email(rules, &m.raw).filter(looks_like_mail) else {
            report.unreadable += 1;
            return Ok(());
        };
        let fp = fingerprint(keys, email.message_id.as_deref(), &m.raw);
        if inbox::exists(w, &fp)? {
            report.seen_before += 1;
            return Ok(());
        }
        let c = classify(rules, &email);
        let thread: Vec<Vec<u8>> = email
            .references
            .iter()
            .map(|r| fingerprint(keys, Some(r), &[]))
            .collect();
        let by_thread = inbox::request_of(w, &thread)?;
        let thread_of = match by_thread {
            None => inbox::pending_of(w, &thread)?,
            Some(_) => None,
        };
        let usable = crate::domain::email::is_email(&email.from);
        let mut open = Vec::new();
        if by_thread.is_none() && c.kind.is_some() && usable {
            for s in subjects::find_by_email(w, &keys.field, &keys.email_index, &email.from)? {
                for r in requests::summaries_for_subject(w, s.id)? {
                    if !r.state.is_closed() {
                        open.push(OpenRequest {
                            id: r.id,
                            kind: r.kind,
                        });
                    }
                }
            }
        }
        let follow = follow_up_of(by_thread, c.kind, &open);
        let status = match (follow, c.kind) {
            (Some(_), _) => ProposalStatus::FollowUp,
            (None, Some(_)) => ProposalStatus::Proposed,
            (None, None) => ProposalStatus::NotARequest,
        };
        let received = email
            .received
            .or(m.fallback_day)
            .unwrap_or(today)
            .min(today);
        let index = usable.then(|| EmailIndex::of(&keys.email_index, &email.from).0);
        let id = Uuid::new_v4();
        let number = inbox::insert(
            w,
            &keys.field,
            &NewMessage {
                id,
                fingerprint: &fp,
                status,
                received,
                proposed_type: c.kind,
                proposed_regime: c.regime,
                matched_phrase: c.phrase.as_deref(),
                sender_index: index.as_ref().map(|i| i.as_slice()),
                from: &email.from,
                from_name: &email.from_name,
                subject: &email.subject,
                raw: &m.raw,
                follow_up_of: follow,
                thread_of: thread_of.filter(|_| follow.is_none()),
                source,
            },
        )?;
        match (follow, c.kind) {
            (Some(request), _) => {
                report.follow_ups += 1;
                self.note_follow_up(w, request, number, received)?;
            }
            (None, Some(_)) => report.proposed += 1,
            (None, None) => report.not_requests += 1,
        }
        Ok(())
    }
}
