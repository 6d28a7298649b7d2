//! A demo store of made-up people, to try Privacy Desk at any size (`demo --subjects N`).
//!
//! The store belongs to a fictional small business (Corner Bakery Ltd, under the UK GDPR, the
//! GDPR and the CCPA). Its customers have names from many languages and scripts, emails on the
//! reserved example domains, phone numbers from the ranges kept free for fiction, some
//! addresses, tags and notes, and consent histories over the default purposes spread across the
//! last four years: given by web form, double opt-in, import, in the shop…, with evidence (form
//! ids, documentation IP addresses), some withdrawn, refreshed or expired, some CCPA opt-outs
//! and Global Privacy Control signals. Requests stand in every state, some of them overdue;
//! the default retention policy is adopted; a few legal holds, ended relationships, erasures
//! and undeliverable addresses complete the picture.
//!
//! Deterministic: the same seed gives the same people, ledgers and requests on any day, dated
//! relative to that day (`rand::rngs::StdRng::seed_from_u64`; the record ids come from it too;
//! only the ciphertexts, the audit times and the ids of requests and holds differ). Nothing is ever written over an
//! existing file, and a failed or cancelled run removes the store it started.
//!
//! Speed: subjects and their consent events go straight through the store functions the
//! consent import uses, in transactions of [`BATCH`] people with one audit entry each (counts
//! only, no personal data), so a million people take minutes. The few requests, holds and
//! relationship ends go through the ordinary services, each with its own audit entry.

mod assessments;
pub(crate) mod names;
mod people;
mod records;
mod requests;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Days, Local};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::{KdfParams, Passphrase, RecoveryCode};
use crate::domain::audit::{AuditAction, EntityRef, NewAuditEntry};
use crate::domain::consent::ConsentEventKind;
use crate::domain::organisation::{Contact, OrganisationProfile, Regime};
use crate::domain::purpose::PurposeCode;
use crate::domain::request::RequestState;
use crate::domain::retention::hold::HoldTarget;
use crate::jobs::Progress;
use crate::store::{StoreError, consent, subjects, undeliverable};

use crate::demo::people::{People, purpose_share};
use crate::demo::requests::{plan_requests, take_request};
use crate::services::{ServiceError, ServiceResult, Session, Via};

/// The seed when none is given.
pub const DEFAULT_DEMO_SEED: u64 = 2026;
/// The fewest people a demo store holds (enough for requests in every state).
pub const MIN_DEMO_SUBJECTS: u64 = 100;
/// The organisation of the demo store.
pub const DEMO_ORGANISATION: &str = "Corner Bakery Ltd";
/// People written per transaction (and per audit entry).
pub const BATCH: u64 = 20_000;

/// People between progress updates and cancel checks.
const PROGRESS_EVERY: u64 = 1_000;
/// Mixed into the seed for the plan of requests, holds and relationship ends, so that it does
/// not shift the people when its size changes.
const PLAN_SALT: u64 = 0x5DEE_CE66_D1CE_4E5B;

/// What a demo store holds. Equal for equal seeds and sizes (it holds no times).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    /// The seed it was made from.
    pub seed: u64,
    /// The fictional business.
    pub organisation: String,
    /// Data subjects in the store.
    pub subjects: u64,
    /// Of them, people whose sign-up awaits its double opt-in (never confirmed).
    pub unconfirmed_sign_ups: u64,
    /// Of them, people whose address is marked undeliverable.
    pub undeliverable: u64,
    /// Consent events in the ledger.
    pub consent_events: u64,
    /// Consent events per kind, every kind listed.
    pub events_by_kind: Vec<(ConsentEventKind, u64)>,
    /// Requests per state, every state listed.
    pub requests_by_state: Vec<(RequestState, u64)>,
    /// Open requests past their due date.
    pub requests_overdue: u64,
    /// People erased by completed erasure requests (extra people, generated to be erased).
    pub erased: u64,
    /// Legal holds placed.
    pub legal_holds: u64,
    /// Customer relationships recorded as ended.
    pub relationship_ends: u64,
    /// Retention rules adopted (the default policy).
    pub retention_rules: u64,
    /// Processing activities of the record.
    pub activities: u64,
    /// Systems of the data inventory.
    pub systems: u64,
    /// Vendors.
    pub vendors: u64,
    /// Security measures.
    pub security_measures: u64,
    /// Impact assessments.
    pub assessments: u64,
}

