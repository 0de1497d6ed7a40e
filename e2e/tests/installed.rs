//! The first minute of an officer who has just installed Klik: the welcome
//! screen, the demo, a programme open. `cargo xtask test` runs it on the
//! freshly built app; `cargo xtask test --dist` runs it again on the app the
//! Debian package installed (`KLIK_E2E_APP=/usr/bin/klik-desktop`).

use klik_e2e::{App, fresh_data_dir};

#[tokio::test]
async fn first_start_opens_the_demo_and_a_programme() {
    let data = fresh_data_dir("installed");
    let app = App::launch(&data).await;
    app.find("#welcome-demo").await;
    app.open_demo_programme().await;
    let name = app.text("#programme-name").await;
    assert!(
        name.to_lowercase().contains("groeien in je rol"),
        "the demo's running programme opens: {name}"
    );
    app.screenshot("installed-programme").await;
    app.quit().await;
    // The demo lives in the data folder the app was given, not beside the program.
    assert!(data.join("demo").join("klik-demo.sqlite").exists());
}
