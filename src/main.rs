//! `klik`: the command-line twin of the Klik app.
//!
//! Every main job of the app can be done here, on the same database, through
//! the same core functions. Subcommands and `--json` output are a public
//! interface, documented in the README: change them only compatibly.
//! Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

mod cli;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use klik::agreement::{self, AgreementForm, GoalForm, Signatures};
use klik::data_dir::DataDir;
use klik::i18n::{Texts, language_for_locale};
use klik::intake;
use klik::matching::{self, Confirming, Criteria, MatchId};
use klik::organisation::{self, StartChoice};
use klik::participant::{self, import};
use klik::programme::{self, Listing, PhaseForm, PhaseKind, Programme, ProgrammeForm, ProgrammeId};
use klik::{Error, Store, clock, date, demo, tabular};

#[derive(Parser)]
#[command(
    name = "klik",
    version,
    about = "Klik from the command line: mentoring programmes, scripted."
)]
struct Cli {
    /// The database file (default: klik.sqlite in the data folder, or KLIK_DATA_DIR).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print results as JSON (errors as one JSON line on stderr).
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: nl, en or fr (default: from LANG).
    #[arg(long, global = true, value_name = "CODE")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Prepare the demo: with --db, fill that (empty) database; otherwise make
    /// the app's own demo database and have the app open on it.
    Demo {
        /// Throw away an existing demo database and make a fresh one.
        #[arg(long)]
        reset: bool,
    },
    /// Set up and look at programmes.
    #[command(subcommand)]
    Programme(ProgrammeCommand),
    /// Import, export and list a programme's participants.
    #[command(subcommand)]
    Participants(ParticipantsCommand),
    /// Propose, check, confirm and dissolve mentor–mentee matches.
    #[command(subcommand)]
    Match(MatchCommand),
    /// Fill in, sign and print mentoring agreements.
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// Plan intake talks, write calendar files and record whether there was a klik.
    #[command(subcommand)]
    Intake(IntakeCommand),
    /// Log and list a pair's meetings.
    #[command(subcommand)]
    Meeting(cli::trajectory::MeetingCommand),
    /// Record progress on a pair's learning goals.
    #[command(subcommand)]
    Progress(cli::trajectory::ProgressCommand),
    /// Record what mentor and mentee said at a check-in.
    #[command(subcommand)]
    Checkin(cli::trajectory::CheckinCommand),
    /// The pairs of a programme that need the coordinator's attention, most urgent first.
    Attention {
        #[arg(long)]
        programme: i64,
    },
    /// Progress reports, the programme report, key figures, certificates and check-in forms.
    #[command(subcommand)]
    Report(cli::trajectory::ReportCommand),
    /// Plan supporting workshops, register attendance, write calendar files.
    #[command(subcommand)]
    Workshop(cli::trajectory::WorkshopCommand),
    /// The closing evaluation: questions and answers.
    #[command(subcommand)]
    Evaluation(cli::trajectory::EvaluationCommand),
    /// Write a consistent copy of the database to a file (a USB stick, say).
    Backup {
        /// FILE.sqlite
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a backup and put it in place of the current data (which is
    /// backed up first). Without --yes, only says what the file holds.
    Restore {
        file: PathBuf,
        #[arg(long)]
        yes: bool,
    },
    /// The full integrity check of the database.
    Check,
    /// A person's data (GDPR): export everything, or erase it.
    #[command(subcommand)]
    Person(cli::privacy::PersonCommand),
    /// Show or set after how many months the participants of closed
    /// programmes are anonymised; --run applies it now.
    Retention {
        #[arg(long, conflicts_with = "off")]
        months: Option<u16>,
        #[arg(long)]
        off: bool,
        #[arg(long)]
        run: bool,
    },
    /// Show which database is used and what it holds.
    Info,
    /// Show or set the organisation's name and its programme coordinator.
    Organisation(cli::organisation::OrganisationArgs),
}

/// One match (`--match ID`) or all of a programme (`--programme ID`).
#[derive(Args)]
struct MatchOrProgramme {
    #[arg(
        long = "match",
        value_name = "ID",
        conflicts_with = "programme",
        required_unless_present = "programme"
    )]
    id: Option<i64>,
    #[arg(long)]
    programme: Option<i64>,
}

