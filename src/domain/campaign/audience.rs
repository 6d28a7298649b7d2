//! The audience file: which column holds the email address, recognised by its header the way
//! the import presets recognise theirs (case and surrounding spaces ignored).

/// The header names read as the email column: Mailchimp's `Email Address`, the generic
/// preset's `email`, and the spellings other platforms (Brevo, Klaviyo, HubSpot, a
/// spreadsheet) write.
pub const EMAIL_HEADERS: [&str; 6] = [
    "email address",
    "email",
    "e-mail",
    "e-mail address",
    "email_address",
    "emailaddress",
];

/// The position of the email column in `header`, or a sentence saying what is wrong (no such
/// column, or two of them) and what to do.
pub fn email_column(header: &[&str]) -> Result<usize, String> {
    let found: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, name)| {
            let key = name.trim().trim_start_matches('\u{feff}').to_lowercase();
            EMAIL_HEADERS.contains(&key.as_str())
        })
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "no email column in the header; name the column of addresses one of: {}",
            EMAIL_HEADERS.join(", ")
        )),
        [first, second, ..] => Err(format!(
            "columns {} and {} both look like the email column; remove or rename one",
            first + 1,
            second + 1
        )),
    }
}
