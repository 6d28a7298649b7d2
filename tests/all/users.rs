//! Several people, one store (library level): each user's own passphrase wraps the same vault
//! key, roles are enforced by every service call, every audit entry names its user, failed
//! sign-ins are counted and slowed down per user, and the recovery code stays owner-only.

use std::path::Path;

use privacy_desk::crypto::RecoveryCode;
use privacy_desk::domain::access::{Permission, Role};
use privacy_desk::domain::audit::AuditEntry;
use privacy_desk::services::{ServiceError, ServiceResult, Session, Via, sign_in_users};
use privacy_desk::store::StoreError;
use privacy_desk::store::audit_log::AuditFilter;

use crate::common::{
    NEW_PASS, PASS, TempStore, contains, draft, files_in, pass, profile, query_i64, store_err,
    unlock_as,
};

/// Sam's passphrase (an officer).
const SAM: &str = "sam keeps the ledger tidy";
/// Alex's passphrase (an assistant).
const ALEX: &str = "alex answers the front desk";
/// Audrey's passphrase (an auditor).
const AUDREY: &str = "audrey reads every record";

/// Creates the store (owner "owner", [`PASS`]) and adds sam (officer), alex (assistant) and
/// audrey (auditor); every session is dropped. Returns the recovery code.
fn team(store: &TempStore) -> RecoveryCode {
    let (mut owner, code) = store.create();
    add_team(&mut owner);
    code
}

fn add_team(owner: &mut Session) {
    for (name, role, passphrase) in [
        ("sam", Role::Officer, SAM),
        ("alex", Role::Assistant, ALEX),
        ("audrey", Role::Auditor, AUDREY),
    ] {
        let user = owner
            .users()
            .add_user(name, role, &pass(passphrase))
            .unwrap_or_else(|e| panic!("add {name}: {e}"));
        assert_eq!((user.name.as_str(), user.role), (name, role));
        assert_eq!(user.failed_attempts, 0);
    }
}

/// Asserts that `result` is the wrong-passphrase error.
fn assert_wrong_passphrase(result: ServiceResult<Session>, what: &str) {
    let err = store_err(result);
    assert!(
        matches!(err, StoreError::WrongPassphrase),
        "{what}: {err:?}"
    );
}

/// Asserts that `result` is the unknown-user error for `name`.
fn assert_unknown_user<T: std::fmt::Debug>(result: ServiceResult<T>, name: &str) {
    match result {
        Err(ServiceError::UnknownUser { name: n }) => assert_eq!(n, name),
        other => panic!("expected UnknownUser({name}), got {other:?}"),
    }
}

