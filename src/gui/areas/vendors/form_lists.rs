//! The list fields of the vendor editor: checkboxes to pick categories, purposes and
//! activities; rows of countries with their transfer safeguards, of sub-processors, of
//! certifications (each row's inputs labelled with its number).

use egui::{ComboBox, Ui};

use crate::domain::records::{Location, SubProcessor, TransferSafeguard};
use crate::gui::widgets::{FIELD_WIDTH, hint};

fn safeguard_words(s: Option<TransferSafeguard>) -> &'static str {
    s.map_or(
        "No transfer (inside the EEA or the UK)",
        TransferSafeguard::label,
    )
}

/// Checkboxes for the codes of `all` (code, name, depth: indented under its parent),
/// ticking those in `chosen`.
pub(in crate::gui) fn pick_list<T: Clone + PartialEq>(
    ui: &mut Ui,
    title: &str,
    empty: &str,
    all: &[(T, String, usize)],
    chosen: &mut Vec<T>,
) {
    egui::CollapsingHeader::new(format!("{title} ({} chosen)", chosen.len()))
        .id_salt(title)
        .show(ui, |ui| {
            if all.is_empty() {
                hint(ui, empty);
            }
            for (code, name, depth) in all {
                let mut on = chosen.contains(code);
                ui.horizontal(|ui| {
                    ui.add_space(20.0 * *depth as f32);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            chosen.push(code.clone());
                        } else {
                            chosen.retain(|c| c != code);
                        }
                    }
                });
            }
        });
}

/// The countries, each with its safeguard (and the transfer's details when it is one).
pub(in crate::gui) fn locations_ui(ui: &mut Ui, locations: &mut Vec<Location>) {
    let mut remove = None;
    for (i, l) in locations.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            let label = ui.label(format!("Country {n}"));
            ui.add(egui::TextEdit::singleline(&mut l.country).desired_width(160.0))
                .labelled_by(label.id);
            let label = ui.label("Safeguard");
            ComboBox::from_id_salt(("vendor-safeguard", i))
                .width(260.0)
                .selected_text(safeguard_words(l.safeguard))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut l.safeguard, None, safeguard_words(None));
                    for s in TransferSafeguard::ALL {
                        ui.selectable_value(&mut l.safeguard, Some(s), s.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Remove country {n}"))
                .clicked()
            {
                remove = Some(i);
            }
        });
        if l.safeguard.is_some() {
            ui.horizontal(|ui| {
                let label = ui.label(format!("Transfer details {n} (which clauses, where kept)"));
                ui.add(egui::TextEdit::singleline(&mut l.note).desired_width(FIELD_WIDTH))
                    .labelled_by(label.id);
            });
        }
    }
    if let Some(i) = remove {
        locations.remove(i);
    }
    if ui.button("Add a country").clicked() {
        locations.push(Location {
            country: String::new(),
            safeguard: None,
            note: String::new(),
        });
    }
}

/// The vendor's sub-processors: name, country, service.
pub(in crate::gui) fn sub_processors_ui(ui: &mut Ui, sub_processors: &mut Vec<SubProcessor>) {
    let mut remove = None;
    for (i, s) in sub_processors.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            for (label, value, width) in [
                (format!("Sub-processor {n}"), &mut s.name, 180.0),
                ("Country".to_owned(), &mut s.country, 120.0),
                ("Service".to_owned(), &mut s.service, 160.0),
            ] {
                let label = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).desired_width(width))
                    .labelled_by(label.id);
            }
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Remove sub-processor {n}"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        sub_processors.remove(i);
    }
    if ui.button("Add a sub-processor").clicked() {
        sub_processors.push(SubProcessor::default());
    }
}

/// The vendor's certifications.
pub(in crate::gui) fn certifications_ui(ui: &mut Ui, certifications: &mut Vec<String>) {
    let mut remove = None;
    for (i, c) in certifications.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            let label = ui.label(format!("Certification {n}"));
            ui.add(egui::TextEdit::singleline(c).desired_width(FIELD_WIDTH * 0.8))
                .labelled_by(label.id);
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Remove certification {n}"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        certifications.remove(i);
    }
    if ui.button("Add a certification").clicked() {
        certifications.push(String::new());
    }
}
