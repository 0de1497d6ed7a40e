//! Matching in the real window: propose on the demo programme, move one
//! mentee to another mentor, accept and confirm, and see the matches.

use klik_e2e::{App, fresh_data_dir};

#[tokio::test]
async fn propose_move_confirm_on_the_demo() {
    let data = fresh_data_dir("matching");
    let app = App::launch(&data).await;
    app.click("#welcome-demo").await;
    app.find("#programme-table").await;
    app.find_containing("a.programme-link", "groeien in je rol")
        .await
        .click()
        .await
        .unwrap();
    app.click("#programme-tab-matching").await;
    app.click("#matching-propose").await;
    let first = app.find("#matching-board .pair").await;
    let mentee = first.attr("data-mentee").await.unwrap().unwrap();
    let before = first.attr("data-mentor").await.unwrap().unwrap();
    let board = app.text("#matching-board").await;
    assert!(
        board.contains("learning wish") || board.contains("both speak"),
        "every pair shows its reasons in words: {board}"
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
    app.client.back().await.unwrap();
    let table = app.find_containing("#match-table", "Confirmed").await;
    let rows = table
        .find_all(fantoccini::Locator::Css("tbody tr"))
        .await
        .unwrap();

    // Dissolve one match with a reason: it stays listed, the mentee is back in the pool.
    rows[0]
        .find(fantoccini::Locator::Css(".match-dissolve"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.type_into("#dissolve-reason", "Geen klik bij de intake")
        .await;
    app.click("#dissolve-confirm").await;
    app.find_containing("#match-table", "Geen klik bij de intake")
        .await;

    // The board in Dutch, with a new proposal for the mentee who is back.
    app.click("#nav-settings").await;
    app.find("#settings-language")
        .await
        .select_by_value("nl")
        .await
        .unwrap();
    app.find_text("h1", "Instellingen").await;
    app.client.back().await.unwrap();
    app.find_containing("#programme-tab-matching", "Koppelen")
        .await;
    app.click("#matching-propose").await;
    // The board redraws after the click: wait for a pair that reads in Dutch.
    app.find_containing("#matching-board .pair", "Voorgesteld")
        .await;
    app.find_containing("#match-table", "Stopgezet").await;
    app.screenshot("33-matching-nl").await;
    app.quit().await;
}
