//! The journeys a new user takes, in the real Klik window.

use klik_e2e::{App, fresh_data_dir};

/// The programme name of the journey: an apostrophe, curly quotes, a dash,
/// a diaeresis and the euro sign must all survive typing, saving and restarting.
const NAME: &str = "Zoë's ‘klik’ — €";

#[tokio::test]
async fn first_start_demo_then_a_new_programme_survives_a_restart() {
    let data = fresh_data_dir("journey");

    let app = App::launch(&data).await;
    app.find("#welcome-demo").await;
    app.screenshot("01-welcome").await;
    app.click("#welcome-demo").await;

    // The demo's short tour: five pages, each explained, Next going there.
    app.find_containing("#guide", "A short tour of the demo")
        .await;
    app.find_containing("#guide-progress", "Step 1 of 5").await;
    app.click("#guide-next").await;
    app.find_containing("#guide-progress", "Step 2 of 5").await;
    app.find("#programme-checklist").await;
    app.find_containing("#guide-now-title", "A programme’s home")
        .await;
    app.screenshot("15-tour-checklist-en").await;
    app.click("#guide-next").await;
    app.find_containing("#guide-progress", "Step 3 of 5").await;
    app.click("#guide-next").await;
    app.find_containing("#guide-now-title", "Matching").await;
    app.click("#guide-back").await;
    app.find_containing("#guide-progress", "Step 3 of 5").await;
    app.click("#guide-next").await;
    app.click("#guide-next").await;
    app.find_containing("#guide-now-title", "Results").await;
    app.find_containing("#guide-next", "End the tour").await;
    app.screenshot("16-tour-results-en").await;
    // Ended, the tour leaves the officer on the page she is on.
    app.click("#guide-next").await;
    app.gone("#guide").await;
    app.find("#trajectory-pairs, .page").await;
    app.click("#nav-programmes").await;

    let table = app.find("#programme-table").await;
    let rows = table
        .find_all(fantoccini::Locator::Css("tbody tr"))
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        3,
        "the demo has three current programmes (a fourth is archived)"
    );
    app.find("#demo-banner").await;
    app.screenshot("02-programmes-en").await;

    // The form refuses bad input with every problem at once and keeps what was typed.
    app.click("#new-programme").await;
    app.find("#programme-form").await;
    app.type_into("#field-start", "01-02-2027").await;
    app.type_into("#field-end", "31-01-2027").await;
    app.click("#save-programme").await;
    let summary = app.text("#error-summary").await;
    assert!(
        summary.contains("Enter a name for the programme"),
        "empty name is named: {summary}"
    );
    assert!(
        summary.contains("The end date must come after the start date"),
        "end before start is named: {summary}"
    );
    app.screenshot("03-form-errors-en").await;

    app.type_into("#field-name", NAME).await;
    app.type_into("#field-end", "31-01-2028").await;
    app.click("#recalculate-phases").await;
    let value = app.value("#field-phases-matching-start").await;
    assert_eq!(
        value, "09/03/2027",
        "phases follow the new dates (English writes dd/mm/yyyy)"
    );
    app.screenshot("04-form-filled-en").await;
    app.click("#save-programme").await;
    assert_eq!(
        app.text("#programme-name").await,
        NAME,
        "the detail page shows the exact name"
    );
    // A new programme's home asks for people first.
    app.find_containing("#programme-checklist", "No mentors and mentees yet")
        .await;
    app.find_containing("#next-step", "Add participants").await;
    app.screenshot("05-programme-detail-en").await;

    // Dutch: the same screens in the other language.
    app.click("#nav-settings").await;
    // About, in English first: the version and the data folder.
    app.find_containing("#about-version", "Klik version").await;
    app.client
        .execute("document.getElementById('about').scrollIntoView();", vec![])
        .await
        .unwrap();
    app.screenshot("06-about-en").await;
    app.choose_language("nl", "Instellingen").await;
    app.screenshot("06-settings-nl").await;
    // The backups: where they are and today's automatic one.
    app.click("#backups-card h2").await;
    app.find_containing("#backup-last", "Laatste automatische reservekopie")
        .await;
    app.screenshot("56-backups-nl").await;
    // About: the version, and the licences read when the officer opens them.
    let version = app.text("#about-version").await;
    assert!(
        version.starts_with("Klik versie ") && version.contains('.'),
        "{version}"
    );
    // The place is under Details, beside a button that opens the folder.
    app.click("#about-data-folder-details summary").await;
    app.find("#about-data-folder-open").await;
    let folder = app.text("#about-data-folder").await;
    assert!(
        folder.ends_with("journey"),
        "About names the data folder: {folder}"
    );
    app.click("#third-party-licences summary").await;
    app.find_containing("#third-party-licences-text", "Liberation Sans")
        .await;
    let licences = app.text("#third-party-licences-text").await;
    assert!(
        licences.contains("rusqlite ") && licences.contains("SIL Open Font License"),
        "the licences name the database library and the font"
    );
    app.screenshot("57-about-nl").await;
    app.click("#nav-programmes").await;
    app.find_text("h1", "Programma’s").await;
    app.screenshot("07-programmes-nl").await;
    app.click("#new-programme").await;
    app.find_text("h1", "Nieuw programma").await;
    app.click("#save-programme").await;
    let summary = app.text("#error-summary").await;
    assert!(
        summary.contains("Geef het programma een naam"),
        "errors are translated: {summary}"
    );
    app.screenshot("08-form-errors-nl").await;
    app.quit().await;

    // Restart: the demo is still chosen, the programme and the language are kept.
    let app = App::launch(&data).await;
    let link = app.find_text("a.programme-link", NAME).await;
    link.click().await.unwrap();
    assert_eq!(
        app.text("#programme-name").await,
        NAME,
        "the name survives a restart exactly"
    );
    app.screenshot("09-after-restart-nl").await;
    app.quit().await;

    // The demo lives in its own file; the user's own database holds no programmes.
    let output = std::process::Command::new(klik_e2e::cli())
        .args(["--json", "--db"])
        .arg(data.join("klik.sqlite"))
        .args(["programme", "list", "--all"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "[]",
        "the demo never writes into the real database"
    );
}

