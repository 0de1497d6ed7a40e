//! A person's rights: everything about them exported, then erased, with the
//! programme's statistics unchanged and nothing about them left.

use klik::i18n::Texts;
use klik::privacy;
use klik::trajectory::{self, kpi, report};

use super::trajectory::{today, written};

#[test]
fn a_person_is_exported_then_erased_and_the_statistics_stay_the_same() {
    let (mut store, id, pairs) = written("nl");
    let texts = Texts::for_language("nl");
    let mentee = klik::participant::get(&store, pairs[0].mentee)
        .unwrap()
        .enrolment;
    let person = privacy::find(&store, &mentee.email.to_uppercase()).unwrap();

    let before = privacy::export(&store, person, today()).unwrap();
    assert_eq!(before["profile"]["first_name"], mentee.first_name.as_str());
    assert_eq!(before["meetings"].as_array().unwrap().len(), 3);
    assert_eq!(before["goal_progress"].as_array().unwrap().len(), 2);
    assert_eq!(
        before["checkins"].as_array().unwrap().len(),
        1,
        "only their own answers"
    );
    assert_eq!(before["checkins"][0]["role"], "mentee");
    assert!(
        before["agreements"][0]["goals"]
            .as_str()
            .unwrap()
            .contains("Onderhandelen met leveranciers")
    );
    let kpis_before =
        kpi::compute(&trajectory::load(&store, id).unwrap(), today().date()).rows(&texts);

    let erased = privacy::erase(&mut store, person, &texts, today()).unwrap();
    assert_eq!((erased.participations, erased.matches), (1, 1));
    let kpis_after =
        kpi::compute(&trajectory::load(&store, id).unwrap(), today().date()).rows(&texts);
    assert_eq!(
        kpis_before, kpis_after,
        "every figure of the programme is the same"
    );

    // Nothing about the person is left: not in their export, not in the named report.
    let after = privacy::export(&store, person, today())
        .unwrap()
        .to_string();
    for gone in [
        &mentee.first_name,
        &mentee.last_name,
        &mentee.email,
        &"Onderhandelen met leveranciers".to_string(),
        &"Eerste offerte samen gelezen".to_string(),
    ] {
        assert!(!after.contains(gone.as_str()), "{gone} is still in {after}");
    }
    assert!(after.contains("Gewist"));
    let (doc, _) = report::programme_report(&store, id, Some(false), today()).unwrap();
    let pdf = klik::document::render(&doc).unwrap();
    let path = super::out("privacy", "after-erasure.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = super::text_of(&path);
    assert!(!text.contains(&mentee.last_name), "{text}");
    assert!(text.contains("Gewist"), "{text}");
    // The other people keep their names.
    assert!(text.contains(&pairs[0].mentor_name), "{text}");
}

#[test]
fn the_cli_exports_and_erases_only_when_told_to() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let people = "role;first name;last name;email\nmentor;Marie;Dubois;marie@devries.be\nmentee;Zoë;Peeters;zoe@devries.be\n";
    let file = dir.path().join("people.csv");
    std::fs::write(&file, people).unwrap();
    let ok = |args: &[&str]| super::cli::klik_ok(&db, args);
    ok(super::cli::CREATE_PROGRAMME);
    ok(&[
        "participants",
        "import",
        file.to_str().unwrap(),
        "--programme",
        "1",
    ]);
    let json = dir.path().join("zoe.json");
    let export = [
        "--json",
        "person",
        "export",
        "--email",
        "zoe@devries.be",
        "--out",
        json.to_str().unwrap(),
    ];
    ok(&export);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(exported["profile"]["last_name"], "Peeters");
    let pdf = dir.path().join("zoe.pdf");
    let printed = ok(&[
        "--json",
        "--lang",
        "en",
        "person",
        "export",
        "--email",
        "zoe@devries.be",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(printed["pages"].as_u64().unwrap() >= 1, "{printed}");
    assert_eq!(printed["file"], pdf.to_str().unwrap());
    let text = super::text_of(&pdf);
    assert!(
        text.contains("Data held about Zoë Peeters")
            && text.contains("Role Mentee")
            && text.contains("Nothing recorded."),
        "{text}"
    );
    assert_eq!(
        ok(&["--json", "person", "erase", "--email", "zoe@devries.be"])["erased"],
        false
    );
    assert_eq!(
        ok(&[
            "--json",
            "person",
            "erase",
            "--email",
            "zoe@devries.be",
            "--yes"
        ])["erased"],
        true
    );
    let listed = ok(&["--json", "participants", "list", "--programme", "1"]);
    let text = listed.to_string();
    assert!(
        !text.contains("Peeters") && !text.contains("zoe@devries.be"),
        "{text}"
    );
    let unknown = super::cli::klik(&db, &export);
    assert_eq!(unknown.status.code(), Some(1));
}

#[test]
fn retention_anonymises_the_people_of_programmes_closed_long_ago_and_nobody_else() {
    let mut store = klik::Store::open_in_memory().unwrap();
    let now = super::now();
    let demo = klik::demo::populate(&mut store, now).unwrap();
    let texts = Texts::for_language("nl");
    let past = *demo.programmes.last().unwrap();
    let kpis = |store: &klik::Store| {
        kpi::compute(&trajectory::load(store, past).unwrap(), now.date()).rows(&texts)
    };
    let before = kpis(&store);
    // Off by default: nothing happens.
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now).unwrap(),
        0
    );
    let refused = klik::organisation::set_retention_months(&mut store, Some(0)).unwrap_err();
    assert_eq!(refused.field_errors()[0].field, "retention_months");
    // The demo's past programme closed about ten months ago: a year keeps it, six months does not.
    klik::organisation::set_retention_months(&mut store, Some(12)).unwrap();
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now).unwrap(),
        0
    );
    klik::organisation::set_retention_months(&mut store, Some(6)).unwrap();
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now).unwrap(),
        12
    );
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now).unwrap(),
        0,
        "once"
    );
    assert_eq!(
        kpis(&store),
        before,
        "the closed programme's figures are the same"
    );
    let names: Vec<String> = klik::participant::all(&store, past)
        .unwrap()
        .iter()
        .map(|p| p.enrolment.full_name())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("Gewist #")), "{names:?}");
    // The running programme's people are untouched.
    let running = klik::participant::all(&store, demo.running).unwrap();
    assert!(running.iter().any(|p| p.enrolment.first_name == "Zoë"));
}

