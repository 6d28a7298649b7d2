//! The requests of the demo store: planned up front from the seed (every state, some overdue
//! by a margin no holiday calendar closes, a few erasures), then taken in and moved on through
//! the ordinary services, each step with its audit entry.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use uuid::Uuid;

use crate::domain::organisation::Regime;
use crate::domain::request::identity::identity_step_offered;
use crate::domain::request::refusal::allowed_grounds;
use crate::domain::request::workflow::RefusalKind;
use crate::domain::request::{
    DeadlineRule, RefusalGround, RequestChannel, RequestDraft, RequestState, RequestType, Requester,
};
use crate::domain::retention::hold::HoldTarget;

use crate::demo::Sizes;
use crate::services::{ServiceResult, Session};

/// A legal hold that goes with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HoldWith {
    /// On the person: a legal claim (with a refused erasure request).
    SubjectClaim,
    /// On the request file: a complaint to the regulator about the refusal.
    RequestComplaint,
}

/// One request to take in and move to its state. Days count from the day of receipt.
#[derive(Clone, Debug)]
pub(crate) struct RequestSpec {
    /// Index into the picked people.
    pub(crate) person: usize,
    regime: Regime,
    kind: RequestType,
    state: RequestState,
    channel: RequestChannel,
    agent: bool,
    received_ago: u64,
    ask_identity: bool,
    verify_after: Option<u64>,
    notice_after: Option<u64>,
    close_after: u64,
    refusal: Option<RefusalKind>,
    /// Whether the person is erased (the request completed by the erasure).
    pub(crate) erase: bool,
    hold: Option<HoldWith>,
}

fn kind_weight(kind: RequestType) -> u32 {
    match kind {
        RequestType::Access => 35,
        RequestType::Erasure => 20,
        RequestType::Rectification => 10,
        RequestType::Objection => 8,
        RequestType::WithdrawConsent => 10,
        RequestType::Portability => 7,
        RequestType::Restriction => 5,
        RequestType::Know => 30,
        RequestType::Delete => 30,
        RequestType::OptOut => 25,
        RequestType::Correct => 10,
        RequestType::Limit => 5,
    }
}

fn pick_regime(rng: &mut StdRng) -> Regime {
    match rng.gen_range(0..100) {
        0..=54 => Regime::UkGdpr,
        55..=84 => Regime::Gdpr,
        _ => Regime::CcpaCpra,
    }
}

fn pick_kind(
    rng: &mut StdRng,
    regime: Regime,
    allowed: impl Fn(RequestType) -> bool,
) -> RequestType {
    let kinds: Vec<RequestType> = RequestType::for_regime(regime)
        .into_iter()
        .filter(|k| allowed(*k))
        .collect();
    let weights = WeightedIndex::new(kinds.iter().map(|k| kind_weight(*k)))
        .unwrap_or_else(|_| unreachable!("every regime has an allowed kind"));
    kinds[weights.sample(rng)]
}

fn pick_channel(rng: &mut StdRng) -> RequestChannel {
    match rng.gen_range(0..100) {
        0..=49 => RequestChannel::Email,
        50..=74 => RequestChannel::WebForm,
        75..=84 => RequestChannel::Letter,
        85..=92 => RequestChannel::Phone,
        93..=97 => RequestChannel::InPerson,
        _ => RequestChannel::Other,
    }
}

fn extendable(regime: Regime, kind: RequestType) -> bool {
    DeadlineRule::for_request(regime, kind).extendable()
}

