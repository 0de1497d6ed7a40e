//! A programme's key figures, always computed from the data: supply and
//! demand, how many were matched, how the intakes went, where the pairs
//! stand, meetings held against the cadence, goals and satisfaction.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{GoalState, Side, Trajectory};
use crate::i18n::Texts;
use crate::intake::{IntakeStatus, Outcome};
use crate::matching::MatchStatus;
use crate::tabular::{Cell, NumberStyle};

/// The key figures of a programme on a day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kpis {
    pub mentors: u32,
    pub mentees: u32,
    /// Mentees with a match that is not dissolved.
    pub matched_mentees: u32,
    /// Intake talks held, by outcome.
    pub kliks: u32,
    pub unsure: u32,
    pub no_kliks: u32,
    /// Confirmed matches waiting for their intake (planned or not).
    pub waiting: u32,
    pub active: u32,
    pub completed: u32,
    pub dissolved: u32,
    /// Why pairs were dissolved, the most frequent first.
    pub dissolve_reasons: Vec<(String, u32)>,
    pub meetings_held: u32,
    pub meetings_cancelled: u32,
    pub minutes_held: u64,
    /// Meetings the cadence asks of the active and completed pairs so far.
    pub meetings_expected: u32,
    /// Average days from the klik to the first meeting, over the pairs that met.
    pub days_to_first_meeting: Option<f64>,
    /// The goals of the current agreements of active and completed pairs.
    pub goals_set: u32,
    /// Those goals by their latest state, in [`GoalState::ALL`] order.
    pub goals_by_state: [u32; 4],
    /// Average satisfaction (1–5) of every check-in answer, per side.
    pub satisfaction_mentors: Option<f64>,
    pub satisfaction_mentees: Option<f64>,
    /// How many check-in answers gave 1, 2, 3, 4 and 5.
    pub satisfaction_counts: [u32; 5],
    /// Held meetings per month, from the first month with one to the last.
    pub meetings_per_month: Vec<(NaiveDate, u32)>,
    /// Workshops whose attendance was registered, and the places taken and missed.
    pub workshops_registered: u32,
    pub workshop_present: u32,
    pub workshop_absent: u32,
}

/// A share as a whole percentage, rounded half up; none when nothing to share.
pub fn percent(part: u32, whole: u32) -> Option<u8> {
    (whole > 0).then(|| ((u64::from(part) * 200 + u64::from(whole)) / (2 * u64::from(whole))) as u8)
}

impl Kpis {
    /// Share of the mentees who have a match.
    pub fn match_rate(&self) -> Option<u8> {
        percent(self.matched_mentees, self.mentees)
    }

    /// Share of decided intakes (klik or no klik) that had a klik.
    pub fn klik_rate(&self) -> Option<u8> {
        percent(self.kliks, self.kliks + self.no_kliks)
    }

    pub fn goals_achieved(&self) -> u32 {
        self.goals_by_state[2]
    }

    /// Share of the expected meetings that were held.
    pub fn meeting_rate(&self) -> Option<u8> {
        percent(self.meetings_held, self.meetings_expected)
    }

    /// The figures as label–value rows, in the language of `texts`: for the
    /// report, the dashboard export and the CLI.
    pub fn rows(&self, texts: &Texts) -> Vec<(String, String)> {
        self.figures()
            .into_iter()
            .map(|(key, value)| (texts.get(key).to_string(), value.text(texts)))
            .collect()
    }

    /// The figures as label–cell rows for a spreadsheet: counts, averages
    /// and percentages as numbers (a percentage with its format), so that
    /// Excel can calculate with them; a figure without a base stays "–".
    pub fn cells(&self, texts: &Texts) -> Vec<(String, Cell)> {
        self.figures()
            .into_iter()
            .map(|(key, value)| (texts.get(key).to_string(), value.cell(texts)))
            .collect()
    }

