//! The trajectory of a pair after the klik: meetings held or cancelled,
//! progress on the agreement's learning goals over time, and check-ins where
//! mentor and mentee say how it goes. From these, `attention.rs` finds the
//! pairs that need the coordinator, `kpi.rs` counts the programme's results,
//! and `report.rs` prints them.

pub mod attention;
pub mod closing;
pub mod kpi;
pub mod report;
pub mod workshop;

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, params};

use crate::agreement::{self, Agreement};
use crate::date;
use crate::error::{Error, FieldError, Result};
use crate::intake::{self, Intake, IntakeStatus, Outcome};
use crate::matching::{self, Match, MatchId, MatchStatus};
use crate::programme::{self, Programme, ProgrammeId, timestamp};
use crate::store::Store;

/// The shortest and longest meeting, in minutes.
pub const MEETING_MINUTES: (u16, u16) = (5, 480);
/// How far ahead a cancelled meeting may be logged, in days.
const AHEAD_DAYS: i64 = 366;

/// A programme's check-in moments and the thresholds of the attention list.
/// The window shows and edits them as they are, as numbers: they are their own form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub intake_wait_days: u16,
    pub signature_wait_days: u16,
    pub goal_quiet_days: u16,
    pub ending_days: u16,
    /// A check-in after this many meetings; 0 for none.
    pub checkin_after_meetings: u8,
    pub checkin_halfway: bool,
    pub checkin_end: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            intake_wait_days: 14,
            signature_wait_days: 14,
            goal_quiet_days: 60,
            ending_days: 14,
            checkin_after_meetings: 3,
            checkin_halfway: true,
            checkin_end: true,
        }
    }
}

impl Settings {
    /// Checks every number against its range; each problem is named.
    pub fn validate(&self) -> std::result::Result<(), Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut range = |field: &str, value: u16, min: u16, max: u16| {
            if value < min || value > max {
                problems.push(
                    FieldError::new(field, "error.number_out_of_range")
                        .with("value", value.to_string())
                        .with("min", min.to_string())
                        .with("max", max.to_string()),
                );
            }
        };
        range("intake_wait_days", self.intake_wait_days, 1, 365);
        range("signature_wait_days", self.signature_wait_days, 1, 365);
        range("goal_quiet_days", self.goal_quiet_days, 7, 730);
        range("ending_days", self.ending_days, 1, 180);
        range(
            "checkin_after_meetings",
            u16::from(self.checkin_after_meetings),
            0,
            50,
        );
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// A programme's trajectory settings (Klik's defaults until saved).
pub fn settings(store: &Store, programme: ProgrammeId) -> Result<Settings> {
    let row = store
        .conn()
        .query_row(
            "SELECT intake_wait_days, signature_wait_days, goal_quiet_days, ending_days,
                    checkin_after_meetings, checkin_halfway, checkin_end
             FROM trajectory_setting WHERE programme_id = ?1",
            [programme.0],
            |r| {
                Ok(Settings {
                    intake_wait_days: r.get(0)?,
                    signature_wait_days: r.get(1)?,
                    goal_quiet_days: r.get(2)?,
                    ending_days: r.get(3)?,
                    checkin_after_meetings: r.get(4)?,
                    checkin_halfway: r.get(5)?,
                    checkin_end: r.get(6)?,
                })
            },
        )
        .optional()
        .map_err(|e| store.read_error(e))?;
    Ok(row.unwrap_or_default())
}

/// Saves a programme's trajectory settings after checking them.
pub fn save_settings(store: &mut Store, programme: ProgrammeId, s: &Settings) -> Result<()> {
    programme::get(store, programme)?;
    s.validate().map_err(Error::Invalid)?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO trajectory_setting (programme_id, intake_wait_days, signature_wait_days,
                 goal_quiet_days, ending_days, checkin_after_meetings, checkin_halfway, checkin_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (programme_id) DO UPDATE SET intake_wait_days = ?2,
                 signature_wait_days = ?3, goal_quiet_days = ?4, ending_days = ?5,
                 checkin_after_meetings = ?6, checkin_halfway = ?7, checkin_end = ?8",
            params![
                programme.0,
                s.intake_wait_days,
                s.signature_wait_days,
                s.goal_quiet_days,
                s.ending_days,
                s.checkin_after_meetings,
                s.checkin_halfway,
                s.checkin_end
            ],
        )?;
        Ok(())
    })
}

