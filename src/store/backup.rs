//! Backups and restore with SQLite's online backup API: a consistent copy
//! while the database is in use, written beside its final name and renamed
//! into place, so a backup file is always whole. Automatic backups go into
//! a folder next to the database, at most one a day, pruned to the last 7
//! days and one a week for 8 weeks. A file to restore is checked first
//! (ours, whole, not from a newer Klik) and described for the user; the
//! current data is backed up before it is replaced.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::{APPLICATION_ID, SCHEMA_VERSION, Store, check_header, migrate};
use crate::error::{Error, Result};

/// How many daily and weekly automatic backups are kept.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 8;

/// What a database file holds, as the user confirms a restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub path: PathBuf,
    pub schema_version: i64,
    pub programmes: i64,
    pub people: i64,
}

/// Checks a file without changing it: a SQLite file, written by Klik, not by
/// a newer Klik, and whole (`PRAGMA integrity_check`). Says what it holds.
pub fn inspect(path: &Path) -> Result<Inspection> {
    if !path.is_file() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    check_header(path)?;
    let sqlite = |e: rusqlite::Error| Error::from_sqlite(e, path);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    super::guard(&conn).map_err(sqlite)?;
    let application_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(sqlite)?;
    if application_id != APPLICATION_ID {
        return Err(Error::NotKlikDatabase {
            path: path.to_path_buf(),
        });
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sqlite)?;
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(sqlite)?;
    if verdict != "ok" {
        return Err(Error::DatabaseDamaged {
            path: path.to_path_buf(),
            detail: verdict,
        });
    }
    // Only the schema Klik made for that version, every table, index,
    // trigger and view by name and SQL, and nothing more: a file with a
    // trigger of its own could copy every later erased row elsewhere.
    if super::schema_of(&conn).map_err(sqlite)? != super::schema_at(version).map_err(sqlite)? {
        return Err(Error::SchemaNotOurs {
            path: path.to_path_buf(),
        });
    }
    let count = |table: &str| -> Result<i64> {
        let exists: bool = conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(sqlite)?;
        if !exists {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(sqlite)
    };
    Ok(Inspection {
        path: path.to_path_buf(),
        schema_version: version,
        programmes: count("programme")?,
        people: count("person")?,
    })
}

/// Checks a file the officer chose to restore, and says what it holds,
/// without touching it or leaving anything beside it: SQLite would make
/// `-wal` and `-shm` files next to a file in WAL mode, on a USB stick say,
/// so a private copy is what is opened. Refusals say what fits a restore.
pub fn inspect_for_restore(path: &Path) -> Result<Inspection> {
    with_private_copy(path, |copy| {
        inspect(copy).map(|found| Inspection {
            path: path.to_path_buf(),
            ..found
        })
    })
}

/// Runs `work` on a private copy of `path` (with its write-ahead log, if
/// one lies beside it) in a folder of its own that is removed afterwards.
/// Errors name `path`, the file the officer chose, in a restore's words.
fn with_private_copy<T>(path: &Path, work: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let restoring = |error: Error| Error::Restore {
        path: path.to_path_buf(),
        cause: Box::new(error),
    };
    if !path.is_file() {
        return Err(restoring(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        }));
    }
    let folder = std::env::temp_dir().join(format!(
        "klik-restore-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&folder);
    crate::data_dir::create_private_dir(&folder)
        .map_err(|source| Error::from_io(&folder, source))?;
    let copy = folder.join("restore.sqlite");
    let copied = fs::copy(path, &copy).and_then(|_| {
        let wal = sidecar(path, "-wal");
        if wal.is_file() {
            fs::copy(&wal, sidecar(&copy, "-wal"))?;
        }
        Ok(())
    });
    let result = match copied {
        Ok(()) => work(&copy).map_err(|error| restoring(error.naming(&copy, path))),
        Err(source) => Err(restoring(Error::from_io(path, source))),
    };
    let _ = fs::remove_dir_all(&folder);
    result
}

/// `klik.sqlite-wal` beside `klik.sqlite`.
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes a consistent copy of the open database to `target`: first beside
/// it, then renamed into place, so `target` is never half written.
pub fn backup_to(store: &Store, target: &Path) -> Result<Inspection> {
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::data_dir::create_private_dirs(folder)
            .map_err(|source| Error::from_io(folder, source))?;
    }
    crate::data_dir::refuse_open_database(target)?;
    let partial = crate::data_dir::partial_path(target);
    let _ = fs::remove_file(&partial);
    let written = store
        .conn()
        .backup(MAIN_DB, &partial, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| Error::from_sqlite(e, target));
    // The copy takes the journal mode of the database (WAL); a backup is a
    // file on its own, to be carried and opened elsewhere, so it is made a
    // plain rollback-journal file that leaves nothing beside it when read.
    let written = written.and_then(|()| {
        crate::data_dir::make_private(&partial).map_err(|source| Error::from_io(target, source))?;
        Connection::open(&partial)
            .and_then(|conn| {
                conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
                    r.get::<_, String>(0)
                })
                .map(|_| ())
            })
            .map_err(|e| Error::from_sqlite(e, target))
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    fs::rename(&partial, target).map_err(|source| Error::from_io(target, source))?;
    inspect(target)
}

/// The name of the automatic backup of a day.
fn daily_name(day: NaiveDate) -> String {
    format!("klik-{}.sqlite", day.format("%Y-%m-%d"))
}

/// The day of an automatic backup's file name, if it is one.
fn day_of(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix("klik-")?.strip_suffix(".sqlite")?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The automatic backups in `folder`, newest first.
pub fn automatic_backups(folder: &Path) -> Result<Vec<(NaiveDate, PathBuf)>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::from_io(folder, source)),
    };
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            day_of(&name).map(|day| (day, e.path()))
        })
        .collect();
    found.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    Ok(found)
}

