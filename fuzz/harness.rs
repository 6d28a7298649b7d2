//! The fuzzed entry points, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and by
//! the replay of the committed corpora in the normal test run (`tests/all/fuzz_corpus.rs`).
//!
//! Each function takes arbitrary bytes and drives the same library code a hostile file would
//! reach. Errors are the expected outcome; a panic (or a sanitizer report) is a bug. Where an
//! invariant is cheap to check it is asserted too: a refused import changes nothing.

#![allow(dead_code)]

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

use privacy_desk::crypto::{FieldRef, KdfParams, Passphrase, SecretKey, open, seal};
use privacy_desk::domain::import::{Mapping, Preset};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ImportOptions, Session, Via};

/// The passphrase of every store the harness makes.
const PASS: &str = "fuzzing the desk, not the user";

/// Where [`sealed_open`] says a value lives; the first input byte picks one.
pub const FIELDS: [(&str, &str); 4] = [
    ("subjects", "email"),
    ("subjects", "name"),
    ("consent_events", "evidence"),
    ("requests", "notes"),
];

/// A record id; the second input byte is its first byte.
pub fn record_id(first: u8) -> [u8; 16] {
    let mut id = [7u8; 16];
    id[0] = first;
    id
}

/// A store kept for the whole run, and the file the inputs are written to.
struct Desk {
    _dir: tempfile::TempDir,
    input: PathBuf,
    session: Session,
}

impl Desk {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store").join("fuzz.pdesk");
        let (session, _) = Session::create(
            &path,
            "owner",
            &Passphrase::new(PASS),
            KdfParams::FLOOR,
            Via::Cli,
        )
        .expect("create the store the inputs are imported into");
        let input = dir.path().join("input.csv");
        Self {
            _dir: dir,
            input,
            session,
        }
    }

    fn events(&self) -> i64 {
        rusqlite::Connection::open(self.session.path())
            .expect("open the store file")
            .query_row(
                "SELECT (SELECT COUNT(*) FROM consent_events) + (SELECT COUNT(*) FROM subjects)",
                [],
                |r| r.get(0),
            )
            .expect("count rows")
    }

    /// Assessments, frozen versions, added templates and audit entries: what an assessment
    /// import writes.
    fn assessment_rows(&self) -> [i64; 4] {
        [
            "assessments",
            "assessment_versions",
            "assessment_templates",
            "audit_log",
        ]
        .map(|table| {
            rusqlite::Connection::open(self.session.path())
                .expect("open the store file")
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .expect("count rows")
        })
    }
}

thread_local! {
    static DESK: RefCell<Option<Desk>> = const { RefCell::new(None) };
    /// The key [`sealed_open`] seals and opens with, new for each run.
    static SEAL_KEY: SecretKey = SecretKey::random().expect("a random key");
}

/// The consent import on `data` as a CSV file: the preview, then the import, with each preset
/// (and, as text, the column-mapping parser). A refused import must leave the store unchanged.
pub fn csv_import(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Mapping::parse(text, "fuzz.toml");
    }
    DESK.with(|cell| {
        let mut slot = cell.borrow_mut();
        let desk = slot.get_or_insert_with(Desk::new);
        fs::write(&desk.input, data).expect("write the input file");
        for preset in Preset::ALL {
            for skip_invalid in [false, true] {
                let options = ImportOptions {
                    preset,
                    purpose: Some("newsletter".into()),
                    mapping: None,
                    skip_invalid,
                };
                let _ = desk
                    .session
                    .consent()
                    .preview_import(&desk.input, &options, 5);
                let before = desk.events();
                let result = desk.session.consent().import_consent(
                    &desk.input,
                    &options,
                    &Progress::default(),
                );
                if result.is_err() {
                    assert_eq!(desk.events(), before, "a refused import changed the store");
                }
            }
        }
    });
}

/// The privacy impact assessment import on `data` as the text of a file (invalid UTF-8 replaced
/// by U+FFFD, so every input reaches the JSON parser): our own format or a CNIL PIA tool export,
/// detected from the content. A refused import must leave the store unchanged; an accepted one
/// adds exactly one assessment, its frozen versions and at most one template.
pub fn pia_import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    DESK.with(|cell| {
        let mut slot = cell.borrow_mut();
        let desk = slot.get_or_insert_with(Desk::new);
        let before = desk.assessment_rows();
        let result = desk
            .session
            .assessments()
            .import_assessment_text(&text, "fuzz.json");
        let after = desk.assessment_rows();
        match result {
            Err(_) => assert_eq!(after, before, "a refused import changed the store"),
            Ok(summary) => {
                let added = summary.template_added.is_some();
                assert_eq!(
                    after[0],
                    before[0] + 1,
                    "an accepted import did not add exactly one assessment"
                );
                assert_eq!(
                    after[1],
                    before[1] + i64::try_from(summary.versions).expect("a small count"),
                    "an import wrote other versions than it reported"
                );
                assert_eq!(
                    after[2],
                    before[2] + i64::from(added),
                    "an accepted import added a template it did not report"
                );
                assert_eq!(
                    after[3],
                    before[3] + 1,
                    "an accepted import did not write exactly one audit entry"
                );
            }
        }
    });
}

/// `data` as a store file: the check a restore makes of a backup, then an unlock (opening,
/// migrating, unwrapping the key). Each input gets a fresh folder.
pub fn store_open(data: &[u8]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.pdesk");
    fs::write(&path, data).expect("write the store file");
    let _ = privacy_desk::store::backup::verify_file(&path);
    let _ = privacy_desk::store::backup::schema_version_of(&path);
    let _ = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli);
}

/// `data` as a sealed field, under a key made for the run. Byte 0 picks the table and column,
/// byte 1 the record id, byte 2 the mode, the rest is the payload.
/// - Even mode: the payload is a sealed value from outside; it must not open (that would be
///   a forgery under a key the input cannot know).
/// - Odd mode: the payload is sealed here and must open to itself, and not at the next field;
///   then one bit (chosen by the mode and byte 0) is flipped and it must not open.
pub fn sealed_open(data: &[u8]) {
    let [which, first, mode, payload @ ..] = data else {
        return;
    };
    SEAL_KEY.with(|key| {
        let id = record_id(*first);
        let field = |n: usize| {
            let (table, column) = FIELDS[n % FIELDS.len()];
            FieldRef {
                table,
                column,
                record: &id,
            }
        };
        let at = field(usize::from(*which));
        if mode % 2 == 0 {
            assert!(
                open(key, at, payload).is_err(),
                "a value from outside opened"
            );
            return;
        }
        let mut sealed = seal(key, at, payload).expect("seal");
        let opened = open(key, at, &sealed).expect("open what was just sealed");
        assert_eq!(opened.as_slice(), payload);
        let elsewhere = field(usize::from(*which) + 1);
        assert!(
            open(key, elsewhere, &sealed).is_err(),
            "opened at another field"
        );
        let byte = usize::from(mode >> 1) % sealed.len();
        sealed[byte] ^= 1 << (which >> 5);
        assert!(
            open(key, at, &sealed).is_err(),
            "a flipped bit went unnoticed"
        );
    });
}

/// Every file in `dir` (none when it does not exist), sorted by name.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
