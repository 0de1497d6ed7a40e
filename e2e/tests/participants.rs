//! Participants in the real window: import the Dutch sample through the
//! preview, then find Zoë by searching.

use klik_e2e::{App, fixture, fresh_data_dir, out_dir};

#[tokio::test]
async fn import_the_dutch_sample_and_find_zoe() {
    let data = fresh_data_dir("participants");
    let app = App::launch(&data).await;
    app.open_demo_programme().await;
    app.click("#programme-tab-participants").await;
    let counts = app.text("#participant-counts").await;
    assert!(
        counts.contains("8") && counts.contains("12"),
        "the demo has 8 mentors and 12 mentees: {counts}"
    );
    app.screenshot("20-participants-en").await;

    // A problem stays on its page as a banner until dealt with: the folder
    // chosen to save into is gone (a USB stick pulled out).
    let folder = data.with_extension("saved");
    std::fs::remove_dir_all(&folder).unwrap();
    app.click("#export-participants").await;
    let problem = app.text("#page-alerts #page-banner").await;
    assert!(
        !problem.trim().is_empty(),
        "the banner says what went wrong"
    );
    app.screenshot("20-export-problem-en").await;
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    app.find("#page-banner").await;
    std::fs::create_dir_all(&folder).unwrap();
    app.click("#export-participants").await;
    app.gone("#page-banner").await;
    app.find_containing("#toasts", ".xlsx").await;

    // A file with problems: every problem is listed with row and column, and importing everything is not offered.
    app.click("#import-participants").await;
    let broken = out_dir().join("broken.csv");
    std::fs::write(
        &broken,
        "rol;voornaam;achternaam;e-mail;capaciteit;beschikbaarheid\r\n\
         mentee;Jan;Peeters;jan@;;ma 9-12\r\n\
         mentor;Mia;Wouters;mia@x.be;99;ma 9-12\r\n\
         mentee;Kim;Smet;kim@x.be;;someday\r\n\
         mentee;Lore;Smet;lore@x.be;;di 10-12\r\n",
    )
    .unwrap();
    app.choose_file("#import-file", &broken).await;
    let problems = app.text("#import-problems").await;
    assert!(
        problems.contains("“jan@” is not an e-mail address"),
        "{problems}"
    );
    assert!(
        problems.contains("capaciteit"),
        "the column is named as in the file: {problems}"
    );
    assert!(
        app.has_attr("#import-all", "disabled").await,
        "a file with problems cannot be imported whole"
    );
    app.find("#import-valid").await;
    app.screenshot("21-import-problems-en").await;

    // A workbook of several sheets: they are a list to choose from, and the
    // chosen file is named beside its button.
    let workbook = out_dir().join("twee-bladen.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("Uitleg")
        .unwrap()
        .write_string(0, 0, "Vul het tweede blad in.")
        .unwrap();
    let people = book.add_worksheet().set_name("Deelnemers").unwrap();
    let rows = [
        ["rol", "voornaam", "achternaam", "e-mail"],
        [
            "mentee",
            "Noor",
            "Bakker",
            "noor.bakker@devries-logistiek.be",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            people.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&workbook).unwrap();
    app.choose_file("#import-file", &workbook).await;
    app.find("#import-sheet-field:not([hidden])").await;
    app.find_containing("#import-file-name", "twee-bladen.xlsx")
        .await;
    app.find("#import-sheet")
        .await
        .select_by_value("Deelnemers")
        .await
        .unwrap();
    app.find_containing("#import-summary", "1 new").await;
    app.find("#import-actions").await;
    app.screenshot("22-import-sheets-en").await;

    // The real sample: a clean preview, then the import.
    app.choose_file("#import-file", &fixture("deelnemers-demo.csv"))
        .await;
    let summary = app
        .find_containing("#import-summary", "55")
        .await
        .text()
        .await
        .unwrap();
    assert!(summary.contains("55 new"), "{summary}");
    app.find("#import-rows").await;
    assert!(
        app.has_attr("#import-sheet-field", "hidden").await,
        "a CSV file has no sheets to choose"
    );
    app.screenshot("22-import-preview-en").await;
    app.click("#import-all").await;
    let counts = app
        .find_containing("#participant-counts", "23 mentors")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        counts.contains("52 mentees"),
        "8 + 15 mentors and 12 + 40 mentees after the import: {counts}"
    );

    app.type_into("#participant-search", "Zoë").await;
    let row = app
        .find_containing("#participant-table tbody tr", "Zoë")
        .await;
    assert!(row.text().await.unwrap().contains("Vandenbroucke"));
    app.screenshot("23-search-zoe-en").await;

    // Add one person by hand: problems are named, a known topic is one click away.
    app.click("#add-participant").await;
    app.type_into("#field-first_name", "Anaïs").await;
    app.type_into("#field-last_name", "Lefèvre").await;
    app.type_into("#field-email", "anais.lefevre@devries-logistiek.be")
        .await;
    // Availability on the grid: two half-days ticked become the exact times.
    app.click("#availability-1-0").await;
    app.click("#availability-3-1").await;
    app.click("#availability-exact summary").await;
    let written = app
        .value_becomes("#field-availability", "mon 09:00-12:00, wed 13:00-17:00")
        .await;
    assert_eq!(written, "mon 09:00-12:00, wed 13:00-17:00");
    app.screenshot("24-availability-grid-en").await;
    // People not to be matched with: picked by name, or added by address.
    app.type_into("#field-avoid-search", "Vandenbroucke").await;
    app.find_containing("#field-avoid-options .picker-option", "Vandenbroucke")
        .await;
    app.screenshot("24-people-picker-en").await;
    app.click("#field-avoid-options .picker-option").await;
    app.find_containing("#field-avoid-chosen .picker-chip", "Vandenbroucke")
        .await;
    app.type_into("#field-avoid-search", "extern@example.org")
        .await;
    app.find_containing(
        "#field-avoid-options .picker-option",
        "Add extern@example.org",
    )
    .await;
    app.find("#field-avoid-search")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    app.find_containing("#field-avoid-chosen", "extern@example.org")
        .await;
    app.type_into("#field-availability", "someday").await;
    app.find_containing("#topic-chips .chip", "leiderschap")
        .await
        .click()
        .await
        .unwrap();
    app.click("#save-participant").await;
    let summary = app.text("#error-summary").await;
    assert!(
        summary.contains("Availability"),
        "the bad availability is named: {summary}"
    );
    // Times that are not whole half-days set the grid aside, saying why.
    app.find("#availability-exact-note:not([hidden])").await;
    app.find("#availability-1-0[disabled]").await;
    app.screenshot("24-participant-form-errors-en").await;
    app.type_into("#field-availability", "wo 14-16").await;
    // The grid follows the typing: these exact times keep it aside.
    app.find("#availability-3-1[disabled]").await;
    app.click("#save-participant").await;
    app.type_into("#participant-search", "Lefèvre").await;
    let row = app
        .find_containing("#participant-table tbody tr", "Anaïs Lefèvre")
        .await;
    assert!(
        row.text().await.unwrap().contains("leiderschap"),
        "the chosen topic is saved"
    );
    // Opened again, the saved exact times are there, and the grid stays aside.
    app.find_containing("a.participant-link", "Anaïs Lefèvre")
        .await
        .click()
        .await
        .unwrap();
    app.find("#availability-exact[open]").await;
    let saved = app.value("#field-availability").await;
    assert_eq!(saved, "wed 14:00-16:00");
    app.find("#availability-3-1[disabled]").await;
    app.find_containing_all(
        "#field-avoid-chosen",
        &["Vandenbroucke", "extern@example.org"],
    )
    .await;
    app.client.back().await.unwrap();

    // The same screens in Dutch.
    app.switch_to_dutch().await;
    app.find_containing("#participant-counts", "mentoren").await;
    app.find_containing("#participant-range", "van").await;
    app.screenshot("25-participants-nl").await;
    // The form in Dutch: the grid's half-days and the people picker.
    app.find("a.participant-link").await.click().await.unwrap();
    app.find_containing("#availability-grid th", "Voormiddag")
        .await;
    app.type_into("#field-avoid-search", "Vandenbroucke").await;
    app.find_containing("#field-avoid-options", "Vandenbroucke")
        .await;
    app.client
        .execute(
            "document.getElementById('availability-grid').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot("28-participant-form-nl").await;
    app.client.back().await.unwrap();
    app.find("#participant-table").await;
    app.click("#import-participants").await;
    app.choose_file("#import-file", &broken).await;
    app.find_containing("#import-problems", "problemen").await;
    app.screenshot("26-import-problems-nl").await;

    // A person is shared by every programme: importing Zoë into the buddy
    // programme with another job title says, by name, that it changes her
    // in the running programme too, before anything is written.
    let shared = out_dir().join("zoe-in-buddies.csv");
    std::fs::write(
        &shared,
        "rol;voornaam;achternaam;e-mail;functie\r\n\
         mentor;Zoë;Vandenbroucke;zoe.vandenbroucke@devries-logistiek.be;Directeur logistiek\r\n",
    )
    .unwrap();
    app.click("#nav-programmes").await;
    app.find_containing("a.programme-link", "Buddy")
        .await
        .click()
        .await
        .expect("the buddy programme opens");
    app.click("#programme-tab-participants").await;
    app.click("#import-participants").await;
    app.choose_file("#import-file", &shared).await;
    let also = app
        .find_containing(
            "#import-also-changes",
            "wijzigt ook Zoë Vandenbroucke in Mentoring",
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(also.contains("groeien in je rol"), "{also}");
    app.find_containing("#import-summary", "1").await;
    app.screenshot("27-import-also-changes-nl").await;
    app.quit().await;
}
