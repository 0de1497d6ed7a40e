//! Matching: bringing supply (mentors) and demand (mentees) together.
//!
//! A [`Round`] holds everything one matching needs: the mentees still to be
//! matched, the mentors with the room they have left, the programme's
//! [`Criteria`] and the officer's decisions (accepted, locked and rejected
//! pairs). [`Round::propose`] gives the optimal proposal: as many mentees
//! matched as possible, then the highest total score, exactly, with reasons.
//! Confirming turns accepted pairs into matches; dissolving one keeps it in
//! the history and never proposes that pair again.

pub mod criteria;
pub mod score;
pub mod solver;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::participant::{self, ParticipantId, Role, Status};
use crate::programme::{self, ProgrammeId, parse_timestamp, timestamp};
use crate::store::Store;

pub use criteria::{Criteria, Criterion, Setting, Weight};
pub use score::{Candidate, Reason, Rule, Scorer};

/// The database id of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MatchId(pub i64);

/// Where a match stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchStatus {
    Confirmed,
    IntakePlanned,
    Active,
    Completed,
    Dissolved,
}

impl MatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchStatus::Confirmed => "confirmed",
            MatchStatus::IntakePlanned => "intake_planned",
            MatchStatus::Active => "active",
            MatchStatus::Completed => "completed",
            MatchStatus::Dissolved => "dissolved",
        }
    }

    pub fn parse(text: &str) -> Option<MatchStatus> {
        [
            MatchStatus::Confirmed,
            MatchStatus::IntakePlanned,
            MatchStatus::Active,
            MatchStatus::Completed,
            MatchStatus::Dissolved,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            MatchStatus::Confirmed => "match.status.confirmed",
            MatchStatus::IntakePlanned => "match.status.intake_planned",
            MatchStatus::Active => "match.status.active",
            MatchStatus::Completed => "match.status.completed",
            MatchStatus::Dissolved => "match.status.dissolved",
        }
    }
}

/// A match as stored, with both people's names for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub id: MatchId,
    pub programme: ProgrammeId,
    pub mentee: ParticipantId,
    pub mentee_name: String,
    pub mentee_email: String,
    pub mentor: ParticipantId,
    pub mentor_name: String,
    pub mentor_email: String,
    pub score: u8,
    pub status: MatchStatus,
    pub confirmed_at: NaiveDateTime,
    pub dissolved_at: Option<NaiveDateTime>,
    pub dissolve_reason: Option<String>,
}

/// The officer's decision on one pair of the proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// The pair is right: it is kept when the proposal runs again and is confirmed with the others.
    Accept,
    /// Keep this pair when the proposal runs again (after a move, say), not yet accepted.
    Lock,
    /// Never propose this pair again.
    Reject,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Lock => "lock",
            Decision::Reject => "reject",
        }
    }

    pub fn parse(text: &str) -> Option<Decision> {
        match text {
            "accept" => Some(Decision::Accept),
            "lock" => Some(Decision::Lock),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    /// A choice on a proposed pair as the window sends it: a decision, or
    /// `clear` to take one back (`None`); anything else is refused by name.
    pub fn chosen(text: &str) -> Result<Option<Decision>> {
        match text {
            "clear" => Ok(None),
            other => Decision::parse(other).map(Some).ok_or_else(|| {
                Error::Invalid(vec![
                    FieldError::new("decision", "error.matching.decision").with("value", other),
                ])
            }),
        }
    }
}

/// How a pair of the proposal came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PairState {
    Proposed,
    Accepted,
    Locked,
}

impl PairState {
    pub fn as_str(self) -> &'static str {
        match self {
            PairState::Proposed => "proposed",
            PairState::Accepted => "accepted",
            PairState::Locked => "locked",
        }
    }
}

/// A stored decision, by index into the round's mentees and mentors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub mentee: usize,
    pub mentor: usize,
    pub decision: Decision,
    /// The officer keeps the pair although it now breaks a rule.
    pub kept: bool,
}

/// Everything one matching round needs.
pub struct Round {
    pub programme: ProgrammeId,
    pub criteria: Criteria,
    /// Mentees still to be matched (not withdrawn, no open match), by name.
    pub mentees: Vec<Candidate>,
    /// Mentors not withdrawn, by name; `capacity` is the room left.
    pub mentors: Vec<Candidate>,
    /// Each mentor's open matches already confirmed.
    pub confirmed_load: Vec<u32>,
    pub decisions: Vec<Decided>,
    scorer: Scorer,
    scores: Vec<i16>,
    /// Per pair, row by row: no common time, so to be used only where it
    /// adds a matched mentee (empty while common time is not weighed).
    avoided: Vec<bool>,
}

