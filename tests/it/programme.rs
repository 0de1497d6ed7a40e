//! Setting up programmes: validation with every problem named, and the
//! create / edit / duplicate / archive cycle.

use klik::i18n::Texts;
use klik::programme::{self, Listing, PhaseForm, PhaseKind, ProgrammeForm, ProgrammeId};
use klik::{Error, Store};

fn form(name: &str, start: &str, end: &str) -> ProgrammeForm {
    ProgrammeForm {
        name: name.into(),
        start: start.into(),
        end: end.into(),
        ..ProgrammeForm::default()
    }
}

/// The (field, catalogue key) pairs of an input error, in order.
fn problems(result: klik::Result<programme::ProgrammeDraft>) -> Vec<(String, &'static str)> {
    match result {
        Err(Error::Invalid(found)) => found.into_iter().map(|f| (f.field, f.key)).collect(),
        other => panic!("expected an input error, got {other:?}"),
    }
}

fn check(form: ProgrammeForm, expected: &[(&str, &str)]) {
    let found = problems(form.validate());
    let found: Vec<(&str, &str)> = found.iter().map(|(f, k)| (f.as_str(), *k)).collect();
    assert_eq!(found, expected);
}

#[test]
fn bad_input_names_every_problem_at_once() {
    check(
        form("", "31-02-2027", "morgen"),
        &[
            ("name", "error.programme.name_empty"),
            ("start", "error.date.impossible"),
            ("end", "error.date.unreadable"),
        ],
    );
    check(
        form(&"a".repeat(500), "01-09-2027", "30-06-2028"),
        &[("name", "error.programme.name_too_long")],
    );
    check(
        form("   ", "01-09-2027", "30-06-2028"),
        &[("name", "error.programme.name_empty")],
    );
    check(
        form("X", "01-09-2027", "01-08-2027"),
        &[("end", "error.programme.end_before_start")],
    );
    check(
        form("X", "01-09-2027", "01-09-2027"),
        &[("end", "error.programme.end_before_start")],
    );
    check(
        form("X", "01-09-2027", "05-09-2027"),
        &[("end", "error.programme.too_short")],
    );
    let mut numbers = form("X", "01-09-2027", "30-06-2028");
    numbers.cadence_weeks = "0".into();
    numbers.default_capacity = "twee".into();
    numbers.document_language = "de".into();
    check(
        numbers,
        &[
            ("cadence_weeks", "error.number_out_of_range"),
            ("default_capacity", "error.number_out_of_range"),
            ("document_language", "error.programme.language_unknown"),
        ],
    );
}

#[test]
fn phases_outside_the_programme_or_out_of_order_are_refused() {
    let mut outside = form("X", "01-09-2027", "30-06-2028");
    outside.phases = vec![PhaseForm {
        kind: PhaseKind::Closing,
        start: "01-06-2028".into(),
        end: "15-07-2028".into(),
    }];
    check(
        outside,
        &[("phases.closing.end", "error.phase.outside_programme")],
    );

    let mut backwards = form("X", "01-09-2027", "30-06-2028");
    backwards.phases = vec![PhaseForm {
        kind: PhaseKind::Intake,
        start: "20-10-2027".into(),
        end: "10-10-2027".into(),
    }];
    check(
        backwards,
        &[("phases.intake.end", "error.phase.end_before_start")],
    );

    let mut order = form("X", "01-09-2027", "30-06-2028");
    order.phases = vec![PhaseForm {
        kind: PhaseKind::Matching,
        start: "01-09-2027".into(),
        end: "05-09-2027".into(),
    }];
    order.phases.push(PhaseForm {
        kind: PhaseKind::Preparation,
        start: "10-09-2027".into(),
        end: "20-09-2027".into(),
    });
    check(
        order,
        &[("phases.matching.start", "error.phase.out_of_order")],
    );
}

#[test]
fn messages_name_the_field_and_the_problem_in_each_language() {
    let error = form("", "31-02-2027", "30-06-2028").validate().unwrap_err();
    let en = error.message(&Texts::for_language("en"));
    assert_eq!(
        en,
        "Name: Enter a name for the programme.\nStart date: “31-02-2027” does not exist in the calendar."
    );
    let nl = error.message(&Texts::for_language("nl"));
    assert_eq!(
        nl,
        "Naam: Geef het programma een naam.\nStartdatum: ‘31-02-2027’ bestaat niet in de kalender."
    );
    let mut phase = form("X", "01-09-2027", "30-06-2028");
    phase.phases = vec![PhaseForm {
        kind: PhaseKind::Matching,
        start: "01-08-2027".into(),
        end: "20-09-2027".into(),
    }];
    let fr = phase
        .validate()
        .unwrap_err()
        .message(&Texts::for_language("fr"));
    assert_eq!(
        fr,
        "Appariement – début: Les phases doivent se situer dans le programme (01/09/2027 au 30/06/2028)."
    );
}

