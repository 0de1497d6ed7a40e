//! Printed intake documents, in the programme's document language: the
//! schedule (per day: time, mentee, mentor, place) and, per pair, a one-page
//! conversation guide that ends with the klik question.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::{Intake, IntakeStatus, list, settings};
use crate::date;
use crate::document::{Block, Document, Table};
use crate::error::Result;
use crate::i18n::Texts;
use crate::matching::{self, Match, MatchId, MatchStatus};
use crate::participant;
use crate::programme::{self, Programme, ProgrammeId};
use crate::store::Store;

/// The questions of the guide and the points to agree, in the catalogue.
const QUESTIONS: usize = 6;
const CHECKS: usize = 4;

/// The planned intakes of a programme, per day, as a document.
pub fn schedule(store: &Store, id: ProgrammeId, now: NaiveDateTime) -> Result<Document> {
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let pairs: BTreeMap<i64, Match> = matching::list(store, id)?
        .into_iter()
        .map(|m| (m.id.0, m))
        .collect();
    let intakes = list(store, id)?;
    let mut days: BTreeMap<NaiveDate, Vec<&Intake>> = BTreeMap::new();
    for i in intakes.iter().filter(|i| i.status == IntakeStatus::Planned) {
        days.entry(i.start.date()).or_default().push(i);
    }
    let count = days.values().map(Vec::len).sum::<usize>();
    let mut blocks = vec![
        Block::Title(texts.get("intake.schedule.title").to_string()),
        Block::Paragraph(programme.draft.name.clone()),
    ];
    match (days.keys().next(), days.keys().next_back()) {
        (Some(first), Some(last)) => blocks.push(Block::Note(texts.counted(
            "intake.schedule.summary",
            count as i64,
            &[
                ("from", &date::long(*first, &texts)),
                ("to", &date::long(*last, &texts)),
            ],
        ))),
        _ => blocks.push(Block::Paragraph(
            texts.get("intake.schedule.none").to_string(),
        )),
    }
    let header = vec![
        texts.get("intake.schedule.time").to_string(),
        texts.get("field.mentee").to_string(),
        texts.get("field.mentor").to_string(),
        texts.get("intake.schedule.place").to_string(),
    ];
    for (day, talks) in &days {
        let rows = talks
            .iter()
            .filter_map(|i| {
                let pair = pairs.get(&i.match_id.0)?;
                Some(vec![
                    format!("{}–{}", i.start.format("%H:%M"), i.end().format("%H:%M")),
                    pair.mentee_name.clone(),
                    pair.mentor_name.clone(),
                    i.location.clone(),
                ])
            })
            .collect();
        // A day's talks stay under their heading; a day longer than a page
        // flows on with the table's header repeated.
        blocks.push(Block::KeepTogether(vec![
            Block::Heading(capitalised(&date::long_with_weekday(*day, &texts))),
            Block::Table(Table {
                columns: vec![1.2, 2.0, 2.0, 2.4],
                header: header.clone(),
                rows,
            }),
        ]));
    }
    let waiting: Vec<String> = pairs
        .values()
        .filter(|m| m.status == MatchStatus::Confirmed)
        .map(|m| format!("{} & {}", m.mentee_name, m.mentor_name))
        .collect();
    if !waiting.is_empty() {
        blocks.push(Block::Heading(
            texts.get("intake.schedule.to_plan").to_string(),
        ));
        blocks.push(Block::List {
            ordered: false,
            items: waiting,
        });
    }
    let title = format!(
        "{} — {}",
        texts.get("intake.schedule.title"),
        programme.draft.name
    );
    programme.document(store, title, blocks, now)
}

/// The conversation guide of one pair, one page.
pub fn guide(store: &Store, id: MatchId, now: NaiveDateTime) -> Result<Document> {
    let pair = matching::get(store, id)?;
    let programme = programme::get(store, pair.programme)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let blocks = guide_blocks(store, &programme, &pair, &texts)?;
    let title = format!(
        "{} — {} & {}",
        texts.get("intake.guide.title"),
        pair.mentee_name,
        pair.mentor_name
    );
    programme.document(store, title, blocks, now)
}

