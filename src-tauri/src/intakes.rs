//! The intake commands: the board (settings, closed days, every pair's
//! intake), planning, moving, cancelling, the outcome, calendar files and
//! the e-mail invitation.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDateTime};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use klik::i18n::Texts;
use klik::intake::{self, ClosedDayForm, Intake, IntakeId, Outcome, PeriodForm, SettingsForm};
use klik::matching::{self, Match, MatchId, MatchStatus};
use klik::participant::availability::Availability;
use klik::programme::{self, ProgrammeId};
use klik::{Error, FieldError, Store, clock, date};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct PersonDto {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekdayDto {
    pub number: u8,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClosedDto {
    pub day: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryDto {
    pub when: String,
    pub state_label: String,
    pub reason: Option<String>,
}

/// One pair's intake as the board shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RowDto {
    pub match_id: i64,
    pub intake_id: Option<i64>,
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    /// to_plan, planned, outcome_missing, held or cancelled.
    pub state: String,
    pub state_label: String,
    /// ISO local start (2027-01-06T10:00) and end, for the week view.
    pub start: Option<String>,
    pub end: Option<String>,
    /// "wo 06-01-2027", "10:00–11:00".
    pub day: String,
    pub time: String,
    pub location: String,
    pub outcome: Option<String>,
    pub reason: Option<String>,
    pub history: Vec<HistoryDto>,
    /// Whether the talk can be moved, and the outcome recorded.
    pub open: bool,
    /// "Set by hand against the rules: outside the working hours", when the
    /// officer moved the talk knowingly.
    pub exception_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SummaryDto {
    pub to_plan: usize,
    pub planned: usize,
    pub outcome_missing: usize,
    pub held: usize,
    pub klik: usize,
    pub unsure: usize,
    pub no: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardDto {
    pub programme_id: i64,
    pub programme_name: String,
    pub settings: SettingsForm,
    pub closed_days: Vec<ClosedDayForm>,
    /// The same closed days by ISO date, for the week view's columns.
    pub closed: Vec<ClosedDto>,
    pub weekdays: Vec<WeekdayDto>,
    pub summary: SummaryDto,
    pub rows: Vec<RowDto>,
    /// A period to suggest: the programme's intake phase from today on, else the coming four weeks.
    pub period_from: String,
    pub period_to: String,
    /// The years of the suggested period, to offer public holidays for.
    pub holiday_years: Vec<i32>,
}

fn person(name: &str, email: &str) -> PersonDto {
    PersonDto {
        name: name.to_string(),
        email: email.to_string(),
    }
}

/// "wo 06-01-2027" in the interface language.
fn day_text(t: NaiveDateTime, language: &str) -> String {
    format!(
        "{} {}",
        Availability::day_name(t.date().weekday().number_from_monday() as u8, language),
        date::short(t.date(), language)
    )
}

fn time_text(i: &Intake) -> String {
    format!("{}–{}", i.start.format("%H:%M"), i.end().format("%H:%M"))
}

fn row(pair: &Match, history: &[Intake], texts: &Texts, now: NaiveDateTime) -> RowDto {
    let language = texts.language();
    let open = matches!(
        pair.status,
        MatchStatus::Confirmed | MatchStatus::IntakePlanned
    );
    let (state, shown) = intake::pair_state(pair, history, now);
    let state = state.as_str();
    let state_label = match (state, shown.and_then(|i| i.outcome)) {
        ("held", Some(o)) => texts.get(o.label_key()).to_string(),
        _ => texts.get(&format!("intake.state.{state}")).to_string(),
    };
    let history = history
        .iter()
        .map(|i| HistoryDto {
            when: format!("{} {}", day_text(i.start, language), time_text(i)),
            state_label: match i.outcome {
                Some(o) => texts.get(o.label_key()).to_string(),
                None => texts
                    .get(&format!("intake.status.{}", i.status.as_str()))
                    .to_string(),
            },
            reason: i.outcome_reason.clone(),
        })
        .collect();
    RowDto {
        match_id: pair.id.0,
        intake_id: shown.map(|i| i.id.0),
        mentee: person(&pair.mentee_name, &pair.mentee_email),
        mentor: person(&pair.mentor_name, &pair.mentor_email),
        state: state.to_string(),
        state_label,
        start: shown.map(|i| i.start.format("%Y-%m-%dT%H:%M").to_string()),
        end: shown.map(|i| i.end().format("%Y-%m-%dT%H:%M").to_string()),
        day: shown
            .map(|i| day_text(i.start, language))
            .unwrap_or_default(),
        time: shown.map(time_text).unwrap_or_default(),
        location: shown.map(|i| i.location.clone()).unwrap_or_default(),
        outcome: shown
            .and_then(|i| i.outcome)
            .map(|o| o.as_str().to_string()),
        reason: shown.and_then(|i| i.outcome_reason.clone()),
        history,
        open,
        exception_note: shown.and_then(|i| i.exception_note(texts)),
    }
}

fn board(store: &Store, texts: &Texts, id: ProgrammeId) -> klik::Result<BoardDto> {
    let now = clock::now();
    let language = texts.language();
    let programme = programme::get(store, id)?;
    let mut by_match: std::collections::HashMap<MatchId, Vec<Intake>> = Default::default();
    for i in intake::list(store, id)? {
        by_match.entry(i.match_id).or_default().push(i);
    }
    let mut rows: Vec<RowDto> = matching::list(store, id)?
        .iter()
        .filter(|m| {
            matches!(
                m.status,
                MatchStatus::Confirmed | MatchStatus::IntakePlanned
            ) || by_match.contains_key(&m.id)
        })
        .map(|m| {
            row(
                m,
                by_match.get(&m.id).map(Vec::as_slice).unwrap_or(&[]),
                texts,
                now,
            )
        })
        .collect();
    // Talks in time order; pairs still to plan first, decided ones last.
    let rank = |r: &RowDto| match r.state.as_str() {
        "to_plan" => 0,
        "outcome_missing" => 1,
        "planned" => 2,
        _ => 3,
    };
    rows.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.start.cmp(&b.start)));
    let mut summary = SummaryDto::default();
    for r in &rows {
        match r.state.as_str() {
            "to_plan" => summary.to_plan += 1,
            "planned" => summary.planned += 1,
            "outcome_missing" => summary.outcome_missing += 1,
            "held" => summary.held += 1,
            _ => {}
        }
        match r.outcome.as_deref() {
            Some("klik") => summary.klik += 1,
            Some("unsure") => summary.unsure += 1,
            Some("no") => summary.no += 1,
            _ => {}
        }
    }
    let (from, to) = intake::suggested_period(&programme, now.date());
    let closed = intake::closed_days(store, id)?;
    Ok(BoardDto {
        programme_id: id.0,
        programme_name: programme.draft.name.clone(),
        settings: SettingsForm::from_settings(&intake::settings(store, id)?),
        closed_days: closed
            .iter()
            .map(|d| ClosedDayForm::from_closed_day(d, language))
            .collect(),
        closed: closed
            .iter()
            .map(|d| ClosedDto {
                day: d.day.format("%Y-%m-%d").to_string(),
                label: d.label.clone(),
            })
            .collect(),
        weekdays: (1..=7)
            .map(|n| WeekdayDto {
                number: n,
                name: texts.get(&format!("date.weekday.{n}")).to_string(),
            })
            .collect(),
        summary,
        rows,
        period_from: date::short(from, language),
        period_to: date::short(to, language),
        holiday_years: (from.year()..=to.year()).collect(),
    })
}

/// Runs intake work on the active database and returns the board.
/// Refuses a match that is not of the programme the window shows, before
/// anything is written: a mix-up must not change another programme's pair.
fn of_programme(store: &Store, programme_id: i64, match_id: MatchId) -> klik::Result<()> {
    if matching::programme_of(store, match_id)? == ProgrammeId(programme_id) {
        Ok(())
    } else {
        Err(Error::NotFound {
            what: "match",
            id: match_id.0,
        })
    }
}

async fn with_board(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    work: impl FnOnce(&mut Store, &Texts) -> klik::Result<()> + Send + 'static,
) -> Reply<BoardDto> {
    shared
        .on_active(move |store, texts| {
            work(store, texts)?;
            board(store, texts, ProgrammeId(programme_id))
        })
        .await
}

/// A programme's intakes, settings and closed days.
#[tauri::command]
pub async fn intake_board(shared: State<'_, Arc<Shared>>, programme_id: i64) -> Reply<BoardDto> {
    with_board(shared, programme_id, |_, _| Ok(())).await
}

/// Saves how intakes are planned, and the closed days, together.
#[tauri::command]
pub async fn save_intake_settings(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    settings: SettingsForm,
    closed_days: Vec<ClosedDayForm>,
) -> Reply<BoardDto> {
    with_board(shared, programme_id, move |store, _| {
        intake::save_settings_form(store, ProgrammeId(programme_id), &settings, &closed_days)
    })
    .await
}

/// Adds a country's public holidays of some years to the closed days.
#[tauri::command]
pub async fn add_public_holidays(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    country: String,
    years: Vec<i32>,
) -> Reply<BoardDto> {
    with_board(shared, programme_id, move |store, _| {
        intake::add_public_holidays(store, ProgrammeId(programme_id), &country, &years).map(|_| ())
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposedDto {
    pub match_id: i64,
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    pub day: String,
    pub time: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotPlacedDto {
    pub match_id: i64,
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalDto {
    pub planned: Vec<ProposedDto>,
    pub not_placed: Vec<NotPlacedDto>,
}

fn period(from: &str, to: &str) -> klik::Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    PeriodForm {
        from: from.to_string(),
        to: to.to_string(),
    }
    .validate(clock::now().date())
    .map_err(Error::Invalid)
}

/// Proposes a time for every pair still to plan in the period; nothing is saved.
#[tauri::command]
pub async fn propose_intakes(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    from: String,
    to: String,
) -> Reply<ProposalDto> {
    shared
        .on_active(move |store, texts| {
            let (from, to) = period(&from, &to)?;
            let proposal = intake::propose(
                store,
                ProgrammeId(programme_id),
                from,
                to,
                clock::now(),
                texts,
            )?;
            let minutes = chrono::Duration::minutes(i64::from(proposal.settings.minutes));
            Ok(ProposalDto {
                planned: proposal
                    .planned
                    .iter()
                    .map(|p| ProposedDto {
                        match_id: p.pair.id.0,
                        mentee: person(&p.pair.mentee_name, &p.pair.mentee_email),
                        mentor: person(&p.pair.mentor_name, &p.pair.mentor_email),
                        day: day_text(p.start, texts.language()),
                        time: format!(
                            "{}–{}",
                            p.start.format("%H:%M"),
                            (p.start + minutes).format("%H:%M")
                        ),
                    })
                    .collect(),
                not_placed: proposal
                    .not_placed
                    .iter()
                    .map(|n| NotPlacedDto {
                        match_id: n.pair.id.0,
                        mentee: person(&n.pair.mentee_name, &n.pair.mentee_email),
                        mentor: person(&n.pair.mentor_name, &n.pair.mentor_email),
                        reason: n.reason.clone(),
                    })
                    .collect(),
            })
        })
        .await
}

/// Plans the period and saves the plan (the same proposal, made again from
/// the data as it is now).
#[tauri::command]
pub async fn plan_intakes(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    from: String,
    to: String,
) -> Reply<BoardDto> {
    with_board(shared, programme_id, move |store, texts| {
        let (from, to) = period(&from, &to)?;
        let now = clock::now();
        let proposal = intake::propose(store, ProgrammeId(programme_id), from, to, now, texts)?;
        intake::apply(store, &proposal, now).map(|_| ())
    })
    .await
}

/// Moves a pair's planned talk, or plans one by hand.
#[tauri::command]
pub async fn move_intake(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    match_id: i64,
    date: String,
    time: String,
    anyway: Option<bool>,
) -> Reply<BoardDto> {
    with_board(shared, programme_id, move |store, _| {
        of_programme(store, programme_id, MatchId(match_id))?;
        let start = intake::parse_start(&date, &time).map_err(Error::Invalid)?;
        if anyway == Some(true) {
            intake::schedule_anyway(store, MatchId(match_id), start, clock::now()).map(|_| ())
        } else {
            intake::schedule(store, MatchId(match_id), start, clock::now()).map(|_| ())
        }
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct FreeTimeDto {
    /// As the date and time fields take them: "06-01-2027", "10:00".
    pub date: String,
    pub time: String,
    /// "wo 06-01-2027 10:00".
    pub label: String,
}

/// The first free times for a pair's talk in the suggested period (at
/// least four weeks from today), to move it with one click.
#[tauri::command]
pub async fn free_intake_times(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
) -> Reply<Vec<FreeTimeDto>> {
    shared
        .on_active(move |store, texts| {
            let language = texts.language();
            let times = intake::move_choices(store, MatchId(match_id), clock::now())?;
            Ok(times
                .into_iter()
                .map(|t| FreeTimeDto {
                    date: date::short(t.date(), language),
                    time: t.format("%H:%M").to_string(),
                    label: format!("{} {}", day_text(t, language), t.format("%H:%M")),
                })
                .collect())
        })
        .await
}

/// Cancels a planned talk; the pair is to plan again.
#[tauri::command]
pub async fn cancel_intake(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    intake_id: i64,
) -> Reply<BoardDto> {
    with_board(shared, programme_id, move |store, _| {
        of_programme(
            store,
            programme_id,
            intake::get(store, IntakeId(intake_id))?.match_id,
        )?;
        intake::cancel(store, IntakeId(intake_id), clock::now()).map(|_| ())
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeDto {
    pub board: BoardDto,
    /// After no klik: the mentor Klik now proposes, with the score.
    pub next_mentor: Option<String>,
    pub next_score: Option<u8>,
}

/// Records whether there was a klik.
#[tauri::command]
pub async fn record_intake_outcome(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    match_id: i64,
    outcome: String,
    reason: String,
    held_date: Option<String>,
    held_time: Option<String>,
) -> Reply<OutcomeDto> {
    shared
        .on_active(move |store, texts| {
            let outcome = Outcome::parse(&outcome).ok_or_else(|| {
                Error::Invalid(vec![FieldError::new("outcome", "error.required")])
            })?;
            of_programme(store, programme_id, MatchId(match_id))?;
            let held = intake::held_at(held_date.as_deref(), held_time.as_deref())?;
            let recorded = match held {
                Some(at) => intake::record_outcome_held(
                    store,
                    MatchId(match_id),
                    outcome,
                    &reason,
                    at,
                    clock::now(),
                )?,
                None => intake::record_outcome(
                    store,
                    MatchId(match_id),
                    outcome,
                    &reason,
                    clock::now(),
                )?,
            };
            let (next_mentor, next_score) = recorded.next_mentor.unzip();
            Ok(OutcomeDto {
                board: board(store, texts, ProgrammeId(programme_id))?,
                next_mentor,
                next_score,
            })
        })
        .await
}

/// A file name for the save dialog: "Intakegesprek Zoë Peeters.ics" or "Intakegesprekken Groeien.ics".
#[tauri::command]
pub async fn intake_calendar_name(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    intake_id: Option<i64>,
) -> Reply<String> {
    shared
        .on_active(move |store, _| {
            let programme = programme::get(store, ProgrammeId(programme_id))?;
            let texts = Texts::for_language(&programme.draft.document_language);
            let base = match intake_id {
                Some(id) => {
                    let talk = intake::get(store, IntakeId(id))?;
                    let pair = matching::get(store, talk.match_id)?;
                    format!("{} {}", texts.get("field.intake"), pair.mentee_name)
                }
                None => format!(
                    "{} {}",
                    texts.get("intake.ics.file_all"),
                    programme.draft.name
                ),
            };
            Ok(crate::printing::safe_file_name(&base, "ics"))
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarDto {
    pub path: String,
    pub events: usize,
}

/// Writes a calendar file where the user chose: one talk, or all of the programme.
#[tauri::command]
pub async fn save_intake_calendar(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    intake_id: Option<i64>,
    path: PathBuf,
) -> Reply<CalendarDto> {
    shared
        .on_active(move |store, _| {
            crate::session::chosen(&path)?;
            let id = ProgrammeId(programme_id);
            let events: Vec<_> =
                intake::calendar(store, id, intake_id.map(IntakeId), clock::utc(clock::now()))?
                    .into_iter()
                    .map(|(_, event)| event)
                    .collect();
            if events.is_empty() {
                return Err(Error::Invalid(vec![FieldError::new(
                    "intake",
                    "error.intake.nothing_to_send",
                )]));
            }
            klik::data_dir::write_file(&path, intake::ics::calendar(&events))?;
            Ok(CalendarDto {
                path: path.display().to_string(),
                events: events.len(),
            })
        })
        .await
}

/// Percent-encodes text for a mailto: link.
fn encoded(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The invitation to a pair's planned talk as a mailto: link.
fn mail_link(store: &Store, match_id: MatchId) -> klik::Result<String> {
    let mail = intake::invitation(store, match_id)?;
    let to: Vec<String> = mail.to.iter().map(|a| encoded(a)).collect();
    Ok(format!(
        "mailto:{}?subject={}&body={}",
        to.join(","),
        encoded(&mail.subject),
        encoded(&mail.body)
    ))
}

/// Opens the default mail program with the invitation to a pair's talk.
#[tauri::command]
pub async fn open_intake_mail<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
) -> Reply<bool> {
    let link = shared
        .on_active(move |store, _| mail_link(store, MatchId(match_id)))
        .await?;
    Ok(app.opener().open_url(link, None::<&str>).is_ok())
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonMatchDto {
    pub match_id: i64,
    pub programme_id: i64,
    /// The other person of the pair, and their role.
    pub other: String,
    pub other_role: String,
    pub score: u8,
    pub status_label: String,
    pub confirmed_on: String,
    pub dissolve_reason: Option<String>,
    pub open: bool,
    pub intakes: Vec<HistoryDto>,
}

/// A participant's matches and their intake talks, oldest first: the
/// history of every decision about this person.
#[tauri::command]
pub async fn participant_history(
    shared: State<'_, Arc<Shared>>,
    id: i64,
) -> Reply<Vec<PersonMatchDto>> {
    shared
        .on_active(move |store, texts| {
            let participant = klik::participant::ParticipantId(id);
            // An unknown participant is "not found", not an empty history.
            klik::participant::get(store, participant)?;
            let language = texts.language();
            let mut rows = Vec::new();
            for m in matching::of_participant(store, participant)? {
                let as_mentee = m.mentee == participant;
                let history = intake::history(store, m.id)?;
                let now = clock::now();
                rows.push(PersonMatchDto {
                    match_id: m.id.0,
                    programme_id: m.programme.0,
                    other: if as_mentee {
                        m.mentor_name.clone()
                    } else {
                        m.mentee_name.clone()
                    },
                    other_role: texts
                        .get(if as_mentee {
                            "role.mentor"
                        } else {
                            "role.mentee"
                        })
                        .to_string(),
                    score: m.score,
                    status_label: texts.get(m.status.label_key()).to_string(),
                    confirmed_on: date::short(m.confirmed_at.date(), language),
                    dissolve_reason: m.dissolve_reason.clone(),
                    open: m.status != MatchStatus::Dissolved,
                    intakes: row(&m, &history, texts, now).history,
                });
            }
            rows.sort_by_key(|r| r.match_id);
            Ok(rows)
        })
        .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn mail_text_is_percent_encoded() {
        assert_eq!(super::encoded("Zoë & Jan?"), "Zo%C3%AB%20%26%20Jan%3F");
        assert_eq!(super::encoded("a.b@devries.be"), "a.b@devries.be");
    }
}
