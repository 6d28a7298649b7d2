//! Tables for the Mailchimp preset on headers and rows shaped like real audience exports.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::import::Catalogue;
use crate::domain::purpose::PurposeCode;

const SUBSCRIBED: [&str; 20] = [
    "Email Address",
    "First Name",
    "Last Name",
    "MEMBER_RATING",
    "OPTIN_TIME",
    "OPTIN_IP",
    "CONFIRM_TIME",
    "CONFIRM_IP",
    "LATITUDE",
    "LONGITUDE",
    "GMTOFF",
    "DSTOFF",
    "TIMEZONE",
    "CC",
    "REGION",
    "LAST_CHANGED",
    "LEID",
    "EUID",
    "NOTES",
    "TAGS",
];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

fn t(text: &str) -> DateTime<Utc> {
    crate::domain::import::parse_time(text).unwrap()
}

fn catalogue() -> Catalogue {
    Catalogue::new([(PurposeCode::parse("newsletter").unwrap(), 1)])
}

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    SUBSCRIBED
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect()
}

/// A row for `header` with the named cells filled.
fn row<'a>(header: &[&str], filled: &[(&str, &'a str)]) -> Vec<&'a str> {
    header
        .iter()
        .map(|h| filled.iter().find(|(k, _)| k == h).map_or("", |(_, v)| *v))
        .collect()
}

#[test]
fn the_file_kind_is_recognised_from_its_columns() {
    let unsub = with(&[
        "UNSUB_TIME",
        "UNSUB_CAMPAIGN_TITLE",
        "UNSUB_CAMPAIGN_ID",
        "UNSUB_REASON",
        "UNSUB_REASON_OTHER",
    ]);
    let clean = with(&["CLEAN_TIME", "CLEAN_CAMPAIGN_TITLE", "CLEAN_CAMPAIGN_ID"]);
    for (header, kind) in [
        (SUBSCRIBED.to_vec(), MailchimpKind::Subscribed),
        (unsub, MailchimpKind::Unsubscribed),
        (clean, MailchimpKind::Cleaned),
    ] {
        let (cols, warnings) = MailchimpColumns::from_header(&header).unwrap();
        assert_eq!(cols.kind(), kind);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

#[test]
fn header_problems_name_the_column() {
    for (header, says) in [
        (vec!["First Name", "OPTIN_TIME"], "Email Address: missing"),
        (vec!["Email Address", "First Name"], "OPTIN_TIME: missing"),
        (
            vec!["Email Address", "OPTIN_TIME", "email address"],
            "email address: appears twice",
        ),
    ] {
        let problems = MailchimpColumns::from_header(&header).unwrap_err();
        let text: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.column, p.message))
            .collect();
        assert!(
            text.iter().any(|t| t.contains(says)),
            "{header:?}: {text:?}"
        );
    }
    let (_, warnings) =
        MailchimpColumns::from_header(&["Email Address", "OPTIN_TIME", "Birthday"]).unwrap();
    assert!(warnings[0].contains("\"Birthday\""), "{warnings:?}");
}

