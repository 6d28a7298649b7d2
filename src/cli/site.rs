//! `site build`: the self-service pages the business hosts.

use std::path::PathBuf;

use chrono::Local;
use clap::Subcommand;

use crate::domain::site::Lang;
use crate::services::Session;

/// `site …`
#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Write the self-service pages (request form, preference page) as static files to host
    /// on the business's web space. They send to the form address (`profile set
    /// --form-action URL`) or, without one, by email to the controller's address; the privacy
    /// mailbox (`inbox import`/`inbox fetch`) reads what they send exactly.
    Build {
        /// The folder to write the site into (created when missing; other files are left).
        #[arg(long)]
        out: PathBuf,
        /// The languages, comma-separated: en, de, fr, es (the first is the root page's).
        #[arg(long, value_delimiter = ',', default_value = "en")]
        lang: Vec<String>,
        /// Print JSON (`files`, `page_version`, `submits_to`) instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a site command on an unlocked session.
pub fn run(session: &mut Session, command: SiteCommand) -> anyhow::Result<()> {
    match command {
        SiteCommand::Build { out, lang, json } => {
            let mut langs = Vec::new();
            for code in &lang {
                let Some(l) = Lang::from_code(code) else {
                    let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                    anyhow::bail!(
                        "--lang: {code:?} is not a language the pages are written in; use {}. Nothing was written.",
                        known.join(", ")
                    );
                };
                if !langs.contains(&l) {
                    langs.push(l);
                }
            }
            let report = session
                .settings()
                .build_site(&out, &langs, Local::now().date_naive())?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?)?;
                return Ok(());
            }
            outln!(
                "The self-service site was written to {} ({} files, page version {}).",
                out.display(),
                report.files.len(),
                report.page_version
            )?;
            outln!("Its forms send to {}.", report.submits_to)?;
            outln!(
                "Upload the folder to your web space and link to index.html from your privacy notice."
            )?;
            Ok(())
        }
    }
}
