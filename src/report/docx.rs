//! Renders a [`Document`] as a Word document (Office Open XML, `.docx`) with docx-rs, so the
//! officer can edit a report before sending it: the title and headings use Word's own heading
//! styles (the navigation pane and a table of contents find them), tables keep their header row
//! on every page, fields become a two-column table, and the risk map keeps its colours.
//!
//! Same model as the PDF, HTML and Markdown renderers: a report is written once, as a
//! [`Document`], and every format says the same thing.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText,
    LineSpacing, NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts, Shading,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

pub use super::error::WordError;
use super::{Block, Document, Grid};

/// The text width of an A4 page (11,906 twentieths of a point wide) with docx-rs's default
/// side margins (1,701 each, 3 cm), so that tables fit between the margins.
const TEXT_WIDTH: usize = 11906 - 2 * 1701;
/// The numbering used for bullet lists.
const BULLETS: usize = 1;
const ACCENT: &str = "1D3F72";
const MUTED: &str = "5A6370";
const HEADER_FILL: &str = "E6EAF0";

/// Renders the document as the bytes of a `.docx` file.
pub fn render(doc: &Document) -> Result<Vec<u8>, WordError> {
    let mut docx = styled(Docx::new());
    docx = docx.add_paragraph(text_paragraph(&doc.title).style("Title"));
    if !doc.subtitle.trim().is_empty() {
        docx = docx.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(doc.subtitle.trim()).color(MUTED)),
        );
    }
    let mut page_break_pending = false;
    for block in &doc.blocks {
        let first_of_page = std::mem::take(&mut page_break_pending);
        let with_break = |p: Paragraph| p.page_break_before(first_of_page);
        docx = match block {
            Block::Heading { level, text } => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                docx.add_paragraph(with_break(text_paragraph(text).style(style)))
            }
            Block::Paragraph(text) => {
                let mut docx = docx;
                let mut first = true;
                for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    let p = text_paragraph(para.trim());
                    let p = if first { with_break(p) } else { p };
                    first = false;
                    docx = docx.add_paragraph(p);
                }
                docx
            }
            Block::Fields(pairs) => {
                let docx = page_break_paragraph(docx, first_of_page);
                docx.add_table(fields_table(pairs))
            }
            Block::Table { columns, rows } => {
                let docx = page_break_paragraph(docx, first_of_page);
                docx.add_table(table(columns, rows))
            }
            Block::Bullets(items) => {
                let mut docx = docx;
                for (i, item) in items.iter().enumerate() {
                    let p = text_paragraph(item)
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
                    docx = docx.add_paragraph(if i == 0 { with_break(p) } else { p });
                }
                docx
            }
            Block::Grid(grid) => {
                let docx = page_break_paragraph(docx, first_of_page);
                docx.add_table(grid_table(grid))
            }
            Block::PageBreak => {
                page_break_pending = true;
                docx
            }
        };
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| WordError::Pack(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// The styles and the bullet numbering every report uses.
fn styled(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(size)
            .color(ACCENT)
            .outline_lvl(outline)
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    docx.default_fonts(
        RunFonts::new()
            .ascii("Calibri")
            .hi_ansi("Calibri")
            .cs("Calibri"),
    )
    .default_size(22)
    .add_style(heading("Title", "Title", 36, 0).line_spacing(LineSpacing::new().after(80)))
    .add_style(heading("Heading1", "heading 1", 30, 0))
    .add_style(heading("Heading2", "heading 2", 25, 1))
    .add_abstract_numbering(
        AbstractNumbering::new(BULLETS).add_level(
            Level::new(
                0,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new("•"),
                LevelJc::new("left"),
            )
            .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
        ),
    )
    .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// A paragraph of text; single line breaks inside it are kept (a signature block, an address).
fn text_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text))
}

/// A run of text with its line breaks kept.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// An empty paragraph that starts a new page, before a table that should start one.
fn page_break_paragraph(docx: Docx, needed: bool) -> Docx {
    if needed {
        docx.add_paragraph(Paragraph::new().page_break_before(true))
    } else {
        docx
    }
}

fn cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(text_paragraph(text))
}

fn header_cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .shading(Shading::new().fill(HEADER_FILL))
        .add_paragraph(Paragraph::new().add_run(text_run(text).bold()))
}

