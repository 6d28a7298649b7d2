//! Printable reports: a small document model (headings, paragraphs, label–value fields,
//! tables, bullet lists, coloured grids) that the services fill in, and four renderers for it —
//! PDF with the fonts of `assets/fonts` embedded, Word (`.docx`, to edit), HTML (one
//! self-contained page), and Markdown.
//!
//! The model knows nothing of the store or the domain: a register or an assessment becomes a
//! [`Document`] in the service that owns it, and every format comes out of the same document,
//! so the PDF, the page and the Markdown always say the same thing.

pub mod docx;
mod error;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod pdf;

/// A report: a title, an optional line under it, and its blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The title on the first page.
    pub title: String,
    /// A line under the title (organisation, date), may be empty.
    pub subtitle: String,
    /// The content.
    pub blocks: Vec<Block>,
}

/// One block of a report.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading: level 1 (section) or 2 (subsection).
    Heading {
        /// 1 or 2.
        level: u8,
        /// Its words.
        text: String,
    },
    /// A paragraph of running text; blank lines inside start new paragraphs.
    Paragraph(String),
    /// Label–value pairs, one per line (a record's fields).
    Fields(Vec<(String, String)>),
    /// A table with a header row; cells wrap.
    Table {
        /// Column titles.
        columns: Vec<String>,
        /// Rows, each with as many cells as there are columns.
        rows: Vec<Vec<String>>,
    },
    /// A bullet list.
    Bullets(Vec<String>),
    /// A coloured grid with labelled axes (a risk map): `cells[row][column]`, the first row
    /// drawn at the top.
    Grid(Grid),
    /// Starts a new page (ignored by HTML and Markdown).
    PageBreak,
}

/// A coloured grid, e.g. severity × likelihood.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// What the rows measure ("Severity").
    pub row_axis: String,
    /// Row labels, top to bottom.
    pub row_labels: Vec<String>,
    /// What the columns measure ("Likelihood").
    pub column_axis: String,
    /// Column labels, left to right.
    pub column_labels: Vec<String>,
    /// The cells, row by row.
    pub cells: Vec<Vec<GridCell>>,
}

/// One cell of a [`Grid`].
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    /// Background colour, RGB.
    pub colour: [u8; 3],
    /// What is written in it (e.g. the risks that fall there), may be empty.
    pub text: String,
}

impl Document {
    /// A document with a title and a subtitle.
    pub fn new(title: impl Into<String>, subtitle: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            subtitle: subtitle.into(),
            blocks: Vec::new(),
        }
    }

    /// Adds a heading.
    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading {
            level: level.clamp(1, 2),
            text: text.into(),
        });
        self
    }

    /// Adds a paragraph.
    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }

    /// Adds label–value fields.
    pub fn fields<L: Into<String>, V: Into<String>>(
        &mut self,
        pairs: impl IntoIterator<Item = (L, V)>,
    ) -> &mut Self {
        self.blocks.push(Block::Fields(
            pairs
                .into_iter()
                .map(|(l, v)| (l.into(), v.into()))
                .collect(),
        ));
        self
    }

    /// Adds a table; short rows are padded with empty cells.
    pub fn table(&mut self, columns: Vec<String>, mut rows: Vec<Vec<String>>) -> &mut Self {
        for row in &mut rows {
            row.resize(columns.len(), String::new());
        }
        self.blocks.push(Block::Table { columns, rows });
        self
    }

    /// Adds a bullet list.
    pub fn bullets(&mut self, items: Vec<String>) -> &mut Self {
        self.blocks.push(Block::Bullets(items));
        self
    }

    /// Adds a grid.
    pub fn grid(&mut self, grid: Grid) -> &mut Self {
        self.blocks.push(Block::Grid(grid));
        self
    }

    /// Starts a new page in the PDF.
    pub fn page_break(&mut self) -> &mut Self {
        self.blocks.push(Block::PageBreak);
        self
    }

    /// Every piece of text of the document, in order (for tests and search).
    pub fn plain_text(&self) -> String {
        markdown::render(self)
    }
}
