//! Lays a [`Document`] out on A4 pages: wraps text to the column from the fonts' advance widths,
//! splits tables across pages (repeating the header), keeps headings with what follows, and
//! numbers the pages. The result is a list of drawing operations per page that the PDF writer
//! turns into content streams.

use super::fonts::{Fonts, Weight};
use super::{Block, Document, Grid};

mod table;

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
const BOTTOM: f32 = MARGIN + 14.0;

const INK: [u8; 3] = [0x1f, 0x23, 0x28];
const MUTED: [u8; 3] = [0x5a, 0x63, 0x70];
const ACCENT: [u8; 3] = [0x1d, 0x3f, 0x72];
const RULE: [u8; 3] = [0xc8, 0xcf, 0xd8];
const HEADER_FILL: [u8; 3] = [0xe6, 0xea, 0xf0];

/// One drawing operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A line of text with its baseline at `y`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Face.
        weight: Weight,
        /// Size in points.
        size: f32,
        /// Colour.
        colour: [u8; 3],
        /// The text.
        text: String,
    },
    /// A filled rectangle (`y` is the bottom edge).
    Rect {
        /// Left edge.
        x: f32,
        /// Bottom edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: [u8; 3],
    },
    /// A thin line.
    Line {
        /// Start and end points.
        from: (f32, f32),
        /// End point.
        to: (f32, f32),
        /// Colour.
        colour: [u8; 3],
    },
}

/// The laid-out pages.
pub fn lay_out(doc: &Document, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut l = Layout {
        fonts,
        pages: vec![Vec::new()],
        y: TOP,
    };
    l.title(doc);
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => l.heading(*level, text),
            Block::Paragraph(text) => l.paragraph(text),
            Block::Fields(pairs) => l.fields(pairs),
            Block::Table { columns, rows } => l.table(columns, rows),
            Block::Bullets(items) => l.bullets(items),
            Block::Grid(grid) => l.grid(grid),
            Block::PageBreak => {
                if l.y < TOP {
                    l.new_page();
                }
            }
        }
    }
    let total = l.pages.len();
    let footer_title = clean(&doc.title);
    for (i, page) in l.pages.iter_mut().enumerate() {
        let label = format!("Page {} of {total}", i + 1);
        let w = fonts.regular.width(&label, 8.0);
        page.push(text_op(
            MARGIN,
            MARGIN - 4.0,
            Weight::Regular,
            8.0,
            MUTED,
            &footer_title,
        ));
        page.push(text_op(
            PAGE_WIDTH - MARGIN - w,
            MARGIN - 4.0,
            Weight::Regular,
            8.0,
            MUTED,
            &label,
        ));
    }
    l.pages
}

fn text_op(x: f32, y: f32, weight: Weight, size: f32, colour: [u8; 3], text: &str) -> Op {
    Op::Text {
        x,
        y,
        weight,
        size,
        colour,
        text: text.to_owned(),
    }
}