#[test]
fn subscribed_rows_table() {
    let (cols, _) = MailchimpColumns::from_header(&SUBSCRIBED).unwrap();
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    // (cells, at, channel, ip, confirmed_at, note contains)
    let cases = [
        (
            row(
                &SUBSCRIBED,
                &[
                    ("Email Address", "aiko@example.jp"),
                    ("First Name", "Aiko"),
                    ("Last Name", "Tanaka"),
                    ("OPTIN_TIME", "2024-03-05 14:20:01"),
                    ("OPTIN_IP", "203.0.113.5"),
                    ("CONFIRM_TIME", "2024-03-05 14:22:10"),
                    ("CONFIRM_IP", "203.0.113.9"),
                ],
            ),
            "2024-03-05 14:22:10",
            Channel::DoubleOptInEmail,
            "203.0.113.9",
            "2024-03-05T14:22:10Z",
            "opted in at 2024-03-05T14:20:01Z from 203.0.113.5",
        ),
        (
            row(
                &SUBSCRIBED,
                &[
                    ("Email Address", "olu@example.ng"),
                    ("OPTIN_TIME", "2023-11-30 08:00:00"),
                    ("OPTIN_IP", "198.51.100.4"),
                    ("CONFIRM_TIME", "2023-11-30 08:05:00"),
                ],
            ),
            "2023-11-30 08:05:00",
            Channel::DoubleOptInEmail,
            "198.51.100.4",
            "2023-11-30T08:05:00Z",
            "opted in at 2023-11-30T08:00:00Z",
        ),
        (
            row(
                &SUBSCRIBED,
                &[
                    ("Email Address", "sven@example.se"),
                    ("OPTIN_TIME", "2022-01-01 10:00:00"),
                    ("OPTIN_IP", "192.0.2.1"),
                ],
            ),
            "2022-01-01 10:00:00",
            Channel::WebForm,
            "192.0.2.1",
            "",
            "no double opt-in confirmation",
        ),
    ];
    for (cells, at, channel, ip, confirmed_at, note) in cases {
        let r = cols.row(&cells, &ctx).unwrap();
        assert_eq!(r.events.len(), 1);
        let e = &r.events[0];
        assert_eq!(e.kind, ConsentEventKind::Given);
        assert_eq!(e.at, t(at));
        assert_eq!(e.channel, channel);
        assert_eq!(e.evidence.ip, ip);
        assert_eq!(e.evidence.confirmed_at, confirmed_at);
        assert!(e.evidence.note.contains(note), "{}", e.evidence.note);
        assert_eq!(e.purpose.as_ref().unwrap().as_str(), "newsletter");
        assert_eq!(r.undeliverable_at, None);
    }
    let aiko = cols.row(&cases_first_row(&SUBSCRIBED), &ctx).unwrap();
    assert_eq!(aiko.name, "Aiko Tanaka");
}

fn cases_first_row(header: &[&'static str]) -> Vec<&'static str> {
    row(
        header,
        &[
            ("Email Address", "aiko@example.jp"),
            ("First Name", "Aiko"),
            ("Last Name", "Tanaka"),
            ("OPTIN_TIME", "2024-03-05 14:20:01"),
        ],
    )
}

#[test]
fn bad_subscribed_rows_name_their_columns() {
    let (cols, _) = MailchimpColumns::from_header(&SUBSCRIBED).unwrap();
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    for (filled, says) in [
        (
            vec![("Email Address", "x@example.org")],
            "OPTIN_TIME: empty, and so is CONFIRM_TIME",
        ),
        (
            vec![
                ("Email Address", "x@example.org"),
                ("OPTIN_TIME", "03/05/2024"),
            ],
            "OPTIN_TIME: \"03/05/2024\" is not a time",
        ),
        (
            vec![
                ("Email Address", "x@example.org"),
                ("CONFIRM_TIME", "2029-01-01 00:00:00"),
            ],
            "CONFIRM_TIME: \"2029-01-01 00:00:00\" is in the future",
        ),
        (
            vec![
                ("Email Address", "x.example.org"),
                ("OPTIN_TIME", "2024-01-01 00:00:00"),
            ],
            "Email Address: does not look like",
        ),
    ] {
        let problems = cols.row(&row(&SUBSCRIBED, &filled), &ctx).unwrap_err();
        let text: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.column, p.message))
            .collect();
        assert!(
            text.iter().any(|t| t.contains(says)),
            "{filled:?}: {text:?}"
        );
    }
    let no_purpose = RowContext {
        purpose: None,
        ..ctx
    };
    let problems = cols
        .row(
            &row(
                &SUBSCRIBED,
                &[
                    ("Email Address", "x@example.org"),
                    ("OPTIN_TIME", "2024-01-01 00:00:00"),
                ],
            ),
            &no_purpose,
        )
        .unwrap_err();
    assert_eq!(problems[0].column, "--purpose");
}