/// The database id of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingId(pub i64);

/// One meeting of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub match_id: MatchId,
    pub on: NaiveDate,
    pub minutes: u16,
    /// Held; otherwise cancelled.
    pub held: bool,
    pub topics: String,
    pub notes: String,
    pub next_steps: String,
}

/// A meeting as typed: the date and duration as text, so every problem can be named.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub date: String,
    pub minutes: String,
    pub held: bool,
    pub topics: String,
    pub notes: String,
    pub next_steps: String,
}

/// A checked meeting, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    pub on: NaiveDate,
    pub minutes: u16,
    pub held: bool,
    pub topics: String,
    pub notes: String,
    pub next_steps: String,
}

/// The longest texts of a meeting, check-in and progress note.
const TOPICS_MAX: usize = 1000;
const NOTES_MAX: usize = 5000;
const NEXT_STEPS_MAX: usize = 2000;
const NOTE_MAX: usize = 2000;

fn too_long(field: &str, text: &str, max: usize, problems: &mut Vec<FieldError>) {
    if text.chars().count() > max {
        problems.push(FieldError::new(field, "error.text_too_long").with("max", max.to_string()));
    }
}

/// A day of a pair's trajectory: not before the match was confirmed, not
/// after today (or, for something that did not happen, not more than a year
/// ahead).
fn check_day(
    field: &str,
    on: NaiveDate,
    pair: &Match,
    may_be_ahead: bool,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) {
    let first = pair.confirmed_at.date();
    if on < first {
        problems
            .push(FieldError::new(field, "error.trajectory.before_match").with_date("date", first));
    } else if !may_be_ahead && on > today {
        problems.push(FieldError::new(field, "error.trajectory.after_today"));
    } else if on > today + Duration::days(AHEAD_DAYS) {
        problems.push(FieldError::new(field, "error.trajectory.far_future"));
    }
}

/// "“{value}” must be a whole number from {min} to {max}."
fn out_of_range(field: &str, value: &str, min: impl ToString, max: impl ToString) -> FieldError {
    FieldError::new(field, "error.number_out_of_range")
        .with("value", value)
        .with("min", min.to_string())
        .with("max", max.to_string())
}

/// The minutes of a meeting as typed: a whole number within [`MEETING_MINUTES`].
fn parse_minutes(text: &str, problems: &mut Vec<FieldError>) -> u16 {
    let (min, max) = MEETING_MINUTES;
    match text.trim() {
        "" => {
            problems.push(FieldError::new("minutes", "error.required"));
            0
        }
        typed => match typed.parse::<u32>() {
            Ok(n) if (u32::from(min)..=u32::from(max)).contains(&n) => n as u16,
            _ => {
                problems.push(out_of_range("minutes", typed, min, max));
                0
            }
        },
    }
}

impl MeetingForm {
    /// Checks the meeting for `pair` on `today`: a real date inside the
    /// match's life, a sensible duration, texts within their lengths.
    pub fn validate(
        &self,
        pair: &Match,
        today: NaiveDate,
    ) -> std::result::Result<MeetingDraft, Vec<FieldError>> {
        let mut problems = Vec::new();
        // An empty date is named by the parser ("Enter a date").
        let on = date::parse_field("date", &self.date, &mut problems);
        if let Some(on) = on {
            check_day("date", on, pair, !self.held, today, &mut problems);
        }
        let minutes = parse_minutes(&self.minutes, &mut problems);
        too_long("topics", &self.topics, TOPICS_MAX, &mut problems);
        too_long("notes", &self.notes, NOTES_MAX, &mut problems);
        too_long(
            "next_steps",
            &self.next_steps,
            NEXT_STEPS_MAX,
            &mut problems,
        );
        match on {
            Some(on) if problems.is_empty() => Ok(MeetingDraft {
                on,
                minutes,
                held: self.held,
                topics: self.topics.trim().to_string(),
                notes: self.notes.trim().to_string(),
                next_steps: self.next_steps.trim().to_string(),
            }),
            _ => Err(problems),
        }
    }
}

