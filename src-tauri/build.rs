//! Declares every app command so that capabilities can grant them one by one.
//! Without this manifest, every window could call every command.

/// The app's IPC commands; each must also be granted in `capabilities/main.json`.
const COMMANDS: &[&str] = &[
    "app_status",
    "catalogue",
    "choose_start",
    "switch_workspace",
    "list_programmes",
    "get_programme",
    "suggest_phases",
    "create_programme",
    "update_programme",
    "duplicate_programme",
    "set_programme_archived",
    "get_settings",
    "set_organisation_name",
    "set_logo",
    "set_ui_language",
    "participant_page",
    "get_participant",
    "save_participant",
    "preview_import",
    "apply_import",
    "export_name",
    "export_participants",
    "import_template",
    "matching_board",
    "decide_pair",
    "accept_all_pairs",
    "move_options",
    "move_mentee",
    "keep_conflicting_pair",
    "confirm_pairs",
    "set_matching_criteria",
    "dissolve_match",
    "get_agreement",
    "save_agreement",
    "mark_agreement_ready",
    "sign_agreement",
    "get_agreement_template",
    "save_agreement_template",
    "document_file_name",
    "print_document",
    "open_document",
    "intake_board",
    "save_intake_settings",
    "add_public_holidays",
    "propose_intakes",
    "plan_intakes",
    "move_intake",
    "free_intake_times",
    "cancel_intake",
    "record_intake_outcome",
    "intake_calendar_name",
    "save_intake_calendar",
    "open_intake_mail",
    "participant_history",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build must find tauri.conf.json, the icons and the capabilities");
}
