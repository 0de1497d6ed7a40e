//! Participants: people (known by e-mail) and their part in a programme as
//! mentor or mentee, with topics and weekly availability.
//!
//! An [`EnrolmentForm`] is what a person types in the app or what one row of
//! an imported spreadsheet says; [`EnrolmentForm::validate`] turns it into an
//! [`Enrolment`] or names every problem. [`save`] writes an enrolment: the
//! person is found by e-mail (case-insensitive) and updated, never duplicated.

pub mod availability;
pub mod import;

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{Error, FieldError, Result};
use crate::programme::{ProgrammeId, timestamp};
use crate::store::Store;

pub use availability::{Availability, HalfDay, Slot};

/// The database id of a participant (a person in one programme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ParticipantId(pub i64);

/// Mentor or mentee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Mentor,
    Mentee,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }

    /// "Mentor" or "Mentee", in the catalogue.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Mentor => "field.mentor",
            Role::Mentee => "field.mentee",
        }
    }

    /// Reads a role as written in a file or form, in English, Dutch or French.
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_lowercase().as_str() {
            "mentor" | "mentors" | "mentore" => Some(Role::Mentor),
            "mentee" | "mentees" | "mentoré" | "mentoree" | "menté" => Some(Role::Mentee),
            _ => None,
        }
    }
}

/// Where a participant stands in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Applied,
    Accepted,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Applied, Status::Accepted, Status::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Applied => "applied",
            Status::Accepted => "accepted",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Reads a status in English, Dutch or French; empty means "applied".
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_lowercase().as_str() {
            "" | "applied" | "aangemeld" | "inscrit" | "inscrite" => Some(Status::Applied),
            "accepted" | "aanvaard" | "geaccepteerd" | "accepté" | "acceptée" => {
                Some(Status::Accepted)
            }
            "withdrawn" | "teruggetrokken" | "afgehaakt" | "retiré" | "retirée" => {
                Some(Status::Withdrawn)
            }
            _ => None,
        }
    }
}

/// The longest name part, department, job title or location.
pub const SHORT_TEXT_MAX: usize = 100;
/// The longest learning goal or notes.
pub const LONG_TEXT_MAX: usize = 5000;
/// The most mentees one mentor can take on.
pub const CAPACITY_MAX: u8 = 20;
/// The most languages, topics and listed people (avoid, preferred mentors) of one participant.
pub const LIST_MAX_LANGUAGES: usize = 10;
pub const LIST_MAX_TOPICS: usize = 30;
pub const LIST_MAX_PEOPLE: usize = 50;

/// A person and their part in one programme, as typed: every value is text.
/// Field names are the import columns' English names, so one validator serves both.
/// The window sends it and shows it as JSON with these keys; a key left out is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct EnrolmentForm {
    pub role: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub department: String,
    pub job_title: String,
    pub manager_email: String,
    pub location: String,
    pub languages: String,
    pub years_of_experience: String,
    pub topics: String,
    pub capacity: String,
    pub learning_goal: String,
    pub availability: String,
    pub status: String,
    pub notes: String,
    /// E-mail addresses of people this participant must not be matched with.
    pub avoid: String,
    /// Mentees only: e-mail addresses of mentors they would like.
    pub preferred_mentors: String,
}

/// A validated person with their part in a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    /// As typed (case kept); compared case-insensitively.
    pub email: String,
    pub phone: String,
    pub department: String,
    pub job_title: String,
    pub manager_email: Option<String>,
    pub location: String,
    /// Sorted, lower-case language codes.
    pub languages: Vec<String>,
    pub years_of_experience: Option<u8>,
    /// Sorted by name, case-insensitively unique.
    pub topics: Vec<String>,
    /// Mentors only; `None` means the programme's default.
    pub capacity: Option<u8>,
    pub learning_goal: String,
    pub availability: Availability,
    pub status: Status,
    pub notes: String,
    /// Lower-case, sorted e-mail addresses: never matched with these people.
    pub avoid: Vec<String>,
    /// Mentees only: lower-case, sorted e-mail addresses of wished-for mentors.
    pub preferred_mentors: Vec<String>,
}

impl Enrolment {
    /// "Zoë Janssens".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The fields that differ from `other`, by form field name, for "what changes" previews.
    pub fn changed_fields(&self, other: &Enrolment) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let mut check = |field: &'static str, differs: bool| {
            if differs {
                changed.push(field);
            }
        };
        check("role", self.role != other.role);
        check("first_name", self.first_name != other.first_name);
        check("last_name", self.last_name != other.last_name);
        check("email", self.email != other.email);
        check("phone", self.phone != other.phone);
        check("department", self.department != other.department);
        check("job_title", self.job_title != other.job_title);
        check(
            "manager_email",
            self.manager_email.as_deref().map(str::to_lowercase)
                != other.manager_email.as_deref().map(str::to_lowercase),
        );
        check("location", self.location != other.location);
        check("languages", self.languages != other.languages);
        check(
            "years_of_experience",
            self.years_of_experience != other.years_of_experience,
        );
        check("topics", self.topics != other.topics);
        check("capacity", self.capacity != other.capacity);
        check("learning_goal", self.learning_goal != other.learning_goal);
        check("availability", self.availability != other.availability);
        check("status", self.status != other.status);
        check("notes", self.notes != other.notes);
        check("avoid", self.avoid != other.avoid);
        check(
            "preferred_mentors",
            self.preferred_mentors != other.preferred_mentors,
        );
        changed
    }
}