/// Label–value pairs as a two-column table (labels a third of the width, in bold).
fn fields_table(pairs: &[(String, String)]) -> Table {
    let label_width = TEXT_WIDTH / 3;
    let value_width = TEXT_WIDTH - label_width;
    let rows = pairs
        .iter()
        .map(|(label, value)| {
            let value = if value.trim().is_empty() {
                "—"
            } else {
                value.as_str()
            };
            TableRow::new(vec![
                header_cell(label, label_width),
                cell(value, value_width),
            ])
            .cant_split()
        })
        .collect();
    Table::new(rows).set_grid(vec![label_width, value_width])
}

/// A table with its header row (shaded, bold) and the columns sharing the width equally.
fn table(columns: &[String], rows: &[Vec<String>]) -> Table {
    let width = TEXT_WIDTH / columns.len().max(1);
    let mut out = vec![TableRow::new(
        columns.iter().map(|c| header_cell(c, width)).collect(),
    )];
    for row in rows {
        out.push(TableRow::new(row.iter().map(|c| cell(c, width)).collect()).cant_split());
    }
    Table::new(out).set_grid(vec![width; columns.len()])
}

/// A coloured grid: the column labels on top, the row labels on the left, each cell filled
/// with its colour.
fn grid_table(grid: &Grid) -> Table {
    let n = grid.column_labels.len() + 1;
    let width = TEXT_WIDTH / n.max(1);
    let mut header = vec![header_cell(
        &format!("{} \\ {}", grid.row_axis, grid.column_axis),
        width,
    )];
    header.extend(grid.column_labels.iter().map(|l| header_cell(l, width)));
    let mut rows = vec![TableRow::new(header)];
    for (r, label) in grid.row_labels.iter().enumerate() {
        let mut cells = vec![header_cell(label, width)];
        for c in 0..grid.column_labels.len() {
            let cell = grid.cells.get(r).and_then(|row| row.get(c));
            let text = cell.map(|g| g.text.as_str()).unwrap_or("");
            let mut out = TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(text).bold()),
            );
            if let Some(g) = cell {
                out = out.shading(Shading::new().fill(format!(
                    "{:02X}{:02X}{:02X}",
                    g.colour[0], g.colour[1], g.colour[2]
                )));
            }
            cells.push(out);
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows).set_grid(vec![width; n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::GridCell;

    /// The text of `word/document.xml` inside the packed file.
    fn document_xml(bytes: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn every_block_reaches_the_word_file() {
        let mut doc = Document::new("Risk & review", "Corner Bakery Ltd");
        doc.heading(1, "Context")
            .paragraph("First paragraph.\n\nSecond <paragraph>.")
            .fields([("Owner", "Jordan Reed"), ("Due", "")])
            .table(
                vec!["Measure".into(), "Status".into()],
                vec![vec!["Two-factor sign-in".into(), "done".into()]],
            )
            .bullets(vec!["one point".into(), "another".into()])
            .page_break()
            .heading(2, "Risk map")
            .grid(Grid {
                row_axis: "Severity".into(),
                row_labels: vec!["High".into()],
                column_axis: "Likelihood".into(),
                column_labels: vec!["Low".into()],
                cells: vec![vec![GridCell {
                    colour: [0xd9, 0x53, 0x4f],
                    text: "R1".into(),
                }]],
            });
        let bytes = render(&doc).unwrap();
        assert!(bytes.starts_with(b"PK"), "a zip container");
        let xml = document_xml(&bytes);
        for expected in [
            "Risk &amp; review",
            "Corner Bakery Ltd",
            "Second &lt;paragraph&gt;.",
            "Jordan Reed",
            "Two-factor sign-in",
            "another",
            "Severity \\ Likelihood",
            "D9534F",
            "w:val=\"Heading2\"",
            "—",
        ] {
            assert!(xml.contains(expected), "{expected:?} not in the document");
        }
        assert!(xml.contains("w:pageBreakBefore"), "the page break is kept");
        // The tables are sized for these side margins.
        assert!(
            xml.contains("w:left=\"1701\"") && xml.contains("w:right=\"1701\""),
            "the margins TEXT_WIDTH assumes"
        );
    }
}
