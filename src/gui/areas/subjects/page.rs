//! One subject: who they are, their consent now for every purpose, the whole ledger, and a
//! form to record a new consent event with its evidence.

use chrono::{DateTime, NaiveDateTime, Utc};
use egui::{ComboBox, Grid, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::access::{Permission, Role};
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, ConsentState, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::purpose::PurposeRow;
use crate::domain::subject::Subject;
use crate::gui::Command;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, section, text_field};
use crate::services::ServiceResult;

/// What the page shows, loaded by the app.
#[derive(Debug)]
pub struct SubjectPageData {
    /// The subject.
    pub subject: Subject,
    /// Their state for each purpose.
    pub consents: Vec<(PurposeRow, ConsentState)>,
    /// Their ledger, in order.
    pub timeline: Vec<ConsentEvent>,
    /// When their address was found undeliverable (a bounce list), if it was.
    pub undeliverable_since: Option<chrono::DateTime<Utc>>,
    /// Their data-subject requests, soonest deadline first.
    pub requests: Vec<crate::services::InboxRow>,
    /// Since when their processing is restricted (Art. 18), as YYYY-MM-DD.
    pub restricted_on: Option<String>,
    /// The reason of a legal hold in force on them.
    pub hold: Option<String>,
    /// The day their customer relationship ended, if recorded.
    pub relationship_ended: Option<chrono::NaiveDate>,
    /// Why their record is kept: dates, retention rules, the CCPA "ask again" day.
    pub kept: crate::gui::areas::subjects::kept::KeptFacts,
    /// Their age, the age thresholds and their consents' parental authorisations.
    pub child: crate::services::ChildView,
}

/// The page's form state.
#[derive(Debug)]
pub struct SubjectPage {
    /// The data shown.
    pub data: SubjectPageData,
    purpose: Option<PurposeCode>,
    kind: ConsentEventKind,
    channel: Channel,
    when: String,
    evidence: Evidence,
    problem: FieldError,
    retention: crate::gui::areas::subjects::retention::SubjectRetention,
    kept: crate::gui::areas::subjects::kept::CustomerSinceField,
    /// The store generation and day `data` was read at (`prepare` reads it again when either
    /// moved on).
    read_at: crate::gui::view_data::Stamp<chrono::NaiveDate>,
    /// The age and parental-consent part.
    pub(super) age: super::age::AgePanel,
}

fn kind_label(kind: ConsentEventKind) -> &'static str {
    match kind {
        ConsentEventKind::Given => "Consent given",
        ConsentEventKind::Withdrawn => "Consent withdrawn",
        ConsentEventKind::Refreshed => "Consent confirmed again",
        ConsentEventKind::Expired => "Consent expired",
        ConsentEventKind::OptedOutOfSaleOrSharing => "Opted out of sale/sharing (CCPA)",
        ConsentEventKind::OptedInToSaleOrSharing => "Opted back in to sale/sharing (CCPA)",
        ConsentEventKind::LimitedSensitiveUse => "Limited use of sensitive data (CCPA)",
        ConsentEventKind::ConsentedToSensitiveUse => {
            "Consented again to the use of sensitive data (CCPA)"
        }
        ConsentEventKind::GlobalPrivacyControl => "Global Privacy Control signal",
        ConsentEventKind::SignUpPending => "Signed up, confirmation pending",
    }
}

fn state_text(state: &ConsentState) -> String {
    let since = state
        .since()
        .map(|t| format!(" since {}", t.format("%Y-%m-%d")))
        .unwrap_or_default();
    match state {
        ConsentState::NoRecord => "no record".to_owned(),
        ConsentState::Given { .. } => format!("given{since}"),
        ConsentState::Withdrawn { .. } => format!("withdrawn{since}"),
        ConsentState::Expired { .. } => format!("expired{since}"),
        ConsentState::OptedOut { .. } => format!("opted out{since}"),
    }
}

