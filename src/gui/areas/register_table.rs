//! The table every register tab draws (Records → Activities and Systems, Security → Measures
//! and Training): a striped grid with a header row, one row per record, that scrolls sideways
//! in a narrow window.

use egui::{Grid, Ui};

use crate::gui::widgets::wide;

/// How a register's table looks.
#[derive(Clone, Copy, Debug)]
pub struct TableLook {
    /// The grid's id; the sideways scroll area is `"{id}-wide"`.
    pub id: &'static str,
    /// The column headers, the last one (usually empty) over the row's buttons.
    pub columns: &'static [&'static str],
    /// The widest a column may grow before its text wraps.
    pub max_col_width: f32,
}

/// Draws `rows` as a table: the headers, then `row(ui, index, record)` for each, which fills
/// one cell per column.
pub(in crate::gui) fn register_table<T>(
    ui: &mut Ui,
    look: TableLook,
    rows: &[T],
    mut row: impl FnMut(&mut Ui, usize, &T),
) {
    wide(ui, format!("{}-wide", look.id), |ui| {
        Grid::new(look.id)
            .num_columns(look.columns.len())
            .striped(true)
            .spacing([16.0, 4.0])
            .max_col_width(look.max_col_width)
            .show(ui, |ui| {
                for t in look.columns {
                    ui.strong(*t);
                }
                ui.end_row();
                for (i, r) in rows.iter().enumerate() {
                    row(ui, i, r);
                    ui.end_row();
                }
            });
    });
}
