//! `inbox …`: the privacy mailbox from the command line: import files, fetch over IMAP, list
//! the proposals, accept one (opening a request) or dismiss it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use chrono::{Local, NaiveDate};
use clap::Subcommand;
use serde::Serialize;

use crate::domain::request::{RequestType, regime_code, regime_from_code};
use crate::jobs::Progress;
use crate::services::{AccountChange, IntakeReport, ProposalRow, Session};

/// `inbox …`
#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// Take in emails from .mbox files, .eml files and folders of them (searched recursively).
    Import {
        /// The files and folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Take in the new emails of the IMAP folder over TLS. The options are stored the first
    /// time (the password sealed) and only needed again to change them. Never deletes, moves
    /// or marks mail: the folder is opened read-only.
    Fetch {
        /// The IMAP server's host name.
        #[arg(long)]
        host: Option<String>,
        /// The IMAPS port (default 993).
        #[arg(long)]
        port: Option<u16>,
        /// The login name on the IMAP server (`--user` is the Privacy Desk user who signs in).
        #[arg(long, value_name = "NAME")]
        imap_user: Option<String>,
        /// The folder to read (default INBOX).
        #[arg(long)]
        folder: Option<String>,
        /// A PEM file of the server's certificate or its authority, for a server whose
        /// certificate is not from a public authority.
        #[arg(long, value_name = "FILE")]
        ca_file: Option<PathBuf>,
        /// A file whose first line is the password or app password (else asked once).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
    /// List the emails taken in, newest first.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Open a request from a proposal; prints the new request's reference alone on the last
    /// line.
    Accept {
        /// The message's number (M-0001).
        id: String,
        /// The request type, when not the proposed one.
        #[arg(long = "type")]
        kind: Option<String>,
        /// gdpr, uk-gdpr or ccpa, when not the one the email names (else the organisation's).
        #[arg(long)]
        regime: Option<String>,
    },
    /// Print the original message of a proposal, as received (the evidence).
    Show {
        /// The message's number (M-0001).
        id: String,
    },
    /// Dismiss a proposal: no request, or handled elsewhere.
    Dismiss {
        /// The message's number (M-0001).
        id: String,
    },
}

/// One line of `inbox list --json`.
#[derive(Serialize)]
struct ProposalJson {
    id: String,
    from: String,
    received: NaiveDate,
    subject: String,
    proposed_type: Option<&'static str>,
    matched_phrase: Option<String>,
    subject_found: bool,
    follow_up_of: Option<String>,
    status: &'static str,
}

fn json(row: &ProposalRow) -> ProposalJson {
    let p = &row.proposal;
    ProposalJson {
        id: p.reference(),
        from: p.from.clone(),
        received: p.received,
        subject: p.subject.clone(),
        proposed_type: p.proposed_type.map(RequestType::code),
        matched_phrase: p.matched_phrase.clone(),
        subject_found: row.subject_found,
        follow_up_of: row.follow_up_of.clone(),
        status: p.status.code(),
    }
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Runs `work` while a thread prints its progress to a terminal's standard error.
fn with_progress<T>(
    label: &str,
    work: impl FnOnce(&Progress) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let progress = Progress::new();
    let done = Arc::new(AtomicBool::new(false));
    let printer = std::io::stderr().is_terminal().then(|| {
        let (progress, done, label) = (Arc::clone(&progress), Arc::clone(&done), label.to_owned());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(500));
                let (n, total) = progress.counts();
                if total > 0 {
                    eprint!("\r{label}: {n} of {total}");
                }
            }
            eprint!("\r\x1b[K");
        })
    });
    let result = work(&progress);
    done.store(true, Ordering::Relaxed);
    if let Some(p) = printer {
        let _ = p.join();
    }
    result
}

fn print_report(report: &IntakeReport) -> anyhow::Result<()> {
    outln!("Took in {}.", report.sentence())?;
    if report.proposed + report.not_requests + report.follow_ups > 0 {
        outln!("`inbox list` shows them; `inbox accept M-0001` opens a request.")?;
    }
    Ok(())
}

