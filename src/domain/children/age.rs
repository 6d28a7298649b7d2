//! The age from which a person's own consent counts, per regime and (EU GDPR) member state.
//!
//! GDPR Art. 8(1): 16, unless the member state's law sets a lower age, not below 13. The
//! per-state figures below come from each state's national implementing law as commonly
//! reported (the law is named beside each row); they are data, not the Regulation, so check
//! the national text when a state changes its law. UK GDPR Art. 8(1) as amended by the Data
//! Protection Act 2018, s. 9: 13. CCPA: Cal. Civ. Code § 1798.120(c) (under 16: opt-in; under
//! 13: a parent's or guardian's affirmative authorisation, 11 CCR § 7070; 13 to 15: the
//! consumer's own opt-in, 11 CCR § 7071).

use serde::Serialize;

use crate::domain::holidays::Jurisdiction;
use crate::domain::organisation::Regime;

/// GDPR Art. 8(1): the age where the member state set no lower one (or none is chosen).
pub const DEFAULT_GDPR_AGE: u8 = 16;

/// UK GDPR Art. 8(1) as amended by the Data Protection Act 2018, s. 9.
pub const UK_AGE: u8 = 13;

/// Cal. Civ. Code § 1798.120(c): below this age, no sale or sharing without an opt-in.
pub const fn ccpa_sale_age() -> u8 {
    16
}

/// Cal. Civ. Code § 1798.120(c), 11 CCR § 7070: below this age, the opt-in must be a parent's
/// or guardian's affirmative authorisation.
pub const fn ccpa_parent_age() -> u8 {
    13
}

/// An EU or EEA state (the GDPR applies in the EEA through the EEA Agreement).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum MemberState {
    /// Austria.
    At,
    /// Belgium.
    Be,
    /// Bulgaria.
    Bg,
    /// Croatia.
    Hr,
    /// Cyprus.
    Cy,
    /// Czechia.
    Cz,
    /// Denmark.
    Dk,
    /// Estonia.
    Ee,
    /// Finland.
    Fi,
    /// France.
    Fr,
    /// Germany.
    De,
    /// Greece.
    Gr,
    /// Hungary.
    Hu,
    /// Ireland.
    Ie,
    /// Italy.
    It,
    /// Latvia.
    Lv,
    /// Lithuania.
    Lt,
    /// Luxembourg.
    Lu,
    /// Malta.
    Mt,
    /// The Netherlands.
    Nl,
    /// Poland.
    Pl,
    /// Portugal.
    Pt,
    /// Romania.
    Ro,
    /// Slovakia.
    Sk,
    /// Slovenia.
    Si,
    /// Spain.
    Es,
    /// Sweden.
    Se,
    /// Iceland (EEA).
    Is,
    /// Liechtenstein (EEA).
    Li,
    /// Norway (EEA).
    No,
}

/// One row of the member-state table: the state, its name, the age and the national law that
/// sets it (or says that the Art. 8(1) default stands).
type StateRow = (MemberState, &'static str, u8, &'static str);

/// GDPR Art. 8(1) per member state. The ages are those of the national implementing laws
/// named in the last column, as commonly reported (for example in the European Commission's
/// and Better Internet for Kids' overviews of Art. 8 implementation).
const STATES: [StateRow; 30] = [
    (
        MemberState::At,
        "Austria",
        14,
        "Datenschutzgesetz (DSG) § 4(4)",
    ),
    (
        MemberState::Be,
        "Belgium",
        13,
        "Law of 30 July 2018, Art. 7",
    ),
    (
        MemberState::Bg,
        "Bulgaria",
        14,
        "Personal Data Protection Act, Art. 25c",
    ),
    (
        MemberState::Hr,
        "Croatia",
        16,
        "Act on the Implementation of the GDPR (2018), Art. 19",
    ),
    (MemberState::Cy, "Cyprus", 14, "Law 125(I)/2018, s. 8"),
    (
        MemberState::Cz,
        "Czechia",
        15,
        "Act No. 110/2019 Coll., § 7",
    ),
    (
        MemberState::Dk,
        "Denmark",
        13,
        "Databeskyttelsesloven (Act 502/2018) § 6(2)",
    ),
    (
        MemberState::Ee,
        "Estonia",
        13,
        "Personal Data Protection Act (2018) § 8",
    ),
    (
        MemberState::Fi,
        "Finland",
        13,
        "Data Protection Act 1050/2018, s. 5",
    ),
    (
        MemberState::Fr,
        "France",
        15,
        "Loi Informatique et Libertés, art. 45",
    ),
    (
        MemberState::De,
        "Germany",
        16,
        "no lower age set (BDSG): the Art. 8(1) default",
    ),
    (MemberState::Gr, "Greece", 15, "Law 4624/2019, Art. 21"),
    (
        MemberState::Hu,
        "Hungary",
        16,
        "no lower age set (Infotv.): the Art. 8(1) default",
    ),
    (
        MemberState::Ie,
        "Ireland",
        16,
        "Data Protection Act 2018, s. 31",
    ),
    (
        MemberState::It,
        "Italy",
        14,
        "Codice in materia di protezione dei dati personali, art. 2-quinquies",
    ),
    (
        MemberState::Lv,
        "Latvia",
        13,
        "Personal Data Processing Law, s. 33",
    ),
    (
        MemberState::Lt,
        "Lithuania",
        14,
        "Law on Legal Protection of Personal Data, Art. 6",
    ),
    (
        MemberState::Lu,
        "Luxembourg",
        16,
        "no lower age set (Law of 1 August 2018): the Art. 8(1) default",
    ),
    (
        MemberState::Mt,
        "Malta",
        13,
        "S.L. 586.11 (Processing of Child's Personal Data in relation to the Offer of Information Society Services Regulations)",
    ),
    (
        MemberState::Nl,
        "Netherlands",
        16,
        "Uitvoeringswet AVG, art. 5",
    ),
    (
        MemberState::Pl,
        "Poland",
        16,
        "no lower age set (Act of 10 May 2018): the Art. 8(1) default",
    ),
    (MemberState::Pt, "Portugal", 13, "Lei n.º 58/2019, art. 16"),
    (
        MemberState::Ro,
        "Romania",
        16,
        "no lower age set (Law 190/2018): the Art. 8(1) default",
    ),
    (
        MemberState::Sk,
        "Slovakia",
        16,
        "Act No. 18/2018 Coll., § 15",
    ),
    (MemberState::Si, "Slovenia", 15, "ZVOP-2 (2022), Art. 8"),
    (
        MemberState::Es,
        "Spain",
        14,
        "Ley Orgánica 3/2018 (LOPDGDD), art. 7",
    ),
    (MemberState::Se, "Sweden", 13, "Lag (2018:218), 2 kap. 4 §"),
    (MemberState::Is, "Iceland", 13, "Act No. 90/2018, Art. 10"),
    (
        MemberState::Li,
        "Liechtenstein",
        16,
        "no lower age set (Datenschutzgesetz 2018): the Art. 8(1) default",
    ),
    (
        MemberState::No,
        "Norway",
        13,
        "Personopplysningsloven (2018) § 5",
    ),
];

