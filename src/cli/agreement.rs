//! Agreements on the command line: show, edit, ready, sign, print and the
//! programme's default texts.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use klik::Error;
use klik::agreement::{self, AgreementForm, GoalForm, Signatures};
use klik::date;
use klik::i18n::Texts;
use klik::matching::MatchId;
use klik::programme::ProgrammeId;

use super::{Failure, Globals, MatchOrProgramme, write_pdf};

#[derive(Subcommand)]
pub enum AgreementCommand {
    /// Show a match's current agreement (a draft from the defaults is started the first time).
    Show {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
    },
    /// Change a match's agreement; only the options given change.
    Edit {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        /// A learning goal as WHAT|HOW SUCCESS SHOWS|TARGET DATE|FIRST STEPS (repeat for more; replaces the goals).
        #[arg(long = "goal", value_name = "WHAT|SUCCESS|DATE|STEPS")]
        goals: Vec<String>,
        /// Remove every learning goal.
        #[arg(long, conflicts_with = "goals")]
        clear_goals: bool,
        /// PART=TEXT, for example place="Online on Teams".
        #[arg(long = "set", value_name = "PART=TEXT")]
        set: Vec<String>,
    },
    /// Mark the agreement ready to sign.
    Ready {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
    },
    /// Record the three signatures.
    Sign {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        #[arg(long)]
        mentee: String,
        #[arg(long)]
        mentor: String,
        #[arg(long)]
        coordinator: String,
    },
    /// Print one agreement (--match) or all of a programme (--programme) to a PDF file.
    Pdf {
        #[command(flatten)]
        of: MatchOrProgramme,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
    /// Set a programme's default text for a part of new agreements (empty text: Klik's default).
    Default {
        #[arg(long)]
        programme: i64,
        /// PART=TEXT
        #[arg(long = "set", value_name = "PART=TEXT")]
        set: Vec<String>,
    },
}

/// `PART=TEXT` of `--set`, or a usage error.
fn part_and_text(item: &str) -> Result<(&str, &str), Failure> {
    item.split_once('=')
        .map(|(part, text)| (part.trim(), text))
        .ok_or_else(|| Failure::usage("error.cli.set_part", item))
}

/// An agreement as `show`, `edit`, `ready` and `sign` print it with `--json`.
#[derive(Serialize)]
struct AgreementJson {
    #[serde(rename = "match")]
    match_id: i64,
    version: u32,
    status: &'static str,
    start: String,
    end: String,
    goals: Vec<GoalJson>,
    /// Every part by its name.
    expectations: std::collections::BTreeMap<&'static str, String>,
    signed: SignedJson,
}

#[derive(Serialize)]
struct GoalJson {
    what: String,
    success: String,
    target_date: Option<String>,
    first_actions: String,
}

#[derive(Serialize)]
struct SignedJson {
    mentee: Option<String>,
    mentor: Option<String>,
    coordinator: Option<String>,
}

impl From<&agreement::Agreement> for AgreementJson {
    fn from(a: &agreement::Agreement) -> AgreementJson {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        AgreementJson {
            match_id: a.match_id.0,
            version: a.version,
            status: a.status.as_str(),
            start: a.terms.start.to_string(),
            end: a.terms.end.to_string(),
            goals: a
                .terms
                .goals
                .iter()
                .map(|g| GoalJson {
                    what: g.what.clone(),
                    success: g.success.clone(),
                    target_date: day(g.target_date),
                    first_actions: g.first_actions.clone(),
                })
                .collect(),
            expectations: agreement::EXPECTATIONS
                .iter()
                .copied()
                .zip(a.terms.expectations.iter().cloned())
                .collect(),
            signed: SignedJson {
                mentee: day(a.signed.mentee),
                mentor: day(a.signed.mentor),
                coordinator: day(a.signed.coordinator),
            },
        }
    }
}

/// `klik agreement …`: `show`, `edit`, `ready` and `sign` print the agreement.
pub fn run(
    cli: &Globals,
    texts: &Texts,
    command: &AgreementCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
    let shown = match command {
        AgreementCommand::Show { id } => agreement::open(&mut store, MatchId(*id), now)?,
        AgreementCommand::Edit {
            id,
            start,
            end,
            goals,
            clear_goals,
            set,
        } => {
            let current = agreement::open(&mut store, MatchId(*id), now)?;
            let mut form = AgreementForm::from_terms(&current.terms, texts.language());
            if let Some(start) = start {
                form.start.clone_from(start);
            }
            if let Some(end) = end {
                form.end.clone_from(end);
            }
            if *clear_goals {
                form.goals.clear();
            }
            if !goals.is_empty() {
                form.goals = goals
                    .iter()
                    .map(|g| {
                        let mut parts = g.split('|').map(|p| p.trim().to_string());
                        GoalForm {
                            what: parts.next().unwrap_or_default(),
                            success: parts.next().unwrap_or_default(),
                            target_date: parts.next().unwrap_or_default(),
                            first_actions: parts.next().unwrap_or_default(),
                        }
                    })
                    .collect();
            }
            for item in set {
                let (part, text) = part_and_text(item)?;
                let Some(k) = agreement::EXPECTATIONS.iter().position(|f| *f == part) else {
                    return Err(Failure::Core(Error::Invalid(vec![
                        klik::FieldError::new("field", "error.agreement.unknown_part")
                            .with("value", part),
                    ])));
                };
                form.expectations[k] = text.to_string();
            }
            let terms = form.validate().map_err(Error::Invalid)?;
            agreement::save(&mut store, MatchId(*id), &terms, now)?
        }
        AgreementCommand::Ready { id } => agreement::mark_ready(&mut store, MatchId(*id), now)?,
        AgreementCommand::Sign {
            id,
            mentee,
            mentor,
            coordinator,
        } => {
            let signed =
                Signatures::from_typed(mentee, mentor, coordinator).map_err(Error::Invalid)?;
            agreement::sign(&mut store, MatchId(*id), &signed, now)?
        }
        AgreementCommand::Pdf { of, out } => {
            let (document, count) = match (of.id, of.programme) {
                (Some(id), _) => (agreement::document_for_match(&store, MatchId(id), now)?, 1),
                (None, Some(programme)) => {
                    agreement::document_for_programme(&store, ProgrammeId(programme), now)?
                }
                (None, None) => {
                    return Err(Failure::Usage("error.cli.match_or_programme", Vec::new()));
                }
            };
            return write_pdf(cli, texts, &document, out, ("agreements", count.into()));
        }
        AgreementCommand::Default { programme, set } => {
            // All parts together or none, as the window saves them.
            let parts = set
                .iter()
                .map(|item| part_and_text(item))
                .collect::<Result<Vec<_>, _>>()?;
            agreement::set_defaults(&mut store, ProgrammeId(*programme), &parts)?;
            return Ok(());
        }
    };
    cli.print(&AgreementJson::from(&shown), |_| {
        println!(
            "{} · {} · {}",
            texts.get("agreement.title"),
            texts.format(
                "agreement.version_status",
                &[
                    ("version", &shown.version.to_string()),
                    ("status", texts.get(shown.status.label_key()))
                ]
            ),
            texts.format(
                "agreement.period_text",
                &[
                    ("start", &date::short(shown.terms.start, texts.language())),
                    ("end", &date::short(shown.terms.end, texts.language()))
                ]
            )
        );
        for (k, g) in shown.terms.goals.iter().enumerate() {
            println!("{}. {}", k + 1, g.what);
        }
    });
    Ok(())
}
