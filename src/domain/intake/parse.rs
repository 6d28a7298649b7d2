//! Reading one email (RFC 5322 with MIME) into the facts intake needs, with `mail-parser`:
//! encoded headers, quoted-printable and base64 bodies, multipart/alternative, HTML-only
//! bodies (turned into text) and the usual charsets; and splitting an mbox file into its
//! messages (mboxo and mboxrd "From " separators, `>From ` unescaped).

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate};
use mail_parser::{HeaderValue, MessageParser};

use super::rules::IntakeRules;

/// The facts of one email that intake uses. Everything but `bulk` is personal data. For a body
/// sent by the self-service pages ([`super::form`]) the sender is the person the form names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Email {
    /// The `Message-ID` without angle brackets, when there is one.
    pub message_id: Option<String>,
    /// The sender's address (`From:`, else `Sender:`, else `Return-Path:`); may be empty.
    pub from: String,
    /// The sender's display name; may be empty.
    pub from_name: String,
    /// The subject line, decoded.
    pub subject: String,
    /// The day of receipt in UTC: the top `Received:` header's date, else `Date:`.
    pub received: Option<NaiveDate>,
    /// The message ids this one answers (`In-Reply-To:` then `References:`), without brackets.
    pub references: Vec<String>,
    /// The body as text (the text part, or the HTML part turned into text).
    pub text: String,
    /// Whether the headers mark it as bulk mail (see the rules).
    pub bulk: bool,
    /// The self-service pages' structured body, when the message carries one (read once here).
    pub form: Option<super::form::FormSubmission>,
}

/// Parses one message; `None` when the bytes hold no message at all (no header, no body).
pub fn parse_email(rules: &IntakeRules, raw: &[u8]) -> Option<Email> {
    let message = MessageParser::default().parse(raw)?;
    let (from, from_name) = [message.from(), message.sender()]
        .into_iter()
        .flatten()
        .find_map(|a| a.first())
        .map(|a| {
            (
                a.address().unwrap_or_default().trim().to_owned(),
                a.name().unwrap_or_default().trim().to_owned(),
            )
        })
        .or_else(|| {
            message
                .return_address()
                .map(|a| (a.trim().to_owned(), String::new()))
        })
        .unwrap_or_default();
    let day = |d: &mail_parser::DateTime| {
        d.is_valid()
            .then(|| DateTime::from_timestamp(d.to_timestamp(), 0))
            .flatten()
            .map(|t| t.date_naive())
    };
    // The top Received header is the first in the message (`received()` gives the last).
    let received = message
        .received_all()
        .next()
        .and_then(|r| r.date())
        .and_then(|d| day(&d))
        .or_else(|| message.date().and_then(day));
    let mut references = ids(message.in_reply_to());
    for r in ids(message.references()) {
        if !references.contains(&r) {
            references.push(r);
        }
    }
    let text = message
        .body_text(0)
        .or_else(|| message.body_html(0).map(|h| Cow::Owned(html_text(&h))))
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let bulk = message.headers().iter().any(|h| {
        let name = h.name().to_ascii_lowercase();
        rules.bulk_headers.contains(&name)
            || (name == "precedence"
                && message.header_raw(h.name()).is_some_and(|v| {
                    rules
                        .bulk_precedence
                        .contains(&v.trim().to_ascii_lowercase())
                }))
    });
    // A self-service page's body names the person: a form service forwards it from its own
    // address, and a mailto body is the person's own words anyway.
    let form = super::form::FormSubmission::find(&text);
    let (from, from_name) = match &form {
        Some(f) if crate::domain::email::is_email(&f.email) => (f.email.clone(), f.name.clone()),
        _ => (from, from_name),
    };
    Some(Email {
        message_id: message.message_id().map(|m| m.trim().to_owned()),
        from,
        from_name,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        received,
        references,
        text,
        bulk,
        form,
    })
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![t.trim().to_owned()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.trim().to_owned()).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect()
}

/// HTML to plain text, for the rare body mail-parser gives only as HTML: tags dropped, a few
/// entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// Splits an mbox file into its messages: each starts at a line beginning `From ` (the mboxo
/// and mboxrd separator, which is dropped); `>From ` lines (any number of `>`) lose one `>`.
/// Bytes before the first separator are ignored; a file with none yields nothing.
pub fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let reader = std::io::BufReader::new(bytes);
    mail_parser::mailbox::mbox::MessageIterator::new(reader)
        .filter_map(Result::ok)
        .map(|m| {
            let mut c = m.unwrap_contents();
            // The blank line that separates one message from the next "From " line.
            if c.ends_with(b"\n\n") {
                c.pop();
            } else if c.ends_with(b"\r\n\r\n") {
                c.truncate(c.len() - 2);
            }
            c
        })
        .filter(|c| !c.iter().all(u8::is_ascii_whitespace))
        .collect()
}

/// Whether bytes look like an mbox file (they start with a `From ` separator line).
pub fn is_mbox(bytes: &[u8]) -> bool {
    bytes.starts_with(b"From ")
}
