//! The window's fonts, so that every name in the register shows as written. egui's own font
//! covers Latin, Greek and Cyrillic letters; after it come DejaVu Sans (shipped in
//! `assets/fonts`, for Latin with combining marks and the rarer letters of Latin, Greek and
//! Cyrillic) and then, read from the system with `fontdb`, one face for each script neither
//! covers: Chinese, Japanese and Korean, Devanagari and the other Indic scripts, Arabic,
//! Hebrew, Thai, Ethiopic and more. A machine without such system fonts shows those
//! characters as boxes (the README says which Debian packages bring them).
//!
//! egui draws each character on its own (no shaping): Arabic letters show in their isolated
//! forms, left to right, and Indic conjuncts as their parts.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// The scripts looked for in the system's fonts, each with a character only it writes. The
/// register of an EU shop holds all of these (issue 20).
pub const SCRIPTS: &[(&str, char)] = &[
    ("Chinese (Han)", '田'),
    ("Japanese kana", 'あ'),
    ("Korean (Hangul)", '한'),
    ("Devanagari", 'ह'),
    ("Bengali", 'ব'),
    ("Tamil", 'த'),
    ("Gurmukhi", 'ਸ'),
    ("Arabic", 'ع'),
    ("Hebrew", 'ש'),
    ("Thai", 'ท'),
    ("Ethiopic", 'አ'),
    ("Georgian", 'ა'),
    ("Armenian", 'Ա'),
    ("Sinhala", 'ස'),
];

/// One font added to egui's: its name there, its bytes and its face index (for collections).
pub struct AddedFont {
    /// The name it is registered under.
    pub name: String,
    /// The font file's bytes.
    pub data: Vec<u8>,
    /// The face inside a collection (`.ttc`), else 0.
    pub index: u32,
}

/// Whether a font's face has a glyph for `c`.
fn covers(data: &[u8], index: u32, c: char) -> bool {
    ttf_parser::Face::parse(data, index)
        .ok()
        .and_then(|f| f.glyph_index(c))
        .is_some()
}

/// egui's default fonts with DejaVu Sans after them.
fn shipped() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        "DejaVuSans".into(),
        Arc::new(FontData::from_static(crate::report::fonts::DEJAVU_SANS)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push("DejaVuSans".into());
    }
    defs
}

/// Whether any font of the proportional family (the one names are drawn in) has a glyph for
/// `c`.
pub fn has_glyph(defs: &FontDefinitions, c: char) -> bool {
    defs.families
        .get(&FontFamily::Proportional)
        .into_iter()
        .flatten()
        .filter_map(|name| defs.font_data.get(name))
        .any(|f| covers((*f.font).as_ref(), f.index, c))
}

/// For each script the shipped fonts lack, the first regular, upright system face that writes
/// it (sans-serif faces first). Faces are read from the system's font folders by `fontdb`.
pub fn system_fallbacks(db: &fontdb::Database, defs: &FontDefinitions) -> Vec<AddedFont> {
    let mut wanted: Vec<char> = SCRIPTS
        .iter()
        .map(|(_, c)| *c)
        .filter(|c| !has_glyph(defs, *c))
        .collect();
    let mut faces: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| f.style == fontdb::Style::Normal && f.weight == fontdb::Weight::NORMAL)
        .collect();
    // Sans-serif first, then by name, so that the choice is the same on every start.
    faces.sort_by_key(|f| {
        let family = f.families.first().map(|(n, _)| n.as_str()).unwrap_or("");
        (!family.contains("Sans"), family.to_owned(), f.index)
    });
    let mut out: Vec<AddedFont> = Vec::new();
    for face in faces {
        if wanted.is_empty() {
            break;
        }
        let found = db.with_face_data(face.id, |data, index| {
            let hits: Vec<char> = wanted
                .iter()
                .copied()
                .filter(|c| covers(data, index, *c))
                .collect();
            (!hits.is_empty()).then(|| (hits, data.to_vec(), index))
        });
        if let Some(Some((hits, data, index))) = found {
            wanted.retain(|c| !hits.contains(c));
            let family = face.families.first().map(|(n, _)| n.clone());
            out.push(AddedFont {
                name: format!(
                    "system:{}",
                    family.unwrap_or_else(|| face.post_script_name.clone())
                ),
                data,
                index,
            });
        }
    }
    out
}