impl DemoSummary {
    /// Every request, whatever its state.
    pub fn requests(&self) -> u64 {
        self.requests_by_state.iter().map(|(_, n)| n).sum()
    }

    /// Requests in one state.
    pub fn requests_in(&self, state: RequestState) -> u64 {
        self.requests_by_state
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    }
}

/// Creates a demo store at `path` (which must not exist) owned by `owner_name`, with
/// `subjects` made-up people from `seed`; returns what it holds and the store's recovery code
/// (shown once, as for any store). Reports progress and stops when `progress` is cancelled;
/// on any failure the new store is removed.
pub fn create_demo(
    path: &Path,
    owner_name: &str,
    passphrase: &Passphrase,
    kdf: KdfParams,
    subjects: u64,
    seed: u64,
    progress: &Progress,
) -> ServiceResult<(DemoSummary, RecoveryCode)> {
    if subjects < MIN_DEMO_SUBJECTS {
        return Err(ServiceError::invalid(
            "Subjects",
            format!("a demo store holds at least {MIN_DEMO_SUBJECTS} people"),
        ));
    }
    if path.exists() {
        return Err(StoreError::AlreadyExists {
            path: path.to_owned(),
        }
        .into());
    }
    let (session, code) = Session::create(path, owner_name, passphrase, kdf, Via::Cli)?;
    match fill(session, subjects, seed, progress) {
        Ok(summary) => Ok((summary, code)),
        Err(e) => {
            remove_store_files(path);
            Err(e)
        }
    }
}

/// Removes a store this run created, with its companions.
fn remove_store_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// How many of each the demo holds for `n` people.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sizes {
    /// Requests in all.
    pub(crate) requests: usize,
    /// Of them, open and overdue.
    pub(crate) overdue: usize,
    /// Of them, completed by erasing the person.
    pub(crate) erasures: usize,
    /// People whose customer relationship ended.
    pub(crate) relationship_ends: usize,
}

impl Sizes {
    pub(crate) fn for_people(n: u64) -> Self {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        Self {
            requests: (n / 250).max(40),
            overdue: (n / 1000).max(12),
            erasures: (n / 100_000).max(2),
            relationship_ends: (n / 20_000).max(5),
        }
    }
}

/// The people requests, holds and relationship ends are about, kept while generating.
#[derive(Clone, Debug, Default)]
struct Picked {
    id: Uuid,
    email: String,
    name: String,
    events_by_kind: [u64; ConsentEventKind::ALL.len()],
    unconfirmed: bool,
    undeliverable: bool,
}

