//! The messages the coordinator writes to people at each moment of a
//! programme: the invitation to take part, the announcement of a pair, the
//! invitation to the intake talk (with its calendar file), the agreement to
//! sign (with the PDF), a reminder to a quiet pair and the thanks at the
//! close. Klik words each one in the programme's language, the programme may
//! word it its own way, and the draft opens in the officer's mail program as
//! an `.eml` file (see [`eml`]); Klik never sends anything itself. The
//! officer ticks what went out.

pub mod eml;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use crate::agreement;
use crate::date;
use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::intake::{self, IntakeStatus};
use crate::matching::{self, Match, MatchId, MatchStatus};
use crate::organisation;
use crate::programme::{self, Programme, ProgrammeId};
use crate::store::Store;

use eml::{Address, Attachment, Draft};

/// The moments the coordinator writes to people. The window sends one by
/// its name (`"intake"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The call to take part, to whom the officer chooses.
    Invitation,
    /// To a pair: you are matched.
    Announcement,
    /// To a pair: the intake talk, with its calendar file.
    Intake,
    /// To a pair: the agreement to sign, as a PDF.
    Agreement,
    /// To a pair that has gone quiet.
    Reminder,
    /// To everyone who took part, at the close.
    Thanks,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Invitation,
        Kind::Announcement,
        Kind::Intake,
        Kind::Agreement,
        Kind::Reminder,
        Kind::Thanks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invitation => "invitation",
            Kind::Announcement => "announcement",
            Kind::Intake => "intake",
            Kind::Agreement => "agreement",
            Kind::Reminder => "reminder",
            Kind::Thanks => "thanks",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Is it written to one pair (and ticked per pair)?
    pub fn per_pair(self) -> bool {
        matches!(
            self,
            Kind::Announcement | Kind::Intake | Kind::Agreement | Kind::Reminder
        )
    }

    /// The moment's name, for lists and buttons.
    pub fn label_key(self) -> String {
        format!("message.{}.label", self.as_str())
    }

    fn subject_key(self) -> String {
        format!("message.{}.subject", self.as_str())
    }

    fn body_key(self) -> String {
        format!("message.{}.body", self.as_str())
    }
}

/// A moment's wording for one programme: its own, or Klik's in the
/// programme's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub kind: Kind,
    pub subject: String,
    pub body: String,
    /// The programme's own wording rather than Klik's.
    pub own: bool,
}

/// The wording of a moment as typed; both empty means "Klik's text again".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct WordingForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

/// The longest subject and body a programme may set.
const SUBJECT_MAX: usize = 200;
const BODY_MAX: usize = 10_000;

/// Klik's wording of a moment in a language.
pub fn default_wording(kind: Kind, texts: &Texts) -> Wording {
    Wording {
        kind,
        subject: texts.get(&kind.subject_key()).to_string(),
        body: texts.get(&kind.body_key()).to_string(),
        own: false,
    }
}

/// The wording of every moment of a programme, in [`Kind::ALL`] order.
pub fn wordings(store: &Store, id: ProgrammeId) -> Result<Vec<Wording>> {
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    Kind::ALL
        .into_iter()
        .map(|kind| wording(store, &programme, kind, &texts))
        .collect()
}

