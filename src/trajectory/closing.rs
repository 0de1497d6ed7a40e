//! The end of a programme: the closing evaluation (the programme's
//! questions, each participant's answers, summed up for the report),
//! certificates of participation, and closing the programme for good.

use chrono::NaiveDateTime;
use rusqlite::params;

use crate::document::{Block, Document, Signature};
use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::matching::{self, MatchStatus};
use crate::participant::{self, ParticipantId, Role};
use crate::programme::{self, ProgrammeId, timestamp};
use crate::store::Store;
use crate::{date, intake};

/// The most questions an evaluation has.
pub const QUESTIONS_MAX: usize = 20;
/// Klik's own questions, in the catalogue (`evaluation.default.N`), the
/// first ones scored 1–5, the last two open.
const DEFAULT_SCALE: usize = 4;
const DEFAULT_OPEN: usize = 2;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A score from 1 to 5.
    Scale,
    /// Words.
    Open,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Scale => "scale",
            Kind::Open => "open",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::Scale, Kind::Open]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A question as the window sends it: its words and its kind by code (`scale`, `open`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct QuestionForm {
    pub text: String,
    pub kind: String,
}

/// The questions as typed, with their kinds, to save with [`set_questions`];
/// refused as a whole when a kind is not one Klik knows.
pub fn typed_questions(questions: Vec<QuestionForm>) -> Result<Vec<(String, Kind)>> {
    questions
        .into_iter()
        .map(|q| {
            Kind::parse(&q.kind)
                .map(|k| (q.text, k))
                .ok_or_else(|| Error::Invalid(vec![FieldError::new("questions", "error.required")]))
        })
        .collect()
}

/// One question of a programme's evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// From 1.
    pub position: u8,
    pub text: String,
    pub kind: Kind,
}

/// Klik's standard questions for a programme, in its document language, as
/// (text, kind) to save: the window's and the CLI's "standard questions".
pub fn standard_questions(store: &Store, id: ProgrammeId) -> Result<Vec<(String, Kind)>> {
    let programme = programme::get(store, id)?;
    Ok(
        default_questions(&Texts::for_language(&programme.draft.document_language))
            .into_iter()
            .map(|q| (q.text, q.kind))
            .collect(),
    )
}

/// Klik's questions in `texts`' language, for a programme that has none yet.
pub fn default_questions(texts: &Texts) -> Vec<Question> {
    (1..=DEFAULT_SCALE + DEFAULT_OPEN)
        .map(|n| Question {
            position: n as u8,
            text: texts.get(&format!("evaluation.default.{n}")).to_string(),
            kind: if n <= DEFAULT_SCALE {
                Kind::Scale
            } else {
                Kind::Open
            },
        })
        .collect()
}

/// A programme's questions, in order (none until set).
pub fn questions(store: &Store, id: ProgrammeId) -> Result<Vec<Question>> {
    super::rows(
        store,
        "SELECT position, text, kind FROM evaluation_question WHERE programme_id = ?1
             ORDER BY position",
        id.0,
        |r| {
            let kind: String = r.get(2)?;
            Ok(Question {
                position: r.get(0)?,
                text: r.get(1)?,
                kind: Kind::parse(&kind).unwrap_or(Kind::Open),
            })
        },
    )
}

