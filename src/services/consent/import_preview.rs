//! A look at an import file before importing it: how its header maps to fields (or what is
//! wrong with it) and the first rows. Reads only the header and those rows, through the same
//! reader as the import (BOM, UTF-8 check, quoted fields), and writes nothing — not even an
//! audit entry: the cells are shown on screen and forgotten.

use std::path::Path;

use csv::StringRecord;

use crate::domain::access::Permission;
use crate::domain::import::{Columns, Detected, Preset, detect_preset};

use crate::services::ServiceResult;
use crate::services::consent::import::ImportOptions;
use crate::services::consent::import_file::CsvSource;

/// One column of the file the preset reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappedColumn {
    /// Its position, from 1.
    pub position: usize,
    /// The column as the file names it.
    pub source: String,
    /// The field it fills.
    pub field: String,
}

/// What the header says and the first rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// The kind of file (`generic`, `mailchimp subscribed`, …); none when the header is wrong.
    pub file_kind: Option<String>,
    /// The header's cells.
    pub header: Vec<String>,
    /// The columns read, in file order.
    pub mapped: Vec<MappedColumn>,
    /// Worth knowing: ignored columns, a missing timestamp column.
    pub warnings: Vec<String>,
    /// What is wrong with the header (missing or duplicate columns), as `column: problem`;
    /// the import refuses the file while there are any.
    pub problems: Vec<String>,
    /// The first rows: their line and their cells.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// The header of a file and the preset told from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetDetection {
    /// The header's cells (column names), as the file has them.
    pub header: Vec<String>,
    /// The preset that reads the file and why; `None` when no preset recognises the header.
    pub detected: Option<Detected>,
    /// A saved column mapping whose columns are all in the header (the first by name), unless
    /// the file is a Mailchimp export: offered for a file of a kind seen before.
    pub saved_mapping: Option<String>,
}

impl super::Consent<'_> {
    /// Which preset reads the file at `path`, told from its header alone
    /// ([`crate::domain::import::detect_preset`]). Reads the header through the import's reader
    /// and writes nothing.
    pub fn detect_import_preset(&self, path: &Path) -> ServiceResult<PresetDetection> {
        self.require(Permission::RecordConsent)?;
        let source = CsvSource::open(path, &path.display().to_string())?;
        let header = source.header();
        let detected = detect_preset(&header);
        let saved_mapping = match &detected {
            Some(d) if d.preset == Preset::Mailchimp => None,
            _ => self.fitting_import_mapping(&header)?,
        };
        Ok(PresetDetection {
            detected,
            header: header.iter().map(|c| (*c).to_owned()).collect(),
            saved_mapping,
        })
    }

    /// Reads the header of the file at `path` and its first `rows` records, and says how the
    /// preset in `options` reads them.
    pub fn preview_import(
        &self,
        path: &Path,
        options: &ImportOptions,
        rows: usize,
    ) -> ServiceResult<ImportPreview> {
        self.require(Permission::RecordConsent)?;
        let mapping = self.read_mapping(options)?;
        let mut source = CsvSource::open(path, &path.display().to_string())?;
        let header = source.header();
        let mut preview = ImportPreview {
            header: header.iter().map(|c| (*c).to_owned()).collect(),
            ..ImportPreview::default()
        };
        match Columns::from_header(options.preset, &header, mapping.as_ref()) {
            Ok((columns, warnings)) => {
                preview.file_kind = Some(columns.kind());
                preview.mapped = columns
                    .mapped()
                    .into_iter()
                    .map(|(index, source, field)| MappedColumn {
                        position: index + 1,
                        source,
                        field: field.to_owned(),
                    })
                    .collect();
                preview.warnings = warnings;
            }
            Err(problems) => {
                preview.problems = problems
                    .iter()
                    .map(|p| match p.column.as_str() {
                        "" => p.message.clone(),
                        column => format!("{column}: {}", p.message),
                    })
                    .collect();
            }
        }
        let mut record = StringRecord::new();
        while preview.rows.len() < rows && source.next(&mut record)? {
            preview.rows.push((
                source.line_of(&record),
                record.iter().map(str::to_owned).collect(),
            ));
        }
        Ok(preview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{KdfParams, Passphrase};
    use crate::services::Session;
    use crate::services::Via;

    fn data(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    fn generic() -> ImportOptions {
        ImportOptions {
            preset: Preset::Generic,
            purpose: Some("newsletter".into()),
            mapping: None,
            skip_invalid: false,
        }
    }

    #[test]
    fn preview_maps_the_header_reads_the_first_rows_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = Session::create(
            &dir.path().join("s.pdesk"),
            "owner",
            &Passphrase::new("correct horse battery staple"),
            KdfParams::FLOOR,
            Via::Cli,
        )
        .unwrap();
        let audit = s.audit().audit_count(&Default::default()).unwrap();

        let p = s
            .consent()
            .preview_import(&data("generic_crlf_bom.csv"), &generic(), 2)
            .unwrap();
        assert_eq!(p.file_kind.as_deref(), Some("generic"));
        assert!(p.problems.is_empty(), "{p:?}");
        let email = &p.mapped[0];
        assert_eq!((email.position, email.field.as_str()), (1, "email"));
        // The byte-order mark is not part of the first column's name.
        assert_eq!(email.source.to_lowercase(), "email");
        assert_eq!(p.rows.len(), 2);
        // A quoted field spanning lines is one cell.
        assert!(p.rows[0].1[4].contains("on the next day"), "{p:?}");

        let p = s
            .consent()
            .preview_import(&data("generic.csv"), &generic(), 100)
            .unwrap();
        assert_eq!(p.rows.len(), 6);
        assert!(p.warnings.iter().any(|w| w.contains("\"Loyalty tier\"")));

        let p = s
            .consent()
            .preview_import(&data("bad_duplicate_column.csv"), &generic(), 5)
            .unwrap();
        assert_eq!(p.file_kind, None);
        assert!(p.problems[0].contains("appears twice"), "{p:?}");

        assert!(matches!(
            s.consent()
                .preview_import(&data("bad_empty.csv"), &generic(), 5),
            Err(crate::services::ServiceError::Import(_))
        ));
        assert_eq!(s.audit().audit_count(&Default::default()).unwrap(), audit);
        assert_eq!(s.subjects().subject_count().unwrap(), 0);
    }
}
