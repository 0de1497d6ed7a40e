// The only module that talks to the Tauri shell. One documented function per
// command; every failure arrives as {code, message, fields}, already translated.

/** @typedef {{code: string, message: string, fields: {field: string, label: string, message: string}[]}} CommandError */

import { t } from './i18n.js';

const tauri = /** @type {any} */ (window).__TAURI__;

/**
 * A failure that did not come from Klik's own commands (Tauri refused the
 * arguments, or a command is not allowed): the person gets the translated
 * "something unexpected" message; the detail goes to the console for us.
 * @param {any} error
 */
function unexpected(error) {
  console.error('Klik command failed outside its own errors:', error);
  return { code: 'internal', message: t('error.unexpected'), fields: [] };
}

/**
 * The commands whose success can finish a first step of the guide; after
 * each, a `klik:changed` event lets the guide look again without the page
 * having to know it is there.
 */
const CHANGES_FIRST_STEPS = new Set([
  'set_organisation_name', 'create_programme', 'save_participant', 'apply_import',
  'decide_pair', 'accept_all_pairs', 'move_mentee', 'confirm_pairs',
]);

function changed(command) {
  if (CHANGES_FIRST_STEPS.has(command)) window.dispatchEvent(new Event('klik:changed'));
}

/**
 * Calls a command and returns its result; rejects with a CommandError.
 * @param {string} command
 * @param {any} [args]
 */
async function call(command, args) {
  if (!tauri || !tauri.core) {
    throw { code: 'internal', message: 'Klik must run inside its desktop window.', fields: [] };
  }
  try {
    const result = await tauri.core.invoke(command, args);
    changed(command);
    return result;
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error) throw error;
    throw unexpected(error);
  }
}

/** Where the app stands; `retry` reopens the database first. */
export const appStatus = (osLocale, retry = false) => call('app_status', { osLocale, retry });
/** Every text of a language. */
export const catalogue = (language) => call('catalogue', { language });
export const thirdPartyLicences = () => call('third_party_licences', {});
/** First start: 'demo' or 'empty'. */
export const chooseStart = (choice) => call('choose_start', { choice });
/** Enter (true) or leave (false) the demo. */
export const switchWorkspace = (demo) => call('switch_workspace', { demo });
/** Programmes of a listing: 'current' or 'archived'. */
export const listProgrammes = (listing) => call('list_programmes', { listing });
/** One programme. */
export const getProgramme = (id) => call('get_programme', { id });
/** Default phases for typed dates. */
export const suggestPhases = (start, end) => call('suggest_phases', { start, end });
/** Creates a programme from the form values. */
export const createProgramme = (form) => call('create_programme', { form });
/** Saves an edited programme. */
export const updateProgramme = (id, form) => call('update_programme', { id, form });
/** Copies a programme. */
export const duplicateProgramme = (id) => call('duplicate_programme', { id });
/** Archives (true) or restores (false) a programme. */
export const setProgrammeArchived = (id, archived) => call('set_programme_archived', { id, archived });
/** The settings screen's values. */
export const getSettings = () => call('get_settings');
/** Renames the organisation. */
export const setOrganisationName = (name) => call('set_organisation_name', { name });
/** Sets the programme coordinator (name and e-mail). */
export const setCoordinator = (name, email) => call('set_coordinator', { name, email });
/** Sets the logo from a file's bytes (Uint8Array); an empty array removes it. */
export const setLogo = (bytes) => call('set_logo', bytes);
/** Chooses the interface language; null follows the computer. */
export const setUiLanguage = (language) => call('set_ui_language', { language });

/**
 * Calls a command with a file's raw bytes; small arguments travel as headers.
 * @param {string} command
 * @param {Uint8Array} bytes
 * @param {Record<string, string>} headers
 */
async function callRaw(command, bytes, headers) {
  const encoded = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, encodeURIComponent(v)]));
  try {
    const result = await tauri.core.invoke(command, bytes, { headers: encoded });
    changed(command);
    return result;
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error) throw error;
    throw unexpected(error);
  }
}