/// A pair of the proposal, by index into the round's mentees and mentors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedPair {
    pub mentee: usize,
    pub mentor: usize,
    pub score: u8,
    pub state: PairState,
    /// The best other mentors for this mentee: (mentor, score, full).
    pub alternatives: Vec<(usize, u8, bool)>,
}

/// Why a mentee has no mentor in the proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    NoMentors,
    /// Every mentor is ruled out; how many by each rule.
    NoneFit(Vec<(Rule, usize)>),
    /// Some mentors fit but all are full; `best` fits best.
    AllFull {
        fitting: usize,
        best: usize,
    },
}

/// An accepted or locked pair that a later change made impossible; it is
/// left out of the proposal until the officer keeps it anyway or clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub mentee: usize,
    pub mentor: usize,
    /// The rule it now breaks; `None` when the mentor has no room left for it.
    pub rule: Option<Rule>,
}

/// The optimal proposal of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// In the order of the round's mentees.
    pub pairs: Vec<ProposedPair>,
    pub unmatched: Vec<(usize, Unmatched)>,
    pub conflicts: Vec<Conflict>,
    /// Per mentor: confirmed matches plus proposed pairs.
    pub load: Vec<u32>,
    pub matched: usize,
    pub total_score: u64,
    /// Proposed (or kept) pairs whose weekly availabilities never meet, while
    /// common time counts: only where no other mentor could take the mentee.
    pub without_common_time: usize,
}

/// A mentor the officer may move a mentee to, and what it would mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveOption {
    pub mentor: usize,
    pub score: u8,
    /// Why the move is refused, if it is.
    pub refusal: Option<String>,
    pub load: u32,
    pub capacity: u32,
}

impl Round {
    /// A round from data already in memory (the store's [`round`] reads it from a database).
    pub fn new(
        programme: ProgrammeId,
        criteria: Criteria,
        mentees: Vec<Candidate>,
        mentors: Vec<Candidate>,
        confirmed_load: Vec<u32>,
        forbidden: &[(usize, usize, Rule)],
        decisions: Vec<Decided>,
    ) -> Round {
        let mut scorer = Scorer::new(&criteria, &mentees, &mentors);
        for &(mentee, mentor, rule) in forbidden {
            scorer.forbid(mentee, mentor, rule);
        }
        for d in &decisions {
            if d.decision == Decision::Reject {
                scorer.forbid(d.mentee, d.mentor, Rule::Rejected);
            }
        }
        let scores = scorer.matrix();
        // Availability is judged unless the officer switched it off: a pair
        // that can never hold its intake is proposed only to match one more.
        let avoided = if criteria.weight(Criterion::Availability) == Weight::Off {
            Vec::new()
        } else {
            (0..mentees.len())
                .flat_map(|i| (0..mentors.len()).map(move |j| (i, j)))
                .map(|(i, j)| scorer.without_common_time(i, j))
                .collect()
        };
        Round {
            programme,
            criteria,
            mentees,
            mentors,
            confirmed_load,
            decisions,
            scorer,
            scores,
            avoided,
        }
    }

    /// The pair's score and the rule that forbids it, if any.
    pub fn evaluate(&self, mentee: usize, mentor: usize) -> (u8, Option<Rule>) {
        self.scorer.evaluate(mentee, mentor)
    }

    /// Every pair's score, row by row, forbidden pairs as [`solver::FORBIDDEN`].
    pub fn scores(&self) -> &[i16] {
        &self.scores
    }

    /// True when the pair shares no weekly time while common time counts:
    /// the solver uses such a pair only where it adds a matched mentee.
    pub fn is_avoided(&self, mentee: usize, mentor: usize) -> bool {
        self.avoided
            .get(mentee * self.mentors.len() + mentor)
            .copied()
            .unwrap_or(false)
    }

    /// The breakdown of a pair in plain words.
    pub fn reasons(&self, texts: &Texts, mentee: usize, mentor: usize) -> Vec<Reason> {
        self.scorer
            .explain(texts, &self.mentees, &self.mentors, mentee, mentor)
    }

    /// A forbidding rule in a sentence naming both people.
    pub fn rule_text(&self, texts: &Texts, rule: Rule, mentee: usize, mentor: usize) -> String {
        self.scorer
            .rule_text(texts, rule, &self.mentees, &self.mentors, mentee, mentor)
    }

