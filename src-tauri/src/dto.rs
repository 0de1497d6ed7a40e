//! The JSON the UI sends and receives. Domain types stay plain; these are
//! their serialisable counterparts at the IPC boundary.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;
use klik::i18n::Texts;
use klik::programme::{Phase, PhaseForm, PhaseKind, Programme, ProgrammeForm, Progress};
use klik::{Error, date};

/// The one error type of every command: a stable `code` the UI may act on,
/// a translated `message`, and per-field problems for forms.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldErrorDto>,
}

/// One field's problem, translated, with the field's translated label.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FieldErrorDto {
    pub field: String,
    pub label: String,
    pub message: String,
}

impl CommandError {
    /// Translates a core error.
    pub fn from_core(error: &Error, texts: &Texts) -> CommandError {
        CommandError {
            code: error.code().to_string(),
            message: error.message(texts),
            fields: error
                .field_errors()
                .iter()
                .map(|f| FieldErrorDto {
                    field: f.field.clone(),
                    label: f.label(texts),
                    message: f.message(texts),
                })
                .collect(),
        }
    }

    /// For the rare failure outside the core (a worker thread that died).
    pub fn unexpected() -> CommandError {
        let texts = Texts::for_language("en");
        CommandError {
            code: "internal".to_string(),
            message: texts.get("error.unexpected").to_string(),
            fields: Vec::new(),
        }
    }

    /// An argument the UI should never send (an unknown choice).
    pub fn bad_argument(texts: &Texts) -> CommandError {
        CommandError {
            code: "invalid_input".to_string(),
            message: texts.get("error.unexpected").to_string(),
            fields: Vec::new(),
        }
    }
}

/// What the window needs to decide which screen to show.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusDto {
    /// `ready`, `welcome` (first start: demo or empty?) or `unavailable`.
    pub state: String,
    pub language: String,
    /// The language the user chose, `None` when following the OS.
    pub ui_language: Option<String>,
    /// The language the OS locale gives.
    pub system_language: String,
    pub languages: Vec<LanguageDto>,
    pub demo: bool,
    /// The file in use now.
    pub database: String,
    /// The user's own database file.
    pub real_database: String,
    pub organisation_name: String,
    pub version: String,
    /// Why the database is unavailable, when it is.
    pub error: Option<CommandError>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LanguageDto {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PhaseDto {
    pub phase: String,
    pub start: String,
    pub end: String,
}

impl From<&Phase> for PhaseDto {
    fn from(p: &Phase) -> PhaseDto {
        PhaseDto {
            phase: p.kind.as_str().to_string(),
            start: date::iso(p.start),
            end: date::iso(p.end),
        }
    }
}

/// A programme as the list, the detail page and the form show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammeDto {
    pub id: i64,
    pub name: String,
    pub purpose: String,
    pub goals: String,
    pub context: String,
    pub start: String,
    pub end: String,
    pub cadence_weeks: u8,
    pub default_capacity: u8,
    pub document_language: String,
    pub archived: bool,
    /// Closed for good (its pairs completed or dissolved), as the CLI says too.
    pub closed: bool,
    pub phases: Vec<PhaseDto>,
    /// The phase today falls in, if any.
    pub phase_now: Option<String>,
    /// `upcoming`, `running` or `ended`, as of today.
    pub status: String,
    /// Days until the start (upcoming) or the end (running).
    pub days: i64,
}

impl ProgrammeDto {
    pub fn new(p: &Programme, today: NaiveDate) -> ProgrammeDto {
        let (status, days) = match p.progress_on(today) {
            Progress::Upcoming { days_to_start } => ("upcoming", days_to_start),
            Progress::Running { days_left } => ("running", days_left),
            Progress::Ended => ("ended", 0),
        };
        ProgrammeDto {
            id: p.id.0,
            name: p.draft.name.clone(),
            purpose: p.draft.purpose.clone(),
            goals: p.draft.goals.clone(),
            context: p.draft.context.clone(),
            start: date::iso(p.draft.start),
            end: date::iso(p.draft.end),
            cadence_weeks: p.draft.cadence_weeks,
            default_capacity: p.draft.default_capacity,
            document_language: p.draft.document_language.clone(),
            archived: p.archived_at.is_some(),
            closed: p.closed_at.is_some(),
            phases: p.draft.phases.iter().map(PhaseDto::from).collect(),
            phase_now: p.phase_on(today).map(|k| k.as_str().to_string()),
            status: status.to_string(),
            days,
        }
    }
}

/// The programme form as typed: every value is text, checked by the core.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ProgrammeFormDto {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub context: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub cadence_weeks: String,
    #[serde(default)]
    pub default_capacity: String,
    #[serde(default)]
    pub document_language: String,
    #[serde(default)]
    pub phases: Vec<PhaseDto>,
}

impl From<ProgrammeFormDto> for ProgrammeForm {
    fn from(f: ProgrammeFormDto) -> ProgrammeForm {
        ProgrammeForm {
            name: f.name,
            purpose: f.purpose,
            goals: f.goals,
            context: f.context,
            start: f.start,
            end: f.end,
            cadence_weeks: f.cadence_weeks,
            default_capacity: f.default_capacity,
            document_language: f.document_language,
            // Unknown phase names are dropped: the core then uses the default plan for that phase.
            phases: f
                .phases
                .into_iter()
                .filter_map(|p| {
                    PhaseKind::parse(&p.phase).map(|kind| PhaseForm {
                        kind,
                        start: p.start,
                        end: p.end,
                    })
                })
                .collect(),
        }
    }
}

/// The settings screen.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsDto {
    pub organisation_name: String,
    /// The programme coordinator: signs agreements and certificates,
    /// organises intake invitations.
    pub coordinator_name: String,
    pub coordinator_email: String,
    /// The logo as a `data:` URL for an `<img>`, if there is one.
    pub logo: Option<String>,
    pub ui_language: Option<String>,
}
