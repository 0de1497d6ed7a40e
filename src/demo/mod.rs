//! The demo: a realistic Flemish organisation with programmes in every state,
//! so that a new user sees Klik at work before entering anything.
//!
//! The demo always goes into its own database (see [`crate::data_dir::DataDir::demo_database`]);
//! [`populate`] refuses a database that already holds programmes, so it can
//! never mix invented people into real work. Dates are relative to the day it
//! is made, so the running programme is always mid-way.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::error::{Error, FieldError, Result};
use crate::participant::import;
use crate::programme::{self, Listing, ProgrammeDraft, ProgrammeId, default_phases};
use crate::store::Store;
use crate::{agreement, date, intake, matching, organisation, trajectory};

/// The running programme's mentors and mentees, as an HR officer's spreadsheet would list them.
const PARTICIPANTS: &[u8] = include_bytes!("participants.csv");
/// The closed programme's six mentors and six mentees.
const PAST_PARTICIPANTS: &[u8] = include_bytes!("past-participants.csv");

/// The demo organisation's name.
pub const ORGANISATION: &str = "De Vries Logistiek";

/// What [`populate`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    /// The programme running now, the one the app opens on.
    pub running: ProgrammeId,
    /// Every programme made, running first.
    pub programmes: Vec<ProgrammeId>,
}

/// Opens the demo database at `path`, filling it the first time: an existing
/// demo is kept with what the user did in it. The programmes it holds.
pub fn open(path: &std::path::Path, now: NaiveDateTime) -> Result<(Store, Vec<ProgrammeId>)> {
    let mut store = Store::open(path)?;
    let existing = programme::list(&store, Listing::All)?;
    let programmes = if existing.is_empty() {
        populate(&mut store, now)?.programmes
    } else {
        existing.iter().map(|p| p.id).collect()
    };
    Ok((store, programmes))
}

