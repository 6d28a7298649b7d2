//! The states a data-subject request moves through and the transitions allowed between them.
//!
//! received → (awaiting identity →) in progress → (extended) → completed / refused / withdrawn.
//! Starting work without asking anything ([`Transition::StartWork`]) leaves the clock alone;
//! only identity that was asked for is "received" ([`Transition::Verify`], Art. 12(6)).
//! A refusal needs a ground, and only the grounds the law allows for the request's type and
//! regime: the table is in [`super::refusal`] (e.g. withdrawal of consent and objection to
//! direct marketing are never "manifestly unfounded or excessive"; CCPA opt-out and limit may
//! only be denied for documented fraud).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestState {
    /// Taken in; nothing asked of the person yet.
    Received,
    /// Waiting for proof of identity or a clarification (the GDPR clock is stopped).
    AwaitingIdentity,
    /// Being worked on.
    InProgress,
    /// The deadline was extended (a reason was recorded and the person told).
    Extended,
    /// Answered.
    Completed,
    /// Refused on a recorded ground.
    Refused,
    /// Withdrawn by the person.
    Withdrawn,
}

impl RequestState {
    /// Every state, in workflow order.
    pub const ALL: [RequestState; 7] = [
        Self::Received,
        Self::AwaitingIdentity,
        Self::InProgress,
        Self::Extended,
        Self::Completed,
        Self::Refused,
        Self::Withdrawn,
    ];

    /// Stable code, as stored and printed.
    pub fn code(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::AwaitingIdentity => "awaiting-identity",
            Self::InProgress => "in-progress",
            Self::Extended => "extended",
            Self::Completed => "completed",
            Self::Refused => "refused",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The state for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Words for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::Received => "Received",
            Self::AwaitingIdentity => "Awaiting identity",
            Self::InProgress => "In progress",
            Self::Extended => "Extended",
            Self::Completed => "Completed",
            Self::Refused => "Refused",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// Whether no more work is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Completed | Self::Refused | Self::Withdrawn)
    }
}

impl fmt::Display for RequestState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Something done to a request that moves it on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// Ask the person for identity or clarification.
    AskIdentity,
    /// The identity or clarification asked for arrived; work starts (a GDPR clock restarts).
    Verify,
    /// Work starts on a request that needed no identity or clarification (the clock keeps
    /// the day of receipt).
    StartWork,
    /// Extend the deadline, with a reason.
    Extend,
    /// Answer the request.
    Complete,
    /// Refuse it, with a ground.
    Refuse,
    /// The person withdrew it.
    Withdraw,
}

impl Transition {
    /// The state the transition leads to.
    pub fn target(self) -> RequestState {
        match self {
            Self::AskIdentity => RequestState::AwaitingIdentity,
            Self::Verify | Self::StartWork => RequestState::InProgress,
            Self::Extend => RequestState::Extended,
            Self::Complete => RequestState::Completed,
            Self::Refuse => RequestState::Refused,
            Self::Withdraw => RequestState::Withdrawn,
        }
    }

    /// Words for a button.
    pub fn label(self) -> &'static str {
        match self {
            Self::AskIdentity => "Ask for identity or clarification",
            Self::Verify => "Identity or clarification received",
            Self::StartWork => "Start work (nothing to ask)",
            Self::Extend => "Extend the deadline",
            Self::Complete => "Mark completed",
            Self::Refuse => "Refuse",
            Self::Withdraw => "Withdrawn by the person",
        }
    }

    /// Whether the transition is allowed from `from`.
    pub fn allowed_from(self, from: RequestState) -> bool {
        use RequestState::*;
        match self {
            Self::AskIdentity => matches!(from, Received | InProgress),
            Self::Verify => matches!(from, AwaitingIdentity),
            Self::StartWork => matches!(from, Received),
            Self::Extend => matches!(from, Received | InProgress),
            Self::Complete => matches!(from, Received | InProgress | Extended),
            Self::Refuse | Self::Withdraw => !from.is_closed(),
        }
    }

    /// Checks the transition, explaining a refusal in words.
    pub fn check(self, from: RequestState) -> Result<RequestState, TransitionError> {
        if self.allowed_from(from) {
            Ok(self.target())
        } else {
            Err(TransitionError { from, to: self })
        }
    }
}

/// A transition that is not allowed from the request's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.sentence())]
pub struct TransitionError {
    /// Where the request stands.
    pub from: RequestState,
    /// What was asked.
    pub to: Transition,
}

impl TransitionError {
    fn sentence(&self) -> String {
        let state = self.from.label().to_lowercase();
        match (self.to, self.from) {
            (_, from) if from.is_closed() => format!(
                "The request is already {state}; a closed request does not change. Open a new request if the person asks again."
            ),
            (Transition::Extend, RequestState::Extended) => {
                "The deadline has already been extended; the law allows one extension.".into()
            }
            (Transition::Extend, RequestState::AwaitingIdentity) => {
                "You are waiting for the person's identity; record it first, then extend if you still need to.".into()
            }
            (Transition::Complete, RequestState::AwaitingIdentity) => {
                "Record the person's identity or clarification first (verify), then complete the request.".into()
            }
            (Transition::Verify, RequestState::Received) => {
                "No request for identity or clarification was recorded, so there is no answer to record and the clock keeps the day of receipt (Art. 12(6)). If you did ask, record that first (ask for identity, with the day); otherwise start work.".into()
            }
            (Transition::Verify, _) => {
                format!("The request is {state}: identity has already been dealt with.")
            }
            (Transition::StartWork, _) => {
                format!("The request is {state}: work has already started.")
            }
            (Transition::AskIdentity, _) => format!(
                "The request is {state}; identity can only be asked for before the work is extended."
            ),
            _ => format!("A request that is {state} cannot be {}.", self.to.target().label().to_lowercase()),
        }
    }
}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalGround {
    /// The kind of ground.
    pub kind: RefusalKind,
    /// The facts, in the officer's words (sealed: it may name the person).
    pub detail: String,
}

