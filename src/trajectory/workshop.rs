//! Supporting workshops of a programme: planned for mentors, mentees or
//! everyone, with a calendar file each; attendance is registered afterwards,
//! and whoever missed a required one shows on the attention list.

use chrono::{Duration, NaiveDateTime};
use rusqlite::{OptionalExtension, params};

use crate::date;
use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::intake::{self, ics};
use crate::participant::{self, ParticipantId, Role, Status};
use crate::programme::{self, ProgrammeId, parse_timestamp, timestamp};
use crate::store::Store;

/// The shortest and longest workshop, in minutes.
pub const MINUTES: (u16, u16) = (15, 600);

/// The database id of a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkshopId(pub i64);

/// Who a workshop is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Mentors,
    Mentees,
    All,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Mentors, Audience::Mentees, Audience::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Mentors => "mentors",
            Audience::Mentees => "mentees",
            Audience::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Audience::Mentors => "workshop.audience.mentors",
            Audience::Mentees => "workshop.audience.mentees",
            Audience::All => "workshop.audience.all",
        }
    }

    /// Is a participant in this role invited?
    pub fn includes(self, role: Role) -> bool {
        match self {
            Audience::All => true,
            Audience::Mentors => role == Role::Mentor,
            Audience::Mentees => role == Role::Mentee,
        }
    }
}

/// A workshop as stored, with its attendance counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workshop {
    pub id: WorkshopId,
    pub programme: ProgrammeId,
    pub uid: String,
    pub sequence: u32,
    pub title: String,
    pub start: NaiveDateTime,
    pub minutes: u16,
    pub location: String,
    pub audience: Audience,
    pub trainer: String,
    pub required: bool,
    /// Registered as present.
    pub attended: u32,
    /// Registered as absent.
    pub absent: u32,
}

impl Workshop {
    /// Whether it has started by `now`: attendance can be registered then,
    /// and it no longer counts as coming up.
    pub fn is_past(&self, now: NaiveDateTime) -> bool {
        self.start <= now
    }
}

impl Workshop {
    pub fn end(&self) -> NaiveDateTime {
        self.start + Duration::minutes(i64::from(self.minutes))
    }

    /// Attendance was registered (anyone present or absent).
    pub fn registered(&self) -> bool {
        self.attended + self.absent > 0
    }
}

/// A workshop as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct WorkshopForm {
    pub title: String,
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub location: String,
    /// An [`Audience`] code.
    pub audience: String,
    pub trainer: String,
    pub required: bool,
}

/// A checked workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopDraft {
    pub title: String,
    pub start: NaiveDateTime,
    pub minutes: u16,
    pub location: String,
    pub audience: Audience,
    pub trainer: String,
    pub required: bool,
}

impl WorkshopForm {
    /// Checks every field; each problem is named.
    pub fn validate(&self) -> std::result::Result<WorkshopDraft, Vec<FieldError>> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(FieldError::new("title", "error.required"));
        } else if title.chars().count() > 200 {
            problems.push(FieldError::new("title", "error.text_too_long").with("max", "200"));
        }
        let start = match intake::parse_start(&self.date, &self.time) {
            Ok(start) => Some(start),
            Err(mut found) => {
                problems.append(&mut found);
                None
            }
        };
        let (min, max) = MINUTES;
        let minutes = match self.minutes.trim().parse::<u16>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                problems.push(
                    FieldError::new("minutes", "error.number_out_of_range")
                        .with("value", self.minutes.trim())
                        .with("min", min.to_string())
                        .with("max", max.to_string()),
                );
                0
            }
        };
        let audience = Audience::parse(self.audience.trim());
        if audience.is_none() {
            problems.push(FieldError::new("audience", "error.required"));
        }
        for (field, text, max) in [
            ("location", &self.location, 500),
            ("trainer", &self.trainer, 200),
        ] {
            if text.trim().chars().count() > max {
                problems.push(
                    FieldError::new(field, "error.text_too_long").with("max", max.to_string()),
                );
            }
        }
        match (start, audience, problems.is_empty()) {
            (Some(start), Some(audience), true) => Ok(WorkshopDraft {
                title: title.to_string(),
                start,
                minutes,
                location: self.location.trim().to_string(),
                audience,
                trainer: self.trainer.trim().to_string(),
                required: self.required,
            }),
            _ => Err(problems),
        }
    }
}