/// A light check of an e-mail address: one `@`, something before it, a dot in the domain, no spaces.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
        && text.len() <= 254
}

/// Splits a list written with `,`, `|` or `;` into trimmed, non-empty items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '|', ';'])
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

impl EnrolmentForm {
    /// Checks every field; returns the enrolment or every problem (with the field names above).
    pub fn validate(&self) -> std::result::Result<Enrolment, Vec<FieldError>> {
        let mut problems = Vec::new();
        let role = match Role::parse(&self.role) {
            Some(role) => Some(role),
            None if self.role.trim().is_empty() => {
                problems.push(FieldError::new("role", "error.required"));
                None
            }
            None => {
                problems.push(
                    FieldError::new("role", "error.participant.role")
                        .with("value", self.role.trim()),
                );
                None
            }
        };
        let mut required = |field: &'static str, value: &str| {
            let value = value.trim().to_string();
            if value.is_empty() {
                problems.push(FieldError::new(field, "error.required"));
            } else if value.chars().count() > SHORT_TEXT_MAX {
                problems.push(
                    FieldError::new(field, "error.text_too_long")
                        .with("max", SHORT_TEXT_MAX.to_string()),
                );
            }
            value
        };
        let first_name = required("first_name", &self.first_name);
        let last_name = required("last_name", &self.last_name);
        let email = required("email", &self.email);
        if !email.is_empty() && !looks_like_email(&email) {
            problems.push(
                FieldError::new("email", "error.participant.email").with("value", email.as_str()),
            );
        }
        let mut optional = |field: &'static str, value: &str, max: usize| {
            let value = value.trim().to_string();
            if value.chars().count() > max {
                problems.push(
                    FieldError::new(field, "error.text_too_long").with("max", max.to_string()),
                );
            }
            value
        };
        let phone = optional("phone", &self.phone, 50);
        let department = optional("department", &self.department, SHORT_TEXT_MAX);
        let job_title = optional("job_title", &self.job_title, SHORT_TEXT_MAX);
        let location = optional("location", &self.location, SHORT_TEXT_MAX);
        let learning_goal = optional("learning_goal", &self.learning_goal, LONG_TEXT_MAX);
        let notes = optional("notes", &self.notes, LONG_TEXT_MAX);

        let manager_email = Some(self.manager_email.trim().to_string()).filter(|m| !m.is_empty());
        if let Some(manager) = &manager_email {
            if !looks_like_email(manager) {
                problems.push(
                    FieldError::new("manager_email", "error.participant.email")
                        .with("value", manager.as_str()),
                );
            } else if manager.eq_ignore_ascii_case(&email) {
                problems.push(FieldError::new(
                    "manager_email",
                    "error.participant.own_manager",
                ));
            }
        }

        // Lists are checked item by item, and for their length: a pasted
        // column must not turn into thousands of topics or addresses.
        let mut too_many = |field: &'static str, text: &str, max: usize| {
            if split_list(text).len() > max {
                problems
                    .push(FieldError::new(field, "error.too_many").with("max", max.to_string()));
            }
        };
        too_many("languages", &self.languages, LIST_MAX_LANGUAGES);
        too_many("topics", &self.topics, LIST_MAX_TOPICS);
        too_many("avoid", &self.avoid, LIST_MAX_PEOPLE);
        too_many(
            "preferred_mentors",
            &self.preferred_mentors,
            LIST_MAX_PEOPLE,
        );

        let mut languages = BTreeSet::new();
        for language in split_list(&self.languages) {
            let code = language.to_lowercase();
            if code.len() < 2 || code.len() > 3 || !code.chars().all(|c| c.is_ascii_lowercase()) {
                problems.push(
                    FieldError::new("languages", "error.participant.language")
                        .with("value", language.as_str()),
                );
            } else {
                languages.insert(code);
            }
        }

        let years_of_experience = match self.years_of_experience.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(n) if (0..=70).contains(&n) => Some(n as u8),
                _ => {
                    problems.push(
                        FieldError::new("years_of_experience", "error.number_out_of_range")
                            .with("value", text)
                            .with("min", "0")
                            .with("max", "70"),
                    );
                    None
                }
            },
        };

        let mut seen = BTreeSet::new();
        let mut topics = Vec::new();
        for topic in split_list(&self.topics) {
            if topic.chars().count() > 80 {
                problems.push(FieldError::new("topics", "error.text_too_long").with("max", "80"));
            } else if seen.insert(topic.to_lowercase()) {
                topics.push(topic);
            }
        }
        topics.sort_by_key(|t| t.to_lowercase());

        let capacity = match self.capacity.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(n) if (1..=i64::from(CAPACITY_MAX)).contains(&n) => Some(n as u8),
                _ => {
                    problems.push(
                        FieldError::new("capacity", "error.number_out_of_range")
                            .with("value", text)
                            .with("min", "1")
                            .with("max", CAPACITY_MAX.to_string()),
                    );
                    None
                }
            },
        };
        // A capacity given for a mentee is ignored rather than refused: spreadsheets often fill a column down.
        let capacity = if role == Some(Role::Mentee) {
            None
        } else {
            capacity
        };

        let availability = match Availability::parse(&self.availability) {
            Ok(availability) => availability,
            Err(problem) => {
                problems
                    .push(FieldError::new("availability", problem.key).with("value", problem.part));
                Availability::default()
            }
        };
        let status = Status::parse(&self.status).unwrap_or_else(|| {
            problems.push(
                FieldError::new("status", "error.participant.status")
                    .with("value", self.status.trim()),
            );
            Status::Applied
        });

        let mut emails = |field: &'static str, text: &str| {
            let mut found = BTreeSet::new();
            for address in split_list(text) {
                if !looks_like_email(&address) {
                    problems.push(
                        FieldError::new(field, "error.participant.email")
                            .with("value", address.as_str()),
                    );
                } else if address.eq_ignore_ascii_case(&email) {
                    problems.push(FieldError::new(field, "error.participant.self_listed"));
                } else {
                    found.insert(address.to_lowercase());
                }
            }
            found.into_iter().collect::<Vec<_>>()
        };
        let avoid = emails("avoid", &self.avoid);
        let preferred_mentors = emails("preferred_mentors", &self.preferred_mentors);
        // Like capacity for mentees: a filled-down column is ignored for mentors, not refused.
        let preferred_mentors = if role == Some(Role::Mentor) {
            Vec::new()
        } else {
            preferred_mentors
        };

        match role {
            Some(role) if problems.is_empty() => Ok(Enrolment {
                role,
                first_name,
                last_name,
                email,
                phone,
                department,
                job_title,
                manager_email,
                location,
                languages: languages.into_iter().collect(),
                years_of_experience,
                topics,
                capacity,
                learning_goal,
                availability,
                status,
                notes,
                avoid,
                preferred_mentors,
            }),
            _ => Err(problems),
        }
    }

    /// The form of a stored enrolment, for editing and export.
    pub fn from_enrolment(e: &Enrolment, language: &str) -> EnrolmentForm {
        EnrolmentForm {
            role: e.role.as_str().to_string(),
            first_name: e.first_name.clone(),
            last_name: e.last_name.clone(),
            email: e.email.clone(),
            phone: e.phone.clone(),
            department: e.department.clone(),
            job_title: e.job_title.clone(),
            manager_email: e.manager_email.clone().unwrap_or_default(),
            location: e.location.clone(),
            languages: e.languages.join(", "),
            years_of_experience: e
                .years_of_experience
                .map(|y| y.to_string())
                .unwrap_or_default(),
            topics: e.topics.join(", "),
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
            learning_goal: e.learning_goal.clone(),
            availability: e.availability.display(language),
            status: e.status.as_str().to_string(),
            notes: e.notes.clone(),
            avoid: e.avoid.join(", "),
            preferred_mentors: e.preferred_mentors.join(", "),
        }
    }
}

