//! Which refusal grounds the law allows, per request type and regime.
//!
//! | Regime | Request | Grounds allowed | Source |
//! |---|---|---|---|
//! | GDPR, UK GDPR | Access, rectification, erasure, restriction, portability | Manifestly unfounded; manifestly excessive; identity not established; an exemption in law | Art. 12(5)(b); Art. 11(2), 12(2); Art. 23 and member-state law (UK: DPA 2018 Sch. 2–4), Art. 17(3) for erasure |
//! | GDPR, UK GDPR | Objection to direct marketing | Identity not established — nothing else: "the personal data shall no longer be processed for such purposes" | Art. 21(2)–(3); Art. 11(2), 12(2). (The app fulfils an objection through the consent ledger as a direct-marketing objection; an Art. 21(1) objection with its "compelling legitimate grounds" answer is a later item of issue 16.) |
//! | GDPR, UK GDPR | Withdrawal of consent | Identity not established — nothing else: the person "shall have the right to withdraw his or her consent at any time", as easily as it was given | Art. 7(3); Art. 11(2) |
//! | CCPA/CPRA | Know | Cannot be verified; manifestly unfounded or excessive; an exemption in law | Cal. Code Regs. tit. 11 § 7024(a)–(b); Cal. Civ. Code § 1798.145(h)(3); § 1798.145 |
//! | CCPA/CPRA | Delete | Cannot be verified; manifestly unfounded or excessive; an exception in law (with the denial duties of § 7022(f)) | Cal. Code Regs. tit. 11 § 7022(a), § 7022(f); Cal. Civ. Code § 1798.145(h)(3); § 1798.105(d) |
//! | CCPA/CPRA | Correct | Cannot be verified; manifestly unfounded or excessive; an exemption in law | Cal. Code Regs. tit. 11 § 7023(a); Cal. Civ. Code § 1798.145(h)(3); § 1798.145 |
//! | CCPA/CPRA | Opt-out of sale/sharing, limit | Only a good-faith, reasonable and documented belief that the request is fraudulent: no identity verification may be required | Cal. Code Regs. tit. 11 § 7026(d)–(e), § 7027(e)–(f) |

use std::fmt;

use super::RequestType;
use super::workflow::RefusalKind;
use crate::domain::organisation::Regime;

/// A ground the law allows for a type of request, with its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllowedGround {
    /// The ground.
    pub kind: RefusalKind,
    /// Where the law allows it.
    pub source: &'static str,
}

const fn ground(kind: RefusalKind, source: &'static str) -> AllowedGround {
    AllowedGround { kind, source }
}

/// GDPR / UK GDPR rights that Art. 12(5) and the exemptions apply to.
const GDPR_QUALIFIED: &[AllowedGround] = &[
    ground(RefusalKind::ManifestlyUnfounded, "Art. 12(5)(b)"),
    ground(RefusalKind::Excessive, "Art. 12(5)(b)"),
    ground(RefusalKind::IdentityNotVerified, "Art. 11(2), 12(2)"),
    ground(
        RefusalKind::Exemption,
        "Art. 23 and member-state law (UK: DPA 2018 Sch. 2–4); erasure: Art. 17(3)",
    ),
];

/// Objection to direct marketing: absolute (Art. 21(3)).
const GDPR_OBJECTION: &[AllowedGround] = &[ground(
    RefusalKind::IdentityNotVerified,
    "Art. 11(2), 12(2); the objection itself is absolute (Art. 21(3))",
)];

/// Withdrawal of consent: at any time (Art. 7(3)).
const GDPR_WITHDRAWAL: &[AllowedGround] = &[ground(
    RefusalKind::IdentityNotVerified,
    "Art. 11(2); the withdrawal itself is always allowed (Art. 7(3))",
)];

const CCPA_KNOW: &[AllowedGround] = &[
    ground(
        RefusalKind::IdentityNotVerified,
        "Cal. Code Regs. tit. 11 § 7024(a)–(b)",
    ),
    ground(
        RefusalKind::ManifestlyUnfounded,
        "Cal. Civ. Code § 1798.145(h)(3)",
    ),
    ground(RefusalKind::Excessive, "Cal. Civ. Code § 1798.145(h)(3)"),
    ground(RefusalKind::Exemption, "Cal. Civ. Code § 1798.145"),
];