/// Runs an inbox command.
pub fn run(session: &mut Session, command: InboxCommand) -> anyhow::Result<()> {
    match command {
        InboxCommand::Import { files } => {
            let report = with_progress("Reading emails", |p| {
                Ok(session.inbox().import_files(&files, today(), p)?)
            })?;
            print_report(&report)?;
        }
        InboxCommand::Fetch {
            host,
            port,
            imap_user: user,
            folder,
            ca_file,
            password_file,
        } => {
            let stored = session.inbox().account()?;
            // A password is asked for a new server or user (none yet: only once one is named,
            // else the service says what to give).
            let new_login = match &stored {
                None => host.is_some() || user.is_some(),
                Some(a) => {
                    host.as_ref().is_some_and(|h| h.trim() != a.host)
                        || user.as_ref().is_some_and(|u| u != &a.user)
                }
            };
            let password = if password_file.is_some()
                || new_login
                || stored.as_ref().is_some_and(|a| a.password.is_none())
            {
                Some(super::secrets::imap_password(password_file.as_deref())?)
            } else {
                None
            };
            let ca_file = match ca_file {
                Some(f) => Some(
                    std::path::absolute(&f)
                        .with_context(|| format!("--ca-file: {} cannot be used", f.display()))?
                        .to_string_lossy()
                        .into_owned(),
                ),
                None => None,
            };
            let change = AccountChange {
                host,
                port,
                user,
                folder,
                ca_file,
                password,
            };
            let report = with_progress("Fetching emails", |p| {
                Ok(session.inbox().fetch(change, today(), p)?)
            })?;
            print_report(&report)?;
        }
        InboxCommand::List { json: as_json } => {
            let rows = session.inbox().proposals()?;
            if as_json {
                let list: Vec<ProposalJson> = rows.iter().map(json).collect();
                outln!("{}", serde_json::to_string_pretty(&list)?)?;
            } else if rows.is_empty() {
                outln!(
                    "No emails taken in yet; `inbox import FILE` or `inbox fetch` takes them in."
                )?;
            } else {
                for r in &rows {
                    let p = &r.proposal;
                    let what = match (&r.follow_up_of, &r.accepted_as, p.proposed_type) {
                        (Some(req), _, _) => format!("follow-up of {req}"),
                        (None, Some(req), _) => format!("accepted as {req}"),
                        (None, None, Some(k)) => format!(
                            "{} (\"{}\")",
                            k.code(),
                            p.matched_phrase.as_deref().unwrap_or_default()
                        ),
                        (None, None, None) => "no type recognised".into(),
                    };
                    outln!(
                        "{}  {}  {:<13}  {}  {}{}  \"{}\"",
                        p.reference(),
                        p.received,
                        p.status.code(),
                        what,
                        p.from,
                        if r.subject_found { " (known)" } else { "" },
                        p.subject
                    )?;
                }
            }
        }
        InboxCommand::Accept { id, kind, regime } => {
            let regime = match regime {
                Some(r) => Some(regime_from_code(&r).with_context(|| {
                    format!("--regime: \"{r}\" is not a regime; use gdpr, uk-gdpr or ccpa")
                })?),
                None => None,
            };
            let kind = match kind {
                Some(k) => Some(RequestType::from_code(&k).with_context(|| {
                    format!(
                        "--type: \"{k}\" is not a request type; use access, rectification, erasure, restriction, portability, objection, withdraw-consent, know, delete, correct, opt-out or limit"
                    )
                })?),
                None => None,
            };
            let (request, reference) = session.inbox().accept(&id, kind, regime, today())?;
            let d = session.requests().request_detail(request, today())?;
            outln!(
                "Accepted {} as {} ({} {}), received {}, due {}.",
                id.trim(),
                reference,
                regime_code(d.request.regime),
                d.request.kind.code(),
                d.request.received,
                d.deadline.due
            )?;
            outln!("{reference}")?;
        }
        InboxCommand::Show { id } => {
            let inbox = session.inbox();
            let p = inbox.proposal(&id)?;
            let raw = inbox.original(p.id)?;
            outln!("{}", String::from_utf8_lossy(&raw).trim_end())?;
        }
        InboxCommand::Dismiss { id } => {
            session.inbox().dismiss(&id)?;
            outln!("Dismissed {}.", id.trim())?;
        }
    }
    Ok(())
}
