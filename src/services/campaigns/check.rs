//! `campaign check`: reads an audience export (Mailchimp or any CSV with an email column),
//! writes the rows it is lawful to email for a purpose today to a clean CSV, optionally the
//! left-out addresses to a suppression CSV, and keeps the run as a send record, audited in the
//! same write (GDPR Art. 7(1): evidence that the send was lawful).
//!
//! Built for large stores: each address is looked up through the email blind index (one
//! indexed read, then only the candidates' sealed emails are opened), never by opening every
//! subject; erasure fingerprints and restrictions are read once into sets. Everything is read
//! inside one snapshot, so the answer is the register at one moment.

use std::collections::HashSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use csv::StringRecord;
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use crate::crypto::{EmailIndex, normalise_email};
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::campaign::{
    AddressFacts, ExclusionReason, ReasonCounts, SendRecord, email_column, verdict,
};
use crate::domain::consent::{DEFAULT_REFRESH_MONTHS, current_state};
use crate::domain::import::check_email;
use crate::domain::purpose::PurposeCode;
use crate::jobs::Progress;
use crate::services::consent::children::ChildIndex;
use crate::services::consent::import_file::{CsvSource, file_error};
use crate::services::export::{AtomicFile, checked_extension};
use crate::services::{ServiceError, ServiceResult, neutralise_csv_cell};
use crate::store::{
    campaigns, consent, erasure, header, objections, rectification, subjects, undeliverable,
};

/// What to check and where to write.
#[derive(Clone, Debug)]
pub struct CampaignCheck {
    /// The audience export.
    pub audience: PathBuf,
    /// The purpose the campaign is sent for.
    pub purpose: PurposeCode,
    /// Where the clean audience goes (`.csv`): the header and the sendable rows exactly as
    /// read (not neutralised against spreadsheet formulas: the file goes back to the platform
    /// it came from, and a `+44…` phone number must stay as it was).
    pub out: PathBuf,
    /// Where the left-out addresses go, with their reason (`.csv`), if wanted.
    pub suppression_out: Option<PathBuf>,
    /// The campaign's name (default: the audience file's name).
    pub name: Option<String>,
    /// The moment of the check.
    pub now: DateTime<Utc>,
}

/// What a check found; the JSON of `campaign check --json` is `checked, sendable, excluded`.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// Rows of the audience checked.
    pub checked: u64,
    /// Rows written to the clean audience.
    pub sendable: u64,
    /// Rows left out, per reason.
    pub excluded: ReasonCounts,
    /// The send record kept.
    #[serde(skip)]
    pub record: SendRecord,
}

/// The longest campaign name kept.
const MAX_NAME: usize = 200;

/// Rows between progress updates and cancel checks.
pub const PROGRESS_EVERY: u64 = 1000;