/// A request that ends up in `state` and is not overdue.
fn on_time_spec(rng: &mut StdRng, state: RequestState) -> RequestSpec {
    let regime = pick_regime(rng);
    let gdpr = regime != Regime::CcpaCpra;
    let mut spec = RequestSpec {
        person: 0,
        regime,
        kind: pick_kind(rng, regime, |_| true),
        state,
        channel: pick_channel(rng),
        agent: rng.gen_bool(0.05),
        received_ago: 0,
        ask_identity: false,
        verify_after: None,
        notice_after: None,
        close_after: 0,
        refusal: None,
        erase: false,
        hold: None,
    };
    match state {
        RequestState::Received => {
            // Up to a few days before the deadline, so that some are due this week.
            spec.received_ago = match DeadlineRule::for_request(regime, spec.kind) {
                DeadlineRule::GdprMonth => rng.gen_range(0..=25),
                DeadlineRule::Ccpa45Days => rng.gen_range(0..=40),
                DeadlineRule::Ccpa15BusinessDays => rng.gen_range(0..=10),
            };
        }
        RequestState::AwaitingIdentity => {
            // A GDPR clock is stopped while waiting; a CCPA one keeps running.
            spec.received_ago = if gdpr {
                rng.gen_range(2..=40)
            } else {
                rng.gen_range(2..=10)
            };
            spec.ask_identity = true;
            // No identity step for CCPA opt-out and limit (§ 7026(d), § 7027(e)).
            if !identity_step_offered(regime, spec.kind) {
                spec.kind = RequestType::Know;
            }
        }
        RequestState::InProgress => {
            spec.received_ago = if gdpr {
                rng.gen_range(5..=30)
            } else {
                rng.gen_range(1..=10)
            };
            let back = rng.gen_range(0..=spec.received_ago.min(3));
            spec.ask_identity = rng.gen_bool(0.3);
            spec.verify_after = Some(spec.received_ago - back);
        }
        RequestState::Extended => {
            spec.kind = pick_kind(rng, regime, |k| extendable(regime, k));
            spec.received_ago = rng.gen_range(20..=60);
            spec.verify_after = Some(1);
            spec.notice_after = Some(15);
        }
        RequestState::Completed => {
            spec.kind = pick_kind(rng, regime, |k| !k.is_erasure());
            spec.received_ago = rng.gen_range(20..=1440);
            spec.close_after = rng.gen_range(5..=28).min(spec.received_ago);
            if gdpr && rng.gen_bool(0.6) {
                spec.verify_after = Some(rng.gen_range(1..=5).min(spec.close_after));
            }
        }
        RequestState::Refused => {
            spec.received_ago = rng.gen_range(20..=1440);
            spec.close_after = rng.gen_range(3..=25).min(spec.received_ago);
            let kind = match rng.gen_range(0..100) {
                0..=14 => RefusalKind::ManifestlyUnfounded,
                15..=29 => RefusalKind::Excessive,
                30..=74 => RefusalKind::IdentityNotVerified,
                _ => RefusalKind::Exemption,
            };
            spec.ask_identity = kind == RefusalKind::IdentityNotVerified;
            spec.refusal = Some(kind);
        }
        RequestState::Withdrawn => {
            spec.received_ago = rng.gen_range(10..=1440);
            spec.close_after = rng.gen_range(1..=10).min(spec.received_ago);
        }
    }
    spec
}

/// An open request whose deadline has passed (by a margin that no holiday calendar closes).
fn overdue_spec(rng: &mut StdRng, template: usize) -> RequestSpec {
    let regime = match pick_regime(rng) {
        Regime::CcpaCpra => Regime::UkGdpr,
        gdpr => gdpr,
    };
    let mut spec = on_time_spec(rng, RequestState::Received);
    spec.regime = regime;
    spec.kind = pick_kind(rng, regime, |_| true);
    match template % 5 {
        0 => spec.received_ago = rng.gen_range(45..=200),
        1 => {
            spec.state = RequestState::InProgress;
            spec.received_ago = rng.gen_range(50..=150);
            spec.verify_after = Some(2);
        }
        2 => {
            spec.state = RequestState::Extended;
            spec.received_ago = rng.gen_range(110..=200);
            spec.verify_after = Some(1);
            spec.notice_after = Some(10);
        }
        3 => {
            spec.regime = Regime::CcpaCpra;
            spec.kind = pick_kind(rng, Regime::CcpaCpra, |k| extendable(Regime::CcpaCpra, k));
            spec.state = RequestState::AwaitingIdentity;
            spec.ask_identity = true;
            spec.received_ago = rng.gen_range(50..=150);
        }
        _ => {
            spec.regime = Regime::CcpaCpra;
            spec.kind = pick_kind(rng, Regime::CcpaCpra, |k| !extendable(Regime::CcpaCpra, k));
            spec.received_ago = rng.gen_range(30..=90);
        }
    }
    spec
}

