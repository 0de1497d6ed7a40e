//! Matching speed: the solver alone on random matrices, scoring plus
//! solving plus reasons on generated people, and a tie-heavy instance
//! with many forbidden pairs. Targets (2-core machine, median):
//! 200 × 60 (capacity 3) ≤ 1 ms; 2,000 × 500 (capacity 4) ≤ 60 ms to
//! solve and ≤ 100 ms with scoring and reasons; tie-heavy ≤ 160 ms.

use criterion::{Criterion as Bench, criterion_group, criterion_main};
use std::hint::black_box;

use klik::i18n::Texts;
use klik::matching::{Candidate, Criteria, Criterion, Round, Weight, solver};
use klik::participant::{Availability, ParticipantId, Slot};
use klik::programme::ProgrammeId;

/// A small deterministic random source, so every run measures the same instances.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn random_matrix(rows: usize, columns: usize, seed: u64) -> Vec<i16> {
    let mut dice = Dice(seed);
    (0..rows * columns)
        .map(|_| dice.below(101) as i16)
        .collect()
}

const TOPICS: [&str; 12] = [
    "leiderschap",
    "feedback geven",
    "Excel en data",
    "onderhandelen",
    "projectmanagement",
    "klantgerichtheid",
    "timemanagement",
    "presenteren",
    "coaching",
    "veiligheid",
    "planning",
    "HR",
];
const DEPARTMENTS: [&str; 6] = ["Logistiek", "Productie", "IT", "HR", "Aankoop", "Verkoop"];
const LOCATIONS: [&str; 4] = ["Gent", "Antwerpen", "Kortrijk", "Brussel"];

/// People drawn from a few values each, as in a real organisation: many ties.
fn people(count: usize, mentors: bool, dice: &mut Dice, offset: i64) -> Vec<Candidate> {
    (0..count)
        .map(|k| {
            let topics = (0..1 + dice.below(3))
                .map(|_| TOPICS[dice.below(12) as usize].to_string())
                .collect();
            // Mentees often speak only one language; a language rule then forbids many pairs.
            let languages = match dice.below(10) {
                0..=4 => vec!["nl".to_string()],
                5..=6 => vec!["fr".to_string()],
                7 => vec!["en".to_string(), "nl".to_string()],
                _ => vec!["fr".to_string(), "nl".to_string()],
            };
            let day = 1 + dice.below(5) as u8;
            let start = 8 * 60 + 60 * dice.below(8) as u16;
            Candidate {
                id: ParticipantId(offset + k as i64),
                person: offset + k as i64,
                name: format!("Person {}", offset + k as i64),
                email: format!("p{}@example.be", offset + k as i64),
                department: DEPARTMENTS[dice.below(6) as usize].to_string(),
                location: LOCATIONS[dice.below(4) as usize].to_string(),
                languages,
                years: Some(
                    (if mentors {
                        5 + dice.below(25)
                    } else {
                        dice.below(10)
                    }) as u8,
                ),
                topics,
                availability: Availability::from_slots(vec![Slot {
                    weekday: day,
                    start,
                    end: start + 120,
                }]),
                capacity: if mentors { 4 } else { 0 },
                ..Candidate::default()
            }
        })
        .collect()
}

fn round(mentees: usize, mentors: usize, criteria: Criteria, seed: u64) -> Round {
    let mut dice = Dice(seed);
    let e = people(mentees, false, &mut dice, 1);
    let o = people(mentors, true, &mut dice, 1_000_000);
    Round::new(
        ProgrammeId(1),
        criteria,
        e,
        o,
        vec![0; mentors],
        &[],
        Vec::new(),
    )
}

fn benches(c: &mut Bench) {
    let small = random_matrix(200, 60, 7);
    c.bench_function("solve 200 x 60 (capacity 3)", |b| {
        b.iter(|| solver::solve(200, 60, &[3; 60], black_box(&small)))
    });

    let large = random_matrix(2000, 500, 11);
    c.bench_function("solve 2000 x 500 (capacity 4)", |b| {
        b.iter(|| solver::solve(2000, 500, &[4; 500], black_box(&large)))
    });

    let texts = Texts::for_language("nl");
    let mut light = Criteria::default();
    light.set(Criterion::Language, Weight::High, None);
    c.bench_function("score, solve and explain 2000 x 500", |b| {
        b.iter(|| {
            let r = round(2000, 500, light.clone(), 3);
            let proposal = r.propose();
            let words: usize = proposal
                .pairs
                .iter()
                .map(|p| r.reasons(&texts, p.mentee, p.mentor).len())
                .sum();
            black_box(words)
        })
    });

    // Language and department as rules: about 40 % of pairs forbidden, scores from real criteria.
    let mut strict = Criteria::default();
    strict.set(Criterion::Language, Weight::Must, None);
    strict.set(Criterion::Department, Weight::Must, None);
    let tied = round(2000, 500, strict, 5);
    let forbidden =
        tied.scores().iter().filter(|s| **s < 0).count() as f64 / tied.scores().len() as f64;
    let distinct = tied
        .scores()
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    eprintln!(
        "tie-heavy instance: {:.0} % of pairs forbidden, {distinct} distinct scores",
        forbidden * 100.0
    );
    c.bench_function("tie-heavy 2000 x 500, 40% forbidden (solve)", |b| {
        b.iter(|| black_box(tied.propose()))
    });
}

criterion_group! {
    name = matching;
    config = Bench::default().sample_size(20);
    targets = benches
}
criterion_main!(matching);
