//! Programmes: a mentoring programme's purpose, dates, cadence and phases.
//!
//! A programme is set up through a [`ProgrammeForm`] (text as typed), which
//! [`ProgrammeForm::validate`] turns into a [`ProgrammeDraft`] or a list of
//! field problems. Programmes are never deleted here: they are archived, so
//! years of history stay reportable.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::date;
use crate::error::{Error, FieldError, Result};
use crate::i18n::Catalogues;
use crate::store::Store;

/// The longest programme name we accept; long enough for "Mentoring 2027 —
/// Leiderschap voor nieuwe teamleiders (Gent en Antwerpen)".
pub const NAME_MAX: usize = 120;
/// The longest purpose, goals or context text.
pub const TEXT_MAX: usize = 5000;
/// A programme must last at least this many days so each phase gets time.
pub const MIN_DAYS: i64 = 14;

/// The database id of a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProgrammeId(pub i64);

/// The phases every programme goes through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhaseKind {
    Preparation,
    Matching,
    Intake,
    Trajectory,
    Closing,
}

impl PhaseKind {
    /// All phases in the order a programme goes through them.
    pub const ALL: [PhaseKind; 5] = [
        PhaseKind::Preparation,
        PhaseKind::Matching,
        PhaseKind::Intake,
        PhaseKind::Trajectory,
        PhaseKind::Closing,
    ];

    /// The name used in the database, the CLI and catalogue keys.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseKind::Preparation => "preparation",
            PhaseKind::Matching => "matching",
            PhaseKind::Intake => "intake",
            PhaseKind::Trajectory => "trajectory",
            PhaseKind::Closing => "closing",
        }
    }

    /// The catalogue key of the phase's name.
    pub fn label_key(self) -> &'static str {
        match self {
            PhaseKind::Preparation => "phase.preparation",
            PhaseKind::Matching => "phase.matching",
            PhaseKind::Intake => "phase.intake",
            PhaseKind::Trajectory => "phase.trajectory",
            PhaseKind::Closing => "phase.closing",
        }
    }

    /// Reads the stored name.
    pub fn parse(text: &str) -> Option<PhaseKind> {
        PhaseKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The share of the programme's days the default plan gives this phase,
    /// in hundredths: a year-long programme gets about five weeks to prepare,
    /// to match and for intakes, seven months of trajectory, and five weeks to close.
    fn default_share(self) -> i64 {
        match self {
            PhaseKind::Preparation
            | PhaseKind::Matching
            | PhaseKind::Intake
            | PhaseKind::Closing => 10,
            PhaseKind::Trajectory => 60,
        }
    }
}

/// One phase with its dates (both inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A stored programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub id: ProgrammeId,
    pub draft: ProgrammeDraft,
    pub archived_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Closed: its pairs are completed or dissolved for good (see
    /// `trajectory::closing::close`); a closed programme is archived.
    pub closed_at: Option<NaiveDateTime>,
}

impl Programme {
    /// A document of this programme: in its document language, under the
    /// organisation's letterhead (every programme-wide and pair document).
    pub fn document(
        &self,
        store: &Store,
        title: String,
        blocks: Vec<crate::document::Block>,
        now: NaiveDateTime,
    ) -> Result<crate::document::Document> {
        crate::organisation::document(store, &self.draft.document_language, title, blocks, now)
    }

    /// Archived or closed: read and printed, never changed.
    pub fn is_read_only(&self) -> bool {
        self.archived_at.is_some() || self.closed_at.is_some()
    }

    /// The phase `today` falls in; `None` before the start or after the end.
    pub fn phase_on(&self, today: NaiveDate) -> Option<PhaseKind> {
        self.draft
            .phases
            .iter()
            .rev()
            .find(|p| p.start <= today && today <= p.end)
            .map(|p| p.kind)
    }
}

/// A programme as both doors show it, dates as ISO days: the CLI prints it
/// with `--json` and the window's pages build on it. Made in one place so
/// that the two cannot drift apart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    pub id: i64,
    pub name: String,
    pub purpose: String,
    pub goals: String,
    pub context: String,
    pub start: String,
    pub end: String,
    pub cadence_weeks: u8,
    pub default_capacity: u8,
    pub document_language: String,
    pub archived: bool,
    /// Closed for good: its pairs completed or dissolved.
    pub closed: bool,
    pub phases: Vec<PhaseFacts>,
}

