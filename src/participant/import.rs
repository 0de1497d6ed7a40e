//! Importing participants from the spreadsheets HR already has, and the
//! template and export with the same columns, so export → edit → import round-trips.
//!
//! [`preview`] reads the file, maps its columns (Dutch, English or French
//! headers, any order), checks every row against the form rules and the
//! database, and says per row what would happen. [`apply`] then writes all
//! rows in one transaction, or, when asked, only the valid ones. Nothing is
//! written while any check fails, unless the user chose "only the valid rows".

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;

use crate::error::{Error, FieldError, Result};
use crate::i18n::Texts;
use crate::participant::{self, Change, Enrolment, EnrolmentForm};
use crate::programme::{self, ProgrammeId};
use crate::store::Store;
use crate::tabular::{self, Table, TableProblem};

/// One column of the import format.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The form field it fills.
    pub field: &'static str,
    pub required: bool,
    /// Header names accepted (lower case); the first English, Dutch and French ones are written in templates.
    pub en: &'static str,
    pub nl: &'static str,
    pub fr: &'static str,
    pub aliases: &'static [&'static str],
}

/// The columns, in template order.
pub const COLUMNS: &[Column] = &[
    Column {
        field: "role",
        required: true,
        en: "role",
        nl: "rol",
        fr: "rôle",
        aliases: &["role", "type"],
    },
    Column {
        field: "first_name",
        required: true,
        en: "first name",
        nl: "voornaam",
        fr: "prénom",
        aliases: &["firstname", "first_name", "given name", "prenom"],
    },
    Column {
        field: "last_name",
        required: true,
        en: "last name",
        nl: "achternaam",
        fr: "nom",
        aliases: &[
            "lastname",
            "last_name",
            "surname",
            "familienaam",
            "naam",
            "nom de famille",
        ],
    },
    Column {
        field: "email",
        required: true,
        en: "email",
        nl: "e-mail",
        fr: "courriel",
        aliases: &[
            "e-mail",
            "e-mailadres",
            "mail",
            "email address",
            "e-mail address",
            "emailadres",
            "adresse e-mail",
        ],
    },
    Column {
        field: "phone",
        required: false,
        en: "phone",
        nl: "telefoon",
        fr: "téléphone",
        aliases: &[
            "telephone",
            "gsm",
            "telefoonnummer",
            "phone number",
            "mobile",
        ],
    },
    Column {
        field: "department",
        required: false,
        en: "department",
        nl: "afdeling",
        fr: "département",
        aliases: &["dienst", "service", "team"],
    },
    Column {
        field: "job_title",
        required: false,
        en: "job title",
        nl: "functie",
        fr: "fonction",
        aliases: &["title", "function", "rol in organisatie"],
    },
    Column {
        field: "manager_email",
        required: false,
        en: "manager email",
        nl: "leidinggevende e-mail",
        fr: "courriel du responsable",
        aliases: &[
            "manager e-mail",
            "manager",
            "leidinggevende",
            "e-mail leidinggevende",
            "responsable",
        ],
    },
    Column {
        field: "location",
        required: false,
        en: "location",
        nl: "locatie",
        fr: "site",
        aliases: &["vestiging", "plaats", "lieu", "office"],
    },
    Column {
        field: "languages",
        required: false,
        en: "languages",
        nl: "talen",
        fr: "langues",
        aliases: &["language", "taal"],
    },
    Column {
        field: "years_of_experience",
        required: false,
        en: "years of experience",
        nl: "jaren ervaring",
        fr: "années d'expérience",
        aliases: &["experience", "ervaring", "années d’expérience", "years"],
    },
    Column {
        field: "topics",
        required: false,
        en: "topics",
        nl: "onderwerpen",
        fr: "thèmes",
        aliases: &[
            "topic",
            "expertise",
            "themes",
            "thema's",
            "thema’s",
            "sujets",
        ],
    },
    Column {
        field: "capacity",
        required: false,
        en: "capacity",
        nl: "capaciteit",
        fr: "capacité",
        aliases: &["max mentees", "aantal mentees"],
    },
    Column {
        field: "learning_goal",
        required: false,
        en: "learning goal",
        nl: "leervraag",
        fr: "objectif d'apprentissage",
        aliases: &[
            "learning question",
            "leerdoel",
            "objectif",
            "objectif d’apprentissage",
        ],
    },
    Column {
        field: "availability",
        required: false,
        en: "availability",
        nl: "beschikbaarheid",
        fr: "disponibilités",
        aliases: &["available", "disponibilité"],
    },
    Column {
        field: "status",
        required: false,
        en: "status",
        nl: "status",
        fr: "statut",
        aliases: &[],
    },
    Column {
        field: "notes",
        required: false,
        en: "notes",
        nl: "notities",
        fr: "remarques",
        aliases: &["opmerkingen", "note", "notes internes"],
    },
    Column {
        field: "avoid",
        required: false,
        en: "avoid",
        nl: "niet koppelen met",
        fr: "à éviter",
        aliases: &[
            "avoid list",
            "vermijden",
            "liever niet",
            "éviter",
            "ne pas associer avec",
        ],
    },
    Column {
        field: "preferred_mentors",
        required: false,
        en: "preferred mentors",
        nl: "voorkeur mentor",
        fr: "mentors souhaités",
        aliases: &[
            "preferred mentor",
            "voorkeursmentor",
            "voorkeur mentoren",
            "gewenste mentor",
            "mentor souhaité",
        ],
    },
];