const CCPA_DELETE: &[AllowedGround] = &[
    ground(
        RefusalKind::IdentityNotVerified,
        "Cal. Code Regs. tit. 11 § 7022(a)",
    ),
    ground(
        RefusalKind::ManifestlyUnfounded,
        "Cal. Civ. Code § 1798.145(h)(3)",
    ),
    ground(RefusalKind::Excessive, "Cal. Civ. Code § 1798.145(h)(3)"),
    ground(
        RefusalKind::Exemption,
        "Cal. Civ. Code § 1798.105(d); denial duties: Cal. Code Regs. tit. 11 § 7022(f)",
    ),
];

const CCPA_CORRECT: &[AllowedGround] = &[
    ground(
        RefusalKind::IdentityNotVerified,
        "Cal. Code Regs. tit. 11 § 7023(a)",
    ),
    ground(
        RefusalKind::ManifestlyUnfounded,
        "Cal. Civ. Code § 1798.145(h)(3)",
    ),
    ground(RefusalKind::Excessive, "Cal. Civ. Code § 1798.145(h)(3)"),
    ground(RefusalKind::Exemption, "Cal. Civ. Code § 1798.145"),
];

const CCPA_OPT_OUT: &[AllowedGround] = &[ground(
    RefusalKind::SuspectedFraud,
    "Cal. Code Regs. tit. 11 § 7026(e); no verification may be required, § 7026(d)",
)];

const CCPA_LIMIT: &[AllowedGround] = &[ground(
    RefusalKind::SuspectedFraud,
    "Cal. Code Regs. tit. 11 § 7027(f); no verification may be required, § 7027(e)",
)];

/// The grounds a request of `kind` may be refused on under `regime`, in the order the window
/// offers them. A type that does not exist under the regime has none.
pub fn allowed_grounds(regime: Regime, kind: RequestType) -> &'static [AllowedGround] {
    use RequestType::*;
    if !kind.applies_to(regime) {
        return &[];
    }
    match kind {
        Access | Rectification | Erasure | Restriction | Portability => GDPR_QUALIFIED,
        Objection => GDPR_OBJECTION,
        WithdrawConsent => GDPR_WITHDRAWAL,
        Know => CCPA_KNOW,
        Delete => CCPA_DELETE,
        Correct => CCPA_CORRECT,
        OptOut => CCPA_OPT_OUT,
        Limit => CCPA_LIMIT,
    }
}

/// Whether `ground` is allowed for a request of `kind` under `regime`.
pub fn is_allowed(regime: Regime, kind: RequestType, ground: RefusalKind) -> bool {
    allowed_grounds(regime, kind)
        .iter()
        .any(|g| g.kind == ground)
}

/// A refusal on a ground the law does not allow for the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub struct GroundNotAllowed {
    /// The request's regime.
    pub regime: Regime,
    /// The request's type.
    pub kind: RequestType,
    /// The ground asked for.
    pub ground: RefusalKind,
}

impl fmt::Display for GroundNotAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let allowed: Vec<&str> = allowed_grounds(self.regime, self.kind)
            .iter()
            .map(|g| g.kind.code())
            .collect();
        write!(
            f,
            "A {} request ({}) cannot be refused as \"{}\"; the grounds allowed are: {}. {}",
            self.kind.label().to_lowercase(),
            self.regime.label(),
            self.ground.code(),
            allowed.join(", "),
            explain(self.regime, self.kind)
        )
    }
}

/// Checks a ground against the table.
pub fn check_ground(
    regime: Regime,
    kind: RequestType,
    ground: RefusalKind,
) -> Result<(), GroundNotAllowed> {
    if is_allowed(regime, kind, ground) {
        Ok(())
    } else {
        Err(GroundNotAllowed {
            regime,
            kind,
            ground,
        })
    }
}

