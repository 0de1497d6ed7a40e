//! A person's rights over their data (GDPR): everything Klik holds about
//! one person, exported as a machine-readable JSON document and as a
//! readable PDF with the same content ([`export_document`]), and erasure:
//! the person's details and every free text about them are removed or
//! replaced by a neutral label, while the programmes' statistics (counts,
//! dates, statuses, scores) stay exactly as they were.

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
/// goal texts, progress notes, check-in comments, reasons, evaluation words)
/// are cleared or replaced by "—", and other people's lists stop naming
/// them. Counts, dates, statuses and scores stay, so every programme's
/// statistics are the same afterwards.
pub fn erase(store: &mut Store, id: PersonId, texts: &Texts, now: NaiveDateTime) -> Result<Erased> {
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
        ] {
            tx.execute(&sql.replace("MATCHES", MATCHES), [id.0])?;
        }
        Ok(Erased {
            participations,
            matches,
        })
    })
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

/// Applies the retention setting: everyone due is erased. Returns how many
/// people were anonymised (none when the setting is off).
pub fn apply_retention(store: &mut Store, texts: &Texts, now: NaiveDateTime) -> Result<usize> {
    let Some(months) = crate::organisation::retention_months(store)? else {
        return Ok(0);
    };
    let due = due_for_retention(store, months, now)?;
    for person in &due {
        erase(store, *person, texts, now)?;
    }
    Ok(due.len())
}