/// A match whose trajectory can be written: not dissolved, and its programme
/// not archived.
fn open_pair(store: &Store, id: MatchId) -> Result<Match> {
    let pair = matching::get(store, id)?;
    if pair.status == MatchStatus::Dissolved {
        return Err(Error::Invalid(vec![FieldError::new(
            "match",
            "error.trajectory.dissolved",
        )]));
    }
    if programme::get(store, pair.programme)?.is_read_only() {
        return Err(Error::Invalid(vec![FieldError::new(
            "match",
            "error.trajectory.archived",
        )]));
    }
    Ok(pair)
}

/// Logs a meeting of a pair.
pub fn add_meeting(
    store: &mut Store,
    id: MatchId,
    form: &MeetingForm,
    now: NaiveDateTime,
) -> Result<Meeting> {
    let pair = open_pair(store, id)?;
    let draft = form.validate(&pair, now.date()).map_err(Error::Invalid)?;
    let meeting = store.write(|tx| {
        tx.execute(
            "INSERT INTO meeting (match_id, held_on, minutes, status, topics, notes, next_steps,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id.0,
                draft.on.to_string(),
                draft.minutes,
                if draft.held { "held" } else { "cancelled" },
                draft.topics,
                draft.notes,
                draft.next_steps,
                timestamp(now)
            ],
        )?;
        Ok(MeetingId(tx.last_insert_rowid()))
    })?;
    get_meeting(store, meeting)
}

/// Changes a logged meeting.
pub fn update_meeting(
    store: &mut Store,
    id: MeetingId,
    form: &MeetingForm,
    now: NaiveDateTime,
) -> Result<Meeting> {
    let old = get_meeting(store, id)?;
    let pair = open_pair(store, old.match_id)?;
    let draft = form.validate(&pair, now.date()).map_err(Error::Invalid)?;
    store.write(|tx| {
        tx.execute(
            "UPDATE meeting SET held_on = ?2, minutes = ?3, status = ?4, topics = ?5, notes = ?6,
                 next_steps = ?7, updated_at = ?8
             WHERE id = ?1",
            params![
                id.0,
                draft.on.to_string(),
                draft.minutes,
                if draft.held { "held" } else { "cancelled" },
                draft.topics,
                draft.notes,
                draft.next_steps,
                timestamp(now)
            ],
        )?;
        Ok(())
    })?;
    get_meeting(store, id)
}

/// Removes a meeting logged by mistake.
pub fn delete_meeting(store: &mut Store, id: MeetingId) -> Result<()> {
    let old = get_meeting(store, id)?;
    open_pair(store, old.match_id)?;
    store.write(|tx| {
        tx.execute("DELETE FROM meeting WHERE id = ?1", [id.0])?;
        Ok(())
    })
}

const MEETING_COLUMNS: &str = "id, match_id, held_on, minutes, status, topics, notes, next_steps";

fn meeting_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Meeting> {
    let on: String = r.get(2)?;
    let status: String = r.get(4)?;
    Ok(Meeting {
        id: MeetingId(r.get(0)?),
        match_id: MatchId(r.get(1)?),
        on: date::from_iso(&on).unwrap_or_default(),
        minutes: r.get(3)?,
        held: status == "held",
        topics: r.get(5)?,
        notes: r.get(6)?,
        next_steps: r.get(7)?,
    })
}

/// One meeting, or `NotFound`.
pub fn get_meeting(store: &Store, id: MeetingId) -> Result<Meeting> {
    store
        .conn()
        .query_row(
            &format!("SELECT {MEETING_COLUMNS} FROM meeting WHERE id = ?1"),
            [id.0],
            meeting_row,
        )
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or(Error::NotFound {
            what: "meeting",
            id: id.0,
        })
}

/// A pair's meetings, oldest first.
pub fn meetings(store: &Store, id: MatchId) -> Result<Vec<Meeting>> {
    rows(
        store,
        &format!("SELECT {MEETING_COLUMNS} FROM meeting WHERE match_id = ?1 ORDER BY held_on, id"),
        id.0,
        meeting_row,
    )
}

