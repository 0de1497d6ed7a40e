//! The participant commands: the table, the form, import, export and the template.

use std::sync::Arc;

use serde::Serialize;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use klik::i18n::Texts;
use klik::participant::{self, EnrolmentForm, ParticipantId, Query, Role, import};
use klik::programme::{self, ProgrammeId};
use klik::{Error, FieldError, clock, tabular};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

/// A participant for the table and the form.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantDto {
    pub id: i64,
    pub programme: i64,
    pub name: String,
    pub role: String,
    pub status: String,
    pub email: String,
    pub department: String,
    pub location: String,
    pub topics: Vec<String>,
    pub languages: Vec<String>,
    /// The capacity that counts: the mentor's own or the programme's default; none for mentees.
    pub capacity: Option<u8>,
    /// Where they stand in a pair (`confirmed`, `intake_planned`, `active`,
    /// `completed`), if they are in one that is not dissolved.
    pub pair: Option<String>,
    /// The other programmes this person takes part in (their details are shared).
    pub other_programmes: Vec<String>,
    pub form: EnrolmentForm,
}

fn participant_dto(
    p: &participant::Participant,
    language: &str,
    default_capacity: u8,
    pair: Option<klik::matching::MatchStatus>,
) -> ParticipantDto {
    let e = &p.enrolment;
    ParticipantDto {
        id: p.id.0,
        programme: p.programme.0,
        name: e.full_name(),
        role: e.role.as_str().to_string(),
        status: e.status.as_str().to_string(),
        email: e.email.clone(),
        department: e.department.clone(),
        location: e.location.clone(),
        topics: e.topics.clone(),
        languages: e.languages.clone(),
        capacity: (e.role == Role::Mentor).then(|| e.capacity.unwrap_or(default_capacity)),
        pair: pair.map(|s| s.as_str().to_string()),
        other_programmes: Vec::new(),
        form: EnrolmentForm::from_enrolment(e, language),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CountsDto {
    pub mentors: u32,
    pub mentees: u32,
    pub capacity: u32,
    pub withdrawn: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageDto {
    pub rows: Vec<ParticipantDto>,
    pub matching: u32,
    pub counts: CountsDto,
    pub topics: Vec<String>,
    pub departments: Vec<String>,
}

/// One page of a programme's participants, with the counts and filter choices.
#[tauri::command]
pub async fn participant_page(
    shared: State<'_, Arc<Shared>>,
    programme: i64,
    query: Query,
) -> Reply<PageDto> {
    shared
        .on_active(move |store, texts| {
            let id = ProgrammeId(programme);
            let p = programme::get(store, id)?;
            let page = participant::page(store, id, &query)?;
            let pairs = klik::matching::pair_states(store, id)?;
            Ok(PageDto {
                rows: page
                    .rows
                    .iter()
                    .map(|r| {
                        participant_dto(
                            r,
                            texts.language(),
                            p.draft.default_capacity,
                            pairs.get(&r.id).copied(),
                        )
                    })
                    .collect(),
                matching: page.matching,
                counts: CountsDto {
                    mentors: page.counts.mentors,
                    mentees: page.counts.mentees,
                    capacity: page.counts.capacity,
                    withdrawn: page.counts.withdrawn,
                },
                topics: participant::topics(store, id)?,
                departments: participant::departments(store, id)?,
            })
        })
        .await
}

/// A stored participant as the form shows it, with the capacity that counts.
fn load_dto(
    store: &klik::Store,
    id: ParticipantId,
    language: &str,
) -> klik::Result<ParticipantDto> {
    let p = participant::get(store, id)?;
    let programme = programme::get(store, p.programme)?;
    let pair = klik::matching::pair_states(store, p.programme)?
        .get(&id)
        .copied();
    let mut dto = participant_dto(&p, language, programme.draft.default_capacity, pair);
    dto.other_programmes = participant::other_programmes(store, id)?;
    Ok(dto)
}

/// One participant, for the form.
#[tauri::command]
pub async fn get_participant(shared: State<'_, Arc<Shared>>, id: i64) -> Reply<ParticipantDto> {
    shared
        .on_active(move |store, texts| load_dto(store, ParticipantId(id), texts.language()))
        .await
}

/// Adds a participant to a programme (`id` empty) or saves changes to one.
#[tauri::command]
pub async fn save_participant(
    shared: State<'_, Arc<Shared>>,
    programme: i64,
    id: Option<i64>,
    form: EnrolmentForm,
) -> Reply<ParticipantDto> {
    shared
        .on_active(move |store, texts| {
            let now = clock::now();
            let enrolment = form.validate().map_err(Error::Invalid)?;
            let id = match id {
                Some(id) => {
                    participant::update(store, ParticipantId(id), &enrolment, now)?;
                    ParticipantId(id)
                }
                None => participant::enrol(store, ProgrammeId(programme), &enrolment, now)?.0,
            };
            load_dto(store, id, texts.language())
        })
        .await
}

/// One row of the import preview.
#[derive(Debug, Clone, Serialize)]
pub struct PreviewRowDto {
    pub row: usize,
    pub form: EnrolmentForm,
    /// `added`, `updated`, `unchanged` or `invalid`.
    pub change: String,
    pub changed_fields: Vec<String>,
    /// The other programmes whose view of this person the row changes.
    pub also_changes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemDto {
    pub row: usize,
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviewDto {
    pub format: String,
    pub sheet: Option<String>,
    /// (header in the file, field) pairs.
    pub columns: Vec<(String, String)>,
    pub unknown_columns: Vec<String>,
    pub rows: Vec<PreviewRowDto>,
    pub problems: Vec<ProblemDto>,
    /// Values of the file Klik did not take (letters lost), with what it kept.
    pub warnings: Vec<ProblemDto>,
    /// "row 4: also changes Hanne Janssens in Mentoring 2026", one per row.
    pub also_changes: Vec<String>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
}

/// The import's arguments travel as headers next to the file's raw bytes.
fn import_arguments(
    request: &Request<'_>,
) -> (Vec<u8>, ProgrammeId, Option<String>, bool, import::Options) {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(percent_decode)
            .unwrap_or_default()
    };
    let bytes = match request.body() {
        InvokeBody::Raw(bytes) => bytes.clone(),
        InvokeBody::Json(_) => Vec::new(),
    };
    let programme = ProgrammeId(header("klik-programme").parse().unwrap_or(0));
    let sheet = Some(header("klik-sheet")).filter(|s| !s.trim().is_empty());
    let only_valid = header("klik-only-valid") == "true";
    let options = import::Options {
        clear_empty: header("klik-clear-empty") == "true",
    };
    (bytes, programme, sheet, only_valid, options)
}

/// Decodes `%XX` escapes (as `encodeURIComponent` writes them) so sheet names may hold any character.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(value) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Each field problem (or warning) of every row, with its row and column.
fn cells(
    preview: &import::Preview,
    texts: &Texts,
    of: fn(&import::RowPlan) -> &Vec<klik::FieldError>,
) -> Vec<ProblemDto> {
    preview
        .rows
        .iter()
        .flat_map(|r| {
            of(r).iter().map(|p| ProblemDto {
                row: r.row,
                column: preview.header_of(&p.field),
                message: p.message(texts),
            })
        })
        .collect()
}

fn preview_dto(texts: &Texts, preview: &import::Preview) -> PreviewDto {
    let summary = preview.summary();
    PreviewDto {
        format: preview.format.to_string(),
        sheet: preview.sheet.clone(),
        columns: preview
            .columns
            .mapped
            .iter()
            .map(|(header, field)| (header.clone(), field.to_string()))
            .collect(),
        unknown_columns: preview.columns.unknown.clone(),
        rows: preview
            .rows
            .iter()
            .map(|r| PreviewRowDto {
                row: r.row,
                form: r.form.clone(),
                change: match r.change {
                    Some(participant::Change::Added) => "added",
                    Some(participant::Change::Updated) => "updated",
                    Some(participant::Change::Unchanged) => "unchanged",
                    None => "invalid",
                }
                .to_string(),
                changed_fields: r.changed_fields.iter().map(|f| f.to_string()).collect(),
                also_changes: r.also_changes.clone(),
            })
            .collect(),
        problems: cells(preview, texts, |r| &r.problems),
        warnings: cells(preview, texts, |r| &r.warnings),
        also_changes: preview.shared_lines(texts),
        added: summary.added,
        updated: summary.updated,
        unchanged: summary.unchanged,
        skipped: summary.skipped,
    }
}

/// Reads a file (raw bytes) and shows what importing it would do; writes nothing.
#[tauri::command]
pub async fn preview_import(
    shared: State<'_, Arc<Shared>>,
    request: Request<'_>,
) -> Reply<PreviewDto> {
    let (bytes, programme, sheet, _, options) = import_arguments(&request);
    shared
        .on_active(move |store, texts| {
            let preview =
                import::preview_with(store, programme, &bytes, sheet.as_deref(), options)?;
            Ok(preview_dto(texts, &preview))
        })
        .await
}

/// The sheets of a workbook (raw bytes), for the import's sheet list.
#[tauri::command]
pub async fn import_sheets(
    shared: State<'_, Arc<Shared>>,
    request: Request<'_>,
) -> Reply<Vec<String>> {
    let (bytes, ..) = import_arguments(&request);
    shared.on_active(move |_, _| import::sheets(&bytes)).await
}

/// Imports a file (raw bytes): every row, or with `klik-only-valid: true` the valid ones.
#[tauri::command]
pub async fn apply_import(
    shared: State<'_, Arc<Shared>>,
    request: Request<'_>,
) -> Reply<PreviewDto> {
    let (bytes, programme, sheet, only_valid, options) = import_arguments(&request);
    shared
        .run(move |session| {
            let now = clock::now();
            let preview = session.with_active(|store| {
                let preview =
                    import::preview_with(store, programme, &bytes, sheet.as_deref(), options)?;
                import::apply(store, programme, &preview, only_valid, now)?;
                Ok(preview)
            })?;
            // A large change: a fresh copy of the data as it now is.
            session.back_up(true);
            Ok(preview_dto(&session.texts(), &preview))
        })
        .await
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenDto {
    pub path: String,
    pub rows: usize,
}

/// Writes rows to the file the user chose: XLSX when its name ends in `.xlsx`, CSV otherwise.
fn write_file(path: &str, sheet: &str, rows: &[Vec<String>]) -> klik::Result<WrittenDto> {
    let target = std::path::PathBuf::from(path);
    crate::session::chosen(&target)?;
    let xlsx = target
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if xlsx {
        tabular::write_xlsx(sheet, rows).map_err(|detail| {
            Error::Invalid(vec![
                FieldError::new("file", "error.file.unreadable").with("detail", detail),
            ])
        })?
    } else {
        tabular::write_csv(rows)
    };
    klik::data_dir::write_file(&target, bytes)?;
    Ok(WrittenDto {
        path: path.to_string(),
        rows: rows.len().saturating_sub(1),
    })
}

/// The name the save dialog suggests for an export.
#[tauri::command]
pub async fn export_name(shared: State<'_, Arc<Shared>>, programme: i64) -> Reply<String> {
    shared
        .on_active(move |store, texts| {
            let p = programme::get(store, ProgrammeId(programme))?;
            let label = texts.get("nav.participants");
            Ok(format!(
                "{} — {label}",
                crate::printing::safe_name(&p.draft.name)
            ))
        })
        .await
}

/// Writes a programme's participants, with the import columns, to the file the user chose.
#[tauri::command]
pub async fn export_participants(
    shared: State<'_, Arc<Shared>>,
    programme: i64,
    path: String,
) -> Reply<WrittenDto> {
    shared
        .on_active(move |store, texts| {
            programme::get(store, ProgrammeId(programme))?;
            let rows = import::export_rows(store, ProgrammeId(programme), texts.language())?;
            write_file(&path, texts.get("nav.participants"), &rows)
        })
        .await
}

/// Writes the import template, in the interface language, to the file the user chose.
#[tauri::command]
pub async fn import_template(shared: State<'_, Arc<Shared>>, path: String) -> Reply<WrittenDto> {
    shared
        .run(move |session| {
            let rows = import::template_rows(&session.language());
            let sheet = session.texts().get("nav.participants").to_string();
            let written = write_file(&path, &sheet, &rows);
            written.map_err(|e| session.fail(e))
        })
        .await
}

/// Availability as the form's weekly grid shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AvailabilityGridDto {
    /// The ticked half-days as `[weekday, half]` (1 Monday…7 Sunday; 0 morning, 1 afternoon).
    pub cells: Vec<(u8, u8)>,
    /// The text holds other times (or is not understood): it is edited as
    /// exact times, and the grid would lose something.
    pub exact: bool,
}

/// Reads availability text (in any of Klik's languages) into the grid.
#[tauri::command]
pub async fn availability_grid(text: String) -> Reply<AvailabilityGridDto> {
    let half_days = participant::Availability::parse(&text)
        .ok()
        .and_then(|a| a.half_days());
    Ok(AvailabilityGridDto {
        exact: half_days.is_none(),
        cells: half_days
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.weekday, c.half))
            .collect(),
    })
}

/// Writes the ticked half-days as availability text in the interface language.
#[tauri::command]
pub async fn availability_text(
    shared: State<'_, Arc<Shared>>,
    cells: Vec<(u8, u8)>,
) -> Reply<String> {
    shared
        .run(move |session| {
            let cells: Vec<participant::HalfDay> = cells
                .into_iter()
                .map(|(weekday, half)| participant::HalfDay { weekday, half })
                .collect();
            Ok(participant::Availability::from_half_days(&cells).display(&session.language()))
        })
        .await
}
