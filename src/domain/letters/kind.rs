//! Which letter: the kinds, their codes and names, and the shipped wording of each.

use super::Language;

/// Which letter: one template file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LetterKind {
    /// Confirms the request arrived: what was asked, when, and when the answer is due.
    Acknowledgement,
    /// Asks for what is needed to confirm the requester's identity.
    IdentityRequest,
    /// Extends the time limit once, with the reason and the new due date.
    ExtensionNotice,
    /// Says the request has been dealt with and what was done.
    Completion,
    /// Says the request will not be acted on, why, and where the person can turn.
    Refusal,
    /// Tells a person of a personal data breach likely to result in a high risk to them (GDPR
    /// Art. 34(1)), with what Art. 34(2) requires. Not about a request: it is not in
    /// [`LetterKind::ALL`].
    BreachCommunication,
    /// Tells a vendor (a recipient of the person's data) of an erasure, correction,
    /// restriction, objection, withdrawal, opt-out or limit to carry out too (GDPR Art. 19;
    /// 11 CCR §§ 7022(b)(3), 7026(f); see [`super::recipient`]). One per vendor: not in
    /// [`LetterKind::ALL`], written with the vendor's name.
    RecipientNotice,
}

impl LetterKind {
    /// Every letter about a request, in the order a request meets them (the breach letter is
    /// written from the incident log instead).
    pub const ALL: [LetterKind; 5] = [
        LetterKind::Acknowledgement,
        LetterKind::IdentityRequest,
        LetterKind::ExtensionNotice,
        LetterKind::Completion,
        LetterKind::Refusal,
    ];

    /// The kebab-case code, also the template's file name without `.toml`.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "acknowledgement",
            LetterKind::IdentityRequest => "identity-request",
            LetterKind::ExtensionNotice => "extension-notice",
            LetterKind::Completion => "completion",
            LetterKind::Refusal => "refusal",
            LetterKind::BreachCommunication => "breach-communication",
            LetterKind::RecipientNotice => "recipient-notice",
        }
    }

    /// The kind with this code among the request letters ([`LetterKind::ALL`] and the
    /// recipient notice), if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain([LetterKind::RecipientNotice])
            .find(|kind| kind.code() == code)
    }

    /// A short name for people ("Identity request").
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "Acknowledgement",
            LetterKind::IdentityRequest => "Identity request",
            LetterKind::ExtensionNotice => "Extension notice",
            LetterKind::Completion => "Completion",
            LetterKind::Refusal => "Refusal",
            LetterKind::BreachCommunication => "Breach communication",
            LetterKind::RecipientNotice => "Recipient notice",
        }
    }

    /// The shipped template text in `lang`: `assets/letters/<lang>/` for German, French and
    /// Spanish. Every letter is written in every language; `None` is kept for a letter that
    /// is not.
    pub(super) fn builtin_text_in(self, lang: Language) -> Option<&'static str> {
        macro_rules! each {
            ($dir:literal) => {
                match self {
                    LetterKind::Acknowledgement => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/acknowledgement.toml"
                    ))),
                    LetterKind::IdentityRequest => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/identity-request.toml"
                    ))),
                    LetterKind::ExtensionNotice => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/extension-notice.toml"
                    ))),
                    LetterKind::Completion => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/completion.toml"
                    ))),
                    LetterKind::Refusal => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/refusal.toml"
                    ))),
                    LetterKind::BreachCommunication => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/breach-communication.toml"
                    ))),
                    LetterKind::RecipientNotice => Some(include_str!(concat!(
                        "../../../assets/letters/",
                        $dir,
                        "/recipient-notice.toml"
                    ))),
                }
            };
        }
        match lang {
            Language::English => Some(self.builtin_text()),
            Language::German => each!("de"),
            Language::French => each!("fr"),
            Language::Spanish => each!("es"),
        }
    }

    /// The shipped template text.
    pub(super) fn builtin_text(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => {
                include_str!("../../../assets/letters/acknowledgement.toml")
            }
            LetterKind::IdentityRequest => {
                include_str!("../../../assets/letters/identity-request.toml")
            }
            LetterKind::ExtensionNotice => {
                include_str!("../../../assets/letters/extension-notice.toml")
            }
            LetterKind::Completion => include_str!("../../../assets/letters/completion.toml"),
            LetterKind::Refusal => include_str!("../../../assets/letters/refusal.toml"),
            LetterKind::BreachCommunication => {
                include_str!("../../../assets/letters/breach-communication.toml")
            }
            LetterKind::RecipientNotice => {
                include_str!("../../../assets/letters/recipient-notice.toml")
            }
        }
    }
}
