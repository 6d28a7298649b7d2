//! View data cached against the store generation.
//!
//! What a view shows is built before drawing by a builder: a plain function from the session
//! (and a key: the day, a filter, a page) to a data struct. [`ViewData`] keeps what was built
//! with the store generation it was built at (`Session::generation`, bumped by every committed
//! write, a worker's included) and the key it was built for; [`ViewData::refresh`] builds it
//! again only when either moved on. So no change needs to say which views went stale, and a
//! view never asks for its data with a command.

use chrono::NaiveDate;

use crate::services::{ServiceResult, Session};

/// What the builders of the visible area are given: the window's session, the store
/// generation read once for the frame, and today's date.
pub struct Fresh<'s> {
    /// The window's session.
    pub session: &'s Session,
    /// The store generation this frame is drawn at.
    pub generation: u64,
    /// Today (a key of the data that depends on the day).
    pub today: NaiveDate,
}

impl<'s> Fresh<'s> {
    /// The context for building at the session's generation counted on from `base`: the
    /// window adds the generations of the sessions it held before (a new session after a
    /// key rotation starts its counter again), so a generation it has seen never comes back.
    pub fn after(session: &'s Session, base: u64) -> Self {
        Self {
            session,
            generation: base + session.generation(),
            today: super::areas::today(),
        }
    }
}

/// The generation and key that data held elsewhere was read at: a page that keeps its data
/// beside the state of its forms (the request page, a subject's page, the Settings forms)
/// holds one, and reads again only when either moved on.
#[derive(Debug)]
pub struct Stamp<K> {
    at: Option<(u64, K)>,
}

impl<K> Default for Stamp<K> {
    fn default() -> Self {
        Self { at: None }
    }
}

impl<K: PartialEq> Stamp<K> {
    /// Data read at `generation` for `key`.
    pub fn new(generation: u64, key: K) -> Self {
        Self {
            at: Some((generation, key)),
        }
    }

    /// Whether the data was read at `generation` for `key`.
    pub fn is_current(&self, generation: u64, key: &K) -> bool {
        self.at
            .as_ref()
            .is_some_and(|(g, k)| *g == generation && k == key)
    }

    /// Reads again (`Some`) when the data was read at another generation or for another key;
    /// `None` when it is current. A read that fails is stamped too, so it is tried again only
    /// after the next change, and returns the error.
    pub fn read<T>(
        &mut self,
        generation: u64,
        key: K,
        read: impl FnOnce(&K) -> ServiceResult<T>,
    ) -> ServiceResult<Option<T>> {
        if self.is_current(generation, &key) {
            return Ok(None);
        }
        let result = read(&key);
        self.at = Some((generation, key));
        result.map(Some)
    }
}

/// One built value with what it was built at.
#[derive(Debug)]
struct Built<T, K> {
    generation: u64,
    key: K,
    data: T,
}

/// Data a view shows, built by a builder at a store generation for a key.
#[derive(Debug)]
pub struct ViewData<T, K = ()> {
    built: Option<Built<T, K>>,
}

impl<T, K> Default for ViewData<T, K> {
    fn default() -> Self {
        Self { built: None }
    }
}

impl<T, K: PartialEq> ViewData<T, K> {
    /// The data, once built.
    pub fn get(&self) -> Option<&T> {
        self.built.as_ref().map(|b| &b.data)
    }

    /// The key the data was built for.
    pub fn key(&self) -> Option<&K> {
        self.built.as_ref().map(|b| &b.key)
    }

    /// Whether the data was built at `generation` for `key`.
    pub fn is_current(&self, generation: u64, key: &K) -> bool {
        self.built
            .as_ref()
            .is_some_and(|b| b.generation == generation && b.key == *key)
    }

    /// Builds the data when it was never built, or built at another generation or for another
    /// key. A build that fails leaves `T::default()` stamped with the generation (so it is not
    /// tried again at every frame, only after the next change) and returns the error.
    pub fn refresh(
        &mut self,
        generation: u64,
        key: K,
        build: impl FnOnce(&K) -> ServiceResult<T>,
    ) -> ServiceResult<()>
    where
        T: Default,
    {
        if self.is_current(generation, &key) {
            return Ok(());
        }
        let (data, result) = match build(&key) {
            Ok(data) => (data, Ok(())),
            Err(e) => (T::default(), Err(e)),
        };
        self.built = Some(Built {
            generation,
            key,
            data,
        });
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::ServiceError;

    #[test]
    fn builds_once_per_generation_and_key() {
        let mut data: ViewData<Vec<u32>, u8> = ViewData::default();
        let mut builds = 0;
        for (generation, key) in [(1, 0), (1, 0), (2, 0), (2, 0), (2, 1), (2, 1)] {
            data.refresh(generation, key, |k| {
                builds += 1;
                Ok(vec![u32::from(*k), generation as u32])
            })
            .unwrap();
        }
        assert_eq!(builds, 3);
        assert_eq!(data.get(), Some(&vec![1, 2]));
        assert_eq!(data.key(), Some(&1));
    }

    #[test]
    fn a_stamp_reads_once_per_generation_and_key_and_not_again_after_a_failure() {
        let mut stamp: Stamp<u8> = Stamp::new(1, 0);
        assert_eq!(stamp.read(1, 0, |_| Ok(1)).unwrap(), None, "current");
        assert_eq!(stamp.read(2, 0, |_| Ok(2)).unwrap(), Some(2), "a write");
        assert_eq!(
            stamp.read(2, 1, |k| Ok(*k)).unwrap(),
            Some(1),
            "another key"
        );
        let fail =
            |_: &u8| -> ServiceResult<u8> { Err(ServiceError::invalid("Thing", "it failed")) };
        assert!(stamp.read(3, 1, fail).is_err());
        assert_eq!(stamp.read(3, 1, fail).unwrap(), None, "not read again");
        assert!(
            Stamp::<u8>::default()
                .read(0, 0, |_| Ok(0))
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_failed_build_is_not_tried_again_until_the_store_changes() {
        let mut data: ViewData<Vec<u32>> = ViewData::default();
        let fail = |_: &()| Err(ServiceError::invalid("Thing", "it failed"));
        assert!(data.refresh(4, (), fail).is_err());
        assert_eq!(data.get(), Some(&Vec::new()));
        assert!(data.refresh(4, (), fail).is_ok(), "not built again");
        assert!(
            data.refresh(5, (), fail).is_err(),
            "built again after a write"
        );
    }
}
