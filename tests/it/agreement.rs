//! Agreements end to end in the core: defaults in the programme's language,
//! draft → ready → signed → new version, and the printed PDF checked with
//! the tools a reader's computer has (pdftotext, pdffonts, qpdf, pdftoppm).

use std::path::PathBuf;

use super::{run, snapshot, text_of};

use klik::Store;
use klik::agreement::{self, AgreementForm, AgreementStatus, GoalForm, Signatures};
use klik::i18n::Texts;
use klik::matching::{self, Confirming, MatchId};
use klik::participant::import;
use klik::programme::{self, ProgrammeForm};
use klik::{document, organisation};

const PEOPLE: &str = "role;first name;last name;email;phone;department;job title;languages\n\
    mentor;Marie;Dubois;marie@devries.be;+32 470 12 34 56;Aankoop;Aankoopleider;fr,nl\n\
    mentee;Zoë;Peeters;zoe@devries.be;;Logistiek;Planner;nl\n";

/// A programme in `language` with Zoë matched to Marie; the match's id.
fn matched(language: &str) -> (Store, MatchId) {
    let mut store = Store::open_in_memory().unwrap();
    organisation::set_name(&mut store, "De Vries Logistiek").unwrap();
    let draft = ProgrammeForm {
        name: "Groeien in je rol".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        document_language: language.into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let id = programme::create(&mut store, &draft, super::now()).unwrap();
    let preview = import::preview(&store, id, PEOPLE.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let ids = matching::confirm(&mut store, id, Confirming::Proposal, super::now()).unwrap();
    (store, ids[0])
}

fn fill(store: &mut Store, id: MatchId, language: &str) {
    let current = agreement::open(store, id, super::now()).unwrap();
    let mut form = AgreementForm::from_terms(&current.terms, language);
    form.goals = vec![
        GoalForm {
            what: "Leren onderhandelen met leveranciers over prijs en termijn".into(),
            success: "Ik leid zelf de onderhandeling van het raamcontract (€ 40.000)".into(),
            target_date: "30-06-2027".into(),
            first_actions: "Twee gesprekken van Marie bijwonen; ‘BATNA’ uitschrijven".into(),
        },
        GoalForm {
            what: "Feedback geven aan collega’s".into(),
            success: "Drie keer feedback gegeven en besproken".into(),
            target_date: String::new(),
            first_actions: "Model kiezen".into(),
        },
    ];
    let terms = form.validate().unwrap();
    agreement::save(store, id, &terms, super::now()).unwrap();
}

fn print(store: &Store, id: MatchId, name: &str, language: &str) -> (PathBuf, document::Pdf) {
    let doc = agreement::document_for_match(store, id, super::now()).unwrap();
    assert_eq!(doc.language, language);
    let pdf = document::render(&doc).unwrap();
    let path = super::out("agreements", name);
    std::fs::write(&path, &pdf.bytes).unwrap();
    (path, pdf)
}

#[test]
fn an_agreement_goes_from_draft_to_signed_and_a_change_makes_a_new_version() {
    let (mut store, id) = matched("nl");
    let draft = agreement::open(&mut store, id, super::now()).unwrap();
    assert_eq!((draft.version, draft.status), (1, AgreementStatus::Draft));
    assert_eq!(
        draft.terms.expectations[0], "Eén keer om de 4 weken.",
        "Dutch defaults"
    );
    let texts = Texts::for_language("en");

    let early = agreement::mark_ready(&mut store, id, super::now()).unwrap_err();
    assert_eq!(
        early.message(&texts),
        "Learning goals: Add at least one learning goal before the agreement is ready to sign."
    );
    fill(&mut store, id, "nl");
    let not_ready =
        agreement::sign(&mut store, id, &Signatures::default(), super::now()).unwrap_err();
    assert!(not_ready.message(&texts).contains("ready to sign first"));
    agreement::mark_ready(&mut store, id, super::now()).unwrap();
    let day = super::now().date();
    let future = day.succ_opt().unwrap();
    let refused = agreement::sign(
        &mut store,
        id,
        &Signatures {
            mentee: Some(day),
            mentor: Some(future),
            coordinator: None,
        },
        super::now(),
    )
    .unwrap_err();
    assert_eq!(
        refused.field_errors().len(),
        2,
        "a future date and a missing one"
    );
    let signed = agreement::sign(
        &mut store,
        id,
        &Signatures {
            mentee: Some(day),
            mentor: Some(day),
            coordinator: Some(day),
        },
        super::now(),
    )
    .unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);

    // Changing a signed agreement adds version 2; version 1 stays signed.
    let mut terms = signed.terms.clone();
    terms.goals.truncate(1);
    let v2 = agreement::save(&mut store, id, &terms, super::now()).unwrap();
    assert_eq!((v2.version, v2.status), (2, AgreementStatus::Draft));
    let versions = agreement::versions(&store, id).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].status, AgreementStatus::Signed);
    assert_eq!(
        versions[0].terms.goals.len(),
        2,
        "the signed version is untouched"
    );
}

