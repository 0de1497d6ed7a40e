//! The app's state between commands: the user's database, the demo database
//! when the user is exploring it, and the language to speak.

use std::sync::{Arc, Mutex, PoisonError};

use klik::data_dir::DataDir;
use klik::i18n::{Texts, language_for_locale};
use klik::organisation::{self, StartChoice};
use klik::{Error, Store, clock, demo};

use crate::dto::CommandError;

/// Shared by all commands; the mutex serialises database work, which SQLite
/// does anyway for writes, and keeps the one connection per file simple.
pub struct Shared {
    session: Mutex<Session>,
}

/// What the app has open.
pub struct Session {
    pub data_dir: Option<DataDir>,
    /// The user's own database, or why it could not be opened.
    pub real: Result<Store, Error>,
    /// The demo database while the user explores the demo.
    pub demo: Option<Store>,
    /// The OS locale the window reported (`nl-BE`, `en-US`, …).
    pub os_locale: String,
    /// Why the last automatic backup failed, if it did (shown in Settings).
    pub backup_problem: Option<Error>,
    /// How many people the retention setting anonymised at start.
    pub retention_erased: usize,
}

impl Shared {
    /// Opens the user's database in `data_dir`, and the demo when the user chose it last time.
    pub fn open(data_dir: Option<DataDir>) -> Shared {
        if let Some(dir) = &data_dir {
            remember(dir);
        }
        let mut session = Session {
            data_dir,
            real: Err(no_data_folder()),
            demo: None,
            os_locale: String::new(),
            backup_problem: None,
            retention_erased: 0,
        };
        session.reopen();
        Shared {
            session: Mutex::new(session),
        }
    }

    /// Runs `work` on a blocking thread with the session locked, so the window
    /// stays responsive while SQLite works.
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Session) -> Result<T, CommandError> + Send + 'static,
    {
        let shared = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command must not lock the user out: the
            // data is in SQLite, not in this mutex, so carrying on is safe.
            let mut session = shared
                .session
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            work(&mut session)
        })
        .await
        .map_err(|_| CommandError::unexpected())?
    }

    /// Runs core `work` on the active database with the interface's texts,
    /// on a blocking thread, its error translated: what most commands are.
    pub async fn on_active<T, F>(self: &Arc<Self>, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Texts) -> klik::Result<T> + Send + 'static,
    {
        self.run(move |session| {
            let texts = session.texts();
            session.with_active(|store| work(store, &texts))
        })
        .await
    }
}

impl Session {
    /// (Re)opens the user's database and, if it was chosen, the demo.
    pub fn reopen(&mut self) {
        self.demo = None;
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        // The connection open now is closed first: a hold it may have
        // taken (a refused move) ends only with it.
        self.real = Err(no_data_folder());
        // A folder the data was moved to that is not there (a drive not
        // connected) is said so; nothing is made in its place.
        self.real = dir
            .check_present()
            .and_then(|()| Store::open(&dir.database()));
        // Once a day, at start: a copy of the user's data before any work,
        // then the retention setting (after the copy, so nothing is lost by accident).
        self.back_up(false);
        let texts = self.texts();
        if let Ok(store) = &mut self.real {
            let places = klik::privacy::Places::beside(&dir.database());
            self.retention_erased =
                klik::privacy::apply_retention(store, &texts, clock::now(), &places)
                    .map(|done| done.people)
                    .unwrap_or(0);
        }
        // Old files a move of the data could not remove are tried again.
        klik::store::relocation::clear_left_behind(dir.root());
        // Printed documents are a cache: gone after a month.
        klik::privacy::clear_old_documents(
            &dir.documents(),
            klik::privacy::DOCUMENT_DAYS,
            std::time::SystemTime::now(),
        );
        let wants_demo = self
            .real
            .as_ref()
            .ok()
            .and_then(|store| organisation::start_choice(store).ok().flatten())
            == Some(StartChoice::Demo);
        if wants_demo {
            // If the demo cannot be opened, the user lands in their own data: no harm done.
            self.demo = self.open_demo().ok();
        }
    }

    /// The data folder, or the translated reason there is none.
    pub fn folder(&self) -> Result<DataDir, CommandError> {
        self.data_dir
            .clone()
            .ok_or_else(|| self.fail(no_data_folder()))
    }

    /// The language to speak: the user's choice, or the OS locale's.
    pub fn language(&self) -> String {
        self.real
            .as_ref()
            .ok()
            .and_then(|store| organisation::ui_language(store).ok().flatten())
            .unwrap_or_else(|| language_for_locale(&self.os_locale).to_string())
    }