#[test]
fn a_programme_round_trips_with_its_typed_phases() {
    let mut store = Store::open_in_memory().unwrap();
    let mut typed = form("Zoë's ‘klik’ — €", "04-01-2027", "17-12-2027");
    typed.purpose = "Starters sneller thuis laten voelen.".into();
    typed.goals = "Doel één\nDoel twee".into();
    typed.cadence_weeks = "6".into();
    typed.default_capacity = "3".into();
    typed.document_language = "fr".into();
    typed.phases = vec![PhaseForm {
        kind: PhaseKind::Matching,
        start: "1/2/2027".into(),
        end: "28.02.2027".into(),
    }];
    let draft = typed.validate().unwrap();
    let id = programme::create(&mut store, &draft, super::now()).unwrap();
    let stored = programme::get(&store, id).unwrap();
    assert_eq!(stored.draft, draft, "what is saved is what was validated");
    assert_eq!(stored.draft.name, "Zoë's ‘klik’ — €");
    assert_eq!(stored.draft.phases[1].start.to_string(), "2027-02-01");
    assert_eq!(
        stored.draft.phases[0].kind,
        PhaseKind::Preparation,
        "untyped phases get the default plan"
    );
    assert_eq!(stored.created_at, super::now());

    let mut edit = ProgrammeForm::from_draft(&stored.draft);
    edit.name = "Mentoring 2027".into();
    let edited = edit.validate().unwrap();
    programme::update(&mut store, id, &edited, super::now()).unwrap();
    assert_eq!(programme::get(&store, id).unwrap().draft, edited);
}

#[test]
fn duplicate_copies_settings_and_archive_hides_without_deleting() {
    let mut store = Store::open_in_memory().unwrap();
    let draft = form("Mentoring 2027", "04-01-2027", "17-12-2027")
        .validate()
        .unwrap();
    let id = programme::create(&mut store, &draft, super::now()).unwrap();
    let copy_name = programme::copy_name(&draft.name, "kopie");
    let copy = programme::duplicate(&mut store, id, &copy_name, super::now()).unwrap();
    let copied = programme::get(&store, copy).unwrap();
    assert_eq!(copied.draft.name, "Mentoring 2027 (kopie)");
    assert_eq!(copied.draft.phases, draft.phases);
    assert!(
        programme::duplicate(&mut store, id, "  ", super::now()).is_err(),
        "a copy needs a name too"
    );

    programme::set_archived(&mut store, id, true, super::now()).unwrap();
    assert_eq!(programme::list(&store, Listing::Current).unwrap().len(), 1);
    assert_eq!(
        programme::list(&store, Listing::Archived).unwrap()[0].id,
        id
    );
    programme::set_archived(&mut store, id, false, super::now()).unwrap();
    assert_eq!(programme::list(&store, Listing::Current).unwrap().len(), 2);
}

#[test]
fn missing_programmes_are_named_not_found() {
    let mut store = Store::open_in_memory().unwrap();
    let error = programme::get(&store, ProgrammeId(42)).unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert_eq!(
        error.message(&Texts::for_language("nl")),
        "Het programma met nummer 42 bestaat niet (meer)."
    );
    let draft = form("X", "01-09-2027", "30-06-2028").validate().unwrap();
    assert_eq!(
        programme::update(&mut store, ProgrammeId(42), &draft, super::now())
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        programme::set_archived(&mut store, ProgrammeId(42), true, super::now())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn a_failed_update_leaves_the_programme_as_it_was() {
    let mut store = Store::open_in_memory().unwrap();
    let draft = form("Mentoring 2027", "04-01-2027", "17-12-2027")
        .validate()
        .unwrap();
    let id = programme::create(&mut store, &draft, super::now()).unwrap();
    // A draft that slips past validation (built by hand) is stopped by the
    // database's own rules, and the transaction leaves nothing half-written.
    let mut broken = draft.clone();
    broken.name = "Nieuw".into();
    broken.end = broken.start;
    assert!(programme::update(&mut store, id, &broken, super::now()).is_err());
    assert_eq!(programme::get(&store, id).unwrap().draft, draft);
}
