//! `klik`: the command-line twin of the Klik app.
//!
//! Every main job of the app can be done here, on the same database, through
//! the same core functions. Subcommands and `--json` output are a public
//! interface, documented in the README: change them only compatibly.
//! Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error.
//! This file is the top of the command tree and the dispatch; each area's
//! subcommands live in `src/cli/<area>.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

mod cli;

use clap::{Parser, Subcommand};

use cli::{Failure, Globals};
use klik::clock;

#[derive(Parser)]
#[command(
    name = "klik",
    version,
    about = "Klik from the command line: mentoring programmes, scripted."
)]
struct Cli {
    #[command(flatten)]
    globals: Globals,
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
    Programme(cli::programme::ProgrammeCommand),
    /// Import, export and list a programme's participants.
    #[command(subcommand)]
    Participants(cli::participants::ParticipantsCommand),
    /// Propose, check, confirm and dissolve mentor–mentee matches.
    #[command(subcommand)]
    Match(cli::matching::MatchCommand),
    /// Fill in, sign and print mentoring agreements.
    #[command(subcommand)]
    Agreement(cli::agreement::AgreementCommand),
    /// Plan intake talks, write calendar files and record whether there was a klik.
    #[command(subcommand)]
    Intake(cli::intake::IntakeCommand),
    /// Log and list a pair's meetings.
    #[command(subcommand)]
    Meeting(cli::trajectory::MeetingCommand),
    /// Record progress on a pair's learning goals.
    #[command(subcommand)]
    Progress(cli::trajectory::ProgressCommand),
    /// Record what mentor and mentee said at a check-in.
    #[command(subcommand)]
    Checkin(cli::trajectory::CheckinCommand),
    /// E-mail drafts for each moment (.eml), their wording and what was sent.
    #[command(subcommand)]
    Message(cli::message::MessageCommand),
    /// A programme's phases: where each stands and what to do next.
    Checklist {
        #[arg(long)]
        programme: i64,
    },
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
    /// Move the data folder (database, backups, printed documents, demo) to
    /// another folder and work from there; the old place is emptied.
    MoveData {
        /// The folder to move to: used as it is when empty, else a "Klik"
        /// folder is made inside it.
        #[arg(long)]
        to: PathBuf,
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
    /// The guide of a first use: the first steps, or the demo's tour.
    Guide {
        #[command(subcommand)]
        command: Option<cli::guide::GuideCommand>,
    },
}

fn main() -> ExitCode {
    cli::quiet_on_closed_pipe();
    let cli = Cli::parse();
    let texts = cli.globals.texts();
    let result = run(&cli, &texts);
    cli.globals.finish(&texts, result)
}

fn run(cli: &Cli, texts: &klik::i18n::Texts) -> Result<(), Failure> {
    let now = clock::now();
    let g = &cli.globals;
    match &cli.command {
        Command::Demo { reset } => cli::database::run_demo(g, *reset, now),
        Command::Info => cli::database::run_info(g, texts),
        Command::Organisation(args) => cli::organisation::run(g, texts, args),
        Command::Guide { command } => cli::guide::run(g, texts, command.as_ref()),
        Command::Programme(command) => cli::programme::run(g, texts, command, now),
        Command::Participants(command) => cli::participants::run(g, texts, command, now),
        Command::Match(command) => cli::matching::run(g, texts, command, now),
        Command::Agreement(command) => cli::agreement::run(g, texts, command, now),
        Command::Intake(command) => cli::intake::run(g, texts, command, now),
        Command::Meeting(command) => cli::trajectory::run_meeting(g, texts, command, now),
        Command::Progress(command) => cli::trajectory::run_progress(g, texts, command, now),
        Command::Checkin(command) => cli::trajectory::run_checkin(g, texts, command, now),
        Command::Message(command) => cli::message::run(g, texts, command, now),
        Command::Checklist { programme } => {
            cli::trajectory::run_checklist(g, texts, *programme, now)
        }
        Command::Attention { programme } => {
            cli::trajectory::run_attention(g, texts, *programme, now)
        }
        Command::Report(command) => cli::trajectory::run_report(g, texts, command, now),
        Command::Workshop(command) => cli::trajectory::run_workshop(g, texts, command, now),
        Command::Evaluation(command) => cli::trajectory::run_evaluation(g, texts, command),
        Command::Backup { out } => cli::backup::run_backup(g, texts, out),
        Command::MoveData { to } => cli::database::run_move(g, texts, to),
        Command::Restore { file, yes } => cli::backup::run_restore(g, texts, file, *yes, now),
        Command::Check => cli::backup::run_check(g, texts),
        Command::Person(command) => cli::privacy::run_person(g, texts, command, now),
        Command::Retention { months, off, run } => {
            cli::privacy::run_retention(g, texts, *months, *off, *run, now)
        }
    }
}
