//! Backups in the window: where they are and when the last one was made,
//! "Back up to…" a file the user chooses, and "Restore from…" a file that
//! is checked and described before anything changes.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tauri::State;

use klik::store::backup::{self, Inspection};
use klik::{Error, clock, date};

use crate::dto::CommandError;
use crate::session::{Session, Shared};

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct BackupStatusDto {
    /// The folder of automatic backups of the user's own data.
    pub folder: Option<String>,
    /// The day of the newest automatic backup (28-11-2026).
    pub last: Option<String>,
    /// Why the last automatic backup failed, translated.
    pub problem: Option<String>,
    /// Backups and restore concern the user's own data, not the demo.
    pub in_demo: bool,
    /// After how many months closed programmes' participants are anonymised.
    pub retention_months: Option<u16>,
    /// How many people that anonymised at this start.
    pub retention_erased: usize,
    /// The copies kept besides the daily backups (before a restore, damaged
    /// files moved aside), each with when and why, kept 30 days.
    pub copies: Vec<KeptCopyDto>,
}

/// One copy Klik kept, as Settings lists it.
#[derive(Debug, Clone, Serialize)]
pub struct KeptCopyDto {
    /// The file's name (the folder is shown once, above).
    pub file: String,
    /// "Before a restore" or "Damaged, moved aside", translated.
    pub kind: String,
    /// When it was made, as people write it.
    pub made: String,
}