/// What saving an enrolment did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Updated,
    Unchanged,
}

/// A participant as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: ParticipantId,
    pub programme: ProgrammeId,
    pub enrolment: Enrolment,
}

/// Adds a person to a programme in one transaction; refuses someone who already
/// takes part. The person may be known from other programmes (found by e-mail)
/// and the manager, if named, must already be known.
pub fn enrol(
    store: &mut Store,
    programme: ProgrammeId,
    enrolment: &Enrolment,
    now: NaiveDateTime,
) -> Result<(ParticipantId, Change)> {
    // An unknown programme is "not found", not a foreign-key failure.
    crate::programme::get(store, programme)?;
    store.write(|tx| {
        if find(tx, programme, &enrolment.email)?.1.is_some() {
            return Err(Error::Invalid(vec![
                FieldError::new("email", "error.participant.exists")
                    .with("value", enrolment.email.as_str()),
            ]));
        }
        let result = save(tx, programme, enrolment, now)?;
        link_manager(tx, &enrolment.email, enrolment.manager_email.as_deref())?;
        check_no_manager_cycle(tx, &enrolment.email)?;
        Ok(result)
    })
}

/// Saves changes to an existing participant (and their person), including a
/// new e-mail address, unless another person already has that address.
pub fn update(
    store: &mut Store,
    id: ParticipantId,
    enrolment: &Enrolment,
    now: NaiveDateTime,
) -> Result<Change> {
    let current = get(store, id)?;
    store.write(|tx| {
        if !current
            .enrolment
            .email
            .eq_ignore_ascii_case(&enrolment.email)
        {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT id FROM person WHERE email = ?1",
                    [&enrolment.email],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                return Err(Error::Invalid(vec![
                    FieldError::new("email", "error.participant.email_taken")
                        .with("value", enrolment.email.as_str()),
                ]));
            }
            // Rename the person first, so that saving finds them under the new address.
            tx.execute(
                "UPDATE person SET email = ?2 WHERE email = ?1",
                params![current.enrolment.email, enrolment.email],
            )?;
        }
        let (_, change) = save(tx, current.programme, enrolment, now)?;
        link_manager(tx, &enrolment.email, enrolment.manager_email.as_deref())?;
        check_no_manager_cycle(tx, &enrolment.email)?;
        Ok(change)
    })
}

