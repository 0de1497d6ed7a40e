//! A person's rights in the window: export everything about them to a file
//! the user chooses, or erase them (asked first in the window).

use std::path::PathBuf;
use std::sync::Arc;

use tauri::State;

use klik::participant::ParticipantId;
use klik::{clock, privacy};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

/// A file name for the save dialog: "Klik-export Zoë Peeters.json", or
/// `.pdf` when the readable version is asked for.
#[tauri::command]
pub async fn person_export_name(
    shared: State<'_, Arc<Shared>>,
    participant_id: i64,
    pdf: Option<bool>,
) -> Reply<String> {
    let extension = if pdf == Some(true) { "pdf" } else { "json" };
    shared
        .on_active(move |store, texts| {
            let p = klik::participant::get(store, ParticipantId(participant_id))?;
            Ok(crate::printing::safe_file_name(
                &format!(
                    "{} {}",
                    texts.get("privacy.ui.export_file"),
                    p.enrolment.full_name()
                ),
                extension,
            ))
        })
        .await
}

/// Writes everything Klik holds about the person to the chosen file: a
/// readable PDF in the window's language when its name ends in `.pdf`, else
/// the JSON document.
#[tauri::command]
pub async fn export_person(
    shared: State<'_, Arc<Shared>>,
    participant_id: i64,
    path: PathBuf,
) -> Reply<String> {
    shared
        .on_active(move |store, texts| {
            crate::session::chosen(&path)?;
            let person = privacy::person_of(store, ParticipantId(participant_id))?;
            privacy::export_to(store, person, texts, clock::now(), &path)?;
            Ok(path.display().to_string())
        })
        .await
}

/// Erases the person behind a participant, everywhere in Klik.
#[tauri::command]
pub async fn erase_person(
    shared: State<'_, Arc<Shared>>,
    participant_id: i64,
) -> Reply<Vec<String>> {
    shared
        .run(move |session| {
            let texts = session.texts();
            let documents = session.data_dir.as_ref().map(|dir| dir.documents());
            session.with_active(|store| {
                let person = privacy::person_of(store, ParticipantId(participant_id))?;
                let places = privacy::Places {
                    documents,
                    ..privacy::Places::beside(store.path())
                };
                let done = privacy::erase_everywhere(store, person, &texts, clock::now(), &places)?;
                // Copies that could not be opened may still hold the person:
                // the officer is told which, in words.
                Ok(done
                    .still_holding
                    .iter()
                    .map(|file| {
                        texts.format(
                            "privacy.still_holding",
                            &[("path", &file.display().to_string())],
                        )
                    })
                    .collect())
            })
        })
        .await
}
