//! The harness of Klik's end-to-end tests: start the real desktop app through
//! tauri-driver (WebDriver), find things the way a person does, and save
//! screenshots to look at.
//!
//! `cargo xtask test` starts Xvfb and tauri-driver and sets the variables
//! read here; run that rather than `cargo test -p klik-e2e`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long a step may take before the test fails: generous for a debug build on a busy CI machine.
pub const PATIENCE: Duration = Duration::from_secs(20);

fn required(variable: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| {
        panic!("{variable} is not set: run the end-to-end tests with `cargo xtask test`, which starts Xvfb and tauri-driver")
    })
}

/// Where screenshots and the tests' data folders go.
pub fn out_dir() -> PathBuf {
    let dir = PathBuf::from(required("KLIK_E2E_OUT"));
    std::fs::create_dir_all(&dir).expect("the e2e output folder can be created");
    dir
}

/// A fresh, empty data folder for one test.
pub fn fresh_data_dir(name: &str) -> PathBuf {
    let dir = out_dir().join("data").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the test's data folder can be created");
    dir
}

/// A test file of the core's fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/it/fixtures")
        .join(name)
}

/// The `klik` command-line binary built alongside the app.
pub fn cli() -> PathBuf {
    PathBuf::from(required("KLIK_E2E_CLI"))
}

/// Where the app under test saves what a save dialog would have asked for:
/// beside its data folder, made when the app starts.
pub fn saved(data_dir: &Path) -> PathBuf {
    let folder = data_dir.with_extension("saved");
    std::fs::create_dir_all(&folder).expect("the saved-files folder is made");
    folder
}

/// The running app, driven through WebDriver.
pub struct App {
    pub client: Client,
}

impl App {
    /// Starts Klik on `data_dir` in a new window.
    pub async fn launch(data_dir: &Path) -> App {
        App::launch_with(data_dir, &[]).await
    }

