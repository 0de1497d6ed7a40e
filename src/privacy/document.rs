//! The readable twin of a person's JSON export: the same sections and the
//! same records, laid out as a PDF a person can read without tools. Labels
//! and coded values (roles, statuses, outcomes) are translated and dates
//! are written the way the reader's language writes them; every other
//! value is printed exactly as stored, so the PDF never says less than the
//! JSON.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::{PersonId, export};
use crate::date;
use crate::document::{Block, Document};
use crate::error::Result;
use crate::i18n::Texts;
use crate::participant::{Availability, Role, Slot};
use crate::store::Store;

/// The sections of the export, in order, with their heading's key.
const SECTIONS: &[(&str, &str)] = &[
    ("programmes", "privacy.pdf.programmes"),
    ("matches", "privacy.pdf.matches"),
    ("intakes", "privacy.pdf.intakes"),
    ("agreements", "privacy.pdf.agreements"),
    ("meetings", "privacy.pdf.meetings"),
    ("goal_progress", "privacy.pdf.goal_progress"),
    ("checkins", "privacy.pdf.checkins"),
    ("workshops", "privacy.pdf.workshops"),
    ("evaluation", "privacy.pdf.evaluation"),
];

/// Every column of the export in reading order: who, what and when first,
/// the free texts after the facts, the bookkeeping last.
const COLUMNS: &[&str] = &[
    "first_name",
    "last_name",
    "email",
    "phone",
    "department",
    "job_title",
    "manager_email",
    "location",
    "languages",
    "years_experience",
    "match",
    "programme",
    "title",
    "question",
    "role",
    "mentee",
    "mentor",
    "moment",
    "version",
    "position",
    "goal",
    "held_on",
    "starts_at",
    "start_date",
    "end_date",
    "recorded_on",
    "minutes",
    "score",
    "satisfaction",
    "status",
    "state",
    "percent",
    "fit",
    "outcome",
    "outcome_reason",
    "capacity",
    "learning_goal",
    "topics",
    "availability_minutes",
    "preferences",
    "goals",
    "confirmed_at",
    "dissolved_at",
    "dissolve_reason",
    "mentee_signed_on",
    "mentor_signed_on",
    "coordinator_signed_on",
    "required",
    "attended",
    "notes",
    "next_steps",
    "note",
    "comment",
    "text",
    "created_at",
    "updated_at",
];

/// The label of a column of the export. Columns a form already names use
/// the form's label, so the reader meets the words of the app.
fn label_key(section: &str, column: &str) -> String {
    match (section, column) {
        ("evaluation", "score") => "privacy.pdf.field.answer_score".into(),
        (
            _,
            "email"
            | "first_name"
            | "last_name"
            | "phone"
            | "department"
            | "job_title"
            | "manager_email"
            | "location"
            | "languages"
            | "role"
            | "status"
            | "capacity"
            | "learning_goal"
            | "notes"
            | "topics"
            | "mentee"
            | "mentor"
            | "match"
            | "minutes"
            | "outcome"
            | "next_steps"
            | "goal"
            | "state"
            | "percent"
            | "note"
            | "moment"
            | "mentee_signed_on"
            | "mentor_signed_on"
            | "coordinator_signed_on",
        ) => {
            format!("field.{column}")
        }
        (_, "years_experience") => "field.years_of_experience".into(),
        (_, "availability_minutes") => "field.availability".into(),
        (_, "outcome_reason" | "dissolve_reason") => "field.reason".into(),
        (_, "goals") => "field.learning_goals".into(),
        (_, "start_date") => "field.start".into(),
        (_, "end_date") => "field.end".into(),
        (_, other) => format!("privacy.pdf.field.{other}"),
    }
}

