//! Intake talks: the first, exploratory conversation of a confirmed match.
//! Klik plans them without clashes (`plan.rs`), writes calendar files
//! (`ics.rs`), offers public holidays as closed days (`holidays.rs`), and
//! records whether there was a klik: the match then becomes active, waits
//! for a second talk, or is dissolved so that the mentee is matched again.

pub mod holidays;
pub mod ics;
pub mod plan;
pub mod print;

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::date;
use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::matching::{self, Match, MatchId, MatchStatus};
use crate::participant::availability::{Availability, Slot, parse_time};
use crate::programme::{self, ProgrammeId, parse_timestamp, timestamp};
use crate::store::Store;

pub use plan::{Placement, Unplaced};

/// The shortest and longest talk, in minutes.
pub const MINUTES: (u16, u16) = (15, 480);
/// The longest period one planning run covers, in days.
pub const PERIOD_MAX_DAYS: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IntakeId(pub i64);

/// Where an intake stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeStatus {
    Planned,
    Held,
    Cancelled,
}

impl IntakeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IntakeStatus::Planned => "planned",
            IntakeStatus::Held => "held",
            IntakeStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<IntakeStatus> {
        [
            IntakeStatus::Planned,
            IntakeStatus::Held,
            IntakeStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Whether there was a klik.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The match becomes active and the trajectory may start.
    Klik,
    /// Not sure yet: a second talk is to be planned.
    Unsure,
    /// No klik: the match is dissolved and the mentee is matched again.
    NoKlik,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Klik => "klik",
            Outcome::Unsure => "unsure",
            Outcome::NoKlik => "no",
        }
    }

    /// `klik`/`yes`, `unsure`, `no`, as the CLI and the store write them.
    pub fn parse(text: &str) -> Option<Outcome> {
        match text.trim().to_lowercase().as_str() {
            "klik" | "yes" => Some(Outcome::Klik),
            "unsure" => Some(Outcome::Unsure),
            "no" => Some(Outcome::NoKlik),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::Klik => "intake.outcome.klik",
            Outcome::Unsure => "intake.outcome.unsure",
            Outcome::NoKlik => "intake.outcome.no",
        }
    }
}

/// A planning rule that a talk set by hand may break when the officer says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exception {
    /// On a closed day or weekday.
    Closed,
    /// Outside the programme's working hours for intakes.
    Hours,
    /// Outside the mentor's or the mentee's weekly availability.
    Availability,
}

impl Exception {
    pub fn as_str(self) -> &'static str {
        match self {
            Exception::Closed => "closed",
            Exception::Hours => "hours",
            Exception::Availability => "availability",
        }
    }

    pub fn parse(text: &str) -> Option<Exception> {
        [Exception::Closed, Exception::Hours, Exception::Availability]
            .into_iter()
            .find(|e| e.as_str() == text)
    }

    /// The short note a forced talk carries ("outside the working hours").
    pub fn label_key(self) -> &'static str {
        match self {
            Exception::Closed => "intake.exception.closed",
            Exception::Hours => "intake.exception.hours",
            Exception::Availability => "intake.exception.availability",
        }
    }
}

/// One intake talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    pub id: IntakeId,
    pub match_id: MatchId,
    pub uid: String,
    pub sequence: u32,
    pub start: NaiveDateTime,
    pub minutes: u16,
    pub location: String,
    pub status: IntakeStatus,
    pub outcome: Option<Outcome>,
    pub outcome_reason: Option<String>,
    pub outcome_at: Option<NaiveDateTime>,
    /// The planning rules the officer chose to break for this talk.
    pub exceptions: Vec<Exception>,
}

impl Intake {
    pub fn end(&self) -> NaiveDateTime {
        self.start + Duration::minutes(i64::from(self.minutes))
    }

    /// "Set by hand: outside the working hours; on a closed day", or `None`
    /// for a talk that keeps every rule.
    pub fn exception_note(&self, texts: &Texts) -> Option<String> {
        if self.exceptions.is_empty() {
            return None;
        }
        let rules: Vec<&str> = self
            .exceptions
            .iter()
            .map(|e| texts.get(e.label_key()))
            .collect();
        Some(texts.format("intake.exception.note", &[("rules", &rules.join("; "))]))
    }

    /// Planned, and its time has passed: the outcome is still to be recorded.
    pub fn outcome_missing(&self, now: NaiveDateTime) -> bool {
        self.status == IntakeStatus::Planned && self.end() <= now
    }
}

/// How a programme plans its intakes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeSettings {
    pub minutes: u16,
    pub day_start: u16,
    pub day_end: u16,
    pub max_per_day: u8,
    pub closed_weekdays: BTreeSet<u8>,
    pub location: String,
    pub organiser_name: String,
    pub organiser_email: String,
}

impl Default for IntakeSettings {
    fn default() -> IntakeSettings {
        IntakeSettings {
            minutes: 60,
            day_start: 9 * 60,
            day_end: 17 * 60,
            max_per_day: 3,
            closed_weekdays: [6, 7].into(),
            location: String::new(),
            organiser_name: String::new(),
            organiser_email: String::new(),
        }
    }
}

/// The settings as typed: numbers and times as text, so that every problem
/// can be named. The window shows and sends them as JSON with these keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub minutes: String,
    pub day_start: String,
    pub day_end: String,
    pub max_per_day: String,
    pub closed_weekdays: Vec<u8>,
    pub location: String,
    pub organiser_name: String,
    pub organiser_email: String,
}