/// One phase of [`Facts`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhaseFacts {
    pub phase: String,
    pub start: String,
    pub end: String,
}

impl From<&Phase> for PhaseFacts {
    fn from(p: &Phase) -> PhaseFacts {
        PhaseFacts {
            phase: p.kind.as_str().to_string(),
            start: date::iso(p.start),
            end: date::iso(p.end),
        }
    }
}

impl From<&Programme> for Facts {
    fn from(p: &Programme) -> Facts {
        Facts {
            id: p.id.0,
            name: p.draft.name.clone(),
            purpose: p.draft.purpose.clone(),
            goals: p.draft.goals.clone(),
            context: p.draft.context.clone(),
            start: date::iso(p.draft.start),
            end: date::iso(p.draft.end),
            cadence_weeks: p.draft.cadence_weeks,
            default_capacity: p.draft.default_capacity,
            document_language: p.draft.document_language.clone(),
            archived: p.archived_at.is_some(),
            closed: p.closed_at.is_some(),
            phases: p.draft.phases.iter().map(PhaseFacts::from).collect(),
        }
    }
}

/// Where a programme stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Not started; starts in this many days.
    Upcoming { days_to_start: i64 },
    /// Under way; ends in this many days (0 on the last day).
    Running { days_left: i64 },
    /// Past its end date.
    Ended,
}

impl Programme {
    /// Where this programme stands on `today`.
    pub fn progress_on(&self, today: NaiveDate) -> Progress {
        if today < self.draft.start {
            Progress::Upcoming {
                days_to_start: (self.draft.start - today).num_days(),
            }
        } else if today <= self.draft.end {
            Progress::Running {
                days_left: (self.draft.end - today).num_days(),
            }
        } else {
            Progress::Ended
        }
    }
}

/// A programme's content, valid by construction when it comes from [`ProgrammeForm::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeDraft {
    pub name: String,
    pub purpose: String,
    pub goals: String,
    pub context: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub cadence_weeks: u8,
    pub default_capacity: u8,
    pub document_language: String,
    /// Always five phases, in [`PhaseKind::ALL`] order.
    pub phases: Vec<Phase>,
}

/// A programme as typed in a form or on the command line: text, checked by
/// [`ProgrammeForm::validate`]. The window sends it as JSON with these keys;
/// only the name and the dates must be there.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct ProgrammeForm {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub context: String,
    pub start: String,
    pub end: String,
    /// Weeks between meetings; empty means every 4 weeks.
    #[serde(default)]
    pub cadence_weeks: String,
    /// Mentees per mentor unless a mentor says otherwise; empty means 2.
    #[serde(default)]
    pub default_capacity: String,
    /// `nl`, `en`, `fr`, …; empty means Dutch.
    #[serde(default)]
    pub document_language: String,
    /// Phase dates as typed; phases left out (or with both dates empty) get
    /// the default plan. In JSON: `[{phase, start, end}]` ([`typed_phases`]).
    #[serde(default, deserialize_with = "typed_phases")]
    pub phases: Vec<PhaseForm>,
}

/// One phase's dates as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseForm {
    pub kind: PhaseKind,
    pub start: String,
    pub end: String,
}

/// One phase as the window sends it: its kind by name (`matching`).
#[derive(serde::Deserialize)]
struct NamedPhase {
    phase: String,
    start: String,
    end: String,
}

/// Phases sent by name, `[{phase, start, end}]`, typed: a phase whose name
/// Klik does not know is dropped, so the default plan covers that phase.
pub fn typed_phases<'de, D: serde::Deserializer<'de>>(
    phases: D,
) -> std::result::Result<Vec<PhaseForm>, D::Error> {
    let named: Vec<NamedPhase> = serde::Deserialize::deserialize(phases)?;
    Ok(named
        .into_iter()
        .filter_map(|p| {
            PhaseKind::parse(&p.phase).map(|kind| PhaseForm {
                kind,
                start: p.start,
                end: p.end,
            })
        })
        .collect())
}