/// The catalogue key of a coded value, where the column holds one.
fn value_key(section: &str, column: &str, value: &str) -> Option<&'static str> {
    use crate::agreement::AgreementStatus;
    use crate::intake::Outcome;
    use crate::matching::MatchStatus;
    use crate::trajectory::{Fit, GoalState, Moment};
    match (section, column) {
        (_, "role") => Role::parse(value).map(Role::label_key),
        ("programmes", "status") => crate::participant::Status::parse(value).map(|s| match s {
            crate::participant::Status::Applied => "status.applied",
            crate::participant::Status::Accepted => "status.accepted",
            crate::participant::Status::Withdrawn => "status.withdrawn",
        }),
        ("matches", "status") => MatchStatus::parse(value).map(MatchStatus::label_key),
        ("intakes", "status") => match value {
            "planned" => Some("intake.status.planned"),
            "held" => Some("intake.status.held"),
            "cancelled" => Some("intake.status.cancelled"),
            _ => None,
        },
        ("intakes", "outcome") => Outcome::parse(value).map(Outcome::label_key),
        ("agreements", "status") => AgreementStatus::parse(value).map(AgreementStatus::label_key),
        ("meetings", "status") => match value {
            "held" => Some("meeting.held"),
            "cancelled" => Some("meeting.cancelled"),
            _ => None,
        },
        ("goal_progress", "state") => GoalState::parse(value).map(GoalState::label_key),
        ("checkins", "moment") => Moment::parse(value).map(Moment::label_key),
        ("checkins", "fit") => Fit::parse(value).map(Fit::label_key),
        ("workshops", "required" | "attended") => match value {
            "1" => Some("privacy.pdf.yes"),
            "0" => Some("privacy.pdf.no"),
            _ => None,
        },
        _ => None,
    }
}

