//! The JSON the UI receives that every area shares: errors, the app's
//! status, programmes and the settings screen. The UI sends the core's own
//! forms; what it receives is shaped here and in each area's module.

use serde::Serialize;

use chrono::NaiveDate;
use klik::Error;
use klik::i18n::Texts;
use klik::programme::{Facts, Programme, Progress};

/// The one error type of every command: a stable `code` the UI may act on,
/// a translated `message`, and per-field problems for forms.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldErrorDto>,
}

/// One field's problem, translated, with the field's translated label.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct LanguageDto {
    pub code: String,
    pub name: String,
}

/// A programme as the list, the detail page and the form show it: the
/// programme's facts as the CLI prints them, and where it stands today.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeDto {
    #[serde(flatten)]
    pub facts: Facts,
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
            facts: Facts::from(p),
            phase_now: p.phase_on(today).map(|k| k.as_str().to_string()),
            status: status.to_string(),
            days,
        }
    }
}

/// The settings screen.
#[derive(Debug, Clone, Serialize)]
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