impl Column {
    /// The header written in templates and exports for a language.
    pub fn header(&self, language: &str) -> &'static str {
        match language {
            "nl" => self.nl,
            "fr" => self.fr,
            _ => self.en,
        }
    }

    fn matches(&self, header: &str) -> bool {
        let header = normalise(header);
        [self.en, self.nl, self.fr]
            .iter()
            .chain(self.aliases)
            .any(|name| normalise(name) == header)
    }
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '’'], " ")
        .replace("  ", " ")
}

/// How the file's columns were understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    /// (header as written in the file, the field it fills), in file order.
    pub mapped: Vec<(String, &'static str)>,
    /// Headers Klik does not know; their values are ignored.
    pub unknown: Vec<String>,
}

/// What the import would do with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlan {
    /// The row number in the spreadsheet program.
    pub row: usize,
    /// The row as Klik understood it (the form values), for the preview table.
    pub form: EnrolmentForm,
    /// The valid enrolment, when the row has no problems.
    pub enrolment: Option<Enrolment>,
    /// Problems, each with the form field it concerns.
    pub problems: Vec<FieldError>,
    /// Added, updated or unchanged, for valid rows.
    pub change: Option<Change>,
    /// For updates: the fields that change.
    pub changed_fields: Vec<&'static str>,
}

/// The whole preview: columns, rows and totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub format: &'static str,
    pub sheet: Option<String>,
    pub columns: ColumnMapping,
    pub rows: Vec<RowPlan>,
}

/// Totals of a preview or an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows with problems (skipped when importing only the valid rows).
    pub skipped: usize,
}

impl Preview {
    /// The totals.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for row in &self.rows {
            match row.change {
                Some(Change::Added) => summary.added += 1,
                Some(Change::Updated) => summary.updated += 1,
                Some(Change::Unchanged) => summary.unchanged += 1,
                None => summary.skipped += 1,
            }
        }
        summary
    }

    /// True when every row can be imported.
    pub fn is_clean(&self) -> bool {
        self.rows.iter().all(|r| r.problems.is_empty())
    }

    /// The header as written in the file for a form field (or the field's English column name).
    pub fn header_of(&self, field: &str) -> String {
        self.columns
            .mapped
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(h, _)| h.clone())
            .or_else(|| {
                COLUMNS
                    .iter()
                    .find(|c| c.field == field)
                    .map(|c| c.en.to_string())
            })
            .unwrap_or_else(|| field.to_string())
    }

    /// Every problem as `row N, column C: message`, in row order.
    pub fn problem_lines(&self, texts: &Texts) -> Vec<String> {
        let mut lines = Vec::new();
        for row in &self.rows {
            for problem in &row.problems {
                lines.push(texts.format(
                    "import.problem_line",
                    &[
                        ("row", &row.row.to_string()),
                        ("column", &self.header_of(&problem.field)),
                        ("message", &problem.message(texts)),
                    ],
                ));
            }
        }
        lines
    }
}

fn file_problem(problem: TableProblem) -> Error {
    let error = FieldError::new("file", problem.key());
    let error = match problem {
        TableProblem::TooLarge { bytes } => error
            .with("size", format!("{:.0}", bytes as f64 / 1_048_576.0))
            .with("max", (tabular::MAX_BYTES / 1_048_576).to_string()),
        TableProblem::SheetNotFound { name, available } => error
            .with("name", name)
            .with("available", available.join(", ")),
        TableProblem::Unreadable { detail } => error.with("detail", detail),
        _ => error,
    };
    Error::Invalid(vec![error])
}

