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
    /// Values of the file that were not taken, each with why (letters lost in
    /// a legacy encoding): the row still imports, with what Klik knew kept.
    pub warnings: Vec<FieldError>,
    /// The other programmes this person takes part in, by name, when the row
    /// changes their details (which are theirs, shared by every programme).
    pub also_changes: Vec<String>,
}

/// The whole preview: columns, rows and totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub format: &'static str,
    pub sheet: Option<String>,
    pub columns: ColumnMapping,
    pub rows: Vec<RowPlan>,
}

/// How an import treats the cells a file leaves empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// An empty cell in a column the file has clears the field; by default
    /// it keeps what Klik knows. A column the file lacks never changes anything.
    pub clear_empty: bool,
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
        self.lines(texts, |row| &row.problems)
    }

    /// Every warning (a value kept instead of the file's) as `row N, column C: message`.
    pub fn warning_lines(&self, texts: &Texts) -> Vec<String> {
        self.lines(texts, |row| &row.warnings)
    }

    /// "Also changes Hanne Janssens in Mentoring 2026", one line per row that
    /// changes the details of someone who takes part in other programmes.
    pub fn shared_lines(&self, texts: &Texts) -> Vec<String> {
        self.rows
            .iter()
            .filter(|row| !row.also_changes.is_empty())
            .map(|row| {
                let name = row
                    .enrolment
                    .as_ref()
                    .map(Enrolment::full_name)
                    .unwrap_or_default();
                texts.format(
                    "import.also_changes",
                    &[
                        ("row", &row.row.to_string()),
                        ("name", &name),
                        ("programmes", &row.also_changes.join(", ")),
                    ],
                )
            })
            .collect()
    }

    fn lines(&self, texts: &Texts, of: impl Fn(&RowPlan) -> &Vec<FieldError>) -> Vec<String> {
        let mut lines = Vec::new();
        for row in &self.rows {
            for problem in of(row) {
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
        TableProblem::TooBig { rows, columns } => error
            .with("rows", rows.to_string())
            .with("columns", columns.to_string())
            .with("max_rows", tabular::MAX_ROWS.to_string())
            .with("max_columns", tabular::MAX_COLUMNS.to_string())
            .with("max_cells", tabular::MAX_CELLS.to_string()),
        TableProblem::SheetNotFound { name, available } => error
            .with("name", name)
            .with("available", available.join(", ")),
        TableProblem::Unreadable { detail } => error.with("detail", detail),
        _ => error,
    };
    Error::Invalid(vec![error])
}

/// The sheets of a workbook the officer chose, for the import's sheet list
/// (empty for CSV); a file that cannot be read says why, as a preview would.
pub fn sheets(bytes: &[u8]) -> Result<Vec<String>> {
    tabular::sheets(bytes).map_err(file_problem)
}

/// Reads a file and plans the import into `programme` without writing
/// anything; empty cells keep what Klik knows.
pub fn preview(
    store: &Store,
    programme: ProgrammeId,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Preview> {
    preview_with(store, programme, bytes, sheet, Options::default())
}

/// [`preview`] with the officer's choice of what empty cells mean.
pub fn preview_with(
    store: &Store,
    programme: ProgrammeId,
    bytes: &[u8],
    sheet: Option<&str>,
    options: Options,
) -> Result<Preview> {
    programme::get(store, programme)?;
    let table = tabular::read(bytes, sheet).map_err(file_problem)?;
    plan(store, programme, table, options)
}

/// How many rows at the top of a file may come before the header (a title,
/// a date, an empty line).
const HEADER_SEARCH_ROWS: usize = 10;

/// Maps a row's cells to the columns it names.
fn map_header(cells: &[String]) -> (HashMap<&'static str, usize>, ColumnMapping) {
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    let mut columns = ColumnMapping {
        mapped: Vec::new(),
        unknown: Vec::new(),
    };
    for (index, name) in cells.iter().enumerate() {
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
    (positions, columns)
}

/// The details that belong to a person, shared by every programme they take
/// part in, as stored: what an import compares to say "also changes".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct PersonDetails {
    first_name: String,
    last_name: String,
    phone: String,
    department: String,
    job_title: String,
    manager_email: Option<String>,
    location: String,
    languages: Vec<String>,
    years_of_experience: Option<u8>,
}

impl PersonDetails {
    fn of(e: &Enrolment) -> PersonDetails {
        PersonDetails {
            first_name: e.first_name.clone(),
            last_name: e.last_name.clone(),
            phone: e.phone.clone(),
            department: e.department.clone(),
            job_title: e.job_title.clone(),
            manager_email: e.manager_email.as_deref().map(str::to_lowercase),
            location: e.location.clone(),
            languages: e.languages.clone(),
            years_of_experience: e.years_of_experience,
        }
    }

    /// The person's fields of a form, as the form writes them.
    fn fill(&self, form: &mut EnrolmentForm) {
        form.first_name = self.first_name.clone();
        form.last_name = self.last_name.clone();
        form.phone = self.phone.clone();
        form.department = self.department.clone();
        form.job_title = self.job_title.clone();
        form.manager_email = self.manager_email.clone().unwrap_or_default();
        form.location = self.location.clone();
        form.languages = self.languages.join(", ");
        form.years_of_experience = self
            .years_of_experience
            .map(|y| y.to_string())
            .unwrap_or_default();
    }

    fn changed_fields(&self, other: &PersonDetails) -> Vec<&'static str> {
        let mut changed = Vec::new();
        for (field, differs) in [
            ("first_name", self.first_name != other.first_name),
            ("last_name", self.last_name != other.last_name),
            ("phone", self.phone != other.phone),
            ("department", self.department != other.department),
            ("job_title", self.job_title != other.job_title),
            ("manager_email", self.manager_email != other.manager_email),
            ("location", self.location != other.location),
            ("languages", self.languages != other.languages),
            (
                "years_of_experience",
                self.years_of_experience != other.years_of_experience,
            ),
        ] {
            if differs {
                changed.push(field);
            }
        }
        changed
    }
}

/// True when `file` is `stored` with letters lost to `?` on the way: a file
/// saved in a legacy encoding (Windows-1252, ASCII) that could not hold them.
fn letters_lost(file: &str, stored: &str) -> bool {
    if file == stored || !file.contains('?') {
        return false;
    }
    let file: Vec<char> = file.chars().collect();
    let stored: Vec<char> = stored.chars().collect();
    file.len() == stored.len()
        && file
            .iter()
            .zip(&stored)
            .all(|(f, s)| f == s || (*f == '?' && !s.is_ascii()))
}

/// What Klik knows of the people a file names: their details and the other
/// programmes they take part in.
struct Known {
    details: HashMap<String, PersonDetails>,
    programmes: HashMap<String, Vec<String>>,
}

fn known_people(store: &Store, programme: ProgrammeId) -> Result<Known> {
    let conn = store.conn();
    let read = || -> rusqlite::Result<Known> {
        let mut statement = conn.prepare(
            "SELECT lower(p.email), p.first_name, p.last_name, p.phone, p.department, p.job_title,
                    lower(m.email), p.location, p.languages, p.years_experience
             FROM person p LEFT JOIN person m ON m.id = p.manager_id",
        )?;
        let details = statement
            .query_map([], |r| {
                let languages: String = r.get(8)?;
                Ok((
                    r.get::<_, String>(0)?,
                    PersonDetails {
                        first_name: r.get(1)?,
                        last_name: r.get(2)?,
                        phone: r.get(3)?,
                        department: r.get(4)?,
                        job_title: r.get(5)?,
                        manager_email: r.get(6)?,
                        location: r.get(7)?,
                        languages: participant::split_list(&languages),
                        years_of_experience: r.get(9)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        let mut statement = conn.prepare(
            "SELECT lower(pe.email), pr.name FROM participant pa
             JOIN person pe ON pe.id = pa.person_id
             JOIN programme pr ON pr.id = pa.programme_id
             WHERE pa.programme_id <> ?1
             ORDER BY pr.start_date, pr.id",
        )?;
        let mut programmes: HashMap<String, Vec<String>> = HashMap::new();
        for row in statement.query_map([programme.0], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (email, name) = row?;
            programmes.entry(email).or_default().push(name);
        }
        Ok(Known {
            details,
            programmes,
        })
    };
    read().map_err(|e| store.read_error(e))
}

fn plan(store: &Store, programme: ProgrammeId, table: Table, options: Options) -> Result<Preview> {
    if table.rows.is_empty() {
        return Err(file_problem(TableProblem::Empty));
    }
    // The header is the first row that names every required column; a title
    // or a date above it is passed over. Without one, the row that names the
    // most of them says which are missing.
    let required = || COLUMNS.iter().filter(|c| c.required);
    let candidates: Vec<(usize, HashMap<&'static str, usize>, ColumnMapping)> = table
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(index, row)| {
            let (positions, columns) = map_header(&row.cells);
            (index, positions, columns)
        })
        .collect();
    let found = |positions: &HashMap<&'static str, usize>| {
        required()
            .filter(|c| positions.contains_key(c.field))
            .count()
    };
    let best = candidates
        .iter()
        .max_by_key(|(index, positions, _)| (found(positions), std::cmp::Reverse(*index)))
        .map(|(index, _, _)| *index)
        .unwrap_or(0);
    let (header_index, positions, columns) = candidates
        .into_iter()
        .nth(best)
        .expect("the best candidate is one of them");
    let missing: Vec<&Column> = required()
        .filter(|c| !positions.contains_key(c.field))
        .collect();
    if !missing.is_empty() {
        let names = |language: &str| {
            missing
                .iter()
                .map(|c| format!("“{}”", c.header(language)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(Error::Invalid(vec![
            FieldError::new("file", "error.file.missing_columns").with_languages(
                "columns",
                [
                    ("en", names("en")),
                    ("nl", names("nl")),
                    ("fr", names("fr")),
                ],
            ),
        ]));
    }
    let data: Vec<_> = table.rows.into_iter().skip(header_index + 1).collect();
    if data.is_empty() {
        return Err(Error::Invalid(vec![FieldError::new(
            "file",
            "error.file.only_headers",
        )]));
    }

    // What Klik knows already: this programme's participants, and every
    // person with their details and other programmes.
    let existing: HashMap<String, Enrolment> = participant::all(store, programme)?
        .into_iter()
        .map(|p| (p.enrolment.email.to_lowercase(), p.enrolment))
        .collect();
    let known = known_people(store, programme)?;

    // Each row is what Klik knows with the file's values laid over it: a
    // column the file lacks changes nothing, an empty cell keeps the known
    // value (unless the officer chose otherwise), and a name whose letters a
    // legacy encoding turned into `?` never replaces the stored name.
    let cell = |cells: &[String], field: &str| -> Option<String> {
        positions
            .get(field)
            .map(|i| cells.get(*i).cloned().unwrap_or_default())
    };
    let mut plans: Vec<RowPlan> = data
        .iter()
        .map(|row| {
            let email = cell(&row.cells, "email").unwrap_or_default();
            let key = email.trim().to_lowercase();
            let mut base = match existing.get(&key) {
                Some(enrolment) => EnrolmentForm::from_enrolment(enrolment, "en"),
                None => {
                    let mut form = EnrolmentForm::default();
                    if let Some(details) = known.details.get(&key) {
                        details.fill(&mut form);
                    }
                    form
                }
            };
            base.email = email;
            let mut form = base.clone();
            let mut warnings = Vec::new();
            for column in COLUMNS {
                let Some(value) = cell(&row.cells, column.field) else {
                    continue;
                };
                let known_value = form_value(&base, column.field);
                if value.trim().is_empty() && !options.clear_empty {
                    continue;
                }
                if PERSON_TEXT_FIELDS.contains(&column.field)
                    && letters_lost(value.trim(), known_value.trim())
                {
                    warnings.push(
                        FieldError::new(column.field, "import.warning.letters_lost")
                            .with("value", value.trim())
                            .with("kept", known_value.trim()),
                    );
                    continue;
                }
                *form_value_mut(&mut form, column.field) = value;
            }
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
                warnings,
                also_changes: Vec::new(),
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
    let managers: HashMap<String, Option<String>> = known
        .details
        .iter()
        .map(|(email, details)| (email.clone(), details.manager_email.clone()))
        .collect();

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
        if !valid.contains(&manager) && !managers.contains_key(&manager) {
            plan.problems.push(
                FieldError::new("manager_email", "error.participant.manager_unknown")
                    .with("value", plan.form.manager_email.trim()),
            );
            plan.enrolment = None;
        }
    }

    // The reporting lines after the import must not loop (A manages B manages A).
    let mut manager_of: BTreeMap<String, Option<String>> = managers.into_iter().collect();
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

    // What would change for the valid rows. A person known from another
    // programme whose details change is "updated", never silently "added":
    // those details are theirs in every programme, so the row says where.
    for plan in &mut plans {
        let Some(enrolment) = &plan.enrolment else {
            continue;
        };
        let key = enrolment.email.to_lowercase();
        let person_changes = known
            .details
            .get(&key)
            .map(|before| before.changed_fields(&PersonDetails::of(enrolment)))
            .unwrap_or_default();
        if !person_changes.is_empty() {
            plan.also_changes = known.programmes.get(&key).cloned().unwrap_or_default();
        }
        match existing.get(&key) {
            None if person_changes.is_empty() => plan.change = Some(Change::Added),
            None => {
                plan.changed_fields = person_changes;
                plan.change = Some(Change::Updated);
            }
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

/// The message of a refused import for `rows` rows with problems (one row
/// reads in the singular).
pub fn has_problems_key(rows: usize) -> &'static str {
    if rows == 1 {
        "error.import.has_problems_one"
    } else {
        "error.import.has_problems"
    }
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
            FieldError::new("file", has_problems_key(rows)).with("count", rows.to_string()),
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
        // Every row carries its manager (the known one when the file says
        // nothing), so this also clears one the officer chose to clear.
        for enrolment in &valid {
            participant::link_manager(tx, &enrolment.email, enrolment.manager_email.as_deref())?;
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

/// The person's own text fields, which a name with lost letters must not overwrite.
const PERSON_TEXT_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "department",
    "job_title",
    "location",
];

fn form_value_mut<'a>(form: &'a mut EnrolmentForm, field: &str) -> &'a mut String {
    match field {
        "role" => &mut form.role,
        "first_name" => &mut form.first_name,
        "last_name" => &mut form.last_name,
        "email" => &mut form.email,
        "phone" => &mut form.phone,
        "department" => &mut form.department,
        "job_title" => &mut form.job_title,
        "manager_email" => &mut form.manager_email,
        "location" => &mut form.location,
        "languages" => &mut form.languages,
        "years_of_experience" => &mut form.years_of_experience,
        "topics" => &mut form.topics,
        "capacity" => &mut form.capacity,
        "learning_goal" => &mut form.learning_goal,
        "availability" => &mut form.availability,
        "status" => &mut form.status,
        "notes" => &mut form.notes,
        "avoid" => &mut form.avoid,
        "preferred_mentors" => &mut form.preferred_mentors,
        _ => unreachable!("every column is a form field"),
    }
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