/// The default plan of phases for a programme running from `start` to `end`:
/// contiguous, in order, sharing the days as [`PhaseKind::default_share`] says.
pub fn default_phases(start: NaiveDate, end: NaiveDate) -> Vec<Phase> {
    let days = (end - start).num_days().max(0);
    let mut phases = Vec::with_capacity(PhaseKind::ALL.len());
    let mut share_so_far = 0;
    let mut next_start = start;
    for kind in PhaseKind::ALL {
        share_so_far += kind.default_share();
        let phase_end = if kind == PhaseKind::Closing {
            end
        } else {
            let boundary = start + chrono::Duration::days(days * share_so_far / 100);
            (boundary - chrono::Duration::days(1)).max(next_start)
        };
        phases.push(Phase {
            kind,
            start: next_start,
            end: phase_end,
        });
        next_start = (phase_end + chrono::Duration::days(1)).min(end);
    }
    phases
}

/// The default phases for dates as typed, to fill in a form; the date problems otherwise.
pub fn suggest_phases(start: &str, end: &str) -> Result<Vec<Phase>> {
    let mut problems = Vec::new();
    let start = date::parse_field("start", start, &mut problems);
    let end = date::parse_field("end", end, &mut problems);
    match (start, end) {
        (Some(start), Some(end)) if end > start => Ok(default_phases(start, end)),
        (Some(_), Some(_)) => Err(Error::Invalid(vec![FieldError::new(
            "end",
            "error.programme.end_before_start",
        )])),
        _ => Err(Error::Invalid(problems)),
    }
}

impl ProgrammeForm {
    /// The form for an existing programme, for editing.
    pub fn from_draft(draft: &ProgrammeDraft) -> ProgrammeForm {
        ProgrammeForm {
            name: draft.name.clone(),
            purpose: draft.purpose.clone(),
            goals: draft.goals.clone(),
            context: draft.context.clone(),
            start: date::iso(draft.start),
            end: date::iso(draft.end),
            cadence_weeks: draft.cadence_weeks.to_string(),
            default_capacity: draft.default_capacity.to_string(),
            document_language: draft.document_language.clone(),
            phases: draft
                .phases
                .iter()
                .map(|p| PhaseForm {
                    kind: p.kind,
                    start: date::iso(p.start),
                    end: date::iso(p.end),
                })
                .collect(),
        }
    }

    /// Checks every field and returns the draft, or every problem found (not just the first).
    pub fn validate(&self) -> Result<ProgrammeDraft> {
        let mut problems = Vec::new();

        let name = self.name.trim().to_string();
        problems.extend(name_problem(&name));
        let mut text = |field: &'static str, value: &str| {
            let value = value.trim().to_string();
            if value.chars().count() > TEXT_MAX {
                problems.push(
                    FieldError::new(field, "error.text_too_long").with("max", TEXT_MAX.to_string()),
                );
            }
            value
        };
        let purpose = text("purpose", &self.purpose);
        let goals = text("goals", &self.goals);
        let context = text("context", &self.context);

