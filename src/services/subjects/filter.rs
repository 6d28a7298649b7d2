//! The Subjects list as ids, computed on a worker thread: everyone in the order recorded (read
//! from the small primary-key index, not by paging the big table), in another order, or
//! narrowed to the people in one consent state for one purpose.
//!
//! Read-only. The filter streams the ledger subject by subject without decrypting anything
//! (like the review queue); people with no event for the purpose are in state "no record".
//! Ordering by name or email uses the decrypted search index already in memory; without it the
//! list keeps the order in which people were recorded, and [`SubjectListing::order`] says so.
//! The result is ids only: the window opens the rows it shows.

use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::consent::{ConsentState, current_state};
use crate::domain::purpose::PurposeCode;
use crate::jobs::Progress;
use crate::store::{StoreReader, consent, purposes, subjects};

use crate::services::{ServiceError, ServiceResult, SubjectSearchIndex};

/// How many subjects are read between looks at the cancel flag.
const CHECK_EVERY: u64 = 1024;

/// The order of the Subjects list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SubjectOrder {
    /// Date recorded, oldest first (the register's own order).
    #[default]
    Oldest,
    /// Date recorded, newest first.
    Newest,
    /// By name, A to Z (needs the search index).
    Name,
    /// By email, A to Z (needs the search index).
    Email,
}

impl SubjectOrder {
    /// Every order, as offered in the window.
    pub const ALL: [SubjectOrder; 4] = [Self::Oldest, Self::Newest, Self::Name, Self::Email];

    /// Whether this order reads the decrypted search index.
    pub fn needs_index(self) -> bool {
        matches!(self, Self::Name | Self::Email)
    }
}

/// A consent state to filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateFilter {
    /// Consent stands.
    Given,
    /// Withdrawn.
    Withdrawn,
    /// Lapsed.
    Expired,
    /// Stopped by a CCPA opt-out (or GPC, or a limit on sensitive use).
    OptedOut,
    /// Nothing recorded for the purpose.
    NoRecord,
}

impl StateFilter {
    /// Every state, as offered in the window.
    pub const ALL: [StateFilter; 5] = [
        Self::Given,
        Self::Withdrawn,
        Self::Expired,
        Self::OptedOut,
        Self::NoRecord,
    ];

    /// Whether `state` is this one.
    pub fn matches(self, state: &ConsentState) -> bool {
        matches!(
            (self, state),
            (Self::Given, ConsentState::Given { .. })
                | (Self::Withdrawn, ConsentState::Withdrawn { .. })
                | (Self::Expired, ConsentState::Expired { .. })
                | (Self::OptedOut, ConsentState::OptedOut { .. })
                | (Self::NoRecord, ConsentState::NoRecord)
        )
    }
}

/// People in one consent state for one purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentFilter {
    /// The purpose.
    pub purpose: PurposeCode,
    /// The state they are in for it.
    pub state: StateFilter,
}

/// The ids of the list, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectListing {
    /// The subjects, in `order`.
    pub ids: Vec<Uuid>,
    /// The order used: the one asked for, or [`SubjectOrder::Oldest`] when a sort by name or
    /// email was asked for before the search index was ready.
    pub order: SubjectOrder,
}

/// Computes the list on a read-only connection, for a worker thread.
pub struct SubjectListReader {
    reader: StoreReader,
}

impl SubjectListReader {
    /// The subjects matching `filter` (everyone when `None`) in `order`, read in one snapshot.
    /// `index` is the search index when it is ready. Cancellable through `progress`, which
    /// counts the people read from the ledger.
    pub fn list(
        &self,
        filter: Option<&ConsentFilter>,
        order: SubjectOrder,
        index: Option<&SubjectSearchIndex>,
        progress: &Progress,
    ) -> ServiceResult<SubjectListing> {
        let conn = self.reader.db();
        let snapshot = conn.snapshot()?;
        let all = subjects::ids_in_recorded_order(&snapshot)?;
        progress.set_total(all.len() as u64);
        let ids = match filter {
            Some(f) => matching(&snapshot, f, all, progress)?,
            None => all,
        };
        drop(snapshot);
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let listing = match (order, index) {
            (SubjectOrder::Oldest, _) | (SubjectOrder::Name | SubjectOrder::Email, None) => {
                SubjectListing {
                    ids,
                    order: SubjectOrder::Oldest,
                }
            }
            (SubjectOrder::Newest, _) => SubjectListing {
                ids: ids.into_iter().rev().collect(),
                order,
            },
            (SubjectOrder::Name | SubjectOrder::Email, Some(index)) => SubjectListing {
                ids: in_index_order(ids, &index.ids_sorted(order == SubjectOrder::Name)),
                order,
            },
        };
        progress.set_done(progress.counts().1);
        Ok(listing)
    }
}

