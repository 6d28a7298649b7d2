//! The window's kinds of background work, one file each: what the job shows, what it does on
//! its worker thread, and how its result is applied to the window (see
//! [`super::runner::WindowJob`]). A job that changes the store holds a worker session
//! (`Session::worker`): the window keeps its own session, reads go on, and a change asked for
//! meanwhile is refused by the store's write door with a sentence saying why.

mod access_export;
mod attachment;
mod audit;
mod backup;
mod campaign_check;
mod evidence;
mod expire;
mod import;
mod key_rotation;
mod listing;
mod mail_intake;
mod minimisation;
mod open_store;
mod pseudonym;
mod restore;
mod review_count;
mod review_queue;
mod search;
mod search_index;
mod site_build;
mod status;
mod suppression;
mod sweep;

pub(super) use access_export::AccessExport;
pub(super) use attachment::{AttachmentJob, AttachmentWork};
pub(super) use audit::{ExportAudit, VerifyAudit};
pub(super) use backup::{Backup, BackupKind};
pub(super) use campaign_check::CheckAudience;
pub(super) use evidence::EvidenceBundle;
pub(super) use expire::ExpireStale;
pub(super) use import::ImportConsent;
pub(super) use key_rotation::RotateKey;
pub(super) use listing::ListSubjects;
pub(super) use mail_intake::{MailSource, TakeInMail};
pub(super) use minimisation::MinimisationReview;
pub(super) use open_store::OpenStore;
pub(super) use pseudonym::{CheckK, FindPseudonym, WritePseudonymised};
pub(super) use restore::RestoreBackup;
pub(super) use review_count::CountReview;
pub(super) use review_queue::ReadReviewQueue;
pub(super) use search::Search;
pub(super) use search_index::BuildSearchIndex;
pub(super) use site_build::BuildSite;
pub(super) use status::CountStatus;
pub(super) use suppression::WriteSuppression;
pub(super) use sweep::{ApplySweep, PreviewSweep};
