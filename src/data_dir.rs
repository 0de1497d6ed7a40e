//! Where Klik keeps its files: one data folder holding the user's database
//! and, apart from it, the throwaway demo database.
//!
//! The folder is the OS application data folder (for example
//! `~/.local/share/be.klik.desktop` on Linux, `%APPDATA%\be.klik.desktop` on
//! Windows), or the folder named by `KLIK_DATA_DIR`. When the user moved the
//! data elsewhere (Settings → "Choose another data folder…"), that first
//! folder keeps one small file naming where the data went. The desktop app
//! and the CLI resolve it the same way, so they work on the same database.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The application identifier; also the data folder's name (as Tauri names it).
pub const IDENTIFIER: &str = "be.klik.desktop";
/// Environment variable that overrides the data folder.
pub const OVERRIDE_VARIABLE: &str = "KLIK_DATA_DIR";
/// The user's database file inside the data folder.
pub const DATABASE_FILE: &str = "klik.sqlite";
/// The demo's database file, in the `demo` folder of the data folder.
pub const DEMO_FILE: &str = "klik-demo.sqlite";
/// The file in the first data folder that names the folder the data was
/// moved to: one line, the whole path.
pub const POINTER_FILE: &str = "data-folder.txt";

/// The data folder and the files in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// Where the data lives.
    root: PathBuf,
    /// The folder found first (the OS's, `KLIK_DATA_DIR` or `--data-dir`),
    /// which holds the pointer when the data was moved elsewhere.
    base: PathBuf,
    /// The pointer is there but says nothing Klik can use.
    unreadable_pointer: bool,
}

impl DataDir {
    /// A data folder at an explicit place (no pointer is followed).
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        let root = root.into();
        DataDir {
            base: root.clone(),
            root,
            unreadable_pointer: false,
        }
    }

    /// The folder the data was moved to, when `base` holds a pointer to one;
    /// else `base` itself. A pointer that is there but cannot be read, or
    /// does not hold a whole path, is not guessed at: [`DataDir::check_present`]
    /// refuses it, so that Klik never starts an empty file beside the data.
    pub fn followed(base: impl Into<PathBuf>) -> DataDir {
        let base = base.into();
        let (root, unreadable_pointer) = match std::fs::read(base.join(POINTER_FILE)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (base.clone(), false),
            Err(_) => (base.clone(), true),
            Ok(bytes) => match String::from_utf8(bytes)
                .ok()
                .map(|text| {
                    // Notepad may add a byte-order mark; Windows ends lines with \r\n.
                    text.trim_start_matches('\u{feff}')
                        .trim_end_matches(['\r', '\n'])
                        .to_string()
                })
                .filter(|text| Path::new(text).is_absolute())
            {
                Some(text) => (PathBuf::from(text), false),
                None => (base.clone(), true),
            },
        };
        DataDir {
            root,
            base,
            unreadable_pointer,
        }
    }

    /// The data folder at `root`, found from the same first folder as this one.
    pub fn moved_to(&self, root: impl Into<PathBuf>) -> DataDir {
        DataDir {
            root: root.into(),
            base: self.base.clone(),
            unreadable_pointer: false,
        }
    }

    /// The folder found first, which holds the pointer after a move.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// True when the data lives elsewhere than the folder found first.
    pub fn is_moved(&self) -> bool {
        self.root != self.base
    }

    /// Refuses a folder the data was moved to whose database is not there
    /// now (a USB stick or a network drive not connected, whose empty mount
    /// point may still be a folder), and a pointer Klik cannot read, before
    /// anything is opened: opening would make an empty database, and the
    /// officer would work on beside the real one.
    pub fn check_present(&self) -> crate::error::Result<()> {
        if self.unreadable_pointer {
            return Err(crate::error::Error::DataFolderPointer {
                path: self.base.join(POINTER_FILE),
            });
        }
        if self.is_moved() && !self.database().is_file() {
            return Err(crate::error::Error::DataFolderMissing {
                path: self.root.clone(),
            });
        }
        Ok(())
    }

    /// Resolves the folder from the override (the value of `KLIK_DATA_DIR`)
    /// or else the OS data folder, following a pointer left by a move;
    /// `None` when neither is known.
    pub fn resolve(
        override_value: Option<OsString>,
        os_data_dir: Option<PathBuf>,
    ) -> Option<DataDir> {
        match override_value.filter(|v| !v.is_empty()) {
            Some(value) => Some(DataDir::followed(PathBuf::from(value))),
            None => os_data_dir.map(|dir| DataDir::followed(dir.join(IDENTIFIER))),
        }
    }

    /// Resolves the folder from this process's environment and the OS.
    pub fn from_environment() -> Option<DataDir> {
        DataDir::resolve(std::env::var_os(OVERRIDE_VARIABLE), dirs::data_dir())
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The user's real database.
    pub fn database(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// Where the app puts the documents it prints to open them in the
    /// system's viewer; documents saved with "Save as…" go where the user chose.
    pub fn documents(&self) -> PathBuf {
        self.root.join("documents")
    }

    /// Automatic backups of the user's database, and the copies saved before a restore.
    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }

    /// The demo database, kept apart so exploring never touches real data.
    pub fn demo_database(&self) -> PathBuf {
        self.root.join("demo").join(DEMO_FILE)
    }
}