#[derive(Subcommand)]
enum IntakeCommand {
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

#[derive(Subcommand)]
enum AgreementCommand {
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

#[derive(Subcommand)]
enum MatchCommand {
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

#[derive(Subcommand)]
enum ParticipantsCommand {
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

#[derive(Subcommand)]
enum ProgrammeCommand {
    /// List programmes (current ones unless --archived or --all).
    List {
        #[arg(long, conflicts_with = "all")]
        archived: bool,
        #[arg(long)]
        all: bool,
    },
    /// Show one programme with its phases.
    Show { id: i64 },
    /// Create a programme; phases not given follow from the dates.
    Create(CreateArgs),
    /// Change a programme; only the options given change.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        /// New start date; phases then follow the new dates unless --phase is given.
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[command(flatten)]
        fields: ProgrammeFields,
    },
    /// Copy a programme (settings and phases) under a new name.
    Duplicate {
        id: i64,
        #[arg(long)]
        name: Option<String>,
    },
    /// Move a programme to the archive.
    Archive { id: i64 },
    /// Bring a programme back from the archive.
    Restore { id: i64 },
    /// Close a programme: active pairs completed, pairs still waiting dissolved,
    /// planned intakes cancelled, the programme archived; all for good.
    Close { id: i64 },
}

#[derive(Args)]
struct CreateArgs {
    #[arg(long)]
    name: String,
    /// Start date: 01-09-2027 or 2027-09-01.
    #[arg(long)]
    start: String,
    /// End date.
    #[arg(long)]
    end: String,
    #[command(flatten)]
    more: ProgrammeFields,
}

#[derive(Args, Default)]
struct ProgrammeFields {
    #[arg(long)]
    purpose: Option<String>,
    /// The programme's goals, one per line.
    #[arg(long)]
    goals: Option<String>,
    #[arg(long)]
    context: Option<String>,
    /// Weeks between meetings (1–12; default 4).
    #[arg(long, value_name = "WEEKS")]
    cadence_weeks: Option<String>,
    /// Default mentees per mentor (1–20; default 2).
    #[arg(long, value_name = "N")]
    capacity: Option<String>,
    /// Language of the programme's documents: nl, en or fr.
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
    /// A phase's dates, as KIND=START..END (for example matching=01-10-2027..31-10-2027).
    #[arg(long = "phase", value_name = "KIND=START..END")]
    phases: Vec<String>,
}

/// A user error on its way out: the core error, or a problem with the arguments.
enum Failure {
    Core(Error),
    /// A problem with the arguments (exit 2): a catalogue key and its
    /// values, so that it reads in the language of `--lang` too.
    Usage(&'static str, Vec<(&'static str, String)>),
}

impl Failure {
    /// A usage problem told by catalogue entry `key` with `{value}` filled in.
    fn usage(key: &'static str, value: impl Into<String>) -> Failure {
        Failure::Usage(key, vec![("value", value.into())])
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let texts = Texts::for_language(&message_language(cli.lang.as_deref()));
    match run(&cli, &texts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(key, values)) => {
            let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let message = texts.format(key, &values);
            if cli.json {
                let line = serde_json::json!({ "code": "usage", "message": message });
                eprintln!("{line}");
            } else {
                eprintln!("klik: {message}");
            }
            ExitCode::from(2)
        }
        Err(Failure::Core(error)) => {
            let message = error.message(&texts).replace('\n', "; ");
            if cli.json {
                let line = serde_json::json!({ "code": error.code(), "message": message });
                eprintln!("{line}");
            } else {
                eprintln!("klik: {message}");
            }
            ExitCode::from(1)
        }
    }
}

/// `klik … | head` closes the pipe before Klik is done printing; Rust's
/// `println!` then panics. A reader that stopped reading is no error: end
/// quietly, as command-line tools do, and keep every other panic's report.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        report(info);
    }));
}

fn message_language(flag: Option<&str>) -> String {
    if let Some(code) = flag {
        return language_for_locale(code).to_string();
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .map(|tag| language_for_locale(&tag).to_string())
        .unwrap_or_else(|| "en".to_string())
}

fn data_dir() -> Result<DataDir, Failure> {
    DataDir::from_environment()
        .ok_or_else(|| Failure::Usage("error.cli.no_data_folder", Vec::new()))
}

fn open(cli: &Cli) -> Result<Store, Failure> {
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => data_dir()?.database(),
    };
    Ok(Store::open(&path)?)
}