/// The guides of every pair that still has its intake ahead (to plan or
/// planned), each on its own page; with the number of guides.
pub fn guides(store: &Store, id: ProgrammeId, now: NaiveDateTime) -> Result<(Document, usize)> {
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let mut blocks = Vec::new();
    let mut count = 0;
    for pair in matching::list(store, id)?.iter().filter(|m| {
        matches!(
            m.status,
            MatchStatus::Confirmed | MatchStatus::IntakePlanned
        )
    }) {
        if count > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.extend(guide_blocks(store, &programme, pair, &texts)?);
        count += 1;
    }
    if count == 0 {
        blocks.push(Block::Title(texts.get("intake.guide.title").to_string()));
        blocks.push(Block::Paragraph(texts.get("intake.guide.none").to_string()));
    }
    let title = format!(
        "{} — {}",
        texts.get("intake.guide.title_all"),
        programme.draft.name
    );
    Ok((programme.document(store, title, blocks, now)?, count))
}

fn guide_blocks(
    store: &Store,
    programme: &Programme,
    pair: &Match,
    texts: &Texts,
) -> Result<Vec<Block>> {
    let mentee = participant::get(store, pair.mentee)?.enrolment;
    let mentor = participant::get(store, pair.mentor)?.enrolment;
    let role = |e: &participant::Enrolment| {
        let work: Vec<&str> = [e.job_title.as_str(), e.department.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let mut lines = vec![e.full_name()];
        if !work.is_empty() {
            lines.push(work.join(", "));
        }
        lines.join("\n")
    };
    let mut fields = vec![
        (texts.get("field.mentee").to_string(), role(&mentee)),
        (texts.get("field.mentor").to_string(), role(&mentor)),
    ];
    let talk = super::history(store, pair.id)?
        .into_iter()
        .find(|i| i.status == IntakeStatus::Planned);
    let place = talk
        .as_ref()
        .map(|t| t.location.clone())
        .unwrap_or_else(|| {
            settings(store, programme.id)
                .map(|s| s.location)
                .unwrap_or_default()
        });
    if let Some(t) = &talk {
        fields.push((
            texts.get("intake.guide.when").to_string(),
            format!(
                "{}, {}–{}",
                capitalised(&date::long_with_weekday(t.start.date(), texts)),
                t.start.format("%H:%M"),
                t.end().format("%H:%M")
            ),
        ));
    }
    if !place.is_empty() {
        fields.push((texts.get("intake.schedule.place").to_string(), place));
    }
    let none = || texts.get("intake.guide.not_given").to_string();
    let listed = |items: &[String]| {
        if items.is_empty() {
            none()
        } else {
            items.join(", ")
        }
    };
    let mut wishes = vec![(
        texts.get("intake.guide.learning_wish").to_string(),
        if mentee.learning_goal.trim().is_empty() {
            none()
        } else {
            mentee.learning_goal.clone()
        },
    )];
    wishes.push((
        texts.get("field.topics").to_string(),
        listed(&mentee.topics),
    ));
    let mut offer = vec![(
        texts.get("field.topics").to_string(),
        listed(&mentor.topics),
    )];
    if let Some(years) = mentor.years_of_experience {
        offer.push((
            texts.get("field.years_of_experience").to_string(),
            years.to_string(),
        ));
    }
    if !mentor.languages.is_empty() {
        offer.push((
            texts.get("field.languages").to_string(),
            mentor.languages.join(", "),
        ));
    }
    let numbered = |prefix: &str, n: usize| {
        (1..=n)
            .map(|k| texts.get(&format!("{prefix}{k}")).to_string())
            .collect::<Vec<_>>()
    };
    Ok(vec![
        Block::Title(texts.get("intake.guide.title").to_string()),
        Block::Paragraph(programme.draft.name.clone()),
        Block::Note(texts.get("intake.guide.intro").to_string()),
        Block::Fields(fields),
        Block::Heading(texts.get("intake.guide.wishes").to_string()),
        Block::Fields(wishes),
        Block::Heading(texts.get("intake.guide.offer").to_string()),
        Block::Fields(offer),
        Block::Heading(texts.get("intake.guide.questions").to_string()),
        Block::List {
            ordered: true,
            items: numbered("intake.guide.q", QUESTIONS),
        },
        Block::Heading(texts.get("intake.guide.agree").to_string()),
        Block::List {
            ordered: false,
            items: numbered("intake.guide.check", CHECKS),
        },
        Block::KeepTogether(vec![
            Block::Heading(texts.get("intake.guide.klik_title").to_string()),
            Block::Paragraph(texts.get("intake.guide.klik").to_string()),
            Block::Note(texts.get("intake.guide.outcome").to_string()),
        ]),
    ])
}

/// "woensdag 6 januari" → "Woensdag 6 januari" for a heading.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