/// Stored availability (`1 540-720, 3 840-960`: weekday, minutes) as people write it.
fn availability(text: &str, language: &str) -> Option<String> {
    let slots = text
        .split(", ")
        .map(|part| {
            let (weekday, range) = part.split_once(' ')?;
            let (start, end) = range.split_once('-')?;
            Some(Slot {
                weekday: weekday.parse().ok()?,
                start: start.parse().ok()?,
                end: end.parse().ok()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Availability::from_slots(slots).display(language))
}

/// An agreement's goals (stored as a JSON array) as lines.
fn goals(text: &str, texts: &Texts) -> Option<String> {
    let goals: Vec<Value> = serde_json::from_str(text).ok()?;
    let lines: Vec<String> = goals
        .iter()
        .enumerate()
        .map(|(k, goal)| {
            let part = |name: &str| goal.get(name).and_then(Value::as_str).unwrap_or("");
            let mut line = format!("{}. {}", k + 1, part("what"));
            if !part("success").is_empty() {
                line.push_str(&format!(" — {}", part("success")));
            }
            if let Some(day) = date::from_iso(part("target_date")) {
                line.push_str(&format!(" ({})", date::short(day, texts.language())));
            }
            line
        })
        .collect();
    Some(lines.join("\n"))
}

/// One value as the reader should see it.
fn shown(section: &str, column: &str, value: &Value, texts: &Texts) -> String {
    let text = match value {
        Value::Null => return "–".to_string(),
        Value::String(s) if s.trim().is_empty() => return "–".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(key) = value_key(section, column, &text) {
        return texts.get(key).to_string();
    }
    match column {
        "availability_minutes" => {
            return availability(&text, texts.language()).unwrap_or(text);
        }
        "goals" => return goals(&text, texts).unwrap_or(text),
        _ => {}
    }
    if let Ok(day) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return date::short(day, texts.language());
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(moment) = NaiveDateTime::parse_from_str(&text, format) {
            return format!(
                "{} {}",
                date::short(moment.date(), texts.language()),
                moment.format("%H:%M")
            );
        }
    }
    text
}

/// A JSON record as label–value rows, in reading order ([`COLUMNS`]).
fn fields(section: &str, record: &Value, texts: &Texts) -> Vec<(String, String)> {
    let Some(object) = record.as_object() else {
        return Vec::new();
    };
    let mut columns: Vec<(&String, &Value)> = object.iter().collect();
    let rank = |column: &str| {
        // An intake's place reads best after its time and length.
        let column = match (section, column) {
            ("intakes", "location") => "score",
            _ => column,
        };
        COLUMNS
            .iter()
            .position(|c| *c == column)
            .unwrap_or(COLUMNS.len())
    };
    columns.sort_by_key(|(column, _)| rank(column));
    columns
        .into_iter()
        .map(|(column, value)| {
            (
                texts.get(&label_key(section, column)).to_string(),
                shown(section, column, value, texts),
            )
        })
        .collect()
}

/// Everything Klik holds about one person as a readable document in
/// `texts`' language: the profile, then every section of the JSON export,
/// each record as label–value rows, an empty section said to be empty.
pub fn export_document(
    store: &Store,
    id: PersonId,
    texts: &Texts,
    now: NaiveDateTime,
) -> Result<Document> {
    let data = export(store, id, now)?;
    layout(&data, texts, store, now)
}

fn layout(data: &Value, texts: &Texts, store: &Store, now: NaiveDateTime) -> Result<Document> {
    let profile = &data["profile"];
    let name = format!(
        "{} {}",
        profile["first_name"].as_str().unwrap_or(""),
        profile["last_name"].as_str().unwrap_or("")
    )
    .trim()
    .to_string();
    let title = texts.format("privacy.pdf.title", &[("name", &name)]);
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Paragraph(texts.format(
            "privacy.pdf.intro",
            &[
                ("date", &date::short(now.date(), texts.language())),
                ("time", &now.format("%H:%M").to_string()),
            ],
        )),
        Block::Heading(texts.get("privacy.pdf.profile").to_string()),
        Block::Fields(fields("profile", profile, texts)),
    ];
    for (section, heading) in SECTIONS {
        let records = data[*section].as_array().cloned().unwrap_or_default();
        let mut part = vec![Block::Heading(texts.get(heading).to_string())];
        if records.is_empty() {
            part.push(Block::Note(texts.get("privacy.pdf.none").to_string()));
            blocks.extend(part);
            continue;
        }
        // A record is never split over two pages, and a heading stays with
        // its first record.
        for (k, record) in records.iter().enumerate() {
            if k > 0 {
                part.push(Block::Space(6.0));
            }
            part.push(Block::Fields(fields(section, record, texts)));
            blocks.push(Block::KeepTogether(std::mem::take(&mut part)));
        }
    }
    crate::organisation::document(store, texts.language(), title, blocks, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_availability_reads_as_people_write_it() {
        assert_eq!(
            availability("1 540-720, 3 840-960", "nl").as_deref(),
            Some("ma 09:00-12:00, wo 14:00-16:00")
        );
        assert_eq!(availability("garbage", "nl"), None);
    }

    #[test]
    fn coded_values_dates_and_empties_are_translated() {
        let nl = Texts::for_language("nl");
        let show = |section, column, value: Value| shown(section, column, &value, &nl);
        assert_eq!(
            show("matches", "status", "active".into()),
            nl.get("match.status.active")
        );
        assert_eq!(
            show("intakes", "outcome", "klik".into()),
            nl.get("intake.outcome.klik")
        );
        assert_eq!(
            show("workshops", "attended", 0.into()),
            nl.get("privacy.pdf.no")
        );
        assert_eq!(
            show("meetings", "held_on", "2027-01-11".into()),
            "11-01-2027"
        );
        assert_eq!(
            show("intakes", "starts_at", "2026-12-01T14:30".into()),
            "01-12-2026 14:30"
        );
        assert_eq!(show("profile", "phone", "".into()), "–");
        assert_eq!(show("profile", "phone", Value::Null), "–");
        // A free text that happens to look like a code stays as written.
        assert_eq!(show("meetings", "notes", "active".into()), "active");
    }

    #[test]
    fn every_label_is_in_the_catalogue() {
        let en = Texts::for_language("en");
        for column in COLUMNS {
            for section in ["profile", "evaluation", "meetings"] {
                let key = label_key(section, column);
                assert_ne!(en.get(&key), key, "{column}");
            }
        }
    }
}
