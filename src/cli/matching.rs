//! Matching on the command line: propose, scores, confirm, list, dissolve
//! and the criteria.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use klik::i18n::Texts;
use klik::matching::criteria::CriterionForm;
use klik::matching::{self, Confirming, MatchId};
use klik::programme::{self, ProgrammeId};
use klik::tabular;

use super::{Failure, Globals, backed_up};

#[derive(Subcommand)]
pub enum MatchCommand {
    /// The optimal proposal: most mentees matched, then the highest total score.
    Propose {
        #[arg(long)]
        programme: i64,
    },
    /// Write every mentee–mentor pair's score to a CSV file, to check the optimum elsewhere.
    Scores {
        #[arg(long)]
        programme: i64,
        /// FILE.csv
        #[arg(long)]
        out: PathBuf,
    },
    /// Confirm every pair of the current proposal as a match.
    Confirm {
        #[arg(long)]
        programme: i64,
    },
    /// List a programme's matches, dissolved ones included.
    List {
        #[arg(long)]
        programme: i64,
    },
    /// Dissolve a match: the mentee returns to the pool; the match stays in the history.
    Dissolve {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Show the scoring criteria, or change them with --set.
    Criteria {
        #[arg(long)]
        programme: i64,
        /// CRITERION=WEIGHT[:NUMBER], for example seniority=high:5 or department=must.
        #[arg(long = "set", value_name = "CRITERION=WEIGHT")]
        set: Vec<String>,
    },
}

/// `klik match …`.
pub fn run(
    cli: &Globals,
    texts: &Texts,
    command: &MatchCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
    match command {
        MatchCommand::Propose { programme } => {
            let round = matching::round(&store, ProgrammeId(*programme))?;
            let proposal = round.propose();
            let json = ProposalJson {
                matched: proposal.matched,
                total_score: proposal.total_score,
                without_common_time: proposal.without_common_time,
                pairs: proposal
                    .pairs
                    .iter()
                    .map(|p| PairJson {
                        mentee: round.mentees[p.mentee].email.clone(),
                        mentor: round.mentors[p.mentor].email.clone(),
                        score: p.score,
                    })
                    .collect(),
                unmatched: proposal
                    .unmatched
                    .iter()
                    .map(|(i, why)| UnmatchedJson {
                        mentee: round.mentees[*i].email.clone(),
                        reason: round.unmatched_text(texts, *i, why),
                    })
                    .collect(),
            };
            cli.print(&json, |json| {
                for warning in round.warnings(texts) {
                    println!("! {warning}");
                }
                for p in &proposal.pairs {
                    let (e, o) = (&round.mentees[p.mentee], &round.mentors[p.mentor]);
                    println!(
                        "{:>3}  {} → {}  [{}]",
                        p.score,
                        e.name,
                        o.name,
                        p.state.as_str()
                    );
                }
                for (u, (i, _)) in json.unmatched.iter().zip(&proposal.unmatched) {
                    println!("  –  {}: {}", round.mentees[*i].name, u.reason);
                }
                for conflict in &proposal.conflicts {
                    println!("  !  {}", round.conflict_text(texts, conflict));
                }
                println!(
                    "{}",
                    texts.counted(
                        "matching.cli.summary",
                        round.mentees.len() as i64,
                        &[
                            ("matched", &proposal.matched.to_string()),
                            ("mentees", &round.mentees.len().to_string()),
                            ("total", &proposal.total_score.to_string()),
                        ]
                    )
                );
                if proposal.without_common_time > 0 {
                    println!(
                        "{}",
                        texts.counted(
                            "matching.cli.without_common_time",
                            proposal.without_common_time as i64,
                            &[]
                        )
                    );
                }
            });
        }
        MatchCommand::Scores { programme, out } => {
            let round = matching::round(&store, ProgrammeId(*programme))?;
            let rows = matching::score_rows(&round, texts);
            klik::data_dir::check_target(out, &["csv"])?;
            klik::data_dir::write_file(out, tabular::write_plain_csv(&rows))?;
            cli.print_json(&ScoresJson {
                file: out.display().to_string(),
                pairs: rows.len() - 1,
            });
        }
        MatchCommand::Confirm { programme } => {
            let ids = matching::confirm(
                &mut store,
                ProgrammeId(*programme),
                Confirming::Proposal,
                now,
            )?;
            if !ids.is_empty() {
                backed_up(texts, klik::store::backup::after_large_change(&store, now));
            }
            let json = ConfirmedJson {
                confirmed: ids.len(),
                matches: ids.iter().map(|m| m.0).collect(),
            };
            cli.print(&json, |json| {
                println!(
                    "{}",
                    texts.format(
                        "matching.confirmed",
                        &[("count", &json.confirmed.to_string())]
                    )
                );
            });
        }
        MatchCommand::List { programme } => {
            let id = ProgrammeId(*programme);
            programme::get(&store, id)?;
            let matches = matching::list(&store, id)?;
            let json: Vec<MatchJson> = matches
                .iter()
                .map(|m| MatchJson {
                    id: m.id.0,
                    mentee: m.mentee_email.clone(),
                    mentor: m.mentor_email.clone(),
                    score: m.score,
                    status: m.status.as_str(),
                })
                .collect();
            cli.print(&json, |_| {
                for m in &matches {
                    println!(
                        "{:>4}  {:>3}  {} → {}  {}{}",
                        m.id.0,
                        m.score,
                        m.mentee_name,
                        m.mentor_name,
                        texts.get(m.status.label_key()),
                        m.dissolve_reason
                            .as_deref()
                            .map(|r| format!(": {r}"))
                            .unwrap_or_default()
                    );
                }
            });
        }
        MatchCommand::Dissolve { id, reason } => {
            matching::dissolve(&mut store, MatchId(*id), reason, now)?;
            cli.print_json(&DissolvedJson {
                id: *id,
                status: matching::MatchStatus::Dissolved.as_str(),
            });
        }
        MatchCommand::Criteria { programme, set } => {
            let id = ProgrammeId(*programme);
            let mut criteria = matching::criteria::get(&store, id)?;
            if !set.is_empty() {
                let mut changes = Vec::new();
                for item in set {
                    let Some((key, value)) = item.split_once('=') else {
                        return Err(Failure::usage("error.cli.set_weight", item.as_str()));
                    };
                    let (weight, number) = value.split_once(':').unwrap_or((value, ""));
                    changes.push(CriterionForm {
                        key: key.trim().to_string(),
                        weight: weight.trim().to_string(),
                        parameter: number.trim().to_string(),
                    });
                }
                criteria = criteria.amended(&changes)?;
                matching::criteria::save(&mut store, id, &criteria)?;
            }
            let json: Vec<CriterionJson> = criteria
                .settings()
                .iter()
                .map(|s| CriterionJson {
                    criterion: s.criterion.as_str(),
                    weight: s.weight.as_str(),
                    parameter: s.parameter,
                })
                .collect();
            cli.print(&json, |json| {
                for s in json {
                    println!(
                        "{:<14} {:<8} {}",
                        s.criterion,
                        s.weight,
                        s.parameter.map(|n| n.to_string()).unwrap_or_default()
                    );
                }
            });
        }
    }
    Ok(())
}

/// `match propose --json`.
#[derive(Serialize)]
struct ProposalJson {
    matched: usize,
    total_score: u64,
    without_common_time: usize,
    pairs: Vec<PairJson>,
    unmatched: Vec<UnmatchedJson>,
}

#[derive(Serialize)]
struct PairJson {
    mentee: String,
    mentor: String,
    score: u8,
}

#[derive(Serialize)]
struct UnmatchedJson {
    mentee: String,
    reason: String,
}

/// `match scores --json`.
#[derive(Serialize)]
struct ScoresJson {
    file: String,
    pairs: usize,
}

/// `match confirm --json`.
#[derive(Serialize)]
struct ConfirmedJson {
    confirmed: usize,
    matches: Vec<i64>,
}

/// A match as `match list --json` prints one.
#[derive(Serialize)]
struct MatchJson {
    id: i64,
    mentee: String,
    mentor: String,
    score: u8,
    status: &'static str,
}

/// `match dissolve --json`.
#[derive(Serialize)]
struct DissolvedJson {
    id: i64,
    status: &'static str,
}

/// A criterion as `match criteria --json` prints one.
#[derive(Serialize)]
struct CriterionJson {
    criterion: &'static str,
    weight: &'static str,
    parameter: Option<u16>,
}
