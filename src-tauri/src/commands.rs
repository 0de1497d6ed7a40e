//! The IPC commands of the app, its programmes and its settings. Each one
//! takes the core's own form, calls the core on a blocking thread and maps
//! the result to its DTO. Every command is declared in `build.rs`
//! and granted in `capabilities/main.json`.

use std::sync::Arc;

use base64::Engine;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use chrono::NaiveDateTime;
use klik::i18n::{Catalogues, Texts};
use klik::organisation::{self, Logo};
use klik::programme::{self, Listing, PhaseFacts, ProgrammeForm, ProgrammeId};
use klik::{Store, clock};

use crate::dto::{CommandError, LanguageDto, ProgrammeDto, SettingsDto, StatusDto};
use crate::session::{Session, Shared};

type Reply<T> = Result<T, CommandError>;

fn status(session: &mut Session) -> StatusDto {
    let language = session.language();
    let texts = session.texts();
    let real_database = session
        .data_dir
        .as_ref()
        .map(|d| d.database().display().to_string())
        .unwrap_or_default();
    let (state, error, database, ui_language, organisation_name) = match &session.real {
        Err(error) => (
            "unavailable",
            Some(CommandError::from_core(error, &texts)),
            real_database.clone(),
            None,
            String::new(),
        ),
        Ok(real) => {
            let first_start = organisation::start_choice(real).ok().flatten().is_none()
                && programme::list(real, Listing::All)
                    .map(|l| l.is_empty())
                    .unwrap_or(false);
            let ui_language = organisation::ui_language(real).ok().flatten();
            let active = session.demo.as_ref().unwrap_or(real);
            let name = organisation::get(active)
                .map(|o| o.name)
                .unwrap_or_default();
            (
                if first_start { "welcome" } else { "ready" },
                None,
                active.path().display().to_string(),
                ui_language,
                name,
            )
        }
    };
    let shipped = Catalogues::shipped();
    StatusDto {
        state: state.to_string(),
        language,
        ui_language,
        system_language: klik::i18n::language_for_locale(&session.os_locale).to_string(),
        languages: shipped
            .codes()
            .into_iter()
            .map(|code| LanguageDto {
                code: code.to_string(),
                name: Texts::for_language(code).get("language.name").to_string(),
            })
            .collect(),
        demo: session.in_demo(),
        database,
        real_database,
        organisation_name,
        version: klik::about::VERSION.to_string(),
        error,
    }
}

/// Where the app stands: which screen to show, in which language. The window
/// passes the OS locale it sees; `retry` reopens the database first.
#[tauri::command]
pub async fn app_status(
    shared: State<'_, Arc<Shared>>,
    os_locale: String,
    retry: bool,
) -> Reply<StatusDto> {
    shared
        .run(move |session| {
            session.os_locale = os_locale;
            if retry {
                session.reopen();
            }
            Ok(status(session))
        })
        .await
}

/// Every text of one language (English filling any gaps), for the UI.
#[tauri::command]
pub fn catalogue(language: String) -> std::collections::BTreeMap<String, String> {
    Texts::for_language(&language).all()
}

/// Settings → About: every library Klik is built with and the font its
/// documents embed, each with its licence.
#[tauri::command]
pub fn third_party_licences() -> &'static str {
    klik::about::THIRD_PARTY_LICENCES
}

/// The first-start choice: `demo` or `empty`.
#[tauri::command]
pub async fn choose_start(shared: State<'_, Arc<Shared>>, choice: String) -> Reply<StatusDto> {
    shared
        .run(move |session| {
            match choice.as_str() {
                "demo" => session.switch(true)?,
                "empty" => session.switch(false)?,
                _ => return Err(CommandError::bad_argument(&session.texts())),
            }
            Ok(status(session))
        })
        .await
}

/// Enters (`demo = true`) or leaves the demo.
#[tauri::command]
pub async fn switch_workspace(shared: State<'_, Arc<Shared>>, demo: bool) -> Reply<StatusDto> {
    shared
        .run(move |session| {
            session.switch(demo)?;
            Ok(status(session))
        })
        .await
}

