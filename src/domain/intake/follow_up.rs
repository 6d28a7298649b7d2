//! Follow-ups: a message that belongs to a request already taken in is attached to it, not
//! proposed as a second request.
//!
//! The rule, in order: (1) the message answers (`In-Reply-To:`/`References:`) a message
//! already taken in that belongs to a request; (2) the same sender has an open request of the
//! same right (its twin under the other regime counts: access and know, erasure and delete,
//! rectification and correct). GDPR Art. 12(5) and Cal. Civ. Code § 1798.130(a)(2) count a
//! repeated request within the period as part of the same exercise of the right.

use uuid::Uuid;

use crate::domain::request::RequestType;

use super::classify::same_right;

/// An open request of the sender's, for rule (2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenRequest {
    /// The request.
    pub id: Uuid,
    /// Its type.
    pub kind: RequestType,
}

/// The request a message follows up, if any: `by_thread` is the request of a message it
/// answers (rule 1); `open` are the sender's open requests, oldest first (rule 2).
pub fn follow_up_of(
    by_thread: Option<Uuid>,
    proposed: Option<RequestType>,
    open: &[OpenRequest],
) -> Option<Uuid> {
    by_thread.or_else(|| {
        let kind = proposed?;
        open.iter().find(|r| same_right(r.kind, kind)).map(|r| r.id)
    })
}