/// The window's fonts: egui's, DejaVu Sans, and the system's faces for the other scripts.
pub fn definitions() -> FontDefinitions {
    let mut defs = shipped();
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for font in system_fallbacks(&db, &defs) {
        let mut data = FontData::from_owned(font.data);
        data.index = font.index;
        defs.font_data.insert(font.name.clone(), Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families
                .entry(family)
                .or_default()
                .push(font.name.clone());
        }
    }
    defs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scripts of [`SCRIPTS`] that no loaded font writes (shown as boxes on this machine).
    fn missing_scripts(defs: &FontDefinitions) -> Vec<&'static str> {
        SCRIPTS
            .iter()
            .filter(|(_, c)| !has_glyph(defs, *c))
            .map(|(name, _)| *name)
            .collect()
    }

    /// Every character of every demo name (both forms of each given and family name).
    fn demo_characters() -> Vec<(char, String)> {
        let mut out: Vec<(char, String)> = Vec::new();
        for culture in crate::demo::names::cultures() {
            for entry in culture
                .female
                .iter()
                .chain(&culture.male)
                .chain(&culture.family)
            {
                for female in [false, true] {
                    let name = entry.shown(female);
                    for c in name.chars().filter(|c| !c.is_whitespace()) {
                        if !out.iter().any(|(seen, _)| *seen == c) {
                            out.push((c, name.to_owned()));
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_shipped_fonts_write_every_latin_greek_and_cyrillic_demo_name() {
        let defs = shipped();
        let missing: Vec<_> = demo_characters()
            .into_iter()
            .filter(|(c, _)| (*c as u32) < 0x0530 || (0x1E00..0x2000).contains(&(*c as u32)))
            .filter(|(c, _)| !has_glyph(&defs, *c))
            .collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }

    /// With the system's fonts every demo name's every character has a glyph. Needs fonts for
    /// the scripts of the demo (Debian: fonts-noto-core and fonts-noto-cjk): CI installs them
    /// and sets PRIVACY_DESK_REQUIRE_FONTS=1; elsewhere a machine without them checks only the
    /// scripts it has.
    #[test]
    fn with_the_system_fonts_every_demo_name_has_a_glyph() {
        let defs = definitions();
        let lacking = missing_scripts(&defs);
        let required = std::env::var_os("PRIVACY_DESK_REQUIRE_FONTS").is_some();
        if !lacking.is_empty() && !required {
            eprintln!(
                "fonts: this machine has no font for {}: install the Debian packages fonts-noto-core and fonts-noto-cjk to check every demo name",
                lacking.join(", ")
            );
        }
        let missing: Vec<_> = demo_characters()
            .into_iter()
            .filter(|(c, _)| !has_glyph(&defs, *c))
            .collect();
        if required || lacking.is_empty() {
            assert!(missing.is_empty(), "no glyph for {missing:?}");
        }
        if required {
            assert!(lacking.is_empty(), "no font for {lacking:?}");
        }
    }

    #[test]
    fn system_faces_come_after_the_shipped_ones_and_each_is_added_once() {
        let defs = definitions();
        let family = &defs.families[&FontFamily::Proportional];
        let dejavu = family.iter().position(|n| n == "DejaVuSans");
        let first_system = family.iter().position(|n| n.starts_with("system:"));
        if let (Some(d), Some(s)) = (dejavu, first_system) {
            assert!(d < s, "{family:?}");
        }
        let mut names = family.clone();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), family.len(), "{family:?}");
    }
}