impl MemberState {
    /// Every state of the table.
    pub fn all() -> impl Iterator<Item = MemberState> {
        STATES.iter().map(|r| r.0)
    }

    fn row(self) -> &'static StateRow {
        // Every variant has its row (the table test checks it); Ireland stands in otherwise.
        STATES.iter().find(|r| r.0 == self).unwrap_or(&STATES[13])
    }

    /// The state's name.
    pub fn label(self) -> &'static str {
        self.row().1
    }

    /// The age from which the person's own consent counts there (GDPR Art. 8(1)).
    pub fn age(self) -> u8 {
        self.row().2
    }

    /// The national law that sets the age.
    pub fn law(self) -> &'static str {
        self.row().3
    }

    /// The member state whose public holidays the calendar is: the EU GDPR business's chosen
    /// calendar names its member state (`None` for a calendar outside the EU/EEA).
    pub fn of_calendar(j: Jurisdiction) -> Option<MemberState> {
        match j {
            Jurisdiction::Ireland => Some(MemberState::Ie),
            Jurisdiction::EnglandWales
            | Jurisdiction::Scotland
            | Jurisdiction::NorthernIreland
            | Jurisdiction::UsFederal => None,
        }
    }
}

/// The age that applies to one business under one regime, with its source in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgeThreshold {
    /// The regime.
    pub regime: Regime,
    /// Below this age a person's own consent (GDPR, UK GDPR) or opt-in to sale or sharing
    /// (CCPA) is not enough.
    pub age: u8,
    /// CCPA only: below this age the opt-in must come from a parent or guardian (13).
    pub parent_age: Option<u8>,
    /// The member state whose law set the age (EU GDPR, when one is chosen).
    pub state: Option<MemberState>,
    /// The source, for the window and the command line.
    pub source: String,
}

/// The age threshold of `regime`; for the EU GDPR, of `state` (the business's member state of
/// establishment, else its chosen calendar's state), or the Art. 8(1) default of 16 when none
/// is chosen.
pub fn threshold(regime: Regime, state: Option<MemberState>) -> AgeThreshold {
    match (regime, state) {
        (Regime::Gdpr, Some(s)) => AgeThreshold {
            regime,
            age: s.age(),
            parent_age: None,
            state: Some(s),
            source: format!(
                "GDPR Art. 8(1); {}: {} ({})",
                s.label(),
                s.age(),
                s.law()
            ),
        },
        (Regime::Gdpr, None) => AgeThreshold {
            regime,
            age: DEFAULT_GDPR_AGE,
            parent_age: None,
            state: None,
            source: "GDPR Art. 8(1): 16, the Regulation's default, because no member state is chosen (choose the member state of establishment in Settings, or `profile set --member-state`)".to_owned(),
        },
        (Regime::UkGdpr, _) => AgeThreshold {
            regime,
            age: UK_AGE,
            parent_age: None,
            state: None,
            source: "UK GDPR Art. 8(1) as amended by the Data Protection Act 2018, s. 9: 13"
                .to_owned(),
        },
        (Regime::CcpaCpra, _) => AgeThreshold {
            regime,
            age: ccpa_sale_age(),
            parent_age: Some(ccpa_parent_age()),
            state: None,
            source: "Cal. Civ. Code § 1798.120(c): under 16 no sale or sharing without an opt-in; 13 to 15 the consumer's own (11 CCR § 7071), under 13 a parent's or guardian's (11 CCR § 7070)".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests;
