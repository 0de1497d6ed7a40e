//! The guide for a first use: in the officer's own database, five short
//! first steps (the organisation, a programme, its participants, a first
//! proposal, the first pairs confirmed); in the demo, a short tour of its
//! pages. The officer runs a programme two or three times a year; the first
//! time, nothing on screen should leave her wondering where to begin.
//!
//! Whether a first step is done is read from the data, so the guide never
//! says "done" for something that is not (and notices work done elsewhere,
//! in the CLI for instance). Only the officer's own choices are stored, as
//! settings of the database they concern: the steps she skipped, where the
//! tour stands, and that the guide was closed.

use rusqlite::OptionalExtension;

use crate::error::{Error, FieldError, Result};
use crate::organisation;
use crate::programme::ProgrammeId;
use crate::store::Store;

/// The setting that says where the guide stands: absent for the first steps
/// of a new database, `tour N` in the demo (at stop N), `ended` once closed.
const GUIDE: &str = "guide";
/// The first steps the officer skipped, by key, separated by commas.
const SKIPPED: &str = "guide_skipped";

/// One of the five first steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The organisation's name (printed on every document).
    Organisation,
    /// A first programme.
    Programme,
    /// Mentors and mentees in it, typed in or imported with the template.
    Participants,
    /// A first mentor accepted for a mentee on the matching board.
    Proposal,
    /// The first pairs confirmed: from there, the programme's checklist guides.
    Confirm,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Organisation,
        Step::Programme,
        Step::Participants,
        Step::Proposal,
        Step::Confirm,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Organisation => "organisation",
            Step::Programme => "programme",
            Step::Participants => "participants",
            Step::Proposal => "proposal",
            Step::Confirm => "confirm",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// A step named by its key, as the CLI and the window send it.
    pub fn from_key(text: &str) -> Result<Step> {
        Step::parse(text).ok_or_else(|| {
            Error::Invalid(vec![
                FieldError::new("step", "error.guide.not_a_step").with("value", text),
            ])
        })
    }

    /// Whether the officer may pass this step by. A programme is what every
    /// later step works in: without one there is nothing to guide towards,
    /// so that step is not skipped (the guide can still be closed).
    pub fn skippable(self) -> bool {
        self != Step::Programme
    }
}

/// Where a first step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Skipped,
    /// The first step neither done nor skipped: the one the guide offers.
    Current,
    /// Comes after the current step.
    Later,
}

impl StepState {
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Skipped => "skipped",
            StepState::Current => "current",
            StepState::Later => "later",
        }
    }
}

/// A stop of the demo's tour, in order: each is one page of the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The list of programmes, each in its phase.
    Programmes,
    /// The running programme's home: its checklist and the next step.
    Checklist,
    /// Its participants, imported from a spreadsheet.
    Participants,
    /// Its matching board: the proposal with scores and reasons.
    Matching,
    /// The closed programme's results: the trajectory and its reports.
    Results,
}

impl Stop {
    pub const ALL: [Stop; 5] = [
        Stop::Programmes,
        Stop::Checklist,
        Stop::Participants,
        Stop::Matching,
        Stop::Results,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stop::Programmes => "programmes",
            Stop::Checklist => "checklist",
            Stop::Participants => "participants",
            Stop::Matching => "matching",
            Stop::Results => "results",
        }
    }
}

/// What the guide shows now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guide {
    /// The five first steps, each with where it stands, and the programme
    /// the later steps work in (the newest current one), once there is one.
    FirstSteps {
        steps: Vec<(Step, StepState)>,
        programme: Option<ProgrammeId>,
    },
    /// The demo's tour at one of its stops, with the programme that stop
    /// shows (the running one, or the closed one for the results).
    Tour {
        stop: Stop,
        index: usize,
        programme: ProgrammeId,
    },
}

impl Guide {
    /// `first_steps` or `tour`.
    pub fn kind(&self) -> &'static str {
        match self {
            Guide::FirstSteps { .. } => "first_steps",
            Guide::Tour { .. } => "tour",
        }
    }

    /// The programme the current step or stop works in, if any.
    pub fn programme(&self) -> Option<ProgrammeId> {
        match self {
            Guide::FirstSteps { programme, .. } => *programme,
            Guide::Tour { programme, .. } => Some(*programme),
        }
    }

    /// Every step or stop by key, with where it stands (a tour's stops
    /// before the current one count as done).
    pub fn entries(&self) -> Vec<(&'static str, StepState)> {
        match self {
            Guide::FirstSteps { steps, .. } => steps
                .iter()
                .map(|(s, state)| (s.as_str(), *state))
                .collect(),
            Guide::Tour { index, .. } => Stop::ALL
                .iter()
                .enumerate()
                .map(|(i, stop)| {
                    let state = match i.cmp(index) {
                        std::cmp::Ordering::Less => StepState::Done,
                        std::cmp::Ordering::Equal => StepState::Current,
                        std::cmp::Ordering::Greater => StepState::Later,
                    };
                    (stop.as_str(), state)
                })
                .collect(),
        }
    }

    /// The key of the current step or stop.
    pub fn current_key(&self) -> Option<&'static str> {
        self.entries()
            .into_iter()
            .find(|(_, state)| *state == StepState::Current)
            .map(|(key, _)| key)
    }

    /// The first step the guide offers, if it shows the first steps.
    pub fn current_step(&self) -> Option<Step> {
        match self {
            Guide::FirstSteps { steps, .. } => steps
                .iter()
                .find(|(_, state)| *state == StepState::Current)
                .map(|(step, _)| *step),
            Guide::Tour { .. } => None,
        }
    }
}

