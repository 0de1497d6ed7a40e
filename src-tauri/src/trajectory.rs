//! The trajectory commands: a programme's dashboard (phase, key figures,
//! the needs-attention list, thresholds), the list of pairs under way, and
//! one pair's page (meetings, goal progress, check-ins).

use std::sync::Arc;

use serde::Serialize;
use tauri::State;

use klik::i18n::Texts;
use klik::matching::{MatchId, MatchStatus};
use klik::programme::{ProgrammeId, Progress};
use klik::trajectory::{
    self, CheckinForm, MeetingForm, MeetingId, Pair, ProgressForm, Settings, attention, kpi, report,
};
use klik::{Store, checklist, clock, date};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct FigureDto {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttentionDto {
    pub match_id: i64,
    pub mentee: String,
    pub mentor: String,
    /// A stable code; the window picks the action by it.
    pub code: String,
    pub message: String,
}

/// One pair in the list of the trajectory tab.
#[derive(Debug, Clone, Serialize)]
pub struct PairRowDto {
    pub match_id: i64,
    pub mentee: String,
    pub mentor: String,
    pub status: String,
    pub status_label: String,
    /// "2 of 3": held of expected (see `of`).
    pub meetings: String,
    /// The day of the latest held meeting, or empty.
    pub last_meeting: String,
    /// "1 of 2": achieved of set.
    pub goals: String,
    pub concerns: usize,
}

/// Something the officer should do next, with its page chosen by `code`.
#[derive(Debug, Clone, Serialize)]
pub struct ActionDto {
    pub code: String,
    pub count: u32,
    pub message: String,
    pub button: String,
}

/// One phase of the programme's checklist.
#[derive(Debug, Clone, Serialize)]
pub struct StepDto {
    pub phase: String,
    pub phase_label: String,
    /// done, todo, under_way, not_yet or left_open.
    pub state: String,
    pub state_label: String,
    pub summary: String,
    pub actions: Vec<ActionDto>,
    /// The pair whose page is the place for the first action, if one is.
    pub first_match: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistDto {
    pub steps: Vec<StepDto>,
    /// The first phase with something to do.
    pub next: Option<String>,
    pub closed: bool,
}

impl ChecklistDto {
    fn from(list: &checklist::Checklist, texts: &Texts) -> ChecklistDto {
        ChecklistDto {
            steps: list
                .steps
                .iter()
                .map(|s| StepDto {
                    phase: s.phase.as_str().to_string(),
                    phase_label: texts.get(s.phase.label_key()).to_string(),
                    state: s.state.as_str().to_string(),
                    state_label: texts
                        .get(&format!("checklist.state.{}", s.state.as_str()))
                        .to_string(),
                    summary: s.summary.clone(),
                    actions: s
                        .actions
                        .iter()
                        .map(|a| ActionDto {
                            code: a.code().to_string(),
                            count: a.count(),
                            message: a.message(texts),
                            button: a.button(texts),
                        })
                        .collect(),
                    first_match: s.first_match.map(|m| m.0),
                })
                .collect(),
            next: list.next.map(|p| p.as_str().to_string()),
            closed: list.closed,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DashboardDto {
    pub programme_id: i64,
    pub archived: bool,
    pub phase_label: String,
    /// The phases with where each stands and what to do next.
    pub checklist: ChecklistDto,
    pub figures: Vec<FigureDto>,
    /// The headline figures for the cards, each only when it means
    /// something, its words carrying its base.
    pub cards: Vec<FigureDto>,
    pub attention: Vec<AttentionDto>,
    pub pairs: Vec<PairRowDto>,
    pub settings: Settings,
    /// Would the programme report leave out names unless asked?
    pub anonymous_by_default: bool,
}

/// "2 of 3"; without a base only the part ("1", never "1 / 0"), and "–"
/// when both are nothing.
fn of(part: u32, whole: u32, texts: &Texts) -> String {
    if whole > 0 {
        texts.format(
            "figure.of",
            &[("part", &part.to_string()), ("whole", &whole.to_string())],
        )
    } else if part > 0 {
        part.to_string()
    } else {
        "–".to_string()
    }
}

fn dashboard(store: &Store, texts: &Texts, id: ProgrammeId) -> klik::Result<DashboardDto> {
    let now = clock::now();
    let today = now.date();
    let loaded = trajectory::load(store, id)?;
    let k = kpi::compute(&loaded, today);
    let items = attention::list(&loaded, now);
    let programme = &loaded.programme;
    let phase_label = match programme.phase_on(today) {
        Some(p) => texts.get(p.label_key()).to_string(),
        None => texts
            .get(match programme.progress_on(today) {
                Progress::Upcoming { .. } => "phase.none_before",
                _ => "phase.none_after",
            })
            .to_string(),
    };
    let cards = k
        .cards(texts)
        .into_iter()
        .map(|(value, label)| FigureDto { label, value })
        .collect();
    let list = checklist::of_trajectory(store, texts, &loaded, &items, now)?;
    let cadence = programme.draft.cadence_weeks;
    let pairs = loaded
        .pairs
        .iter()
        .filter(|p| p.pair.status != MatchStatus::Dissolved)
        .map(|p| PairRowDto {
            match_id: p.pair.id.0,
            mentee: p.pair.mentee_name.clone(),
            mentor: p.pair.mentor_name.clone(),
            status: p.pair.status.as_str().to_string(),
            status_label: texts.get(p.pair.status.label_key()).to_string(),
            meetings: of(
                p.held().count() as u32,
                p.expected_meetings(cadence, today),
                texts,
            ),
            last_meeting: p
                .held()
                .map(|m| m.on)
                .max()
                .map_or_else(String::new, |d| date::short(d, texts.language())),
            goals: of(
                p.achieved_goals().count() as u32,
                p.goals().len() as u32,
                texts,
            ),
            concerns: items.iter().filter(|i| i.match_id == p.pair.id).count(),
        })
        .collect();
    Ok(DashboardDto {
        programme_id: id.0,
        archived: programme.archived_at.is_some(),
        phase_label,
        checklist: ChecklistDto::from(&list, texts),
        figures: k
            .rows(texts)
            .into_iter()
            .map(|(label, value)| FigureDto { label, value })
            .collect(),
        cards,
        attention: items
            .iter()
            .map(|i| AttentionDto {
                match_id: i.match_id.0,
                mentee: i.mentee.clone(),
                mentor: i.mentor.clone(),
                code: i.concern.code().to_string(),
                message: i.concern.message(texts),
            })
            .collect(),
        pairs,
        settings: loaded.settings,
        anonymous_by_default: report::anonymous_by_default(&k),
    })
}

/// A programme's dashboard: phase, key figures, attention list, pairs under way.
#[tauri::command]
pub async fn programme_dashboard(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<DashboardDto> {
    shared
        .on_active(move |store, texts| dashboard(store, texts, ProgrammeId(programme_id)))
        .await
}

/// Saves a programme's thresholds and check-in moments; the dashboard as it now is.
#[tauri::command]
pub async fn save_trajectory_settings(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    settings: Settings,
) -> Reply<DashboardDto> {
    shared
        .on_active(move |store, texts| {
            let id = ProgrammeId(programme_id);
            trajectory::save_settings(store, id, &settings)?;
            dashboard(store, texts, id)
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressDto {
    pub date: String,
    pub state: String,
    pub state_label: String,
    pub percent: u8,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalDto {
    pub position: u8,
    pub what: String,
    pub success: String,
    pub target_date: String,
    /// The latest state, or not_started.
    pub state: String,
    pub state_label: String,
    pub percent: u8,
    pub history: Vec<ProgressDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingDto {
    pub id: i64,
    pub date: String,
    pub minutes: u16,
    pub held: bool,
    pub status_label: String,
    pub topics: String,
    pub notes: String,
    pub next_steps: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckinDto {
    pub date: String,
    pub moment_label: String,
    pub side_label: String,
    pub satisfaction: u8,
    pub fit: String,
    pub fit_label: String,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairDto {
    pub match_id: i64,
    pub programme_id: i64,
    pub mentee: String,
    pub mentor: String,
    pub status: String,
    pub status_label: String,
    /// Meetings, goals and check-ins can be written (not dissolved, not archived).
    pub open: bool,
    pub klik_on: String,
    pub period: String,
    /// "2 held of 3 expected (2.5 hours)".
    pub meetings_summary: String,
    pub goals: Vec<GoalDto>,
    pub meetings: Vec<MeetingDto>,
    pub checkins: Vec<CheckinDto>,
    pub next_steps: String,
    /// Today as the forms prefill it (28-11-2026).
    pub today: String,
    pub attention: Vec<AttentionDto>,
}

fn pair_dto(store: &Store, texts: &Texts, id: MatchId) -> klik::Result<PairDto> {
    let now = clock::now();
    let today = now.date();
    let found: Pair = trajectory::pair(store, id)?;
    let programme = klik::programme::get(store, found.pair.programme)?;
    let language = texts.language();
    let short = |d: chrono::NaiveDate| date::short(d, language);
    let t = |key: &str| texts.get(key).to_string();
    let held = found.held().count();
    let minutes: u32 = found.held().map(|m| u32::from(m.minutes)).sum();
    let goals = found
        .agreement
        .as_ref()
        .map(|a| a.terms.goals.clone())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(k, goal)| {
            let position = k as u8 + 1;
            let latest = found.latest_progress(position);
            let state = latest.map_or(trajectory::GoalState::NotStarted, |l| l.state);
            GoalDto {
                position,
                what: goal.what,
                success: goal.success,
                target_date: goal.target_date.map_or_else(String::new, short),
                state: state.as_str().to_string(),
                state_label: t(state.label_key()),
                percent: latest.map_or(0, |l| l.percent),
                history: found
                    .progress
                    .iter()
                    .filter(|e| e.position == position)
                    .map(|e| ProgressDto {
                        date: short(e.on),
                        state: e.state.as_str().to_string(),
                        state_label: t(e.state.label_key()),
                        percent: e.percent,
                        note: e.note.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    // The attention items of this pair only, from the programme's list.
    let loaded = trajectory::load(store, found.pair.programme)?;
    let attention = attention::list(&loaded, now)
        .into_iter()
        .filter(|i| i.match_id == id)
        .map(|i| AttentionDto {
            match_id: i.match_id.0,
            mentee: i.mentee.clone(),
            mentor: i.mentor.clone(),
            code: i.concern.code().to_string(),
            message: i.concern.message(texts),
        })
        .collect();
    Ok(PairDto {
        match_id: id.0,
        programme_id: found.pair.programme.0,
        mentee: found.pair.mentee_name.clone(),
        mentor: found.pair.mentor_name.clone(),
        status: found.pair.status.as_str().to_string(),
        status_label: t(found.pair.status.label_key()),
        open: found.pair.status != MatchStatus::Dissolved && !programme.is_read_only(),
        klik_on: found.klik_on.map_or_else(String::new, short),
        period: found.agreement.as_ref().map_or_else(String::new, |a| {
            format!("{} – {}", short(a.terms.start), short(a.terms.end))
        }),
        meetings_summary: texts.format(
            "report.meetings_of_expected",
            &[
                ("held", &held.to_string()),
                (
                    "expected",
                    &found
                        .expected_meetings(programme.draft.cadence_weeks, today)
                        .to_string(),
                ),
                ("hours", &kpi::decimal(f64::from(minutes) / 60.0, texts)),
            ],
        ),
        goals,
        meetings: found
            .meetings
            .iter()
            .rev()
            .map(|m| MeetingDto {
                id: m.id.0,
                date: short(m.on),
                minutes: m.minutes,
                held: m.held,
                status_label: t(if m.held {
                    "meeting.held"
                } else {
                    "meeting.cancelled"
                }),
                topics: m.topics.clone(),
                notes: m.notes.clone(),
                next_steps: m.next_steps.clone(),
            })
            .collect(),
        checkins: found
            .checkins
            .iter()
            .rev()
            .map(|c| CheckinDto {
                date: short(c.on),
                moment_label: t(c.moment.label_key()),
                side_label: t(c.side.label_key()),
                satisfaction: c.satisfaction,
                fit: c.fit.as_str().to_string(),
                fit_label: t(c.fit.label_key()),
                comment: c.comment.clone(),
            })
            .collect(),
        next_steps: found.next_steps().map_or_else(String::new, |m| {
            texts.format(
                "report.next_steps_from",
                &[("date", &short(m.on)), ("steps", &m.next_steps)],
            )
        }),
        today: short(today),
        attention,
    })
}

/// One pair's page.
#[tauri::command]
pub async fn pair_trajectory(shared: State<'_, Arc<Shared>>, match_id: i64) -> Reply<PairDto> {
    shared
        .on_active(move |store, texts| pair_dto(store, texts, MatchId(match_id)))
        .await
}

/// Refuses a meeting that is not of the pair the window shows, before
/// anything is written.
fn of_pair(store: &Store, match_id: i64, meeting: MeetingId) -> klik::Result<()> {
    if trajectory::get_meeting(store, meeting)?.match_id == MatchId(match_id) {
        Ok(())
    } else {
        Err(klik::Error::NotFound {
            what: "meeting",
            id: meeting.0,
        })
    }
}

/// Runs pair work on the active database and returns the pair's page as it now is.
async fn with_pair(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    work: impl FnOnce(&mut Store) -> klik::Result<()> + Send + 'static,
) -> Reply<PairDto> {
    shared
        .on_active(move |store, texts| {
            work(store)?;
            pair_dto(store, texts, MatchId(match_id))
        })
        .await
}

/// Logs a meeting (or, with `meeting_id`, changes one); the pair's page as it now is.
#[tauri::command]
pub async fn save_meeting(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    meeting_id: Option<i64>,
    form: MeetingForm,
) -> Reply<PairDto> {
    with_pair(shared, match_id, move |store| {
        match meeting_id {
            Some(m) => {
                of_pair(store, match_id, MeetingId(m))?;
                trajectory::update_meeting(store, MeetingId(m), &form, clock::now())?
            }
            None => trajectory::add_meeting(store, MatchId(match_id), &form, clock::now())?,
        };
        Ok(())
    })
    .await
}

/// Removes a meeting logged by mistake; the pair's page as it now is.
#[tauri::command]
pub async fn delete_meeting(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    meeting_id: i64,
) -> Reply<PairDto> {
    with_pair(shared, match_id, move |store| {
        of_pair(store, match_id, MeetingId(meeting_id))?;
        trajectory::delete_meeting(store, MeetingId(meeting_id))
    })
    .await
}

/// Records where a goal stands; the pair's page as it now is.
#[tauri::command]
pub async fn record_goal_progress(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    form: ProgressForm,
) -> Reply<PairDto> {
    with_pair(shared, match_id, move |store| {
        trajectory::record_progress(store, MatchId(match_id), &form, clock::now()).map(|_| ())
    })
    .await
}

/// Records a check-in; the pair's page as it now is.
#[tauri::command]
pub async fn record_checkin(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    form: CheckinForm,
) -> Reply<PairDto> {
    with_pair(shared, match_id, move |store| {
        trajectory::record_checkin(store, MatchId(match_id), &form, clock::now()).map(|_| ())
    })
    .await
}
