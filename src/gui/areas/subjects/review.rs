//! The consent review queue: given consents that are stale (older than the refresh period),
//! were given under an outdated notice, or have no evidence, and people processed for a
//! consent-based purpose without any consent record; with the bulk actions that mark
//! the stale ones expired (on a worker thread, with progress) and the listed ones reviewed.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::consent::{DEFAULT_REFRESH_MONTHS, ReviewReason};
use crate::gui::widgets::hint;
use crate::gui::{Command, ConsentCommand};
use crate::jobs::Progress;
use crate::services::ReviewItem;

/// Items shown with their subject's email (the rest are counted).
pub const REVIEW_SHOWN: usize = 500;

/// One row: the item and the subject's email (opened for the rows shown).
#[derive(Debug)]
pub struct ReviewRow {
    /// The item.
    pub item: ReviewItem,
    /// The subject's email.
    pub email: String,
}

/// The review view's state.
#[derive(Debug, Default)]
pub struct ReviewView {
    rows: Option<Vec<ReviewRow>>,
    total: usize,
    stale: usize,
    confirm_expire: bool,
    confirm_mark: bool,
    /// The store generation the queue was last asked for at (it is read on a worker thread).
    asked_at: Option<u64>,
}

fn reason_text(r: ReviewReason) -> &'static str {
    match r {
        ReviewReason::Stale => "older than the refresh period",
        ReviewReason::OutdatedNotice => "given under an older notice",
        ReviewReason::NoEvidence => "no evidence recorded",
        ReviewReason::NoConsentRecord => "processed without any consent on record",
        ReviewReason::ChildWithoutParentalConsent => {
            "a child: no parent's authorisation recorded (Art. 8; § 1798.120(c))"
        }
    }
}

impl ReviewView {
    /// Receives the queue (the first rows with emails) and its counts.
    pub fn set_rows(&mut self, rows: Vec<ReviewRow>, total: usize, stale: usize) {
        self.rows = Some(rows);
        self.total = total;
        self.stale = stale;
        self.confirm_expire = false;
        self.confirm_mark = false;
    }

    /// Whether the queue should be read again: never asked for, or asked for before the store
    /// last changed.
    pub fn stale(&self, generation: u64) -> bool {
        self.asked_at != Some(generation)
    }

    /// The queue was asked for at `generation` (`None`: ask again, a change to it was made).
    pub fn asked(&mut self, generation: Option<u64>) {
        self.asked_at = generation;
    }

    /// Draws the view. `expiring` is the progress of stale consents being expired.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        may_expire: bool,
        may_export: bool,
        expiring: Option<&Progress>,
    ) -> Option<Command> {
        let Some(rows) = &self.rows else {
            return None;
        };
        let mut command = None;
        hint(
            ui,
            &format!(
                "Consents to look at again: not confirmed for {DEFAULT_REFRESH_MONTHS} months, given under an older notice, or recorded without evidence — and people held in a system that serves a consent-based purpose (Records of processing, Systems tab) with no consent on record for it. Ask these people to confirm (a re-permission campaign), mark stale ones expired, or mark those you checked as reviewed."
            ),
        );
        ui.label(
            RichText::new(format!(
                "{} consents need review; {} are stale",
                self.total, self.stale
            ))
            .strong(),
        );
        if let Some(p) = expiring {
            ui.horizontal(|ui| {
                let (done, total) = p.counts();
                ui.label("Expiring the stale consents…");
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .desired_width(260.0)
                        .text(format!("{done} of {total}"))
                        .animate(total == 0),
                );
                if ui.button("Cancel").clicked() {
                    command = Some(Command::Consent(ConsentCommand::CancelExpire));
                }
            });
            return command;
        }
        if may_expire && self.stale > 0 {
            if self.confirm_expire {
                ui.horizontal(|ui| {
                    if ui
                        .button(format!("Yes, expire {} stale consents", self.stale))
                        .clicked()
                    {
                        command = Some(Command::ExpireStale);
                    }
                    if ui.button("Keep them").clicked() {
                        self.confirm_expire = false;
                    }
                });
            } else if ui.button("Expire the stale consents…").clicked() {
                self.confirm_expire = true;
            }
        }
        if may_expire
            && !rows.is_empty()
            && let Some(c) = self.mark_reviewed(ui)
        {
            command = Some(c);
        }
        let Some(rows) = &self.rows else {
            return command;
        };
        if let Some(path) = crate::gui::file_dialog::FileDialog::new()
            .add_filter("CSV", &["csv"])
            .set_file_name("consents-to-review.csv")
            .save_file(
                may_export
                    && self.total > 0
                    && ui.button("Export for a re-permission campaign…").clicked(),
                ui,
            )
        {
            command = Some(Command::ExportReviewList(path));
        }
        if rows.is_empty() {
            return command;
        }
        if self.total > rows.len() {
            hint(
                ui,
                &format!("Showing the oldest {} of {}.", rows.len(), self.total),
            );
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        TableBuilder::new(ui)
            .id_salt("review")
            .striped(true)
            .column(Column::initial(260.0).resizable(true))
            .column(Column::initial(200.0))
            .column(Column::exact(150.0))
            .column(Column::remainder())
            .header(row_height, |mut h| {
                for t in ["Email", "Purpose", "Confirmed or recorded", "Why"] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let r = &rows[row.index()];
                    row.col(|ui| {
                        if ui.link(&r.email).clicked() {
                            command = Some(Command::OpenSubject(r.item.subject));
                        }
                    });
                    row.col(|ui| {
                        ui.label(r.item.purpose.as_str());
                    });
                    row.col(|ui| {
                        ui.label(r.item.confirmed_at.format("%Y-%m-%d").to_string());
                    });
                    row.col(|ui| {
                        let why: Vec<&str> =
                            r.item.reasons.iter().map(|x| reason_text(*x)).collect();
                        ui.label(why.join("; "));
                    });
                });
            });
        command
    }

    /// "Mark all listed as reviewed…" and its confirmation.
    fn mark_reviewed(&mut self, ui: &mut Ui) -> Option<Command> {
        let listed = self.rows.as_ref().map_or(0, Vec::len);
        if !self.confirm_mark {
            if ui.button("Mark all listed as reviewed…").clicked() {
                self.confirm_mark = true;
            }
            return None;
        }
        let rest = self.total.saturating_sub(listed);
        hint(
            ui,
            &format!(
                "You checked these {listed} consents and keep them. They leave the queue until they age past another refresh period, a newer notice is published, or the person acts again.{}",
                if rest > 0 {
                    format!(" The other {rest} stay in the queue.")
                } else {
                    String::new()
                }
            ),
        );
        let mut command = None;
        ui.horizontal(|ui| {
            if ui
                .button(format!("Yes, mark {listed} consents as reviewed"))
                .clicked()
            {
                let items = self.rows.iter().flatten().map(|r| r.item.clone()).collect();
                self.confirm_mark = false;
                command = Some(Command::Consent(ConsentCommand::MarkReviewed(items)));
            }
            if ui.button("Not now").clicked() {
                self.confirm_mark = false;
            }
        });
        command
    }
}
