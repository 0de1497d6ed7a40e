//! Intakes end to end in the core: planning without clashes, unplaceable
//! pairs with their reason, moving and cancelling, calendar files read back
//! by a real iCalendar parser, and the outcome of the talk.

use std::collections::HashMap;
use std::process::Command;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use klik::i18n::Texts;
use klik::intake::{self, IntakeStatus, Outcome, PeriodForm, SettingsForm, ics};
use klik::matching::{self, Confirming, MatchStatus};
use klik::participant::{self, import};
use klik::programme::ProgrammeId;
use klik::{Error, Store};

/// Five places for four mentees. Marie is free on Wednesday mornings only;
/// Lotte only on Fridays, when no mentor is.
/// Every mentor offers the same topics, so that topics never decide who is
/// paired with whom here; Zoë's wish and topics fill in her guide.
const PEOPLE: &str = "role;first name;last name;email;availability;capacity;topics;learning goal;job title\n\
    mentor;Marie;Dubois;marie@devries.be;wo 9-12;3;onderhandelen, feedback geven;;Aankoopleider\n\
    mentor;Jan;Claes;jan@devries.be;ma 9-17, di 9-17;1;onderhandelen, feedback geven;;Controller\n\
    mentor;Pieter;Smets;pieter@devries.be;do 9-17;1;onderhandelen, feedback geven;;Verkoopleider\n\
    mentee;Zoë;Peeters;zoe@devries.be;ma 9-17, wo 9-17;;onderhandelen;Zekerder onderhandelen met leveranciers over prijs en termijn;Planner\n\
    mentee;Ahmed;Yilmaz;ahmed@devries.be;wo 9-17, di 13-17;;;;\n\
    mentee;Noor;Bakker;noor@devries.be;wo 10-12;;;;\n\
    mentee;Lotte;Janssens;lotte@devries.be;vr 9-17;;;;\n";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
}

/// Four confirmed matches in a 2027 programme (documents in Dutch).
fn confirmed() -> (Store, ProgrammeId) {
    confirmed_in("nl")
}

/// The same in a programme whose documents are in `language`.
fn confirmed_in(language: &str) -> (Store, ProgrammeId) {
    let mut store = Store::open_in_memory().unwrap();
    klik::organisation::set_name(&mut store, "De Vries Logistiek").unwrap();
    let draft = klik::programme::ProgrammeForm {
        name: "Groeien in je rol".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        document_language: language.into(),
        ..klik::programme::ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = klik::programme::create(&mut store, &draft, super::now()).unwrap();
    let preview = import::preview(&store, id, PEOPLE.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let ids = matching::confirm(&mut store, id, Confirming::Proposal, super::now()).unwrap();
    assert_eq!(ids.len(), 4);
    (store, id)
}

fn period(from: &str, to: &str) -> (NaiveDate, NaiveDate) {
    PeriodForm {
        from: from.into(),
        to: to.into(),
    }
    .validate(super::now().date())
    .unwrap()
}

/// Midnight at the start of a day: a clock that leaves the whole period ahead.
fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN)
}

fn english() -> Texts {
    Texts::for_language("en")
}

/// Weekly availability of each participant of the programme, by name.
fn weeks(
    store: &Store,
    id: ProgrammeId,
) -> HashMap<String, participant::availability::Availability> {
    participant::all(store, id)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                format!("{} {}", p.enrolment.first_name, p.enrolment.last_name),
                p.enrolment.availability,
            )
        })
        .collect()
}