        let start = date::parse_field("start", &self.start, &mut problems);
        let end = date::parse_field("end", &self.end, &mut problems);
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                problems.push(FieldError::new("end", "error.programme.end_before_start"));
            } else if (end - start).num_days() < MIN_DAYS {
                problems.push(
                    FieldError::new("end", "error.programme.too_short")
                        .with("days", MIN_DAYS.to_string()),
                );
            }
        }

        let cadence_weeks = parse_number(
            "cadence_weeks",
            &self.cadence_weeks,
            4,
            1..=12,
            &mut problems,
        );
        let default_capacity = parse_number(
            "default_capacity",
            &self.default_capacity,
            2,
            1..=20,
            &mut problems,
        );

        let document_language = match self.document_language.trim() {
            "" => "nl".to_string(),
            code if Catalogues::shipped().has(code) => code.to_string(),
            code => {
                problems.push(
                    FieldError::new("document_language", "error.programme.language_unknown")
                        .with("value", code),
                );
                String::new()
            }
        };

        let mut phases = Vec::new();
        if let (Some(start), Some(end)) = (start, end)
            && end > start
        {
            phases = self.validate_phases(start, end, &mut problems);
        }

        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        // Every branch that leaves these `None` pushed a problem above.
        let (Some(start), Some(end), Some(cadence_weeks), Some(default_capacity)) =
            (start, end, cadence_weeks, default_capacity)
        else {
            unreachable!("a missing value always comes with a problem");
        };
        Ok(ProgrammeDraft {
            name,
            purpose,
            goals,
            context,
            start,
            end,
            cadence_weeks,
            default_capacity,
            document_language,
            phases,
        })
    }

    fn validate_phases(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        problems: &mut Vec<FieldError>,
    ) -> Vec<Phase> {
        let defaults = default_phases(start, end);
        let mut phases = Vec::with_capacity(defaults.len());
        for default in defaults {
            let typed = self
                .phases
                .iter()
                .find(|p| p.kind == default.kind)
                .filter(|p| !(p.start.trim().is_empty() && p.end.trim().is_empty()));
            let Some(typed) = typed else {
                phases.push(default);
                continue;
            };
            let field = |part: &str| format!("phases.{}.{part}", default.kind.as_str());
            let mut local = Vec::new();
            let phase_start = date::parse_field(field("start"), &typed.start, &mut local);
            let phase_end = date::parse_field(field("end"), &typed.end, &mut local);
            if let (Some(phase_start), Some(phase_end)) = (phase_start, phase_end) {
                if phase_end < phase_start {
                    local.push(FieldError::new(
                        field("end"),
                        "error.phase.end_before_start",
                    ));
                } else if phase_start < start || phase_end > end {
                    let outside = if phase_start < start { "start" } else { "end" };
                    local.push(
                        FieldError::new(field(outside), "error.phase.outside_programme")
                            .with_date("start", start)
                            .with_date("end", end),
                    );
                } else if let Some(previous) =
                    phases.last().filter(|p: &&Phase| p.start > phase_start)
                {
                    local.push(
                        FieldError::new(field("start"), "error.phase.out_of_order")
                            .with_key("previous", previous.kind.label_key()),
                    );
                } else {
                    phases.push(Phase {
                        kind: default.kind,
                        start: phase_start,
                        end: phase_end,
                    });
                }
            }
            if !local.is_empty() {
                problems.extend(local);
                phases.push(default);
            }
        }
        phases
    }
}

/// The problem with a programme name, if any (the name must already be trimmed).
fn name_problem(name: &str) -> Option<FieldError> {
    let length = name.chars().count();
    if length == 0 {
        Some(FieldError::new("name", "error.programme.name_empty"))
    } else if length > NAME_MAX {
        Some(
            FieldError::new("name", "error.programme.name_too_long")
                .with("max", NAME_MAX.to_string())
                .with("length", length.to_string()),
        )
    } else {
        None
    }
}

fn parse_number(
    field: &'static str,
    text: &str,
    default: u8,
    range: std::ops::RangeInclusive<u8>,
    problems: &mut Vec<FieldError>,
) -> Option<u8> {
    let text = text.trim();
    if text.is_empty() {
        return Some(default);
    }
    match text.parse::<i64>() {
        Ok(n) if n >= i64::from(*range.start()) && n <= i64::from(*range.end()) => Some(n as u8),
        _ => {
            problems.push(
                FieldError::new(field, "error.number_out_of_range")
                    .with("value", text)
                    .with("min", range.start().to_string())
                    .with("max", range.end().to_string()),
            );
            None
        }
    }
}

/// Which programmes a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Listing {
    /// Programmes in use (the default view).
    #[default]
    Current,
    /// Archived programmes only.
    Archived,
    /// Everything.
    All,
}

