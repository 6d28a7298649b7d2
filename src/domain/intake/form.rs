//! The structured body the self-service pages send (see [`crate::domain::site`]): one field per
//! line, `name=value`, as browsers write a form submitted with `enctype="text/plain"` (to a
//! `mailto:` address or to a form service), or `name: value`, as form services write the
//! notification they forward. A body is a submission only when it carries the marker line
//! (`privacy-desk-form=request` or `…=preferences`): then intake reads it exactly, with no
//! guessing from words.
//!
//! The pages put the free-text field (`details`) after the others; a line that does not start
//! with a known field name continues the field before it, so details may span lines.

use crate::domain::organisation::Regime;
use crate::domain::request::RequestType;

/// The marker field's name.
pub const MARKER: &str = "privacy-desk-form";

/// Which page sent the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// The request form.
    Request,
    /// The preference page.
    Preferences,
}

impl FormKind {
    /// The marker's value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Preferences => "preferences",
        }
    }
}

/// One purpose's choice on the preference page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PurposeChoice {
    /// Leave it as it is.
    Keep,
    /// Withdraw consent (GDPR Art. 7(3)).
    Withdraw,
    /// Object to processing on legitimate interests or for direct marketing (Art. 21).
    Object,
}

impl PurposeChoice {
    /// The value the page sends.
    pub fn code(self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Withdraw => "withdraw",
            Self::Object => "object",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Keep, Self::Withdraw, Self::Object]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// A submission read from a body. Everything but the codes is personal data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormSubmission {
    /// Which page sent it (`None` only while reading).
    pub kind: Option<FormKind>,
    /// The version of the page the person saw.
    pub page_version: String,
    /// The page's language code.
    pub lang: String,
    /// The type chosen in the request form's list.
    pub request_type: Option<RequestType>,
    /// A CCPA button pressed: opt-out of sale/sharing or limit the use of sensitive data.
    pub ccpa_button: Option<RequestType>,
    /// The regime the person chose (where they live), when the page asked.
    pub regime: Option<Regime>,
    /// The email address the person typed.
    pub email: String,
    /// The name the person typed.
    pub name: String,
    /// What the person wrote.
    pub details: String,
    /// Whether the browser sent the Global Privacy Control signal (read by the page's script).
    pub gpc: bool,
    /// Preference page: each purpose's choice, with the notice version shown beside it.
    pub purposes: Vec<(String, PurposeChoice, Option<u32>)>,
    /// Preference page: "do not sell or share my personal information" ticked.
    pub do_not_sell: bool,
    /// Preference page: "limit the use of my sensitive personal information" ticked.
    pub limit: bool,
}

const FIELDS: [&str; 9] = [
    MARKER,
    "page-version",
    "lang",
    "type",
    "ccpa",
    "regime",
    "email",
    "name",
    "gpc",
];

/// Splits `name=value` or `name: value` when `name` is a field the pages send.
fn field_of(line: &str) -> Option<(&str, &str)> {
    let at = line.find(['=', ':'])?;
    let (name, rest) = line.split_at(at);
    let name = name.trim();
    let known = FIELDS.contains(&name)
        || name == "details"
        || name == "do-not-sell"
        || name == "limit"
        || name.starts_with("purpose.")
        || name.starts_with("notice.");
    known.then(|| (name, rest[1..].trim_start()))
}

