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
    // An in-memory store has no copies beside it.
    let places = privacy::Places::beside(std::path::Path::new("/nonexistent/klik.sqlite"));
    // Off by default: nothing happens.
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now, &places)
            .unwrap()
            .people,
        0
    );
    let refused = klik::organisation::set_retention_months(&mut store, Some(0)).unwrap_err();
    assert_eq!(refused.field_errors()[0].field, "retention_months");
    // The demo's past programme closed about ten months ago: a year keeps it, six months does not.
    klik::organisation::set_retention_months(&mut store, Some(12)).unwrap();
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now, &places)
            .unwrap()
            .people,
        0
    );
    klik::organisation::set_retention_months(&mut store, Some(6)).unwrap();
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now, &places)
            .unwrap()
            .people,
        12
    );
    assert_eq!(
        privacy::apply_retention(&mut store, &texts, now, &places)
            .unwrap()
            .people,
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

/// Every place in `folder` (recursively) where one of `needles` occurs, as
/// UTF-8 or as UTF-16 either way round (PDF metadata), but in `except`.
fn find_bytes(
    folder: &std::path::Path,
    needles: &[&str],
    except: &[std::path::PathBuf],
) -> Vec<String> {
    let mut hits = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if except.contains(&path) {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
            for needle in needles {
                let forms: [Vec<u8>; 3] = [
                    needle.as_bytes().to_vec(),
                    needle.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                    needle.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                ];
                let inside = forms
                    .iter()
                    .any(|form| bytes.windows(form.len()).any(|w| w == form.as_slice()));
                if inside || name.contains(&needle.to_lowercase()) {
                    hits.push(format!("{needle} in {}", path.display()));
                }
            }
        }
    }
    hits
}

#[test]
fn an_erased_person_is_in_no_byte_of_any_file_klik_keeps() {
    use klik::store::backup;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let (mut store, id, pairs) =
        super::trajectory::written_in(klik::Store::open(&db).unwrap(), "nl");
    let texts = Texts::for_language("nl");
    let places = privacy::Places::beside(&db);
    let day = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 12, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    };

    // Automatic backups of two days, a copy from before a restore, a copy
    // kept aside after damage, and a damaged copy that cannot be opened.
    backup::automatic(&store, &places.backups, day(10), true).unwrap();
    backup::automatic(&store, &places.backups, day(11), true).unwrap();
    backup::backup_to(
        &store,
        &places
            .backups
            .join("before-restore-2026-12-12T100000.sqlite"),
    )
    .unwrap();
    backup::backup_to(
        &store,
        &dir.path().join("klik.damaged-2026-12-13T100000.sqlite"),
    )
    .unwrap();
    // The damaged copy's own log lies beside it, with her in it too.
    backup::backup_to(
        &store,
        &dir.path().join("klik.damaged-2026-12-13T100000.sqlite-wal"),
    )
    .unwrap();
    let unreadable = dir.path().join("klik.damaged-2026-12-14T100000.sqlite");
    std::fs::write(
        &unreadable,
        b"SQLite format 3\0 torn ... noor@devries.be ...",
    )
    .unwrap();

    // Printed documents: Klik's own for her pair and her programme, one of
    // another pair, and one named the old way, with her name.
    let documents = places.documents.clone().unwrap();
    std::fs::create_dir_all(&documents).unwrap();
    let pdf = |doc: &klik::document::Document| klik::document::render(doc).unwrap().bytes;
    let hers = klik::agreement::document_for_match(&store, pairs[0].id, today()).unwrap();
    let other = klik::agreement::document_for_match(&store, pairs[1].id, today()).unwrap();
    let (programme_report, _) = report::programme_report(&store, id, Some(false), today()).unwrap();
    let named = |title: &str, subject| {
        documents.join(privacy::cached_document_name(title, subject, today()))
    };
    let other_file = named(
        "Mentoringovereenkomst",
        privacy::Subject::Match(pairs[1].id.0),
    );
    std::fs::write(
        named(
            "Mentoringovereenkomst",
            privacy::Subject::Match(pairs[0].id.0),
        ),
        pdf(&hers),
    )
    .unwrap();
    std::fs::write(&other_file, pdf(&other)).unwrap();
    std::fs::write(
        named("Programmarapport", privacy::Subject::Programme(id.0)),
        pdf(&programme_report),
    )
    .unwrap();
    std::fs::write(
        documents.join("Voortgangsrapport Noor Bakker.pdf"),
        pdf(&hers),
    )
    .unwrap();
    // The e-mail draft announcing her pair, as the window writes it.
    let announcement = klik::message::compose(
        &store,
        id,
        klik::message::Kind::Announcement,
        Some(pairs[0].id),
        today(),
    )
    .unwrap();
    std::fs::write(
        documents.join(privacy::cached_file_name(
            "Aankondiging van het koppel",
            privacy::Subject::Match(pairs[0].id.0),
            today(),
            "eml",
        )),
        announcement.eml(today()),
    )
    .unwrap();

    let needles = [
        "noor@devries.be",
        "Bakker",
        "Eerste offerte samen gelezen",
        "Onderhandelen met leveranciers",
    ];
    let before = find_bytes(dir.path(), &needles, std::slice::from_ref(&unreadable));
    assert!(before.len() > 10, "the scan finds her before: {before:?}");
    eprintln!("byte scan before the erasure: {} hits", before.len());

    let person = privacy::find(&store, "noor@devries.be").unwrap();
    let done = privacy::erase_everywhere(&mut store, person, &texts, today(), &places).unwrap();
    assert_eq!(done.copies, 4, "two daily backups, before-restore, damaged");
    assert_eq!(
        done.documents, 4,
        "her pair, her programme, her name, the draft to her pair"
    );
    assert_eq!(
        done.still_holding,
        std::slice::from_ref(&unreadable),
        "the officer is told"
    );
    assert!(other_file.exists(), "another pair's document stays");

    // The store is still open: klik.sqlite, its log and shared memory, every
    // backup and copy, every document: not a byte of her.
    let after = find_bytes(dir.path(), &needles, &[unreadable]);
    eprintln!("byte scan after the erasure: {} hits", after.len());
    assert_eq!(after, Vec::<String>::new());
    // The backups are still whole Klik databases, with everyone else.
    for (_, file) in backup::automatic_backups(&places.backups).unwrap() {
        let found = backup::inspect(&file).unwrap();
        assert_eq!(found.programmes, 1);
    }
}