/// Plans a workshop.
pub fn add(
    store: &mut Store,
    id: ProgrammeId,
    form: &WorkshopForm,
    now: NaiveDateTime,
) -> Result<Workshop> {
    programme::ensure_open(store, id)?;
    let d = form.validate().map_err(Error::Invalid)?;
    let workshop = store.write(|tx| {
        let random: i64 = tx.query_row("SELECT random()", [], |r| r.get(0))?;
        let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM workshop", [], |r| {
            r.get(0)
        })?;
        // The row id to come, the time and a random part: unique across databases too.
        let uid = format!(
            "klik-workshop-{next}-{}-{:08x}@klik.local",
            now.format("%Y%m%dT%H%M%S"),
            random as u32
        );
        tx.execute(
            "INSERT INTO workshop (programme_id, uid, sequence, title, starts_at, minutes, location,
                 audience, trainer, required, created_at, updated_at)
             VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![
                id.0,
                uid,
                d.title,
                timestamp(d.start),
                d.minutes,
                d.location,
                d.audience.as_str(),
                d.trainer,
                d.required,
                timestamp(now)
            ],
        )?;
        Ok(WorkshopId(tx.last_insert_rowid()))
    })?;
    get(store, workshop)
}

/// Changes a workshop; calendars see the next SEQUENCE.
pub fn update(
    store: &mut Store,
    id: WorkshopId,
    form: &WorkshopForm,
    now: NaiveDateTime,
) -> Result<Workshop> {
    let old = get(store, id)?;
    programme::ensure_open(store, old.programme)?;
    let d = form.validate().map_err(Error::Invalid)?;
    store.write(|tx| {
        tx.execute(
            "UPDATE workshop SET sequence = sequence + 1, title = ?2, starts_at = ?3, minutes = ?4,
                 location = ?5, audience = ?6, trainer = ?7, required = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id.0,
                d.title,
                timestamp(d.start),
                d.minutes,
                d.location,
                d.audience.as_str(),
                d.trainer,
                d.required,
                timestamp(now)
            ],
        )?;
        Ok(())
    })?;
    get(store, id)
}

/// Removes a workshop and its attendance.
pub fn delete(store: &mut Store, id: WorkshopId) -> Result<()> {
    let old = get(store, id)?;
    programme::ensure_open(store, old.programme)?;
    store.write(|tx| {
        tx.execute("DELETE FROM workshop WHERE id = ?1", [id.0])?;
        Ok(())
    })
}

const COLUMNS: &str = "w.id, w.programme_id, w.uid, w.sequence, w.title, w.starts_at, w.minutes,
    w.location, w.audience, w.trainer, w.required,
    (SELECT count(*) FROM workshop_attendance a WHERE a.workshop_id = w.id AND a.attended = 1),
    (SELECT count(*) FROM workshop_attendance a WHERE a.workshop_id = w.id AND a.attended = 0)";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Workshop> {
    let start: String = r.get(5)?;
    let audience: String = r.get(8)?;
    Ok(Workshop {
        id: WorkshopId(r.get(0)?),
        programme: ProgrammeId(r.get(1)?),
        uid: r.get(2)?,
        sequence: r.get(3)?,
        title: r.get(4)?,
        start: parse_timestamp(&start).unwrap_or_default(),
        minutes: r.get(6)?,
        location: r.get(7)?,
        audience: Audience::parse(&audience).unwrap_or(Audience::All),
        trainer: r.get(9)?,
        required: r.get(10)?,
        attended: r.get(11)?,
        absent: r.get(12)?,
    })
}

/// One workshop, or `NotFound`.
pub fn get(store: &Store, id: WorkshopId) -> Result<Workshop> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM workshop w WHERE w.id = ?1"),
            [id.0],
            row,
        )
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or(Error::NotFound {
            what: "workshop",
            id: id.0,
        })
}

/// A programme's workshops, earliest first.
pub fn list(store: &Store, id: ProgrammeId) -> Result<Vec<Workshop>> {
    super::rows(
        store,
        &format!(
            "SELECT {COLUMNS} FROM workshop w WHERE w.programme_id = ?1 ORDER BY w.starts_at, w.id"
        ),
        id.0,
        row,
    )
}

/// One invited participant and whether they came (`None`: not registered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub participant: ParticipantId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub attended: Option<bool>,
}