/// All programmes of a listing, the most recent start first.
pub fn list(store: &Store, listing: Listing) -> Result<Vec<Programme>> {
    let filter = match listing {
        Listing::Current => "WHERE archived_at IS NULL",
        Listing::Archived => "WHERE archived_at IS NOT NULL",
        Listing::All => "",
    };
    let sql = format!("SELECT {COLUMNS} FROM programme {filter} ORDER BY start_date DESC, id DESC");
    let conn = store.conn();
    let rows: Vec<Programme> = (|| {
        let mut statement = conn.prepare(&sql)?;
        let rows = statement.query_map([], programme_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })()
    .map_err(|e| store.read_error(e))?;
    rows.into_iter()
        .map(|mut p| {
            p.draft.phases = load_phases(conn, p.id, p.draft.start, p.draft.end)
                .map_err(|e| store.read_error(e))?;
            Ok(p)
        })
        .collect()
}

/// One programme, or `NotFound`.
pub fn get(store: &Store, id: ProgrammeId) -> Result<Programme> {
    get_in(store.conn(), id).map_err(|e| match e {
        Error::Database(inner) => store.read_error(inner),
        other => other,
    })
}

fn get_in(conn: &Connection, id: ProgrammeId) -> Result<Programme> {
    let programme = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM programme WHERE id = ?1"),
            [id.0],
            programme_from_row,
        )
        .optional()?;
    let mut programme = programme.ok_or(Error::NotFound {
        what: "programme",
        id: id.0,
    })?;
    programme.draft.phases = load_phases(conn, id, programme.draft.start, programme.draft.end)?;
    Ok(programme)
}

/// Refuses a change to an archived or closed programme: it stays exactly as
/// it was, readable and printable. (Restoring it from the archive makes an
/// archived programme writable again; a closed one stays closed.)
pub fn ensure_open(store: &Store, id: ProgrammeId) -> Result<()> {
    if get(store, id)?.is_read_only() {
        return Err(Error::Invalid(vec![FieldError::new(
            "programme",
            "error.programme.read_only",
        )]));
    }
    Ok(())
}

/// Saves a new programme with its phases; one transaction.
pub fn create(
    store: &mut Store,
    draft: &ProgrammeDraft,
    now: NaiveDateTime,
) -> Result<ProgrammeId> {
    store.write(|tx| insert(tx, draft, now))
}

fn insert(tx: &Transaction<'_>, draft: &ProgrammeDraft, now: NaiveDateTime) -> Result<ProgrammeId> {
    let stamp = timestamp(now);
    tx.execute(
        "INSERT INTO programme (name, purpose, goals, context, start_date, end_date, cadence_weeks,
             default_capacity, document_language, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            draft.name,
            draft.purpose,
            draft.goals,
            draft.context,
            date::iso(draft.start),
            date::iso(draft.end),
            draft.cadence_weeks,
            draft.default_capacity,
            draft.document_language,
            stamp
        ],
    )?;
    let id = ProgrammeId(tx.last_insert_rowid());
    save_phases(tx, id, &draft.phases)?;
    Ok(id)
}

/// Replaces a programme's content and phases; one transaction.
pub fn update(
    store: &mut Store,
    id: ProgrammeId,
    draft: &ProgrammeDraft,
    now: NaiveDateTime,
) -> Result<()> {
    store.write(|tx| {
        let changed = tx.execute(
            "UPDATE programme SET name = ?2, purpose = ?3, goals = ?4, context = ?5, start_date = ?6,
                 end_date = ?7, cadence_weeks = ?8, default_capacity = ?9, document_language = ?10,
                 updated_at = ?11
             WHERE id = ?1",
            params![
                id.0,
                draft.name,
                draft.purpose,
                draft.goals,
                draft.context,
                date::iso(draft.start),
                date::iso(draft.end),
                draft.cadence_weeks,
                draft.default_capacity,
                draft.document_language,
                timestamp(now)
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                what: "programme",
                id: id.0,
            });
        }
        tx.execute("DELETE FROM phase WHERE programme_id = ?1", [id.0])?;
        save_phases(tx, id, &draft.phases)
    })
}

/// Copies a programme (settings and phases, not its archived state) under
/// `name`, ready to be adjusted for a new year; one transaction.
pub fn duplicate(
    store: &mut Store,
    id: ProgrammeId,
    name: &str,
    now: NaiveDateTime,
) -> Result<ProgrammeId> {
    let name = name.trim();
    if let Some(problem) = name_problem(name) {
        return Err(Error::Invalid(vec![problem]));
    }
    store.write(|tx| {
        let mut draft = get_in(tx, id)?.draft;
        draft.name = name.to_string();
        insert(tx, &draft, now)
    })
}