/// Reads the time typed in the form: empty for now, `YYYY-MM-DD HH:MM` or RFC 3339, in UTC.
fn parse_when(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Utc::now());
    }
    if let Ok(v) = DateTime::parse_from_rfc3339(t) {
        return Ok(v.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M")
        .map(|v| v.and_utc())
        .map_err(|_| {
            "When: write the time as YYYY-MM-DD HH:MM (UTC), or leave it empty for now.".to_owned()
        })
}

impl SubjectPage {
    /// A page for `data`.
    pub fn new(data: SubjectPageData) -> Self {
        let data_ended = data.relationship_ended;
        let purpose = data
            .consents
            .first()
            .map(|(row, _)| row.purpose.code.clone());
        Self {
            kept: super::kept::CustomerSinceField::new(data.kept.customer.since),
            data,
            purpose,
            kind: ConsentEventKind::Given,
            channel: Channel::WebForm,
            when: String::new(),
            evidence: Evidence::default(),
            problem: FieldError::default(),
            retention: crate::gui::areas::subjects::retention::SubjectRetention::new(data_ended),
            read_at: Default::default(),
            age: super::age::AgePanel::default(),
        }
    }

    /// The page as read at store generation `generation` on `today`.
    pub fn read_at(mut self, generation: u64, today: chrono::NaiveDate) -> Self {
        self.read_at = crate::gui::view_data::Stamp::new(generation, today);
        self
    }

    /// Before drawing: reads the page's data again when the store generation or the day moved
    /// on since it was read (a change made here, elsewhere in the window or by a background
    /// job); the form keeps what the officer typed. False when the person is no longer in
    /// the store (erased, or deleted by a sweep): the page closes.
    pub fn prepare(&mut self, fresh: &crate::gui::view_data::Fresh<'_>) -> ServiceResult<bool> {
        let id = self.data.subject.id;
        let read = self.read_at.read(fresh.generation, fresh.today, |today| {
            super::page_data::read(fresh.session, id, *today)
        })?;
        match read {
            Some(Some(data)) => self.data = data,
            Some(None) => return Ok(false),
            None => {}
        }
        Ok(true)
    }

    /// After a consent event was recorded from the page: keeps the form's choices but clears
    /// its fields (the data follows in `prepare`).
    pub fn changed(&mut self) {
        self.when.clear();
        self.evidence = Evidence::default();
        self.problem.clear();
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let may_record = role.can(Permission::RecordConsent);
        let mut command = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            if ui.button("Back to all subjects").clicked() {
                command = Some(Command::CloseSubject);
            }
            let s = &self.data.subject;
            let title = if s.fields.name.is_empty() {
                &s.fields.email
            } else {
                &s.fields.name
            };
            ui.heading(title.as_str());
            Grid::new("subject-identity")
                .num_columns(2)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    for (label, value) in [
                        ("Email", &s.fields.email),
                        ("Phone", &s.fields.phone),
                        ("Postal address", &s.fields.postal_address),
                        ("Customer reference", &s.fields.customer_ref),
                        ("Notes", &s.fields.notes),
                        ("Tags", &s.fields.tags),
                    ] {
                        ui.label(label);
                        ui.label(value.as_str());
                        ui.end_row();
                    }
                    ui.label("Recorded");
                    ui.label(s.created_at.format("%Y-%m-%d %H:%M UTC").to_string());
                    ui.end_row();
                    if let Some(since) = self.data.undeliverable_since {
                        ui.label("Email address");
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "undeliverable since {} (bounced; not a withdrawal of consent)",
                                since.format("%Y-%m-%d")
                            ),
                        );
                        ui.end_row();
                    }
                    if let Some(since) = &self.data.restricted_on {
                        ui.label("Processing");
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("Restricted since {since} (Art. 18)"),
                        );
                        ui.end_row();
                    }
                });
            let hold = self.data.hold.as_deref();
            if let Some(c) = self.retention.ui(ui, &self.data.subject, hold, role) {
                command = Some(c);
            }
            if let Some(c) = self.kept.ui(ui, &self.data.subject, &self.data.kept, role) {
                command = Some(c);
            }

            section(ui, "Their requests");
            if let Some(c) = super::page_requests::subject_requests(ui, &self.data.requests) {
                command = Some(c);
            }

            section(ui, "Consent now");
            if let Some(c) =
                crate::gui::areas::subjects::consent_exports::receipt_button(ui, s.id, role)
            {
                command = Some(c);
            }
            Grid::new("subject-consents")
                .num_columns(3)
                .striped(true)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("Purpose");
                    ui.strong("State");
                    ui.strong("Basis");
                    ui.end_row();
                    for (row, state) in &self.data.consents {
                        ui.label(&row.purpose.name);
                        let text = state_text(state);
                        match state {
                            ConsentState::Given { .. } => ui.label(RichText::new(text).strong()),
                            _ => ui.label(text),
                        };
                        ui.label(row.purpose.legal_basis.label());
                        ui.end_row();
                    }
                });

            if let Some(c) = self.age.ui(ui, &self.data.child, s.id, role) {
                command = Some(c);
            }

            section(ui, "Ledger");
            if self.data.timeline.is_empty() {
                hint(ui, "Nothing recorded yet.");
            } else {
                self.timeline(ui);
            }

            if may_record && let Some(c) = self.record_form(ui) {
                command = Some(c);
            }
        });
        command
    }

    fn timeline(&self, ui: &mut Ui) {
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        TableBuilder::new(ui)
            .id_salt("ledger")
            .striped(true)
            .vscroll(false)
            .column(Column::exact(130.0))
            .column(Column::initial(190.0))
            .column(Column::initial(160.0))
            .column(Column::initial(120.0))
            .column(Column::exact(50.0))
            .column(Column::remainder().at_least(100.0))
            .header(row_height, |mut h| {
                for t in [
                    "When (UTC)",
                    "What",
                    "Purpose",
                    "Channel",
                    "Notice",
                    "Recorded by",
                ] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|mut body| {
                for e in &self.data.timeline {
                    body.row(row_height, |mut row| {
                        row.col(|ui| {
                            ui.label(e.at.format("%Y-%m-%d %H:%M").to_string());
                        });
                        row.col(|ui| {
                            ui.label(kind_label(e.kind));
                        });
                        row.col(|ui| {
                            ui.label(
                                e.purpose
                                    .as_ref()
                                    .map_or("all sale/share", PurposeCode::as_str),
                            );
                        });
                        row.col(|ui| {
                            ui.label(e.channel.code());
                        });
                        row.col(|ui| {
                            ui.label(e.notice_version.map_or("–".into(), |v| format!("v{v}")));
                        });
                        row.col(|ui| {
                            ui.label(&e.recorded_by);
                        });
                    });
                }
            });
    }

    fn record_form(&mut self, ui: &mut Ui) -> Option<Command> {
        section(ui, "Record a consent event");
        ui.horizontal(|ui| {
            let label = ui.label("What happened");
            ComboBox::from_id_salt("consent-kind")
                .selected_text(kind_label(self.kind))
                .show_ui(ui, |ui| {
                    for k in ConsentEventKind::ALL {
                        ui.selectable_value(&mut self.kind, k, kind_label(k));
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if self.kind.is_per_purpose() {
            ui.horizontal(|ui| {
                let label = ui.label("For purpose");
                let selected = self
                    .purpose
                    .as_ref()
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                ComboBox::from_id_salt("consent-purpose")
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for (row, _) in &self.data.consents {
                            ui.selectable_value(
                                &mut self.purpose,
                                Some(row.purpose.code.clone()),
                                &row.purpose.name,
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        } else {
            hint(
                ui,
                "This applies to every purpose that sells or shares data (or uses sensitive data).",
            );
        }
        ui.horizontal(|ui| {
            let label = ui.label("How");
            ComboBox::from_id_salt("consent-channel")
                .selected_text(self.channel.code())
                .show_ui(ui, |ui| {
                    for c in Channel::ALL {
                        ui.selectable_value(&mut self.channel, c, c.code());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        text_field(
            ui,
            "When (YYYY-MM-DD HH:MM UTC; empty for now)",
            &mut self.when,
        );
        text_field(ui, "Form or campaign", &mut self.evidence.form_id);
        text_field(ui, "IP address", &mut self.evidence.ip);
        text_field(
            ui,
            "Document reference (scan, recording)",
            &mut self.evidence.document_ref,
        );
        text_field(ui, "Evidence note", &mut self.evidence.note);
        let inputs = fingerprint(&(
            &self.purpose,
            &self.kind,
            &self.channel,
            &self.when,
            &self.evidence,
        ));
        self.problem.show(ui, inputs, "");
        if !ui.button("Record").clicked() {
            return None;
        }
        let at = match parse_when(&self.when) {
            Ok(at) => at,
            Err(p) => {
                self.problem.set(p);
                return None;
            }
        };
        let purpose = if self.kind.is_per_purpose() {
            self.purpose.clone()
        } else {
            None
        };
        let notice_version = match (&purpose, self.kind) {
            (Some(code), ConsentEventKind::Given | ConsentEventKind::Refreshed) => self
                .data
                .consents
                .iter()
                .find(|(row, _)| &row.purpose.code == code)
                .map(|(row, _)| row.current_notice),
            _ => None,
        };
        Some(Command::RecordConsent {
            subject: self.data.subject.id,
            event: ConsentEvent {
                purpose,
                kind: self.kind,
                at,
                channel: self.channel,
                notice_version,
                evidence: self.evidence.clone(),
                recorded_by: String::new(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_table() {
        assert!(parse_when("").is_ok());
        assert_eq!(
            parse_when("2026-03-01 09:30").unwrap().to_rfc3339(),
            "2026-03-01T09:30:00+00:00"
        );
        assert!(parse_when("2026-03-01T09:30:00+01:00").is_ok());
        assert!(parse_when("yesterday").is_err());
    }
}
