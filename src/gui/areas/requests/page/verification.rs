//! The CCPA "know" verification inputs of the identity step: how many data points matched and
//! whether a declaration signed under penalty of perjury arrived, with the level they reach
//! and what it allows shown as they are typed (11 CCR § 7062(b)–(c), § 7024; the rule is
//! `domain::request::know`).

use egui::{RichText, TextEdit, Ui};

use crate::domain::request::know::{self, KnowLevel, KnowVerification};
use crate::gui::widgets::hint;

/// The inputs' state.
#[derive(Debug, Default)]
pub struct KnowInputs {
    data_points: String,
    declaration: bool,
}

impl KnowInputs {
    /// Draws the inputs and the level they reach.
    pub fn ui(&mut self, ui: &mut Ui) {
        let label = ui.label("Data points matched");
        ui.add(
            TextEdit::singleline(&mut self.data_points)
                .desired_width(60.0)
                .hint_text("0"),
        )
        .labelled_by(label.id);
        ui.checkbox(
            &mut self.declaration,
            "Signed declaration under penalty of perjury received",
        );
        match self.verification() {
            Ok(v) => {
                let level = know::level(v);
                ui.label(RichText::new(format!("Level: {}", level_words(level))).strong());
                hint(ui, level.explain());
            }
            Err(p) => hint(ui, &p),
        }
    }

    /// What was typed, or the problem naming the field.
    pub fn verification(&self) -> Result<KnowVerification, String> {
        let text = self.data_points.trim();
        let n: u32 = if text.is_empty() {
            0
        } else {
            text.parse().map_err(|_| {
                format!("Data points matched: \"{text}\" is not a number; give how many pieces of information matched")
            })?
        };
        let data_points = know::check_data_points(n)
            .map_err(|m| m.replacen("Data points", "Data points matched", 1))?;
        Ok(KnowVerification {
            data_points,
            signed_declaration: self.declaration,
        })
    }
}

/// The level in words, for the page.
pub fn level_words(level: KnowLevel) -> &'static str {
    match level {
        KnowLevel::Specific => "specific pieces may be disclosed",
        KnowLevel::Categories => "categories only",
        KnowLevel::None => "not verified",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 11 CCR § 7062(b)–(c): what is typed → the level, or the field named.
    #[test]
    fn typed_inputs_reach_their_level() {
        for (points, declaration, expected) in [
            ("", false, Ok(KnowLevel::None)),
            ("2", false, Ok(KnowLevel::Categories)),
            ("3", true, Ok(KnowLevel::Specific)),
            ("3", false, Ok(KnowLevel::Categories)),
            ("three", true, Err("Data points matched: \"three\"")),
            ("99", true, Err("Data points matched: 99")),
        ] {
            let inputs = KnowInputs {
                data_points: points.into(),
                declaration,
            };
            match (inputs.verification(), expected) {
                (Ok(v), Ok(level)) => assert_eq!(know::level(v), level, "{points}"),
                (Err(e), Err(start)) => assert!(e.starts_with(start), "{e}"),
                (got, want) => panic!("{points}: {got:?} vs {want:?}"),
            }
        }
    }
}