/// The ids of `all` (in recorded order) whose state for the filter's purpose is the one asked.
fn matching(
    conn: &crate::store::Db,
    filter: &ConsentFilter,
    all: Vec<Uuid>,
    progress: &Progress,
) -> ServiceResult<Vec<Uuid>> {
    let purpose = purposes::list(conn)?
        .into_iter()
        .map(|row| row.purpose)
        .find(|p| p.code == filter.purpose)
        .ok_or_else(|| {
            ServiceError::invalid("Purpose", format!("there is no purpose {}", filter.purpose))
        })?;
    // People without events are in "no record": for that state, collect those who have a
    // record and keep everyone else; for the others, collect those in the state.
    let want_record = filter.state != StateFilter::NoRecord;
    let mut marked: Vec<Uuid> = Vec::new();
    let mut seen = 0u64;
    consent::for_each_subject_with_id(conn, |id, events| -> ServiceResult<bool> {
        seen += 1;
        if seen.is_multiple_of(CHECK_EVERY) {
            progress.set_done(seen);
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
        }
        let state = current_state(&purpose, events);
        let hit = if want_record {
            filter.state.matches(&state)
        } else {
            !matches!(state, ConsentState::NoRecord)
        };
        if hit {
            marked.push(id);
        }
        Ok(true)
    })?;
    marked.sort_unstable();
    Ok(all
        .into_iter()
        .filter(|id| marked.binary_search(id).is_ok() == want_record)
        .collect())
}

/// `ids` in the order of `sorted` (every indexed id); those the index does not know yet
/// (recorded after it was built) follow in their recorded order.
fn in_index_order(ids: Vec<Uuid>, sorted: &[Uuid]) -> Vec<Uuid> {
    let mut wanted = ids.clone();
    wanted.sort_unstable();
    let mut taken = vec![false; wanted.len()];
    let mut out = Vec::with_capacity(ids.len());
    for id in sorted {
        if let Ok(at) = wanted.binary_search(id)
            && !taken[at]
        {
            taken[at] = true;
            out.push(*id);
        }
    }
    if out.len() < ids.len() {
        out.extend(
            ids.into_iter()
                .filter(|id| wanted.binary_search(id).is_ok_and(|at| !taken[at])),
        );
    }
    out
}