fn wording(store: &Store, programme: &Programme, kind: Kind, texts: &Texts) -> Result<Wording> {
    let own: Option<(String, String)> = store
        .conn()
        .query_row(
            "SELECT subject, body FROM message_text WHERE programme_id = ?1 AND kind = ?2",
            params![programme.id.0, kind.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| store.read_error(e))?;
    Ok(match own {
        Some((subject, body)) => Wording {
            kind,
            subject,
            body,
            own: true,
        },
        None => default_wording(kind, texts),
    })
}

/// Sets a programme's own wording of a moment; an empty subject and body
/// bring Klik's wording back. Both are needed otherwise.
pub fn set_wording(
    store: &mut Store,
    id: ProgrammeId,
    kind: Kind,
    form: &WordingForm,
    now: NaiveDateTime,
) -> Result<Wording> {
    programme::ensure_open(store, id)?;
    let subject = form.subject.trim();
    let body = form.body.trim();
    if subject.is_empty() && body.is_empty() {
        store.write(|tx| {
            tx.execute(
                "DELETE FROM message_text WHERE programme_id = ?1 AND kind = ?2",
                params![id.0, kind.as_str()],
            )?;
            Ok(())
        })?;
    } else {
        let mut problems = Vec::new();
        if subject.is_empty() {
            problems.push(FieldError::new("subject", "error.required"));
        } else if subject.chars().count() > SUBJECT_MAX || subject.contains(['\r', '\n']) {
            problems.push(
                FieldError::new("subject", "error.text_too_long")
                    .with("max", SUBJECT_MAX.to_string()),
            );
        }
        if body.is_empty() {
            problems.push(FieldError::new("body", "error.required"));
        } else if body.chars().count() > BODY_MAX {
            problems.push(
                FieldError::new("body", "error.text_too_long").with("max", BODY_MAX.to_string()),
            );
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        store.write(|tx| {
            tx.execute(
                "INSERT INTO message_text (programme_id, kind, subject, body, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (programme_id, kind) DO UPDATE
                 SET subject = ?3, body = ?4, updated_at = ?5",
                params![
                    id.0,
                    kind.as_str(),
                    subject,
                    body,
                    programme::timestamp(now)
                ],
            )?;
            Ok(())
        })?;
    }
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    wording(store, &programme, kind, &texts)
}

/// A message ready to be opened in the mail program, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: Kind,
    pub programme: ProgrammeId,
    pub pair: Option<MatchId>,
    pub draft: Draft,
}

impl Message {
    /// The `.eml` file's bytes, dated `utc`.
    pub fn eml(&self, utc: NaiveDateTime) -> Vec<u8> {
        eml::write(&self.draft, utc)
    }
}

fn problem(field: &'static str, key: &'static str) -> Error {
    Error::Invalid(vec![FieldError::new(field, key)])
}

/// The message of a moment, for a pair where the moment is about one:
/// addressed, worded in the programme's language with the names filled in,
/// its calendar file or agreement attached. A moment that is not due for
/// that pair (no talk planned, no agreement yet) is refused with why.
pub fn compose(
    store: &Store,
    id: ProgrammeId,
    kind: Kind,
    pair: Option<MatchId>,
    now: NaiveDateTime,
) -> Result<Message> {
    let programme = programme::get(store, id)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let wording = wording(store, &programme, kind, &texts)?;
    let organisation = organisation::get(store)?;
    let coordinator = organisation::coordinator(store)?;
    let from = (!coordinator.email.is_empty()).then(|| Address {
        name: coordinator.name.clone(),
        email: coordinator.email.clone(),
    });
    let signature = if coordinator.name.is_empty() {
        organisation.name.clone()
    } else {
        coordinator.name.clone()
    };
    let mut fields: Vec<(&str, String)> = vec![
        ("programme", programme.draft.name.clone()),
        ("organisation", organisation.name.clone()),
        ("coordinator", signature),
        ("start", date::long(programme.draft.start, &texts)),
        ("end", date::long(programme.draft.end, &texts)),
    ];
    let mut to = Vec::new();
    let mut bcc = Vec::new();
    let mut attachments = Vec::new();
    let found = match (kind.per_pair(), pair) {
        (true, Some(m)) => {
            let found = matching::get(store, m)?;
            if found.programme != id || found.status == MatchStatus::Dissolved {
                return Err(problem("match", "error.message.no_pair"));
            }
            Some(found)
        }
        (true, None) => return Err(problem("match", "error.message.no_pair")),
        (false, _) => None,
    };
    if let Some(found) = &found {
        fields.push(("mentee", found.mentee_name.clone()));
        fields.push(("mentor", found.mentor_name.clone()));
        to = pair_addresses(found);
    }
    match kind {
        Kind::Invitation | Kind::Announcement | Kind::Reminder => {}
        Kind::Intake => {
            let found = found.as_ref().expect("a pair, checked above");
            let talk = intake::history(store, found.id)?
                .into_iter()
                .find(|i| i.status == IntakeStatus::Planned)
                .ok_or_else(|| problem("intake", "error.intake.nothing_to_send"))?;
            fields.push((
                "when",
                format!(
                    "{} {}–{}",
                    date::long_with_weekday(talk.start.date(), &texts),
                    talk.start.format("%H:%M"),
                    talk.end().format("%H:%M")
                ),
            ));
            fields.push((
                "place",
                if talk.location.is_empty() {
                    "–".to_string()
                } else {
                    talk.location.clone()
                },
            ));
            let events: Vec<_> =
                intake::calendar(store, id, Some(talk.id), crate::clock::utc(now))?
                    .into_iter()
                    .map(|(_, event)| event)
                    .collect();
            attachments.push(Attachment {
                file_name: format!("{}.ics", texts.get("message.file.intake")),
                media_type: "text/calendar",
                bytes: intake::ics::calendar(&events).into_bytes(),
            });
        }
        Kind::Agreement => {
            let found = found.as_ref().expect("a pair, checked above");
            if agreement::current(store, found.id)?.is_none() {
                return Err(problem("agreement", "error.message.no_agreement"));
            }
            let document = agreement::document_for_match(store, found.id, now)?;
            let pdf = crate::document::render(&document)?;
            attachments.push(Attachment {
                file_name: format!("{}.pdf", texts.get("message.file.agreement")),
                media_type: "application/pdf",
                bytes: pdf.bytes,
            });
        }
        Kind::Thanks => {
            bcc = thanked(store, id)?;
        }
    }
    let fill = |text: &str| {
        let args: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::i18n::fill(text, &args)
    };
    Ok(Message {
        kind,
        programme: id,
        pair: found.map(|f| f.id),
        draft: Draft {
            from,
            to,
            bcc,
            subject: fill(&wording.subject),
            body: fill(&wording.body),
            attachments,
        },
    })
}

fn pair_addresses(found: &Match) -> Vec<Address> {
    vec![
        Address {
            name: found.mentee_name.clone(),
            email: found.mentee_email.clone(),
        },
        Address {
            name: found.mentor_name.clone(),
            email: found.mentor_email.clone(),
        },
    ]
}

/// Everyone thanked at the close: the people of every pair that was not
/// dissolved, each once.
fn thanked(store: &Store, id: ProgrammeId) -> Result<Vec<Address>> {
    let mut people: Vec<Address> = Vec::new();
    for m in matching::list(store, id)?
        .into_iter()
        .filter(|m| m.status != MatchStatus::Dissolved)
    {
        for a in pair_addresses(&m) {
            if !people
                .iter()
                .any(|p| p.email.eq_ignore_ascii_case(&a.email))
            {
                people.push(a);
            }
        }
    }
    Ok(people)
}

/// A tick that a message went out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub kind: Kind,
    pub pair: Option<MatchId>,
    pub at: NaiveDateTime,
}