fn run(cli: &Cli, texts: &Texts) -> Result<(), Failure> {
    let now = clock::now();
    match &cli.command {
        Command::Demo { reset } => {
            let (path, programmes) = match &cli.db {
                Some(path) => {
                    let mut store = Store::open(path)?;
                    (path.clone(), demo::populate(&mut store, now)?.programmes)
                }
                None => {
                    let dir = data_dir()?;
                    let path = dir.demo_database();
                    if *reset {
                        remove_database(&path)?;
                    }
                    // An existing demo is kept (with what the user did in it) unless --reset.
                    let (_, programmes) = demo::open(&path, now)?;
                    let mut real = Store::open(&dir.database())?;
                    organisation::set_start_choice(&mut real, Some(StartChoice::Demo))?;
                    (path, programmes)
                }
            };
            if cli.json {
                print_json(&serde_json::json!({
                    "database": path.display().to_string(),
                    "programmes": programmes.iter().map(|id| id.0).collect::<Vec<_>>(),
                }));
            } else {
                println!("{}", path.display());
            }
        }
        Command::Info => {
            let store = open(cli)?;
            let all = programme::list(&store, Listing::All)?;
            let org = organisation::get(&store)?;
            if cli.json {
                print_json(&serde_json::json!({
                    "database": store.path().display().to_string(),
                    "schema_version": klik::store::SCHEMA_VERSION,
                    "organisation": org.name,
                    "programmes": all.len(),
                }));
            } else {
                println!("{}", store.path().display());
                println!(
                    "{} · {}",
                    org.name,
                    texts.counted("programmes.count", all.len() as i64, &[])
                );
            }
        }
        Command::Organisation(args) => cli::organisation::run_organisation(cli, texts, args)?,
        Command::Programme(command) => run_programme(cli, texts, command, now)?,
        Command::Participants(command) => run_participants(cli, texts, command, now)?,
        Command::Match(command) => run_match(cli, texts, command, now)?,
        Command::Agreement(command) => run_agreement(cli, texts, command, now)?,
        Command::Intake(command) => run_intake(cli, texts, command, now)?,
        Command::Meeting(command) => cli::trajectory::run_meeting(cli, texts, command, now)?,
        Command::Progress(command) => cli::trajectory::run_progress(cli, texts, command, now)?,
        Command::Checkin(command) => cli::trajectory::run_checkin(cli, texts, command, now)?,
        Command::Attention { programme } => {
            cli::trajectory::run_attention(cli, texts, *programme, now)?
        }
        Command::Report(command) => cli::trajectory::run_report(cli, texts, command, now)?,
        Command::Workshop(command) => cli::trajectory::run_workshop(cli, texts, command, now)?,
        Command::Evaluation(command) => cli::trajectory::run_evaluation(cli, texts, command)?,
        Command::Backup { out } => cli::backup::run_backup(cli, texts, out)?,
        Command::Restore { file, yes } => cli::backup::run_restore(cli, texts, file, *yes, now)?,
        Command::Check => cli::backup::run_check(cli, texts)?,
        Command::Person(command) => cli::privacy::run_person(cli, texts, command, now)?,
        Command::Retention { months, off, run } => {
            cli::privacy::run_retention(cli, texts, *months, *off, *run, now)?
        }
    }
    Ok(())
}