#[test]
fn own_default_texts_start_new_agreements_and_klik_texts_follow_the_language() {
    let (mut store, id) = matched("nl");
    let programme = programme::get(&store, matching::get(&store, id).unwrap().programme).unwrap();
    let before = agreement::default_texts(&store, &programme).unwrap();
    assert!(before.iter().all(|d| !d.own && d.text == d.standard));
    let place = agreement::EXPECTATIONS
        .iter()
        .position(|&f| f == "place")
        .unwrap();
    let standard_frequency = before[0].standard.clone();

    // Two parts at once: an own text, and Klik's own text typed back (stays Klik's).
    agreement::set_defaults(
        &mut store,
        programme.id,
        &[
            ("place", "  Vergaderzaal De Haven of Teams  "),
            ("meeting_frequency", &standard_frequency),
        ],
    )
    .unwrap();
    let after = agreement::default_texts(&store, &programme).unwrap();
    assert_eq!(after[place].text, "Vergaderzaal De Haven of Teams");
    assert!(after[place].own);
    assert!(
        !after[0].own,
        "Klik's own text is not stored as the officer's"
    );
    let opened = agreement::open(&mut store, id, super::now()).unwrap();
    assert_eq!(
        opened.terms.expectations[place],
        "Vergaderzaal De Haven of Teams"
    );

    // A problem in one part stores none of them.
    let long = "x".repeat(5001);
    let error = agreement::set_defaults(
        &mut store,
        programme.id,
        &[("initiative", "De mentee plant"), ("cancellation", &long)],
    )
    .unwrap_err();
    let problems = error.field_errors();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "cancellation");
    assert!(!agreement::default_texts(&store, &programme).unwrap()[3].own);

    // Emptying a part gives it back to Klik; Klik's texts are in the programme's language.
    agreement::set_default(&mut store, programme.id, "place", " ").unwrap();
    let mut english = programme.clone();
    english.draft.document_language = "en".into();
    let reset = agreement::default_texts(&store, &english).unwrap();
    assert!(!reset[place].own);
    assert_eq!(
        reset[place].text,
        agreement::standard_text(&english, "place")
    );
    assert_ne!(
        reset[place].text, after[place].standard,
        "English, not Dutch"
    );
}

#[test]
fn a_dissolved_match_has_no_agreement() {
    let (mut store, id) = matched("nl");
    matching::dissolve(&mut store, id, "Geen klik", super::now()).unwrap();
    let error = agreement::open(&mut store, id, super::now()).unwrap_err();
    assert_eq!(
        error.message(&Texts::for_language("en")),
        "Match: This match was dissolved, so it has no agreement."
    );
}

