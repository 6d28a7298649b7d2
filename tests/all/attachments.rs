//! Issue 20, item 5: encrypted attachments. A file is sealed in chunks bound to its record,
//! comes back byte for byte, never reaches the file in clear, is refused when too large or
//! named twice, fails to open when a chunk is swapped, moved or cut off, and goes with the
//! person at erasure.

use std::io::Cursor;

use chrono::NaiveDate;
use privacy_desk::domain::attachment::{AttachmentOwner, CHUNK_BYTES, MAX_ATTACHMENT_BYTES};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ServiceError, Session};
use uuid::Uuid;

use crate::common::{TempStore, contains, draft, files_in};

const TODAY: &str = "2026-11-30";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn open(session: &Session, kind: RequestType, email: &str) -> Uuid {
    session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind,
                received: day("2026-11-20"),
                channel: RequestChannel::Email,
                email: email.into(),
                requester: Requester {
                    name: "Ifeoma Okafor".into(),
                    ..Requester::default()
                },
                details: "Please delete my account".into(),
            },
            day(TODAY),
        )
        .expect("open")
        .0
}

/// Bytes that are easy to find in a file and differ from chunk to chunk.
fn document(len: usize) -> Vec<u8> {
    let marker = b"PASSPORT-OF-IFEOMA-OKAFOR ";
    (0..len)
        .map(|i| marker[i % marker.len()] ^ ((i / CHUNK_BYTES) as u8 & 0x01))
        .collect()
}

fn attach(session: &Session, owner: &AttachmentOwner, name: &str, bytes: &[u8]) -> Uuid {
    session
        .attachments()
        .attach_reader(
            owner,
            name,
            bytes.len() as u64,
            Cursor::new(bytes),
            &Progress::default(),
        )
        .expect("attach")
        .id
}

fn read_back(
    session: &Session,
    owner: &AttachmentOwner,
    name: &str,
) -> Result<Vec<u8>, ServiceError> {
    let mut out = Vec::new();
    session.attachments().read(owner, name, |chunk| {
        out.extend_from_slice(chunk);
        Ok(())
    })?;
    Ok(out)
}

#[test]
fn a_file_comes_back_byte_for_byte_and_never_in_clear() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let request = AttachmentOwner::Request(open(&session, RequestType::Access, "ife@example.ng"));
    let bytes = document(3 * CHUNK_BYTES + 1234);
    attach(&session, &request, "passport scan.pdf", &bytes);
    let empty = b"";
    attach(&session, &request, "empty.txt", empty);

    let list = session.attachments().list(&request).expect("list");
    let names: Vec<_> = list.iter().map(|a| (a.name.as_str(), a.size)).collect();
    assert_eq!(
        names,
        [("passport scan.pdf", bytes.len() as u64), ("empty.txt", 0)]
    );
    assert_eq!(
        read_back(&session, &request, "passport scan.pdf").unwrap(),
        bytes
    );
    assert_eq!(read_back(&session, &request, "empty.txt").unwrap(), empty);

    // Saved in clear only where asked, readable by its owner only.
    let out = store.store_dir().join("saved.pdf");
    let written = session
        .attachments()
        .save(&request, "passport scan.pdf", &out, &Progress::default())
        .expect("save");
    assert_eq!(written, bytes.len() as u64);
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    #[cfg(unix)]
    assert_eq!(privacy_desk::private_fs::mode_of(&out).unwrap(), 0o600);
    std::fs::remove_file(&out).unwrap();
    drop(session);

    // Neither the content nor the name is in the store's files (store, WAL, side files).
    for (path, data) in files_in(&store.store_dir()) {
        assert!(
            !contains(&data, b"PASSPORT-OF-IFEOMA"),
            "{}",
            path.display()
        );
        assert!(!contains(&data, b"passport scan"), "{}", path.display());
    }
}

#[test]
fn too_large_bad_names_and_duplicates_are_refused_and_change_nothing() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let request = AttachmentOwner::Request(open(&session, RequestType::Access, "ife@example.ng"));
    attach(&session, &request, "id.jpg", b"a photo");
    let audit_count = || crate::common::query_i64(&store.raw(), "SELECT COUNT(*) FROM audit_log");
    let audit_before = audit_count();

    let files = session.attachments();
    let progress = Progress::default();
    let too_big = files
        .attach_reader(
            &request,
            "huge.mov",
            MAX_ATTACHMENT_BYTES + 1,
            std::io::repeat(0),
            &progress,
        )
        .unwrap_err()
        .to_string();
    assert!(too_big.contains("25 MB"), "{too_big}");
    let twice = files
        .attach_reader(&request, "id.jpg", 3, Cursor::new(b"abc"), &progress)
        .unwrap_err()
        .to_string();
    assert!(
        twice.contains("already has an attachment named \"id.jpg\""),
        "{twice}"
    );
    let path = files
        .attach_reader(&request, "../id.jpg", 3, Cursor::new(b"abc"), &progress)
        .unwrap_err()
        .to_string();
    assert!(path.contains("plain file name"), "{path}");
    // A file that grew after its size was taken is not kept half-read.
    let grew = files
        .attach_reader(&request, "grew.txt", 2, Cursor::new(b"abc"), &progress)
        .unwrap_err()
        .to_string();
    assert!(grew.contains("changed while it was being read"), "{grew}");
    let missing = files
        .attach_reader(
            &AttachmentOwner::Incident(Uuid::new_v4()),
            "x.txt",
            1,
            Cursor::new(b"x"),
            &progress,
        )
        .unwrap_err()
        .to_string();
    assert!(missing.contains("there is no incident"), "{missing}");

    assert_eq!(files.list(&request).unwrap().len(), 1);
    assert_eq!(audit_count(), audit_before);
}

