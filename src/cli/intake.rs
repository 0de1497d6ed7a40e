//! Intakes on the command line: plan, list, move, calendar files, the
//! outcome (the klik), the printed schedule and guides, public holidays.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use klik::i18n::Texts;
use klik::intake;
use klik::matching::{self, MatchId};
use klik::programme::{self, ProgrammeId};
use klik::{Error, Store, clock, date};

use super::{Failure, Globals, MatchOrProgramme, write_pdf};

#[derive(Subcommand)]
pub enum IntakeCommand {
    /// Propose a time for every confirmed match without an intake, and save the plan.
    Plan {
        #[arg(long)]
        programme: i64,
        /// First day (DD-MM-YYYY or YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day, included.
        #[arg(long)]
        to: String,
        /// Length of a talk in minutes (saved in the programme's intake settings).
        #[arg(long, value_name = "MIN")]
        duration: Option<String>,
        /// Show the plan without saving it.
        #[arg(long)]
        dry_run: bool,
    },
    /// List a programme's intakes.
    List {
        #[arg(long)]
        programme: i64,
    },
    /// Move a match's planned intake (or plan one by hand).
    Move {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// DD-MM-YYYY
        #[arg(long)]
        date: String,
        /// HH:MM
        #[arg(long)]
        time: String,
        /// Set the time even though it is on a closed day, outside the
        /// working hours or outside someone's availability (the talk then
        /// carries a note); clashes stay refused.
        #[arg(long)]
        anyway: bool,
    },
    /// Write the calendar files: one .ics per intake and intakes.ics with all of them.
    ExportIcs {
        #[arg(long)]
        programme: i64,
        /// An existing folder.
        #[arg(long)]
        out: PathBuf,
    },
    /// Record whether there was a klik.
    Outcome {
        #[arg(long = "match", value_name = "ID")]
        id: i64,
        /// yes, unsure or no.
        #[arg(long)]
        klik: String,
        /// Why (required with --klik no).
        #[arg(long, default_value = "")]
        reason: String,
        /// The day the talk was held (DD-MM-YYYY), when it was not planned in
        /// Klik or took place at another time than planned.
        #[arg(long, value_name = "DATE")]
        held: Option<String>,
        /// The time it started (HH:MM) with --held; default 12:00.
        #[arg(long, value_name = "HH:MM", requires = "held")]
        held_time: Option<String>,
    },
    /// Print the intake schedule (per day: time, mentee, mentor, place) to a PDF.
    Schedule {
        #[arg(long)]
        programme: i64,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the conversation guide of one pair (--match) or of every pair
    /// with an intake ahead (--programme), one page each.
    Guide {
        #[command(flatten)]
        of: MatchOrProgramme,
        /// FILE.pdf
        #[arg(long)]
        out: PathBuf,
    },
    /// Add a country's public holidays of a year to the programme's closed days.
    Holidays {
        #[arg(long)]
        programme: i64,
        /// be or nl.
        #[arg(long)]
        country: String,
        #[arg(long)]
        year: i32,
    },
}

/// An intake as `intake list --json` and `intake move --json` print it.
#[derive(Serialize)]
struct IntakeJson {
    id: i64,
    #[serde(rename = "match")]
    match_id: i64,
    mentee: String,
    mentor: String,
    start: String,
    end: String,
    location: String,
    status: &'static str,
    outcome: Option<&'static str>,
    reason: Option<String>,
    sequence: u32,
    uid: String,
    exceptions: Vec<&'static str>,
}

impl IntakeJson {
    fn new(store: &Store, i: &intake::Intake) -> Result<IntakeJson, Failure> {
        let pair = matching::get(store, i.match_id)?;
        Ok(IntakeJson {
            id: i.id.0,
            match_id: i.match_id.0,
            mentee: pair.mentee_email,
            mentor: pair.mentor_email,
            start: minute(i.start),
            end: minute(i.end()),
            location: i.location.clone(),
            status: i.status.as_str(),
            outcome: i.outcome.map(|o| o.as_str()),
            reason: i.outcome_reason.clone(),
            sequence: i.sequence,
            uid: i.uid.clone(),
            exceptions: i.exceptions.iter().map(|e| e.as_str()).collect(),
        })
    }
}

/// `intake plan --json`.
#[derive(Serialize)]
struct PlanJson {
    saved: bool,
    planned: Vec<PlannedJson>,
    not_placed: Vec<NotPlacedJson>,
}

#[derive(Serialize)]
struct PlannedJson {
    #[serde(rename = "match")]
    match_id: i64,
    mentee: String,
    mentor: String,
    start: String,
    end: String,
}

#[derive(Serialize)]
struct NotPlacedJson {
    #[serde(rename = "match")]
    match_id: i64,
    mentee: String,
    mentor: String,
    reason: String,
}

/// `intake export-ics --json`.
#[derive(Serialize)]
struct CalendarJson {
    events: usize,
    files: Vec<String>,
}

/// `intake outcome --json`.
#[derive(Serialize)]
struct OutcomeJson {
    #[serde(rename = "match")]
    match_id: i64,
    intake: i64,
    outcome: &'static str,
    status: &'static str,
    next_mentor: Option<NextMentorJson>,
}

#[derive(Serialize)]
struct NextMentorJson {
    name: String,
    score: u8,
}

/// A closed day as `intake holidays --json` prints it.
#[derive(Serialize)]
struct ClosedDayJson {
    day: String,
    label: String,
}

/// A local time to the minute, as the JSON writes it: `2027-01-06T10:00`.
fn minute(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// A local time as people read it: "wo 06-01-2027 10:00".
fn when(t: chrono::NaiveDateTime, language: &str) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        klik::participant::availability::Availability::day_name(
            t.date().weekday().number_from_monday() as u8,
            language
        ),
        date::short(t.date(), language),
        t.format("%H:%M")
    )
}

