//! Services: what the GUI and the CLI ask for, built from the store and the domain rules.
//! Every change to data writes its audit entry in the same transaction.

mod audit;
mod consent;
mod csv_cell;
mod error;
mod export;
mod import;
mod import_file;
mod import_preview;
mod profile;
mod purposes;
mod review;
mod search;
mod session;
mod status;
mod subjects;
mod undeliverable;
mod users;

pub use audit::{AuditExportFormat, AuditReader, ExportSummary};
pub use consent::ConsentCounts;
pub use csv_cell::neutralise_csv_cell;
pub use error::{ServiceError, ServiceResult};
pub use export::{DataExportKind, DataExportSummary, ReceiptFormat};
pub use import::{ImportOptions, ImportReport};
pub use import_preview::{ImportPreview, MappedColumn};
pub use review::{ReviewItem, ReviewReader};
pub use search::{SearchIndexBuilder, SubjectSearchIndex};
pub use session::{DEFAULT_OWNER_NAME, Session, Via, default_store_path};
pub use status::{StatusReader, StoreStatus};
pub use users::sign_in_users;