fn run_programme(
    cli: &Cli,
    texts: &Texts,
    command: &ProgrammeCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let id = match command {
        ProgrammeCommand::List { archived, all } => {
            let listing = match (archived, all) {
                (_, true) => Listing::All,
                (true, _) => Listing::Archived,
                _ => Listing::Current,
            };
            let programmes = programme::list(&store, listing)?;
            if cli.json {
                print_json(
                    &programmes
                        .iter()
                        .map(ProgrammeJson::from)
                        .collect::<Vec<_>>(),
                );
            } else {
                for p in &programmes {
                    println!(
                        "{:>4}  {}  {} – {}{}",
                        p.id.0,
                        p.draft.name,
                        date::short(p.draft.start, texts.language()),
                        date::short(p.draft.end, texts.language()),
                        if p.archived_at.is_some() {
                            format!("  [{}]", texts.get("programme.archived_badge"))
                        } else {
                            String::new()
                        }
                    );
                }
            }
            return Ok(());
        }
        ProgrammeCommand::Show { id } => ProgrammeId(*id),
        ProgrammeCommand::Create(args) => {
            let mut form = ProgrammeForm {
                name: args.name.clone(),
                start: args.start.clone(),
                end: args.end.clone(),
                ..ProgrammeForm::default()
            };
            apply(&mut form, &args.more)?;
            let draft = form.validate()?;
            programme::create(&mut store, &draft, now)?
        }
        ProgrammeCommand::Edit {
            id,
            name,
            start,
            end,
            fields,
        } => {
            let id = ProgrammeId(*id);
            let current = programme::get(&store, id)?;
            let mut form = ProgrammeForm::from_draft(&current.draft);
            if start.is_some() || end.is_some() {
                // New dates without new phases: the phases follow the dates again.
                form.phases.clear();
            }
            for (target, value) in [
                (&mut form.name, name),
                (&mut form.start, start),
                (&mut form.end, end),
            ] {
                if let Some(value) = value {
                    target.clone_from(value);
                }
            }
            apply(&mut form, fields)?;
            let draft = form.validate()?;
            programme::update(&mut store, id, &draft, now)?;
            id
        }
        ProgrammeCommand::Duplicate { id, name } => {
            let original = programme::get(&store, ProgrammeId(*id))?;
            let name = name.clone().unwrap_or_else(|| {
                programme::copy_name(&original.draft.name, texts.get("programmes.copy_label"))
            });
            programme::duplicate(&mut store, original.id, &name, now)?
        }
        ProgrammeCommand::Archive { id } => {
            programme::set_archived(&mut store, ProgrammeId(*id), true, now)?;
            ProgrammeId(*id)
        }
        ProgrammeCommand::Restore { id } => {
            programme::set_archived(&mut store, ProgrammeId(*id), false, now)?;
            ProgrammeId(*id)
        }
        ProgrammeCommand::Close { id } => {
            let closed = klik::trajectory::closing::close(&mut store, ProgrammeId(*id), now)?;
            if !cli.json {
                eprintln!(
                    "klik: {}",
                    texts.format(
                        "closing.done",
                        &[
                            ("completed", &closed.completed.to_string()),
                            ("dissolved", &closed.dissolved.to_string()),
                        ],
                    )
                );
            }
            ProgrammeId(*id)
        }
    };
    let programme = programme::get(&store, id)?;
    if cli.json {
        print_json(&ProgrammeJson::from(&programme));
    } else {
        print_programme(&programme, texts, now.date());
    }
    Ok(())
}

fn run_participants(
    cli: &Cli,
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
            let mut store = open(cli)?;
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
            if cli.json {
                let cells = |of: fn(&import::RowPlan) -> &Vec<klik::FieldError>| -> Vec<_> {
                    preview
                        .rows
                        .iter()
                        .flat_map(|row| {
                            of(row).iter().map(|p| {
                                serde_json::json!({
                                    "row": row.row,
                                    "column": preview.header_of(&p.field),
                                    "message": p.message(texts),
                                })
                            })
                        })
                        .collect()
                };
                let also_changes: Vec<_> = preview
                    .rows
                    .iter()
                    .filter(|row| !row.also_changes.is_empty())
                    .map(|row| {
                        serde_json::json!({
                            "row": row.row,
                            "email": row.enrolment.as_ref().map(|e| e.email.clone()),
                            "name": row.enrolment.as_ref().map(|e| e.full_name()),
                            "programmes": row.also_changes,
                        })
                    })
                    .collect();
                print_json(&serde_json::json!({
                    "imported": imported,
                    "added": summary.added,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                    "skipped": summary.skipped,
                    "problems": cells(|row| &row.problems),
                    "warnings": cells(|row| &row.warnings),
                    "also_changes": also_changes,
                }));
            } else {
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
            }
            if blocked {
                return Err(Failure::Core(Error::Invalid(vec![
                    klik::FieldError::new("file", import::has_problems_key(summary.skipped))
                        .with("count", summary.skipped.to_string()),
                ])));
            }
        }
        ParticipantsCommand::Export { programme, out } => {
            let store = open(cli)?;
            let id = ProgrammeId(*programme);
            let p = programme::get(&store, id)?;
            let rows = import::export_rows(&store, id, texts.language())?;
            write_table(out, &p.draft.name, &rows)?;
            if cli.json {
                print_json(
                    &serde_json::json!({"file": out.display().to_string(), "participants": rows.len() - 1}),
                );
            }
        }
        ParticipantsCommand::Template { out } => {
            let rows = import::template_rows(texts.language());
            write_table(out, texts.get("nav.participants"), &rows)?;
        }
        ParticipantsCommand::List { programme, search } => {
            let store = open(cli)?;
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
            if cli.json {
                let rows: Vec<_> = all
                    .iter()
                    .map(|p| {
                        let mut json = participant_json(p);
                        json["pair"] = pairs.get(&p.id).map(|s| s.as_str()).into();
                        json
                    })
                    .collect();
                print_json(&rows);
            } else {
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
            }
        }
    }
    Ok(())
}

