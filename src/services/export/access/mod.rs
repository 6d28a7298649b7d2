//! One subject's access / portability package (GDPR Art. 15 and 20, UK GDPR the same, CCPA
//! right to know, Cal. Civ. Code § 1798.110 and § 1798.130(a)(2)(B)): a folder holding the
//! personal data as pretty JSON, four CSV files (identity, consent history, requests,
//! corrections) and a readable page, rendered by [`json`], [`csv`] and [`report`].
//!
//! Every file is written as `<name>.partial`, synced, and renamed into place only after the
//! audit entry (subject id and counts, never a value) is committed; an error or a cancel
//! removes the partial files, any file of this run already renamed, and the folder when this
//! run created it. Decrypted values are wiped from memory when the package has been written.

mod csv;
mod html;
mod json;
mod processing;
mod records;
mod report;
mod retention_view;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use uuid::Uuid;
use zeroize::Zeroize as _;

use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::consent::{ConsentEvent, ConsentState, current_state};
use crate::domain::organisation::{OrganisationProfile, Regime};
use crate::domain::purpose::Purpose;
use crate::domain::request::{RequestState, RequestType};
use crate::domain::subject::{Subject, SubjectDraft};
use crate::jobs::Progress;
use crate::services::{ServiceError, ServiceResult};
use crate::store::rectification::{self, FieldChange};
use crate::store::{requests as request_store, undeliverable};

use super::{AtomicFile, PERMISSION, output_error, write_all};
use csv::{consent_csv, corrections_csv, identity_csv, requests_csv};
use json::json_package;
use report::report_page;

/// The files of a package, in the order they are written.
const FILES: [&str; 6] = [
    "personal-data.json",
    "identity.csv",
    "consent-history.csv",
    "requests.csv",
    "corrections.csv",
    "report.html",
];

/// The files of a package that may disclose categories only (a CCPA request to know verified
/// to a reasonable, not a reasonably high, degree of certainty: 11 CCR § 7062(b), § 7024).
const CATEGORY_FILES: [&str; 2] = ["personal-data.json", "report.html"];

/// Consent events per progress step (and between looks at the cancel flag).
pub(super) const EVENTS_PER_STEP: u64 = 1000;

/// The files of one access package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessPackage {
    /// The folder written.
    pub dir: PathBuf,
    /// The files written, in that folder.
    pub files: Vec<PathBuf>,
    /// Consent ledger events exported.
    pub consent_events: u64,
    /// Requests of the subject exported.
    pub requests: u64,
}

/// One of the subject's requests, as the package shows it.
pub(super) struct RequestLine {
    pub id: Uuid,
    pub reference: String,
    pub kind: RequestType,
    pub regime: Regime,
    pub state: RequestState,
    pub received: NaiveDate,
    pub due: NaiveDate,
    pub closed: Option<NaiveDate>,
    /// Whether the request's file still holds the person's details (not anonymised).
    pub file_kept: bool,
}

/// Everything a package holds, read once. Decrypted values are wiped on drop.
pub(super) struct Contents {
    pub subject: Subject,
    pub restricted_on: Option<String>,
    pub undeliverable_since: Option<DateTime<Utc>>,
    pub events: Vec<ConsentEvent>,
    /// The purposes in the person's ledger (or with a state from it), catalogue order.
    pub purposes: Vec<(Purpose, ConsentState)>,
    /// Every purpose's (code, name), to name the purpose of an event.
    pub names: Vec<(String, String)>,
    pub requests: Vec<RequestLine>,
    /// The index in `requests` of the request this package answers.
    pub answering: Option<usize>,
    pub corrections: Vec<FieldChange>,
    pub profile: OrganisationProfile,
    /// The regimes whose rights are explained: the request's, else the organisation's.
    pub regimes: Vec<Regime>,
    /// What the records say about the processing (Art. 15(1)(a)–(h), 15(2); CCPA know).
    pub processing: records::Processing,
    /// Whether specific pieces may be disclosed; `false` for a CCPA request to know verified
    /// for categories only (the data files and values are then left out).
    pub specific: bool,
    pub generated_at: DateTime<Utc>,
}