/// Sets a programme's questions (texts with their kind), replacing the old
/// ones. Answers to a question whose text or kind changed are removed with
/// it; the officer is asked first in the window. One transaction.
pub fn set_questions(
    store: &mut Store,
    id: ProgrammeId,
    wanted: &[(String, Kind)],
) -> Result<Vec<Question>> {
    programme::get(store, id)?;
    let mut problems = Vec::new();
    if wanted.len() > QUESTIONS_MAX {
        problems.push(
            FieldError::new("questions", "error.evaluation.too_many")
                .with("max", QUESTIONS_MAX.to_string()),
        );
    }
    for (k, (text, _)) in wanted.iter().enumerate() {
        let field = format!("questions.{}", k + 1);
        if text.trim().is_empty() {
            problems.push(FieldError::new(field, "error.required"));
        } else if text.trim().chars().count() > 500 {
            problems.push(FieldError::new(field, "error.text_too_long").with("max", "500"));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let old = questions(store, id)?;
    store.write(|tx| {
        for (k, (text, kind)) in wanted.iter().enumerate() {
            let position = k as i64 + 1;
            let same = old
                .get(k)
                .is_some_and(|q| q.text == text.trim() && q.kind == *kind);
            if !same {
                tx.execute(
                    "DELETE FROM evaluation_question WHERE programme_id = ?1 AND position = ?2",
                    params![id.0, position],
                )?;
                tx.execute(
                    "INSERT INTO evaluation_question (programme_id, position, text, kind)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id.0, position, text.trim(), kind.as_str()],
                )?;
            }
        }
        tx.execute(
            "DELETE FROM evaluation_question WHERE programme_id = ?1 AND position > ?2",
            params![id.0, wanted.len() as i64],
        )?;
        Ok(())
    })?;
    questions(store, id)
}

/// One answer as typed: a score for a scale question, words for an open one.
/// The window sends the question's number always, the rest when given.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct AnswerForm {
    pub position: u8,
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub text: String,
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub position: u8,
    pub participant: ParticipantId,
    pub score: Option<u8>,
    pub text: String,
}

/// Records a participant's answers, replacing what they answered before;
/// questions left empty are not answered. One transaction.
pub fn record_answers(
    store: &mut Store,
    id: ProgrammeId,
    who: ParticipantId,
    answers: &[AnswerForm],
) -> Result<Vec<Answer>> {
    let person = participant::get(store, who)?;
    if person.programme != id {
        return Err(Error::NotFound {
            what: "participant",
            id: who.0,
        });
    }
    let asked = questions(store, id)?;
    let mut problems = Vec::new();
    let mut kept = Vec::new();
    for a in answers {
        let field = format!("questions.{}", a.position);
        let Some(q) = asked.iter().find(|q| q.position == a.position) else {
            problems.push(FieldError::new(field, "error.evaluation.no_such_question"));
            continue;
        };
        if answers
            .iter()
            .filter(|other| other.position == a.position)
            .count()
            > 1
        {
            problems.push(FieldError::new(field, "error.evaluation.answered_twice"));
            continue;
        }
        let typed = a.score.trim();
        let score = match (q.kind, typed) {
            (_, "") => None,
            (Kind::Scale, s) => match s.parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => Some(n),
                _ => {
                    problems.push(
                        FieldError::new(field.clone(), "error.number_out_of_range")
                            .with("value", s)
                            .with("min", "1")
                            .with("max", "5"),
                    );
                    None
                }
            },
            (Kind::Open, _) => None,
        };
        let text = a.text.trim().to_string();
        if text.chars().count() > 2000 {
            problems.push(FieldError::new(field, "error.text_too_long").with("max", "2000"));
        }
        if score.is_some() || !text.is_empty() {
            kept.push(Answer {
                position: a.position,
                participant: who,
                score,
                text,
            });
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    store.write(|tx| {
        tx.execute(
            "DELETE FROM evaluation_answer WHERE programme_id = ?1 AND participant_id = ?2",
            params![id.0, who.0],
        )?;
        for a in &kept {
            tx.execute(
                "INSERT INTO evaluation_answer (programme_id, position, participant_id, score, text)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, a.position, who.0, a.score, a.text],
            )?;
        }
        Ok(())
    })?;
    Ok(kept)
}

/// Every answer of a programme, by question then participant.
pub fn answers(store: &Store, id: ProgrammeId) -> Result<Vec<Answer>> {
    super::rows(
        store,
        "SELECT position, participant_id, score, text FROM evaluation_answer
             WHERE programme_id = ?1 ORDER BY position, participant_id",
        id.0,
        |r| {
            Ok(Answer {
                position: r.get(0)?,
                participant: ParticipantId(r.get(1)?),
                score: r.get(2)?,
                text: r.get(3)?,
            })
        },
    )
}

/// One question summed up for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub question: Question,
    /// How many answered.
    pub answered: u32,
    /// The average score, for a scale question with answers.
    pub average: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5.
    pub scores: [u32; 5],
    /// The words given (to open questions, and comments on scale ones).
    pub texts: Vec<String>,
}

/// The evaluation summed up per question.
pub fn summary(store: &Store, id: ProgrammeId) -> Result<Vec<Summary>> {
    let all = answers(store, id)?;
    Ok(questions(store, id)?
        .into_iter()
        .map(|q| {
            let mine: Vec<&Answer> = all.iter().filter(|a| a.position == q.position).collect();
            let mut scores = [0u32; 5];
            let given: Vec<u8> = mine.iter().filter_map(|a| a.score).collect();
            for s in &given {
                scores[usize::from(*s) - 1] += 1;
            }
            Summary {
                answered: mine.len() as u32,
                average: (!given.is_empty())
                    .then(|| given.iter().map(|s| f64::from(*s)).sum::<f64>() / given.len() as f64),
                scores,
                texts: mine
                    .iter()
                    .filter(|a| !a.text.is_empty())
                    .map(|a| a.text.clone())
                    .collect(),
                question: q,
            }
        })
        .collect())
}

/// Who gets a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Recipients {
    /// Those whose pair met at least once: a certificate says they took part.
    #[default]
    Met,
    /// Everyone in a pair under way or completed, met or not (the officer's choice).
    All,
}