/// Minutes since midnight as `09:30`.
pub fn clock_text(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl SettingsForm {
    pub fn from_settings(s: &IntakeSettings) -> SettingsForm {
        SettingsForm {
            minutes: s.minutes.to_string(),
            day_start: clock_text(s.day_start),
            day_end: clock_text(s.day_end),
            max_per_day: s.max_per_day.to_string(),
            closed_weekdays: s.closed_weekdays.iter().copied().collect(),
            location: s.location.clone(),
            organiser_name: s.organiser_name.clone(),
            organiser_email: s.organiser_email.clone(),
        }
    }

    pub fn validate(&self) -> std::result::Result<IntakeSettings, Vec<FieldError>> {
        let mut problems = Vec::new();
        let minutes = match self.minutes.trim().parse::<u16>() {
            Ok(m) if (MINUTES.0..=MINUTES.1).contains(&m) => m,
            _ => {
                problems.push(
                    FieldError::new("minutes", "error.intake.minutes")
                        .with("value", self.minutes.trim())
                        .with("min", MINUTES.0.to_string())
                        .with("max", MINUTES.1.to_string()),
                );
                60
            }
        };
        let mut time = |field: &'static str, text: &str| match parse_time(text.trim()) {
            Some(t) => Some(t),
            None => {
                problems
                    .push(FieldError::new(field, "error.intake.time").with("value", text.trim()));
                None
            }
        };
        let day_start = time("day_start", &self.day_start);
        let day_end = time("day_end", &self.day_end);
        if let (Some(start), Some(end)) = (day_start, day_end) {
            if end <= start {
                problems.push(FieldError::new("day_end", "error.intake.hours_order"));
            } else if end - start < minutes {
                problems.push(
                    FieldError::new("day_end", "error.intake.hours_too_short")
                        .with("minutes", minutes.to_string()),
                );
            }
        }
        let max_per_day = match self.max_per_day.trim().parse::<u8>() {
            Ok(n) if (1..=12).contains(&n) => n,
            _ => {
                problems.push(
                    FieldError::new("max_per_day", "error.intake.max_per_day")
                        .with("value", self.max_per_day.trim()),
                );
                3
            }
        };
        let closed: BTreeSet<u8> = self.closed_weekdays.iter().copied().collect();
        if closed.iter().any(|d| !(1..=7).contains(d)) || closed.len() == 7 {
            problems.push(FieldError::new(
                "closed_weekdays",
                "error.intake.all_days_closed",
            ));
        }
        for (field, text, max) in [
            ("location", &self.location, 500),
            ("organiser_name", &self.organiser_name, 200),
        ] {
            if text.chars().count() > max {
                problems.push(
                    FieldError::new(field, "error.text_too_long").with("max", max.to_string()),
                );
            }
        }
        let email = self.organiser_email.trim();
        if !email.is_empty() && (email.len() > 254 || !crate::participant::looks_like_email(email))
        {
            problems.push(
                FieldError::new("organiser_email", "error.participant.email").with("value", email),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(IntakeSettings {
            minutes,
            day_start: day_start.unwrap_or(0),
            day_end: day_end.unwrap_or(0),
            max_per_day,
            closed_weekdays: closed,
            location: self.location.trim().to_string(),
            organiser_name: self.organiser_name.trim().to_string(),
            organiser_email: email.to_string(),
        })
    }
}

/// A programme's intake settings (Klik's defaults until saved).
pub fn settings(store: &Store, programme: ProgrammeId) -> Result<IntakeSettings> {
    let row = store
        .conn()
        .query_row(
            "SELECT minutes, day_start, day_end, max_per_day, closed_weekdays, location,
                    organiser_name, organiser_email
             FROM intake_setting WHERE programme_id = ?1",
            [programme.0],
            |r| {
                let closed: String = r.get(4)?;
                Ok(IntakeSettings {
                    minutes: r.get(0)?,
                    day_start: r.get(1)?,
                    day_end: r.get(2)?,
                    max_per_day: r.get(3)?,
                    closed_weekdays: closed.bytes().map(|b| b - b'0').collect(),
                    location: r.get(5)?,
                    organiser_name: r.get(6)?,
                    organiser_email: r.get(7)?,
                })
            },
        )
        .optional()
        .map_err(|e| store.read_error(e))?;
    let mut settings = row.unwrap_or_default();
    // Invitations come from the organisation's coordinator unless the
    // programme names its own organiser.
    if settings.organiser_name.is_empty() && settings.organiser_email.is_empty() {
        let coordinator = crate::organisation::coordinator(store)?;
        settings.organiser_name = coordinator.name;
        settings.organiser_email = coordinator.email;
    }
    Ok(settings)
}

/// Saves a programme's intake settings.
pub fn save_settings(store: &mut Store, programme: ProgrammeId, s: &IntakeSettings) -> Result<()> {
    programme::ensure_open(store, programme)?;
    let closed: String = s
        .closed_weekdays
        .iter()
        .map(|d| char::from(b'0' + d))
        .collect();
    store.write(|tx| {
        tx.execute(
            "INSERT INTO intake_setting (programme_id, minutes, day_start, day_end, max_per_day,
                 closed_weekdays, location, organiser_name, organiser_email)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (programme_id) DO UPDATE SET minutes = ?2, day_start = ?3, day_end = ?4,
                 max_per_day = ?5, closed_weekdays = ?6, location = ?7, organiser_name = ?8,
                 organiser_email = ?9",
            params![
                programme.0,
                s.minutes,
                s.day_start,
                s.day_end,
                s.max_per_day,
                closed,
                s.location,
                s.organiser_name,
                s.organiser_email
            ],
        )?;
        Ok(())
    })
}

/// A day without intakes and what it is ("Paasmaandag").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedDay {
    pub day: NaiveDate,
    pub label: String,
}

/// A closed day as typed: the day as text (`28-11-2026`) and what it is.
/// The window shows and sends them as JSON with these keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ClosedDayForm {
    pub day: String,
    pub label: String,
}

impl ClosedDayForm {
    /// A stored closed day as the form shows it, the day written as in `language`.
    pub fn from_closed_day(d: &ClosedDay, language: &str) -> ClosedDayForm {
        ClosedDayForm {
            day: date::short(d.day, language),
            label: d.label.clone(),
        }
    }
}

/// The closed days as typed, with their dates read: a row left wholly
/// empty is skipped, a day that is not a date is named by its row
/// (`closed_days.2`) in `problems`.
pub fn typed_closed_days(days: &[ClosedDayForm], problems: &mut Vec<FieldError>) -> Vec<ClosedDay> {
    let mut typed = Vec::new();
    for (n, d) in days.iter().enumerate() {
        if d.day.trim().is_empty() && d.label.trim().is_empty() {
            continue;
        }
        if let Some(day) = date::parse_field(format!("closed_days.{}", n + 1), &d.day, problems) {
            typed.push(ClosedDay {
                day,
                label: d.label.trim().to_string(),
            });
        }
    }
    typed
}