    /// The headline figures of the dashboard as (number, words) cards. A
    /// figure is there only when it means something, and its words carry
    /// its base: "2" with "of 3 intake talks ended in a klik", never a bare
    /// "67 %", "0 / 0" or "1 / 0".
    pub fn cards(&self, texts: &Texts) -> Vec<(String, String)> {
        let n = |v: u32| v.to_string();
        let mut cards = Vec::new();
        if self.active + self.completed + self.waiting > 0 {
            cards.push((
                n(self.active),
                texts.counted("kpi.card.active", i64::from(self.active), &[]),
            ));
        }
        if self.completed > 0 {
            cards.push((
                n(self.completed),
                texts.counted("kpi.card.completed", i64::from(self.completed), &[]),
            ));
        }
        if self.meetings_expected > 0 {
            cards.push((
                n(self.meetings_held),
                texts.format(
                    "kpi.card.meetings",
                    &[("expected", &n(self.meetings_expected))],
                ),
            ));
        }
        if self.goals_set > 0 {
            cards.push((
                n(self.goals_achieved()),
                texts.format("kpi.card.goals", &[("set", &n(self.goals_set))]),
            ));
        }
        let decided = self.kliks + self.no_kliks;
        if decided > 0 {
            cards.push((
                n(self.kliks),
                texts.counted("kpi.card.kliks", i64::from(decided), &[]),
            ));
        }
        if let Some(score) = self.satisfaction_mentees {
            cards.push((
                decimal(score, texts),
                texts.get("kpi.satisfaction_mentees").to_string(),
            ));
        }
        cards
    }

    /// Every key figure by catalogue key, in the report's order.
    fn figures(&self) -> Vec<(&'static str, Value)> {
        use Value::{Count, Decimal, Percent};
        vec![
            ("kpi.mentors", Count(self.mentors)),
            ("kpi.mentees", Count(self.mentees)),
            ("kpi.matched_mentees", Count(self.matched_mentees)),
            ("kpi.match_rate", Percent(self.match_rate())),
            ("kpi.kliks", Count(self.kliks)),
            ("kpi.unsure", Count(self.unsure)),
            ("kpi.no_kliks", Count(self.no_kliks)),
            ("kpi.klik_rate", Percent(self.klik_rate())),
            ("kpi.waiting", Count(self.waiting)),
            ("kpi.active", Count(self.active)),
            ("kpi.completed", Count(self.completed)),
            ("kpi.dissolved", Count(self.dissolved)),
            ("kpi.meetings_held", Count(self.meetings_held)),
            ("kpi.meetings_expected", Count(self.meetings_expected)),
            ("kpi.meeting_rate", Percent(self.meeting_rate())),
            ("kpi.meetings_cancelled", Count(self.meetings_cancelled)),
            (
                "kpi.hours_held",
                Decimal(Some(self.minutes_held as f64 / 60.0)),
            ),
            (
                "kpi.days_to_first_meeting",
                Decimal(self.days_to_first_meeting),
            ),
            ("kpi.goals_set", Count(self.goals_set)),
            ("kpi.goals_achieved", Count(self.goals_achieved())),
            (
                "kpi.goals_achieved_rate",
                Percent(percent(self.goals_achieved(), self.goals_set)),
            ),
            (
                "kpi.satisfaction_mentees",
                Decimal(self.satisfaction_mentees),
            ),
            (
                "kpi.satisfaction_mentors",
                Decimal(self.satisfaction_mentors),
            ),
            ("kpi.workshops", Count(self.workshops_registered)),
            (
                "kpi.workshop_attendance",
                Percent(percent(
                    self.workshop_present,
                    self.workshop_present + self.workshop_absent,
                )),
            ),
        ]
    }
}

/// One key figure's value, typed so that a spreadsheet gets a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Count(u32),
    /// A whole percentage, or none when there is no base to count from.
    Percent(Option<u8>),
    /// One decimal (hours, days, a satisfaction score), or none.
    Decimal(Option<f64>),
}

impl Value {
    /// As the report prints it: "67 %", "3,5" in Dutch, "–" without a base.
    fn text(self, texts: &Texts) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Percent(p) => p.map_or_else(|| "–".to_string(), |p| format!("{p} %")),
            Value::Decimal(d) => d.map_or_else(|| "–".to_string(), |d| decimal(d, texts)),
        }
    }

    fn cell(self, texts: &Texts) -> Cell {
        let text = self.text(texts);
        match self {
            Value::Count(n) => Cell::Number {
                value: f64::from(n),
                style: NumberStyle::Whole,
                text,
            },
            Value::Percent(Some(p)) => Cell::Number {
                value: f64::from(p) / 100.0,
                style: NumberStyle::Percent,
                text,
            },
            Value::Decimal(Some(d)) => Cell::Number {
                value: (d * 10.0).round() / 10.0,
                style: NumberStyle::OneDecimal,
                text,
            },
            Value::Percent(None) | Value::Decimal(None) => Cell::Text(text),
        }
    }
}