/// The rows of a query with one parameter, read by `row`.
pub(crate) fn rows<T>(
    store: &Store,
    sql: &str,
    arg: i64,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = store
        .conn()
        .prepare_cached(sql)
        .map_err(|e| store.read_error(e))?;
    statement
        .query_map([arg], row)
        .and_then(|rows| rows.collect())
        .map_err(|e| store.read_error(e))
}

/// Where a learning goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GoalState {
    NotStarted,
    InProgress,
    Achieved,
    Dropped,
}

impl GoalState {
    pub const ALL: [GoalState; 4] = [
        GoalState::NotStarted,
        GoalState::InProgress,
        GoalState::Achieved,
        GoalState::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GoalState::NotStarted => "not_started",
            GoalState::InProgress => "in_progress",
            GoalState::Achieved => "achieved",
            GoalState::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Option<GoalState> {
        GoalState::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            GoalState::NotStarted => "goal.state.not_started",
            GoalState::InProgress => "goal.state.in_progress",
            GoalState::Achieved => "goal.state.achieved",
            GoalState::Dropped => "goal.state.dropped",
        }
    }
}

/// Where one goal stood on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressEntry {
    pub match_id: MatchId,
    /// The goal's number in the agreement, from 1.
    pub position: u8,
    /// The goal's text when this was recorded.
    pub goal: String,
    pub on: NaiveDate,
    pub state: GoalState,
    pub percent: u8,
    pub note: String,
}

/// Progress as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ProgressForm {
    /// The goal's number in the current agreement, from 1.
    pub position: u8,
    pub date: String,
    /// A [`GoalState`] code.
    pub state: String,
    pub percent: String,
    pub note: String,
}

/// The percentage as typed ("40", "40 %"); 0 to 100.
fn parse_percent(text: &str, problems: &mut Vec<FieldError>) -> u8 {
    let typed = text.trim().trim_end_matches('%').trim();
    if typed.is_empty() {
        problems.push(FieldError::new("percent", "error.required"));
        return 0;
    }
    match typed.parse::<u32>() {
        Ok(n) if n <= 100 => n as u8,
        _ => {
            problems.push(out_of_range("percent", text.trim(), 0, 100));
            0
        }
    }
}

/// Records where one of a pair's goals stands. The goal is the one with
/// that number in the match's current agreement.
pub fn record_progress(
    store: &mut Store,
    id: MatchId,
    form: &ProgressForm,
    now: NaiveDateTime,
) -> Result<ProgressEntry> {
    let pair = open_pair(store, id)?;
    let goals = agreement::current(store, id)?
        .map(|a| a.terms.goals)
        .unwrap_or_default();
    let mut problems = Vec::new();
    let goal = match goals.get(usize::from(form.position).wrapping_sub(1)) {
        Some(g) => Some(g.what.clone()),
        None => {
            problems.push(FieldError::new("goal", "error.trajectory.no_such_goal"));
            None
        }
    };
    let on = date::parse_field("date", &form.date, &mut problems);
    if let Some(on) = on {
        check_day("date", on, &pair, false, now.date(), &mut problems);
    }
    let state = GoalState::parse(form.state.trim());
    if state.is_none() {
        problems.push(FieldError::new("state", "error.required"));
    }
    let mut percent = parse_percent(&form.percent, &mut problems);
    too_long("note", &form.note, NOTE_MAX, &mut problems);
    let (Some(goal), Some(on), Some(state), true) = (goal, on, state, problems.is_empty()) else {
        return Err(Error::Invalid(problems));
    };
    // An achieved goal is achieved in full, whatever was typed.
    if state == GoalState::Achieved {
        percent = 100;
    }
    let entry = ProgressEntry {
        match_id: id,
        position: form.position,
        goal,
        on,
        state,
        percent,
        note: form.note.trim().to_string(),
    };
    store.write(|tx| {
        tx.execute(
            "INSERT INTO goal_progress (match_id, position, goal, recorded_on, state, percent, note,
                 created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id.0,
                entry.position,
                entry.goal,
                entry.on.to_string(),
                entry.state.as_str(),
                entry.percent,
                entry.note,
                timestamp(now)
            ],
        )?;
        Ok(())
    })?;
    Ok(entry)
}