/// The programmes of a listing: `current` or `archived`.
#[tauri::command]
pub async fn list_programmes(
    shared: State<'_, Arc<Shared>>,
    listing: String,
) -> Reply<Vec<ProgrammeDto>> {
    shared
        .run(move |session| {
            let listing = match listing.as_str() {
                "current" => Listing::Current,
                "archived" => Listing::Archived,
                "all" => Listing::All,
                _ => return Err(CommandError::bad_argument(&session.texts())),
            };
            let today = clock::now().date();
            let programmes = session.with_active(|store| programme::list(store, listing))?;
            Ok(programmes
                .iter()
                .map(|p| ProgrammeDto::new(p, today))
                .collect())
        })
        .await
}

/// Runs programme `work` on the active database and shows the programme it names.
async fn with_programme(
    shared: State<'_, Arc<Shared>>,
    work: impl FnOnce(&mut Store, &Texts, NaiveDateTime) -> klik::Result<ProgrammeId> + Send + 'static,
) -> Reply<ProgrammeDto> {
    shared
        .on_active(move |store, texts| {
            let now = clock::now();
            let id = work(store, texts, now)?;
            Ok(ProgrammeDto::new(&programme::get(store, id)?, now.date()))
        })
        .await
}

/// One programme.
#[tauri::command]
pub async fn get_programme(shared: State<'_, Arc<Shared>>, id: i64) -> Reply<ProgrammeDto> {
    with_programme(shared, move |_, _, _| Ok(ProgrammeId(id))).await
}

/// The default phases for the dates typed so far.
#[tauri::command]
pub async fn suggest_phases(
    shared: State<'_, Arc<Shared>>,
    start: String,
    end: String,
) -> Reply<Vec<PhaseFacts>> {
    shared
        .run(move |session| {
            let result = programme::suggest_phases(&start, &end);
            let phases = result.map_err(|e| session.fail(e))?;
            Ok(phases.iter().map(PhaseFacts::from).collect())
        })
        .await
}

/// Creates a programme from the form.
#[tauri::command]
pub async fn create_programme(
    shared: State<'_, Arc<Shared>>,
    form: ProgrammeForm,
) -> Reply<ProgrammeDto> {
    with_programme(shared, move |store, _, now| {
        programme::create(store, &form.validate()?, now)
    })
    .await
}

/// Saves the edited form of a programme.
#[tauri::command]
pub async fn update_programme(
    shared: State<'_, Arc<Shared>>,
    id: i64,
    form: ProgrammeForm,
) -> Reply<ProgrammeDto> {
    with_programme(shared, move |store, _, now| {
        programme::update(store, ProgrammeId(id), &form.validate()?, now)?;
        Ok(ProgrammeId(id))
    })
    .await
}

/// Copies a programme under "name (copy)" in the interface language.
#[tauri::command]
pub async fn duplicate_programme(shared: State<'_, Arc<Shared>>, id: i64) -> Reply<ProgrammeDto> {
    with_programme(shared, move |store, texts, now| {
        let original = programme::get(store, ProgrammeId(id))?;
        let label = texts.get("programmes.copy_label");
        let name = programme::copy_name(&original.draft.name, label);
        programme::duplicate(store, original.id, &name, now)
    })
    .await
}

/// Archives a programme, or restores it with `archived = false`.
#[tauri::command]
pub async fn set_programme_archived(
    shared: State<'_, Arc<Shared>>,
    id: i64,
    archived: bool,
) -> Reply<ProgrammeDto> {
    with_programme(shared, move |store, _, now| {
        programme::set_archived(store, ProgrammeId(id), archived, now)?;
        Ok(ProgrammeId(id))
    })
    .await
}