#[tokio::test]
async fn starting_empty_is_led_through_the_first_steps() {
    let data = fresh_data_dir("first-steps");
    let app = App::launch(&data).await;
    app.click("#welcome-empty").await;
    app.find_containing("#guide", "First steps").await;
    app.find_containing("#guide-progress", "Step 1 of 5").await;
    app.screenshot("17-first-steps-en").await;

    // Step 1, typed in the guide itself; an empty name is asked for.
    app.click("#guide-save-organisation").await;
    app.find_containing("#guide-organisation-error", "Type your organisation’s name")
        .await;
    app.type_into("#guide-organisation-name", "Stad Gent").await;
    app.click("#guide-save-organisation").await;
    app.find_containing("#guide-progress", "Step 2 of 5").await;
    app.find_containing("#brand-org", "Stad Gent").await;

    // Step 2: the programme form, through the guide's button.
    app.click("#guide-go").await;
    app.find("#programme-form").await;
    app.type_into("#field-name", "Mentoring 2027").await;
    app.type_into("#field-start", "01/01/2027").await;
    app.type_into("#field-end", "31/12/2027").await;
    app.click("#recalculate-phases").await;
    app.click("#save-programme").await;
    app.find("#programme-checklist").await;
    app.find_containing("#guide-progress", "Step 3 of 5").await;
    app.find_containing("#guide-go", "Import participants")
        .await;

    // Step 3 is skipped, then done anyway by importing: the data decides.
    app.click("#guide-skip").await;
    app.find_containing("#guide-progress", "Step 4 of 5").await;
    app.find(".guide-step.guide-skipped[data-step='participants']")
        .await;
    app.click("#guide-go").await;
    app.find_containing(".view", "Nobody takes part in this programme yet")
        .await;
    app.client.back().await.unwrap();
    app.find("#programme-checklist").await;
    app.click("#next-step").await;
    app.click("#import-participants").await;
    app.choose_file("#import-file", &klik_e2e::fixture("deelnemers-demo.csv"))
        .await;
    app.click("#import-all").await;
    app.find(".guide-step.guide-done[data-step='participants']")
        .await;
    app.find_containing("#guide-progress", "Step 4 of 5").await;

    // Steps 4 and 5 on the matching board; the guide follows each change.
    app.click("#guide-go").await;
    app.click("#matching-propose").await;
    app.click("#matching-accept-all").await;
    app.find_containing("#guide-progress", "Step 5 of 5").await;
    app.screenshot("18-first-steps-confirm-en").await;
    app.click("#matching-confirm").await;
    app.click("#confirm-ok").await;
    app.find_containing("#guide-finished", "First steps done")
        .await;
    app.screenshot("19-first-steps-done-en").await;
    app.click("#guide-close").await;
    app.quit().await;

    // Done means done: after a restart the guide does not come back.
    let app = App::launch(&data).await;
    app.find("#programme-table").await;
    assert!(
        app.client
            .find(fantoccini::Locator::Css("#guide"))
            .await
            .is_err(),
        "the first steps are done"
    );
    app.quit().await;
}

