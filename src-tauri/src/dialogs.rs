//! Asking where to save. The system's save dialog, with one exception for
//! the end-to-end tests, which cannot click in a native dialog: started
//! with `--save-into FOLDER`, Klik answers every save dialog with the
//! suggested file name in that folder, so that a test can click "Export"
//! and read what was written.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::dto::CommandError;

/// The folder given with `--save-into`, if any.
pub static SAVE_INTO: OnceLock<PathBuf> = OnceLock::new();
/// The folder given with `--choose-folder`, the end-to-end tests' answer
/// to the folder dialog, if any.
pub static CHOOSE_FOLDER: OnceLock<PathBuf> = OnceLock::new();

/// One choice of file type in the dialog: "PDF", ["pdf"].
#[derive(Debug, Clone, Deserialize)]
pub struct FilterDto {
    pub name: String,
    pub extensions: Vec<String>,
}

/// Asks where to save a file, suggesting `default_path`; `None` when the
/// user cancels. The answer is checked again by the command that writes.
#[tauri::command]
pub async fn choose_save_path<R: Runtime>(
    app: AppHandle<R>,
    default_path: String,
    filters: Vec<FilterDto>,
) -> Result<Option<String>, CommandError> {
    if let Some(folder) = SAVE_INTO.get() {
        let name = crate::printing::safe_name(&default_path);
        return Ok(Some(folder.join(name).display().to_string()));
    }
    let mut dialog = app.dialog().file().set_file_name(&default_path);
    for filter in &filters {
        let extensions: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&filter.name, &extensions);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|_| CommandError::unexpected())?;
    Ok(picked
        .and_then(|file| file.into_path().ok())
        .map(|path| path.display().to_string()))
}

/// Asks for a folder (where to move Klik's data); `None` when the user
/// cancels. The answer is checked by the command that uses it.
#[tauri::command]
pub async fn choose_folder<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, CommandError> {
    if let Some(folder) = CHOOSE_FOLDER.get() {
        return Ok(Some(folder.display().to_string()));
    }
    let dialog = app.dialog().file();
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
        .await
        .map_err(|_| CommandError::unexpected())?;
    Ok(picked
        .and_then(|folder| folder.into_path().ok())
        .map(|path| path.display().to_string()))
}