/// The name a copy gets: the original's followed by `label` in brackets
/// ("Mentoring 2027 (kopie)"), shortened so the result still fits [`NAME_MAX`].
pub fn copy_name(original: &str, label: &str) -> String {
    let suffix = format!(" ({label})");
    let room = NAME_MAX.saturating_sub(suffix.chars().count());
    let base: String = original.chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

/// Moves a programme to the archive (or back with `archived = false`).
pub fn set_archived(
    store: &mut Store,
    id: ProgrammeId,
    archived: bool,
    now: NaiveDateTime,
) -> Result<()> {
    store.write(|tx| {
        let stamp = archived.then(|| timestamp(now));
        let changed = tx.execute(
            "UPDATE programme SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, stamp, timestamp(now)],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                what: "programme",
                id: id.0,
            });
        }
        Ok(())
    })
}

const COLUMNS: &str =
    "id, name, purpose, goals, context, start_date, end_date, cadence_weeks, default_capacity,
     document_language, archived_at, created_at, updated_at, closed_at";

fn programme_from_row(row: &Row<'_>) -> rusqlite::Result<Programme> {
    let day = |i: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = row.get(i)?;
        date::from_iso(&text).ok_or_else(|| bad_value(i, text))
    };
    let moment = |i: usize| -> rusqlite::Result<Option<NaiveDateTime>> {
        let text: Option<String> = row.get(i)?;
        text.map(|t| parse_timestamp(&t).ok_or_else(|| bad_value(i, t)))
            .transpose()
    };
    Ok(Programme {
        id: ProgrammeId(row.get(0)?),
        draft: ProgrammeDraft {
            name: row.get(1)?,
            purpose: row.get(2)?,
            goals: row.get(3)?,
            context: row.get(4)?,
            start: day(5)?,
            end: day(6)?,
            cadence_weeks: row.get(7)?,
            default_capacity: row.get(8)?,
            document_language: row.get(9)?,
            phases: Vec::new(),
        },
        archived_at: moment(10)?,
        created_at: moment(11)?.ok_or_else(|| bad_value(11, String::new()))?,
        updated_at: moment(12)?.ok_or_else(|| bad_value(12, String::new()))?,
        closed_at: moment(13)?,
    })
}

fn load_phases(
    conn: &Connection,
    id: ProgrammeId,
    start: NaiveDate,
    end: NaiveDate,
) -> rusqlite::Result<Vec<Phase>> {
    let mut statement = conn
        .prepare_cached("SELECT kind, start_date, end_date FROM phase WHERE programme_id = ?1")?;
    let stored: Vec<Phase> = statement
        .query_map([id.0], |row| {
            let kind: String = row.get(0)?;
            let start: String = row.get(1)?;
            let end: String = row.get(2)?;
            Ok(PhaseKind::parse(&kind)
                .zip(date::from_iso(&start))
                .zip(date::from_iso(&end))
                .map(|((kind, start), end)| Phase { kind, start, end }))
        })?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<_>>()?;
    // A programme always shows five phases: any missing row gets the default.
    Ok(default_phases(start, end)
        .into_iter()
        .map(|default| {
            stored
                .iter()
                .find(|p| p.kind == default.kind)
                .copied()
                .unwrap_or(default)
        })
        .collect())
}

fn save_phases(tx: &Transaction<'_>, id: ProgrammeId, phases: &[Phase]) -> Result<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO phase (programme_id, kind, start_date, end_date) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for phase in phases {
        statement.execute(params![
            id.0,
            phase.kind.as_str(),
            date::iso(phase.start),
            date::iso(phase.end)
        ])?;
    }
    Ok(())
}

/// How moments are stored: local time, to the second.
pub(crate) fn timestamp(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

pub(crate) fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok()
}