/// Saves how intakes are planned and the closed days, as the settings form
/// sends them together: nothing when any value has a problem, and then
/// every problem of both is named.
pub fn save_settings_form(
    store: &mut Store,
    programme: ProgrammeId,
    settings: &SettingsForm,
    closed_days: &[ClosedDayForm],
) -> Result<()> {
    let mut problems = Vec::new();
    let checked = settings.validate().map_err(|p| problems.extend(p)).ok();
    let days = typed_closed_days(closed_days, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if let Some(settings) = checked {
        save_settings(store, programme, &settings)?;
    }
    set_closed_days(store, programme, &days)
}

/// A programme's closed days in date order.
pub fn closed_days(store: &Store, programme: ProgrammeId) -> Result<Vec<ClosedDay>> {
    let mut statement = store
        .conn()
        .prepare_cached("SELECT day, label FROM closed_day WHERE programme_id = ?1 ORDER BY day")
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([programme.0], |r| {
            let day: String = r.get(0)?;
            Ok((day, r.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows
        .into_iter()
        .filter_map(|(day, label)| {
            NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .ok()
                .map(|day| ClosedDay { day, label })
        })
        .collect())
}

/// Replaces a programme's closed days with `days`, in one transaction.
pub fn set_closed_days(
    store: &mut Store,
    programme: ProgrammeId,
    days: &[ClosedDay],
) -> Result<()> {
    // Five years of closed days is plenty; a list longer than that is a mistake.
    if days.len() > 5 * 366 {
        return Err(Error::Invalid(vec![
            FieldError::new("closed_days", "error.too_many").with("max", (5 * 366).to_string()),
        ]));
    }
    if let Some(long) = days.iter().find(|d| d.label.chars().count() > 200) {
        return Err(Error::Invalid(vec![
            FieldError::new("closed_days", "error.text_too_long")
                .with("max", "200")
                .with("value", long.label.chars().take(30).collect::<String>()),
        ]));
    }
    programme::ensure_open(store, programme)?;
    store.write(|tx| {
        tx.execute(
            "DELETE FROM closed_day WHERE programme_id = ?1",
            [programme.0],
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO closed_day (programme_id, day, label) VALUES (?1, ?2, ?3)",
        )?;
        for d in days {
            insert.execute(params![programme.0, d.day.to_string(), d.label.trim()])?;
        }
        Ok(())
    })
}

/// The public holidays of a country in a year as closed days, named in `texts`' language.
pub fn public_holidays(country: &str, year: i32, texts: &Texts) -> Vec<ClosedDay> {
    holidays::holidays(country, year)
        .into_iter()
        .map(|h| ClosedDay {
            day: h.day,
            label: texts.get(h.key).to_string(),
        })
        .collect()
}

/// The period to plan in, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodForm {
    pub from: String,
    pub to: String,
}

impl PeriodForm {
    /// Checks the period: real dates, not before `today`, the end not before the start,
    /// at most a year.
    pub fn validate(
        &self,
        today: NaiveDate,
    ) -> std::result::Result<(NaiveDate, NaiveDate), Vec<FieldError>> {
        let mut problems = Vec::new();
        let from = date::parse_field("from", &self.from, &mut problems);
        let to = date::parse_field("to", &self.to, &mut problems);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                problems.push(FieldError::new("to", "error.intake.period_order"));
            } else if to < today {
                problems.push(FieldError::new("to", "error.intake.period_past"));
            } else if (to - from).num_days() >= PERIOD_MAX_DAYS {
                problems.push(
                    FieldError::new("to", "error.intake.period_long")
                        .with("days", PERIOD_MAX_DAYS.to_string()),
                );
            }
            if problems.is_empty() {
                // A period that began earlier is planned from today on.
                return Ok((from.max(today), to));
            }
        }
        Err(problems)
    }
}

/// One pair in a proposed plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub pair: Match,
    pub start: NaiveDateTime,
}

/// A pair that could not be placed, and why in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPlaced {
    pub pair: Match,
    pub why: Unplaced,
    pub reason: String,
}

/// A plan before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub settings: IntakeSettings,
    pub planned: Vec<Planned>,
    pub not_placed: Vec<NotPlaced>,
}

/// The person behind each participant and their weekly availability.
fn people(store: &Store, programme: ProgrammeId) -> Result<HashMap<i64, (i64, Availability)>> {
    let conn = store.conn();
    let read = || -> rusqlite::Result<HashMap<i64, (i64, Availability)>> {
        let mut people: HashMap<i64, (i64, Vec<Slot>)> = HashMap::new();
        let mut statement = conn.prepare_cached(
            "SELECT p.id, p.person_id, a.weekday, a.start_minute, a.end_minute
             FROM participant p LEFT JOIN availability a ON a.participant_id = p.id
             WHERE p.programme_id = ?1",
        )?;
        let mut rows = statement.query([programme.0])?;
        while let Some(r) = rows.next()? {
            let entry = people.entry(r.get(0)?).or_insert((r.get(1)?, Vec::new()));
            if let Some(weekday) = r.get::<_, Option<u8>>(2)? {
                entry.1.push(Slot {
                    weekday,
                    start: r.get(3)?,
                    end: r.get(4)?,
                });
            }
        }
        Ok(people
            .into_iter()
            .map(|(id, (person, slots))| (id, (person, Availability::from_slots(slots))))
            .collect())
    };
    read().map_err(|e| store.read_error(e))
}

/// Every planned talk of every programme, per person: nobody is in two talks at
/// once, whichever programme they are in.
fn busy(store: &Store, except: Option<IntakeId>) -> Result<Vec<plan::Busy>> {
    let mut statement = store
        .conn()
        .prepare_cached(
            "SELECT p.person_id, i.starts_at, i.minutes
             FROM intake i JOIN match_pair m ON m.id = i.match_id
             JOIN participant p ON p.id IN (m.mentor_id, m.mentee_id)
             WHERE i.status = 'planned' AND i.id IS NOT ?1",
        )
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([except.map(|i| i.0)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows
        .into_iter()
        .filter_map(|(person, start, minutes)| {
            let start = parse_local(&start)?;
            Some(plan::Busy {
                person,
                start,
                end: start + Duration::minutes(minutes),
            })
        })
        .collect())
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn parse_local(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok()
}

/// The planner's settings for a period.
fn plan_settings(
    s: &IntakeSettings,
    from: NaiveDate,
    to: NaiveDate,
    closed: &[ClosedDay],
) -> plan::Settings {
    plan::Settings {
        from,
        to,
        minutes: s.minutes,
        day_start: s.day_start,
        day_end: s.day_end,
        closed: closed.iter().map(|d| d.day).collect(),
        closed_weekdays: s.closed_weekdays.clone(),
        max_per_day: s.max_per_day,
    }
}

/// The confirmed matches of a programme that have no talk planned.
fn to_plan(store: &Store, programme: ProgrammeId) -> Result<Vec<Match>> {
    let planned: BTreeSet<i64> = store
        .conn()
        .prepare_cached(
            "SELECT i.match_id FROM intake i JOIN match_pair m ON m.id = i.match_id
             WHERE m.programme_id = ?1 AND i.status = 'planned'",
        )
        .and_then(|mut s| s.query_map([programme.0], |r| r.get(0))?.collect())
        .map_err(|e| store.read_error(e))?;
    Ok(matching::list(store, programme)?
        .into_iter()
        .filter(|m| m.status == MatchStatus::Confirmed && !planned.contains(&m.id.0))
        .collect())
}

/// Proposes a time for every confirmed match of the programme without a
/// planned talk, from `from` to `to`, never before `now` (a period that starts
/// today offers only the hours still to come); nothing is saved.
pub fn propose(
    store: &Store,
    programme: ProgrammeId,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
    texts: &Texts,
) -> Result<Proposal> {
    crate::programme::get(store, programme)?;
    let settings = settings(store, programme)?;
    let closed = closed_days(store, programme)?;
    let people = people(store, programme)?;
    let pairs = to_plan(store, programme)?;
    let none = (0, Availability::default());
    let person = |id: crate::participant::ParticipantId| people.get(&id.0).unwrap_or(&none);
    let after: Vec<Option<NaiveDateTime>> = pairs
        .iter()
        .map(|m| last_talk_end(store, m.id))
        .collect::<Result<_>>()?;
    let requests: Vec<plan::Request> = pairs
        .iter()
        .zip(&after)
        .map(|(m, after)| plan::Request {
            mentor: person(m.mentor).0,
            mentee: person(m.mentee).0,
            mentor_week: &person(m.mentor).1,
            mentee_week: &person(m.mentee).1,
            // A talk is never proposed in the past, nor before the pair's
            // last talk ended.
            not_before: Some(after.map_or(now, |after| after.max(now))),
        })
        .collect();
    let planner = plan_settings(&settings, from, to, &closed);
    let placements = plan::plan(&planner, &requests, &busy(store, None)?);
    let mut proposal = Proposal {
        from,
        to,
        settings,
        planned: Vec::new(),
        not_placed: Vec::new(),
    };
    for ((pair, request), placement) in pairs.into_iter().zip(&requests).zip(placements) {
        match placement {
            Placement::At(start) => proposal.planned.push(Planned { pair, start }),
            Placement::Unplaced(why) => {
                let reason = unplaced_text(&pair, request, why, texts);
                proposal.not_placed.push(NotPlaced { pair, why, reason });
            }
        }
    }
    proposal.planned.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.pair.mentee_name.cmp(&b.pair.mentee_name))
    });
    Ok(proposal)
}

