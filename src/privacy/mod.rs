//! A person's rights over their data (GDPR): everything Klik holds about
//! one person, exported as a machine-readable JSON document and as a
//! readable PDF with the same content ([`export_document`]), and erasure:
//! the person's details and every free text about them are removed or
//! replaced by a neutral label, while the programmes' statistics (counts,
//! dates, statuses, scores) stay exactly as they were.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::i18n::Texts;
use crate::programme::timestamp;
use crate::store::Store;

mod document;

pub use document::export_document;

/// The database id of a person (one row in `person`, whatever the programmes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonId(pub i64);

/// The person with this e-mail address (case-insensitive), or `NotFound`.
pub fn find(store: &Store, email: &str) -> Result<PersonId> {
    store
        .conn()
        .query_row(
            "SELECT id FROM person WHERE email = ?1 COLLATE NOCASE",
            [email.trim()],
            |r| r.get(0).map(PersonId),
        )
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or_else(|| Error::NoSuchPerson {
            email: email.trim().to_string(),
        })
}

/// The person behind a participant, or `NotFound`.
pub fn person_of(
    store: &Store,
    participant: crate::participant::ParticipantId,
) -> Result<PersonId> {
    store
        .conn()
        .query_row(
            "SELECT person_id FROM participant WHERE id = ?1",
            [participant.0],
            |r| r.get(0).map(PersonId),
        )
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or(Error::NotFound {
            what: "participant",
            id: participant.0,
        })
}

