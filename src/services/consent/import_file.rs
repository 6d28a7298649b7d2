//! Reading an import file as CSV, row by row, and writing the rows it rejects.
//!
//! UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields holding commas, quotes
//! and line breaks (the csv crate). A byte that is not UTF-8 (a Latin-1 or Windows-1252 file)
//! stops the import at its line. Lines are counted from 1 (the header), and a row whose quoted
//! field spans lines is named by the line it starts on.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::domain::import::{ImportErrors, RowProblem};

use crate::services::{ServiceError, neutralise_csv_cell};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The most bytes one row (or the header) may have: far above any real export, low enough
/// that a hostile file cannot make one cell hold megabytes.
pub(in crate::services) const MAX_ROW_BYTES: usize = 1024 * 1024;
/// The most columns a header may have (Mailchimp exports have a few dozen).
pub(in crate::services) const MAX_COLUMNS: usize = 1024;

/// An error about the file (not one row) as a service error.
pub(in crate::services) fn file_error(
    file: &str,
    line: u64,
    column: &str,
    message: &str,
) -> ServiceError {
    ServiceError::Import(Box::new(ImportErrors::file(file, line, column, message)))
}

/// An open import file, positioned after its header.
pub(in crate::services) struct CsvSource {
    reader: csv::Reader<BufReader<File>>,
    name: String,
    header: StringRecord,
    /// Lines end in CRLF: the csv reader then counts a record's line before consuming the
    /// `\n` that ends the previous one, one short for every record after the first.
    crlf: bool,
}

impl CsvSource {
    /// Opens `path` and reads its header; `name` is how errors name the file.
    pub fn open(path: &Path, name: &str) -> Result<Self, ServiceError> {
        let file = File::open(path).map_err(|e| {
            file_error(
                name,
                0,
                "",
                &format!("cannot be read: {e}; check the file's name and folder"),
            )
        })?;
        let mut buffered = BufReader::with_capacity(256 * 1024, file);
        let head = buffered
            .fill_buf()
            .map_err(|e| file_error(name, 0, "", &format!("cannot be read: {e}")))?;
        if head.is_empty() {
            return Err(file_error(
                name,
                0,
                "",
                "the file is empty (0 bytes); export it again",
            ));
        }
        if let Some(at) = head.iter().position(|&b| b == 0) {
            let line = 1 + head[..at].iter().filter(|&&b| b == b'\n').count() as u64;
            return Err(file_error(
                name,
                line,
                "",
                "holds NUL bytes, so it is not a CSV text file (it may be UTF-16, a spreadsheet \
                 or damaged); save it as \"CSV UTF-8\" and import it again",
            ));
        }
        let crlf = head
            .iter()
            .position(|&b| b == b'\n')
            .is_some_and(|i| i > 0 && head[i - 1] == b'\r');
        if head.starts_with(BOM) {
            buffered.consume(BOM.len());
        }
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(buffered);
        let mut source = Self {
            reader,
            name: name.to_owned(),
            header: StringRecord::new(),
            crlf,
        };
        let mut header = StringRecord::new();
        if !source.next(&mut header)? {
            return Err(file_error(name, 0, "", "the file has no header row"));
        }
        if header.len() > MAX_COLUMNS {
            return Err(file_error(
                name,
                1,
                "",
                &format!(
                    "the header has {} columns, more than the {MAX_COLUMNS} an import file may \
                     have; check this is the right file",
                    header.len()
                ),
            ));
        }
        source.header = header;
        Ok(source)
    }

    /// The header's cells.
    pub fn header(&self) -> Vec<&str> {
        self.header.iter().collect()
    }

    /// How many columns the header has.
    pub fn width(&self) -> usize {
        self.header.len()
    }

    /// Reads the next row into `record`; `false` at the end of the file.
    pub fn next(&mut self, record: &mut StringRecord) -> Result<bool, ServiceError> {
        let crlf = self.crlf;
        let more = self.reader.read_record(record).map_err(|e| {
            let line = e
                .position()
                .map_or(0, |p| p.line() + u64::from(crlf && p.record() > 0));
            match e.kind() {
                csv::ErrorKind::Utf8 { .. } => file_error(
                    &self.name,
                    line,
                    "",
                    "not UTF-8; save the file as UTF-8 (it looks like Latin-1 or Windows-1252) and import it again",
                ),
                _ => file_error(&self.name, line, "", &format!("cannot be read: {e}")),
            }
        })?;
        let bytes = record.as_byte_record().as_slice().len();
        if bytes > MAX_ROW_BYTES {
            let hint = if record.iter().any(|c| c.contains('\n')) {
                "a quote \" that is never closed makes the following lines one field; close it"
            } else {
                "check this is the right file"
            };
            return Err(file_error(
                &self.name,
                self.line_of(record),
                "",
                &format!(
                    "this row is {:.1} MB long, more than the 1 MB a row may have ({hint})",
                    bytes as f64 / 1_000_000.0
                ),
            ));
        }
        Ok(more)
    }
}

