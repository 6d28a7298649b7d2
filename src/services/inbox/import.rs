//! `inbox import`: `.mbox` files (Thunderbird, Apple Mail, a Gmail Takeout), `.eml` files
//! (Apple Mail, Outlook, any client's "save as") and folders of them, searched recursively.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::intake::{is_mbox, split_mbox};
use crate::jobs::Progress;

use super::super::{ServiceError, ServiceResult};
use super::Inbox;
use super::take_in::{Incoming, IntakeReport};

/// File name endings read inside a folder; a file without one is read when it starts like an
/// mbox (Thunderbird keeps each folder as an mbox file with no ending).
const ENDINGS: [&str; 3] = ["eml", "mbox", "mbx"];

fn unreadable(path: &Path, e: &std::io::Error) -> ServiceError {
    ServiceError::invalid(
        "File",
        format!(
            "could not read {}: {e}; give .mbox or .eml files, or folders of them. Nothing was imported.",
            path.display()
        ),
    )
}

/// The files to read: each file given, and inside each folder given every `.eml`, `.mbox` or
/// `.mbx` file and every mbox without an ending, sorted by path.
fn files_of(paths: &[PathBuf]) -> ServiceResult<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| unreadable(p, &e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> ServiceResult<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(dir, &e))?;
    for entry in entries {
        let path = entry.map_err(|e| unreadable(dir, &e))?.path();
        let meta = std::fs::symlink_metadata(&path).map_err(|e| unreadable(&path, &e))?;
        if meta.is_dir() {
            walk(&path, out)?;
        } else if meta.is_file() {
            let ending = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match ending {
                Some(e) if ENDINGS.contains(&e.as_str()) => out.push(path),
                None if starts_like_mbox(&path) => out.push(path),
                _ => {}
            }
        }
    }
    Ok(())
}

fn starts_like_mbox(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| is_mbox(&head))
}

/// The date of an mbox "From " separator line (`From sender Mon Nov  2 10:00:00 2026`, or
/// Gmail's `From 1234@xxx Mon Nov 02 10:00:00 +0000 2026`): the month, the day after it, the
/// last four-digit year.
fn separator_day(line: &[u8]) -> Option<NaiveDate> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = String::from_utf8_lossy(line);
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| MONTHS.contains(&w.to_ascii_lowercase().as_str()))?;
    let month = MONTHS
        .iter()
        .position(|m| words[at].eq_ignore_ascii_case(m))? as u32
        + 1;
    let day: u32 = words.get(at + 1)?.parse().ok()?;
    let year: i32 = words
        .iter()
        .rev()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads the messages of the files, mboxes split.
fn messages_of(files: &[PathBuf]) -> ServiceResult<Vec<Incoming>> {
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| unreadable(f, &e))?;
        if is_mbox(&bytes) {
            let day = separator_day(bytes.split(|b| *b == b'\n').next().unwrap_or_default());
            for raw in split_mbox(&bytes) {
                out.push(Incoming {
                    raw,
                    fallback_day: day,
                    imap: None,
                });
            }
        } else {
            out.push(Incoming {
                raw: bytes,
                fallback_day: None,
                imap: None,
            });
        }
    }
    Ok(out)
}

impl Inbox<'_> {
    /// Takes in the emails in `paths` (files and folders); nothing is changed when a path
    /// cannot be read or holds no email.
    pub fn import_files(
        &self,
        paths: &[PathBuf],
        today: NaiveDate,
        progress: &Progress,
    ) -> ServiceResult<IntakeReport> {
        if paths.is_empty() {
            return Err(ServiceError::invalid(
                "FILE",
                "give at least one .mbox or .eml file, or a folder of them.",
            ));
        }
        let files = files_of(paths)?;
        let messages = messages_of(&files)?;
        if messages.is_empty() {
            return Err(ServiceError::invalid(
                "FILE",
                format!(
                    "no email was found in {}; give .mbox or .eml files, or folders of them. Nothing was imported.",
                    paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        self.take_in(messages, "file", today, progress, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_of_an_mbox_separator_line() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases: &[(&str, Option<NaiveDate>)] = &[
            // Thunderbird, mutt and Apple Mail (asctime).
            ("From - Mon Nov  2 09:14:03 2026", day(2026, 11, 2)),
            (
                "From a@example.com Tue Dec 31 23:59:59 2024",
                day(2024, 12, 31),
            ),
            // Gmail Takeout (with a zone before the year).
            (
                "From 1781302915671231232@xxx Thu Nov 05 14:21:09 +0000 2026",
                day(2026, 11, 5),
            ),
            ("From nobody", None),
            ("From x Feb 30 10:00:00 2026", None),
        ];
        for (line, expected) in cases {
            assert_eq!(separator_day(line.as_bytes()), *expected, "{line}");
        }
    }
}
