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
        .filter(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let database = ["", "-wal", "-shm", "-journal"]
                .iter()
                .any(|suffix| name == format!("{DATABASE_FILE}{suffix}"));
            database
                || name.starts_with("klik.damaged-")
                || ["backups", "documents", "demo"].contains(&name.as_str())
        })
        .collect();
    found.sort();
    found
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
    // reads `\\?\C:\…`, which is no path to show or to remember.
    let real = chosen
        .canonicalize()
        .map_err(|source| Error::from_io(chosen, source))?;
    let root = current
        .root()
        .canonicalize()
        .unwrap_or_else(|_| current.root().to_path_buf());
    let empty = |folder: &Path| -> Result<bool> {
        let entries = fs::read_dir(folder).map_err(|source| Error::from_io(folder, source))?;
        // The first folder keeps only the pointer once its data has gone:
        // choosing it again brings the data back there.
        Ok(entries
            .filter_map(|e| e.ok())
            .all(|e| e.file_name() == POINTER_FILE))
    };
    let (target, real_target) = if empty(chosen)? {
        (chosen.to_path_buf(), real)
    } else {
        let inside = chosen.join(SUBFOLDER);
        if inside.exists() && !(inside.is_dir() && empty(&inside)?) {
            return refuse("error.move.not_empty", &inside);
        }
        (inside, real.join(SUBFOLDER))
    };
    if real_target.starts_with(&root) {
        return refuse("error.move.inside", &target);
    }
    Ok(target)
}

/// Moves the data of `current` (whose user database `store` is open) to the
/// folder the user chose, and leaves `store` open on the moved database.
///
/// The caller closes the demo first: its file is copied as it lies.
pub fn move_data(store: &mut Store, current: &DataDir, chosen: &Path) -> Result<Moved> {
    let target = destination(current, chosen)?;
    let made = !target.exists();
    data_dir::create_private_dirs(&target).map_err(|source| Error::from_io(&target, source))?;
    let next = current.moved_to(&target);
    let copied = copy_all(store, current, &next);
    let opened = copied
        .and_then(|()| point_to(current, &target))
        .and_then(|()| Store::open(&next.database()));
    let new_store = match opened {
        Ok(new_store) => new_store,
        Err(error) => {
            // Nothing of the old place changed: undo the copy and the pointer.
            let _ = point_to(current, current.root());
            for entry in own_entries(&target) {
                let _ = remove(&entry);
            }
            if made {
                let _ = fs::remove_dir(&target);
            }
            return Err(error);
        }
    };
    // The old database is closed before its files are removed.
    drop(std::mem::replace(store, new_store));
    let mut left_behind = Vec::new();
    for entry in own_entries(current.root()) {
        if remove(&entry).is_err() {
            left_behind.push(entry);
        }
    }
    // The emptied folder itself stays: the user may have made it.
    Ok(Moved {
        dir: next,
        from: current.root().to_path_buf(),
        left_behind,
    })
}

/// Copies the database (a consistent online copy, checked whole) and then
/// every other entry of Klik's, file by file.
fn copy_all(store: &Store, current: &DataDir, next: &DataDir) -> Result<()> {
    super::backup::backup_to(store, &next.database())?;
    for entry in own_entries(current.root()) {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned());
        // The database was copied above; its log and shared memory belong
        // to the open connection, not to the copy.
        if name
            .as_deref()
            .is_some_and(|n| n.starts_with(DATABASE_FILE))
        {
            continue;
        }
        let to = next.root().join(entry.file_name().unwrap_or_default());
        copy_entry(&entry, &to)?;
    }
    Ok(())
}

/// Copies a file, or a folder with everything in it, as the user's alone.
fn copy_entry(from: &Path, to: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(from).map_err(|source| Error::from_io(from, source))?;
    if meta.is_dir() {
        data_dir::create_private_dir(to).map_err(|source| Error::from_io(to, source))?;
        let entries = fs::read_dir(from).map_err(|source| Error::from_io(from, source))?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::from_io(from, source))?;
            copy_entry(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else if meta.is_file() {
        fs::copy(from, to).map_err(|source| Error::from_io(to, source))?;
        data_dir::make_private(to).map_err(|source| Error::from_io(to, source))?;
        fs::File::open(to)
            .and_then(|file| file.sync_all())
            .map_err(|source| Error::from_io(to, source))?;
    }
    // A link is not Klik's making: it is not followed, nor copied.
    Ok(())
}

/// Writes the pointer in the first folder (a whole file, renamed into
/// place), or removes it when the data returns to the first folder.
fn point_to(current: &DataDir, target: &Path) -> Result<()> {
    let pointer = current.base().join(POINTER_FILE);
    let real = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if real(target) == real(current.base()) {
        return match fs::remove_file(&pointer) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::from_io(&pointer, source))
            }
            _ => Ok(()),
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
    data_dir::write_file(&pointer, format!("{text}\n"))
}

fn remove(entry: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(entry)?.is_dir() {
        fs::remove_dir_all(entry)
    } else {
        fs::remove_file(entry)
    }
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
