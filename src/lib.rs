//! Klik's core: the domain of mentoring programmes, its SQLite store and its
//! translations, with no GUI and no hidden I/O.
//!
//! The desktop shell (`src-tauri`) and the `klik` command line both call the
//! functions here; neither holds business rules of its own. Nothing in this
//! crate reads the clock or decides where files live: callers pass the time
//! and the paths in, so every result is reproducible in tests.

pub mod about;
pub mod agreement;
pub mod checklist;
pub mod clock;
pub mod data_dir;
pub mod date;
pub mod demo;
pub mod document;
pub mod error;
pub mod guide;
pub mod i18n;
pub mod intake;
pub mod matching;
pub mod message;
pub mod organisation;
pub mod participant;
pub mod privacy;
pub mod programme;
pub mod store;
pub mod tabular;
pub mod trajectory;

pub use error::{Error, FieldError, Result};
pub use store::Store;
