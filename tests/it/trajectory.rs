//! The trajectory after the klik on a small programme whose every figure is
//! computed by hand below: meetings, goal progress, check-ins, the attention
//! list, the key figures, and the reports in Dutch and English (text
//! snapshots), the anonymous one checked against every name.

use chrono::{NaiveDate, NaiveDateTime};

use klik::agreement::{self, AgreementForm, GoalForm, Signatures};
use klik::document;
use klik::intake::{self, Outcome};
use klik::matching::{self, Confirming, Match, MatchStatus};
use klik::participant::{self, import};
use klik::programme::ProgrammeId;
use klik::trajectory::attention::{self, Concern};
use klik::trajectory::report;
use klik::trajectory::{
    self, AnswerForm, CheckinForm, GoalState, MeetingForm, Moment, ProgressForm, Settings, Side,
    kpi,
};
use klik::{Error, Store};

/// Three mentors with four places, five mentees: one mentee stays unmatched.
const PEOPLE: &str = "role;first name;last name;email;capacity;topics\n\
    mentor;Marie;Dubois;marie@devries.be;2;onderhandelen\n\
    mentor;Jan;Claes;jan@devries.be;1;onderhandelen\n\
    mentor;Pieter;Smets;pieter@devries.be;1;onderhandelen\n\
    mentee;Zoë;Peeters;zoe@devries.be;;onderhandelen\n\
    mentee;Ahmed;Yilmaz;ahmed@devries.be;;onderhandelen\n\
    mentee;Noor;Bakker;noor@devries.be;;onderhandelen\n\
    mentee;Lotte;Janssens;lotte@devries.be;;onderhandelen\n\
    mentee;Ruben;Maes;ruben@devries.be;;onderhandelen\n";

