//! Printing speed: one two-page agreement (target ≤ 50 ms and ≤ 150 KB) and
//! every agreement of a programme with 100 pairs in one file (≤ 2 s).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use klik::Store;
use klik::agreement::{self, AgreementForm, GoalForm};
use klik::matching::{self, Confirming};
use klik::participant::import;
use klik::programme::{self, ProgrammeForm, ProgrammeId};
use klik::{clock, document, organisation};

fn programme_with_pairs(pairs: usize) -> (Store, ProgrammeId) {
    let now = clock::pinned("2026-11-28T10:00:00").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    organisation::set_name(&mut store, "De Vries Logistiek").unwrap();
    let draft = ProgrammeForm {
        name: "Groeien in je rol".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = programme::create(&mut store, &draft, now).unwrap();
    let mut csv = String::from("role;first name;last name;email;department;capacity\n");
    for k in 0..pairs {
        csv.push_str(&format!(
            "mentee;Zoë{k};Peeters;zoe{k}@devries.be;Logistiek;\n"
        ));
        csv.push_str(&format!(
            "mentor;Marie{k};Dubois;marie{k}@devries.be;Aankoop;1\n"
        ));
    }
    let preview = import::preview(&store, id, csv.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, now).unwrap();
    for m in matching::confirm(&mut store, id, Confirming::Proposal, now).unwrap() {
        let current = agreement::open(&mut store, m, now).unwrap();
        let mut form = AgreementForm::from_terms(&current.terms, "nl");
        form.goals = (1..=3)
            .map(|g| GoalForm {
                what: format!(
                    "Leerdoel {g}: leren onderhandelen met leveranciers over prijs en termijn"
                ),
                success: "Ik leid zelf de onderhandeling van het raamcontract".into(),
                target_date: "30-06-2027".into(),
                first_actions: "Twee gesprekken bijwonen en een voorbereiding uitschrijven".into(),
            })
            .collect();
        agreement::save(&mut store, m, &form.validate().unwrap(), now).unwrap();
    }
    (store, id)
}

fn benches(c: &mut Criterion) {
    let now = clock::pinned("2026-11-28T10:00:00").unwrap();
    let (store, id) = programme_with_pairs(100);
    let first = matching::list(&store, id).unwrap()[0].id;
    let one = agreement::document_for_match(&store, first, now).unwrap();
    let pdf = document::render(&one).unwrap();
    eprintln!(
        "one agreement: {} pages, {} bytes",
        pdf.pages,
        pdf.bytes.len()
    );
    c.bench_function("print one agreement", |b| {
        b.iter(|| document::render(black_box(&one)).unwrap())
    });
    c.bench_function("print all agreements of 100 pairs", |b| {
        b.iter(|| {
            let (all, _) = agreement::document_for_programme(&store, id, now).unwrap();
            document::render(&all).unwrap()
        })
    });
}

criterion_group! {
    name = documents;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(documents);
