//! The command line, one module per area; `main.rs` holds only the top of
//! the clap tree and the dispatch. What every area shares lives here: the
//! global options, the way a failure leaves Klik, and the one printer (a
//! typed value printed as JSON with `--json`, else in words).
//! Nothing here imports from `main.rs`.

pub mod agreement;
pub mod backup;
pub mod database;
pub mod guide;
pub mod intake;
pub mod matching;
pub mod message;
pub mod organisation;
pub mod participants;
pub mod privacy;
pub mod programme;
pub mod trajectory;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use klik::data_dir::DataDir;
use klik::i18n::{Texts, language_for_locale};
use klik::{Error, Store, tabular};

/// The options every subcommand takes.
#[derive(Args)]
pub struct Globals {
    /// The database file (default: klik.sqlite in the data folder, or KLIK_DATA_DIR).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print results as JSON (errors as one JSON line on stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages: nl, en or fr (default: from LANG).
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,
}

impl Globals {
    /// The texts in the language of `--lang`, else of the locale.
    pub fn texts(&self) -> Texts {
        Texts::for_language(&message_language(self.lang.as_deref()))
    }

    /// The database of `--db`, else the data folder's.
    pub fn open(&self) -> Result<Store, Failure> {
        let path = match &self.db {
            Some(path) => path.clone(),
            None => data_dir()?.database(),
        };
        Ok(Store::open(&path)?)
    }

    /// The one printer: `value` as pretty JSON with `--json`, else `words`
    /// prints it for people. Every JSON Klik prints is a typed value, so
    /// that its shape is the struct's and the README's test can check it.
    pub fn print<T: Serialize>(&self, value: &T, words: impl FnOnce(&T)) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).expect("our JSON values always serialise")
            );
        } else {
            words(value);
        }
    }

    /// Like [`Globals::print`] for results that have nothing to say in
    /// words beyond what the command already printed.
    pub fn print_json<T: Serialize>(&self, value: &T) {
        self.print(value, |_| {});
    }

    /// Says how a run ended: the exit code, with the failure (if any) as one
    /// line on stderr, in words or as `{"code", "message"}`.
    pub fn finish(&self, texts: &Texts, result: Result<(), Failure>) -> ExitCode {
        let (code, message, exit) = match result {
            Ok(()) => return ExitCode::SUCCESS,
            Err(Failure::Usage(key, values)) => {
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(n, v)| (*n, v.as_str())).collect();
                ("usage", texts.format(key, &values), 2)
            }
            Err(Failure::Core(error)) => {
                (error.code(), error.message(texts).replace('\n', "; "), 1)
            }
        };
        if self.json {
            let line = ErrorJson { code, message };
            eprintln!(
                "{}",
                serde_json::to_string(&line).expect("always serialises")
            );
        } else {
            eprintln!("klik: {message}");
        }
        ExitCode::from(exit)
    }
}

/// A failure as one JSON line on stderr.
#[derive(Serialize)]
struct ErrorJson {
    code: &'static str,
    message: String,
}

/// One match (`--match ID`) or all of a programme (`--programme ID`).
#[derive(Args)]
pub struct MatchOrProgramme {
    #[arg(
        long = "match",
        value_name = "ID",
        conflicts_with = "programme",
        required_unless_present = "programme"
    )]
    pub id: Option<i64>,
    #[arg(long)]
    pub programme: Option<i64>,
}

/// A user error on its way out: the core error, or a problem with the arguments.
pub enum Failure {
    Core(Error),
    /// A problem with the arguments (exit 2): a catalogue key and its
    /// values, so that it reads in the language of `--lang` too.
    Usage(&'static str, Vec<(&'static str, String)>),
}

impl Failure {
    /// A usage problem told by catalogue entry `key` with `{value}` filled in.
    pub fn usage(key: &'static str, value: impl Into<String>) -> Failure {
        Failure::Usage(key, vec![("value", value.into())])
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

/// `klik … | head` closes the pipe before Klik is done printing; Rust's
/// `println!` then panics. A reader that stopped reading is no error: end
/// quietly, as command-line tools do, and keep every other panic's report.
pub fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        report(info);
    }));
}