/// Which automatic backups to keep: the newest [`KEEP_DAILY`] days, and the
/// newest of each of the newest [`KEEP_WEEKLY`] ISO weeks.
pub fn to_keep(days: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut sorted = days.to_vec();
    sorted.sort_by_key(|d| std::cmp::Reverse(*d));
    sorted.dedup();
    let mut keep: Vec<NaiveDate> = sorted.iter().take(KEEP_DAILY).copied().collect();
    let mut weeks = Vec::new();
    for day in &sorted {
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) {
            weeks.push(week);
            if weeks.len() > KEEP_WEEKLY {
                break;
            }
            if !keep.contains(day) {
                keep.push(*day);
            }
        }
    }
    keep.sort_by_key(|d| std::cmp::Reverse(*d));
    keep
}

/// What an automatic backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Automatic {
    /// The backup written now, if today had none yet.
    pub written: Option<PathBuf>,
    /// Old automatic backups removed by the rotation.
    pub removed: Vec<PathBuf>,
}

/// Today's automatic backup into `folder`, unless there is one (or `force`,
/// after a large change such as an import), then the rotation.
pub fn automatic(
    store: &Store,
    folder: &Path,
    now: NaiveDateTime,
    force: bool,
) -> Result<Automatic> {
    let today = now.date();
    let target = folder.join(daily_name(today));
    let written = if force || !target.exists() {
        backup_to(store, &target)?;
        Some(target)
    } else {
        None
    };
    let all = automatic_backups(folder)?;
    let keep = to_keep(&all.iter().map(|(d, _)| *d).collect::<Vec<_>>());
    let mut removed = Vec::new();
    for (day, path) in all {
        if !keep.contains(&day) {
            fs::remove_file(&path).map_err(|source| Error::from_io(&path, source))?;
            removed.push(path);
        }
    }
    // The other copies Klik kept go after their month too.
    removed.extend(rotate_copies(store.path(), folder, now));
    Ok(Automatic { written, removed })
}

