//! Speed targets of the participants issue: import of 10,000 CSV rows into an
//! empty programme (≤ 1 s) and a filtered table page at 10,000 (≤ 50 ms).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use klik::Store;
use klik::participant::{self, Query, Role, import};
use klik::programme::{self, ProgrammeForm, ProgrammeId};

const TOPICS: [&str; 8] = [
    "leiderschap",
    "coaching",
    "projectmanagement",
    "presenteren",
    "onderhandelen",
    "budgetbeheer",
    "timemanagement",
    "feedback geven",
];
const DEPARTMENTS: [&str; 6] = ["Logistiek", "Financiën", "IT", "Verkoop", "Productie", "HR"];
const DAYS: [&str; 5] = ["ma", "di", "wo", "do", "vr"];

/// A realistic Dutch CSV with `n` people: one mentor in five, managers pointing to earlier rows.
fn csv(n: usize) -> Vec<u8> {
    let mut text = String::from(
        "rol;voornaam;achternaam;e-mail;afdeling;leidinggevende e-mail;locatie;talen;jaren ervaring;onderwerpen;capaciteit;leervraag;beschikbaarheid\r\n",
    );
    for i in 0..n {
        let mentor = i % 5 == 0;
        let manager = if i > 10 && i % 7 == 0 {
            format!("persoon{}@bench.be", i - 10)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "{};Zoë{i};Peeters{i};persoon{i}@bench.be;{};{manager};Gent;nl, fr;{};{}, {};{};\"Leren {i}; beter worden\";{} 09:00-12:00, {} 14:00-16:00\r\n",
            if mentor { "mentor" } else { "mentee" },
            DEPARTMENTS[i % DEPARTMENTS.len()],
            i % 30,
            TOPICS[i % TOPICS.len()],
            TOPICS[(i / 3) % TOPICS.len()],
            if mentor { "3" } else { "" },
            DAYS[i % 5],
            DAYS[(i + 2) % 5],
        ));
    }
    text.into_bytes()
}

fn programme(store: &mut Store) -> ProgrammeId {
    let draft = ProgrammeForm {
        name: "Bench".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .expect("a valid programme");
    programme::create(store, &draft, klik::clock::pinned("2026-11-28").unwrap()).unwrap()
}

fn benches(c: &mut Criterion) {
    let now = klik::clock::pinned("2026-11-28").unwrap();
    let bytes = csv(10_000);
    let mut group = c.benchmark_group("participants");
    group.sample_size(10);
    group.bench_function(
        "import 10,000 CSV rows into an empty programme (file database)",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let mut store = Store::open(&dir.path().join("bench.sqlite")).unwrap();
                    let id = programme(&mut store);
                    (dir, store, id)
                },
                |(dir, mut store, id)| {
                    let preview = import::preview(&store, id, &bytes, None).unwrap();
                    assert!(preview.is_clean());
                    import::apply(&mut store, id, &preview, false, now).unwrap();
                    drop(store);
                    dir
                },
                BatchSize::PerIteration,
            )
        },
    );

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.sqlite")).unwrap();
    let id = programme(&mut store);
    let preview = import::preview(&store, id, &bytes, None).unwrap();
    import::apply(&mut store, id, &preview, false, now).unwrap();
    group.sample_size(50);
    group.bench_function(
        "table page at 10,000: search, role and topic filter, sorted",
        |b| {
            let query = Query {
                search: "zoë1".into(),
                role: Some(Role::Mentee),
                topic: Some("coaching".into()),
                limit: 50,
                ..Query::default()
            };
            b.iter(|| participant::page(&store, id, &query).unwrap())
        },
    );
    group.bench_function("table first page at 10,000, no filter", |b| {
        let query = Query {
            limit: 50,
            ..Query::default()
        };
        b.iter(|| participant::page(&store, id, &query).unwrap())
    });
    group.finish();
}

criterion_group!(participants, benches);
criterion_main!(participants);