    /// The mentee's index, if they are still to be matched in this round.
    pub fn mentee_index(&self, id: ParticipantId) -> Option<usize> {
        self.mentees.iter().position(|m| m.id == id)
    }

    pub fn mentor_index(&self, id: ParticipantId) -> Option<usize> {
        self.mentors.iter().position(|m| m.id == id)
    }

    /// The optimal proposal, keeping accepted and locked pairs.
    pub fn propose(&self) -> Proposal {
        let (n, m) = (self.mentees.len(), self.mentors.len());
        let mut room: Vec<u32> = self.mentors.iter().map(|c| c.capacity).collect();
        let mut fixed: Vec<Option<(usize, PairState)>> = vec![None; n];
        let mut conflicts = Vec::new();
        for d in &self.decisions {
            let state = match d.decision {
                Decision::Accept => PairState::Accepted,
                Decision::Lock => PairState::Locked,
                Decision::Reject => continue,
            };
            let (_, rule) = self.evaluate(d.mentee, d.mentor);
            if rule.is_some() && !d.kept {
                conflicts.push(Conflict {
                    mentee: d.mentee,
                    mentor: d.mentor,
                    rule,
                });
            } else if room[d.mentor] == 0 {
                conflicts.push(Conflict {
                    mentee: d.mentee,
                    mentor: d.mentor,
                    rule: None,
                });
            } else {
                room[d.mentor] -= 1;
                fixed[d.mentee] = Some((d.mentor, state));
            }
        }
        // The solver sees only the mentees without a fixed pair.
        let open: Vec<usize> = (0..n).filter(|&i| fixed[i].is_none()).collect();
        let mut scores = Vec::with_capacity(open.len() * m);
        let mut avoided = Vec::with_capacity(if self.avoided.is_empty() {
            0
        } else {
            open.len() * m
        });
        for &i in &open {
            scores.extend_from_slice(&self.scores[i * m..(i + 1) * m]);
            if !self.avoided.is_empty() {
                avoided.extend_from_slice(&self.avoided[i * m..(i + 1) * m]);
            }
        }
        let solved = solver::solve_avoiding(open.len(), m, &room, &scores, &avoided);
        let mut mentor_of: Vec<Option<(usize, PairState)>> = fixed;
        for (k, &i) in open.iter().enumerate() {
            mentor_of[i] = solved.column_of_row[k].map(|j| (j, PairState::Proposed));
        }
        let mut load = self.confirmed_load.clone();
        for (j, _) in mentor_of.iter().flatten() {
            load[*j] += 1;
        }
        let full =
            |j: usize, load: &[u32]| load[j] >= self.confirmed_load[j] + self.mentors[j].capacity;
        let mut pairs = Vec::new();
        let mut unmatched = Vec::new();
        let mut total_score = 0;
        for (i, assigned) in mentor_of.iter().enumerate() {
            match assigned {
                Some((j, state)) => {
                    let score = self.evaluate(i, *j).0;
                    total_score += u64::from(score);
                    let alternatives = self
                        .best(i, 4)
                        .into_iter()
                        .filter(|&(k, _)| k != *j)
                        .take(3)
                        .map(|(k, s)| (k, s, full(k, &load)))
                        .collect();
                    pairs.push(ProposedPair {
                        mentee: i,
                        mentor: *j,
                        score,
                        state: *state,
                        alternatives,
                    });
                }
                None => unmatched.push((i, self.why_unmatched(i))),
            }
        }
        let without_common_time = pairs
            .iter()
            .filter(|p| self.is_avoided(p.mentee, p.mentor))
            .count();
        Proposal {
            matched: pairs.len(),
            total_score,
            without_common_time,
            pairs,
            unmatched,
            conflicts,
            load,
        }
    }

    /// The `count` best mentors a mentee may have, best score first (ties:
    /// the round's order). One pass keeps the few best: sorting every mentor
    /// for every pair would cost more than solving.
    fn best(&self, mentee: usize, count: usize) -> Vec<(usize, u8)> {
        let m = self.mentors.len();
        let better = |a: &(usize, u8), b: &(usize, u8)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        let mut best: Vec<(usize, u8)> = Vec::with_capacity(count + 1);
        for (j, &s) in self.scores[mentee * m..(mentee + 1) * m].iter().enumerate() {
            if s < 0 || count == 0 {
                continue;
            }
            let candidate = (j, s as u8);
            if best.len() == count
                && best
                    .last()
                    .is_some_and(|last| better(&candidate, last).is_ge())
            {
                continue;
            }
            let at = best.partition_point(|b| better(b, &candidate).is_lt());
            best.insert(at, candidate);
            best.truncate(count);
        }
        best
    }