/// The certificates of a programme: one page per participant of a pair
/// under way or completed that met at least once, signed by the
/// coordinator. With the number of certificates.
pub fn certificates(
    store: &Store,
    id: ProgrammeId,
    now: NaiveDateTime,
) -> Result<(Document, usize)> {
    certificates_for(store, id, Recipients::Met, now)
}

/// [`certificates`] for the recipients the officer chose.
pub fn certificates_for(
    store: &Store,
    id: ProgrammeId,
    recipients: Recipients,
    now: NaiveDateTime,
) -> Result<(Document, usize)> {
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let settings = intake::settings(store, id)?;
    let organisation = crate::organisation::get(store)?.name;
    let coordinator = if settings.organiser_name.is_empty() {
        organisation.clone()
    } else {
        settings.organiser_name.clone()
    };
    let loaded = super::load(store, id)?;
    let people = participant::all(store, id)?;
    let mut blocks = Vec::new();
    let mut count = 0;
    for person in &people {
        let pairs: Vec<&super::Pair> = loaded
            .pairs
            .iter()
            .filter(|p| {
                matches!(p.pair.status, MatchStatus::Active | MatchStatus::Completed)
                    && (p.pair.mentee == person.id || p.pair.mentor == person.id)
                    && (recipients == Recipients::All || p.held().next().is_some())
            })
            .collect();
        if pairs.is_empty() {
            continue;
        }
        if count > 0 {
            blocks.push(Block::PageBreak);
        }
        count += 1;
        let held: usize = pairs.iter().map(|p| p.held().count()).sum();
        let minutes: u32 = pairs
            .iter()
            .flat_map(|p| p.held())
            .map(|m| u32::from(m.minutes))
            .sum();
        let role = texts.get(match person.enrolment.role {
            Role::Mentor => "certificate.as_mentor",
            Role::Mentee => "certificate.as_mentee",
        });
        let others: Vec<String> = pairs
            .iter()
            .map(|p| {
                if person.enrolment.role == Role::Mentor {
                    p.pair.mentee_name.clone()
                } else {
                    p.pair.mentor_name.clone()
                }
            })
            .collect();
        blocks.push(Block::Space(60.0));
        blocks.push(Block::Title(texts.get("certificate.title").to_string()));
        blocks.push(Block::Space(20.0));
        blocks.push(Block::Paragraph(
            texts.get("certificate.declares").to_string(),
        ));
        blocks.push(Block::Heading(person.enrolment.full_name()));
        blocks.push(Block::Paragraph(texts.format(
            "certificate.took_part",
            &[
                ("role", role),
                ("programme", &programme.draft.name),
                ("start", &date::long(programme.draft.start, &texts)),
                ("end", &date::long(programme.draft.end, &texts)),
            ],
        )));
        if !organisation.is_empty() {
            blocks.push(Block::Paragraph(texts.format(
                "certificate.organised_by",
                &[("organisation", &organisation)],
            )));
        }
        blocks.push(Block::Paragraph(texts.format(
            "certificate.with",
            &[
                ("others", &others.join(", ")),
                (
                    "meetings",
                    &texts.counted("certificate.meetings", held as i64, &[]),
                ),
                (
                    "hours",
                    &super::kpi::decimal(f64::from(minutes) / 60.0, &texts),
                ),
            ],
        )));
        if person.enrolment.role == Role::Mentee {
            let achieved: Vec<String> = pairs
                .iter()
                .flat_map(|p| p.achieved_goals())
                .map(|g| g.what.clone())
                .collect();
            if !achieved.is_empty() {
                blocks.push(Block::Paragraph(
                    texts.get("certificate.goals_achieved").to_string(),
                ));
                blocks.push(Block::List {
                    ordered: false,
                    items: achieved,
                });
            }
        }
        blocks.push(Block::Space(40.0));
        blocks.push(Block::Signatures(vec![Signature {
            role: texts.get("certificate.coordinator").to_string(),
            name: coordinator.clone(),
            date_label: texts.get("agreement.date").to_string(),
            signature_label: texts.get("agreement.signature").to_string(),
            date: Some(date::short(now.date(), texts.language())),
        }]));
    }
    if count == 0 {
        blocks.push(Block::Title(texts.get("certificate.title").to_string()));
        blocks.push(Block::Paragraph(texts.get("certificate.none").to_string()));
    }
    let title = format!(
        "{} — {}",
        texts.get("certificate.title_all"),
        programme.draft.name
    );
    Ok((programme.document(store, title, blocks, now)?, count))
}

