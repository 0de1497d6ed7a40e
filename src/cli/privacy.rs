//! A person's data on the command line: export everything, or erase it.

use std::path::PathBuf;

use clap::Subcommand;

use klik::i18n::Texts;
use klik::privacy;

use crate::{Cli, Failure, open, print_json};

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

pub fn run_person(
    cli: &Cli,
    texts: &Texts,
    command: &PersonCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    match command {
        PersonCommand::Export { email, out } => {
            let id = privacy::find(&store, email)?;
            klik::data_dir::check_target(out, &["json", "pdf"])?;
            if let Some(pdf) = privacy::export_to(&store, id, texts, now, out)? {
                crate::report_pdf(cli, texts, &pdf, out, ("person", serde_json::json!(id.0)));
            } else if cli.json {
                print_json(&serde_json::json!({ "file": out.display().to_string() }));
            } else {
                println!("{}", out.display());
            }
        }
        PersonCommand::Erase { email, yes } => {
            let id = privacy::find(&store, email)?;
            if !yes {
                if cli.json {
                    print_json(&serde_json::json!({ "erased": false }));
                } else {
                    println!("{}", texts.get("privacy.confirm_with_yes"));
                }
                return Ok(());
            }
            let places = privacy::Places::beside(store.path());
            let done = privacy::erase_everywhere(&mut store, id, texts, now, &places)?;
            if cli.json {
                print_json(&serde_json::json!({
                    "erased": true,
                    "participations": done.erased.participations,
                    "matches": done.erased.matches,
                    "copies": done.copies,
                    "documents": done.documents,
                    "still_holding": done.still_holding.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                }));
            } else {
                println!("{}", texts.get("privacy.done"));
                for file in &done.still_holding {
                    eprintln!(
                        "klik: {}",
                        texts.format(
                            "privacy.still_holding",
                            &[("path", &file.display().to_string())]
                        )
                    );
                }
            }
        }
    }
    Ok(())
}

/// `klik retention [--months N | --off] [--run]`: shows or sets the
/// retention; with `--run`, applies it now.
pub fn run_retention(
    cli: &Cli,
    texts: &Texts,
    months: Option<u16>,
    off: bool,
    run: bool,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
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
    if cli.json {
        print_json(&serde_json::json!({ "months": months, "erased": erased }));
    } else {
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
    }
    Ok(())
}