fn progress_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProgressEntry> {
    let on: String = r.get(3)?;
    let state: String = r.get(4)?;
    Ok(ProgressEntry {
        match_id: MatchId(r.get(0)?),
        position: r.get(1)?,
        goal: r.get(2)?,
        on: date::from_iso(&on).unwrap_or_default(),
        state: GoalState::parse(&state).unwrap_or(GoalState::NotStarted),
        percent: r.get(5)?,
        note: r.get(6)?,
    })
}

const PROGRESS_COLUMNS: &str = "match_id, position, goal, recorded_on, state, percent, note";

/// A pair's progress entries, per goal and oldest first.
pub fn progress(store: &Store, id: MatchId) -> Result<Vec<ProgressEntry>> {
    rows(
        store,
        &format!(
            "SELECT {PROGRESS_COLUMNS} FROM goal_progress WHERE match_id = ?1
             ORDER BY position, recorded_on, id"
        ),
        id.0,
        progress_row,
    )
}

/// When in the trajectory a check-in takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Moment {
    AfterMeetings,
    Halfway,
    End,
    Other,
}

impl Moment {
    pub const ALL: [Moment; 4] = [
        Moment::AfterMeetings,
        Moment::Halfway,
        Moment::End,
        Moment::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Moment::AfterMeetings => "after_meetings",
            Moment::Halfway => "halfway",
            Moment::End => "end",
            Moment::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Moment> {
        Moment::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Moment::AfterMeetings => "checkin.moment.after_meetings",
            Moment::Halfway => "checkin.moment.halfway",
            Moment::End => "checkin.moment.end",
            Moment::Other => "checkin.moment.other",
        }
    }
}

/// Is the match working, in the words of one of the two?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fit {
    Good,
    Deciding,
    Poor,
}

impl Fit {
    pub const ALL: [Fit; 3] = [Fit::Good, Fit::Deciding, Fit::Poor];

    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Good => "good",
            Fit::Deciding => "deciding",
            Fit::Poor => "poor",
        }
    }

    pub fn parse(text: &str) -> Option<Fit> {
        Fit::ALL.into_iter().find(|f| f.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Fit::Good => "checkin.fit.good",
            Fit::Deciding => "checkin.fit.deciding",
            Fit::Poor => "checkin.fit.poor",
        }
    }
}

/// The side of the pair that answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Mentor,
    Mentee,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Mentor => "mentor",
            Side::Mentee => "mentee",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Side::Mentor => "field.mentor",
            Side::Mentee => "field.mentee",
        }
    }

    /// The role as a word inside a sentence ("the mentee said"), not a label.
    pub fn in_text_key(self) -> &'static str {
        match self {
            Side::Mentor => "role.in_text.mentor",
            Side::Mentee => "role.in_text.mentee",
        }
    }
}

/// What one of the two said at a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    pub match_id: MatchId,
    pub moment: Moment,
    pub on: NaiveDate,
    pub side: Side,
    pub satisfaction: u8,
    pub fit: Fit,
    pub comment: String,
}

/// One side's answers as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub satisfaction: String,
    /// A [`Fit`] code.
    pub fit: String,
    pub comment: String,
}

/// A check-in as typed: the moment, the day, and the answers of the mentor,
/// the mentee or both. The window leaves a side out with `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct CheckinForm {
    /// A [`Moment`] code.
    pub moment: String,
    pub date: String,
    pub mentor: Option<AnswerForm>,
    pub mentee: Option<AnswerForm>,
}