fn bad_value(column: usize, text: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unexpected stored value {text:?}").into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The object `ui/js/views/programme-form.js` sends on save, as it builds it.
    #[test]
    fn the_form_reads_the_json_the_window_sends() {
        let sent = r#"{
            "name": "Mentoring 2027",
            "purpose": "Groeien",
            "goals": "Leren\nDelen",
            "context": "",
            "start": "01-09-2027",
            "end": "30-06-2028",
            "cadence_weeks": "4",
            "default_capacity": "2",
            "document_language": "nl",
            "phases": [
                {"phase": "preparation", "start": "01-09-2027", "end": "30-09-2027"},
                {"phase": "matching", "start": "", "end": ""},
                {"phase": "intake", "start": "", "end": ""},
                {"phase": "trajectory", "start": "", "end": ""},
                {"phase": "closing", "start": "", "end": ""}
            ]
        }"#;
        let form: ProgrammeForm = serde_json::from_str(sent).unwrap();
        assert_eq!(form.name, "Mentoring 2027");
        assert_eq!(form.goals, "Leren\nDelen");
        assert_eq!(form.cadence_weeks, "4");
        assert_eq!(form.document_language, "nl");
        assert_eq!(
            form.phases.iter().map(|p| p.kind).collect::<Vec<_>>(),
            PhaseKind::ALL.to_vec(),
            "every phase the form sends arrives typed, in order"
        );
        assert_eq!(form.phases[0].start, "01-09-2027");
        assert_eq!(form.phases[4].end, "", "a phase left empty stays empty");
        assert!(form.validate().is_ok(), "the form as sent is valid");
    }

    #[test]
    fn only_the_name_and_dates_must_be_sent() {
        let form: ProgrammeForm =
            serde_json::from_str(r#"{"name": "N", "start": "01-09-2027", "end": "30-06-2028"}"#)
                .unwrap();
        assert_eq!(form.cadence_weeks, "", "left out means the default");
        assert!(form.phases.is_empty());
        assert!(
            serde_json::from_str::<ProgrammeForm>(r#"{"name": "N", "start": "01-09-2027"}"#)
                .is_err(),
            "a form without its end date is not a programme form"
        );
    }

    #[test]
    fn typed_phases_drop_names_klik_does_not_know() {
        let form: ProgrammeForm = serde_json::from_str(
            r#"{"name": "N", "start": "", "end": "", "phases": [
                {"phase": "holiday", "start": "01-08-2027", "end": "31-08-2027"},
                {"phase": "intake", "start": "01-11-2027", "end": "30-11-2027"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            form.phases,
            vec![PhaseForm {
                kind: PhaseKind::Intake,
                start: "01-11-2027".into(),
                end: "30-11-2027".into(),
            }],
            "an unknown phase is left to the default plan, a known one keeps its dates"
        );
    }

    #[test]
    fn default_phases_cover_the_programme_without_gaps() {
        for (start, end) in [
            (ymd(2027, 1, 1), ymd(2027, 12, 31)),
            (ymd(2027, 3, 1), ymd(2027, 3, 15)),
            (ymd(2027, 9, 1), ymd(2028, 6, 30)),
        ] {
            let phases = default_phases(start, end);
            assert_eq!(phases.len(), 5);
            assert_eq!(
                phases[0].start, start,
                "the first phase starts with the programme"
            );
            assert_eq!(phases[4].end, end, "the last phase ends with the programme");
            for pair in phases.windows(2) {
                assert_eq!(
                    pair[1].start,
                    pair[0].end + chrono::Duration::days(1),
                    "phases follow each other"
                );
            }
            for phase in &phases {
                assert!(phase.start <= phase.end, "{phase:?} has at least one day");
            }
        }
    }

    #[test]
    fn a_year_long_programme_gets_about_five_weeks_of_preparation() {
        let phases = default_phases(ymd(2027, 1, 1), ymd(2027, 12, 31));
        assert_eq!(phases[0].end, ymd(2027, 2, 5));
        assert_eq!(phases[3].kind, PhaseKind::Trajectory);
        assert_eq!(phases[3].start, ymd(2027, 4, 20));
    }

    #[test]
    fn copy_name_fits_the_limit() {
        assert_eq!(copy_name("Mentoring", "kopie"), "Mentoring (kopie)");
        let long = "x".repeat(NAME_MAX);
        assert_eq!(copy_name(&long, "copy").chars().count(), NAME_MAX);
    }
}