#[test]
fn a_plan_keeps_everyone_in_their_availability_and_names_who_cannot_be_placed() {
    let (mut store, id) = confirmed();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    let lotte = proposal
        .not_placed
        .iter()
        .find(|n| n.pair.mentee_name == "Lotte Janssens")
        .expect("Lotte is free on Fridays only, when no mentor is");
    assert!(
        lotte.reason.starts_with("No common availability:"),
        "{}",
        lotte.reason
    );
    assert!(
        lotte.reason.contains("Lotte Janssens only fri 09:00-17:00"),
        "{}",
        lotte.reason
    );
    assert!(!proposal.planned.is_empty());

    let weeks = weeks(&store, id);
    let inside = |name: &str, start: NaiveDateTime| {
        let minute = (start.hour() * 60 + start.minute()) as u16;
        weeks[name].slots().iter().any(|s| {
            u32::from(s.weekday) == start.weekday().number_from_monday()
                && s.start <= minute
                && minute + 60 <= s.end
        })
    };
    for p in &proposal.planned {
        assert!(
            inside(&p.pair.mentor_name, p.start) && inside(&p.pair.mentee_name, p.start),
            "{p:?}"
        );
        assert!(p.start.date() >= from && p.start.date() <= to);
    }
    let ids = intake::apply(&mut store, &proposal, super::now()).unwrap();
    assert_eq!(ids.len(), proposal.planned.len());
    for p in &proposal.planned {
        assert_eq!(
            matching::get(&store, p.pair.id).unwrap().status,
            MatchStatus::IntakePlanned
        );
    }
    // Planned pairs are not planned twice; applying the same proposal again is refused whole.
    let again = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    assert!(again.planned.is_empty());
    let error = intake::apply(&mut store, &proposal, super::now()).unwrap_err();
    assert!(matches!(error, Error::Invalid(_)));
    assert_eq!(
        intake::list(&store, id).unwrap().len(),
        ids.len(),
        "nothing was added"
    );
}

#[test]
fn a_period_that_starts_today_offers_only_the_hours_still_to_come() {
    let (store, id) = confirmed();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let morning = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    let first = morning.planned.iter().map(|p| p.start).min().unwrap();
    assert!(first.date() >= from, "{morning:?}");
    // Later on the day of the first talk, the hours already gone are never proposed; the pairs
    // move to the hours left and the days after.
    let late = first + chrono::Duration::hours(3);
    let afternoon = intake::propose(&store, id, from, to, late, &english()).unwrap();
    assert!(!afternoon.planned.is_empty());
    for p in &afternoon.planned {
        assert!(p.start >= late, "{p:?} before {late}");
    }
    assert_eq!(
        afternoon.planned.len() + afternoon.not_placed.len(),
        morning.planned.len() + morning.not_placed.len()
    );
}

#[test]
fn periods_and_settings_that_make_no_sense_are_named() {
    let today = super::now().date();
    let problems = |from: &str, to: &str| {
        PeriodForm {
            from: from.into(),
            to: to.into(),
        }
        .validate(today)
        .unwrap_err()
        .iter()
        .map(|p| p.message(&english()))
        .collect::<Vec<_>>()
    };
    assert_eq!(
        problems("15-01-2027", "04-01-2027"),
        ["The end of the period comes before its start."]
    );
    assert_eq!(
        problems("01-10-2026", "31-10-2026"),
        ["This period is over. Choose dates from today on."]
    );
    assert_eq!(problems("31-02-2027", "04-03-2027").len(), 1);
    // A period that began earlier is planned from today on.
    assert_eq!(
        PeriodForm {
            from: "01-11-2026".into(),
            to: "04-12-2026".into()
        }
        .validate(today)
        .unwrap()
        .0,
        today
    );

    let mut form = SettingsForm::from_settings(&Default::default());
    for (minutes, ok) in [
        ("0", false),
        ("600", false),
        ("15", true),
        ("480", false),
        ("90", true),
    ] {
        form.minutes = minutes.into();
        // 480 minutes is longer than the 9:00–17:00 working day of 8 hours? It is exactly 8 hours: allowed.
        let expected = ok || minutes == "480";
        assert_eq!(form.validate().is_ok(), expected, "{minutes} minutes");
    }
    form.minutes = "60".into();
    form.day_start = "17:00".into();
    form.day_end = "9u".into();
    let messages: Vec<_> = form
        .validate()
        .unwrap_err()
        .iter()
        .map(|p| p.message(&english()))
        .collect();
    assert_eq!(messages, ["The working day must end after it starts."]);
    form.day_start = "negen".into();
    form.closed_weekdays = (1..=7).collect();
    assert_eq!(form.validate().unwrap_err().len(), 2);
}

