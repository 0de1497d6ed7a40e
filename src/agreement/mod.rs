//! The mentoring agreement of a match: learning goals and mutual
//! expectations, agreed on paper.
//!
//! A new agreement starts from the programme's default texts (the officer's
//! own, else Klik's in the programme's language), so it is mostly filled in.
//! It goes from draft to ready to sign to signed; a signed version is never
//! changed: editing it makes the next version and keeps the signed one.

mod print;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::date;
use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::matching::MatchId;
use crate::programme::{self, PhaseKind, Programme, ProgrammeId, parse_timestamp, timestamp};
use crate::store::Store;

pub use print::{document_for_match, document_for_programme};

/// The parts of the mutual expectations, in the order they are printed.
pub const EXPECTATIONS: [&str; 11] = [
    "meeting_frequency",
    "meeting_duration",
    "place",
    "initiative",
    "cancellation",
    "between_meetings",
    "confidentiality",
    "mentor_responsibilities",
    "mentee_responsibilities",
    "ending_early",
    "coordinator",
];

/// At most this many learning goals.
pub const GOALS_MAX: usize = 5;
const TEXT_MAX: usize = 5000;

/// The database id of one agreement version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgreementId(pub i64);

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementStatus {
    Draft,
    Ready,
    Signed,
}

impl AgreementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Ready => "ready",
            AgreementStatus::Signed => "signed",
        }
    }

    pub fn parse(text: &str) -> Option<AgreementStatus> {
        match text {
            "draft" => Some(AgreementStatus::Draft),
            "ready" => Some(AgreementStatus::Ready),
            "signed" => Some(AgreementStatus::Signed),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "agreement.status.draft",
            AgreementStatus::Ready => "agreement.status.ready",
            AgreementStatus::Signed => "agreement.status.signed",
        }
    }
}

/// One learning goal as typed; the editor sends and shows it as JSON with these keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GoalForm {
    pub what: String,
    pub success: String,
    pub target_date: String,
    pub first_actions: String,
}

/// An agreement as typed: every value as text, checked by [`AgreementForm::validate`].
/// The editor sends it as JSON, the expectations as texts in [`EXPECTATIONS`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct AgreementForm {
    pub start: String,
    pub end: String,
    pub goals: Vec<GoalForm>,
    /// In [`EXPECTATIONS`] order.
    pub expectations: Vec<String>,
}

/// A checked learning goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub what: String,
    pub success: String,
    pub target_date: Option<NaiveDate>,
    pub first_actions: String,
}

/// The checked content of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub goals: Vec<Goal>,
    /// In [`EXPECTATIONS`] order.
    pub expectations: Vec<String>,
}

/// The dates on which the three people signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Signatures {
    pub mentee: Option<NaiveDate>,
    pub mentor: Option<NaiveDate>,
    pub coordinator: Option<NaiveDate>,
}

impl Signatures {
    /// The three dates as typed (mentee, mentor, coordinator); every date
    /// that is not one is named.
    pub fn from_typed(
        mentee: &str,
        mentor: &str,
        coordinator: &str,
    ) -> std::result::Result<Signatures, Vec<FieldError>> {
        let mut problems = Vec::new();
        let signed = Signatures {
            mentee: date::parse_field("mentee_signed_on", mentee, &mut problems),
            mentor: date::parse_field("mentor_signed_on", mentor, &mut problems),
            coordinator: date::parse_field("coordinator_signed_on", coordinator, &mut problems),
        };
        if problems.is_empty() {
            Ok(signed)
        } else {
            Err(problems)
        }
    }
}

/// One stored version of a match's agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub id: AgreementId,
    pub match_id: MatchId,
    pub version: u32,
    pub status: AgreementStatus,
    pub terms: Terms,
    pub signed: Signatures,
    pub updated_at: NaiveDateTime,
}

impl AgreementForm {
    /// The form of stored terms, for editing.
    pub fn from_terms(terms: &Terms, language: &str) -> AgreementForm {
        AgreementForm {
            start: date::short(terms.start, language),
            end: date::short(terms.end, language),
            goals: terms
                .goals
                .iter()
                .map(|g| GoalForm {
                    what: g.what.clone(),
                    success: g.success.clone(),
                    target_date: g
                        .target_date
                        .map(|d| date::short(d, language))
                        .unwrap_or_default(),
                    first_actions: g.first_actions.clone(),
                })
                .collect(),
            expectations: terms.expectations.clone(),
        }
    }

