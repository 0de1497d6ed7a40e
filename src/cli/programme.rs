//! Programmes on the command line: list, show, create, edit, duplicate,
//! archive, restore and close.

use clap::{Args, Subcommand};

use klik::date;
use klik::i18n::Texts;
use klik::programme::{
    self, Facts, Listing, PhaseForm, PhaseKind, Programme, ProgrammeForm, ProgrammeId,
};

use super::{Failure, Globals};

#[derive(Subcommand)]
pub enum ProgrammeCommand {
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
pub struct CreateArgs {
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
pub struct ProgrammeFields {
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

/// `klik programme …`: every subcommand but `list` prints the programme it is about.
pub fn run(
    cli: &Globals,
    texts: &Texts,
    command: &ProgrammeCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let mut store = cli.open()?;
    let id = match command {
        ProgrammeCommand::List { archived, all } => {
            let listing = match (archived, all) {
                (_, true) => Listing::All,
                (true, _) => Listing::Archived,
                _ => Listing::Current,
            };
            let programmes = programme::list(&store, listing)?;
            let json: Vec<Facts> = programmes.iter().map(Facts::from).collect();
            cli.print(&json, |_| {
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
            });
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
    cli.print(&Facts::from(&programme), |_| {
        print_programme(&programme, texts, now.date())
    });
    Ok(())
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
