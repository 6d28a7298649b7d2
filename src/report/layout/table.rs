//! Tables: column widths from the text they hold, rows wrapped cell by cell, and a row split
//! across pages with the header repeated.

use super::{
    BOTTOM, CONTENT_WIDTH, HEADER_FILL, INK, Layout, MARGIN, Op, PAGE_WIDTH, RULE, text_op,
};
use crate::report::fonts::Weight;

impl Layout<'_> {
    /// Column widths: each column at least as wide as its longest word (so words are not
    /// split), the rest of the width shared in proportion to how much text each column holds.
    fn column_widths(&self, columns: &[String], rows: &[Vec<String>]) -> Vec<f32> {
        const PAD: f32 = 8.0;
        let width_of = |text: &str, weight| self.fonts.face(weight).width(text, 9.0);
        let mut min = Vec::with_capacity(columns.len());
        let mut natural = Vec::with_capacity(columns.len());
        for (c, title) in columns.iter().enumerate() {
            let cells = rows.iter().filter_map(|r| r.get(c));
            let longest_word = title
                .split_whitespace()
                .map(|w| width_of(w, Weight::Bold))
                .chain(
                    cells
                        .clone()
                        .flat_map(|t| t.split_whitespace())
                        .map(|w| width_of(w, Weight::Regular)),
                )
                .fold(0.0_f32, f32::max);
            let longest_cell = cells
                .map(|t| {
                    t.lines()
                        .map(|l| width_of(l, Weight::Regular))
                        .fold(0.0_f32, f32::max)
                })
                .fold(width_of(title, Weight::Bold), f32::max);
            min.push(longest_word.min(CONTENT_WIDTH / 3.0) + PAD);
            natural.push(longest_cell + PAD);
        }
        let min_total: f32 = min.iter().sum();
        if min_total >= CONTENT_WIDTH {
            return min.iter().map(|m| m * CONTENT_WIDTH / min_total).collect();
        }
        let spare = CONTENT_WIDTH - min_total;
        let wants: Vec<f32> = natural
            .iter()
            .zip(&min)
            .map(|(n, m)| (n - m).max(0.0))
            .collect();
        let wanted: f32 = wants.iter().sum();
        if wanted <= spare {
            // Everything fits on one line per cell; give the rest out evenly.
            let extra = (spare - wanted) / columns.len() as f32;
            return min.iter().zip(&wants).map(|(m, w)| m + w + extra).collect();
        }
        min.iter()
            .zip(&wants)
            .map(|(m, w)| m + spare * w / wanted)
            .collect()
    }

    fn table_row(&mut self, cells: &[String], widths: &[f32], header: bool, repeat: &[String]) {
        const PAD: f32 = 4.0;
        const LEADING: f32 = 12.0;
        let weight = if header {
            Weight::Bold
        } else {
            Weight::Regular
        };
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| self.wrap(c, weight, 9.0, w - 2.0 * PAD))
            .collect();
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut start = 0;
        while start < total {
            if self.y - (LEADING + 2.0 * PAD) < BOTTOM {
                self.new_page();
                if !header && !repeat.is_empty() {
                    self.table_row(repeat, widths, true, &[]);
                }
            }
            let fit = (((self.y - BOTTOM - 2.0 * PAD) / LEADING).floor() as usize).max(1);
            let end = total.min(start + fit);
            let h = (end - start) as f32 * LEADING + 2.0 * PAD;
            let top = self.y;
            if header {
                self.page().push(Op::Rect {
                    x: MARGIN,
                    y: top - h,
                    w: CONTENT_WIDTH,
                    h,
                    fill: HEADER_FILL,
                });
            }
            let mut x = MARGIN;
            for (lines, w) in wrapped.iter().zip(widths) {
                for (i, line) in lines.iter().enumerate().take(end).skip(start) {
                    let baseline = top - PAD - (i - start) as f32 * LEADING - 9.0;
                    self.page()
                        .push(text_op(x + PAD, baseline, weight, 9.0, INK, line));
                }
                x += w;
            }
            self.y = top - h;
            let y = self.y;
            self.page().push(Op::Line {
                from: (MARGIN, y),
                to: (PAGE_WIDTH - MARGIN, y),
                colour: RULE,
            });
            start = end;
        }
    }

    pub(super) fn table(&mut self, columns: &[String], rows: &[Vec<String>]) {
        if columns.is_empty() {
            return;
        }
        let widths = self.column_widths(columns, rows);
        self.ensure(60.0);
        self.table_row(columns, &widths, true, &[]);
        for row in rows {
            self.table_row(row, &widths, false, columns);
        }
        self.y -= 10.0;
    }
}
