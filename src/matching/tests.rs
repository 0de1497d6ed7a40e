//! Scoring, reasons in Dutch and English, rules and the proposal, on data in memory.

use super::*;
use crate::participant::Availability;

fn person(id: i64, name: &str) -> Candidate {
    Candidate {
        id: ParticipantId(id),
        person: id,
        name: name.to_string(),
        email: format!("{}@example.be", name.to_lowercase().replace(' ', ".")),
        capacity: 1,
        ..Candidate::default()
    }
}

fn only(criterion: Criterion, weight: Weight) -> Criteria {
    let mut criteria = Criteria::default();
    for c in Criterion::ALL {
        criteria.set(c, Weight::Off, None);
    }
    criteria.set(criterion, weight, None);
    criteria
}

fn round_of(criteria: Criteria, mentees: Vec<Candidate>, mentors: Vec<Candidate>) -> Round {
    let load = vec![0; mentors.len()];
    Round::new(
        ProgrammeId(1),
        criteria,
        mentees,
        mentors,
        load,
        &[],
        Vec::new(),
    )
}

/// The one reason of the only switched-on criterion, in a language, with the score.
fn explain(
    criterion: Criterion,
    mentee: Candidate,
    mentor: Candidate,
    language: &str,
) -> (u8, String) {
    let round = round_of(only(criterion, Weight::High), vec![mentee], vec![mentor]);
    let reasons = round.reasons(&Texts::for_language(language), 0, 0);
    assert_eq!(reasons.len(), 1);
    (round.evaluate(0, 0).0, reasons[0].text.clone())
}

fn both(criterion: Criterion, mentee: Candidate, mentor: Candidate) -> (u8, String, String) {
    let (score, en) = explain(criterion, mentee.clone(), mentor.clone(), "en");
    let (_, nl) = explain(criterion, mentee, mentor, "nl");
    (score, en, nl)
}

