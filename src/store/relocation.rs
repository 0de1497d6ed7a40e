//! Moving Klik's data to another folder (a synchronised folder, a second
//! disk): the database as a consistent online copy, then the backups, the
//! printed documents and the demo as they are; checked, pointed to from the
//! first folder, and only then removed from the old place. Until the pointer
//! is written nothing of the old place changes, so a failure on the way (a
//! full disk, a folder that cannot be written) loses nothing.
//!
//! The old files are removed rather than left as a stale copy: a copy that
//! Klik no longer looks at would keep a person there after their erasure.

use std::fs;
use std::path::{Path, PathBuf};

use super::Store;
use crate::data_dir::{self, DATABASE_FILE, DataDir, POINTER_FILE};
use crate::error::{Error, FieldError, Result};

/// The folder made inside a chosen folder that already holds other files.
pub const SUBFOLDER: &str = "Klik";
/// The list, in the data folder, of old files a move could not remove: the
/// old folder on the first line, then one file a line. Klik tries them
/// again at every start and before every erasure.
pub const LEFT_BEHIND_FILE: &str = "left-behind.txt";

/// What a move did.
#[derive(Debug)]
pub struct Moved {
    /// The data folder now in use.
    pub dir: DataDir,
    /// The folder the data came from.
    pub from: PathBuf,
    /// Files of the old place that could not be removed (open in another
    /// program, say): the user is told to remove them.
    pub left_behind: Vec<PathBuf>,
}

/// Klik's own entries in a data folder: the database and its companion
/// files, damaged files kept aside, the backups, the printed documents and
/// the demo. Anything else there (the window's own storage, which shares the
/// OS folder, or the user's files) is not Klik's to move.
pub fn own_entries(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|path| is_own(path.file_name().unwrap_or_default()))
        .collect();
    found.sort();
    found
}

/// Whether an entry of a data folder is one of Klik's by its name.
fn is_own(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let database = ["", "-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| name == format!("{DATABASE_FILE}{suffix}"));
    database
        || name.starts_with("klik.damaged-")
        || ["backups", "documents", "demo", LEFT_BEHIND_FILE].contains(&name.as_ref())
}

/// Tries again to remove the old files a move left behind, as listed in the
/// data folder `root`, and returns those still there (for the officer to
/// delete). Whatever the list says, only files inside the old folder under
/// one of Klik's own names are touched.
pub fn clear_left_behind(root: &Path) -> Vec<PathBuf> {
    let list = root.join(LEFT_BEHIND_FILE);
    let Ok(text) = fs::read_to_string(&list) else {
        return Vec::new();
    };
    let mut lines = text.lines().map(PathBuf::from);
    let Some(old) = lines.next() else {
        let _ = fs::remove_file(&list);
        return Vec::new();
    };
    let mut left = Vec::new();
    for file in lines {
        let ours = file
            .strip_prefix(&old)
            .ok()
            .and_then(|rest| rest.components().next())
            .is_some_and(|first| is_own(first.as_os_str()));
        if ours {
            remove_all(&file, &mut left);
        }
    }
    if left.is_empty() || record_left_behind(root, &old, &left).is_err() {
        let _ = fs::remove_file(&list);
    }
    left
}

/// Writes the list of old files still to remove into the data folder `root`.
fn record_left_behind(root: &Path, old: &Path, left: &[PathBuf]) -> Result<()> {
    let mut text = format!("{}\n", old.display());
    for file in left {
        text.push_str(&format!("{}\n", file.display()));
    }
    data_dir::write_file(&root.join(LEFT_BEHIND_FILE), text)
}

/// Where the data goes when the user chose `chosen`: the folder itself when
/// it is empty, else a `Klik` folder inside it (made, or empty). Refused:
/// a path that is not whole, not a folder, the current data folder or a
/// folder inside it, or a `Klik` folder that already holds files.
pub fn destination(current: &DataDir, chosen: &Path) -> Result<PathBuf> {
    let refuse = |key: &'static str, path: &Path| {
        Err(Error::Invalid(vec![
            FieldError::new("folder", key).with("path", path.display().to_string()),
        ]))
    };
    if !chosen.is_absolute() {
        return refuse("error.path.not_absolute", chosen);
    }
    if !chosen.is_dir() {
        return refuse("error.move.not_folder", chosen);
    }
    // Compared as the system resolves them (links, `..`, letter case on
    // Windows), but kept as the user chose them: a resolved Windows path
    // reads `\\?\C:\…`, which is no path to show or to remember. A volume
    // that cannot resolve paths is compared as written.
    let real = resolved(chosen);
    let root = resolved(current.root());
    let empty = |folder: &Path| -> Result<bool> {
        let entries = fs::read_dir(folder).map_err(|source| Error::from_io(folder, source))?;
        // The first folder keeps only the pointer once its data has gone:
        // choosing it again brings the data back there.
        Ok(entries
            .filter_map(|e| e.ok())
            .all(|e| e.file_name() == POINTER_FILE))
    };
    if real.starts_with(&root) {
        return refuse("error.move.inside", chosen);
    }
    if empty(chosen)? {
        return Ok(chosen.to_path_buf());
    }
    let inside = chosen.join(SUBFOLDER);
    // The parent of a data folder called Klik: that folder is the current one.
    if real.join(SUBFOLDER).starts_with(&root) {
        return refuse("error.move.inside", &inside);
    }
    if inside.exists() && !(inside.is_dir() && empty(&inside)?) {
        return refuse("error.move.not_empty", &inside);
    }
    Ok(inside)
}