impl super::Subjects<'_> {
    /// A reader that lists the subjects in another order or by consent state, on a worker
    /// thread.
    pub fn subject_list_reader(&self) -> ServiceResult<SubjectListReader> {
        self.require(Permission::ViewPersonalData)?;
        Ok(SubjectListReader {
            reader: self.store.reader()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::Session;

    #[test]
    fn index_order_keeps_only_the_wanted_and_appends_the_unknown() {
        let id = Uuid::from_u128;
        let ids = vec![id(1), id(2), id(3), id(9)];
        let sorted = [id(3), id(7), id(1), id(2)];
        assert_eq!(
            in_index_order(ids, &sorted),
            vec![id(3), id(1), id(2), id(9)]
        );
        assert!(in_index_order(Vec::new(), &sorted).is_empty());
    }

    /// A new store in `dir`, its owner signed in.
    fn owner_session(dir: &std::path::Path) -> Session {
        use crate::crypto::{KdfParams, Passphrase};
        Session::create(
            &dir.join("store.pdesk"),
            "owner",
            &Passphrase::new("correct horse battery staple"),
            KdfParams::FLOOR,
            crate::services::Via::Cli,
        )
        .unwrap()
        .0
    }

    #[test]
    fn the_name_order_waits_for_the_index_and_an_unknown_purpose_is_refused() {
        use crate::domain::subject::SubjectDraft;

        let dir = tempfile::tempdir().unwrap();
        let s = owner_session(dir.path());
        let add = |email: &str, name: &str| {
            s.subjects()
                .add_subject(&SubjectDraft {
                    email: email.into(),
                    name: name.into(),
                    ..SubjectDraft::default()
                })
                .unwrap()
        };
        let (bea, al) = (add("b@example.org", "Bea"), add("a@example.org", "Al"));
        let reader = s.subjects().subject_list_reader().unwrap();
        let p = Progress::default();
        let listing = reader.list(None, SubjectOrder::Name, None, &p).unwrap();
        assert_eq!(listing.order, SubjectOrder::Oldest, "no index yet");
        assert_eq!(listing.ids, vec![bea, al]);
        let index = s
            .subjects()
            .search_index_builder()
            .unwrap()
            .build(&p)
            .unwrap();
        let listing = reader
            .list(None, SubjectOrder::Name, Some(&index), &p)
            .unwrap();
        assert_eq!(
            (listing.order, listing.ids),
            (SubjectOrder::Name, vec![al, bea])
        );
        let newest = reader.list(None, SubjectOrder::Newest, None, &p).unwrap();
        assert_eq!(newest.ids, vec![al, bea]);
        // Nobody has an event: everyone has no record, nobody has given consent.
        let filter = |code: &str, state| ConsentFilter {
            purpose: PurposeCode::parse(code).unwrap(),
            state,
        };
        let none = filter("newsletter", StateFilter::NoRecord);
        let list = |f: &ConsentFilter| reader.list(Some(f), SubjectOrder::Oldest, None, &p);
        assert_eq!(list(&none).unwrap().ids, vec![bea, al]);
        assert!(
            list(&filter("newsletter", StateFilter::Given))
                .unwrap()
                .ids
                .is_empty()
        );
        assert!(list(&filter("no-such-purpose", StateFilter::Given)).is_err());
    }

    #[test]
    fn everyone_is_listed_in_the_order_recorded_across_an_erasure() {
        use crate::domain::subject::SubjectDraft;

        let dir = tempfile::tempdir().unwrap();
        let mut s = owner_session(dir.path());
        let add = |s: &mut Session, n: usize| {
            s.subjects()
                .add_subject(&SubjectDraft {
                    email: format!("p{n}@example.org"),
                    ..SubjectDraft::default()
                })
                .unwrap()
        };
        // Random ids: their own order is not the order recorded.
        let mut recorded: Vec<Uuid> = (0..8).map(|n| add(&mut s, n)).collect();
        let erased = recorded.remove(3);
        s.requests()
            .erase_subject(erased, None, chrono::Utc::now().date_naive())
            .unwrap();
        recorded.push(add(&mut s, 8));
        let listing = s
            .subjects()
            .subject_list_reader()
            .unwrap()
            .list(None, SubjectOrder::Oldest, None, &Progress::default())
            .unwrap();
        assert_eq!(listing.order, SubjectOrder::Oldest);
        assert_eq!(listing.ids, recorded);
        // The same order as the register's pages.
        let paged: Vec<Uuid> = s
            .subjects()
            .subject_page(0, 100)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(paged, recorded);
    }

    #[test]
    fn every_state_matches_only_itself() {
        let at = chrono::Utc::now();
        let states = [
            ConsentState::Given {
                since: at,
                confirmed_at: at,
                notice_version: None,
                has_evidence: false,
                channel: crate::domain::consent::Channel::WebForm,
            },
            ConsentState::Withdrawn { since: at },
            ConsentState::Expired { since: at },
            ConsentState::OptedOut { since: at },
            ConsentState::NoRecord,
        ];
        for (i, f) in StateFilter::ALL.into_iter().enumerate() {
            for (j, s) in states.iter().enumerate() {
                assert_eq!(f.matches(s), i == j, "{f:?} {s:?}");
            }
        }
    }
}
