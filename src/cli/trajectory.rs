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
    self, AnswerForm, CheckinForm, MeetingForm, ProgressForm, attention, closing, kpi, report,
    workshop,
};

use crate::{Cli, Failure, open, print_json, write_cells, write_pdf};

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
    /// A certificate of participation per participant of a pair under way or
    /// completed that met at least once, one page each, as PDF.
    Certificates {
        #[arg(long)]
        programme: i64,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
        /// Also for pairs that never met.
        #[arg(long)]
        all: bool,
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
            write_cells(out, "KPI", &rows)?;
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
        ReportCommand::Certificates {
            programme,
            out,
            all,
        } => {
            let recipients = if *all {
                closing::Recipients::All
            } else {
                closing::Recipients::Met
            };
            let (document, count) =
                closing::certificates_for(&store, ProgrammeId(*programme), recipients, now)?;
            write_pdf(cli, texts, &document, out, ("certificates", count.into()))?;
        }
        ReportCommand::CheckinForm { id, out } => {
            let document = report::checkin_form(&store, MatchId(*id), now)?;
            write_pdf(cli, texts, &document, out, ("forms", 1.into()))?;
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum WorkshopCommand {
    /// Plan a supporting workshop.
    Add {
        #[arg(long)]
        programme: i64,
        #[arg(long)]
        title: String,
        #[arg(long)]
        date: String,
        /// HH:MM
        #[arg(long)]
        time: String,
        /// 15 to 600.
        #[arg(long, default_value = "120")]
        minutes: String,
        #[arg(long, default_value = "")]
        location: String,
        /// mentors, mentees or all.
        #[arg(long)]
        audience: String,
        #[arg(long, default_value = "")]
        trainer: String,
        #[arg(long)]
        required: bool,
    },
    /// List a programme's workshops with their attendance.
    List {
        #[arg(long)]
        programme: i64,
    },
    /// Register who came (by e-mail); every other invitee missed it.
    Attendance {
        #[arg(long)]
        workshop: i64,
        /// The e-mail address of someone who came (repeat).
        #[arg(long = "present", value_name = "EMAIL")]
        present: Vec<String>,
    },
    /// Write the workshop's calendar file (RFC 5545), everyone it is for invited.
    Ics {
        #[arg(long)]
        workshop: i64,
        /// FILE.ics
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum EvaluationCommand {
    /// Set the closing evaluation's questions: Klik's (--default) or your own.
    Questions {
        #[arg(long)]
        programme: i64,
        /// Klik's six questions in the programme's language.
        #[arg(long, conflicts_with = "question")]
        default: bool,
        /// scale:TEXT (a score 1–5) or open:TEXT (repeat, in order).
        #[arg(long, value_name = "KIND:TEXT")]
        question: Vec<String>,
    },
    /// Record one participant's answers (replacing earlier ones).
    Answer {
        #[arg(long)]
        programme: i64,
        /// The participant's e-mail address.
        #[arg(long)]
        participant: String,
        /// N=SCORE for a scale question, N=TEXT for an open one (repeat).
        #[arg(long, value_name = "N=VALUE")]
        answer: Vec<String>,
    },
}

fn workshop_json(w: &workshop::Workshop) -> serde_json::Value {
    serde_json::json!({
        "id": w.id.0,
        "programme": w.programme.0,
        "title": w.title,
        "start": w.start.format("%Y-%m-%dT%H:%M").to_string(),
        "end": w.end().format("%Y-%m-%dT%H:%M").to_string(),
        "location": w.location,
        "audience": w.audience.as_str(),
        "trainer": w.trainer,
        "required": w.required,
        "attended": w.attended,
        "absent": w.absent,
        "sequence": w.sequence,
        "uid": w.uid,
    })
}

/// The participant of a programme with this e-mail address.
fn participant_by_email(
    store: &klik::Store,
    programme: ProgrammeId,
    email: &str,
) -> Result<klik::participant::ParticipantId, Failure> {
    klik::participant::all(store, programme)?
        .into_iter()
        .find(|p| p.enrolment.email.eq_ignore_ascii_case(email.trim()))
        .map(|p| p.id)
        .ok_or_else(|| {
            Failure::Usage(
                "error.cli.no_participant",
                vec![
                    ("email", email.to_string()),
                    ("programme", programme.0.to_string()),
                ],
            )
        })
}

pub fn run_workshop(
    cli: &Cli,
    texts: &Texts,
    command: &WorkshopCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    match command {
        WorkshopCommand::Add {
            programme,
            title,
            date,
            time,
            minutes,
            location,
            audience,
            trainer,
            required,
        } => {
            let form = workshop::WorkshopForm {
                title: title.clone(),
                date: date.clone(),
                time: time.clone(),
                minutes: minutes.clone(),
                location: location.clone(),
                audience: audience.clone(),
                trainer: trainer.clone(),
                required: *required,
            };
            let w = workshop::add(&mut store, ProgrammeId(*programme), &form, now)?;
            if cli.json {
                print_json(&workshop_json(&w));
            } else {
                println!("{}", w.id.0);
            }
        }
        WorkshopCommand::List { programme } => {
            let id = ProgrammeId(*programme);
            klik::programme::get(&store, id)?;
            let all = workshop::list(&store, id)?;
            if cli.json {
                print_json(&all.iter().map(workshop_json).collect::<Vec<_>>());
            } else {
                for w in &all {
                    println!(
                        "{}  {}  {}  {}/{}",
                        workshop::when(w, texts),
                        w.title,
                        texts.get(w.audience.label_key()),
                        w.attended,
                        w.attended + w.absent
                    );
                }
            }
        }
        WorkshopCommand::Attendance {
            workshop: id,
            present,
        } => {
            let id = workshop::WorkshopId(*id);
            let programme = workshop::get(&store, id)?.programme;
            let people = present
                .iter()
                .map(|email| participant_by_email(&store, programme, email))
                .collect::<Result<Vec<_>, _>>()?;
            let w = workshop::register_attendance(&mut store, id, &people, now)?;
            if cli.json {
                print_json(&workshop_json(&w));
            } else {
                println!("{}/{}", w.attended, w.attended + w.absent);
            }
        }
        WorkshopCommand::Ics { workshop: id, out } => {
            let text =
                workshop::calendar(&store, workshop::WorkshopId(*id), klik::clock::utc(now))?;
            klik::data_dir::check_target(out, &["ics"])?;
            klik::data_dir::write_file(out, text)?;
            if cli.json {
                print_json(&serde_json::json!({ "file": out.display().to_string(), "events": 1 }));
            } else {
                println!("{}", out.display());
            }
        }
    }
    Ok(())
}

pub fn run_evaluation(
    cli: &Cli,
    _texts: &Texts,
    command: &EvaluationCommand,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    match command {
        EvaluationCommand::Questions {
            programme,
            default,
            question,
        } => {
            let id = ProgrammeId(*programme);
            let wanted: Vec<(String, closing::Kind)> = if *default {
                closing::standard_questions(&store, id)?
            } else {
                question
                    .iter()
                    .map(|q| {
                        let (kind, text) = q.split_once(':').unwrap_or(("", q));
                        closing::Kind::parse(kind.trim())
                            .map(|k| (text.to_string(), k))
                            .ok_or_else(|| Failure::usage("error.cli.question", q.as_str()))
                    })
                    .collect::<Result<_, _>>()?
            };
            let set = closing::set_questions(&mut store, id, &wanted)?;
            if cli.json {
                print_json(
                    &set.iter()
                        .map(|q| serde_json::json!({ "position": q.position, "text": q.text, "kind": q.kind.as_str() }))
                        .collect::<Vec<_>>(),
                );
            } else {
                for q in &set {
                    println!("{}. [{}] {}", q.position, q.kind.as_str(), q.text);
                }
            }
        }
        EvaluationCommand::Answer {
            programme,
            participant,
            answer,
        } => {
            let id = ProgrammeId(*programme);
            let who = participant_by_email(&store, id, participant)?;
            let asked = closing::questions(&store, id)?;
            let forms = answer
                .iter()
                .map(|a| {
                    let (n, value) = a
                        .split_once('=')
                        .ok_or_else(|| Failure::usage("error.cli.answer", a.as_str()))?;
                    let position: u8 = n
                        .trim()
                        .parse()
                        .map_err(|_| Failure::usage("error.cli.answer_number", a.as_str()))?;
                    let scale = asked
                        .iter()
                        .any(|q| q.position == position && q.kind == closing::Kind::Scale);
                    Ok(closing::AnswerForm {
                        position,
                        score: if scale {
                            value.to_string()
                        } else {
                            String::new()
                        },
                        text: if scale {
                            String::new()
                        } else {
                            value.to_string()
                        },
                    })
                })
                .collect::<Result<Vec<_>, Failure>>()?;
            let kept = closing::record_answers(&mut store, id, who, &forms)?;
            if cli.json {
                print_json(
                    &kept
                        .iter()
                        .map(|a| serde_json::json!({ "position": a.position, "score": a.score, "text": a.text }))
                        .collect::<Vec<_>>(),
                );
            } else {
                println!("{}", kept.len());
            }
        }
    }
    Ok(())
}