fn participant_json(p: &participant::Participant) -> serde_json::Value {
    let e = &p.enrolment;
    serde_json::json!({
        "id": p.id.0,
        "role": e.role.as_str(),
        "first_name": e.first_name,
        "last_name": e.last_name,
        "email": e.email,
        "phone": e.phone,
        "department": e.department,
        "job_title": e.job_title,
        "manager_email": e.manager_email,
        "location": e.location,
        "languages": e.languages,
        "years_of_experience": e.years_of_experience,
        "topics": e.topics,
        "capacity": e.capacity,
        "learning_goal": e.learning_goal,
        "availability": e.availability.to_string(),
        "status": e.status.as_str(),
    })
}

/// Writes rows as CSV or XLSX, chosen by the file's extension.
fn write_table(out: &std::path::Path, sheet: &str, rows: &[Vec<String>]) -> Result<(), Failure> {
    let cells: Vec<Vec<tabular::Cell>> = rows
        .iter()
        .map(|row| row.iter().cloned().map(tabular::Cell::Text).collect())
        .collect();
    write_cells(out, sheet, &cells)
}

/// [`write_table`] with typed cells: numbers stay numbers in a workbook.
fn write_cells(
    out: &std::path::Path,
    sheet: &str,
    rows: &[Vec<tabular::Cell>],
) -> Result<(), Failure> {
    klik::data_dir::check_target(out, &["csv", "xlsx"])?;
    let xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if xlsx {
        tabular::write_xlsx_cells(sheet, rows).map_err(|_| {
            Error::Invalid(vec![
                klik::FieldError::new("out", "error.file.not_written")
                    .with("path", out.display().to_string()),
            ])
        })?
    } else {
        let text: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.text().to_string()).collect())
            .collect();
        tabular::write_csv(&text)
    };
    Ok(klik::data_dir::write_file(out, bytes)?)
}

/// Says on stderr when the automatic backup after a large change failed:
/// the change itself is saved, so the command still succeeds.
fn backed_up<T>(texts: &Texts, result: klik::Result<T>) {
    if let Err(error) = result {
        eprintln!(
            "klik: {}",
            texts.format(
                "backup.cli.failed",
                &[("reason", &error.message(texts).replace('\n', "; "))]
            )
        );
    }
}

/// Copies the options that were given onto the form.
fn apply(form: &mut ProgrammeForm, fields: &ProgrammeFields) -> Result<(), Failure> {
    let set = |target: &mut String, value: &Option<String>| {
        if let Some(value) = value {
            *target = value.clone();
        }
    };
    set(&mut form.purpose, &fields.purpose);
    set(&mut form.goals, &fields.goals);
    set(&mut form.context, &fields.context);
    set(&mut form.cadence_weeks, &fields.cadence_weeks);
    set(&mut form.default_capacity, &fields.capacity);
    set(&mut form.document_language, &fields.language);
    for text in &fields.phases {
        let parsed = text.split_once('=').and_then(|(kind, range)| {
            let kind = PhaseKind::parse(kind.trim())?;
            let (start, end) = range.split_once("..")?;
            Some(PhaseForm {
                kind,
                start: start.trim().to_string(),
                end: end.trim().to_string(),
            })
        });
        let phase = parsed.ok_or_else(|| Failure::usage("error.cli.phase", text.as_str()))?;
        form.phases.retain(|p| p.kind != phase.kind);
        form.phases.push(phase);
    }
    Ok(())
}

fn remove_database(path: &std::path::Path) -> Result<(), Failure> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Failure::Core(Error::Io { path: file, source })),
        }
    }
    Ok(())
}

fn print_programme(p: &Programme, texts: &Texts, today: chrono::NaiveDate) {
    let lang = texts.language();
    println!("{} (#{})", p.draft.name, p.id.0);
    println!(
        "{}",
        texts.format(
            "programme.period",
            &[
                ("start", &date::short(p.draft.start, lang)),
                ("end", &date::short(p.draft.end, lang))
            ]
        )
    );
    if p.archived_at.is_some() {
        println!("[{}]", texts.get("programme.archived_badge"));
    }
    for phase in &p.draft.phases {
        let marker = if phase.start <= today && today <= phase.end {
            "▶"
        } else {
            " "
        };
        println!(
            "{marker} {:<16} {} – {}",
            texts.get(&format!("phase.{}", phase.kind.as_str())),
            date::short(phase.start, lang),
            date::short(phase.end, lang)
        );
    }
}

fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("our JSON values always serialise")
    );
}

/// The stable JSON shape of a programme in CLI output.
#[derive(Serialize)]
struct ProgrammeJson {
    id: i64,
    name: String,
    purpose: String,
    goals: String,
    context: String,
    start: String,
    end: String,
    cadence_weeks: u8,
    default_capacity: u8,
    document_language: String,
    archived: bool,
    closed: bool,
    phases: Vec<PhaseJson>,
}

#[derive(Serialize)]
struct PhaseJson {
    phase: &'static str,
    start: String,
    end: String,
}

impl From<&Programme> for ProgrammeJson {
    fn from(p: &Programme) -> ProgrammeJson {
        ProgrammeJson {
            id: p.id.0,
            name: p.draft.name.clone(),
            purpose: p.draft.purpose.clone(),
            goals: p.draft.goals.clone(),
            context: p.draft.context.clone(),
            start: date::iso(p.draft.start),
            end: date::iso(p.draft.end),
            cadence_weeks: p.draft.cadence_weeks,
            default_capacity: p.draft.default_capacity,
            document_language: p.draft.document_language.clone(),
            archived: p.archived_at.is_some(),
            closed: p.closed_at.is_some(),
            phases: p
                .draft
                .phases
                .iter()
                .map(|ph| PhaseJson {
                    phase: ph.kind.as_str(),
                    start: date::iso(ph.start),
                    end: date::iso(ph.end),
                })
                .collect(),
        }
    }
}

fn run_match(
    cli: &Cli,
    texts: &Texts,
    command: &MatchCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
    match command {
        MatchCommand::Propose { programme } => {
            let round = matching::round(&store, ProgrammeId(*programme))?;
            let proposal = round.propose();
            if !cli.json {
                for warning in round.warnings(texts) {
                    println!("! {warning}");
                }
            }
            let pairs: Vec<_> = proposal
                .pairs
                .iter()
                .map(|p| {
                    let (e, o) = (&round.mentees[p.mentee], &round.mentors[p.mentor]);
                    if !cli.json {
                        println!(
                            "{:>3}  {} → {}  [{}]",
                            p.score,
                            e.name,
                            o.name,
                            p.state.as_str()
                        );
                    }
                    serde_json::json!({"mentee": e.email, "mentor": o.email, "score": p.score})
                })
                .collect();
            let unmatched: Vec<_> = proposal
                .unmatched
                .iter()
                .map(|(i, why)| {
                    let reason = round.unmatched_text(texts, *i, why);
                    if !cli.json {
                        println!("  –  {}: {reason}", round.mentees[*i].name);
                    }
                    serde_json::json!({"mentee": round.mentees[*i].email, "reason": reason})
                })
                .collect();
            for conflict in &proposal.conflicts {
                if !cli.json {
                    println!("  !  {}", round.conflict_text(texts, conflict));
                }
            }
            if cli.json {
                print_json(&serde_json::json!({
                    "matched": proposal.matched,
                    "total_score": proposal.total_score,
                    "without_common_time": proposal.without_common_time,
                    "pairs": pairs,
                    "unmatched": unmatched,
                }));
            } else {
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
            }
        }
        MatchCommand::Scores { programme, out } => {
            let round = matching::round(&store, ProgrammeId(*programme))?;
            let rows = matching::score_rows(&round, texts);
            klik::data_dir::check_target(out, &["csv"])?;
            klik::data_dir::write_file(out, tabular::write_plain_csv(&rows))?;
            if cli.json {
                print_json(
                    &serde_json::json!({"file": out.display().to_string(), "pairs": rows.len() - 1}),
                );
            }
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
            if cli.json {
                print_json(
                    &serde_json::json!({"confirmed": ids.len(), "matches": ids.iter().map(|m| m.0).collect::<Vec<_>>()}),
                );
            } else {
                println!(
                    "{}",
                    texts.format("matching.confirmed", &[("count", &ids.len().to_string())])
                );
            }
        }
        MatchCommand::List { programme } => {
            let id = ProgrammeId(*programme);
            programme::get(&store, id)?;
            let matches = matching::list(&store, id)?;
            if cli.json {
                print_json(
                    &matches
                        .iter()
                        .map(|m| {
                            serde_json::json!({
                                "id": m.id.0,
                                "mentee": m.mentee_email,
                                "mentor": m.mentor_email,
                                "score": m.score,
                                "status": m.status.as_str(),
                            })
                        })
                        .collect::<Vec<_>>(),
                );
            } else {
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
            }
        }
        MatchCommand::Dissolve { id, reason } => {
            matching::dissolve(&mut store, MatchId(*id), reason, now)?;
            if cli.json {
                print_json(&serde_json::json!({"id": id, "status": "dissolved"}));
            }
        }
        MatchCommand::Criteria { programme, set } => {
            let id = ProgrammeId(*programme);
            let mut criteria = matching::criteria::get(&store, id)?;
            if !set.is_empty() {
                let mut entries: Vec<(String, String, String)> = criteria
                    .settings()
                    .iter()
                    .map(|s| {
                        let number = s.parameter.map(|n| n.to_string()).unwrap_or_default();
                        (
                            s.criterion.as_str().to_string(),
                            s.weight.as_str().to_string(),
                            number,
                        )
                    })
                    .collect();
                for item in set {
                    let Some((key, value)) = item.split_once('=') else {
                        return Err(Failure::usage("error.cli.set_weight", item.as_str()));
                    };
                    let (weight, number) = value.split_once(':').unwrap_or((value, ""));
                    entries.push((
                        key.trim().to_string(),
                        weight.trim().to_string(),
                        number.trim().to_string(),
                    ));
                }
                criteria = Criteria::from_form(&entries)?;
                matching::criteria::save(&mut store, id, &criteria)?;
            }
            let rows: Vec<_> = criteria
                .settings()
                .iter()
                .map(|s| {
                    if !cli.json {
                        println!(
                            "{:<14} {:<8} {}",
                            s.criterion.as_str(),
                            s.weight.as_str(),
                            s.parameter.map(|n| n.to_string()).unwrap_or_default()
                        );
                    }
                    serde_json::json!({
                        "criterion": s.criterion.as_str(),
                        "weight": s.weight.as_str(),
                        "parameter": s.parameter,
                    })
                })
                .collect();
            if cli.json {
                print_json(&rows);
            }
        }
    }
    Ok(())
}