/// The database files open in this process, so that no export, report or
/// backup is ever written over one of them (a save dialog makes that one
/// click away).
static OPEN_FILES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// `path` with its folder resolved (links, `..`), when the folder exists.
fn resolved(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(folder.canonicalize().ok()?.join(name))
}

/// Refuses `target` when it is a Klik database open in this process, or one
/// of its companion files (`-wal`, `-shm`, `-journal`): writing there would
/// destroy the data the user is working in.
pub fn refuse_open_database(target: &Path) -> crate::error::Result<()> {
    use crate::error::{Error, FieldError};
    let Some(target) = resolved(target) else {
        return Ok(());
    };
    let open = OPEN_FILES.lock().unwrap_or_else(|e| e.into_inner());
    for database in open.iter() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = database.as_os_str().to_owned();
            name.push(suffix);
            if *name == *target.as_os_str() {
                return Err(Error::Invalid(vec![
                    FieldError::new("path", "error.path.own_database")
                        .with("path", target.display().to_string()),
                ]));
            }
        }
    }
    Ok(())
}

/// Notes that the database at `path` is open in this process (the store
/// calls it on opening), so that nothing is written over it.
pub(crate) fn opened(path: &Path) {
    if let Some(file) = resolved(path) {
        OPEN_FILES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
    }
}

/// Notes that the database at `path` was closed.
pub(crate) fn closed(path: &Path) {
    let Some(file) = resolved(path) else {
        return;
    };
    let mut open = OPEN_FILES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(k) = open.iter().position(|f| *f == file) {
        open.swap_remove(k);
    }
}

/// The hidden file of Klik's own beside `target` that a write goes to before
/// it is renamed into place, so no other file of the user's is ever touched.
pub fn partial_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "klik".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.klik-partial"))
}

/// Writes a file the user chose (or one of Klik's own), with a message a
/// person can act on when it fails (read-only, disk full, …).
///
/// The bytes go to a hidden file beside `path` first and are renamed into
/// place once complete, so a full disk or a crash never leaves half a PDF
/// behind, and an earlier file of the same name is kept until the new one is
/// whole.
///
/// A target that is an open Klik database (or its log) is refused.
pub fn write_file(path: &Path, bytes: impl AsRef<[u8]>) -> crate::error::Result<()> {
    refuse_open_database(path)?;
    let partial = partial_path(path);
    let written = std::fs::File::create(&partial).and_then(|mut file| {
        use std::io::Write;
        make_private(&partial)?;
        file.write_all(bytes.as_ref())?;
        file.sync_all()
    });
    let placed = written.and_then(|()| std::fs::rename(&partial, path));
    placed.map_err(|source| {
        let _ = std::fs::remove_file(&partial);
        crate::error::Error::from_io(path, source)
    })
}