/// `path` as the system resolves it, or as written when it cannot.
fn resolved(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Moves the data of `current` (whose user database `store` is open) to the
/// folder the user chose, and leaves `store` open on the moved database.
///
/// The database (and the demo's) is held for this process alone while it
/// moves: another Klik that has it open (the window, or the command line
/// in the middle of an import) would go on writing into the old file, so
/// the move is refused (`busy`) until it is closed. SQLite gives such a
/// hold up only when the connection closes: after a refusal the caller
/// closes `store` and opens it again (the window does; the command line
/// ends). The demo is closed by the caller before.
pub fn move_data(store: &mut Store, current: &DataDir, chosen: &Path) -> Result<Moved> {
    let target = destination(current, chosen)?;
    hold_alone(store)?;
    // A demo that cannot be opened is not moved: it is made afresh when
    // the officer explores it again.
    let demo = match current.demo_database().exists() {
        true => Store::open(&current.demo_database()).ok(),
        false => None,
    };
    if let Some(demo) = &demo {
        hold_alone(demo)?;
    }
    let made = !target.exists();
    data_dir::create_private_dirs(&target).map_err(|source| Error::from_io(&target, source))?;
    let next = current.moved_to(&target);
    let opened = copy_all(store, demo.as_ref(), current, &next)
        .and_then(|()| sync_folders(&target))
        .and_then(|()| point_to(current, &target))
        .and_then(|()| Store::open(&next.database()));
    let new_store = match opened {
        Ok(new_store) => new_store,
        Err(error) => {
            // Nothing of the old place changed. The copy goes only once the
            // pointer names the old place again; else it is where the
            // pointer leads, whole.
            if point_to(current, current.root()).is_ok() {
                for entry in own_entries(&target) {
                    remove_all(&entry, &mut Vec::new());
                }
                if made {
                    let _ = fs::remove_dir(&target);
                }
            }
            return Err(error);
        }
    };
    // The old databases are closed before their files are removed.
    drop(demo);
    drop(std::mem::replace(store, new_store));
    let mut left_behind = Vec::new();
    for entry in own_entries(current.root()) {
        remove_all(&entry, &mut left_behind);
    }
    // What could not go is remembered, to be tried again (an erasure must
    // reach it); the officer is told too.
    if !left_behind.is_empty() {
        let _ = record_left_behind(next.root(), current.root(), &left_behind);
    }
    // The emptied folder itself stays: the user may have made it.
    Ok(Moved {
        dir: next,
        from: current.root().to_path_buf(),
        left_behind,
    })
}

/// Takes the database for this connection alone, or says that another
/// program has it open (`busy`, after the usual wait).
fn hold_alone(store: &Store) -> Result<()> {
    store
        .conn()
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;")
        .map_err(|e| Error::from_sqlite(e, store.path()))
}

/// Copies the databases (consistent online copies, checked whole) and then
/// every other entry of Klik's, file by file.
fn copy_all(store: &Store, demo: Option<&Store>, current: &DataDir, next: &DataDir) -> Result<()> {
    super::backup::backup_to(store, &next.database())?;
    if let Some(demo) = demo {
        super::backup::backup_to(demo, &next.demo_database())?;
    }
    for entry in own_entries(current.root()) {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The databases were copied above; their logs and shared memory
        // belong to the open connections, not to the copies.
        if name.starts_with(DATABASE_FILE) || (name == "demo" && demo.is_some()) {
            continue;
        }
        copy_entry(&entry, &next.root().join(&name))?;
    }
    Ok(())
}

/// Copies a file, or a folder with everything in it, as the user's alone;
/// a link is copied as what it leads to. A file keeps its modification
/// time: printed documents are cleared a month after they were made.
fn copy_entry(from: &Path, to: &Path) -> Result<()> {
    let meta = fs::metadata(from).map_err(|source| Error::from_io(from, source))?;
    if meta.is_dir() {
        if !to.is_dir() {
            data_dir::create_private_dir(to).map_err(|source| Error::from_io(to, source))?;
        }
        let entries = fs::read_dir(from).map_err(|source| Error::from_io(from, source))?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::from_io(from, source))?;
            copy_entry(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else if meta.is_file() {
        fs::copy(from, to).map_err(|source| Error::from_io(to, source))?;
        data_dir::make_private(to).map_err(|source| Error::from_io(to, source))?;
        let file = fs::File::options()
            .write(true)
            .open(to)
            .map_err(|source| Error::from_io(to, source))?;
        if let Ok(modified) = meta.modified() {
            let _ = file.set_modified(modified);
        }
        file.sync_all()
            .map_err(|source| Error::from_io(to, source))?;
    }
    Ok(())
}

/// Makes the new folders' entries durable before anything old is removed:
/// on another disk, a power cut could otherwise keep the removals and lose
/// the new names. (Windows commits a folder's entries with its files.)
fn sync_folders(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let entries = fs::read_dir(folder).map_err(|source| Error::from_io(folder, source))?;
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                sync_folders(&entry.path())?;
            }
        }
    }
    sync_folder(folder)
}