/// Where the guide stands in this database: `None` once it was closed, when
/// every first step is done or skipped, or in a tour whose programme is gone.
pub fn current(store: &Store) -> Result<Option<Guide>> {
    let setting = organisation::setting(store, GUIDE)?;
    match setting.as_deref() {
        Some("ended") => Ok(None),
        Some(tour) if tour.starts_with("tour ") => {
            let Some((index, running, past)) = tour_setting(store)? else {
                return Ok(None);
            };
            let index = index.min(Stop::ALL.len() - 1);
            let stop = Stop::ALL[index];
            let wanted = if stop == Stop::Results { past } else { running };
            Ok(exists(store, wanted)?.then_some(Guide::Tour {
                stop,
                index,
                programme: ProgrammeId(wanted),
            }))
        }
        _ => first_steps(store),
    }
}

/// Passes a first step by; the guide moves to the next one.
pub fn skip(store: &mut Store, step: Step) -> Result<Option<Guide>> {
    if !step.skippable() {
        return Err(Error::Invalid(vec![
            FieldError::new("step", "error.guide.not_skippable").with("value", step.as_str()),
        ]));
    }
    let mut skipped = skipped(store)?;
    if !skipped.contains(&step) {
        skipped.push(step);
    }
    let text = Step::ALL
        .into_iter()
        .filter(|s| skipped.contains(s))
        .map(Step::as_str)
        .collect::<Vec<_>>()
        .join(",");
    organisation::set_setting(store, SKIPPED, Some(&text))?;
    current(store)
}

/// Closes the guide for good, in this database.
pub fn end(store: &mut Store) -> Result<()> {
    organisation::set_setting(store, GUIDE, Some("ended"))
}

/// Starts the demo's tour at its first stop, on its running and its closed
/// programme (the demo does this when it fills its database).
pub fn start_tour(store: &mut Store, running: ProgrammeId, past: ProgrammeId) -> Result<()> {
    organisation::set_setting(
        store,
        GUIDE,
        Some(&format!("tour 0 {} {}", running.0, past.0)),
    )
}

/// Where the tour stands, as stored: its stop and its two programmes.
fn tour_setting(store: &Store) -> Result<Option<(usize, i64, i64)>> {
    Ok(organisation::setting(store, GUIDE)?.and_then(|text| {
        let numbers: Vec<i64> = text
            .strip_prefix("tour ")?
            .split(' ')
            .filter_map(|n| n.parse().ok())
            .collect();
        match numbers.as_slice() {
            &[index, running, past] => Some((usize::try_from(index).ok()?, running, past)),
            _ => None,
        }
    }))
}

/// Moves the tour one stop on (`forward`) or back; past the last stop the
/// tour ends. Outside a tour this changes nothing.
pub fn move_tour(store: &mut Store, forward: bool) -> Result<Option<Guide>> {
    if let Some((index, running, past)) = tour_setting(store)? {
        let index = index.min(Stop::ALL.len() - 1);
        if forward && index + 1 == Stop::ALL.len() {
            end(store)?;
        } else {
            let next = if forward {
                index + 1
            } else {
                index.saturating_sub(1)
            };
            let text = format!("tour {next} {running} {past}");
            organisation::set_setting(store, GUIDE, Some(&text))?;
        }
    }
    current(store)
}

fn skipped(store: &Store) -> Result<Vec<Step>> {
    Ok(organisation::setting(store, SKIPPED)?
        .unwrap_or_default()
        .split(',')
        .filter_map(Step::parse)
        .collect())
}

