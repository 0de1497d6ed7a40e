//! The commands of workshops and of the end of a programme: plan workshops,
//! register attendance, their calendar files; the closing evaluation's
//! questions and answers; closing the programme.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tauri::State;

use klik::i18n::Texts;
use klik::participant::ParticipantId;
use klik::programme::{self, ProgrammeId};
use klik::trajectory::closing::{self, AnswerForm, QuestionForm};
use klik::trajectory::workshop::{self, Workshop, WorkshopForm, WorkshopId};
use klik::{Error, Store, clock, date};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct WorkshopDto {
    pub id: i64,
    pub title: String,
    /// "15/01/2027 10:00–12:00".
    pub when: String,
    /// As the form takes them back.
    pub date: String,
    pub time: String,
    pub minutes: u16,
    pub location: String,
    pub audience: String,
    pub audience_label: String,
    pub trainer: String,
    pub required: bool,
    pub attended: u32,
    pub absent: u32,
    /// The workshop has started, so attendance can be registered.
    pub past: bool,
}

fn workshop_dto(w: &Workshop, texts: &Texts) -> WorkshopDto {
    WorkshopDto {
        id: w.id.0,
        title: w.title.clone(),
        when: workshop::when(w, texts),
        date: date::short(w.start.date(), texts.language()),
        time: w.start.format("%H:%M").to_string(),
        minutes: w.minutes,
        location: w.location.clone(),
        audience: w.audience.as_str().to_string(),
        audience_label: texts.get(w.audience.label_key()).to_string(),
        trainer: w.trainer.clone(),
        required: w.required,
        attended: w.attended,
        absent: w.absent,
        past: w.is_past(clock::now()),
    }
}

/// Refuses a workshop that is not of the programme the window shows,
/// before anything is written.
fn of_programme(store: &Store, programme_id: i64, workshop_id: WorkshopId) -> klik::Result<()> {
    if workshop::get(store, workshop_id)?.programme == ProgrammeId(programme_id) {
        Ok(())
    } else {
        Err(klik::Error::NotFound {
            what: "workshop",
            id: workshop_id.0,
        })
    }
}

fn workshop_list(store: &Store, texts: &Texts, id: ProgrammeId) -> klik::Result<Vec<WorkshopDto>> {
    // An unknown programme is "not found", not an empty list.
    programme::get(store, id)?;
    Ok(workshop::list(store, id)?
        .iter()
        .map(|w| workshop_dto(w, texts))
        .collect())
}

