//! A reasonable fee instead of a refusal, and further copies.
//!
//! | Regime | Request | Fee allowed for | Source |
//! |---|---|---|---|
//! | GDPR, UK GDPR | Access | further copies beyond the first | Art. 15(3) ("a reasonable fee based on administrative costs"); UK: ICO, *Right of access — can we charge a fee?* |
//! | GDPR, UK GDPR | Access, rectification, erasure, restriction, portability | a manifestly unfounded or excessive request, as the alternative to refusing it | Art. 12(5)(a) |
//! | GDPR, UK GDPR | Withdrawal of consent, objection to direct marketing | never: these are absolute and as easy as giving consent | Art. 7(3), Art. 21(3) |
//! | CCPA/CPRA | Know, delete, correct | a manifestly unfounded or excessive request, as the alternative to refusing it (the business bears the burden of showing it is) | Cal. Civ. Code § 1798.145(h)(3) |
//! | CCPA/CPRA | Opt-out of sale/sharing, limit | never: only a documented belief of fraud may deny them | 11 CCR § 7026(e), § 7027(f) |
//!
//! A fee is otherwise never charged: the first copy and every other action are free
//! (Art. 12(5) first sentence; Civ. Code § 1798.100(d), § 1798.130(a)(2)).

use serde::{Deserialize, Serialize};

use super::RequestType;
use super::refusal::is_allowed;
use super::workflow::RefusalKind;
use crate::domain::organisation::Regime;

/// Why a fee is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeeReason {
    /// Further copies of the data (GDPR Art. 15(3)).
    FurtherCopy,
    /// A manifestly unfounded request (Art. 12(5)(a); § 1798.145(h)(3)).
    ManifestlyUnfounded,
    /// A manifestly excessive request, in particular a repetitive one (same sources).
    Excessive,
}

impl FeeReason {
    /// Every reason.
    pub const ALL: [FeeReason; 3] = [
        Self::FurtherCopy,
        Self::ManifestlyUnfounded,
        Self::Excessive,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::FurtherCopy => "further-copy",
            Self::ManifestlyUnfounded => "manifestly-unfounded",
            Self::Excessive => "excessive",
        }
    }

    /// The reason for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// Words with the source, for letters and the request page.
    pub fn label(self, regime: Regime) -> &'static str {
        match (self, regime) {
            (Self::FurtherCopy, _) => "further copies of your data (Art. 15(3))",
            (Self::ManifestlyUnfounded, Regime::CcpaCpra) => {
                "a manifestly unfounded request (Cal. Civ. Code § 1798.145(h)(3))"
            }
            (Self::Excessive, Regime::CcpaCpra) => {
                "a manifestly excessive request (Cal. Civ. Code § 1798.145(h)(3))"
            }
            (Self::ManifestlyUnfounded, _) => "a manifestly unfounded request (Art. 12(5)(a))",
            (Self::Excessive, _) => "a manifestly excessive request (Art. 12(5)(a))",
        }
    }
}

/// Whether a fee for `reason` may be charged on a request of `kind` under `regime`: further
/// copies for a GDPR access request; otherwise exactly where the law allows refusing the
/// request as manifestly unfounded or excessive (the fee is the alternative to that refusal).
pub fn fee_allowed(regime: Regime, kind: RequestType, reason: FeeReason) -> bool {
    match reason {
        FeeReason::FurtherCopy => regime != Regime::CcpaCpra && kind == RequestType::Access,
        FeeReason::ManifestlyUnfounded => {
            is_allowed(regime, kind, RefusalKind::ManifestlyUnfounded)
        }
        FeeReason::Excessive => is_allowed(regime, kind, RefusalKind::Excessive),
    }
}

/// The reasons allowed for a request, for the message of a refused fee.
pub fn reasons_allowed(regime: Regime, kind: RequestType) -> Vec<&'static str> {
    FeeReason::ALL
        .into_iter()
        .filter(|r| fee_allowed(regime, kind, *r))
        .map(FeeReason::code)
        .collect()
}

/// Reads an amount typed as "25", "25.5" or "25.50" into minor units (cents, pence); the
/// message names the option.
pub fn parse_amount(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let bad = || format!("Amount: \"{text}\" is not an amount; write it like 10 or 12.50");
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    let frac: u32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let minor = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .filter(|m| *m <= 1_000_000)
        .ok_or_else(|| {
            format!("Amount: {t} is not a reasonable fee; a fee covers administrative costs only")
        })?;
    if minor == 0 {
        return Err("Amount: a fee of zero is no fee; leave the request free".into());
    }
    Ok(minor)
}

/// The currency a regime's fee is written in by default.
pub fn default_currency(regime: Regime) -> &'static str {
    match regime {
        Regime::Gdpr => "EUR",
        Regime::UkGdpr => "GBP",
        Regime::CcpaCpra => "USD",
    }
}

/// Minor units as "25.00".
pub fn format_amount(minor: u32) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeeReason::*;
    use RequestType as T;

    /// Art. 12(5)(a), 15(3), 7(3), 21(3); Civ. Code § 1798.145(h)(3); 11 CCR § 7026(e).
    #[test]
    fn fee_table() {
        let cases = [
            (Regime::Gdpr, T::Access, FurtherCopy, true),
            (Regime::UkGdpr, T::Access, FurtherCopy, true),
            (Regime::Gdpr, T::Erasure, FurtherCopy, false),
            (Regime::Gdpr, T::Access, Excessive, true),
            (Regime::Gdpr, T::Erasure, ManifestlyUnfounded, true),
            (Regime::Gdpr, T::WithdrawConsent, Excessive, false),
            (Regime::UkGdpr, T::Objection, ManifestlyUnfounded, false),
            (Regime::CcpaCpra, T::Know, Excessive, true),
            (Regime::CcpaCpra, T::Know, FurtherCopy, false),
            (Regime::CcpaCpra, T::Delete, ManifestlyUnfounded, true),
            (Regime::CcpaCpra, T::OptOut, Excessive, false),
            (Regime::CcpaCpra, T::Limit, ManifestlyUnfounded, false),
        ];
        for (regime, kind, reason, allowed) in cases {
            assert_eq!(
                fee_allowed(regime, kind, reason),
                allowed,
                "{regime:?} {kind:?} {reason:?}"
            );
        }
        assert!(reasons_allowed(Regime::CcpaCpra, T::OptOut).is_empty());
    }

    #[test]
    fn amount_table() {
        for (text, expected) in [
            ("25", Ok(2500)),
            ("25.5", Ok(2550)),
            (" 12.50 ", Ok(1250)),
            ("0.01", Ok(1)),
            ("0", Err("zero")),
            ("12.505", Err("not an amount")),
            ("-5", Err("not an amount")),
            ("ten", Err("not an amount")),
            ("", Err("not an amount")),
            ("20000", Err("not a reasonable fee")),
        ] {
            match expected {
                Ok(m) => assert_eq!(parse_amount(text), Ok(m), "{text:?}"),
                Err(needle) => assert!(
                    parse_amount(text).is_err_and(|e| e.contains(needle)),
                    "{text:?}"
                ),
            }
        }
        assert_eq!(format_amount(2550), "25.50");
    }

    #[test]
    fn reason_codes_round_trip() {
        for r in FeeReason::ALL {
            assert_eq!(FeeReason::from_code(r.code()), Some(r));
        }
        assert_eq!(FeeReason::from_code("because"), None);
    }
}
