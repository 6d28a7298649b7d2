//! The Mailchimp preset: the three CSV files of an audience export (Audience → Export), told
//! apart by their columns.
//!
//! - **subscribed**: consent given at `CONFIRM_TIME` when present (the double opt-in, channel
//!   `double-opt-in-email`), else at `OPTIN_TIME` (channel `web-form`). The evidence keeps both
//!   times and both IP addresses: `confirmed_at` = `CONFIRM_TIME`, `ip` = `CONFIRM_IP` (or
//!   `OPTIN_IP`), the note the opt-in time and IP.
//! - **unsubscribed** (has `UNSUB_TIME`): given as above when the times are there, then
//!   withdrawn at `UNSUB_TIME` (GDPR Art. 7(3)) with the reason (`UNSUB_REASON`,
//!   `UNSUB_REASON_OTHER`) and the campaign in the evidence note.
//! - **cleaned** (has `CLEAN_TIME`): the address bounced and is marked undeliverable at
//!   `CLEAN_TIME`. That is not a withdrawal: the person never said no.
//!
//! Times look like `2024-03-05 14:22:10` and are UTC. Every row needs `--purpose`.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};

use super::header_columns::{Col, assign, cell, header_key};
use super::{ImportRow, RowContext, RowProblem, check_email, check_time};

/// Which file of the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MailchimpKind {
    /// Subscribed contacts.
    Subscribed,
    /// Unsubscribed contacts.
    Unsubscribed,
    /// Cleaned (bounced) contacts.
    Cleaned,
}

impl MailchimpKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Subscribed => "subscribed",
            Self::Unsubscribed => "unsubscribed",
            Self::Cleaned => "cleaned",
        }
    }
}

/// The columns this preset reads, by slot.
const READ: [&str; 14] = [
    "Email Address",
    "First Name",
    "Last Name",
    "Phone Number",
    "OPTIN_TIME",
    "OPTIN_IP",
    "CONFIRM_TIME",
    "CONFIRM_IP",
    "UNSUB_TIME",
    "UNSUB_REASON",
    "UNSUB_REASON_OTHER",
    "UNSUB_CAMPAIGN_TITLE",
    "CLEAN_TIME",
    "CLEAN_CAMPAIGN_TITLE",
];

/// What each read column is, in words (for the preview of the column mapping).
const MEANING: [&str; 14] = [
    "email",
    "first name",
    "last name",
    "phone",
    "opt-in time",
    "opt-in IP (evidence)",
    "confirmation time (double opt-in)",
    "confirmation IP (evidence)",
    "withdrawn at",
    "withdrawal reason",
    "withdrawal reason (other)",
    "withdrawal campaign (evidence)",
    "undeliverable since",
    "bounce campaign (not kept)",
];

const EMAIL: usize = 0;
const FIRST: usize = 1;
const LAST: usize = 2;
const PHONE: usize = 3;
const OPTIN_TIME: usize = 4;
const OPTIN_IP: usize = 5;
const CONFIRM_TIME: usize = 6;
const CONFIRM_IP: usize = 7;
const UNSUB_TIME: usize = 8;
const UNSUB_REASON: usize = 9;
const UNSUB_REASON_OTHER: usize = 10;
const UNSUB_CAMPAIGN: usize = 11;
const CLEAN_TIME: usize = 12;

/// Columns of an export that carry nothing for consent and are left out without a warning.
const KNOWN_UNUSED: [&str; 16] = [
    "MEMBER_RATING",
    "LATITUDE",
    "LONGITUDE",
    "GMTOFF",
    "DSTOFF",
    "TIMEZONE",
    "CC",
    "REGION",
    "LAST_CHANGED",
    "LEID",
    "EUID",
    "NOTES",
    "TAGS",
    "UNSUB_CAMPAIGN_ID",
    "CLEAN_CAMPAIGN_ID",
    "Address",
];

/// Where each column is in a Mailchimp file, and which file it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailchimpColumns {
    kind: MailchimpKind,
    slots: [Option<Col>; 14],
}