/// The grounds the law allows for refusing a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefusalKind {
    /// Art. 12(5)(b): manifestly unfounded.
    ManifestlyUnfounded,
    /// Art. 12(5)(b): manifestly excessive, in particular repetitive.
    Excessive,
    /// Art. 11(2) / 12(2), or under the CCPA Cal. Code Regs. tit. 11 § 7022(a) (delete),
    /// § 7023(a) (correct), § 7024(a)–(b) (know): the requester could not be identified or
    /// verified.
    IdentityNotVerified,
    /// An exemption in law (e.g. Art. 17(3) legal obligation or legal claims, UK DPA 2018
    /// Sch. 2, Cal. Civ. Code § 1798.105(d)).
    Exemption,
    /// Cal. Code Regs. tit. 11 § 7026(e) / § 7027(f): a good-faith, reasonable and documented
    /// belief that an opt-out or limit request is fraudulent.
    SuspectedFraud,
}

impl RefusalKind {
    /// Every kind.
    pub const ALL: [RefusalKind; 5] = [
        Self::ManifestlyUnfounded,
        Self::Excessive,
        Self::IdentityNotVerified,
        Self::Exemption,
        Self::SuspectedFraud,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ManifestlyUnfounded => "manifestly-unfounded",
            Self::Excessive => "excessive",
            Self::IdentityNotVerified => "identity-not-verified",
            Self::Exemption => "exemption",
            Self::SuspectedFraud => "suspected-fraud",
        }
    }

    /// The kind for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Words for the window and letters.
    pub fn label(self) -> &'static str {
        match self {
            Self::ManifestlyUnfounded => "The request is manifestly unfounded",
            Self::Excessive => "The request is manifestly excessive",
            Self::IdentityNotVerified => "We could not verify the requester's identity",
            Self::Exemption => "An exemption in law applies",
            Self::SuspectedFraud => {
                "We have a documented, good-faith belief that the request is fraudulent"
            }
        }
    }
}

impl RefusalGround {
    /// Reads a ground typed on the command line: a kind code, optionally followed by `:` and
    /// the facts; any other text is taken as the facts of an exemption.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Ground: a refusal needs its ground in words (manifestly unfounded, excessive, identity not verified, or the exemption that applies).".into());
        }
        let (head, rest) = text.split_once(':').unwrap_or((text, ""));
        Ok(match RefusalKind::from_code(head) {
            Some(kind) => Self {
                kind,
                detail: rest.trim().to_owned(),
            },
            None => Self {
                kind: RefusalKind::Exemption,
                detail: text.to_owned(),
            },
        })
    }

    /// The ground in one sentence.
    pub fn sentence(&self) -> String {
        if self.detail.trim().is_empty() {
            format!("{}.", self.kind.label())
        } else {
            format!("{}: {}", self.kind.label(), self.detail.trim())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RequestState::*;
    use super::*;

    /// Every (transition, from) pair and whether it is allowed.
    #[test]
    fn transition_table() {
        let allowed: &[(Transition, &[RequestState])] = &[
            (Transition::AskIdentity, &[Received, InProgress]),
            (Transition::Verify, &[AwaitingIdentity]),
            (Transition::StartWork, &[Received]),
            (Transition::Extend, &[Received, InProgress]),
            (Transition::Complete, &[Received, InProgress, Extended]),
            (
                Transition::Refuse,
                &[Received, AwaitingIdentity, InProgress, Extended],
            ),
            (
                Transition::Withdraw,
                &[Received, AwaitingIdentity, InProgress, Extended],
            ),
        ];
        for (t, froms) in allowed {
            for s in RequestState::ALL {
                assert_eq!(t.allowed_from(s), froms.contains(&s), "{t:?} from {s:?}");
                match t.check(s) {
                    Ok(to) => assert_eq!(to, t.target()),
                    Err(e) => assert!(!e.to_string().is_empty()),
                }
            }
        }
    }

    /// Issue 16 item 3 (Art. 12(6)): "identity received" needs an identity request first.
    #[test]
    fn identity_received_needs_a_question() {
        let e = Transition::Verify.check(Received).unwrap_err();
        assert!(e.to_string().contains("No request for identity"), "{e}");
        assert_eq!(Transition::StartWork.check(Received), Ok(InProgress));
        assert_eq!(Transition::Verify.check(AwaitingIdentity), Ok(InProgress));
    }

    #[test]
    fn closed_states_explain_themselves() {
        let e = Transition::Complete.check(Completed).unwrap_err();
        assert!(e.to_string().contains("already completed"), "{e}");
        let e = Transition::Extend.check(Extended).unwrap_err();
        assert!(e.to_string().contains("one extension"), "{e}");
        assert!(Completed.is_closed() && Refused.is_closed() && Withdrawn.is_closed());
        assert!(!Extended.is_closed());
    }

    #[test]
    fn grounds_parse() {
        let g = RefusalGround::parse("excessive: fourth identical request this month").unwrap();
        assert_eq!(g.kind, RefusalKind::Excessive);
        assert_eq!(g.detail, "fourth identical request this month");
        let g = RefusalGround::parse("Invoices must be kept for six years (tax law)").unwrap();
        assert_eq!(g.kind, RefusalKind::Exemption);
        assert!(g.sentence().contains("six years"));
        assert!(RefusalGround::parse("  ").is_err());
        for s in RequestState::ALL {
            assert_eq!(RequestState::from_code(s.code()), Some(s));
        }
    }
}
