//! The programme's checklist through a whole programme: from an empty
//! programme (add people) through accepted pairs, the written trajectory of
//! `trajectory.rs` (a no-klik waiting for a new mentor, an intake to plan
//! again, an unsigned agreement, quiet pairs) to closing, archived too; and
//! its figures always carry their base.

use klik::checklist::{self, Action, Checklist, State};
use klik::i18n::Texts;
use klik::matching;
use klik::participant::import;
use klik::programme::PhaseKind;

use super::trajectory::{today, written};

const PEOPLE: &str = "role;first name;last name;email;capacity;topics\n\
    mentor;Marie;Dubois;marie@devries.be;2;onderhandelen\n\
    mentor;Jan;Claes;jan@devries.be;1;onderhandelen\n\
    mentee;Zoë;Peeters;zoe@devries.be;;onderhandelen\n\
    mentee;Ahmed;Yilmaz;ahmed@devries.be;;onderhandelen\n\
    mentee;Noor;Bakker;noor@devries.be;;onderhandelen\n\
    mentee;Lotte;Janssens;lotte@devries.be;;onderhandelen\n";

fn texts(language: &str) -> Texts {
    Texts::for_language(language)
}

/// Each phase's state and actions, in order, for a compact comparison.
fn shape(list: &Checklist) -> Vec<(PhaseKind, State, Vec<Action>)> {
    list.steps
        .iter()
        .map(|s| (s.phase, s.state, s.actions.clone()))
        .collect()
}

