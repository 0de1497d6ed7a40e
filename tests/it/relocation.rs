//! Moving the data to another folder, as the officer does it from Settings
//! and a script does with `klik move-data`: everything of Klik's goes, the
//! old place keeps nothing of anyone, the app and the CLI follow, and a
//! refused or missing folder changes nothing.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::fixture_path;

/// Runs `klik --json` on the data folder `data` (as `KLIK_DATA_DIR`).
fn klik(data: &Path, args: &[&str]) -> Output {
    crate::cli::command()
        .arg("--json")
        .args(args)
        .env("KLIK_DATA_DIR", data)
        .output()
        .expect("the klik binary runs")
}

pub fn ok(data: &Path, args: &[&str]) -> Value {
    let out = klik(data, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

fn refused(data: &Path, args: &[&str]) -> Value {
    let out = klik(data, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} is refused");
    serde_json::from_slice(&out.stderr).expect("one JSON line")
}

/// Every file under `folder` whose bytes hold `needle`.
fn files_holding(folder: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return found;
    };
    for entry in entries.map(|e| e.unwrap().path()) {
        if entry.is_dir() {
            found.extend(files_holding(&entry, needle));
        } else if std::fs::read(&entry)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            found.push(entry.display().to_string());
        }
    }
    found
}

/// The names in a folder, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_data_moves_whole_the_old_place_keeps_nothing_and_both_front_ends_follow() {
    let first = tempfile::tempdir().unwrap();
    let first = first.path().canonicalize().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let chosen = elsewhere.path().canonicalize().unwrap();
    // The officer's data: a programme with people (the import makes an
    // automatic backup), a printed document, the demo, and the window's
    // own storage, which is not Klik's to move.
    ok(&first, crate::cli::CREATE_PROGRAMME);
    ok(
        &first,
        &[
            "participants",
            "import",
            &fixture_path("participants-small-en.csv"),
            "--programme",
            "1",
        ],
    );
    ok(&first, &["demo"]);
    let email = b"celine.verhaegen@northwind-care.example";
    std::fs::create_dir_all(first.join("documents")).unwrap();
    ok(
        &first,
        &[
            "report",
            "programme",
            "--programme",
            "1",
            "--out",
            &first
                .join("documents")
                .join("report.pdf")
                .display()
                .to_string(),
        ],
    );
    std::fs::create_dir(first.join("WebKitCache")).unwrap();
    std::fs::write(first.join("WebKitCache").join("state"), b"window").unwrap();
    assert!(!files_holding(&first.join("backups"), email).is_empty());

    // Refused, and nothing changes: a file, a folder inside the data
    // folder, a Klik folder that holds files, and --db.
    let before = names(&first);
    let file = chosen.join("notes.txt");
    std::fs::write(&file, b"mine").unwrap();
    let path = |p: &Path| p.display().to_string();
    for (to, key) in [
        (path(&file), "is not a folder"),
        (
            path(&first.join("backups")),
            "inside Klik's current data folder",
        ),
    ] {
        let error = refused(&first, &["move-data", "--to", &to]);
        assert_eq!(error["code"], "invalid_input", "{error}");
        assert!(error["message"].as_str().unwrap().contains(key), "{error}");
    }
    std::fs::create_dir(chosen.join("Klik")).unwrap();
    std::fs::write(chosen.join("Klik").join("x"), b"x").unwrap();
    let error = refused(&first, &["move-data", "--to", &path(&chosen)]);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("already holds files")
    );
    std::fs::remove_dir_all(chosen.join("Klik")).unwrap();
    let with_db = crate::cli::command()
        .args([
            "--db",
            &path(&first.join("klik.sqlite")),
            "move-data",
            "--to",
        ])
        .arg(&chosen)
        .output()
        .unwrap();
    assert_eq!(with_db.status.code(), Some(2), "--db is a usage error");
    // Another Klik with the data open (the window, or an import under
    // way): the move waits for it, then says so; it would write on into
    // the old file.
    let holder = klik::Store::open(&first.join("klik.sqlite")).unwrap();
    let error = refused(&first, &["move-data", "--to", &path(&chosen)]);
    assert_eq!(error["code"], "busy", "{error}");
    drop(holder);
    assert_eq!(names(&first), before, "nothing changed");
    assert_eq!(names(&chosen), ["notes.txt"], "nothing was made");

    // The move: the chosen folder holds a file of the user's, so a Klik
    // folder is made inside it.
    let moved = ok(&first, &["move-data", "--to", &path(&chosen)]);
    let target = chosen.join("Klik");
    assert_eq!(moved["to"], path(&target));
    assert_eq!(moved["from"], path(&first));
    assert_eq!(moved["left_behind"], Value::Array(Vec::new()));
    assert_eq!(
        names(&first),
        ["WebKitCache", "data-folder.txt"],
        "only the pointer and what is not Klik's stay"
    );
    assert!(
        files_holding(&first, email).is_empty(),
        "no copy of anyone is left in the old place"
    );
    assert_eq!(
        names(&target),
        ["backups", "demo", "documents", "klik.sqlite"]
    );
    assert!(target.join("documents").join("report.pdf").is_file());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"mine",
        "the user's file is untouched"
    );

    // The CLI follows the pointer: the same programme and people.
    let info = ok(&first, &["info"]);
    assert_eq!(info["database"], path(&target.join("klik.sqlite")));
    assert_eq!(info["programmes"], 1);
    let people = ok(&first, &["participants", "list", "--programme", "1"]);
    let count = people
        .as_array()
        .or_else(|| people["participants"].as_array())
        .map(Vec::len);
    assert_eq!(count, Some(28), "{people}");
    ok(&first, &["check"]);

    // Erasure reaches the new place, backups included.
    ok(
        &first,
        &[
            "person",
            "erase",
            "--email",
            std::str::from_utf8(email).unwrap(),
            "--yes",
        ],
    );
    assert_eq!(
        files_holding(&target, email),
        Vec::<String>::new(),
        "erased everywhere Klik keeps files"
    );

    // A drive not connected: said, and nothing is made in its place.
    let away = elsewhere.path().join("away");
    std::fs::rename(&target, &away).unwrap();
    let error = refused(&first, &["info"]);
    assert_eq!(error["code"], "data_folder_missing", "{error}");
    assert!(!target.exists(), "no empty database was made");
    // An empty folder in its place (a mount point without its drive) is no data either.
    std::fs::create_dir(&target).unwrap();
    let error = refused(&first, &["info"]);
    assert_eq!(error["code"], "data_folder_missing", "{error}");
    assert_eq!(names(&target), Vec::<String>::new(), "nothing made there");
    std::fs::remove_dir(&target).unwrap();
    std::fs::rename(&away, &target).unwrap();
    // A pointer spoilt by hand is refused, never guessed at.
    let pointer = first.join("data-folder.txt");
    let kept = std::fs::read(&pointer).unwrap();
    std::fs::write(&pointer, "Klik").unwrap();
    let error = refused(&first, &["info"]);
    assert_eq!(error["code"], "data_folder_pointer", "{error}");
    assert!(
        !first.join("klik.sqlite").exists(),
        "no empty database beside it"
    );
    std::fs::write(&pointer, kept).unwrap();

    // Back to the first folder: it holds the window's storage, so the data
    // goes into a Klik folder there, and the pointer follows.
    let back = ok(&first, &["move-data", "--to", &path(&first)]);
    assert_eq!(back["to"], path(&first.join("Klik")));
    assert_eq!(
        names(&target),
        Vec::<String>::new(),
        "the second place is emptied"
    );
    assert_eq!(ok(&first, &["info"])["programmes"], 1);
}