/// `PART=TEXT` of `--set`, or a usage error.
fn part_and_text(item: &str) -> Result<(&str, &str), Failure> {
    item.split_once('=')
        .map(|(part, text)| (part.trim(), text))
        .ok_or_else(|| Failure::usage("error.cli.set_part", item))
}

fn agreement_json(a: &agreement::Agreement) -> serde_json::Value {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    serde_json::json!({
        "match": a.match_id.0,
        "version": a.version,
        "status": a.status.as_str(),
        "start": a.terms.start.to_string(),
        "end": a.terms.end.to_string(),
        "goals": a.terms.goals.iter().map(|g| serde_json::json!({
            "what": g.what,
            "success": g.success,
            "target_date": day(g.target_date),
            "first_actions": g.first_actions,
        })).collect::<Vec<_>>(),
        "expectations": agreement::EXPECTATIONS
            .iter()
            .zip(&a.terms.expectations)
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
            .collect::<serde_json::Map<_, _>>(),
        "signed": {
            "mentee": day(a.signed.mentee),
            "mentor": day(a.signed.mentor),
            "coordinator": day(a.signed.coordinator),
        },
    })
}

fn run_agreement(
    cli: &Cli,
    texts: &Texts,
    command: &AgreementCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
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
    if cli.json {
        print_json(&agreement_json(&shown));
    } else {
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
    }
    Ok(())
}

/// Renders a document to `out` and says so: the file, pages and warnings,
/// and under `counted.0` what the caller adds (how many documents it holds).
fn write_pdf(
    cli: &Cli,
    texts: &Texts,
    document: &klik::document::Document,
    out: &std::path::Path,
    counted: (&str, serde_json::Value),
) -> Result<(), Failure> {
    klik::data_dir::check_target(out, &["pdf"])?;
    let pdf = klik::document::render(document)?;
    klik::data_dir::write_file(out, &pdf.bytes)?;
    report_pdf(cli, texts, &pdf, out, counted);
    Ok(())
}

