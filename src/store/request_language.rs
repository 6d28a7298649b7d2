//! The language a request's letters are written in (column `requests.language`, issue 20
//! item 4). A language preference can say something about the person, so it is sealed as
//! text (its ISO 639-1 code) bound to the request; NULL until recorded, and cleared when the
//! person is erased (`requests::scrub_for_subject`).

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::crypto::SecretKey;

use super::{Db, Sealed, StoreResult, Write, open_text};

const TABLE: &str = "requests";
const COLUMN: &str = "language";

/// Records `code` as the language of request `id`'s letters; whether the request exists.
pub fn set(w: &mut Write<'_>, key: &SecretKey, id: Uuid, code: &str) -> StoreResult<bool> {
    let sealed = w.seal_text(key, TABLE, COLUMN, id, code)?;
    let changed = w.execute(
        "UPDATE requests SET language = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), sealed],
    )?;
    Ok(changed > 0)
}

/// The language code recorded on request `id`, if any.
pub fn get(db: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Option<String>> {
    let sealed: Option<Option<Sealed>> = db
        .query_row(
            "SELECT language FROM requests WHERE id = ?1",
            [id.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .optional()?;
    sealed
        .flatten()
        .map(|s| open_text(key, TABLE, COLUMN, id, &s).map(|code| code.to_string()))
        .transpose()
}
