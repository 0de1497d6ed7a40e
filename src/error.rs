//! The core's error type: what went wrong, where, and how to say it to a person.
//!
//! Every variant has a stable [`Error::code`] that the UI and scripts may act
//! on, and a translated [`Error::message`] that names what and where. The
//! `Display` text is English and meant for logs, never for the UI.

use std::path::{Path, PathBuf};

use crate::i18n::{Texts, fill};

/// Convenient result alias for the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem with one field of a form or one cell of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name in the form (`name`, `start`, `phases.2.end`, …).
    pub field: String,
    /// The catalogue key of the message.
    pub key: &'static str,
    /// Values for the message's placeholders.
    pub args: Vec<(&'static str, Arg)>,
}

/// A placeholder value; dates are written the way the reader's language writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Date(chrono::NaiveDate),
    /// A catalogue key whose text goes in (a phase's name, say).
    Key(&'static str),
    /// Text written per language (column names a file must have), by
    /// language code; English when the reader's language is not among them.
    PerLanguage(Vec<(&'static str, String)>),
}

impl FieldError {
    /// A problem with `field`, described by the catalogue entry `key`.
    pub fn new(field: impl Into<String>, key: &'static str) -> FieldError {
        FieldError {
            field: field.into(),
            key,
            args: Vec::new(),
        }
    }

    /// Adds a placeholder value to the message.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> FieldError {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// Adds the translated text of catalogue entry `key` to the message.
    pub fn with_key(mut self, name: &'static str, key: &'static str) -> FieldError {
        self.args.push((name, Arg::Key(key)));
        self
    }

    /// Adds a value written differently per language (by language code).
    pub fn with_languages<const N: usize>(
        mut self,
        name: &'static str,
        values: [(&'static str, String); N],
    ) -> FieldError {
        self.args.push((name, Arg::PerLanguage(values.into())));
        self
    }

    /// Adds a date to the message, written as the reader's language writes dates.
    pub fn with_date(mut self, name: &'static str, value: chrono::NaiveDate) -> FieldError {
        self.args.push((name, Arg::Date(value)));
        self
    }

    /// The translated name of the field, as a form labels it ("Start date",
    /// "Matching – end").
    pub fn label(&self, texts: &Texts) -> String {
        if let Some(rest) = self.field.strip_prefix("phases.")
            && let Some((kind, part)) = rest.split_once('.')
        {
            let phase = texts.get(&format!("phase.{kind}")).to_string();
            let key = if part == "start" {
                "field.phase_start"
            } else {
                "field.phase_end"
            };
            return texts.format(key, &[("phase", &phase)]);
        }
        if let Some(rest) = self.field.strip_prefix("goals.")
            && let Some((n, part)) = rest.split_once('.')
        {
            let part = texts.get(&format!("agreement.goal.{part}")).to_string();
            return texts.format("agreement.goal_field", &[("n", n), ("part", &part)]);
        }
        if let Some(n) = self.field.strip_prefix("questions.") {
            return texts.format("evaluation.question_field", &[("n", n)]);
        }
        if let Some(n) = self.field.strip_prefix("closed_days.") {
            return texts.format("intake.closed_day_field", &[("n", n)]);
        }
        if let Some(criterion) = self.field.strip_prefix("criteria.") {
            return texts
                .get(&format!("matching.criterion.{criterion}"))
                .to_string();
        }
        texts.get(&format!("field.{}", self.field)).to_string()
    }

    /// The translated message.
    pub fn message(&self, texts: &Texts) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => text.clone(),
                    Arg::Date(day) => crate::i18n::short_date(*day, texts.language()),
                    Arg::Key(key) => texts.get(key).to_string(),
                    Arg::PerLanguage(values) => values
                        .iter()
                        .find(|(language, _)| *language == texts.language())
                        .or_else(|| values.iter().find(|(language, _)| *language == "en"))
                        .map(|(_, value)| value.clone())
                        .unwrap_or_default(),
                };
                (*name, value)
            })
            .collect();
        let args: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        texts.format(self.key, &args)
    }
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks one or more rules; nothing was written.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),

    /// A record the caller named does not exist.
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },

    /// Nobody with this e-mail address is known (a person's export or erasure).
    #[error("no one with the e-mail {email}")]
    NoSuchPerson { email: String },

    /// The database was written by a newer Klik; it is left untouched.
    #[error("{path}: schema version {found} is newer than this Klik understands ({supported})")]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The file exists but is not a Klik database (another file renamed, another app's SQLite file).
    #[error("{path} is not a Klik database")]
    NotKlikDatabase { path: PathBuf },

    /// A Klik database whose tables, indexes, triggers or views are not
    /// exactly the ones Klik makes (changed by another program, or crafted).
    #[error("{path} has a schema Klik did not make")]
    SchemaNotOurs { path: PathBuf },

    /// The file is a damaged SQLite database (truncated, overwritten).
    #[error("{path} is damaged: {detail}")]
    DatabaseDamaged { path: PathBuf, detail: String },

    /// The database or its folder cannot be written.
    #[error("{path} cannot be written")]
    ReadOnly { path: PathBuf },

    /// The disk is full; the transaction was rolled back.
    #[error("the disk holding {path} is full")]
    DiskFull { path: PathBuf },

    /// Reading or writing the file failed at the disk: full (seen through the
    /// write-ahead log), removed (a USB stick pulled out) or failing.
    #[error("{path}: disk input/output error")]
    DiskIo { path: PathBuf },

    /// Another program holds the database locked for longer than we wait.
    #[error("{path} is locked by another program")]
    Busy { path: PathBuf },

    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file chosen to restore from was refused (`cause` says why); the
    /// message gives advice that fits a restore.
    #[error("{path} cannot be restored: {cause}")]
    Restore { path: PathBuf, cause: Box<Error> },

    /// The folder the data was moved to is not there (a USB stick or a
    /// network drive not connected): nothing is made in its place.
    #[error("the data folder {path} cannot be found")]
    DataFolderMissing { path: PathBuf },

    /// The file that names the folder the data was moved to cannot be read
    /// or holds no whole path: nothing is guessed or made.
    #[error("{path} does not say where the data is")]
    DataFolderPointer { path: PathBuf },

    /// An unexpected database error: a bug or an environment problem.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// A stable, machine-readable code. Scripts and the UI may rely on these.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid_input",
            Error::NotFound { .. } | Error::NoSuchPerson { .. } => "not_found",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::NotKlikDatabase { .. } | Error::SchemaNotOurs { .. } => "not_a_klik_database",
            Error::DatabaseDamaged { .. } => "database_damaged",
            Error::ReadOnly { .. } => "read_only",
            Error::DiskFull { .. } => "disk_full",
            Error::DiskIo { .. } => "disk_io",
            Error::DataFolderMissing { .. } => "data_folder_missing",
            Error::DataFolderPointer { .. } => "data_folder_pointer",
            Error::Busy { .. } => "busy",
            Error::Io { .. } => "io",
            Error::Database(_) => "internal",
            Error::Restore { cause, .. } => cause.code(),
        }
    }

    /// A message for a person, in the language of `texts`.
    pub fn message(&self, texts: &Texts) -> String {
        let path = |p: &Path| p.display().to_string();
        match self {
            Error::Invalid(problems) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| format!("{}: {}", p.label(texts), p.message(texts)))
                    .collect();
                lines.join("\n")
            }
            Error::NotFound { what, id } => texts.format(
                "error.not_found",
                &[
                    ("what", texts.get(&format!("noun.{what}"))),
                    ("id", &id.to_string()),
                ],
            ),
            Error::NoSuchPerson { email } => {
                texts.format("error.no_such_person", &[("email", email)])
            }
            Error::DatabaseTooNew {
                path: p,
                found,
                supported,
            } => texts.format(
                "error.database_too_new",
                &[
                    ("path", &path(p)),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            Error::NotKlikDatabase { path: p } => {
                texts.format("error.not_a_klik_database", &[("path", &path(p))])
            }
            Error::SchemaNotOurs { path: p } => {
                texts.format("error.schema_not_ours", &[("path", &path(p))])
            }
            Error::DatabaseDamaged { path: p, detail } => texts.format(
                "error.database_damaged",
                &[("path", &path(p)), ("detail", detail)],
            ),
            Error::ReadOnly { path: p } => texts.format("error.read_only", &[("path", &path(p))]),
            Error::DiskFull { path: p } => texts.format("error.disk_full", &[("path", &path(p))]),
            Error::DiskIo { path: p } => texts.format("error.disk_io", &[("path", &path(p))]),
            Error::DataFolderMissing { path: p } => {
                texts.format("error.data_folder_missing", &[("path", &path(p))])
            }
            Error::DataFolderPointer { path: p } => {
                texts.format("error.data_folder_pointer", &[("path", &path(p))])
            }
            Error::Busy { path: p } => texts.format("error.busy", &[("path", &path(p))]),
            Error::Io { path: p, source } => texts.format(
                "error.io",
                &[("path", &path(p)), ("detail", &source.to_string())],
            ),
            Error::Database(e) => fill(texts.get("error.internal"), &[("detail", &e.to_string())]),
            Error::Restore { path: p, cause } => {
                let key = match cause.as_ref() {
                    Error::NotKlikDatabase { .. } => "error.restore.not_klik",
                    Error::SchemaNotOurs { .. } => "error.restore.schema_not_ours",
                    Error::DatabaseTooNew { .. } => "error.restore.too_new",
                    Error::DatabaseDamaged { .. } => "error.restore.damaged",
                    Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                        "error.restore.missing"
                    }
                    other => return other.message(texts),
                };
                texts.format(key, &[("path", &path(p))])
            }
        }
    }

    /// The same error naming `to` where it named `from` (a private copy).
    pub fn naming(self, from: &Path, to: &Path) -> Error {
        let swap = |p: PathBuf| if p == from { to.to_path_buf() } else { p };
        match self {
            Error::DatabaseTooNew {
                path,
                found,
                supported,
            } => Error::DatabaseTooNew {
                path: swap(path),
                found,
                supported,
            },
            Error::NotKlikDatabase { path } => Error::NotKlikDatabase { path: swap(path) },
            Error::SchemaNotOurs { path } => Error::SchemaNotOurs { path: swap(path) },
            Error::DatabaseDamaged { path, detail } => Error::DatabaseDamaged {
                path: swap(path),
                detail,
            },
            Error::ReadOnly { path } => Error::ReadOnly { path: swap(path) },
            Error::DiskFull { path } => Error::DiskFull { path: swap(path) },
            Error::DiskIo { path } => Error::DiskIo { path: swap(path) },
            Error::Busy { path } => Error::Busy { path: swap(path) },
            Error::Io { path, source } => Error::Io {
                path: swap(path),
                source,
            },
            other => other,
        }
    }

    /// The field problems, when this is an input error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(problems) => problems,
            _ => &[],
        }
    }

    /// Turns a file-system error into the error a person can act on, naming
    /// the file: read-only and full disks get their own message.
    pub fn from_io(path: &Path, source: std::io::Error) -> Error {
        match source.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly {
                    path: path.to_path_buf(),
                }
            }
            std::io::ErrorKind::StorageFull => Error::DiskFull {
                path: path.to_path_buf(),
            },
            _ => Error::Io {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    /// Turns a SQLite error into the error a person can act on, naming the file.
    pub fn from_sqlite(error: rusqlite::Error, path: &Path) -> Error {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Error::NotKlikDatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => Error::DatabaseDamaged {
                path,
                detail: error.to_string(),
            },
            Some(ErrorCode::ReadOnly)
            | Some(ErrorCode::CannotOpen)
            | Some(ErrorCode::PermissionDenied) => Error::ReadOnly { path },
            Some(ErrorCode::DiskFull) => Error::DiskFull { path },
            // Growing the write-ahead log's shared-memory file fails first
            // when the disk is full (SQLITE_IOERR_SHMSIZE, which SQLite
            // documents as "out of space"): say so rather than "I/O error".
            Some(ErrorCode::SystemIoFailure)
                if matches!(&error, rusqlite::Error::SqliteFailure(e, _)
                    if e.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE) =>
            {
                Error::DiskFull { path }
            }
            Some(ErrorCode::SystemIoFailure) => Error::DiskIo { path },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy { path },
            _ => Error::Database(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: std::ffi::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn a_full_disk_is_told_apart_from_a_failing_one() {
        let path = Path::new("/media/usb/klik.sqlite");
        let code = |e: std::ffi::c_int| Error::from_sqlite(failure(e), path).code();
        assert_eq!(code(rusqlite::ffi::SQLITE_FULL), "disk_full");
        // Seen on a full tmpfs: the shared-memory file of the log cannot grow.
        assert_eq!(code(rusqlite::ffi::SQLITE_IOERR_SHMSIZE), "disk_full");
        assert_eq!(code(rusqlite::ffi::SQLITE_IOERR_READ), "disk_io");
        assert_eq!(code(rusqlite::ffi::SQLITE_READONLY), "read_only");
        assert_eq!(code(rusqlite::ffi::SQLITE_BUSY), "busy");
    }
}