/// Control characters become spaces; tabs too.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    y: f32,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits below the current position.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    /// Wraps `text` to `width` at `size`: explicit line breaks kept, words never split unless
    /// one is wider than the column.
    fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let face = self.fonts.face(weight);
        let space = face.width(" ", size);
        let mut lines = Vec::new();
        for source_line in clean(text).split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in source_line.split_whitespace() {
                let mut word = word.to_owned();
                let mut word_w = face.width(&word, size);
                while word_w > width {
                    // Break an over-long word (a URL, an id) at the column edge.
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    let mut head = String::new();
                    let mut head_w = 0.0;
                    let mut rest = word.chars().peekable();
                    while let Some(&c) = rest.peek() {
                        let cw = face.width(&c.to_string(), size);
                        if head_w + cw > width && !head.is_empty() {
                            break;
                        }
                        head.push(c);
                        head_w += cw;
                        rest.next();
                    }
                    lines.push(head);
                    word = rest.collect();
                    word_w = face.width(&word, size);
                }
                if word.is_empty() {
                    continue;
                }
                if line.is_empty() {
                    line = word;
                    line_w = word_w;
                } else if line_w + space + word_w <= width {
                    line.push(' ');
                    line.push_str(&word);
                    line_w += space + word_w;
                } else {
                    lines.push(std::mem::replace(&mut line, word));
                    line_w = word_w;
                }
            }
            lines.push(line);
        }
        lines
    }

    fn lines(&mut self, lines: &[String], x: f32, weight: Weight, size: f32, colour: [u8; 3]) {
        let leading = size * 1.4;
        for line in lines {
            self.ensure(leading);
            let baseline = self.y - size;
            self.page()
                .push(text_op(x, baseline, weight, size, colour, line));
            self.y -= leading;
        }
    }

    fn title(&mut self, doc: &Document) {
        let lines = self.wrap(&doc.title, Weight::Bold, 20.0, CONTENT_WIDTH);
        self.lines(&lines, MARGIN, Weight::Bold, 20.0, ACCENT);
        if !doc.subtitle.trim().is_empty() {
            let lines = self.wrap(&doc.subtitle, Weight::Regular, 10.0, CONTENT_WIDTH);
            self.lines(&lines, MARGIN, Weight::Regular, 10.0, MUTED);
        }
        self.y -= 4.0;
        let y = self.y;
        self.page().push(Op::Line {
            from: (MARGIN, y),
            to: (PAGE_WIDTH - MARGIN, y),
            colour: ACCENT,
        });
        self.y -= 10.0;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = if level <= 1 { 14.0 } else { 11.5 };
        // Keep a heading with at least three lines of what follows.
        self.ensure(size * 1.4 + 52.0);
        self.y -= if level <= 1 { 10.0 } else { 6.0 };
        let lines = self.wrap(text, Weight::Bold, size, CONTENT_WIDTH);
        self.lines(
            &lines,
            MARGIN,
            Weight::Bold,
            size,
            if level <= 1 { ACCENT } else { INK },
        );
        if level <= 1 {
            let y = self.y + 2.0;
            self.page().push(Op::Line {
                from: (MARGIN, y),
                to: (PAGE_WIDTH - MARGIN, y),
                colour: RULE,
            });
            self.y -= 4.0;
        }
    }

    fn paragraph(&mut self, text: &str) {
        for para in text.split("\n\n") {
            let lines = self.wrap(para.trim(), Weight::Regular, 10.0, CONTENT_WIDTH);
            self.lines(&lines, MARGIN, Weight::Regular, 10.0, INK);
            self.y -= 6.0;
        }
    }

    fn fields(&mut self, pairs: &[(String, String)]) {
        let label_w = CONTENT_WIDTH * 0.32;
        let value_x = MARGIN + label_w + 8.0;
        let value_w = CONTENT_WIDTH - label_w - 8.0;
        for (label, value) in pairs {
            let value = if value.trim().is_empty() {
                "—"
            } else {
                value.as_str()
            };
            let label_lines = self.wrap(label, Weight::Bold, 9.0, label_w);
            let value_lines = self.wrap(value, Weight::Regular, 10.0, value_w);
            let rows = label_lines.len().max(value_lines.len());
            for i in 0..rows {
                self.ensure(14.0);
                let baseline = self.y - 10.0;
                if let Some(l) = label_lines.get(i) {
                    self.page()
                        .push(text_op(MARGIN, baseline, Weight::Bold, 9.0, MUTED, l));
                }
                if let Some(v) = value_lines.get(i) {
                    self.page()
                        .push(text_op(value_x, baseline, Weight::Regular, 10.0, INK, v));
                }
                self.y -= 14.0;
            }
            self.y -= 3.0;
        }
        self.y -= 4.0;
    }

    fn bullets(&mut self, items: &[String]) {
        for item in items {
            let lines = self.wrap(item, Weight::Regular, 10.0, CONTENT_WIDTH - 14.0);
            for (i, line) in lines.iter().enumerate() {
                self.ensure(14.0);
                let baseline = self.y - 10.0;
                if i == 0 {
                    self.page().push(text_op(
                        MARGIN + 2.0,
                        baseline,
                        Weight::Regular,
                        10.0,
                        INK,
                        "•",
                    ));
                }
                self.page().push(text_op(
                    MARGIN + 14.0,
                    baseline,
                    Weight::Regular,
                    10.0,
                    INK,
                    line,
                ));
                self.y -= 14.0;
            }
        }
        self.y -= 6.0;
    }

    fn grid(&mut self, grid: &Grid) {
        let rows = grid.row_labels.len().max(grid.cells.len());
        let cols = grid.column_labels.len();
        if rows == 0 || cols == 0 {
            return;
        }
        let label_w = 90.0;
        let cell_w = ((CONTENT_WIDTH - label_w) / cols as f32).min(100.0);
        let cell_h = 44.0;
        let height = rows as f32 * cell_h + 60.0;
        self.ensure(height);
        self.lines(
            std::slice::from_ref(&grid.row_axis),
            MARGIN,
            Weight::Bold,
            9.0,
            MUTED,
        );
        let top = self.y - 4.0;
        for r in 0..rows {
            let y = top - (r as f32 + 1.0) * cell_h;
            if let Some(label) = grid.row_labels.get(r) {
                let lines = self.wrap(label, Weight::Regular, 9.0, label_w - 6.0);
                for (i, l) in lines.iter().enumerate().take(3) {
                    let baseline = y + cell_h - 14.0 - i as f32 * 11.0;
                    self.page()
                        .push(text_op(MARGIN, baseline, Weight::Regular, 9.0, INK, l));
                }
            }
            for c in 0..cols {
                let x = MARGIN + label_w + c as f32 * cell_w;
                let cell = grid.cells.get(r).and_then(|row| row.get(c));
                let fill = cell.map(|c| c.colour).unwrap_or([0xff, 0xff, 0xff]);
                self.page().push(Op::Rect {
                    x: x + 1.0,
                    y: y + 1.0,
                    w: cell_w - 2.0,
                    h: cell_h - 2.0,
                    fill,
                });
                if let Some(cell) = cell {
                    let lines = self.wrap(&cell.text, Weight::Bold, 8.0, cell_w - 8.0);
                    for (i, l) in lines.iter().enumerate().take(3) {
                        let baseline = y + cell_h - 12.0 - i as f32 * 10.0;
                        self.page()
                            .push(text_op(x + 4.0, baseline, Weight::Bold, 8.0, INK, l));
                    }
                }
            }
        }
        let mut y = top - rows as f32 * cell_h - 12.0;
        for (c, label) in grid.column_labels.iter().enumerate() {
            let x = MARGIN + label_w + c as f32 * cell_w;
            let lines = self.wrap(label, Weight::Regular, 8.5, cell_w - 4.0);
            for (i, l) in lines.iter().enumerate().take(2) {
                self.page().push(text_op(
                    x + 2.0,
                    y - i as f32 * 10.0,
                    Weight::Regular,
                    8.5,
                    INK,
                    l,
                ));
            }
        }
        y -= 26.0;
        let axis = grid.column_axis.clone();
        self.page().push(text_op(
            MARGIN + label_w,
            y,
            Weight::Bold,
            9.0,
            MUTED,
            &axis,
        ));
        self.y = y - 14.0;
    }
}

#[cfg(test)]
mod tests;
