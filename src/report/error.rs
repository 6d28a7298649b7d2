//! What can go wrong making a report file.

use thiserror::Error;

/// What can go wrong making a PDF.
#[derive(Debug, Error)]
pub enum PdfError {
    /// A shipped font could not be read or subset.
    #[error(
        "The report font could not be prepared ({0}). Reinstall Privacy Desk; nothing was written."
    )]
    Font(String),
}

/// What can go wrong making a Word document.
#[derive(Debug, Error)]
pub enum WordError {
    /// The document could not be packed into its zip container.
    #[error("The Word document could not be written ({0}); nothing was written.")]
    Pack(String),
}
