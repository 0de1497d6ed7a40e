//! Scoring one mentee–mentor pair: a whole number 0–100, the rules that
//! forbid the pair, and the reasons in plain words.
//!
//! Every criterion gives a fit from 0 to 100, or none when the data to judge
//! it is missing (then it neither helps nor hurts). The score is the weighted
//! average of the fits, rounded; integers throughout, so scores are exact.

use std::collections::HashMap;

use crate::i18n::Texts;
use crate::participant::{Availability, ParticipantId};

use super::criteria::{Criteria, Criterion, Weight};

/// A participant as the matcher sees them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Candidate {
    pub id: ParticipantId,
    pub person: i64,
    pub name: String,
    pub email: String,
    pub department: String,
    pub location: String,
    pub languages: Vec<String>,
    pub years: Option<u8>,
    pub topics: Vec<String>,
    pub availability: Availability,
    /// Mentors: how many mentees they can take in this matching round.
    pub capacity: u32,
    /// Lower-case e-mail addresses of people never to be matched with.
    pub avoid: Vec<String>,
    /// Mentees: lower-case e-mail addresses of wished-for mentors.
    pub preferred: Vec<String>,
    /// Mentees: the person ids of everyone above them in the reporting line.
    pub reporting_line: Vec<i64>,
}

/// Why a pair may not be matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    SamePerson,
    ReportingLine,
    /// The mentee listed the mentor as someone to avoid.
    AvoidedByMentee,
    /// The mentor listed the mentee as someone to avoid.
    AvoidedByMentor,
    /// An earlier match of this pair in the programme was dissolved.
    Dissolved,
    /// The officer rejected the pair on the board.
    Rejected,
    /// A criterion weighted "must" is not met.
    Must(Criterion),
}

impl Rule {
    /// The short name of the rule, for summaries ("reporting line").
    pub fn short_key(self) -> &'static str {
        match self {
            Rule::SamePerson => "matching.rule_short.same_person",
            Rule::ReportingLine => "matching.rule_short.reporting_line",
            Rule::AvoidedByMentee | Rule::AvoidedByMentor => "matching.rule_short.avoided",
            Rule::Dissolved => "matching.rule_short.dissolved",
            Rule::Rejected => "matching.rule_short.rejected",
            Rule::Must(criterion) => criterion.label_key(),
        }
    }
}

/// One line of a pair's breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub criterion: Criterion,
    pub weight: Weight,
    /// 0–100, or none when the data to judge it is missing.
    pub fit: Option<u8>,
    pub text: String,
}

/// The facts of a candidate in a form that is quick to compare: words become
/// numbers, lists are sorted, availability is minutes of the week.
#[derive(Debug, Clone, Default)]
struct Features {
    person: i64,
    email: u32,
    languages: Set,
    location: Option<u32>,
    department: Option<u32>,
    years: Option<u8>,
    topics: Set,
    week: Vec<(u32, u32)>,
    avoid: Vec<u32>,
    preferred: Vec<u32>,
    reporting_line: Vec<i64>,
}

/// A small set of words as numbers: a bit mask while every number is below
/// 64 (the usual case: a programme has a few dozen topics and languages),
/// else a sorted list.
#[derive(Debug, Clone, Default)]
struct Set {
    ids: Vec<u32>,
    mask: Option<u64>,
}

impl Set {
    fn new(ids: Vec<u32>) -> Set {
        let mask = ids
            .iter()
            .try_fold(0u64, |mask, &id| (id < 64).then(|| mask | (1 << id)));
        Set { ids, mask }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn common(&self, other: &Set) -> usize {
        match (self.mask, other.mask) {
            (Some(a), Some(b)) => (a & b).count_ones() as usize,
            _ => common(&self.ids, &other.ids),
        }
    }
}

/// Numbers for words, one numbering per kind so that topics and languages stay small.
#[derive(Default)]
struct Vocabulary {
    topics: Words,
    languages: Words,
    other: Words,
}

#[derive(Default)]
struct Words(HashMap<String, u32>);

impl Words {
    fn id(&mut self, word: &str) -> u32 {
        let key = word.trim().to_lowercase();
        let next = self.0.len() as u32;
        *self.0.entry(key).or_insert(next)
    }

    fn optional(&mut self, word: &str) -> Option<u32> {
        (!word.trim().is_empty()).then(|| self.id(word))
    }