/// After a large change (an import, a confirmed matching): a fresh
/// automatic backup of the data, into `backups/` beside the database, as
/// the window and the command line both make it. The demo and a database
/// in memory need none (`None`).
pub fn after_large_change(store: &Store, now: NaiveDateTime) -> Result<Option<Automatic>> {
    let path = store.path();
    let demo = path
        .file_name()
        .is_some_and(|n| n == crate::data_dir::DEMO_FILE);
    if demo || path == Path::new(":memory:") {
        return Ok(None);
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups");
    automatic(store, &folder, now, true).map(Some)
}

/// How long the copies made before a restore and the damaged files kept
/// aside are kept, in days: like the backups, they hold people's data and
/// must not stay for ever.
pub const KEEP_COPIES_DAYS: i64 = 30;

/// Why Klik kept a copy besides its daily backups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// The data as it was before a restore replaced it.
    BeforeRestore,
    /// A damaged database, moved aside when a backup was put in its place.
    Damaged,
}

/// A copy Klik kept, with when it was made (from its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptCopy {
    pub path: PathBuf,
    pub kind: CopyKind,
    pub made: NaiveDateTime,
}

/// The copies made before a restore (in `backups`) and the damaged files
/// kept aside (beside `database`), oldest first.
pub fn kept_copies(database: &Path, backups: &Path) -> Vec<KeptCopy> {
    let stamp = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H%M%S").ok();
    let stem = database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "klik".to_string());
    let damaged_prefix = format!("{stem}.damaged-");
    let folder = database
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut found = Vec::new();
    for (place, prefix, kind) in [
        (backups, "before-restore-", CopyKind::BeforeRestore),
        (folder, damaged_prefix.as_str(), CopyKind::Damaged),
    ] {
        let Ok(entries) = fs::read_dir(place) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let made = name
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(".sqlite"))
                .and_then(stamp);
            if let Some(made) = made {
                found.push(KeptCopy { path, kind, made });
            }
        }
    }
    found.sort_by_key(|c| c.made);
    found
}

/// Removes the kept copies older than [`KEEP_COPIES_DAYS`] (with a damaged
/// file's log beside it); the paths removed.
pub fn rotate_copies(database: &Path, backups: &Path, now: NaiveDateTime) -> Vec<PathBuf> {
    let cutoff = now - chrono::Duration::days(KEEP_COPIES_DAYS);
    let mut removed = Vec::new();
    for copy in kept_copies(database, backups) {
        if copy.made < cutoff && fs::remove_file(&copy.path).is_ok() {
            for suffix in ["-wal", "-shm"] {
                let _ = fs::remove_file(sidecar(&copy.path, suffix));
            }
            removed.push(copy.path);
        }
    }
    removed
}

/// What recovering a damaged database did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// The backup now in place, and its day.
    pub from: Inspection,
    pub day: NaiveDate,
    /// Where the damaged file was moved, kept for recovery.
    pub damaged_kept: PathBuf,
}

/// Moves a database that cannot be opened (and its write-ahead log) aside,
/// beside it as `klik.damaged-<moment>.sqlite`: renamed, never changed or
/// removed, so that nothing in it is lost. Returns where it went.
fn set_aside(database: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    let stamp = now.format("%Y-%m-%dT%H%M%S");
    let name = database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "klik".to_string());
    let damaged_kept = database.with_file_name(format!("{name}.damaged-{stamp}.sqlite"));
    if database.exists() {
        fs::rename(database, &damaged_kept).map_err(|source| Error::from_io(database, source))?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", database.display()));
        if side.exists() {
            let kept = PathBuf::from(format!("{}{suffix}", damaged_kept.display()));
            fs::rename(&side, &kept).map_err(|source| Error::from_io(&side, source))?;
        }
    }
    Ok(damaged_kept)
}

/// Starts a new, empty database in place of one that cannot be opened (damaged,
/// or not Klik's): the old file is set aside whole, and the next open makes
/// a fresh database. Returns where the old file went.
pub fn start_afresh(database: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    set_aside(database, now)
}