    fn why_unmatched(&self, mentee: usize) -> Unmatched {
        if self.mentors.is_empty() {
            return Unmatched::NoMentors;
        }
        let m = self.mentors.len();
        match self.best(mentee, 1).first() {
            Some(&(best, _)) => Unmatched::AllFull {
                fitting: self.scores[mentee * m..(mentee + 1) * m]
                    .iter()
                    .filter(|s| **s >= 0)
                    .count(),
                best,
            },
            None => {
                let mut counts: BTreeMap<Rule, usize> = BTreeMap::new();
                for j in 0..self.mentors.len() {
                    if let (_, Some(rule)) = self.evaluate(mentee, j) {
                        // Both directions of an avoid list read the same in a summary.
                        let rule = match rule {
                            Rule::AvoidedByMentor => Rule::AvoidedByMentee,
                            other => other,
                        };
                        *counts.entry(rule).or_default() += 1;
                    }
                }
                let mut counts: Vec<(Rule, usize)> = counts.into_iter().collect();
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                Unmatched::NoneFit(counts)
            }
        }
    }

    /// Why a mentee is unmatched, in a sentence.
    pub fn unmatched_text(&self, texts: &Texts, mentee: usize, why: &Unmatched) -> String {
        match why {
            Unmatched::NoMentors => texts.get("matching.unmatched.no_mentors").to_string(),
            Unmatched::NoneFit(counts) => {
                let m = self.mentors.len();
                if counts.len() == 1
                    && counts[0] == (Rule::Must(Criterion::Language), m)
                    && !self.mentees[mentee].languages.is_empty()
                {
                    return texts.format(
                        "matching.unmatched.no_language",
                        &[(
                            "languages",
                            &score::language_names(texts, &self.mentees[mentee].languages),
                        )],
                    );
                }
                let rules: Vec<String> = counts
                    .iter()
                    .map(|(rule, count)| format!("{} ({count})", texts.get(rule.short_key())))
                    .collect();
                texts.format(
                    "matching.unmatched.none_fit",
                    &[("rules", &rules.join(", "))],
                )
            }
            Unmatched::AllFull { fitting, best } => texts.counted(
                "matching.unmatched.all_full",
                *fitting as i64,
                &[("mentor", &self.mentors[*best].name)],
            ),
        }
    }

    /// Why a conflict keeps a pair out of the proposal, in a sentence.
    pub fn conflict_text(&self, texts: &Texts, conflict: &Conflict) -> String {
        match conflict.rule {
            Some(rule) => self.rule_text(texts, rule, conflict.mentee, conflict.mentor),
            None => self.full_text(
                texts,
                conflict.mentor,
                self.mentors[conflict.mentor].capacity,
            ),
        }
    }

    fn full_text(&self, texts: &Texts, mentor: usize, load: u32) -> String {
        let capacity = self.confirmed_load[mentor] + self.mentors[mentor].capacity;
        texts.format(
            "matching.rule.full",
            &[
                ("mentor", &self.mentors[mentor].name),
                ("load", &(self.confirmed_load[mentor] + load).to_string()),
                ("capacity", &capacity.to_string()),
            ],
        )
    }

    /// Things the officer should know before proposing (no mentors, too little room).
    pub fn warnings(&self, texts: &Texts) -> Vec<String> {
        let mut warnings = Vec::new();
        let room: u32 = self.mentors.iter().map(|m| m.capacity).sum();
        if self.mentees.is_empty() {
            warnings.push(texts.get("matching.warning.no_mentees").to_string());
        }
        if self.mentors.is_empty() {
            warnings.push(texts.get("matching.warning.no_mentors").to_string());
        } else if (room as usize) < self.mentees.len() {
            warnings.push(texts.format(
                "matching.warning.capacity",
                &[
                    ("mentees", &self.mentees.len().to_string()),
                    ("places", &room.to_string()),
                ],
            ));
        }
        warnings
    }

    /// Every mentor a mentee could be moved to, with the score and any refusal.
    /// `proposal` is this round's proposal, for each mentor's load.
    pub fn move_options(
        &self,
        texts: &Texts,
        proposal: &Proposal,
        mentee: usize,
    ) -> Vec<MoveOption> {
        let taken = self.fixed_load(Some(mentee));
        let proposal_load = &proposal.load;
        (0..self.mentors.len())
            .map(|j| {
                let (score, rule) = self.evaluate(mentee, j);
                let refusal = match rule {
                    Some(Rule::Rejected) | None if taken[j] < self.mentors[j].capacity => None,
                    Some(Rule::Rejected) | None => Some(self.full_text(texts, j, taken[j])),
                    Some(rule) => Some(self.rule_text(texts, rule, mentee, j)),
                };
                MoveOption {
                    mentor: j,
                    score,
                    refusal,
                    load: proposal_load[j],
                    capacity: self.confirmed_load[j] + self.mentors[j].capacity,
                }
            })
            .collect()
    }