    fn sorted(&mut self, words: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = words.iter().map(|w| self.id(w)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

fn features(c: &Candidate, vocabulary: &mut Vocabulary) -> Features {
    let words = &mut vocabulary.other;
    let mut week: Vec<(u32, u32)> = c
        .availability
        .slots()
        .iter()
        .map(|s| {
            let day = u32::from(s.weekday - 1) * 1440;
            (day + u32::from(s.start), day + u32::from(s.end))
        })
        .collect();
    week.sort_unstable();
    let mut line = c.reporting_line.clone();
    line.sort_unstable();
    Features {
        person: c.person,
        email: words.id(&c.email),
        languages: Set::new(vocabulary.languages.sorted(&c.languages)),
        location: words.optional(&c.location),
        department: words.optional(&c.department),
        years: c.years,
        topics: Set::new(vocabulary.topics.sorted(&c.topics)),
        week,
        avoid: words.sorted(&c.avoid),
        preferred: words.sorted(&c.preferred),
        reporting_line: line,
    }
}

fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The intervals (minutes of the week) when both are available.
fn overlap(a: &[(u32, u32)], b: &[(u32, u32)]) -> impl Iterator<Item = (u32, u32)> {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            let start = a[i].0.max(b[j].0);
            let end = a[i].1.min(b[j].1);
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
            if start < end {
                return Some((start, end));
            }
        }
        None
    })
}

/// `part / whole` as a whole percentage, rounded half up.
fn percent(part: u32, whole: u32) -> u8 {
    if whole == 0 {
        return 100;
    }
    ((200 * part.min(whole) + whole) / (2 * whole)) as u8
}

/// Scores every pair of one programme's matching round.
pub struct Scorer {
    criteria: Criteria,
    mentees: Vec<Features>,
    mentors: Vec<Features>,
    /// Per mentee, the mentors forbidden by the programme's history or the officer.
    decided: Vec<Vec<(usize, Rule)>>,
    /// Each criterion's points and whether it is a rule, read once: scoring
    /// a large programme looks these up a million times.
    points: [u32; 7],
    must: [bool; 7],
    seniority: i32,
    availability: u32,
}

impl Scorer {
    pub fn new(criteria: &Criteria, mentees: &[Candidate], mentors: &[Candidate]) -> Scorer {
        let mut words = Vocabulary::default();
        Scorer {
            criteria: criteria.clone(),
            mentees: mentees.iter().map(|c| features(c, &mut words)).collect(),
            mentors: mentors.iter().map(|c| features(c, &mut words)).collect(),
            decided: vec![Vec::new(); mentees.len()],
            points: Criterion::ALL.map(|c| criteria.weight(c).points()),
            must: Criterion::ALL.map(|c| criteria.weight(c) == Weight::Must),
            seniority: i32::from(criteria.parameter(Criterion::Seniority)),
            availability: u32::from(criteria.parameter(Criterion::Availability)),
        }
    }

    /// Forbids a pair for a reason outside the criteria (dissolved before, rejected).
    pub fn forbid(&mut self, mentee: usize, mentor: usize, rule: Rule) {
        if !self.decided[mentee].iter().any(|(m, _)| *m == mentor) {
            self.decided[mentee].push((mentor, rule));
        }
    }

    /// Each criterion's fit for the pair, in [`Criterion::ALL`] order.
    fn fits(&self, mentee: usize, mentor: usize) -> [Option<u8>; 7] {
        let (e, o) = (&self.mentees[mentee], &self.mentors[mentor]);
        let both = |a: bool, b: bool| a && b;
        let topics = (!e.topics.is_empty())
            .then(|| percent(e.topics.common(&o.topics) as u32, e.topics.len() as u32));
        let language = both(!e.languages.is_empty(), !o.languages.is_empty()).then(|| {
            if e.languages.common(&o.languages) > 0 {
                100
            } else {
                0
            }
        });
        let location = match (e.location, o.location) {
            (Some(a), Some(b)) => Some(if a == b { 100 } else { 0 }),
            _ => None,
        };
        let seniority = match (e.years, o.years) {
            (Some(a), Some(b)) => {
                let gap = i32::from(b) - i32::from(a);
                let wanted = self.seniority;
                Some(if gap >= wanted {
                    100
                } else if gap <= 0 {
                    0
                } else {
                    percent(gap as u32, wanted as u32)
                })
            }
            _ => None,
        };
        let availability = both(!e.week.is_empty(), !o.week.is_empty()).then(|| {
            let minutes: u32 = overlap(&e.week, &o.week).map(|(s, t)| t - s).sum();
            percent(minutes, self.availability)
        });
        let department = match (e.department, o.department) {
            (Some(a), Some(b)) => Some(if a == b { 0 } else { 100 }),
            _ => None,
        };
        let preference = (!e.preferred.is_empty()).then(|| {
            if e.preferred.binary_search(&o.email).is_ok() {
                100
            } else {
                0
            }
        });
        [
            topics,
            language,
            location,
            seniority,
            availability,
            department,
            preference,
        ]
    }