/// Writes the pointer in the first folder (a whole file, renamed into
/// place), or removes it when the data returns to the first folder.
fn point_to(current: &DataDir, target: &Path) -> Result<()> {
    let pointer = current.base().join(POINTER_FILE);
    if resolved(target) == resolved(current.base()) {
        return match fs::remove_file(&pointer) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::from_io(&pointer, source))
            }
            _ => sync_folder(current.base()),
        };
    }
    let Some(text) = target.to_str() else {
        return Err(Error::Invalid(vec![
            FieldError::new("folder", "error.move.not_folder")
                .with("path", target.display().to_string()),
        ]));
    };
    data_dir::create_private_dirs(current.base())
        .map_err(|source| Error::from_io(current.base(), source))?;
    data_dir::write_file(&pointer, format!("{text}\n"))?;
    sync_folder(current.base())
}

/// Makes one folder's entries durable (the pointer's rename or removal).
fn sync_folder(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    fs::File::open(folder)
        .and_then(|f| f.sync_all())
        .map_err(|source| Error::from_io(folder, source))?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Removes a file, or a folder with everything in it, file by file; what
/// cannot be removed is added to `left`. A file just closed can stay
/// locked a moment on Windows (a virus scanner reading it): it is tried
/// again shortly before it counts as left.
fn remove_all(path: &Path, left: &mut Vec<PathBuf>) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if meta.is_dir() {
        if let Ok(entries) = fs::read_dir(path) {
            for entry in entries.flatten() {
                remove_all(&entry.path(), left);
            }
        }
        let _ = fs::remove_dir(path);
        return;
    }
    for attempt in 0..3 {
        if fs::remove_file(path).is_ok() {
            return;
        }
        if attempt < 2 {
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
    left.push(path.to_path_buf());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_folder_is_used_as_it_is_and_a_full_one_gets_a_klik_folder() {
        let data = tempfile::tempdir().unwrap();
        let current = DataDir::at(data.path());
        let elsewhere = tempfile::tempdir().unwrap();
        let chosen = elsewhere.path().canonicalize().unwrap();
        assert_eq!(destination(&current, &chosen).unwrap(), chosen);
        fs::write(chosen.join("notes.txt"), b"mine").unwrap();
        assert_eq!(
            destination(&current, &chosen).unwrap(),
            chosen.join(SUBFOLDER)
        );
        fs::create_dir(chosen.join(SUBFOLDER)).unwrap();
        fs::write(chosen.join(SUBFOLDER).join("x"), b"x").unwrap();
        let key = |path: &Path| {
            destination(&current, path)
                .err()
                .map(|e| e.field_errors()[0].key)
        };
        assert_eq!(key(&chosen), Some("error.move.not_empty"));
        assert_eq!(key(Path::new("relative")), Some("error.path.not_absolute"));
        assert_eq!(
            key(&chosen.join("notes.txt")),
            Some("error.move.not_folder")
        );
        let inner = data.path().join("backups");
        fs::create_dir(&inner).unwrap();
        assert_eq!(key(&inner), Some("error.move.inside"));
        assert_eq!(key(data.path()), Some("error.move.inside"));
    }

    #[test]
    fn files_left_behind_are_tried_again_and_only_klik_s_own() {
        let root = tempfile::tempdir().unwrap();
        let old = tempfile::tempdir().unwrap();
        let backups = old.path().join("backups");
        fs::create_dir(&backups).unwrap();
        let copy = backups.join("klik-2026-12-01.sqlite");
        fs::write(&copy, b"x").unwrap();
        let theirs = old.path().join("notes.txt");
        fs::write(&theirs, b"mine").unwrap();
        let elsewhere = root.path().join("klik.sqlite");
        fs::write(&elsewhere, b"data").unwrap();
        record_left_behind(
            root.path(),
            old.path(),
            &[copy.clone(), theirs.clone(), elsewhere.clone()],
        )
        .unwrap();
        assert_eq!(clear_left_behind(root.path()), Vec::<PathBuf>::new());
        assert!(!copy.exists(), "Klik's old copy is gone");
        assert!(
            theirs.exists() && elsewhere.exists(),
            "nothing else is touched"
        );
        assert!(
            !root.path().join(LEFT_BEHIND_FILE).exists(),
            "the list is done"
        );
        assert_eq!(clear_left_behind(root.path()), Vec::<PathBuf>::new());
    }

    #[test]
    fn only_klik_s_own_entries_are_moved() {
        let data = tempfile::tempdir().unwrap();
        for name in [
            "klik.sqlite",
            "klik.sqlite-wal",
            "klik.damaged-2026-11-02T101010.sqlite",
            "data-folder.txt",
            "WebKitCache",
            "notes.txt",
        ] {
            fs::write(data.path().join(name), b"x").unwrap();
        }
        for folder in ["backups", "documents", "demo", "storage"] {
            fs::create_dir(data.path().join(folder)).unwrap();
        }
        let names: Vec<String> = own_entries(data.path())
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "backups",
                "demo",
                "documents",
                "klik.damaged-2026-11-02T101010.sqlite",
                "klik.sqlite",
                "klik.sqlite-wal"
            ]
        );
    }
}