/// Puts the newest whole automatic backup in place of a damaged database.
/// The damaged file (and its write-ahead log) is moved aside, never
/// overwritten or removed. Without a good backup nothing changes.
pub fn recover(database: &Path, backups: &Path, now: NaiveDateTime) -> Result<Recovered> {
    let (day, good) = automatic_backups(backups)?
        .into_iter()
        .find_map(|(day, path)| inspect(&path).ok().map(|found| (day, found)))
        .ok_or_else(|| {
            Error::Invalid(vec![crate::error::FieldError::new(
                "backup",
                "error.backup.none",
            )])
        })?;
    let damaged_kept = set_aside(database, now)?;
    let partial = database.with_extension("partial");
    fs::copy(&good.path, &partial).map_err(|source| Error::from_io(&partial, source))?;
    fs::rename(&partial, database).map_err(|source| Error::from_io(database, source))?;
    Ok(Recovered {
        from: good,
        day,
        damaged_kept,
    })
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What the restored file held.
    pub restored: Inspection,
    /// Where the data from before the restore was saved.
    pub previous: PathBuf,
}

impl Store {
    /// Replaces this database's content by the file at `from`, after
    /// checking it ([`inspect`]) and saving the current content into
    /// `backups` ("before-restore-…"). A file that is not a whole Klik
    /// database, or one from a newer Klik, is refused and nothing changes.
    /// An older schema is brought up to date.
    pub fn restore_from(
        &mut self,
        from: &Path,
        backups: &Path,
        now: NaiveDateTime,
    ) -> Result<Restored> {
        let restored = inspect_for_restore(from)?;
        let previous = backups.join(format!(
            "before-restore-{}.sqlite",
            now.format("%Y-%m-%dT%H%M%S")
        ));
        backup_to(self, &previous)?;
        let path = self.path.clone();
        // From a private copy, checked again, so that nothing appears beside
        // the chosen file and what is restored is what was checked.
        with_private_copy(from, |copy| {
            inspect(copy)?;
            self.conn
                .restore(MAIN_DB, copy, None::<fn(rusqlite::backup::Progress)>)
                .map_err(|e| Error::from_sqlite(e, &path))
        })?;
        migrate(&mut self.conn, restored.schema_version)
            .map_err(|e| Error::from_sqlite(e, &path))?;
        Ok(Restored { restored, previous })
    }

    /// `PRAGMA integrity_check` of the open database: `Ok` or the damage found.
    pub fn check(&self) -> Result<()> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(|e| Error::from_sqlite(e, &self.path))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(Error::DatabaseDamaged {
                path: self.path.clone(),
                detail: verdict,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_rotation_keeps_seven_days_and_eight_weeks() {
        // Sixty days of daily backups, up to Saturday 28-11-2026.
        let days: Vec<NaiveDate> = (0..60)
            .map(|n| d("2026-11-28") - chrono::Duration::days(n))
            .collect();
        let keep = to_keep(&days);
        // The last seven days, then the newest day of each older ISO week:
        // Sundays, since each week's newest backup is its Sunday.
        assert_eq!(&keep[..7], &days[..7]);
        let older: Vec<String> = keep[7..].iter().map(|k| k.to_string()).collect();
        assert_eq!(
            older,
            [
                "2026-11-15",
                "2026-11-08",
                "2026-11-01",
                "2026-10-25",
                "2026-10-18",
                "2026-10-11"
            ]
        );
        assert_eq!(keep.len(), 13);
        let weeks: std::collections::BTreeSet<_> =
            keep.iter().map(|k| k.iso_week().week()).collect();
        assert_eq!(weeks.len(), KEEP_WEEKLY);
    }

    #[test]
    fn only_automatic_names_are_read() {
        assert_eq!(day_of("klik-2026-11-28.sqlite"), Some(d("2026-11-28")));
        assert_eq!(day_of("before-restore-2026-11-28T101500.sqlite"), None);
        assert_eq!(day_of("klik-2026-02-31.sqlite"), None);
    }
}
