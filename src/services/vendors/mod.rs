//! The vendor register at the service level: list, read, add or change, remove (refused while
//! an activity or a system still refers to the vendor), the due-diligence review (answers →
//! risk rating → last and next review dates), and the reviews due (for the Dashboard and
//! `status`). Every role may read the register (it holds the business's descriptions, no
//! personal data); changes need [`Permission::EditVendorsAndRecords`] and write their audit
//! entry (`vendor.saved`, `vendor.reviewed`, `vendor.removed`: codes and ratings only) in the
//! same transaction.

pub(in crate::services) mod questionnaire;

/// The vendors area of a session (see [`crate::services::front`]).
pub type Vendors<'s> = crate::services::front::Front<'s, crate::services::front::area::Vendors>;

use crate::store::Db;
use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::links::{Referrer, referrers_sentence};
use crate::domain::records::questionnaire::Answers;
use crate::domain::records::vendor_rating::rate;
use crate::domain::records::{
    Activity, DataSystem, DpaStatus, RecordCode, RiskLevel, RiskRating, Vendor, VendorFacts,
    VendorRole,
};
use crate::store::purposes;
use crate::store::register_table::{self, Register, RegisterRow};

use super::{ServiceError, ServiceResult};
use crate::services::records::taxonomy_rows::read_taxonomy;

/// Reviews due within this many days show on the Dashboard (with the overdue ones).
pub const VENDOR_REVIEW_HORIZON_DAYS: u64 = 30;

/// One line of the vendor list (`vendor list --json` prints these; the field names are
/// stable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VendorSummary {
    /// Its code.
    pub code: RecordCode,
    /// Its name.
    pub name: String,
    /// `processor`, `sub-processor`, `independent-controller` or `joint-controller`.
    pub role: VendorRole,
    /// Every country where it processes the data.
    pub countries: Vec<String>,
    /// `not-needed`, `missing`, `requested` or `signed`.
    pub dpa: DpaStatus,
    /// When the agreement was signed.
    pub dpa_signed_on: Option<NaiveDate>,
    /// `low`, `medium` or `high`, computed now from the answers and the record.
    pub rating: RiskLevel,
    /// The rating's score.
    pub score: u32,
    /// When it was last reviewed.
    pub last_reviewed_on: Option<NaiveDate>,
    /// When the next review is due.
    pub next_review_on: Option<NaiveDate>,
    /// Whether the next review is due on the day asked or earlier.
    pub due: bool,
}

/// A vendor with its rating (`vendor show --json`: the vendor's fields, then `rating`,
/// `due`, `referred_by`).
#[derive(Clone, Debug, Serialize)]
pub struct VendorDetail {
    /// The vendor.
    #[serde(flatten)]
    pub vendor: Vendor,
    /// Its rating, computed now.
    pub rating: RiskRating,
    /// Whether its review is due.
    pub due: bool,
    /// The activities and systems that refer to it, in words.
    pub referred_by: Vec<String>,
    /// The impact assessments that cover it (their titles and status), when the user may read
    /// assessments.
    pub assessments: Vec<String>,
}

/// A vendor review due soon or overdue (`status --json`: `vendor_reviews_due`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VendorDue {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The day the review is due.
    pub next_review_on: NaiveDate,
    /// Whether that day has passed.
    pub overdue: bool,
}

/// Vendor reviews due within [`VENDOR_REVIEW_HORIZON_DAYS`] of `today` or overdue, earliest
/// first, on any connection.
pub fn vendor_reviews_due_on(conn: &Db, today: NaiveDate) -> ServiceResult<Vec<VendorDue>> {
    let horizon = today + Days::new(VENDOR_REVIEW_HORIZON_DAYS);
    Ok(
        register_table::due_on_or_before(conn, Register::Vendors, horizon)?
            .into_iter()
            .map(|(code, name, day)| VendorDue {
                code,
                name,
                next_review_on: day,
                overdue: day < today,
            })
            .collect(),
    )
}

/// A problem of the vendor's own fields ("Name: …") as an error naming the field.
fn own_problem(message: String) -> ServiceError {
    match message.split_once(": ") {
        Some((field, rest)) => ServiceError::invalid(field, rest),
        None => ServiceError::invalid("Vendor", message),
    }
}

/// The activities and systems that refer to `code`.
fn referrers(conn: &Db, code: &RecordCode) -> ServiceResult<Vec<Referrer>> {
    let mut out = Vec::new();
    for a in register_table::list::<Activity>(conn, Register::Activities)? {
        if a.vendors.contains(code) {
            out.push(Referrer {
                noun: "processing activity",
                code: a.code.to_string(),
                name: a.name,
                field: "Vendors",
            });
        }
    }
    for s in register_table::list::<DataSystem>(conn, Register::Systems)? {
        if s.vendor.as_ref() == Some(code) {
            out.push(Referrer {
                noun: "system",
                code: s.code.to_string(),
                name: s.name,
                field: "Vendor",
            });
        }
    }
    Ok(out)
}