    /// Checks every field; goals left wholly empty are dropped.
    pub fn validate(&self) -> std::result::Result<Terms, Vec<FieldError>> {
        let mut problems = Vec::new();
        let start = date::parse_field("start", &self.start, &mut problems);
        let end = date::parse_field("end", &self.end, &mut problems);
        fn long(problems: &mut Vec<FieldError>, field: String, text: &str) -> String {
            let text = text.trim().to_string();
            if text.chars().count() > TEXT_MAX {
                problems.push(
                    FieldError::new(field, "error.text_too_long").with("max", TEXT_MAX.to_string()),
                );
            }
            text
        }
        let mut goals = Vec::new();
        let mut target_dates = Vec::new();
        for (n, g) in self.goals.iter().enumerate() {
            let empty = [&g.what, &g.success, &g.target_date, &g.first_actions]
                .iter()
                .all(|t| t.trim().is_empty());
            if empty {
                continue;
            }
            let position = goals.len() + 1;
            let what = long(&mut problems, format!("goals.{}.what", n + 1), &g.what);
            let success = long(
                &mut problems,
                format!("goals.{}.success", n + 1),
                &g.success,
            );
            let first_actions = long(
                &mut problems,
                format!("goals.{}.first_actions", n + 1),
                &g.first_actions,
            );
            target_dates.push((n + 1, position, g.target_date.trim().to_string()));
            goals.push(Goal {
                what,
                success,
                target_date: None,
                first_actions,
            });
        }
        for (n, position, text) in target_dates {
            if text.is_empty() {
                continue;
            }
            goals[position - 1].target_date =
                date::parse_field(format!("goals.{n}.target_date"), &text, &mut problems);
        }
        for (n, g) in self.goals.iter().enumerate() {
            let filled = [&g.success, &g.target_date, &g.first_actions]
                .iter()
                .any(|t| !t.trim().is_empty());
            if g.what.trim().is_empty() && filled {
                problems.push(FieldError::new(
                    format!("goals.{}.what", n + 1),
                    "error.required",
                ));
            }
        }
        if goals.len() > GOALS_MAX {
            problems.push(
                FieldError::new("learning_goals", "error.agreement.too_many_goals")
                    .with("max", GOALS_MAX.to_string()),
            );
        }
        let mut expectations = Vec::with_capacity(EXPECTATIONS.len());
        for (k, field) in EXPECTATIONS.iter().enumerate() {
            let text = self.expectations.get(k).map(String::as_str).unwrap_or("");
            expectations.push(long(&mut problems, (*field).to_string(), text));
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            problems.push(FieldError::new("end", "error.agreement.end_before_start"));
        }
        match (start, end) {
            (Some(start), Some(end)) if problems.is_empty() => Ok(Terms {
                start,
                end,
                goals,
                expectations,
            }),
            _ => Err(problems),
        }
    }
}

/// The default terms of a programme's new agreements: the officer's texts
/// where set, else Klik's in the programme's document language; the period
/// is the programme's trajectory phase.
pub fn defaults(store: &Store, programme: &Programme) -> Result<Terms> {
    let expectations = default_texts(store, programme)?
        .into_iter()
        .map(|d| d.text)
        .collect();
    let trajectory = programme
        .draft
        .phases
        .iter()
        .find(|p| p.kind == PhaseKind::Trajectory);
    let (start, end) = trajectory
        .map(|p| (p.start, p.end))
        .unwrap_or((programme.draft.start, programme.draft.end));
    Ok(Terms {
        start,
        end,
        goals: Vec::new(),
        expectations,
    })
}

