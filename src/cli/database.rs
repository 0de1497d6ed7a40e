//! The database itself on the command line: the demo and what the database
//! in use holds.

use std::path::{Path, PathBuf};

use serde::Serialize;

use klik::i18n::Texts;
use klik::organisation::{self, StartChoice};
use klik::programme::{self, Listing};
use klik::{Error, Store, demo};

use super::{Failure, Globals, data_dir};

/// `klik demo --json`.
#[derive(Serialize)]
struct DemoJson {
    database: String,
    programmes: Vec<i64>,
}

/// `klik move-data --to FOLDER --json`.
#[derive(Serialize)]
struct MovedJson {
    from: String,
    to: String,
    left_behind: Vec<String>,
}

/// `klik info --json`.
#[derive(Serialize)]
struct InfoJson {
    version: &'static str,
    database: String,
    schema_version: i64,
    organisation: String,
    programmes: usize,
}

/// `klik demo [--reset]`: with `--db`, fills that (empty) database; else
/// makes the app's own demo database and has the app open on it.
pub fn run_demo(cli: &Globals, reset: bool, now: chrono::NaiveDateTime) -> Result<(), Failure> {
    let (path, programmes) = match &cli.db {
        Some(path) => {
            let mut store = Store::open(path)?;
            (path.clone(), demo::populate(&mut store, now)?.programmes)
        }
        None => {
            let dir = data_dir()?;
            let path = dir.demo_database();
            if reset {
                remove_database(&path)?;
            }
            // An existing demo is kept (with what the user did in it) unless --reset.
            let (_, programmes) = demo::open(&path, now)?;
            let mut real = Store::open(&dir.database())?;
            organisation::set_start_choice(&mut real, Some(StartChoice::Demo))?;
            (path, programmes)
        }
    };
    let json = DemoJson {
        database: path.display().to_string(),
        programmes: programmes.iter().map(|id| id.0).collect(),
    };
    cli.print(&json, |json| println!("{}", json.database));
    Ok(())
}

/// `klik info`: which database is used and what it holds.
pub fn run_info(cli: &Globals, texts: &Texts) -> Result<(), Failure> {
    let store = cli.open()?;
    let json = InfoJson {
        version: klik::about::VERSION,
        database: store.path().display().to_string(),
        schema_version: klik::store::SCHEMA_VERSION,
        organisation: organisation::get(&store)?.name,
        programmes: programme::list(&store, Listing::All)?.len(),
    };
    cli.print(&json, |json| {
        println!("Klik {}", json.version);
        println!("{}", json.database);
        println!(
            "{} · {}",
            json.organisation,
            texts.counted("programmes.count", json.programmes as i64, &[])
        );
    });
    Ok(())
}

/// `klik move-data --to FOLDER`: the data folder's content moved there
/// (the same core function as Settings → "Choose another data folder…").
pub fn run_move(cli: &Globals, texts: &Texts, to: &Path) -> Result<(), Failure> {
    if cli.db.is_some() {
        return Err(Failure::Usage("error.cli.move_with_db", Vec::new()));
    }
    let dir = data_dir()?;
    // A folder typed relative to where the command runs, as people type
    // it; `..` folded away, so that the pointer names the folder plainly.
    let to = std::path::absolute(to).map_err(|source| Error::from_io(to, source))?;
    let to = to.components().fold(PathBuf::new(), |mut path, part| {
        match part {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::CurDir => {}
            other => path.push(other.as_os_str()),
        }
        path
    });
    let mut store = Store::open(&dir.database())?;
    let moved = klik::store::relocation::move_data(&mut store, &dir, &to)?;
    let json = MovedJson {
        from: moved.from.display().to_string(),
        to: moved.dir.root().display().to_string(),
        left_behind: moved
            .left_behind
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    };
    cli.print(&json, |json| {
        println!("{}", json.to);
        if !json.left_behind.is_empty() {
            let count = json.left_behind.len() as i64;
            eprintln!(
                "{}",
                texts.counted(
                    "settings.moved_left_behind",
                    count,
                    &[("path", json.from.as_str())]
                )
            );
            for file in &json.left_behind {
                eprintln!("  {file}");
            }
        }
    });
    Ok(())
}

fn remove_database(path: &Path) -> Result<(), Failure> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Failure::Core(Error::Io { path: file, source })),
        }
    }
    Ok(())
}