/// `klik intake …`.
pub fn run(
    cli: &Globals,
    texts: &Texts,
    command: &IntakeCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
    let language = texts.language();
    match command {
        IntakeCommand::Plan {
            programme,
            from,
            to,
            duration,
            dry_run,
        } => {
            let id = ProgrammeId(*programme);
            programme::get(&store, id)?;
            if let Some(minutes) = duration {
                let mut form = intake::SettingsForm::from_settings(&intake::settings(&store, id)?);
                form.minutes.clone_from(minutes);
                let settings = form.validate().map_err(Error::Invalid)?;
                intake::save_settings(&mut store, id, &settings)?;
            }
            let (from, to) = intake::PeriodForm {
                from: from.clone(),
                to: to.clone(),
            }
            .validate(now.date())
            .map_err(Error::Invalid)?;
            let proposal = intake::propose(&store, id, from, to, now, texts)?;
            if !dry_run {
                intake::apply(&mut store, &proposal, now)?;
            }
            let minutes = chrono::Duration::minutes(i64::from(proposal.settings.minutes));
            let json = PlanJson {
                saved: !dry_run,
                planned: proposal
                    .planned
                    .iter()
                    .map(|p| PlannedJson {
                        match_id: p.pair.id.0,
                        mentee: p.pair.mentee_email.clone(),
                        mentor: p.pair.mentor_email.clone(),
                        start: minute(p.start),
                        end: minute(p.start + minutes),
                    })
                    .collect(),
                not_placed: proposal
                    .not_placed
                    .iter()
                    .map(|n| NotPlacedJson {
                        match_id: n.pair.id.0,
                        mentee: n.pair.mentee_email.clone(),
                        mentor: n.pair.mentor_email.clone(),
                        reason: n.reason.clone(),
                    })
                    .collect(),
            };
            cli.print(&json, |_| {
                for p in &proposal.planned {
                    println!(
                        "{}–{}  {} & {}",
                        when(p.start, language),
                        (p.start + minutes).format("%H:%M"),
                        p.pair.mentee_name,
                        p.pair.mentor_name
                    );
                }
                for n in &proposal.not_placed {
                    println!(
                        "—  {} & {}: {}",
                        n.pair.mentee_name, n.pair.mentor_name, n.reason
                    );
                }
            });
        }
        IntakeCommand::List { programme } => {
            let id = ProgrammeId(*programme);
            programme::get(&store, id)?;
            let intakes = intake::list(&store, id)?;
            if cli.json {
                let rows = intakes
                    .iter()
                    .map(|i| IntakeJson::new(&store, i))
                    .collect::<Result<Vec<_>, _>>()?;
                cli.print_json(&rows);
            } else {
                for i in &intakes {
                    let pair = matching::get(&store, i.match_id)?;
                    let state = match i.outcome {
                        Some(o) => texts.get(o.label_key()).to_string(),
                        None => texts
                            .get(&format!("intake.status.{}", i.status.as_str()))
                            .to_string(),
                    };
                    println!(
                        "{:>4}  {}  {} & {}  {}",
                        i.match_id.0,
                        when(i.start, language),
                        pair.mentee_name,
                        pair.mentor_name,
                        state
                    );
                }
            }
        }
        IntakeCommand::Move {
            id,
            date,
            time,
            anyway,
        } => {
            let start = intake::parse_start(date, time).map_err(Error::Invalid)?;
            let moved = if *anyway {
                intake::schedule_anyway(&mut store, MatchId(*id), start, now)?
            } else {
                intake::schedule(&mut store, MatchId(*id), start, now)?
            };
            cli.print(&IntakeJson::new(&store, &moved)?, |_| {
                println!("{}", when(moved.start, language));
            });
        }
        IntakeCommand::ExportIcs { programme, out } => {
            let talks = intake::calendar(&store, ProgrammeId(*programme), None, clock::utc(now))?;
            klik::data_dir::check_folder(out)?;
            let write = |name: String, events: &[intake::ics::Event]| -> Result<PathBuf, Failure> {
                let path = out.join(name);
                klik::data_dir::write_file(&path, intake::ics::calendar(events))?;
                Ok(path)
            };
            let mut files = Vec::new();
            for (talk, event) in &talks {
                files.push(write(
                    format!("intake-{}.ics", talk.id.0),
                    std::slice::from_ref(event),
                )?);
            }
            let events: Vec<_> = talks.into_iter().map(|(_, event)| event).collect();
            files.push(write("intakes.ics".into(), &events)?);
            let json = CalendarJson {
                events: events.len(),
                files: files.iter().map(|f| f.display().to_string()).collect(),
            };
            cli.print(&json, |json| {
                for f in &json.files {
                    println!("{f}");
                }
            });
        }
        IntakeCommand::Outcome {
            id,
            klik,
            reason,
            held,
            held_time,
        } => {
            let outcome = intake::Outcome::parse(klik)
                .ok_or_else(|| Failure::usage("error.cli.klik", klik.as_str()))?;
            let recorded = match held {
                Some(day) => {
                    let at = intake::parse_start(day, held_time.as_deref().unwrap_or("12:00"))
                        .map_err(Error::Invalid)?;
                    intake::record_outcome_held(&mut store, MatchId(*id), outcome, reason, at, now)?
                }
                None => intake::record_outcome(&mut store, MatchId(*id), outcome, reason, now)?,
            };
            let json = OutcomeJson {
                match_id: *id,
                intake: recorded.intake.id.0,
                outcome: outcome.as_str(),
                status: recorded.status.as_str(),
                next_mentor: recorded
                    .next_mentor
                    .as_ref()
                    .map(|(name, score)| NextMentorJson {
                        name: name.clone(),
                        score: *score,
                    }),
            };
            cli.print(&json, |json| {
                println!("{}", texts.get(outcome.label_key()));
                if let Some(next) = &json.next_mentor {
                    println!(
                        "{}",
                        texts.format(
                            "intake.next_mentor",
                            &[("name", &next.name), ("score", &next.score.to_string())]
                        )
                    );
                }
            });
        }
        IntakeCommand::Schedule { programme, out } => {
            let document = intake::print::schedule(&store, ProgrammeId(*programme), now)?;
            let planned = intake::list(&store, ProgrammeId(*programme))?
                .iter()
                .filter(|i| i.status == intake::IntakeStatus::Planned)
                .count();
            write_pdf(cli, texts, &document, out, ("intakes", planned.into()))?;
        }
        IntakeCommand::Guide { of, out } => {
            let (document, count) = match (of.id, of.programme) {
                (Some(id), _) => (intake::print::guide(&store, MatchId(id), now)?, 1),
                (None, Some(programme)) => {
                    intake::print::guides(&store, ProgrammeId(programme), now)?
                }
                (None, None) => {
                    return Err(Failure::Usage("error.cli.match_or_programme", Vec::new()));
                }
            };
            write_pdf(cli, texts, &document, out, ("guides", count.into()))?;
        }
        IntakeCommand::Holidays {
            programme,
            country,
            year,
        } => {
            if !intake::holidays::COUNTRIES.contains(&country.as_str()) {
                return Err(Failure::usage("error.cli.country", country.as_str()));
            }
            let days = intake::add_public_holidays(
                &mut store,
                ProgrammeId(*programme),
                country,
                &[*year],
            )?;
            let json: Vec<ClosedDayJson> = days
                .iter()
                .map(|d| ClosedDayJson {
                    day: d.day.to_string(),
                    label: d.label.clone(),
                })
                .collect();
            cli.print(&json, |_| {
                for d in &days {
                    println!("{}  {}", date::short(d.day, language), d.label);
                }
            });
        }
    }
    Ok(())
}