impl FormSubmission {
    /// Finds a submission in a message body: `None` when the marker line is absent.
    pub fn find(body: &str) -> Option<Self> {
        let mut form = Self::default();
        let mut notices: Vec<(String, u32)> = Vec::new();
        let mut current: Option<String> = None;
        for line in body.lines() {
            let Some((name, value)) = field_of(line) else {
                if current.as_deref() == Some("details") {
                    form.details.push('\n');
                    form.details.push_str(line);
                }
                continue;
            };
            current = Some(name.to_owned());
            let value = value.trim_end();
            match name {
                MARKER => {
                    form.kind = match value {
                        "request" => Some(FormKind::Request),
                        "preferences" => Some(FormKind::Preferences),
                        _ => None,
                    }
                }
                "page-version" => form.page_version = value.to_owned(),
                "lang" => form.lang = value.to_owned(),
                "type" => form.request_type = RequestType::from_code(value),
                "ccpa" => {
                    form.ccpa_button = RequestType::from_code(value)
                        .filter(|t| matches!(t, RequestType::OptOut | RequestType::Limit))
                }
                "regime" => form.regime = Regime::from_code(value),
                "email" => form.email = value.trim().to_owned(),
                "name" => form.name = value.trim().to_owned(),
                "details" => form.details = value.to_owned(),
                "gpc" => form.gpc = value == "1",
                "do-not-sell" => form.do_not_sell = value == "yes",
                "limit" => form.limit = value == "yes",
                other => {
                    let purpose = other.strip_prefix("purpose.");
                    let notice = other.strip_prefix("notice.");
                    if let (Some(code), Some(choice)) = (purpose, PurposeChoice::from_code(value)) {
                        form.purposes.push((code.to_owned(), choice, None));
                    } else if let (Some(code), Ok(v)) = (notice, value.parse()) {
                        notices.push((code.to_owned(), v));
                    }
                }
            }
        }
        form.kind?;
        form.details = form.details.trim().to_owned();
        for (code, _, version) in &mut form.purposes {
            *version = notices.iter().find(|(c, _)| c == code).map(|(_, v)| *v);
        }
        Some(form)
    }

    /// The request type the submission asks for, and the words that say why, for the
    /// proposal. The request form: a CCPA button wins over the list (a Global Privacy Control
    /// signal sent with it makes an opt-out, Cal. Code Regs. tit. 11 § 7025(b)). The
    /// preference page: a withdrawal first (Art. 7(3)), then an objection (Art. 21), then the
    /// CCPA opt-out (Civ. Code § 1798.120) and limit (§ 1798.121); the other choices are in
    /// the message the officer sees beside the proposal.
    pub fn proposal(&self) -> (Option<RequestType>, String) {
        let page = match self.page_version.as_str() {
            "" => String::new(),
            v => format!(", page {v}"),
        };
        match self.kind {
            Some(FormKind::Request) => {
                let kind = self
                    .ccpa_button
                    .or(self.request_type)
                    .or(self.gpc.then_some(RequestType::OptOut));
                (kind, format!("request form{page}"))
            }
            Some(FormKind::Preferences) => {
                let chose = |c: PurposeChoice| {
                    let codes: Vec<&str> = self
                        .purposes
                        .iter()
                        .filter(|(_, choice, _)| *choice == c)
                        .map(|(code, _, _)| code.as_str())
                        .collect();
                    (!codes.is_empty()).then(|| codes.join(", "))
                };
                let (kind, what) = if let Some(codes) = chose(PurposeChoice::Withdraw) {
                    (
                        Some(RequestType::WithdrawConsent),
                        format!("withdraw {codes}"),
                    )
                } else if let Some(codes) = chose(PurposeChoice::Object) {
                    (Some(RequestType::Objection), format!("object to {codes}"))
                } else if self.do_not_sell || self.gpc {
                    (Some(RequestType::OptOut), "do not sell or share".to_owned())
                } else if self.limit {
                    (Some(RequestType::Limit), "limit sensitive data".to_owned())
                } else {
                    (None, "no change chosen".to_owned())
                };
                (kind, format!("preference page{page}: {what}"))
            }
            None => (None, String::new()),
        }
    }

