//! The trajectory on the command line: meetings, goal progress, check-ins,
//! the attention list and the reports, through the same core functions as
//! the window.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use klik::date;
use klik::i18n::Texts;
use klik::matching::MatchId;
use klik::programme::ProgrammeId;
use klik::trajectory::{
    self, AnswerForm, CheckinForm, MeetingForm, ProgressForm, attention, kpi, report,
};

use crate::{Cli, Failure, open, print_json, write_pdf, write_table};

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Log a meeting of a pair (held, or cancelled with --cancelled).
    Add {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// The day, e.g. 28-11-2026.
        #[arg(long)]
        date: String,
        /// How long it lasted, 5 to 480.
        #[arg(long)]
        minutes: String,
        #[arg(long)]
        cancelled: bool,
        #[arg(long, default_value = "")]
        topics: String,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long = "next-steps", default_value = "")]
        next_steps: String,
    },
    /// List a pair's meetings.
    List {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
    },
}

#[derive(Subcommand)]
pub enum ProgressCommand {
    /// Record where one learning goal of the pair's agreement stands.
    Add {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// The goal's number in the agreement, from 1.
        #[arg(long)]
        goal: u8,
        /// not_started, in_progress, achieved or dropped.
        #[arg(long)]
        state: String,
        /// 0 to 100.
        #[arg(long)]
        percent: String,
        /// The day (default: today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// One side's answers at a check-in.
#[derive(Args)]
pub struct Answers {
    /// The mentor's satisfaction, 1 to 5.
    #[arg(long = "mentor-score")]
    mentor_score: Option<String>,
    /// good, deciding or poor.
    #[arg(long = "mentor-fit", default_value = "")]
    mentor_fit: String,
    #[arg(long = "mentor-comment", default_value = "")]
    mentor_comment: String,
    /// The mentee's satisfaction, 1 to 5.
    #[arg(long = "mentee-score")]
    mentee_score: Option<String>,
    #[arg(long = "mentee-fit", default_value = "")]
    mentee_fit: String,
    #[arg(long = "mentee-comment", default_value = "")]
    mentee_comment: String,
}

#[derive(Subcommand)]
pub enum CheckinCommand {
    /// Record a check-in: the mentor's answers, the mentee's or both.
    Add {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// after_meetings, halfway, end or other.
        #[arg(long)]
        moment: String,
        /// The day (default: today).
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        answers: Answers,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// A pair's progress report as PDF.
    Pair {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
    /// The programme report for management as PDF. Anonymous by default when
    /// a group has fewer than five people.
    Programme {
        #[arg(long)]
        programme: i64,
        /// Leave out every name.
        #[arg(long, conflicts_with = "named")]
        anonymous: bool,
        /// Name the pairs even when a group is small.
        #[arg(long)]
        named: bool,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
    /// The programme's key figures as a CSV or XLSX file.
    Kpis {
        #[arg(long)]
        programme: i64,
        /// FILE.csv or FILE.xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// A pair's check-in form to fill in on paper, as PDF.
    CheckinForm {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
}

fn meeting_json(m: &trajectory::Meeting) -> serde_json::Value {
    serde_json::json!({
        "id": m.id.0,
        "match": m.match_id.0,
        "date": date::iso(m.on),
        "minutes": m.minutes,
        "held": m.held,
        "topics": m.topics,
        "notes": m.notes,
        "next_steps": m.next_steps,
    })
}

pub fn run_meeting(
    cli: &Cli,
    texts: &Texts,
    command: &MeetingCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    match command {
        MeetingCommand::Add {
            id,
            date,
            minutes,
            cancelled,
            topics,
            notes,
            next_steps,
        } => {
            let form = MeetingForm {
                date: date.clone(),
                minutes: minutes.clone(),
                held: !cancelled,
                topics: topics.clone(),
                notes: notes.clone(),
                next_steps: next_steps.clone(),
            };
            let m = trajectory::add_meeting(&mut store, MatchId(*id), &form, now)?;
            if cli.json {
                print_json(&meeting_json(&m));
            } else {
                println!("{}", m.id.0);
            }
        }
        MeetingCommand::List { id } => {
            let meetings = trajectory::meetings(&store, MatchId(*id))?;
            if meetings.is_empty() {
                klik::matching::get(&store, MatchId(*id))?;
            }
            if cli.json {
                print_json(&meetings.iter().map(meeting_json).collect::<Vec<_>>());
            } else {
                for m in &meetings {
                    let status = texts.get(if m.held {
                        "meeting.held"
                    } else {
                        "meeting.cancelled"
                    });
                    println!(
                        "{}  {:>3} min  {status}  {}",
                        date::short(m.on, texts.language()),
                        m.minutes,
                        m.topics
                    );
                }
            }
        }
    }
    Ok(())
}

/// The day typed, or today written the way the parser reads it.
fn day_or_today(typed: &Option<String>, now: chrono::NaiveDateTime) -> String {
    typed.clone().unwrap_or_else(|| date::iso(now.date()))
}

pub fn run_progress(
    cli: &Cli,
    texts: &Texts,
    command: &ProgressCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let ProgressCommand::Add {
        id,
        goal,
        state,
        percent,
        date: day,
        note,
    } = command;
    let form = ProgressForm {
        position: *goal,
        date: day_or_today(day, now),
        state: state.clone(),
        percent: percent.clone(),
        note: note.clone(),
    };
    let entry = trajectory::record_progress(&mut store, MatchId(*id), &form, now)?;
    if cli.json {
        print_json(&serde_json::json!({
            "match": entry.match_id.0,
            "goal": entry.position,
            "date": date::iso(entry.on),
            "state": entry.state.as_str(),
            "percent": entry.percent,
            "note": entry.note,
        }));
    } else {
        println!(
            "{} {} · {} · {} %",
            texts.format("report.goal_n", &[("n", &entry.position.to_string())]),
            date::short(entry.on, texts.language()),
            texts.get(entry.state.label_key()),
            entry.percent
        );
    }
    Ok(())
}

pub fn run_checkin(
    cli: &Cli,
    texts: &Texts,
    command: &CheckinCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let CheckinCommand::Add {
        id,
        moment,
        date: day,
        answers: a,
    } = command;
    let side = |score: &Option<String>, fit: &str, comment: &str| {
        score.as_ref().map(|s| AnswerForm {
            satisfaction: s.clone(),
            fit: fit.to_string(),
            comment: comment.to_string(),
        })
    };
    let form = CheckinForm {
        moment: moment.clone(),
        date: day_or_today(day, now),
        mentor: side(&a.mentor_score, &a.mentor_fit, &a.mentor_comment),
        mentee: side(&a.mentee_score, &a.mentee_fit, &a.mentee_comment),
    };
    let recorded = trajectory::record_checkin(&mut store, MatchId(*id), &form, now)?;
    if cli.json {
        print_json(
            &recorded
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "match": c.match_id.0,
                        "moment": c.moment.as_str(),
                        "date": date::iso(c.on),
                        "role": c.side.as_str(),
                        "satisfaction": c.satisfaction,
                        "fit": c.fit.as_str(),
                        "comment": c.comment,
                    })
                })
                .collect::<Vec<_>>(),
        );
    } else {
        for c in &recorded {
            println!(
                "{}: {} / 5, {}",
                texts.get(c.side.label_key()),
                c.satisfaction,
                texts.get(c.fit.label_key())
            );
        }
    }
    Ok(())
}

pub fn run_attention(
    cli: &Cli,
    texts: &Texts,
    programme: i64,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let store = open(cli)?;
    let loaded = trajectory::load(&store, ProgrammeId(programme))?;
    let items = attention::list(&loaded, now);
    if cli.json {
        print_json(
            &items
                .iter()
                .map(|i| {
                    serde_json::json!({
                        "match": i.match_id.0,
                        "mentee": i.mentee,
                        "mentor": i.mentor,
                        "code": i.concern.code(),
                        "message": i.concern.message(texts),
                    })
                })
                .collect::<Vec<_>>(),
        );
    } else if items.is_empty() {
        println!("{}", texts.get("attention.none"));
    } else {
        for i in &items {
            println!("{} & {}: {}", i.mentee, i.mentor, i.concern.message(texts));
        }
    }
    Ok(())
}

/// The key figures as JSON with stable names, for scripts.
fn kpis_json(k: &kpi::Kpis) -> serde_json::Value {
    serde_json::json!({
        "mentors": k.mentors,
        "mentees": k.mentees,
        "matched_mentees": k.matched_mentees,
        "match_rate": k.match_rate(),
        "kliks": k.kliks,
        "unsure": k.unsure,
        "no_kliks": k.no_kliks,
        "klik_rate": k.klik_rate(),
        "waiting": k.waiting,
        "active": k.active,
        "completed": k.completed,
        "dissolved": k.dissolved,
        "dissolve_reasons": k.dissolve_reasons.iter()
            .map(|(reason, n)| serde_json::json!({ "reason": reason, "count": n }))
            .collect::<Vec<_>>(),
        "meetings_held": k.meetings_held,
        "meetings_cancelled": k.meetings_cancelled,
        "meetings_expected": k.meetings_expected,
        "minutes_held": k.minutes_held,
        "days_to_first_meeting": k.days_to_first_meeting,
        "goals_set": k.goals_set,
        "goals_achieved": k.goals_achieved(),
        "satisfaction_mentors": k.satisfaction_mentors,
        "satisfaction_mentees": k.satisfaction_mentees,
        "meetings_per_month": k.meetings_per_month.iter()
            .map(|(month, n)| serde_json::json!({ "month": month.format("%Y-%m").to_string(), "held": n }))
            .collect::<Vec<_>>(),
    })
}

pub fn run_report(
    cli: &Cli,
    texts: &Texts,
    command: &ReportCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let store = open(cli)?;
    match command {
        ReportCommand::Pair { id, out } => {
            let document = report::pair_report(&store, MatchId(*id), now)?;
            write_pdf(cli, texts, &document, out, ("reports", 1.into()))?;
        }
        ReportCommand::Programme {
            programme,
            anonymous,
            named,
            out,
        } => {
            let choice = match (anonymous, named) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let (document, anonymous) =
                report::programme_report(&store, ProgrammeId(*programme), choice, now)?;
            write_pdf(cli, texts, &document, out, ("anonymous", anonymous.into()))?;
        }
        ReportCommand::Kpis { programme, out } => {
            let id = ProgrammeId(*programme);
            let rows = report::kpi_rows(&store, id, now)?;
            write_table(out, "KPI", &rows)?;
            if cli.json {
                let loaded = trajectory::load(&store, id)?;
                print_json(&serde_json::json!({
                    "file": out.display().to_string(),
                    "kpis": kpis_json(&kpi::compute(&loaded, now.date())),
                }));
            } else {
                println!("{}", out.display());
            }
        }
        ReportCommand::CheckinForm { id, out } => {
            let document = report::checkin_form(&store, MatchId(*id), now)?;
            write_pdf(cli, texts, &document, out, ("forms", 1.into()))?;
        }
    }
    Ok(())
}
