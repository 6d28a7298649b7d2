//! `--from-file PATH` (or `-` for standard input): personal data for a command read from a file
//! instead of the command line, where the shell history and `ps` would show it.
//!
//! The file holds `key: value` lines. A key is the name of one of the command's arguments as
//! its `--help` spells it: an option's long name without the dashes (`name: Jane Doe` is
//! `--name "Jane Doe"`), or the name of a positional argument (`email: jane@example.com` for
//! `subject show EMAIL`). Where a command has both (`subject correct EMAIL --email NEW`), the
//! key `email` is the positional one and `new-email` the option. A key may repeat where the
//! option does. Blank lines and lines starting with `#` are skipped; the value is everything
//! after the first `:`, trimmed. The lines become arguments before the command line is parsed;
//! the text read and the expanded arguments are wiped afterwards (clap's own copies live until
//! the command ends).

use std::ffi::OsString;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use clap::{Arg, ArgAction, CommandFactory};
use zeroize::Zeroizing;

use super::args::Cli;

/// The option that names the file.
pub const FROM_FILE: &str = "--from-file";

/// The arguments with `--from-file PATH` replaced by the file's arguments, or `None` when the
/// option is not there (the arguments are then parsed as they are).
pub fn expand(args: &[OsString]) -> anyhow::Result<Option<Zeroizing<Vec<String>>>> {
    let Some(at) = args
        .iter()
        .position(|a| a == FROM_FILE || a.to_string_lossy().starts_with("--from-file="))
    else {
        return Ok(None);
    };
    let mut words: Zeroizing<Vec<String>> = Zeroizing::new(Vec::with_capacity(args.len() + 8));
    for a in args {
        match a.to_str() {
            Some(s) => words.push(s.to_owned()),
            None => bail!("with --from-file every argument must be valid UTF-8"),
        }
    }
    let (source, taken) = match words[at].strip_prefix("--from-file=") {
        Some(path) => (path.to_owned(), 1),
        None => match words.get(at + 1) {
            Some(path) => (path.clone(), 2),
            None => bail!("--from-file needs a file name, or - for standard input"),
        },
    };
    words.drain(at..at + taken);
    let text = read(&source)?;
    let command = leaf_command(&words);
    let extra = arguments_for(&command, &text, &source)?;
    let mut options = Zeroizing::new(Vec::new());
    let mut positionals = Zeroizing::new(Vec::new());
    for (arg, value) in extra {
        if arg.is_positional() {
            positionals.push(value);
        } else if let Some(long) = arg.get_long() {
            if matches!(arg.get_action(), ArgAction::SetTrue) {
                if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("yes") {
                    options.push(format!("--{long}"));
                }
            } else {
                options.push(format!("--{long}={value}"));
            }
        }
    }
    let double_dash = words.iter().position(|w| w == "--");
    let insert_at = double_dash.unwrap_or(words.len());
    words.splice(insert_at..insert_at, options.iter().cloned());
    if !positionals.is_empty() {
        if double_dash.is_none() {
            words.push("--".to_owned());
        }
        words.extend(positionals.iter().cloned());
    }
    Ok(Some(words))
}

/// The file's text (or standard input's, for `-`), in a buffer wiped when dropped.
fn read(source: &str) -> anyhow::Result<Zeroizing<String>> {
    let mut text = Zeroizing::new(String::new());
    if source == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("could not read the arguments from standard input")?;
    } else {
        let path = Path::new(source);
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .with_context(|| {
                format!(
                    "could not read --from-file {}; give a readable UTF-8 text file of `key: value` lines",
                    path.display()
                )
            })?;
    }
    Ok(text)
}

/// The subcommand the words name (the deepest one), for its list of arguments.
fn leaf_command(words: &[String]) -> clap::Command {
    let mut command = Cli::command();
    command.build();
    let mut i = 1;
    while i < words.len() {
        let w = &words[i];
        if let Some(long) = w.strip_prefix("--") {
            let takes_value = !long.contains('=')
                && command
                    .get_arguments()
                    .find(|a| a.get_long() == Some(long))
                    .is_some_and(|a| a.get_action().takes_values());
            i += if takes_value { 2 } else { 1 };
            continue;
        }
        if let Some(sub) = command.find_subcommand(w) {
            command = sub.clone();
        }
        i += 1;
    }
    command
}

/// The name a file key uses for `arg`: its id with dashes (`customer_ref` → `customer-ref`).
fn key_of(arg: &Arg) -> String {
    arg.get_id().as_str().replace('_', "-")
}

/// The (argument, value) pairs of the file's lines, checked against `command`.
fn arguments_for(
    command: &clap::Command,
    text: &str,
    source: &str,
) -> anyhow::Result<Vec<(Arg, String)>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            bail!(
                "line {} of --from-file {source} is not `key: value`; write for example `email: jane@example.com`",
                n + 1
            );
        };
        let key = key.trim().to_lowercase();
        let arg = command
            .get_arguments()
            .find(|a| key_of(a) == key)
            .or_else(|| {
                command
                    .get_arguments()
                    .find(|a| !a.is_positional() && a.get_long() == Some(key.as_str()))
            })
            .filter(|a| !a.is_global_set() && a.get_id() != "help");
        let Some(arg) = arg else {
            let known: Vec<String> = command
                .get_arguments()
                .filter(|a| !a.is_global_set() && a.get_id() != "help" && a.get_id() != "version")
                .map(key_of)
                .collect();
            bail!(
                "line {} of --from-file {source}: `{key}` is not an argument of `{}`; its keys are: {}",
                n + 1,
                command.get_name(),
                known.join(", ")
            );
        };
        out.push((arg.clone(), value.trim().to_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn expanded(args: &[&str], file: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("args.txt");
        std::fs::write(&path, file).unwrap();
        let mut argv: Vec<OsString> = args.iter().map(OsString::from).collect();
        argv.push(FROM_FILE.into());
        argv.push(path.into_os_string());
        expand(&argv).unwrap().unwrap().to_vec()
    }

    #[test]
    fn keys_become_options_and_positionals() {
        let words = expanded(
            &["privacy-desk", "--store", "s.pdesk", "subject", "correct"],
            "# who\nemail: jane@example.com\nnew-email: jane@new.example\nname:  Jane Q. Doe \n",
        );
        assert_eq!(
            words,
            [
                "privacy-desk",
                "--store",
                "s.pdesk",
                "subject",
                "correct",
                "--email=jane@new.example",
                "--name=Jane Q. Doe",
                "--",
                "jane@example.com"
            ]
        );
        let parsed = Cli::try_parse_from(words.iter()).unwrap();
        assert!(format!("{parsed:?}").contains("jane@new.example"));
    }

    #[test]
    fn an_unknown_key_or_a_line_without_a_colon_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("args.txt");
        for (file, wanted) in [
            (
                "mail: x@example.com\n",
                "`mail` is not an argument of `add`",
            ),
            ("jane@example.com\n", "line 1 of --from-file"),
        ] {
            std::fs::write(&path, file).unwrap();
            let argv: Vec<OsString> = ["privacy-desk", "subject", "add", "--from-file"]
                .iter()
                .map(OsString::from)
                .chain([path.clone().into_os_string()])
                .collect();
            let err = expand(&argv).unwrap_err().to_string();
            assert!(err.contains(wanted), "{err}");
        }
    }

    #[test]
    fn without_the_option_nothing_is_expanded() {
        let argv: Vec<OsString> = ["privacy-desk", "status"]
            .iter()
            .map(OsString::from)
            .collect();
        assert!(expand(&argv).unwrap().is_none());
    }
}