impl Drop for Contents {
    fn drop(&mut self) {
        let f = &mut self.subject.fields;
        for text in [
            &mut f.email,
            &mut f.name,
            &mut f.phone,
            &mut f.postal_address,
            &mut f.customer_ref,
            &mut f.notes,
            &mut f.tags,
        ] {
            text.zeroize();
        }
        for e in &mut self.events {
            let ev = &mut e.evidence;
            for text in [
                &mut ev.form_id,
                &mut ev.ip,
                &mut ev.confirmed_at,
                &mut ev.document_ref,
                &mut ev.note,
            ] {
                text.zeroize();
            }
        }
        for c in &mut self.corrections {
            c.before.zeroize();
            c.after.zeroize();
        }
    }
}

impl Contents {
    /// The name of the purpose with this code ("" when it is not in the catalogue).
    pub fn purpose_name(&self, code: &str) -> &str {
        self.names
            .iter()
            .find(|(c, _)| c == code)
            .map_or("", |(_, n)| n.as_str())
    }

    /// The files this package writes.
    pub fn files(&self) -> &'static [&'static str] {
        if self.specific {
            &FILES
        } else {
            &CATEGORY_FILES
        }
    }

    /// The request this package answers.
    pub fn answering(&self) -> Option<&RequestLine> {
        self.answering.and_then(|i| self.requests.get(i))
    }
}

/// The identity fields as (code, label, value).
pub(super) fn identity_fields(f: &SubjectDraft) -> [(&'static str, &'static str, &str); 7] {
    [
        ("email", "Email address", f.email.as_str()),
        ("name", "Name", f.name.as_str()),
        ("phone", "Telephone number", f.phone.as_str()),
        (
            "postal_address",
            "Postal address",
            f.postal_address.as_str(),
        ),
        (
            "customer_ref",
            "Customer reference",
            f.customer_ref.as_str(),
        ),
        ("tags", "Tags", f.tags.as_str()),
        ("notes", "Notes", f.notes.as_str()),
    ]
}

/// A time as the package writes it (RFC 3339, seconds, `Z`).
pub(super) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A day as the package writes it (YYYY-MM-DD).
pub(super) fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl super::Exports<'_> {
    /// Writes the access package of `subject` into the folder `dir` (created if missing;
    /// refused with a clear [`ServiceError::Invalid`] naming the folder if it already holds
    /// files of a package). `request` is the request it answers (its reference goes into the
    /// report; it must be one of this subject's requests). Reports progress on `progress` (a
    /// step per file and per 1,000 consent events) and stops with [`ServiceError::Cancelled`],
    /// removing what it wrote, when `progress` is cancelled. One audit entry records the
    /// subject id and the counts.
    pub fn export_access_package(
        &mut self,
        subject: Uuid,
        dir: &Path,
        request: Option<Uuid>,
        progress: &Progress,
    ) -> ServiceResult<AccessPackage> {
        self.require(PERMISSION)?;
        check_folder(dir)?;
        let contents = self.access_contents(subject, request)?;
        let events = contents.events.len() as u64;
        let total = contents.files().len() as u64 + events.div_ceil(EVENTS_PER_STEP);
        progress.set_total(total);
        progress.set_done(0);
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let mut run = Cleanup::new(dir)?;
        let files = write_files(&contents, dir, progress)?;
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let requests = contents.requests.len() as u64;
        let corrections = contents.corrections.len();
        let written = contents.files().len();
        drop(contents);
        self.record(
            AuditAction::PersonalDataExported,
            EntityRef::new("subject", subject.to_string()),
            format!(
                "access package: {written} files, {events} consent events, {requests} requests, \
                 {corrections} corrections"
            ),
        )?;
        for file in files {
            let target = file.target.clone();
            file.publish()?;
            run.published.push(target);
        }
        progress.set_done(total);
        Ok(AccessPackage {
            dir: dir.to_owned(),
            files: run.finish(),
            consent_events: events,
            requests,
        })
    }

    /// Reads everything the package of `subject` holds.
    fn access_contents(&self, subject: Uuid, request: Option<Uuid>) -> ServiceResult<Contents> {
        let person = self.subjects().subject(subject)?.ok_or_else(|| {
            ServiceError::invalid("Subject", format!("there is no subject {subject}"))
        })?;
        let events = self.consent().consent_timeline(subject)?;
        let catalogue = self.consent().purposes()?;
        let in_ledger: BTreeSet<&str> = events
            .iter()
            .filter_map(|e| e.purpose.as_ref().map(|c| c.as_str()))
            .collect();
        let mut purposes = Vec::new();
        for row in &catalogue {
            let state = current_state(&row.purpose, &events);
            if in_ledger.contains(row.purpose.code.as_str()) || state != ConsentState::NoRecord {
                purposes.push((row.purpose.clone(), state));
            }
        }
        let names = catalogue
            .into_iter()
            .map(|row| (row.purpose.code.to_string(), row.purpose.name))
            .collect();
        let conn = self.store.db();
        let today = Utc::now().date_naive();
        let mut requests = Vec::new();
        for s in request_store::summaries_for_subject(conn, subject)? {
            let due = self.requests().request_detail(s.id, today)?.deadline.due;
            requests.push(RequestLine {
                id: s.id,
                reference: s.reference,
                kind: s.kind,
                regime: s.regime,
                state: s.state,
                received: s.received,
                due,
                closed: s.closed_on,
                file_kept: !s.anonymised,
            });
        }
        let answering = match request {
            None => None,
            Some(id) => Some(requests.iter().position(|r| r.id == id).ok_or_else(|| {
                ServiceError::invalid(
                    "Request",
                    format!("request {id} is not one of this person's requests"),
                )
            })?),
        };
        let profile = self.settings().profile()?;
        let regimes = match answering.and_then(|i| requests.get(i)) {
            Some(r) => vec![r.regime],
            None if profile.regimes.is_empty() => Regime::ALL.to_vec(),
            None => profile.regimes.iter().copied().collect(),
        };
        let processing = self.processing(subject, &events, &requests, &regimes, today)?;
        let specific = match request {
            Some(id) => self.specific_pieces_allowed(id)?,
            None => true,
        };
        Ok(Contents {
            processing,
            specific,
            restricted_on: rectification::restricted_on(conn, subject)?,
            undeliverable_since: undeliverable::since(conn, subject)?,
            corrections: rectification::history(conn, &self.keys.field, subject)?,
            subject: person,
            events,
            purposes,
            names,
            requests,
            answering,
            profile,
            regimes,
            generated_at: Utc::now(),
        })
    }
}

