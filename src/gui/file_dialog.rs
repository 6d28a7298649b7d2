//! Every save and open of the window goes through here (issue 20, item 9): the system's file
//! dialog (rfd: the XDG desktop portal on Linux, falling back to zenity; the native dialogs on
//! Windows and macOS) and, where no dialog can open, a path field.
//!
//! On a Linux desktop with neither a portal nor zenity, rfd returns at once with nothing, as if
//! the officer had cancelled. The window tells the two apart: no session bus and no zenity
//! means no dialog can open; a dialog that "answered" in under [`NO_DIALOG_WITHIN`] with
//! zenity absent was never shown (nobody sees a dialog and cancels it that fast). Either way
//! the window says so once, remembers it for the session, and from then on asks for the path
//! in a field, focused, with a hint: a button never silently does nothing.
//!
//! Call sites keep their shape: `FileDialog::new().add_filter(…).save_file(clicked, ui)`,
//! called every frame with whether its button was clicked; it returns the path on the frame
//! the officer gives one (at once from the system dialog, or later from the field).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use egui::{Id, RichText, TextEdit, Ui};

/// An answer faster than this, with zenity absent, means no dialog was shown.
pub const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// Set once no system dialog could be shown in this session.
static NO_SYSTEM_DIALOG: AtomicBool = AtomicBool::new(false);

/// What the officer is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Save,
    Open,
    Folder,
}

impl Kind {
    fn title(self) -> &'static str {
        match self {
            Self::Save => "Save as",
            Self::Open => "Open a file",
            Self::Folder => "Choose a folder",
        }
    }

    fn button(self) -> &'static str {
        match self {
            Self::Save => "Save",
            Self::Open => "Open",
            Self::Folder => "Choose",
        }
    }
}

/// A file dialog to open: the same builder as rfd's, so call sites read as before.
#[derive(Clone, Debug, Default)]
pub struct FileDialog {
    file_name: Option<String>,
    filters: Vec<(String, Vec<String>)>,
}

/// The path field shown instead of a dialog, kept in egui's memory while it is open.
#[derive(Clone, Debug, Default)]
struct Fallback {
    text: String,
    problem: Option<String>,
    focused: bool,
}

impl FileDialog {
    /// A dialog with no suggested name and no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// The file name suggested when saving.
    pub fn set_file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// A filter: its name and the extensions it shows (without the dot).
    pub fn add_filter(mut self, name: impl Into<String>, extensions: &[&str]) -> Self {
        self.filters.push((
            name.into(),
            extensions.iter().map(|e| (*e).to_owned()).collect(),
        ));
        self
    }

    /// Asks where to save, when `asked` (its button was clicked this frame).
    pub fn save_file(self, asked: bool, ui: &mut Ui) -> Option<PathBuf> {
        self.run(Kind::Save, asked, ui)
    }

    /// Asks for a file to open, when `asked`.
    pub fn pick_file(self, asked: bool, ui: &mut Ui) -> Option<PathBuf> {
        self.run(Kind::Open, asked, ui)
    }

    /// Asks for a folder, when `asked`.
    pub fn pick_folder(self, asked: bool, ui: &mut Ui) -> Option<PathBuf> {
        self.run(Kind::Folder, asked, ui)
    }

    /// The memory key of this dialog's path field: the place it is asked from, what it asks
    /// and how.
    fn key(&self, kind: Kind, ui: &Ui) -> Id {
        ui.scope_id()
            .with(("file-dialog", kind, &self.file_name, &self.filters))
    }

    fn run(self, kind: Kind, asked: bool, ui: &mut Ui) -> Option<PathBuf> {
        let key = self.key(kind, ui);
        if asked {
            if let Some(path) = self.system(kind) {
                return Some(path);
            }
            if NO_SYSTEM_DIALOG.load(Ordering::Relaxed) {
                let text = self.suggested(kind);
                ui.ctx().data_mut(|d| {
                    d.insert_temp(
                        key,
                        Fallback {
                            text,
                            ..Fallback::default()
                        },
                    )
                });
            }
        }
        let mut state = ui.ctx().data(|d| d.get_temp::<Fallback>(key))?;
        let (answer, open) = fallback_modal(ui, key, kind, &self.filters, &mut state);
        ui.ctx().data_mut(|d| {
            if open {
                d.insert_temp(key, state);
            } else {
                d.remove::<Fallback>(key);
            }
        });
        answer
    }

    /// What the field starts with: the home folder, and the suggested name when saving.
    fn suggested(&self, kind: Kind) -> String {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        match (kind, &self.file_name) {
            (Kind::Save, Some(name)) => home.join(name).display().to_string(),
            _ if home.as_os_str().is_empty() => String::new(),
            _ => format!("{}/", home.display()),
        }
    }

    /// The system's dialog, unless none can be shown; `None` when cancelled or when no dialog
    /// was shown (then [`NO_SYSTEM_DIALOG`] is set).
    fn system(&self, kind: Kind) -> Option<PathBuf> {
        if NO_SYSTEM_DIALOG.load(Ordering::Relaxed) {
            return None;
        }
        if !system_dialog_possible() {
            NO_SYSTEM_DIALOG.store(true, Ordering::Relaxed);
            return None;
        }
        let mut dialog = rfd::FileDialog::new();
        if let Some(name) = &self.file_name {
            dialog = dialog.set_file_name(name);
        }
        for (name, extensions) in &self.filters {
            dialog = dialog.add_filter(name, extensions);
        }
        let started = Instant::now();
        let answer = match kind {
            Kind::Save => dialog.save_file(),
            Kind::Open => dialog.pick_file(),
            Kind::Folder => dialog.pick_folder(),
        };
        if answer.is_none() && no_dialog_shown(started.elapsed(), zenity_installed()) {
            NO_SYSTEM_DIALOG.store(true, Ordering::Relaxed);
        }
        answer
    }
}