/// Ticks (or unticks) a message as sent. A closed programme takes ticks
/// too: the thanks go out after the close, and a tick is the officer's
/// note about her own mail, not a change to the programme.
pub fn mark_sent(
    store: &mut Store,
    id: ProgrammeId,
    kind: Kind,
    pair: Option<MatchId>,
    sent: bool,
    now: NaiveDateTime,
) -> Result<()> {
    programme::get(store, id)?;
    let pair = match (kind.per_pair(), pair) {
        (true, Some(m)) => {
            let found = matching::get(store, m)?;
            if found.programme != id {
                return Err(problem("match", "error.message.no_pair"));
            }
            Some(m)
        }
        (true, None) => return Err(problem("match", "error.message.no_pair")),
        (false, _) => None,
    };
    store.write(|tx| {
        tx.execute(
            "DELETE FROM message_sent WHERE programme_id = ?1 AND kind = ?2 AND match_id IS ?3",
            params![id.0, kind.as_str(), pair.map(|m| m.0)],
        )?;
        if sent {
            tx.execute(
                "INSERT INTO message_sent (programme_id, kind, match_id, sent_at) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, kind.as_str(), pair.map(|m| m.0), programme::timestamp(now)],
            )?;
        }
        Ok(())
    })
}

/// Every tick of a programme, oldest first.
pub fn sent(store: &Store, id: ProgrammeId) -> Result<Vec<Sent>> {
    let mut statement = store
        .conn()
        .prepare(
            "SELECT kind, match_id, sent_at FROM message_sent WHERE programme_id = ?1
             ORDER BY sent_at, kind, match_id",
        )
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, pair, at)| {
            Some(Sent {
                kind: Kind::parse(&kind)?,
                pair: pair.map(MatchId),
                at: programme::parse_timestamp(&at)?,
            })
        })
        .collect())
}
