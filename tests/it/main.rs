//! Integration tests of the Klik core: one binary, one module per area.

mod cli;
mod matching;
mod participants;
mod programme;
mod store;

use chrono::NaiveDateTime;

/// The fixed moment the tests live in.
pub fn now() -> NaiveDateTime {
    klik::clock::pinned("2026-11-28T10:00:00").expect("a valid moment")
}

/// The path of a test fixture file, as text for command lines.
pub fn fixture_path(name: &str) -> String {
    format!("{}/tests/it/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}