impl Vendors<'_> {
    /// The vendors, in the officer's order.
    pub fn list(&self) -> ServiceResult<Vec<Vendor>> {
        Ok(register_table::list(self.store.db(), Register::Vendors)?)
    }

    /// The vendor with `code`, if any.
    pub fn vendor(&self, code: &RecordCode) -> ServiceResult<Option<Vendor>> {
        Ok(register_table::get(
            self.store.db(),
            Register::Vendors,
            code.as_str(),
        )?)
    }

    /// The vendor with `code`, or an error saying there is none.
    fn vendor_or_error(&self, code: &RecordCode) -> ServiceResult<Vendor> {
        self.vendor(code)?.ok_or_else(|| {
            ServiceError::invalid(
                "Vendor",
                format!("there is no vendor {code}; `vendor list` shows them"),
            )
        })
    }

    /// The facts of a vendor that count in its rating (the taxonomy says which categories
    /// are special).
    pub fn vendor_facts(&self, vendor: &Vendor) -> ServiceResult<VendorFacts> {
        let taxonomy = read_taxonomy(self.store.db())?;
        Ok(VendorFacts::of(vendor, &taxonomy))
    }

    /// The vendor's rating now, from its answers and its record.
    pub fn vendor_rating(&self, vendor: &Vendor) -> ServiceResult<RiskRating> {
        let q = self.vendor_questionnaire()?;
        Ok(rate(&q, &vendor.answers, &self.vendor_facts(vendor)?))
    }

    /// The vendor list with ratings computed now; `due` as of `today`.
    pub fn vendor_summaries(&self, today: NaiveDate) -> ServiceResult<Vec<VendorSummary>> {
        let q = self.vendor_questionnaire()?;
        let taxonomy = read_taxonomy(self.store.db())?;
        Ok(self
            .vendors()
            .list()?
            .into_iter()
            .map(|v| {
                let r = rate(&q, &v.answers, &VendorFacts::of(&v, &taxonomy));
                VendorSummary {
                    due: v.next_review_on.is_some_and(|d| d <= today),
                    code: v.code,
                    name: v.name,
                    role: v.role,
                    countries: v.countries,
                    dpa: v.dpa,
                    dpa_signed_on: v.dpa_signed_on,
                    rating: r.level,
                    score: r.score,
                    last_reviewed_on: v.last_reviewed_on,
                    next_review_on: v.next_review_on,
                }
            })
            .collect())
    }

    /// One vendor with its rating and who refers to it.
    pub fn vendor_detail(
        &self,
        code: &RecordCode,
        today: NaiveDate,
    ) -> ServiceResult<VendorDetail> {
        let vendor = self.vendor_or_error(code)?;
        let mut assessments = Vec::new();
        if self.user.role.can(Permission::ViewReports) {
            for summary in self.assessments().list(today)? {
                let a = self.assessments().assessment(summary.id)?;
                if a.links.vendors.contains(code) {
                    assessments.push(format!(
                        "{} (version {}, {})",
                        a.title,
                        a.version,
                        a.status.label().to_lowercase()
                    ));
                }
            }
        }
        Ok(VendorDetail {
            assessments,
            rating: self.vendor_rating(&vendor)?,
            due: vendor.next_review_on.is_some_and(|d| d <= today),
            referred_by: referrers(self.store.db(), code)?
                .iter()
                .map(ToString::to_string)
                .collect(),
            vendor,
        })
    }

    /// Vendor reviews due within 30 days of `today` or overdue.
    pub fn vendor_reviews_due(&self, today: NaiveDate) -> ServiceResult<Vec<VendorDue>> {
        vendor_reviews_due_on(self.store.db(), today)
    }

    /// Checks that the vendor's categories, purposes and activities exist.
    fn check_vendor_links(&self, v: &Vendor) -> ServiceResult<()> {
        let conn = self.store.db();
        let taxonomy = read_taxonomy(conn)?;
        if let Some(c) = v.data_categories.iter().find(|c| taxonomy.get(c).is_none()) {
            return Err(ServiceError::invalid(
                "Data categories",
                format!(
                    "there is no data category {c} in the taxonomy; add it under Data categories first"
                ),
            ));
        }
        for p in &v.purposes {
            if !purposes::exists(conn, p)? {
                return Err(ServiceError::invalid(
                    "Purposes",
                    format!(
                        "there is no purpose {p} in the purpose catalogue (`purpose list` shows it)"
                    ),
                ));
            }
        }
        for a in &v.activities {
            if register_table::get::<serde_json::Value>(conn, Register::Activities, a.as_str())?
                .is_none()
            {
                return Err(ServiceError::invalid(
                    "Activities",
                    format!(
                        "there is no processing activity {a} in the record of processing; add it first"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Adds (`new`) or changes a vendor after checking it and its links; returns it as saved.
    /// A new vendor with no review date is due for review `today`: check it before use.
    pub fn save_vendor(
        &mut self,
        vendor: &Vendor,
        new: bool,
        today: NaiveDate,
    ) -> ServiceResult<Vendor> {
        self.require(Permission::EditVendorsAndRecords)?;
        let mut v = vendor.clone();
        v.tidy();
        v.check().map_err(own_problem)?;
        let stored = self.vendor(&v.code)?;
        let earlier = stored
            .as_ref()
            .map(|s| s.answers.clone())
            .unwrap_or_default();
        v.answers = self
            .vendor_questionnaire()?
            .normalise_keeping(&v.answers, &earlier)
            .map_err(|m| ServiceError::invalid("Questionnaire", m))?;
        match (new, stored.is_some()) {
            (true, true) => {
                return Err(ServiceError::invalid(
                    "Name",
                    format!(
                        "there is already a vendor with the code {}; choose another name",
                        v.code
                    ),
                ));
            }
            (false, false) => {
                return Err(ServiceError::invalid(
                    "Code",
                    format!("there is no vendor {}", v.code),
                ));
            }
            _ => {}
        }
        self.check_vendor_links(&v)?;
        if new && v.next_review_on.is_none() {
            v.next_review_on = Some(today);
        }
        let entry = self.entry(
            AuditAction::VendorSaved,
            EntityRef::new("vendor", v.code.as_str()),
            if new { "added" } else { "changed" }.into(),
        );
        let mut w = self.store.write()?;
        write_vendor(&w, &v)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(v)
    }

    /// Records a due-diligence review on `on`: the answers (as typed; checked against the
    /// questionnaire in use) replace the previous ones, the rating is computed, and the next
    /// review is set 12, 6 or 3 months ahead for Low, Medium or High. Answers to questions the
    /// questionnaire in use no longer asks stay on the record (they count again if that
    /// questionnaire comes back); the rating ignores them.
    pub fn review_vendor(
        &mut self,
        code: &RecordCode,
        answers: &Answers,
        on: NaiveDate,
    ) -> ServiceResult<(Vendor, RiskRating)> {
        self.require(Permission::EditVendorsAndRecords)?;
        let mut v = self.vendor_or_error(code)?;
        let q = self.vendor_questionnaire()?;
        let mut kept: Answers = v
            .answers
            .iter()
            .filter(|(id, _)| q.question(id).is_none())
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect();
        kept.extend(
            q.normalise_keeping(answers, &v.answers)
                .map_err(|m| ServiceError::invalid("Answers", m))?,
        );
        v.answers = kept;
        let rating = rate(&q, &v.answers, &self.vendor_facts(&v)?);
        v.last_reviewed_on = Some(on);
        v.next_review_on = Some(rating.level.next_review(on));
        let entry = self.entry(
            AuditAction::VendorReviewed,
            EntityRef::new("vendor", v.code.as_str()),
            format!(
                "rated {}, score {}, {} of {} questions answered",
                rating.level.code(),
                rating.score,
                q.answered(&v.answers),
                q.questions.len()
            ),
        );
        let mut w = self.store.write()?;
        write_vendor(&w, &v)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok((v, rating))
    }

    /// Removes a vendor no activity or system refers to; otherwise the message names who
    /// still does.
    pub fn remove_vendor(&mut self, code: &RecordCode) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let vendor = self.vendor_or_error(code)?;
        let refs = referrers(self.store.db(), code)?;
        if !refs.is_empty() {
            let one = refs.len() == 1;
            return Err(ServiceError::invalid(
                "Vendor",
                format!(
                    "“{}” cannot be removed while {} refer{} to it; change {} first",
                    vendor.name,
                    referrers_sentence(&refs),
                    if one { "s" } else { "" },
                    if one { "it" } else { "them" },
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::VendorRemoved,
            EntityRef::new("vendor", code.as_str()),
            "removed".into(),
        );
        let mut w = self.store.write()?;
        register_table::remove(&w, Register::Vendors, code.as_str())?;
        // Its signed agreement and other files go with it.
        let owner = crate::domain::attachment::AttachmentOwner::Vendor(code.as_str().to_owned());
        crate::store::attachments::delete_for_owner(&w, &owner)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}

fn write_vendor(conn: &Db, v: &Vendor) -> crate::store::StoreResult<()> {
    register_table::save(
        conn,
        Register::Vendors,
        &RegisterRow {
            code: v.code.as_str(),
            name: &v.name,
            date: v.next_review_on,
            record: v,
        },
    )
}