/// Rows of a query as JSON objects, the column names as keys.
fn objects(store: &Store, sql: &str, id: i64) -> Result<Vec<Value>> {
    let mut statement = store.conn().prepare(sql).map_err(|e| store.read_error(e))?;
    let names: Vec<String> = statement.column_names().map(str::to_string).collect();
    let rows = statement
        .query_map([id], |r| {
            let mut object = serde_json::Map::new();
            for (k, name) in names.iter().enumerate() {
                let value = match r.get_ref(k)? {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(i) => json!(i),
                    rusqlite::types::ValueRef::Real(f) => json!(f),
                    rusqlite::types::ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                    rusqlite::types::ValueRef::Blob(_) => Value::Null,
                };
                object.insert(name.clone(), value);
            }
            Ok(Value::Object(object))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows)
}

/// The matches a person is or was in, as mentee or mentor.
const MATCHES: &str =
    "SELECT m.id FROM match_pair m JOIN participant p ON p.id IN (m.mentee_id, m.mentor_id)
                       WHERE p.person_id = ?1";

/// Everything Klik holds about one person, as one JSON document: the
/// profile, each programme they take part in, their matches and intake
/// talks, agreements with goals, meetings, goal progress, their own
/// check-in answers, workshop attendance and evaluation answers.
pub fn export(store: &Store, id: PersonId, now: NaiveDateTime) -> Result<Value> {
    let profile = objects(
        store,
        "SELECT p.email, p.first_name, p.last_name, p.phone, p.department, p.job_title,
                m.email AS manager_email, p.location, p.languages, p.years_experience,
                p.created_at, p.updated_at
         FROM person p LEFT JOIN person m ON m.id = p.manager_id WHERE p.id = ?1",
        id.0,
    )?;
    let Some(profile) = profile.into_iter().next() else {
        return Err(Error::NotFound {
            what: "participant",
            id: id.0,
        });
    };
    let section = |sql: &str| objects(store, sql, id.0);
    Ok(json!({
        "exported_at": timestamp(now),
        "profile": profile,
        "programmes": section(
            "SELECT pr.name AS programme, pa.role, pa.status, pa.capacity, pa.learning_goal, pa.notes,
                    (SELECT group_concat(t.name, ', ') FROM participant_topic pt JOIN topic t ON t.id = pt.topic_id
                     WHERE pt.participant_id = pa.id) AS topics,
                    (SELECT group_concat(weekday || ' ' || start_minute || '-' || end_minute, ', ')
                     FROM availability a WHERE a.participant_id = pa.id) AS availability_minutes,
                    (SELECT group_concat(kind || ':' || email, ', ') FROM participant_preference pp
                     WHERE pp.participant_id = pa.id) AS preferences
             FROM participant pa JOIN programme pr ON pr.id = pa.programme_id WHERE pa.person_id = ?1")?,
        "matches": section(&format!(
            "SELECT m.id AS match, pr.name AS programme, e.first_name || ' ' || e.last_name AS mentee,
                    o.first_name || ' ' || o.last_name AS mentor, m.score, m.status, m.confirmed_at,
                    m.dissolved_at, m.dissolve_reason
             FROM match_pair m JOIN programme pr ON pr.id = m.programme_id
             JOIN participant ep ON ep.id = m.mentee_id JOIN person e ON e.id = ep.person_id
             JOIN participant op ON op.id = m.mentor_id JOIN person o ON o.id = op.person_id
             WHERE m.id IN ({MATCHES})"
        ))?,
        "intakes": section(&format!(
            "SELECT match_id AS match, starts_at, minutes, location, status, outcome, outcome_reason
             FROM intake WHERE match_id IN ({MATCHES}) ORDER BY starts_at"
        ))?,
        "agreements": section(&format!(
            "SELECT a.match_id AS match, a.version, a.status, a.start_date, a.end_date,
                    a.mentee_signed_on, a.mentor_signed_on, a.coordinator_signed_on,
                    (SELECT json_group_array(json_object('what', g.what, 'success', g.success,
                         'target_date', g.target_date, 'first_actions', g.first_actions))
                     FROM agreement_goal g WHERE g.agreement_id = a.id) AS goals
             FROM agreement a WHERE a.match_id IN ({MATCHES}) ORDER BY a.match_id, a.version"
        ))?,
        "meetings": section(&format!(
            "SELECT match_id AS match, held_on, minutes, status, topics, notes, next_steps
             FROM meeting WHERE match_id IN ({MATCHES}) ORDER BY held_on"
        ))?,
        "goal_progress": section(&format!(
            "SELECT match_id AS match, position, goal, recorded_on, state, percent, note
             FROM goal_progress WHERE match_id IN ({MATCHES}) ORDER BY recorded_on"
        ))?,
        "checkins": section(
            "SELECT c.match_id AS match, c.moment, c.held_on, c.role, c.satisfaction, c.fit, c.comment
             FROM checkin c JOIN match_pair m ON m.id = c.match_id
             JOIN participant p ON p.id = CASE c.role WHEN 'mentor' THEN m.mentor_id ELSE m.mentee_id END
             WHERE p.person_id = ?1 ORDER BY c.held_on")?,
        "workshops": section(
            "SELECT w.title, w.starts_at, w.required, a.attended
             FROM workshop_attendance a JOIN workshop w ON w.id = a.workshop_id
             JOIN participant p ON p.id = a.participant_id WHERE p.person_id = ?1")?,
        "evaluation": section(
            "SELECT pr.name AS programme, q.text AS question, e.score, e.text
             FROM evaluation_answer e JOIN evaluation_question q
                  ON q.programme_id = e.programme_id AND q.position = e.position
             JOIN programme pr ON pr.id = e.programme_id
             JOIN participant p ON p.id = e.participant_id WHERE p.person_id = ?1")?,
    }))
}

/// Writes everything about the person to `path`: the readable PDF in
/// `texts`' language when the name ends in `.pdf`, else the JSON document.
/// Gives the PDF (pages, warnings) when that is what was written.
pub fn export_to(
    store: &Store,
    id: PersonId,
    texts: &Texts,
    now: NaiveDateTime,
    path: &std::path::Path,
) -> Result<Option<crate::document::Pdf>> {
    let pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if pdf {
        let rendered = crate::document::render(&export_document(store, id, texts, now)?)?;
        crate::data_dir::write_file(path, &rendered.bytes)?;
        return Ok(Some(rendered));
    }
    let text = serde_json::to_string_pretty(&export(store, id, now)?)
        .expect("JSON values always serialise");
    crate::data_dir::write_file(path, text)?;
    Ok(None)
}

/// What erasing a person changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Erased {
    /// The person's parts in programmes.
    pub participations: usize,
    /// The matches whose free texts were cleared.
    pub matches: usize,
}

/// Erases a person, in one transaction: their details become a neutral
/// label ("Erased #12"), their free texts and those of their matches
/// (learning goal, notes, topics, availability, preferences, meeting notes,
/// goal texts, the agreements' expectations, progress notes, check-in
/// comments, reasons, evaluation words) are cleared or replaced by "—", and
/// other people's lists stop naming them. Counts, dates, statuses and scores
/// stay, so every programme's statistics are the same afterwards. Then the
/// database file and its log are scrubbed, so that not a byte of the person
/// is left in them ([`Store::scrub`]); [`erase_everywhere`] also reaches the
/// backups, the copies and the printed documents.
pub fn erase(store: &mut Store, id: PersonId, texts: &Texts, now: NaiveDateTime) -> Result<Erased> {
    let erased = erase_rows(store, id, texts, now)?;
    store.scrub()?;
    Ok(erased)
}

/// The erasure of one person inside the database, without the scrub.
fn erase_rows(
    store: &mut Store,
    id: PersonId,
    texts: &Texts,
    now: NaiveDateTime,
) -> Result<Erased> {
    let email: String = store
        .conn()
        .query_row("SELECT email FROM person WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or(Error::NotFound {
            what: "participant",
            id: id.0,
        })?;
    let label = texts.get("privacy.erased").to_string();
    let dash = "—";
    store.write(|tx| {
        let stamp = timestamp(now);
        tx.execute(
            "UPDATE person SET email = ?2, first_name = ?3, last_name = ?4, phone = '', department = '',
                 job_title = '', manager_id = NULL, location = '', languages = '',
                 years_experience = NULL, updated_at = ?5
             WHERE id = ?1",
            params![id.0, format!("erased-{}@erased.invalid", id.0), label, format!("#{}", id.0), stamp],
        )?;
        tx.execute("UPDATE person SET manager_id = NULL WHERE manager_id = ?1", [id.0])?;
        tx.execute(
            "DELETE FROM participant_preference WHERE email = ?1 COLLATE NOCASE",
            [&email],
        )?;
        let participant_of = "SELECT id FROM participant WHERE person_id = ?1";
        for sql in [
            "DELETE FROM participant_topic WHERE participant_id IN (PARTICIPANTS)",
            "DELETE FROM availability WHERE participant_id IN (PARTICIPANTS)",
            "DELETE FROM participant_preference WHERE participant_id IN (PARTICIPANTS)",
            "UPDATE evaluation_answer SET text = CASE WHEN text = '' THEN '' ELSE '—' END
             WHERE participant_id IN (PARTICIPANTS)",
        ] {
            tx.execute(&sql.replace("PARTICIPANTS", participant_of), [id.0])?;
        }
        let participations = tx.execute(
            "UPDATE participant SET learning_goal = '', notes = '', updated_at = ?2 WHERE person_id = ?1",
            params![id.0, stamp],
        )?;
        let matches = tx.execute(
            &format!(
                "UPDATE match_pair SET dissolve_reason = CASE WHEN dissolve_reason IS NULL THEN NULL ELSE ?2 END
                 WHERE id IN ({MATCHES})"
            ),
            params![id.0, dash],
        )?;
        for sql in [
            "UPDATE intake SET outcome_reason = NULL, location = '' WHERE match_id IN (MATCHES)",
            "UPDATE meeting SET topics = '', notes = '', next_steps = '' WHERE match_id IN (MATCHES)",
            "UPDATE goal_progress SET goal = '', note = '' WHERE match_id IN (MATCHES)",
            "UPDATE checkin SET comment = '' WHERE match_id IN (MATCHES)",
            "UPDATE agreement_goal SET what = '—', success = '', first_actions = ''
             WHERE agreement_id IN (SELECT id FROM agreement WHERE match_id IN (MATCHES))",
            // The eleven mutual expectations may name the pair or say
            // something personal: cleared like every other free text.
            "UPDATE agreement SET meeting_frequency = '', meeting_duration = '', place = '',
                 initiative = '', cancellation = '', between_meetings = '', confidentiality = '',
                 mentor_responsibilities = '', mentee_responsibilities = '', ending_early = '',
                 coordinator = ''
             WHERE match_id IN (MATCHES)",
        ] {
            tx.execute(&sql.replace("MATCHES", MATCHES), [id.0])?;
        }
        Ok(Erased {
            participations,
            matches,
        })
    })
}

/// Where Klik keeps copies of a database's data besides the file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The database file; copies kept aside after damage lie beside it.
    pub database: PathBuf,
    /// Automatic backups and the copies made before a restore.
    pub backups: PathBuf,
    /// The PDFs Klik printed to open in the system's viewer, if any.
    pub documents: Option<PathBuf>,
}

impl Places {
    /// The places of a database in Klik's usual layout: `backups/` and
    /// `documents/` beside it.
    pub fn beside(database: &Path) -> Places {
        let folder = database
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Places {
            database: database.to_path_buf(),
            backups: folder.join("backups"),
            documents: Some(folder.join("documents")),
        }
    }

    /// The old files a move of the data folder could not remove, tried
    /// again now; those still there may hold anyone who was in the data
    /// then, and are named to the officer with the copies that could not
    /// be opened.
    pub fn left_behind(&self) -> Vec<PathBuf> {
        let folder = self
            .database
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        crate::store::relocation::clear_left_behind(folder)
    }

    /// Every copy of the database Klik made: automatic backups, copies from
    /// before a restore, and damaged files kept aside.
    pub fn copies(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        if let Ok(entries) = fs::read_dir(&self.backups) {
            found.extend(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "sqlite")),
            );
        }
        // A damaged database is kept aside as "klik.damaged-<time>.sqlite".
        let name = self
            .database
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(folder) = self.database.parent()
            && let Ok(entries) = fs::read_dir(if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                folder
            })
        {
            found.extend(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name().is_some_and(|n| {
                            let n = n.to_string_lossy();
                            n.starts_with(&format!("{name}.damaged-")) && n.ends_with(".sqlite")
                        })
                    }),
            );
        }
        found.sort();
        found
    }
}

