//! The order of the proposals list: follow-ups under the proposal their request came from.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::intake::{Proposal, ProposalStatus};
use crate::services::ProposalRow;

use super::attach_follow_ups;

fn row(
    number: i64,
    status: ProposalStatus,
    accepted: Option<Uuid>,
    follows: Option<Uuid>,
) -> ProposalRow {
    ProposalRow {
        proposal: Proposal {
            id: Uuid::new_v4(),
            number,
            status,
            from: format!("p{number}@example.com"),
            from_name: String::new(),
            subject: String::new(),
            received: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            proposed_type: None,
            proposed_regime: None,
            matched_phrase: None,
            follow_up_of: follows,
            accepted_request: accepted,
        },
        subject_found: false,
        follow_up_of: follows.map(|_| "R-0001".into()),
        accepted_as: accepted.map(|_| "R-0001".into()),
    }
}

fn numbers(rows: &[ProposalRow]) -> Vec<i64> {
    rows.iter().map(|r| r.proposal.number).collect()
}

#[test]
fn a_follow_up_sits_under_the_proposal_its_request_came_from() {
    let request = Uuid::new_v4();
    // Newest first, as the service lists them: 4 is a reply to the request opened from 2.
    let rows = vec![
        row(4, ProposalStatus::FollowUp, None, Some(request)),
        row(3, ProposalStatus::Proposed, None, None),
        row(2, ProposalStatus::Accepted, Some(request), None),
        row(1, ProposalStatus::NotARequest, None, None),
    ];
    assert_eq!(numbers(&attach_follow_ups(rows)), [3, 2, 4, 1]);
}

#[test]
fn a_follow_up_of_a_request_opened_by_hand_stays_in_its_place() {
    let by_hand = Uuid::new_v4();
    let rows = vec![
        row(3, ProposalStatus::Proposed, None, None),
        row(2, ProposalStatus::FollowUp, None, Some(by_hand)),
        row(1, ProposalStatus::Proposed, None, None),
    ];
    assert_eq!(numbers(&attach_follow_ups(rows)), [3, 2, 1]);
}
