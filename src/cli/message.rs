//! Messages on the command line: a moment's e-mail draft as an `.eml` file,
//! the programme's own wording of each moment, and the ticks of what went
//! out, through the same core functions as the window.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use klik::i18n::Texts;
use klik::matching::MatchId;
use klik::message::{self, Kind, WordingForm};
use klik::programme::ProgrammeId;

use super::{Failure, Globals};

#[derive(Subcommand)]
pub enum MessageCommand {
    /// Write a moment's message as an e-mail draft (.eml) to open in a mail program.
    Draft {
        #[arg(long)]
        programme: i64,
        /// invitation, announcement, intake, agreement, reminder or thanks.
        #[arg(long)]
        kind: String,
        /// The pair, for announcement, intake, agreement and reminder.
        #[arg(long = "match", value_name = "ID")]
        id: Option<i64>,
        /// FILE.eml
        #[arg(long)]
        out: PathBuf,
    },
    /// Tick a message as sent (or untick it with --undo).
    Sent {
        #[arg(long)]
        programme: i64,
        #[arg(long)]
        kind: String,
        #[arg(long = "match", value_name = "ID")]
        id: Option<i64>,
        #[arg(long)]
        undo: bool,
    },
    /// The wording of every moment and the messages ticked as sent.
    List {
        #[arg(long)]
        programme: i64,
    },
    /// Set the programme's own wording of a moment, or Klik's again with --default.
    Wording {
        #[arg(long)]
        programme: i64,
        #[arg(long)]
        kind: String,
        #[arg(long, required_unless_present = "default")]
        subject: Option<String>,
        /// The text; \n is a line break.
        #[arg(long, required_unless_present = "default")]
        body: Option<String>,
        #[arg(long, conflicts_with_all = ["subject", "body"])]
        default: bool,
    },
}

/// `message draft --json`.
#[derive(Serialize)]
struct DraftJson {
    file: String,
    kind: &'static str,
    #[serde(rename = "match")]
    match_id: Option<i64>,
    to: Vec<String>,
    bcc: usize,
    subject: String,
    attachments: Vec<String>,
}

/// One moment in `message list --json`.
#[derive(Serialize)]
struct WordingJson {
    kind: &'static str,
    subject: String,
    body: String,
    own: bool,
}

#[derive(Serialize)]
struct SentJson {
    kind: &'static str,
    #[serde(rename = "match")]
    match_id: Option<i64>,
    at: String,
}

#[derive(Serialize)]
struct ListJson {
    wordings: Vec<WordingJson>,
    sent: Vec<SentJson>,
}

fn kind(text: &str) -> Result<Kind, Failure> {
    Kind::parse(text).ok_or_else(|| {
        klik::Error::Invalid(vec![
            klik::FieldError::new("kind", "error.message.kind").with("value", text.to_string()),
        ])
        .into()
    })
}

pub fn run(
    cli: &Globals,
    texts: &Texts,
    command: &MessageCommand,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    match command {
        MessageCommand::Draft {
            programme,
            kind: k,
            id,
            out,
        } => {
            let kind = kind(k)?;
            klik::data_dir::check_target(out, &["eml"])?;
            let store = cli.open()?;
            let composed =
                message::compose(&store, ProgrammeId(*programme), kind, id.map(MatchId), now)?;
            klik::data_dir::write_file(out, composed.eml(klik::clock::utc(now)))?;
            let draft = &composed.draft;
            let json = DraftJson {
                file: out.display().to_string(),
                kind: kind.as_str(),
                match_id: composed.pair.map(|m| m.0),
                to: draft.to.iter().map(|a| a.email.clone()).collect(),
                bcc: draft.bcc.len(),
                subject: draft.subject.clone(),
                attachments: draft
                    .attachments
                    .iter()
                    .map(|a| a.file_name.clone())
                    .collect(),
            };
            cli.print(&json, |json| {
                println!(
                    "{}",
                    texts.format("message.cli.written", &[("file", &json.file)])
                );
            });
        }
        MessageCommand::Sent {
            programme,
            kind: k,
            id,
            undo,
        } => {
            let kind = kind(k)?;
            let mut store = cli.open()?;
            message::mark_sent(
                &mut store,
                ProgrammeId(*programme),
                kind,
                id.map(MatchId),
                !undo,
                now,
            )?;
            list(cli, texts, &store, *programme)?;
        }
        MessageCommand::List { programme } => {
            let store = cli.open()?;
            list(cli, texts, &store, *programme)?;
        }
        MessageCommand::Wording {
            programme,
            kind: k,
            subject,
            body,
            default,
        } => {
            let kind = kind(k)?;
            let mut store = cli.open()?;
            let form = if *default {
                WordingForm::default()
            } else {
                WordingForm {
                    subject: subject.clone().unwrap_or_default(),
                    body: body.clone().unwrap_or_default().replace("\\n", "\n"),
                }
            };
            message::set_wording(&mut store, ProgrammeId(*programme), kind, &form, now)?;
            list(cli, texts, &store, *programme)?;
        }
    }
    Ok(())
}

fn list(cli: &Globals, texts: &Texts, store: &klik::Store, programme: i64) -> Result<(), Failure> {
    let id = ProgrammeId(programme);
    let json = ListJson {
        wordings: message::wordings(store, id)?
            .into_iter()
            .map(|w| WordingJson {
                kind: w.kind.as_str(),
                subject: w.subject,
                body: w.body,
                own: w.own,
            })
            .collect(),
        sent: message::sent(store, id)?
            .into_iter()
            .map(|s| SentJson {
                kind: s.kind.as_str(),
                match_id: s.pair.map(|m| m.0),
                at: s.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            })
            .collect(),
    };
    cli.print(&json, |json| {
        for w in &json.wordings {
            let kind = Kind::parse(w.kind).expect("a kind Klik wrote");
            let ticks = json.sent.iter().filter(|s| s.kind == w.kind).count();
            println!(
                "{}: {}{}",
                texts.get(&kind.label_key()),
                w.subject,
                if ticks > 0 {
                    format!(
                        " ({})",
                        texts.counted("message.cli.sent", ticks as i64, &[])
                    )
                } else {
                    String::new()
                }
            );
        }
    });
    Ok(())
}
