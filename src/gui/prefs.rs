//! Preferences kept between runs by eframe (never personal data): the theme.

use serde::{Deserialize, Serialize};

use super::ThemeChoice;

/// What survives a restart of the window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Light, dark, or follow the system.
    pub theme: ThemeChoice,
}

impl Prefs {
    /// The key under which eframe stores them.
    pub const STORAGE_KEY: &'static str = "privacy-desk-prefs";
}