/** A page of participants with counts and filter choices. */
export const participantPage = (programme, query) => call('participant_page', { programme, query });
/** One participant. */
export const getParticipant = (id) => call('get_participant', { id });
/** Adds (id null) or saves a participant. */
export const saveParticipant = (programme, id, form) => call('save_participant', { programme, id, form });
/** The sheets of a workbook (empty for CSV). */
export const importSheets = (bytes) => callRaw('import_sheets', bytes, {});
/** What importing a file would do. */
export const previewImport = (programme, bytes, sheet, clearEmpty = false) =>
  callRaw('preview_import', bytes, { 'klik-programme': String(programme), 'klik-sheet': sheet ?? '', 'klik-clear-empty': String(clearEmpty) });
/** Imports a file; onlyValid skips rows with problems; clearEmpty lets empty cells clear fields. */
export const applyImport = (programme, bytes, sheet, onlyValid, clearEmpty = false) =>
  callRaw('apply_import', bytes, {
    'klik-programme': String(programme), 'klik-sheet': sheet ?? '', 'klik-only-valid': String(onlyValid), 'klik-clear-empty': String(clearEmpty),
  });
/** The suggested file name of an export. */
export const exportName = (programme) => call('export_name', { programme });
/** Writes the participants to a chosen file (.csv or .xlsx). */
export const exportParticipants = (programme, path) => call('export_participants', { programme, path });
/** Writes the import template to a chosen file (.csv or .xlsx). */
export const importTemplate = (path) => call('import_template', { path });
/**
 * Asks where to save, with the system's dialog; null when cancelled.
 * @param {string} defaultPath
 * @param {{name: string, extensions: string[]}[]} filters
 */
export const chooseSavePath = (defaultPath, filters) => call('choose_save_path', { defaultPath, filters });

/** The matching board of a programme; `propose` adds a fresh proposal of pairs. */
export const matchingBoard = (programmeId, propose) => call('matching_board', { programmeId, propose });
/** Decides on a proposed pair: 'accept', 'reject' (never proposed again), 'lock' or 'clear'. */
export const decidePair = (programmeId, menteeId, mentorId, decision) =>
  call('decide_pair', { programmeId, menteeId, mentorId, decision });
/** Accepts every proposed pair at once. */
export const acceptAllPairs = (programmeId) => call('accept_all_pairs', { programmeId });
/** The mentors a mentee could move to, each with its score, change of score and whether the rules allow it. */
export const moveOptions = (programmeId, menteeId) => call('move_options', { programmeId, menteeId });
/** Gives a mentee another mentor in the proposal; rejects when a rule forbids it. */
export const moveMentee = (programmeId, menteeId, mentorId) => call('move_mentee', { programmeId, menteeId, mentorId });
/** Keeps a pair that breaks a rule, because the user says so. */
export const keepConflictingPair = (programmeId, menteeId, mentorId) =>
  call('keep_conflicting_pair', { programmeId, menteeId, mentorId });
/** Turns the accepted pairs into confirmed matches; resolves to {confirmed, board}. */
export const confirmPairs = (programmeId) => call('confirm_pairs', { programmeId });
/**
 * Saves how much each criterion counts, and its parameter.
 * @param {number} programmeId
 * @param {{key: string, weight: string, parameter: number|null}[]} criteria
 * @param {boolean} propose
 */
export const setMatchingCriteria = (programmeId, criteria, propose) =>
  call('set_matching_criteria', { programmeId, criteria, propose });
/** Ends a confirmed match with a reason; the mentee can be matched again. */
export const dissolveMatch = (matchId, reason, propose) => call('dissolve_match', { matchId, reason, propose });

/** A match's agreement; the first time, a draft from the programme's defaults. */
export const getAgreement = (matchId) => call('get_agreement', { matchId });
/**
 * Saves an agreement's form; a signed agreement is kept and the form becomes
 * its next version, a draft. Rejects with field problems ('start',
 * 'goals.2.what', 'place', 'learning_goals', …).
 * @param {number} matchId
 * @param {{start: string, end: string, goals: {what: string, success: string, target_date: string, first_actions: string}[], expectations: string[]}} form
 *   the expectations as the eleven texts in the agreement's order
 */