/// Whether an empty answer after `elapsed` means no dialog was shown: only rfd's last resort,
/// zenity, could have shown one that slowly-answered, and a person needs longer than
/// [`NO_DIALOG_WITHIN`] to see a dialog and cancel it.
pub fn no_dialog_shown(elapsed: Duration, zenity: bool) -> bool {
    !zenity && elapsed < NO_DIALOG_WITHIN
}

/// Whether a system dialog can be shown at all. Tests never open one: the window's flows are
/// tested through the path field.
fn system_dialog_possible() -> bool {
    if cfg!(test) {
        return false;
    }
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| PathBuf::from(dir).join("bus").exists());
    bus || zenity_installed()
}

/// Whether `zenity` is on the PATH (rfd's fallback when no portal answers).
fn zenity_installed() -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

/// What is wrong with `text` as the answer, in a sentence naming what to do.
fn path_problem(text: &str, kind: Kind) -> Result<PathBuf, String> {
    let text = text.trim();
    let path = match text.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(rest),
        None => PathBuf::from(text),
    };
    if text.is_empty() || !path.is_absolute() {
        return Err(
            "Path: type the full path, starting with / (or ~/ for your home folder).".into(),
        );
    }
    match kind {
        Kind::Save if path.is_dir() => Err(format!(
            "Path: {} is a folder; add the file's name at the end.",
            path.display()
        )),
        Kind::Save if !path.parent().is_some_and(|p| p.is_dir()) => Err(format!(
            "Path: the folder {} does not exist; create it first or choose another.",
            path.parent().unwrap_or(&path).display()
        )),
        Kind::Open if !path.is_file() => Err(format!(
            "Path: there is no file at {}; check the spelling.",
            path.display()
        )),
        Kind::Folder if !path.is_dir() => Err(format!(
            "Path: there is no folder at {}; check the spelling.",
            path.display()
        )),
        _ => Ok(path),
    }
}

/// Draws the path field in a modal; returns the path given and whether it stays open.
fn fallback_modal(
    ui: &mut Ui,
    key: Id,
    kind: Kind,
    filters: &[(String, Vec<String>)],
    state: &mut Fallback,
) -> (Option<PathBuf>, bool) {
    let mut answer = None;
    let mut open = true;
    egui::Modal::new(key.with("modal")).show(ui.ctx(), |ui| {
        ui.set_max_width(560.0);
        ui.heading(kind.title());
        ui.label(
            "No file dialog opened: this desktop has no file chooser (no XDG desktop portal answered and zenity is not installed). Type the full path instead.",
        );
        if !filters.is_empty() {
            let kinds: Vec<String> = filters
                .iter()
                .map(|(name, ext)| format!("{name} (.{})", ext.join(", .")))
                .collect();
            ui.label(RichText::new(format!("Files: {}", kinds.join("; "))).weak());
        }
        let label = ui.label("Path");
        let field = ui
            .add(
                TextEdit::singleline(&mut state.text)
                    .hint_text("/home/you/Documents/…")
                    .desired_width(520.0),
            )
            .labelled_by(label.id);
        if !state.focused {
            field.request_focus();
            state.focused = true;
        }
        if field.changed() {
            state.problem = None;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(problem) = &state.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.horizontal(|ui| {
            if ui.button(kind.button()).clicked() || entered {
                match path_problem(&state.text, kind) {
                    Ok(path) => {
                        answer = Some(path);
                        open = false;
                    }
                    Err(problem) => state.problem = Some(problem),
                }
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
    });
    (answer, open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_quick_empty_answer_without_zenity_means_no_dialog_was_shown() {
        assert!(no_dialog_shown(Duration::from_millis(3), false));
        assert!(!no_dialog_shown(Duration::from_millis(3), true));
        assert!(!no_dialog_shown(Duration::from_secs(4), false));
    }

    #[test]
    fn a_typed_path_is_checked_for_what_is_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.csv");
        std::fs::write(&file, "x").unwrap();
        let d = dir.path().display().to_string();
        assert!(
            path_problem("notes.csv", Kind::Save)
                .unwrap_err()
                .contains("full path")
        );
        assert!(
            path_problem(&d, Kind::Save)
                .unwrap_err()
                .contains("is a folder")
        );
        assert!(
            path_problem(&format!("{d}/missing/x.zip"), Kind::Save)
                .unwrap_err()
                .contains("does not exist")
        );
        assert_eq!(
            path_problem(&format!("{d}/new.zip"), Kind::Save).unwrap(),
            dir.path().join("new.zip")
        );
        assert!(path_problem(&format!("{d}/b.csv"), Kind::Open).is_err());
        assert_eq!(
            path_problem(&file.display().to_string(), Kind::Open).unwrap(),
            file
        );
        assert!(path_problem(&file.display().to_string(), Kind::Folder).is_err());
        assert!(path_problem(&d, Kind::Folder).is_ok());
    }
}
