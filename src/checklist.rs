//! A programme's checklist: its five phases in order, each with where it
//! stands (in figures that carry their base) and the one or two things the
//! officer should do next, counted. The officer runs a programme two or
//! three times a year and forgets in between; the programme's home page
//! shows this list with a button per action, the CLI prints it.
//!
//! Everything is computed from the data: the trajectory as read by
//! [`trajectory::load`], the enrolments and the matching board's accepted
//! pairs. Nothing is stored.

use chrono::{NaiveDate, NaiveDateTime};

use crate::document::{Block, Document, Table};
use crate::error::Result;
use crate::i18n::Texts;
use crate::intake::{IntakeStatus, Outcome};
use crate::matching::{MatchId, MatchStatus};
use crate::programme::{PhaseKind, ProgrammeId};
use crate::store::Store;
use crate::trajectory::{self, Trajectory, attention};

/// Where one phase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Nothing left to do in this phase.
    Done,
    /// Something waits for the officer here.
    Todo,
    /// Under way, and nothing to do now (talks planned, pairs meeting).
    UnderWay,
    /// Not reached yet: the phases before it come first.
    NotYet,
    /// Work was left here when the programme was archived without closing.
    LeftOpen,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Todo => "todo",
            State::UnderWay => "under_way",
            State::NotYet => "not_yet",
            State::LeftOpen => "left_open",
        }
    }
}

/// Something the officer should do, with how many it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// No mentor or no mentee is enrolled yet.
    AddParticipants,
    /// Pairs accepted on the matching board, not confirmed.
    ConfirmPairs(u32),
    /// Mentees without a mentor who never had one in this programme.
    MatchMentees(u32),
    /// Mentees whose match was dissolved (after an intake without a klik, or
    /// later) and who have no mentor now.
    FindNewMentor(u32),
    /// Confirmed pairs without a planned intake.
    PlanIntakes(u32),
    /// Intake talks that took place without a recorded outcome.
    RecordOutcomes(u32),
    /// Pairs after their klik whose agreement is not signed by all three.
    SignAgreements(u32),
    /// Pairs under way with a concern on the attention list.
    FollowPairs(u32),
    /// The closing phase has come and the programme is still open.
    CloseProgramme,
}

impl Action {
    /// A stable code: the window picks the page to go to by it, scripts read it.
    pub fn code(self) -> &'static str {
        match self {
            Action::AddParticipants => "add_participants",
            Action::ConfirmPairs(_) => "confirm_pairs",
            Action::MatchMentees(_) => "match_mentees",
            Action::FindNewMentor(_) => "find_new_mentor",
            Action::PlanIntakes(_) => "plan_intakes",
            Action::RecordOutcomes(_) => "record_outcomes",
            Action::SignAgreements(_) => "sign_agreements",
            Action::FollowPairs(_) => "follow_pairs",
            Action::CloseProgramme => "close_programme",
        }
    }

    /// How many people or pairs it concerns (1 for the programme itself).
    pub fn count(self) -> u32 {
        match self {
            Action::ConfirmPairs(n)
            | Action::MatchMentees(n)
            | Action::FindNewMentor(n)
            | Action::PlanIntakes(n)
            | Action::RecordOutcomes(n)
            | Action::SignAgreements(n)
            | Action::FollowPairs(n) => n,
            Action::AddParticipants | Action::CloseProgramme => 1,
        }
    }

    /// What waits, in words: "5 intakes to plan".
    pub fn message(self, texts: &Texts) -> String {
        texts.counted(
            &format!("checklist.{}", self.code()),
            i64::from(self.count()),
            &[],
        )
    }

    /// The button's label: "Plan".
    pub fn button(self, texts: &Texts) -> String {
        texts
            .get(&format!("checklist.go.{}", self.code()))
            .to_string()
    }
}

/// One phase of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub phase: PhaseKind,
    pub state: State,
    /// Where the phase stands, in words with their base ("3 of 5 mentees have a mentor").
    pub summary: String,
    /// What to do, most pressing first; empty unless the state is `Todo`.
    pub actions: Vec<Action>,
    /// The pair to open for the first action, where one pair is the place to
    /// act (the first unsigned agreement).
    pub first_match: Option<MatchId>,
}