fn settings(session: &mut Session) -> Reply<SettingsDto> {
    let organisation = session.with_active(|store| organisation::get(store))?;
    let coordinator = session.with_active(|store| organisation::coordinator(store))?;
    let ui_language = session.with_real(|store| organisation::ui_language(store))?;
    Ok(SettingsDto {
        organisation_name: organisation.name,
        coordinator_name: coordinator.name,
        coordinator_email: coordinator.email,
        logo: organisation.logo.map(|logo| {
            format!(
                "data:{};base64,{}",
                logo.media_type,
                base64::engine::general_purpose::STANDARD.encode(&logo.bytes)
            )
        }),
        ui_language,
    })
}

/// The settings screen's values.
#[tauri::command]
pub async fn get_settings(shared: State<'_, Arc<Shared>>) -> Reply<SettingsDto> {
    shared.run(settings).await
}

/// Renames the organisation.
#[tauri::command]
pub async fn set_organisation_name(
    shared: State<'_, Arc<Shared>>,
    name: String,
) -> Reply<SettingsDto> {
    shared
        .run(move |session| {
            session.with_active(|store| organisation::set_name(store, &name))?;
            settings(session)
        })
        .await
}

/// Sets the programme coordinator's name and e-mail address.
#[tauri::command]
pub async fn set_coordinator(
    shared: State<'_, Arc<Shared>>,
    name: String,
    email: String,
) -> Reply<SettingsDto> {
    shared
        .run(move |session| {
            session.with_active(|store| {
                organisation::set_coordinator(store, &organisation::Coordinator { name, email })
            })?;
            settings(session)
        })
        .await
}

/// Sets the logo from the raw bytes of an image file; an empty body removes it.
#[tauri::command]
pub async fn set_logo(shared: State<'_, Arc<Shared>>, request: Request<'_>) -> Reply<SettingsDto> {
    // Only the raw bytes of a file (empty to remove) say what to do; a JSON
    // body is a mistake and must not silently remove the logo.
    let bytes = match request.body() {
        InvokeBody::Raw(bytes) => Some(bytes.clone()),
        InvokeBody::Json(_) => None,
    };
    shared
        .run(move |session| {
            let Some(bytes) = bytes else {
                return Err(CommandError::bad_argument(&session.texts()));
            };
            session.with_active(|store| {
                let logo = if bytes.is_empty() {
                    None
                } else {
                    Some(Logo::from_bytes(bytes)?)
                };
                organisation::set_logo(store, logo.as_ref())
            })?;
            settings(session)
        })
        .await
}

/// Chooses the interface language; `None` follows the OS.
#[tauri::command]
pub async fn set_ui_language(
    shared: State<'_, Arc<Shared>>,
    language: Option<String>,
) -> Reply<StatusDto> {
    shared
        .run(move |session| {
            session.with_real(|store| organisation::set_ui_language(store, language.as_deref()))?;
            Ok(status(session))
        })
        .await
}

/// Opens one of Klik's folders (`data`, `backups`, `documents`) in the
/// system's file manager. The window names the folder, never a path: what
/// it may open is decided here. `false` when no file manager opened it.
#[tauri::command]
pub async fn open_folder<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    shared: State<'_, Arc<Shared>>,
    which: String,
) -> Reply<bool> {
    use tauri_plugin_opener::OpenerExt;
    let folder = shared
        .run(move |session| {
            let dir = session.folder()?;
            // A folder the data was moved to that is not there is not made.
            dir.check_present().map_err(|e| session.fail(e))?;
            let folder = match which.as_str() {
                "backups" => dir.backups(),
                "documents" => dir.documents(),
                _ => dir.root().to_path_buf(),
            };
            // A folder Klik has not needed yet is made, so that it can be shown.
            std::fs::create_dir_all(&folder).map_err(|source| {
                session.fail(klik::Error::Io {
                    path: folder.clone(),
                    source,
                })
            })?;
            Ok(folder)
        })
        .await?;
    Ok(app
        .opener()
        .open_path(folder.display().to_string(), None::<&str>)
        .is_ok())
}
