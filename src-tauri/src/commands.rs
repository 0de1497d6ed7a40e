//! The IPC commands. Each one: convert input, call one core function on a
//! blocking thread, convert output. Every command is declared in `build.rs`
//! and granted in `capabilities/main.json`.

use std::sync::Arc;

use base64::Engine;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use klik::clock;
use klik::i18n::{Catalogues, Texts};
use klik::organisation::{self, Logo};
use klik::programme::{self, Listing, ProgrammeForm, ProgrammeId};

use crate::dto::{
    CommandError, LanguageDto, PhaseDto, ProgrammeDto, ProgrammeFormDto, SettingsDto, StatusDto,
};
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

/// One programme.
#[tauri::command]
pub async fn get_programme(shared: State<'_, Arc<Shared>>, id: i64) -> Reply<ProgrammeDto> {
    shared
        .run(move |session| {
            let p = session.with_active(|store| programme::get(store, ProgrammeId(id)))?;
            Ok(ProgrammeDto::new(&p, clock::now().date()))
        })
        .await
}

/// The default phases for the dates typed so far.
#[tauri::command]
pub async fn suggest_phases(
    shared: State<'_, Arc<Shared>>,
    start: String,
    end: String,
) -> Reply<Vec<PhaseDto>> {
    shared
        .run(move |session| {
            let result = programme::suggest_phases(&start, &end);
            let phases = result.map_err(|e| session.fail(e))?;
            Ok(phases.iter().map(PhaseDto::from).collect())
        })
        .await
}

/// Creates a programme from the form.
#[tauri::command]
pub async fn create_programme(
    shared: State<'_, Arc<Shared>>,
    form: ProgrammeFormDto,
) -> Reply<ProgrammeDto> {
    shared
        .run(move |session| {
            let now = clock::now();
            let p = session.with_active(|store| {
                let draft = ProgrammeForm::from(form).validate()?;
                let id = programme::create(store, &draft, now)?;
                programme::get(store, id)
            })?;
            Ok(ProgrammeDto::new(&p, now.date()))
        })
        .await
}

/// Saves the edited form of a programme.
#[tauri::command]
pub async fn update_programme(
    shared: State<'_, Arc<Shared>>,
    id: i64,
    form: ProgrammeFormDto,
) -> Reply<ProgrammeDto> {
    shared
        .run(move |session| {
            let now = clock::now();
            let p = session.with_active(|store| {
                let draft = ProgrammeForm::from(form).validate()?;
                programme::update(store, ProgrammeId(id), &draft, now)?;
                programme::get(store, ProgrammeId(id))
            })?;
            Ok(ProgrammeDto::new(&p, now.date()))
        })
        .await
}

/// Copies a programme under "name (copy)" in the interface language.
#[tauri::command]
pub async fn duplicate_programme(shared: State<'_, Arc<Shared>>, id: i64) -> Reply<ProgrammeDto> {
    shared
        .run(move |session| {
            let now = clock::now();
            let label = session.texts().get("programmes.copy_label").to_string();
            let p = session.with_active(|store| {
                let original = programme::get(store, ProgrammeId(id))?;
                let copy = programme::duplicate(
                    store,
                    original.id,
                    &programme::copy_name(&original.draft.name, &label),
                    now,
                )?;
                programme::get(store, copy)
            })?;
            Ok(ProgrammeDto::new(&p, now.date()))
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
    shared
        .run(move |session| {
            let now = clock::now();
            let p = session.with_active(|store| {
                programme::set_archived(store, ProgrammeId(id), archived, now)?;
                programme::get(store, ProgrammeId(id))
            })?;
            Ok(ProgrammeDto::new(&p, now.date()))
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
