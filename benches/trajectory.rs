//! A large programme's results: 500 pairs with 6,000 meetings, progress on
//! 1,500 goals and 2,000 check-in answers. Targets: the programme report
//! (read, computed, laid out and written as PDF) ≤ 1 s; the dashboard's key
//! figures and attention list ≤ 50 ms.

use chrono::{Duration, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use klik::agreement::{self, AgreementForm, GoalForm, Signatures};
use klik::intake::{self, Outcome};
use klik::matching::{self, Confirming};
use klik::participant::import;
use klik::programme::{self, ProgrammeForm, ProgrammeId};
use klik::trajectory::{
    self, AnswerForm, CheckinForm, MeetingForm, ProgressForm, attention, kpi, report,
};
use klik::{Store, clock, date, document};

fn at(text: &str) -> NaiveDateTime {
    clock::pinned(text).unwrap()
}

fn programme_with_trajectories() -> (Store, ProgrammeId) {
    let mut store = Store::open_in_memory().unwrap();
    let draft = ProgrammeForm {
        name: "Groeien in je rol".into(),
        start: "01-01-2026".into(),
        end: "31-12-2026".into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let confirmed = at("2026-01-05T10:00:00");
    let id = programme::create(&mut store, &draft, confirmed).unwrap();
    let mut csv = String::from("role;first name;last name;email;capacity\n");
    for k in 0..500 {
        csv.push_str(&format!("mentee;Zoë{k};Peeters;zoe{k}@devries.be;\n"));
    }
    for k in 0..170 {
        csv.push_str(&format!("mentor;Marie{k};Dubois;marie{k}@devries.be;3\n"));
    }
    let preview = import::preview(&store, id, csv.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, confirmed).unwrap();
    let matches = matching::confirm(&mut store, id, Confirming::Proposal, confirmed).unwrap();
    assert_eq!(matches.len(), 500);
    let klik = at("2026-01-12T10:00:00");
    let later = at("2026-12-20T10:00:00");
    let first = klik.date() + Duration::days(7);
    for (k, m) in matches.iter().enumerate() {
        intake::record_outcome_held(&mut store, *m, Outcome::Klik, "", klik, klik).unwrap();
        let current = agreement::open(&mut store, *m, klik).unwrap();
        let mut form = AgreementForm::from_terms(&current.terms, "nl");
        form.start = date::iso(first);
        form.end = "31-12-2026".into();
        form.goals = (1..=3)
            .map(|g| GoalForm {
                what: format!("Leerdoel {g} van duo {k}: beter onderhandelen met leveranciers"),
                ..GoalForm::default()
            })
            .collect();
        agreement::save(&mut store, *m, &form.validate().unwrap(), klik).unwrap();
        agreement::mark_ready(&mut store, *m, klik).unwrap();
        let on = Some(klik.date());
        let signed = Signatures {
            mentee: on,
            mentor: on,
            coordinator: on,
        };
        agreement::sign(&mut store, *m, &signed, klik).unwrap();
        for n in 0..12 {
            let day = first + Duration::days(n * 28 + (k % 5) as i64);
            let meeting = MeetingForm {
                date: date::iso(day),
                minutes: "60".into(),
                held: (n + k as i64) % 9 != 0,
                topics: "Voorbereiding onderhandeling, feedback".into(),
                notes: String::new(),
                next_steps: "Offerte lezen en bespreken".into(),
            };
            trajectory::add_meeting(&mut store, *m, &meeting, later).unwrap();
        }
        for g in 1..=3u8 {
            for (month, state, percent) in [(3, "in_progress", "40"), (8, "achieved", "100")] {
                let progress = ProgressForm {
                    position: g,
                    date: format!("15-{month:02}-2026"),
                    state: if g == 3 {
                        "in_progress".into()
                    } else {
                        state.into()
                    },
                    percent: percent.into(),
                    note: "Goed op weg".into(),
                };
                trajectory::record_progress(&mut store, *m, &progress, later).unwrap();
            }
        }
        let answer = |score: usize| {
            Some(AnswerForm {
                satisfaction: (1 + score % 5).to_string(),
                fit: "good".into(),
                comment: String::new(),
            })
        };
        for (moment, day) in [("after_meetings", "20-04-2026"), ("halfway", "01-07-2026")] {
            let checkin = CheckinForm {
                moment: moment.into(),
                date: day.into(),
                mentor: answer(k + 3),
                mentee: answer(k),
            };
            trajectory::record_checkin(&mut store, *m, &checkin, later).unwrap();
        }
    }
    (store, id)
}

fn bench(c: &mut Criterion) {
    let (store, id) = programme_with_trajectories();
    let now = at("2026-12-20T10:00:00");
    let loaded = trajectory::load(&store, id).unwrap();
    let k = kpi::compute(&loaded, now.date());
    assert_eq!(k.meetings_held + k.meetings_cancelled, 6000);
    assert_eq!(k.goals_set, 1500);
    let mut group = c.benchmark_group("trajectory");
    group.sample_size(10);
    group.bench_function("dashboard: key figures and attention, 500 pairs", |b| {
        b.iter(|| {
            let loaded = trajectory::load(&store, id).unwrap();
            let k = kpi::compute(&loaded, now.date());
            black_box((k, attention::list(&loaded, now)))
        })
    });
    group.bench_function("key figures only, data already read", |b| {
        b.iter(|| black_box(kpi::compute(&loaded, now.date())))
    });
    group.bench_function("programme report PDF, 500 pairs and 6000 meetings", |b| {
        b.iter(|| {
            let (doc, _) = report::programme_report(&store, id, Some(false), now).unwrap();
            black_box(document::render(&doc).unwrap())
        })
    });
    group.finish();
    let (doc, _) = report::programme_report(&store, id, Some(false), now).unwrap();
    let pdf = document::render(&doc).unwrap();
    eprintln!(
        "programme report: {} pages, {} KB",
        pdf.pages,
        pdf.bytes.len() / 1024
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
