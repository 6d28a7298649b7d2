//! Tables for the generic preset: header matching (with and without a mapping) and rows.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::consent::Channel;
use crate::domain::import::{Catalogue, Columns, Preset};
use crate::domain::purpose::PurposeCode;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

fn catalogue() -> Catalogue {
    Catalogue::new([
        (PurposeCode::parse("newsletter").unwrap(), 2),
        (PurposeCode::parse("partner-sharing").unwrap(), 1),
    ])
}

fn columns(header: &[&str], mapping: Option<&Mapping>) -> GenericColumns {
    GenericColumns::from_header(header, mapping).unwrap().0
}

#[test]
fn header_table() {
    for (header, ok, says) in [
        (&["email"][..], true, ""),
        (&[" Email ", "NAME", "Purpose"][..], true, ""),
        (
            &["EMAIL", "first_name", "last_name", "state", "timestamp"][..],
            true,
            "",
        ),
        (&["name", "phone"][..], false, "email: missing"),
        (
            &["email", "Email"][..],
            false,
            "Email: appears twice: columns 1 and 2",
        ),
        (&["e-mail"][..], false, "email: missing"),
    ] {
        let got = GenericColumns::from_header(header, None);
        assert_eq!(got.is_ok(), ok, "{header:?}: {got:?}");
        if let Err(problems) = got {
            let text: Vec<String> = problems
                .iter()
                .map(|p| format!("{}: {}", p.column, p.message))
                .collect();
            assert!(
                text.iter().any(|t| t.contains(says)),
                "{header:?}: {text:?}"
            );
        }
    }
}

#[test]
fn unknown_columns_are_ignored_with_a_warning_naming_them() {
    let (_, warnings) =
        GenericColumns::from_header(&["email", "Shoe size", "timestamp", "Loyalty"], None).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("\"Shoe size\", \"Loyalty\""),
        "{warnings:?}"
    );
    let (_, warnings) = GenericColumns::from_header(&["email"], None).unwrap();
    assert!(warnings[0].contains("no timestamp column"), "{warnings:?}");
}

#[test]
fn a_mapping_renames_and_silences_columns() {
    let mapping = Mapping::parse(
        "[columns]\n\"E-Mail-Adresse\" = \"email\"\n\"Vorname\" = \"first_name\"\n\"Nachname\" = \"last_name\"\n\"Kundennr\" = \"ignore\"\n\"email\" = \"ignore\"\n",
        "m.toml",
    )
    .unwrap();
    let header = [
        "Kundennr",
        "email",
        "E-Mail-Adresse",
        "Vorname",
        "Nachname",
        "timestamp",
    ];
    let (cols, warnings) = GenericColumns::from_header(&header, Some(&mapping)).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    let row = cols
        .row(
            &[
                "K-1",
                "old@example.org",
                "jürgen@example.de",
                "Jürgen",
                "Groß",
                "2024-01-02 03:04:05",
            ],
            &ctx,
        )
        .unwrap();
    assert_eq!(row.email, "jürgen@example.de");
    assert_eq!(row.name, "Jürgen Groß");
}

