//! Participants on the command line: import, export, the template and the list.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use klik::Error;
use klik::i18n::Texts;
use klik::matching;
use klik::participant::{self, import};
use klik::programme::{self, ProgrammeId};

use super::{Failure, Globals, backed_up, write_table};

#[derive(Subcommand)]
pub enum ParticipantsCommand {
    /// Import participants from a CSV or XLSX file (all rows, or nothing).
    Import {
        file: PathBuf,
        #[arg(long)]
        programme: i64,
        /// Check and show what would change, without writing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and skip the rows with problems.
        #[arg(long)]
        only_valid: bool,
        /// The sheet of a workbook to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Empty cells clear the field (by default they keep what Klik knows).
        #[arg(long)]
        clear_empty: bool,
    },
    /// Export a programme's participants with the import columns.
    Export {
        #[arg(long)]
        programme: i64,
        /// FILE.csv or FILE.xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// Write an empty import template with two example rows.
    Template {
        /// FILE.csv or FILE.xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// List a programme's participants.
    List {
        #[arg(long)]
        programme: i64,
        /// Only names or e-mail addresses containing these words.
        #[arg(long, default_value = "")]
        search: String,
    },
}

/// `klik participants …`.
pub fn run(
    cli: &Globals,
    texts: &Texts,
    command: &ParticipantsCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    match command {
        ParticipantsCommand::Import {
            file,
            programme,
            dry_run,
            only_valid,
            sheet,
            clear_empty,
        } => {
            let mut store = cli.open()?;
            let bytes = std::fs::read(file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let id = ProgrammeId(*programme);
            let options = import::Options {
                clear_empty: *clear_empty,
            };
            let preview = import::preview_with(&store, id, &bytes, sheet.as_deref(), options)?;
            let problems = preview.problem_lines(texts);
            let blocked = !preview.is_clean() && !only_valid;
            let summary = preview.summary();
            let imported = !dry_run && !blocked;
            if imported {
                import::apply(&mut store, id, &preview, *only_valid, now)?;
                backed_up(texts, klik::store::backup::after_large_change(&store, now));
            }
            let cells = |of: fn(&import::RowPlan) -> &Vec<klik::FieldError>| -> Vec<CellJson> {
                preview
                    .rows
                    .iter()
                    .flat_map(|row| {
                        of(row).iter().map(|p| CellJson {
                            row: row.row,
                            column: preview.header_of(&p.field),
                            message: p.message(texts),
                        })
                    })
                    .collect()
            };
            let json = ImportJson {
                imported,
                added: summary.added,
                updated: summary.updated,
                unchanged: summary.unchanged,
                skipped: summary.skipped,
                problems: cells(|row| &row.problems),
                warnings: cells(|row| &row.warnings),
                also_changes: preview
                    .rows
                    .iter()
                    .filter(|row| !row.also_changes.is_empty())
                    .map(|row| AlsoChangesJson {
                        row: row.row,
                        email: row.enrolment.as_ref().map(|e| e.email.clone()),
                        name: row.enrolment.as_ref().map(|e| e.full_name()),
                        programmes: row.also_changes.clone(),
                    })
                    .collect(),
            };
            cli.print(&json, |_| {
                for line in problems
                    .iter()
                    .chain(&preview.warning_lines(texts))
                    .chain(&preview.shared_lines(texts))
                {
                    println!("{line}");
                }
                println!(
                    "{}",
                    texts.format(
                        if imported {
                            "import.summary_done"
                        } else {
                            "import.summary_preview"
                        },
                        &[
                            ("added", &summary.added.to_string()),
                            ("updated", &summary.updated.to_string()),
                            ("unchanged", &summary.unchanged.to_string()),
                            ("skipped", &summary.skipped.to_string()),
                        ]
                    )
                );
            });
            if blocked {
                return Err(Failure::Core(Error::Invalid(vec![
                    klik::FieldError::new("file", import::has_problems_key(summary.skipped))
                        .with("count", summary.skipped.to_string()),
                ])));
            }
        }
        ParticipantsCommand::Export { programme, out } => {
            let store = cli.open()?;
            let id = ProgrammeId(*programme);
            let p = programme::get(&store, id)?;
            let rows = import::export_rows(&store, id, texts.language())?;
            write_table(out, &p.draft.name, &rows)?;
            cli.print_json(&ExportJson {
                file: out.display().to_string(),
                participants: rows.len() - 1,
            });
        }
        ParticipantsCommand::Template { out } => {
            let rows = import::template_rows(texts.language());
            write_table(out, texts.get("nav.participants"), &rows)?;
        }
        ParticipantsCommand::List { programme, search } => {
            let store = cli.open()?;
            let query = participant::Query {
                search: search.clone(),
                limit: 500,
                ..participant::Query::default()
            };
            let id = ProgrammeId(*programme);
            programme::get(&store, id)?;
            let mut offset = 0;
            let mut all = Vec::new();
            loop {
                let page = participant::page(
                    &store,
                    id,
                    &participant::Query {
                        offset,
                        ..query.clone()
                    },
                )?;
                let count = page.rows.len() as u32;
                all.extend(page.rows);
                offset += count;
                if count == 0 || offset >= page.matching {
                    break;
                }
            }
            let pairs = matching::pair_states(&store, id)?;
            let json: Vec<ParticipantJson> = all
                .iter()
                .map(|p| ParticipantJson::new(p, pairs.get(&p.id).map(|s| s.as_str())))
                .collect();
            cli.print(&json, |_| {
                for p in &all {
                    let e = &p.enrolment;
                    println!(
                        "{:>5}  {:<7} {:<28} {:<40} {}",
                        p.id.0,
                        e.role.as_str(),
                        e.full_name(),
                        e.email,
                        e.department
                    );
                }
            });
        }
    }
    Ok(())
}

/// `participants import --json`.
#[derive(Serialize)]
struct ImportJson {
    imported: bool,
    added: usize,
    updated: usize,
    unchanged: usize,
    skipped: usize,
    problems: Vec<CellJson>,
    warnings: Vec<CellJson>,
    also_changes: Vec<AlsoChangesJson>,
}

/// A problem or warning of one cell of an imported file.
#[derive(Serialize)]
struct CellJson {
    row: usize,
    column: String,
    message: String,
}

/// A row that changes someone who takes part in other programmes too.
#[derive(Serialize)]
struct AlsoChangesJson {
    row: usize,
    email: Option<String>,
    name: Option<String>,
    programmes: Vec<String>,
}

/// `participants export --json`.
#[derive(Serialize)]
struct ExportJson {
    file: String,
    participants: usize,
}

/// A participant as `participants list --json` prints one.
#[derive(Serialize)]
struct ParticipantJson {
    id: i64,
    role: &'static str,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    department: String,
    job_title: String,
    manager_email: Option<String>,
    location: String,
    languages: Vec<String>,
    years_of_experience: Option<u8>,
    topics: Vec<String>,
    capacity: Option<u8>,
    learning_goal: String,
    availability: String,
    status: &'static str,
    /// Where the participant stands in a pair that is not dissolved.
    pair: Option<&'static str>,
}

impl ParticipantJson {
    fn new(p: &participant::Participant, pair: Option<&'static str>) -> ParticipantJson {
        let e = p.enrolment.clone();
        ParticipantJson {
            id: p.id.0,
            role: e.role.as_str(),
            first_name: e.first_name,
            last_name: e.last_name,
            email: e.email,
            phone: e.phone,
            department: e.department,
            job_title: e.job_title,
            manager_email: e.manager_email,
            location: e.location,
            languages: e.languages,
            years_of_experience: e.years_of_experience,
            topics: e.topics,
            capacity: e.capacity,
            learning_goal: e.learning_goal,
            availability: e.availability.to_string(),
            status: e.status.as_str(),
            pair,
        }
    }
}
