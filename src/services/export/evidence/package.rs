//! The bundle's container: the files in a zip, with `manifest.json` (each file's path and
//! SHA-256, and the audit chain's head), `SHA256SUMS` in the format `sha256sum -c` reads, and a
//! README saying how to check both with standard tools. Pure: bytes in, bytes out.

use std::io::{Cursor, Write as _};

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::domain::audit::to_hex;

/// The `format` field of the manifest.
pub const MANIFEST_FORMAT: &str = "privacy-desk-evidence-bundle";
/// The manifest's version.
pub const MANIFEST_VERSION: u32 = 1;

/// One file of the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ManifestFile {
    /// Its path inside the bundle.
    pub path: String,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
}

/// The audit chain's head when the bundle was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    /// The number of the last entry.
    pub seq: i64,
    /// Its MAC, hex.
    pub mac: String,
}

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: &'static str,
    /// [`MANIFEST_VERSION`].
    pub version: u32,
    /// The organisation, as in its profile.
    pub organisation: String,
    /// The year the logs cover.
    pub year: i32,
    /// When the bundle was made (RFC 3339).
    pub created_at: String,
    /// The audit chain's head, as verified for the bundle.
    pub audit_chain_head: ChainHead,
    /// Every other file of the bundle.
    pub files: Vec<ManifestFile>,
}

/// The README: what is inside and how to check it.
fn readme(manifest: &Manifest) -> String {
    format!(
        "Evidence bundle of {org} for {year}, made by Privacy Desk on {at}.

WHAT IS INSIDE
  accountability-report-{year}.pdf   {year} against {last}, under the ten headings of the
                                     ICO Accountability Framework
  record-of-processing.pdf           the record of processing activities (Art. 30)
  retention-policy.pdf               the retention policy
  assessments/                       each data protection impact assessment (Art. 35)
  requests-{year}.pdf                the request log: references only, no names, and the
                                     share answered on time
  consent-by-purpose.pdf             consent figures per purpose
  breach-log-{year}.pdf              the breach log (Art. 33(5))
  vendor-reviews.pdf                 vendors, their agreements and reviews (Art. 28)
  training-{year}.pdf                training records
  sweeps-{year}.pdf                  retention sweeps run
  audit-verification.pdf             the check of the audit trail and the records' tags
  manifest.json                      every file's SHA-256, and the audit chain's head
  SHA256SUMS                         the same hashes in the format of sha256sum

HOW TO CHECK IT
Unzip the bundle, then in the folder it made:

  Linux:    sha256sum -c SHA256SUMS
  macOS:    shasum -a 256 -c SHA256SUMS
  Windows:  Get-FileHash -Algorithm SHA256 <file>   (PowerShell; compare with SHA256SUMS)

Every line must say OK. A file changed after the bundle was made shows as FAILED.
manifest.json holds the same hashes (files[].path, files[].sha256) for scripts, for
example: jq -r '.files[] | \"\\(.sha256)  \\(.path)\"' manifest.json | sha256sum -c

The audit chain's head (entry {seq}, MAC {mac}) is the last entry of the
audit trail when the bundle was made. The trail is a hash chain: every entry carries a MAC
over the one before, so an entry changed or removed afterwards breaks the chain. Whoever
holds the store can run `privacy-desk audit verify` and see the same entry still in the
trail; making this bundle adds one entry after it.
",
        org = if manifest.organisation.trim().is_empty() {
            "the organisation"
        } else {
            manifest.organisation.trim()
        },
        year = manifest.year,
        last = manifest.year - 1,
        at = manifest.created_at,
        seq = manifest.audit_chain_head.seq,
        mac = manifest.audit_chain_head.mac,
    )
}

/// The SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

/// The zip's time stamp for `at` (UTC; the zip format has no zone), or the format's first
/// day when `at` is outside the years it can hold.
fn zip_time(at: NaiveDateTime) -> zip::DateTime {
    let part = |v: u32| u8::try_from(v).unwrap_or(0);
    u16::try_from(at.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(at.month()),
                part(at.day()),
                part(at.hour()),
                part(at.minute()),
                part(at.second()),
            )
            .ok()
        })
        .unwrap_or_default()
}

/// Packs `files` (path, bytes) with the README, `manifest.json` and `SHA256SUMS` into zip
/// bytes, every entry stamped `made_at`. The manifest lists the README and every file, in
/// order.
pub fn pack(
    files: Vec<(String, Vec<u8>)>,
    mut manifest: Manifest,
    made_at: NaiveDateTime,
) -> Result<Vec<u8>, zip::result::ZipError> {
    let readme = readme(&manifest).into_bytes();
    let mut all = vec![("README.txt".to_owned(), readme)];
    all.extend(files);
    manifest.files = all
        .iter()
        .map(|(path, bytes)| ManifestFile {
            path: path.clone(),
            sha256: sha256_hex(bytes),
        })
        .collect();
    let sums: String = manifest
        .files
        .iter()
        .map(|f| format!("{}  {}\n", f.sha256, f.path))
        .collect();
    let mut json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| zip::result::ZipError::Io(std::io::Error::other(e)))?;
    json.push(b'\n');
    all.push(("manifest.json".to_owned(), json));
    all.push(("SHA256SUMS".to_owned(), sums.into_bytes()));

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(made_at))
        .unix_permissions(0o644);
    for (path, bytes) in &all {
        zip.start_file(path.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn the_manifest_and_the_sums_match_every_file() {
        let manifest = Manifest {
            format: MANIFEST_FORMAT,
            version: MANIFEST_VERSION,
            organisation: "Corner Bakery Ltd".into(),
            year: 2026,
            created_at: "2026-12-07T18:00:00Z".into(),
            audit_chain_head: ChainHead {
                seq: 42,
                mac: "ab12".into(),
            },
            files: Vec::new(),
        };
        let bytes = pack(
            vec![
                ("a.pdf".into(), b"first".to_vec()),
                ("assessments/b.pdf".into(), b"second".to_vec()),
            ],
            manifest,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
                .and_then(|d| d.and_hms_opt(18, 0, 0))
                .unwrap(),
        )
        .unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let stamp = zip.by_name("a.pdf").unwrap().last_modified().unwrap();
        assert_eq!(
            (stamp.year(), stamp.month(), stamp.day(), stamp.hour()),
            (2026, 12, 7, 18)
        );
        let mut read = |name: &str| {
            let mut out = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            out
        };
        let manifest: serde_json::Value = serde_json::from_slice(&read("manifest.json")).unwrap();
        assert_eq!(manifest["audit_chain_head"]["seq"], 42);
        let files = manifest["files"].as_array().unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
        assert_eq!(paths, ["README.txt", "a.pdf", "assessments/b.pdf"]);
        let sums = String::from_utf8(read("SHA256SUMS")).unwrap();
        for f in files {
            let path = f["path"].as_str().unwrap();
            let sha = f["sha256"].as_str().unwrap();
            assert_eq!(sha, sha256_hex(&read(path)), "{path}");
            assert!(sums.contains(&format!("{sha}  {path}\n")), "{path}");
        }
        let readme = String::from_utf8(read("README.txt")).unwrap();
        assert!(readme.contains("sha256sum -c SHA256SUMS"));
        assert!(readme.contains("entry 42"));
    }
}