/// A programme's workshops, earliest first.
#[tauri::command]
pub async fn workshops(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<Vec<WorkshopDto>> {
    shared
        .on_active(move |store, texts| workshop_list(store, texts, ProgrammeId(programme_id)))
        .await
}

/// Plans a workshop (or, with `workshop_id`, changes one); the list as it now is.
#[tauri::command]
pub async fn save_workshop(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    workshop_id: Option<i64>,
    form: WorkshopForm,
) -> Reply<Vec<WorkshopDto>> {
    shared
        .on_active(move |store, texts| {
            match workshop_id {
                Some(w) => {
                    of_programme(store, programme_id, WorkshopId(w))?;
                    workshop::update(store, WorkshopId(w), &form, clock::now())?
                }
                None => workshop::add(store, ProgrammeId(programme_id), &form, clock::now())?,
            };
            workshop_list(store, texts, ProgrammeId(programme_id))
        })
        .await
}

/// Removes a workshop; the list as it now is.
#[tauri::command]
pub async fn delete_workshop(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    workshop_id: i64,
) -> Reply<Vec<WorkshopDto>> {
    shared
        .on_active(move |store, texts| {
            of_programme(store, programme_id, WorkshopId(workshop_id))?;
            workshop::delete(store, WorkshopId(workshop_id))?;
            workshop_list(store, texts, ProgrammeId(programme_id))
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct InviteeDto {
    pub participant_id: i64,
    pub name: String,
    pub role_label: String,
    pub attended: Option<bool>,
}

/// Everyone a workshop is for, with their attendance.
#[tauri::command]
pub async fn workshop_invitees(
    shared: State<'_, Arc<Shared>>,
    workshop_id: i64,
) -> Reply<Vec<InviteeDto>> {
    shared
        .on_active(move |store, texts| {
            Ok(workshop::invitees(store, WorkshopId(workshop_id))?
                .into_iter()
                .map(|i| InviteeDto {
                    participant_id: i.participant.0,
                    name: i.name,
                    role_label: texts.get(i.role.label_key()).to_string(),
                    attended: i.attended,
                })
                .collect())
        })
        .await
}

/// Registers who came; the list as it now is.
#[tauri::command]
pub async fn register_workshop_attendance(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    workshop_id: i64,
    present: Vec<i64>,
) -> Reply<Vec<WorkshopDto>> {
    shared
        .on_active(move |store, texts| {
            of_programme(store, programme_id, WorkshopId(workshop_id))?;
            let present: Vec<ParticipantId> = present.into_iter().map(ParticipantId).collect();
            workshop::register_attendance(store, WorkshopId(workshop_id), &present, clock::now())?;
            workshop_list(store, texts, ProgrammeId(programme_id))
        })
        .await
}

/// A file name for the save dialog: "Workshop Feedback geven.ics".
#[tauri::command]
pub async fn workshop_calendar_name(
    shared: State<'_, Arc<Shared>>,
    workshop_id: i64,
) -> Reply<String> {
    shared
        .on_active(move |store, texts| {
            let w = workshop::get(store, WorkshopId(workshop_id))?;
            Ok(crate::printing::safe_file_name(
                &format!("{} {}", texts.get("report.workshop"), w.title),
                "ics",
            ))
        })
        .await
}

/// Writes a workshop's calendar file where the user chose.
#[tauri::command]
pub async fn save_workshop_calendar(
    shared: State<'_, Arc<Shared>>,
    workshop_id: i64,
    path: PathBuf,
) -> Reply<String> {
    shared
        .on_active(move |store, _| {
            crate::session::chosen(&path)?;
            let text =
                workshop::calendar(store, WorkshopId(workshop_id), clock::utc(clock::now()))?;
            klik::data_dir::write_file(&path, text)?;
            Ok(path.display().to_string())
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionDto {
    pub position: u8,
    pub text: String,
    pub kind: String,
    pub answered: u32,
    /// "4,5 of 5 (2 answers)" for a scale question with answers.
    pub result: String,
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RespondentDto {
    pub participant_id: i64,
    pub name: String,
    pub role_label: String,
    pub answered: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationDto {
    pub questions: Vec<QuestionDto>,
    pub respondents: Vec<RespondentDto>,
    pub closed: bool,
    /// What closing would do now, in sentences, for its confirmation.
    pub consequences: Vec<String>,
}

fn evaluation(store: &Store, texts: &Texts, id: ProgrammeId) -> klik::Result<EvaluationDto> {
    let programme = klik::programme::get(store, id)?;
    let answers = closing::answers(store, id)?;
    let questions = closing::summary(store, id)?
        .into_iter()
        .map(|s| QuestionDto {
            position: s.question.position,
            text: s.question.text.clone(),
            kind: s.question.kind.as_str().to_string(),
            answered: s.answered,
            result: s.average.map_or_else(String::new, |a| {
                texts.format(
                    "report.evaluation_average",
                    &[
                        ("average", &klik::trajectory::kpi::decimal(a, texts)),
                        ("count", &s.answered.to_string()),
                    ],
                )
            }),
            texts: s.texts,
        })
        .collect();
    let respondents = klik::participant::all(store, id)?
        .into_iter()
        .filter(|p| p.enrolment.status != klik::participant::Status::Withdrawn)
        .map(|p| RespondentDto {
            participant_id: p.id.0,
            name: p.enrolment.full_name(),
            role_label: texts.get(p.enrolment.role.label_key()).to_string(),
            answered: answers.iter().any(|a| a.participant == p.id),
        })
        .collect();
    let consequences = if programme.closed_at.is_some() {
        Vec::new()
    } else {
        closing::consequences(store, id)?.sentences(texts)
    };
    Ok(EvaluationDto {
        questions,
        respondents,
        closed: programme.closed_at.is_some(),
        consequences,
    })
}

/// The closing evaluation: questions with their results, and who answered.
#[tauri::command]
pub async fn programme_evaluation(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<EvaluationDto> {
    shared
        .on_active(move |store, texts| evaluation(store, texts, ProgrammeId(programme_id)))
        .await
}

/// Sets the questions: Klik's in the programme's language (`standard`), or
/// the ones given; the evaluation as it now is.
#[tauri::command]
pub async fn save_evaluation_questions(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    standard: bool,
    questions: Vec<QuestionForm>,
) -> Reply<EvaluationDto> {
    shared
        .on_active(move |store, texts| {
            let id = ProgrammeId(programme_id);
            let wanted = if standard {
                closing::standard_questions(store, id)?
            } else {
                closing::typed_questions(questions)?
            };
            closing::set_questions(store, id, &wanted)?;
            evaluation(store, texts, id)
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerDto {
    pub position: u8,
    pub question: String,
    pub kind: String,
    pub score: String,
    pub text: String,
}

/// One participant's answers, one per question (empty where none).
#[tauri::command]
pub async fn participant_answers(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    participant_id: i64,
) -> Reply<Vec<AnswerDto>> {
    shared
        .on_active(move |store, _| {
            let id = ProgrammeId(programme_id);
            // Someone of another programme (or nobody) is "not found".
            let person = klik::participant::get(store, ParticipantId(participant_id))?;
            if person.programme != id {
                return Err(Error::NotFound {
                    what: "participant",
                    id: participant_id,
                });
            }
            let given: Vec<_> = closing::answers(store, id)?
                .into_iter()
                .filter(|a| a.participant == ParticipantId(participant_id))
                .collect();
            Ok(closing::questions(store, id)?
                .into_iter()
                .map(|q| {
                    let mine = given.iter().find(|a| a.position == q.position);
                    AnswerDto {
                        position: q.position,
                        question: q.text,
                        kind: q.kind.as_str().to_string(),
                        score: mine
                            .and_then(|a| a.score)
                            .map_or_else(String::new, |s| s.to_string()),
                        text: mine.map_or_else(String::new, |a| a.text.clone()),
                    }
                })
                .collect())
        })
        .await
}

/// Saves one participant's answers; the evaluation as it now is.
#[tauri::command]
pub async fn save_participant_answers(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    participant_id: i64,
    answers: Vec<AnswerForm>,
) -> Reply<EvaluationDto> {
    shared
        .on_active(move |store, texts| {
            let id = ProgrammeId(programme_id);
            closing::record_answers(store, id, ParticipantId(participant_id), &answers)?;
            evaluation(store, texts, id)
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct ClosedDto {
    pub message: String,
}

/// Closes a programme for good.
#[tauri::command]
pub async fn close_programme(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<ClosedDto> {
    shared
        .on_active(move |store, texts| {
            let closed = closing::close(store, ProgrammeId(programme_id), clock::now())?;
            Ok(ClosedDto {
                message: texts.format(
                    "closing.done",
                    &[
                        ("completed", &closed.completed.to_string()),
                        ("dissolved", &closed.dissolved.to_string()),
                    ],
                ),
            })
        })
        .await
}
