//! A person's data on the command line: export everything, or erase it.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use klik::i18n::Texts;
use klik::privacy;

use super::{Failure, Globals};

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Write everything Klik holds about a person: JSON, or a readable PDF
    /// (in the message language) when FILE ends in .pdf.
    Export {
        #[arg(long)]
        email: String,
        /// FILE.json or FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
    /// Erase a person's details and free texts; statistics stay. Without
    /// --yes, only says what would happen.
    Erase {
        #[arg(long)]
        email: String,
        #[arg(long)]
        yes: bool,
    },
}

/// `person export --out FILE.json --json`: the file written.
#[derive(Serialize)]
struct FileJson {
    file: String,
}

/// `person erase --json`: without `--yes` only `{"erased": false}`.
#[derive(Serialize, Default)]
struct ErasedJson {
    erased: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    participations: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matches: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copies: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    still_holding: Option<Vec<String>>,
}

/// `retention --json`.
#[derive(Serialize)]
struct RetentionJson {
    months: Option<u16>,
    erased: usize,
}

pub fn run_person(
    cli: &Globals,
    texts: &Texts,
    command: &PersonCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
    match command {
        PersonCommand::Export { email, out } => {
            let id = privacy::find(&store, email)?;
            klik::data_dir::check_target(out, &["json", "pdf"])?;
            if let Some(pdf) = privacy::export_to(&store, id, texts, now, out)? {
                super::report_pdf(cli, texts, &pdf, out, ("person", id.0.into()));
            } else {
                let json = FileJson {
                    file: out.display().to_string(),
                };
                cli.print(&json, |json| println!("{}", json.file));
            }
        }
        PersonCommand::Erase { email, yes } => {
            let id = privacy::find(&store, email)?;
            if !yes {
                cli.print(&ErasedJson::default(), |_| {
                    println!("{}", texts.get("privacy.confirm_with_yes"))
                });
                return Ok(());
            }
            let places = privacy::Places::beside(store.path());
            let done = privacy::erase_everywhere(&mut store, id, texts, now, &places)?;
            let json = ErasedJson {
                erased: true,
                participations: Some(done.erased.participations),
                matches: Some(done.erased.matches),
                copies: Some(done.copies),
                documents: Some(done.documents),
                still_holding: Some(
                    done.still_holding
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect(),
                ),
            };
            cli.print(&json, |json| {
                println!("{}", texts.get("privacy.done"));
                for file in json.still_holding.iter().flatten() {
                    eprintln!(
                        "klik: {}",
                        texts.format("privacy.still_holding", &[("path", file)])
                    );
                }
            });
        }
    }
    Ok(())
}

/// `klik retention [--months N | --off] [--run]`: shows or sets the
/// retention; with `--run`, applies it now.
pub fn run_retention(
    cli: &Globals,
    texts: &Texts,
    months: Option<u16>,
    off: bool,
    run: bool,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
    if off {
        klik::organisation::set_retention_months(&mut store, None)?;
    } else if months.is_some() {
        klik::organisation::set_retention_months(&mut store, months)?;
    }
    let erased = if run {
        let places = privacy::Places::beside(store.path());
        privacy::apply_retention(&mut store, texts, now, &places)?.people
    } else {
        0
    };
    let months = klik::organisation::retention_months(&store)?;
    cli.print(&RetentionJson { months, erased }, |_| {
        println!(
            "{}",
            texts.format(
                "privacy.retention_status",
                &[
                    (
                        "months",
                        &months.map_or_else(|| "–".to_string(), |m| m.to_string())
                    ),
                    ("erased", &erased.to_string()),
                ],
            )
        );
    });
    Ok(())
}
