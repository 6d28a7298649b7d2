//! The terms recorded on a request beyond its workflow: the CCPA "know" verification (data
//! points matched, signed declaration) and a fee charged (amount, currency, reason, day).
//! One row per request, created when a term is first recorded; plain codes and counts only.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::domain::request::fee::FeeReason;
use crate::domain::request::know::KnowVerification;
pub use crate::domain::request::terms::{Fee, RequestTerms};

use super::{Db, StoreError, StoreResult, Write};

const DATE: &str = "%Y-%m-%d";

fn currency(code: &str) -> StoreResult<&'static str> {
    ["EUR", "GBP", "USD"]
        .into_iter()
        .find(|c| *c == code)
        .ok_or_else(|| {
            StoreError::Corrupt(format!("a request fee has an unknown currency {code:?}"))
        })
}

/// The terms recorded on `request` (defaults when none).
pub fn get(conn: &Db, request: Uuid) -> StoreResult<RequestTerms> {
    let row = conn
        .query_row(
            "SELECT data_points, signed_declaration, fee_minor, fee_currency, fee_reason, fee_on
             FROM request_terms WHERE request_id = ?1",
            [request.as_bytes().as_slice()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((points, declaration, minor, cur, reason, on)) = row else {
        return Ok(RequestTerms::default());
    };
    let corrupt = || StoreError::Corrupt("a request's fee is unreadable".into());
    let fee = match (minor, cur, reason, on) {
        (Some(minor), Some(cur), Some(reason), Some(on)) => Some(Fee {
            minor: u32::try_from(minor).map_err(|_| corrupt())?,
            currency: currency(&cur)?,
            reason: FeeReason::from_code(&reason).ok_or_else(corrupt)?,
            on: NaiveDate::parse_from_str(&on, DATE).map_err(|_| corrupt())?,
        }),
        (None, None, None, None) => None,
        _ => return Err(corrupt()),
    };
    Ok(RequestTerms {
        verification: KnowVerification {
            data_points: u8::try_from(points).map_err(|_| corrupt())?,
            signed_declaration: declaration == 1,
        },
        fee,
    })
}

fn ensure_row(w: &Write<'_>, request: Uuid) -> StoreResult<()> {
    w.execute(
        "INSERT INTO request_terms (request_id) VALUES (?1) ON CONFLICT (request_id) DO NOTHING",
        [request.as_bytes().as_slice()],
    )?;
    Ok(())
}

/// Records the CCPA know verification of `request`.
pub fn set_verification(w: &Write<'_>, request: Uuid, v: KnowVerification) -> StoreResult<()> {
    ensure_row(w, request)?;
    w.execute(
        "UPDATE request_terms SET data_points = ?2, signed_declaration = ?3 WHERE request_id = ?1",
        params![
            request.as_bytes().as_slice(),
            i64::from(v.data_points),
            i64::from(v.signed_declaration)
        ],
    )?;
    Ok(())
}

/// Records the fee charged on `request` (replacing an earlier one).
pub fn set_fee(w: &Write<'_>, request: Uuid, fee: Fee) -> StoreResult<()> {
    ensure_row(w, request)?;
    w.execute(
        "UPDATE request_terms SET fee_minor = ?2, fee_currency = ?3, fee_reason = ?4, fee_on = ?5
         WHERE request_id = ?1",
        params![
            request.as_bytes().as_slice(),
            i64::from(fee.minor),
            fee.currency,
            fee.reason.code(),
            fee.on.format(DATE).to_string()
        ],
    )?;
    Ok(())
}
