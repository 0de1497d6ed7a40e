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
    app.quit().await;
}