fn first_steps(store: &Store) -> Result<Option<Guide>> {
    let conn = store.conn();
    let read = |e| store.read_error(e);
    let named = !organisation::get(store)?.name.trim().is_empty();
    let any_programme: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM programme)", [], |r| r.get(0))
        .map_err(read)?;
    let programme: Option<i64> = conn
        .query_row(
            "SELECT id FROM programme WHERE archived_at IS NULL
             ORDER BY created_at DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(read)?;
    // A step counts as done once the organisation did it in any programme:
    // a second programme, still empty, does not bring the guide back.
    let (with_people, accepted, pairs): (bool, i64, i64) = conn
        .query_row(
            "SELECT
               EXISTS (SELECT 1 FROM participant t JOIN participant e
                         ON e.programme_id = t.programme_id
                        WHERE t.role = 'mentor' AND e.role = 'mentee'
                          AND t.status <> 'withdrawn' AND e.status <> 'withdrawn'),
               (SELECT count(*) FROM match_decision WHERE decision IN ('accept', 'lock')),
               (SELECT count(*) FROM match_pair)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(read)?;
    let done = |step: Step| match step {
        Step::Organisation => named,
        Step::Programme => any_programme,
        Step::Participants => with_people,
        // A confirmed pair was proposed and accepted first.
        Step::Proposal => accepted > 0 || pairs > 0,
        Step::Confirm => pairs > 0,
    };
    let skipped = skipped(store)?;
    let mut current_found = false;
    let steps: Vec<(Step, StepState)> = Step::ALL
        .into_iter()
        .map(|step| {
            let state = if done(step) {
                StepState::Done
            } else if skipped.contains(&step) && step.skippable() {
                StepState::Skipped
            } else if current_found {
                StepState::Later
            } else {
                current_found = true;
                StepState::Current
            };
            (step, state)
        })
        .collect();
    Ok(current_found.then(|| Guide::FirstSteps {
        steps,
        programme: programme.map(ProgrammeId),
    }))
}

fn exists(store: &Store, programme: i64) -> Result<bool> {
    store
        .conn()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM programme WHERE id = ?1)",
            [programme],
            |r| r.get(0),
        )
        .map_err(|e| store.read_error(e))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn the_demo_tours_its_running_programme_then_the_closed_one() {
        let mut store = Store::open_in_memory().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let demo = crate::demo::populate(&mut store, now).unwrap();
        let past = *demo.programmes.last().unwrap();
        let tour = current(&store).unwrap().unwrap();
        assert_eq!(
            tour,
            Guide::Tour {
                stop: Stop::Programmes,
                index: 0,
                programme: demo.running
            }
        );
        assert_eq!(tour.current_key(), Some("programmes"));
        for _ in 0..3 {
            move_tour(&mut store, true).unwrap();
        }
        let at = current(&store).unwrap().unwrap();
        assert_eq!(at.current_key(), Some("matching"));
        assert_eq!(at.programme(), Some(demo.running));
        let last = move_tour(&mut store, true).unwrap().unwrap();
        assert_eq!(last.current_key(), Some("results"));
        assert_eq!(
            last.programme(),
            Some(past),
            "the results are the closed programme's"
        );
        let states: Vec<_> = last.entries().iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(states, ["done", "done", "done", "done", "current"]);
        let back = move_tour(&mut store, false).unwrap().unwrap();
        assert_eq!(back.current_key(), Some("matching"));
        move_tour(&mut store, true).unwrap();
        // Past the last stop the tour ends, and the demo's data being all
        // set up, no first steps appear in its place.
        assert_eq!(move_tour(&mut store, true).unwrap(), None);
        assert_eq!(current(&store).unwrap(), None);
    }

    fn states(guide: &Option<Guide>) -> Vec<&'static str> {
        match guide {
            Some(Guide::FirstSteps { steps, .. }) => {
                steps.iter().map(|(_, s)| s.as_str()).collect()
            }
            other => panic!("not the first steps: {other:?}"),
        }
    }

    #[test]
    fn a_new_database_starts_at_the_organisation_and_skips_to_the_programme() {
        let mut store = Store::open_in_memory().unwrap();
        let guide = current(&store).unwrap();
        assert_eq!(
            states(&guide),
            ["current", "later", "later", "later", "later"]
        );
        let guide = skip(&mut store, Step::Organisation).unwrap();
        assert_eq!(
            states(&guide),
            ["skipped", "current", "later", "later", "later"]
        );
        assert_eq!(guide.unwrap().current_step(), Some(Step::Programme));
        // The programme is never skipped: every later step works in one.
        let refused = skip(&mut store, Step::Programme).unwrap_err();
        assert_eq!(refused.code(), "invalid_input");
        // A name typed later counts as done, whatever was skipped.
        organisation::set_name(&mut store, "Stad Gent").unwrap();
        assert_eq!(states(&current(&store).unwrap())[0], "done");
    }

    #[test]
    fn a_closed_guide_stays_closed_and_a_tour_walks_its_stops() {
        let mut store = Store::open_in_memory().unwrap();
        end(&mut store).unwrap();
        assert_eq!(current(&store).unwrap(), None);
        // A tour needs its programmes: without them, nothing is shown.
        start_tour(&mut store, ProgrammeId(1), ProgrammeId(2)).unwrap();
        assert_eq!(current(&store).unwrap(), None);
        assert_eq!(move_tour(&mut store, true).unwrap(), None);
    }
}
