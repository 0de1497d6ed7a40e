//! The messages to people: each moment's wording for a programme, the
//! drafts written into Klik's documents folder as `.eml` files and opened
//! in the mail program, and the ticks of what went out.

use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use klik::i18n::Texts;
use klik::matching::{self, MatchId, MatchStatus};
use klik::message::{self, Kind, WordingForm};
use klik::programme::{self, ProgrammeId};
use klik::{Error, Store, clock};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct WordingDto {
    pub kind: &'static str,
    pub label: String,
    pub subject: String,
    pub body: String,
    /// The programme's own wording rather than Klik's.
    pub own: bool,
    /// Written to one pair at a time (and ticked per pair).
    pub per_pair: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentDto {
    pub kind: &'static str,
    pub match_id: Option<i64>,
    /// The day it was ticked, as the interface language writes it.
    pub on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairDto {
    pub match_id: i64,
    pub mentee: String,
    pub mentor: String,
    pub status_label: String,
    /// The moments due for this pair: the intake once a talk is planned,
    /// the agreement once one is prepared, the reminder once active.
    pub due: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessagesDto {
    pub programme_id: i64,
    /// Closed or archived: wordings can no longer change.
    pub read_only: bool,
    pub wordings: Vec<WordingDto>,
    pub sent: Vec<SentDto>,
    /// The pairs that are not dissolved, by mentee name.
    pub pairs: Vec<PairDto>,
}

fn messages(store: &Store, texts: &Texts, id: ProgrammeId) -> klik::Result<MessagesDto> {
    let programme = programme::get(store, id)?;
    let talks = klik::intake::list(store, id)?;
    let mut pairs = Vec::new();
    for m in matching::list(store, id)?
        .into_iter()
        .filter(|m| m.status != MatchStatus::Dissolved)
    {
        let mut due = vec![Kind::Announcement.as_str()];
        if talks
            .iter()
            .any(|t| t.match_id == m.id && t.status == klik::intake::IntakeStatus::Planned)
        {
            due.push(Kind::Intake.as_str());
        }
        if klik::agreement::current(store, m.id)?.is_some() {
            due.push(Kind::Agreement.as_str());
        }
        if m.status == MatchStatus::Active {
            due.push(Kind::Reminder.as_str());
        }
        pairs.push(PairDto {
            match_id: m.id.0,
            mentee: m.mentee_name,
            mentor: m.mentor_name,
            status_label: texts.get(m.status.label_key()).to_string(),
            due,
        });
    }
    Ok(MessagesDto {
        programme_id: id.0,
        read_only: programme.is_read_only(),
        wordings: message::wordings(store, id)?
            .into_iter()
            .map(|w| WordingDto {
                kind: w.kind.as_str(),
                label: texts.get(&w.kind.label_key()).to_string(),
                subject: w.subject,
                body: w.body,
                own: w.own,
                per_pair: w.kind.per_pair(),
            })
            .collect(),
        sent: message::sent(store, id)?
            .into_iter()
            .map(|s| SentDto {
                kind: s.kind.as_str(),
                match_id: s.pair.map(|m| m.0),
                on: klik::date::short(s.at.date(), texts.language()),
            })
            .collect(),
        pairs,
    })
}

/// A programme's messages: every moment's wording and what was ticked.
#[tauri::command]
pub async fn programme_messages(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<MessagesDto> {
    shared
        .on_active(move |store, texts| messages(store, texts, ProgrammeId(programme_id)))
        .await
}

/// Saves a programme's own wording of a moment (both empty: Klik's again).
#[tauri::command]
pub async fn save_message_wording(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    kind: Kind,
    form: WordingForm,
) -> Reply<MessagesDto> {
    shared
        .on_active(move |store, texts| {
            let id = ProgrammeId(programme_id);
            message::set_wording(store, id, kind, &form, clock::now())?;
            messages(store, texts, id)
        })
        .await
}

/// Ticks or unticks a message as sent.
#[tauri::command]
pub async fn mark_message_sent(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    kind: Kind,
    match_id: Option<i64>,
    sent: bool,
) -> Reply<MessagesDto> {
    shared
        .on_active(move |store, texts| {
            let id = ProgrammeId(programme_id);
            message::mark_sent(store, id, kind, match_id.map(MatchId), sent, clock::now())?;
            messages(store, texts, id)
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftDto {
    pub path: String,
    /// Whether the mail program (whatever opens .eml files) was started.
    pub opened: bool,
}

/// Writes a moment's draft into Klik's documents folder, named by the
/// programme or pair's number (never a person's name, so that an erasure
/// finds it), and opens it in the mail program; when none starts, the file
/// is still there and the reply says so.
#[tauri::command]
pub async fn open_message<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    kind: Kind,
    match_id: Option<i64>,
) -> Reply<DraftDto> {
    let path = shared
        .run(move |session| {
            let documents = session.data_dir.as_ref().map(|dir| dir.documents());
            session.with_active(|store| {
                let now = clock::now();
                let id = ProgrammeId(programme_id);
                let composed = message::compose(store, id, kind, match_id.map(MatchId), now)?;
                let folder = documents.ok_or_else(crate::session::no_data_folder)?;
                klik::data_dir::create_private_dirs(&folder)
                    .map_err(|source| Error::from_io(&folder, source))?;
                let language = programme::get(store, id)?.draft.document_language;
                let texts = Texts::for_language(&language);
                let subject = match composed.pair {
                    Some(m) => klik::privacy::Subject::Match(m.0),
                    None => klik::privacy::Subject::Programme(id.0),
                };
                let name = klik::privacy::cached_file_name(
                    texts.get(&kind.label_key()),
                    subject,
                    now,
                    "eml",
                );
                let path = folder.join(name);
                klik::data_dir::write_file(&path, composed.eml(clock::utc(now)))?;
                Ok(path)
            })
        })
        .await?;
    let opened = app
        .opener()
        .open_path(path.display().to_string(), None::<&str>)
        .is_ok();
    Ok(DraftDto {
        path: path.display().to_string(),
        opened,
    })
}
