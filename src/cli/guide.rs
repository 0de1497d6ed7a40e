//! The guide of a first use on the command line: where the first steps or
//! the demo's tour stand, skipping a step, moving the tour, closing it.
//! The window shows the same guide above every page.

use clap::Subcommand;
use serde::Serialize;

use klik::guide::{self, Guide, Step};
use klik::i18n::Texts;

use super::{Failure, Globals};

#[derive(Subcommand)]
pub enum GuideCommand {
    /// Pass a first step by: organisation, participants, proposal or confirm.
    Skip { step: String },
    /// Move the demo's tour to its next stop (past the last, it ends).
    Next,
    /// Move the demo's tour back one stop.
    Back,
    /// Close the guide for good, in this database.
    End,
}

/// `klik guide --json`.
#[derive(Serialize)]
struct GuideJson {
    kind: Option<&'static str>,
    programme: Option<i64>,
    current: Option<&'static str>,
    steps: Vec<StepJson>,
}

#[derive(Serialize)]
struct StepJson {
    key: &'static str,
    state: &'static str,
}

pub fn run(cli: &Globals, texts: &Texts, command: Option<&GuideCommand>) -> Result<(), Failure> {
    let mut store = cli.open()?;
    let guide = match command {
        None => guide::current(&store)?,
        Some(GuideCommand::Skip { step }) => guide::skip(&mut store, Step::from_key(step)?)?,
        Some(GuideCommand::Next) => guide::move_tour(&mut store, true)?,
        Some(GuideCommand::Back) => guide::move_tour(&mut store, false)?,
        Some(GuideCommand::End) => {
            guide::end(&mut store)?;
            None
        }
    };
    let json = GuideJson {
        kind: guide.as_ref().map(Guide::kind),
        programme: guide.as_ref().and_then(Guide::programme).map(|p| p.0),
        current: guide.as_ref().and_then(Guide::current_key),
        steps: guide
            .as_ref()
            .map(Guide::entries)
            .unwrap_or_default()
            .into_iter()
            .map(|(key, state)| StepJson {
                key,
                state: state.as_str(),
            })
            .collect(),
    };
    cli.print(&json, |json| {
        let Some(guide) = &guide else {
            println!("{}", texts.get("guide.cli.none"));
            return;
        };
        let (title, prefix) = match guide {
            Guide::FirstSteps { .. } => ("guide.first_steps", "guide.step"),
            Guide::Tour { .. } => ("guide.tour", "guide.stop"),
        };
        println!("{}", texts.get(title));
        for step in &json.steps {
            let mark = match step.state {
                "done" => "✓",
                "current" => "→",
                _ => " ",
            };
            let state = texts.get(&format!("guide.state.{}", step.state)).to_owned();
            let name = texts.get(&format!("{prefix}.{}", step.key)).to_owned();
            println!("{mark} {name} ({state})");
        }
    });
    Ok(())
}
