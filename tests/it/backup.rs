//! Backups and restore: a round trip, and the files a restore must refuse
//! (truncated, not SQLite, from a newer Klik) with nothing changed; an older
//! backup is brought up to date; the daily rotation; the CLI.

use std::path::Path;

use klik::Store;
use klik::programme::{self, Listing, ProgrammeForm};
use klik::store::backup;

fn add_programme(store: &mut Store, name: &str) {
    let draft = ProgrammeForm {
        name: name.into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    programme::create(store, &draft, super::now()).unwrap();
}

fn names(store: &Store) -> Vec<String> {
    programme::list(store, Listing::All)
        .unwrap()
        .into_iter()
        .map(|p| p.draft.name)
        .collect()
}

fn database(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("klik.sqlite")).unwrap();
    add_programme(&mut store, "Groeien in je rol");
    store
}

#[test]
fn a_backup_restores_and_the_data_before_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = database(dir.path());
    let copy = dir.path().join("usb").join("klik-backup.sqlite");
    let written = backup::backup_to(&store, &copy).unwrap();
    assert_eq!(
        (written.programmes, written.schema_version),
        (1, klik::store::SCHEMA_VERSION)
    );
    assert!(!copy.with_extension("partial").exists());
    add_programme(&mut store, "Later toegevoegd");
    let restored = store
        .restore_from(&copy, &dir.path().join("backups"), super::now())
        .unwrap();
    assert_eq!(names(&store), ["Groeien in je rol"]);
    let before = backup::inspect(&restored.previous).unwrap();
    assert_eq!(
        before.programmes, 2,
        "what was there before the restore is kept"
    );
    store.check().unwrap();
    // The store keeps working after the restore.
    add_programme(&mut store, "Na het terugzetten");
    assert_eq!(names(&store).len(), 2);
}

#[test]
fn a_truncated_a_foreign_and_a_newer_file_are_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = database(dir.path());
    let good = dir.path().join("good.sqlite");
    backup::backup_to(&store, &good).unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let truncated = dir.path().join("truncated.sqlite");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let text = dir.path().join("deelnemers.sqlite");
    std::fs::write(&text, "rol;voornaam;achternaam\nmentor;Marie;Dubois\n").unwrap();
    let newer = dir.path().join("newer.sqlite");
    std::fs::write(&newer, &bytes).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", klik::store::SCHEMA_VERSION + 1)
        .unwrap();

    let backups = dir.path().join("backups");
    for (file, codes) in [
        (&truncated, &["database_damaged", "not_a_klik_database"][..]),
        (&text, &["not_a_klik_database"][..]),
        (&newer, &["database_too_new"][..]),
    ] {
        let refused = store
            .restore_from(file, &backups, super::now())
            .unwrap_err();
        assert!(
            codes.contains(&refused.code()),
            "{}: {refused}",
            file.display()
        );
        assert_eq!(names(&store), ["Groeien in je rol"], "nothing changed");
        assert!(!backups.exists(), "nothing was even backed up");
    }
}

#[test]
fn an_older_backup_is_brought_up_to_date_when_restored() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v5.sqlite");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch(include_str!("fixtures/schema_v5.sql"))
        .unwrap();
    assert_eq!(backup::inspect(&old).unwrap().schema_version, 5);
    let mut store = database(dir.path());
    store
        .restore_from(&old, &dir.path().join("backups"), super::now())
        .unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, klik::store::SCHEMA_VERSION);
    assert_eq!(
        klik::intake::list(&store, programme::ProgrammeId(1))
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn automatic_backups_are_daily_forced_after_large_changes_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let store = database(dir.path());
    let folder = dir.path().join("backups");
    // Old automatic backups of every day of the last ten weeks.
    std::fs::create_dir_all(&folder).unwrap();
    let today = super::now().date();
    for n in 1..70 {
        let day = today - chrono::Duration::days(n);
        std::fs::write(
            folder.join(format!("klik-{}.sqlite", day.format("%Y-%m-%d"))),
            b"old",
        )
        .unwrap();
    }
    std::fs::write(
        folder.join("before-restore-2026-01-01T100000.sqlite"),
        b"kept",
    )
    .unwrap();
    let first = backup::automatic(&store, &folder, super::now(), false).unwrap();
    assert!(first.written.is_some());
    let again = backup::automatic(&store, &folder, super::now(), false).unwrap();
    assert!(again.written.is_none(), "once a day");
    let forced = backup::automatic(&store, &folder, super::now(), true).unwrap();
    assert!(
        forced.written.is_some(),
        "after an import or a confirmed matching"
    );
    let left = backup::automatic_backups(&folder).unwrap();
    assert_eq!(left.len(), 13, "7 days and one a week for 8 weeks");
    // The copy from before a restore in January is past its 30 days too.
    assert_eq!(first.removed.len(), 70 - 13 + 1);
    assert!(
        !folder
            .join("before-restore-2026-01-01T100000.sqlite")
            .exists()
    );
    assert_eq!(backup::inspect(&left[0].1).unwrap().programmes, 1);
}