#[test]
fn moving_an_intake_refuses_clashes_and_closed_days_and_bumps_the_sequence() {
    let (mut store, id) = confirmed();
    let mut closed = intake::public_holidays("be", 2027, &Texts::for_language("nl"));
    closed.push(intake::ClosedDay {
        day: day(13),
        label: "Teamdag".into(),
    });
    intake::set_closed_days(&mut store, id, &closed).unwrap();
    let (from, to) = period("04-01-2027", "29-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    assert!(
        proposal.planned.iter().all(|p| p.start.date() != day(13)),
        "the closed day is kept free"
    );
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let marie: Vec<_> = proposal
        .planned
        .iter()
        .filter(|p| p.pair.mentor_name == "Marie Dubois")
        .collect();
    assert!(
        marie.len() >= 2,
        "Marie has two talks to clash with: {marie:?}"
    );
    let first = &marie[0];
    let before = intake::history(&store, first.pair.id)
        .unwrap()
        .pop()
        .unwrap();

    // Onto the closed day: refused, with the day's name.
    let error = intake::schedule(
        &mut store,
        first.pair.id,
        day(13).and_hms_opt(10, 0, 0).unwrap(),
        super::now(),
    )
    .unwrap_err();
    assert_eq!(
        error.field_errors()[0].message(&english()),
        "That day is closed for intakes (Teamdag)."
    );
    // On a Saturday: refused.
    let error = intake::schedule(
        &mut store,
        first.pair.id,
        day(16).and_hms_opt(10, 0, 0).unwrap(),
        super::now(),
    )
    .unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.intake.closed_weekday");
    // Onto another talk of Marie's: refused, naming her and the talk.
    let error =
        intake::schedule(&mut store, first.pair.id, marie[1].start, super::now()).unwrap_err();
    let message = error.field_errors()[0].message(&english());
    let clock = |t: NaiveDateTime| t.format("%H:%M").to_string();
    assert_eq!(
        message,
        format!(
            "Marie Dubois already has a talk from {} to {} then.",
            clock(marie[1].start),
            clock(marie[1].start + chrono::Duration::minutes(60))
        )
    );
    // Into the past: refused.
    assert!(
        intake::schedule(
            &mut store,
            first.pair.id,
            super::now() - chrono::Duration::days(1),
            super::now()
        )
        .is_err()
    );

    // The free times offered for the move are free: none is taken by Marie's other talk.
    let offered = intake::free_times(&store, first.pair.id, day(4), day(29), 6).unwrap();
    assert!(!offered.is_empty());
    assert!(
        offered
            .iter()
            .all(|t| *t != marie[1].start && t.date() != day(13)),
        "{offered:?}"
    );
    assert!(offered.windows(2).all(|w| w[0] < w[1]), "earliest first");
    for t in &offered {
        let same_day: Vec<_> = offered.iter().filter(|o| o.date() == t.date()).collect();
        assert!(same_day.len() <= 2, "spread over the days: {offered:?}");
    }

    // A free time: moved, same UID, sequence one up.
    let moved = intake::schedule(
        &mut store,
        first.pair.id,
        day(20).and_hms_opt(11, 0, 0).unwrap(),
        super::now(),
    )
    .unwrap();
    assert_eq!(
        (moved.uid.as_str(), moved.sequence),
        (before.uid.as_str(), before.sequence + 1)
    );
    assert_eq!(moved.start, day(20).and_hms_opt(11, 0, 0).unwrap());
    assert_eq!(
        intake::history(&store, first.pair.id).unwrap().len(),
        1,
        "moved, not added"
    );

    // Cancelled: the match is to plan again and the calendar file cancels the event.
    let cancelled = intake::cancel(&mut store, moved.id, super::now()).unwrap();
    assert_eq!(cancelled.status, IntakeStatus::Cancelled);
    assert_eq!(cancelled.sequence, moved.sequence + 1);
    assert_eq!(
        matching::get(&store, first.pair.id).unwrap().status,
        MatchStatus::Confirmed
    );
    let events = intake::events(&store, id, &[cancelled], super::now()).unwrap();
    assert!(ics::calendar(&events).contains("STATUS:CANCELLED"));
}