/// Fills an empty database with the demo organisation and its programmes.
pub fn populate(store: &mut Store, now: NaiveDateTime) -> Result<DemoSummary> {
    if !programme::list(store, Listing::All)?.is_empty() {
        return Err(Error::Invalid(vec![FieldError::new(
            "database",
            "error.demo.not_empty",
        )]));
    }
    let today = now.date();
    organisation::set_name(store, ORGANISATION)?;

    let running_start = first_of_month(today - Duration::days(75));
    let running = ProgrammeDraft {
        name: format!("Mentoring {}–{}: groeien in je rol", running_start.year(), running_start.year() + 1),
        purpose: "Jonge collega’s en zij-instromers sneller laten groeien door een ervaren collega als klankbord, \
                  en kennis die anders met pensioen gaat binnen De Vries Logistiek houden."
            .to_string(),
        goals: "Elke mentee formuleert 2 tot 3 SMART-leerdoelen en behaalt er minstens één.\n\
                80 % van de duo’s heeft minstens 8 gesprekken gehad.\n\
                Tevredenheid van mentees en mentoren gemiddeld 4 op 5 of hoger.\n\
                Minstens één leidinggevende rol wordt intern ingevuld door een oud-mentee."
            .to_string(),
        context: "Gestart na het personeelsonderzoek van vorig jaar, waarin starters aangaven dat ze de weg niet \
                  vinden tussen Gent, Antwerpen en Kortrijk. Coördinator: Anaïs Peeters (HR). \
                  Ondersteunende workshops: ‘Feedback geven’ en ‘De klik in het eerste gesprek’."
            .to_string(),
        start: running_start,
        end: running_start + Duration::days(364),
        cadence_weeks: 4,
        default_capacity: 2,
        document_language: "nl".to_string(),
        phases: Vec::new(),
    };

    let buddy_start = first_of_month(today + Duration::days(40));
    let buddies = ProgrammeDraft {
        name: "Buddy’s voor nieuwe collega’s — Kortrijk".to_string(),
        purpose: "Elke nieuwe collega in het magazijn van Kortrijk krijgt de eerste zes maanden een buddy.".to_string(),
        goals: "Nieuwe collega’s voelen zich na drie maanden thuis (score 4 op 5).\nMinder vertrek in het eerste jaar."
            .to_string(),
        context: "Op vraag van Ünal Çelik, teamleider logistiek.".to_string(),
        start: buddy_start,
        end: buddy_start + Duration::days(182),
        cadence_weeks: 2,
        default_capacity: 1,
        document_language: "nl".to_string(),
        phases: Vec::new(),
    };

    let bruxelles_start = first_of_month(today - Duration::days(20));
    let bruxelles = ProgrammeDraft {
        name: "Programme de mentorat — Bruxelles".to_string(),
        purpose: "Accompagner les nouveaux responsables d’équipe du site de Bruxelles.".to_string(),
        goals: "Chaque mentoré définit deux objectifs d’apprentissage.\nUn bilan à mi-parcours pour chaque duo."
            .to_string(),
        context: "Programme pilote en français, coordonné par Zoë Lambert.".to_string(),
        start: bruxelles_start,
        end: bruxelles_start + Duration::days(273),
        cadence_weeks: 3,
        default_capacity: 2,
        document_language: "fr".to_string(),
        phases: Vec::new(),
    };

    let past_start = first_of_month(today - Duration::days(600));
    let past = ProgrammeDraft {
        name: format!("Vrouwen in leiderschap {}", past_start.year()),
        purpose: "Vrouwelijke collega’s met leidinggevende ambities koppelen aan een mentor uit het directiecomité."
            .to_string(),
        goals: "Zes duo’s, elk met een persoonlijk ontwikkelplan.".to_string(),
        context: "Afgesloten; eindrapport voorgesteld aan de directie.".to_string(),
        start: past_start,
        end: past_start + Duration::days(300),
        cadence_weeks: 4,
        default_capacity: 1,
        document_language: "nl".to_string(),
        phases: Vec::new(),
    };

    let mut programmes = Vec::new();
    for mut draft in [running, buddies, bruxelles, past] {
        draft.phases = default_phases(draft.start, draft.end);
        programmes.push(programme::create(store, &draft, now)?);
    }
    let archived = *programmes.last().expect("four programmes were made");
    // The past programme went all the way: its trajectory, then closed (and so archived).
    past_trajectory(
        store,
        archived,
        past_start,
        past_start + Duration::days(300),
    )?;
    // The running programme's people come in through the same import as a user's spreadsheet.
    let preview = import::preview(store, programmes[0], PARTICIPANTS, None)?;
    import::apply(store, programmes[0], &preview, false, now)?;
    crate::guide::start_tour(store, programmes[0], archived)?;
    Ok(DemoSummary {
        running: programmes[0],
        programmes,
    })
}

/// A moment on a day of the past programme.
fn on(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).expect("whole hours exist")
}