fn at(text: &str) -> NaiveDateTime {
    klik::clock::pinned(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The day the figures are taken.
pub fn today() -> NaiveDateTime {
    at("2027-03-01T09:00:00")
}

/// A programme in `language` with its four matches confirmed on 28-11-2026,
/// the matches in list order (by mentee name).
fn programme_in(mut store: Store, language: &str) -> (Store, ProgrammeId, Vec<Match>) {
    klik::organisation::set_name(&mut store, "De Vries Logistiek").unwrap();
    let draft = klik::programme::ProgrammeForm {
        name: "Groeien in je rol".into(),
        start: "01-11-2026".into(),
        end: "30-09-2027".into(),
        document_language: language.into(),
        ..klik::programme::ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = klik::programme::create(&mut store, &draft, super::now()).unwrap();
    let preview = import::preview(&store, id, PEOPLE.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    matching::confirm(&mut store, id, Confirming::Proposal, super::now()).unwrap();
    let pairs = matching::list(&store, id).unwrap();
    assert_eq!(pairs.len(), 4);
    (store, id, pairs)
}

fn meeting(date: &str, minutes: &str, held: bool, topics: &str, next: &str) -> MeetingForm {
    MeetingForm {
        date: date.into(),
        minutes: minutes.into(),
        held,
        topics: topics.into(),
        notes: String::new(),
        next_steps: next.into(),
    }
}

fn answer(score: &str, fit: &str, comment: &str) -> AnswerForm {
    AnswerForm {
        satisfaction: score.into(),
        fit: fit.into(),
        comment: comment.into(),
    }
}

/// The fixture, written as a coordinator would over three months:
/// - A: klik 01-12-2026, an agreement from 07-12-2026 to 30-06-2027 with two
///   goals, signed; meetings on 14-12 (60 min) and 11-01 (90 min), one on
///   08-02 cancelled; goal 1 at 40 % on 11-01, achieved on 15-02; goal 2
///   never updated; a check-in on 12-01: mentor 4 good, mentee 5 good.
/// - B: klik 01-12-2026, no agreement; a meeting on 21-12 (50 min); the
///   mentee's check-in on 20-01 says 2, not a good fit.
/// - C: no klik on 02-12-2026 ("Te weinig tijd volgens <mentee>"): dissolved.
/// - D: "not sure yet" on 02-12-2026: back to waiting for a second talk.
pub fn written(language: &str) -> (Store, ProgrammeId, Vec<Match>) {
    written_in(Store::open_in_memory().unwrap(), language)
}

pub fn written_in(store: Store, language: &str) -> (Store, ProgrammeId, Vec<Match>) {
    let (mut store, id, pairs) = programme_in(store, language);
    let (a, b, c, d) = (pairs[0].id, pairs[1].id, pairs[2].id, pairs[3].id);
    let klik_day = at("2026-12-01T11:00:00");
    // The talks took place without being planned in Klik, an hour before.
    let held = |t: NaiveDateTime| t - chrono::Duration::hours(1);
    intake::record_outcome_held(&mut store, a, Outcome::Klik, "", held(klik_day), klik_day)
        .unwrap();
    intake::record_outcome_held(&mut store, b, Outcome::Klik, "", held(klik_day), klik_day)
        .unwrap();
    let reason = format!("Te weinig tijd volgens {}", pairs[2].mentee_name);
    let second_day = at("2026-12-02T11:00:00");
    intake::record_outcome_held(
        &mut store,
        c,
        Outcome::NoKlik,
        &reason,
        held(second_day),
        second_day,
    )
    .unwrap();
    intake::record_outcome_held(
        &mut store,
        d,
        Outcome::Unsure,
        "",
        held(second_day),
        second_day,
    )
    .unwrap();

    let signing = at("2026-12-05T10:00:00");
    let current = agreement::open(&mut store, a, signing).unwrap();
    let mut form = AgreementForm::from_terms(&current.terms, language);
    form.start = "07-12-2026".into();
    form.end = "30-06-2027".into();
    form.goals = vec![
        GoalForm {
            what: "Onderhandelen met leveranciers".into(),
            success: "Zelf het raamcontract onderhandelen".into(),
            target_date: "30-06-2027".into(),
            first_actions: String::new(),
        },
        GoalForm {
            what: "Feedback geven aan het team".into(),
            ..GoalForm::default()
        },
    ];
    agreement::save(&mut store, a, &form.validate().unwrap(), signing).unwrap();
    agreement::mark_ready(&mut store, a, signing).unwrap();
    let on = Some(day("2026-12-05"));
    let all = Signatures {
        mentee: on,
        mentor: on,
        coordinator: on,
    };
    agreement::sign(&mut store, a, &all, signing).unwrap();

    let later = today();
    for form in [
        meeting(
            "14-12-2026",
            "60",
            true,
            "Kennismaking, doelen",
            "Offerte lezen",
        ),
        meeting(
            "11-01-2027",
            "90",
            true,
            "Voorbereiding onderhandeling",
            "Rollenspel BATNA",
        ),
        meeting("08-02-2027", "60", false, "", ""),
    ] {
        trajectory::add_meeting(&mut store, a, &form, later).unwrap();
    }
    trajectory::add_meeting(
        &mut store,
        b,
        &meeting("21-12-2026", "50", true, "Eerste gesprek", ""),
        later,
    )
    .unwrap();
    let progress =
        |position: u8, date: &str, state: &str, percent: &str, note: &str| ProgressForm {
            position,
            date: date.into(),
            state: state.into(),
            percent: percent.into(),
            note: note.into(),
        };
    trajectory::record_progress(
        &mut store,
        a,
        &progress(
            1,
            "11-01-2027",
            "in_progress",
            "40",
            "Eerste offerte samen gelezen",
        ),
        later,
    )
    .unwrap();
    trajectory::record_progress(
        &mut store,
        a,
        &progress(1, "15-02-2027", "achieved", "90", "Raamcontract rond"),
        later,
    )
    .unwrap();
    trajectory::record_checkin(
        &mut store,
        a,
        &CheckinForm {
            moment: "after_meetings".into(),
            date: "12-01-2027".into(),
            mentor: Some(answer("4", "good", "Gemotiveerd")),
            mentee: Some(answer("5", "good", "")),
        },
        later,
    )
    .unwrap();
    trajectory::record_checkin(
        &mut store,
        b,
        &CheckinForm {
            moment: "other".into(),
            date: "20-01-2027".into(),
            mentor: None,
            mentee: Some(answer("2", "poor", "We vinden geen tijd")),
        },
        later,
    )
    .unwrap();
    (store, id, pairs)
}

#[test]
fn key_figures_match_the_hand_computed_values() {
    let (store, id, _) = written("nl");
    let t = trajectory::load(&store, id).unwrap();
    let k = kpi::compute(&t, today().date());
    assert_eq!((k.mentors, k.mentees, k.matched_mentees), (3, 5, 3));
    assert_eq!(k.match_rate(), Some(60));
    assert_eq!((k.kliks, k.unsure, k.no_kliks), (2, 1, 1));
    // 2 kliks of 3 decided talks (klik or no klik): 66.7 % → 67 %.
    assert_eq!(k.klik_rate(), Some(67));
    assert_eq!(
        (k.waiting, k.active, k.completed, k.dissolved),
        (1, 2, 0, 1)
    );
    assert_eq!(k.dissolve_reasons.len(), 1);
    assert_eq!(k.dissolve_reasons[0].1, 1);
    assert_eq!(
        (k.meetings_held, k.meetings_cancelled, k.minutes_held),
        (3, 1, 200)
    );
    // A: 07-12-2026 to 01-03-2027 is 84 days, three 28-day periods; B: from
    // the klik on 01-12-2026, 90 days, also three.
    assert_eq!(k.meetings_expected, 6);
    assert_eq!(k.meeting_rate(), Some(50));
    // A: 01-12 → 14-12 is 13 days; B: 01-12 → 21-12 is 20 days.
    assert_eq!(k.days_to_first_meeting, Some(16.5));
    assert_eq!(k.goals_set, 2);
    assert_eq!(k.goals_by_state, [1, 0, 1, 0]);
    assert_eq!(k.goals_achieved(), 1);
    assert_eq!(k.satisfaction_mentors, Some(4.0));
    assert_eq!(k.satisfaction_mentees, Some(3.5));
    assert_eq!(k.satisfaction_counts, [0, 1, 0, 1, 1]);
    assert_eq!(
        k.meetings_per_month,
        vec![(day("2026-12-01"), 2), (day("2027-01-01"), 1)]
    );
    let rows = k.rows(&klik::i18n::Texts::for_language("nl"));
    let find = |label: &str| rows.iter().find(|(l, _)| l == label).unwrap().1.clone();
    assert_eq!(find("Uren mentoring"), "3,3");
    assert_eq!(find("Intakes met een uitkomst die een klik werden"), "67 %");
    assert_eq!(find("Tevredenheid mentees (1–5)"), "3,5");
}

#[test]
fn the_attention_list_names_each_concern_most_urgent_first() {
    let (store, id, pairs) = written("en");
    let t = trajectory::load(&store, id).unwrap();
    let items = attention::list(&t, today());
    let (a, b, d) = (pairs[0].id, pairs[1].id, pairs[3].id);
    let got: Vec<_> = items
        .iter()
        .map(|i| (i.match_id, i.concern.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                b,
                Concern::PoorFit {
                    side: Side::Mentee,
                    on: day("2027-01-20")
                }
            ),
            // Waiting since the "not sure yet" talk of 02-12-2026.
            (d, Concern::IntakeNotPlanned { days: 89 }),
            (b, Concern::AgreementUnsigned { days: 90 }),
            (b, Concern::NoRecentMeeting { days: 70 }),
            (a, Concern::NoRecentMeeting { days: 49 }),
            (
                a,
                Concern::GoalQuiet {
                    position: 2,
                    days: 84
                }
            ),
        ]
    );
    let texts = klik::i18n::Texts::for_language("en");
    assert_eq!(
        items[0].concern.message(&texts),
        "The mentee said “not a good fit” on 20/01/2027"
    );
    // Thresholds are settings: a patient coordinator sees fewer items.
    let mut store = store;
    let patient = Settings {
        intake_wait_days: 100,
        signature_wait_days: 100,
        goal_quiet_days: 100,
        ..Settings::default()
    };
    trajectory::save_settings(&mut store, id, &patient).unwrap();
    let t = trajectory::load(&store, id).unwrap();
    let codes: Vec<&str> = attention::list(&t, today())
        .iter()
        .map(|i| i.concern.code())
        .collect();
    assert_eq!(
        codes,
        ["poor_fit", "no_recent_meeting", "no_recent_meeting"]
    );
    let bad = Settings {
        goal_quiet_days: 1,
        ..Settings::default()
    };
    let refused = trajectory::save_settings(&mut store, id, &bad).unwrap_err();
    assert_eq!(refused.field_errors()[0].field, "goal_quiet_days");
    // The end comes near: within 14 days of 30-06-2027.
    let t = trajectory::load(&store, id).unwrap();
    let near_end = attention::list(&t, at("2027-06-20T09:00:00"));
    let of_a: Vec<Concern> = near_end
        .iter()
        .filter(|i| i.match_id == a)
        .map(|i| i.concern.clone())
        .collect();
    // Past the middle of 07-12-2026 – 30-06-2027 and near its end, with
    // neither check-in recorded.
    assert!(
        of_a.contains(&Concern::EndingSoon {
            on: day("2027-06-30")
        }),
        "{of_a:?}"
    );
    assert!(
        of_a.contains(&Concern::CheckinDue {
            moment: Moment::Halfway
        }),
        "{of_a:?}"
    );
    assert!(
        of_a.contains(&Concern::CheckinDue {
            moment: Moment::End
        }),
        "{of_a:?}"
    );
    // A check-in after every first meeting: B (one meeting, no such check-in) is due; A had one.
    let eager = Settings {
        checkin_after_meetings: 1,
        ..patient
    };
    trajectory::save_settings(&mut store, id, &eager).unwrap();
    let t = trajectory::load(&store, id).unwrap();
    let due: Vec<_> = attention::list(&t, today())
        .into_iter()
        .filter(|i| i.concern.code() == "checkin_due")
        .map(|i| (i.match_id, i.concern))
        .collect();
    assert_eq!(
        due,
        [(
            b,
            Concern::CheckinDue {
                moment: Moment::AfterMeetings
            }
        )]
    );
}

#[test]
fn bad_input_is_refused_with_the_field_named_and_nothing_written() {
    let (mut store, _, pairs) = written("en");
    let (a, c) = (pairs[0].id, pairs[2].id);
    let texts = klik::i18n::Texts::for_language("en");
    let refused = |e: Error| -> Vec<(String, String)> {
        e.field_errors()
            .iter()
            .map(|f| (f.field.clone(), f.message(&texts)))
            .collect()
    };
    let before = trajectory::meetings(&store, a).unwrap().len();
    let cases = [
        (
            meeting("01-11-2026", "60", true, "", ""),
            "date",
            "before the match was confirmed (28/11/2026)",
        ),
        (
            meeting("02-03-2027", "60", true, "", ""),
            "date",
            "in the future",
        ),
        (
            meeting("01-06-2028", "60", false, "", ""),
            "date",
            "more than a year ahead",
        ),
        (
            meeting("31-02-2027", "60", true, "", ""),
            "date",
            "does not exist",
        ),
        (
            meeting("10-02-2027", "0", true, "", ""),
            "minutes",
            "“0” must be a whole number from 5 to 480",
        ),
        (
            meeting("10-02-2027", "1000", true, "", ""),
            "minutes",
            "“1000” must be a whole number from 5 to 480",
        ),
    ];
    for (form, field, words) in cases {
        let problems = refused(trajectory::add_meeting(&mut store, a, &form, today()).unwrap_err());
        assert_eq!(problems[0].0, field, "{form:?}");
        assert!(problems[0].1.contains(words), "{form:?}: {}", problems[0].1);
    }
    // A cancelled meeting may be logged ahead; a held one may not.
    trajectory::add_meeting(
        &mut store,
        a,
        &meeting("15-03-2027", "60", false, "", ""),
        today(),
    )
    .unwrap();
    assert_eq!(trajectory::meetings(&store, a).unwrap().len(), before + 1);

    let progress = ProgressForm {
        position: 1,
        date: "20-02-2027".into(),
        state: "in_progress".into(),
        percent: "140".into(),
        note: String::new(),
    };
    let problems =
        refused(trajectory::record_progress(&mut store, a, &progress, today()).unwrap_err());
    assert_eq!(problems[0].0, "percent");
    assert!(problems[0].1.contains("from 0 to 100"));
    let no_goal = ProgressForm {
        position: 3,
        percent: "10".into(),
        ..progress.clone()
    };
    let problems =
        refused(trajectory::record_progress(&mut store, a, &no_goal, today()).unwrap_err());
    assert_eq!(problems[0].0, "goal");

    let checkin = CheckinForm {
        moment: "halfway".into(),
        date: "20-02-2027".into(),
        mentor: Some(answer("7", "good", "")),
        mentee: Some(answer("4", "", "")),
    };
    let problems =
        refused(trajectory::record_checkin(&mut store, a, &checkin, today()).unwrap_err());
    assert_eq!(
        problems,
        vec![
            (
                "mentor_satisfaction".to_string(),
                "“7” must be a whole number from 1 to 5.".to_string()
            ),
            (
                "mentee_fit".to_string(),
                "This field is required.".to_string()
            ),
        ]
    );
    // Nothing of the refused check-in was written, not even the valid half.
    assert_eq!(trajectory::checkins(&store, a).unwrap().len(), 2);

    let dissolved = trajectory::add_meeting(
        &mut store,
        c,
        &meeting("10-02-2027", "60", true, "", ""),
        today(),
    )
    .unwrap_err();
    assert_eq!(refused(dissolved)[0].0, "match");
    // Percentages typed with a sign are read; an achieved goal is 100 %.
    let done = ProgressForm {
        position: 2,
        state: "achieved".into(),
        percent: "80 %".into(),
        ..progress
    };
    let entry = trajectory::record_progress(&mut store, a, &done, today()).unwrap();
    assert_eq!((entry.state, entry.percent), (GoalState::Achieved, 100));
}

fn write_pdf(doc: &document::Document, name: &str) -> (std::path::PathBuf, String) {
    let pdf = document::render(doc).unwrap();
    assert!(pdf.missing.is_empty(), "{name}: {:?}", pdf.missing);
    let path = super::out("reports", name);
    std::fs::write(&path, &pdf.bytes).unwrap();
    super::run("qpdf", &["--check", path.to_str().unwrap()]);
    let text = super::text_of(&path);
    (path, text)
}

#[test]
fn the_pair_report_reads_right_in_dutch_and_english() {
    for language in ["nl", "en"] {
        let (store, _, pairs) = written(language);
        let doc = report::pair_report(&store, pairs[0].id, today()).unwrap();
        let (_, text) = write_pdf(&doc, &format!("pair-{language}.pdf"));
        super::snapshot(&format!("pair-report-{language}.txt"), &text);
    }
}

#[test]
fn the_programme_report_has_its_figures_and_names_only_when_asked() {
    for language in ["nl", "en"] {
        let (store, id, _) = written(language);
        let (doc, anonymous) = report::programme_report(&store, id, Some(false), today()).unwrap();
        assert!(!anonymous);
        let (_, text) = write_pdf(&doc, &format!("programme-{language}.pdf"));
        super::snapshot(&format!("programme-report-{language}.txt"), &text);
    }
    // Three mentors are fewer than five: anonymous unless asked otherwise.
    let (store, id, _) = written("nl");
    let (doc, anonymous) = report::programme_report(&store, id, None, today()).unwrap();
    assert!(anonymous);
    let (_, text) = write_pdf(&doc, "programme-anonymous.pdf");
    assert!(text.contains("Anoniem rapport"), "{text}");
    assert!(text.contains("Te weinig tijd volgens [naam]"), "{text}");
    // Every word of the report against every name, as written (the month
    // "jan 2027" under a chart is not Jan Claes).
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut checked = 0;
    for p in participant::all(&store, id).unwrap() {
        for name in [&p.enrolment.first_name, &p.enrolment.last_name] {
            assert!(
                !words.contains(&name.as_str()),
                "{name} is in the anonymous report"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 16);
}

#[test]
fn a_programme_without_pairs_gets_a_short_meaningful_report() {
    let mut store = Store::open_in_memory().unwrap();
    let draft = klik::programme::ProgrammeForm {
        name: "Nieuw programma".into(),
        start: "01-01-2027".into(),
        end: "31-12-2027".into(),
        document_language: "en".into(),
        ..klik::programme::ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = klik::programme::create(&mut store, &draft, super::now()).unwrap();
    let (doc, anonymous) = report::programme_report(&store, id, None, super::now()).unwrap();
    assert!(anonymous, "nobody takes part yet, so nobody may be named");
    let (path, text) = write_pdf(&doc, "programme-empty.pdf");
    assert!(text.contains("There are no pairs yet"), "{text}");
    assert!(text.contains("Mentees 0"), "{text}");
    assert!(text.contains("Not started yet"), "{text}");
    let pages = super::run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(pages.contains("Pages:           1"), "{pages}");
}

#[test]
fn names_are_blotted_out_as_whole_words_in_any_case() {
    let names = vec![
        "Noor Bakker".to_string(),
        "Noor".to_string(),
        "Jan".to_string(),
    ];
    assert_eq!(
        report::blot_names("noor bakker en JAN: geen tijd in januari", &names, "[naam]"),
        "[naam] en [naam]: geen tijd in januari"
    );
}

#[test]
fn the_checkin_form_prints_both_parts_on_one_page() {
    let (store, _, pairs) = written("nl");
    let doc = report::checkin_form(&store, pairs[0].id, today()).unwrap();
    let (path, text) = write_pdf(&doc, "checkin-form.pdf");
    assert!(text.contains("Hoe tevreden ben je?"), "{text}");
    assert!(text.contains(&pairs[0].mentee_name) && text.contains(&pairs[0].mentor_name));
    let pages = super::run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(pages.contains("Pages:           1"), "{pages}");
    assert_eq!(pairs[0].status, MatchStatus::Confirmed);
}

#[test]
fn the_cli_logs_meetings_and_prints_reports_with_stable_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let (store, id, pairs) = written_in(Store::open(&db).unwrap(), "en");
    drop(store);
    let klik = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_klik"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("KLIK_NOW", "2027-03-01T09:00:00")
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| {
        let out = klik(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap_or(serde_json::Value::Null)
    };
    let a = pairs[0].id.0.to_string();
    let programme = id.0.to_string();
    let added = ok(&[
        "--json",
        "meeting",
        "add",
        "--match",
        &a,
        "--date",
        "27-02-2027",
        "--minutes",
        "45",
        "--topics",
        "Rollenspel",
        "--next-steps",
        "Offerte versturen",
    ]);
    assert_eq!(added["date"], "2027-02-27");
    assert_eq!(added["held"], true);
    assert_eq!(
        ok(&["--json", "meeting", "list", "--match", &a])
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let refused = klik(&[
        "--json",
        "meeting",
        "add",
        "--match",
        &a,
        "--date",
        "27-02-2027",
        "--minutes",
        "1000",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(error["code"], "invalid_input");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("“1000” must be a whole number from 5 to 480")
    );

    let progress = ok(&[
        "--json",
        "progress",
        "add",
        "--match",
        &a,
        "--goal",
        "2",
        "--state",
        "in_progress",
        "--percent",
        "30",
    ]);
    assert_eq!(
        (progress["date"].as_str(), progress["percent"].as_u64()),
        (Some("2027-03-01"), Some(30))
    );
    let checkin = ok(&[
        "--json",
        "checkin",
        "add",
        "--match",
        &a,
        "--moment",
        "halfway",
        "--mentee-score",
        "4",
        "--mentee-fit",
        "good",
    ]);
    assert_eq!(checkin[0]["role"], "mentee");

    let items = ok(&["--json", "attention", "--programme", &programme]);
    let codes: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    // The new meeting and progress quieted pair A; B and D still wait.
    assert_eq!(
        codes,
        [
            "poor_fit",
            "intake_not_planned",
            "agreement_unsigned",
            "no_recent_meeting"
        ]
    );
    assert!(
        items[0]["message"]
            .as_str()
            .unwrap()
            .contains("not a good fit")
    );

    let pdf = dir.path().join("programme.pdf");
    let printed = ok(&[
        "--json",
        "report",
        "programme",
        "--programme",
        &programme,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(printed["anonymous"], true);
    assert!(printed["pages"].as_u64().unwrap() >= 2);
    let named = ok(&[
        "--json",
        "report",
        "programme",
        "--programme",
        &programme,
        "--named",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(named["anonymous"], false);
    assert!(super::text_of(&pdf).contains(&pairs[0].mentee_name));
    let pair_pdf = dir.path().join("pair.pdf");
    ok(&[
        "report",
        "pair",
        "--match",
        &a,
        "--out",
        pair_pdf.to_str().unwrap(),
    ]);
    assert!(super::text_of(&pair_pdf).contains("Offerte versturen"));

    let csv = dir.path().join("kpis.csv");
    let kpis = ok(&[
        "--json",
        "report",
        "kpis",
        "--programme",
        &programme,
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(kpis["kpis"]["meetings_held"], 4);
    assert_eq!(kpis["kpis"]["klik_rate"], 67);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("Decided intakes that ended in a klik;67 %")
            || text.contains("Decided intakes that ended in a klik,67 %"),
        "{text}"
    );
    let xlsx = dir.path().join("kpis.xlsx");
    ok(&[
        "report",
        "kpis",
        "--programme",
        &programme,
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    let table = klik::tabular::read(&std::fs::read(&xlsx).unwrap(), None).unwrap();
    assert_eq!(
        table.rows.len(),
        text.lines().filter(|l| !l.is_empty()).count()
    );
    assert_eq!(table.rows[0].cells, ["Figure", "Value"]);
    // The workbook holds numbers, not text: a rate as a fraction shown in
    // percent, counts as numbers, a figure without a base as "–".
    use calamine::{Data, Reader};
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(std::fs::read(&xlsx).unwrap()))
            .unwrap();
    let sheet = book.worksheet_range("KPI").unwrap();
    let value = |label: &str| {
        sheet
            .rows()
            .find(|row| row[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("{label} in the workbook"))[1]
            .clone()
    };
    assert_eq!(
        value("Decided intakes that ended in a klik"),
        Data::Float(0.67)
    );
    assert_eq!(value("Meetings held"), Data::Float(4.0));
    assert_eq!(value("Workshop attendance"), Data::String("–".into()));
}

#[test]
fn workshops_are_planned_registered_and_a_missed_required_one_needs_attention() {
    use klik::trajectory::workshop::{self, WorkshopForm};
    let (mut store, id, pairs) = written("nl");
    let form = WorkshopForm {
        title: "Feedback geven".into(),
        date: "15-01-2027".into(),
        time: "10:00".into(),
        minutes: "120".into(),
        location: "Zaal Schelde, Gent".into(),
        audience: "mentees".into(),
        trainer: "An De Smet".into(),
        required: true,
    };
    let bad = WorkshopForm {
        title: " ".into(),
        date: "31-02-2027".into(),
        minutes: "5".into(),
        ..form.clone()
    };
    let problems = workshop::add(&mut store, id, &bad, today()).unwrap_err();
    let fields: Vec<&str> = problems
        .field_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["title", "date", "minutes"]);
    let w = workshop::add(&mut store, id, &form, today()).unwrap();
    assert_eq!(w.sequence, 0);
    let invited = workshop::invitees(&store, w.id).unwrap();
    assert_eq!(invited.len(), 5, "every mentee, nobody else");
    // The calendar file invites every mentee.
    let ics = workshop::calendar(&store, w.id, today()).unwrap();
    assert!(ics.contains("SUMMARY:Feedback geven"), "{ics}");
    assert_eq!(ics.matches("ATTENDEE").count(), 5);
    assert!(
        ics.contains("DTSTART;TZID=Europe/Brussels:20270115T100000"),
        "{ics}"
    );

    // Zoë's pair (A) came, the mentee of B did not.
    let present = [pairs[0].mentee];
    let registered = workshop::register_attendance(&mut store, w.id, &present, today()).unwrap();
    assert_eq!((registered.attended, registered.absent), (1, 4));
    let t = trajectory::load(&store, id).unwrap();
    let missed: Vec<_> = attention::list(&t, today())
        .into_iter()
        .filter(|i| i.concern.code() == "workshop_missed")
        .collect();
    assert_eq!(missed.len(), 1, "only active pairs are on the list");
    assert_eq!(missed[0].match_id, pairs[1].id);
    assert_eq!(
        missed[0]
            .concern
            .message(&klik::i18n::Texts::for_language("nl")),
        "De mentee miste de verplichte workshop “Feedback geven”"
    );
    let k = kpi::compute(&t, today().date());
    assert_eq!(
        (
            k.workshops_registered,
            k.workshop_present,
            k.workshop_absent
        ),
        (1, 1, 4)
    );

    // A workshop still to come cannot have its attendance registered; a change bumps SEQUENCE.
    let later = WorkshopForm {
        date: "15-04-2027".into(),
        ..form
    };
    let next = workshop::add(&mut store, id, &later, today()).unwrap();
    let refused =
        workshop::register_attendance(&mut store, next.id, &present, today()).unwrap_err();
    assert_eq!(refused.field_errors()[0].field, "attendance");
    let moved = workshop::update(
        &mut store,
        next.id,
        &WorkshopForm {
            time: "14:00".into(),
            ..later
        },
        today(),
    )
    .unwrap();
    assert_eq!(
        (moved.sequence, moved.start.format("%H:%M").to_string()),
        (1, "14:00".to_string())
    );
    let (doc, _) = report::programme_report(&store, id, Some(true), today()).unwrap();
    let (_, text) = write_pdf(&doc, "programme-workshops.pdf");
    assert!(text.contains("Feedback geven (verplicht)"), "{text}");
    assert!(text.contains("Mentees 1/5"), "{text}");
    assert!(text.contains("Aanwezigheid op workshops 20 %"), "{text}");
}

#[test]
fn closing_evaluates_certifies_and_freezes_the_programme() {
    use klik::trajectory::closing::{self, AnswerForm, Kind};
    let (mut store, id, pairs) = written("nl");
    let texts = klik::i18n::Texts::for_language("nl");
    let questions: Vec<(String, Kind)> = closing::default_questions(&texts)
        .into_iter()
        .map(|q| (q.text, q.kind))
        .collect();
    assert_eq!(
        closing::set_questions(&mut store, id, &questions)
            .unwrap()
            .len(),
        6
    );
    let answer = |position: u8, score: &str, text: &str| AnswerForm {
        position,
        score: score.into(),
        text: text.into(),
    };
    let refused = closing::record_answers(&mut store, id, pairs[0].mentee, &[answer(1, "7", "")])
        .unwrap_err();
    assert_eq!(refused.field_errors()[0].label(&texts), "Vraag 1");
    assert_eq!(
        refused.field_errors()[0].message(&texts),
        "‘7’ moet een geheel getal van 1 tot 5 zijn."
    );
    // The same question twice is a problem with that question, not a database error.
    let twice = closing::record_answers(
        &mut store,
        id,
        pairs[0].mentee,
        &[answer(1, "4", ""), answer(1, "5", "")],
    )
    .unwrap_err();
    assert_eq!(twice.code(), "invalid_input");
    assert_eq!(
        twice.field_errors()[0].message(&texts),
        "Deze vraag is twee keer beantwoord; hou één antwoord."
    );
    closing::record_answers(
        &mut store,
        id,
        pairs[0].mentee,
        &[
            answer(1, "5", ""),
            answer(5, "", "Zelfvertrouwen bij onderhandelen"),
        ],
    )
    .unwrap();
    closing::record_answers(
        &mut store,
        id,
        pairs[1].mentee,
        &[
            answer(1, "4", ""),
            answer(6, "", "Meer tijd voor Ahmed Yilmaz"),
        ],
    )
    .unwrap();
    let summary = closing::summary(&store, id).unwrap();
    assert_eq!(summary[0].average, Some(4.5));
    assert_eq!(summary[0].scores, [0, 0, 0, 1, 1]);
    assert_eq!(summary[4].texts, ["Zelfvertrouwen bij onderhandelen"]);

    // Certificates: everyone in an active pair (A and B), one page each.
    let (doc, count) = closing::certificates(&store, id, today()).unwrap();
    let people: std::collections::BTreeSet<_> = pairs[..2]
        .iter()
        .flat_map(|p| [p.mentee, p.mentor])
        .collect();
    assert_eq!(count, people.len());
    let (path, text) = write_pdf(&doc, "certificates.pdf");
    let pages = super::run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        pages.contains(&format!("Pages:           {count}")),
        "{pages}"
    );
    assert!(text.contains("Getuigschrift van deelname"), "{text}");
    assert!(
        text.contains("Onderhandelen met leveranciers"),
        "the mentee's achieved goal: {text}"
    );

    // Closing: A and B completed, D (waiting for a second talk) dissolved.
    let closed = closing::close(&mut store, id, today()).unwrap();
    assert_eq!((closed.completed, closed.dissolved), (2, 1));
    let after = matching::list(&store, id).unwrap();
    let status = |m: klik::matching::MatchId| after.iter().find(|a| a.id == m).unwrap().status;
    assert_eq!(status(pairs[0].id), MatchStatus::Completed);
    assert_eq!(status(pairs[3].id), MatchStatus::Dissolved);
    let programme = klik::programme::get(&store, id).unwrap();
    assert!(programme.archived_at.is_some() && programme.closed_at.is_some());
    let frozen = trajectory::add_meeting(
        &mut store,
        pairs[0].id,
        &meeting("20-02-2027", "60", true, "", ""),
        today(),
    )
    .unwrap_err();
    assert_eq!(frozen.field_errors()[0].field, "match");
    assert!(
        closing::close(&mut store, id, today()).is_err(),
        "closed once"
    );
    // Still reportable, with the evaluation; the anonymous one blots the name in an answer.
    let (doc, _) = report::programme_report(&store, id, Some(true), today()).unwrap();
    let (_, text) = write_pdf(&doc, "programme-closed.pdf");
    assert!(text.contains("Eindevaluatie"), "{text}");
    assert!(text.contains("Gemiddeld 4,5 op 5 (n = 2)"), "{text}");
    assert!(text.contains("Meer tijd voor [naam]"), "{text}");
    assert!(
        text.contains("Het programma werd afgesloten vóór de klik"),
        "{text}"
    );
    let k = kpi::compute(&trajectory::load(&store, id).unwrap(), today().date());
    assert_eq!(
        (k.active, k.completed, k.dissolved, k.waiting),
        (0, 2, 2, 0)
    );
}

#[test]
fn an_archived_programme_is_read_and_printed_but_never_changed() {
    let (mut store, id, pairs) = written("nl");
    let texts = klik::i18n::Texts::for_language("nl");
    let now = at("2027-03-01T09:00:00");
    klik::programme::set_archived(&mut store, id, true, now).unwrap();
    let read_only = |result: Result<(), Error>, what: &str| {
        let error = result.expect_err(what);
        assert_eq!(
            error.field_errors()[0].key,
            "error.programme.read_only",
            "{what}"
        );
        assert!(
            error
                .message(&texts)
                .starts_with("Programma: Dit programma is gearchiveerd"),
            "{what}: {}",
            error.message(&texts)
        );
    };
    let before = matching::list(&store, id).unwrap();
    read_only(
        matching::dissolve(&mut store, pairs[3].id, "Te weinig tijd", now),
        "dissolve",
    );
    read_only(
        matching::accept_all(&mut store, id, now).map(|_| ()),
        "accept all",
    );
    let criteria = matching::criteria::get(&store, id).unwrap();
    read_only(
        matching::criteria::save(&mut store, id, &criteria),
        "criteria",
    );
    read_only(
        intake::schedule(&mut store, pairs[3].id, at("2027-03-10T10:00:00"), now).map(|_| ()),
        "schedule",
    );
    read_only(
        intake::record_outcome(&mut store, pairs[3].id, Outcome::Klik, "", now).map(|_| ()),
        "klik",
    );
    let settings = intake::settings(&store, id).unwrap();
    read_only(
        intake::save_settings(&mut store, id, &settings),
        "intake settings",
    );
    read_only(intake::set_closed_days(&mut store, id, &[]), "closed days");
    read_only(
        agreement::mark_ready(&mut store, pairs[0].id, now).map(|_| ()),
        "agreement",
    );
    read_only(
        agreement::set_default(&mut store, id, "confidentiality", "Alles blijft onder ons."),
        "standard text",
    );
    let workshop = klik::trajectory::workshop::WorkshopForm {
        title: "Feedback geven".into(),
        date: "15-04-2027".into(),
        time: "10:00".into(),
        minutes: "120".into(),
        audience: "mentees".into(),
        ..Default::default()
    };
    read_only(
        klik::trajectory::workshop::add(&mut store, id, &workshop, now).map(|_| ()),
        "workshop",
    );
    assert_eq!(
        matching::list(&store, id).unwrap(),
        before,
        "nothing changed"
    );
    // It is still read and printed.
    report::programme_report(&store, id, Some(false), now).unwrap();

    // Back from the archive, it can be changed again.
    klik::programme::set_archived(&mut store, id, false, now).unwrap();
    matching::dissolve(&mut store, pairs[3].id, "Te weinig tijd", now).unwrap();
}

#[test]
fn certificates_go_to_pairs_that_met_unless_the_officer_chooses_all() {
    let (mut store, id, pairs) = written("nl");
    // D, waiting for a second talk, has its klik after a talk on 10-12-2026
    // but never meets: no certificate unless the officer asks for all.
    intake::record_outcome_held(
        &mut store,
        pairs[3].id,
        Outcome::Klik,
        "",
        at("2026-12-10T10:00:00"),
        today(),
    )
    .unwrap();
    let (_, met) = klik::trajectory::closing::certificates(&store, id, today()).unwrap();
    let (doc, all) = klik::trajectory::closing::certificates_for(
        &store,
        id,
        klik::trajectory::closing::Recipients::All,
        today(),
    )
    .unwrap();
    assert_eq!(met, 4, "A and B met");
    assert_eq!(all, 6, "D's mentee and mentor too");
    let (_, text) = write_pdf(&doc, "certificates-all.pdf");
    assert!(
        text.contains("Een mentoringprogramma van De Vries Logistiek."),
        "{text}"
    );
    assert!(text.contains(": 0 gesprekken,"), "{text}");
}