impl super::Campaigns<'_> {
    /// Checks the audience of `spec` for its purpose, writes the clean audience (and the
    /// suppression file), and keeps the run as a send record with its audit entry. Nothing is
    /// written and nothing kept when the file or the arguments are refused.
    pub fn check_audience(&self, spec: &CampaignCheck) -> ServiceResult<CheckReport> {
        self.check_audience_with(spec, &Progress::default())
    }

    /// [`Self::check_audience`], reporting the rows read to `progress` every
    /// [`PROGRESS_EVERY`] rows and stopping with [`ServiceError::Cancelled`] when it is
    /// cancelled: the clean and suppression files are then never published and no send record
    /// is kept.
    pub fn check_audience_with(
        &self,
        spec: &CampaignCheck,
        progress: &Progress,
    ) -> ServiceResult<CheckReport> {
        self.require(Permission::ExportPersonalData)?;
        let purposes = self.consent().purposes()?;
        let Some(row) = purposes.iter().find(|r| r.purpose.code == spec.purpose) else {
            return Err(ServiceError::invalid(
                "Purpose",
                format!(
                    "there is no purpose {}; `purpose list` shows them",
                    spec.purpose
                ),
            ));
        };
        checked_extension(&spec.out, &["csv"])?;
        if let Some(s) = &spec.suppression_out {
            checked_extension(s, &["csv"])?;
        }
        refuse_same_file(&spec.audience, &spec.out, "--out")?;
        if let Some(s) = &spec.suppression_out {
            refuse_same_file(&spec.audience, s, "--suppression-out")?;
            refuse_same_file(&spec.out, s, "--suppression-out")?;
        }
        let file_name = spec.audience.file_name().map_or_else(
            || "audience".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let name = match spec.name.as_deref().map(str::trim) {
            Some("") => {
                return Err(ServiceError::invalid(
                    "Name",
                    "the campaign name is empty; give a name or leave --name out",
                ));
            }
            Some(n) if n.chars().count() > MAX_NAME => {
                return Err(ServiceError::invalid(
                    "Name",
                    format!("the campaign name is longer than {MAX_NAME} characters; shorten it"),
                ));
            }
            Some(n) => n.to_owned(),
            None => file_name.clone(),
        };
        let sha = sha256_of(&spec.audience, &file_name)?;
        let mut source = CsvSource::open(&spec.audience, &file_name)?;
        let email_at =
            email_column(&source.header()).map_err(|m| file_error(&file_name, 1, "", &m))?;
        let mut clean = AtomicFile::create(&spec.out)?;
        let mut suppression = match &spec.suppression_out {
            Some(p) => Some(AtomicFile::create(p)?),
            None => None,
        };
        let supp_path = spec.suppression_out.as_deref().unwrap_or(Path::new(""));
        let mut rows: u64 = 0;
        let tally = {
            let mut clean_w = csv::Writer::from_writer(clean.writer()?);
            clean_w
                .write_record(source.header())
                .map_err(|e| csv_error(&spec.out, e))?;
            let mut supp_w = match suppression.as_mut() {
                Some(f) => {
                    let mut w = csv::Writer::from_writer(f.writer()?);
                    w.write_record(["email", "reason"])
                        .map_err(|e| csv_error(supp_path, e))?;
                    Some(w)
                }
                None => None,
            };
            let tally = self.sort_rows(
                &mut source,
                email_at,
                &row.purpose,
                spec.now,
                &mut |record, reason| {
                    rows += 1;
                    if rows.is_multiple_of(PROGRESS_EVERY) {
                        progress.set_done(rows);
                        if progress.is_cancelled() {
                            return Err(ServiceError::Cancelled);
                        }
                    }
                    match reason {
                        None => clean_w
                            .write_record(record)
                            .map_err(|e| csv_error(&spec.out, e)),
                        Some((email, reason)) => match supp_w.as_mut() {
                            Some(w) => w
                                .write_record([neutralise_csv_cell(email).as_ref(), reason.code()])
                                .map_err(|e| csv_error(supp_path, e)),
                            None => Ok(()),
                        },
                    }
                },
            )?;
            progress.set_done(rows);
            clean_w
                .flush()
                .map_err(|e| csv_error(&spec.out, e.into()))?;
            if let Some(mut w) = supp_w {
                w.flush().map_err(|e| csv_error(supp_path, e.into()))?;
            }
            tally
        };
        clean.sync()?;
        if let Some(f) = suppression.as_mut() {
            f.sync()?;
        }
        let mut record = SendRecord {
            id: Uuid::new_v4(),
            number: 0,
            name,
            purpose: row.purpose.code.clone(),
            notice_version: row.current_notice,
            checked: tally.checked,
            sendable: tally.sendable,
            excluded: tally.excluded.clone(),
            audience_sha256: sha,
            audit_head_seq: 0,
            audit_head_mac: String::new(),
            checked_at: spec.now,
            checked_by: self.user.name.clone(),
        };
        let mut w = self.store.write()?;
        let (seq, mac) = header::audit_head(&w)?;
        record.audit_head_seq = seq;
        record.audit_head_mac = hex(&mac);
        record.number = campaigns::insert(&mut w, &self.keys.field, &record)?;
        let entry = self.entry(
            AuditAction::CampaignChecked,
            EntityRef::new("campaign", record.reference()),
            format!(
                "purpose {} (notice v{}): {} checked, {} sendable, {} left out{}",
                record.purpose,
                record.notice_version,
                record.checked,
                record.sendable,
                record.excluded.total(),
                if spec.suppression_out.is_some() {
                    "; suppression file written"
                } else {
                    ""
                }
            ),
        );
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        clean.publish()?;
        if let Some(f) = suppression {
            f.publish()?;
        }
        Ok(CheckReport {
            checked: tally.checked,
            sendable: tally.sendable,
            excluded: tally.excluded,
            record,
        })
    }

    /// Reads every row and hands it to `emit` with `None` (sendable) or the address and the
    /// reason it is left out.
    fn sort_rows(
        &self,
        source: &mut CsvSource,
        email_at: usize,
        purpose: &crate::domain::purpose::Purpose,
        now: DateTime<Utc>,
        emit: &mut Emit<'_>,
    ) -> ServiceResult<Tally> {
        let db = self.store.db();
        let snapshot = db.snapshot()?;
        let erased = erasure::all_indexes(&snapshot)?;
        let restricted = rectification::restricted_ids(&snapshot)?;
        let objected = objections::stopped_subjects(&snapshot, &purpose.code)?;
        let children = ChildIndex::load(&snapshot, &self.keys.field)?;
        let mut seen: HashSet<[u8; 16]> = HashSet::new();
        let mut tally = Tally {
            checked: 0,
            sendable: 0,
            excluded: ReasonCounts::zero(),
        };
        let mut record = StringRecord::new();
        while source.next(&mut record)? {
            // A blank line in a spreadsheet export is no one.
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            tally.checked += 1;
            let cell = record.get(email_at).unwrap_or("");
            let reason = match check_email(cell) {
                Err(_) => Some(ExclusionReason::InvalidEmail),
                Ok(email) => {
                    let normal = normalise_email(email);
                    let index = EmailIndex::of(&self.keys.email_index, &normal);
                    if !seen.insert(index.0) {
                        Some(ExclusionReason::Duplicate)
                    } else if erased.contains(index.0.as_slice()) {
                        Some(ExclusionReason::Erased)
                    } else {
                        let ids =
                            subjects::ids_by_email(&snapshot, &self.keys.field, &index, &normal)?;
                        let sets = (&restricted, &objected, &children);
                        self.first_reason(&snapshot, &ids, sets, purpose, now)?
                    }
                }
            };
            match reason {
                None => {
                    tally.sendable += 1;
                    emit(&record, None)?;
                }
                Some(r) => {
                    tally.excluded.add(r);
                    emit(&record, Some((cell.trim(), r)))?;
                }
            }
        }
        Ok(tally)
    }

    /// The reason the people with these ids may not be emailed (the first found over all of
    /// them: one record that forbids it is enough), or `None` when all may.
    fn first_reason(
        &self,
        snapshot: &crate::store::Db,
        ids: &[Uuid],
        (restricted, objected, children): (&HashSet<Uuid>, &HashSet<Uuid>, &ChildIndex),
        purpose: &crate::domain::purpose::Purpose,
        now: DateTime<Utc>,
    ) -> ServiceResult<Option<ExclusionReason>> {
        if ids.is_empty() {
            return Ok(Some(ExclusionReason::NoRecord));
        }
        for &id in ids {
            let events = consent::for_subject(snapshot, &self.keys.field, id)?;
            let state = current_state(purpose, &events);
            // GDPR Art. 8(1), Cal. Civ. Code § 1798.120(c): a child's consent nobody authorised.
            let child_without_parent = match children.ledger(snapshot, &self.keys.field, id)? {
                Some(child) => children.fails(&child, purpose, &state, now),
                None => false,
            };
            let facts = AddressFacts {
                child_without_parent,
                restricted: restricted.contains(&id),
                objected: objected.contains(&id),
                undeliverable: undeliverable::since(snapshot, id)?.is_some(),
                state: &state,
                events: &events,
            };
            if let Err(reason) = verdict(&facts, DEFAULT_REFRESH_MONTHS, now) {
                return Ok(Some(reason));
            }
        }
        Ok(None)
    }
}

/// Takes each row with `None` (sendable) or the address and why it is left out.
type Emit<'e> = dyn FnMut(&StringRecord, Option<(&str, ExclusionReason)>) -> ServiceResult<()> + 'e;

/// The counts of one run.
struct Tally {
    checked: u64,
    sendable: u64,
    excluded: ReasonCounts,
}

/// Refuses an output that would overwrite the audience (or the other output).
fn refuse_same_file(input: &Path, output: &Path, flag: &str) -> ServiceResult<()> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        return Err(ServiceError::invalid(
            "Output file",
            format!(
                "{flag} {} is the same file as {}; give another file name",
                output.display(),
                input.display()
            ),
        ));
    }
    Ok(())
}

/// The SHA-256 of a file, lower-case hex.
fn sha256_of(path: &Path, name: &str) -> ServiceResult<String> {
    let mut file = std::fs::File::open(path).map_err(|e| {
        file_error(
            name,
            0,
            "",
            &format!("cannot be read: {e}; check the file's name and folder"),
        )
    })?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| file_error(name, 0, "", &format!("cannot be read: {e}")))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn csv_error(path: &Path, e: csv::Error) -> ServiceError {
    ServiceError::Output {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}