    /// A "must" criterion is met when its fit is full, or for topics when at
    /// least one wish is covered; missing data never blocks a pair.
    fn meets(criterion: Criterion, fit: Option<u8>) -> bool {
        match (criterion, fit) {
            (_, None) => true,
            (Criterion::Topics, Some(f)) => f > 0,
            (_, Some(f)) => f == 100,
        }
    }

    fn rule(&self, mentee: usize, mentor: usize, fits: &[Option<u8>; 7]) -> Option<Rule> {
        let (e, o) = (&self.mentees[mentee], &self.mentors[mentor]);
        if e.person == o.person {
            return Some(Rule::SamePerson);
        }
        if e.reporting_line.binary_search(&o.person).is_ok() {
            return Some(Rule::ReportingLine);
        }
        if e.avoid.binary_search(&o.email).is_ok() {
            return Some(Rule::AvoidedByMentee);
        }
        if o.avoid.binary_search(&e.email).is_ok() {
            return Some(Rule::AvoidedByMentor);
        }
        if let Some((_, rule)) = self.decided[mentee].iter().find(|(m, _)| *m == mentor) {
            return Some(*rule);
        }
        Criterion::ALL
            .into_iter()
            .zip(fits)
            .zip(self.must)
            .find_map(|((criterion, fit), must)| {
                (must && !Scorer::meets(criterion, *fit)).then_some(Rule::Must(criterion))
            })
    }

    fn weighted(&self, fits: &[Option<u8>; 7]) -> u8 {
        let (mut sum, mut points) = (0u32, 0u32);
        for (weight, fit) in self.points.into_iter().zip(fits) {
            if let Some(fit) = fit
                && weight > 0
            {
                sum += weight * u32::from(*fit);
                points += weight;
            }
        }
        if points == 0 {
            return 50;
        }
        ((2 * sum + points) / (2 * points)) as u8
    }

    /// True when both gave their weekly availability and it never overlaps:
    /// such a pair can never hold a talk.
    pub fn without_common_time(&self, mentee: usize, mentor: usize) -> bool {
        let (e, o) = (&self.mentees[mentee], &self.mentors[mentor]);
        !e.week.is_empty() && !o.week.is_empty() && overlap(&e.week, &o.week).next().is_none()
    }

    /// The pair's score and, if it may not be matched, the first rule it breaks.
    pub fn evaluate(&self, mentee: usize, mentor: usize) -> (u8, Option<Rule>) {
        let fits = self.fits(mentee, mentor);
        (self.weighted(&fits), self.rule(mentee, mentor, &fits))
    }

    /// Every pair's score, row by row, with forbidden pairs as [`super::solver::FORBIDDEN`].
    pub fn matrix(&self) -> Vec<i16> {
        let m = self.mentors.len();
        let mut scores = vec![0i16; self.mentees.len() * m];
        if m == 0 {
            return scores;
        }
        let fill = |first: usize, rows: &mut [i16]| {
            for (k, row) in rows.chunks_mut(m).enumerate() {
                for (mentor, cell) in row.iter_mut().enumerate() {
                    let (score, rule) = self.evaluate(first + k, mentor);
                    *cell = if rule.is_some() {
                        super::solver::FORBIDDEN
                    } else {
                        i16::from(score)
                    };
                }
            }
        };
        // A large programme is scored on every core: each pair is independent.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        if threads == 1 || scores.len() < 50_000 {
            fill(0, &mut scores);
            return scores;
        }
        let per_thread = self.mentees.len().div_ceil(threads);
        std::thread::scope(|scope| {
            for (t, part) in scores.chunks_mut(per_thread * m).enumerate() {
                let fill = &fill;
                scope.spawn(move || fill(t * per_thread, part));
            }
        });
        scores
    }

