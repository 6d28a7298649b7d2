//! Classifying a parsed message: the request type its words propose (or none), the phrase that
//! matched, the regime its words name, and whether it is bulk mail.
//!
//! The rule: bulk mail (a newsletter, a list, an automatic reply) is never a request. Else the
//! subject line is read first, then the body with the quoted part of a reply set aside; within
//! one text the phrase that comes first wins, the longer on a tie. The phrases are data in
//! `assets/intake.toml` ([`super::rules`]).

use crate::domain::organisation::Regime;
use crate::domain::request::RequestType;

use super::parse::Email;
use super::rules::{IntakeRules, find_word, normalise};

/// What the rules propose for one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Classification {
    /// The proposed type; `None` when the message is no request.
    pub kind: Option<RequestType>,
    /// The phrase that matched, as written in the rules.
    pub phrase: Option<String>,
    /// The regime the message names, when it names one.
    pub regime: Option<Regime>,
    /// Whether the message is bulk mail (never a request).
    pub bulk: bool,
}

/// Classifies a message. A body sent by the self-service pages ([`super::form`]) is read
/// exactly, before anything else (a form service's notification may look automatic).
pub fn classify(rules: &IntakeRules, email: &Email) -> Classification {
    if let Some(form) = &email.form {
        let (kind, phrase) = form.proposal();
        return Classification {
            kind,
            phrase: Some(phrase),
            regime: form.named_regime(),
            bulk: false,
        };
    }
    if email.bulk {
        return Classification {
            bulk: true,
            ..Classification::default()
        };
    }
    let subject = normalise(&email.subject);
    let body = normalise(&unquoted(&email.text));
    let found = best_phrase(rules, &subject).or_else(|| best_phrase(rules, &body));
    let regime = [&subject, &body].into_iter().find_map(|t| {
        rules
            .regimes
            .iter()
            .filter_map(|(r, w)| find_word(t, w).map(|at| (at, *r)))
            .min_by_key(|(at, _)| *at)
            .map(|(_, r)| r)
    });
    Classification {
        kind: found.map(|(k, _)| k),
        phrase: found.map(|(_, p)| p.to_owned()),
        regime,
        bulk: false,
    }
}

/// The phrase that comes first in `text`, the longer on a tie.
fn best_phrase<'r>(rules: &'r IntakeRules, text: &str) -> Option<(RequestType, &'r str)> {
    rules
        .phrases
        .iter()
        .filter_map(|p| find_word(text, &p.text).map(|at| (at, p)))
        .min_by(|(a, p), (b, q)| a.cmp(b).then(q.text.len().cmp(&p.text.len())))
        .map(|(_, p)| (p.kind, p.text.as_str()))
}

/// The text of a message without the quoted part of a reply: lines starting with `>`, and
/// everything after a forwarded or original-message marker.
pub fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim_start();
        let lower = t.to_lowercase();
        if lower.starts_with("-----original message-----")
            || lower.starts_with("-------- original message --------")
            || lower.starts_with("---------- forwarded message")
        {
            break;
        }
        if t.starts_with('>') {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The type to open under `regime` for a proposed type: under the CCPA access, erasure and
/// rectification are know (§ 1798.110), delete (§ 1798.105) and correct (§ 1798.106); under
/// the GDPR the reverse. Withdrawal and objection have no CCPA twin, opt-out and limit no
/// GDPR one: they stay as they are (and the request intake refuses the pair, naming the
/// types that exist).
pub fn type_under(kind: RequestType, regime: Regime) -> RequestType {
    use RequestType::*;
    let ccpa = regime == Regime::CcpaCpra;
    match (kind, ccpa) {
        (Access, true) => Know,
        (Erasure, true) => Delete,
        (Rectification, true) => Correct,
        (Know, false) => Access,
        (Delete, false) => Erasure,
        (Correct, false) => Rectification,
        (k, _) => k,
    }
}

/// Whether two types ask for the same thing (the same type, or its twin in the other regime).
pub fn same_right(a: RequestType, b: RequestType) -> bool {
    type_under(a, Regime::Gdpr) == type_under(b, Regime::Gdpr)
}
