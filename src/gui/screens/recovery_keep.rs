//! Keeping the recovery code outside the head: as a text file or as a one-page PDF to print,
//! each with the store's name and the day, written only where the officer chose (issue 20,
//! item 8). The file is created readable by its owner only.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::report::Document;

/// What the kept page says: the store, the day, the code and how to use it.
fn lines(code: &str, store: &Path, day: NaiveDate) -> (String, Vec<String>) {
    let name = store
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (
        "Privacy Desk recovery code".to_owned(),
        vec![
            format!("Store: {name} ({})", store.display()),
            format!("Created: {}", day.format("%Y-%m-%d")),
            format!("Recovery code: {code}"),
            "If the passphrase is forgotten, choose \"Recover with the recovery code\" on the sign-in screen (or run `privacy-desk recover`) and type this code.".to_owned(),
            "Keep this page away from the computer that holds the store: anyone with the code and the store file can read the store.".to_owned(),
        ],
    )
}

/// Writes the code to `out`: a PDF when the name ends in `.pdf`, else plain text.
pub(in crate::gui) fn keep_recovery_code(
    code: &str,
    store: &Path,
    day: NaiveDate,
    out: &Path,
) -> Result<(), String> {
    let (title, lines) = lines(code, store, day);
    let pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf {
        let mut doc = Document::new(title, "Keep this page somewhere safe");
        for line in lines {
            doc.paragraph(line);
        }
        crate::report::pdf::render(&doc).map_err(|e| e.to_string())?
    } else {
        format!("{title}\n\n{}\n", lines.join("\n\n")).into_bytes()
    };
    let mut file = crate::private_fs::create(out).map_err(|e| {
        format!(
            "Could not write {}: {e}. Choose another place.",
            out.display()
        )
    })?;
    file.write_all(&bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            format!(
                "Could not write {}: {e}. Choose another place.",
                out.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_kept_as_text_or_as_a_printable_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("bakery.pdesk");
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789";
        let text = dir.path().join("code.txt");
        keep_recovery_code(code, &store, day, &text).unwrap();
        let written = std::fs::read_to_string(&text).unwrap();
        assert!(written.contains(code) && written.contains("bakery.pdesk"));
        assert!(written.contains("2026-12-07"));
        let pdf = dir.path().join("code.PDF");
        keep_recovery_code(code, &store, day, &pdf).unwrap();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
        // A folder that does not exist is a sentence, not a panic.
        let nowhere = dir.path().join("missing").join("code.txt");
        let err = keep_recovery_code(code, &store, day, &nowhere).unwrap_err();
        assert!(err.contains("Choose another place"), "{err}");
    }
}