/// Fills a store just created: profile, retention policy, people, then requests, holds and
/// relationship ends; counts what the store holds at the end.
fn fill(
    mut session: Session,
    n: u64,
    seed: u64,
    progress: &Progress,
) -> ServiceResult<DemoSummary> {
    let today = Local::now().date_naive();
    let sizes = Sizes::for_people(n);
    // The erased people are extra, so that the store ends with exactly `n`.
    let generated = n + sizes.erasures as u64;
    let mut plan_rng = StdRng::seed_from_u64(seed ^ PLAN_SALT);
    let wanted = sizes.requests + 1 + sizes.relationship_ends;
    let picks: Vec<u64> = rand::seq::index::sample(
        &mut plan_rng,
        usize::try_from(generated).unwrap_or(usize::MAX),
        wanted,
    )
    .into_iter()
    .map(|i| i as u64)
    .collect();
    let specs = plan_requests(&mut plan_rng, &sizes);
    let ends: Vec<u64> = (0..sizes.relationship_ends)
        .map(|_| plan_rng.gen_range(30..=2600))
        .collect();
    let steps = generated + specs.len() as u64 + 1 + ends.len() as u64;
    progress.set_total(steps);
    progress.set_done(0);

    session.audit().record(
        AuditAction::DemoDataGenerated,
        EntityRef::new("demo", seed.to_string()),
        format!("demo store of {n} made-up people from seed {seed}"),
    )?;
    session.settings().save_profile(&demo_profile())?;
    let retention_rules = session.retention().adopt_default_retention()? as u64;
    let mut records = crate::demo::records::write_records(&mut session, today)?;
    crate::demo::assessments::write_assessments(&mut session, today, &mut records)?;

    let mut counts = PeopleCounts::default();
    let mut picked = vec![Picked::default(); picks.len()];
    write_people(
        &mut session,
        seed,
        generated,
        &picks,
        &mut picked,
        &mut counts,
        progress,
    )?;

    let mut done = generated;
    let mut erased_events = 0;
    let mut erased = Vec::new();
    let mut holds = 0u64;
    for spec in &specs {
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let person = &picked[spec.person];
        let outcome = take_request(
            &mut session,
            spec,
            (person.id, &person.email, &person.name),
            today,
        )?;
        if spec.erase {
            erased_events += outcome.erased_events;
            erased.push(spec.person);
        }
        holds += outcome.holds;
        done += 1;
        progress.set_done(done);
    }
    let insured = &picked[sizes.requests];
    session.retention().place_hold(
        HoldTarget::Subject(insured.id),
        "Insurance claim after a fall in the Station Road shop: keep the customer's records until the insurer closes the claim.",
        today.checked_add_days(Days::new(180)),
        today,
    )?;
    holds += 1;
    done += 1;
    progress.set_done(done);
    for (person, days_ago) in picked[sizes.requests + 1..].iter().zip(&ends) {
        let on = today
            .checked_sub_days(Days::new(*days_ago))
            .unwrap_or(today);
        session
            .retention()
            .set_relationship_end(person.id, Some(on))?;
        done += 1;
        progress.set_done(done);
    }

    for &slot in &erased {
        let p = &picked[slot];
        counts.subjects -= 1;
        counts.unconfirmed -= u64::from(p.unconfirmed);
        counts.undeliverable -= u64::from(p.undeliverable);
        for (total, gone) in counts.by_kind.iter_mut().zip(p.events_by_kind) {
            *total -= gone;
        }
    }
    counts.events -= erased_events;
    let mut by_state: Vec<(RequestState, u64)> =
        RequestState::ALL.iter().map(|s| (*s, 0)).collect();
    for row in session.requests().inbox(today)? {
        if let Some(entry) = by_state.iter_mut().find(|(s, _)| *s == row.summary.state) {
            entry.1 += 1;
        }
    }
    let overdue = session.requests().request_counts(today)?.overdue;
    Ok(DemoSummary {
        seed,
        organisation: DEMO_ORGANISATION.to_owned(),
        subjects: counts.subjects,
        unconfirmed_sign_ups: counts.unconfirmed,
        undeliverable: counts.undeliverable,
        consent_events: counts.events,
        events_by_kind: ConsentEventKind::ALL
            .iter()
            .zip(counts.by_kind)
            .map(|(k, n)| (*k, n))
            .collect(),
        requests_by_state: by_state,
        requests_overdue: overdue,
        erased: erased.len() as u64,
        legal_holds: holds,
        relationship_ends: ends.len() as u64,
        retention_rules,
        activities: records.activities,
        systems: records.systems,
        vendors: records.vendors,
        security_measures: records.security_measures,
        assessments: records.assessments,
    })
}

fn demo_profile() -> OrganisationProfile {
    OrganisationProfile {
        name: DEMO_ORGANISATION.to_owned(),
        controller: Contact {
            name: "Corner Bakery Ltd, customer privacy".into(),
            email: "privacy@example.com".into(),
            phone: "+44 20 7946 0000".into(),
            postal_address: "1 Market Street, London E1".into(),
        },
        dpo: Contact {
            name: "Data protection lead".into(),
            email: "dpo@example.com".into(),
            phone: String::new(),
            postal_address: String::new(),
        },
        regimes: [Regime::UkGdpr, Regime::Gdpr, Regime::CcpaCpra].into(),
    }
}