/// Says a PDF was written to `out`: the file, pages and warnings, and under
/// `counted.0` what the caller adds.
fn report_pdf(
    cli: &Cli,
    texts: &Texts,
    pdf: &klik::document::Pdf,
    out: &std::path::Path,
    counted: (&str, serde_json::Value),
) {
    let warnings = pdf.warnings(texts);
    if cli.json {
        let mut json = serde_json::json!({
            "file": out.display().to_string(),
            "pages": pdf.pages,
            "warnings": warnings,
        });
        json[counted.0] = counted.1;
        print_json(&json);
    } else {
        for warning in warnings {
            eprintln!("klik: {warning}");
        }
        println!("{}", out.display());
    }
}

fn intake_json(store: &Store, i: &intake::Intake) -> Result<serde_json::Value, Failure> {
    let pair = matching::get(store, i.match_id)?;
    Ok(serde_json::json!({
        "id": i.id.0,
        "match": i.match_id.0,
        "mentee": pair.mentee_email,
        "mentor": pair.mentor_email,
        "start": i.start.format("%Y-%m-%dT%H:%M").to_string(),
        "end": i.end().format("%Y-%m-%dT%H:%M").to_string(),
        "location": i.location,
        "status": i.status.as_str(),
        "outcome": i.outcome.map(|o| o.as_str()),
        "reason": i.outcome_reason,
        "sequence": i.sequence,
        "uid": i.uid,
        "exceptions": i.exceptions.iter().map(|e| e.as_str()).collect::<Vec<_>>(),
    }))
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

fn run_intake(
    cli: &Cli,
    texts: &Texts,
    command: &IntakeCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = open(cli)?;
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
            let proposal = intake::propose(&store, id, from, to, texts)?;
            if !dry_run {
                intake::apply(&mut store, &proposal, now)?;
            }
            let minutes = chrono::Duration::minutes(i64::from(proposal.settings.minutes));
            if cli.json {
                print_json(&serde_json::json!({
                    "saved": !dry_run,
                    "planned": proposal.planned.iter().map(|p| serde_json::json!({
                        "match": p.pair.id.0,
                        "mentee": p.pair.mentee_email,
                        "mentor": p.pair.mentor_email,
                        "start": p.start.format("%Y-%m-%dT%H:%M").to_string(),
                        "end": (p.start + minutes).format("%Y-%m-%dT%H:%M").to_string(),
                    })).collect::<Vec<_>>(),
                    "not_placed": proposal.not_placed.iter().map(|n| serde_json::json!({
                        "match": n.pair.id.0,
                        "mentee": n.pair.mentee_email,
                        "mentor": n.pair.mentor_email,
                        "reason": n.reason,
                    })).collect::<Vec<_>>(),
                }));
            } else {
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
            }
        }
        IntakeCommand::List { programme } => {
            let id = ProgrammeId(*programme);
            programme::get(&store, id)?;
            let intakes = intake::list(&store, id)?;
            if cli.json {
                let rows = intakes
                    .iter()
                    .map(|i| intake_json(&store, i))
                    .collect::<Result<Vec<_>, _>>()?;
                print_json(&rows);
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
            if cli.json {
                print_json(&intake_json(&store, &moved)?);
            } else {
                println!("{}", when(moved.start, language));
            }
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
            if cli.json {
                print_json(&serde_json::json!({
                    "events": events.len(),
                    "files": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                }));
            } else {
                for f in &files {
                    println!("{}", f.display());
                }
            }
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
            if cli.json {
                print_json(&serde_json::json!({
                    "match": id,
                    "intake": recorded.intake.id.0,
                    "outcome": outcome.as_str(),
                    "status": recorded.status.as_str(),
                    "next_mentor": recorded.next_mentor.as_ref().map(|(name, score)| serde_json::json!({
                        "name": name, "score": score,
                    })),
                }));
            } else {
                println!("{}", texts.get(outcome.label_key()));
                if let Some((name, score)) = &recorded.next_mentor {
                    println!(
                        "{}",
                        texts.format(
                            "intake.next_mentor",
                            &[("name", name), ("score", &score.to_string())]
                        )
                    );
                }
            }
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
            if cli.json {
                print_json(
                    &days
                        .iter()
                        .map(|d| {
                            serde_json::json!({
                                "day": d.day.to_string(), "label": d.label,
                            })
                        })
                        .collect::<Vec<_>>(),
                );
            } else {
                for d in &days {
                    println!("{}  {}", date::short(d.day, language), d.label);
                }
            }
        }
    }
    Ok(())
}