/// Writes a person and their part in a programme inside `tx`, without the
/// manager link (imports link managers once every person of the file exists).
pub(crate) fn save(
    tx: &Transaction<'_>,
    programme: ProgrammeId,
    e: &Enrolment,
    now: NaiveDateTime,
) -> Result<(ParticipantId, Change)> {
    let stamp = timestamp(now);
    let (person_id, existing) = find(tx, programme, &e.email)?;
    if let Some(existing) = &existing
        && existing
            .enrolment
            .changed_fields(e)
            .iter()
            .all(|f| *f == "manager_email")
    {
        return Ok((existing.id, Change::Unchanged));
    }
    let languages = e.languages.join(",");
    let person_id = match person_id {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE person SET email = ?2, first_name = ?3, last_name = ?4, phone = ?5, department = ?6,
                     job_title = ?7, location = ?8, languages = ?9, years_experience = ?10, updated_at = ?11
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                e.email,
                e.first_name,
                e.last_name,
                e.phone,
                e.department,
                e.job_title,
                e.location,
                languages,
                e.years_of_experience,
                stamp
            ])?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO person (email, first_name, last_name, phone, department, job_title, location, languages,
                     years_experience, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(params![
                e.email,
                e.first_name,
                e.last_name,
                e.phone,
                e.department,
                e.job_title,
                e.location,
                languages,
                e.years_of_experience,
                stamp
            ])?;
            tx.last_insert_rowid()
        }
    };
    let participant_id = match &existing {
        Some(existing) => {
            tx.prepare_cached(
                "UPDATE participant SET role = ?2, capacity = ?3, learning_goal = ?4, status = ?5, notes = ?6,
                     updated_at = ?7
                 WHERE id = ?1",
            )?
            .execute(params![
                    existing.id.0,
                    e.role.as_str(),
                    e.capacity,
                    e.learning_goal,
                    e.status.as_str(),
                    e.notes,
                    stamp
                ],
            )?;
            tx.execute(
                "DELETE FROM participant_topic WHERE participant_id = ?1",
                [existing.id.0],
            )?;
            tx.execute(
                "DELETE FROM availability WHERE participant_id = ?1",
                [existing.id.0],
            )?;
            tx.execute(
                "DELETE FROM participant_preference WHERE participant_id = ?1",
                [existing.id.0],
            )?;
            existing.id.0
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO participant (programme_id, person_id, role, capacity, learning_goal, status, notes,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?
            .execute(params![
                    programme.0,
                    person_id,
                    e.role.as_str(),
                    e.capacity,
                    e.learning_goal,
                    e.status.as_str(),
                    e.notes,
                    stamp
                ],
            )?;
            tx.last_insert_rowid()
        }
    };
    for topic in &e.topics {
        tx.prepare_cached(
            "INSERT INTO topic (programme_id, name) VALUES (?1, ?2) ON CONFLICT (programme_id, name) DO NOTHING",
        )?
        .execute(params![programme.0, topic])?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO participant_topic (participant_id, topic_id)
             SELECT ?1, id FROM topic WHERE programme_id = ?2 AND name = ?3",
        )?
        .execute(params![participant_id, programme.0, topic])?;
    }
    let mut insert_slot = tx.prepare_cached(
        "INSERT INTO availability (participant_id, weekday, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for slot in e.availability.slots() {
        insert_slot.execute(params![participant_id, slot.weekday, slot.start, slot.end])?;
    }
    let mut insert_preference = tx.prepare_cached(
        "INSERT INTO participant_preference (participant_id, kind, email) VALUES (?1, ?2, ?3)",
    )?;
    for (kind, list) in [("avoid", &e.avoid), ("prefer", &e.preferred_mentors)] {
        for address in list {
            insert_preference.execute(params![participant_id, kind, address])?;
        }
    }
    let change = if existing.is_some() {
        Change::Updated
    } else {
        Change::Added
    };
    Ok((ParticipantId(participant_id), change))
}

