//! The fonts of printed reports: DejaVu Sans, regular and bold, shipped in `assets/fonts` (with
//! their licence) and embedded, subset to the glyphs used, in every PDF. DejaVu Sans covers
//! Latin, Greek, Cyrillic and many other alphabets, so names from many languages print as
//! written. Text is laid out glyph by glyph from the fonts' advance widths (no kerning or
//! complex-script shaping).

use ttf_parser::{Face, GlyphId};

use super::error::PdfError;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans regular, for the window's fallback font too.
pub const DEJAVU_SANS: &[u8] = REGULAR;
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Running text.
    Regular,
    /// Headings and labels.
    Bold,
}

/// A parsed font face with what layout needs from it.
pub struct FontFace {
    /// The font file.
    pub data: &'static [u8],
    /// The PostScript name written into the PDF.
    pub postscript_name: &'static str,
    face: Face<'static>,
    units_per_em: f32,
    fallback: GlyphId,
}

impl FontFace {
    fn parse(data: &'static [u8], postscript_name: &'static str) -> Result<Self, PdfError> {
        let face =
            Face::parse(data, 0).map_err(|e| PdfError::Font(format!("{postscript_name}: {e}")))?;
        let units_per_em = f32::from(face.units_per_em().max(1));
        let fallback = face.glyph_index('?').unwrap_or(GlyphId(0));
        Ok(Self {
            data,
            postscript_name,
            face,
            units_per_em,
            fallback,
        })
    }

    /// The glyph for a character (a question mark when the font has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).unwrap_or(self.fallback).0
    }

    /// A glyph's advance in thousandths of the font size (PDF glyph space).
    pub fn advance(&self, glyph: u16) -> f32 {
        let units = self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// Ascent, descent, cap height (thousandths) and the bounding box, for the descriptor.
    pub fn metrics(&self) -> ([f32; 3], [f32; 4]) {
        let scale = |v: i16| f32::from(v) * 1000.0 / self.units_per_em;
        let b = self.face.global_bounding_box();
        let cap = self.face.capital_height().unwrap_or(self.face.ascender());
        (
            [
                scale(self.face.ascender()),
                scale(self.face.descender()),
                scale(cap),
            ],
            [
                scale(b.x_min),
                scale(b.y_min),
                scale(b.x_max),
                scale(b.y_max),
            ],
        )
    }
}

/// Both faces.
pub struct Fonts {
    /// Regular.
    pub regular: FontFace,
    /// Bold.
    pub bold: FontFace,
}

impl Fonts {
    /// Parses the shipped fonts.
    pub fn load() -> Result<Self, PdfError> {
        Ok(Self {
            regular: FontFace::parse(REGULAR, "DejaVuSans")?,
            bold: FontFace::parse(BOLD, "DejaVuSans-Bold")?,
        })
    }

    /// The face of a weight.
    pub fn face(&self, weight: Weight) -> &FontFace {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}