/// Reads a file and plans the import into `programme` without writing anything.
pub fn preview(
    store: &Store,
    programme: ProgrammeId,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Preview> {
    programme::get(store, programme)?;
    let table = tabular::read(bytes, sheet).map_err(file_problem)?;
    plan(store, programme, table)
}

fn plan(store: &Store, programme: ProgrammeId, table: Table) -> Result<Preview> {
    let mut rows = table.rows.into_iter();
    let header = rows
        .next()
        .ok_or_else(|| file_problem(TableProblem::Empty))?;

    // Map the header row.
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    let mut columns = ColumnMapping {
        mapped: Vec::new(),
        unknown: Vec::new(),
    };
    for (index, name) in header.cells.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        match COLUMNS.iter().find(|c| c.matches(name)) {
            Some(column) if !positions.contains_key(column.field) => {
                positions.insert(column.field, index);
                columns.mapped.push((name.clone(), column.field));
            }
            _ => columns.unknown.push(name.clone()),
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| c.required && !positions.contains_key(c.field))
        .map(|c| c.field)
        .collect();
    if !missing.is_empty() {
        return Err(Error::Invalid(vec![
            FieldError::new("file", "error.file.missing_columns")
                .with("columns", missing.join(", ")),
        ]));
    }
    let data: Vec<_> = rows.collect();
    if data.is_empty() {
        return Err(Error::Invalid(vec![FieldError::new(
            "file",
            "error.file.only_headers",
        )]));
    }

    // Check every row on its own.
    let cell = |cells: &[String], field: &str| {
        positions
            .get(field)
            .and_then(|i| cells.get(*i))
            .cloned()
            .unwrap_or_default()
    };
    let mut plans: Vec<RowPlan> = data
        .iter()
        .map(|row| {
            let form = EnrolmentForm {
                role: cell(&row.cells, "role"),
                first_name: cell(&row.cells, "first_name"),
                last_name: cell(&row.cells, "last_name"),
                email: cell(&row.cells, "email"),
                phone: cell(&row.cells, "phone"),
                department: cell(&row.cells, "department"),
                job_title: cell(&row.cells, "job_title"),
                manager_email: cell(&row.cells, "manager_email"),
                location: cell(&row.cells, "location"),
                languages: cell(&row.cells, "languages"),
                years_of_experience: cell(&row.cells, "years_of_experience"),
                topics: cell(&row.cells, "topics"),
                capacity: cell(&row.cells, "capacity"),
                learning_goal: cell(&row.cells, "learning_goal"),
                availability: cell(&row.cells, "availability"),
                status: cell(&row.cells, "status"),
                notes: cell(&row.cells, "notes"),
                avoid: cell(&row.cells, "avoid"),
                preferred_mentors: cell(&row.cells, "preferred_mentors"),
            };
            let (enrolment, problems) = match form.validate() {
                Ok(enrolment) => (Some(enrolment), Vec::new()),
                Err(problems) => (None, problems),
            };
            RowPlan {
                row: row.number,
                form,
                enrolment,
                problems,
                change: None,
                changed_fields: Vec::new(),
            }
        })
        .collect();

    // Duplicate e-mail addresses within the file.
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for plan in &mut plans {
        let email = plan.form.email.trim().to_lowercase();
        if email.is_empty() {
            continue;
        }
        match first_row.get(&email) {
            Some(first) => {
                plan.problems.push(
                    FieldError::new("email", "error.import.duplicate_email")
                        .with("row", first.to_string()),
                );
                plan.enrolment = None;
            }
            None => {
                first_row.insert(email, plan.row);
            }
        }
    }

    // People the database already knows, with their managers, for the reporting-line checks.
    let known: HashMap<String, Option<String>> = {
        let conn = store.conn();
        let mut statement = conn
            .prepare("SELECT lower(p.email), lower(m.email) FROM person p LEFT JOIN person m ON m.id = p.manager_id")
            .map_err(|e| store.read_error(e))?;
        let rows = statement
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<HashMap<_, _>>>());
        rows.map_err(|e| store.read_error(e))?
    };

    // Managers must be someone: in a valid row of this file, or already known.
    let valid: HashSet<String> = plans
        .iter()
        .filter_map(|p| p.enrolment.as_ref().map(|e| e.email.to_lowercase()))
        .collect();
    for plan in &mut plans {
        let Some(manager) = plan
            .enrolment
            .as_ref()
            .and_then(|e| e.manager_email.clone())
        else {
            continue;
        };
        let manager = manager.to_lowercase();
        if !valid.contains(&manager) && !known.contains_key(&manager) {
            plan.problems.push(
                FieldError::new("manager_email", "error.participant.manager_unknown")
                    .with("value", plan.form.manager_email.trim()),
            );
            plan.enrolment = None;
        }
    }

    // The reporting lines after the import must not loop (A manages B manages A).
    let mut manager_of: BTreeMap<String, Option<String>> = known.into_iter().collect();
    for plan in &plans {
        if let Some(e) = &plan.enrolment {
            manager_of.insert(
                e.email.to_lowercase(),
                e.manager_email.as_ref().map(|m| m.to_lowercase()),
            );
        }
    }
    for plan in &mut plans {
        let Some(start) = plan.enrolment.as_ref().map(|e| e.email.to_lowercase()) else {
            continue;
        };
        let mut seen = HashSet::new();
        let mut current = manager_of.get(&start).cloned().flatten();
        while let Some(person) = current {
            if person == start {
                plan.problems.push(
                    FieldError::new("manager_email", "error.participant.manager_cycle")
                        .with("value", plan.form.email.trim()),
                );
                plan.enrolment = None;
                break;
            }
            if !seen.insert(person.clone()) {
                break;
            }
            current = manager_of.get(&person).cloned().flatten();
        }
    }

    // What would change for the valid rows.
    let existing: HashMap<String, Enrolment> = participant::all(store, programme)?
        .into_iter()
        .map(|p| (p.enrolment.email.to_lowercase(), p.enrolment))
        .collect();
    for plan in &mut plans {
        let Some(enrolment) = &plan.enrolment else {
            continue;
        };
        match existing.get(&enrolment.email.to_lowercase()) {
            None => plan.change = Some(Change::Added),
            Some(before) => {
                plan.changed_fields = before.changed_fields(enrolment);
                plan.change = Some(if plan.changed_fields.is_empty() {
                    Change::Unchanged
                } else {
                    Change::Updated
                });
            }
        }
    }

    Ok(Preview {
        format: table.format,
        sheet: table.sheet,
        columns,
        rows: plans,
    })
}

