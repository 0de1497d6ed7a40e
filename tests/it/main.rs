//! Integration tests of the Klik core: one binary, one module per area.

mod agreement;
mod backup;
mod checklist;
mod cli;
mod crash;
mod disk;
mod guide;
mod intake;
mod matching;
mod message;
mod network;
mod participants;
mod privacy;
mod programme;
mod properties;
mod readme;
mod relocation;
mod store;
pub mod trajectory;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// A file in a folder of the integration tests' own output.
pub fn out(folder: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs a command-line tool and returns what it printed; fails the test when it fails.
pub fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils, qpdf): {e}"));
    assert!(
        output.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PDF's text as `pdftotext` reads it, with runs of white space made one space.
pub fn text_of(pdf: &Path) -> String {
    run("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compares with `tests/it/snapshots/NAME`; `KLIK_UPDATE_SNAPSHOTS=1` writes it instead.
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/snapshots")
        .join(name);
    if std::env::var_os("KLIK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("{}\n", actual.replace(". ", ".\n"))).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with KLIK_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        actual,
        expected,
        "the printed text differs from {}",
        path.display()
    );
}