/// Points a person's manager link at the person with `manager_email` (or clears it).
pub(crate) fn link_manager(
    tx: &Transaction<'_>,
    email: &str,
    manager_email: Option<&str>,
) -> Result<()> {
    let manager: Option<i64> = match manager_email {
        None => None,
        Some(manager) => Some(
            tx.query_row("SELECT id FROM person WHERE email = ?1", [manager], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| {
                Error::Invalid(vec![
                    FieldError::new("manager_email", "error.participant.manager_unknown")
                        .with("value", manager),
                ])
            })?,
        ),
    };
    tx.execute(
        "UPDATE person SET manager_id = ?2 WHERE email = ?1",
        params![email, manager],
    )?;
    Ok(())
}

/// Refuses a reporting line that loops back on itself (A manages B manages A).
pub(crate) fn check_no_manager_cycle(tx: &Transaction<'_>, email: &str) -> Result<()> {
    let looped: Option<String> = tx
        .prepare_cached(
            "WITH RECURSIVE chain(id, depth) AS (
                 SELECT manager_id, 1 FROM person WHERE email = ?1
                 UNION ALL
                 SELECT person.manager_id, depth + 1 FROM person JOIN chain ON person.id = chain.id
                 WHERE depth < 1000 AND person.manager_id IS NOT NULL
             )
             SELECT p.email FROM chain JOIN person p ON p.id = chain.id
             WHERE p.email = ?1 LIMIT 1",
        )?
        .query_row([email], |r| r.get(0))
        .optional()?;
    match looped {
        Some(_) => Err(Error::Invalid(vec![
            FieldError::new("manager_email", "error.participant.manager_cycle")
                .with("value", email),
        ])),
        None => Ok(()),
    }
}

const SELECT: &str = "SELECT pa.id, pa.programme_id, pa.role, pa.capacity, pa.learning_goal, pa.status, pa.notes,
        pe.email, pe.first_name, pe.last_name, pe.phone, pe.department, pe.job_title, pe.location, pe.languages,
        pe.years_experience, manager.email
     FROM participant pa
     JOIN person pe ON pe.id = pa.person_id
     LEFT JOIN person manager ON manager.id = pe.manager_id";