impl CsvSource {
    /// The line (from 1, header included) a row starts on.
    pub fn line_of(&self, record: &StringRecord) -> u64 {
        record
            .position()
            .map_or(0, |p| p.line() + u64::from(self.crlf && p.record() > 0))
    }
}

/// A problem when a row's field count differs from the header's.
pub(in crate::services) fn width_problem(
    record: &StringRecord,
    width: usize,
) -> Option<RowProblem> {
    if record.len() == width {
        return None;
    }
    let hint = if record.iter().any(|c| c.contains('\n')) {
        " (a quote \" that is never closed makes the following lines one field; close it \
         or remove it)"
    } else {
        ""
    };
    Some(RowProblem::new(
        "",
        format!(
            "has {} fields where the header has {width}{hint}",
            record.len()
        ),
    ))
}

/// The rejected rows of an import, written beside the input as `<stem>.rejected.csv` with a
/// `reason` column. The file holds personal data the user asked for; it is written under a
/// temporary name and appears only when the import is committed.
pub(in crate::services) struct RejectedFile {
    writer: csv::Writer<BufWriter<File>>,
    partial: PathBuf,
    target: PathBuf,
}

impl RejectedFile {
    /// Where the rejected rows of `input` go.
    pub fn path_for(input: &Path) -> PathBuf {
        let stem = input
            .file_stem()
            .map_or_else(|| "import".into(), |s| s.to_string_lossy().into_owned());
        input.with_file_name(format!("{stem}.rejected.csv"))
    }

    /// Starts the file with the input's header and a `reason` column.
    pub fn create(input: &Path, header: &[&str]) -> Result<Self, ServiceError> {
        let target = Self::path_for(input);
        let mut partial = target.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let out_err = |e: &dyn std::fmt::Display| ServiceError::Output {
            path: target.clone(),
            reason: e.to_string(),
        };
        let file = crate::private_fs::create(&partial).map_err(|e| out_err(&e))?;
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(BufWriter::new(file));
        let mut cells: Vec<String> = header
            .iter()
            .map(|c| neutralise_csv_cell(c).into_owned())
            .collect();
        cells.push("reason".into());
        writer.write_record(&cells).map_err(|e| out_err(&e))?;
        Ok(Self {
            writer,
            partial,
            target,
        })
    }

    /// Writes one rejected row with its reasons.
    pub fn push(
        &mut self,
        record: &StringRecord,
        line: u64,
        problems: &[RowProblem],
    ) -> Result<(), ServiceError> {
        let reason = problems
            .iter()
            .map(|p| match p.column.as_str() {
                "" => format!("line {line}: {}", p.message),
                column => format!("line {line}: {column}: {}", p.message),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let cells = record
            .iter()
            .map(neutralise_csv_cell)
            .chain(std::iter::once(neutralise_csv_cell(&reason)));
        self.writer
            .write_record(cells.map(|c| c.into_owned()))
            .map_err(|e| ServiceError::Output {
                path: self.target.clone(),
                reason: e.to_string(),
            })
    }

    /// Flushes, syncs and moves the file into place; returns its path.
    pub fn finish(self) -> Result<PathBuf, ServiceError> {
        let out_err = |e: &dyn std::fmt::Display| ServiceError::Output {
            path: self.target.clone(),
            reason: e.to_string(),
        };
        let result = self
            .writer
            .into_inner()
            .map_err(|e| out_err(&e.error().to_string()))
            .and_then(|buffered| buffered.into_inner().map_err(|e| out_err(e.error())))
            .and_then(|mut file| {
                file.flush().map_err(|e| out_err(&e))?;
                file.sync_all().map_err(|e| out_err(&e))
            })
            .and_then(|()| std::fs::rename(&self.partial, &self.target).map_err(|e| out_err(&e)));
        match result {
            Ok(()) => Ok(self.target),
            Err(e) => {
                let _ = std::fs::remove_file(&self.partial);
                Err(e)
            }
        }
    }

    /// Removes the unfinished file (the import failed or was cancelled).
    pub fn discard(self) {
        let partial = self.partial.clone();
        drop(self.writer);
        let _ = std::fs::remove_file(partial);
    }
}
