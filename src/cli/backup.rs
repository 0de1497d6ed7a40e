//! Backups, restore and the integrity check on the command line.

use std::path::{Path, PathBuf};

use serde::Serialize;

use klik::i18n::Texts;
use klik::store::backup::{self, Inspection};

use super::{Failure, Globals, data_dir};

/// Where the backups of the database in use go: `backups/` next to it.
fn backups_folder(cli: &Globals) -> Result<PathBuf, Failure> {
    Ok(match &cli.db {
        Some(path) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("backups"),
        None => data_dir()?.backups(),
    })
}

/// What a database file holds, as `backup`, `restore` and `check` print it.
#[derive(Serialize)]
struct FileJson {
    file: String,
    schema_version: i64,
    programmes: i64,
    people: i64,
}

impl From<&Inspection> for FileJson {
    fn from(i: &Inspection) -> FileJson {
        FileJson {
            file: i.path.display().to_string(),
            schema_version: i.schema_version,
            programmes: i.programmes,
            people: i.people,
        }
    }
}

/// `restore --json`: `previous` only once the file was put in place.
#[derive(Serialize)]
struct RestoreJson {
    restored: bool,
    file: FileJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<String>,
}

/// `check --json`: a damaged database exits 1 instead.
#[derive(Serialize)]
struct CheckJson {
    ok: bool,
    file: FileJson,
}

fn describe(i: &Inspection, texts: &Texts) -> String {
    texts.format(
        "backup.holds",
        &[
            ("file", &i.path.display().to_string()),
            (
                "programmes",
                &texts.counted("programmes.count", i.programmes, &[]),
            ),
            ("people", &texts.counted("people.count", i.people, &[])),
            ("version", &i.schema_version.to_string()),
        ],
    )
}

/// `klik backup --out FILE`
pub fn run_backup(cli: &Globals, texts: &Texts, out: &Path) -> Result<(), Failure> {
    let store = cli.open()?;
    klik::data_dir::check_target(out, &["sqlite", "sqlite3", "db", "klik"])?;
    let written = backup::backup_to(&store, out)?;
    cli.print(&FileJson::from(&written), |_| {
        println!("{}", describe(&written, texts))
    });
    Ok(())
}

/// `klik restore FILE [--yes]`: without `--yes`, only says what the file
/// holds and how to go on.
pub fn run_restore(
    cli: &Globals,
    texts: &Texts,
    from: &Path,
    yes: bool,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let found = backup::inspect_for_restore(from)?;
    if !yes {
        let json = RestoreJson {
            restored: false,
            file: FileJson::from(&found),
            previous: None,
        };
        cli.print(&json, |_| {
            println!("{}", describe(&found, texts));
            println!("{}", texts.get("backup.confirm_with_yes"));
        });
        return Ok(());
    }
    let mut store = cli.open()?;
    let done = store.restore_from(from, &backups_folder(cli)?, now)?;
    let json = RestoreJson {
        restored: true,
        file: FileJson::from(&done.restored),
        previous: Some(done.previous.display().to_string()),
    };
    cli.print(&json, |json| {
        let previous = json.previous.as_deref().unwrap_or_default();
        println!(
            "{}",
            texts.format("backup.restored", &[("previous", previous)])
        );
    });
    Ok(())
}

/// `klik check`: the full integrity check of the database in use.
pub fn run_check(cli: &Globals, texts: &Texts) -> Result<(), Failure> {
    let store = cli.open()?;
    store.check()?;
    let found = backup::inspect(store.path())?;
    let json = CheckJson {
        ok: true,
        file: FileJson::from(&found),
    };
    cli.print(&json, |_| {
        println!("{}", texts.get("backup.check_ok"));
        println!("{}", describe(&found, texts));
    });
    Ok(())
}