/// Why a pair got no time, in words: "no common availability: Marie Dubois
/// only wo 09:00-12:00, Jan Peeters only vr 09:00-17:00".
fn unplaced_text(pair: &Match, request: &plan::Request, why: Unplaced, texts: &Texts) -> String {
    let language = texts.language();
    match why {
        Unplaced::NoAvailability { mentor, mentee } => {
            let name = match (mentor, mentee) {
                (true, true) => {
                    return texts.format(
                        "intake.unplaced.no_availability_both",
                        &[("mentor", &pair.mentor_name), ("mentee", &pair.mentee_name)],
                    );
                }
                (true, false) => &pair.mentor_name,
                _ => &pair.mentee_name,
            };
            texts.format("intake.unplaced.no_availability", &[("name", name)])
        }
        Unplaced::NoCommonTime => texts.format(
            "intake.unplaced.no_common",
            &[
                ("mentor", &pair.mentor_name),
                ("mentor_week", &request.mentor_week.display(language)),
                ("mentee", &pair.mentee_name),
                ("mentee_week", &request.mentee_week.display(language)),
            ],
        ),
        Unplaced::NoFreeSlot { options } => {
            texts.counted("intake.unplaced.no_free", options as i64, &[])
        }
    }
}

/// A new, stable calendar UID for a talk.
fn new_uid(tx: &Transaction, match_id: MatchId, now: NaiveDateTime) -> rusqlite::Result<String> {
    // The row id to come and the time make it unique in this database; the
    // random part keeps two databases (a restored backup, say) from sending
    // the same UID for different talks.
    let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM intake", [], |r| {
        r.get(0)
    })?;
    let random: i64 = tx.query_row("SELECT random()", [], |r| r.get(0))?;
    Ok(format!(
        "klik-intake-{next}-{}-{}-{:08x}@klik.local",
        match_id.0,
        now.format("%Y%m%dT%H%M%S"),
        random as u32
    ))
}

/// Saves a proposed plan in one transaction: a talk per placed pair, whose
/// match is then "intake planned". Pairs planned meanwhile are refused as a whole.
pub fn apply(store: &mut Store, proposal: &Proposal, now: NaiveDateTime) -> Result<Vec<IntakeId>> {
    if let Some(first) = proposal.planned.first() {
        programme::ensure_open(store, first.pair.programme)?;
    }
    let location = proposal.settings.location.clone();
    let minutes = proposal.settings.minutes;
    store.write(|tx| {
        let mut ids = Vec::new();
        for p in &proposal.planned {
            let status: Option<String> = tx
                .query_row(
                    "SELECT status FROM match_pair WHERE id = ?1",
                    [p.pair.id.0],
                    |r| r.get(0),
                )
                .optional()?;
            if status.as_deref() != Some("confirmed") {
                return Err(Error::Invalid(vec![
                    FieldError::new("plan", "error.intake.plan_changed")
                        .with("value", p.pair.mentee_name.clone()),
                ]));
            }
            ids.push(add_talk(
                tx, p.pair.id, p.start, minutes, &location, now, true,
            )?);
        }
        Ok(ids)
    })
}

/// Adds a planned talk with a new UID to a match; with `planning`, the
/// match is then "intake planned".
fn add_talk(
    tx: &Transaction,
    id: MatchId,
    start: NaiveDateTime,
    minutes: u16,
    location: &str,
    now: NaiveDateTime,
    planning: bool,
) -> rusqlite::Result<IntakeId> {
    let uid = new_uid(tx, id, now)?;
    tx.execute(
        "INSERT INTO intake (match_id, uid, sequence, starts_at, minutes, location, status,
             created_at, updated_at)
         VALUES (?1, ?2, 0, ?3, ?4, ?5, 'planned', ?6, ?6)",
        params![id.0, uid, local(start), minutes, location, timestamp(now)],
    )?;
    let talk = IntakeId(tx.last_insert_rowid());
    if planning {
        tx.execute(
            "UPDATE match_pair SET status = 'intake_planned', updated_at = ?2 WHERE id = ?1",
            params![id.0, timestamp(now)],
        )?;
    }
    Ok(talk)
}

const COLUMNS: &str = "id, match_id, uid, sequence, starts_at, minutes, location, status, outcome,
     outcome_reason, outcome_at, exceptions";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Intake> {
    let start: String = r.get(4)?;
    let status: String = r.get(7)?;
    let outcome: Option<String> = r.get(8)?;
    let outcome_at: Option<String> = r.get(10)?;
    Ok(Intake {
        id: IntakeId(r.get(0)?),
        match_id: MatchId(r.get(1)?),
        uid: r.get(2)?,
        sequence: r.get(3)?,
        start: parse_local(&start).unwrap_or_default(),
        minutes: r.get(5)?,
        location: r.get(6)?,
        status: IntakeStatus::parse(&status).unwrap_or(IntakeStatus::Planned),
        outcome: outcome.as_deref().and_then(Outcome::parse),
        outcome_reason: r.get(9)?,
        outcome_at: outcome_at.as_deref().and_then(parse_timestamp),
        exceptions: r
            .get::<_, String>(11)?
            .split(',')
            .filter_map(Exception::parse)
            .collect(),
    })
}

/// One intake, or `NotFound`.
pub fn get(store: &Store, id: IntakeId) -> Result<Intake> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM intake WHERE id = ?1"),
            [id.0],
            row,
        )
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or(Error::NotFound {
            what: "intake",
            id: id.0,
        })
}

/// Every intake of a programme, in time order, cancelled ones included.
pub fn list(store: &Store, programme: ProgrammeId) -> Result<Vec<Intake>> {
    let mut statement = store
        .conn()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM intake WHERE match_id IN
                 (SELECT id FROM match_pair WHERE programme_id = ?1)
             ORDER BY starts_at, id"
        ))
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([programme.0], row)
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows)
}

/// The talks of one match, oldest first: its intake history.
pub fn history(store: &Store, id: MatchId) -> Result<Vec<Intake>> {
    let mut statement = store
        .conn()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM intake WHERE match_id = ?1 ORDER BY starts_at, id"
        ))
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([id.0], row)
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows)
}

