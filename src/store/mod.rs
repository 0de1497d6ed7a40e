//! The SQLite store: opening a database file safely and bringing its schema up to date.
//!
//! Opening never changes a file that is not ours or that a newer Klik wrote:
//! the header, application id and schema version are checked before any
//! pragma that writes (such as switching to WAL). Migrations are numbered
//! `.sql` files applied in one transaction and tracked by `PRAGMA user_version`.
//! This module knows nothing about programmes or participants.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub mod backup;
pub mod relocation;

/// `PRAGMA application_id` of every Klik database: "KLIK" in ASCII.
pub const APPLICATION_ID: i64 = 0x4B4C_494B;

/// The migrations, in order; migration `n` (1-based) brings the schema to version `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_participants.sql"),
    include_str!("migrations/0003_matching.sql"),
    include_str!("migrations/0004_agreements.sql"),
    include_str!("migrations/0005_intakes.sql"),
    include_str!("migrations/0006_trajectory.sql"),
    include_str!("migrations/0007_intake_exceptions.sql"),
    include_str!("migrations/0008_messages.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a write waits for another connection before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated Klik database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path` and migrates it to [`SCHEMA_VERSION`].
    ///
    /// The folder is created when missing. A file that is not a Klik database,
    /// a damaged one, or one from a newer Klik is refused and left as it was.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::data_dir::create_private_dirs(folder)
                .map_err(|source| Error::from_io(folder, source))?;
        }
        check_header(path)?;
        let new = !path.exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::from_sqlite(e, path))?;
        // A database Klik makes is the user's alone; SQLite gives its log
        // and shared-memory files the same permissions.
        if new {
            crate::data_dir::make_private(path).map_err(|source| Error::from_io(path, source))?;
        }
        let store = Store::prepare(conn, path.to_path_buf())?;
        crate::data_dir::opened(path);
        Ok(store)
    }

    /// A fresh database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::prepare(conn, PathBuf::from(":memory:"))
    }

    fn prepare(mut conn: Connection, path: PathBuf) -> Result<Store> {
        let sqlite = |e: rusqlite::Error| Error::from_sqlite(e, &path);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        guard(&conn).map_err(sqlite)?;
        // Read-only checks first: nothing below may write to a file we will refuse.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sqlite)?;
        let application_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(sqlite)?;
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(sqlite)?;
        let ours = application_id == APPLICATION_ID || (application_id == 0 && objects == 0);
        if !ours {
            return Err(Error::NotKlikDatabase { path });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::DatabaseTooNew {
                path,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if objects > 0 {
            let verdict: String = conn
                .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
                .map_err(sqlite)?;
            if verdict != "ok" {
                return Err(Error::DatabaseDamaged {
                    path,
                    detail: verdict,
                });
            }
        }
        // Durability over speed: an HR officer writes little, and losing a
        // confirmed matching to a power cut is worse than a slower save.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sqlite)?;
        migrate(&mut conn, version).map_err(sqlite)?;
        Ok(Store { conn, path })
    }

    /// Leaves nothing of deleted or overwritten data in the files: the log
    /// is copied into the database and emptied, the database rebuilt without
    /// free pages (VACUUM), and the log emptied again. After an erasure, a
    /// byte-by-byte read of `klik.sqlite` and its `-wal` finds nothing of
    /// the erased person.
    pub fn scrub(&mut self) -> Result<()> {
        let path = self.path.clone();
        let sqlite = |e: rusqlite::Error| Error::from_sqlite(e, &path);
        let checkpoint =
            |conn: &Connection| conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        checkpoint(&self.conn).map_err(sqlite)?;
        self.conn.execute_batch("VACUUM").map_err(sqlite)?;
        checkpoint(&self.conn).map_err(sqlite)
    }

    /// The file this store reads and writes (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for queries of the domain modules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one immediate transaction: all of it is saved, or none.
    /// SQLite errors are translated so that they name this database's file.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::from_sqlite(e, &path))?;
        let value = work(&tx).map_err(|e| match e {
            Error::Database(inner) => Error::from_sqlite(inner, &path),
            other => other,
        })?;
        tx.commit().map_err(|e| Error::from_sqlite(e, &path))?;
        Ok(value)
    }

    /// Maps a SQLite error from a read so that it names this database's file.
    pub fn read_error(&self, error: rusqlite::Error) -> Error {
        Error::from_sqlite(error, &self.path)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        crate::data_dir::closed(&self.path);
    }
}