    /// The breakdown per criterion that is switched on, in plain words.
    pub fn explain(
        &self,
        texts: &Texts,
        mentees: &[Candidate],
        mentors: &[Candidate],
        mentee: usize,
        mentor: usize,
    ) -> Vec<Reason> {
        let fits = self.fits(mentee, mentor);
        let (e, o) = (&mentees[mentee], &mentors[mentor]);
        Criterion::ALL
            .into_iter()
            .zip(fits)
            .filter(|(criterion, _)| self.criteria.weight(*criterion) != Weight::Off)
            .map(|(criterion, fit)| Reason {
                criterion,
                weight: self.criteria.weight(criterion),
                fit,
                text: self.sentence(texts, criterion, fit, e, o),
            })
            .collect()
    }

    fn sentence(
        &self,
        texts: &Texts,
        criterion: Criterion,
        fit: Option<u8>,
        e: &Candidate,
        o: &Candidate,
    ) -> String {
        let lang = texts.language();
        match criterion {
            Criterion::Topics => {
                let covered: Vec<String> = e
                    .topics
                    .iter()
                    .filter(|t| {
                        let wish = t.trim().to_lowercase();
                        o.topics.iter().any(|m| m.trim().to_lowercase() == wish)
                    })
                    .cloned()
                    .collect();
                let count = e.topics.len().to_string();
                match fit {
                    None => texts.get("matching.reason.topics.unknown").to_string(),
                    Some(0) => texts.counted(
                        "matching.reason.topics.none",
                        e.topics.len() as i64,
                        &[("count", &count), ("wishes", &join(texts, &e.topics))],
                    ),
                    Some(_) if covered.len() == e.topics.len() => texts.counted(
                        "matching.reason.topics.all",
                        e.topics.len() as i64,
                        &[("count", &count), ("topics", &join(texts, &covered))],
                    ),
                    Some(_) => texts.format(
                        "matching.reason.topics.some",
                        &[
                            ("covered", &covered.len().to_string()),
                            ("count", &count),
                            ("topics", &join(texts, &covered)),
                        ],
                    ),
                }
            }
            Criterion::Language => match fit {
                None => texts.get("matching.reason.language.unknown").to_string(),
                Some(0) => texts.format(
                    "matching.reason.language.none",
                    &[
                        ("mentee", &language_names(texts, &e.languages)),
                        ("mentor", &language_names(texts, &o.languages)),
                    ],
                ),
                Some(_) => {
                    let shared: Vec<String> = e
                        .languages
                        .iter()
                        .filter(|l| o.languages.contains(l))
                        .cloned()
                        .collect();
                    texts.format(
                        "matching.reason.language.common",
                        &[("languages", &language_names(texts, &shared))],
                    )
                }
            },
            Criterion::Location => match fit {
                None => texts.get("matching.reason.location.unknown").to_string(),
                Some(100) => texts.format(
                    "matching.reason.location.same",
                    &[("location", e.location.trim())],
                ),
                Some(_) => texts.format(
                    "matching.reason.location.different",
                    &[("mentee", e.location.trim()), ("mentor", o.location.trim())],
                ),
            },
            Criterion::Seniority => {
                let wanted = self.criteria.parameter(Criterion::Seniority).to_string();
                match (e.years, o.years) {
                    (Some(a), Some(b)) if b > a => {
                        let gap = (b - a).to_string();
                        let key = if fit == Some(100) {
                            "matching.reason.seniority.enough"
                        } else {
                            "matching.reason.seniority.short"
                        };
                        texts.counted(key, i64::from(b - a), &[("gap", &gap), ("min", &wanted)])
                    }
                    (Some(a), Some(b)) => texts.format(
                        "matching.reason.seniority.less",
                        &[("mentee", &a.to_string()), ("mentor", &b.to_string())],
                    ),
                    _ => texts.get("matching.reason.seniority.unknown").to_string(),
                }
            }
            Criterion::Availability => {
                let mut words = Vocabulary::default();
                let (fe, fo) = (features(e, &mut words), features(o, &mut words));
                let shared: Vec<(u32, u32)> = overlap(&fe.week, &fo.week).collect();
                let minutes: u32 = shared.iter().map(|(s, t)| t - s).sum();
                let wanted = u32::from(self.criteria.parameter(Criterion::Availability));
                match (fit, shared.first()) {
                    (None, _) => texts
                        .get("matching.reason.availability.unknown")
                        .to_string(),
                    (_, None) => texts.get("matching.reason.availability.none").to_string(),
                    (Some(f), Some(&(start, end))) => {
                        let day = Availability::day_name((start / 1440 + 1) as u8, lang);
                        // English writes day names with a capital; Dutch and French do not.
                        let day = if lang == "en" {
                            day[..1].to_uppercase() + &day[1..]
                        } else {
                            day.to_string()
                        };
                        let first = format!(
                            "{} {}–{}",
                            day,
                            clock(start % 1440),
                            clock(if end % 1440 == 0 { 1440 } else { end % 1440 })
                        );
                        let key = if f == 100 {
                            "matching.reason.availability.enough"
                        } else {
                            "matching.reason.availability.short"
                        };
                        texts.format(
                            key,
                            &[
                                ("time", &duration(texts, minutes)),
                                ("min", &duration(texts, wanted)),
                                ("first", &first),
                            ],
                        )
                    }
                }
            }
            Criterion::Department => match fit {
                None => texts.get("matching.reason.department.unknown").to_string(),
                Some(0) => texts.format(
                    "matching.reason.department.same",
                    &[("department", e.department.trim())],
                ),
                Some(_) => texts.format(
                    "matching.reason.department.different",
                    &[
                        ("mentee", e.department.trim()),
                        ("mentor", o.department.trim()),
                    ],
                ),
            },
            Criterion::Preference => match fit {
                None => texts.get("matching.reason.preference.unknown").to_string(),
                Some(0) => texts.get("matching.reason.preference.no").to_string(),
                Some(_) => texts.get("matching.reason.preference.yes").to_string(),
            },
        }
    }

