//! The trajectory on the command line: meetings, goal progress, check-ins,
//! the attention list and the reports, through the same core functions as
//! the window.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use klik::date;
use klik::i18n::Texts;
use klik::matching::MatchId;
use klik::programme::ProgrammeId;
use klik::trajectory::{
    self, AnswerForm, CheckinForm, MeetingForm, ProgressForm, attention, closing, kpi, report,
    workshop,
};

use super::{Failure, Globals, write_cells, write_pdf};

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
    /// The officer's list for this week (talks, outcomes, agreements, quiet
    /// pairs, mentees waiting for a new mentor), as PDF.
    Week {
        #[arg(long)]
        programme: i64,
        /// FILE.pdf
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

/// A meeting as `meeting add --json` and `meeting list --json` print it.
#[derive(Serialize)]
struct MeetingJson {
    id: i64,
    #[serde(rename = "match")]
    match_id: i64,
    date: String,
    minutes: u16,
    held: bool,
    topics: String,
    notes: String,
    next_steps: String,
}

impl From<&trajectory::Meeting> for MeetingJson {
    fn from(m: &trajectory::Meeting) -> MeetingJson {
        MeetingJson {
            id: m.id.0,
            match_id: m.match_id.0,
            date: date::iso(m.on),
            minutes: m.minutes,
            held: m.held,
            topics: m.topics.clone(),
            notes: m.notes.clone(),
            next_steps: m.next_steps.clone(),
        }
    }
}

/// `progress add --json`.
#[derive(Serialize)]
struct ProgressJson {
    #[serde(rename = "match")]
    match_id: i64,
    goal: u8,
    date: String,
    state: &'static str,
    percent: u8,
    note: String,
}

/// One side of a check-in as `checkin add --json` prints it.
#[derive(Serialize)]
struct CheckinJson {
    #[serde(rename = "match")]
    match_id: i64,
    moment: &'static str,
    date: String,
    role: &'static str,
    satisfaction: u8,
    fit: &'static str,
    comment: String,
}

/// A pair that needs attention, as `attention --json` prints it.
#[derive(Serialize)]
struct AttentionJson {
    #[serde(rename = "match")]
    match_id: i64,
    mentee: String,
    mentor: String,
    code: &'static str,
    message: String,
}

pub fn run_meeting(
    cli: &Globals,
    texts: &Texts,
    command: &MeetingCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
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
            cli.print(&MeetingJson::from(&m), |json| println!("{}", json.id));
        }
        MeetingCommand::List { id } => {
            let meetings = trajectory::meetings(&store, MatchId(*id))?;
            if meetings.is_empty() {
                klik::matching::get(&store, MatchId(*id))?;
            }
            let json: Vec<MeetingJson> = meetings.iter().map(MeetingJson::from).collect();
            cli.print(&json, |_| {
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
            });
        }
    }
    Ok(())
}

/// The day typed, or today written the way the parser reads it.
fn day_or_today(typed: &Option<String>, now: chrono::NaiveDateTime) -> String {
    typed.clone().unwrap_or_else(|| date::iso(now.date()))
}

pub fn run_progress(
    cli: &Globals,
    texts: &Texts,
    command: &ProgressCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
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
    let json = ProgressJson {
        match_id: entry.match_id.0,
        goal: entry.position,
        date: date::iso(entry.on),
        state: entry.state.as_str(),
        percent: entry.percent,
        note: entry.note.clone(),
    };
    cli.print(&json, |_| {
        println!(
            "{} {} · {} · {} %",
            texts.format("report.goal_n", &[("n", &entry.position.to_string())]),
            date::short(entry.on, texts.language()),
            texts.get(entry.state.label_key()),
            entry.percent
        );
    });
    Ok(())
}

pub fn run_checkin(
    cli: &Globals,
    texts: &Texts,
    command: &CheckinCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
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
    let json: Vec<CheckinJson> = recorded
        .iter()
        .map(|c| CheckinJson {
            match_id: c.match_id.0,
            moment: c.moment.as_str(),
            date: date::iso(c.on),
            role: c.side.as_str(),
            satisfaction: c.satisfaction,
            fit: c.fit.as_str(),
            comment: c.comment.clone(),
        })
        .collect();
    cli.print(&json, |_| {
        for c in &recorded {
            println!(
                "{}: {} / 5, {}",
                texts.get(c.side.label_key()),
                c.satisfaction,
                texts.get(c.fit.label_key())
            );
        }
    });
    Ok(())
}

/// `checklist --json`: the programme's phases with what to do next.
#[derive(Serialize)]
struct ChecklistJson {
    programme: i64,
    next: Option<&'static str>,
    closed: bool,
    steps: Vec<StepJson>,
}

