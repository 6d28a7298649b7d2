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

use crate::services::{ServiceError, ServiceResult};

/// One subject in the index: where its lower-cased email and name lie in the shared text.
struct Entry {
    id: Uuid,
    start: usize,
    email_len: u32,
    name_len: u32,
}

/// The decrypted search index of one unlocked store. Every email and name lives in one text
/// buffer (about 70 bytes a subject, against some 130 with two strings each: a million
/// subjects fit in about 70 MB); the buffer is grown by hand so that no copy of it is freed
/// without being wiped.
pub struct SubjectSearchIndex {
    entries: Vec<Entry>,
    text: String,
}

impl Drop for SubjectSearchIndex {
    fn drop(&mut self) {
        self.text.zeroize();
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

/// Bytes of text expected per subject when sizing a new index.
const TEXT_PER_SUBJECT: usize = 48;

impl SubjectSearchIndex {
    fn with_capacity(subjects: usize) -> Self {
        Self {
            entries: Vec::with_capacity(subjects),
            text: String::with_capacity(subjects.saturating_mul(TEXT_PER_SUBJECT)),
        }
    }

    /// How many subjects are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends `part` to the text, moving it to a larger buffer (the old one wiped) when full.
    fn push_text(&mut self, part: &str) {
        let needed = self.text.len() + part.len();
        if needed > self.text.capacity() {
            let mut larger = String::with_capacity(needed.max(self.text.capacity() * 2).max(4096));
            larger.push_str(&self.text);
            let mut old = std::mem::replace(&mut self.text, larger);
            old.zeroize();
        }
        self.text.push_str(part);
    }

    /// Adds a subject recorded after the index was built.
    pub fn add(&mut self, id: Uuid, email: &str, name: &str) {
        let mut email = normalise_email(email);
        let mut name = name.trim().to_lowercase();
        let start = self.text.len();
        self.push_text(&email);
        self.push_text(&name);
        self.entries.push(Entry {
            id,
            start,
            email_len: u32::try_from(email.len()).unwrap_or(u32::MAX),
            name_len: u32::try_from(name.len()).unwrap_or(u32::MAX),
        });
        email.zeroize();
        name.zeroize();
    }

    /// The lower-cased email of `e`.
    fn email(&self, e: &Entry) -> &str {
        let end = e.start + e.email_len as usize;
        self.text.get(e.start..end).unwrap_or_default()
    }

    /// The lower-cased name of `e`.
    fn name(&self, e: &Entry) -> &str {
        let start = e.start + e.email_len as usize;
        self.text
            .get(start..start + e.name_len as usize)
            .unwrap_or_default()
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
            if self.email(e).contains(&email_needle) || self.name(e).contains(&needle) {
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
        let key = |e: &Entry| {
            let k = if by_name { self.name(e) } else { self.email(e) };
            (k.is_empty(), k)
        };
        let mut order: Vec<&Entry> = self.entries.iter().collect();
        order.sort_by(|a, b| key(a).cmp(&key(b)));
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
        let conn = self.reader.db();
        let total = subjects::count(conn)?.max(0) as u64;
        progress.set_total(total);
        let mut index = SubjectSearchIndex::with_capacity(total as usize);
        let mut cancelled = false;
        subjects::for_each_identity(conn, &self.keys.field, |id, email, name| {
            index.add(id, email, name);
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

impl super::Subjects<'_> {
    /// A builder for the search index, to run on a worker thread.
    pub fn search_index_builder(&self) -> ServiceResult<SearchIndexBuilder> {
        self.require(Permission::ViewPersonalData)?;
        Ok(SearchIndexBuilder {
            reader: self.store.reader()?,
            keys: Arc::clone(self.keys),
        })
    }

    /// How many subjects there are.
    pub fn subject_count(&self) -> ServiceResult<i64> {
        Ok(subjects::count(self.store.db())?)
    }

    /// One page of subjects in recorded order.
    pub fn subject_page(
        &self,
        offset: i64,
        limit: i64,
    ) -> ServiceResult<Vec<crate::domain::subject::Subject>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(subjects::page(
            self.store.db(),
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
        let mut index = SubjectSearchIndex::with_capacity(0);
        index.add(Uuid::from_u128(1), "ada@example.org", "Ada Lovelace");
        index.add(Uuid::from_u128(2), "grace@navy.example", "Grace Hopper");
        index.add(Uuid::from_u128(3), "zoe@example.de", "Zoë Müller");
        index
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