/// Makes a file Klik wrote readable by the user alone (0600 on Unix): the
/// data is about people, and a shared computer has other accounts.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes a folder and the folders above it that are missing; the ones made
/// are the user's alone (0700 on Unix).
pub fn create_private_dirs(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Makes a folder of Klik's own that only the user can read (0700 on Unix).
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    // Only Unix sets a mode; elsewhere the builder is used as made.
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Checks a file the user named for Klik to write, before anything is made:
/// its folder must exist (Klik creates no folders unasked), it must not be
/// a folder itself, and its extension must be one this command writes
/// (a PDF is never written under `.docx`). The refusal names the file.
pub fn check_target(path: &Path, extensions: &[&str]) -> crate::error::Result<()> {
    use crate::error::{Error, FieldError};
    let shown = path.display().to_string();
    let refuse = |problem: FieldError| Err(Error::Invalid(vec![problem]));
    if path.is_dir() {
        return refuse(FieldError::new("out", "error.out.is_folder").with("path", shown));
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return refuse(
            FieldError::new("out", "error.out.no_folder")
                .with("path", shown)
                .with("folder", folder.display().to_string()),
        );
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !extensions.contains(&extension.as_str()) {
        let wanted: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
        return refuse(
            FieldError::new("out", "error.out.extension")
                .with("path", shown)
                .with("extensions", wanted.join(", ")),
        );
    }
    Ok(())
}

/// Checks a file the user chose in a save dialog before anything is made:
/// a whole path, in a folder that exists (Klik creates none first), and
/// never one of Klik's own files, however it is spelt: the user's and the
/// demo's database (open or closed) and their `-wal`, `-shm` and `-journal`
/// files, or anything in the automatic backups folder. The folder is
/// canonicalised first (links, `..`), names are compared without case (as
/// Windows and macOS compare them), and an existing file is compared by
/// identity too, so a link or another spelling cannot get through.
pub fn check_save_target(path: &Path, data: Option<&DataDir>) -> crate::error::Result<()> {
    use crate::error::{Error, FieldError};
    let shown = path.display().to_string();
    let refuse = |key: &'static str| {
        Err(Error::Invalid(vec![
            FieldError::new("path", key).with("path", shown.clone()),
        ]))
    };
    let (Some(name), true) = (path.file_name(), path.is_absolute()) else {
        return refuse("error.path.not_absolute");
    };
    let Some(folder) = path.parent().filter(|f| f.is_dir()) else {
        return Err(Error::Invalid(vec![
            FieldError::new("path", "error.out.no_folder")
                .with("path", shown.clone())
                .with(
                    "folder",
                    path.parent().unwrap_or(path).display().to_string(),
                ),
        ]));
    };
    let folder = folder
        .canonicalize()
        .map_err(|source| Error::from_io(folder, source))?;
    let Some(data) = data else {
        return Ok(());
    };
    let same_folder = |a: &Path, b: &Path| {
        a == b || a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    };
    let name = name.to_string_lossy().to_lowercase();
    for database in [data.database(), data.demo_database()] {
        let Some(own_folder) = database.parent().and_then(|f| f.canonicalize().ok()) else {
            continue;
        };
        let own_name = database
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let named = ["", "-wal", "-shm", "-journal"]
            .iter()
            .any(|suffix| name == format!("{own_name}{suffix}"));
        if (named && same_folder(&folder, &own_folder)) || same_file(path, &database) {
            return refuse("error.path.klik_file");
        }
    }
    if let Ok(backups) = data.backups().canonicalize() {
        let inside = folder.starts_with(&backups)
            || folder
                .to_string_lossy()
                .to_lowercase()
                .starts_with(&backups.to_string_lossy().to_lowercase());
        if inside {
            return refuse("error.path.backups_folder");
        }
    }
    Ok(())
}

/// True when both paths name one existing file (a link, a hard link,
/// another spelling on a case-insensitive disk).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => {
                x.to_string_lossy().to_lowercase() == y.to_string_lossy().to_lowercase()
            }
            _ => false,
        }
    }
}