    /// Texts in the current language.
    pub fn texts(&self) -> Texts {
        Texts::for_language(&self.language())
    }

    /// A core error as the UI receives it, translated.
    pub fn fail(&self, error: Error) -> CommandError {
        CommandError::from_core(&error, &self.texts())
    }

    /// The user's database, or the reason it is unavailable.
    pub fn real(&mut self) -> Result<&mut Store, CommandError> {
        let texts = self.texts();
        match &mut self.real {
            Ok(store) => Ok(store),
            Err(error) => Err(CommandError::from_core(error, &texts)),
        }
    }

    /// The database the user works in now: the demo while exploring it, else their own.
    pub fn active(&mut self) -> Result<&mut Store, CommandError> {
        match self.demo {
            Some(ref mut demo) => Ok(demo),
            None => self.real(),
        }
    }

    /// An automatic backup of the user's own database into the backups
    /// folder: today's if there is none yet, or a fresh one (`force`) after
    /// a large change. The demo needs none. A failure does not stop the
    /// work; it is kept to be shown in Settings.
    pub fn back_up(&mut self, force: bool) {
        if self.in_demo() {
            return;
        }
        let (Some(dir), Ok(store)) = (&self.data_dir, &self.real) else {
            return;
        };
        self.backup_problem = if force {
            // The same rule as the command line's after an import or a confirmation.
            klik::store::backup::after_large_change(store, clock::now()).err()
        } else {
            klik::store::backup::automatic(store, &dir.backups(), clock::now(), false).err()
        };
    }

    /// True while the demo is open.
    pub fn in_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// Opens the demo again (after its file was moved with the data); if it
    /// cannot be opened, the user lands in their own data.
    pub fn reopen_demo(&mut self) {
        self.demo = self.open_demo().ok();
    }

    /// Opens the demo database, filling it the first time.
    fn open_demo(&self) -> Result<Store, Error> {
        let dir = self.data_dir.as_ref().ok_or_else(no_data_folder)?;
        // Never made in a folder the data was moved to that is not there.
        dir.check_present()?;
        Ok(demo::open(&dir.demo_database(), clock::now())?.0)
    }

    /// Runs core `work` on the active database, translating its error.
    pub fn with_active<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> klik::Result<T>,
    ) -> Result<T, CommandError> {
        let result = work(self.active()?);
        result.map_err(|e| self.fail(e))
    }

    /// Runs core `work` on the user's own database, translating its error.
    pub fn with_real<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> klik::Result<T>,
    ) -> Result<T, CommandError> {
        let result = work(self.real()?);
        result.map_err(|e| self.fail(e))
    }

    /// Switches to the demo (`true`) or to the user's own data (`false`) and remembers it.
    pub fn switch(&mut self, demo: bool) -> Result<(), CommandError> {
        if demo {
            let store = self.open_demo().map_err(|e| self.fail(e))?;
            self.with_real(|real| organisation::set_start_choice(real, Some(StartChoice::Demo)))?;
            self.demo = Some(store);
        } else {
            self.with_real(|real| organisation::set_start_choice(real, Some(StartChoice::Empty)))?;
            self.demo = None;
        }
        Ok(())
    }
}

/// A file the user chose in a save dialog, checked before anything is
/// written: a whole path (the dialog always gives one, so a relative one did
/// not come from the user), in an existing folder, and never one of Klik's
/// own files or its backups folder, however it is spelt
/// ([`klik::data_dir::check_save_target`]).
pub fn chosen(path: &std::path::Path) -> Result<(), Error> {
    let dirs = DATA_DIRS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    klik::data_dir::check_save_target(path, None)?;
    for dir in &dirs {
        klik::data_dir::check_save_target(path, Some(dir))?;
    }
    Ok(())
}

/// Every data folder this process opened: none of their databases or
/// backups may be the target of a save dialog.
static DATA_DIRS: Mutex<Vec<DataDir>> = Mutex::new(Vec::new());

/// Notes a data folder this process works in (at start, or after a move).
pub fn remember(dir: &DataDir) {
    DATA_DIRS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(dir.clone());
}

/// The error when the OS tells no folder for Klik's data (no home folder).
pub fn no_data_folder() -> Error {
    Error::Io {
        path: "(no data folder)".into(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no data folder is known on this system",
        ),
    }
}
