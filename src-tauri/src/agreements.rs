//! The agreement commands: the editor's data, saving, ready to sign,
//! signatures, and the programme's standard texts. Printing is in `printing.rs`.

use std::sync::Arc;

use serde::Serialize;
use tauri::State;

use klik::agreement::{self, Agreement, AgreementForm, GoalForm, Signatures};
use klik::i18n::Texts;
use klik::matching::{self, MatchId};
use klik::programme::{self, ProgrammeId};
use klik::{Error, Store, clock, date};

use crate::dto::CommandError;
use crate::session::Shared;

type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize)]
pub struct PartDto {
    pub key: String,
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormDto {
    pub start: String,
    pub end: String,
    pub goals: Vec<GoalForm>,
    pub expectations: Vec<PartDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonDto {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignedDto {
    pub mentee: Option<String>,
    pub mentor: Option<String>,
    pub coordinator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VersionDto {
    pub version: u32,
    pub status_label: String,
    pub updated_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementDto {
    pub match_id: i64,
    pub programme_id: i64,
    pub programme_name: String,
    pub version: u32,
    pub status: String,
    pub status_label: String,
    pub mentee: PersonDto,
    pub mentor: PersonDto,
    pub form: FormDto,
    pub signed: SignedDto,
    pub versions: Vec<VersionDto>,
    pub read_only: bool,
}

fn dto(store: &Store, texts: &Texts, a: &Agreement) -> klik::Result<AgreementDto> {
    let language = texts.language();
    let found = matching::get(store, a.match_id)?;
    let programme = programme::get(store, found.programme)?;
    let form = AgreementForm::from_terms(&a.terms, language);
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| date::short(d, language));
    Ok(AgreementDto {
        match_id: a.match_id.0,
        programme_id: programme.id.0,
        programme_name: programme.draft.name.clone(),
        version: a.version,
        status: a.status.as_str().to_string(),
        status_label: texts.get(a.status.label_key()).to_string(),
        mentee: PersonDto {
            name: found.mentee_name.clone(),
            email: found.mentee_email.clone(),
        },
        mentor: PersonDto {
            name: found.mentor_name.clone(),
            email: found.mentor_email.clone(),
        },
        form: FormDto {
            start: form.start,
            end: form.end,
            goals: form.goals,
            expectations: agreement::EXPECTATIONS
                .iter()
                .zip(form.expectations)
                .map(|(key, text)| PartDto {
                    key: key.to_string(),
                    label: texts.get(&format!("field.{key}")).to_string(),
                    text,
                })
                .collect(),
        },
        signed: SignedDto {
            mentee: day(a.signed.mentee),
            mentor: day(a.signed.mentor),
            coordinator: day(a.signed.coordinator),
        },
        versions: agreement::versions(store, a.match_id)?
            .iter()
            .map(|v| VersionDto {
                version: v.version,
                status_label: texts.get(v.status.label_key()).to_string(),
                updated_on: v.updated_at.date().to_string(),
            })
            .collect(),
        read_only: a.status == agreement::AgreementStatus::Signed,
    })
}

/// Runs agreement work on the active database and returns the editor's data.
async fn with_agreement(
    shared: State<'_, Arc<Shared>>,
    work: impl FnOnce(&mut Store) -> klik::Result<Agreement> + Send + 'static,
) -> Reply<AgreementDto> {
    shared
        .on_active(move |store, texts| {
            let agreement = work(store)?;
            dto(store, texts, &agreement)
        })
        .await
}

/// A match's agreement; a draft from the programme's defaults the first time.
#[tauri::command]
pub async fn get_agreement(shared: State<'_, Arc<Shared>>, match_id: i64) -> Reply<AgreementDto> {
    with_agreement(shared, move |store| {
        agreement::open(store, MatchId(match_id), clock::now())
    })
    .await
}

/// Saves the editor's form (a new version when the agreement was signed).
#[tauri::command]
pub async fn save_agreement(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    form: AgreementForm,
) -> Reply<AgreementDto> {
    with_agreement(shared, move |store| {
        let terms = form.validate().map_err(Error::Invalid)?;
        agreement::save(store, MatchId(match_id), &terms, clock::now())
    })
    .await
}

/// Marks the agreement ready to sign.
#[tauri::command]
pub async fn mark_agreement_ready(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
) -> Reply<AgreementDto> {
    with_agreement(shared, move |store| {
        agreement::mark_ready(store, MatchId(match_id), clock::now())
    })
    .await
}

/// Records the three signatures (dates as typed).
#[tauri::command]
pub async fn sign_agreement(
    shared: State<'_, Arc<Shared>>,
    match_id: i64,
    mentee: String,
    mentor: String,
    coordinator: String,
) -> Reply<AgreementDto> {
    with_agreement(shared, move |store| {
        let signed =
            Signatures::from_typed(&mentee, &mentor, &coordinator).map_err(Error::Invalid)?;
        agreement::sign(store, MatchId(match_id), &signed, clock::now())
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplatePartDto {
    pub key: String,
    pub label: String,
    pub text: String,
    /// Klik's own text, which "Use Klik's text" puts back.
    pub standard: String,
    pub own: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplateDto {
    pub programme_id: i64,
    pub programme_name: String,
    /// The programme's document language, in the interface language ("Dutch").
    pub language: String,
    pub parts: Vec<TemplatePartDto>,
}

fn template(store: &Store, texts: &Texts, id: ProgrammeId) -> klik::Result<TemplateDto> {
    let programme = programme::get(store, id)?;
    let parts = agreement::default_texts(store, &programme)?
        .into_iter()
        .map(|d| TemplatePartDto {
            key: d.field.to_string(),
            label: texts.get(&format!("field.{}", d.field)).to_string(),
            text: d.text,
            standard: d.standard,
            own: d.own,
        })
        .collect();
    Ok(TemplateDto {
        programme_id: id.0,
        language: texts
            .get(&format!(
                "language.code.{}",
                programme.draft.document_language
            ))
            .to_string(),
        programme_name: programme.draft.name,
        parts,
    })
}

/// The texts a programme's new agreements start with.
#[tauri::command]
pub async fn get_agreement_template(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
) -> Reply<TemplateDto> {
    shared
        .on_active(move |store, texts| template(store, texts, ProgrammeId(programme_id)))
        .await
}

/// Saves the texts new agreements start with, all parts together (in the
/// agreement's order); agreements already started keep their own texts.
#[tauri::command]
pub async fn save_agreement_template(
    shared: State<'_, Arc<Shared>>,
    programme_id: i64,
    texts: Vec<String>,
) -> Reply<TemplateDto> {
    shared
        .on_active(move |store, ui| {
            let id = ProgrammeId(programme_id);
            agreement::set_defaults(store, id, &agreement::parts_in_order(&texts)?)?;
            template(store, ui, id)
        })
        .await
}