/// Why a time cannot be given to a talk. A clash with another talk of
/// either person, or a time before the pair's last talk ended, is refused
/// outright; the planning rules (open days, working hours, both people's
/// availability) are returned as the exceptions the officer would have to
/// accept knowingly, each with its reason.
fn check_time(
    store: &Store,
    pair: &Match,
    start: NaiveDateTime,
    minutes: u16,
    except: Option<IntakeId>,
) -> Result<Vec<(Exception, FieldError)>> {
    let settings = settings(store, pair.programme)?;
    let closed = closed_days(store, pair.programme)?;
    let day = start.date();
    let weekday = chrono::Datelike::weekday(&day).number_from_monday() as u8;
    let end = start + Duration::minutes(i64::from(minutes));
    let mut problems = Vec::new();
    if let Some(last) = last_talk_end(store, pair.id)?
        && start < last
    {
        problems.push(
            FieldError::new("date", "error.intake.before_last_talk")
                .with_date("date", last.date())
                .with("time", last.format("%H:%M").to_string()),
        );
    }
    let people = people(store, pair.programme)?;
    let calendar = plan::Calendar::with(&busy(store, except)?);
    for (participant, name) in [
        (pair.mentor, &pair.mentor_name),
        (pair.mentee, &pair.mentee_name),
    ] {
        let Some((person, _)) = people.get(&participant.0) else {
            continue;
        };
        if let Some((s, e)) = calendar.clash(*person, start, end) {
            problems.push(
                FieldError::new("date", "error.intake.clash")
                    .with("name", name.clone())
                    .with("start", s.format("%H:%M").to_string())
                    .with("end", e.format("%H:%M").to_string()),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let mut exceptions = Vec::new();
    if let Some(c) = closed.iter().find(|c| c.day == day) {
        exceptions.push((
            Exception::Closed,
            FieldError::new(FORCE_FIELD, "error.intake.closed_day").with("value", c.label.clone()),
        ));
    } else if settings.closed_weekdays.contains(&weekday) {
        exceptions.push((
            Exception::Closed,
            FieldError::new(FORCE_FIELD, "error.intake.closed_weekday"),
        ));
    }
    let (from, to) = (minute_of(start), minute_of(start) + u32::from(minutes));
    if start.date() != end.date()
        || from < u32::from(settings.day_start)
        || to > u32::from(settings.day_end)
    {
        exceptions.push((
            Exception::Hours,
            FieldError::new(FORCE_FIELD, "error.intake.outside_hours")
                .with("start", clock_text(settings.day_start))
                .with("end", clock_text(settings.day_end)),
        ));
    }
    let unavailable: Vec<(&String, &Availability)> = [
        (pair.mentor, &pair.mentor_name),
        (pair.mentee, &pair.mentee_name),
    ]
    .into_iter()
    .filter_map(|(participant, name)| {
        let (_, week) = people.get(&participant.0)?;
        let inside = start.date() == end.date()
            && week.slots().iter().any(|slot| {
                slot.weekday == weekday
                    && u32::from(slot.start) <= from
                    && to <= u32::from(slot.end)
            });
        (!inside).then_some((name, week))
    })
    .collect();
    for (name, week) in unavailable {
        let error = FieldError::new(FORCE_FIELD, "error.intake.outside_availability")
            .with("name", name.clone());
        let error = if week.is_empty() {
            error.with_key("week", "intake.no_availability_given")
        } else {
            error.with_languages(
                "week",
                ["en", "nl", "fr"].map(|language| (language, week.display(language))),
            )
        };
        exceptions.push((Exception::Availability, error));
    }
    Ok(exceptions)
}

/// The field of the problems an officer may override knowingly ("move
/// anyway"): the window asks for confirmation naming them, the CLI wants
/// `--anyway`.
pub const FORCE_FIELD: &str = "anyway";

fn minute_of(t: NaiveDateTime) -> u32 {
    use chrono::Timelike;
    t.hour() * 60 + t.minute()
}

/// When the pair's last talk that took place ended: a next talk comes after it.
fn last_talk_end(store: &Store, id: MatchId) -> Result<Option<NaiveDateTime>> {
    Ok(history(store, id)?
        .into_iter()
        .filter(|i| i.status == IntakeStatus::Held)
        .map(|i| i.end())
        .max())
}

/// A date and a time as typed ("12-01-2027", "14:30") as a local time.
pub fn parse_start(day: &str, time: &str) -> std::result::Result<NaiveDateTime, Vec<FieldError>> {
    let mut problems = Vec::new();
    let d = date::parse_field("date", day, &mut problems);
    let t = parse_time(time.trim())
        .filter(|t| *t < 24 * 60)
        .or_else(|| {
            problems.push(FieldError::new("time", "error.intake.time").with("value", time.trim()));
            None
        });
    match (d, t) {
        (Some(d), Some(t)) => Ok(plan::at(d, t)),
        _ => Err(problems),
    }
}

/// When the officer says a talk was held, as the outcome form sends it: the
/// day (empty or left out: not said, so `None`) and the time it started
/// (empty or left out: 12:00). Every problem is named `held`, the field the
/// form shows them at.
pub fn held_at(day: Option<&str>, time: Option<&str>) -> Result<Option<NaiveDateTime>> {
    let Some(day) = day.filter(|d| !d.trim().is_empty()) else {
        return Ok(None);
    };
    let time = time.filter(|t| !t.trim().is_empty()).unwrap_or("12:00");
    parse_start(day, time).map(Some).map_err(|problems| {
        Error::Invalid(
            problems
                .into_iter()
                .map(|mut p| {
                    p.field = "held".into();
                    p
                })
                .collect(),
        )
    })
}

/// The first free times for a pair's talk from `from` to `to`: inside both
/// availabilities and the working hours on open days, clashing with no other
/// talk of either person and within the day's limit (the pair's own planned
/// talk does not count, since it is the one to move, and its own time is
/// left out). At most two a day, a talk's length apart, and `limit` in
/// all, earliest first.
pub fn free_times(
    store: &Store,
    id: MatchId,
    from: NaiveDate,
    to: NaiveDate,
    limit: usize,
) -> Result<Vec<NaiveDateTime>> {
    let pair = matching::get(store, id)?;
    let settings = settings(store, pair.programme)?;
    let closed = closed_days(store, pair.programme)?;
    let people = people(store, pair.programme)?;
    let own = history(store, id)?
        .into_iter()
        .find(|i| i.status == IntakeStatus::Planned);
    let minutes = own.as_ref().map(|i| i.minutes).unwrap_or(settings.minutes);
    let none = (0, Availability::default());
    let mentor = people.get(&pair.mentor.0).unwrap_or(&none);
    let mentee = people.get(&pair.mentee.0).unwrap_or(&none);
    let mut planner = plan_settings(&settings, from, to, &closed);
    planner.minutes = minutes;
    let calendar = plan::Calendar::with(&busy(store, own.as_ref().map(|i| i.id))?);
    let length = Duration::minutes(i64::from(minutes));
    let current = own.as_ref().map(|i| i.start);
    let after = last_talk_end(store, id)?;
    Ok(plan::options(&planner, &mentor.1, &mentee.1)
        .into_iter()
        .filter(|&start| Some(start) != current)
        .filter(|&start| after.is_none_or(|after| start >= after))
        .filter(|&start| {
            [mentor.0, mentee.0].iter().all(|&person| {
                calendar.on_day(person, start.date()) < settings.max_per_day
                    && calendar.clash(person, start, start + length).is_none()
            })
        })
        // Spread over the days: a choice of days beats four times an hour apart.
        .scan(Vec::<NaiveDateTime>::new(), |kept, start| {
            let same_day: Vec<_> = kept.iter().filter(|t| t.date() == start.date()).collect();
            let spaced = same_day.iter().all(|t| start >= **t + length);
            if same_day.len() < 2 && spaced {
                kept.push(start);
                Some(Some(start))
            } else {
                Some(None)
            }
        })
        .flatten()
        .take(limit)
        .collect())
}

/// How many free times are offered for moving a talk.
pub const MOVE_CHOICES: usize = 8;

/// The free times offered to move a pair's talk with one click: in the
/// programme's suggested intake period, and at least four weeks ahead of
/// `now`, never in the past.
pub fn move_choices(store: &Store, id: MatchId, now: NaiveDateTime) -> Result<Vec<NaiveDateTime>> {
    let pair = matching::get(store, id)?;
    let programme = programme::get(store, pair.programme)?;
    let today = now.date();
    let (from, to) = suggested_period(&programme, today);
    let to = to.max(today + Duration::days(27));
    Ok(free_times(store, id, from, to, MOVE_CHOICES)?
        .into_iter()
        .filter(|t| *t > now)
        .collect())
}

/// Moves a planned talk to another time, or plans one by hand for a
/// confirmed match without one. A clash with another talk of either person,
/// a time in the past or before the pair's last talk is refused with the
/// reason; so is a time that breaks the planning rules (a closed day,
/// outside the working hours or either person's availability), which
/// [`schedule_anyway`] accepts knowingly. Calendars see the change through
/// the higher SEQUENCE.
pub fn schedule(
    store: &mut Store,
    id: MatchId,
    start: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Intake> {
    schedule_talk(store, id, start, false, now)
}

/// [`schedule`] for an officer who knows the time breaks the planning rules:
/// the talk is set and carries a note of the rules it breaks. Clashes and
/// times in the past stay refused.
pub fn schedule_anyway(
    store: &mut Store,
    id: MatchId,
    start: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Intake> {
    schedule_talk(store, id, start, true, now)
}

fn schedule_talk(
    store: &mut Store,
    id: MatchId,
    start: NaiveDateTime,
    anyway: bool,
    now: NaiveDateTime,
) -> Result<Intake> {
    let pair = matching::get(store, id)?;
    programme::ensure_open(store, pair.programme)?;
    if !matches!(
        pair.status,
        MatchStatus::Confirmed | MatchStatus::IntakePlanned
    ) {
        return Err(Error::Invalid(vec![FieldError::new(
            "match",
            "error.intake.not_to_plan",
        )]));
    }
    if start < now {
        return Err(Error::Invalid(vec![FieldError::new(
            "date",
            "error.intake.in_past",
        )]));
    }
    let current = history(store, id)?
        .into_iter()
        .find(|i| i.status == IntakeStatus::Planned);
    let settings = settings(store, pair.programme)?;
    let minutes = current
        .as_ref()
        .map(|i| i.minutes)
        .unwrap_or(settings.minutes);
    let broken = check_time(store, &pair, start, minutes, current.as_ref().map(|i| i.id))?;
    if !broken.is_empty() && !anyway {
        return Err(Error::Invalid(
            broken.into_iter().map(|(_, problem)| problem).collect(),
        ));
    }
    let mut exceptions: Vec<&str> = broken.iter().map(|(e, _)| e.as_str()).collect();
    exceptions.dedup();
    let exceptions = exceptions.join(",");
    let intake = store.write(|tx| {
        let talk = match &current {
            Some(i) => {
                tx.execute(
                    "UPDATE intake SET starts_at = ?2, sequence = sequence + 1, updated_at = ?3 WHERE id = ?1",
                    params![i.id.0, local(start), timestamp(now)],
                )?;
                i.id
            }
            None => add_talk(tx, id, start, minutes, &settings.location, now, true)?,
        };
        tx.execute(
            "UPDATE intake SET exceptions = ?2 WHERE id = ?1",
            params![talk.0, exceptions],
        )?;
        Ok(talk)
    })?;
    get(store, intake)
}

/// Cancels a planned talk: the match goes back to "to plan", and the
/// calendar file of the talk then removes the event.
pub fn cancel(store: &mut Store, id: IntakeId, now: NaiveDateTime) -> Result<Intake> {
    let intake = get(store, id)?;
    programme::ensure_open(store, matching::programme_of(store, intake.match_id)?)?;
    if intake.status != IntakeStatus::Planned {
        return Err(Error::Invalid(vec![FieldError::new(
            "intake",
            "error.intake.not_planned",
        )]));
    }
    store.write(|tx| {
        tx.execute(
            "UPDATE intake SET status = 'cancelled', sequence = sequence + 1, updated_at = ?2 WHERE id = ?1",
            params![id.0, timestamp(now)],
        )?;
        tx.execute(
            "UPDATE match_pair SET status = 'confirmed', updated_at = ?2
             WHERE id = ?1 AND status = 'intake_planned'",
            params![intake.match_id.0, timestamp(now)],
        )?;
        Ok(())
    })?;
    get(store, id)
}

/// What recording an outcome led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub intake: Intake,
    pub status: MatchStatus,
    /// After "no klik": the mentor Klik now proposes for the mentee (never
    /// the same one), with the score; `None` when no mentor fits.
    pub next_mentor: Option<(String, u8)>,
}

/// Records how the intake of a match went, after a talk that took place:
/// the planned talk, once its start has passed, becomes held with the
/// outcome, and the match follows in the same transaction: active after a
/// klik, back to planning after "not sure yet", dissolved with the reason
/// after no klik. Before the talk, or without one, the outcome is refused
/// with what to do; [`record_outcome_held`] records a talk held on a given date.
pub fn record_outcome(
    store: &mut Store,
    id: MatchId,
    outcome: Outcome,
    reason: &str,
    now: NaiveDateTime,
) -> Result<Recorded> {
    record(store, id, outcome, reason, None, now)
}

/// [`record_outcome`] for a talk the officer says was held at `held_at`
/// (not in the future, not before the match was confirmed): the planned talk
/// moves to that time, or, when none was planned in Klik, the held talk is added.
pub fn record_outcome_held(
    store: &mut Store,
    id: MatchId,
    outcome: Outcome,
    reason: &str,
    held_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Recorded> {
    record(store, id, outcome, reason, Some(held_at), now)
}

fn record(
    store: &mut Store,
    id: MatchId,
    outcome: Outcome,
    reason: &str,
    held_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<Recorded> {
    let pair = matching::get(store, id)?;
    programme::ensure_open(store, pair.programme)?;
    if !matches!(
        pair.status,
        MatchStatus::Confirmed | MatchStatus::IntakePlanned
    ) {
        return Err(Error::Invalid(vec![FieldError::new(
            "outcome",
            "error.intake.outcome_done",
        )]));
    }
    let reason = reason.trim();
    if outcome == Outcome::NoKlik && reason.is_empty() {
        return Err(Error::Invalid(vec![FieldError::new(
            "reason",
            "error.required",
        )]));
    }
    if reason.chars().count() > 1000 {
        return Err(Error::Invalid(vec![
            FieldError::new("reason", "error.text_too_long").with("max", "1000"),
        ]));
    }
    let planned = history(store, id)?
        .into_iter()
        .find(|i| i.status == IntakeStatus::Planned);
    // The talk must have taken place: a planned one whose start has passed,
    // or one the officer says was held, on a date that can be true.
    match (&planned, held_at) {
        (_, Some(at)) if at > now => {
            return Err(Error::Invalid(vec![FieldError::new(
                "held",
                "error.intake.held_in_future",
            )]));
        }
        (_, Some(at)) if at.date() < pair.confirmed_at.date() => {
            return Err(Error::Invalid(vec![
                FieldError::new("held", "error.intake.held_before_match")
                    .with_date("date", pair.confirmed_at.date()),
            ]));
        }
        (_, Some(at)) if last_talk_end(store, id)?.is_some_and(|last| at < last) => {
            return Err(Error::Invalid(vec![FieldError::new(
                "held",
                "error.intake.held_before_last_talk",
            )]));
        }
        (_, Some(_)) => {}
        (Some(talk), None) if talk.start <= now => {}
        (Some(talk), None) => {
            return Err(Error::Invalid(vec![
                FieldError::new("outcome", "error.intake.not_held_yet")
                    .with_date("date", talk.start.date())
                    .with("time", talk.start.format("%H:%M").to_string()),
            ]));
        }
        (None, None) => {
            return Err(Error::Invalid(vec![FieldError::new(
                "outcome",
                "error.intake.no_talk",
            )]));
        }
    }
    let settings = settings(store, pair.programme)?;
    let intake_id = store.write(|tx| {
        let intake_id = match (&planned, held_at) {
            (Some(i), None) => i.id.0,
            (Some(i), Some(at)) => {
                // Held at another time than planned: the record says when.
                tx.execute(
                    "UPDATE intake SET starts_at = ?2, sequence = sequence + 1 WHERE id = ?1",
                    params![i.id.0, local(at)],
                )?;
                i.id.0
            }
            (None, Some(at)) => add_talk(tx, id, at, settings.minutes, "", now, false)?.0,
            (None, None) => unreachable!("refused above"),
        };
        tx.execute(
            "UPDATE intake SET status = 'held', outcome = ?2, outcome_reason = ?3, outcome_at = ?4,
                 updated_at = ?4
             WHERE id = ?1",
            params![
                intake_id,
                outcome.as_str(),
                (!reason.is_empty()).then_some(reason),
                timestamp(now)
            ],
        )?;
        match outcome {
            Outcome::Klik => {
                tx.execute(
                    "UPDATE match_pair SET status = 'active', updated_at = ?2 WHERE id = ?1",
                    params![id.0, timestamp(now)],
                )?;
            }
            Outcome::Unsure => {
                tx.execute(
                    "UPDATE match_pair SET status = 'confirmed', updated_at = ?2 WHERE id = ?1",
                    params![id.0, timestamp(now)],
                )?;
            }
            Outcome::NoKlik => matching::dissolve_in(tx, id, reason, now)?,
        }
        Ok(IntakeId(intake_id))
    })?;
    let intake = get(store, intake_id)?;
    let status = matching::get(store, id)?.status;
    let next_mentor = if outcome == Outcome::NoKlik {
        let round = matching::round(store, pair.programme)?;
        let proposal = round.propose();
        round.mentee_index(pair.mentee).and_then(|mentee| {
            proposal
                .pairs
                .iter()
                .find(|p| p.mentee == mentee)
                .map(|p| (round.mentors[p.mentor].name.clone(), p.score))
        })
    } else {
        None
    };
    Ok(Recorded {
        intake,
        status,
        next_mentor,
    })
}

/// The calendar events of talks, in the programme's document language
/// (held talks have none: they happened).
pub fn events(
    store: &Store,
    programme: ProgrammeId,
    intakes: &[Intake],
    stamp: NaiveDateTime,
) -> Result<Vec<ics::Event>> {
    Ok(talk_events(store, programme, intakes, stamp)?
        .into_iter()
        .map(|(_, event)| event)
        .collect())
}

/// What a calendar file holds: one talk (`only`), or every planned and
/// cancelled talk of the programme, each with its event.
pub fn calendar(
    store: &Store,
    programme: ProgrammeId,
    only: Option<IntakeId>,
    stamp: NaiveDateTime,
) -> Result<Vec<(Intake, ics::Event)>> {
    let talks: Vec<Intake> = list(store, programme)?
        .into_iter()
        .filter(|i| only.is_none_or(|id| i.id == id))
        .collect();
    Ok(talk_events(store, programme, &talks, stamp)?
        .into_iter()
        .map(|(talk, event)| (talk.clone(), event))
        .collect())
}

fn talk_events<'a>(
    store: &Store,
    programme: ProgrammeId,
    intakes: &'a [Intake],
    stamp: NaiveDateTime,
) -> Result<Vec<(&'a Intake, ics::Event)>> {
    let p = programme::get(store, programme)?;
    let texts = Texts::for_language(&p.draft.document_language);
    let settings = settings(store, programme)?;
    let pairs: HashMap<MatchId, Match> = matching::list(store, programme)?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let organiser = (!settings.organiser_email.is_empty()).then(|| ics::Person {
        name: if settings.organiser_name.is_empty() {
            crate::organisation::get(store)
                .map(|o| o.name)
                .unwrap_or_default()
        } else {
            settings.organiser_name.clone()
        },
        email: settings.organiser_email.clone(),
    });
    Ok(intakes
        .iter()
        .filter(|i| i.status != IntakeStatus::Held)
        .filter_map(|i| {
            let pair = pairs.get(&i.match_id)?;
            let names = [
                ("mentee", pair.mentee_name.as_str()),
                ("mentor", pair.mentor_name.as_str()),
                ("programme", p.draft.name.as_str()),
            ];
            Some((
                i,
                ics::Event {
                    uid: i.uid.clone(),
                    sequence: i.sequence,
                    start: i.start,
                    minutes: i.minutes,
                    summary: texts.format("intake.ics.summary", &names),
                    description: texts.format("intake.ics.description", &names),
                    location: i.location.clone(),
                    organiser: organiser.clone(),
                    attendees: vec![
                        ics::Person {
                            name: pair.mentee_name.clone(),
                            email: pair.mentee_email.clone(),
                        },
                        ics::Person {
                            name: pair.mentor_name.clone(),
                            email: pair.mentor_email.clone(),
                        },
                    ],
                    stamp,
                    cancelled: i.status == IntakeStatus::Cancelled,
                },
            ))
        })
        .collect())
}

/// An e-mail inviting a pair to its planned talk, in the programme's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// The invitation to a pair's planned talk; refused when none is planned.
pub fn invitation(store: &Store, id: MatchId) -> Result<Invitation> {
    let pair = matching::get(store, id)?;
    let programme = programme::get(store, pair.programme)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let talk = history(store, id)?
        .into_iter()
        .find(|i| i.status == IntakeStatus::Planned)
        .ok_or_else(|| {
            Error::Invalid(vec![FieldError::new(
                "intake",
                "error.intake.nothing_to_send",
            )])
        })?;
    let names = [
        ("mentee", pair.mentee_name.as_str()),
        ("mentor", pair.mentor_name.as_str()),
        ("programme", programme.draft.name.as_str()),
    ];
    let when = format!(
        "{} {}–{}",
        date::long_with_weekday(talk.start.date(), &texts),
        talk.start.format("%H:%M"),
        talk.end().format("%H:%M")
    );
    let place = if talk.location.is_empty() {
        "–".to_string()
    } else {
        talk.location.clone()
    };
    Ok(Invitation {
        to: vec![pair.mentee_email.clone(), pair.mentor_email.clone()],
        subject: texts.format("intake.ics.summary", &names),
        body: texts.format(
            "intake.mail.body",
            &[
                ("mentee", &pair.mentee_name),
                ("mentor", &pair.mentor_name),
                ("programme", &programme.draft.name),
                ("when", &when),
                ("place", &place),
            ],
        ),
    })
}

/// Adds a country's public holidays of some years to a programme's closed
/// days, named in the programme's language; days already closed keep their name.
pub fn add_public_holidays(
    store: &mut Store,
    id: ProgrammeId,
    country: &str,
    years: &[i32],
) -> Result<Vec<ClosedDay>> {
    if !holidays::COUNTRIES.contains(&country) {
        return Err(Error::Invalid(vec![
            FieldError::new("country", "error.intake.holidays").with("value", country),
        ]));
    }
    if years.is_empty() || years.len() > 5 || years.iter().any(|y| !(2000..=2100).contains(y)) {
        return Err(Error::Invalid(vec![
            FieldError::new("years", "error.number_out_of_range")
                .with(
                    "value",
                    years
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .with("min", "2000")
                .with("max", "2100"),
        ]));
    }
    let programme = programme::get(store, id)?;
    let names = Texts::for_language(&programme.draft.document_language);
    let mut days = closed_days(store, id)?;
    for &year in years {
        for h in public_holidays(country, year, &names) {
            if !days.iter().any(|d| d.day == h.day) {
                days.push(h);
            }
        }
    }
    set_closed_days(store, id, &days)?;
    closed_days(store, id)
}

/// The period to plan in by default: the programme's intake phase from
/// today on, else the coming four weeks.
pub fn suggested_period(
    programme: &crate::programme::Programme,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let phase = programme
        .draft
        .phases
        .iter()
        .find(|p| p.kind == crate::programme::PhaseKind::Intake && p.end >= today);
    match phase {
        Some(p) => (p.start.max(today), p.end),
        None => (today, today + Duration::days(27)),
    }
}

/// Where a pair stands with its intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairState {
    /// Confirmed, no talk planned.
    ToPlan,
    Planned,
    /// Planned, its time has passed, no outcome yet.
    OutcomeMissing,
    /// Decided: the last held talk has the outcome.
    Held,
    /// Its only talks were cancelled and the match went on otherwise.
    Cancelled,
}

impl PairState {
    pub fn as_str(self) -> &'static str {
        match self {
            PairState::ToPlan => "to_plan",
            PairState::Planned => "planned",
            PairState::OutcomeMissing => "outcome_missing",
            PairState::Held => "held",
            PairState::Cancelled => "cancelled",
        }
    }
}

/// A pair's intake state from its match and its talks (oldest first), and
/// the talk that state is about.
pub fn pair_state<'a>(
    pair: &Match,
    talks: &'a [Intake],
    now: NaiveDateTime,
) -> (PairState, Option<&'a Intake>) {
    let planned = talks.iter().find(|i| i.status == IntakeStatus::Planned);
    let open = matches!(
        pair.status,
        MatchStatus::Confirmed | MatchStatus::IntakePlanned
    );
    match (planned, open) {
        (Some(i), _) if i.outcome_missing(now) => (PairState::OutcomeMissing, Some(i)),
        (Some(i), _) => (PairState::Planned, Some(i)),
        (None, true) => (PairState::ToPlan, None),
        (None, false) => match talks.iter().rev().find(|i| i.status == IntakeStatus::Held) {
            Some(i) => (PairState::Held, Some(i)),
            None => (PairState::Cancelled, talks.last()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The objects `ui/js/views/intakes.js` sends when the settings are saved.
    #[test]
    fn settings_and_closed_days_read_the_json_the_window_sends() {
        let settings: SettingsForm = serde_json::from_str(
            r#"{"minutes": "60", "max_per_day": "3", "day_start": "09:00", "day_end": "17:00",
                "closed_weekdays": [6, 7], "location": "Vergaderzaal 1",
                "organiser_name": "An Peeters", "organiser_email": "an.peeters@example.be"}"#,
        )
        .unwrap();
        let checked = settings.validate().unwrap();
        assert_eq!((checked.minutes, checked.max_per_day), (60, 3));
        assert_eq!(
            SettingsForm::from_settings(&checked),
            settings,
            "the form shown is the form sent"
        );
        let days: Vec<ClosedDayForm> = serde_json::from_str(
            r#"[{"day": "06-04-2026", "label": "Paasmaandag"}, {"day": "", "label": ""},
                {"day": "31-02-2027", "label": "Teamdag"}]"#,
        )
        .unwrap();
        let mut problems = Vec::new();
        let typed = typed_closed_days(&days, &mut problems);
        assert_eq!(
            typed,
            vec![ClosedDay {
                day: NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
                label: "Paasmaandag".into(),
            }],
            "an empty row is skipped"
        );
        assert_eq!(
            problems
                .iter()
                .map(|p| p.field.as_str())
                .collect::<Vec<_>>(),
            ["closed_days.3"],
            "a day that does not exist is named by its row"
        );
        assert_eq!(
            ClosedDayForm::from_closed_day(&typed[0], "nl"),
            days[0],
            "a closed day goes back to the form as it was typed"
        );
    }

    #[test]
    fn held_at_reads_the_day_and_time_of_the_outcome_form() {
        let at = |day, time| held_at(day, time);
        assert_eq!(at(None, None).unwrap(), None, "no day: the talk as planned");
        assert_eq!(at(Some(" "), Some("10:00")).unwrap(), None);
        assert_eq!(
            at(Some("06-01-2027"), Some("")).unwrap(),
            Some(plan::at(
                NaiveDate::from_ymd_opt(2027, 1, 6).unwrap(),
                12 * 60
            )),
            "a day without a time is noon"
        );
        assert_eq!(
            at(Some("06-01-2027"), Some("10:30")).unwrap(),
            Some(plan::at(
                NaiveDate::from_ymd_opt(2027, 1, 6).unwrap(),
                10 * 60 + 30
            ))
        );
        let Err(Error::Invalid(problems)) = at(Some("31-02-2027"), Some("25:00")) else {
            panic!("a day that does not exist and a time past midnight are refused");
        };
        assert!(
            problems.len() == 2 && problems.iter().all(|p| p.field == "held"),
            "both problems are shown at the form's one field: {problems:?}"
        );
    }
}
