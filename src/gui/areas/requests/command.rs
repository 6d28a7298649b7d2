//! What the Requests area asks the app to do: taking requests in, moving them through their
//! workflow, fulfilling them and writing their letters. Wrapped in [`crate::gui::Command::Request`]
//! and applied after drawing (`apply_requests.rs`).

use std::path::PathBuf;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::letters::{Letter, LetterKind};
use crate::domain::request::{RefusalGround, RequestDraft};
use crate::domain::subject::SubjectDraft;
use crate::services::ErasureCertificate;

use super::terms_command::TermsCommand;

/// A request from the Requests area (or from a subject's page, to open a request).
#[derive(Debug)]
#[must_use]
pub enum RequestCommand {
    /// Take a new request in; its page opens on success.
    Take(RequestDraft),
    /// Open a request's page (going to the Requests area).
    Open(Uuid),
    /// Back from a request's page to the inbox.
    Close,
    /// Ask the person for identity or clarification (today).
    AskIdentity(Uuid),
    /// Start work on a request that needed no identity or clarification.
    StartWork(Uuid),
    /// Identity or clarification arrived on `on`.
    Verify {
        /// The request.
        id: Uuid,
        /// The day it arrived.
        on: NaiveDate,
    },
    /// Extend the deadline.
    Extend {
        /// The request.
        id: Uuid,
        /// Why (it goes into the letter).
        reason: String,
        /// The day the person was told.
        notified_on: NaiveDate,
    },
    /// Complete the request today.
    Complete {
        /// The request.
        id: Uuid,
        /// What was done.
        outcome: String,
    },
    /// Refuse the request today.
    Refuse {
        /// The request.
        id: Uuid,
        /// The ground.
        ground: RefusalGround,
    },
    /// The person withdrew the request today.
    Withdraw(Uuid),
    /// Write the person's access package into `dir`, on a worker thread.
    ExportAccess {
        /// The request answered.
        request: Uuid,
        /// The person.
        subject: Uuid,
        /// The folder chosen.
        dir: PathBuf,
    },
    /// Stop the running access export.
    CancelExport,
    /// Correct the person's record for a rectification request.
    Rectify {
        /// The request answered.
        request: Uuid,
        /// The person.
        subject: Uuid,
        /// Their fields as corrected.
        corrected: SubjectDraft,
    },
    /// Erase the person for an erasure request.
    Erase {
        /// The request answered.
        request: Uuid,
        /// The person.
        subject: Uuid,
    },
    /// Write an erasure certificate to a file (.txt or .json).
    SaveCertificate {
        /// The certificate.
        certificate: ErasureCertificate,
        /// The file chosen.
        path: PathBuf,
    },
    /// Restrict the person's processing, or lift the restriction.
    SetRestricted {
        /// The request answered.
        request: Uuid,
        /// The person.
        subject: Uuid,
        /// Restrict (true) or lift (false).
        restricted: bool,
    },
    /// Record withdrawals (purpose codes) or the CCPA opt-out / limit through the ledger.
    OptOut {
        /// The request answered.
        request: Uuid,
        /// The purposes chosen (empty for the CCPA opt-out and limit).
        purposes: Vec<String>,
    },
    /// Fill in a letter about the request.
    FillLetter {
        /// The request.
        request: Uuid,
        /// Which letter.
        kind: LetterKind,
        /// The language it is written in.
        lang: crate::domain::letters::Language,
    },
    /// Mark a task of the request done or not applicable.
    SetTask {
        /// The request.
        id: Uuid,
        /// The task's number.
        number: i64,
        /// Done or not applicable.
        status: crate::domain::request::task::TaskStatus,
        /// The day.
        on: NaiveDate,
        /// The officer's note.
        note: String,
    },
    /// Complete the request today with tasks still open, giving the reason.
    CompleteWithReason {
        /// The request.
        id: Uuid,
        /// What was done.
        outcome: String,
        /// Why the tasks stay open.
        reason: String,
    },
    /// Fill in the recipient notice to one vendor.
    FillRecipientNotice {
        /// The request.
        request: Uuid,
        /// The vendor's name.
        vendor: String,
        /// The language it is written in.
        lang: crate::domain::letters::Language,
    },
    /// Write the letter, as edited, to a file (.txt, .html or .docx).
    SaveLetter {
        /// The request.
        request: Uuid,
        /// The letter as edited.
        letter: Letter,
        /// The file chosen.
        path: PathBuf,
    },
    /// Record the language the request's letters are written in (the Letters drop-down).
    SetLanguage {
        /// The request.
        request: Uuid,
        /// The language chosen.
        lang: crate::domain::letters::Language,
    },
    /// A legal step of the request page (verification, fee, clarification, receipt,
    /// objection decisions; `terms_command.rs`).
    Terms(TermsCommand),
}
