//! The record of processing activities as a printable report ([`Document`]): the controller
//! and DPO at the top (with the Art. 27 representative and Art. 26 joint controllers), a
//! section per activity with the points of GDPR Art. 30(1)(a)–(g), and the
//! data inventory as a table, then the Art. 30(2) record when the business also processes for
//! other controllers. `report::pdf` and `report::docx` render it.

use chrono::NaiveDate;

use crate::domain::records::RecordCode;
use crate::report::Document;

use crate::services::records::export::{RopaContext, join_or};

impl RopaContext {
    /// The register as a printable report.
    pub fn report(&self, today: NaiveDate) -> Document {
        let org = self.profile.name.trim();
        let date = crate::domain::request::long_date(today);
        let subtitle = if org.is_empty() {
            format!("As of {date}")
        } else {
            format!("{org} · as of {date}")
        };
        let mut doc = Document::new("Record of processing activities", subtitle);
        doc.heading(1, "Controller");
        doc.fields([
            ("Controller", self.controller()),
            ("Data protection officer", self.dpo()),
        ]);
        super::report_roles::controller_part(&mut doc, &self.roles);
        doc.paragraph(format!(
            "Kept under GDPR Art. 30(1): {} processing activities, {} systems in the data inventory.",
            self.activities.len(),
            self.systems.len()
        ));
        doc.heading(1, "Processing activities");
        if self.activities.is_empty() {
            doc.paragraph("No processing activities are recorded yet.");
        }
        for a in &self.activities {
            doc.heading(2, a.name.clone());
            if !a.description.is_empty() {
                doc.paragraph(a.description.clone());
            }
            let condition = self.condition(a);
            let mut fields = vec![
                ("(a) Controller", org.to_owned()),
                ("(b) Purposes", self.purposes(a)),
                ("(c) Data subjects", self.subjects(a)),
                ("(c) Personal data", self.categories(&a.data_categories)),
            ];
            if !condition.is_empty() {
                fields.push(("(c) Art. 9/10 condition", condition));
            }
            fields.extend([
                ("(d) Recipients inside", self.internal(a)),
                ("(d) Vendors", self.vendors(a)),
                ("(e) Transfers", self.transfers(a)),
                ("(f) Erasure", self.retention(a)),
                ("(g) Security", self.security(a)),
            ]);
            doc.fields(fields);
        }
        doc.heading(1, "Data inventory");
        if self.systems.is_empty() {
            doc.paragraph("No systems are recorded yet.");
        } else {
            let activity_name = |c: &RecordCode| {
                self.activities
                    .iter()
                    .find(|a| &a.code == c)
                    .map_or_else(|| c.to_string(), |a| a.name.clone())
            };
            let rows = self
                .systems
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.kind.label().to_owned(),
                        s.location.clone(),
                        s.vendor.as_ref().map_or_else(
                            || "In-house".to_owned(),
                            |v| {
                                self.vendors
                                    .get(v)
                                    .cloned()
                                    .unwrap_or_else(|| v.to_string())
                            },
                        ),
                        self.categories(&s.data_categories),
                        join_or(s.activities.iter().map(activity_name).collect(), ", ", ""),
                        s.keeps_for
                            .map_or_else(|| "Not limited".to_owned(), |p| p.to_string()),
                    ]
                })
                .collect();
            doc.table(
                [
                    "System",
                    "Kind",
                    "Location",
                    "Run by",
                    "Data categories",
                    "Activities",
                    "Kept for",
                ]
                .map(str::to_owned)
                .to_vec(),
                rows,
            );
        }
        super::report_roles::processor_part(&mut doc, &self.roles);
        doc
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::organisation::OrganisationProfile;
    use crate::domain::records::{Activity, DataSystem, SystemKind, Taxonomy};
    use crate::report::Block;

    fn context(activities: Vec<Activity>, systems: Vec<DataSystem>) -> RopaContext {
        RopaContext {
            profile: OrganisationProfile {
                name: "Corner Bakery Ltd".into(),
                ..OrganisationProfile::default()
            },
            taxonomy: Taxonomy::default_taxonomy().unwrap(),
            purposes: BTreeMap::new(),
            rules: BTreeMap::new(),
            vendors: BTreeMap::new(),
            measures: BTreeMap::new(),
            activities,
            systems,
            roles: Default::default(),
        }
    }

    #[test]
    fn the_report_has_the_controller_a_section_per_activity_and_the_inventory() {
        let mut a = Activity::named("Sending the newsletter");
        a.data_categories =
            vec![crate::domain::records::CategoryCode::parse("sensitive.health").unwrap()];
        let s = DataSystem {
            code: RecordCode::from_name("Shop"),
            name: "Shop".into(),
            kind: SystemKind::Shop,
            location: "Leeds".into(),
            vendor: None,
            data_categories: Vec::new(),
            activities: vec![a.code.clone()],
            holds_register: false,
            keeps_for: None,
            notes: String::new(),
        };
        let doc = context(vec![a], vec![s]).report(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
        assert_eq!(doc.title, "Record of processing activities");
        assert_eq!(doc.subtitle, "Corner Bakery Ltd · as of 29 November 2026");
        let Block::Fields(top) = &doc.blocks[1] else {
            panic!("{:?}", doc.blocks[1]);
        };
        assert_eq!(
            top[1],
            ("Data protection officer".into(), "None appointed".into())
        );
        let fields: Vec<&(String, String)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Fields(f) => Some(f),
                _ => None,
            })
            .flatten()
            .collect();
        let labels: Vec<&str> = fields.iter().map(|(l, _)| l.as_str()).collect();
        for point in [
            "(a) Controller",
            "(b) Purposes",
            "(c) Personal data",
            "(d) Vendors",
            "(e) Transfers",
            "(f) Erasure",
            "(g) Security",
        ] {
            assert!(labels.contains(&point), "{point}: {labels:?}");
        }
        let condition = fields
            .iter()
            .find(|(l, _)| l == "(c) Art. 9/10 condition")
            .unwrap();
        assert!(condition.1.starts_with("None recorded"), "{condition:?}");
        let Some(Block::Table { columns, rows }) = doc.blocks.last() else {
            panic!("the inventory is the last block");
        };
        assert_eq!(columns[0], "System");
        assert_eq!(rows[0][0], "Shop");
        assert_eq!(rows[0][5], "Sending the newsletter");
        assert_eq!(rows[0][3], "In-house");
    }

    #[test]
    fn an_empty_register_says_so() {
        let doc =
            context(Vec::new(), Vec::new()).report(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let text: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                _ => None,
            })
            .collect();
        assert!(text.contains(&"No processing activities are recorded yet."));
        assert!(text.contains(&"No systems are recorded yet."));
    }
}
