//! Printing documents to PDF: saved where the user chose, or put in Klik's
//! documents folder and opened in the system's PDF viewer. One set of
//! commands serves every document; `kind` says which, `id` of what.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use klik::i18n::Texts;
use klik::matching::{self, MatchId};
use klik::programme::{self, ProgrammeId};
use klik::trajectory::report;
use klik::{Error, Store, agreement, clock, document, intake};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

/// Which document: of one match (`agreement`, `guide`, `pair_report`,
/// `checkin_form`) or of a programme (`agreements`, `schedule`, `guides`,
/// `programme_report` anonymous by Klik's rule, `programme_report_anonymous`,
/// `programme_report_named`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Agreement,
    Agreements,
    Schedule,
    Guide,
    Guides,
    PairReport,
    CheckinForm,
    ProgrammeReport,
    ProgrammeReportAnonymous,
    ProgrammeReportNamed,
    Certificates,
    /// Certificates also for pairs that never met (the officer's choice).
    CertificatesAll,
    /// The officer's "this week" list of a programme.
    Week,
}

impl Kind {
    /// The document and how many documents of its kind it holds.
    fn document(self, store: &Store, id: i64) -> klik::Result<(document::Document, usize)> {
        let now = clock::now();
        Ok(match self {
            Kind::Agreement => (agreement::document_for_match(store, MatchId(id), now)?, 1),
            Kind::Agreements => agreement::document_for_programme(store, ProgrammeId(id), now)?,
            Kind::Schedule => (intake::print::schedule(store, ProgrammeId(id), now)?, 1),
            Kind::Guide => (intake::print::guide(store, MatchId(id), now)?, 1),
            Kind::Guides => intake::print::guides(store, ProgrammeId(id), now)?,
            Kind::PairReport => (report::pair_report(store, MatchId(id), now)?, 1),
            Kind::CheckinForm => (report::checkin_form(store, MatchId(id), now)?, 1),
            Kind::ProgrammeReport => (
                report::programme_report(store, ProgrammeId(id), None, now)?.0,
                1,
            ),
            Kind::ProgrammeReportAnonymous => (
                report::programme_report(store, ProgrammeId(id), Some(true), now)?.0,
                1,
            ),
            Kind::ProgrammeReportNamed => (
                report::programme_report(store, ProgrammeId(id), Some(false), now)?.0,
                1,
            ),
            Kind::Certificates => {
                klik::trajectory::closing::certificates(store, ProgrammeId(id), now)?
            }
            Kind::CertificatesAll => klik::trajectory::closing::certificates_for(
                store,
                ProgrammeId(id),
                klik::trajectory::closing::Recipients::All,
                now,
            )?,
            Kind::Week => (klik::checklist::this_week(store, ProgrammeId(id), now)?, 1),
        })
    }

    /// "Mentoringovereenkomst Zoë Peeters.pdf", "Planning intakegesprekken Groeien.pdf".
    fn file_name(self, store: &Store, id: i64) -> klik::Result<String> {
        let (programme, subject) = match self {
            Kind::Agreement | Kind::Guide | Kind::PairReport | Kind::CheckinForm => {
                let found = matching::get(store, MatchId(id))?;
                (programme::get(store, found.programme)?, found.mentee_name)
            }
            Kind::Agreements
            | Kind::Schedule
            | Kind::Guides
            | Kind::ProgrammeReport
            | Kind::ProgrammeReportAnonymous
            | Kind::ProgrammeReportNamed
            | Kind::Certificates
            | Kind::CertificatesAll
            | Kind::Week => {
                let programme = programme::get(store, ProgrammeId(id))?;
                let name = programme.draft.name.clone();
                (programme, name)
            }
        };
        let texts = Texts::for_language(&programme.draft.document_language);
        let title = texts.get(self.title_key());
        Ok(safe_file_name(&format!("{title} {subject}"), "pdf"))
    }

    /// The name of the copy Klik prints into its own documents folder: the
    /// title and the match or programme by number, never a person's name
    /// (so that an erased person's name never lingers in a file name).
    fn cached_name(
        self,
        store: &Store,
        id: i64,
        now: chrono::NaiveDateTime,
    ) -> klik::Result<String> {
        let (programme, subject) = match self {
            Kind::Agreement | Kind::Guide | Kind::PairReport | Kind::CheckinForm => {
                let found = matching::get(store, MatchId(id))?;
                (found.programme, klik::privacy::Subject::Match(id))
            }
            _ => (ProgrammeId(id), klik::privacy::Subject::Programme(id)),
        };
        let texts = Texts::for_language(&programme::get(store, programme)?.draft.document_language);
        let title = texts.get(self.title_key());
        Ok(klik::privacy::cached_document_name(title, subject, now))
    }

