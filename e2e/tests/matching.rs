//! Matching in the real window: propose on the demo programme, move one
//! mentee to another mentor, accept and confirm, and see the matches; fill
//! in, sign and open an agreement; set the programme's standard texts.

use klik_e2e::{App, fresh_data_dir};

#[tokio::test]
async fn propose_move_confirm_on_the_demo() {
    let data = fresh_data_dir("matching");
    let app = App::launch(&data).await;
    app.open_demo_programme().await;
    app.click("#programme-tab-matching").await;
    app.click("#matching-propose").await;
    let first = app.find("#matching-board .pair").await;
    let mentee = first.attr("data-mentee").await.unwrap().unwrap();
    let before = first.attr("data-mentor").await.unwrap().unwrap();
    // The board at a glance: the progress, and each pair's reasons folded
    // into one line that counts how the criteria fit, opened on demand.
    app.find_containing(
        "#matching-progress",
        "0 of 12 mentees have a confirmed mentor",
    )
    .await;
    let folded = app.text(".pair .pair-reasons summary").await;
    assert!(
        folded.contains("Why this score") && folded.contains("fit"),
        "{folded}"
    );
    app.click(".pair .pair-reasons summary").await;
    let reasons = app.text(".pair .pair-reasons .reasons").await;
    assert!(
        reasons.contains("learning wish") || reasons.contains("both speak"),
        "every pair shows its reasons in words: {reasons}"
    );
    app.screenshot("30-matching-board-en").await;

    // Move the first mentee: the dialog offers the other mentors with their scores.
    app.click(&format!(".pair[data-mentee='{mentee}'] .pair-move"))
        .await;
    app.find("#move-dialog[open]").await;
    let option = app.find(".move-option:not([disabled])").await;
    let target = option.attr("data-mentor").await.unwrap().unwrap();
    assert_ne!(target, before);
    app.screenshot("31-matching-move-en").await;
    option.click().await.unwrap();
    let moved = app
        .find(&format!(
            ".pair[data-mentee='{mentee}'][data-mentor='{target}']"
        ))
        .await;
    assert!(moved.text().await.unwrap().len() > 10);

    // Accept everything, confirm, and the matches are listed as confirmed.
    app.click("#matching-accept-all").await;
    app.find_containing("#matching-confirm", "12").await;
    app.click("#matching-confirm").await;
    app.click("#confirm-ok").await;
    let table = app.find_containing("#match-table", "Confirmed").await;
    let rows = table
        .find_all(fantoccini::Locator::Css("tbody tr"))
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        12,
        "all twelve demo mentees have a confirmed match"
    );
    app.screenshot("32-matching-confirmed-en").await;

    // The agreement of a confirmed match opens filled in from the defaults.
    rows[1]
        .find(fantoccini::Locator::Css(".match-agreement"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.find("#agreement-form").await;
    app.find_containing("#agreement-status", "Draft").await;
    app.screenshot("34-agreement-en").await;

    // Fill in a learning goal, mark the agreement ready, record the three
    // signatures (today, as the dialog suggests), and open the signed PDF.
    let goal = "Negotiate with suppliers — ‘BATNA’ first, then €";
    app.click("#add-goal").await;
    app.type_into("#field-goals-1-what", goal).await;
    app.type_into("#field-goals-1-success", "I lead the Q3 price talks myself")
        .await;
    app.type_into("#field-goals-1-target_date", "30/06/2027")
        .await;
    app.click("#agreement-ready").await;
    app.find_containing("#agreement-status", "Ready to sign")
        .await;
    app.click("#agreement-sign").await;
    app.find("#sign-dialog[open]").await;
    app.screenshot("35-agreement-sign-en").await;
    app.click("#sign-confirm").await;
    app.find_containing("#agreement-status", "Signed").await;
    app.find("#agreement-signed-dates").await;
    app.click("#open-agreement").await;
    let toast = app.find_containing("#toasts", ".pdf").await;
    let said = toast.text().await.unwrap();
    assert!(
        said.contains("Opened in your PDF viewer")
            || said.contains("no PDF viewer could be started"),
        "the message says whether a viewer opened: {said}"
    );
    app.screenshot("36-agreement-signed-en").await;
    let printed: Vec<_> = std::fs::read_dir(data.join("documents"))
        .expect("the PDF is in Klik's documents folder")
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(printed.len(), 1, "{printed:?}");
    // The message names the file; the folders only when no viewer opened it.
    let name = printed[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(said.contains(&name), "{said}");
    assert_eq!(
        said.contains(&*printed[0].display().to_string()),
        said.contains("no PDF viewer could be started"),
        "{said}"
    );
    let text = std::process::Command::new("pdftotext")
        .args([printed[0].as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    // The programme's documents are in Dutch, whatever language the window speaks.
    assert!(text.contains("Mentoringovereenkomst"), "{text}");
    assert!(text.contains("pagina 1 van 2"), "{text}");
    assert!(text.contains("30-06-2027"), "{text}");
    // Goal texts wrap in their table cell; compare them without line breaks.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(goal),
        "the goal typed in the window is printed: {text}"
    );
    assert!(
        flat.contains("Ongeveer een uur."),
        "the expectations from the programme's texts are printed: {text}"
    );
    app.client.back().await.unwrap();

    // The programme's standard agreement texts, in English.
    app.click("#agreement-texts-link").await;
    app.find_containing("#origin-place", "Klik’s standard text")
        .await;
    app.screenshot("39-agreement-texts-en").await;
    app.client.back().await.unwrap();
    let table = app.find_containing("#match-table", "Confirmed").await;
    let rows = table
        .find_all(fantoccini::Locator::Css("tbody tr"))
        .await
        .unwrap();

    // Dissolve one match with a reason: it stays listed, the mentee is back in the pool.
    // Dissolving is in the row's menu, away from the everyday button.
    let first = rows[0].attr("data-match").await.unwrap().unwrap();
    app.click(&format!("#match-menu-{first} summary")).await;
    app.click(&format!("#match-dissolve-{first}")).await;
    app.type_into("#dissolve-reason", "Geen klik bij de intake")
        .await;
    app.click("#dissolve-confirm").await;
    app.find_containing("#match-table", "Geen klik bij de intake")
        .await;

    // The board in Dutch, with a new proposal for the mentee who is back.
    app.switch_to_dutch().await;
    app.find_containing("#programme-tab-matching", "Koppelen")
        .await;
    app.click("#matching-propose").await;
    // The board redraws after the click: wait for a pair that reads in Dutch.
    app.find_containing("#matching-board .pair", "Voorgesteld")
        .await;
    app.find_containing("#match-table", "Stopgezet").await;
    app.screenshot("33-matching-nl").await;

    // The signed agreement in Dutch.
    app.click(".match-agreement").await;
    app.find_containing("#agreement-status", "Ondertekend")
        .await;
    app.screenshot("38-agreement-nl").await;
    app.client.back().await.unwrap();
    app.find_containing("#match-table", "Stopgezet").await;

    // The programme's standard agreement texts, in Dutch: an own text for the
    // place, Klik's text back with one click, saved for new agreements.
    app.click("#agreement-texts-link").await;
    app.find_containing("#origin-place", "Standaardtekst van Klik")
        .await;
    app.type_into("#field-place", "Vergaderzaal De Haven, of via Teams")
        .await;
    app.find_containing("#origin-place", "Je eigen tekst").await;
    app.screenshot("37-agreement-texts-nl").await;
    app.click("#save-agreement-texts").await;
    app.find_containing("#toasts", "Nieuwe overeenkomsten beginnen")
        .await;
    app.click("#agreement-texts-link").await;
    let place = app.find("#field-place").await;
    assert_eq!(
        place.prop("value").await.unwrap().as_deref(),
        Some("Vergaderzaal De Haven, of via Teams")
    );
    app.quit().await;
}