export const saveAgreement = (matchId, form) => call('save_agreement', { matchId, form });
/** Marks a draft agreement ready to sign; rejects when it has no learning goals. */
export const markAgreementReady = (matchId) => call('mark_agreement_ready', { matchId });
/**
 * Records the dates on which the three people signed, as typed.
 * @param {number} matchId
 * @param {string} mentee
 * @param {string} mentor
 * @param {string} coordinator
 */
export const signAgreement = (matchId, mentee, mentor, coordinator) =>
  call('sign_agreement', { matchId, mentee, mentor, coordinator });
/**
 * Documents are named by kind and id: 'agreement' and 'guide' of a match,
 * 'agreements', 'schedule' and 'guides' of a programme.
 * @typedef {'agreement'|'agreements'|'schedule'|'guide'|'guides'|'pair_report'|'checkin_form'|'programme_report'|'programme_report_anonymous'|'programme_report_named'|'certificates'|'certificates_all'|'week'} DocumentKind
 */
/** The suggested file name (with .pdf) of a document. @param {DocumentKind} kind @param {number} id */
export const documentFileName = (kind, id) => call('document_file_name', { kind, id });
/**
 * Writes a document as a PDF to a chosen file; resolves to {path, pages, count, warnings}.
 * @param {DocumentKind} kind @param {number} id @param {string} path
 */
export const printDocument = (kind, id, path) => call('print_document', { kind, id, path });
/**
 * Prints a document into Klik's documents folder and opens it in the
 * system's PDF viewer; resolves to {path, pages, count, warnings, opened},
 * opened false when no viewer could be started (the file is there all the same).
 * @param {DocumentKind} kind @param {number} id
 */
export const openDocument = (kind, id) => call('open_document', { kind, id });
/** The texts a programme's new agreements start with: {programme_name, language, parts: [{key, label, text, standard, own}]}. */
export const getAgreementTemplate = (programmeId) => call('get_agreement_template', { programmeId });
/** Saves those texts, the eleven in the agreement's order; all or none. */
export const saveAgreementTemplate = (programmeId, texts) => call('save_agreement_template', { programmeId, texts });

/** A programme's intakes: settings, closed days, summary and every pair's talk. */
export const intakeBoard = (programmeId) => call('intake_board', { programmeId });
/** Saves the intake settings and the closed days together; resolves to the board. */
export const saveIntakeSettings = (programmeId, settings, closedDays) =>
  call('save_intake_settings', { programmeId, settings, closedDays });
/** Adds Belgian ('be') or Dutch ('nl') public holidays of some years to the closed days. */
export const addPublicHolidays = (programmeId, country, years) => call('add_public_holidays', { programmeId, country, years });
/** Proposes a time for every pair still to plan, from–to (dates as typed); nothing is saved. */
export const proposeIntakes = (programmeId, from, to) => call('propose_intakes', { programmeId, from, to });
/** Plans the period and saves it; resolves to the board. */
export const planIntakes = (programmeId, from, to) => call('plan_intakes', { programmeId, from, to });
/** Moves a pair's talk (or plans one by hand) to a date and time as typed. */
export const moveIntake = (programmeId, matchId, date, time, anyway = false) => call('move_intake', { programmeId, matchId, date, time, anyway });
/** The first free times for a pair's talk: [{date, time, label}], earliest first. */
export const freeIntakeTimes = (matchId) => call('free_intake_times', { matchId });
/** Cancels a planned talk. */
export const cancelIntake = (programmeId, intakeId) => call('cancel_intake', { programmeId, intakeId });
/** Records 'klik', 'unsure' or 'no' (with a reason); resolves to {board, next_mentor, next_score}. */
export const recordIntakeOutcome = (programmeId, matchId, outcome, reason, heldDate = '', heldTime = '') =>
  call('record_intake_outcome', { programmeId, matchId, outcome, reason, heldDate, heldTime });
