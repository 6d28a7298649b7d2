//! The member state's code: ISO 3166-1 alpha-2, as the settings store it and the command line
//! takes it (`profile set --member-state DE`). Greece is `GR` (ISO 3166), not the EU's `EL`.

use super::MemberState;

impl MemberState {
    /// The ISO 3166-1 alpha-2 code, in capitals.
    pub fn code(self) -> &'static str {
        match self {
            MemberState::At => "AT",
            MemberState::Be => "BE",
            MemberState::Bg => "BG",
            MemberState::Hr => "HR",
            MemberState::Cy => "CY",
            MemberState::Cz => "CZ",
            MemberState::Dk => "DK",
            MemberState::Ee => "EE",
            MemberState::Fi => "FI",
            MemberState::Fr => "FR",
            MemberState::De => "DE",
            MemberState::Gr => "GR",
            MemberState::Hu => "HU",
            MemberState::Ie => "IE",
            MemberState::It => "IT",
            MemberState::Lv => "LV",
            MemberState::Lt => "LT",
            MemberState::Lu => "LU",
            MemberState::Mt => "MT",
            MemberState::Nl => "NL",
            MemberState::Pl => "PL",
            MemberState::Pt => "PT",
            MemberState::Ro => "RO",
            MemberState::Sk => "SK",
            MemberState::Si => "SI",
            MemberState::Es => "ES",
            MemberState::Se => "SE",
            MemberState::Is => "IS",
            MemberState::Li => "LI",
            MemberState::No => "NO",
        }
    }

    /// The state with `code` (any case, surrounding spaces ignored), if it is in the table.
    pub fn from_code(code: &str) -> Option<MemberState> {
        let code = code.trim();
        MemberState::all().find(|s| s.code().eq_ignore_ascii_case(code))
    }

    /// Every code, in the table's order, comma-separated (for messages naming what is valid).
    pub fn codes() -> String {
        MemberState::all()
            .map(MemberState::code)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_in_any_case() {
        let rows = [
            ("DE", Some(MemberState::De)),
            ("de", Some(MemberState::De)),
            (" fr ", Some(MemberState::Fr)),
            ("GR", Some(MemberState::Gr)),
            ("EL", None),
            ("GB", None),
            ("", None),
        ];
        for (code, want) in rows {
            assert_eq!(MemberState::from_code(code), want, "{code:?}");
        }
        for s in MemberState::all() {
            assert_eq!(MemberState::from_code(s.code()), Some(s));
        }
        assert_eq!(MemberState::all().count(), 30);
        assert!(MemberState::codes().starts_with("AT, BE, BG"));
    }
}
