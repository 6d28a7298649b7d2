//! `request|incident|vendor|pia attach|attachment|attachments|detach`: files kept sealed with a
//! record, the same service calls the window makes.

use std::path::PathBuf;

use clap::Subcommand;

use crate::domain::attachment::AttachmentOwner;
use crate::domain::records::RecordCode;
use crate::jobs::Progress;
use crate::services::Session;

/// Which kind of record the command's reference names.
#[derive(Clone, Copy, Debug)]
pub enum OwnerKind {
    /// `request …` (R-0001).
    Request,
    /// `incident …` (INC-0001).
    Incident,
    /// `vendor …` (its code).
    Vendor,
    /// `pia …` (its id).
    Assessment,
}

/// The attachment commands every record kind shares (flattened into `request`, `incident`,
/// `vendor` and `pia`).
#[derive(Debug, Subcommand)]
pub enum AttachmentCommand {
    /// Keep a file (an ID document, the original email, a signed agreement; at most 25 MB)
    /// sealed with the record. The file on disk is left as it is: delete it yourself once
    /// attached if it should not stay there in clear.
    Attach {
        /// The record (R-0001, INC-0001, a vendor's code or an assessment's id).
        reference: String,
        /// The file to attach; it keeps its name.
        file: PathBuf,
    },
    /// Save an attachment to a file, in clear (readable by you only).
    Attachment {
        /// The record (R-0001, INC-0001, a vendor's code or an assessment's id).
        reference: String,
        /// The attachment's name, as `attachments` lists it.
        name: String,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// List a record's attachments: name, size, who added it and when.
    Attachments {
        /// The record (R-0001, INC-0001, a vendor's code or an assessment's id).
        reference: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove an attachment from a record.
    Detach {
        /// The record (R-0001, INC-0001, a vendor's code or an assessment's id).
        reference: String,
        /// The attachment's name, as `attachments` lists it.
        name: String,
    },
}

impl AttachmentCommand {
    fn reference(&self) -> &str {
        match self {
            Self::Attach { reference, .. }
            | Self::Attachment { reference, .. }
            | Self::Attachments { reference, .. }
            | Self::Detach { reference, .. } => reference,
        }
    }
}

/// The record a reference names, or an error saying how to find it.
fn owner(session: &Session, kind: OwnerKind, reference: &str) -> anyhow::Result<AttachmentOwner> {
    Ok(match kind {
        OwnerKind::Request => AttachmentOwner::Request(session.requests().find_request(reference)?),
        OwnerKind::Incident => {
            AttachmentOwner::Incident(session.security().find_incident(reference)?)
        }
        OwnerKind::Assessment => {
            AttachmentOwner::Assessment(session.assessments().resolve_assessment_id(reference)?)
        }
        OwnerKind::Vendor => {
            let code =
                RecordCode::parse(reference.trim()).map_err(|m| anyhow::anyhow!("vendor {m}"))?;
            if session.vendors().vendor(&code)?.is_none() {
                anyhow::bail!(
                    "there is no vendor {}; `vendor list` shows their codes",
                    code.as_str()
                );
            }
            AttachmentOwner::Vendor(code.as_str().to_owned())
        }
    })
}

/// Runs one attachment command on the record of `kind` it names.
pub fn run(session: &Session, kind: OwnerKind, command: AttachmentCommand) -> anyhow::Result<()> {
    let owner = owner(session, kind, command.reference())?;
    let files = session.attachments();
    match command {
        AttachmentCommand::Attach { file, reference } => {
            let info = files.attach_file(&owner, &file, &Progress::default())?;
            outln!(
                "Attached {} ({} bytes) to {reference}, sealed in the store.",
                info.name,
                info.size
            )?;
        }
        AttachmentCommand::Attachment { name, out, .. } => {
            let bytes = files.save(&owner, &name, &out, &Progress::default())?;
            outln!("Saved {name} ({bytes} bytes) to {}.", out.display())?;
        }
        AttachmentCommand::Attachments { json, .. } => {
            let list = files.list(&owner)?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "name": a.name,
                            "size": a.size,
                            "added_by": a.added_by,
                            "added_at": a.added_at.to_rfc3339(),
                        })
                    })
                    .collect();
                outln!("{}", serde_json::to_string_pretty(&rows)?)?;
            } else if list.is_empty() {
                outln!("No attachments.")?;
            } else {
                for a in &list {
                    outln!(
                        "{}\t{} bytes\t{}\t{}",
                        a.name,
                        a.size,
                        a.added_by,
                        a.added_at.format("%Y-%m-%d %H:%M UTC")
                    )?;
                }
            }
        }
        AttachmentCommand::Detach { name, reference } => {
            files.remove(&owner, &name)?;
            outln!("Removed {name} from {reference}.")?;
        }
    }
    Ok(())
}
