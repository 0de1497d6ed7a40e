//! Matching on a real store and through the command line: rules from the
//! people's data, decisions, confirming, dissolving, and the optimum checked
//! from the `match scores` file by an independent solver.

use std::path::Path;
use std::process::Output;

use super::cli::klik;

use klik::Store;
use klik::i18n::Texts;
use klik::matching::{self, Confirming, Decision, MatchStatus, Rule};
use klik::participant::{self, import};
use klik::programme::ProgrammeId;

const HEADER: &str = "role;first name;last name;email;department;manager email;languages;years of experience;topics;capacity;availability;avoid;preferred mentors";

/// A small organisation: Marie manages Jan, who manages Zoë; Piet avoids Lies.
const PEOPLE: &[&str] = &[
    "mentor;Marie;Dubois;marie@x.be;Directie;;fr,nl;25;leiderschap, onderhandelen;2;wo 09:00-12:00;;",
    "mentor;Jan;Smet;jan@x.be;Logistiek;marie@x.be;nl;12;leiderschap;2;wo 09:00-12:00;;",
    "mentor;Piet;Claes;piet@x.be;IT;;nl,en;15;Excel;1;vr 09:00-12:00;lies@x.be;",
    "mentee;Zoë;Peeters;zoe@x.be;Logistiek;jan@x.be;nl;2;leiderschap, onderhandelen;;wo 10:00-11:00;;",
    "mentee;Lies;Maes;lies@x.be;HR;;nl;1;Excel;;vr 10:00-11:00;;piet@x.be",
    "mentee;Anaïs;Renard;anais@x.be;Verkoop;;fr;3;onderhandelen;;;;",
];

fn setup() -> (Store, ProgrammeId) {
    let (mut store, id) = super::programme_in_memory("Mentoring 2027");
    let csv = format!("{HEADER}\n{}\n", PEOPLE.join("\n"));
    let preview = import::preview(&store, id, csv.as_bytes(), None).unwrap();
    assert!(
        preview.is_clean(),
        "{:?}",
        preview.problem_lines(&Texts::for_language("en"))
    );
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    (store, id)
}

fn pid(store: &Store, programme: ProgrammeId, email: &str) -> participant::ParticipantId {
    participant::all(store, programme)
        .unwrap()
        .into_iter()
        .find(|p| p.enrolment.email == email)
        .unwrap()
        .id
}