#[derive(Serialize)]
struct StepJson {
    phase: &'static str,
    state: &'static str,
    summary: String,
    actions: Vec<ActionJson>,
    #[serde(rename = "match")]
    match_id: Option<i64>,
}

#[derive(Serialize)]
struct ActionJson {
    code: &'static str,
    count: u32,
    message: String,
}

pub fn run_checklist(
    cli: &Globals,
    texts: &Texts,
    programme: i64,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let store = cli.open()?;
    let list = klik::checklist::checklist(&store, texts, ProgrammeId(programme), now)?;
    let json = ChecklistJson {
        programme,
        next: list.next.map(|p| p.as_str()),
        closed: list.closed,
        steps: list
            .steps
            .iter()
            .map(|s| StepJson {
                phase: s.phase.as_str(),
                state: s.state.as_str(),
                summary: s.summary.clone(),
                actions: s
                    .actions
                    .iter()
                    .map(|a| ActionJson {
                        code: a.code(),
                        count: a.count(),
                        message: a.message(texts),
                    })
                    .collect(),
                match_id: s.first_match.map(|m| m.0),
            })
            .collect(),
    };
    cli.print(&json, |json| {
        for (step, kind) in json.steps.iter().zip(&list.steps) {
            let mark = match kind.state {
                klik::checklist::State::Done => "✓",
                klik::checklist::State::Todo => "→",
                _ => " ",
            };
            println!(
                "{mark} {} ({}): {}",
                texts.get(kind.phase.label_key()),
                texts.get(&format!("checklist.state.{}", step.state)),
                step.summary
            );
            for action in &step.actions {
                println!("    {}", action.message);
            }
        }
    });
    Ok(())
}

pub fn run_attention(
    cli: &Globals,
    texts: &Texts,
    programme: i64,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let store = cli.open()?;
    let loaded = trajectory::load(&store, ProgrammeId(programme))?;
    let items = attention::list(&loaded, now);
    let json: Vec<AttentionJson> = items
        .iter()
        .map(|i| AttentionJson {
            match_id: i.match_id.0,
            mentee: i.mentee.clone(),
            mentor: i.mentor.clone(),
            code: i.concern.code(),
            message: i.concern.message(texts),
        })
        .collect();
    cli.print(&json, |json| {
        if json.is_empty() {
            println!("{}", texts.get("attention.none"));
        }
        for i in json {
            println!("{} & {}: {}", i.mentee, i.mentor, i.message);
        }
    });
    Ok(())
}

/// `report kpis --json`: the file and the key figures.
#[derive(Serialize)]
struct KpisFileJson {
    file: String,
    kpis: KpisJson,
}

/// The key figures with stable names, for scripts.
#[derive(Serialize)]
struct KpisJson {
    mentors: u32,
    mentees: u32,
    matched_mentees: u32,
    match_rate: Option<u8>,
    kliks: u32,
    unsure: u32,
    no_kliks: u32,
    klik_rate: Option<u8>,
    waiting: u32,
    active: u32,
    completed: u32,
    dissolved: u32,
    dissolve_reasons: Vec<ReasonCountJson>,
    meetings_held: u32,
    meetings_cancelled: u32,
    meetings_expected: u32,
    minutes_held: u64,
    days_to_first_meeting: Option<f64>,
    goals_set: u32,
    goals_achieved: u32,
    satisfaction_mentors: Option<f64>,
    satisfaction_mentees: Option<f64>,
    meetings_per_month: Vec<MonthJson>,
}

#[derive(Serialize)]
struct ReasonCountJson {
    reason: String,
    count: u32,
}

#[derive(Serialize)]
struct MonthJson {
    month: String,
    held: u32,
}

impl From<&kpi::Kpis> for KpisJson {
    fn from(k: &kpi::Kpis) -> KpisJson {
        KpisJson {
            mentors: k.mentors,
            mentees: k.mentees,
            matched_mentees: k.matched_mentees,
            match_rate: k.match_rate(),
            kliks: k.kliks,
            unsure: k.unsure,
            no_kliks: k.no_kliks,
            klik_rate: k.klik_rate(),
            waiting: k.waiting,
            active: k.active,
            completed: k.completed,
            dissolved: k.dissolved,
            dissolve_reasons: k
                .dissolve_reasons
                .iter()
                .map(|(reason, count)| ReasonCountJson {
                    reason: reason.clone(),
                    count: *count,
                })
                .collect(),
            meetings_held: k.meetings_held,
            meetings_cancelled: k.meetings_cancelled,
            meetings_expected: k.meetings_expected,
            minutes_held: k.minutes_held,
            days_to_first_meeting: k.days_to_first_meeting,
            goals_set: k.goals_set,
            goals_achieved: k.goals_achieved(),
            satisfaction_mentors: k.satisfaction_mentors,
            satisfaction_mentees: k.satisfaction_mentees,
            meetings_per_month: k
                .meetings_per_month
                .iter()
                .map(|(month, held)| MonthJson {
                    month: month.format("%Y-%m").to_string(),
                    held: *held,
                })
                .collect(),
        }
    }
}