fn message_language(flag: Option<&str>) -> String {
    if let Some(code) = flag {
        return language_for_locale(code).to_string();
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .map(|tag| language_for_locale(&tag).to_string())
        .unwrap_or_else(|| "en".to_string())
}

/// The data folder, after a move the one moved to; refused when that one
/// is not there (a drive not connected), before anything is made.
pub fn data_dir() -> Result<DataDir, Failure> {
    let dir = DataDir::from_environment()
        .ok_or_else(|| Failure::Usage("error.cli.no_data_folder", Vec::new()))?;
    dir.check_present()?;
    Ok(dir)
}

/// Writes rows as CSV or XLSX, chosen by the file's extension.
pub fn write_table(out: &Path, sheet: &str, rows: &[Vec<String>]) -> Result<(), Failure> {
    let cells: Vec<Vec<tabular::Cell>> = rows
        .iter()
        .map(|row| row.iter().cloned().map(tabular::Cell::Text).collect())
        .collect();
    write_cells(out, sheet, &cells)
}

/// [`write_table`] with typed cells: numbers stay numbers in a workbook.
pub fn write_cells(out: &Path, sheet: &str, rows: &[Vec<tabular::Cell>]) -> Result<(), Failure> {
    klik::data_dir::check_target(out, &["csv", "xlsx"])?;
    let xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if xlsx {
        tabular::write_xlsx_cells(sheet, rows).map_err(|_| {
            Error::Invalid(vec![
                klik::FieldError::new("out", "error.file.not_written")
                    .with("path", out.display().to_string()),
            ])
        })?
    } else {
        let text: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.text().to_string()).collect())
            .collect();
        tabular::write_csv(&text)
    };
    Ok(klik::data_dir::write_file(out, bytes)?)
}

/// Says on stderr when the automatic backup after a large change failed:
/// the change itself is saved, so the command still succeeds.
pub fn backed_up<T>(texts: &Texts, result: klik::Result<T>) {
    if let Err(error) = result {
        eprintln!(
            "klik: {}",
            texts.format(
                "backup.cli.failed",
                &[("reason", &error.message(texts).replace('\n', "; "))]
            )
        );
    }
}

/// What `--json` prints after a PDF was written: the file, its pages, the
/// font warnings, and one count that says what it holds, under a name of
/// the caller's (`agreements`, `guides`, `reports`, …).
#[derive(Serialize)]
pub struct PdfJson {
    pub file: String,
    pub pages: usize,
    pub warnings: Vec<String>,
    #[serde(flatten)]
    pub holds: serde_json::Map<String, serde_json::Value>,
}

/// Renders a document to `out` and says so: the file, pages and warnings,
/// and under `counted.0` what the caller adds (how many documents it holds).
pub fn write_pdf(
    cli: &Globals,
    texts: &Texts,
    document: &klik::document::Document,
    out: &Path,
    counted: (&str, serde_json::Value),
) -> Result<(), Failure> {
    klik::data_dir::check_target(out, &["pdf"])?;
    let pdf = klik::document::render(document)?;
    klik::data_dir::write_file(out, &pdf.bytes)?;
    report_pdf(cli, texts, &pdf, out, counted);
    Ok(())
}

/// Says a PDF was written to `out`: the file, pages and warnings, and under
/// `counted.0` what the caller adds.
pub fn report_pdf(
    cli: &Globals,
    texts: &Texts,
    pdf: &klik::document::Pdf,
    out: &Path,
    counted: (&str, serde_json::Value),
) {
    let json = PdfJson {
        file: out.display().to_string(),
        pages: pdf.pages,
        warnings: pdf.warnings(texts),
        holds: [(counted.0.to_string(), counted.1)].into_iter().collect(),
    };
    cli.print(&json, |json| {
        for warning in &json.warnings {
            eprintln!("klik: {warning}");
        }
        println!("{}", json.file);
    });
}