fn load_rows(
    conn: &rusqlite::Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<Participant>> {
    let mut statement = conn.prepare_cached(&format!("{SELECT} {filter}"))?;
    let mut participants: Vec<Participant> = statement
        .query_map(args, |row| {
            let role: String = row.get(2)?;
            let status: String = row.get(5)?;
            let languages: String = row.get(14)?;
            Ok(Participant {
                id: ParticipantId(row.get(0)?),
                programme: ProgrammeId(row.get(1)?),
                enrolment: Enrolment {
                    role: Role::parse(&role).unwrap_or(Role::Mentee),
                    capacity: row.get(3)?,
                    learning_goal: row.get(4)?,
                    status: Status::parse(&status).unwrap_or(Status::Applied),
                    notes: row.get(6)?,
                    email: row.get(7)?,
                    first_name: row.get(8)?,
                    last_name: row.get(9)?,
                    phone: row.get(10)?,
                    department: row.get(11)?,
                    job_title: row.get(12)?,
                    location: row.get(13)?,
                    languages: split_list(&languages),
                    years_of_experience: row.get(15)?,
                    manager_email: row.get(16)?,
                    topics: Vec::new(),
                    availability: Availability::default(),
                    avoid: Vec::new(),
                    preferred_mentors: Vec::new(),
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut topics = conn.prepare_cached(
        "SELECT t.name FROM participant_topic pt JOIN topic t ON t.id = pt.topic_id
         WHERE pt.participant_id = ?1 ORDER BY t.name COLLATE NOCASE",
    )?;
    let mut slots = conn.prepare_cached(
        "SELECT weekday, start_minute, end_minute FROM availability WHERE participant_id = ?1
         ORDER BY weekday, start_minute",
    )?;
    let mut preferences = conn.prepare_cached(
        "SELECT lower(email) FROM participant_preference WHERE participant_id = ?1 AND kind = ?2
         ORDER BY lower(email)",
    )?;
    for p in &mut participants {
        p.enrolment.topics = topics
            .query_map([p.id.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let found: Vec<Slot> = slots
            .query_map([p.id.0], |r| {
                Ok(Slot {
                    weekday: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        p.enrolment.availability = Availability::from_slots(found);
        for (kind, list) in [
            ("avoid", &mut p.enrolment.avoid),
            ("prefer", &mut p.enrolment.preferred_mentors),
        ] {
            *list = preferences
                .query_map(params![p.id.0, kind], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
    }
    Ok(participants)
}

/// The person with this e-mail (any programme) and their part in `programme`, if any.
/// Person by e-mail, then participant by (programme, person): both unique indexes,
/// so saving stays constant-time per row however many people the programme has.
fn find(
    conn: &rusqlite::Connection,
    programme: ProgrammeId,
    email: &str,
) -> rusqlite::Result<(Option<i64>, Option<Participant>)> {
    let person: Option<i64> = conn
        .prepare_cached("SELECT id FROM person WHERE email = ?1")?
        .query_row([email], |r| r.get(0))
        .optional()?;
    let Some(person) = person else {
        return Ok((None, None));
    };
    let participant: Option<i64> = conn
        .prepare_cached("SELECT id FROM participant WHERE programme_id = ?1 AND person_id = ?2")?
        .query_row([programme.0, person], |r| r.get(0))
        .optional()?;
    let existing = match participant {
        Some(id) => load_rows(conn, "WHERE pa.id = ?1", &[&id])?
            .into_iter()
            .next(),
        None => None,
    };
    Ok((Some(person), existing))
}

/// The names of the other programmes this participant's person takes part
/// in: their name, phone, department and the other person's details change
/// there too when they are edited here.
pub fn other_programmes(store: &Store, id: ParticipantId) -> Result<Vec<String>> {
    let read = || -> rusqlite::Result<Vec<String>> {
        store
            .conn()
            .prepare_cached(
                "SELECT pr.name FROM participant me
                 JOIN participant other ON other.person_id = me.person_id AND other.id <> me.id
                 JOIN programme pr ON pr.id = other.programme_id
                 WHERE me.id = ?1
                 ORDER BY pr.start_date, pr.id",
            )?
            .query_map([id.0], |r| r.get(0))?
            .collect()
    };
    read().map_err(|e| store.read_error(e))
}

/// One participant, or `NotFound`.
pub fn get(store: &Store, id: ParticipantId) -> Result<Participant> {
    load_rows(store.conn(), "WHERE pa.id = ?1", &[&id.0])
        .map_err(|e| store.read_error(e))?
        .into_iter()
        .next()
        .ok_or(Error::NotFound {
            what: "participant",
            id: id.0,
        })
}

/// Every participant of a programme, by last name, for export and matching.
pub fn all(store: &Store, programme: ProgrammeId) -> Result<Vec<Participant>> {
    load_rows(
        store.conn(),
        "WHERE pa.programme_id = ?1 ORDER BY pe.last_name COLLATE NOCASE, pe.first_name COLLATE NOCASE, pe.email",
        &[&programme.0],
    )
    .map_err(|e| store.read_error(e))
}

/// Which participants the table shows, and in which order. The window's
/// table sends it as JSON ([`QueryText`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(from = "QueryText")]
pub struct Query {
    /// Words that must all appear in the name or e-mail.
    pub search: String,
    pub role: Option<Role>,
    pub status: Option<Status>,
    pub department: Option<String>,
    pub topic: Option<String>,
    pub sort: Sort,
    pub descending: bool,
    pub offset: u32,
    /// At most this many rows (1–500).
    pub limit: u32,
}

/// A [`Query`] as the window's table sends it: every choice by its code,
/// empty for "any"; a key left out is empty, and no limit means 50 rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct QueryText {
    pub search: String,
    pub role: String,
    pub status: String,
    pub department: String,
    pub topic: String,
    pub sort: String,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl From<QueryText> for Query {
    fn from(q: QueryText) -> Query {
        Query {
            search: q.search,
            role: Role::parse(&q.role),
            status: (!q.status.is_empty())
                .then(|| Status::parse(&q.status))
                .flatten(),
            department: Some(q.department).filter(|d| !d.is_empty()),
            topic: Some(q.topic).filter(|t| !t.is_empty()),
            sort: Sort::parse(&q.sort),
            descending: q.descending,
            offset: q.offset,
            limit: if q.limit == 0 { 50 } else { q.limit },
        }
    }
}

/// Columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    Email,
    Role,
    Department,
    Location,
    Status,
    Capacity,
}

impl Sort {
    pub fn parse(text: &str) -> Sort {
        match text {
            "email" => Sort::Email,
            "role" => Sort::Role,
            "department" => Sort::Department,
            "location" => Sort::Location,
            "status" => Sort::Status,
            "capacity" => Sort::Capacity,
            _ => Sort::Name,
        }
    }

    fn column(self) -> &'static str {
        match self {
            Sort::Name => "pe.last_name COLLATE NOCASE {dir}, pe.first_name COLLATE NOCASE {dir}",
            Sort::Email => "pe.email COLLATE NOCASE {dir}",
            Sort::Role => "pa.role {dir}, pe.last_name COLLATE NOCASE",
            Sort::Department => "pe.department COLLATE NOCASE {dir}, pe.last_name COLLATE NOCASE",
            Sort::Location => "pe.location COLLATE NOCASE {dir}, pe.last_name COLLATE NOCASE",
            Sort::Status => "pa.status {dir}, pe.last_name COLLATE NOCASE",
            Sort::Capacity => "pa.capacity {dir}, pe.last_name COLLATE NOCASE",
        }
    }
}

/// One page of the table plus the counts shown above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<Participant>,
    /// Rows matching the query (all pages).
    pub matching: u32,
    pub counts: Counts,
}

/// The programme's supply and demand at a glance (withdrawn participants not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub mentors: u32,
    pub mentees: u32,
    /// Mentees all mentors together can take on (the programme's default where a mentor gave none).
    pub capacity: u32,
    pub withdrawn: u32,
}

/// Counts for a programme.
pub fn counts(store: &Store, programme: ProgrammeId) -> Result<Counts> {
    store
        .conn()
        .query_row(
            "SELECT
                 count(*) FILTER (WHERE pa.role = 'mentor' AND pa.status <> 'withdrawn'),
                 count(*) FILTER (WHERE pa.role = 'mentee' AND pa.status <> 'withdrawn'),
                 coalesce(sum(coalesce(pa.capacity, pr.default_capacity))
                     FILTER (WHERE pa.role = 'mentor' AND pa.status <> 'withdrawn'), 0),
                 count(*) FILTER (WHERE pa.status = 'withdrawn')
             FROM programme pr LEFT JOIN participant pa ON pa.programme_id = pr.id
             WHERE pr.id = ?1",
            [programme.0],
            |r| {
                Ok(Counts {
                    mentors: r.get(0)?,
                    mentees: r.get(1)?,
                    capacity: r.get(2)?,
                    withdrawn: r.get(3)?,
                })
            },
        )
        .map_err(|e| store.read_error(e))
}

/// A page of a programme's participants for the table.
pub fn page(store: &Store, programme: ProgrammeId, query: &Query) -> Result<Page> {
    let mut conditions = vec!["pa.programme_id = ?1".to_string()];
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(programme.0)];
    for word in query.search.split_whitespace().take(8) {
        // `%` and `_` are searched for as typed (an address like
        // "jan_peeters@…"), not as LIKE's wildcards: escaped with `\`.
        let escaped = word
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        args.push(Box::new(format!("%{escaped}%")));
        let n = args.len();
        conditions.push(format!(
            "(pe.first_name LIKE ?{n} ESCAPE '\\' OR pe.last_name LIKE ?{n} ESCAPE '\\' \
             OR pe.email LIKE ?{n} ESCAPE '\\' OR pe.department LIKE ?{n} ESCAPE '\\')"
        ));
    }
    if let Some(role) = query.role {
        args.push(Box::new(role.as_str()));
        conditions.push(format!("pa.role = ?{}", args.len()));
    }
    if let Some(status) = query.status {
        args.push(Box::new(status.as_str()));
        conditions.push(format!("pa.status = ?{}", args.len()));
    }
    if let Some(department) = &query.department {
        args.push(Box::new(department.clone()));
        conditions.push(format!("pe.department = ?{} COLLATE NOCASE", args.len()));
    }
    if let Some(topic) = &query.topic {
        args.push(Box::new(topic.clone()));
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM participant_topic pt JOIN topic t ON t.id = pt.topic_id
                     WHERE pt.participant_id = pa.id AND t.name = ?{})",
            args.len()
        ));
    }
    let filter = conditions.join(" AND ");
    let refs: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let conn = store.conn();
    let matching: u32 = conn
        .query_row(
            &format!("SELECT count(*) FROM participant pa JOIN person pe ON pe.id = pa.person_id WHERE {filter}"),
            refs.as_slice(),
            |r| r.get(0),
        )
        .map_err(|e| store.read_error(e))?;
    let order = query
        .sort
        .column()
        .replace("{dir}", if query.descending { "DESC" } else { "ASC" });
    let limit = query.limit.clamp(1, 500);
    let rows = load_rows(
        conn,
        &format!(
            "WHERE {filter} ORDER BY {order}, pa.id LIMIT {limit} OFFSET {}",
            query.offset
        ),
        refs.as_slice(),
    )
    .map_err(|e| store.read_error(e))?;
    Ok(Page {
        rows,
        matching,
        counts: counts(store, programme)?,
    })
}

/// The programme's topics (for pickers and filters), by name.
pub fn topics(store: &Store, programme: ProgrammeId) -> Result<Vec<String>> {
    let conn = store.conn();
    let mut statement = conn
        .prepare_cached(
            "SELECT name FROM topic WHERE programme_id = ?1 ORDER BY name COLLATE NOCASE",
        )
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([programme.0], |r| r.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>());
    rows.map_err(|e| store.read_error(e))
}

/// The departments present in a programme (for the filter), by name.
pub fn departments(store: &Store, programme: ProgrammeId) -> Result<Vec<String>> {
    let conn = store.conn();
    let mut statement = conn
        .prepare_cached(
            "SELECT DISTINCT pe.department FROM participant pa JOIN person pe ON pe.id = pa.person_id
             WHERE pa.programme_id = ?1 AND pe.department <> '' ORDER BY pe.department COLLATE NOCASE",
        )
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([programme.0], |r| r.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>());
    rows.map_err(|e| store.read_error(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The object `ui/js/views/participant-form.js` sends on save: every field by its name, as text.
    #[test]
    fn the_form_reads_the_json_the_window_sends() {
        let sent = r#"{
            "role": "mentor", "first_name": "Hanne", "last_name": "Janssens",
            "email": "hanne.janssens@example.be", "phone": "+32 470 12 34 56",
            "department": "Finance", "job_title": "Controller",
            "manager_email": "", "location": "Gent", "languages": "nl, en",
            "years_of_experience": "12", "topics": "Budgetten, Leiderschap",
            "capacity": "2", "learning_goal": "",
            "availability": "ma 9-12, wo namiddag", "status": "active",
            "notes": "", "avoid": "", "preferred_mentors": ""
        }"#;
        let form: EnrolmentForm = serde_json::from_str(sent).unwrap();
        assert_eq!(form.first_name, "Hanne");
        assert_eq!(form.years_of_experience, "12");
        assert_eq!(form.availability, "ma 9-12, wo namiddag");
        assert_eq!(
            serde_json::to_value(&form).unwrap(),
            serde_json::from_str::<serde_json::Value>(sent).unwrap(),
            "the form goes back to the window with the same keys it came with"
        );
        let partial: EnrolmentForm = serde_json::from_str(r#"{"role": "mentee"}"#).unwrap();
        assert_eq!(partial.email, "", "a key left out is an empty field");
    }

    /// The query `ui/js/views/participants.js` sends for a page of the table.
    #[test]
    fn the_query_reads_the_json_the_table_sends() {
        let query: Query = serde_json::from_str(
            r#"{"search": "jan", "role": "mentor", "status": "", "department": "Finance",
                "topic": "", "sort": "email", "descending": true, "offset": 50, "limit": 50}"#,
        )
        .unwrap();
        assert_eq!(
            query,
            Query {
                search: "jan".into(),
                role: Some(Role::Mentor),
                status: None,
                department: Some("Finance".into()),
                topic: None,
                sort: Sort::Email,
                descending: true,
                offset: 50,
                limit: 50,
            },
            "an empty choice is any"
        );
        let first: Query = serde_json::from_str("{}").unwrap();
        assert_eq!(first.limit, 50, "no limit is a page of 50");
        assert_eq!(first.sort, Sort::Name);
    }

    fn form() -> EnrolmentForm {
        EnrolmentForm {
            role: "mentee".into(),
            first_name: "Zoë".into(),
            last_name: "Janssens".into(),
            email: "zoe.janssens@example.be".into(),
            ..EnrolmentForm::default()
        }
    }

    #[test]
    fn a_minimal_form_is_valid_and_lists_are_normalised() {
        let mut f = form();
        f.languages = "NL | fr, nl".into();
        f.topics = "leiderschap, Coaching, leiderschap".into();
        f.availability = "ma 9-12".into();
        let e = f.validate().unwrap();
        assert_eq!(e.languages, vec!["fr", "nl"]);
        assert_eq!(e.topics, vec!["Coaching", "leiderschap"]);
        assert_eq!(e.status, Status::Applied);
    }

    #[test]
    fn every_bad_field_is_named() {
        let f = EnrolmentForm {
            role: "boss".into(),
            email: "jan@".into(),
            capacity: "twee".into(),
            years_of_experience: "-3".into(),
            availability: "someday".into(),
            ..EnrolmentForm::default()
        };
        let problems = f.validate().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "role",
                "first_name",
                "last_name",
                "email",
                "years_of_experience",
                "capacity",
                "availability"
            ]
        );
    }

    #[test]
    fn lists_have_a_length_as_well_as_valid_items() {
        let mut f = form();
        f.topics = (1..=30)
            .map(|n| format!("topic {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(f.validate().is_ok(), "30 topics are fine");
        f.topics.push_str(", one more");
        f.languages = "nl, en, fr, de, es, it, pt, pl, tr, ar, ru".into();
        let problems = f.validate().unwrap_err();
        let found: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.key)).collect();
        assert!(found.contains(&("topics", "error.too_many")), "{found:?}");
        assert!(
            found.contains(&("languages", "error.too_many")),
            "{found:?}"
        );
    }

    #[test]
    fn capacity_bounds() {
        for (text, ok) in [
            ("0", false),
            ("1", true),
            ("20", true),
            ("99", false),
            ("", true),
        ] {
            let mut f = form();
            f.role = "mentor".into();
            f.capacity = text.into();
            assert_eq!(f.validate().is_ok(), ok, "capacity {text:?}");
        }
    }

    #[test]
    fn email_check() {
        for (text, ok) in [
            ("a@b.be", true),
            ("jan@", false),
            ("@x.be", false),
            ("jan x@y.be", false),
            ("jan@localhost", false),
            ("a@@b.be", false),
        ] {
            assert_eq!(looks_like_email(text), ok, "{text}");
        }
    }
}