/// Every request of the demo, oldest first; `person` indexes the picked people (the first
/// ones are the people to be erased).
pub(crate) fn plan_requests(rng: &mut StdRng, sizes: &Sizes) -> Vec<RequestSpec> {
    let mut specs = Vec::with_capacity(sizes.requests);
    for _ in 0..sizes.erasures {
        let regime = pick_regime(rng);
        let mut spec = on_time_spec(rng, RequestState::Completed);
        spec.regime = regime;
        spec.kind = if regime == Regime::CcpaCpra {
            RequestType::Delete
        } else {
            RequestType::Erasure
        };
        spec.received_ago = rng.gen_range(3..=20);
        spec.verify_after = Some(1);
        spec.close_after = spec.received_ago;
        spec.erase = true;
        specs.push(spec);
    }
    // One of each state, then the two refusals the holds go with.
    for state in RequestState::ALL {
        specs.push(on_time_spec(rng, state));
    }
    let mut claim = on_time_spec(rng, RequestState::Refused);
    claim.regime = Regime::UkGdpr;
    claim.kind = RequestType::Erasure;
    claim.ask_identity = false;
    claim.refusal = Some(RefusalKind::Exemption);
    claim.hold = Some(HoldWith::SubjectClaim);
    specs.push(claim);
    let mut complaint = on_time_spec(rng, RequestState::Refused);
    complaint.regime = Regime::UkGdpr;
    complaint.kind = RequestType::Access;
    complaint.ask_identity = false;
    complaint.refusal = Some(RefusalKind::Excessive);
    complaint.hold = Some(HoldWith::RequestComplaint);
    complaint.received_ago = complaint.received_ago.min(300);
    specs.push(complaint);
    for t in 0..sizes.overdue {
        specs.push(overdue_spec(rng, t));
    }
    let states = [
        (RequestState::Completed, 50),
        (RequestState::Refused, 6),
        (RequestState::Withdrawn, 7),
        (RequestState::Received, 8),
        (RequestState::AwaitingIdentity, 10),
        (RequestState::InProgress, 12),
        (RequestState::Extended, 7),
    ];
    let weights = WeightedIndex::new(states.iter().map(|s| s.1))
        .unwrap_or_else(|_| unreachable!("positive weights"));
    while specs.len() < sizes.requests {
        let state = states[weights.sample(rng)].0;
        specs.push(on_time_spec(rng, state));
    }
    for (person, spec) in specs.iter_mut().enumerate() {
        spec.person = person;
    }
    // References in order of arrival.
    specs.sort_by_key(|s| std::cmp::Reverse(s.received_ago));
    specs
}

fn details(kind: RequestType) -> &'static str {
    match kind {
        RequestType::Access | RequestType::Know => {
            "A copy of everything held about them, including the order history."
        }
        RequestType::Portability => "Their order history in a machine-readable format.",
        RequestType::Rectification | RequestType::Correct => {
            "Their postal address and phone number are out of date."
        }
        RequestType::Erasure | RequestType::Delete => {
            "Delete their account and every record about them."
        }
        RequestType::Restriction => "Stop using their data while they dispute an invoice.",
        RequestType::Objection => "No more marketing emails and no profiling.",
        RequestType::WithdrawConsent => "Withdraw every marketing consent.",
        RequestType::OptOut => "Do not sell or share their personal information.",
        RequestType::Limit => "Limit the use of their sensitive personal information.",
    }
}

fn outcome(kind: RequestType) -> &'static str {
    match kind {
        RequestType::Access | RequestType::Know | RequestType::Portability => {
            "Access package (JSON, CSV and a readable report) sent by secure link."
        }
        RequestType::Rectification | RequestType::Correct => {
            "Postal address and phone number corrected; the person was told."
        }
        RequestType::Erasure | RequestType::Delete => {
            "Personal data erased; the erasure certificate is kept."
        }
        RequestType::Restriction => "Processing restricted until the invoice dispute is settled.",
        RequestType::Objection | RequestType::WithdrawConsent => {
            "Every marketing consent withdrawn; the address is on the suppression list."
        }
        RequestType::OptOut | RequestType::Limit => {
            "Opt-out recorded; partner sharing stopped for this person."
        }
    }
}

fn refusal_ground(kind: RefusalKind, request: RequestType) -> RefusalGround {
    let detail = match kind {
        RefusalKind::ManifestlyUnfounded => {
            "The request asks for records of another company's customers."
        }
        RefusalKind::Excessive => {
            "The fifth identical request this month; each earlier one was answered in full."
        }
        RefusalKind::IdentityNotVerified => "No reply to two requests for proof of identity.",
        RefusalKind::Exemption if request.is_erasure() => {
            "The records are needed for a pending claim about an unpaid wholesale invoice (GDPR Art. 17(3)(e))."
        }
        RefusalKind::Exemption => {
            "Order records must be kept for six years for tax purposes (legal obligation)."
        }
        RefusalKind::SuspectedFraud => {
            "Forty identical opt-outs in one minute from one address, for people who never bought from us; documented in the fraud log."
        }
    };
    RefusalGround {
        kind,
        detail: detail.to_owned(),
    }
}

/// What taking in one request changed besides the request.
pub(crate) struct RequestOutcome {
    /// Consent events removed with an erased person.
    pub(crate) erased_events: u64,
    /// Legal holds placed.
    pub(crate) holds: u64,
}

