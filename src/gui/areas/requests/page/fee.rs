//! A reasonable fee, and the CCPA repeat-request banner: the fee asked for so far, and a form
//! offering only the reasons the law allows for the request's type (Art. 12(5)(a) as the
//! alternative to refusing a manifestly unfounded or excessive request; Art. 15(3) for further
//! copies; Civ. Code § 1798.145(h)(3); never for withdrawal, objection to direct marketing,
//! opt-out or limit). The rules are `domain::request::{fee, repeat}`.

use egui::{ComboBox, Ui};

use crate::domain::organisation::Regime;
use crate::domain::request::fee::{self, FeeReason};
use crate::domain::request::{Request, long_date, repeat};
use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};
use crate::gui::areas::requests::page::legal_facts::LegalFacts;
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::widgets::{FIELD_WIDTH, hint, text_field};

/// The currencies a fee may be written in.
const CURRENCIES: [&str; 3] = ["EUR", "GBP", "USD"];

/// The fee form's state.
#[derive(Debug)]
pub struct FeeForm {
    open: bool,
    reason: Option<FeeReason>,
    amount: String,
    currency: Option<&'static str>,
    date: String,
}

impl Default for FeeForm {
    fn default() -> Self {
        Self {
            open: false,
            reason: None,
            amount: String::new(),
            currency: None,
            date: iso(today()),
        }
    }
}

/// The banner for a third CCPA request to know within 12 months (§ 1798.130(b)).
pub fn repeat_banner(ui: &mut Ui, facts: &LegalFacts) {
    if facts.repeat_within_12_months {
        ui.colored_label(ui.visuals().warn_fg_color, repeat::WARNING);
    }
}

/// The reasons the law allows for `r`, in order.
fn allowed(r: &Request) -> Vec<FeeReason> {
    FeeReason::ALL
        .into_iter()
        .filter(|reason| fee::fee_allowed(r.regime, r.kind, *reason))
        .collect()
}

impl FeeForm {
    /// Draws the fee asked for and, on an open request, the form; `may` is whether the user
    /// may process requests. Returns the command, or the problem naming the field.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        r: &Request,
        facts: &LegalFacts,
        may: bool,
    ) -> Option<Result<TermsCommand, String>> {
        if let Some(f) = &facts.fee {
            ui.label(format!(
                "Fee asked for on {}: {} {} for {}.",
                long_date(f.on),
                fee::format_amount(f.minor),
                f.currency,
                f.reason.label(r.regime)
            ));
        }
        if !r.is_open() {
            return None;
        }
        let reasons = allowed(r);
        if reasons.is_empty() {
            hint(
                ui,
                "No fee may be charged for this request: withdrawing consent and objecting to direct marketing are free and absolute (GDPR Articles 7(3) and 21(3)); a CCPA opt-out or limit may only be denied for documented fraud (11 CCR § 7026(e), § 7027(f)).",
            );
            return None;
        }
        if ui
            .add_enabled(may, egui::Button::new("Charge a fee…").selected(self.open))
            .clicked()
        {
            self.open = !self.open;
        }
        if !self.open {
            return None;
        }
        let mut out = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            hint(ui, explain(r.regime));
            let chosen = *self.reason.get_or_insert(reasons[0]);
            let label = ui.label("Fee reason");
            ComboBox::from_id_salt("fee-reason")
                .selected_text(chosen.label(r.regime))
                .width(FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    for reason in &reasons {
                        ui.selectable_value(
                            &mut self.reason,
                            Some(*reason),
                            reason.label(r.regime),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            text_field(ui, "Fee amount", &mut self.amount);
            let currency = *self.currency.get_or_insert(fee::default_currency(r.regime));
            let label = ui.label("Currency");
            ComboBox::from_id_salt("fee-currency")
                .selected_text(currency)
                .show_ui(ui, |ui| {
                    for c in CURRENCIES {
                        ui.selectable_value(&mut self.currency, Some(c), c);
                    }
                })
                .response
                .labelled_by(label.id);
            date_field(ui, "Fee asked for on", &mut self.date);
            if ui.button("Record the fee").clicked() {
                out = Some(self.command(r, chosen, currency));
            }
        });
        out
    }

    fn command(
        &self,
        r: &Request,
        reason: FeeReason,
        currency: &str,
    ) -> Result<TermsCommand, String> {
        let minor =
            fee::parse_amount(&self.amount).map_err(|m| m.replacen("Amount", "Fee amount", 1))?;
        Ok(TermsCommand::ChargeFee {
            id: r.id,
            reason,
            minor,
            currency: currency.to_owned(),
            on: parse_date("Fee asked for on", &self.date)?,
        })
    }
}

/// When a fee may be asked for, with the source, for the form.
fn explain(regime: Regime) -> &'static str {
    match regime {
        Regime::CcpaCpra => {
            "Answering is free. For a manifestly unfounded or excessive request you may charge a reasonable fee instead of refusing it; you must be able to show why it is (Cal. Civ. Code § 1798.145(h)(3))."
        }
        Regime::Gdpr | Regime::UkGdpr => {
            "The first copy and every action are free (Art. 12(5)). A reasonable fee based on administrative costs may be asked for further copies (Art. 15(3)), or instead of refusing a manifestly unfounded or excessive request (Art. 12(5)(a))."
        }
    }
}