    /// Starts Klik on `data_dir` with more arguments (such as
    /// `--choose-folder FOLDER`, the answer to the folder dialog).
    pub async fn launch_with(data_dir: &Path, more: &[String]) -> App {
        let mut args = vec![
            "--data-dir".to_string(),
            data_dir.display().to_string(),
            "--save-into".to_string(),
            saved(data_dir).display().to_string(),
        ];
        args.extend_from_slice(more);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": required("KLIK_E2E_APP"),
                // Save dialogs cannot be clicked through WebDriver: Klik
                // answers them with this folder instead.
                "args": args,
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&required("KLIK_E2E_DRIVER"))
            .await
            .expect("tauri-driver starts a Klik session");
        App { client }
    }

    /// Waits until an element matching `css` is there, and returns it.
    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => {
                self.screenshot("failure").await;
                panic!("expected {css} on screen (see failure.png): {e}")
            }
        }
    }

    /// Waits for a link or button whose text is exactly `text`.
    pub async fn find_text(&self, css: &str, text: &str) -> Element {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            for element in self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                if element
                    .text()
                    .await
                    .map(|t| t.trim() == text)
                    .unwrap_or(false)
                {
                    return element;
                }
            }
            if std::time::Instant::now() > deadline {
                self.screenshot("failure").await;
                panic!("expected {css} with the text {text:?} on screen (see failure.png)");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits until an element matching `css` contains every one of `texts`
    /// (an element the page replaces meanwhile is simply looked for again).
    pub async fn find_containing_all(&self, css: &str, texts: &[&str]) -> Element {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            for element in self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                if element
                    .text()
                    .await
                    .map(|t| texts.iter().all(|x| t.contains(x)))
                    .unwrap_or(false)
                {
                    return element;
                }
            }
            if std::time::Instant::now() > deadline {
                self.screenshot("failure").await;
                panic!("expected {css} containing all of {texts:?} on screen (see failure.png)");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits for an element matching `css` whose text contains `text`.
    pub async fn find_containing(&self, css: &str, text: &str) -> Element {
        self.find_containing_all(css, &[text]).await
    }

    /// Waits until no element matches `css` (a bar closed, a dialog gone).
    pub async fn gone(&self, css: &str) {
        let deadline = std::time::Instant::now() + PATIENCE;
        while self.client.find(Locator::Css(css)).await.is_ok() {
            if std::time::Instant::now() > deadline {
                self.screenshot("failure").await;
                panic!("{css} is still on screen (see failure.png)");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Chooses a file in the `<input type=file>` matching `css`, as a person picking it would.
    pub async fn choose_file(&self, css: &str, path: &Path) {
        // The input is visually replaced by a translated button; WebDriver types into the real input.
        self.client
            .execute(
                "const input = document.querySelector(arguments[0]); input.classList.remove('file-input'); input.value = '';",
                vec![css.into()],
            )
            .await
            .expect("the file input can be shown");
        let input = self.find(css).await;
        input
            .send_keys(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("could not choose {}: {e}", path.display()));
        // Hidden again, as a person sees the screen: only the translated button.
        let _ = self
            .client
            .execute(
                "document.querySelector(arguments[0])?.classList.add('file-input');",
                vec![css.into()],
            )
            .await;
    }

    /// The element matching `css`, scrolled to the middle of the window.
    async fn find_in_view(&self, css: &str) -> Element {
        let element = self.find(css).await;
        let target = serde_json::to_value(&element).expect("elements serialise");
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                vec![target],
            )
            .await;
        element
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        // In the middle of the window, as a person would scroll to it: at the
        // very bottom edge the messages that come and go sit over it.
        // A page that draws itself again (after a command, or when the
        // guide above it looks again) may replace the element between
        // finding and clicking it; a person would click the new one.
        let mut attempts = 0;
        loop {
            let element = self.find_in_view(css).await;
            match element.click().await {
                Ok(()) => return,
                Err(e) if attempts < 5 && e.to_string().contains("was not found") => {
                    attempts += 1;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("could not click {css}: {e}"),
            }
        }
    }

    /// Clears a text field and types `text` into it, key by key.
    pub async fn type_into(&self, css: &str, text: &str) {
        // WebKitWebDriver refuses to clear a field outside the visible part
        // of a scrolled dialog; a person would scroll to it first.
        let field = self.find_in_view(css).await;
        field.clear().await.expect("a text field can be cleared");
        field.send_keys(text).await.expect("text can be typed");
    }

    /// The current value of the form field matching `css`.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("fields have a value")
            .unwrap_or_default()
    }

    /// Waits until the field matching `css` holds `expected` (a value the
    /// page writes after asking the shell); gives the last value seen.
    pub async fn value_becomes(&self, css: &str, expected: &str) -> String {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            let value = self.value(css).await;
            if value == expected || std::time::Instant::now() > deadline {
                return value;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether the element matching `css` carries the attribute `name`.
    pub async fn has_attr(&self, css: &str, name: &str) -> bool {
        self.find(css)
            .await
            .attr(name)
            .await
            .expect("attributes can be read")
            .is_some()
    }

    /// The text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .expect("elements have text")
    }

    /// Chooses the demo on the welcome screen and opens its running programme.
    pub async fn open_demo_programme(&self) {
        self.click("#welcome-demo").await;
        self.find("#programme-table").await;
        self.find_containing("a.programme-link", "groeien in je rol")
            .await
            .click()
            .await
            .expect("the demo programme opens");
    }

    /// Switches the interface to Dutch in Settings and goes back to the page before.
    pub async fn switch_to_dutch(&self) {
        self.switch_language("nl", "Instellingen").await;
    }

    /// Switches the interface to `code` in Settings (whose title then reads
    /// `settings`) and goes back to the page before.
    pub async fn switch_language(&self, code: &str, settings: &str) {
        self.click("#nav-settings").await;
        self.choose_language(code, settings).await;
        self.client
            .back()
            .await
            .expect("the page before comes back");
    }

    /// Scrolls the element `css` to the top of the window, for a screenshot of it.
    pub async fn scroll_to(&self, css: &str) {
        self.find(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
                vec![css.into()],
            )
            .await
            .expect("the page scrolls");
    }

    /// Chooses the interface language `code` on the Settings page, whose
    /// title then reads `settings`.
    pub async fn choose_language(&self, code: &str, settings: &str) {
        self.find("#settings-language")
            .await
            .select_by_value(code)
            .await
            .expect("the language can be chosen");
        self.find_text("h1", settings).await;
    }

    /// Checks that the table `css` fits the window as it is: its last
    /// column ends inside the window, and neither the table's own frame nor
    /// the page scrolls sideways (no clipped action or status column).
    pub async fn fits(&self, css: &str) {
        self.find(css).await;
        let sizes = self
            .client
            .execute(
                "const table = document.querySelector(arguments[0]);
                 const frame = table.closest('.table-scroll') ?? table.parentElement;
                 return [table.getBoundingClientRect().right, document.documentElement.clientWidth,
                         frame.scrollWidth, frame.clientWidth,
                         document.documentElement.scrollWidth];",
                vec![css.into()],
            )
            .await
            .expect("the sizes can be read");
        let number = |k: usize| sizes[k].as_f64().expect("a size");
        let (right, window, wide, frame, page) =
            (number(0), number(1), number(2), number(3), number(4));
        if right > window + 0.5 || wide > frame + 1.0 || page > window + 0.5 {
            self.screenshot("failure").await;
            panic!(
                "{css} does not fit the window (see failure.png): ends at {right} of {window}, \
                 {wide} wide in a frame of {frame}, page {page} wide"
            );
        }
    }

    /// Dismisses the messages still on screen, so that a screenshot shows
    /// the page under them (they would fade by themselves a few seconds later).
    pub async fn dismiss_messages(&self) {
        let _ = self
            .client
            .execute(
                "document.getElementById('toasts')?.replaceChildren();",
                vec![],
            )
            .await;
    }

    /// Saves a screenshot of the window as `name`.png in the output folder.
    pub async fn screenshot(&self, name: &str) {
        // Let transitions and fonts settle so the picture shows what a person sees.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self
            .client
            .screenshot()
            .await
            .expect("WebDriver takes screenshots");
        std::fs::write(out_dir().join(format!("{name}.png")), png)
            .expect("screenshots can be saved");
    }

    /// Closes the window; the app quits with it.
    pub async fn quit(self) {
        self.client.close().await.expect("the session ends cleanly");
    }
}