    /// Per mentor, the accepted and locked pairs, leaving out one mentee's own.
    fn fixed_load(&self, except: Option<usize>) -> Vec<u32> {
        let mut taken = vec![0; self.mentors.len()];
        for d in &self.decisions {
            if d.decision != Decision::Reject && Some(d.mentee) != except {
                taken[d.mentor] += 1;
            }
        }
        taken
    }
}

/// Reads a programme's matching round from the store.
pub fn round(store: &Store, programme: ProgrammeId) -> Result<Round> {
    let details = programme::get(store, programme)?;
    let conn = store.conn();
    let read = |e| store.read_error(e);
    let criteria = criteria::load(conn, programme).map_err(read)?;
    let people = participant::all(store, programme)?;
    let persons: HashMap<i64, i64> = conn
        .prepare("SELECT id, person_id FROM participant WHERE programme_id = ?1")
        .and_then(|mut s| {
            s.query_map([programme.0], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .map_err(read)?;
    let managers: HashMap<i64, i64> = conn
        .prepare("SELECT id, manager_id FROM person WHERE manager_id IS NOT NULL")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(read)?;
    let matches: Vec<(i64, i64, String)> = conn
        .prepare("SELECT mentee_id, mentor_id, status FROM match_pair WHERE programme_id = ?1")
        .and_then(|mut s| {
            s.query_map([programme.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(read)?;
    let decisions: Vec<(i64, i64, String, bool)> = conn
        .prepare(
            "SELECT d.mentee_id, d.mentor_id, d.decision, d.kept FROM match_decision d
             JOIN participant p ON p.id = d.mentee_id
             WHERE p.programme_id = ?1 ORDER BY d.decided_at, d.mentee_id, d.mentor_id",
        )
        .and_then(|mut s| {
            s.query_map([programme.0], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect()
        })
        .map_err(read)?;

    let open_match = |id: i64, mentee: bool| {
        matches.iter().filter(move |(e, o, status)| {
            status != "dissolved" && if mentee { *e == id } else { *o == id }
        })
    };
    let mut mentees = Vec::new();
    let mut mentors = Vec::new();
    let mut confirmed_load = Vec::new();
    for p in people {
        let e = &p.enrolment;
        if e.status == Status::Withdrawn {
            continue;
        }
        let person = persons.get(&p.id.0).copied().unwrap_or_default();
        let mut line = Vec::new();
        let mut at = person;
        // Walk up the reporting line; the store refuses cycles, the limit is a second guard.
        while let Some(&manager) = managers.get(&at) {
            if line.len() > 1000 || line.contains(&manager) {
                break;
            }
            line.push(manager);
            at = manager;
        }
        let load = open_match(p.id.0, false).count() as u32;
        let candidate = Candidate {
            id: p.id,
            person,
            name: e.full_name(),
            email: e.email.to_lowercase(),
            department: e.department.clone(),
            location: e.location.clone(),
            languages: e.languages.clone(),
            years: e.years_of_experience,
            topics: e.topics.clone(),
            availability: e.availability.clone(),
            capacity: u32::from(e.capacity.unwrap_or(details.draft.default_capacity))
                .saturating_sub(load),
            avoid: e.avoid.clone(),
            preferred: e.preferred_mentors.clone(),
            reporting_line: line,
        };
        match e.role {
            Role::Mentee if open_match(p.id.0, true).next().is_none() => mentees.push(candidate),
            Role::Mentee => {}
            Role::Mentor => {
                mentors.push(candidate);
                confirmed_load.push(load);
            }
        }
    }
    let mentee_at: HashMap<i64, usize> = mentees
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.0, i))
        .collect();
    let mentor_at: HashMap<i64, usize> = mentors
        .iter()
        .enumerate()
        .map(|(j, c)| (c.id.0, j))
        .collect();
    let forbidden: Vec<(usize, usize, Rule)> = matches
        .iter()
        .filter(|(_, _, status)| status == "dissolved")
        .filter_map(|(e, o, _)| Some((*mentee_at.get(e)?, *mentor_at.get(o)?, Rule::Dissolved)))
        .collect();
    let decided = decisions
        .iter()
        .filter_map(|(e, o, decision, kept)| {
            Some(Decided {
                mentee: *mentee_at.get(e)?,
                mentor: *mentor_at.get(o)?,
                decision: Decision::parse(decision)?,
                kept: *kept,
            })
        })
        .collect();
    Ok(Round::new(
        programme,
        criteria,
        mentees,
        mentors,
        confirmed_load,
        &forbidden,
        decided,
    ))
}

fn invalid(field: &str, key: &'static str) -> FieldError {
    FieldError::new(field, key)
}

/// The indexes of a mentee still to be matched and of a mentor of this round.
fn pair_in(round: &Round, mentee: ParticipantId, mentor: ParticipantId) -> Result<(usize, usize)> {
    let i = round
        .mentee_index(mentee)
        .ok_or_else(|| Error::Invalid(vec![invalid("mentee", "error.matching.not_open_mentee")]))?;
    let j = round
        .mentor_index(mentor)
        .ok_or_else(|| Error::Invalid(vec![invalid("mentor", "error.matching.not_mentor")]))?;
    Ok((i, j))
}

fn write_decision(
    tx: &rusqlite::Transaction<'_>,
    mentee: ParticipantId,
    mentor: ParticipantId,
    decision: Decision,
    now: NaiveDateTime,
) -> rusqlite::Result<()> {
    if decision != Decision::Reject {
        // A mentee has one accepted or locked pair: a new one replaces the old.
        tx.execute(
            "DELETE FROM match_decision
             WHERE mentee_id = ?1 AND mentor_id <> ?2 AND decision IN ('accept', 'lock')",
            params![mentee.0, mentor.0],
        )?;
    }
    // Accepting a pair kept despite a broken rule keeps that mark; rejecting drops it.
    tx.execute(
        "INSERT INTO match_decision (mentee_id, mentor_id, decision, kept, decided_at)
         VALUES (?1, ?2, ?3, 0, ?4)
         ON CONFLICT (mentee_id, mentor_id) DO UPDATE
         SET decision = ?3, kept = CASE WHEN ?3 = 'reject' THEN 0 ELSE kept END, decided_at = ?4",
        params![mentee.0, mentor.0, decision.as_str(), timestamp(now)],
    )?;
    Ok(())
}

/// Records the officer's decision on a pair; `None` clears it.
pub fn decide(
    store: &mut Store,
    programme: ProgrammeId,
    mentee: ParticipantId,
    mentor: ParticipantId,
    decision: Option<Decision>,
    now: NaiveDateTime,
) -> Result<()> {
    crate::programme::ensure_open(store, programme)?;
    let round = round(store, programme)?;
    pair_in(&round, mentee, mentor)?;
    store.write(|tx| {
        match decision {
            Some(decision) => write_decision(tx, mentee, mentor, decision, now)?,
            None => {
                tx.execute(
                    "DELETE FROM match_decision WHERE mentee_id = ?1 AND mentor_id = ?2",
                    params![mentee.0, mentor.0],
                )?;
            }
        }
        Ok(())
    })
}

/// Accepts every pair of the current proposal.
pub fn accept_all(store: &mut Store, programme: ProgrammeId, now: NaiveDateTime) -> Result<usize> {
    crate::programme::ensure_open(store, programme)?;
    let round = round(store, programme)?;
    let proposal = round.propose();
    store.write(|tx| {
        let mut accepted = 0;
        for pair in &proposal.pairs {
            if pair.state != PairState::Accepted {
                let (e, o) = (round.mentees[pair.mentee].id, round.mentors[pair.mentor].id);
                write_decision(tx, e, o, Decision::Accept, now)?;
                accepted += 1;
            }
        }
        Ok(accepted)
    })
}

/// Moves a mentee to another mentor: the pair is locked so that the proposal
/// keeps it. Refused, with the reason, when it breaks a rule or the mentor is full.
/// Moving onto a pair the officer rejected earlier takes back that rejection.
pub fn move_mentee(
    store: &mut Store,
    texts: &Texts,
    programme: ProgrammeId,
    mentee: ParticipantId,
    mentor: ParticipantId,
    now: NaiveDateTime,
) -> Result<()> {
    crate::programme::ensure_open(store, programme)?;
    let round = round(store, programme)?;
    let (i, j) = pair_in(&round, mentee, mentor)?;
    let option = &round.move_options(texts, &round.propose(), i)[j];
    if let Some(refusal) = &option.refusal {
        return Err(Error::Invalid(vec![
            FieldError::new("mentor", "error.matching.refused").with("reason", refusal.as_str()),
        ]));
    }
    store.write(|tx| Ok(write_decision(tx, mentee, mentor, Decision::Lock, now)?))
}

/// Keeps an accepted or locked pair although a later change broke a rule.
pub fn keep_anyway(
    store: &mut Store,
    programme: ProgrammeId,
    mentee: ParticipantId,
    mentor: ParticipantId,
) -> Result<()> {
    crate::programme::ensure_open(store, programme)?;
    let round = round(store, programme)?;
    pair_in(&round, mentee, mentor)?;
    store.write(|tx| {
        let changed = tx.execute(
            "UPDATE match_decision SET kept = 1
             WHERE mentee_id = ?1 AND mentor_id = ?2 AND decision IN ('accept', 'lock')",
            params![mentee.0, mentor.0],
        )?;
        if changed == 0 {
            return Err(Error::Invalid(vec![invalid(
                "mentor",
                "error.matching.no_decision",
            )]));
        }
        Ok(())
    })
}

/// Which pairs confirming turns into matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirming {
    /// The pairs the officer accepted on the board.
    Accepted,
    /// Every pair of the current proposal (the command line's `match confirm`).
    Proposal,
}

/// Turns pairs into confirmed matches in one transaction; returns their ids.
pub fn confirm(
    store: &mut Store,
    programme: ProgrammeId,
    which: Confirming,
    now: NaiveDateTime,
) -> Result<Vec<MatchId>> {
    crate::programme::ensure_open(store, programme)?;
    let round = round(store, programme)?;
    let proposal = round.propose();
    let stamp = timestamp(now);
    store.write(|tx| {
        let mut ids = Vec::new();
        for pair in &proposal.pairs {
            if which == Confirming::Accepted && pair.state != PairState::Accepted {
                continue;
            }
            let (e, o) = (round.mentees[pair.mentee].id, round.mentors[pair.mentor].id);
            tx.execute(
                "INSERT INTO match_pair (programme_id, mentee_id, mentor_id, score, status, confirmed_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'confirmed', ?5, ?5)",
                params![programme.0, e.0, o.0, pair.score, stamp],
            )?;
            ids.push(MatchId(tx.last_insert_rowid()));
            tx.execute("DELETE FROM match_decision WHERE mentee_id = ?1", [e.0])?;
        }
        Ok(ids)
    })
}

/// Dissolves a match with a reason: the mentee returns to the pool, the
/// match stays in the history, and this pair is never proposed again.
pub fn dissolve(store: &mut Store, id: MatchId, reason: &str, now: NaiveDateTime) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(vec![invalid("reason", "error.required")]));
    }
    if reason.chars().count() > 1000 {
        return Err(Error::Invalid(vec![
            invalid("reason", "error.text_too_long").with("max", "1000"),
        ]));
    }
    crate::programme::ensure_open(store, programme_of(store, id)?)?;
    store.write(|tx| dissolve_in(tx, id, reason, now))
}

/// Dissolves a match inside a transaction that does more (an intake's
/// outcome, say); the reason is already checked.
pub(crate) fn dissolve_in(
    tx: &rusqlite::Transaction<'_>,
    id: MatchId,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let status: Option<String> = tx
        .query_row("SELECT status FROM match_pair WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref() {
        None => Err(Error::NotFound {
            what: "match",
            id: id.0,
        }),
        Some("dissolved") => Err(Error::Invalid(vec![invalid(
            "reason",
            "error.matching.already_dissolved",
        )])),
        Some(_) => {
            tx.execute(
                "UPDATE match_pair SET status = 'dissolved', dissolved_at = ?2, dissolve_reason = ?3,
                     updated_at = ?2
                 WHERE id = ?1",
                params![id.0, timestamp(now), reason],
            )?;
            Ok(())
        }
    }
}

/// Where each participant of a programme stands in a pair: the furthest of
/// their matches that is not dissolved (a mentor may have several), for the
/// participants' table ("in a pair", not "applied").
pub fn pair_states(
    store: &Store,
    programme: ProgrammeId,
) -> Result<HashMap<ParticipantId, MatchStatus>> {
    let rank = |s: MatchStatus| match s {
        MatchStatus::Active => 4,
        MatchStatus::IntakePlanned => 3,
        MatchStatus::Confirmed => 2,
        MatchStatus::Completed => 1,
        MatchStatus::Dissolved => 0,
    };
    let mut states: HashMap<ParticipantId, MatchStatus> = HashMap::new();
    for m in list(store, programme)?
        .into_iter()
        .filter(|m| m.status != MatchStatus::Dissolved)
    {
        for who in [m.mentee, m.mentor] {
            let state = states.entry(who).or_insert(m.status);
            if rank(m.status) > rank(*state) {
                *state = m.status;
            }
        }
    }
    Ok(states)
}

/// Every match of a programme: open ones first, then dissolved, each by mentee name.
pub fn list(store: &Store, programme: ProgrammeId) -> Result<Vec<Match>> {
    select(store, "m.programme_id = ?1", programme.0)
}

/// Every match a participant is or was in, as mentee or mentor.
pub fn of_participant(store: &Store, participant: ParticipantId) -> Result<Vec<Match>> {
    select(
        store,
        "(m.mentee_id = ?1 OR m.mentor_id = ?1)",
        participant.0,
    )
}

/// One match, or `NotFound`.
pub fn get(store: &Store, id: MatchId) -> Result<Match> {
    select(store, "m.id = ?1", id.0)?
        .pop()
        .ok_or(Error::NotFound {
            what: "match",
            id: id.0,
        })
}

/// The matches that `condition` (on `match_pair m`, with one parameter) picks.
fn select(store: &Store, condition: &str, value: i64) -> Result<Vec<Match>> {
    let mut statement = store
        .conn()
        .prepare_cached(&format!(
            "SELECT m.id, m.programme_id, m.mentee_id, e.first_name || ' ' || e.last_name, e.email,
                    m.mentor_id, o.first_name || ' ' || o.last_name, o.email, m.score, m.status,
                    m.confirmed_at, m.dissolved_at, m.dissolve_reason
             FROM match_pair m
             JOIN participant ep ON ep.id = m.mentee_id JOIN person e ON e.id = ep.person_id
             JOIN participant op ON op.id = m.mentor_id JOIN person o ON o.id = op.person_id
             WHERE {condition}
             ORDER BY m.status = 'dissolved', e.last_name COLLATE NOCASE, e.first_name COLLATE NOCASE, m.id"
        ))
        .map_err(|e| store.read_error(e))?;
    let rows = statement
        .query_map([value], |r| {
            let status: String = r.get(9)?;
            let confirmed: String = r.get(10)?;
            let dissolved: Option<String> = r.get(11)?;
            Ok(Match {
                id: MatchId(r.get(0)?),
                programme: ProgrammeId(r.get(1)?),
                mentee: ParticipantId(r.get(2)?),
                mentee_name: r.get(3)?,
                mentee_email: r.get(4)?,
                mentor: ParticipantId(r.get(5)?),
                mentor_name: r.get(6)?,
                mentor_email: r.get(7)?,
                score: r.get(8)?,
                status: MatchStatus::parse(&status).unwrap_or(MatchStatus::Confirmed),
                confirmed_at: parse_timestamp(&confirmed).unwrap_or_default(),
                dissolved_at: dissolved.as_deref().and_then(parse_timestamp),
                dissolve_reason: r.get(12)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| store.read_error(e))?;
    Ok(rows)
}

/// The programme of a match, or `NotFound`.
pub fn programme_of(store: &Store, id: MatchId) -> Result<ProgrammeId> {
    store
        .conn()
        .query_row(
            "SELECT programme_id FROM match_pair WHERE id = ?1",
            [id.0],
            |r| r.get(0).map(ProgrammeId),
        )
        .optional()
        .map_err(|e| store.read_error(e))?
        .ok_or(Error::NotFound {
            what: "match",
            id: id.0,
        })
}

/// One row per mentee–mentor pair of the round, for checking the optimum
/// with another solver: mentee, mentor, mentor's room left, score (empty
/// when forbidden) and the rule that forbids it. Locks are not applied.
pub fn score_rows(round: &Round, texts: &Texts) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "mentee",
            "mentor",
            "mentor_capacity",
            "score",
            "forbidden_reason",
            "without_common_time",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, e) in round.mentees.iter().enumerate() {
        for (j, o) in round.mentors.iter().enumerate() {
            let (score, rule) = round.evaluate(i, j);
            rows.push(vec![
                e.email.clone(),
                o.email.clone(),
                o.capacity.to_string(),
                if rule.is_some() {
                    String::new()
                } else {
                    score.to_string()
                },
                rule.map(|r| round.rule_text(texts, r, i, j))
                    .unwrap_or_default(),
                if round.is_avoided(i, j) { "yes" } else { "" }.to_string(),
            ]);
        }
    }
    rows
}

#[cfg(test)]
mod tests;