#[test]
fn an_empty_programme_asks_for_people_first_then_for_pairs_to_confirm() {
    let (mut store, id) = super::programme_in_memory("Leren van elkaar");
    let en = texts("en");
    let list = checklist::checklist(&store, &en, id, super::now()).unwrap();
    assert_eq!(list.next, Some(PhaseKind::Preparation));
    assert_eq!(list.steps[0].actions, vec![Action::AddParticipants]);
    assert_eq!(list.steps[0].summary, "Mentors: 0 · mentees: 0");
    assert_eq!(list.steps[1].state, State::NotYet);
    assert_eq!(list.steps[1].summary, "No mentees enrolled yet");
    assert_eq!(list.steps[2].summary, "No intake talk held yet");
    assert_eq!(list.steps[3].summary, "No pair under way yet");
    assert!(list.steps[4].summary.starts_with("Closing from "));
    assert!(list.steps[1..].iter().all(|s| s.actions.is_empty()));

    let preview = import::preview(&store, id, PEOPLE.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let list = checklist::checklist(&store, &en, id, super::now()).unwrap();
    assert_eq!(list.steps[0].state, State::Done);
    assert_eq!(list.steps[0].summary, "Mentors: 2 · mentees: 4");
    assert_eq!(list.next, Some(PhaseKind::Matching));
    assert_eq!(list.steps[1].actions, vec![Action::MatchMentees(4)]);
    assert_eq!(list.steps[1].summary, "0 of 4 mentees have a mentor");
    assert_eq!(
        list.steps[1].actions[0].message(&en),
        "4 mentees without a mentor"
    );
    assert_eq!(list.steps[1].actions[0].button(&en), "Propose mentors");

    // Three places for four mentees: three pairs accepted, one mentee left.
    assert_eq!(
        matching::accept_all(&mut store, id, super::now()).unwrap(),
        3
    );
    let list = checklist::checklist(&store, &en, id, super::now()).unwrap();
    assert_eq!(
        list.steps[1].actions,
        vec![Action::ConfirmPairs(3), Action::MatchMentees(1)]
    );
    let nl = texts("nl");
    let list_nl = checklist::checklist(&store, &nl, id, super::now()).unwrap();
    assert_eq!(
        list_nl.steps[1].actions[0].message(&nl),
        "3 aanvaarde koppels te bevestigen"
    );
    assert_eq!(
        list_nl.steps[1].actions[1].message(&nl),
        "1 mentee zonder mentor"
    );

    matching::confirm(&mut store, id, matching::Confirming::Accepted, super::now()).unwrap();
    let list = checklist::checklist(&store, &en, id, super::now()).unwrap();
    assert_eq!(list.steps[1].actions, vec![Action::MatchMentees(1)]);
    assert_eq!(list.steps[1].summary, "3 of 4 mentees have a mentor");
    assert_eq!(list.steps[2].state, State::Todo);
    assert_eq!(list.steps[2].actions, vec![Action::PlanIntakes(3)]);
    assert_eq!(list.steps[2].actions[0].message(&en), "3 intakes to plan");
}

#[test]
fn the_written_trajectory_names_every_waiting_task_with_its_base() {
    let (mut store, id, pairs) = written("en");
    let en = texts("en");
    let list = checklist::checklist(&store, &en, id, today()).unwrap();
    let b = pairs[1].id;
    assert_eq!(
        shape(&list),
        vec![
            (PhaseKind::Preparation, State::Done, vec![]),
            (
                PhaseKind::Matching,
                State::Todo,
                vec![Action::FindNewMentor(1), Action::MatchMentees(1)]
            ),
            (PhaseKind::Intake, State::Todo, vec![Action::PlanIntakes(1)]),
            (
                PhaseKind::Trajectory,
                State::Todo,
                vec![Action::SignAgreements(1), Action::FollowPairs(2)]
            ),
            (PhaseKind::Closing, State::NotYet, vec![]),
        ]
    );
    assert_eq!(list.next, Some(PhaseKind::Matching));
    assert_eq!(list.steps[1].summary, "3 of 5 mentees have a mentor");
    assert_eq!(list.steps[2].summary, "2 of 3 intake talks ended in a klik");
    assert_eq!(
        list.steps[3].summary,
        "2 pairs under way · 1 of 2 agreements signed"
    );
    // The agreement to open is pair B's, the one without a signed agreement.
    assert_eq!(list.steps[3].first_match, Some(b));
    assert_eq!(list.actions().count(), 5);

    // Closed: every phase done, nothing asked, the day it closed.
    klik::trajectory::closing::close(&mut store, id, today()).unwrap();
    let list = checklist::checklist(&store, &en, id, today()).unwrap();
    assert!(list.closed);
    assert!(
        list.steps
            .iter()
            .all(|s| s.state == State::Done && s.actions.is_empty())
    );
    assert_eq!(list.next, None);
    assert_eq!(list.steps[4].summary, "Closed on 01/03/2027");
}

#[test]
fn an_archived_programme_asks_nothing_and_says_what_was_left_open() {
    let (mut store, id, _) = written("nl");
    klik::programme::set_archived(&mut store, id, true, today()).unwrap();
    let nl = texts("nl");
    let list = checklist::checklist(&store, &nl, id, today()).unwrap();
    assert!(list.archived && !list.closed);
    assert_eq!(list.next, None);
    assert_eq!(list.actions().count(), 0);
    assert_eq!(list.steps[0].state, State::Done);
    assert_eq!(list.steps[1].state, State::LeftOpen);
    assert_eq!(list.steps[3].state, State::LeftOpen);
    assert_eq!(list.steps[4].state, State::NotYet);
    assert_eq!(list.steps[1].summary, "3 van 5 mentees hebben een mentor");
}

#[test]
fn the_headline_figures_carry_their_base_and_only_mean_something() {
    let (store, id) = super::programme_in_memory("Nog leeg");
    let empty = klik::trajectory::load(&store, id).unwrap();
    let k = klik::trajectory::kpi::compute(&empty, super::now().date());
    assert!(k.cards(&texts("en")).is_empty(), "no 0 / 0 tiles");

    let (store, id, _) = written("en");
    let loaded = klik::trajectory::load(&store, id).unwrap();
    let k = klik::trajectory::kpi::compute(&loaded, today().date());
    let cards = k.cards(&texts("en"));
    assert_eq!(cards[0], ("2".to_string(), "pairs under way".to_string()));
    assert!(cards.contains(&(
        "2".to_string(),
        "of 3 intake talks ended in a klik".to_string()
    )));
    assert!(
        cards
            .iter()
            .all(|(value, _)| !value.contains('/') && !value.contains('%')),
        "{cards:?}"
    );
    let nl = k.cards(&texts("nl"));
    assert!(nl.contains(&(
        "2".to_string(),
        "van 3 intakegesprekken eindigden met een klik".to_string()
    )));
}

/// The text of a document as `pdftotext` reads it, lines joined by spaces.
fn printed_text(document: &klik::document::Document) -> String {
    let pdf = klik::document::render(document).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_week_list_prints_what_waits_and_says_when_nothing_does() {
    let (mut store, id, pairs) = written("nl");
    // A talk on Thursday of this week (1 March 2027 is a Monday) for pair D.
    klik::intake::schedule_anyway(
        &mut store,
        pairs[3].id,
        klik::clock::pinned("2027-03-04T14:00:00").unwrap(),
        today(),
    )
    .unwrap();
    let document = checklist::this_week(&store, id, today()).unwrap();
    let text = printed_text(&document);
    assert!(text.contains("Deze week — Groeien in je rol"), "{text}");
    assert!(text.contains("Van 01-03-2027 tot 07-03-2027"), "{text}");
    assert!(
        text.contains("donderdag 4 maart 2027 14:00–15:00"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{} & {}",
            pairs[3].mentee_name, pairs[3].mentor_name
        )),
        "{text}"
    );
    // B has a klik and no agreement; A and B are quiet or unhappy.
    assert!(text.contains("Nog geen overeenkomst"), "{text}");
    assert!(
        text.contains("Al 49 dagen geen gesprek genoteerd"),
        "{text}"
    );
    // C's mentee waits for a new mentor after her "no klik".
    assert!(text.contains(&pairs[2].mentee_name), "{text}");
    // Nothing to record: D's talk is still to come.
    assert!(
        text.contains("Uitkomsten van intakes in te vullen Niets deze week."),
        "{text}"
    );

    // A closed programme's list asks nothing.
    klik::trajectory::closing::close(&mut store, id, today()).unwrap();
    let text = printed_text(&checklist::this_week(&store, id, today()).unwrap());
    assert_eq!(text.matches("Niets deze week.").count(), 5, "{text}");
}

#[test]
fn closing_names_its_consequences_before_it_is_done() {
    let (mut store, id, _) = written("en");
    let en = texts("en");
    let ahead = klik::trajectory::closing::consequences(&store, id).unwrap();
    assert_eq!(
        ahead.sentences(&en),
        [
            "2 active pairs become completed.",
            "1 pair still waiting for its klik is dissolved."
        ]
    );
    let done = klik::trajectory::closing::close(&mut store, id, today()).unwrap();
    assert_eq!(done, ahead, "the confirmation said exactly what happened");
}