/// The whole checklist, preparation to closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub steps: Vec<Step>,
    /// The first phase with something to do, if any.
    pub next: Option<PhaseKind>,
    /// Closed for good: every phase is done and nothing can change.
    pub closed: bool,
    /// Archived without being closed: read only, nothing is asked.
    pub archived: bool,
}

impl Checklist {
    /// Every action of every phase, in phase order: the overview's
    /// "needs attention" counts these with the pairs' own concerns.
    pub fn actions(&self) -> impl Iterator<Item = Action> + '_ {
        self.steps.iter().flat_map(|s| s.actions.iter().copied())
    }
}

/// The mentees of a programme by where they stand on the matching side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Mentees {
    /// Without a match that is not dissolved, never matched before, no pair accepted.
    unmatched: u32,
    /// Without a match now, with a pair accepted on the board.
    accepted: u32,
    /// Without a match now, after a dissolved one.
    rematch: u32,
}

fn mentees(store: &Store, id: ProgrammeId) -> Result<Mentees> {
    store
        .conn()
        .query_row(
            "SELECT
                 count(*) FILTER (WHERE NOT open AND NOT earlier AND NOT accepted),
                 count(*) FILTER (WHERE NOT open AND NOT earlier AND accepted),
                 count(*) FILTER (WHERE NOT open AND earlier)
             FROM (SELECT
                 EXISTS (SELECT 1 FROM match_pair m
                         WHERE m.mentee_id = pa.id AND m.status <> 'dissolved') AS open,
                 EXISTS (SELECT 1 FROM match_pair m
                         WHERE m.mentee_id = pa.id AND m.status = 'dissolved') AS earlier,
                 EXISTS (SELECT 1 FROM match_decision d
                         WHERE d.mentee_id = pa.id AND d.decision = 'accept') AS accepted
                 FROM participant pa
                 WHERE pa.programme_id = ?1 AND pa.role = 'mentee' AND pa.status <> 'withdrawn')",
            [id.0],
            |r| {
                Ok(Mentees {
                    unmatched: r.get(0)?,
                    accepted: r.get(1)?,
                    rematch: r.get(2)?,
                })
            },
        )
        .map_err(|e| store.read_error(e))
}

/// A programme's checklist at `now`, in the language of `texts`.
pub fn checklist(
    store: &Store,
    texts: &Texts,
    id: ProgrammeId,
    now: NaiveDateTime,
) -> Result<Checklist> {
    let loaded = trajectory::load(store, id)?;
    let concerns = attention::list(&loaded, now);
    of_trajectory(store, texts, &loaded, &concerns, now)
}

/// The checklist of a programme whose trajectory and attention list are
/// already at hand (the dashboard reads and computes them once for its
/// figures, its list and the checklist).
pub fn of_trajectory(
    store: &Store,
    texts: &Texts,
    loaded: &Trajectory,
    concerns: &[attention::Attention],
    now: NaiveDateTime,
) -> Result<Checklist> {
    let mentees = mentees(store, loaded.programme.id)?;
    Ok(compute(loaded, concerns, mentees, texts, now))
}