/// Checks a folder the user named for Klik to write files into: it must
/// exist and be a folder; Klik creates none unasked.
pub fn check_folder(path: &Path) -> crate::error::Result<()> {
    use crate::error::{Error, FieldError};
    if path.is_dir() {
        return Ok(());
    }
    Err(Error::Invalid(vec![
        FieldError::new("out", "error.out.not_a_folder").with("path", path.display().to_string()),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        write_file(&path, b"first").unwrap();
        write_file(&path, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        // A folder that does not exist: an error naming the file, nothing left behind.
        let missing = dir.path().join("gone").join("report.pdf");
        let error = write_file(&missing, b"x").unwrap_err();
        assert!(error.to_string().contains("report.pdf"), "{error}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only report.pdf, no partial file");
    }

    #[test]
    fn a_target_is_checked_before_anything_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let key = |path: &Path, extensions: &[&str]| {
            check_target(path, extensions)
                .err()
                .map(|e| e.field_errors()[0].key)
        };
        assert_eq!(key(&dir.path().join("a.pdf"), &["pdf"]), None);
        assert_eq!(key(&dir.path().join("A.PDF"), &["pdf"]), None);
        assert_eq!(
            key(&dir.path().join("a.docx"), &["pdf"]),
            Some("error.out.extension")
        );
        assert_eq!(key(dir.path(), &["pdf"]), Some("error.out.is_folder"));
        let missing = dir.path().join("gone").join("a.pdf");
        assert_eq!(key(&missing, &["pdf"]), Some("error.out.no_folder"));
        assert!(!dir.path().join("gone").exists(), "no folder was made");
        assert!(check_folder(dir.path()).is_ok());
        assert!(check_folder(&dir.path().join("gone")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_klik_makes_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let file = dir.path().join("report.pdf");
        write_file(&file, b"x").unwrap();
        assert_eq!(mode(&file), 0o600);
        let folder = dir.path().join("a").join("b");
        create_private_dirs(&folder).unwrap();
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
    }

    #[test]
    fn a_save_dialog_can_never_name_one_of_klik_s_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().canonicalize().unwrap());
        // Closed databases: files on the disk, not open in this process.
        for database in [data.database(), data.demo_database()] {
            create_private_dirs(database.parent().unwrap()).unwrap();
            std::fs::write(&database, b"SQLite format 3\0").unwrap();
        }
        std::fs::create_dir_all(data.backups()).unwrap();
        let key = |path: &Path| {
            check_save_target(path, Some(&data))
                .err()
                .map(|e| e.field_errors()[0].key)
        };
        let root = data.root().to_path_buf();
        assert_eq!(key(&root.join("rapport.pdf")), None);
        for own in [
            root.join("klik.sqlite"),
            root.join("KLIK.sqlite"),
            root.join("klik.sqlite-wal"),
            root.join("klik.sqlite-SHM"),
            root.join("demo").join("klik-demo.sqlite"),
            root.join("demo").join("..").join("klik.sqlite"),
        ] {
            assert_eq!(key(&own), Some("error.path.klik_file"), "{}", own.display());
        }
        assert_eq!(
            key(&data.backups().join("klik-2026-12-01.sqlite")),
            Some("error.path.backups_folder")
        );
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            let link = elsewhere.path().join("innocent.pdf");
            std::os::unix::fs::symlink(data.database(), &link).unwrap();
            assert_eq!(key(&link), Some("error.path.klik_file"), "a link");
            let linked_folder = elsewhere.path().join("folder");
            std::os::unix::fs::symlink(data.backups(), &linked_folder).unwrap();
            assert_eq!(
                key(&linked_folder.join("x.pdf")),
                Some("error.path.backups_folder"),
                "a linked folder"
            );
        }
        assert_eq!(
            key(Path::new("rapport.pdf")),
            Some("error.path.not_absolute")
        );
        let missing = root.join("nieuw").join("rapport.pdf");
        assert_eq!(key(&missing), Some("error.out.no_folder"));
        assert!(!root.join("nieuw").exists(), "no folder was made");
    }

    #[test]
    fn a_pointer_left_by_a_move_is_followed_and_a_missing_folder_refused() {
        let first = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let moved = elsewhere.path().join("Klik");
        std::fs::write(
            first.path().join(POINTER_FILE),
            format!("{}\r\n", moved.display()),
        )
        .unwrap();
        let dir = DataDir::resolve(Some(first.path().into()), None).unwrap();
        assert_eq!(
            dir.root(),
            moved,
            "a line end written on Windows is dropped"
        );
        assert_eq!(dir.base(), first.path());
        assert_eq!(dir.database(), moved.join(DATABASE_FILE));
        let missing = dir.check_present().unwrap_err();
        assert_eq!(missing.code(), "data_folder_missing");
        // An empty folder there (a mount point without its drive) is no data either.
        std::fs::create_dir(&moved).unwrap();
        assert_eq!(
            dir.check_present().unwrap_err().code(),
            "data_folder_missing"
        );
        std::fs::write(moved.join(DATABASE_FILE), b"SQLite format 3\0").unwrap();
        assert!(dir.check_present().is_ok());
        // A byte-order mark from Notepad is read past.
        std::fs::write(
            first.path().join(POINTER_FILE),
            format!("\u{feff}{}\n", moved.display()),
        )
        .unwrap();
        let dir = DataDir::resolve(Some(first.path().into()), None).unwrap();
        assert_eq!(dir.root(), moved);
        // A pointer that is not a whole path, or not text, is refused, not guessed at.
        for junk in [&b"Klik\n"[..], &b"\xff\xfe\x00"[..], &b""[..]] {
            std::fs::write(first.path().join(POINTER_FILE), junk).unwrap();
            let dir = DataDir::resolve(Some(first.path().into()), None).unwrap();
            assert_eq!(dir.root(), first.path());
            assert_eq!(
                dir.check_present().unwrap_err().code(),
                "data_folder_pointer",
                "{junk:?}"
            );
        }
    }

    #[test]
    fn override_wins_over_the_os_folder() {
        let dir = DataDir::resolve(
            Some("/tmp/klik-test".into()),
            Some("/home/x/.local/share".into()),
        )
        .unwrap();
        assert_eq!(dir.database(), PathBuf::from("/tmp/klik-test/klik.sqlite"));
        let os = DataDir::resolve(Some("".into()), Some("/home/x/.local/share".into())).unwrap();
        assert_eq!(
            os.root(),
            Path::new("/home/x/.local/share/be.klik.desktop"),
            "an empty override is ignored"
        );
        assert_ne!(
            os.demo_database(),
            os.database(),
            "the demo never shares the real database"
        );
    }
}