fn status(session: &mut Session) -> Reply<BackupStatusDto> {
    let texts = session.texts();
    let folder = session.data_dir.as_ref().map(|d| d.backups());
    let last = match &folder {
        Some(folder) => backup::automatic_backups(folder)
            .map_err(|e| session.fail(e))?
            .first()
            .map(|(day, _)| date::short(*day, texts.language())),
        None => None,
    };
    let retention_months = session
        .real
        .as_ref()
        .ok()
        .and_then(|store| klik::organisation::retention_months(store).ok().flatten());
    let copies = match &session.data_dir {
        Some(dir) => backup::kept_copies(&dir.database(), &dir.backups())
            .into_iter()
            .map(|copy| KeptCopyDto {
                file: copy
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                kind: texts
                    .get(match copy.kind {
                        backup::CopyKind::BeforeRestore => "backup.copy.before_restore",
                        backup::CopyKind::Damaged => "backup.copy.damaged",
                    })
                    .to_string(),
                made: format!(
                    "{} {}",
                    date::short(copy.made.date(), texts.language()),
                    copy.made.format("%H:%M")
                ),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(BackupStatusDto {
        copies,
        retention_months,
        retention_erased: session.retention_erased,
        folder: folder.map(|f| f.display().to_string()),
        last,
        problem: session.backup_problem.as_ref().map(|e| e.message(&texts)),
        in_demo: session.in_demo(),
    })
}

/// Where the backups are and when the last one was made.
#[tauri::command]
pub async fn backup_status(shared: State<'_, Arc<Shared>>) -> Reply<BackupStatusDto> {
    shared.run(status).await
}

#[derive(Debug, Clone, Serialize)]
pub struct InspectionDto {
    pub path: String,
    pub programmes: i64,
    pub people: i64,
    pub schema_version: i64,
}

impl From<Inspection> for InspectionDto {
    fn from(i: Inspection) -> InspectionDto {
        InspectionDto {
            path: i.path.display().to_string(),
            programmes: i.programmes,
            people: i.people,
            schema_version: i.schema_version,
        }
    }
}

/// Writes a copy of the user's own data to a file the user chose.
#[tauri::command]
pub async fn back_up_to(shared: State<'_, Arc<Shared>>, path: PathBuf) -> Reply<InspectionDto> {
    shared
        .run(move |session| {
            session.with_real(|store| {
                crate::session::chosen(&path)?;
                backup::backup_to(store, &path).map(InspectionDto::from)
            })
        })
        .await
}

/// Checks a file the user chose to restore and says what it holds; nothing changes.
#[tauri::command]
pub async fn inspect_backup(shared: State<'_, Arc<Shared>>, path: PathBuf) -> Reply<InspectionDto> {
    shared
        .run(move |session| {
            backup::inspect_for_restore(&path)
                .map(InspectionDto::from)
                .map_err(|e| session.fail(e))
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct RestoredDto {
    pub restored: InspectionDto,
    /// Where the data from before the restore was kept.
    pub previous: String,
}

/// Puts a checked file in place of the user's own data, which is backed up first.
#[tauri::command]
pub async fn restore_backup(shared: State<'_, Arc<Shared>>, path: PathBuf) -> Reply<RestoredDto> {
    shared
        .run(move |session| {
            let folder = session.folder()?.backups();
            session.with_real(|store| {
                let done = store.restore_from(&path, &folder, clock::now())?;
                Ok(RestoredDto {
                    restored: done.restored.into(),
                    previous: done.previous.display().to_string(),
                })
            })
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct RecoveredDto {
    /// The day of the backup now in place.
    pub date: String,
    /// Where the damaged file was kept.
    pub kept: String,
}

/// When the user's database cannot be opened: the newest good automatic
/// backup goes in its place, the damaged file is kept aside, and the data
/// is opened again.
#[tauri::command]
pub async fn recover_from_backup(shared: State<'_, Arc<Shared>>) -> Reply<RecoveredDto> {
    shared
        .run(move |session| {
            let texts = session.texts();
            let dir = session.folder()?;
            // Only a database that could not be opened is replaced this way.
            if session.real.is_ok() {
                return Err(session.fail(Error::Invalid(vec![klik::FieldError::new(
                    "backup",
                    "error.backup.not_needed",
                )])));
            }
            let done = backup::recover(&dir.database(), &dir.backups(), clock::now())
                .map_err(|e| session.fail(e))?;
            session.reopen();
            Ok(RecoveredDto {
                date: date::short(done.day, texts.language()),
                kept: done.damaged_kept.display().to_string(),
            })
        })
        .await
}

/// Starts a new, empty database in place of one that could not be opened
/// (damaged, or not Klik's); the old file is kept aside whole. Resolves to
/// where it went. A database that opens, or one from a newer Klik, is never
/// set aside.
#[tauri::command]
pub async fn start_new_database(shared: State<'_, Arc<Shared>>) -> Reply<String> {
    shared
        .run(move |session| {
            let dir = session.folder()?;
            // A folder the data was moved to that is not there is waited
            // for (a drive to connect), never filled with a new file.
            let refused = match &session.real {
                Ok(_) => true,
                Err(Error::DatabaseTooNew { .. } | Error::DataFolderMissing { .. }) => true,
                Err(_) => false,
            };
            if refused {
                return Err(session.fail(Error::Invalid(vec![klik::FieldError::new(
                    "backup",
                    "error.backup.not_needed",
                )])));
            }
            let kept =
                backup::start_afresh(&dir.database(), clock::now()).map_err(|e| session.fail(e))?;
            session.reopen();
            Ok(kept.display().to_string())
        })
        .await
}

/// Sets the retention (`null`: keep everything) and applies it at once;
/// the status as it now is.
#[tauri::command]
pub async fn set_retention(
    shared: State<'_, Arc<Shared>>,
    months: Option<u16>,
) -> Reply<BackupStatusDto> {
    shared
        .run(move |session| {
            let texts = session.texts();
            let erased = session.with_real(|store| {
                klik::organisation::set_retention_months(store, months)?;
                let places = klik::privacy::Places::beside(store.path());
                klik::privacy::apply_retention(store, &texts, clock::now(), &places)
                    .map(|done| done.people)
            })?;
            session.retention_erased += erased;
            status(session)
        })
        .await
}

/// Where "Choose another data folder…" would put the data, and what it
/// holds, for the confirmation; a folder that cannot take it is refused
/// here, before the question.
#[derive(Debug, Clone, Serialize)]
pub struct DestinationDto {
    pub folder: String,
    pub programmes: i64,
    pub people: i64,
}

/// Checks a folder the user chose to move the data to; nothing changes.
#[tauri::command]
pub async fn data_destination(
    shared: State<'_, Arc<Shared>>,
    folder: PathBuf,
) -> Reply<DestinationDto> {
    shared
        .run(move |session| {
            let dir = session.folder()?;
            session.with_real(|store| {
                let target = klik::store::relocation::destination(&dir, &folder)?;
                let held = backup::inspect(store.path())?;
                Ok(DestinationDto {
                    folder: target.display().to_string(),
                    programmes: held.programmes,
                    people: held.people,
                })
            })
        })
        .await
}

/// What a move did: the folder now in use, and how many old files the
/// user must remove by hand (open in another program).
#[derive(Debug, Clone, Serialize)]
pub struct MovedDto {
    pub folder: String,
    pub from: String,
    pub left_behind: usize,
}

/// Moves the user's data (with its backups, printed documents and the
/// demo) to the folder they chose, and works from there.
#[tauri::command]
pub async fn move_data(shared: State<'_, Arc<Shared>>, folder: PathBuf) -> Reply<MovedDto> {
    shared
        .run(move |session| {
            let dir = session.folder()?;
            // The demo's file moves too: it is closed while it is copied.
            let in_demo = session.demo.take().is_some();
            let moved =
                session.with_real(|store| klik::store::relocation::move_data(store, &dir, &folder));
            let moved = match moved {
                Ok(moved) => moved,
                Err(error) => {
                    // Closed and opened again: the hold taken for the move
                    // ends with the connection (the demo comes back too).
                    session.reopen();
                    return Err(error);
                }
            };
            crate::session::remember(&moved.dir);
            session.data_dir = Some(moved.dir.clone());
            if in_demo {
                session.reopen_demo();
            }
            // A problem of the old place's backups is not the new place's.
            session.back_up(false);
            Ok(MovedDto {
                folder: moved.dir.root().display().to_string(),
                from: moved.from.display().to_string(),
                left_behind: moved.left_behind.len(),
            })
        })
        .await
}