    /// The regime the submission names: the person's choice, else the CCPA's for a CCPA
    /// button or preference.
    pub fn named_regime(&self) -> Option<Regime> {
        self.regime.or_else(|| {
            (self.ccpa_button.is_some() || self.do_not_sell || self.limit)
                .then_some(Regime::CcpaCpra)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_without_the_marker_is_no_submission() {
        assert_eq!(
            FormSubmission::find("type=erasure\nemail=a@b.example\n"),
            None
        );
        assert_eq!(FormSubmission::find("Please delete my data"), None);
    }

    #[test]
    fn request_form_bodies_are_read_exactly() {
        // (body, expected type, expected regime)
        let cases: Vec<(&str, Option<RequestType>, Option<Regime>)> = vec![
            (
                "privacy-desk-form=request\r\npage-version=2026-12-07.ab12\r\ntype=erasure\r\nemail=ana@example.org\r\nname=Ana\r\ndetails=Please\r\nremove me\r\n",
                Some(RequestType::Erasure),
                None,
            ),
            (
                "privacy-desk-form=request\ntype=access\nregime=uk-gdpr\nemail=a@example.org\nccpa=opt-out\n",
                Some(RequestType::OptOut),
                Some(Regime::UkGdpr),
            ),
            (
                "privacy-desk-form: request\ntype: portability\nemail: a@example.org\n",
                Some(RequestType::Portability),
                None,
            ),
            (
                "privacy-desk-form=request\nemail=a@example.org\ngpc=1\n",
                Some(RequestType::OptOut),
                None,
            ),
            (
                "privacy-desk-form=request\nccpa=limit\nemail=a@example.org\n",
                Some(RequestType::Limit),
                Some(Regime::CcpaCpra),
            ),
            // A button value that is no CCPA button is ignored.
            (
                "privacy-desk-form=request\nccpa=erasure\ntype=access\n",
                Some(RequestType::Access),
                None,
            ),
        ];
        for (body, kind, regime) in cases {
            let form = FormSubmission::find(body).expect(body);
            assert_eq!(form.proposal().0, kind, "{body}");
            assert_eq!(form.named_regime(), regime, "{body}");
            assert!(form.proposal().1.starts_with("request form"), "{body}");
        }
        let form = FormSubmission::find(
            "privacy-desk-form=request\r\npage-version=v7\r\nemail= ana@example.org \r\nname=Ana Lima\r\ndetails=line one\r\nline two\r\n",
        )
        .unwrap();
        assert_eq!(form.email, "ana@example.org");
        assert_eq!(form.name, "Ana Lima");
        assert_eq!(form.details, "line one\nline two");
        assert_eq!(form.proposal().1, "request form, page v7");
    }

    #[test]
    fn preference_bodies_propose_the_strongest_choice() {
        let cases: Vec<(&str, Option<RequestType>, &str)> = vec![
            (
                "purpose.newsletter=withdraw\nnotice.newsletter=3\npurpose.profiling=object\ndo-not-sell=yes\n",
                Some(RequestType::WithdrawConsent),
                "withdraw newsletter",
            ),
            (
                "purpose.newsletter=keep\npurpose.profiling=object\n",
                Some(RequestType::Objection),
                "object to profiling",
            ),
            (
                "purpose.newsletter=keep\ndo-not-sell=yes\n",
                Some(RequestType::OptOut),
                "do not sell",
            ),
            (
                "purpose.newsletter=keep\ngpc=1\n",
                Some(RequestType::OptOut),
                "do not sell",
            ),
            ("limit=yes\n", Some(RequestType::Limit), "limit"),
            ("purpose.newsletter=keep\n", None, "no change"),
        ];
        for (fields, kind, words) in cases {
            let body = format!("privacy-desk-form=preferences\nemail=a@example.org\n{fields}");
            let form = FormSubmission::find(&body).unwrap();
            let (k, phrase) = form.proposal();
            assert_eq!(k, kind, "{fields}");
            assert!(phrase.contains(words), "{fields}: {phrase}");
        }
        let form = FormSubmission::find(
            "privacy-desk-form=preferences\npurpose.newsletter=withdraw\nnotice.newsletter=3\n",
        )
        .unwrap();
        assert_eq!(
            form.purposes,
            vec![("newsletter".to_owned(), PurposeChoice::Withdraw, Some(3))]
        );
    }
}