/// What was generated, for the summary.
#[derive(Clone, Debug, Default)]
struct PeopleCounts {
    subjects: u64,
    unconfirmed: u64,
    undeliverable: u64,
    events: u64,
    by_kind: [u64; ConsentEventKind::ALL.len()],
}

/// Writes `total` people in transactions of [`BATCH`], each with one audit entry of counts.
fn write_people(
    session: &mut Session,
    seed: u64,
    total: u64,
    picks: &[u64],
    picked: &mut [Picked],
    counts: &mut PeopleCounts,
    progress: &Progress,
) -> ServiceResult<()> {
    let slot_of: HashMap<u64, usize> = picks.iter().enumerate().map(|(s, i)| (*i, s)).collect();
    let purposes: Vec<(PurposeCode, f64, u32)> = session
        .consent()
        .purposes()?
        .into_iter()
        .map(|p| {
            let share = purpose_share(p.purpose.code.as_str());
            (p.purpose.code, share, p.current_notice)
        })
        .collect();
    let mut people = People::new(seed, purposes, session.user.name.clone());
    let keys = Arc::clone(&session.keys);
    let batches = total.div_ceil(BATCH);
    for batch in 0..batches {
        let start = batch * BATCH;
        let end = (start + BATCH).min(total);
        let before = counts.clone();
        let mut w = session.store.write()?;
        for i in start..end {
            if i.is_multiple_of(PROGRESS_EVERY) {
                progress.set_done(i);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            let p = people.person(i + 1);
            subjects::insert_at(
                &mut w,
                &keys.field,
                &keys.email_index,
                p.id,
                &p.draft,
                p.created,
            )?;
            let mut by_kind = [0u64; ConsentEventKind::ALL.len()];
            for (id, event) in &p.events {
                consent::append(&mut w, &keys.field, p.id, *id, event)?;
                by_kind[kind_slot(event.kind)] += 1;
            }
            for (total, n) in counts.by_kind.iter_mut().zip(by_kind) {
                *total += n;
            }
            if let Some(at) = p.undeliverable {
                undeliverable::set(&w, p.id, at)?;
            }
            counts.subjects += 1;
            counts.events += p.events.len() as u64;
            counts.unconfirmed += u64::from(unconfirmed(&p.events));
            counts.undeliverable += u64::from(p.undeliverable.is_some());
            if let Some(&slot) = slot_of.get(&i) {
                picked[slot] = Picked {
                    id: p.id,
                    email: p.draft.email.clone(),
                    name: p.draft.name.clone(),
                    events_by_kind: by_kind,
                    unconfirmed: unconfirmed(&p.events),
                    undeliverable: p.undeliverable.is_some(),
                };
            }
        }
        let entry = NewAuditEntry {
            actor: session.user.name.clone(),
            via: session.via.code().to_owned(),
            action: AuditAction::DemoDataGenerated,
            entity: EntityRef::new("demo", format!("batch {} of {batches}", batch + 1)),
            details: format!(
                "{} made-up subjects, {} consent events, {} marked undeliverable",
                counts.subjects - before.subjects,
                counts.events - before.events,
                counts.undeliverable - before.undeliverable
            ),
        };
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        progress.set_done(end);
    }
    Ok(())
}

fn kind_slot(kind: ConsentEventKind) -> usize {
    ConsentEventKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// Whether a made-up ledger is an unconfirmed sign-up's: only a pending double opt-in.
fn unconfirmed(events: &[(uuid::Uuid, crate::domain::consent::ConsentEvent)]) -> bool {
    !events.is_empty()
        && events
            .iter()
            .all(|(_, e)| e.kind == ConsentEventKind::SignUpPending)
}
