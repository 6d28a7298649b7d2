//! Which preset reads a file, told from its header row alone, with the reason in words — so
//! `import consent` needs no `--preset` for a known export and the window can preselect one.
//!
//! The rules, most specific first:
//! - **Mailchimp**: an `Email Address` column and at least one of the time columns an audience
//!   export carries (`OPTIN_TIME`, `CONFIRM_TIME`, `UNSUB_TIME`, `CLEAN_TIME`): the columns of
//!   Mailchimp's "Export audience" files (subscribed, unsubscribed, cleaned).
//! - **Generic**: a column named `email` (trimmed, any case), as the generic preset reads it.
//!
//! Anything else is not recognised; the caller then asks for a preset and a column mapping,
//! listing what each preset expects ([`expected_headers`]).

use super::Preset;
use super::header_columns::header_key;

/// The time columns that mark a Mailchimp audience export.
const MAILCHIMP_TIMES: [&str; 4] = ["OPTIN_TIME", "CONFIRM_TIME", "UNSUB_TIME", "CLEAN_TIME"];

/// A preset told from a header, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    /// The preset that reads the file.
    pub preset: Preset,
    /// Why, in one sentence naming the columns that decided it.
    pub reason: String,
}

/// What each preset expects of a header, in words (for the message when none matches).
pub fn expected_headers(preset: Preset) -> &'static str {
    match preset {
        Preset::Mailchimp => {
            "\"Email Address\" and one of OPTIN_TIME, CONFIRM_TIME, UNSUB_TIME or CLEAN_TIME (a Mailchimp audience export)"
        }
        Preset::Generic => {
            "a column named email, and any of name, first_name, last_name, phone, purpose, state, timestamp, channel, notice_version, evidence, recorded_on, customer_since"
        }
    }
}

/// The preset whose columns the header has, or `None` when no preset recognises it.
pub fn detect_preset(header: &[&str]) -> Option<Detected> {
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let has = |name: &str| keys.iter().any(|k| *k == header_key(name));
    if has("Email Address") {
        let times: Vec<&str> = MAILCHIMP_TIMES.into_iter().filter(|t| has(t)).collect();
        if !times.is_empty() {
            return Some(Detected {
                preset: Preset::Mailchimp,
                reason: format!(
                    "the header has \"Email Address\" and {}, the columns of a Mailchimp audience export",
                    times.join(", ")
                ),
            });
        }
    }
    if has("email") {
        return Some(Detected {
            preset: Preset::Generic,
            reason: "the header has a column named email, which the generic preset reads".into(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_by_their_columns() {
        let mailchimp = Some(Preset::Mailchimp);
        let generic = Some(Preset::Generic);
        let cases: [(&[&str], Option<Preset>); 10] = [
            // Mailchimp's three audience files.
            (
                &[
                    "Email Address",
                    "First Name",
                    "Last Name",
                    "OPTIN_TIME",
                    "CONFIRM_TIME",
                ],
                mailchimp,
            ),
            (&["Email Address", "UNSUB_TIME", "UNSUB_REASON"], mailchimp),
            (&["Email Address", "CLEAN_TIME"], mailchimp),
            // Case and spaces around names do not matter.
            (&[" email address ", "optin_time"], mailchimp),
            // "Email Address" without any Mailchimp time column is not a Mailchimp export.
            (&["Email Address", "First Name"], None),
            (&["email", "name", "purpose", "state"], generic),
            (&["EMAIL "], generic),
            // A generic file that happens to have an OPTIN_TIME column stays generic.
            (&["email", "OPTIN_TIME"], generic),
            (&["E-mail", "Vorname"], None),
            (&[], None),
        ];
        for (header, expected) in cases {
            assert_eq!(
                detect_preset(header).map(|d| d.preset),
                expected,
                "{header:?}"
            );
        }
    }

    #[test]
    fn the_reason_names_the_deciding_columns() {
        let d = detect_preset(&["Email Address", "UNSUB_TIME", "CLEAN_TIME"]).unwrap();
        assert!(
            d.reason
                .contains("\"Email Address\" and UNSUB_TIME, CLEAN_TIME"),
            "{}",
            d.reason
        );
        let d = detect_preset(&["email"]).unwrap();
        assert!(d.reason.contains("column named email"), "{}", d.reason);
    }

    #[test]
    fn every_preset_says_what_it_expects() {
        for p in Preset::ALL {
            assert!(!expected_headers(p).is_empty(), "{p:?}");
        }
    }
}
