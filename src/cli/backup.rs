//! Backups, restore and the integrity check on the command line.

use std::path::{Path, PathBuf};

use klik::i18n::Texts;
use klik::store::backup::{self, Inspection};

use crate::{Cli, Failure, data_dir, open, print_json};

/// Where the backups of the database in use go: `backups/` next to it.
fn backups_folder(cli: &Cli) -> Result<PathBuf, Failure> {
    Ok(match &cli.db {
        Some(path) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("backups"),
        None => data_dir()?.backups(),
    })
}

fn inspection_json(i: &Inspection) -> serde_json::Value {
    serde_json::json!({
        "file": i.path.display().to_string(),
        "schema_version": i.schema_version,
        "programmes": i.programmes,
        "people": i.people,
    })
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
pub fn run_backup(cli: &Cli, texts: &Texts, out: &Path) -> Result<(), Failure> {
    let store = open(cli)?;
    klik::data_dir::check_target(out, &["sqlite", "sqlite3", "db", "klik"])?;
    let written = backup::backup_to(&store, out)?;
    if cli.json {
        print_json(&inspection_json(&written));
    } else {
        println!("{}", describe(&written, texts));
    }
    Ok(())
}

/// `klik restore FILE [--yes]`: without `--yes`, only says what the file
/// holds and how to go on.
pub fn run_restore(
    cli: &Cli,
    texts: &Texts,
    from: &Path,
    yes: bool,
    now: chrono::NaiveDateTime,
) -> Result<(), Failure> {
    let found = backup::inspect_for_restore(from)?;
    if !yes {
        if cli.json {
            print_json(&serde_json::json!({ "restored": false, "file": inspection_json(&found) }));
        } else {
            println!("{}", describe(&found, texts));
            println!("{}", texts.get("backup.confirm_with_yes"));
        }
        return Ok(());
    }
    let mut store = open(cli)?;
    let done = store.restore_from(from, &backups_folder(cli)?, now)?;
    if cli.json {
        print_json(&serde_json::json!({
            "restored": true,
            "file": inspection_json(&done.restored),
            "previous": done.previous.display().to_string(),
        }));
    } else {
        println!(
            "{}",
            texts.format(
                "backup.restored",
                &[("previous", &done.previous.display().to_string())]
            )
        );
    }
    Ok(())
}

/// `klik check`: the full integrity check of the database in use.
pub fn run_check(cli: &Cli, texts: &Texts) -> Result<(), Failure> {
    let store = open(cli)?;
    store.check()?;
    let found = backup::inspect(store.path())?;
    if cli.json {
        print_json(&serde_json::json!({ "ok": true, "file": inspection_json(&found) }));
    } else {
        println!("{}", texts.get("backup.check_ok"));
        println!("{}", describe(&found, texts));
    }
    Ok(())
}