/// What closing a programme did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Closed {
    /// Active pairs now completed.
    pub completed: usize,
    /// Pairs still waiting for their klik, now dissolved.
    pub dissolved: usize,
    /// Planned intake talks now cancelled.
    pub cancelled_talks: usize,
}

impl Closed {
    /// What closing does, in sentences for the confirmation, each with its
    /// count ("11 pairs still waiting for their klik are dissolved.").
    pub fn sentences(&self, texts: &Texts) -> Vec<String> {
        let mut out = Vec::new();
        for (count, key) in [
            (self.completed, "closing.consequence.completed"),
            (self.dissolved, "closing.consequence.dissolved"),
            (self.cancelled_talks, "closing.consequence.cancelled"),
        ] {
            if count > 0 {
                out.push(texts.counted(key, count as i64, &[]));
            }
        }
        if out.is_empty() {
            out.push(texts.get("closing.consequence.none").to_string());
        }
        out
    }
}

/// What [`close`] would do now, without doing it: the confirmation names
/// the consequences before the officer agrees.
pub fn consequences(store: &Store, id: ProgrammeId) -> Result<Closed> {
    let pairs = matching::list(store, id)?;
    let talks = crate::intake::list(store, id)?;
    let mut closed = Closed::default();
    for pair in &pairs {
        match pair.status {
            MatchStatus::Active => closed.completed += 1,
            MatchStatus::Confirmed | MatchStatus::IntakePlanned => {
                closed.dissolved += 1;
                closed.cancelled_talks += talks
                    .iter()
                    .filter(|t| {
                        t.match_id == pair.id && t.status == crate::intake::IntakeStatus::Planned
                    })
                    .count();
            }
            MatchStatus::Completed | MatchStatus::Dissolved => {}
        }
    }
    Ok(closed)
}