/// Records a check-in: each side's answers, in one transaction.
pub fn record_checkin(
    store: &mut Store,
    id: MatchId,
    form: &CheckinForm,
    now: NaiveDateTime,
) -> Result<Vec<Checkin>> {
    let pair = open_pair(store, id)?;
    let mut problems = Vec::new();
    let moment = Moment::parse(form.moment.trim());
    if moment.is_none() {
        problems.push(FieldError::new("moment", "error.required"));
    }
    let on = date::parse_field("date", &form.date, &mut problems);
    if let Some(on) = on {
        check_day("date", on, &pair, false, now.date(), &mut problems);
    }
    if form.mentor.is_none() && form.mentee.is_none() {
        problems.push(FieldError::new("answers", "error.checkin.no_answers"));
    }
    let mut answers = Vec::new();
    for (side, answer) in [(Side::Mentor, &form.mentor), (Side::Mentee, &form.mentee)] {
        let Some(answer) = answer else { continue };
        let field = |name: &str| format!("{}_{name}", side.as_str());
        let typed = answer.satisfaction.trim();
        let satisfaction = match typed.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => n,
            _ if typed.is_empty() => {
                problems.push(FieldError::new(field("satisfaction"), "error.required"));
                0
            }
            _ => {
                problems.push(out_of_range(&field("satisfaction"), typed, 1, 5));
                0
            }
        };
        let fit = Fit::parse(answer.fit.trim());
        if fit.is_none() {
            problems.push(FieldError::new(field("fit"), "error.required"));
        }
        too_long(&field("comment"), &answer.comment, NOTE_MAX, &mut problems);
        if let (Some(moment), Some(on), Some(fit)) = (moment, on, fit) {
            answers.push(Checkin {
                match_id: id,
                moment,
                on,
                side,
                satisfaction,
                fit,
                comment: answer.comment.trim().to_string(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    store.write(|tx| {
        for c in &answers {
            tx.execute(
                "INSERT INTO checkin (match_id, moment, held_on, role, satisfaction, fit, comment,
                     created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id.0,
                    c.moment.as_str(),
                    c.on.to_string(),
                    c.side.as_str(),
                    c.satisfaction,
                    c.fit.as_str(),
                    c.comment,
                    timestamp(now)
                ],
            )?;
        }
        Ok(())
    })?;
    Ok(answers)
}

const CHECKIN_COLUMNS: &str = "match_id, moment, held_on, role, satisfaction, fit, comment";

fn checkin_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Checkin> {
    let moment: String = r.get(1)?;
    let on: String = r.get(2)?;
    let role: String = r.get(3)?;
    let fit: String = r.get(5)?;
    Ok(Checkin {
        match_id: MatchId(r.get(0)?),
        moment: Moment::parse(&moment).unwrap_or(Moment::Other),
        on: date::from_iso(&on).unwrap_or_default(),
        side: if role == "mentor" {
            Side::Mentor
        } else {
            Side::Mentee
        },
        satisfaction: r.get(4)?,
        fit: Fit::parse(&fit).unwrap_or(Fit::Deciding),
        comment: r.get(6)?,
    })
}

/// A pair's check-ins, oldest first, the mentor before the mentee.
pub fn checkins(store: &Store, id: MatchId) -> Result<Vec<Checkin>> {
    rows(
        store,
        &format!("SELECT {CHECKIN_COLUMNS} FROM checkin WHERE match_id = ?1 ORDER BY held_on, id"),
        id.0,
        checkin_row,
    )
}

/// Everything about one pair's trajectory, as the pair page and its report show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub pair: Match,
    /// The day of the klik (the intake that had one), if there was one.
    pub klik_on: Option<NaiveDate>,
    pub agreement: Option<Agreement>,
    pub meetings: Vec<Meeting>,
    pub progress: Vec<ProgressEntry>,
    pub checkins: Vec<Checkin>,
}

impl Pair {
    /// The day the trajectory started: the agreement's start, else the
    /// klik, else the day the match was confirmed.
    pub fn start(&self) -> NaiveDate {
        self.agreement
            .as_ref()
            .map(|a| a.terms.start)
            .or(self.klik_on)
            .unwrap_or(self.pair.confirmed_at.date())
    }

    /// The agreement's end, if there is an agreement.
    pub fn end(&self) -> Option<NaiveDate> {
        self.agreement.as_ref().map(|a| a.terms.end)
    }

    /// Whether the current agreement carries all three signatures.
    pub fn signed(&self) -> bool {
        self.agreement.as_ref().is_some_and(|a| {
            a.signed.coordinator.is_some() && a.signed.mentor.is_some() && a.signed.mentee.is_some()
        })
    }

    /// The meetings that took place.
    pub fn held(&self) -> impl Iterator<Item = &Meeting> {
        self.meetings.iter().filter(|m| m.held)
    }

    /// The latest progress of each goal of the current agreement, by position (1-based).
    pub fn latest_progress(&self, position: u8) -> Option<&ProgressEntry> {
        self.progress.iter().rfind(|p| p.position == position)
    }

    /// The learning goals of the current agreement (none without one).
    pub fn goals(&self) -> &[agreement::Goal] {
        self.agreement
            .as_ref()
            .map_or(&[], |a| a.terms.goals.as_slice())
    }

    /// The goals whose latest progress says achieved.
    pub fn achieved_goals(&self) -> impl Iterator<Item = &agreement::Goal> {
        self.goals().iter().enumerate().filter_map(|(k, g)| {
            self.latest_progress(k as u8 + 1)
                .is_some_and(|e| e.state == GoalState::Achieved)
                .then_some(g)
        })
    }

    /// The average satisfaction of every check-in answer of the pair.
    pub fn satisfaction(&self) -> Option<f64> {
        (!self.checkins.is_empty()).then(|| {
            self.checkins
                .iter()
                .map(|c| f64::from(c.satisfaction))
                .sum::<f64>()
                / self.checkins.len() as f64
        })
    }

    /// The agreed next steps of the latest held meeting that has any.
    pub fn next_steps(&self) -> Option<&Meeting> {
        self.held().filter(|m| !m.next_steps.is_empty()).last()
    }

    /// Meetings the cadence asks for from the start until `today`, or
    /// until the agreement's end when that came first.
    pub fn expected_meetings(&self, cadence_weeks: u8, today: NaiveDate) -> u32 {
        let until = self.end().map_or(today, |end| end.min(today));
        let days = (until - self.start()).num_days();
        if days <= 0 || cadence_weeks == 0 {
            0
        } else {
            (days / (i64::from(cadence_weeks) * 7)) as u32
        }
    }
}

/// The day of the klik of a match, from its intakes.
fn klik_day(intakes: &[&Intake]) -> Option<NaiveDate> {
    intakes
        .iter()
        .filter(|i| i.status == IntakeStatus::Held && i.outcome == Some(Outcome::Klik))
        .filter_map(|i| i.outcome_at)
        .map(|at| at.date())
        .max()
}

/// One pair's trajectory.
pub fn pair(store: &Store, id: MatchId) -> Result<Pair> {
    let found = matching::get(store, id)?;
    let intakes = intake::history(store, id)?;
    Ok(Pair {
        klik_on: klik_day(&intakes.iter().collect::<Vec<_>>()),
        agreement: agreement::current(store, id)?,
        meetings: meetings(store, id)?,
        progress: progress(store, id)?,
        checkins: checkins(store, id)?,
        pair: found,
    })
}

/// A programme's whole trajectory, read in a few queries: what the
/// attention list, the KPIs and the programme report are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trajectory {
    pub programme: Programme,
    pub settings: Settings,
    pub counts: crate::participant::Counts,
    /// Every match with its trajectory, dissolved ones too, by mentee name.
    pub pairs: Vec<Pair>,
    pub intakes: Vec<Intake>,
    /// The programme's workshops, earliest first.
    pub workshops: Vec<workshop::Workshop>,
    /// Who was registered absent from which required workshop.
    pub absences: Vec<(workshop::WorkshopId, crate::participant::ParticipantId)>,
}

/// Rows of one table for every match of a programme, grouped by match.
fn by_match<T>(
    store: &Store,
    sql: &str,
    programme: ProgrammeId,
    row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    match_of: fn(&T) -> MatchId,
) -> Result<HashMap<MatchId, Vec<T>>> {
    let all: Vec<T> = rows(store, sql, programme.0, row)?;
    let mut grouped: HashMap<MatchId, Vec<T>> = HashMap::new();
    for r in all {
        grouped.entry(match_of(&r)).or_default().push(r);
    }
    Ok(grouped)
}

/// Reads a programme's trajectory.
pub fn load(store: &Store, id: ProgrammeId) -> Result<Trajectory> {
    let programme = programme::get(store, id)?;
    let in_programme = "match_id IN (SELECT id FROM match_pair WHERE programme_id = ?1)";
    let mut meetings = by_match(
        store,
        &format!("SELECT {MEETING_COLUMNS} FROM meeting WHERE {in_programme} ORDER BY held_on, id"),
        id,
        meeting_row,
        |m| m.match_id,
    )?;
    let mut progress = by_match(
        store,
        &format!(
            "SELECT {PROGRESS_COLUMNS} FROM goal_progress WHERE {in_programme}
             ORDER BY position, recorded_on, id"
        ),
        id,
        progress_row,
        |p| p.match_id,
    )?;
    let mut checkins = by_match(
        store,
        &format!("SELECT {CHECKIN_COLUMNS} FROM checkin WHERE {in_programme} ORDER BY held_on, id"),
        id,
        checkin_row,
        |c| c.match_id,
    )?;
    let mut agreements = agreement::current_of_programme(store, id)?;
    let intakes = intake::list(store, id)?;
    let mut talks: HashMap<MatchId, Vec<&Intake>> = HashMap::new();
    for i in &intakes {
        talks.entry(i.match_id).or_default().push(i);
    }
    let pairs = matching::list(store, id)?
        .into_iter()
        .map(|m| Pair {
            klik_on: talks.get(&m.id).and_then(|t| klik_day(t)),
            agreement: agreements.remove(&m.id),
            meetings: meetings.remove(&m.id).unwrap_or_default(),
            progress: progress.remove(&m.id).unwrap_or_default(),
            checkins: checkins.remove(&m.id).unwrap_or_default(),
            pair: m,
        })
        .collect();
    Ok(Trajectory {
        settings: settings(store, id)?,
        counts: crate::participant::counts(store, id)?,
        workshops: workshop::list(store, id)?,
        absences: workshop::absences(store, id)?,
        programme,
        pairs,
        intakes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The objects `ui/js/views/trajectory.js` sends from the pair's page,
    /// copied from how it builds them.
    #[test]
    fn the_forms_read_the_json_the_pair_page_sends() {
        let meeting: MeetingForm = serde_json::from_str(
            r#"{"date": "28-11-2026", "minutes": "60", "held": true,
                "topics": "Feedback geven", "notes": "", "next_steps": "Oefenen in het teamoverleg"}"#,
        )
        .unwrap();
        assert_eq!(
            meeting,
            MeetingForm {
                date: "28-11-2026".into(),
                minutes: "60".into(),
                held: true,
                topics: "Feedback geven".into(),
                notes: String::new(),
                next_steps: "Oefenen in het teamoverleg".into(),
            }
        );
        let progress: ProgressForm = serde_json::from_str(
            r#"{"position": 2, "date": "28-11-2026", "state": "in_progress", "percent": "40", "note": ""}"#,
        )
        .unwrap();
        assert_eq!((progress.position, progress.percent.as_str()), (2, "40"));
        let checkin: CheckinForm = serde_json::from_str(
            r#"{"moment": "after_meetings", "date": "28-11-2026",
                "mentor": null,
                "mentee": {"satisfaction": "4", "fit": "good", "comment": "Fijne gesprekken"}}"#,
        )
        .unwrap();
        assert_eq!(
            checkin.mentor, None,
            "a side left out with null answers nothing"
        );
        assert_eq!(
            checkin.mentee,
            Some(AnswerForm {
                satisfaction: "4".into(),
                fit: "good".into(),
                comment: "Fijne gesprekken".into(),
            })
        );
        let workshop: workshop::WorkshopForm = serde_json::from_str(
            r#"{"title": "Feedback geven", "date": "15-01-2027", "time": "14:00", "minutes": "120",
                "audience": "all", "trainer": "An Peeters", "location": "Zaal 2", "required": true}"#,
        )
        .unwrap();
        assert_eq!((workshop.time.as_str(), workshop.required), ("14:00", true));
    }

    /// The thresholds go to the dashboard and come back from its settings form as numbers.
    #[test]
    fn settings_travel_as_the_numbers_the_dashboard_edits() {
        let sent = serde_json::json!({
            "intake_wait_days": 14, "signature_wait_days": 14, "goal_quiet_days": 60,
            "ending_days": 14, "checkin_after_meetings": 3,
            "checkin_halfway": true, "checkin_end": true
        });
        let settings: Settings = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(settings, Settings::default());
        assert_eq!(serde_json::to_value(settings).unwrap(), sent);
        assert!(
            serde_json::from_value::<Settings>(serde_json::json!({"intake_wait_days": -1}))
                .is_err(),
            "a threshold that is not a whole number, or missing, is refused"
        );
    }
}
