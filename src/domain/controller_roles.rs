//! The controller's roles beside its own processing, kept in the organisation profile and
//! printed in the record of processing activities.
//!
//! | What | Rule | Source |
//! |---|---|---|
//! | Representative | A controller not established in the Union (the UK) that offers goods or services to, or monitors, people there designates in writing a representative, who is named in the record and can be addressed by the authority and the people. | GDPR Art. 27(1), (4), Art. 30(1)(a); UK GDPR Art. 27, 30(1)(a). |
//! | Joint controllers | Where two or more controllers jointly determine the purposes and means, they set out their respective responsibilities in an arrangement; the essence of it is made available to the people. | GDPR and UK GDPR Art. 26(1)–(2). |
//! | Processor record | A business that also processes on behalf of other controllers keeps a record of: the name and contact of each controller; the categories of processing carried out for each; transfers to a third country with their safeguards; a general description of the security measures. | GDPR and UK GDPR Art. 30(2)(a)–(d). |

use serde::{Deserialize, Serialize};

use super::organisation::Contact;

/// A joint controller and the essence of the arrangement (Art. 26).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointController {
    /// The other controller's name.
    pub name: String,
    /// How to reach it (email, address).
    pub contact: String,
    /// The essence of the arrangement: who does what, and whom the people contact
    /// (Art. 26(1)–(2)).
    pub essence: String,
}

/// Processing carried out on behalf of one controller (Art. 30(2)(a)–(c)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessedFor {
    /// The controller, with its contact (Art. 30(2)(a)).
    pub controller: String,
    /// The categories of processing carried out for it (Art. 30(2)(b)).
    pub categories: String,
    /// Transfers to a third country or international organisation, with their safeguards, or
    /// empty for none (Art. 30(2)(c)).
    pub transfers: String,
}

/// The controller's roles: representative, joint controllers, and the record kept as a
/// processor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControllerRoles {
    /// The Art. 27 representative (empty when none is designated).
    #[serde(default)]
    pub representative: Contact,
    /// The Art. 26 joint controllers.
    #[serde(default)]
    pub joint_controllers: Vec<JointController>,
    /// The Art. 30(2) record: each controller processed for.
    #[serde(default)]
    pub processed_for: Vec<ProcessedFor>,
    /// Art. 30(2)(d): a general description of the security measures for that processing.
    #[serde(default)]
    pub processor_security: String,
}

/// The longest text of one field.
pub const MAX_FIELD: usize = 2000;

impl ControllerRoles {
    /// Whether the business processes on behalf of other controllers.
    pub fn is_processor(&self) -> bool {
        !self.processed_for.is_empty()
    }