#[test]
fn rules_come_from_the_people_and_the_proposal_respects_them() {
    let (store, id) = setup();
    let round = matching::round(&store, id).unwrap();
    let names: Vec<&str> = round.mentees.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["Lies Maes", "Zoë Peeters", "Anaïs Renard"],
        "by last name"
    );
    let zoe = round.mentee_index(pid(&store, id, "zoe@x.be")).unwrap();
    let lies = round.mentee_index(pid(&store, id, "lies@x.be")).unwrap();
    let marie = round.mentor_index(pid(&store, id, "marie@x.be")).unwrap();
    let jan = round.mentor_index(pid(&store, id, "jan@x.be")).unwrap();
    let piet = round.mentor_index(pid(&store, id, "piet@x.be")).unwrap();
    assert_eq!(
        round.evaluate(zoe, jan).1,
        Some(Rule::ReportingLine),
        "her manager"
    );
    assert_eq!(
        round.evaluate(zoe, marie).1,
        Some(Rule::ReportingLine),
        "her manager's manager"
    );
    assert_eq!(round.evaluate(lies, piet).1, Some(Rule::AvoidedByMentor));

    let proposal = round.propose();
    let texts = Texts::for_language("en");
    let pairs: Vec<(String, String)> = proposal
        .pairs
        .iter()
        .map(|p| {
            (
                round.mentees[p.mentee].name.clone(),
                round.mentors[p.mentor].name.clone(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("Lies Maes".to_string(), "Marie Dubois".to_string()),
            ("Zoë Peeters".to_string(), "Piet Claes".to_string()),
            ("Anaïs Renard".to_string(), "Marie Dubois".to_string()),
        ]
    );
    let reasons = round.reasons(&texts, proposal.pairs[2].mentee, proposal.pairs[2].mentor);
    assert!(
        reasons.iter().any(|r| r.text == "both speak French"),
        "{reasons:?}"
    );
}

#[test]
fn decisions_confirming_and_dissolving_keep_the_history() {
    let (mut store, id) = setup();
    let now = super::now();
    let (zoe, lies, anais) = (
        pid(&store, id, "zoe@x.be"),
        pid(&store, id, "lies@x.be"),
        pid(&store, id, "anais@x.be"),
    );
    let (marie, jan, piet) = (
        pid(&store, id, "marie@x.be"),
        pid(&store, id, "jan@x.be"),
        pid(&store, id, "piet@x.be"),
    );

    // Reject Lies–Marie: she goes to Jan, the only other mentor she may have.
    matching::decide(&mut store, id, lies, marie, Some(Decision::Reject), now).unwrap();
    let round = matching::round(&store, id).unwrap();
    let proposal = round.propose();
    let lies_pair = proposal
        .pairs
        .iter()
        .find(|p| round.mentees[p.mentee].id == lies)
        .unwrap();
    assert_eq!(round.mentors[lies_pair.mentor].id, jan);

    // A move that breaks a rule is refused with the reason, in the reader's language.
    let texts = Texts::for_language("nl");
    let refused = matching::move_mentee(&mut store, &texts, id, zoe, jan, now).unwrap_err();
    assert_eq!(
        refused.message(&texts),
        "Mentor: Niet mogelijk: Jan Smet staat in de hiërarchische lijn van Zoë Peeters (leidinggevende of hoger)."
    );

    // Accept Anaïs–Marie and confirm only the accepted pair.
    matching::decide(&mut store, id, anais, marie, Some(Decision::Accept), now).unwrap();
    let confirmed = matching::confirm(&mut store, id, Confirming::Accepted, now).unwrap();
    assert_eq!(confirmed.len(), 1);
    let round = matching::round(&store, id).unwrap();
    assert_eq!(round.mentees.len(), 2, "Anaïs has her match");
    let marie_at = round.mentor_index(marie).unwrap();
    assert_eq!(
        (
            round.confirmed_load[marie_at],
            round.mentors[marie_at].capacity
        ),
        (1, 1)
    );

    // Dissolving needs a reason; then Anaïs is back, never again with Marie.
    let error = matching::dissolve(&mut store, confirmed[0], " ", now).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    matching::dissolve(&mut store, confirmed[0], "Geen klik bij de intake", now).unwrap();
    let again = matching::dissolve(&mut store, confirmed[0], "twice", now).unwrap_err();
    assert_eq!(
        again.message(&Texts::for_language("en")),
        "Reason: This match has already been dissolved."
    );
    let round = matching::round(&store, id).unwrap();
    let anais_at = round.mentee_index(anais).unwrap();
    assert_eq!(
        round
            .evaluate(anais_at, round.mentor_index(marie).unwrap())
            .1,
        Some(Rule::Dissolved)
    );
    let proposal = round.propose();
    let (_, why) = proposal
        .unmatched
        .iter()
        .find(|(i, _)| *i == anais_at)
        .unwrap();
    assert_eq!(
        round.unmatched_text(&Texts::for_language("en"), anais_at, why),
        "no mentor fits the rules: Common language (2), dissolved before (1)"
    );
    let history = matching::list(&store, id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, MatchStatus::Dissolved);
    assert_eq!(
        history[0].dissolve_reason.as_deref(),
        Some("Geen klik bij de intake")
    );

    // Confirm the rest of the proposal; the database allows one open match per mentee.
    let rest = matching::confirm(&mut store, id, Confirming::Proposal, now).unwrap();
    assert_eq!(rest.len(), 2);
    let open: Vec<_> = matching::list(&store, id)
        .unwrap()
        .into_iter()
        .filter(|m| m.status == MatchStatus::Confirmed)
        .collect();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|m| m.mentor != piet || m.mentee != lies));
}

#[test]
fn a_lock_broken_by_a_later_edit_is_reported_until_kept() {
    let (mut store, id) = setup();
    let now = super::now();
    let (lies, marie) = (pid(&store, id, "lies@x.be"), pid(&store, id, "marie@x.be"));
    matching::decide(&mut store, id, lies, marie, Some(Decision::Lock), now).unwrap();
    // Lies now asks not to be matched with Marie.
    let mut person = participant::get(&store, lies).unwrap();
    person.enrolment.avoid = vec!["marie@x.be".into()];
    participant::update(&mut store, lies, &person.enrolment, now).unwrap();

    let round = matching::round(&store, id).unwrap();
    let proposal = round.propose();
    assert_eq!(proposal.conflicts.len(), 1);
    assert_eq!(
        round.conflict_text(&Texts::for_language("en"), &proposal.conflicts[0]),
        "Lies Maes asked not to be matched with Marie Dubois"
    );
    assert!(
        proposal
            .pairs
            .iter()
            .all(|p| round.mentees[p.mentee].id != lies || round.mentors[p.mentor].id != marie)
    );

    matching::keep_anyway(&mut store, id, lies, marie).unwrap();
    let round = matching::round(&store, id).unwrap();
    let proposal = round.propose();
    assert!(proposal.conflicts.is_empty());
    let pair = proposal
        .pairs
        .iter()
        .find(|p| round.mentees[p.mentee].id == lies)
        .unwrap();
    assert_eq!(
        round.mentors[pair.mentor].id, marie,
        "kept at the officer's word"
    );
}