/// Every free text of a JSON export (the values a person wrote or was
/// written about them), for comparing with the readable PDF.
fn free_texts(export: &serde_json::Value) -> Vec<String> {
    const FREE: &[&str] = &[
        "email",
        "first_name",
        "last_name",
        "learning_goal",
        "notes",
        "topics",
        "mentee",
        "mentor",
        "programme",
        "next_steps",
        "goal",
        "note",
        "comment",
        "dissolve_reason",
        "outcome_reason",
        "question",
        "text",
        "title",
    ];
    let mut found = Vec::new();
    for (_, section) in export.as_object().unwrap() {
        let records: Vec<&serde_json::Value> = match section {
            serde_json::Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for record in records {
            let Some(object) = record.as_object() else {
                continue;
            };
            for (column, value) in object {
                if let Some(text) = value.as_str().filter(|t| !t.trim().is_empty()) {
                    if FREE.contains(&column.as_str()) {
                        found.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                    if column == "goals" {
                        for goal in serde_json::from_str::<Vec<serde_json::Value>>(text).unwrap() {
                            found.push(goal["what"].as_str().unwrap().to_string());
                        }
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_readable_export_says_everything_the_json_says_in_the_readers_language() {
    let (mut store, _, pairs) = written("nl");
    let mentee = klik::participant::get(&store, pairs[0].mentee)
        .unwrap()
        .enrolment;
    let person = privacy::find(&store, &mentee.email).unwrap();
    let json = privacy::export(&store, person, today()).unwrap();
    let texts = free_texts(&json);
    assert!(texts.len() > 15, "{texts:?}");

    for language in ["nl", "en"] {
        let document =
            privacy::export_document(&store, person, &Texts::for_language(language), today())
                .unwrap();
        let pdf = klik::document::render(&document).unwrap();
        assert!(pdf.missing.is_empty(), "{:?}", pdf.missing);
        let path = super::out("privacy", &format!("export-{language}.pdf"));
        std::fs::write(&path, &pdf.bytes).unwrap();
        super::run("qpdf", &["--check", path.to_str().unwrap()]);
        let text = super::text_of(&path);
        for wanted in &texts {
            assert!(
                text.contains(wanted.as_str()),
                "{wanted:?} is missing from {text}"
            );
        }
        // Labels and codes are words of the reader's language, never keys or codes.
        for leaked in [
            "privacy.pdf",
            "field.",
            "intake_planned",
            "good_fit",
            "in_progress",
        ] {
            assert!(!text.contains(leaked), "{leaked} in {text}");
        }
        let (title, goals, empty) = match language {
            "nl" => (
                "Gegevens over",
                "Voortgang van de leerdoelen",
                "Niets bewaard.",
            ),
            _ => (
                "Data held about",
                "Progress on learning goals",
                "Nothing recorded.",
            ),
        };
        assert!(
            text.contains(&format!("{title} {}", mentee.full_name())),
            "{text}"
        );
        assert!(text.contains(goals) && text.contains(empty), "{text}");
        // Dates as the reader writes them: 11-01-2027 in Dutch, 11/01/2027 in English.
        let meeting = json["meetings"][0]["held_on"].as_str().unwrap();
        let day = klik::date::from_iso(meeting).unwrap();
        assert!(text.contains(&klik::date::short(day, language)), "{text}");
    }

    // After erasure the readable export holds nothing about the person either.
    privacy::erase(&mut store, person, &Texts::for_language("nl"), today()).unwrap();
    let document =
        privacy::export_document(&store, person, &Texts::for_language("nl"), today()).unwrap();
    let path = super::out("privacy", "export-after-erasure.pdf");
    std::fs::write(&path, klik::document::render(&document).unwrap().bytes).unwrap();
    let text = super::text_of(&path);
    for gone in [&mentee.first_name, &mentee.last_name, &mentee.email] {
        assert!(!text.contains(gone.as_str()), "{gone} in {text}");
    }
    assert!(text.contains("Gewist"), "{text}");
}