/// Why only these grounds, in one sentence for the request page.
pub fn explain(regime: Regime, kind: RequestType) -> &'static str {
    use RequestType::*;
    match (regime, kind) {
        (Regime::CcpaCpra, OptOut | Limit) => {
            "Opt-out and limit requests need no identity verification and may only be denied for a good-faith, reasonable and documented belief that the request is fraudulent, explained to the requester (Cal. Code Regs. tit. 11 § 7026(d)–(e), § 7027(e)–(f))."
        }
        (Regime::CcpaCpra, _) => {
            "A request to know, delete or correct may be denied when the person cannot be verified, when it is manifestly unfounded or excessive, or when an exemption applies; say which and why (Cal. Code Regs. tit. 11 §§ 7022–7024; Cal. Civ. Code § 1798.145)."
        }
        (_, Objection) => {
            "An objection to direct marketing is absolute: it cannot be refused as manifestly unfounded or excessive; only a person who cannot be identified can be refused (Art. 21(3); Art. 11(2), 12(2))."
        }
        (_, WithdrawConsent) => {
            "Consent can be withdrawn at any time: the withdrawal cannot be refused as manifestly unfounded or excessive; only a person who cannot be identified can be refused (Art. 7(3); Art. 11(2))."
        }
        _ => {
            "A request may be refused if manifestly unfounded or excessive (Art. 12(5)), if the person cannot be identified (Art. 11(2), 12(2)), or under an exemption in law (Art. 23; Art. 17(3) for erasure)."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RefusalKind::*;
    use super::*;
    use RequestType::*;

    /// Every (regime, type) and the exact grounds allowed. Sources: Art. 7(3), 11(2), 12(2),
    /// 12(5)(b), 21(3) GDPR / UK GDPR; Cal. Code Regs. tit. 11 §§ 7022(a), 7023(a), 7024(a)–(b),
    /// 7026(d)–(e), 7027(e)–(f); Cal. Civ. Code §§ 1798.105(d), 1798.145(h)(3).
    #[test]
    fn allowed_grounds_table() {
        let all_four = [
            ManifestlyUnfounded,
            Excessive,
            IdentityNotVerified,
            Exemption,
        ];
        let table: &[(Regime, RequestType, &[RefusalKind])] = &[
            (Regime::Gdpr, Access, &all_four),
            (Regime::Gdpr, Rectification, &all_four),
            (Regime::UkGdpr, Erasure, &all_four),
            (Regime::Gdpr, Restriction, &all_four),
            (Regime::UkGdpr, Portability, &all_four),
            // Issue 16 item 6: absolute rights, never "unfounded or excessive".
            (Regime::Gdpr, Objection, &[IdentityNotVerified]),
            (Regime::UkGdpr, Objection, &[IdentityNotVerified]),
            (Regime::Gdpr, WithdrawConsent, &[IdentityNotVerified]),
            (Regime::UkGdpr, WithdrawConsent, &[IdentityNotVerified]),
            (
                Regime::CcpaCpra,
                Know,
                &[
                    IdentityNotVerified,
                    ManifestlyUnfounded,
                    Excessive,
                    Exemption,
                ],
            ),
            (
                Regime::CcpaCpra,
                Delete,
                &[
                    IdentityNotVerified,
                    ManifestlyUnfounded,
                    Excessive,
                    Exemption,
                ],
            ),
            (
                Regime::CcpaCpra,
                Correct,
                &[
                    IdentityNotVerified,
                    ManifestlyUnfounded,
                    Excessive,
                    Exemption,
                ],
            ),
            // § 7026(d)–(e), § 7027(e)–(f): only documented fraud.
            (Regime::CcpaCpra, OptOut, &[SuspectedFraud]),
            (Regime::CcpaCpra, Limit, &[SuspectedFraud]),
            // A type from another regime has no grounds at all.
            (Regime::Gdpr, OptOut, &[]),
            (Regime::CcpaCpra, Access, &[]),
        ];
        for (regime, kind, expected) in table {
            let got: Vec<RefusalKind> = allowed_grounds(*regime, *kind)
                .iter()
                .map(|g| g.kind)
                .collect();
            assert_eq!(&got, expected, "{regime:?} {kind:?}");
            for k in RefusalKind::ALL {
                assert_eq!(
                    check_ground(*regime, *kind, k).is_ok(),
                    expected.contains(&k),
                    "{regime:?} {kind:?} {k:?}"
                );
            }
        }
        // Fraud is a ground for opt-out and limit only.
        for regime in [Regime::Gdpr, Regime::UkGdpr, Regime::CcpaCpra] {
            for kind in RequestType::for_regime(regime) {
                assert_eq!(
                    is_allowed(regime, kind, SuspectedFraud),
                    matches!(kind, OptOut | Limit),
                    "{kind:?}"
                );
                for g in allowed_grounds(regime, kind) {
                    assert!(!g.source.is_empty());
                }
            }
        }
    }

    #[test]
    fn a_refused_ground_names_the_allowed_ones() {
        let e = check_ground(Regime::CcpaCpra, OptOut, ManifestlyUnfounded).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("suspected-fraud"), "{text}");
        assert!(text.contains("§ 7026"), "{text}");
        let e = check_ground(Regime::UkGdpr, WithdrawConsent, Excessive).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("identity-not-verified"), "{text}");
        assert!(text.contains("Art. 7(3)"), "{text}");
    }
}