    /// Why a pair is forbidden, in a sentence naming the people.
    pub fn rule_text(
        &self,
        texts: &Texts,
        rule: Rule,
        mentees: &[Candidate],
        mentors: &[Candidate],
        mentee: usize,
        mentor: usize,
    ) -> String {
        let (e, o) = (&mentees[mentee], &mentors[mentor]);
        let names = [("mentee", e.name.as_str()), ("mentor", o.name.as_str())];
        match rule {
            Rule::SamePerson => texts.format("matching.rule.same_person", &names),
            Rule::ReportingLine => texts.format("matching.rule.reporting_line", &names),
            Rule::AvoidedByMentee => texts.format("matching.rule.avoided_by_mentee", &names),
            Rule::AvoidedByMentor => texts.format("matching.rule.avoided_by_mentor", &names),
            Rule::Dissolved => texts.format("matching.rule.dissolved", &names),
            Rule::Rejected => texts.format("matching.rule.rejected", &names),
            Rule::Must(criterion) => {
                let fits = self.fits(mentee, mentor);
                let because = self.sentence(texts, criterion, fits[criterion as usize], e, o);
                texts.format(
                    "matching.rule.must",
                    &[
                        ("criterion", texts.get(criterion.label_key())),
                        ("reason", &because),
                    ],
                )
            }
        }
    }
}

/// "leadership, negotiation and planning".
pub fn join(texts: &Texts, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {}", rest.join(", "), texts.get("matching.and"), last),
    }
}

/// Language codes as names in the reader's language ("French and Dutch").
pub fn language_names(texts: &Texts, codes: &[String]) -> String {
    let names: Vec<String> = codes
        .iter()
        .map(|code| {
            let key = format!("language.code.{code}");
            let name = texts.get(&key);
            if name == key {
                code.to_uppercase()
            } else {
                name.to_string()
            }
        })
        .collect();
    join(texts, &names)
}

fn clock(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// "2 h 30 min", "45 min".
fn duration(texts: &Texts, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let (hours, rest) = (h.to_string(), m.to_string());
    match (h, m) {
        (0, _) => texts.format("matching.time.minutes", &[("minutes", &rest)]),
        (_, 0) => texts.format("matching.time.hours", &[("hours", &hours)]),
        _ => texts.format(
            "matching.time.hours_minutes",
            &[("hours", &hours), ("minutes", &rest)],
        ),
    }
}