fn compute(
    t: &Trajectory,
    concerns: &[attention::Attention],
    mentees: Mentees,
    texts: &Texts,
    now: NaiveDateTime,
) -> Checklist {
    let today = now.date();
    let programme = &t.programme;
    let closed = programme.closed_at.is_some();
    let archived = programme.archived_at.is_some() && !closed;
    let open = !programme.is_read_only();
    let n = |v: u32| v.to_string();
    let day = |d: NaiveDate| crate::date::short(d, texts.language());

    let status_count =
        |status: MatchStatus| t.pairs.iter().filter(|p| p.pair.status == status).count() as u32;
    let confirmed = status_count(MatchStatus::Confirmed);
    let planned_pairs = status_count(MatchStatus::IntakePlanned);
    let active = status_count(MatchStatus::Active);
    let completed = status_count(MatchStatus::Completed);
    let matched = confirmed + planned_pairs + active + completed;
    let outcomes_missing = t
        .pairs
        .iter()
        .filter(|p| p.pair.status == MatchStatus::IntakePlanned)
        .filter(|p| {
            t.intakes
                .iter()
                .any(|i| i.match_id == p.pair.id && i.outcome_missing(now))
        })
        .count() as u32;
    let talks_planned = t
        .intakes
        .iter()
        .filter(|i| i.status == IntakeStatus::Planned && !i.outcome_missing(now))
        .count() as u32;
    let outcome = |o: Outcome| t.intakes.iter().filter(|i| i.outcome == Some(o)).count() as u32;
    let kliks = outcome(Outcome::Klik);
    let decided = kliks + outcome(Outcome::NoKlik);
    let unsigned: Vec<MatchId> = t
        .pairs
        .iter()
        .filter(|p| p.pair.status == MatchStatus::Active && !p.signed())
        .map(|p| p.pair.id)
        .collect();
    let mut followed: Vec<MatchId> = concerns
        .iter()
        .filter(|c| {
            !matches!(
                c.concern,
                attention::Concern::IntakeNotPlanned { .. }
                    | attention::Concern::OutcomeMissing { .. }
                    | attention::Concern::AgreementUnsigned { .. }
            )
        })
        .map(|c| c.match_id)
        .collect();
    followed.sort();
    followed.dedup();

    let counts = &t.counts;
    let mut steps = Vec::with_capacity(5);

    // Preparation: people on both sides.
    let prepared = counts.mentors > 0 && counts.mentees > 0;
    steps.push(Step {
        phase: PhaseKind::Preparation,
        state: if prepared { State::Done } else { State::Todo },
        summary: texts.format(
            "checklist.summary.people",
            &[
                ("mentors", &n(counts.mentors)),
                ("mentees", &n(counts.mentees)),
            ],
        ),
        actions: if prepared {
            vec![]
        } else {
            vec![Action::AddParticipants]
        },
        first_match: None,
    });

    // Matching: every mentee with a mentor.
    let mut actions = Vec::new();
    if mentees.accepted > 0 {
        actions.push(Action::ConfirmPairs(mentees.accepted));
    }
    if mentees.rematch > 0 {
        actions.push(Action::FindNewMentor(mentees.rematch));
    }
    if mentees.unmatched > 0 && counts.mentors > 0 {
        actions.push(Action::MatchMentees(mentees.unmatched));
    }
    let matching_state = if !actions.is_empty() {
        State::Todo
    } else if counts.mentees > 0 && matched > 0 {
        State::Done
    } else {
        State::NotYet
    };
    steps.push(Step {
        phase: PhaseKind::Matching,
        state: matching_state,
        summary: if counts.mentees > 0 {
            texts.format(
                "checklist.summary.matched",
                &[("matched", &n(matched)), ("mentees", &n(counts.mentees))],
            )
        } else {
            texts.get("checklist.summary.no_mentees").to_string()
        },
        actions,
        first_match: None,
    });

    // Intake: every confirmed pair talked and decided.
    let mut actions = Vec::new();
    if outcomes_missing > 0 {
        actions.push(Action::RecordOutcomes(outcomes_missing));
    }
    if confirmed > 0 {
        actions.push(Action::PlanIntakes(confirmed));
    }
    let intake_state = if !actions.is_empty() {
        State::Todo
    } else if planned_pairs > 0 {
        State::UnderWay
    } else if active + completed > 0 {
        State::Done
    } else {
        State::NotYet
    };
    let mut summary = if decided > 0 {
        texts.counted(
            "checklist.summary.kliks",
            i64::from(decided),
            &[("kliks", &n(kliks))],
        )
    } else {
        texts.get("checklist.summary.no_talks").to_string()
    };
    if talks_planned > 0 {
        summary.push_str(" · ");
        summary.push_str(&texts.counted(
            "checklist.summary.talks_planned",
            i64::from(talks_planned),
            &[],
        ));
    }
    steps.push(Step {
        phase: PhaseKind::Intake,
        state: intake_state,
        summary,
        actions,
        first_match: None,
    });

    // Trajectory: agreements signed, pairs meeting.
    let mut actions = Vec::new();
    if !unsigned.is_empty() {
        actions.push(Action::SignAgreements(unsigned.len() as u32));
    }
    if !followed.is_empty() {
        actions.push(Action::FollowPairs(followed.len() as u32));
    }
    let trajectory_state = if !actions.is_empty() {
        State::Todo
    } else if active > 0 {
        State::UnderWay
    } else if completed > 0 && confirmed + planned_pairs == 0 {
        State::Done
    } else {
        State::NotYet
    };
    steps.push(Step {
        phase: PhaseKind::Trajectory,
        state: trajectory_state,
        summary: if active + completed > 0 {
            let mut s = texts.counted("checklist.summary.active", i64::from(active), &[]);
            if active > 0 {
                s.push_str(" · ");
                s.push_str(&texts.format(
                    "checklist.summary.signed",
                    &[
                        ("signed", &n(active - unsigned.len() as u32)),
                        ("pairs", &n(active)),
                    ],
                ));
            }
            if completed > 0 {
                s.push_str(" · ");
                s.push_str(&texts.counted(
                    "checklist.summary.completed",
                    i64::from(completed),
                    &[],
                ));
            }
            s
        } else {
            texts.get("checklist.summary.no_pairs").to_string()
        },
        actions,
        first_match: unsigned.first().copied(),
    });

    // Closing: from the closing phase's first day, or once the programme ended.
    let closing_start = programme
        .draft
        .phases
        .iter()
        .find(|p| p.kind == PhaseKind::Closing)
        .map_or(programme.draft.end, |p| p.start);
    let closing_due = today >= closing_start;
    steps.push(Step {
        phase: PhaseKind::Closing,
        state: if closed {
            State::Done
        } else if closing_due && open {
            State::Todo
        } else {
            State::NotYet
        },
        summary: match programme.closed_at {
            Some(at) => texts.format("checklist.summary.closed", &[("date", &day(at.date()))]),
            None => texts.format(
                "checklist.summary.closing_from",
                &[("date", &day(closing_start))],
            ),
        },
        actions: if closing_due && open {
            vec![Action::CloseProgramme]
        } else {
            vec![]
        },
        first_match: None,
    });

    if !open {
        // A closed or archived programme asks nothing: it can only be read.
        for step in &mut steps {
            step.actions.clear();
            step.first_match = None;
            if closed {
                step.state = State::Done;
            } else if matches!(step.state, State::Todo | State::UnderWay) {
                step.state = State::LeftOpen;
            }
        }
    }
    let next = steps
        .iter()
        .find(|s| s.state == State::Todo)
        .map(|s| s.phase);
    Checklist {
        steps,
        next,
        closed,
        archived,
    }
}