fn own_defaults(
    conn: &rusqlite::Connection,
    programme: ProgrammeId,
) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare_cached("SELECT field, text FROM agreement_default WHERE programme_id = ?1")?
        .query_map([programme.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// One part's default text in a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultText {
    pub field: &'static str,
    /// The text new agreements start with.
    pub text: String,
    /// Klik's own text, in the programme's document language.
    pub standard: String,
    /// Whether the officer wrote `text` (else it is `standard`).
    pub own: bool,
}

/// Klik's own default text for one part, in the programme's document language.
pub fn standard_text(programme: &Programme, field: &str) -> String {
    let weeks = programme.draft.cadence_weeks;
    // "Once every 1 weeks" reads "Once a week".
    let key = if field == "meeting_frequency" && weeks == 1 {
        "agreement.default.meeting_frequency_one".to_string()
    } else {
        format!("agreement.default.{field}")
    };
    Texts::for_language(&programme.draft.document_language)
        .format(&key, &[("weeks", &weeks.to_string())])
}

/// A programme's default texts, one per part in the agreement's order.
pub fn default_texts(store: &Store, programme: &Programme) -> Result<Vec<DefaultText>> {
    let own = own_defaults(store.conn(), programme.id).map_err(|e| store.read_error(e))?;
    Ok(EXPECTATIONS
        .iter()
        .map(|&field| {
            let standard = standard_text(programme, field);
            match own.iter().find(|(f, _)| f == field) {
                Some((_, text)) => DefaultText {
                    field,
                    text: text.clone(),
                    standard,
                    own: true,
                },
                None => DefaultText {
                    field,
                    text: standard.clone(),
                    standard,
                    own: false,
                },
            }
        })
        .collect())
}

/// Sets (or, with an empty text, resets) a programme's default text for one part.
pub fn set_default(
    store: &mut Store,
    programme: ProgrammeId,
    field: &str,
    text: &str,
) -> Result<()> {
    set_defaults(store, programme, &[(field, text)])
}

/// The texts of every part in [`EXPECTATIONS`] order, as the window's
/// template editor sends them, paired with their parts for [`set_defaults`];
/// refused unless there is one text for each part.
pub fn parts_in_order(texts: &[String]) -> Result<Vec<(&'static str, &str)>> {
    if texts.len() != EXPECTATIONS.len() {
        return Err(Error::Invalid(vec![
            FieldError::new("texts", "error.agreement.unknown_part")
                .with("value", texts.len().to_string()),
        ]));
    }
    Ok(EXPECTATIONS
        .iter()
        .zip(texts)
        .map(|(field, text)| (*field, text.as_str()))
        .collect())
}

/// Sets the default texts of several parts together, all or none. A text
/// that is empty or Klik's own resets its part, so that it keeps following
/// Klik's text (in another language, say, after the programme's changes).
pub fn set_defaults(
    store: &mut Store,
    programme: ProgrammeId,
    parts: &[(&str, &str)],
) -> Result<()> {
    let mut problems = Vec::new();
    for &(field, text) in parts {
        if !EXPECTATIONS.contains(&field) {
            problems.push(
                FieldError::new("field", "error.agreement.unknown_part").with("value", field),
            );
        } else if text.chars().count() > TEXT_MAX {
            problems.push(
                FieldError::new(field, "error.text_too_long").with("max", TEXT_MAX.to_string()),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    programme::ensure_open(store, programme)?;
    let programme = programme::get(store, programme)?;
    store.write(|tx| {
        for &(field, text) in parts {
            let text = text.trim();
            if text.is_empty() || text == standard_text(&programme, field).trim() {
                tx.execute(
                    "DELETE FROM agreement_default WHERE programme_id = ?1 AND field = ?2",
                    params![programme.id.0, field],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO agreement_default (programme_id, field, text) VALUES (?1, ?2, ?3)
                     ON CONFLICT (programme_id, field) DO UPDATE SET text = ?3",
                    params![programme.id.0, field, text],
                )?;
            }
        }
        Ok(())
    })
}

/// The programme of a match that may have an agreement (not dissolved), or why not.
fn open_match(conn: &rusqlite::Connection, id: MatchId) -> Result<ProgrammeId> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT programme_id, status FROM match_pair WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::NotFound {
            what: "match",
            id: id.0,
        }),
        Some((_, status)) if status == "dissolved" => Err(Error::Invalid(vec![FieldError::new(
            "match",
            "error.agreement.dissolved",
        )])),
        Some((programme, _)) => Ok(ProgrammeId(programme)),
    }
}

const COLUMNS: &str =
    "id, match_id, version, status, start_date, end_date, meeting_frequency, meeting_duration,
    place, initiative, cancellation, between_meetings, confidentiality, mentor_responsibilities,
    mentee_responsibilities, ending_early, coordinator, mentee_signed_on, mentor_signed_on,
    coordinator_signed_on, updated_at";

fn read_day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn load(conn: &rusqlite::Connection, filter: &str, arg: i64) -> rusqlite::Result<Vec<Agreement>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM agreement WHERE {filter} ORDER BY match_id, version"
    ))?;
    let mut agreements: Vec<Agreement> = statement
        .query_map([arg], |r| {
            let status: String = r.get(3)?;
            let updated: String = r.get(20)?;
            Ok(Agreement {
                id: AgreementId(r.get(0)?),
                match_id: MatchId(r.get(1)?),
                version: r.get(2)?,
                status: AgreementStatus::parse(&status).unwrap_or(AgreementStatus::Draft),
                terms: Terms {
                    start: read_day(r.get(4)?).unwrap_or_default(),
                    end: read_day(r.get(5)?).unwrap_or_default(),
                    goals: Vec::new(),
                    expectations: (6..17).map(|k| r.get(k)).collect::<rusqlite::Result<_>>()?,
                },
                signed: Signatures {
                    mentee: read_day(r.get(17)?),
                    mentor: read_day(r.get(18)?),
                    coordinator: read_day(r.get(19)?),
                },
                updated_at: parse_timestamp(&updated).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut goals = conn.prepare_cached(
        "SELECT what, success, target_date, first_actions FROM agreement_goal
         WHERE agreement_id = ?1 ORDER BY position",
    )?;
    for a in &mut agreements {
        a.terms.goals = goals
            .query_map([a.id.0], |r| {
                Ok(Goal {
                    what: r.get(0)?,
                    success: r.get(1)?,
                    target_date: read_day(r.get(2)?),
                    first_actions: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(agreements)
}

/// Every version of a match's agreement, oldest first.
pub fn versions(store: &Store, id: MatchId) -> Result<Vec<Agreement>> {
    load(store.conn(), "match_id = ?1", id.0).map_err(|e| store.read_error(e))
}

/// The current version of the agreement of every match of a programme that has one.
pub fn current_of_programme(
    store: &Store,
    programme: ProgrammeId,
) -> Result<std::collections::HashMap<MatchId, Agreement>> {
    let all = load(
        store.conn(),
        "id IN (SELECT a.id FROM agreement a JOIN match_pair m ON m.id = a.match_id
                WHERE m.programme_id = ?1
                  AND a.version = (SELECT max(version) FROM agreement b WHERE b.match_id = a.match_id))",
        programme.0,
    )
    .map_err(|e| store.read_error(e))?;
    Ok(all.into_iter().map(|a| (a.match_id, a)).collect())
}

/// The current (latest) version of a match's agreement, if one was started.
pub fn current(store: &Store, id: MatchId) -> Result<Option<Agreement>> {
    Ok(versions(store, id)?.pop())
}

fn insert(
    tx: &Transaction<'_>,
    id: MatchId,
    version: u32,
    status: AgreementStatus,
    terms: &Terms,
    signed: &Signatures,
    now: NaiveDateTime,
) -> rusqlite::Result<AgreementId> {
    let stamp = timestamp(now);
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let e = &terms.expectations;
    tx.execute(
        "INSERT INTO agreement (match_id, version, status, start_date, end_date, meeting_frequency,
             meeting_duration, place, initiative, cancellation, between_meetings, confidentiality,
             mentor_responsibilities, mentee_responsibilities, ending_early, coordinator,
             mentee_signed_on, mentor_signed_on, coordinator_signed_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
        params![
            id.0,
            version,
            status.as_str(),
            terms.start.to_string(),
            terms.end.to_string(),
            e[0],
            e[1],
            e[2],
            e[3],
            e[4],
            e[5],
            e[6],
            e[7],
            e[8],
            e[9],
            e[10],
            day(signed.mentee),
            day(signed.mentor),
            day(signed.coordinator),
            stamp
        ],
    )?;
    let agreement = tx.last_insert_rowid();
    write_goals(tx, agreement, &terms.goals)?;
    Ok(AgreementId(agreement))
}

fn write_goals(tx: &Transaction<'_>, agreement: i64, goals: &[Goal]) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM agreement_goal WHERE agreement_id = ?1",
        [agreement],
    )?;
    for (k, g) in goals.iter().enumerate() {
        tx.execute(
            "INSERT INTO agreement_goal (agreement_id, position, what, success, target_date, first_actions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                agreement,
                k as i64 + 1,
                g.what,
                g.success,
                g.target_date.map(|d| d.to_string()),
                g.first_actions
            ],
        )?;
    }
    Ok(())
}

/// The match's current agreement; a draft from the programme's defaults is
/// started (and saved) the first time.
pub fn open(store: &mut Store, id: MatchId, now: NaiveDateTime) -> Result<Agreement> {
    let programme = open_match(store.conn(), id).map_err(|e| match e {
        Error::Database(e) => store.read_error(e),
        other => other,
    })?;
    if let Some(agreement) = current(store, id)? {
        return Ok(agreement);
    }
    let programme = programme::get(store, programme)?;
    let terms = defaults(store, &programme)?;
    store.write(|tx| {
        insert(
            tx,
            id,
            1,
            AgreementStatus::Draft,
            &terms,
            &Signatures::default(),
            now,
        )?;
        Ok(())
    })?;
    current(store, id)?.ok_or(Error::NotFound {
        what: "agreement",
        id: id.0,
    })
}

/// Saves new terms. A signed agreement is never changed: the terms become
/// its next version, a draft, and the signed version stays as it was.
pub fn save(
    store: &mut Store,
    id: MatchId,
    terms: &Terms,
    now: NaiveDateTime,
) -> Result<Agreement> {
    programme::ensure_open(store, crate::matching::programme_of(store, id)?)?;
    let agreement = open(store, id, now)?;
    store.write(|tx| {
        if agreement.status == AgreementStatus::Signed {
            insert(
                tx,
                id,
                agreement.version + 1,
                AgreementStatus::Draft,
                terms,
                &Signatures::default(),
                now,
            )?;
        } else {
            let e = &terms.expectations;
            tx.execute(
                "UPDATE agreement SET start_date = ?2, end_date = ?3, meeting_frequency = ?4,
                     meeting_duration = ?5, place = ?6, initiative = ?7, cancellation = ?8,
                     between_meetings = ?9, confidentiality = ?10, mentor_responsibilities = ?11,
                     mentee_responsibilities = ?12, ending_early = ?13, coordinator = ?14, updated_at = ?15
                 WHERE id = ?1",
                params![
                    agreement.id.0,
                    terms.start.to_string(),
                    terms.end.to_string(),
                    e[0],
                    e[1],
                    e[2],
                    e[3],
                    e[4],
                    e[5],
                    e[6],
                    e[7],
                    e[8],
                    e[9],
                    e[10],
                    timestamp(now)
                ],
            )?;
            write_goals(tx, agreement.id.0, &terms.goals)?;
        }
        Ok(())
    })?;
    current(store, id)?.ok_or(Error::NotFound {
        what: "agreement",
        id: id.0,
    })
}

/// Marks the current draft ready to sign; it needs at least one learning goal.
pub fn mark_ready(store: &mut Store, id: MatchId, now: NaiveDateTime) -> Result<Agreement> {
    programme::ensure_open(store, crate::matching::programme_of(store, id)?)?;
    let agreement = open(store, id, now)?;
    match agreement.status {
        AgreementStatus::Signed => {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                "error.agreement.already_signed",
            )]));
        }
        _ if agreement.terms.goals.is_empty() => {
            return Err(Error::Invalid(vec![FieldError::new(
                "learning_goals",
                "error.agreement.no_goals",
            )]));
        }
        _ => {}
    }
    set_status(
        store,
        &agreement,
        AgreementStatus::Ready,
        &Signatures::default(),
        now,
    )?;
    current(store, id)?.ok_or(Error::NotFound {
        what: "agreement",
        id: id.0,
    })
}

/// Records the signatures of an agreement that is ready to sign.
pub fn sign(
    store: &mut Store,
    id: MatchId,
    signed: &Signatures,
    now: NaiveDateTime,
) -> Result<Agreement> {
    let pair = crate::matching::get(store, id)?;
    programme::ensure_open(store, pair.programme)?;
    let confirmed = pair.confirmed_at.date();
    let agreement = open(store, id, now)?;
    if agreement.status != AgreementStatus::Ready {
        let key = if agreement.status == AgreementStatus::Signed {
            "error.agreement.already_signed"
        } else {
            "error.agreement.not_ready"
        };
        return Err(Error::Invalid(vec![FieldError::new("status", key)]));
    }
    let mut problems = Vec::new();
    for (field, day) in [
        ("mentee_signed_on", signed.mentee),
        ("mentor_signed_on", signed.mentor),
        ("coordinator_signed_on", signed.coordinator),
    ] {
        match day {
            None => problems.push(FieldError::new(field, "error.required")),
            Some(d) if d > now.date() => problems.push(
                FieldError::new(field, "error.agreement.signed_in_future").with_date("date", d),
            ),
            // Nobody signs an agreement for a pair that did not exist yet.
            Some(d) if d < confirmed => problems.push(
                FieldError::new(field, "error.agreement.signed_before_match")
                    .with_date("date", d)
                    .with_date("confirmed", confirmed),
            ),
            Some(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    set_status(store, &agreement, AgreementStatus::Signed, signed, now)?;
    current(store, id)?.ok_or(Error::NotFound {
        what: "agreement",
        id: id.0,
    })
}

fn set_status(
    store: &mut Store,
    agreement: &Agreement,
    status: AgreementStatus,
    signed: &Signatures,
    now: NaiveDateTime,
) -> Result<()> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    store.write(|tx| {
        tx.execute(
            "UPDATE agreement SET status = ?2, mentee_signed_on = ?3, mentor_signed_on = ?4,
                 coordinator_signed_on = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                agreement.id.0,
                status.as_str(),
                day(signed.mentee),
                day(signed.mentor),
                day(signed.coordinator),
                timestamp(now)
            ],
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests;