#[test]
fn topic_fit_names_the_covered_learning_wishes() {
    let mut mentee = person(1, "Zoë Peeters");
    mentee.topics = vec!["leadership".into(), "negotiation".into(), "planning".into()];
    let mut mentor = person(2, "Marie Dubois");
    mentor.topics = vec!["Negotiation".into(), "leadership".into(), "Excel".into()];
    let (score, en, nl) = both(Criterion::Topics, mentee.clone(), mentor.clone());
    assert_eq!(score, 67);
    assert_eq!(
        en,
        "covers 2 of 3 learning wishes: leadership and negotiation"
    );
    assert_eq!(nl, "dekt 2 van de 3 leervragen: leadership en negotiation");

    mentor.topics.push("planning".into());
    let (score, en, nl) = both(Criterion::Topics, mentee.clone(), mentor.clone());
    assert_eq!(score, 100);
    assert_eq!(
        en,
        "covers all 3 learning wishes: leadership, negotiation and planning"
    );
    assert_eq!(
        nl,
        "dekt alle 3 leervragen: leadership, negotiation en planning"
    );

    mentor.topics = vec!["Excel".into()];
    let (score, en, nl) = both(Criterion::Topics, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(
        en,
        "covers none of the 3 learning wishes (leadership, negotiation and planning)"
    );
    assert_eq!(
        nl,
        "dekt geen van de 3 leervragen (leadership, negotiation en planning)"
    );

    mentee.topics.clear();
    let (score, en, nl) = both(Criterion::Topics, mentee, mentor);
    assert_eq!(score, 50, "no data: neutral");
    assert_eq!(en, "the mentee listed no learning wishes");
    assert_eq!(nl, "de mentee gaf geen leervragen op");
}

#[test]
fn common_language_is_named_in_the_readers_language() {
    let mut mentee = person(1, "Anaïs Peeters");
    mentee.languages = vec!["fr".into(), "nl".into()];
    let mut mentor = person(2, "Marie Dubois");
    mentor.languages = vec!["en".into(), "fr".into()];
    let (score, en, nl) = both(Criterion::Language, mentee.clone(), mentor.clone());
    assert_eq!(score, 100);
    assert_eq!(en, "both speak French");
    assert_eq!(nl, "beiden spreken Frans");

    mentor.languages = vec!["en".into()];
    let (score, en, nl) = both(Criterion::Language, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(
        en,
        "no common language (mentee: French and Dutch; mentor: English)"
    );
    assert_eq!(
        nl,
        "geen gemeenschappelijke taal (mentee: Frans en Nederlands; mentor: Engels)"
    );

    mentor.languages.clear();
    let (_, en, nl) = both(Criterion::Language, mentee, mentor);
    assert_eq!(en, "languages not known for both");
    assert_eq!(nl, "talen niet van beiden gekend");
}

#[test]
fn location_department_and_preference_read_plainly() {
    let mut mentee = person(1, "Jan Peeters");
    mentee.location = "Gent".into();
    mentee.department = "Logistiek".into();
    mentee.preferred = vec!["marie.dubois@example.be".into()];
    let mut mentor = person(2, "Marie Dubois");
    mentor.location = "gent".into();
    mentor.department = "Logistiek".into();

    let (score, en, nl) = both(Criterion::Location, mentee.clone(), mentor.clone());
    assert_eq!(
        (score, en.as_str(), nl.as_str()),
        (100, "both in Gent", "beiden in Gent")
    );
    let (score, en, nl) = both(Criterion::Department, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(en, "same department Logistiek — not preferred");
    assert_eq!(nl, "zelfde afdeling Logistiek — niet gewenst");
    let (score, en, nl) = both(Criterion::Preference, mentee.clone(), mentor.clone());
    assert_eq!(score, 100);
    assert_eq!(en, "the mentee asked for this mentor");
    assert_eq!(nl, "de mentee vroeg deze mentor");

    mentor.location = "Antwerpen".into();
    mentor.department = "IT".into();
    mentor.email = "someone.else@example.be".into();
    let (score, en, nl) = both(Criterion::Location, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(en, "different locations: Gent and Antwerpen");
    assert_eq!(nl, "verschillende locaties: Gent en Antwerpen");
    let (score, en, nl) = both(Criterion::Department, mentee.clone(), mentor.clone());
    assert_eq!(score, 100);
    assert_eq!(en, "different departments: Logistiek and IT");
    assert_eq!(nl, "verschillende afdelingen: Logistiek en IT");
    let (score, en, nl) = both(Criterion::Preference, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(en, "not one of the mentee’s preferred mentors");
    assert_eq!(nl, "niet een van de gewenste mentoren van de mentee");

    mentee.preferred.clear();
    mentee.location.clear();
    mentee.department.clear();
    let (_, en, nl) = both(Criterion::Preference, mentee.clone(), mentor.clone());
    assert_eq!(
        (en.as_str(), nl.as_str()),
        (
            "the mentee named no preferred mentors",
            "de mentee noemde geen gewenste mentoren"
        )
    );
    let (_, en, nl) = both(Criterion::Location, mentee.clone(), mentor.clone());
    assert_eq!(
        (en.as_str(), nl.as_str()),
        (
            "location not known for both",
            "locatie niet van beiden gekend"
        )
    );
    let (_, en, nl) = both(Criterion::Department, mentee, mentor);
    assert_eq!(
        (en.as_str(), nl.as_str()),
        (
            "department not known for both",
            "afdeling niet van beiden gekend"
        )
    );
}

#[test]
fn seniority_compares_years_with_the_wanted_gap() {
    let mut mentee = person(1, "Ünal Kaya");
    mentee.years = Some(2);
    let mut mentor = person(2, "Marie Dubois");
    mentor.years = Some(14);
    let (score, en, nl) = both(Criterion::Seniority, mentee.clone(), mentor.clone());
    assert_eq!(score, 100);
    assert_eq!(
        en,
        "mentor has 12 years more experience (at least 3 wanted)"
    );
    assert_eq!(
        nl,
        "mentor heeft 12 jaar meer ervaring (minstens 3 gewenst)"
    );

    mentor.years = Some(4);
    let (score, en, nl) = both(Criterion::Seniority, mentee.clone(), mentor.clone());
    assert_eq!(score, 67);
    assert_eq!(
        en,
        "mentor has only 2 years more experience (at least 3 wanted)"
    );
    assert_eq!(
        nl,
        "mentor heeft maar 2 jaar meer ervaring (minstens 3 gewenst)"
    );

    mentor.years = Some(1);
    let (score, en, nl) = both(Criterion::Seniority, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(
        en,
        "mentor has no more experience than the mentee (1 against 2 years)"
    );
    assert_eq!(
        nl,
        "mentor heeft niet meer ervaring dan de mentee (1 tegenover 2 jaar)"
    );

    mentor.years = None;
    let (_, en, nl) = both(Criterion::Seniority, mentee, mentor);
    assert_eq!(
        (en.as_str(), nl.as_str()),
        (
            "years of experience not known for both",
            "jaren ervaring niet van beiden gekend"
        )
    );
}

#[test]
fn common_time_is_added_up_over_the_week() {
    let mut mentee = person(1, "Zoë Peeters");
    mentee.availability = Availability::parse("ma 09:00-11:00, wo 14:00-16:00").unwrap();
    let mut mentor = person(2, "Marie Dubois");
    mentor.availability = Availability::parse("wo 15:00-17:00, ma 10:00-10:30").unwrap();
    let (score, en, nl) = both(Criterion::Availability, mentee.clone(), mentor.clone());
    assert_eq!(score, 100);
    assert_eq!(
        en,
        "1 h 30 min common time a week, for example Mon 10:00–10:30"
    );
    assert_eq!(
        nl,
        "1 u 30 min gemeenschappelijke tijd per week, bijvoorbeeld ma 10:00–10:30"
    );

    mentor.availability = Availability::parse("wo 15:30-17:00").unwrap();
    let (score, en, nl) = both(Criterion::Availability, mentee.clone(), mentor.clone());
    assert_eq!(score, 50);
    assert_eq!(
        en,
        "only 30 min common time a week (1 h wanted), for example Wed 15:30–16:00"
    );
    assert_eq!(
        nl,
        "maar 30 min gemeenschappelijke tijd per week (1 u gewenst), bijvoorbeeld wo 15:30–16:00"
    );

    mentor.availability = Availability::parse("vr 09:00-12:00").unwrap();
    let (score, en, nl) = both(Criterion::Availability, mentee.clone(), mentor.clone());
    assert_eq!(score, 0);
    assert_eq!(en, "no common time in the week");
    assert_eq!(nl, "geen gemeenschappelijk moment in de week");

    mentor.availability = Availability::default();
    let (_, en, nl) = both(Criterion::Availability, mentee, mentor);
    assert_eq!(
        (en.as_str(), nl.as_str()),
        (
            "availability not known for both",
            "beschikbaarheid niet van beiden gekend"
        )
    );
}

#[test]
fn the_score_is_the_rounded_weighted_average_of_known_fits() {
    let mut criteria = only(Criterion::Topics, Weight::High);
    criteria.set(Criterion::Location, Weight::Low, None);
    criteria.set(Criterion::Department, Weight::Medium, None);
    let mut mentee = person(1, "A B");
    mentee.topics = vec!["x".into(), "y".into(), "z".into()];
    mentee.location = "Gent".into();
    let mut mentor = person(2, "C D");
    mentor.topics = vec!["x".into()];
    mentor.location = "Gent".into();
    // Topics 33 × 3 + location 100 × 1; department unknown is left out: 199 / 4 = 49.75.
    let round = round_of(criteria, vec![mentee], vec![mentor]);
    assert_eq!(round.evaluate(0, 0), (50, None));
}

#[test]
fn hard_rules_forbid_pairs_whatever_the_score() {
    let mut mentee = person(1, "Zoë Peeters");
    mentee.reporting_line = vec![2, 7];
    mentee.avoid = vec!["ann.smet@example.be".into()];
    let boss = person(2, "Jan Boss");
    let avoided = person(3, "Ann Smet");
    let mut avoider = person(4, "Piet Claes");
    avoider.avoid = vec!["zoë.peeters@example.be".into()];
    let big_boss = person(7, "Grote Baas");
    let fine = person(5, "Marie Dubois");
    let round = round_of(
        Criteria::default(),
        vec![mentee],
        vec![boss, avoided, avoider, big_boss, fine],
    );
    let rules: Vec<Option<Rule>> = (0..5).map(|j| round.evaluate(0, j).1).collect();
    assert_eq!(
        rules,
        vec![
            Some(Rule::ReportingLine),
            Some(Rule::AvoidedByMentee),
            Some(Rule::AvoidedByMentor),
            Some(Rule::ReportingLine),
            None
        ]
    );
    let texts = Texts::for_language("en");
    assert_eq!(
        round.rule_text(&texts, Rule::ReportingLine, 0, 0),
        "Jan Boss is in Zoë Peeters’s reporting line (manager or higher)"
    );
    let proposal = round.propose();
    assert_eq!(proposal.pairs.len(), 1);
    assert_eq!(proposal.pairs[0].mentor, 4);
}

#[test]
fn must_makes_a_criterion_a_rule_and_unmatched_mentees_get_a_reason() {
    let mut mentee = person(1, "Anaïs Peeters");
    mentee.languages = vec!["fr".into()];
    let mut a = person(2, "Jan Smet");
    a.languages = vec!["nl".into()];
    let mut b = person(3, "Piet Claes");
    b.languages = vec!["en".into(), "nl".into()];
    let round = round_of(
        only(Criterion::Language, Weight::Must),
        vec![mentee],
        vec![a, b],
    );
    let proposal = round.propose();
    assert!(proposal.pairs.is_empty());
    let (i, why) = &proposal.unmatched[0];
    assert_eq!(
        round.unmatched_text(&Texts::for_language("en"), *i, why),
        "no mentor speaks French"
    );
    assert_eq!(
        round.unmatched_text(&Texts::for_language("nl"), *i, why),
        "geen enkele mentor spreekt Frans"
    );
    assert_eq!(
        round.rule_text(
            &Texts::for_language("en"),
            Rule::Must(Criterion::Language),
            0,
            0
        ),
        "required: Common language — no common language (mentee: French; mentor: Dutch)"
    );
}

#[test]
fn a_mentee_left_out_for_lack_of_room_names_the_best_full_mentor() {
    let mut first = person(1, "Ann Eerst");
    first.topics = vec!["x".into()];
    let second = person(2, "Bert Tweede");
    let mut marie = person(3, "Marie Dubois");
    marie.topics = vec!["x".into()];
    let round = round_of(
        only(Criterion::Topics, Weight::High),
        vec![first, second],
        vec![marie],
    );
    let proposal = round.propose();
    assert_eq!(proposal.matched, 1);
    let (i, why) = &proposal.unmatched[0];
    assert_eq!(
        round.unmatched_text(&Texts::for_language("en"), *i, why),
        "the only fitting mentor is full — would need capacity +1 at Marie Dubois"
    );
    assert_eq!(
        round.warnings(&Texts::for_language("en")),
        vec![
            "2 mentees to match, room for 1: raise a mentor’s capacity or add mentors.".to_string()
        ]
    );
}

#[test]
fn locked_pairs_are_kept_and_a_broken_lock_is_a_conflict() {
    let mut criteria = only(Criterion::Topics, Weight::High);
    criteria.set(Criterion::Language, Weight::Must, None);
    let mut zoe = person(1, "Zoë Peeters");
    zoe.topics = vec!["x".into()];
    zoe.languages = vec!["nl".into()];
    let mut good = person(2, "Marie Dubois");
    good.topics = vec!["x".into()];
    good.languages = vec!["nl".into()];
    let mut other = person(3, "Jan Smet");
    other.languages = vec!["nl".into()];
    let locked = Decided {
        mentee: 0,
        mentor: 1,
        decision: Decision::Lock,
        kept: false,
    };
    let round = Round::new(
        ProgrammeId(1),
        criteria.clone(),
        vec![zoe.clone()],
        vec![good.clone(), other.clone()],
        vec![0, 0],
        &[],
        vec![locked],
    );
    let proposal = round.propose();
    assert_eq!(
        proposal.pairs[0].mentor, 1,
        "the lock beats the better score"
    );
    assert_eq!(proposal.pairs[0].state, PairState::Locked);
    assert_eq!(proposal.pairs[0].alternatives, vec![(0, 100, false)]);

    // Jan turns out to speak only English: the lock now breaks the language rule.
    other.languages = vec!["en".into()];
    let broken = Round::new(
        ProgrammeId(1),
        criteria.clone(),
        vec![zoe.clone()],
        vec![good.clone(), other.clone()],
        vec![0, 0],
        &[],
        vec![locked],
    );
    let proposal = broken.propose();
    assert_eq!(proposal.conflicts.len(), 1);
    assert_eq!(
        proposal.pairs[0].mentor, 0,
        "the proposal goes on without the broken lock"
    );
    let kept = Round::new(
        ProgrammeId(1),
        criteria,
        vec![zoe],
        vec![good, other],
        vec![0, 0],
        &[],
        vec![Decided {
            kept: true,
            ..locked
        }],
    );
    let proposal = kept.propose();
    assert!(proposal.conflicts.is_empty());
    assert_eq!(
        proposal.pairs[0].mentor, 1,
        "kept anyway at the officer's word"
    );
}

#[test]
fn move_options_refuse_rules_and_full_mentors_with_a_reason() {
    let mut zoe = person(1, "Zoë Peeters");
    zoe.reporting_line = vec![2];
    let bert = person(4, "Bert Ander");
    let boss = person(2, "Jan Boss");
    let marie = person(3, "Marie Dubois");
    let round = Round::new(
        ProgrammeId(1),
        Criteria::default(),
        vec![zoe, bert],
        vec![boss, marie],
        vec![0, 0],
        &[],
        vec![Decided {
            mentee: 1,
            mentor: 1,
            decision: Decision::Accept,
            kept: false,
        }],
    );
    let texts = Texts::for_language("en");
    let options = round.move_options(&texts, &round.propose(), 0);
    assert_eq!(
        options[0].refusal.as_deref(),
        Some("Jan Boss is in Zoë Peeters’s reporting line (manager or higher)")
    );
    assert_eq!(
        options[1].refusal.as_deref(),
        Some("Marie Dubois is full (1 of 1)")
    );
}

#[test]
fn the_same_input_gives_the_same_proposal() {
    let mentees: Vec<Candidate> = (0..12).map(|i| person(i, &format!("Mentee {i}"))).collect();
    let mentors: Vec<Candidate> = (100..104)
        .map(|i| Candidate {
            capacity: 3,
            ..person(i, &format!("Mentor {i}"))
        })
        .collect();
    let first = round_of(Criteria::default(), mentees.clone(), mentors.clone()).propose();
    let again = round_of(Criteria::default(), mentees, mentors).propose();
    assert_eq!(first, again);
    assert_eq!(first.matched, 12);
}

/// The list `ui/js/views/matching.js` sends when the criteria are saved:
/// the numbers as numbers, `null` where the field was left empty.
#[test]
fn criteria_read_the_json_the_window_sends() {
    let sent: Vec<criteria::CriterionForm> = serde_json::from_str(
        r#"[{"key": "topics", "weight": "high", "parameter": null},
            {"key": "seniority", "weight": "medium", "parameter": 5},
            {"key": "availability", "weight": "must", "parameter": null},
            {"key": "location", "weight": "low"}]"#,
    )
    .unwrap();
    assert_eq!(
        sent.iter()
            .map(|c| c.parameter.as_str())
            .collect::<Vec<_>>(),
        ["", "5", "", ""],
        "a number becomes its text, null and nothing the empty field"
    );
    let amended = Criteria::default().amended(&sent).unwrap();
    assert_eq!(amended.weight(Criterion::Topics), Weight::High);
    assert_eq!(amended.parameter(Criterion::Seniority), 5);
    assert_eq!(amended.weight(Criterion::Location), Weight::Low);
    assert_eq!(
        amended.parameter(Criterion::Availability),
        Criteria::default().parameter(Criterion::Availability),
        "an empty number keeps the default"
    );
}

#[test]
fn number_as_text_keeps_what_is_not_a_number_for_the_check_to_name() {
    let read = |json: &str| {
        serde_json::from_str::<criteria::CriterionForm>(json)
            .unwrap()
            .parameter
    };
    assert_eq!(
        read(r#"{"key": "k", "weight": "w", "parameter": "7"}"#),
        "7"
    );
    assert_eq!(
        read(r#"{"key": "k", "weight": "w", "parameter": 2.5}"#),
        "2.5"
    );
    assert_eq!(
        read(r#"{"key": "k", "weight": "w", "parameter": true}"#),
        "true"
    );
    let Err(Error::Invalid(problems)) = Criteria::default().amended(&[criteria::CriterionForm {
        key: "seniority".into(),
        weight: "high".into(),
        parameter: "2.5".into(),
    }]) else {
        panic!("a number that is not whole is refused");
    };
    assert_eq!(problems[0].field, "criteria.seniority");
}

#[test]
fn amended_criteria_change_only_what_is_sent() {
    let mut start = Criteria::default();
    start.set(Criterion::Seniority, Weight::Low, Some(8));
    let amended = start
        .amended(&[criteria::CriterionForm {
            key: "topics".into(),
            weight: "low".into(),
            parameter: String::new(),
        }])
        .unwrap();
    assert_eq!(amended.weight(Criterion::Topics), Weight::Low);
    assert_eq!(
        (
            amended.weight(Criterion::Seniority),
            amended.parameter(Criterion::Seniority)
        ),
        (Weight::Low, 8),
        "a criterion not sent keeps its weight and number"
    );
}

#[test]
fn a_choice_on_a_pair_is_a_decision_or_clear() {
    assert_eq!(Decision::chosen("lock").unwrap(), Some(Decision::Lock));
    assert_eq!(
        Decision::chosen("clear").unwrap(),
        None,
        "clear takes a decision back"
    );
    let Err(Error::Invalid(problems)) = Decision::chosen("maybe") else {
        panic!("a choice Klik does not know is refused");
    };
    assert_eq!(problems[0].field, "decision");
}
