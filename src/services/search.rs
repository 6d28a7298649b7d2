//! Finding subjects by any part of their name or email.
//!
//! Names and emails are sealed in the file, so substring search runs over a decrypted
//! in-memory index, built once per unlock on a worker thread (about two decryptions per
//! subject) and searched by a linear scan. The index holds personal data: it lives only in
//! memory, is zeroized when dropped, and the window drops it on lock. Exact email lookup needs
//! no index (blind index in the store).

use std::sync::Arc;

use uuid::Uuid;
use zeroize::Zeroize;

use crate::crypto::{VaultKeys, normalise_email};
use crate::domain::access::Permission;
use crate::jobs::Progress;
use crate::store::{StoreError, StoreReader, subjects};

use super::{ServiceError, ServiceResult, Session};

/// One subject in the index: lower-cased email and name.
struct Entry {
    id: Uuid,
    email: String,
    name: String,
}

/// The decrypted search index of one unlocked store.
pub struct SubjectSearchIndex {
    entries: Vec<Entry>,
}

impl Drop for SubjectSearchIndex {
    fn drop(&mut self) {
        for e in &mut self.entries {
            e.email.zeroize();
            e.name.zeroize();
        }
    }
}

impl std::fmt::Debug for SubjectSearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SubjectSearchIndex({} subjects, ***)",
            self.entries.len()
        )
    }
}

impl SubjectSearchIndex {
    /// How many subjects are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a subject recorded after the index was built.
    pub fn add(&mut self, id: Uuid, email: &str, name: &str) {
        self.entries.push(Entry {
            id,
            email: normalise_email(email),
            name: name.trim().to_lowercase(),
        });
    }

    /// The ids of subjects whose name or email contains `query` (case and surrounding space
    /// ignored), in recorded order, at most `limit`; and how many matched in all.
    pub fn search(&self, query: &str, limit: usize) -> (Vec<Uuid>, usize) {
        let needle = query.trim().to_lowercase();
        let email_needle = normalise_email(query);
        if needle.is_empty() {
            return (Vec::new(), 0);
        }
        let mut found = Vec::new();
        let mut total = 0;
        for e in &self.entries {
            if e.email.contains(&email_needle) || e.name.contains(&needle) {
                total += 1;
                if found.len() < limit {
                    found.push(e.id);
                }
            }
        }
        (found, total)
    }

    /// Every indexed id ordered by name (`by_name`) or else by email, case ignored, ties in
    /// recorded order; people without one come last. Sorting a million takes a moment: call it
    /// on a worker thread.
    pub fn ids_sorted(&self, by_name: bool) -> Vec<Uuid> {
        fn key(e: &Entry, by_name: bool) -> (bool, &str) {
            let k = if by_name { &e.name } else { &e.email };
            (k.is_empty(), k.as_str())
        }
        let mut order: Vec<&Entry> = self.entries.iter().collect();
        order.sort_by(|a, b| key(a, by_name).cmp(&key(b, by_name)));
        order.into_iter().map(|e| e.id).collect()
    }
}

/// Builds the index on another thread.
pub struct SearchIndexBuilder {
    reader: StoreReader,
    keys: Arc<VaultKeys>,
}

impl SearchIndexBuilder {
    /// Decrypts every name and email into a new index; stops (and drops what it built) when
    /// cancelled.
    pub fn build(self, progress: &Progress) -> ServiceResult<SubjectSearchIndex> {
        let conn = self.reader.conn();
        let total = subjects::count(conn)?.max(0) as u64;
        progress.set_total(total);
        let mut index = SubjectSearchIndex {
            entries: Vec::with_capacity(total as usize),
        };
        let mut cancelled = false;
        subjects::for_each_identity(conn, &self.keys.field, |id, email, name| {
            index.entries.push(Entry {
                id,
                email: normalise_email(email),
                name: name.trim().to_lowercase(),
            });
            let done = index.entries.len() as u64;
            if done.is_multiple_of(4096) {
                progress.set_done(done);
                if progress.is_cancelled() {
                    cancelled = true;
                    return false;
                }
            }
            true
        })
        .map_err(|e: StoreError| ServiceError::from(e))?;
        if cancelled {
            return Err(ServiceError::Cancelled);
        }
        progress.set_done(index.entries.len() as u64);
        Ok(index)
    }
}

impl Session {
    /// A builder for the search index, to run on a worker thread.
    pub fn search_index_builder(&self) -> ServiceResult<SearchIndexBuilder> {
        self.require(Permission::ViewPersonalData)?;
        Ok(SearchIndexBuilder {
            reader: self.store.reader()?,
            keys: Arc::clone(&self.keys),
        })
    }

    /// How many subjects there are.
    pub fn subject_count(&self) -> ServiceResult<i64> {
        Ok(subjects::count(self.store.conn())?)
    }

    /// One page of subjects in recorded order.
    pub fn subject_page(
        &self,
        offset: i64,
        limit: i64,
    ) -> ServiceResult<Vec<crate::domain::subject::Subject>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(subjects::page(
            self.store.conn(),
            &self.keys.field,
            offset,
            limit,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SubjectSearchIndex {
        let e = |n: u128, email: &str, name: &str| Entry {
            id: Uuid::from_u128(n),
            email: normalise_email(email),
            name: name.to_lowercase(),
        };
        SubjectSearchIndex {
            entries: vec![
                e(1, "ada@example.org", "Ada Lovelace"),
                e(2, "grace@navy.example", "Grace Hopper"),
                e(3, "zoe@example.de", "Zoë Müller"),
            ],
        }
    }

    #[test]
    fn search_table() {
        let idx = index();
        for (query, expected) in [
            ("ada", vec![1]),
            ("EXAMPLE", vec![1, 2, 3]),
            (".org", vec![1]),
            ("  hopper ", vec![2]),
            ("müller", vec![3]),
            ("zoë", vec![3]),
            ("nobody", vec![]),
            ("", vec![]),
        ] {
            let (ids, total) = idx.search(query, 10);
            let got: Vec<u128> = ids.iter().map(|u| u.as_u128()).collect();
            assert_eq!(got, expected, "{query:?}");
            assert_eq!(total, expected.len());
        }
        let (ids, total) = idx.search("example", 1);
        assert_eq!((ids.len(), total), (1, 3));
    }

    #[test]
    fn sorted_by_name_or_email() {
        let mut idx = index();
        idx.add(Uuid::from_u128(4), "", "aaron nameless-email");
        idx.add(Uuid::from_u128(5), "bea@example.org", "");
        let got = |by_name| -> Vec<u128> {
            idx.ids_sorted(by_name)
                .iter()
                .map(|u| u.as_u128())
                .collect()
        };
        assert_eq!(got(true), vec![4, 1, 2, 3, 5]);
        assert_eq!(got(false), vec![1, 5, 2, 3, 4]);
    }

    #[test]
    fn debug_shows_no_personal_data() {
        assert_eq!(
            format!("{:?}", index()),
            "SubjectSearchIndex(3 subjects, ***)"
        );
    }
}
