//! Pickers shared by the activity and system editors: data categories from the taxonomy tree,
//! checkboxes for linked records (purposes, vendors, rules, measures, activities), labelled
//! combo boxes, and comma-separated lists. Every input has an accessible name.

use egui::{ComboBox, RichText, Ui};

use crate::domain::records::{CategoryCode, SpecialCategory, Taxonomy};
use crate::gui::widgets::{FIELD_WIDTH, hint};

/// Ticks or unticks `item` in `selected`, keeping the order of ticking.
fn toggle<T: Clone + PartialEq>(selected: &mut Vec<T>, item: &T, on: bool) {
    let has = selected.contains(item);
    if on && !has {
        selected.push(item.clone());
    } else if !on && has {
        selected.retain(|s| s != item);
    }
}

/// One checkbox per choice, wrapped across the width.
pub(in crate::gui) fn checkboxes<T: Clone + PartialEq>(
    ui: &mut Ui,
    choices: &[(T, String)],
    selected: &mut Vec<T>,
    none: &str,
) {
    if choices.is_empty() {
        hint(ui, none);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for (item, label) in choices {
            let mut on = selected.contains(item);
            if ui.checkbox(&mut on, label.as_str()).changed() {
                toggle(selected, item, on);
            }
        }
    });
}

/// The words marking a special category.
pub(in crate::gui) fn special_words(special: Option<SpecialCategory>) -> &'static str {
    match special {
        Some(SpecialCategory::Art9) => "special category, Art. 9",
        Some(SpecialCategory::Art10) => "criminal-offence data, Art. 10",
        None => "",
    }
}

/// The taxonomy as a tree of checkboxes: each top-level category on its own line, its
/// sub-categories indented after it. Special categories are marked.
pub(in crate::gui) fn category_picker(
    ui: &mut Ui,
    taxonomy: &Taxonomy,
    selected: &mut Vec<CategoryCode>,
) {
    if taxonomy.categories().is_empty() {
        hint(
            ui,
            "The taxonomy is empty; add categories on the Data categories tab.",
        );
        return;
    }
    let tops: Vec<&CategoryCode> = taxonomy
        .categories()
        .iter()
        .filter(|c| c.code.depth() == 0)
        .map(|c| &c.code)
        .collect();
    for top in tops {
        ui.horizontal_wrapped(|ui| {
            for c in taxonomy
                .categories()
                .iter()
                .filter(|c| c.code.is_within(top))
            {
                if c.code.depth() > 0 {
                    ui.add_space(12.0 * c.code.depth() as f32);
                }
                let text = if c.code.depth() == 0 {
                    RichText::new(&c.name).strong()
                } else {
                    RichText::new(&c.name)
                };
                let mut on = selected.contains(&c.code);
                let response = ui.checkbox(&mut on, text);
                let response = if c.description.is_empty() {
                    response
                } else {
                    response.on_hover_text(&c.description)
                };
                if response.changed() {
                    toggle(selected, &c.code, on);
                }
                if c.special.is_some() {
                    ui.label(RichText::new(format!("({})", special_words(c.special))).weak());
                }
            }
        });
    }
}

/// A labelled combo box whose choices `add` draws.
pub(in crate::gui) fn combo(
    ui: &mut Ui,
    label: &str,
    id: impl egui::AsIdSalt,
    selected: impl Into<egui::WidgetText>,
    add: impl FnOnce(&mut Ui),
) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ComboBox::from_id_salt(id)
            .width(FIELD_WIDTH * 0.8)
            .selected_text(selected)
            .show_ui(ui, add)
            .response
            .labelled_by(label.id);
    });
}

/// The entries of a comma-separated list, trimmed, blanks dropped.
pub(in crate::gui) fn split_list(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A sub-heading inside an editor.
pub(in crate::gui) fn part(ui: &mut Ui, title: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(title).strong());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_commas_and_lines() {
        assert_eq!(
            split_list(" customers, ,staff\nsuppliers "),
            ["customers", "staff", "suppliers"]
        );
        let mut v = vec![1, 2];
        toggle(&mut v, &3, true);
        toggle(&mut v, &1, false);
        toggle(&mut v, &2, true);
        assert_eq!(v, [2, 3]);
    }
}
