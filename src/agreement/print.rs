//! The printed agreement: parties, period, learning goals as a table, the
//! expectations in clear sections, and the three signature boxes kept
//! together on one page. Written in the programme's document language.

use chrono::NaiveDateTime;

use super::{Agreement, AgreementStatus, EXPECTATIONS, Terms, current, defaults};
use crate::date;
use crate::document::{Block, Document, Signature, Table};
use crate::error::Result;
use crate::i18n::Texts;
use crate::matching::{self, Match, MatchId, MatchStatus};
use crate::organisation;
use crate::participant;
use crate::programme::{self, Programme, ProgrammeId};
use crate::store::Store;

/// The agreement of one match as a document (its defaults if none was started).
pub fn document_for_match(store: &Store, id: MatchId, now: NaiveDateTime) -> Result<Document> {
    let found = matching::get(store, id)?;
    let programme = programme::get(store, found.programme)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let blocks = blocks(store, &programme, &found, &texts)?;
    // The footer of every page and the file's title say "draft" too, so a
    // loose page of a draft cannot pass for the final text.
    let draft = current(store, id)?.is_none_or(|a| a.status == AgreementStatus::Draft);
    let title = format!(
        "{} — {} & {}",
        title_text(&texts, draft),
        found.mentee_name,
        found.mentor_name
    );
    programme.document(store, title, blocks, now)
}

/// The agreements of every match of a programme that is not dissolved, each
/// on new pages, in one document; with the number of agreements in it.
pub fn document_for_programme(
    store: &Store,
    id: ProgrammeId,
    now: NaiveDateTime,
) -> Result<(Document, usize)> {
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let matches: Vec<Match> = matching::list(store, id)?
        .into_iter()
        .filter(|m| m.status != MatchStatus::Dissolved)
        .collect();
    let mut all = Vec::new();
    for (k, m) in matches.iter().enumerate() {
        if k > 0 {
            all.push(Block::PageBreak);
        }
        all.extend(blocks(store, &programme, m, &texts)?);
    }
    if matches.is_empty() {
        all.push(Block::Title(texts.get("agreement.title_all").to_string()));
        all.push(Block::Paragraph(texts.get("agreement.none").to_string()));
    }
    let title = format!(
        "{} — {}",
        texts.get("agreement.title_all"),
        programme.draft.name
    );
    Ok((programme.document(store, title, all, now)?, matches.len()))
}

/// "Mentoring agreement", or "Mentoring agreement — DRAFT".
fn title_text(texts: &Texts, draft: bool) -> String {
    if draft {
        format!(
            "{} — {}",
            texts.get("agreement.title"),
            texts.get("agreement.draft_mark")
        )
    } else {
        texts.get("agreement.title").to_string()
    }
}

