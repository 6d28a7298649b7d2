//! The retention rules table: the officer's policy, in order.

use chrono::Utc;
use rusqlite::params;

use crate::domain::purpose::PurposeCode;
use crate::domain::retention::{
    Condition, FromEvent, Period, PeriodUnit, RecordKind, RetentionAction, RetentionRule,
};

use super::{Db, StoreError, StoreResult};

fn unit_code(u: PeriodUnit) -> &'static str {
    match u {
        PeriodUnit::Days => "days",
        PeriodUnit::Months => "months",
        PeriodUnit::Years => "years",
    }
}

/// Every rule, in policy order.
pub fn list(conn: &Db) -> StoreResult<Vec<RetentionRule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, name, kind, purpose_code, condition, period_amount, period_unit,
                from_event, action, reason, enabled
         FROM retention_rules ORDER BY position, code",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let corrupt = |what: &str| {
            StoreError::Corrupt(format!("retention rule {code} has an unreadable {what}"))
        };
        let kind: String = r.get(2)?;
        let purpose: Option<String> = r.get(3)?;
        let condition: String = r.get(4)?;
        let unit: String = r.get(6)?;
        let from: String = r.get(7)?;
        let action: String = r.get(8)?;
        out.push(RetentionRule {
            name: r.get(1)?,
            kind: RecordKind::from_code(&kind).ok_or_else(|| corrupt("kind"))?,
            purpose: purpose
                .map(|p| PurposeCode::parse(&p).map_err(|_| corrupt("purpose")))
                .transpose()?,
            condition: Condition::from_code(&condition).ok_or_else(|| corrupt("condition"))?,
            period: Period {
                amount: r.get(5)?,
                unit: match unit.as_str() {
                    "days" => PeriodUnit::Days,
                    "months" => PeriodUnit::Months,
                    "years" => PeriodUnit::Years,
                    _ => return Err(corrupt("period")),
                },
            },
            from: FromEvent::from_code(&from).ok_or_else(|| corrupt("event"))?,
            action: RetentionAction::from_code(&action).ok_or_else(|| corrupt("action"))?,
            reason: r.get(9)?,
            enabled: r.get(10)?,
            code,
        });
    }
    Ok(out)
}

/// Inserts or replaces a rule (kept at its position, or appended).
pub fn save(conn: &Db, rule: &RetentionRule) -> StoreResult<()> {
    let position: i64 = conn.query_row(
        "SELECT COALESCE((SELECT position FROM retention_rules WHERE code = ?1),
                         (SELECT COALESCE(MAX(position), 0) + 1 FROM retention_rules))",
        [&rule.code],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO retention_rules (code, position, name, kind, purpose_code, condition,
             period_amount, period_unit, from_event, action, reason, enabled, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             purpose_code = excluded.purpose_code, condition = excluded.condition,
             period_amount = excluded.period_amount, period_unit = excluded.period_unit,
             from_event = excluded.from_event, action = excluded.action,
             reason = excluded.reason, enabled = excluded.enabled, updated_at = excluded.updated_at",
        params![
            rule.code,
            position,
            rule.name.trim(),
            rule.kind.code(),
            rule.purpose.as_ref().map(PurposeCode::as_str),
            rule.condition.code(),
            rule.period.amount,
            unit_code(rule.period.unit),
            rule.from.code(),
            rule.action.code(),
            rule.reason.trim(),
            rule.enabled,
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Removes a rule; returns whether it existed.
pub fn remove(conn: &Db, code: &str) -> StoreResult<bool> {
    Ok(conn.execute("DELETE FROM retention_rules WHERE code = ?1", [code])? > 0)
}