/// Asserts that `result` is a store conflict and returns its sentence.
fn assert_conflict<T: std::fmt::Debug>(result: ServiceResult<T>) -> String {
    match store_err(result) {
        StoreError::Conflict(message) => message,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// Asserts that `result` is refused as invalid input.
fn assert_invalid<T: std::fmt::Debug>(result: ServiceResult<T>, what: &str) {
    assert!(
        matches!(result, Err(ServiceError::Invalid { .. })),
        "{what}: {result:?}"
    );
}

/// Every audit entry, newest first.
fn all_entries(session: &Session, filter: &AuditFilter) -> Vec<AuditEntry> {
    session
        .audit()
        .audit_page(filter, 0, 10_000)
        .expect("audit page")
}

fn actor(name: &str) -> AuditFilter {
    AuditFilter {
        actor: Some(name.to_owned()),
        ..AuditFilter::default()
    }
}

/// The sealed cells of every subject, by id.
type SealedRow = Vec<Option<Vec<u8>>>;

fn sealed_subjects(conn: &rusqlite::Connection) -> Vec<SealedRow> {
    let mut stmt = conn
        .prepare(
            "SELECT id, email_index, email, name, phone, postal_address, customer_ref, notes
             FROM subjects ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| (0..8).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn wrapped_key_of(conn: &rusqlite::Connection, name: &str) -> Vec<u8> {
    conn.query_row(
        "SELECT wrapped_key FROM users WHERE name_key = ?1",
        [name],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("wrapped key of {name}: {e}"))
}

fn recovery_wrap(conn: &rusqlite::Connection) -> Vec<u8> {
    conn.query_row("SELECT wrapped_key_recovery FROM vault_header", [], |r| {
        r.get(0)
    })
    .unwrap()
}

fn set_last_failed_at(store: &TempStore, name: &str, at: &str) {
    let changed = store
        .raw()
        .execute(
            "UPDATE users SET last_failed_at = ?2 WHERE name_key = ?1",
            [name, at],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

fn failed_attempts_raw(store: &TempStore, name: &str) -> i64 {
    store
        .raw()
        .query_row(
            "SELECT failed_attempts FROM users WHERE name_key = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

// 1 -------------------------------------------------------------------------------------------

#[test]
fn each_user_signs_in_with_their_own_passphrase() {
    let store = TempStore::new();
    team(&store);

    assert_eq!(
        sign_in_users(&store.path).unwrap(),
        vec![
            ("owner".to_owned(), Role::Owner),
            ("sam".to_owned(), Role::Officer),
            ("alex".to_owned(), Role::Assistant),
            ("audrey".to_owned(), Role::Auditor),
        ]
    );

    for (name, role, passphrase) in [
        ("owner", Role::Owner, PASS),
        ("sam", Role::Officer, SAM),
        ("alex", Role::Assistant, ALEX),
        ("audrey", Role::Auditor, AUDREY),
    ] {
        let session = unlock_as(&store.path, name, passphrase)
            .unwrap_or_else(|e| panic!("{name} signs in: {e}"));
        assert_eq!(session.user().name, name);
        assert_eq!(session.user().role, role);
        drop(session);
    }
    // Names are matched without regard to case.
    let session = unlock_as(&store.path, "SAM", SAM).expect("SAM is sam");
    assert_eq!(session.user().name, "sam");
    drop(session);
    // No name: the first owner.
    let session = Session::unlock(&store.path, None, &pass(PASS), Via::Cli).unwrap();
    assert_eq!(session.user().name, "owner");
    drop(session);

    // A name that is not a user.
    assert_unknown_user(unlock_as(&store.path, "samuel", SAM), "samuel");
    assert_unknown_user(unlock_as(&store.path, "nobody", PASS), "nobody");

    // A passphrase opens only its own user's wrap.
    assert_wrong_passphrase(unlock_as(&store.path, "alex", SAM), "sam's under alex");
    assert_wrong_passphrase(unlock_as(&store.path, "owner", SAM), "sam's under owner");
    assert_wrong_passphrase(unlock_as(&store.path, "sam", PASS), "owner's under sam");
    assert_wrong_passphrase(
        unlock_as(&store.path, "audrey", ALEX),
        "alex's under audrey",
    );
    assert_wrong_passphrase(
        Session::unlock(&store.path, None, &pass(AUDREY), Via::Cli),
        "audrey's with no name",
    );
}

// 2 -------------------------------------------------------------------------------------------

#[test]
fn a_removed_users_passphrase_fails_and_nothing_is_re_encrypted() {
    let store = TempStore::new();
    let (owner, _) = store.create();
    owner
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    owner
        .subjects()
        .add_subject(&draft("Grace Hopper", "grace@example.org"))
        .unwrap();
    drop(owner);
    let (subjects_before, recovery_before, owner_wrap_before) = {
        let conn = store.raw();
        (
            sealed_subjects(&conn),
            recovery_wrap(&conn),
            wrapped_key_of(&conn, "owner"),
        )
    };
    assert_eq!(subjects_before.len(), 2);

    let mut owner = store.unlock(PASS).unwrap();
    add_team(&mut owner);
    drop(owner);
    let sam_wrap = {
        let conn = store.raw();
        assert_eq!(sealed_subjects(&conn), subjects_before, "adding users");
        assert_eq!(recovery_wrap(&conn), recovery_before);
        assert_eq!(wrapped_key_of(&conn, "owner"), owner_wrap_before);
        assert_eq!(query_i64(&conn, "SELECT COUNT(*) FROM users"), 4);
        wrapped_key_of(&conn, "sam")
    };
    drop(unlock_as(&store.path, "sam", SAM).expect("sam signs in before removal"));

    let mut owner = store.unlock(PASS).unwrap();
    owner
        .users()
        .remove_user("sam")
        .expect("the owner removes sam");
    assert!(
        owner
            .users()
            .list()
            .unwrap()
            .iter()
            .all(|u| u.name != "sam"),
        "sam is no longer listed"
    );
    let last = all_entries(&owner, &AuditFilter::default())
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(
        (last.action.as_str(), last.actor.as_str()),
        ("user.removed", "owner")
    );
    drop(owner);

    assert_unknown_user(unlock_as(&store.path, "sam", SAM), "sam");
    for (name, passphrase) in [("owner", PASS), ("alex", ALEX), ("audrey", AUDREY)] {
        drop(
            unlock_as(&store.path, name, passphrase)
                .unwrap_or_else(|e| panic!("{name} still signs in: {e}")),
        );
    }
    // Sam's passphrase does not open anyone else's wrap either.
    assert_wrong_passphrase(
        Session::unlock(&store.path, None, &pass(SAM), Via::Cli),
        "sam's passphrase as the default user",
    );

    {
        let conn = store.raw();
        assert_eq!(
            query_i64(&conn, "SELECT COUNT(*) FROM users WHERE name_key = 'sam'"),
            0
        );
        assert_eq!(query_i64(&conn, "SELECT COUNT(*) FROM users"), 3);
        assert_eq!(sealed_subjects(&conn), subjects_before, "removing a user");
        assert_eq!(recovery_wrap(&conn), recovery_before);
        assert_eq!(wrapped_key_of(&conn, "owner"), owner_wrap_before);
    }
    // The removed wrap is gone from the files, not just from the table.
    for (path, bytes) in files_in(&store.store_dir()) {
        assert!(
            !contains(&bytes, &sam_wrap),
            "sam's wrapped key is still in {}",
            path.display()
        );
    }

    // A new "sam" gets a new wrap; the old passphrase does not open it.
    let mut owner = store.unlock(PASS).unwrap();
    owner
        .users()
        .add_user("sam", Role::Assistant, &pass("a brand new sam passphrase"))
        .unwrap();
    drop(owner);
    assert_wrong_passphrase(unlock_as(&store.path, "sam", SAM), "the old sam passphrase");
    drop(unlock_as(&store.path, "sam", "a brand new sam passphrase").unwrap());

    let owner = store.unlock(PASS).unwrap();
    assert!(owner.audit().verify_audit().unwrap().is_intact());
    assert_eq!(owner.subjects().subject_ids().unwrap().len(), 2);
}

// 3 -------------------------------------------------------------------------------------------

#[test]
fn every_audit_entry_names_its_user() {
    let store = TempStore::new();
    team(&store);

    let sam = unlock_as(&store.path, "sam", SAM).unwrap();
    let sams_subject = sam
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    let newest = all_entries(&sam, &AuditFilter::default());
    assert_eq!(newest[0].action, "subject.created");
    assert_eq!(newest[0].entity_id, sams_subject.to_string());
    assert_eq!(newest[0].actor, "sam");
    assert_eq!(newest[1].action, "session.unlocked");
    assert_eq!(newest[1].actor, "sam");
    drop(sam);

    let alex = unlock_as(&store.path, "alex", ALEX).unwrap();
    alex.subjects()
        .add_subject(&draft("Grace Hopper", "grace@example.org"))
        .unwrap();
    drop(alex);

    let owner = store.unlock(PASS).unwrap();
    let owners_subject = owner
        .subjects()
        .add_subject(&draft("Alan Turing", "alan@example.org"))
        .unwrap();

    let every = all_entries(&owner, &AuditFilter::default());
    let known = ["owner", "sam", "alex", "audrey"];
    for e in &every {
        assert!(known.contains(&e.actor.as_str()), "entry {}: {e:?}", e.seq);
    }
    let by = |action: &str, id: String| {
        every
            .iter()
            .find(|e| e.action == action && e.entity_id == id)
            .unwrap_or_else(|| panic!("no {action} for {id}"))
            .actor
            .clone()
    };
    assert_eq!(by("subject.created", sams_subject.to_string()), "sam");
    assert_eq!(by("subject.created", owners_subject.to_string()), "owner");
    let store_created = every.iter().find(|e| e.action == "store.created").unwrap();
    assert_eq!(store_created.actor, "owner");
    for e in every.iter().filter(|e| e.action == "user.added") {
        assert_eq!(e.actor, "owner", "{e:?}");
    }

    let sams = all_entries(&owner, &actor("sam"));
    assert_eq!(sams.len(), 2, "sam's unlock and subject: {sams:?}");
    assert!(sams.iter().all(|e| e.actor == "sam"), "{sams:?}");
    assert_eq!(owner.audit().audit_count(&actor("sam")).unwrap(), 2);
    let alexs = all_entries(&owner, &actor("alex"));
    assert_eq!(alexs.len(), 2, "{alexs:?}");
    assert!(alexs.iter().all(|e| e.actor == "alex"), "{alexs:?}");
    let owners = all_entries(&owner, &actor("owner"));
    assert!(owners.iter().all(|e| e.actor == "owner"), "{owners:?}");
    assert!(all_entries(&owner, &actor("audrey")).is_empty());
    assert_eq!(
        sams.len() + alexs.len() + owners.len(),
        every.len(),
        "the filters partition the log"
    );
    let mut actors = owner.audit().audit_actors().unwrap();
    actors.sort();
    assert_eq!(actors, vec!["alex", "owner", "sam"]);
    assert!(owner.audit().verify_audit().unwrap().is_intact());
}

// 4 -------------------------------------------------------------------------------------------

/// The service calls checked against the permission table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    SaveProfile,
    SetAutoLock,
    AddSubject,
    AuditPage,
    VerifyAudit,
    ExportAudit,
    ListUsers,
    AddUser,
    SetUserRole,
    RemoveUser,
    ChangePassphrase,
}

/// The passphrase of the user whose role is under test.
const TESTER: &str = "tester has a long passphrase";

impl Call {
    /// In an order where each allowed call finds what it needs (the role change before the
    /// removal of the same user, the passphrase change last).
    const ALL: [Call; 11] = [
        Call::SaveProfile,
        Call::SetAutoLock,
        Call::AddSubject,
        Call::AuditPage,
        Call::VerifyAudit,
        Call::ExportAudit,
        Call::ListUsers,
        Call::AddUser,
        Call::SetUserRole,
        Call::RemoveUser,
        Call::ChangePassphrase,
    ];

    /// The permissions the call needs, all of them.
    fn needs(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Call::SaveProfile | Call::SetAutoLock => &[EditOrganisation],
            Call::AddSubject => &[RecordSubjects],
            Call::AuditPage | Call::VerifyAudit => &[ViewAuditLog],
            Call::ExportAudit => &[ViewAuditLog, ExportAuditLog],
            Call::ListUsers | Call::AddUser | Call::SetUserRole | Call::RemoveUser => {
                &[ManageUsers]
            }
            Call::ChangePassphrase => &[ChangeOwnPassphrase],
        }
    }

    /// Audit entries the call writes when it is allowed.
    fn entries_written(self) -> i64 {
        match self {
            Call::AuditPage | Call::VerifyAudit | Call::ListUsers => 0,
            _ => 1,
        }
    }

    fn perform(self, session: &mut Session, out_dir: &Path) -> ServiceResult<()> {
        match self {
            Call::SaveProfile => session.settings().save_profile(&profile("Acme Bakery Ltd")),
            Call::SetAutoLock => {
                let current = session.settings().auto_lock()?.minutes();
                session
                    .settings()
                    .set_auto_lock(if current == 42 { 43 } else { 42 })
            }
            Call::AddSubject => session
                .subjects()
                .add_subject(&draft("Ada Lovelace", "ada@example.org"))
                .map(drop),
            Call::AuditPage => session
                .audit()
                .audit_page(&AuditFilter::default(), 0, 100)
                .map(|page| assert!(!page.is_empty())),
            Call::VerifyAudit => session
                .audit()
                .verify_audit()
                .map(|report| assert!(report.is_intact())),
            Call::ExportAudit => session
                .audit()
                .export_audit(&out_dir.join("audit.json"), &AuditFilter::default())
                .map(drop),
            Call::ListUsers => session
                .users()
                .list()
                .map(|users| assert_eq!(users.len(), 3)),
            Call::AddUser => session
                .users()
                .add_user(
                    "newcomer",
                    Role::Assistant,
                    &pass("newcomer's own passphrase"),
                )
                .map(drop),
            Call::SetUserRole => session.users().set_user_role("target", Role::Auditor),
            Call::RemoveUser => session.users().remove_user("target"),
            Call::ChangePassphrase => session
                .users()
                .change_passphrase(&pass(TESTER), &pass("tester's second passphrase")),
        }
    }
}

/// What a refused call must leave untouched: audit entries, users and roles, subjects,
/// settings, profile rows.
type Snapshot = (i64, Vec<(String, String)>, i64, Vec<(String, String)>, i64);

fn snapshot(session: &Session) -> Snapshot {
    let conn = &rusqlite::Connection::open(session.path()).unwrap();
    let pairs = |sql: &str| -> Vec<(String, String)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    (
        query_i64(conn, "SELECT COUNT(*) FROM audit_log"),
        pairs("SELECT name, role FROM users ORDER BY name"),
        query_i64(conn, "SELECT COUNT(*) FROM subjects"),
        pairs("SELECT key, value FROM settings ORDER BY key"),
        query_i64(conn, "SELECT COUNT(*) FROM organisation_profile"),
    )
}

fn newest_actor(session: &Session) -> String {
    rusqlite::Connection::open(session.path())
        .expect("open the store file")
        .query_row(
            "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn every_role_times_every_service_call_follows_the_permission_table() {
    let mut checked = 0;
    for role in Role::ALL {
        let store = TempStore::new();
        let (mut owner, _) = store.create();
        owner
            .users()
            .add_user("target", Role::Assistant, &pass("target's own passphrase"))
            .unwrap();
        owner
            .users()
            .add_user("tester", role, &pass(TESTER))
            .unwrap();
        drop(owner);

        let mut session = unlock_as(&store.path, "tester", TESTER).unwrap();
        assert_eq!(session.user().role, role);
        for call in Call::ALL {
            let expected = call.needs().iter().all(|&p| role.can(p));
            let before = snapshot(&session);
            let result = call.perform(&mut session, store.dir.path());
            let after = snapshot(&session);
            match (expected, result) {
                (true, Ok(())) => {
                    assert_eq!(
                        after.0,
                        before.0 + call.entries_written(),
                        "{role:?} × {call:?}: audit entries"
                    );
                    if call.entries_written() > 0 {
                        assert_eq!(newest_actor(&session), "tester", "{role:?} × {call:?}");
                    }
                }
                (false, Err(ServiceError::NotPermitted(message))) => {
                    assert!(
                        message.contains(role.label()) && message.contains("does not allow"),
                        "{role:?} × {call:?}: {message}"
                    );
                    assert_eq!(
                        after, before,
                        "{role:?} × {call:?}: a refusal changes nothing"
                    );
                }
                (expected, result) => panic!(
                    "{role:?} × {call:?}: expected {}, got {result:?}",
                    if expected { "Ok" } else { "NotPermitted" }
                ),
            }
            if call == Call::ExportAudit {
                assert_eq!(
                    store.dir.path().join("audit.json").exists(),
                    expected,
                    "{role:?}: the export file"
                );
                assert!(!store.dir.path().join("audit.json.partial").exists());
            }
            checked += 1;
        }
        drop(session);
        // The passphrase change (allowed for everyone) took effect.
        assert_wrong_passphrase(
            unlock_as(&store.path, "tester", TESTER),
            "the old tester passphrase",
        );
        let session = unlock_as(&store.path, "tester", "tester's second passphrase").unwrap();
        drop(session);
        let owner = store.unlock(PASS).unwrap();
        assert!(
            owner.audit().verify_audit().unwrap().is_intact(),
            "{role:?}"
        );
    }
    assert_eq!(checked, Role::ALL.len() * Call::ALL.len());
}

#[test]
fn the_table_has_an_owner_who_can_do_everything_and_refusals_for_every_other_role() {
    // Guards the table-driven test above against a table that allows or refuses everything.
    for p in Permission::ALL {
        assert!(Role::Owner.can(p), "{p:?}");
    }
    for role in [Role::Officer, Role::Assistant, Role::Auditor] {
        let refused = Call::ALL
            .iter()
            .filter(|c| !c.needs().iter().all(|&p| role.can(p)))
            .count();
        assert!(refused > 0, "{role:?} is refused something");
        assert!(refused < Call::ALL.len(), "{role:?} is allowed something");
    }
}

// 5 -------------------------------------------------------------------------------------------

#[test]
fn the_store_always_keeps_an_owner_and_names_are_unique_and_valid() {
    let store = TempStore::new();
    let (mut owner, _) = store.create();

    // The only owner can neither remove nor demote themselves.
    let before = snapshot(&owner);
    let message = assert_conflict(owner.users().remove_user("owner"));
    assert!(message.contains("yourself"), "{message}");
    let message = assert_conflict(owner.users().set_user_role("owner", Role::Officer));
    assert!(message.contains("last owner"), "{message}");
    assert_eq!(owner.user().role, Role::Owner);
    assert_eq!(snapshot(&owner), before, "refusals change nothing");

    owner
        .users()
        .add_user("sam", Role::Officer, &pass(SAM))
        .expect("add sam");

    // Duplicate names, in any case, and invalid names are refused.
    let before = snapshot(&owner);
    for name in ["sam", "SAM", "Sam", "OWNER"] {
        let message = assert_conflict(owner.users().add_user(name, Role::Auditor, &pass(AUDREY)));
        assert!(message.contains("already a user"), "{name}: {message}");
    }
    for name in [
        "sam@example.org",
        "",
        "   ",
        " sam2",
        "a/b",
        &"x".repeat(65),
    ] {
        assert_invalid(
            owner.users().add_user(name, Role::Auditor, &pass(AUDREY)),
            &format!("name {name:?}"),
        );
    }
    assert_invalid(
        owner.users().add_user("kim", Role::Auditor, &pass("short")),
        "a weak passphrase",
    );
    assert_unknown_user(owner.users().remove_user("nobody"), "nobody");
    assert_unknown_user(owner.users().set_user_role("nobody", Role::Owner), "nobody");
    assert_eq!(snapshot(&owner), before, "refusals change nothing");

    // Promote sam; then sam may demote the original owner.
    owner.users().set_user_role("sam", Role::Owner).unwrap();
    drop(owner);
    let mut sam = unlock_as(&store.path, "sam", SAM).unwrap();
    assert_eq!(sam.user().role, Role::Owner);
    sam.users()
        .set_user_role("owner", Role::Officer)
        .expect("with two owners one can be demoted");
    // Now sam is the last owner.
    let message = assert_conflict(sam.users().set_user_role("sam", Role::Auditor));
    assert!(message.contains("last owner"), "{message}");
    assert_conflict(sam.users().remove_user("sam"));
    assert_eq!(sam.user().role, Role::Owner);
    drop(sam);

    // Without a name, sam (now the only owner) is the default user.
    assert_wrong_passphrase(store.unlock(PASS), "the default user is sam now");
    let mut demoted = unlock_as(&store.path, "owner", PASS).unwrap();
    assert_eq!(demoted.user().role, Role::Officer);
    assert!(matches!(
        demoted.users().list(),
        Err(ServiceError::NotPermitted(_))
    ));
    assert!(matches!(
        demoted.users().set_user_role("owner", Role::Owner),
        Err(ServiceError::NotPermitted(_))
    ));
    drop(demoted);

    // With two owners again, one owner can remove the other.
    let mut sam = unlock_as(&store.path, "sam", SAM).unwrap();
    sam.users().set_user_role("owner", Role::Owner).unwrap();
    drop(sam);
    let mut owner = store.unlock(PASS).unwrap();
    owner
        .users()
        .remove_user("sam")
        .expect("another owner can be removed");
    let users = owner.users().list().unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(
        (users[0].name.as_str(), users[0].role),
        ("owner", Role::Owner)
    );
    let changes: Vec<String> = all_entries(&owner, &AuditFilter::default())
        .into_iter()
        .filter(|e| e.action == "user.role_changed")
        .map(|e| format!("{}: {}", e.actor, e.details))
        .collect();
    assert_eq!(
        changes,
        vec![
            "sam: owner from officer to owner",
            "sam: owner from owner to officer",
            "owner: sam from officer to owner",
        ]
    );
    assert!(owner.audit().verify_audit().unwrap().is_intact());
}

// 6 -------------------------------------------------------------------------------------------

#[test]
fn failed_sign_ins_are_counted_per_user_slowed_down_and_reset_on_success() {
    let store = TempStore::new();
    team(&store);
    let wrong = "not sam's passphrase at all";

    for _ in 0..2 {
        assert_wrong_passphrase(unlock_as(&store.path, "sam", wrong), "sam, wrong");
    }
    assert_wrong_passphrase(unlock_as(&store.path, "alex", wrong), "alex, wrong");
    {
        let mut owner = store.unlock(PASS).unwrap();
        let users = owner.users().list().unwrap();
        let find = |name: &str| users.iter().find(|u| u.name == name).unwrap().clone();
        let sam = find("sam");
        assert_eq!(sam.failed_attempts, 2);
        let last = sam.last_failed_at.expect("sam's last failure has a time");
        chrono::DateTime::parse_from_rfc3339(&last).expect("RFC 3339");
        assert_eq!(find("alex").failed_attempts, 1);
        assert!(find("alex").last_failed_at.is_some());
        assert_eq!(find("audrey").failed_attempts, 0);
        assert_eq!(find("audrey").last_failed_at, None);
        assert_eq!(find("owner").failed_attempts, 0);
    }
    // A third wrong passphrase is still tried (and counted).
    assert_wrong_passphrase(unlock_as(&store.path, "sam", wrong), "sam, third");
    assert_eq!(failed_attempts_raw(&store, "sam"), 3);
    // Pin the last failure to now, so that the check below does not depend on how long the
    // key derivation of the third attempt took on this machine.
    set_last_failed_at(&store, "sam", &chrono::Utc::now().to_rfc3339());
    let audit_before = query_i64(&store.raw(), "SELECT COUNT(*) FROM audit_log");

    // The fourth attempt in a row must wait, and is not even tried …
    match unlock_as(&store.path, "sam", wrong) {
        Err(ServiceError::TooManyAttempts { name, wait_secs }) => {
            assert_eq!(name, "sam");
            assert!(wait_secs > 0 && wait_secs <= 2, "{wait_secs}");
        }
        other => panic!("expected TooManyAttempts, got {other:?}"),
    }
    // … nor is the right passphrase.
    match unlock_as(&store.path, "sam", SAM) {
        Err(ServiceError::TooManyAttempts { name, wait_secs }) => {
            assert_eq!(name, "sam");
            assert!(wait_secs > 0, "{wait_secs}");
        }
        other => panic!("expected TooManyAttempts for the right passphrase, got {other:?}"),
    }
    assert_eq!(
        failed_attempts_raw(&store, "sam"),
        3,
        "a refused try is not counted"
    );
    assert_eq!(
        query_i64(&store.raw(), "SELECT COUNT(*) FROM audit_log"),
        audit_before
    );

    // Other users are not slowed down by sam's failures.
    drop(unlock_as(&store.path, "audrey", AUDREY).unwrap());
    let alex = unlock_as(&store.path, "alex", ALEX).unwrap();
    assert_eq!(alex.user().failed_attempts, 0);
    drop(alex);

    // Once the wait is over, the right passphrase works and clears the count.
    set_last_failed_at(&store, "sam", "2000-01-01T00:00:00+00:00");
    let sam = unlock_as(&store.path, "sam", SAM).expect("after the wait sam signs in");
    assert_eq!(sam.user().failed_attempts, 0);
    let unlocked = all_entries(&sam, &AuditFilter::default())
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(unlocked.action, "session.unlocked");
    assert_eq!(unlocked.actor, "sam");
    assert_eq!(unlocked.details, "after 3 failed attempts");
    let alexs_unlock = all_entries(&sam, &actor("alex"))
        .into_iter()
        .next()
        .unwrap();
    assert!(
        alexs_unlock.details.starts_with("after 1 failed attempt"),
        "{alexs_unlock:?}"
    );
    drop(sam);
    assert_eq!(failed_attempts_raw(&store, "sam"), 0);

    let mut owner = store.unlock(PASS).unwrap();
    for user in owner.users().list().unwrap() {
        assert_eq!(user.failed_attempts, 0, "{}", user.name);
    }
    drop(owner);

    // A new run of failures starts from zero: three more are tried before any wait.
    for _ in 0..3 {
        assert_wrong_passphrase(unlock_as(&store.path, "sam", wrong), "sam, new run");
    }
    assert_eq!(failed_attempts_raw(&store, "sam"), 3);
}

// 7 -------------------------------------------------------------------------------------------

#[test]
fn the_recovery_code_resets_only_an_owners_passphrase() {
    let store = TempStore::new();
    let code = team(&store);

    // Not for an assistant or an officer: refused, nothing changed.
    for name in ["alex", "sam"] {
        let before = store.hash();
        let result = Session::recover(&store.path, Some(name), &code, &pass(NEW_PASS), Via::Cli);
        assert_invalid(result, name);
        assert_eq!(store.hash(), before, "{name}: nothing changed");
    }
    assert_unknown_user(
        Session::recover(
            &store.path,
            Some("nobody"),
            &code,
            &pass(NEW_PASS),
            Via::Cli,
        ),
        "nobody",
    );
    drop(unlock_as(&store.path, "alex", ALEX).expect("alex's passphrase is unchanged"));
    assert_wrong_passphrase(unlock_as(&store.path, "alex", NEW_PASS), "alex, new");
    drop(
        store
            .unlock(PASS)
            .expect("the owner's passphrase is unchanged"),
    );

    // No name: the first owner.
    let session = Session::recover(&store.path, None, &code, &pass(NEW_PASS), Via::Cli)
        .expect("recover the first owner");
    assert_eq!(session.user().name, "owner");
    drop(session);
    assert_wrong_passphrase(store.unlock(PASS), "the owner's old passphrase");
    let mut owner = store.unlock(NEW_PASS).unwrap();
    for user in owner.users().list().unwrap() {
        assert_eq!(
            user.passphrase_changed_at.is_some(),
            user.name == "owner",
            "only the owner's passphrase changed: {user:?}"
        );
    }
    owner.users().set_user_role("sam", Role::Owner).unwrap();
    drop(owner);
    drop(unlock_as(&store.path, "sam", SAM).expect("sam's passphrase still works"));

    // Once sam is an owner, the code resets sam's passphrase, and only sam's.
    let sams_new = "sam's recovered passphrase";
    let session = Session::recover(&store.path, Some("sam"), &code, &pass(sams_new), Via::Cli)
        .expect("recover sam, an owner");
    assert_eq!(session.user().name, "sam");
    let newest = all_entries(&session, &AuditFilter::default())
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(
        (newest.action.as_str(), newest.actor.as_str()),
        ("session.recovered_with_code", "sam")
    );
    drop(session);
    assert_wrong_passphrase(unlock_as(&store.path, "sam", SAM), "sam's old passphrase");
    drop(unlock_as(&store.path, "sam", sams_new).unwrap());
    drop(unlock_as(&store.path, "owner", NEW_PASS).expect("the owner is unaffected"));
    drop(unlock_as(&store.path, "alex", ALEX).expect("alex is unaffected"));
}

// 8 -------------------------------------------------------------------------------------------

#[test]
fn a_users_passphrase_change_leaves_the_others_working() {
    let store = TempStore::new();
    team(&store);
    let sams_new = "sam's second passphrase here";

    let mut sam = unlock_as(&store.path, "sam", SAM).unwrap();
    assert_invalid(
        sam.users().change_passphrase(&pass(ALEX), &pass(sams_new)),
        "someone else's passphrase as the current one",
    );
    assert_invalid(
        sam.users().change_passphrase(&pass(SAM), &pass("short")),
        "a weak new passphrase",
    );
    sam.users()
        .change_passphrase(&pass(SAM), &pass(sams_new))
        .expect("sam changes their passphrase");
    let newest = all_entries(&sam, &AuditFilter::default())
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(
        (newest.action.as_str(), newest.actor.as_str()),
        ("passphrase.changed", "sam")
    );
    drop(sam);
    let owner_wrap_after = wrapped_key_of(&store.raw(), "owner");

    assert_wrong_passphrase(unlock_as(&store.path, "sam", SAM), "sam's old passphrase");
    drop(unlock_as(&store.path, "sam", sams_new).expect("sam's new passphrase"));
    for (name, passphrase) in [("owner", PASS), ("alex", ALEX), ("audrey", AUDREY)] {
        drop(
            unlock_as(&store.path, name, passphrase)
                .unwrap_or_else(|e| panic!("{name} still signs in: {e}")),
        );
    }
    assert_eq!(wrapped_key_of(&store.raw(), "owner"), owner_wrap_after);

    let mut owner = store.unlock(PASS).unwrap();
    let users = owner.users().list().unwrap();
    for u in &users {
        assert_eq!(
            u.passphrase_changed_at.is_some(),
            u.name == "sam",
            "{}: passphrase_changed_at",
            u.name
        );
    }
    assert!(owner.audit().verify_audit().unwrap().is_intact());
}