/// Writes a previewed import in one transaction. Without `only_valid`, any row
/// with a problem stops the whole import and nothing is written.
pub fn apply(
    store: &mut Store,
    programme: ProgrammeId,
    preview: &Preview,
    only_valid: bool,
    now: NaiveDateTime,
) -> Result<Summary> {
    if !only_valid && !preview.is_clean() {
        let rows = preview
            .rows
            .iter()
            .filter(|r| !r.problems.is_empty())
            .count();
        return Err(Error::Invalid(vec![
            FieldError::new("file", "error.import.has_problems").with("count", rows.to_string()),
        ]));
    }
    let summary = preview.summary();
    store.write(|tx| {
        let valid: Vec<&Enrolment> = preview
            .rows
            .iter()
            .filter_map(|r| r.enrolment.as_ref())
            .collect();
        for enrolment in &valid {
            participant::save(tx, programme, enrolment, now)?;
        }
        // Managers last, so a manager further down the file is already there.
        for enrolment in &valid {
            if enrolment.manager_email.is_some() {
                participant::link_manager(
                    tx,
                    &enrolment.email,
                    enrolment.manager_email.as_deref(),
                )?;
            }
        }
        for enrolment in &valid {
            if enrolment.manager_email.is_some() {
                participant::check_no_manager_cycle(tx, &enrolment.email)?;
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// The rows of an export (or, with no participants, the template): the header in
/// `language`, then one row per participant with the values as the form shows them.
pub fn export_rows(
    store: &Store,
    programme: ProgrammeId,
    language: &str,
) -> Result<Vec<Vec<String>>> {
    let mut rows = vec![
        COLUMNS
            .iter()
            .map(|c| c.header(language).to_string())
            .collect(),
    ];
    for participant in participant::all(store, programme)? {
        let form = EnrolmentForm::from_enrolment(&participant.enrolment, language);
        rows.push(COLUMNS.iter().map(|c| form_value(&form, c.field)).collect());
    }
    Ok(rows)
}

/// The template: the header and two example rows, in `language`.
pub fn template_rows(language: &str) -> Vec<Vec<String>> {
    let texts = Texts::for_language(language);
    let mut rows: Vec<Vec<String>> = vec![
        COLUMNS
            .iter()
            .map(|c| c.header(language).to_string())
            .collect(),
    ];
    for example in ["import.example_mentor", "import.example_mentee"] {
        let values: Vec<String> = texts
            .get(example)
            .split('|')
            .map(|v| v.trim().to_string())
            .collect();
        rows.push(
            COLUMNS
                .iter()
                .enumerate()
                .map(|(i, _)| values.get(i).cloned().unwrap_or_default())
                .collect(),
        );
    }
    rows
}

fn form_value(form: &EnrolmentForm, field: &str) -> String {
    let value: &String = match field {
        "role" => &form.role,
        "first_name" => &form.first_name,
        "last_name" => &form.last_name,
        "email" => &form.email,
        "phone" => &form.phone,
        "department" => &form.department,
        "job_title" => &form.job_title,
        "manager_email" => &form.manager_email,
        "location" => &form.location,
        "languages" => &form.languages,
        "years_of_experience" => &form.years_of_experience,
        "topics" => &form.topics,
        "capacity" => &form.capacity,
        "learning_goal" => &form.learning_goal,
        "availability" => &form.availability,
        "status" => &form.status,
        "notes" => &form.notes,
        "avoid" => &form.avoid,
        "preferred_mentors" => &form.preferred_mentors,
        _ => return String::new(),
    };
    value.clone()
}
