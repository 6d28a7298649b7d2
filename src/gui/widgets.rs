//! Small widgets shared by the screens: labelled fields (every input has an accessible name),
//! notices, section headings.

use egui::{Color32, Response, RichText, TextEdit, Ui};

/// Width of form fields.
pub const FIELD_WIDTH: f32 = 340.0;

/// A label above a one-line text field, tied to it for screen readers.
pub fn text_field(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let label = ui.label(label);
    ui.add(TextEdit::singleline(value).desired_width(FIELD_WIDTH))
        .labelled_by(label.id)
}

/// A label above a multi-line text field.
pub fn text_area(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let label = ui.label(label);
    ui.add(
        TextEdit::multiline(value)
            .desired_width(FIELD_WIDTH)
            .desired_rows(2),
    )
    .labelled_by(label.id)
}

/// A label above a masked field for passphrases and codes.
pub fn secret_field(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(value)
            .password(true)
            .desired_width(FIELD_WIDTH),
    )
    .labelled_by(label.id)
}

/// Whether Enter was pressed while `response` had focus (submits a form).
pub fn submitted(ui: &Ui, response: &Response) -> bool {
    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The kind of a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something worked.
    Success,
    /// Something failed; the text says what to do.
    Error,
    /// Worth knowing.
    Info,
}

/// A message shown above the current view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Its kind.
    pub kind: NoticeKind,
    /// The sentence.
    pub text: String,
}

impl Notice {
    /// A success message.
    pub fn success(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Success,
            text: text.into(),
        }
    }

    /// An error message.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }

    /// An informational message.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            text: text.into(),
        }
    }

    /// Draws it; returns true when the user dismissed it.
    pub fn show(&self, ui: &mut Ui) -> bool {
        let dark = ui.visuals().dark_mode;
        let (fill, prefix) = match (self.kind, dark) {
            (NoticeKind::Success, false) => (Color32::from_rgb(0xDF, 0xF3, 0xE4), "Done: "),
            (NoticeKind::Success, true) => (Color32::from_rgb(0x1E, 0x3B, 0x27), "Done: "),
            (NoticeKind::Error, false) => (Color32::from_rgb(0xFB, 0xE3, 0xE1), "Problem: "),
            (NoticeKind::Error, true) => (Color32::from_rgb(0x4A, 0x1F, 0x1C), "Problem: "),
            (NoticeKind::Info, false) => (Color32::from_rgb(0xE3, 0xEC, 0xFA), ""),
            (NoticeKind::Info, true) => (Color32::from_rgb(0x1F, 0x2D, 0x45), ""),
        };
        let mut dismissed = false;
        egui::Frame::new()
            .fill(fill)
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{prefix}{}", self.text)).strong());
                    if ui.small_button("Dismiss").clicked() {
                        dismissed = true;
                    }
                });
            });
        dismissed
    }
}

/// A section heading with space above.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(12.0);
    ui.label(RichText::new(title).heading());
    ui.add_space(4.0);
}

/// Muted explanatory text.
pub fn hint(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).weak());
}

/// A stored RFC 3339 time as "2026-11-29 17:47 UTC"; the text as it is when it does not parse.
pub fn when(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%d %H:%M UTC")
                .to_string()
        })
        .unwrap_or_else(|_| stored.to_owned())
}

/// A byte count in words: "812 KB", "3.4 MB".
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1_000_000 => format!("{} KB", b.div_ceil(1000)),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.2} GB", b as f64 / 1e9),
    }
}

/// A progress bar with its Cancel button; returns whether Cancel was clicked.
pub fn progress_line(
    ui: &mut Ui,
    label: &str,
    progress: &crate::jobs::Progress,
    cancel: &str,
) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        let (done, total) = progress.counts();
        ui.label(label);
        ui.add(
            egui::ProgressBar::new(progress.fraction())
                .desired_width(260.0)
                .text(format!("{done} of {total}")),
        );
        clicked = ui.button(cancel).clicked();
    });
    clicked
}

/// A table cell whose text wraps at the column's width, so the tables fit the window.
pub fn cell(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).wrap());
}

/// A table that may be wider than a narrow window: it scrolls sideways rather than putting
/// its last columns (and their buttons) out of reach.
pub fn wide<R>(ui: &mut Ui, id: impl egui::AsIdSalt, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::ScrollArea::horizontal()
        .id_salt(id)
        .show(ui, add)
        .inner
}