    fn title_key(self) -> &'static str {
        match self {
            Kind::Agreement => "agreement.title",
            Kind::Agreements => "agreement.title_all",
            Kind::Schedule => "intake.schedule.title",
            Kind::Guide => "intake.guide.title",
            Kind::Guides => "intake.guide.title_all",
            Kind::PairReport => "report.pair.title",
            Kind::CheckinForm => "checkin.form.title",
            Kind::ProgrammeReport | Kind::ProgrammeReportAnonymous | Kind::ProgrammeReportNamed => {
                "report.programme.title"
            }
            Kind::Certificates | Kind::CertificatesAll => "certificate.title_all",
            Kind::Week => "week.file",
        }
    }
}

/// A name without characters that file systems refuse (Windows, macOS or
/// Linux): they become dashes.
pub(crate) fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The longest file name base, in bytes: file systems allow 255 bytes per
/// name, and a long programme name plus a long person's name could exceed it.
const NAME_BYTES: usize = 200;

/// A file name from `base` and an `extension` without its dot, cut (at a
/// character boundary) so that it fits every file system.
pub(crate) fn safe_file_name(base: &str, extension: &str) -> String {
    let mut name = safe_name(base);
    if name.len() > NAME_BYTES {
        let mut cut = NAME_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
        name = name.trim_end().to_string();
    }
    format!("{name}.{extension}")
}

#[derive(Debug, Clone, Serialize)]
pub struct PrintedDto {
    pub path: String,
    pub pages: usize,
    /// How many documents of its kind the file holds (agreements, guides).
    pub count: usize,
    pub warnings: Vec<String>,
    /// Whether the system's PDF viewer was started (only when asked to open).
    pub opened: bool,
}

fn write_pdf(
    document: &document::Document,
    texts: &Texts,
    path: &Path,
    count: usize,
) -> klik::Result<PrintedDto> {
    let pdf = document::render(document)?;
    klik::data_dir::write_file(path, &pdf.bytes)?;
    Ok(PrintedDto {
        path: path.display().to_string(),
        pages: pdf.pages,
        count,
        warnings: pdf.warnings(texts),
        opened: false,
    })
}

/// Prints to `path`, or into Klik's documents folder when no path is given.
async fn print(
    shared: State<'_, Arc<Shared>>,
    kind: Kind,
    id: i64,
    path: Option<PathBuf>,
) -> Reply<PrintedDto> {
    shared
        .run(move |session| {
            let texts = session.texts();
            let documents = session.data_dir.as_ref().map(|dir| dir.documents());
            session.with_active(|store| {
                let path = match path {
                    Some(path) => {
                        crate::session::chosen(&path)?;
                        path
                    }
                    None => {
                        // Klik's own documents folder is made when first needed.
                        let folder = documents.ok_or_else(crate::session::no_data_folder)?;
                        klik::data_dir::create_private_dirs(&folder)
                            .map_err(|source| Error::from_io(&folder, source))?;
                        folder.join(kind.cached_name(store, id, clock::now())?)
                    }
                };
                let (document, count) = kind.document(store, id)?;
                write_pdf(&document, &texts, &path, count)
            })
        })
        .await
}

/// A file name for the save dialog.
#[tauri::command]
pub async fn document_file_name(
    shared: State<'_, Arc<Shared>>,
    kind: Kind,
    id: i64,
) -> Reply<String> {
    shared
        .on_active(move |store, _| kind.file_name(store, id))
        .await
}

/// Prints a document to a PDF file the user chose.
#[tauri::command]
pub async fn print_document(
    shared: State<'_, Arc<Shared>>,
    kind: Kind,
    id: i64,
    path: PathBuf,
) -> Reply<PrintedDto> {
    print(shared, kind, id, Some(path)).await
}

/// Prints a document into Klik's documents folder and opens it in the
/// system's PDF viewer; when no viewer starts, the file is still there and
/// the reply says so.
#[tauri::command]
pub async fn open_document<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Arc<Shared>>,
    kind: Kind,
    id: i64,
) -> Reply<PrintedDto> {
    let mut printed = print(shared, kind, id, None).await?;
    printed.opened = app
        .opener()
        .open_path(printed.path.clone(), None::<&str>)
        .is_ok();
    Ok(printed)
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn a_file_name_fits_every_file_system() {
        assert_eq!(safe_file_name("Zoë: a/b", "pdf"), "Zoë- a-b.pdf");
        let long = "é".repeat(300);
        let name = safe_file_name(&long, "pdf");
        assert!(name.len() <= 255, "{}", name.len());
        assert!(name.ends_with("é.pdf"), "cut at a character boundary");
    }
}