pub fn run_report(
    cli: &Globals,
    texts: &Texts,
    command: &ReportCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let store = cli.open()?;
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
            let loaded = trajectory::load(&store, id)?;
            let json = KpisFileJson {
                file: out.display().to_string(),
                kpis: KpisJson::from(&kpi::compute(&loaded, now.date())),
            };
            cli.print(&json, |json| println!("{}", json.file));
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
        ReportCommand::Week { programme, out } => {
            let document = klik::checklist::this_week(&store, ProgrammeId(*programme), now)?;
            write_pdf(cli, texts, &document, out, ("lists", 1.into()))?;
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

/// A workshop as `workshop add`, `list` and `attendance` print it with `--json`.
#[derive(Serialize)]
struct WorkshopJson {
    id: i64,
    programme: i64,
    title: String,
    start: String,
    end: String,
    location: String,
    audience: &'static str,
    trainer: String,
    required: bool,
    attended: u32,
    absent: u32,
    sequence: u32,
    uid: String,
}

impl From<&workshop::Workshop> for WorkshopJson {
    fn from(w: &workshop::Workshop) -> WorkshopJson {
        WorkshopJson {
            id: w.id.0,
            programme: w.programme.0,
            title: w.title.clone(),
            start: w.start.format("%Y-%m-%dT%H:%M").to_string(),
            end: w.end().format("%Y-%m-%dT%H:%M").to_string(),
            location: w.location.clone(),
            audience: w.audience.as_str(),
            trainer: w.trainer.clone(),
            required: w.required,
            attended: w.attended,
            absent: w.absent,
            sequence: w.sequence,
            uid: w.uid.clone(),
        }
    }
}

/// `workshop ics --json`.
#[derive(Serialize)]
struct CalendarJson {
    file: String,
    events: usize,
}

/// A question as `evaluation questions --json` prints it.
#[derive(Serialize)]
struct QuestionJson {
    position: u8,
    text: String,
    kind: &'static str,
}

/// An answer as `evaluation answer --json` prints it.
#[derive(Serialize)]
struct AnswerJson {
    position: u8,
    score: Option<u8>,
    text: String,
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
    cli: &Globals,
    texts: &Texts,
    command: &WorkshopCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
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
            cli.print(&WorkshopJson::from(&w), |json| println!("{}", json.id));
        }
        WorkshopCommand::List { programme } => {
            let id = ProgrammeId(*programme);
            klik::programme::get(&store, id)?;
            let all = workshop::list(&store, id)?;
            let json: Vec<WorkshopJson> = all.iter().map(WorkshopJson::from).collect();
            cli.print(&json, |_| {
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
            });
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
            cli.print(&WorkshopJson::from(&w), |json| {
                println!("{}/{}", json.attended, json.attended + json.absent)
            });
        }
        WorkshopCommand::Ics { workshop: id, out } => {
            let text =
                workshop::calendar(&store, workshop::WorkshopId(*id), klik::clock::utc(now))?;
            klik::data_dir::check_target(out, &["ics"])?;
            klik::data_dir::write_file(out, text)?;
            let json = CalendarJson {
                file: out.display().to_string(),
                events: 1,
            };
            cli.print(&json, |json| println!("{}", json.file));
        }
    }
    Ok(())
}

pub fn run_evaluation(
    cli: &Globals,
    _texts: &Texts,
    command: &EvaluationCommand,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
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
            let json: Vec<QuestionJson> = set
                .iter()
                .map(|q| QuestionJson {
                    position: q.position,
                    text: q.text.clone(),
                    kind: q.kind.as_str(),
                })
                .collect();
            cli.print(&json, |json| {
                for q in json {
                    println!("{}. [{}] {}", q.position, q.kind, q.text);
                }
            });
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
            let json: Vec<AnswerJson> = kept
                .iter()
                .map(|a| AnswerJson {
                    position: a.position,
                    score: a.score,
                    text: a.text.clone(),
                })
                .collect();
            cli.print(&json, |json| println!("{}", json.len()));
        }
    }
    Ok(())
}
