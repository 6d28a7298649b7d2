//! The CSV tables of an access package ([`super`]): every cell neutralised against
//! spreadsheet formulas and written with the `csv` crate.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use crate::jobs::Progress;
use crate::services::{ServiceError, ServiceResult, neutralise_csv_cell};

use super::super::{AtomicFile, output_error};
use super::{Contents, EVENTS_PER_STEP, identity_fields, rfc3339, ymd};

/// A CSV writer on a partial file; every cell is neutralised against spreadsheet formulas.
struct Csv<'f> {
    out: csv::Writer<&'f mut BufWriter<File>>,
    target: PathBuf,
}

impl<'f> Csv<'f> {
    fn open(file: &'f mut AtomicFile, header: &[&str]) -> ServiceResult<Self> {
        let target = file.target.clone();
        let mut csv = Self {
            out: csv::Writer::from_writer(file.writer()?),
            target,
        };
        csv.row(header)?;
        Ok(csv)
    }

    fn row(&mut self, cells: &[&str]) -> ServiceResult<()> {
        let cells: Vec<_> = cells.iter().map(|c| neutralise_csv_cell(c)).collect();
        let result = self.out.write_record(cells.iter().map(|c| c.as_bytes()));
        result.map_err(|e| output_error(&self.target, &std::io::Error::other(e)))
    }

    fn finish(mut self) -> ServiceResult<()> {
        let result = self.out.flush();
        result.map_err(|e| output_error(&self.target, &e))
    }
}
pub(super) fn identity_csv(file: &mut AtomicFile, c: &Contents) -> ServiceResult<()> {
    let mut csv = Csv::open(file, &["field", "value"])?;
    csv.row(&["subject_id", &c.subject.id.to_string()])?;
    csv.row(&["recorded_at", &rfc3339(c.subject.created_at)])?;
    for (code, _, value) in identity_fields(&c.subject.fields) {
        csv.row(&[code, value])?;
    }
    if let Some(day) = &c.restricted_on {
        csv.row(&["processing_restricted_since", day])?;
    }
    if let Some(t) = c.undeliverable_since {
        csv.row(&["address_undeliverable_since", &rfc3339(t)])?;
    }
    csv.finish()
}

pub(super) fn consent_csv(
    file: &mut AtomicFile,
    c: &Contents,
    progress: &Progress,
    done: &mut u64,
) -> ServiceResult<()> {
    let mut csv = Csv::open(
        file,
        &[
            "time",
            "purpose_code",
            "purpose_name",
            "event",
            "channel",
            "notice_version",
            "evidence_form_id",
            "evidence_ip",
            "evidence_confirmed_at",
            "evidence_document_ref",
            "evidence_note",
            "recorded_by",
        ],
    )?;
    for (i, e) in c.events.iter().enumerate() {
        let code = e.purpose.as_ref().map_or("", |p| p.as_str());
        let version = e.notice_version.map(|v| v.to_string()).unwrap_or_default();
        let ev = &e.evidence;
        csv.row(&[
            &rfc3339(e.at),
            code,
            c.purpose_name(code),
            e.kind.code(),
            e.channel.code(),
            &version,
            &ev.form_id,
            &ev.ip,
            &ev.confirmed_at,
            &ev.document_ref,
            &ev.note,
            &e.recorded_by,
        ])?;
        if (i as u64 + 1).is_multiple_of(EVENTS_PER_STEP) {
            *done += 1;
            progress.set_done(*done);
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
        }
    }
    if !(c.events.len() as u64).is_multiple_of(EVENTS_PER_STEP) {
        *done += 1;
    }
    csv.finish()
}

pub(super) fn requests_csv(file: &mut AtomicFile, c: &Contents) -> ServiceResult<()> {
    let mut csv = Csv::open(
        file,
        &[
            "reference",
            "type",
            "regime",
            "state",
            "received",
            "due",
            "closed",
        ],
    )?;
    for r in &c.requests {
        csv.row(&[
            &r.reference,
            r.kind.code(),
            r.regime.code(),
            r.state.code(),
            &ymd(r.received),
            &ymd(r.due),
            &r.closed.map(ymd).unwrap_or_default(),
        ])?;
    }
    csv.finish()
}

pub(super) fn corrections_csv(file: &mut AtomicFile, c: &Contents) -> ServiceResult<()> {
    let mut csv = Csv::open(file, &["time", "field", "before", "after", "by"])?;
    for ch in &c.corrections {
        csv.row(&[&rfc3339(ch.at), &ch.field, &ch.before, &ch.after, &ch.actor])?;
    }
    csv.finish()
}

// ---------------------------------------------------------------------------------------------
// HTML
