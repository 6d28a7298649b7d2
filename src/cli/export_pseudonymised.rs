//! `export pseudonymised --recipient NAME --fields F1,F2 --out FILE [--quasi F1,F2] [--k 5]
//! [--dates day|month|quarter|year] [--accept-low-k]` and `export reidentify --recipient NAME
//! --pseudonym P`.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::domain::pseudonymise::{
    DEFAULT_K, DateGranularity, FIELD_CODES_HELP, parse_fields, parse_quasi,
};
use crate::jobs::Progress;
use crate::services::{PseudonymisedSpec, Session};

/// `export pseudonymised …`
#[derive(Debug, Args)]
pub struct PseudonymisedArgs {
    /// Who receives the file (a vendor, or e.g. "analysis"): each recipient gets their own
    /// pseudonyms, the same in every export to them.
    #[arg(long, value_name = "NAME")]
    pub recipient: String,
    /// The columns, comma-separated: pseudonym (always included), email-domain, created, tags,
    /// requests, consent:<purpose>, consent-since:<purpose>.
    #[arg(long, value_name = "F1,F2,...")]
    pub fields: String,
    /// The file to write (.csv).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The quasi-identifiers k is computed over (default: every chosen field but the
    /// pseudonym).
    #[arg(long, value_name = "F1,F2")]
    pub quasi: Option<String>,
    /// The smallest group size accepted without --accept-low-k.
    #[arg(long, value_name = "K", default_value_t = DEFAULT_K)]
    pub k: u32,
    /// How finely dates are written: day, month, quarter or year.
    #[arg(long, value_name = "GRANULARITY", default_value = "month")]
    pub dates: String,
    /// Write the file even when k is under the threshold.
    #[arg(long)]
    pub accept_low_k: bool,
}

/// `export reidentify …`
#[derive(Debug, Args)]
pub struct ReidentifyArgs {
    /// The recipient the export was made for.
    #[arg(long, value_name = "NAME")]
    pub recipient: String,
    /// The pseudonym as it appears in the file.
    #[arg(long, value_name = "P")]
    pub pseudonym: String,
}

/// Writes a pseudonymised export; prints the k-anonymity figure whether it is written or not.
pub fn export(session: &mut Session, a: PseudonymisedArgs) -> anyhow::Result<()> {
    let fields = parse_fields(&a.fields).map_err(|e| anyhow::anyhow!("--fields: {e}"))?;
    if fields.len() == 1 {
        eprintln!(
            "privacy-desk: note: only the pseudonym will be written; add fields with --fields ({FIELD_CODES_HELP})"
        );
    }
    let quasi = a
        .quasi
        .as_deref()
        .map(|q| parse_quasi(q, &fields))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--quasi: {e}"))?;
    let dates = DateGranularity::from_code(&a.dates)
        .ok_or_else(|| anyhow::anyhow!("--dates must be day, month, quarter or year"))?;
    let spec = PseudonymisedSpec {
        recipient: a.recipient,
        fields,
        quasi,
        dates,
        k_threshold: a.k,
        accept_low_k: a.accept_low_k,
    };
    let progress = Progress::default();
    let reader = session.exports().pseudonym_reader()?;
    let prepared = with_progress_line(&progress, || reader.write(&spec, &a.out, &progress))?;
    let k = prepared.summary().k;
    // The export is finished even when the output is closed; the error comes after.
    let said = outln!("{}", k.describe());
    if !k.meets_threshold() {
        eprintln!(
            "privacy-desk: warning: k = {} is under the threshold of {}; exported anyway because of --accept-low-k",
            k.k, k.threshold
        );
    }
    let summary = session.exports().finish_pseudonymised(prepared)?;
    said?;
    outln!(
        "Wrote {} {} for {:?} to {} (columns {}; k over {}).",
        summary.rows,
        if summary.rows == 1 { "row" } else { "rows" },
        summary.recipient,
        summary.path.display(),
        summary.fields.join(","),
        if summary.quasi.is_empty() {
            "no quasi-identifier".to_owned()
        } else {
            summary.quasi.join(",")
        }
    )?;
    if summary.new_recipient {
        outln!(
            "This was the first export to {:?}: their pseudonym key was made and kept in the store.",
            summary.recipient
        )?;
    }
    if summary.restricted_left_out > 0 {
        outln!(
            "{} restricted {} left out (GDPR Art. 18).",
            summary.restricted_left_out,
            if summary.restricted_left_out == 1 {
                "person was"
            } else {
                "people were"
            }
        )?;
    }
    Ok(())
}

/// Finds and prints the subject behind a pseudonym.
pub fn reidentify(session: &mut Session, a: ReidentifyArgs) -> anyhow::Result<()> {
    let progress = Progress::default();
    let found = session
        .exports()
        .reidentify(&a.recipient, &a.pseudonym, &progress)
        .context("re-identifying the pseudonym")?;
    let Some(subject) = found else {
        bail!(
            "no subject has the pseudonym {:?} for recipient {:?}: check the recipient's name, or the person may have been erased since the export",
            a.pseudonym.trim(),
            a.recipient.trim()
        );
    };
    outln!("Subject {}", subject.id)?;
    outln!("  email: {}", subject.fields.email)?;
    outln!("  name:  {}", subject.fields.name)?;
    if !subject.fields.customer_ref.is_empty() {
        outln!("  customer reference: {}", subject.fields.customer_ref)?;
    }
    Ok(())
}

/// Runs `work` while a thread redraws "\r… people read" on stderr (only on a terminal).
fn with_progress_line<T>(progress: &Progress, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut stderr = std::io::stderr();
            while !finished.load(Ordering::Relaxed) {
                let (done, total) = progress.counts();
                let _ = write!(stderr, "\rexporting: {done} of {total} people read ");
                let _ = stderr.flush();
                std::thread::sleep(Duration::from_millis(200));
            }
            let _ = write!(stderr, "\r{:50}\r", "");
        });
        let result = work();
        finished.store(true, Ordering::Relaxed);
        result
    })
}