/// Refuses a non-empty file whose first bytes are not a SQLite header,
/// before SQLite gets a chance to touch it.
fn check_header(path: &Path) -> Result<()> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(Error::from_io(path, source)),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => return Err(Error::from_io(path, source)),
        }
    }
    if read == 0 {
        // An empty file is what SQLite itself leaves after a failed first open.
        return Ok(());
    }
    if read < header.len() || &header != b"SQLite format 3\0" {
        return Err(Error::NotKlikDatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// What every connection Klik opens runs with, before anything is read:
/// deleted content overwritten with zeros (`secure_delete`), no function in
/// the schema trusted to have side effects (`trusted_schema=OFF`), and
/// SQLite's defensive mode, so that no SQL can corrupt the file on purpose.
pub(crate) fn guard(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

/// One object of a database's schema: type, name, table and SQL.
pub(crate) type SchemaObject = (String, String, String, Option<String>);

/// Every table, index, trigger and view of a database, in a fixed order.
pub(crate) fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

/// The schema exactly as this Klik makes it at `version`: its migrations run
/// on an empty database in memory.
pub(crate) fn schema_at(version: i64) -> rusqlite::Result<Vec<SchemaObject>> {
    let conn = Connection::open_in_memory()?;
    let count = usize::try_from(version.clamp(0, SCHEMA_VERSION)).unwrap_or(0);
    for sql in &MIGRATIONS[..count] {
        conn.execute_batch(sql)?;
    }
    schema_of(&conn)
}

/// Applies every migration above `from` in one transaction, then records the version.
fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    if from >= SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql)?;
    }
    // The application id and version are header fields, not schema: they are
    // written here, inside the same transaction, rather than by the scripts.
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_written_over_an_open_database_or_its_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("klik.sqlite");
        let store = Store::open(&path).unwrap();
        // The same file by another spelling of its folder.
        let other_spelling = dir.path().join(".").join("klik.sqlite");
        for target in [
            path.clone(),
            other_spelling,
            dir.path().join("klik.sqlite-wal"),
            dir.path().join("klik.sqlite-shm"),
        ] {
            let error = crate::data_dir::write_file(&target, b"%PDF-").unwrap_err();
            assert_eq!(error.field_errors()[0].key, "error.path.own_database");
            let message = error.message(&crate::i18n::Texts::for_language("en"));
            assert!(message.starts_with("File: "), "{message}");
            let error = backup::backup_to(&store, &target).unwrap_err();
            assert_eq!(error.code(), "invalid_input", "{target:?}");
        }
        store.check().unwrap();
        // Beside it is fine; and once closed, the file is an ordinary file again.
        crate::data_dir::write_file(&dir.path().join("report.pdf"), b"%PDF-").unwrap();
        drop(store);
        crate::data_dir::write_file(&dir.path().join("klik.sqlite-shm"), b"x").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_new_database_and_its_folder_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let db = dir.path().join("data").join("klik.sqlite");
        let store = Store::open(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&dir.path().join("data")), 0o700);
        let wal = dir.path().join("data").join("klik.sqlite-wal");
        if wal.exists() {
            assert_eq!(
                mode(&wal),
                0o600,
                "the log takes the database's permissions"
            );
        }
        drop(store);
    }

    #[test]
    fn a_new_database_gets_the_current_schema_and_our_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("klik.sqlite")).unwrap();
        let conn = store.conn();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        let id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert_eq!(
            mode, "wal",
            "WAL keeps readers and the writer apart and survives crashes"
        );
        assert_eq!(fk, 1, "foreign keys are the last line of defence");
        assert_eq!(id, APPLICATION_ID);
        let pragma = |name: &str| -> i64 {
            conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(pragma("secure_delete"), 1, "deleted text is overwritten");
        assert_eq!(
            pragma("trusted_schema"),
            0,
            "the schema runs nothing unsafe"
        );
        assert!(
            conn.db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE)
                .unwrap(),
            "defensive mode"
        );
        // Defensive mode refuses to write the schema by hand.
        assert!(
            conn.execute_batch(
                "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = '' WHERE 0"
            )
            .is_err()
        );
    }

    #[test]
    fn opening_twice_does_not_migrate_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("klik.sqlite");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let version: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn creates_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper").join("still").join("klik.sqlite");
        Store::open(&path).unwrap();
        assert!(path.exists());
    }
}