/// What an erasure reached beyond the database.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Erasure {
    /// How many people were erased.
    pub people: usize,
    pub erased: Erased,
    /// Backups and copies rewritten without the person.
    pub copies: usize,
    /// Printed documents removed because they named the person.
    pub documents: usize,
    /// Copies that could not be opened (damaged) and may still hold the
    /// person's data: the officer is told which, to delete them by hand.
    pub still_holding: Vec<PathBuf>,
}

/// What a person leaves in files besides the database: for finding them in
/// copies and documents.
struct Trace {
    email: String,
    name: String,
    matches: Vec<i64>,
    programmes: Vec<i64>,
}

fn trace(store: &Store, id: PersonId) -> Result<Trace> {
    let read = || -> rusqlite::Result<Trace> {
        let conn = store.conn();
        let (email, name): (String, String) = conn.query_row(
            "SELECT email, first_name || ' ' || last_name FROM person WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let matches = conn
            .prepare(MATCHES)?
            .query_map([id.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let programmes = conn
            .prepare("SELECT programme_id FROM participant WHERE person_id = ?1")?
            .query_map([id.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Trace {
            email,
            name,
            matches,
            programmes,
        })
    };
    read().map_err(|e| store.read_error(e))
}

/// Erases a person everywhere Klik keeps data: the database (scrubbed),
/// every automatic backup and copy (each rewritten beside and renamed into
/// place, so restoring an old backup does not bring the person back), and
/// the printed documents that name them. Copies that cannot be opened are
/// listed in [`Erasure::still_holding`].
pub fn erase_everywhere(
    store: &mut Store,
    id: PersonId,
    texts: &Texts,
    now: NaiveDateTime,
    places: &Places,
) -> Result<Erasure> {
    let trace = trace(store, id)?;
    let erased = erase(store, id, texts, now)?;
    let (copies, mut still_holding) =
        erase_from_copies(places, std::slice::from_ref(&trace.email), texts, now);
    still_holding.extend(places.left_behind());
    let documents = clear_documents(places, &[trace]);
    Ok(Erasure {
        people: 1,
        erased,
        copies,
        documents,
        still_holding,
    })
}

/// Erases the people with these (original) e-mail addresses from every copy
/// Klik made of the database: how many copies were rewritten, and those that
/// could not be opened.
fn erase_from_copies(
    places: &Places,
    emails: &[String],
    texts: &Texts,
    now: NaiveDateTime,
) -> (usize, Vec<PathBuf>) {
    let mut rewritten = 0;
    let mut still_holding = Vec::new();
    for copy in places.copies() {
        match erase_from_copy(&copy, emails, texts, now) {
            Ok(()) => rewritten += 1,
            Err(_) => still_holding.push(copy),
        }
    }
    (rewritten, still_holding)
}

/// One copy: opened as a private partial file beside it, the people erased
/// and the file rebuilt without free pages in a plain journal mode, then
/// renamed over the copy; on any failure the partial file is removed.
fn erase_from_copy(
    copy: &Path,
    emails: &[String],
    texts: &Texts,
    now: NaiveDateTime,
) -> Result<()> {
    let partial = crate::data_dir::partial_path(copy);
    let _ = fs::remove_file(&partial);
    use crate::store::backup::sidecar;
    let work = || -> Result<()> {
        fs::copy(copy, &partial).map_err(|source| Error::from_io(copy, source))?;
        // A copy kept aside after damage may have its log beside it, with
        // data of its own: it goes along, and is gone afterwards.
        if sidecar(copy, "-wal").is_file() {
            fs::copy(sidecar(copy, "-wal"), sidecar(&partial, "-wal"))
                .map_err(|source| Error::from_io(copy, source))?;
        }
        let mut store = Store::open(&partial)?;
        for email in emails {
            if let Ok(person) = find(&store, email) {
                erase_rows(&mut store, person, texts, now)?;
            }
        }
        store.scrub()?;
        store
            .conn()
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .map_err(|e| store.read_error(e))?;
        drop(store);
        fs::rename(&partial, copy).map_err(|source| Error::from_io(copy, source))?;
        for suffix in ["-wal", "-shm"] {
            let _ = fs::remove_file(sidecar(copy, suffix));
        }
        Ok(())
    };
    let result = work();
    if result.is_err() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = fs::remove_file(sidecar(&partial, suffix));
        }
    }
    result
}

/// What a PDF Klik prints for itself is about: one match, or a whole programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Match(i64),
    Programme(i64),
}

/// The name of a PDF Klik prints into its own documents folder: the
/// document's title, what it is about by number (never a person's name) and
/// when, as in "Mentoringovereenkomst m12 2026-12-01 081500.pdf".
pub fn cached_document_name(title: &str, subject: Subject, now: NaiveDateTime) -> String {
    cached_file_name(title, subject, now, "pdf")
}

/// The name of any file Klik writes into its documents folder (a PDF, an
/// e-mail draft), named as [`cached_document_name`] names PDFs, so that an
/// erasure finds it by what it is about.
pub fn cached_file_name(
    title: &str,
    subject: Subject,
    now: NaiveDateTime,
    extension: &str,
) -> String {
    let about = match subject {
        Subject::Match(id) => format!("m{id}"),
        Subject::Programme(id) => format!("p{id}"),
    };
    let title: String = title
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    format!(
        "{title} {about} {}.{extension}",
        now.format("%Y-%m-%d %H%M%S")
    )
}

/// What a cached document's name says it is about, if it is one of Klik's.
fn subject_of(name: &str) -> Option<Subject> {
    name.strip_suffix(".pdf")
        .or_else(|| name.strip_suffix(".eml"))?
        .split(' ')
        .rev()
        .find_map(|word| {
            let (kind, number) = word.split_at_checked(1)?;
            let id: i64 = number.parse().ok()?;
            match kind {
                "m" => Some(Subject::Match(id)),
                "p" => Some(Subject::Programme(id)),
                _ => None,
            }
        })
}

/// Removes the printed documents that name one of these people: Klik's own
/// (about one of their matches or programmes) and any whose file name
/// carries their name or address (as older versions of Klik named them).
fn clear_documents(places: &Places, people: &[Trace]) -> usize {
    let Some(folder) = &places.documents else {
        return 0;
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let lower = name.to_lowercase();
        let names_someone = people.iter().any(|p| {
            let about = subject_of(&name).is_some_and(|s| match s {
                Subject::Match(id) => p.matches.contains(&id),
                Subject::Programme(id) => p.programmes.contains(&id),
            });
            about
                || lower.contains(&p.name.to_lowercase())
                || lower.contains(&p.email.to_lowercase())
        });
        if names_someone && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// How many days Klik keeps the documents it printed for itself.
pub const DOCUMENT_DAYS: u32 = 30;

/// Removes the documents Klik printed for itself more than `days` days ago:
/// they are a cache, made again whenever they are opened.
pub fn clear_old_documents(folder: &Path, days: u32, now: std::time::SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let age = std::time::Duration::from_secs(u64::from(days) * 24 * 3600);
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| now.duration_since(modified).is_ok_and(|d| d > age))
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// The people whose every programme was closed more than `months` months
/// before `now`, and who are not erased yet.
pub fn due_for_retention(store: &Store, months: u16, now: NaiveDateTime) -> Result<Vec<PersonId>> {
    let cutoff = now
        .checked_sub_months(chrono::Months::new(u32::from(months)))
        .unwrap_or(now);
    let mut statement = store
        .conn()
        .prepare(
            "SELECT p.id FROM person p
             WHERE p.email NOT LIKE 'erased-%@erased.invalid'
               AND EXISTS (SELECT 1 FROM participant pa WHERE pa.person_id = p.id)
               AND NOT EXISTS (
                   SELECT 1 FROM participant pa JOIN programme pr ON pr.id = pa.programme_id
                   WHERE pa.person_id = p.id AND (pr.closed_at IS NULL OR pr.closed_at > ?1))
             ORDER BY p.id",
        )
        .map_err(|e| store.read_error(e))?;
    statement
        .query_map([timestamp(cutoff)], |r| r.get(0).map(PersonId))
        .and_then(|rows| rows.collect())
        .map_err(|e| store.read_error(e))
}

/// Applies the retention setting: everyone due is erased, in the database
/// (scrubbed once), its copies and the printed documents. Returns what was
/// reached (nobody when the setting is off).
pub fn apply_retention(
    store: &mut Store,
    texts: &Texts,
    now: NaiveDateTime,
    places: &Places,
) -> Result<Erasure> {
    let Some(months) = crate::organisation::retention_months(store)? else {
        return Ok(Erasure::default());
    };
    let due = due_for_retention(store, months, now)?;
    if due.is_empty() {
        return Ok(Erasure::default());
    }
    let traces: Vec<Trace> = due
        .iter()
        .map(|person| trace(store, *person))
        .collect::<Result<_>>()?;
    let mut erasure = Erasure::default();
    for person in &due {
        let erased = erase_rows(store, *person, texts, now)?;
        erasure.erased.participations += erased.participations;
        erasure.erased.matches += erased.matches;
    }
    store.scrub()?;
    let emails: Vec<String> = traces.iter().map(|t| t.email.clone()).collect();
    (erasure.copies, erasure.still_holding) = erase_from_copies(places, &emails, texts, now);
    erasure.still_holding.extend(places.left_behind());
    erasure.documents = clear_documents(places, &traces);
    erasure.people = due.len();
    Ok(erasure)
}