#[test]
fn calendar_files_are_read_back_by_a_real_icalendar_parser() {
    let (mut store, id) = confirmed();
    let mut form = SettingsForm::from_settings(&intake::settings(&store, id).unwrap());
    form.location = "Vergaderzaal De Haven; 2de verdieping, Teams-link volgt".into();
    form.organiser_name = "An Claes (HR)".into();
    form.organiser_email = "an.claes@devries.be".into();
    intake::save_settings(&mut store, id, &form.validate().unwrap()).unwrap();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let intakes = intake::list(&store, id).unwrap();
    let events = intake::events(&store, id, &intakes, super::now()).unwrap();
    assert_eq!(events.len(), intakes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intakes.ics");
    std::fs::write(&path, ics::calendar(&events)).unwrap();

    // Python's icalendar (Debian: python3-icalendar) reads the file as a
    // calendar program would: times in Brussels, names, e-mails, UID, sequence.
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    print('|'.join([str(e['UID']), str(e['SEQUENCE']), start.isoformat(), str(start.tzinfo),
        str(e['SUMMARY']), str(e['LOCATION']), str(e['ORGANIZER'].params['CN']),
        ','.join(str(a) + '=' + a.params['CN'] for a in e['ATTENDEE'])]))
"#;
    // Debian's own Python has the package; another python3 first in PATH may not.
    let python = if std::path::Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let output = Command::new(python)
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "icalendar must parse the file (apt-get install python3-icalendar): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), intakes.len());
    for (line, intake) in lines.iter().zip(&intakes) {
        let pair = matching::get(&store, intake.match_id).unwrap();
        let fields: Vec<&str> = line.split('|').collect();
        assert_eq!(fields[0], intake.uid);
        assert_eq!(fields[1], "0");
        // January: Brussels is UTC+1.
        assert_eq!(
            fields[2],
            format!("{}+01:00", intake.start.format("%Y-%m-%dT%H:%M:%S"))
        );
        assert!(
            fields[3].contains("Brussels") || fields[3] == "CET",
            "{}",
            fields[3]
        );
        assert!(
            fields[4].starts_with("Intakegesprek: "),
            "the programme's language: {}",
            fields[4]
        );
        assert_eq!(
            fields[5],
            "Vergaderzaal De Haven; 2de verdieping, Teams-link volgt"
        );
        assert_eq!(fields[6], "An Claes (HR)");
        assert_eq!(
            fields[7],
            format!(
                "mailto:{}={},mailto:{}={}",
                pair.mentee_email, pair.mentee_name, pair.mentor_email, pair.mentor_name
            )
        );
    }
}

#[test]
fn the_outcome_activates_waits_or_dissolves_and_proposes_another_mentor() {
    let (mut store, id) = confirmed();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    // An outcome needs a talk that took place: the pairs whose talk was
    // planned (and is past by `later`) come first.
    let mut pairs = matching::list(&store, id).unwrap();
    pairs.sort_by_key(|p| p.status != MatchStatus::IntakePlanned);
    let later = super::now() + chrono::Duration::days(60);

    // Klik: the match is active, the planned talk is held.
    let klik = intake::record_outcome(&mut store, pairs[0].id, Outcome::Klik, "", later).unwrap();
    assert_eq!(klik.status, MatchStatus::Active);
    assert_eq!(klik.intake.status, IntakeStatus::Held);
    assert_eq!(klik.intake.outcome, Some(Outcome::Klik));
    assert!(
        intake::record_outcome(&mut store, pairs[0].id, Outcome::NoKlik, "x", later).is_err(),
        "decided once"
    );

    // Not sure yet: back to planning a second talk; the first stays in the history.
    let unsure = intake::record_outcome(
        &mut store,
        pairs[1].id,
        Outcome::Unsure,
        "Nog een gesprek",
        later,
    )
    .unwrap();
    assert_eq!(unsure.status, MatchStatus::Confirmed);
    // By hand, at the first time both are free after `later`.
    let free = intake::free_times(
        &store,
        pairs[1].id,
        later.date() + chrono::Duration::days(1),
        later.date() + chrono::Duration::days(30),
        1,
    )
    .unwrap();
    let second = intake::schedule(&mut store, pairs[1].id, free[0], later).unwrap();
    assert_ne!(
        second.uid, unsure.intake.uid,
        "a second talk is a new event"
    );
    assert_eq!(intake::history(&store, pairs[1].id).unwrap().len(), 2);

    // No klik needs a reason; then the match is dissolved and another mentor
    // is proposed. Of the five places one is free; the pair given up is one
    // whose mentor is full, so the free place is another mentor's.
    let capacity = HashMap::from([("Marie Dubois", 3), ("Jan Claes", 1), ("Pieter Smets", 1)]);
    let load = |name: &str| pairs.iter().filter(|p| p.mentor_name == name).count();
    let given_up = pairs[2..]
        .iter()
        .filter(|p| p.status == MatchStatus::IntakePlanned)
        .find(|p| load(&p.mentor_name) == capacity[p.mentor_name.as_str()])
        .expect("a pair with a full mentor");
    let error =
        intake::record_outcome(&mut store, given_up.id, Outcome::NoKlik, " ", later).unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.required");
    let no = intake::record_outcome(
        &mut store,
        given_up.id,
        Outcome::NoKlik,
        "Geen klik: andere verwachtingen",
        later,
    )
    .unwrap();
    assert_eq!(no.status, MatchStatus::Dissolved);
    assert_eq!(no.intake.outcome, Some(Outcome::NoKlik));
    let dissolved = matching::get(&store, given_up.id).unwrap();
    assert_eq!(
        dissolved.dissolve_reason.as_deref(),
        Some("Geen klik: andere verwachtingen")
    );
    let (next, _) = no.next_mentor.expect("another mentor has room");
    assert_ne!(next, given_up.mentor_name, "never the same mentor again");
}

#[test]
fn the_schedule_and_the_guides_print_in_the_programmes_language() {
    let (mut store, id) = confirmed();
    let mut form = SettingsForm::from_settings(&intake::settings(&store, id).unwrap());
    form.location = "Vergaderzaal De Haven".into();
    intake::save_settings(&mut store, id, &form.validate().unwrap()).unwrap();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = |document: &klik::document::Document, name: &str| {
        let pdf = klik::document::render(document).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &pdf.bytes).unwrap();
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf is installed");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let out = Command::new("pdftotext")
            .args(["-layout"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        (pdf.pages, String::from_utf8(out.stdout).unwrap())
    };

    let (pages, schedule) = text(
        &intake::print::schedule(&store, id, super::now()).unwrap(),
        "schedule.pdf",
    );
    assert_eq!(pages, 1);
    assert!(schedule.contains("Planning intakegesprekken"), "{schedule}");
    let first = &proposal.planned[0];
    let heading = klik::date::long_with_weekday(first.start.date(), &Texts::for_language("nl"));
    let mut chars = heading.chars();
    let heading: String = chars.next().unwrap().to_uppercase().chain(chars).collect();
    assert!(
        schedule.contains(&heading),
        "a heading per day such as {heading}: {schedule}"
    );
    assert!(schedule.contains(&format!("{}–", first.start.format("%H:%M"))));
    assert!(schedule.contains("Vergaderzaal De Haven"));
    assert!(
        schedule.contains("Nog te plannen"),
        "Lotte's pair is still to plan: {schedule}"
    );
    assert!(schedule.contains("Lotte Janssens"));
    assert!(schedule.contains("pagina 1 van 1"));

    let (pages, guide) = text(
        &intake::print::guide(&store, first.pair.id, super::now()).unwrap(),
        "guide.pdf",
    );
    assert_eq!(pages, 1, "one page per pair: {guide}");
    for expected in [
        "Gespreksleidraad intakegesprek",
        &first.pair.mentee_name,
        &first.pair.mentor_name,
        "Vragen om te verkennen",
        "Afspreken voor jullie starten",
        "De klikvraag",
        "Vergaderzaal De Haven",
    ] {
        assert!(guide.contains(expected), "{expected} in {guide}");
    }
    let (document, count) = intake::print::guides(&store, id, super::now()).unwrap();
    let (pages, _) = text(&document, "guides.pdf");
    assert_eq!(
        (count, pages),
        (4, 4),
        "every pair with its intake ahead, a page each"
    );
}

#[test]
fn the_guide_reads_right_in_dutch_english_and_french() {
    for language in ["nl", "en", "fr"] {
        let (mut store, id) = confirmed_in(language);
        let mut form = SettingsForm::from_settings(&intake::settings(&store, id).unwrap());
        form.location = "Vergaderzaal De Haven".into();
        intake::save_settings(&mut store, id, &form.validate().unwrap()).unwrap();
        let (from, to) = period("04-01-2027", "15-01-2027");
        let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
        intake::apply(&mut store, &proposal, super::now()).unwrap();
        let zoe = proposal
            .planned
            .iter()
            .find(|p| p.pair.mentee_name == "Zoë Peeters")
            .expect("Zoë's talk is planned");
        let document = intake::print::guide(&store, zoe.pair.id, super::now()).unwrap();
        let pdf = klik::document::render(&document).unwrap();
        assert_eq!(pdf.pages, 1, "one page in {language}");
        assert!(pdf.missing.is_empty());
        let path = super::out("intakes", &format!("guide-{language}.pdf"));
        std::fs::write(&path, &pdf.bytes).unwrap();
        super::snapshot(&format!("guide-{language}.txt"), &super::text_of(&path));
    }
}

#[test]
fn the_cli_plans_sends_and_decides_intakes_with_stable_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let people = dir.path().join("people.csv");
    std::fs::write(&people, PEOPLE).unwrap();
    let ok = |args: &[&str]| super::cli::klik_ok(&db, args);
    ok(super::cli::CREATE_PROGRAMME);
    ok(&[
        "participants",
        "import",
        people.to_str().unwrap(),
        "--programme",
        "1",
    ]);
    ok(&["match", "confirm", "--programme", "1"]);
    let closed = ok(&[
        "--json",
        "intake",
        "holidays",
        "--programme",
        "1",
        "--country",
        "nl",
        "--year",
        "2027",
    ]);
    assert_eq!(closed.as_array().unwrap().len(), 11);
    let plan = ok(&[
        "--json",
        "intake",
        "plan",
        "--programme",
        "1",
        "--from",
        "04-01-2027",
        "--to",
        "15-01-2027",
        "--duration",
        "30",
    ]);
    assert_eq!(plan["saved"], true);
    let planned = plan["planned"].as_array().unwrap();
    assert_eq!(planned.len(), 3);
    for key in ["match", "mentee", "mentor", "start", "end"] {
        assert!(!planned[0][key].is_null(), "{key} in {plan}");
    }
    assert_eq!(plan["not_placed"][0]["mentee"], "lotte@devries.be");
    let start = chrono::NaiveDateTime::parse_from_str(
        planned[0]["start"].as_str().unwrap(),
        "%Y-%m-%dT%H:%M",
    )
    .unwrap();
    let end = chrono::NaiveDateTime::parse_from_str(
        planned[0]["end"].as_str().unwrap(),
        "%Y-%m-%dT%H:%M",
    )
    .unwrap();
    assert_eq!((end - start).num_minutes(), 30, "--duration is used");

    // A clash is refused with exit code 1 and one line naming it.
    let (first, second) = planned
        .iter()
        .enumerate()
        .find_map(|(i, a)| {
            planned[i + 1..]
                .iter()
                .find(|b| b["mentor"] == a["mentor"])
                .map(|b| (a, b))
        })
        .expect("Marie has two talks");
    let (day, time) = second["start"].as_str().unwrap().split_once('T').unwrap();
    let out = super::cli::klik(
        &db,
        &[
            "intake",
            "move",
            "--match",
            &first["match"].to_string(),
            "--date",
            day,
            "--time",
            time,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already has a talk"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let folder = dir.path().join("ics");
    std::fs::create_dir(&folder).unwrap();
    let files = ok(&[
        "--json",
        "intake",
        "export-ics",
        "--programme",
        "1",
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(files["events"], 3);
    assert_eq!(
        files["files"].as_array().unwrap().len(),
        4,
        "one per talk and intakes.ics"
    );
    assert!(folder.join("intakes.ics").exists());

    let listed = ok(&["--json", "intake", "list", "--programme", "1"]);
    assert_eq!(listed[0]["status"], "planned");
    assert!(listed[0]["uid"].as_str().unwrap().ends_with("@klik.local"));
    let decided = ok(&[
        "--json",
        "intake",
        "outcome",
        "--match",
        &planned[0]["match"].to_string(),
        "--klik",
        "no",
        "--reason",
        "Geen klik",
        // The talk is planned for January; it took place this morning instead.
        "--held",
        "28-11-2026",
        "--held-time",
        "09:00",
    ]);
    assert_eq!(
        (decided["outcome"].as_str(), decided["status"].as_str()),
        (Some("no"), Some("dissolved"))
    );
    assert!(decided.get("next_mentor").is_some());
    let usage = super::cli::klik(
        &db,
        &["intake", "outcome", "--match", "1", "--klik", "maybe"],
    );
    assert_eq!(usage.status.code(), Some(2));

    let pdf = dir.path().join("schedule.pdf");
    let printed = ok(&[
        "--json",
        "intake",
        "schedule",
        "--programme",
        "1",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(
        (printed["intakes"].as_u64(), printed["pages"].as_u64()),
        (Some(2), Some(1))
    );
    let guides = dir.path().join("guides.pdf");
    let printed = ok(&[
        "--json",
        "intake",
        "guide",
        "--programme",
        "1",
        "--out",
        guides.to_str().unwrap(),
    ]);
    assert_eq!(printed["guides"], printed["pages"]);
}

/// The rows of a table, to see that a refusal changed nothing.
fn talks(store: &Store, id: ProgrammeId) -> Vec<intake::Intake> {
    intake::list(store, id).unwrap()
}

#[test]
fn the_klik_needs_a_talk_that_took_place() {
    let (mut store, id) = confirmed();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let planned = &proposal.planned[0];
    let before = talks(&store, id);

    // The talk is weeks ahead: no outcome yet, and the message says what to do.
    let error =
        intake::record_outcome(&mut store, planned.pair.id, Outcome::Klik, "", super::now())
            .unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.intake.not_held_yet");
    assert!(
        error
            .message(&english())
            .contains("has not taken place yet"),
        "{}",
        error.message(&english())
    );
    assert_eq!(talks(&store, id), before, "nothing was written");
    // Once its start has passed, the planned talk takes the outcome.
    let recorded = intake::record_outcome(
        &mut store,
        planned.pair.id,
        Outcome::Klik,
        "",
        planned.start + chrono::Duration::minutes(70),
    )
    .unwrap();
    assert_eq!(recorded.intake.start, planned.start);

    // A pair without any talk: refused, and no talk is invented.
    let lotte = matching::list(&store, id)
        .unwrap()
        .into_iter()
        .find(|m| m.mentee_name == "Lotte Janssens")
        .unwrap();
    let before = talks(&store, id);
    let error =
        intake::record_outcome(&mut store, lotte.id, Outcome::Klik, "", super::now()).unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.intake.no_talk");
    assert_eq!(talks(&store, id), before);
    // Held "tomorrow": refused; held before the match existed: refused.
    let tomorrow = super::now() + chrono::Duration::days(1);
    let error = intake::record_outcome_held(
        &mut store,
        lotte.id,
        Outcome::Klik,
        "",
        tomorrow,
        super::now(),
    )
    .unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.intake.held_in_future");
    let last_year = super::now() - chrono::Duration::days(365);
    let error = intake::record_outcome_held(
        &mut store,
        lotte.id,
        Outcome::Klik,
        "",
        last_year,
        super::now(),
    )
    .unwrap_err();
    assert_eq!(
        error.field_errors()[0].key,
        "error.intake.held_before_match"
    );
    assert_eq!(talks(&store, id), before, "refusals write nothing");
    // Held this morning, outside Klik: recorded with that time.
    let morning = super::now() - chrono::Duration::hours(1);
    let recorded = intake::record_outcome_held(
        &mut store,
        lotte.id,
        Outcome::Klik,
        "",
        morning,
        super::now(),
    )
    .unwrap();
    assert_eq!(recorded.intake.start, morning);
    assert_eq!(recorded.status, MatchStatus::Active);
    // The participants' table shows her in a pair, not as "applied".
    let states = matching::pair_states(&store, id).unwrap();
    assert_eq!(states[&lotte.mentee], MatchStatus::Active);
    assert_eq!(
        states[&lotte.mentor],
        MatchStatus::Active,
        "the mentor's furthest pair"
    );
}

#[test]
fn a_second_talk_comes_after_the_first() {
    let (mut store, id) = confirmed();
    let (from, to) = period("04-01-2027", "29-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let first = &proposal.planned[0];
    let after = first.start + chrono::Duration::minutes(90);
    intake::record_outcome(&mut store, first.pair.id, Outcome::Unsure, "", after).unwrap();

    // Planning again from the start of the period: never in the first
    // talk's slot or before it.
    let again = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    let second = again
        .planned
        .iter()
        .find(|p| p.pair.id == first.pair.id)
        .expect("the pair gets a second talk");
    assert!(
        second.start >= first.start + chrono::Duration::minutes(60),
        "second {} after first {}",
        second.start,
        first.start
    );
    assert!(
        intake::free_times(&store, first.pair.id, from, to, 20)
            .unwrap()
            .iter()
            .all(|t| *t >= first.start + chrono::Duration::minutes(60))
    );
    // By hand into the first talk's slot: refused with the reason.
    let error = intake::schedule(&mut store, first.pair.id, first.start, super::now()).unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.intake.before_last_talk");
}

#[test]
fn moving_against_the_planning_rules_is_refused_unless_forced_and_then_noted() {
    let (mut store, id) = confirmed();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let jan = &proposal.planned[0];
    let mentor_week = weeks(&store, id)[&jan.pair.mentor_name].display("en");
    let before = talks(&store, id);
    // Monday 11 January at 7:00: before the working day, and outside both availabilities.
    let early = day(11).and_hms_opt(7, 0, 0).unwrap();
    let error = intake::schedule(&mut store, jan.pair.id, early, super::now()).unwrap_err();
    let keys: Vec<&str> = error.field_errors().iter().map(|p| p.key).collect();
    assert_eq!(
        keys,
        [
            "error.intake.outside_hours",
            "error.intake.outside_availability",
            "error.intake.outside_availability"
        ]
    );
    assert!(
        error
            .field_errors()
            .iter()
            .all(|p| p.field == intake::FORCE_FIELD)
    );
    assert_eq!(
        error.field_errors()[1].message(&english()),
        format!(
            "{} is not available then (available: {mentor_week}).",
            jan.pair.mentor_name
        )
    );
    assert_eq!(talks(&store, id), before, "refused: nothing changed");
    // Forced knowingly: set, with a visible note.
    let moved = intake::schedule_anyway(&mut store, jan.pair.id, early, super::now()).unwrap();
    assert_eq!(moved.start, early);
    assert_eq!(
        moved.exceptions,
        [intake::Exception::Hours, intake::Exception::Availability]
    );
    assert_eq!(
        moved.exception_note(&english()).unwrap(),
        "Set by hand against the rules: outside the working hours; outside someone’s availability"
    );
    // Back inside the rules: the note goes.
    let inside = intake::free_times(&store, jan.pair.id, day(4), day(29), 1).unwrap()[0];
    let moved = intake::schedule(&mut store, jan.pair.id, inside, super::now()).unwrap();
    assert!(moved.exceptions.is_empty());
    // A clash is never forced: onto another talk of the same mentor or mentee.
    let (one, two) = proposal
        .planned
        .iter()
        .flat_map(|a| proposal.planned.iter().map(move |b| (a, b)))
        .find(|(a, b)| {
            a.pair.id != b.pair.id
                && b.pair.id != jan.pair.id
                && a.pair.mentor_name == b.pair.mentor_name
        })
        .expect("a mentor with two talks");
    let error =
        intake::schedule_anyway(&mut store, one.pair.id, two.start, super::now()).unwrap_err();
    assert_eq!(error.field_errors()[0].key, "error.intake.clash");
}

#[test]
fn the_times_offered_for_a_move_are_few_free_and_to_come() {
    let (mut store, id) = confirmed();
    let (from, to) = period("04-01-2027", "15-01-2027");
    let proposal = intake::propose(&store, id, from, to, start_of(from), &english()).unwrap();
    intake::apply(&mut store, &proposal, super::now()).unwrap();
    let pair = &proposal.planned[0];
    let offered = intake::move_choices(&store, pair.pair.id, super::now()).unwrap();
    assert!(!offered.is_empty() && offered.len() <= intake::MOVE_CHOICES);
    assert!(
        offered
            .iter()
            .all(|t| *t > super::now() && *t != pair.start)
    );
    // Each one can be taken as it is.
    intake::schedule(&mut store, pair.pair.id, offered[0], super::now()).unwrap();
}