#[test]
fn the_printed_agreement_reads_right_in_dutch_english_and_french() {
    for language in ["nl", "en", "fr"] {
        let (mut store, id) = matched(language);
        fill(&mut store, id, language);
        let (path, pdf) = print(&store, id, &format!("agreement-{language}.pdf"), language);
        assert!(pdf.missing.is_empty(), "{:?}", pdf.missing);
        assert_eq!(pdf.pages, 2, "{language}: two pages");
        snapshot(&format!("agreement-{language}.txt"), &text_of(&path));
    }
}

#[test]
fn fonts_are_embedded_and_subset_and_the_file_is_valid() {
    let (mut store, id) = matched("nl");
    fill(&mut store, id, "nl");
    let (path, pdf) = print(&store, id, "agreement-check.pdf", "nl");
    assert!(pdf.bytes.len() < 150_000, "{} bytes", pdf.bytes.len());
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold: {fonts}");
    for row in rows {
        assert!(row.contains("LiberationSans"), "{row}");
        let columns: Vec<&str> = row.split_whitespace().collect();
        let n = columns.len();
        // The columns end with: emb sub uni object ID.
        assert_eq!(
            (columns[n - 5], columns[n - 4]),
            ("yes", "yes"),
            "embedded and subset: {row}"
        );
    }
    run("qpdf", &["--check", path.to_str().unwrap()]);
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.contains("Author:") && info.contains("De Vries Logistiek"),
        "{info}"
    );
    assert!(
        info.contains("Mentoringovereenkomst — ONTWERP — Zoë Peeters & Marie Dubois"),
        "{info}"
    );
    let png = super::out("agreements", "agreement-page");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            path.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let image = std::fs::read(png.with_extension("png")).unwrap();
    assert!(
        image.starts_with(b"\x89PNG") && image.len() > 10_000,
        "page 1 renders"
    );
}

#[test]
fn long_goals_unbroken_words_emoji_and_a_logo() {
    let (mut store, id) = matched("nl");
    let logo = std::fs::read(format!("{}/icons/128x128.png", env!("CARGO_MANIFEST_DIR"))).unwrap();
    organisation::set_logo(
        &mut store,
        Some(&organisation::Logo::from_bytes(logo).unwrap()),
    )
    .unwrap();
    let current = agreement::open(&mut store, id, super::now()).unwrap();
    let mut form = AgreementForm::from_terms(&current.terms, "nl");
    let long = format!("{} einde-van-het-doel", "leren ".repeat(830));
    form.goals = vec![GoalForm {
        what: long.clone(),
        success: "Onderhandelingsvaardigheidstrainingen 🤝 gevolgd".into(),
        target_date: String::new(),
        first_actions: String::new(),
    }];
    let terms = form.validate().unwrap();
    agreement::save(&mut store, id, &terms, super::now()).unwrap();
    let (path, pdf) = print(&store, id, "agreement-long.pdf", "nl");
    assert!(pdf.pages >= 3, "{} pages", pdf.pages);
    assert_eq!(pdf.missing, vec!['🤝']);
    assert_eq!(
        pdf.warnings(&Texts::for_language("nl")),
        ["Sommige tekens kan het lettertype van Klik niet afdrukken; ze staan er als „?”: 🤝"]
    );
    let text = text_of(&path);
    assert!(text.contains("einde-van-het-doel"), "nothing is cut off");
    let headers = text.matches("Wat de mentee wil leren").count();
    assert!(
        headers >= 3,
        "the table header comes back on every page: {headers}"
    );
    assert_eq!(
        text.matches("leren").count() - headers,
        830,
        "every word of the goal is printed"
    );
    // Wider than its column, the long word is cut over two lines, never lost.
    assert!(!text.contains("Onderhandelingsvaardigheidstrainingen"));
    assert!(
        text.replace(' ', "")
            .contains("Onderhandelingsvaardigheidstrainingen")
    );
    let images = run("pdfimages", &["-list", path.to_str().unwrap()]);
    assert!(
        images.lines().count() >= 3,
        "the logo is on the pages: {images}"
    );
    run("qpdf", &["--check", path.to_str().unwrap()]);
}