/// A number with one decimal, written the way the language writes it (3,5 in Dutch).
pub fn decimal(value: f64, texts: &Texts) -> String {
    let text = format!("{value:.1}");
    if texts.language() == "en" {
        text
    } else {
        text.replace('.', ",")
    }
}

fn average(values: &[u8]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
}

/// The key figures of a programme on `today`.
pub fn compute(trajectory: &Trajectory, today: NaiveDate) -> Kpis {
    let mut k = Kpis {
        mentors: trajectory.counts.mentors,
        mentees: trajectory.counts.mentees,
        ..Kpis::default()
    };
    for i in trajectory
        .intakes
        .iter()
        .filter(|i| i.status == IntakeStatus::Held)
    {
        match i.outcome {
            Some(Outcome::Klik) => k.kliks += 1,
            Some(Outcome::Unsure) => k.unsure += 1,
            Some(Outcome::NoKlik) => k.no_kliks += 1,
            None => {}
        }
    }
    let cadence = trajectory.programme.draft.cadence_weeks;
    let mut reasons: BTreeMap<String, u32> = BTreeMap::new();
    let mut first_meeting_days = Vec::new();
    let mut per_month: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let (mut mentor_scores, mut mentee_scores) = (Vec::new(), Vec::new());
    for pair in &trajectory.pairs {
        match pair.pair.status {
            MatchStatus::Confirmed | MatchStatus::IntakePlanned => k.waiting += 1,
            MatchStatus::Active => k.active += 1,
            MatchStatus::Completed => k.completed += 1,
            MatchStatus::Dissolved => {
                k.dissolved += 1;
                let reason = pair.pair.dissolve_reason.clone().unwrap_or_default();
                *reasons.entry(reason.trim().to_string()).or_default() += 1;
            }
        }
        if pair.pair.status != MatchStatus::Dissolved {
            k.matched_mentees += 1;
        }
        for m in &pair.meetings {
            if m.held {
                k.meetings_held += 1;
                k.minutes_held += u64::from(m.minutes);
                let month = m.on.with_day(1).expect("every month has a first day");
                *per_month.entry(month).or_default() += 1;
            } else {
                k.meetings_cancelled += 1;
            }
        }
        for c in &pair.checkins {
            match c.side {
                Side::Mentor => mentor_scores.push(c.satisfaction),
                Side::Mentee => mentee_scores.push(c.satisfaction),
            }
            k.satisfaction_counts[usize::from(c.satisfaction.clamp(1, 5)) - 1] += 1;
        }
        if !matches!(
            pair.pair.status,
            MatchStatus::Active | MatchStatus::Completed
        ) {
            continue;
        }
        k.meetings_expected += pair.expected_meetings(cadence, today);
        if let Some(first) = pair.held().map(|m| m.on).min() {
            let from = pair.klik_on.unwrap_or(pair.start());
            first_meeting_days.push((first - from).num_days().max(0) as f64);
        }
        if let Some(agreement) = &pair.agreement {
            for position in 1..=agreement.terms.goals.len() as u8 {
                k.goals_set += 1;
                let state = pair
                    .latest_progress(position)
                    .map_or(GoalState::NotStarted, |p| p.state);
                let index = GoalState::ALL
                    .iter()
                    .position(|s| *s == state)
                    .expect("every state is in ALL");
                k.goals_by_state[index] += 1;
            }
        }
    }
    k.dissolve_reasons = reasons.into_iter().collect();
    k.dissolve_reasons
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    k.days_to_first_meeting = (!first_meeting_days.is_empty())
        .then(|| first_meeting_days.iter().sum::<f64>() / first_meeting_days.len() as f64);
    for w in trajectory.workshops.iter().filter(|w| w.registered()) {
        k.workshops_registered += 1;
        k.workshop_present += w.attended;
        k.workshop_absent += w.absent;
    }
    k.satisfaction_mentors = average(&mentor_scores);
    k.satisfaction_mentees = average(&mentee_scores);
    // Every month from the first to the last, so that a month without meetings shows as 0.
    if let (Some(first), Some(last)) = (
        per_month.keys().next().copied(),
        per_month.keys().next_back().copied(),
    ) {
        let mut month = first;
        while month <= last {
            k.meetings_per_month
                .push((month, per_month.get(&month).copied().unwrap_or(0)));
            month = month
                .checked_add_months(chrono::Months::new(1))
                .expect("a month after a stored date exists");
        }
    }
    k
}
