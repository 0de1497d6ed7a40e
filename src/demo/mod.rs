//! The demo: a realistic Flemish organisation with programmes in every state,
//! so that a new user sees Klik at work before entering anything.
//!
//! The demo always goes into its own database (see [`crate::data_dir::DataDir::demo_database`]);
//! [`populate`] refuses a database that already holds programmes, so it can
//! never mix invented people into real work. Dates are relative to the day it
//! is made, so the running programme is always mid-way.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::error::{Error, FieldError, Result};
use crate::organisation;
use crate::participant::import;
use crate::programme::{self, Listing, ProgrammeDraft, ProgrammeId, default_phases};
use crate::store::Store;

/// The running programme's mentors and mentees, as an HR officer's spreadsheet would list them.
const PARTICIPANTS: &[u8] = include_bytes!("participants.csv");

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
    programme::set_archived(store, archived, true, now)?;
    // The running programme's people come in through the same import as a user's spreadsheet.
    let preview = import::preview(store, programmes[0], PARTICIPANTS, None)?;
    import::apply(store, programmes[0], &preview, false, now)?;
    Ok(DemoSummary {
        running: programmes[0],
        programmes,
    })
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
