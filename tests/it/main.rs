//! Integration tests of the Klik core: one binary, one module per area.

mod agreement;
mod cli;
mod intake;
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

/// A store in memory holding one programme (2027), and its id.
pub fn programme_in_memory(name: &str) -> (klik::Store, klik::programme::ProgrammeId) {
    let mut store = klik::Store::open_in_memory().unwrap();
    let draft = klik::programme::ProgrammeForm {
        name: name.into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..klik::programme::ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = klik::programme::create(&mut store, &draft, now()).unwrap();
    (store, id)
}