#[tokio::test]
async fn the_data_moves_to_another_folder_and_klik_starts_there() {
    let data = fresh_data_dir("moved-from");
    let chosen = fresh_data_dir("moved-to");
    std::fs::write(chosen.join("notes.txt"), "the officer's own file").unwrap();
    let answer = ["--choose-folder".to_string(), chosen.display().to_string()];
    let app = App::launch_with(&data, &answer).await;
    app.click("#welcome-empty").await;
    app.click("#guide-close").await;
    // A programme of the officer's, to find again after the move.
    app.click("#nav-programmes").await;
    app.click("#new-programme").await;
    app.type_into("#field-name", "Groeien na de verhuis").await;
    app.type_into("#field-start", "04/01/2027").await;
    app.type_into("#field-end", "17/12/2027").await;
    app.click("#save-programme").await;
    app.find_text("#programme-name", "Groeien na de verhuis")
        .await;
    app.click("#nav-settings").await;
    app.click("#real-database-path-details summary").await;
    let before = app.text("#real-database-path").await;
    assert!(before.starts_with(&data.display().to_string()), "{before}");
    app.find_containing("#move-data-hint", "for example on a second disk")
        .await;
    app.screenshot("62-data-folder-en").await;
    // The question names where the data goes (a Klik folder, since the
    // chosen one holds a file) before anything moves.
    app.click("#move-data").await;
    let target = chosen.join("Klik");
    app.find_containing("#confirm-text", &target.display().to_string())
        .await;
    app.screenshot("63-move-question-en").await;
    app.click("#confirm-ok").await;
    app.find_containing(".toast", "Your data is now in the new folder")
        .await;
    // The page shows the new place, its details open, the focus on the button.
    app.find_containing("#real-database-path", &target.display().to_string())
        .await;
    assert!(
        app.has_attr("#real-database-path-details", "open").await,
        "the new place is in view"
    );
    app.screenshot("64-data-moved-en").await;
    app.quit().await;
    assert!(
        !data.join("klik.sqlite").exists(),
        "the old place is emptied"
    );
    assert!(target.join("klik.sqlite").is_file());

    // Started again on the first folder, Klik works from the new one, in Dutch too.
    let app = App::launch(&data).await;
    app.find("#nav-settings").await;
    app.click("#nav-settings").await;
    app.choose_language("nl", "Instellingen").await;
    app.click("#real-database-path-details summary").await;
    app.find_containing("#real-database-path", &target.display().to_string())
        .await;
    app.find_containing("#move-data", "Andere gegevensmap kiezen")
        .await;
    app.screenshot("65-data-folder-nl").await;
    app.click("#nav-programmes").await;
    app.find_text("a.programme-link", "Groeien na de verhuis")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn the_guide_speaks_dutch() {
    let data = fresh_data_dir("guide-nl");
    let app = App::launch(&data).await;
    app.find("#welcome-language")
        .await
        .select_by_value("nl")
        .await
        .unwrap();
    app.find_text("#welcome-demo .choice-title", "Verken een demoprogramma")
        .await;
    app.click("#welcome-demo").await;
    app.find_containing("#guide", "Een korte rondleiding door de demo")
        .await;
    app.click("#guide-next").await;
    app.find_containing("#guide-progress", "Stap 2 van 5").await;
    app.find("#programme-checklist").await;
    app.screenshot("15-tour-checklist-nl").await;
    // Leaving the demo, the officer's own empty file starts its first steps.
    app.click("#leave-demo").await;
    app.find_containing("#guide", "Eerste stappen").await;
    app.find_containing("#guide-now-title", "Geef je organisatie een naam")
        .await;
    app.screenshot("17-first-steps-nl").await;
    app.quit().await;
}

#[tokio::test]
async fn a_file_that_is_not_a_klik_database_is_explained_and_left_alone() {
    let data = fresh_data_dir("not-a-database");
    let path = data.join("klik.sqlite");
    let bytes = b"%PDF-1.7\nthis is a report someone renamed\n".to_vec();
    std::fs::write(&path, &bytes).unwrap();

    let app = App::launch(&data).await;
    let message = app.text("#database-error").await;
    assert!(
        message.contains("is not a Klik database"),
        "the reason is given: {message}"
    );
    assert!(
        message.contains("klik.sqlite"),
        "the file is named: {message}"
    );
    app.screenshot("10-not-a-database-en").await;
    app.click("#retry-open").await;
    app.find("#database-error").await;
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "Klik never touches a file it refused"
    );

    // Starting a new file: asked first, then the refused file is kept aside
    // whole and Klik starts empty, at its welcome.
    app.click("#start-new-database").await;
    app.find_containing("#confirm-text", "nothing in it is lost")
        .await;
    app.click("#confirm-ok").await;
    app.find("#welcome-demo").await;
    app.find_containing("#toasts", "klik.damaged-").await;
    app.quit().await;
    let kept: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("klik.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        bytes,
        "the refused file is kept whole"
    );
}