#[test]
fn empty_programmes_and_full_mentors_get_clear_warnings() {
    let (mut store, id) = super::programme_in_memory("Leeg");
    let texts = Texts::for_language("en");
    let round = matching::round(&store, id).unwrap();
    assert_eq!(round.warnings(&texts).len(), 2);
    let proposal = round.propose();
    assert_eq!((proposal.matched, proposal.unmatched.len()), (0, 0));
    assert!(
        matching::confirm(&mut store, id, Confirming::Proposal, super::now())
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        matching::round(&store, ProgrammeId(99)),
        Err(klik::Error::NotFound { .. })
    ));
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The best (matched, total) from the scores file, by the Hungarian algorithm
/// on the slot-expanded matrix: an independent check of `match propose`.
fn optimum_from_scores(file: &Path) -> (i64, i64) {
    let mut reader = csv::Reader::from_path(file).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "mentee",
            "mentor",
            "mentor_capacity",
            "score",
            "forbidden_reason",
            "without_common_time"
        ]
    );
    let mut mentees: Vec<String> = Vec::new();
    let mut mentors: Vec<(String, usize)> = Vec::new();
    let mut scores = std::collections::HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if !mentees.contains(&row[0].to_string()) {
            mentees.push(row[0].to_string());
        }
        if !mentors.iter().any(|(m, _)| m == &row[1]) {
            mentors.push((row[1].to_string(), row[2].parse().unwrap()));
        }
        assert_eq!(
            row[3].is_empty(),
            !row[4].is_empty(),
            "a score or a reason: {row:?}"
        );
        if let Ok(score) = row[3].parse::<i64>() {
            scores.insert(
                (row[0].to_string(), row[1].to_string()),
                (score, &row[5] == "yes"),
            );
        }
    }
    // Three tiers in one weight: most mentees matched, then fewest pairs
    // without common time, then the highest total score.
    let n = mentees.len() as i64;
    let tier = 100 * n + 1;
    let big = tier * (n + 1);
    let slots: Vec<&String> = mentors
        .iter()
        .flat_map(|(m, c)| std::iter::repeat_n(m, *c))
        .collect();
    let mut weights = Vec::new();
    for e in &mentees {
        for o in &slots {
            weights.push(
                scores
                    .get(&(e.clone(), (*o).clone()))
                    .map_or(-big * (n + 1) * 4, |&(s, avoided)| {
                        big + if avoided { 0 } else { tier } + s
                    }),
            );
        }
        weights.extend(std::iter::repeat_n(0, mentees.len()));
    }
    let matrix =
        pathfinding::matrix::Matrix::from_vec(mentees.len(), slots.len() + mentees.len(), weights)
            .unwrap();
    let (total, _) = pathfinding::kuhn_munkres::kuhn_munkres(&matrix);
    (total / big, (total % big) % tier)
}

#[test]
fn the_cli_proposes_an_optimum_another_solver_confirms_then_confirms_lists_and_dissolves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    assert!(klik(&db, &["demo"]).status.success());
    let programmes = json(&klik(&db, &["--json", "programme", "list"]));
    let id = programmes
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str().unwrap().starts_with("Mentoring"))
        .unwrap()["id"]
        .to_string();
    let import = klik(
        &db,
        &[
            "participants",
            "import",
            &super::fixture_path("deelnemers-demo.csv"),
            "--programme",
            &id,
        ],
    );
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    let proposal = json(&klik(
        &db,
        &["--json", "match", "propose", "--programme", &id],
    ));
    let scores = dir.path().join("scores.csv");
    json(&klik(
        &db,
        &[
            "--json",
            "match",
            "scores",
            "--programme",
            &id,
            "--out",
            scores.to_str().unwrap(),
        ],
    ));
    let (matched, total) = optimum_from_scores(&scores);
    assert_eq!(
        (
            proposal["matched"].as_i64().unwrap(),
            proposal["total_score"].as_i64().unwrap()
        ),
        (matched, total),
        "Klik's proposal is optimal by an independent solver"
    );
    let pairs = proposal["pairs"].as_array().unwrap();
    assert_eq!(pairs.len() as i64, matched);
    assert!(pairs[0]["mentee"].as_str().unwrap().contains('@'));
    let unmatched = proposal["unmatched"].as_array().unwrap();
    assert_eq!(
        pairs.len() + unmatched.len(),
        52,
        "every mentee is either proposed or explained"
    );
    assert!(
        unmatched
            .iter()
            .all(|u| !u["reason"].as_str().unwrap().is_empty())
    );

    let confirmed = json(&klik(
        &db,
        &["--json", "match", "confirm", "--programme", &id],
    ));
    assert_eq!(confirmed["confirmed"], proposal["matched"]);
    let list = json(&klik(&db, &["--json", "match", "list", "--programme", &id]));
    let first = &list[0];
    assert_eq!(first["status"], "confirmed");
    assert!(first["score"].as_i64().unwrap() <= 100);
    let match_id = first["id"].to_string();
    let dissolved = klik(
        &db,
        &[
            "match",
            "dissolve",
            "--match",
            &match_id,
            "--reason",
            "Geen klik",
        ],
    );
    assert!(dissolved.status.success());
    let missing = klik(
        &db,
        &[
            "--json", "match", "dissolve", "--match", "9999", "--reason", "x",
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&missing.stderr).unwrap();
    assert_eq!(error["code"], "not_found");

    let criteria = json(&klik(
        &db,
        &[
            "--json",
            "match",
            "criteria",
            "--programme",
            &id,
            "--set",
            "seniority=must:10",
        ],
    ));
    let seniority = criteria
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "seniority")
        .unwrap();
    assert_eq!(
        (
            seniority["weight"].as_str(),
            seniority["parameter"].as_i64()
        ),
        (Some("must"), Some(10))
    );
    let bad = klik(
        &db,
        &[
            "match",
            "criteria",
            "--programme",
            &id,
            "--set",
            "luck=high",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("“luck” is not a matching criterion"));
}