/// Refuses a path that is a file, or a folder that already holds a package's files.
fn check_folder(dir: &Path) -> ServiceResult<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(ServiceError::invalid(
            "Folder",
            format!(
                "{} is a file; choose a folder for the package",
                dir.display()
            ),
        ));
    }
    let taken: Vec<&str> = FILES
        .iter()
        .copied()
        .filter(|name| dir.join(name).exists())
        .collect();
    if !taken.is_empty() {
        return Err(ServiceError::invalid(
            "Folder",
            format!(
                "{} already holds an access package ({}); choose an empty folder",
                dir.display(),
                taken.join(", ")
            ),
        ));
    }
    Ok(())
}

/// What this run put on disk; dropped before [`Cleanup::finish`], it removes the published
/// files and the folder if this run created it (and it is empty).
struct Cleanup {
    dir: PathBuf,
    created: bool,
    published: Vec<PathBuf>,
    done: bool,
}

impl Cleanup {
    fn new(dir: &Path) -> ServiceResult<Self> {
        let created = !dir.exists();
        crate::private_fs::create_dir_all(dir).map_err(|e| output_error(dir, &e))?;
        Ok(Self {
            dir: dir.to_owned(),
            created,
            published: Vec::new(),
            done: false,
        })
    }

    fn finish(mut self) -> Vec<PathBuf> {
        self.done = true;
        std::mem::take(&mut self.published)
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        for path in &self.published {
            let _ = std::fs::remove_file(path);
        }
        if self.created {
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// Writes and syncs every partial file; dropping the result removes them.
fn write_files(c: &Contents, dir: &Path, progress: &Progress) -> ServiceResult<Vec<AtomicFile>> {
    let mut files = Vec::with_capacity(c.files().len());
    let mut done = 0u64;
    for &name in c.files() {
        let mut file = AtomicFile::create(&dir.join(name))?;
        match name {
            "personal-data.json" => {
                let package = json_package(c);
                let target = file.target.clone();
                serde_json::to_writer_pretty(file.writer()?, &package)
                    .map_err(|e| output_error(&target, &e.into()))?;
                write_all(&mut file, b"\n")?;
            }
            "identity.csv" => identity_csv(&mut file, c)?,
            "consent-history.csv" => consent_csv(&mut file, c, progress, &mut done)?,
            "requests.csv" => requests_csv(&mut file, c)?,
            "corrections.csv" => corrections_csv(&mut file, c)?,
            _ => {
                let page = zeroize::Zeroizing::new(report_page(c));
                write_all(&mut file, page.as_bytes())?;
            }
        }
        file.sync()?;
        files.push(file);
        done += 1;
        progress.set_done(done);
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
    }
    Ok(files)
}