/// Closes a programme: active pairs are completed, pairs still waiting for
/// their klik are dissolved with the reason "programme closed", planned
/// talks are cancelled, and the programme goes to the archive, all in one
/// transaction. A closed programme stays readable and reportable; its
/// trajectory can no longer change.
pub fn close(store: &mut Store, id: ProgrammeId, now: NaiveDateTime) -> Result<Closed> {
    let programme = programme::get(store, id)?;
    if programme.closed_at.is_some() {
        return Err(Error::Invalid(vec![FieldError::new(
            "programme",
            "error.programme.already_closed",
        )]));
    }
    let texts = Texts::for_language(&programme.draft.document_language);
    let reason = texts.get("closing.dissolve_reason").to_string();
    let pairs = matching::list(store, id)?;
    store.write(|tx| {
        let stamp = timestamp(now);
        let mut closed = Closed::default();
        for pair in &pairs {
            match pair.status {
                MatchStatus::Active => {
                    tx.execute(
                        "UPDATE match_pair SET status = 'completed', updated_at = ?2 WHERE id = ?1",
                        params![pair.id.0, stamp],
                    )?;
                    closed.completed += 1;
                }
                MatchStatus::Confirmed | MatchStatus::IntakePlanned => {
                    closed.cancelled_talks += tx.execute(
                        "UPDATE intake SET status = 'cancelled', sequence = sequence + 1,
                             updated_at = ?2
                         WHERE match_id = ?1 AND status = 'planned'",
                        params![pair.id.0, stamp],
                    )?;
                    matching::dissolve_in(tx, pair.id, &reason, now)?;
                    closed.dissolved += 1;
                }
                MatchStatus::Completed | MatchStatus::Dissolved => {}
            }
        }
        tx.execute(
            "UPDATE programme SET closed_at = ?2, archived_at = coalesce(archived_at, ?2),
                 updated_at = ?2
             WHERE id = ?1",
            params![id.0, stamp],
        )?;
        Ok(closed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The objects `ui/js/views/trajectory.js` sends: questions, and one participant's answers.
    #[test]
    fn questions_and_answers_read_the_json_the_window_sends() {
        let questions: Vec<QuestionForm> = serde_json::from_str(
            r#"[{"text": "Hoe tevreden ben je?", "kind": "scale"},
                {"text": "Wat nam je mee?", "kind": "open"}]"#,
        )
        .unwrap();
        assert_eq!(
            typed_questions(questions).unwrap(),
            vec![
                ("Hoe tevreden ben je?".to_string(), Kind::Scale),
                ("Wat nam je mee?".to_string(), Kind::Open)
            ]
        );
        let answers: Vec<AnswerForm> = serde_json::from_str(
            r#"[{"position": 1, "score": "4", "text": ""},
                {"position": 2, "score": "", "text": "Meer durven delegeren"},
                {"position": 3}]"#,
        )
        .unwrap();
        assert_eq!(answers[0].score, "4");
        assert_eq!(answers[1].text, "Meer durven delegeren");
        assert_eq!(
            answers[2],
            AnswerForm {
                position: 3,
                ..AnswerForm::default()
            },
            "a part left out is empty"
        );
        assert!(
            serde_json::from_str::<Vec<AnswerForm>>(r#"[{"score": "4"}]"#).is_err(),
            "an answer must say which question it answers"
        );
    }

    #[test]
    fn typed_questions_refuse_a_kind_klik_does_not_know() {
        let questions = vec![
            QuestionForm {
                text: "Goed?".into(),
                kind: "scale".into(),
            },
            QuestionForm {
                text: "Ja of nee?".into(),
                kind: "yes_no".into(),
            },
        ];
        let Err(Error::Invalid(problems)) = typed_questions(questions) else {
            panic!("an unknown kind refuses the whole list");
        };
        assert_eq!(problems[0].field, "questions");
        assert!(
            typed_questions(Vec::new()).unwrap().is_empty(),
            "no questions is no problem here"
        );
    }
}
