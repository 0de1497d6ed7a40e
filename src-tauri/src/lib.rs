//! Klik's desktop shell: the window, the IPC commands and their JSON.
//!
//! This crate is thin on purpose. Each command converts its input, calls one
//! core function and converts the result to a DTO; business rules live in the
//! `klik` core. SQLite work runs on a blocking thread, never on the thread
//! that draws the window.

mod agreements;
mod backups;
mod closing;
mod commands;
mod dialogs;
mod dto;
mod guide;
mod intakes;
mod matching;
mod messages;
mod participants;
mod printing;
mod privacy;
mod session;
mod trajectory;

use std::sync::Arc;

use klik::data_dir::DataDir;
use tauri::{Builder, Runtime};

pub use session::Shared;

/// Registers Klik's state and commands on a builder: the real app and the
/// command tests (on `tauri::test::mock_builder`) go through this same function.
pub fn setup<R: Runtime>(builder: Builder<R>, shared: Arc<Shared>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(shared)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::catalogue,
            commands::third_party_licences,
            commands::choose_start,
            commands::switch_workspace,
            commands::list_programmes,
            commands::get_programme,
            commands::suggest_phases,
            commands::create_programme,
            commands::update_programme,
            commands::duplicate_programme,
            commands::set_programme_archived,
            commands::get_settings,
            commands::set_organisation_name,
            commands::set_coordinator,
            commands::set_logo,
            commands::set_ui_language,
            participants::participant_page,
            participants::get_participant,
            participants::save_participant,
            participants::preview_import,
            participants::apply_import,
            participants::export_name,
            participants::export_participants,
            participants::import_template,
            matching::matching_board,
            matching::decide_pair,
            matching::accept_all_pairs,
            matching::move_options,
            matching::move_mentee,
            matching::keep_conflicting_pair,
            matching::confirm_pairs,
            matching::set_matching_criteria,
            matching::dissolve_match,
            agreements::get_agreement,
            agreements::save_agreement,
            agreements::mark_agreement_ready,
            agreements::sign_agreement,
            agreements::get_agreement_template,
            agreements::save_agreement_template,
            printing::document_file_name,
            printing::print_document,
            printing::open_document,
            intakes::intake_board,
            intakes::save_intake_settings,
            intakes::add_public_holidays,
            intakes::propose_intakes,
            intakes::plan_intakes,
            intakes::move_intake,
            intakes::free_intake_times,
            intakes::cancel_intake,
            intakes::record_intake_outcome,
            intakes::intake_calendar_name,
            intakes::save_intake_calendar,
            intakes::open_intake_mail,
            intakes::participant_history,
            trajectory::programme_dashboard,
            trajectory::save_trajectory_settings,
            trajectory::pair_trajectory,
            trajectory::save_meeting,
            trajectory::delete_meeting,
            trajectory::record_goal_progress,
            trajectory::record_checkin,
            closing::workshops,
            closing::save_workshop,
            closing::delete_workshop,
            closing::workshop_invitees,
            closing::register_workshop_attendance,
            closing::workshop_calendar_name,
            closing::save_workshop_calendar,
            closing::programme_evaluation,
            closing::save_evaluation_questions,
            closing::participant_answers,
            closing::save_participant_answers,
            closing::close_programme,
            backups::backup_status,
            backups::back_up_to,
            backups::inspect_backup,
            backups::restore_backup,
            backups::recover_from_backup,
            backups::start_new_database,
            backups::set_retention,
            backups::data_destination,
            backups::move_data,
            privacy::person_export_name,
            privacy::export_person,
            privacy::erase_person,
            messages::programme_messages,
            messages::save_message_wording,
            messages::mark_message_sent,
            messages::open_message,
            participants::import_sheets,
            participants::availability_grid,
            participants::availability_text,
            commands::open_folder,
            guide::guide,
            guide::skip_guide_step,
            guide::move_tour,
            guide::end_guide,
            dialogs::choose_save_path,
            dialogs::choose_folder,
        ])
}

/// The data folder: `--data-dir PATH` on the command line (used by the
/// end-to-end tests to give each test its own folder), else `KLIK_DATA_DIR`,
/// else the OS application data folder.
fn data_dir(mut args: impl Iterator<Item = String>) -> Option<DataDir> {
    while let Some(arg) = args.next() {
        if let Some(path) = arg.strip_prefix("--data-dir=") {
            return Some(DataDir::followed(path));
        }
        if arg == "--data-dir"
            && let Some(path) = args.next()
        {
            return Some(DataDir::followed(path));
        }
    }
    DataDir::from_environment()
}

/// `--save-into FOLDER` and `--choose-folder FOLDER`: the end-to-end tests'
/// answers to every save dialog and folder dialog (see `dialogs.rs`).
fn test_answer(name: &str, mut args: impl Iterator<Item = String>) -> Option<std::path::PathBuf> {
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next().map(std::path::PathBuf::from);
        }
    }
    None
}

/// Starts the desktop app. A database that cannot be opened does not stop
/// the window from opening: the UI shows the translated reason instead.
pub fn run() {
    if let Some(folder) = test_answer("--save-into", std::env::args().skip(1)) {
        let _ = dialogs::SAVE_INTO.set(folder);
    }
    if let Some(folder) = test_answer("--choose-folder", std::env::args().skip(1)) {
        let _ = dialogs::CHOOSE_FOLDER.set(folder);
    }
    let shared = Arc::new(Shared::open(data_dir(std::env::args().skip(1))));
    setup(tauri::Builder::default(), shared)
        .run(tauri::generate_context!())
        .expect("the Klik window could not be created (is a display available?)");
}

#[cfg(test)]
mod tests;
