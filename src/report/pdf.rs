//! Writes a laid-out [`Document`] as a PDF 1.7 file with pdf-writer: A4 pages, the two DejaVu
//! Sans faces embedded as subset TrueType (CIDFontType2, Identity-H) with a ToUnicode map so the
//! text can be searched and copied, and the document title in the metadata.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use super::Document;
pub use super::error::PdfError;
use super::fonts::{FontFace, Fonts, Weight};
use super::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH, lay_out};

/// Renders the document as PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let pages = lay_out(doc, &fonts);

    // Glyphs used per face, remapped to the subset's numbering, and the text each stands for.
    let mut used = [UsedGlyphs::new(), UsedGlyphs::new()];
    for op in pages.iter().flatten() {
        if let Op::Text { weight, text, .. } = op {
            let face = fonts.face(*weight);
            let slot = &mut used[slot_of(*weight)];
            for c in text.chars() {
                slot.add(face.glyph(c), c);
            }
        }
    }

    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let font_refs: Vec<Ref> = (0..2).map(|_| alloc()).collect();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX));
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("Privacy Desk"));

    for (i, weight) in [Weight::Regular, Weight::Bold].into_iter().enumerate() {
        write_font(
            &mut pdf,
            &mut alloc,
            font_refs[i],
            fonts.face(weight),
            &used[i],
        )?;
    }

    for (ops, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut page = pdf.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT));
        page.parent(tree);
        page.contents(*content_ref);
        let mut resources = page.resources();
        let mut font_dict = resources.fonts();
        font_dict.pair(Name(b"F0"), font_refs[0]);
        font_dict.pair(Name(b"F1"), font_refs[1]);
        font_dict.finish();
        resources.finish();
        page.finish();
        let content = page_content(ops, &fonts, &used);
        pdf.stream(*content_ref, &content);
    }
    Ok(pdf.finish())
}

fn slot_of(weight: Weight) -> usize {
    match weight {
        Weight::Regular => 0,
        Weight::Bold => 1,
    }
}

/// The glyphs of one face a document uses.
struct UsedGlyphs {
    remapper: GlyphRemapper,
    /// Original glyph → the character it was chosen for.
    chars: BTreeMap<u16, char>,
}

impl UsedGlyphs {
    fn new() -> Self {
        Self {
            remapper: GlyphRemapper::new(),
            chars: BTreeMap::new(),
        }
    }

    fn add(&mut self, glyph: u16, c: char) {
        self.remapper.remap(glyph);
        self.chars.entry(glyph).or_insert(c);
    }

    fn new_id(&self, glyph: u16) -> u16 {
        self.remapper.get(glyph).unwrap_or(0)
    }
}