#[test]
fn row_table() {
    let header = [
        "email",
        "name",
        "first_name",
        "last_name",
        "phone",
        "purpose",
        "state",
        "timestamp",
        "channel",
        "notice_version",
        "evidence",
    ];
    let cols = columns(&header, None);
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    let no_default = RowContext {
        purpose: None,
        ..ctx
    };
    type Case<'a> = (
        &'a RowContext<'a>,
        [&'a str; 11],
        Result<(&'a str, ConsentEventKind, Channel), &'a str>,
    );
    let cases: Vec<Case<'_>> = vec![
        (
            &ctx,
            [
                "a@example.org",
                "Ada L",
                "",
                "",
                "",
                "",
                "given",
                "2024-03-05 14:22:10",
                "",
                "2",
                "signed",
            ],
            Ok(("newsletter", ConsentEventKind::Given, Channel::Import)),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "Chiara",
                "Rossi",
                "",
                "partner-sharing",
                "withdrawn",
                "2024-03-05T14:22:10Z",
                "web-form",
                "",
                "",
            ],
            Ok((
                "partner-sharing",
                ConsentEventKind::Withdrawn,
                Channel::WebForm,
            )),
        ),
        (
            &no_default,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "",
                "given",
                "2024-03-05 14:22:10",
                "",
                "",
                "",
            ],
            Err("purpose: empty, and no --purpose"),
        ),
        (
            &ctx,
            [
                "",
                "",
                "",
                "",
                "",
                "",
                "given",
                "2024-03-05 14:22:10",
                "",
                "",
                "",
            ],
            Err("email: empty"),
        ),
        (
            &ctx,
            [
                "not-an-email",
                "",
                "",
                "",
                "",
                "",
                "given",
                "2024-03-05 14:22:10",
                "",
                "",
                "",
            ],
            Err("email: does not look like an email address"),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "",
                "maybe",
                "2024-03-05 14:22:10",
                "",
                "",
                "",
            ],
            Err("state: \"maybe\" is not a state"),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "",
                "given",
                "5 March 2024",
                "",
                "",
                "",
            ],
            Err("timestamp: \"5 March 2024\" is not a time"),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "",
                "given",
                "2030-01-01 00:00:00",
                "",
                "",
                "",
            ],
            Err("timestamp: \"2030-01-01 00:00:00\" is in the future"),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "",
                "given",
                "2024-03-05 14:22:10",
                "carrier-pigeon",
                "",
                "",
            ],
            Err("channel: \"carrier-pigeon\" is not a channel"),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "lottery",
                "given",
                "2024-03-05 14:22:10",
                "",
                "",
                "",
            ],
            Err("purpose: \"lottery\" is not a purpose"),
        ),
        (
            &ctx,
            [
                "a@example.org",
                "",
                "",
                "",
                "",
                "",
                "given",
                "2024-03-05 14:22:10",
                "",
                "3",
                "",
            ],
            Err("notice_version: notice version 3 does not exist yet"),
        ),
    ];
    for (ctx, cells, expected) in cases {
        let got = cols.row(&cells, ctx);
        match (got, expected) {
            (Ok(row), Ok((purpose, kind, channel))) => {
                assert_eq!(c.code(row.purpose).unwrap().as_str(), purpose, "{cells:?}");
                assert_eq!(row.events.len(), 1);
                let e = &row.events[0];
                assert_eq!((e.kind, e.channel), (kind, channel), "{cells:?}");
                assert_eq!(e.purpose.as_ref().unwrap().as_str(), purpose);
            }
            (Err(problems), Err(says)) => {
                let text: Vec<String> = problems
                    .iter()
                    .map(|p| format!("{}: {}", p.column, p.message))
                    .collect();
                assert!(text.iter().any(|t| t.contains(says)), "{cells:?}: {text:?}");
            }
            (got, want) => panic!("{cells:?}: got {got:?}, wanted {want:?}"),
        }
    }
}

#[test]
fn a_row_lists_every_problem_and_the_evidence_note_is_kept() {
    let cols = columns(
        &["Email", "State", "Timestamp", "evidence", "notice_version"],
        None,
    );
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    let problems = cols
        .row(&["", "perhaps", "soon", "", ""], &ctx)
        .unwrap_err();
    let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(columns, ["Email", "State", "Timestamp"]);

    let row = cols
        .row(
            &[
                "b@example.org",
                "given",
                "2024-01-01 00:00:00",
                "paper form #12",
                "1",
            ],
            &ctx,
        )
        .unwrap();
    assert_eq!(row.events[0].evidence.note, "paper form #12");
    assert_eq!(row.events[0].notice_version, Some(1));
}

#[test]
fn without_a_timestamp_column_the_import_time_is_used() {
    let cols = Columns::from_header(Preset::Generic, &["email"], None)
        .unwrap()
        .0;
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(1),
        catalogue: &c,
    };
    let row = cols.row(&["c@example.org"], &ctx).unwrap();
    assert_eq!(row.events[0].at, now());
    assert_eq!(row.events[0].kind, ConsentEventKind::Given);
    assert!(!cols.has_purpose_column());
}