impl MailchimpColumns {
    /// Reads the header: recognises the file by its columns (`UNSUB_TIME` → unsubscribed,
    /// `CLEAN_TIME` → cleaned, otherwise subscribed when `OPTIN_TIME` is there).
    pub fn from_header(header: &[&str]) -> Result<(Self, Vec<String>), Vec<RowProblem>> {
        let mut slots: [Option<Col>; 14] = Default::default();
        let mut problems = Vec::new();
        let mut ignored = Vec::new();
        for (index, name) in header.iter().enumerate() {
            let key = header_key(name);
            if let Some(slot) = READ.iter().position(|r| header_key(r) == key) {
                assign(&mut slots[slot], index, name, READ[slot], &mut problems);
            } else if !KNOWN_UNUSED.iter().any(|k| header_key(k) == key) {
                ignored.push(format!("{:?}", name.trim()));
            }
        }
        if slots[EMAIL].is_none() {
            problems.push(RowProblem::new(
                READ[EMAIL],
                "missing: a Mailchimp audience export has an \"Email Address\" column; is this the right file and preset?",
            ));
        }
        let kind = if slots[UNSUB_TIME].is_some() {
            MailchimpKind::Unsubscribed
        } else if slots[CLEAN_TIME].is_some() {
            MailchimpKind::Cleaned
        } else {
            if slots[OPTIN_TIME].is_none() && slots[CONFIRM_TIME].is_none() {
                problems.push(RowProblem::new(
                    READ[OPTIN_TIME],
                    "missing: a Mailchimp audience export has OPTIN_TIME (subscribed), UNSUB_TIME (unsubscribed) or CLEAN_TIME (cleaned)",
                ));
            }
            MailchimpKind::Subscribed
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut warnings = Vec::new();
        if !ignored.is_empty() {
            warnings.push(format!(
                "ignored columns (not read by the Mailchimp preset): {}",
                ignored.join(", ")
            ));
        }
        Ok((Self { kind, slots }, warnings))
    }

    /// Which file of the export this is.
    pub fn kind(&self) -> MailchimpKind {
        self.kind
    }

    /// Each found column and what it is read as.
    pub fn mapped(&self) -> Vec<(usize, String, &'static str)> {
        self.slots
            .iter()
            .zip(MEANING)
            .filter_map(|(slot, meaning)| slot.as_ref().map(|c| (c.index, c.name.clone(), meaning)))
            .collect()
    }

    fn get<'r>(&self, cells: &[&'r str], slot: usize) -> &'r str {
        cell(cells, self.slots[slot].as_ref()).trim()
    }

    fn name_of(&self, slot: usize) -> &str {
        self.slots[slot]
            .as_ref()
            .map_or(READ[slot], |c| c.name.as_str())
    }

    /// A time cell when it is filled; a problem when it is filled but wrong.
    fn time(
        &self,
        cells: &[&str],
        slot: usize,
        ctx: &RowContext<'_>,
        problems: &mut Vec<RowProblem>,
    ) -> Option<DateTime<Utc>> {
        let text = self.get(cells, slot);
        if text.is_empty() {
            return None;
        }
        check_time(text, ctx.now)
            .map_err(|m| problems.push(RowProblem::new(self.name_of(slot), m)))
            .ok()
    }

    /// What a row means, or every problem in it.
    pub fn row(&self, cells: &[&str], ctx: &RowContext<'_>) -> Result<ImportRow, Vec<RowProblem>> {
        let mut problems = Vec::new();
        let email = check_email(self.get(cells, EMAIL))
            .map_err(|m| problems.push(RowProblem::new(self.name_of(EMAIL), m)))
            .ok();
        if ctx.purpose.is_none() {
            problems.push(RowProblem::new(
                "--purpose",
                "missing: give the purpose this audience consented to",
            ));
        }
        let optin = self.time(cells, OPTIN_TIME, ctx, &mut problems);
        let confirm = self.time(cells, CONFIRM_TIME, ctx, &mut problems);
        let given = self.given(cells, optin, confirm);
        let mut events: Vec<ConsentEvent> = Vec::with_capacity(2);
        let mut undeliverable_at = None;
        match self.kind {
            MailchimpKind::Subscribed => match given {
                Some(g) => events.push(g),
                None if self.get(cells, OPTIN_TIME).is_empty()
                    && self.get(cells, CONFIRM_TIME).is_empty() =>
                {
                    problems.push(RowProblem::new(
                        self.name_of(OPTIN_TIME),
                        "empty, and so is CONFIRM_TIME: when consent was given is unknown",
                    ));
                }
                None => {}
            },
            MailchimpKind::Unsubscribed => {
                let unsub = self.required_time(cells, UNSUB_TIME, ctx, &mut problems);
                if let (Some(g), Some(u)) = (&given, unsub)
                    && u < g.at
                {
                    problems.push(RowProblem::new(
                        self.name_of(UNSUB_TIME),
                        "is before the time consent was given",
                    ));
                }
                events.extend(given);
                events.extend(unsub.map(|at| self.withdrawal(cells, at)));
            }
            MailchimpKind::Cleaned => {
                undeliverable_at = self.required_time(cells, CLEAN_TIME, ctx, &mut problems);
            }
        }
        let (Some(email), Some(purpose), true) = (email, ctx.purpose, problems.is_empty()) else {
            return Err(problems);
        };
        let code = ctx.catalogue.code(purpose).cloned();
        for e in &mut events {
            e.purpose.clone_from(&code);
        }
        let (first, last) = (self.get(cells, FIRST), self.get(cells, LAST));
        Ok(ImportRow {
            email: email.to_owned(),
            name: match (first.is_empty(), last.is_empty()) {
                (false, false) => format!("{first} {last}"),
                _ => format!("{first}{last}"),
            },
            phone: self.get(cells, PHONE).to_owned(),
            purpose,
            events,
            undeliverable_at,
            recorded_at: optin.or(confirm),
            customer_since: None,
        })
    }

    fn required_time(
        &self,
        cells: &[&str],
        slot: usize,
        ctx: &RowContext<'_>,
        problems: &mut Vec<RowProblem>,
    ) -> Option<DateTime<Utc>> {
        check_time(self.get(cells, slot), ctx.now)
            .map_err(|m| problems.push(RowProblem::new(self.name_of(slot), m)))
            .ok()
    }

    /// The consent given at the double opt-in, else at the opt-in (purpose filled in later).
    fn given(
        &self,
        cells: &[&str],
        optin: Option<DateTime<Utc>>,
        confirm: Option<DateTime<Utc>>,
    ) -> Option<ConsentEvent> {
        let optin_ip = self.get(cells, OPTIN_IP);
        let confirm_ip = self.get(cells, CONFIRM_IP);
        let mut note = String::from("Mailchimp audience export");
        if let Some(t) = optin {
            note.push_str(&format!("; opted in at {}", stamp(t)));
            if !optin_ip.is_empty() {
                note.push_str(&format!(" from {optin_ip}"));
            }
        }
        let (at, channel, evidence) = match (confirm, optin) {
            (Some(c), _) => (
                c,
                Channel::DoubleOptInEmail,
                Evidence {
                    ip: if confirm_ip.is_empty() {
                        optin_ip
                    } else {
                        confirm_ip
                    }
                    .to_owned(),
                    confirmed_at: stamp(c),
                    note,
                    ..Evidence::default()
                },
            ),
            (None, Some(o)) => (
                o,
                Channel::WebForm,
                Evidence {
                    ip: optin_ip.to_owned(),
                    note: format!("{note}; no double opt-in confirmation"),
                    ..Evidence::default()
                },
            ),
            (None, None) => return None,
        };
        Some(ConsentEvent {
            purpose: None,
            kind: ConsentEventKind::Given,
            at,
            channel,
            notice_version: None,
            evidence,
            recorded_by: String::new(),
        })
    }

    fn withdrawal(&self, cells: &[&str], at: DateTime<Utc>) -> ConsentEvent {
        let mut note = String::from("Mailchimp: unsubscribed");
        for (slot, label) in [
            (UNSUB_REASON, "reason"),
            (UNSUB_REASON_OTHER, "reason given"),
            (UNSUB_CAMPAIGN, "campaign"),
        ] {
            let text = self.get(cells, slot);
            if !text.is_empty() {
                note.push_str(&format!("; {label}: {text}"));
            }
        }
        ConsentEvent {
            purpose: None,
            kind: ConsentEventKind::Withdrawn,
            at,
            channel: Channel::Import,
            notice_version: None,
            evidence: Evidence {
                note,
                ..Evidence::default()
            },
            recorded_by: String::new(),
        }
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
