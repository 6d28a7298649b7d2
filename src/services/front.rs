//! Area fronts: the part of a session that one area of the service layer works with.
//!
//! A [`Session`] holds the store, the keys and the signed-in user, nothing else. Each area of the
//! service layer (consent, requests, retention, records, …) is a small front borrowed from it —
//! `session.requests().erase_subject(…)`, `session.retention().sweep_plan(…)` — that carries only
//! that area's methods and sees only what they need: the store, the derived subkeys (never the
//! vault key itself, which only the `users` area handles) and who is acting.
//!
//! A front is a shared borrow: reads and writes alike take `&self`, since the store's one write
//! door ([`crate::store::Write`]) is opened at run time and refuses a second one. Fronts are
//! cheap to make (four references), so an area that needs another area's rule asks for that
//! area's front (`self.consent().record_consent(…)`) instead of reaching into its tables.

use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;

use crate::crypto::VaultKeys;
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef, NewAuditEntry};
use crate::domain::user::User;
use crate::store::Store;

use super::{ServiceError, ServiceResult, Session, Via};

/// The areas of the service layer, as marker types for [`Front`].
pub mod area {
    /// Subjects and consent: the ledger, purposes and notices, the review queue, imports.
    #[derive(Debug)]
    pub enum Consent {}
    /// The register of people: adding, finding, listing and searching them.
    #[derive(Debug)]
    pub enum Subjects {}
    /// Requests from people: intake, deadlines, fulfilment, erasure, letters, holidays.
    #[derive(Debug)]
    pub enum Requests {}
    /// Retention: the policy, legal holds and sweeps.
    #[derive(Debug)]
    pub enum Retention {}
    /// Records of processing, the data inventory, the taxonomy and the minimisation review.
    #[derive(Debug)]
    pub enum Records {}
    /// Vendors and their due-diligence questionnaire.
    #[derive(Debug)]
    pub enum Vendors {}
    /// Privacy impact assessments, their templates and workflow.
    #[derive(Debug)]
    pub enum Assessments {}
    /// Files kept sealed with a request, an incident, a vendor or an assessment.
    #[derive(Debug)]
    pub enum Attachments {}
    /// The security register: measures, staff training and the incident log.
    #[derive(Debug)]
    pub enum Security {}
    /// Backups and their rotation.
    #[derive(Debug)]
    pub enum Backups {}
    /// The audit trail: reading, verifying, exporting.
    #[derive(Debug)]
    pub enum Audit {}
    /// Exports of personal data and of reports.
    #[derive(Debug)]
    pub enum Exports {}
    /// The organisation profile, the auto-lock and the store's summary.
    #[derive(Debug)]
    pub enum Settings {}
    /// The privacy mailbox: emails taken in as proposals, accepted or dismissed.
    #[derive(Debug)]
    pub enum Inbox {}
    /// Campaign pre-flight: audiences checked before a send, and their send records.
    #[derive(Debug)]
    pub enum Campaigns {}
}

/// One area's view of a session (see the module documentation). `A` is the area's marker from
/// [`area`]; each area names its front with a type alias (`services::Requests<'s>`).
pub struct Front<'s, A> {
    pub(in crate::services) store: &'s Store,
    pub(in crate::services) keys: &'s Arc<VaultKeys>,
    pub(in crate::services) user: &'s User,
    pub(in crate::services) via: Via,
    area: PhantomData<fn() -> A>,
}

impl<A> Clone for Front<'_, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A> Copy for Front<'_, A> {}

impl<A> std::fmt::Debug for Front<'_, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Front")
            .field("area", &std::any::type_name::<A>())
            .field("user", &self.user.name)
            .finish_non_exhaustive()
    }
}

impl<'s, A> Front<'s, A> {
    fn of(session: &'s Session) -> Self {
        Self {
            store: &session.store,
            keys: &session.keys,
            user: &session.user,
            via: session.via,
            area: PhantomData,
        }
    }

    fn to<B>(self) -> Front<'s, B> {
        Front {
            store: self.store,
            keys: self.keys,
            user: self.user,
            via: self.via,
            area: PhantomData,
        }
    }

    /// The signed-in user.
    pub fn user(&self) -> &User {
        self.user
    }

    /// Whether the signed-in user's role allows `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        self.user.role.can(permission)
    }

    /// Refuses with a sentence naming the role when it does not allow `permission`.
    pub(in crate::services) fn require(&self, permission: Permission) -> ServiceResult<()> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ServiceError::NotPermitted(
                permission.why_not(self.user.role),
            ))
        }
    }

    /// An audit entry by the signed-in user.
    pub(in crate::services) fn entry(
        &self,
        action: AuditAction,
        entity: EntityRef,
        details: String,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor: self.user.name.clone(),
            via: self.via.code().to_owned(),
            action,
            entity,
            details,
        }
    }

    /// Writes an audit entry on its own (for events that change no other data).
    pub(crate) fn record(
        &self,
        action: AuditAction,
        entity: EntityRef,
        details: String,
    ) -> ServiceResult<()> {
        let entry = self.entry(action, entity, details);
        let mut w = self.store.write()?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The store file.
    pub fn path(&self) -> &'s Path {
        self.store.path()
    }
}

/// The front accessors, on the session (public) and on every front (for an area that uses
/// another area's rules).
macro_rules! area_fronts {
    ($($(#[$doc:meta])* $name:ident => $area:ident),* $(,)?) => {
        impl Session {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> Front<'_, area::$area> {
                    Front::of(self)
                }
            )*
        }

        // Every area may use another's rules; not every pair does today.
        #[allow(dead_code)]
        impl<'s, A> Front<'s, A> {
            $(
                $(#[$doc])*
                pub(in crate::services) fn $name(&self) -> Front<'s, area::$area> {
                    self.to()
                }
            )*
        }
    };
}

area_fronts! {
    /// Consent: the ledger, purposes and notices, the review queue, imports.
    consent => Consent,
    /// The register of people.
    subjects => Subjects,
    /// Requests from people, their deadlines and fulfilment.
    requests => Requests,
    /// Retention: policy, legal holds, sweeps.
    retention => Retention,
    /// Records of processing, the data inventory, the minimisation review.
    records => Records,
    /// Vendors and their due diligence.
    vendors => Vendors,
    /// Privacy impact assessments.
    assessments => Assessments,
    /// Files kept sealed with a record.
    attachments => Attachments,
    /// The security register and the incident log.
    security => Security,
    /// Backups.
    backups => Backups,
    /// The audit trail.
    audit => Audit,
    /// Exports of personal data and reports.
    exports => Exports,
    /// The organisation profile, settings and the store's summary.
    settings => Settings,
    /// Campaign pre-flight and the send records.
    campaigns => Campaigns,
}

// Outside the macro: `inbox` is also the requests front's list of requests, so no other area
// reaches the mailbox through a front-to-front accessor (none needs to).
impl Session {
    /// The privacy mailbox: emails taken in from files or IMAP, proposals, accept, dismiss.
    pub fn inbox(&self) -> Front<'_, area::Inbox> {
        Front::of(self)
    }
}