fn person(store: &Store, id: participant::ParticipantId) -> Result<String> {
    let p = participant::get(store, id)?;
    let e = &p.enrolment;
    let contact: Vec<&str> = [e.email.as_str(), e.phone.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let mut lines = vec![e.full_name(), contact.join(" · ")];
    let role: Vec<&str> = [e.job_title.as_str(), e.department.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !role.is_empty() {
        lines.push(role.join(", "));
    }
    Ok(lines.join("\n"))
}

fn blocks(store: &Store, programme: &Programme, m: &Match, texts: &Texts) -> Result<Vec<Block>> {
    let agreement: Option<Agreement> = current(store, m.id)?;
    let terms: Terms = match &agreement {
        Some(a) => a.terms.clone(),
        None => defaults(store, programme)?,
    };
    let language = texts.language();
    let day = |d: chrono::NaiveDate| date::short(d, language);
    let org = organisation::get(store)?;
    let status = agreement
        .as_ref()
        .map(|a| a.status)
        .unwrap_or(AgreementStatus::Draft);
    let mut blocks = vec![
        Block::Title(title_text(texts, status == AgreementStatus::Draft)),
        Block::Paragraph(if org.name.is_empty() {
            programme.draft.name.clone()
        } else {
            format!("{} · {}", programme.draft.name, org.name)
        }),
    ];
    if status == AgreementStatus::Draft {
        blocks.push(Block::Heading(
            texts.get("agreement.draft_banner").to_string(),
        ));
    }
    let version = agreement.as_ref().map(|a| a.version).unwrap_or(1);
    let mut state = texts.format(
        "agreement.version_status",
        &[
            ("version", &version.to_string()),
            ("status", texts.get(status.label_key())),
        ],
    );
    if status == AgreementStatus::Draft {
        state.push_str(" — ");
        state.push_str(texts.get("agreement.draft_note"));
    }
    if terms.goals.is_empty() {
        state.push(' ');
        state.push_str(texts.get("agreement.incomplete_note"));
    }
    blocks.push(Block::Note(state));

    blocks.push(Block::Heading(texts.get("agreement.parties").to_string()));
    blocks.push(Block::Fields(vec![
        (
            texts.get("field.mentee").to_string(),
            person(store, m.mentee)?,
        ),
        (
            texts.get("field.mentor").to_string(),
            person(store, m.mentor)?,
        ),
    ]));
    blocks.push(Block::Heading(texts.get("agreement.period").to_string()));
    blocks.push(Block::Paragraph(texts.format(
        "agreement.period_text",
        &[("start", &day(terms.start)), ("end", &day(terms.end))],
    )));

    blocks.push(Block::Heading(texts.get("agreement.goals").to_string()));
    if terms.goals.is_empty() {
        blocks.push(Block::Note(texts.get("agreement.no_goals").to_string()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![0.4, 3.0, 2.5, 1.6, 2.5],
            header: [
                "#",
                "agreement.goal.what",
                "agreement.goal.success",
                "agreement.goal.target_date",
                "agreement.goal.first_actions",
            ]
            .iter()
            .map(|k| {
                if *k == "#" {
                    "#".to_string()
                } else {
                    texts.get(k).to_string()
                }
            })
            .collect(),
            rows: terms
                .goals
                .iter()
                .enumerate()
                .map(|(k, g)| {
                    vec![
                        (k + 1).to_string(),
                        g.what.clone(),
                        g.success.clone(),
                        g.target_date.map(day).unwrap_or_default(),
                        g.first_actions.clone(),
                    ]
                })
                .collect(),
        }));
    }

    let text = |field: &str| -> String {
        let k = EXPECTATIONS.iter().position(|f| *f == field).unwrap_or(0);
        terms.expectations.get(k).cloned().unwrap_or_default()
    };
    let label = |field: &str| texts.get(&format!("field.{field}")).to_string();
    let fields = |names: &[&str]| {
        Block::Fields(
            names
                .iter()
                .filter(|f| !text(f).is_empty())
                .map(|f| (label(f), text(f)))
                .collect(),
        )
    };
    // Each section stays on one page with its heading (a section longer
    // than a page flows on), so that the two responsibilities, say, are
    // never read apart.
    let section = |heading: &str, content: Block| {
        Block::KeepTogether(vec![
            Block::Heading(texts.get(heading).to_string()),
            content,
        ])
    };
    blocks.push(section(
        "agreement.meetings",
        fields(&[
            "meeting_frequency",
            "meeting_duration",
            "place",
            "initiative",
            "cancellation",
            "between_meetings",
        ]),
    ));
    blocks.push(section(
        "agreement.confidentiality",
        Block::Paragraph(text("confidentiality")),
    ));
    blocks.push(section(
        "agreement.responsibilities",
        fields(&["mentor_responsibilities", "mentee_responsibilities"]),
    ));
    blocks.push(section(
        "agreement.ending",
        Block::Paragraph(text("ending_early")),
    ));
    blocks.push(section(
        "agreement.contact",
        Block::Paragraph(text("coordinator")),
    ));

    let signed = agreement.as_ref().map(|a| a.signed).unwrap_or_default();
    let signature = |role: &str, name: String, on: Option<chrono::NaiveDate>| Signature {
        role: texts.get(role).to_string(),
        name,
        date_label: texts.get("agreement.date").to_string(),
        signature_label: texts.get("agreement.signature").to_string(),
        date: on.map(day),
    };
    // The coordinator who signs: the programme's organiser, else the
    // organisation's coordinator, else (not set up yet) the organisation.
    let coordinator = Some(crate::intake::settings(store, programme.id)?.organiser_name)
        .filter(|name| !name.is_empty())
        .unwrap_or(org.name.clone());
    blocks.push(Block::KeepTogether(vec![
        Block::Heading(texts.get("agreement.signatures").to_string()),
        Block::Paragraph(texts.get("agreement.signatures_intro").to_string()),
        Block::Space(6.0),
        Block::Signatures(vec![
            signature("field.mentee", m.mentee_name.clone(), signed.mentee),
            signature("field.mentor", m.mentor_name.clone(), signed.mentor),
            signature("agreement.coordinator", coordinator, signed.coordinator),
        ]),
    ]));
    Ok(blocks)
}