#[test]
fn all_agreements_of_a_programme_print_in_one_file() {
    let (mut store, id) = matched("en");
    fill(&mut store, id, "en");
    let programme = matching::programme_of(&store, id).unwrap();
    let (doc, count) = agreement::document_for_programme(&store, programme, super::now()).unwrap();
    assert_eq!(count, 1);
    let pdf = document::render(&doc).unwrap();
    let path = super::out("agreements", "agreements-all.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    assert!(text_of(&path).contains("Mentoring agreement"));
}

#[test]
fn the_cli_fills_in_signs_and_prints_an_agreement() {
    use super::cli::klik;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    assert!(klik(&db, &["demo"]).status.success());
    let confirmed = klik(&db, &["--json", "match", "confirm", "--programme", "1"]);
    let confirmed: serde_json::Value = serde_json::from_slice(&confirmed.stdout).unwrap();
    let id = confirmed["matches"][0].to_string();
    let json = |args: &[&str]| -> serde_json::Value {
        let output = klik(&db, args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let shown = json(&["--json", "agreement", "show", "--match", &id]);
    assert_eq!(
        (shown["version"].as_i64(), shown["status"].as_str()),
        (Some(1), Some("draft"))
    );
    assert_eq!(
        shown["expectations"]["meeting_frequency"],
        "Eén keer om de 4 weken."
    );
    let edited = json(&[
        "--json",
        "agreement",
        "edit",
        "--match",
        &id,
        "--goal",
        "Leren plannen|Planning op tijd klaar|30-06-2027|Agenda opschonen",
        "--set",
        "place=Online via Teams",
    ]);
    assert_eq!(edited["goals"][0]["target_date"], "2027-06-30");
    assert_eq!(edited["expectations"]["place"], "Online via Teams");
    json(&["--json", "agreement", "ready", "--match", &id]);
    let early = klik(
        &db,
        &[
            "agreement",
            "sign",
            "--match",
            &id,
            "--mentee",
            "31-02-2026",
            "--mentor",
            "28-11-2026",
            "--coordinator",
            "28-11-2026",
        ],
    );
    assert_eq!(early.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&early.stderr).contains("31-02-2026"));
    let signed = json(&[
        "--json",
        "agreement",
        "sign",
        "--match",
        &id,
        "--mentee",
        "28-11-2026",
        "--mentor",
        "28-11-2026",
        "--coordinator",
        "28-11-2026",
    ]);
    assert_eq!(signed["status"], "signed");
    let file = dir.path().join("all.pdf");
    let printed = json(&[
        "--json",
        "agreement",
        "pdf",
        "--programme",
        "1",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(printed["agreements"], confirmed["confirmed"]);
    assert!(printed["pages"].as_i64().unwrap() >= 2 * printed["agreements"].as_i64().unwrap());
    assert!(
        text_of(&file).contains("Ondertekend"),
        "the signed status is printed"
    );
}

#[test]
fn an_agreement_is_not_signed_before_its_match_was_confirmed() {
    let (mut store, id) = matched("en");
    fill(&mut store, id, "en");
    agreement::mark_ready(&mut store, id, super::now()).unwrap();
    let confirmed = klik::matching::get(&store, id).unwrap().confirmed_at.date();
    let before = confirmed.pred_opt().unwrap();
    let refused = agreement::sign(
        &mut store,
        id,
        &Signatures {
            mentee: Some(before),
            mentor: Some(confirmed),
            coordinator: Some(confirmed),
        },
        super::now(),
    )
    .unwrap_err();
    assert_eq!(refused.field_errors().len(), 1);
    assert_eq!(
        refused.field_errors()[0].key,
        "error.agreement.signed_before_match"
    );
    assert_eq!(
        agreement::current(&store, id).unwrap().unwrap().status,
        AgreementStatus::Ready,
        "nothing was signed"
    );
}