    /// Every problem, each naming the field and what to do (empty when the roles can be
    /// saved). See the module's table for the sources.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let r = &self.representative;
        if !r.is_empty() && r.name.trim().is_empty() {
            out.push(
                "Representative: give the representative's name (Art. 27(1), 30(1)(a))".to_owned(),
            );
        }
        if !r.is_empty() && r.email.trim().is_empty() && r.postal_address.trim().is_empty() {
            out.push("Representative: give an email or a postal address where the authority and the people can reach them (Art. 27(4))".to_owned());
        }
        for (i, j) in self.joint_controllers.iter().enumerate() {
            let n = i + 1;
            if j.name.trim().is_empty() {
                out.push(format!("Joint controller {n}: give its name (Art. 26(1))"));
            }
            if j.essence.trim().is_empty() {
                out.push(format!("Joint controller {n}: give the essence of the arrangement, who does what and whom the people contact (Art. 26(2))"));
            }
        }
        for (i, p) in self.processed_for.iter().enumerate() {
            let n = i + 1;
            if p.controller.trim().is_empty() {
                out.push(format!("Processing for controller {n}: give the controller's name and contact (Art. 30(2)(a))"));
            }
            if p.categories.trim().is_empty() {
                out.push(format!("Processing for controller {n}: give the categories of processing carried out for it (Art. 30(2)(b))"));
            }
        }
        if self.is_processor() && self.processor_security.trim().is_empty() {
            out.push("Processor security: describe the security measures for the processing done for other controllers (Art. 30(2)(d), 32(1))".to_owned());
        }
        let texts = [
            &r.name,
            &r.email,
            &r.phone,
            &r.postal_address,
            &self.processor_security,
        ];
        let long = texts.iter().any(|t| t.chars().count() > MAX_FIELD)
            || self.joint_controllers.iter().any(|j| {
                [&j.name, &j.contact, &j.essence]
                    .iter()
                    .any(|t| t.chars().count() > MAX_FIELD)
            })
            || self.processed_for.iter().any(|p| {
                [&p.controller, &p.categories, &p.transfers]
                    .iter()
                    .any(|t| t.chars().count() > MAX_FIELD)
            });
        if long {
            out.push(format!(
                "A field is longer than {MAX_FIELD} characters; shorten it"
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joint(name: &str, essence: &str) -> JointController {
        JointController {
            name: name.into(),
            contact: "privacy@partner.example".into(),
            essence: essence.into(),
        }
    }

    fn processed(controller: &str, categories: &str) -> ProcessedFor {
        ProcessedFor {
            controller: controller.into(),
            categories: categories.into(),
            transfers: String::new(),
        }
    }

    /// Art. 26(1)–(2), 27(1), (4), 30(2)(a)–(d): what each role must hold to be saved.
    #[test]
    fn problems_table() {
        let rep = |name: &str, email: &str, address: &str| Contact {
            name: name.into(),
            email: email.into(),
            phone: String::new(),
            postal_address: address.into(),
        };
        let cases: Vec<(&str, ControllerRoles, &[&str])> = vec![
            ("nothing recorded", ControllerRoles::default(), &[]),
            (
                "representative with an address",
                ControllerRoles {
                    representative: rep("EU Rep Ltd", "", "1 Quay, Dublin"),
                    ..Default::default()
                },
                &[],
            ),
            (
                "representative without a name",
                ControllerRoles {
                    representative: rep("", "rep@example.eu", ""),
                    ..Default::default()
                },
                &["Art. 27(1)"],
            ),
            (
                "representative who cannot be reached",
                ControllerRoles {
                    representative: rep("EU Rep Ltd", "", ""),
                    ..Default::default()
                },
                &["Art. 27(4)"],
            ),
            (
                "joint controller without the essence",
                ControllerRoles {
                    joint_controllers: vec![joint("Partner Shop", " ")],
                    ..Default::default()
                },
                &["Art. 26(2)"],
            ),
            (
                "joint controller without a name",
                ControllerRoles {
                    joint_controllers: vec![joint("", "We answer requests")],
                    ..Default::default()
                },
                &["Art. 26(1)"],
            ),
            (
                "processor without security measures",
                ControllerRoles {
                    processed_for: vec![processed("Client Co, dpo@client.example", "payroll")],
                    ..Default::default()
                },
                &["Art. 30(2)(d)"],
            ),
            (
                "processor entry without categories or controller",
                ControllerRoles {
                    processed_for: vec![processed("", "")],
                    processor_security: "Encrypted laptops".into(),
                    ..Default::default()
                },
                &["Art. 30(2)(a)", "Art. 30(2)(b)"],
            ),
            (
                "complete processor record",
                ControllerRoles {
                    processed_for: vec![processed("Client Co", "payroll")],
                    processor_security: "Encrypted laptops".into(),
                    ..Default::default()
                },
                &[],
            ),
            (
                "too long",
                ControllerRoles {
                    processor_security: "x".repeat(MAX_FIELD + 1),
                    ..Default::default()
                },
                &["longer than"],
            ),
        ];
        for (case, roles, want) in cases {
            let got = roles.problems();
            assert_eq!(got.len(), want.len(), "{case}: {got:?}");
            for (g, w) in got.iter().zip(want.iter()) {
                assert!(g.contains(w), "{case}: {g} lacks {w}");
            }
        }
    }
}