/** The suggested name of a calendar file: one talk (intakeId) or all (null). */
export const intakeCalendarName = (programmeId, intakeId) => call('intake_calendar_name', { programmeId, intakeId });
/** Writes a calendar file where the user chose; resolves to {path, events}. */
export const saveIntakeCalendar = (programmeId, intakeId, path) => call('save_intake_calendar', { programmeId, intakeId, path });
/** Opens the mail program with the invitation to a pair's talk; resolves to false when none opened. */
export const openIntakeMail = (matchId) => call('open_intake_mail', { matchId });
/** A participant's matches and intake talks: [{match_id, programme_id, other, other_role, score, status_label, confirmed_on, dissolve_reason, open, intakes}]. */
export const participantHistory = (id) => call('participant_history', { id });

/** A programme's dashboard: {phase_label, cards, figures, attention: [{match_id, mentee, mentor, code, message}], pairs, settings, anonymous_by_default, archived}. */
export const programmeDashboard = (programmeId) => call('programme_dashboard', { programmeId });
/** Saves the attention thresholds and check-in moments; resolves to the dashboard. */
export const saveTrajectorySettings = (programmeId, settings) => call('save_trajectory_settings', { programmeId, settings });
/** One pair's trajectory: goals with their history, meetings, check-ins, next steps. */
export const pairTrajectory = (matchId) => call('pair_trajectory', { matchId });
/** Logs a meeting (meetingId null) or changes one; resolves to the pair. */
export const saveMeeting = (matchId, meetingId, form) => call('save_meeting', { matchId, meetingId, form });
/** Removes a meeting; resolves to the pair. */
export const deleteMeeting = (matchId, meetingId) => call('delete_meeting', { matchId, meetingId });
/** Records where a goal stands {position, date, state, percent, note}; resolves to the pair. */
export const recordGoalProgress = (matchId, form) => call('record_goal_progress', { matchId, form });
/** Records a check-in {moment, date, mentor: {satisfaction, fit, comment}|null, mentee: …}; resolves to the pair. */
export const recordCheckin = (matchId, form) => call('record_checkin', { matchId, form });
/** A programme's workshops: [{id, title, when, date, time, minutes, location, audience, audience_label, trainer, required, attended, absent, past}]. */
export const workshops = (programmeId) => call('workshops', { programmeId });
/** Plans a workshop (workshopId null) or changes one; resolves to the list. */
export const saveWorkshop = (programmeId, workshopId, form) => call('save_workshop', { programmeId, workshopId, form });
/** Removes a workshop; resolves to the list. */
export const deleteWorkshop = (programmeId, workshopId) => call('delete_workshop', { programmeId, workshopId });
/** Everyone a workshop is for: [{participant_id, name, role_label, attended}]. */
export const workshopInvitees = (workshopId) => call('workshop_invitees', { workshopId });
/** Registers who came (participant ids); resolves to the list. */
export const registerWorkshopAttendance = (programmeId, workshopId, present) =>
  call('register_workshop_attendance', { programmeId, workshopId, present });
/** The suggested name of a workshop's calendar file. */
export const workshopCalendarName = (workshopId) => call('workshop_calendar_name', { workshopId });
/** Writes a workshop's calendar file where the user chose; resolves to the path. */
export const saveWorkshopCalendar = (workshopId, path) => call('save_workshop_calendar', { workshopId, path });
/** The closing evaluation: {questions: [{position, text, kind, answered, result, texts}], respondents, closed}. */
export const programmeEvaluation = (programmeId) => call('programme_evaluation', { programmeId });
/** Sets the questions: Klik's (standard) or [{text, kind}]; resolves to the evaluation. */
export const saveEvaluationQuestions = (programmeId, standard, questions) =>
  call('save_evaluation_questions', { programmeId, standard, questions });