#[test]
fn the_cli_backs_up_checks_and_restores_only_when_told_to() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    drop(database(dir.path()));
    let ok = |args: &[&str]| super::cli::klik_ok(&db, args);
    let copy = dir.path().join("copy.sqlite");
    let written = ok(&["--json", "backup", "--out", copy.to_str().unwrap()]);
    assert_eq!(written["programmes"], 1);
    assert_eq!(ok(&["--json", "check"])["ok"], true);
    ok(&[
        "programme",
        "create",
        "--name",
        "Tweede",
        "--start",
        "04-01-2027",
        "--end",
        "17-12-2027",
    ]);
    let asked = ok(&["--json", "restore", copy.to_str().unwrap()]);
    assert_eq!(asked["restored"], false);
    assert_eq!(asked["file"]["programmes"], 1);
    let listed = ok(&["--json", "programme", "list", "--all"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        2,
        "nothing changed without --yes"
    );
    let done = ok(&["--json", "restore", copy.to_str().unwrap(), "--yes"]);
    assert_eq!(done["restored"], true);
    assert!(done["previous"].as_str().unwrap().contains("backups"));
    let listed = ok(&["--json", "programme", "list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, b"not a database at all, just text").unwrap();
    let refused = super::cli::klik(&db, &["--json", "restore", junk.to_str().unwrap(), "--yes"]);
    assert_eq!(refused.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(error["code"], "not_a_klik_database");
    // A backup is never written over the database it copies.
    let over = super::cli::klik(&db, &["--json", "backup", "--out", db.to_str().unwrap()]);
    assert_eq!(over.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&over.stderr).unwrap();
    assert_eq!(error["code"], "invalid_input", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Klik's own database"),
        "{error}"
    );
    assert_eq!(
        ok(&["--json", "programme", "list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        1,
        "the database is whole"
    );
}

#[test]
fn a_damaged_database_is_kept_aside_and_the_latest_good_backup_put_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("klik.sqlite");
    let folder = dir.path().join("backups");
    {
        let store = database(dir.path());
        backup::automatic(&store, &folder, super::now(), false).unwrap();
    }
    // A bad backup of a later day must be passed over.
    let later = super::now().date() + chrono::Duration::days(1);
    std::fs::write(
        folder.join(format!("klik-{}.sqlite", later.format("%Y-%m-%d"))),
        b"broken",
    )
    .unwrap();
    // Damage the database: overwrite its second page.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(4096).take(4096) {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let damaged = Store::open(&path).unwrap_err();
    assert_eq!(damaged.code(), "database_damaged");
    let done = backup::recover(&path, &folder, super::now()).unwrap();
    assert_eq!(
        std::fs::read(&done.damaged_kept).unwrap(),
        bytes,
        "the damaged file is kept as it was"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(names(&store), ["Groeien in je rol"]);
    // Without any good backup nothing changes.
    let empty = dir.path().join("no-backups");
    let refused = backup::recover(&path, &empty, super::now()).unwrap_err();
    assert_eq!(refused.field_errors()[0].key, "error.backup.none");
    assert!(path.exists());
}

#[test]
fn backing_up_and_checking_a_restore_leave_nothing_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    drop(database(dir.path()));
    let stick = dir.path().join("usb-stick");
    std::fs::create_dir(&stick).unwrap();
    let copy = stick.join("klik-backup.sqlite");
    let ok = |args: &[&str]| super::cli::klik_ok(&db, args);
    ok(&["--json", "backup", "--out", copy.to_str().unwrap()]);
    let beside = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&stick)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(beside(), ["klik-backup.sqlite"]);
    let checked = ok(&["--json", "restore", copy.to_str().unwrap()]);
    assert_eq!(checked["restored"], false);
    assert_eq!(
        beside(),
        ["klik-backup.sqlite"],
        "no -wal or -shm after the check"
    );
    ok(&["--json", "restore", copy.to_str().unwrap(), "--yes"]);
    assert_eq!(beside(), ["klik-backup.sqlite"], "nor after the restore");

    // A refusal speaks of restoring, not of the data folder.
    let junk = stick.join("notities.sqlite");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let refused = super::cli::klik(&db, &["restore", junk.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("is not a Klik backup, so nothing was restored"),
        "{said}"
    );
    assert!(!said.contains("KLIK_DATA_DIR"), "{said}");
}

#[test]
fn a_backup_with_a_trigger_a_view_or_a_table_of_its_own_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = database(dir.path());
    let good = dir.path().join("good.sqlite");
    backup::backup_to(&store, &good).unwrap();
    let crafted = [
        // A trigger that would copy every erased row into a table of its own.
        "CREATE TABLE kept (email TEXT);
         CREATE TRIGGER keep AFTER UPDATE ON person BEGIN INSERT INTO kept VALUES (old.email); END;",
        "CREATE VIEW everyone AS SELECT email FROM person;",
        // A table Klik has, changed: a CHECK dropped by a rewritten definition.
        "ALTER TABLE programme ADD COLUMN secret TEXT;",
    ];
    for (k, sql) in crafted.iter().enumerate() {
        let file = dir.path().join(format!("crafted-{k}.sqlite"));
        std::fs::copy(&good, &file).unwrap();
        rusqlite::Connection::open(&file)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let before = names(&store);
        let refused = store
            .restore_from(&file, &dir.path().join("backups"), super::now())
            .unwrap_err();
        assert_eq!(refused.code(), "not_a_klik_database", "{sql}");
        assert!(
            refused
                .message(&klik::i18n::Texts::for_language("en"))
                .contains("tables, triggers or views that Klik did not make"),
            "{refused}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "the file is unchanged"
        );
        assert_eq!(names(&store), before, "the data is unchanged");
        assert!(
            !dir.path().join("backups").exists(),
            "refused before anything was written"
        );
    }
    // The untouched backup restores.
    store
        .restore_from(&good, &dir.path().join("backups"), super::now())
        .unwrap();
}

#[test]
fn copies_from_before_a_restore_and_damaged_files_go_after_thirty_days() {
    let dir = tempfile::tempdir().unwrap();
    let store = database(dir.path());
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let at = |text: &str| klik::clock::pinned(text).unwrap();
    for name in [
        "before-restore-2026-10-01T100000.sqlite",
        "before-restore-2026-11-20T100000.sqlite",
    ] {
        std::fs::write(backups.join(name), b"copy").unwrap();
    }
    for name in [
        "klik.damaged-2026-10-02T100000.sqlite",
        "klik.damaged-2026-10-02T100000.sqlite-wal",
        "klik.damaged-2026-11-25T100000.sqlite",
    ] {
        std::fs::write(dir.path().join(name), b"damaged").unwrap();
    }
    let kept = backup::kept_copies(store.path(), &backups);
    assert_eq!(kept.len(), 4, "{kept:?}");
    assert_eq!(kept[0].kind, backup::CopyKind::BeforeRestore);
    assert_eq!(kept[1].kind, backup::CopyKind::Damaged);
    backup::automatic(&store, &backups, at("2026-11-28T09:00:00"), false).unwrap();
    let left: Vec<String> = backup::kept_copies(store.path(), &backups)
        .iter()
        .map(|c| c.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        [
            "before-restore-2026-11-20T100000.sqlite",
            "klik.damaged-2026-11-25T100000.sqlite"
        ]
    );
    assert!(
        !dir.path()
            .join("klik.damaged-2026-10-02T100000.sqlite-wal")
            .exists()
    );
}

#[test]
fn a_new_file_in_place_of_a_refused_one_keeps_the_old_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("klik.sqlite");
    let bytes = b"%PDF-1.7\nnot a database\n".to_vec();
    std::fs::write(&database, &bytes).unwrap();
    std::fs::write(dir.path().join("klik.sqlite-wal"), b"log").unwrap();
    assert!(klik::Store::open(&database).is_err());

    let kept = klik::store::backup::start_afresh(&database, super::now()).unwrap();
    assert_eq!(
        kept.file_name().unwrap().to_string_lossy(),
        "klik.damaged-2026-11-28T100000.sqlite"
    );
    assert_eq!(std::fs::read(&kept).unwrap(), bytes);
    assert_eq!(
        std::fs::read(dir.path().join("klik.damaged-2026-11-28T100000.sqlite-wal")).unwrap(),
        b"log"
    );
    let store = klik::Store::open(&database).expect("a new, empty database opens");
    assert!(programme::list(&store, Listing::All).unwrap().is_empty());
}