fn write_font(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    type0: Ref,
    face: &FontFace,
    used: &UsedGlyphs,
) -> Result<(), PdfError> {
    let cid = alloc();
    let descriptor = alloc();
    let file = alloc();
    let cmap = alloc();
    // A subset font's name starts with a six-letter tag (PDF 32000-1, 9.6.4).
    let tag = if face.postscript_name.ends_with("Bold") {
        "PDSKBD"
    } else {
        "PDSKRG"
    };
    let name = format!("{tag}+{}", face.postscript_name);

    pdf.type0_font(type0)
        .base_font(Name(name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    // Widths in the subset's numbering: new id → advance of the original glyph.
    let mut widths: BTreeMap<u16, f32> = BTreeMap::new();
    widths.insert(0, face.advance(0));
    for &old in used.chars.keys() {
        widths.insert(used.new_id(old), face.advance(old));
    }
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(Name(name.as_bytes()))
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(face.advance(0))
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut w = cid_font.widths();
    for (id, width) in &widths {
        w.consecutive(*id, [*width]);
    }
    w.finish();
    cid_font.finish();

    let ([ascent, descent, cap], bbox) = face.metrics();
    pdf.font_descriptor(descriptor)
        .name(Name(name.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap)
        .stem_v(if tag == "PDSKBD" { 120.0 } else { 80.0 })
        .font_file2(file);

    let mut unicode = UnicodeCmap::new(Name(b"Custom"), system);
    for (&old, &c) in &used.chars {
        unicode.pair(used.new_id(old), c);
    }
    pdf.cmap(cmap, &unicode.finish());

    let subset = subsetter::subset(face.data, 0, &used.remapper)
        .map_err(|e| PdfError::Font(format!("{}: {e}", face.postscript_name)))?;
    let compressed = compress(&subset);
    let mut stream = pdf.stream(file, &compressed);
    stream.filter(Filter::FlateDecode);
    stream.pair(
        Name(b"Length1"),
        i32::try_from(subset.len()).unwrap_or(i32::MAX),
    );
    stream.finish();
    Ok(())
}

fn compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn page_content(ops: &[Op], fonts: &Fonts, used: &[UsedGlyphs; 2]) -> Vec<u8> {
    let mut content = Content::new();
    let rgb = |c: [u8; 3]| {
        (
            f32::from(c[0]) / 255.0,
            f32::from(c[1]) / 255.0,
            f32::from(c[2]) / 255.0,
        )
    };
    for op in ops {
        match op {
            Op::Rect { x, y, w, h, fill } => {
                let (r, g, b) = rgb(*fill);
                content
                    .set_fill_rgb(r, g, b)
                    .rect(*x, *y, *w, *h)
                    .fill_nonzero();
            }
            Op::Line { from, to, colour } => {
                let (r, g, b) = rgb(*colour);
                content
                    .set_stroke_rgb(r, g, b)
                    .set_line_width(0.6)
                    .move_to(from.0, from.1)
                    .line_to(to.0, to.1)
                    .stroke();
            }
            Op::Text {
                x,
                y,
                weight,
                size,
                colour,
                text,
            } => {
                let face = fonts.face(*weight);
                let slot = &used[slot_of(*weight)];
                let mut encoded = Vec::with_capacity(text.len() * 2);
                for c in text.chars() {
                    encoded.extend_from_slice(&slot.new_id(face.glyph(c)).to_be_bytes());
                }
                let (r, g, b) = rgb(*colour);
                let font = if *weight == Weight::Bold {
                    Name(b"F1")
                } else {
                    Name(b"F0")
                };
                content
                    .set_fill_rgb(r, g, b)
                    .begin_text()
                    .set_font(font, *size)
                    .next_line(*x, *y)
                    .show(Str(&encoded))
                    .end_text();
            }
        }
    }
    content.finish().into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Grid, GridCell};

    /// A document with every kind of block, in several alphabets.
    pub(crate) fn sample() -> Document {
        let mut doc = Document::new(
            "Record of processing activities",
            "Café Zoë Ltd · 29 November 2026",
        );
        doc.heading(1, "Controller");
        doc.fields([
            ("Name", "Café Zoë Ltd"),
            ("DPO", ""),
            ("Address", "1 High Street\nLondon"),
        ]);
        doc.heading(2, "Names from many languages");
        doc.paragraph("Łukasz Żółć, Ελένη Παπαδοπούλου, Дмитрий Иванов, Søren Ærø.");
        doc.bullets(vec!["first point".into(), "second point".into()]);
        doc.table(
            vec!["Activity".into(), "Purpose".into()],
            (0..80)
                .map(|i| vec![format!("Activity {i}"), "Newsletter".into()])
                .collect(),
        );
        let colours = [
            [0xa5, 0xd6, 0xa7],
            [0xff, 0xe0, 0x82],
            [0xff, 0xb7, 0x4d],
            [0xef, 0x53, 0x50],
        ];
        doc.grid(Grid {
            row_axis: "Severity".into(),
            row_labels: vec![
                "Maximum".into(),
                "Significant".into(),
                "Limited".into(),
                "Negligible".into(),
            ],
            column_axis: "Likelihood".into(),
            column_labels: vec![
                "Negligible".into(),
                "Limited".into(),
                "Significant".into(),
                "Maximum".into(),
            ],
            cells: (0..4)
                .map(|r| {
                    (0..4)
                        .map(|c| GridCell {
                            colour: colours[(3 - r + c) / 2],
                            text: if r == 1 && c == 2 {
                                "R1 R2".into()
                            } else {
                                String::new()
                            },
                        })
                        .collect()
                })
                .collect(),
        });
        doc
    }

    #[test]
    fn a_pdf_has_pages_embedded_subset_fonts_and_a_unicode_map() {
        let bytes = render(&sample()).unwrap();
        // Set this to look at the sample (e.g. with pdftoppm) when changing the layout.
        if let Ok(path) = std::env::var("PRIVACY_DESK_SAMPLE_PDF") {
            std::fs::write(path, &bytes).unwrap();
        }
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.trim_end().ends_with("%%EOF"));
        assert_eq!(text.matches("/FontFile2").count(), 2, "both faces embedded");
        assert!(text.contains("PDSKRG+DejaVuSans"));
        assert!(text.contains("/ToUnicode"));
        assert!(
            text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count() >= 2
                || text.contains("/Count 2")
                || text.contains("/Count 3")
        );
        // Subsetting keeps the file small: far below the 1.4 MB of the two whole fonts.
        assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        assert_eq!(render(&sample()).unwrap(), render(&sample()).unwrap());
    }
}
