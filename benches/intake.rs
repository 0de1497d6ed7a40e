//! Planning speed: 500 intakes over a four-week period (target ≤ 100 ms),
//! the planner alone and the whole proposal read from a database.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use klik::i18n::Texts;
use klik::intake::{self, plan};
use klik::matching::{self, Confirming};
use klik::participant::availability::Availability;
use klik::participant::import;
use klik::programme::{self, ProgrammeForm, ProgrammeId};
use klik::{Store, clock};

const DAYS: [&str; 5] = ["ma", "di", "wo", "do", "vr"];

/// Two or three half days a week, varied by `k`, as people fill it in.
fn week(k: usize) -> String {
    let half = |n: usize| {
        let day = DAYS[n % 5];
        if n.is_multiple_of(2) {
            format!("{day} 9-12")
        } else {
            format!("{day} 13-17")
        }
    };
    let mut parts = vec![half(k), half(k * 7 + 3)];
    if k.is_multiple_of(3) {
        parts.push(half(k * 11 + 1));
    }
    parts.join(", ")
}

/// 500 confirmed matches: 500 mentees, 170 mentors with room for three each.
fn programme_with_matches() -> (Store, ProgrammeId) {
    let now = clock::pinned("2026-11-28T10:00:00").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let draft = ProgrammeForm {
        name: "Groeien in je rol".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = programme::create(&mut store, &draft, now).unwrap();
    let mut csv = String::from("role;first name;last name;email;availability;capacity\n");
    for k in 0..500 {
        csv.push_str(&format!(
            "mentee;Zoë{k};Peeters;zoe{k}@devries.be;{};\n",
            week(k)
        ));
    }
    for k in 0..170 {
        csv.push_str(&format!(
            "mentor;Marie{k};Dubois;marie{k}@devries.be;{};3\n",
            week(k + 1000)
        ));
    }
    let preview = import::preview(&store, id, csv.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, now).unwrap();
    let confirmed = matching::confirm(&mut store, id, Confirming::Proposal, now).unwrap();
    assert_eq!(confirmed.len(), 500);
    (store, id)
}

fn benches(c: &mut Criterion) {
    let texts = Texts::for_language("nl");
    let (store, id) = programme_with_matches();
    let from = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2027, 1, 29).unwrap();
    let start = from.and_time(chrono::NaiveTime::MIN);
    let proposal = intake::propose(&store, id, from, to, start, &texts).unwrap();
    eprintln!(
        "500 pairs over four weeks: {} planned, {} not placed",
        proposal.planned.len(),
        proposal.not_placed.len()
    );
    c.bench_function("propose intakes for 500 pairs (database)", |b| {
        b.iter(|| intake::propose(black_box(&store), id, from, to, start, &texts).unwrap())
    });

    let weeks: Vec<Availability> = (0..670)
        .map(|k| Availability::parse(&week(if k < 500 { k } else { k + 500 })).unwrap())
        .collect();
    let requests: Vec<plan::Request> = (0..500)
        .map(|k| plan::Request {
            mentor: 500 + (k % 170) as i64,
            mentee: k as i64,
            mentor_week: &weeks[500 + k % 170],
            mentee_week: &weeks[k],
            not_before: None,
        })
        .collect();
    let settings = plan::Settings {
        from,
        to,
        minutes: 60,
        day_start: 9 * 60,
        day_end: 17 * 60,
        closed: Default::default(),
        closed_weekdays: [6, 7].into(),
        max_per_day: 3,
    };
    c.bench_function("plan 500 intakes over four weeks (planner)", |b| {
        b.iter(|| plan::plan(black_box(&settings), &requests, &[]))
    });
}

criterion_group! {
    name = intake_benches;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(intake_benches);