#[test]
fn unsubscribed_rows_give_then_withdraw_with_the_reason() {
    let header = with(&[
        "UNSUB_TIME",
        "UNSUB_CAMPAIGN_TITLE",
        "UNSUB_CAMPAIGN_ID",
        "UNSUB_REASON",
        "UNSUB_REASON_OTHER",
    ]);
    let (cols, _) = MailchimpColumns::from_header(&header).unwrap();
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    let r = cols
        .row(
            &row(
                &header,
                &[
                    ("Email Address", "zoe@example.fr"),
                    ("OPTIN_TIME", "2023-02-01 09:00:00"),
                    ("CONFIRM_TIME", "2023-02-01 09:03:00"),
                    ("UNSUB_TIME", "2024-07-14 18:30:00"),
                    ("UNSUB_REASON", "NORMAL"),
                    ("UNSUB_REASON_OTHER", "Trop d'e-mails"),
                    ("UNSUB_CAMPAIGN_TITLE", "Summer sale"),
                ],
            ),
            &ctx,
        )
        .unwrap();
    let kinds: Vec<ConsentEventKind> = r.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [ConsentEventKind::Given, ConsentEventKind::Withdrawn]
    );
    assert_eq!(r.events[1].at, t("2024-07-14 18:30:00"));
    let note = &r.events[1].evidence.note;
    assert!(
        note.contains("reason: NORMAL")
            && note.contains("Trop d'e-mails")
            && note.contains("Summer sale"),
        "{note}"
    );

    // Without opt-in times: only the withdrawal.
    let r = cols
        .row(
            &row(
                &header,
                &[
                    ("Email Address", "li@example.cn"),
                    ("UNSUB_TIME", "2024-07-14 18:30:00"),
                ],
            ),
            &ctx,
        )
        .unwrap();
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].kind, ConsentEventKind::Withdrawn);

    for (filled, says) in [
        (
            vec![("Email Address", "li@example.cn")],
            "UNSUB_TIME: empty",
        ),
        (
            vec![
                ("Email Address", "li@example.cn"),
                ("OPTIN_TIME", "2024-08-01 00:00:00"),
                ("UNSUB_TIME", "2024-07-14 18:30:00"),
            ],
            "UNSUB_TIME: is before",
        ),
    ] {
        let problems = cols.row(&row(&header, &filled), &ctx).unwrap_err();
        let text: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.column, p.message))
            .collect();
        assert!(
            text.iter().any(|t| t.contains(says)),
            "{filled:?}: {text:?}"
        );
    }
}

#[test]
fn cleaned_rows_mark_the_address_undeliverable_and_withdraw_nothing() {
    let header = with(&["CLEAN_TIME", "CLEAN_CAMPAIGN_TITLE", "CLEAN_CAMPAIGN_ID"]);
    let (cols, _) = MailchimpColumns::from_header(&header).unwrap();
    let c = catalogue();
    let ctx = RowContext {
        now: now(),
        purpose: Some(0),
        catalogue: &c,
    };
    let r = cols
        .row(
            &row(
                &header,
                &[
                    ("Email Address", "bounce@example.org"),
                    ("OPTIN_TIME", "2021-01-01 00:00:00"),
                    ("CLEAN_TIME", "2024-02-02 02:02:02"),
                ],
            ),
            &ctx,
        )
        .unwrap();
    assert!(r.events.is_empty());
    assert_eq!(r.undeliverable_at, Some(t("2024-02-02 02:02:02")));
    let problems = cols
        .row(
            &row(&header, &[("Email Address", "bounce@example.org")]),
            &ctx,
        )
        .unwrap_err();
    assert_eq!(problems[0].column, "CLEAN_TIME");
}
