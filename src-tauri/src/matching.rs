//! The matching commands: the board with its proposal, the officer's
//! decisions, moves, confirming, dissolving and the criteria.

use std::sync::Arc;

use serde::Serialize;
use tauri::State;

use klik::i18n::Texts;
use klik::matching::criteria::CriterionForm;
use klik::matching::{self, Candidate, Confirming, Criteria, Decision, MatchId, Round, Weight};
use klik::participant::ParticipantId;
use klik::programme::ProgrammeId;
use klik::{Error, FieldError, Store, clock};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct PersonDto {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub department: String,
}

fn person(c: &Candidate) -> PersonDto {
    PersonDto {
        id: c.id.0,
        name: c.name.clone(),
        email: c.email.clone(),
        department: c.department.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReasonDto {
    pub criterion: String,
    pub label: String,
    pub weight: String,
    pub weight_label: String,
    pub text: String,
    pub fit: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlternativeDto {
    pub mentor: PersonDto,
    pub score: u8,
    pub full: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairDto {
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    pub score: u8,
    pub state: String,
    pub reasons: Vec<ReasonDto>,
    pub alternatives: Vec<AlternativeDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnmatchedDto {
    pub mentee: PersonDto,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConflictDto {
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalDto {
    pub pairs: Vec<PairDto>,
    pub unmatched: Vec<UnmatchedDto>,
    pub conflicts: Vec<ConflictDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionDto {
    pub key: String,
    pub label: String,
    pub weight: String,
    pub parameter: Option<u16>,
    pub parameter_label: Option<String>,
    pub parameter_min: Option<u16>,
    pub parameter_max: Option<u16>,
    pub help: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeightDto {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryDto {
    pub mentees: usize,
    pub mentors: usize,
    pub capacity: u32,
    pub confirmed: usize,
    pub matched: Option<usize>,
    pub unmatched: Option<usize>,
    pub total_score: Option<u64>,
    /// Proposed pairs whose weekly availabilities never meet.
    pub without_common_time: Option<usize>,
    pub accepted: usize,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LoadDto {
    pub id: i64,
    pub name: String,
    pub load: u32,
    pub capacity: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchDto {
    pub id: i64,
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    pub score: u8,
    pub status: String,
    pub status_label: String,
    pub confirmed_on: String,
    pub dissolved_on: Option<String>,
    pub dissolve_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardDto {
    pub programme_id: i64,
    pub criteria: Vec<CriterionDto>,
    pub weights: Vec<WeightDto>,
    pub summary: SummaryDto,
    pub proposal: Option<ProposalDto>,
    pub mentors: Vec<LoadDto>,
    pub matches: Vec<MatchDto>,
}

fn criteria_dto(criteria: &Criteria, texts: &Texts) -> Vec<CriterionDto> {
    criteria
        .settings()
        .iter()
        .map(|s| {
            let parameter = s.criterion.parameter();
            CriterionDto {
                key: s.criterion.as_str().to_string(),
                label: texts.get(s.criterion.label_key()).to_string(),
                weight: s.weight.as_str().to_string(),
                parameter: parameter.map(|_| criteria.parameter(s.criterion)),
                parameter_label: parameter.map(|(key, ..)| texts.get(key).to_string()),
                parameter_min: parameter.map(|(_, _, min, _)| min),
                parameter_max: parameter.map(|(_, _, _, max)| max),
                help: texts.get(s.criterion.help_key()).to_string(),
            }
        })
        .collect()
}

/// The whole board: criteria, summary, mentor load, matches and, if asked, the proposal.
fn board(
    store: &Store,
    texts: &Texts,
    programme: ProgrammeId,
    propose: bool,
) -> klik::Result<BoardDto> {
    let round = matching::round(store, programme)?;
    let matches = matching::list(store, programme)?;
    let proposal = propose.then(|| round.propose());
    let mentee_person = |id: ParticipantId, name: &str, email: &str| PersonDto {
        id: id.0,
        name: name.to_string(),
        email: email.to_string(),
        department: String::new(),
    };
    let load: Vec<u32> = match &proposal {
        Some(p) => p.load.clone(),
        None => round.confirmed_load.clone(),
    };
    let proposal_dto = proposal.as_ref().map(|p| ProposalDto {
        pairs: p
            .pairs
            .iter()
            .map(|pair| PairDto {
                mentee: person(&round.mentees[pair.mentee]),
                mentor: person(&round.mentors[pair.mentor]),
                score: pair.score,
                state: pair.state.as_str().to_string(),
                reasons: round
                    .reasons(texts, pair.mentee, pair.mentor)
                    .into_iter()
                    .map(|r| ReasonDto {
                        criterion: r.criterion.as_str().to_string(),
                        label: texts.get(r.criterion.label_key()).to_string(),
                        weight: r.weight.as_str().to_string(),
                        weight_label: texts.get(r.weight.label_key()).to_string(),
                        text: r.text,
                        fit: r.fit,
                    })
                    .collect(),
                alternatives: pair
                    .alternatives
                    .iter()
                    .map(|&(j, score, full)| AlternativeDto {
                        mentor: person(&round.mentors[j]),
                        score,
                        full,
                    })
                    .collect(),
            })
            .collect(),
        unmatched: p
            .unmatched
            .iter()
            .map(|(i, why)| UnmatchedDto {
                mentee: person(&round.mentees[*i]),
                reason: round.unmatched_text(texts, *i, why),
            })
            .collect(),
        conflicts: p
            .conflicts
            .iter()
            .map(|c| ConflictDto {
                mentee: person(&round.mentees[c.mentee]),
                mentor: person(&round.mentors[c.mentor]),
                reason: round.conflict_text(texts, c),
            })
            .collect(),
    });
    Ok(BoardDto {
        programme_id: programme.0,
        criteria: criteria_dto(&round.criteria, texts),
        weights: Weight::ALL
            .iter()
            .map(|w| WeightDto {
                key: w.as_str().to_string(),
                label: texts.get(w.label_key()).to_string(),
            })
            .collect(),
        summary: SummaryDto {
            mentees: round.mentees.len(),
            mentors: round.mentors.len(),
            capacity: round.mentors.iter().map(|m| m.capacity).sum(),
            confirmed: matches
                .iter()
                .filter(|m| m.status != matching::MatchStatus::Dissolved)
                .count(),
            matched: proposal.as_ref().map(|p| p.matched),
            unmatched: proposal.as_ref().map(|p| p.unmatched.len()),
            total_score: proposal.as_ref().map(|p| p.total_score),
            without_common_time: proposal.as_ref().map(|p| p.without_common_time),
            accepted: round
                .decisions
                .iter()
                .filter(|d| d.decision == Decision::Accept)
                .count(),
            warnings: round.warnings(texts),
        },
        proposal: proposal_dto,
        mentors: round
            .mentors
            .iter()
            .enumerate()
            .map(|(j, m)| LoadDto {
                id: m.id.0,
                name: m.name.clone(),
                load: load[j],
                capacity: round.confirmed_load[j] + m.capacity,
            })
            .collect(),
        matches: matches
            .iter()
            .map(|m| MatchDto {
                id: m.id.0,
                mentee: mentee_person(m.mentee, &m.mentee_name, &m.mentee_email),
                mentor: mentee_person(m.mentor, &m.mentor_name, &m.mentor_email),
                score: m.score,
                status: m.status.as_str().to_string(),
                status_label: texts.get(m.status.label_key()).to_string(),
                confirmed_on: m.confirmed_at.date().to_string(),
                dissolved_on: m.dissolved_at.map(|d| d.date().to_string()),
                dissolve_reason: m.dissolve_reason.clone(),
            })
            .collect(),
    })
}

/// Runs a change on the active database, then returns the board.
async fn change_then_board(
    shared: State<'_, Arc<Shared>>,
    programme: i64,
    propose: bool,
    change: impl FnOnce(&mut Store, &Texts) -> klik::Result<()> + Send + 'static,
) -> Reply<BoardDto> {
    shared
        .on_active(move |store, texts| {
            change(store, texts)?;
            board(store, texts, ProgrammeId(programme), propose)
        })
        .await
}

/// The board of a programme; `propose` adds the current proposal.
#[tauri::command]
pub async fn matching_board(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    propose: bool,
) -> Reply<BoardDto> {
    change_then_board(shared, programme_id, propose, |_, _| Ok(())).await
}

/// Accepts, locks, rejects or clears a pair.
#[tauri::command]
pub async fn decide_pair(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    mentee_id: i64,
    mentor_id: i64,
    decision: String,
) -> Reply<BoardDto> {
    change_then_board(shared, programme_id, true, move |store, _| {
        let decision = Decision::chosen(&decision)?;
        matching::decide(
            store,
            ProgrammeId(programme_id),
            ParticipantId(mentee_id),
            ParticipantId(mentor_id),
            decision,
            clock::now(),
        )
    })
    .await
}

/// Accepts every pair of the proposal.
#[tauri::command]
pub async fn accept_all_pairs(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<BoardDto> {
    change_then_board(shared, programme_id, true, move |store, _| {
        matching::accept_all(store, ProgrammeId(programme_id), clock::now()).map(|_| ())
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct CurrentDto {
    pub mentor: PersonDto,
    pub score: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoveOptionDto {
    pub mentor: PersonDto,
    pub score: Option<u8>,
    pub delta: Option<i32>,
    pub allowed: bool,
    pub reason: Option<String>,
    pub load: u32,
    pub capacity: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoveOptionsDto {
    pub mentee: PersonDto,
    pub current: Option<CurrentDto>,
    pub options: Vec<MoveOptionDto>,
}

fn move_options_dto(
    round: &Round,
    texts: &Texts,
    mentee: ParticipantId,
) -> klik::Result<MoveOptionsDto> {
    let i = round.mentee_index(mentee).ok_or_else(|| {
        Error::Invalid(vec![FieldError::new(
            "mentee",
            "error.matching.not_open_mentee",
        )])
    })?;
    let proposal = round.propose();
    let current = proposal
        .pairs
        .iter()
        .find(|p| p.mentee == i)
        .map(|p| (p.mentor, p.score));
    let options = round
        .move_options(texts, &proposal, i)
        .into_iter()
        .map(|o| MoveOptionDto {
            mentor: person(&round.mentors[o.mentor]),
            // A forbidden pair has no score to compare: the reason says why.
            score: o.refusal.is_none().then_some(o.score),
            delta: match (o.refusal.is_none(), current) {
                (true, Some((_, score))) => Some(i32::from(o.score) - i32::from(score)),
                _ => None,
            },
            allowed: o.refusal.is_none(),
            reason: o.refusal,
            load: o.load,
            capacity: o.capacity,
        })
        .collect();
    Ok(MoveOptionsDto {
        mentee: person(&round.mentees[i]),
        current: current.map(|(j, score)| CurrentDto {
            mentor: person(&round.mentors[j]),
            score,
        }),
        options,
    })
}

/// The mentors a mentee may be moved to, with score changes and refusals.
#[tauri::command]
pub async fn move_options(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    mentee_id: i64,
) -> Reply<MoveOptionsDto> {
    shared
        .on_active(move |store, texts| {
            let round = matching::round(store, ProgrammeId(programme_id))?;
            move_options_dto(&round, texts, ParticipantId(mentee_id))
        })
        .await
}

/// Moves a mentee to another mentor (refused with the reason when a rule forbids it).
#[tauri::command]
pub async fn move_mentee(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    mentee_id: i64,
    mentor_id: i64,
) -> Reply<BoardDto> {
    change_then_board(shared, programme_id, true, move |store, texts| {
        matching::move_mentee(
            store,
            texts,
            ProgrammeId(programme_id),
            ParticipantId(mentee_id),
            ParticipantId(mentor_id),
            clock::now(),
        )
    })
    .await
}

/// Keeps an accepted or locked pair that a later change made break a rule.
#[tauri::command]
pub async fn keep_conflicting_pair(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    mentee_id: i64,
    mentor_id: i64,
) -> Reply<BoardDto> {
    change_then_board(shared, programme_id, true, move |store, _| {
        matching::keep_anyway(
            store,
            ProgrammeId(programme_id),
            ParticipantId(mentee_id),
            ParticipantId(mentor_id),
        )
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct ConfirmedDto {
    pub confirmed: usize,
    pub board: BoardDto,
}

/// Turns the accepted pairs into confirmed matches.
#[tauri::command]
pub async fn confirm_pairs(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<ConfirmedDto> {
    shared
        .run(move |session| {
            let texts = session.texts();
            let confirmed = session.with_active(|store| {
                let programme = ProgrammeId(programme_id);
                let ids = matching::confirm(store, programme, Confirming::Accepted, clock::now())?;
                Ok(ConfirmedDto {
                    confirmed: ids.len(),
                    board: board(store, &texts, programme, true)?,
                })
            })?;
            // A large change: a fresh copy of the data as it now is.
            session.back_up(true);
            Ok(confirmed)
        })
        .await
}

/// Saves the criteria's weights and numbers.
#[tauri::command]
pub async fn set_matching_criteria(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    criteria: Vec<CriterionForm>,
    propose: bool,
) -> Reply<BoardDto> {
    change_then_board(shared, programme_id, propose, move |store, _| {
        let programme = ProgrammeId(programme_id);
        let amended = matching::criteria::get(store, programme)?.amended(&criteria)?;
        matching::criteria::save(store, programme, &amended)
    })
    .await
}

/// Dissolves a match with a reason.
#[tauri::command]
pub async fn dissolve_match(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    reason: String,
    propose: bool,
) -> Reply<BoardDto> {
    shared
        .on_active(move |store, texts| {
            let id = MatchId(match_id);
            let programme = matching::programme_of(store, id)?;
            matching::dissolve(store, id, &reason, clock::now())?;
            board(store, texts, programme, propose)
        })
        .await
}
