//! What the request page's legal steps show, read with the rest of the page: the CCPA "know"
//! verification level, the fee asked for, whether this is a third request to know within 12
//! months, the purposes an objection reaches, and the person's CCPA choices (for the
//! "may ask again" day). Read through the Requests and Consent fronts; no rule is decided here.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::consent::ccpa_choices;
use crate::domain::request::fee::FeeReason;
use crate::domain::request::know::{KnowLevel, KnowVerification};
use crate::domain::request::{Fulfilment, RequestType};
use crate::services::{ObjectionPurpose, RequestDetail, ServiceResult, Session};

/// A fee recorded on the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeAsked {
    /// Minor units (cents, pence).
    pub minor: u32,
    /// EUR, GBP or USD.
    pub currency: String,
    /// Why.
    pub reason: FeeReason,
    /// The day asked for.
    pub on: NaiveDate,
}

/// The legal facts of one request's page.
#[derive(Clone, Debug, Default)]
pub struct LegalFacts {
    /// For a CCPA request to know: what was verified and the level reached.
    pub know: Option<(KnowVerification, KnowLevel)>,
    /// The fee asked for, if any.
    pub fee: Option<FeeAsked>,
    /// At least the third CCPA request to know from the person in 12 months (§ 1798.130(b)).
    pub repeat_within_12_months: bool,
    /// For an objection: the purposes it reaches and their outcome (Art. 21(1)).
    pub objection: Vec<ObjectionPurpose>,
    /// For a CCPA opt-out or limit: when the business may next ask the person to opt in
    /// again, while a choice is in force (§ 1798.135(c)(4)).
    pub may_ask_again_from: Option<DateTime<Utc>>,
}

impl LegalFacts {
    /// Reads the facts for `detail` (`subject` is the person, unless erased).
    pub fn read(
        session: &Session,
        detail: &RequestDetail,
        subject: Option<uuid::Uuid>,
    ) -> ServiceResult<Self> {
        let r = &detail.request;
        let requests = session.requests();
        let know = requests.know_verification(r.id)?;
        let fee = requests.request_terms(r.id)?.fee.map(|f| FeeAsked {
            minor: f.minor,
            currency: f.currency.to_owned(),
            reason: f.reason,
            on: f.on,
        });
        let objection = if r.kind == RequestType::Objection {
            requests.objection_purposes(r.id)?
        } else {
            Vec::new()
        };
        let may_ask_again_from = match (r.kind.fulfilment(), subject) {
            (Fulfilment::OptOutOfSale | Fulfilment::LimitSensitiveUse, Some(s)) => {
                ccpa_choices(&session.consent().consent_timeline(s)?).may_ask_again_from
            }
            _ => None,
        };
        Ok(Self {
            know,
            fee,
            repeat_within_12_months: requests.repeat_within_12_months(r.id)?,
            objection,
            may_ask_again_from,
        })
    }
}