/// The past programme's whole trajectory, written through the same core
/// functions as a coordinator would use, each on its own day: six pairs
/// confirmed, five kliks and one no klik, signed agreements with two goals,
/// a meeting every four weeks (some cancelled), progress, check-ins, a
/// required workshop, the closing evaluation, and finally closing.
fn past_trajectory(
    store: &mut Store,
    id: ProgrammeId,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<()> {
    let day = |n: i64| start + Duration::days(n);
    let preview = import::preview(store, id, PAST_PARTICIPANTS, None)?;
    import::apply(store, id, &preview, false, on(day(5), 9))?;
    let pairs = matching::confirm(store, id, matching::Confirming::Proposal, on(day(30), 10))?;
    const GOALS: [[&str; 2]; 6] = [
        [
            "Een team van twintig mensen leiden",
            "Een strategische presentatie geven aan het directiecomité",
        ],
        [
            "Budgetgesprekken zelf voeren",
            "Een netwerk opbouwen buiten Financiën",
        ],
        [
            "Een verandertraject op de werkvloer trekken",
            "Feedback geven aan ervaren collega’s",
        ],
        [
            "Zichtbaar worden bij de directie",
            "Een grote klant zelf binnenhalen",
        ],
        [
            "Een afdelingsplan voor twee jaar schrijven",
            "Delegeren zonder alles te controleren",
        ],
        [
            "Een coachende stijl van leidinggeven ontwikkelen",
            "Een intern netwerk van HR-collega’s uitbouwen",
        ],
    ];
    for (k, pair) in pairs.iter().enumerate() {
        let k64 = k as i64;
        let talk = on(day(40 + k64), 10);
        if k == 5 {
            intake::record_outcome_held(
                store,
                *pair,
                intake::Outcome::NoKlik,
                "Andere verwachtingen over de tijd die het vraagt",
                talk,
                talk,
            )?;
            continue;
        }
        intake::record_outcome_held(store, *pair, intake::Outcome::Klik, "", talk, talk)?;
        let signing = on(day(50 + k64), 11);
        let current = agreement::open(store, *pair, signing)?;
        let mut form = agreement::AgreementForm::from_terms(&current.terms, "nl");
        form.start = date::iso(day(55));
        form.end = date::iso(end - Duration::days(10));
        form.goals = GOALS[k]
            .iter()
            .map(|what| agreement::GoalForm {
                what: what.to_string(),
                ..agreement::GoalForm::default()
            })
            .collect();
        let terms = form.validate().map_err(Error::Invalid)?;
        agreement::save(store, *pair, &terms, signing)?;
        agreement::mark_ready(store, *pair, signing)?;
        let signed = Some(signing.date());
        agreement::sign(
            store,
            *pair,
            &agreement::Signatures {
                mentee: signed,
                mentor: signed,
                coordinator: signed,
            },
            signing,
        )?;
        let written = on(end, 17);
        for n in 0..8i64 {
            let meeting = trajectory::MeetingForm {
                date: date::iso(day(60 + n * 28 + k64)),
                minutes: if n == 0 { "90" } else { "60" }.to_string(),
                held: !(n == 3 && k % 2 == 0),
                topics: [
                    "Kennismaking en leerdoelen",
                    "Feedback en voorbereiding",
                    "Onderhandelen",
                    "Netwerken",
                ][(n % 4) as usize]
                    .to_string(),
                notes: String::new(),
                next_steps: "Volgende stap voorbereiden".to_string(),
            };
            trajectory::add_meeting(store, *pair, &meeting, written)?;
        }
        let progress =
            |position: u8, at: i64, state: &str, percent: &str| trajectory::ProgressForm {
                position,
                date: date::iso(day(at)),
                state: state.to_string(),
                percent: percent.to_string(),
                note: String::new(),
            };
        let mut steps = vec![
            progress(1, 110, "in_progress", "30"),
            progress(2, 150, "in_progress", "50"),
        ];
        steps.push(if k == 3 {
            progress(1, 230, "in_progress", "60")
        } else {
            progress(1, 230, "achieved", "100")
        });
        steps.push(match k {
            4 => progress(2, 250, "dropped", "50"),
            _ if k % 2 == 0 => progress(2, 250, "achieved", "100"),
            _ => progress(2, 250, "in_progress", "80"),
        });
        for step in &steps {
            trajectory::record_progress(store, *pair, step, written)?;
        }
        let answer = |score: u8, fit: &str| trajectory::AnswerForm {
            satisfaction: score.to_string(),
            fit: fit.to_string(),
            comment: String::new(),
        };
        for (moment, at, mentee) in [
            (
                "halfway",
                150,
                if k == 3 {
                    answer(3, "deciding")
                } else {
                    answer(4, "good")
                },
            ),
            ("end", 275, answer(4 + (k % 2) as u8, "good")),
        ] {
            let checkin = trajectory::CheckinForm {
                moment: moment.to_string(),
                date: date::iso(day(at)),
                mentor: Some(answer(5 - (k % 2) as u8, "good")),
                mentee: Some(mentee),
            };
            trajectory::record_checkin(store, *pair, &checkin, written)?;
        }
    }
    let workshop = trajectory::workshop::WorkshopForm {
        title: "Onderhandelen met impact".to_string(),
        date: date::iso(day(80)),
        time: "14:00".to_string(),
        minutes: "180".to_string(),
        location: "Hoofdkantoor Gent, zaal Leie".to_string(),
        audience: "mentees".to_string(),
        trainer: "Inge Maes".to_string(),
        required: true,
    };
    let w = trajectory::workshop::add(store, id, &workshop, on(day(31), 9))?;
    let present: Vec<_> = trajectory::workshop::invitees(store, w.id)?
        .into_iter()
        .filter(|i| i.name != "Tine Janssens")
        .map(|i| i.participant)
        .collect();
    trajectory::workshop::register_attendance(store, w.id, &present, on(day(81), 9))?;
    let texts = crate::i18n::Texts::for_language("nl");
    let questions: Vec<_> = trajectory::closing::default_questions(&texts)
        .into_iter()
        .map(|q| (q.text, q.kind))
        .collect();
    trajectory::closing::set_questions(store, id, &questions)?;
    for (k, person) in crate::participant::all(store, id)?.iter().enumerate() {
        let score = |base: usize| (3 + (k + base) % 3).to_string();
        let answers = [
            trajectory::closing::AnswerForm {
                position: 1,
                score: score(0),
                text: String::new(),
            },
            trajectory::closing::AnswerForm {
                position: 2,
                score: score(1),
                text: String::new(),
            },
            trajectory::closing::AnswerForm {
                position: 4,
                score: score(2),
                text: String::new(),
            },
            trajectory::closing::AnswerForm {
                position: 5,
                score: String::new(),
                text: [
                    "Meer zelfvertrouwen in het directiecomité",
                    "Een netwerk buiten mijn afdeling",
                    "Een andere kijk op leidinggeven",
                ][k % 3]
                    .to_string(),
            },
        ];
        trajectory::closing::record_answers(store, id, person.id, &answers)?;
    }
    trajectory::closing::close(store, id, on(end, 18))?;
    Ok(())
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participant;

    fn now() -> NaiveDateTime {
        crate::clock::pinned("2026-11-28T10:00:00").unwrap()
    }

    #[test]
    fn demo_has_a_running_programme_and_an_archived_one() {
        let mut store = Store::open_in_memory().unwrap();
        let summary = populate(&mut store, now()).unwrap();
        let running = programme::get(&store, summary.running).unwrap();
        assert!(
            running.phase_on(now().date()).is_some(),
            "the running programme must be under way today so every screen has something to show"
        );
        assert_eq!(programme::list(&store, Listing::Current).unwrap().len(), 3);
        assert_eq!(programme::list(&store, Listing::Archived).unwrap().len(), 1);
        assert_eq!(organisation::get(&store).unwrap().name, ORGANISATION);
        let counts = participant::counts(&store, summary.running).unwrap();
        assert_eq!(
            (counts.mentors, counts.mentees),
            (8, 12),
            "the running programme has people to match"
        );
        let names: Vec<String> = participant::all(&store, summary.running)
            .unwrap()
            .iter()
            .map(|p| p.enrolment.first_name.clone())
            .collect();
        for name in ["Zoë", "Anaïs", "Ünal"] {
            assert!(names.iter().any(|n| n == name), "{name} is in the demo");
        }
        // The past programme went all the way and was closed: a full report to look at.
        let past = *summary.programmes.last().unwrap();
        let closed = programme::get(&store, past).unwrap();
        assert!(closed.closed_at.is_some() && closed.archived_at.is_some());
        let trajectory = crate::trajectory::load(&store, past).unwrap();
        let k = crate::trajectory::kpi::compute(&trajectory, now().date());
        assert_eq!(
            (k.completed, k.dissolved, k.kliks, k.no_kliks),
            (5, 1, 5, 1)
        );
        assert_eq!((k.meetings_held, k.meetings_cancelled), (37, 3));
        assert_eq!((k.goals_set, k.goals_achieved()), (10, 6));
        assert_eq!((k.workshop_present, k.workshop_absent), (5, 1));
        let summary = crate::trajectory::closing::summary(&store, past).unwrap();
        assert_eq!(summary[0].answered, 12);
    }

    #[test]
    fn demo_refuses_a_database_with_programmes() {
        let mut store = Store::open_in_memory().unwrap();
        populate(&mut store, now()).unwrap();
        let error = populate(&mut store, now()).unwrap_err();
        assert_eq!(error.field_errors()[0].key, "error.demo.not_empty");
        assert_eq!(
            programme::list(&store, Listing::All).unwrap().len(),
            4,
            "nothing was added the second time"
        );
    }
}