/// Takes in one request through the services and moves it to its planned state.
pub(crate) fn take_request(
    session: &mut Session,
    spec: &RequestSpec,
    person: (Uuid, &str, &str),
    today: NaiveDate,
) -> ServiceResult<RequestOutcome> {
    let (subject, email, name) = person;
    let received = today
        .checked_sub_days(Days::new(spec.received_ago))
        .unwrap_or(today);
    let day = |after: u64| {
        received
            .checked_add_days(Days::new(after))
            .unwrap_or(today)
            .min(today)
    };
    let requester = if spec.agent {
        Requester {
            name: name.to_owned(),
            agent_name: "Example Rights Agency LLP".into(),
            agent_evidence:
                "Signed authorisation from the person, scanned and filed with the request.".into(),
        }
    } else {
        Requester {
            name: name.to_owned(),
            ..Requester::default()
        }
    };
    let draft = RequestDraft {
        regime: spec.regime,
        kind: spec.kind,
        received,
        channel: spec.channel,
        email: email.to_owned(),
        requester,
        details: details(spec.kind).to_owned(),
    };
    let (id, _) = session.requests().open_request(&draft, today)?;
    // Identity is asked for on the day of receipt where the step exists; a request planned
    // to be verified without a question is asked too (the demo's clocks restart as before),
    // except opt-out and limit requests, which just start.
    let identity = identity_step_offered(spec.regime, spec.kind);
    if identity && (spec.ask_identity || spec.verify_after.is_some()) {
        session.requests().ask_identity(id, received, today)?;
    }
    if let Some(after) = spec.verify_after {
        if identity {
            session.requests().verify_request(id, day(after), today)?;
        } else {
            session.requests().start_work(id)?;
        }
    }
    if let Some(after) = spec.notice_after {
        session.requests().extend_request(
            id,
            "The request covers several years of orders in two systems; more time is needed to gather them.",
            day(after),
            today,
        )?;
    }
    let mut result = RequestOutcome {
        erased_events: 0,
        holds: 0,
    };
    match spec.state {
        RequestState::Completed => {
            if spec.erase {
                let certificate = session.requests().erase_subject(subject, Some(id), today)?;
                result.erased_events = certificate.removed.consent_events;
            }
            // Every system and vendor reached before the request is closed (issue 18 item 5).
            for task in session.requests().request_tasks(id)? {
                if task.status == crate::domain::request::task::TaskStatus::Open {
                    session.requests().set_request_task(
                        id,
                        task.number,
                        crate::domain::request::task::TaskStatus::Done,
                        day(spec.close_after),
                        "",
                        today,
                    )?;
                }
            }
            session
                .requests()
                .complete_request(id, outcome(spec.kind), day(spec.close_after))?;
        }
        RequestState::Refused => {
            let wanted = spec.refusal.unwrap_or(RefusalKind::IdentityNotVerified);
            // Only a ground the law allows for the type (opt-out and limit: fraud only).
            let allowed = allowed_grounds(spec.regime, spec.kind);
            let kind = if allowed.iter().any(|g| g.kind == wanted) {
                wanted
            } else {
                allowed.first().map_or(wanted, |g| g.kind)
            };
            session.requests().refuse_request(
                id,
                &refusal_ground(kind, spec.kind),
                day(spec.close_after),
            )?;
        }
        RequestState::Withdrawn => session
            .requests()
            .withdraw_request(id, day(spec.close_after))?,
        _ => {}
    }
    match spec.hold {
        Some(HoldWith::SubjectClaim) => {
            session.retention().place_hold(
                HoldTarget::Subject(subject),
                "Legal claim about an unpaid wholesale invoice: keep every record of this customer until the claim is settled (GDPR Art. 17(3)(e)).",
                None,
                today,
            )?;
            result.holds += 1;
        }
        Some(HoldWith::RequestComplaint) => {
            session.retention().place_hold(
                HoldTarget::Request(id),
                "The person complained to the ICO about this refusal: keep the request file until the complaint is closed.",
                today.checked_add_days(Days::new(365)),
                today,
            )?;
            result.holds += 1;
        }
        None => {}
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn the_plan_has_every_state_and_enough_overdue_requests() {
        for n in [100, 5_000, 1_000_000] {
            let sizes = Sizes::for_people(n);
            let specs = plan_requests(&mut StdRng::seed_from_u64(3), &sizes);
            assert_eq!(specs.len(), sizes.requests);
            for state in RequestState::ALL {
                assert!(specs.iter().any(|s| s.state == state), "{state:?}");
            }
            assert_eq!(specs.iter().filter(|s| s.erase).count(), sizes.erasures);
            let mut people: Vec<usize> = specs.iter().map(|s| s.person).collect();
            people.sort_unstable();
            assert_eq!(people, (0..sizes.requests).collect::<Vec<_>>());
            for s in &specs {
                assert!(s.kind.applies_to(s.regime), "{s:?}");
                assert!(s.verify_after.unwrap_or(0) <= s.received_ago, "{s:?}");
                assert!(s.notice_after.unwrap_or(0) <= s.received_ago, "{s:?}");
                assert!(s.close_after <= s.received_ago, "{s:?}");
                if s.state == RequestState::Extended {
                    assert!(extendable(s.regime, s.kind), "{s:?}");
                }
                if s.state == RequestState::Completed {
                    assert_eq!(s.kind.is_erasure(), s.erase, "{s:?}");
                }
            }
        }
    }
}