#[test]
fn a_cancelled_attach_leaves_nothing() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let request = AttachmentOwner::Request(open(&session, RequestType::Access, "ife@example.ng"));
    let progress = Progress::default();
    progress.cancel();
    let bytes = document(2 * CHUNK_BYTES);
    let result = session.attachments().attach_reader(
        &request,
        "scan.pdf",
        bytes.len() as u64,
        Cursor::new(&bytes),
        &progress,
    );
    assert!(matches!(result, Err(ServiceError::Cancelled)), "{result:?}");
    assert!(session.attachments().list(&request).unwrap().is_empty());
    let raw = store.raw();
    assert_eq!(
        crate::common::query_i64(&raw, "SELECT COUNT(*) FROM attachment_chunks"),
        0
    );
}

#[test]
fn swapped_moved_or_cut_chunks_fail_to_open() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let a = AttachmentOwner::Request(open(&session, RequestType::Access, "ife@example.ng"));
    let b = AttachmentOwner::Request(open(&session, RequestType::Access, "ada@example.org"));
    let bytes = document(3 * CHUNK_BYTES);
    let a_id = attach(&session, &a, "a.pdf", &bytes);
    let b_id = attach(&session, &b, "b.pdf", &bytes);
    drop(session);
    let raw = store.raw();
    let chunk = |id: Uuid, n: i64| -> Vec<u8> {
        raw.query_row(
            "SELECT data FROM attachment_chunks WHERE attachment_id = ?1 AND n = ?2",
            rusqlite::params![id.as_bytes().as_slice(), n],
            |r| r.get(0),
        )
        .unwrap()
    };
    let set = |id: Uuid, n: i64, data: &[u8]| {
        raw.execute(
            "UPDATE attachment_chunks SET data = ?3 WHERE attachment_id = ?1 AND n = ?2",
            rusqlite::params![id.as_bytes().as_slice(), n, data],
        )
        .unwrap();
    };
    // Chunks 0 and 1 of a swapped; chunk 0 of b replaced by chunk 0 of a (same bytes inside).
    let (a0, a1, b0) = (chunk(a_id, 0), chunk(a_id, 1), chunk(b_id, 0));
    set(a_id, 0, &a1);
    set(a_id, 1, &a0);
    set(b_id, 0, &a0);
    let session = store.unlock(crate::common::PASS).expect("unlock");
    for (owner, name) in [(&a, "a.pdf"), (&b, "b.pdf")] {
        let err = read_back(&session, owner, name).unwrap_err().to_string();
        assert!(err.contains("attachment_chunks"), "{name}: {err}");
    }
    drop(session);
    // b restored, then cut short: its last chunk deleted and the count lowered to match.
    set(b_id, 0, &b0);
    raw.execute(
        "DELETE FROM attachment_chunks WHERE attachment_id = ?1 AND n = 2",
        [b_id.as_bytes().as_slice()],
    )
    .unwrap();
    raw.execute(
        "UPDATE attachments SET chunks = 2, size = ?2 WHERE id = ?1",
        rusqlite::params![b_id.as_bytes().as_slice(), (2 * CHUNK_BYTES) as i64],
    )
    .unwrap();
    let session = store.unlock(crate::common::PASS).expect("unlock");
    let err = read_back(&session, &b, "b.pdf").unwrap_err().to_string();
    assert!(err.contains("attachment_chunks"), "{err}");
}

#[test]
fn erasure_removes_the_attachments_of_the_persons_requests_and_nothing_else() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let email = "ife@example.ng";
    let subject = session
        .subjects()
        .add_subject(&draft("Ifeoma Okafor", email))
        .expect("add");
    let erasure = open(&session, RequestType::Erasure, email);
    let other = open(&session, RequestType::Access, "ada@example.org");
    attach(
        &session,
        &AttachmentOwner::Request(erasure),
        "id.jpg",
        b"her passport",
    );
    attach(
        &session,
        &AttachmentOwner::Request(other),
        "id.jpg",
        b"ada's passport",
    );
    session.requests().start_work(erasure).expect("start");
    session
        .requests()
        .erase_subject(subject, Some(erasure), day(TODAY))
        .expect("erase");
    let files = session.attachments();
    assert!(
        files
            .list(&AttachmentOwner::Request(erasure))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        files.list(&AttachmentOwner::Request(other)).unwrap().len(),
        1
    );
    drop(session);
    let raw = store.raw();
    assert_eq!(
        crate::common::query_i64(&raw, "SELECT COUNT(*) FROM attachment_chunks"),
        1
    );
}

#[test]
fn attachments_stay_readable_after_a_key_rotation() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let request = AttachmentOwner::Request(open(&session, RequestType::Access, "ife@example.ng"));
    let bytes = document(2 * CHUNK_BYTES + 77);
    let id = attach(&session, &request, "scan.pdf", &bytes);
    let raw = store.raw();
    let before: Vec<u8> = raw
        .query_row(
            "SELECT data FROM attachment_chunks WHERE attachment_id = ?1 AND n = 0",
            [id.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .unwrap();
    session
        .users()
        .rotate_key(
            &crate::common::pass(crate::common::PASS),
            &Progress::default(),
        )
        .expect("rotate");
    let after: Vec<u8> = raw
        .query_row(
            "SELECT data FROM attachment_chunks WHERE attachment_id = ?1 AND n = 0",
            [id.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .unwrap();
    assert_ne!(before, after, "the chunk is sealed again under the new key");
    assert_eq!(read_back(&session, &request, "scan.pdf").unwrap(), bytes);
    drop(session);
    let session = store
        .unlock(crate::common::PASS)
        .expect("unlock after rotation");
    assert_eq!(read_back(&session, &request, "scan.pdf").unwrap(), bytes);
}
