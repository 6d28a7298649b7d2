//! The Subjects list's order and consent filter (sort by date recorded, name or email; show only
//! the people in one consent state for one purpose), and the count above the list.

use egui::{ComboBox, RichText, Ui};

use crate::domain::purpose::PurposeCode;
use crate::domain::purpose::PurposeRow;
use crate::gui::widgets::hint;
use crate::gui::{Command, ConsentCommand};
use crate::jobs::Progress;
use crate::services::{ConsentFilter, StateFilter, SubjectOrder};

use crate::gui::areas::SubjectRows;

/// The order and filter chosen.
#[derive(Debug)]
pub struct ListControls {
    order: SubjectOrder,
    purpose: Option<PurposeCode>,
    state: StateFilter,
}

impl Default for ListControls {
    fn default() -> Self {
        Self {
            order: SubjectOrder::Oldest,
            purpose: None,
            state: StateFilter::Given,
        }
    }
}

/// Words for an order.
pub fn order_label(order: SubjectOrder) -> &'static str {
    match order {
        SubjectOrder::Oldest => "Date recorded, oldest first",
        SubjectOrder::Newest => "Date recorded, newest first",
        SubjectOrder::Name => "Name, A to Z",
        SubjectOrder::Email => "Email, A to Z",
    }
}

/// Words for a consent state.
pub fn state_label(state: StateFilter) -> &'static str {
    match state {
        StateFilter::Given => "given",
        StateFilter::Withdrawn => "withdrawn",
        StateFilter::Expired => "expired",
        StateFilter::OptedOut => "opted out",
        StateFilter::NoRecord => "no record",
    }
}

/// A count with thousands separators: "12,345".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The progress of a sort or filter on a worker thread, with Cancel; true when cancelled.
pub fn listing_progress(ui: &mut Ui, p: &Progress) -> bool {
    ui.horizontal(|ui| {
        let (done, total) = p.counts();
        ui.add(
            egui::ProgressBar::new(p.fraction())
                .desired_width(260.0)
                .text(format!("{done} of {total} people read"))
                .animate(total == 0),
        );
        ui.button("Cancel").clicked()
    })
    .inner
}

impl ListControls {
    /// The order asked for.
    pub fn order(&self) -> SubjectOrder {
        self.order
    }

    /// The consent filter, when a purpose is chosen.
    pub fn filter(&self) -> Option<ConsentFilter> {
        self.purpose.clone().map(|purpose| ConsentFilter {
            purpose,
            state: self.state,
        })
    }

    /// Whether the list is everyone in the order recorded (the register as it is: read in a
    /// moment, without a progress bar).
    pub fn is_default(&self) -> bool {
        self.order == SubjectOrder::Oldest && self.purpose.is_none()
    }

    /// Back to everyone in the order recorded.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// "withdrawn for Newsletter", for the count of matches.
    pub fn describe_filter(&self, purposes: Option<&[PurposeRow]>) -> Option<String> {
        let code = self.purpose.as_ref()?;
        let name = purposes
            .and_then(|rows| rows.iter().find(|r| &r.purpose.code == code))
            .map_or_else(|| code.to_string(), |r| r.purpose.name.clone());
        Some(format!("{} for {name}", state_label(self.state)))
    }

    /// Draws the controls; true when the order or filter changed.
    pub fn ui(&mut self, ui: &mut Ui, purposes: Option<&[PurposeRow]>) -> bool {
        let before = (self.order, self.purpose.clone(), self.state);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Sort by");
            ComboBox::from_id_salt("subjects-order")
                .selected_text(order_label(self.order))
                .width(210.0)
                .show_ui(ui, |ui| {
                    for order in SubjectOrder::ALL {
                        ui.selectable_value(&mut self.order, order, order_label(order));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(12.0);
            let label = ui.label("Consent for");
            let chosen = match (&self.purpose, purposes) {
                (None, _) => "any purpose (everyone)".to_owned(),
                (Some(code), Some(rows)) => rows
                    .iter()
                    .find(|r| &r.purpose.code == code)
                    .map_or_else(|| code.to_string(), |r| r.purpose.name.clone()),
                (Some(code), None) => code.to_string(),
            };
            ComboBox::from_id_salt("subjects-filter-purpose")
                .selected_text(chosen)
                .width(200.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.purpose, None, "any purpose (everyone)");
                    for row in purposes.unwrap_or_default() {
                        ui.selectable_value(
                            &mut self.purpose,
                            Some(row.purpose.code.clone()),
                            &row.purpose.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_enabled_ui(self.purpose.is_some(), |ui| {
                let label = ui.label("Consent state");
                ComboBox::from_id_salt("subjects-filter-state")
                    .selected_text(state_label(self.state))
                    .width(110.0)
                    .show_ui(ui, |ui| {
                        for state in StateFilter::ALL {
                            ui.selectable_value(&mut self.state, state, state_label(state));
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        });
        (self.order, self.purpose.clone(), self.state) != before
    }
}

/// The count above the table, the progress of a sort or filter, and why the list is not in
/// the order asked for.
pub fn summary(
    ui: &mut Ui,
    rows: &SubjectRows,
    controls: &ListControls,
    purposes: Option<&[PurposeRow]>,
    listing: Option<&Progress>,
) -> Option<Command> {
    let summary = match rows {
        SubjectRows::Unloaded => "Loading…".to_owned(),
        SubjectRows::Search { query, total, rows } if *total > rows.len() => {
            format!("{total} match {query:?}; showing the first {}", rows.len())
        }
        SubjectRows::Search { query, total, .. } => format!("{total} match {query:?}"),
        SubjectRows::Listing if controls.is_default() => "Loading…".to_owned(),
        SubjectRows::Listing => "Sorting and filtering…".to_owned(),
        SubjectRows::Failed => {
            "The list could not be read (see the message above); Show all tries again.".to_owned()
        }
        SubjectRows::Listed { listing, .. } => {
            let n = listing.ids.len();
            match controls.describe_filter(purposes) {
                Some(what) if n == 1 => format!("1 person matches: consent {what}"),
                Some(what) => format!("{} people match: consent {what}", thousands(n)),
                None => format!("{} subjects", thousands(n)),
            }
        }
    };
    ui.label(RichText::new(summary).strong());
    let mut command = None;
    // Reading everyone in the order recorded is quick (ids only): no progress bar for it.
    if let (SubjectRows::Listing, Some(p)) = (rows, listing)
        && !controls.is_default()
        && listing_progress(ui, p)
    {
        command = Some(Command::Consent(ConsentCommand::CancelList));
    }
    if matches!(rows, SubjectRows::Search { .. }) && !controls.is_default() {
        hint(
            ui,
            "A search looks at everyone; the order and filter apply again after Show all.",
        );
    }
    if let SubjectRows::Listed { listing, .. } = rows
        && listing.order != controls.order()
    {
        let order = order_label(controls.order()).to_lowercase();
        hint(
            ui,
            &format!("Shown by date recorded until search is ready; then by {order}."),
        );
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_table() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (12_345, "12,345"),
            (1_000_000, "1,000,000"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }
}