#[test]
fn a_pair_without_common_time_is_not_proposed_unless_the_officer_weighs_it_so() {
    let (mut store, id) = super::programme_in_memory("Mentoring 2027");
    // Marie knows everything Zoë wants, but is free only on Fridays, when Zoë
    // is not; Jan knows half of it and shares her Wednesday.
    let csv = format!(
        "{HEADER}\n{}\n",
        [
            "mentor;Marie;Dubois;marie@x.be;Directie;;nl;25;leiderschap, onderhandelen;1;vr 09:00-12:00;;",
            "mentor;Jan;Smet;jan@x.be;Logistiek;;nl;12;leiderschap;1;wo 09:00-12:00;;",
            "mentee;Zoë;Peeters;zoe@x.be;Verkoop;;nl;2;leiderschap, onderhandelen;;wo 10:00-12:00;;",
        ]
        .join("\n")
    );
    let preview = import::preview(&store, id, csv.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let texts = Texts::for_language("en");

    let round = matching::round(&store, id).unwrap();
    let zoe = round.mentee_index(pid(&store, id, "zoe@x.be")).unwrap();
    let marie = round.mentor_index(pid(&store, id, "marie@x.be")).unwrap();
    let jan = round.mentor_index(pid(&store, id, "jan@x.be")).unwrap();
    let proposal = round.propose();
    assert_eq!(proposal.pairs.len(), 1);
    assert_eq!(proposal.pairs[0].mentor, jan, "the pair that can meet");
    assert_eq!(proposal.without_common_time, 0);
    let reasons: Vec<String> = round
        .reasons(&texts, zoe, marie)
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert!(
        reasons.iter().any(|r| r == "no common time in the week"),
        "{reasons:?}"
    );

    // A pair without common time is proposed only to match one more mentee:
    // Noor shares no time with any mentor, and is still matched (with
    // Marie, the one left), the pair counted.
    let noor = "mentee;Noor;Bakker;noor@x.be;Verkoop;;nl;2;leiderschap;;ma 09:00-10:00;;";
    let preview =
        import::preview(&store, id, format!("{HEADER}\n{noor}\n").as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let round = matching::round(&store, id).unwrap();
    let proposal = round.propose();
    assert_eq!(proposal.matched, 2, "both mentees are matched");
    let zoe = round.mentee_index(pid(&store, id, "zoe@x.be")).unwrap();
    let zoe_pair = proposal.pairs.iter().find(|p| p.mentee == zoe).unwrap();
    assert_eq!(zoe_pair.mentor, jan, "Zoë keeps the mentor she can meet");
    assert_eq!(proposal.without_common_time, 1, "Noor's pair is counted");

    // With common time switched off, topics decide alone.
    let mut criteria = matching::criteria::get(&store, id).unwrap();
    criteria.set(
        matching::criteria::Criterion::Availability,
        matching::criteria::Weight::Off,
        None,
    );
    matching::criteria::save(&mut store, id, &criteria).unwrap();
    let round = matching::round(&store, id).unwrap();
    let proposal = round.propose();
    let zoe_pair = proposal.pairs.iter().find(|p| p.mentee == zoe).unwrap();
    assert_eq!(zoe_pair.mentor, marie, "topics now win");
}