/// Everyone a workshop is for (not withdrawn), by name, with their attendance.
pub fn invitees(store: &Store, id: WorkshopId) -> Result<Vec<Invitee>> {
    let workshop = get(store, id)?;
    let mut registered = std::collections::HashMap::new();
    {
        let mut statement = store
            .conn()
            .prepare_cached(
                "SELECT participant_id, attended FROM workshop_attendance WHERE workshop_id = ?1",
            )
            .map_err(|e| store.read_error(e))?;
        let rows = statement
            .query_map([id.0], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| store.read_error(e))?;
        registered.extend(rows);
    }
    let mut people: Vec<Invitee> = participant::all(store, workshop.programme)?
        .into_iter()
        .filter(|p| {
            workshop.audience.includes(p.enrolment.role)
                && (p.enrolment.status != Status::Withdrawn || registered.contains_key(&p.id.0))
        })
        .map(|p| Invitee {
            attended: registered.get(&p.id.0).copied(),
            name: p.enrolment.full_name(),
            email: p.enrolment.email.clone(),
            role: p.enrolment.role,
            participant: p.id,
        })
        .collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    Ok(people)
}

/// Registers who came: everyone in `present` attended, every other invitee
/// did not. One transaction; a workshop still to come is refused.
pub fn register_attendance(
    store: &mut Store,
    id: WorkshopId,
    present: &[ParticipantId],
    now: NaiveDateTime,
) -> Result<Workshop> {
    let workshop = get(store, id)?;
    programme::ensure_open(store, workshop.programme)?;
    if workshop.start > now {
        return Err(Error::Invalid(vec![FieldError::new(
            "attendance",
            "error.workshop.not_yet",
        )]));
    }
    let people = invitees(store, id)?;
    if let Some(stranger) = present
        .iter()
        .find(|p| !people.iter().any(|i| i.participant == **p))
    {
        return Err(Error::NotFound {
            what: "participant",
            id: stranger.0,
        });
    }
    store.write(|tx| {
        for person in &people {
            tx.execute(
                "INSERT INTO workshop_attendance (workshop_id, participant_id, attended)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (workshop_id, participant_id) DO UPDATE SET attended = ?3",
                params![
                    id.0,
                    person.participant.0,
                    present.contains(&person.participant)
                ],
            )?;
        }
        Ok(())
    })?;
    get(store, id)
}

/// Who missed which required workshop (registered absent), for the
/// attention list: (workshop, participant).
pub fn absences(store: &Store, id: ProgrammeId) -> Result<Vec<(WorkshopId, ParticipantId)>> {
    super::rows(
        store,
        "SELECT a.workshop_id, a.participant_id FROM workshop_attendance a
             JOIN workshop w ON w.id = a.workshop_id
             WHERE w.programme_id = ?1 AND w.required = 1 AND a.attended = 0
             ORDER BY w.starts_at, a.participant_id",
        id.0,
        |r| Ok((WorkshopId(r.get(0)?), ParticipantId(r.get(1)?))),
    )
}

/// The calendar file of one workshop, in the programme's language, with
/// everyone it is for as attendees.
pub fn calendar(store: &Store, id: WorkshopId, stamp: NaiveDateTime) -> Result<String> {
    let w = get(store, id)?;
    let p = programme::get(store, w.programme)?;
    let texts = Texts::for_language(&p.draft.document_language);
    let settings = intake::settings(store, w.programme)?;
    let organiser = (!settings.organiser_email.is_empty()).then(|| ics::Person {
        name: settings.organiser_name.clone(),
        email: settings.organiser_email.clone(),
    });
    let attendees = invitees(store, id)?
        .into_iter()
        .map(|i| ics::Person {
            name: i.name,
            email: i.email,
        })
        .collect();
    let mut description = texts.format(
        "workshop.ics.description",
        &[
            ("programme", p.draft.name.as_str()),
            ("audience", texts.get(w.audience.label_key())),
        ],
    );
    if !w.trainer.is_empty() {
        description.push('\n');
        description.push_str(&texts.format("workshop.ics.trainer", &[("trainer", &w.trainer)]));
    }
    Ok(ics::calendar(&[ics::Event {
        uid: w.uid,
        sequence: w.sequence,
        start: w.start,
        minutes: w.minutes,
        summary: w.title,
        description,
        location: w.location,
        organiser,
        attendees,
        stamp,
        cancelled: false,
    }]))
}

/// "wo 06-01-2027 14:00–16:00", for lists.
pub fn when(w: &Workshop, texts: &Texts) -> String {
    format!(
        "{} {}–{}",
        date::short(w.start.date(), texts.language()),
        w.start.format("%H:%M"),
        w.end().format("%H:%M")
    )
}