/** One participant's answers: [{position, question, kind, score, text}]. */
export const participantAnswers = (programmeId, participantId) => call('participant_answers', { programmeId, participantId });
/** Saves one participant's answers [{position, score, text}]; resolves to the evaluation. */
export const saveParticipantAnswers = (programmeId, participantId, answers) =>
  call('save_participant_answers', { programmeId, participantId, answers });
/** Closes a programme for good; resolves to {message}. */
export const closeProgramme = (programmeId) => call('close_programme', { programmeId });
/** Where the automatic backups are: {folder, last, problem, in_demo}. */
export const backupStatus = () => call('backup_status');
/** Writes a copy of the user's own data to the chosen file; resolves to {path, programmes, people, schema_version}. */
export const backUpTo = (path) => call('back_up_to', { path });
/** Checks a file to restore and says what it holds; nothing changes. */
export const inspectBackup = (path) => call('inspect_backup', { path });
/** Puts a checked file in place of the user's own data (backed up first); resolves to {restored, previous}. */
export const restoreBackup = (path) => call('restore_backup', { path });
/** The system's open dialog for one file; resolves to its path or null. */
export const chooseOpenPath = (filters) => call('plugin:dialog|open', { options: { multiple: false, directory: false, filters } });
/** Puts the newest good automatic backup in place of a database that cannot be opened; resolves to {date, kept}. */
export const recoverFromBackup = () => call('recover_from_backup');
/** Sets a database that could not be opened aside (kept whole) and starts a new, empty one; resolves to where the old file went. */
export const startNewDatabase = () => call('start_new_database');
/** Sets the retention in months (null: keep everything) and applies it; resolves to the backup status. */
export const setRetention = (months) => call('set_retention', { months });
/** The suggested file name of a person's export (`.pdf` when `pdf`, else `.json`). */
export const personExportName = (participantId, pdf = false) => call('person_export_name', { participantId, pdf });
/** Writes everything Klik holds about the person to the chosen file (a readable PDF when it ends in .pdf, else JSON); resolves to the path. */
export const exportPerson = (participantId, path) => call('export_person', { participantId, path });
/** Erases the person behind a participant, everywhere in Klik. */
export const erasePerson = (participantId) => call('erase_person', { participantId });
/** A programme's messages: every moment's wording, the pairs, and what was ticked as sent. */
export const programmeMessages = (programmeId) => call('programme_messages', { programmeId });
/** Saves a programme's own wording of a moment (both empty: Klik's again); resolves to the messages. */
export const saveMessageWording = (programmeId, kind, form) => call('save_message_wording', { programmeId, kind, form });
/** Ticks (or unticks) a message as sent; resolves to the messages. */
export const markMessageSent = (programmeId, kind, matchId, sent) => call('mark_message_sent', { programmeId, kind, matchId, sent });
/** Writes a moment's e-mail draft (.eml) and opens it in the mail program; resolves to {path, opened}. */
export const openMessage = (programmeId, kind, matchId) => call('open_message', { programmeId, kind, matchId });

/** Where the guide of a first use stands (first steps, the demo's tour, or none). */
export const guide = () => call('guide');
/** Passes a first step by. */
export const skipGuideStep = (step) => call('skip_guide_step', { step });
/** Moves the demo's tour one stop on (true) or back. */
export const moveTour = (forward) => call('move_tour', { forward });
/** Closes the guide in the open database. */
export const endGuide = () => call('end_guide');
/** Availability text read into the weekly grid: {cells: [[weekday, half]], exact}. */
export const availabilityGrid = (text) => call('availability_grid', { text });
/** The ticked half-days written as availability text in the interface language. */
export const availabilityText = (cells) => call('availability_text', { cells });
/** Opens one of Klik's folders ('data', 'backups', 'documents') in the file manager; false when nothing could. */
export const openFolder = (which) => call('open_folder', { which });
export const chooseFolder = () => call('choose_folder');
export const dataDestination = (folder) => call('data_destination', { folder });
export const moveData = (folder) => call('move_data', { folder });