/// The mentees of a programme who wait for a new mentor (their match was
/// dissolved and they have none now), by name.
fn waiting_for_mentor(store: &Store, id: ProgrammeId) -> Result<Vec<String>> {
    let mut statement = store
        .conn()
        .prepare(
            "SELECT pe.first_name || ' ' || pe.last_name
             FROM participant pa JOIN person pe ON pe.id = pa.person_id
             WHERE pa.programme_id = ?1 AND pa.role = 'mentee' AND pa.status <> 'withdrawn'
               AND NOT EXISTS (SELECT 1 FROM match_pair m
                               WHERE m.mentee_id = pa.id AND m.status <> 'dissolved')
               AND EXISTS (SELECT 1 FROM match_pair m
                           WHERE m.mentee_id = pa.id AND m.status = 'dissolved')
             ORDER BY pe.last_name COLLATE NOCASE, pe.first_name COLLATE NOCASE",
        )
        .map_err(|e| store.read_error(e))?;
    statement
        .query_map([id.0], |r| r.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
        .map_err(|e| store.read_error(e))
}

/// The officer's "this week" list to print, in the programme's language:
/// the talks of this week (Monday to Sunday), intake outcomes to record,
/// agreements to sign, quiet pairs and mentees waiting for a new mentor;
/// each section says so when nothing waits.
pub fn this_week(store: &Store, id: ProgrammeId, now: NaiveDateTime) -> Result<Document> {
    use chrono::Datelike;
    let loaded = trajectory::load(store, id)?;
    let programme = &loaded.programme;
    let texts = Texts::for_language(&programme.draft.document_language);
    let today = now.date();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let sunday = monday + chrono::Duration::days(6);
    let day = |d: NaiveDate| crate::date::short(d, texts.language());
    let pair_of = |m: MatchId| {
        loaded
            .pairs
            .iter()
            .find(|p| p.pair.id == m)
            .map(|p| format!("{} & {}", p.pair.mentee_name, p.pair.mentor_name))
            .unwrap_or_default()
    };
    let concerns = if programme.is_read_only() {
        Vec::new()
    } else {
        attention::list(&loaded, now)
    };
    let mut blocks = vec![
        Block::Title(texts.format("week.title", &[("programme", &programme.draft.name)])),
        Block::Note(texts.format(
            "week.period",
            &[("start", &day(monday)), ("end", &day(sunday))],
        )),
    ];
    let mut section = |heading: &str, header: Vec<String>, rows: Vec<Vec<String>>| {
        blocks.push(Block::Heading(texts.get(heading).to_string()));
        if rows.is_empty() {
            blocks.push(Block::Paragraph(texts.get("week.nothing").to_string()));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![1.0; header.len()],
                header,
                rows,
            }));
        }
    };
    let pair_header = texts.get("week.pair").to_string();
    let what_header = texts.get("week.what").to_string();

    let mut talks: Vec<_> = loaded
        .intakes
        .iter()
        .filter(|i| i.status == IntakeStatus::Planned)
        .filter(|i| (monday..=sunday).contains(&i.start.date()))
        .collect();
    talks.sort_by_key(|i| i.start);
    section(
        "week.talks",
        vec![
            texts.get("week.when").to_string(),
            pair_header.clone(),
            texts.get("week.place").to_string(),
        ],
        talks
            .iter()
            .map(|i| {
                vec![
                    format!(
                        "{} {}–{}",
                        crate::date::long_with_weekday(i.start.date(), &texts),
                        i.start.format("%H:%M"),
                        i.end().format("%H:%M")
                    ),
                    pair_of(i.match_id),
                    if i.location.is_empty() {
                        "–".to_string()
                    } else {
                        i.location.clone()
                    },
                ]
            })
            .collect(),
    );
    let rows_of = |keep: fn(&attention::Concern) -> bool| -> Vec<Vec<String>> {
        concerns
            .iter()
            .filter(|c| keep(&c.concern))
            .map(|c| {
                vec![
                    format!("{} & {}", c.mentee, c.mentor),
                    c.concern.message(&texts),
                ]
            })
            .collect()
    };
    section(
        "week.outcomes",
        vec![pair_header.clone(), what_header.clone()],
        rows_of(|c| matches!(c, attention::Concern::OutcomeMissing { .. })),
    );
    let unsigned: Vec<Vec<String>> = if programme.is_read_only() {
        Vec::new()
    } else {
        loaded
            .pairs
            .iter()
            .filter(|p| p.pair.status == MatchStatus::Active)
            .filter(|p| !p.signed())
            .map(|p| {
                vec![
                    pair_of(p.pair.id),
                    match &p.agreement {
                        Some(a) => texts.get(a.status.label_key()).to_string(),
                        None => texts.get("week.no_agreement").to_string(),
                    },
                ]
            })
            .collect()
    };
    section(
        "week.agreements",
        vec![pair_header.clone(), what_header.clone()],
        unsigned,
    );
    section(
        "week.quiet",
        vec![pair_header.clone(), what_header.clone()],
        rows_of(|c| {
            matches!(
                c,
                attention::Concern::NoRecentMeeting { .. }
                    | attention::Concern::GoalQuiet { .. }
                    | attention::Concern::PoorFit { .. }
                    | attention::Concern::CheckinDue { .. }
                    | attention::Concern::EndingSoon { .. }
            )
        }),
    );
    let waiting = if programme.is_read_only() {
        Vec::new()
    } else {
        waiting_for_mentor(store, id)?
    };
    section(
        "week.rematch",
        vec![texts.get("week.mentee").to_string()],
        waiting.into_iter().map(|name| vec![name]).collect(),
    );
    let title = texts.format("week.title", &[("programme", &programme.draft.name)]);
    programme.document(store, title, blocks, now)
}
