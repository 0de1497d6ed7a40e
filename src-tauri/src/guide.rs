//! The guide of a first use, shown above every page: the first steps in the
//! officer's own database, the short tour in the demo.

use std::sync::Arc;

use serde::Serialize;
use tauri::State;

use klik::guide::{self, Guide, Step};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

/// The guide as the UI draws it; `kind` is null when there is none.
#[derive(Debug, Clone, Serialize)]
pub struct GuideDto {
    pub kind: Option<&'static str>,
    pub programme: Option<i64>,
    pub current: Option<&'static str>,
    pub steps: Vec<GuideStepDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideStepDto {
    pub key: &'static str,
    pub state: &'static str,
    /// Whether the UI offers "Skip this step" for it.
    pub skippable: bool,
}

impl GuideDto {
    fn new(guide: Option<&Guide>) -> GuideDto {
        GuideDto {
            kind: guide.map(Guide::kind),
            programme: guide.and_then(Guide::programme).map(|p| p.0),
            current: guide.and_then(Guide::current_key),
            steps: guide
                .map(Guide::entries)
                .unwrap_or_default()
                .into_iter()
                .map(|(key, state)| GuideStepDto {
                    key,
                    state: state.as_str(),
                    skippable: Step::parse(key).is_some_and(Step::skippable),
                })
                .collect(),
        }
    }
}

/// Where the guide stands in the open database.
#[tauri::command]
pub async fn guide(shared: State<'_, Arc<Shared>>) -> Reply<GuideDto> {
    shared
        .on_active(|store, _| Ok(GuideDto::new(guide::current(store)?.as_ref())))
        .await
}

/// Passes a first step by.
#[tauri::command]
pub async fn skip_guide_step(shared: State<'_, Arc<Shared>>, step: String) -> Reply<GuideDto> {
    shared
        .on_active(move |store, _| {
            Ok(GuideDto::new(
                guide::skip(store, Step::from_key(&step)?)?.as_ref(),
            ))
        })
        .await
}

/// Moves the demo's tour one stop on or back.
#[tauri::command]
pub async fn move_tour(shared: State<'_, Arc<Shared>>, forward: bool) -> Reply<GuideDto> {
    shared
        .on_active(move |store, _| Ok(GuideDto::new(guide::move_tour(store, forward)?.as_ref())))
        .await
}

/// Closes the guide in the open database.
#[tauri::command]
pub async fn end_guide(shared: State<'_, Arc<Shared>>) -> Reply<GuideDto> {
    shared
        .on_active(|store, _| {
            guide::end(store)?;
            Ok(GuideDto::new(None))
        })
        .await
}
