//! A programme's scoring criteria and the weight the officer gives each.

use rusqlite::{OptionalExtension, params};

use crate::error::{Error, FieldError, Result};
use crate::programme::ProgrammeId;
use crate::store::Store;

/// What makes a mentor a good fit for a mentee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    /// The mentee's learning wishes covered by the mentor's expertise.
    Topics,
    /// A language both speak.
    Language,
    /// Working at the same location.
    Location,
    /// The mentor has at least N more years of experience.
    Seniority,
    /// At least N minutes a week when both are available.
    Availability,
    /// Mentor and mentee work in different departments.
    Department,
    /// The mentor is one the mentee asked for.
    Preference,
}

impl Criterion {
    pub const ALL: [Criterion; 7] = [
        Criterion::Topics,
        Criterion::Language,
        Criterion::Location,
        Criterion::Seniority,
        Criterion::Availability,
        Criterion::Department,
        Criterion::Preference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Topics => "topics",
            Criterion::Language => "language",
            Criterion::Location => "location",
            Criterion::Seniority => "seniority",
            Criterion::Availability => "availability",
            Criterion::Department => "department",
            Criterion::Preference => "preference",
        }
    }

    pub fn parse(text: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The catalogue key of the criterion's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Criterion::Topics => "matching.criterion.topics",
            Criterion::Language => "matching.criterion.language",
            Criterion::Location => "matching.criterion.location",
            Criterion::Seniority => "matching.criterion.seniority",
            Criterion::Availability => "matching.criterion.availability",
            Criterion::Department => "matching.criterion.department",
            Criterion::Preference => "matching.criterion.preference",
        }
    }

    /// The catalogue key of a one-sentence explanation for the officer.
    pub fn help_key(self) -> &'static str {
        match self {
            Criterion::Topics => "matching.help.topics",
            Criterion::Language => "matching.help.language",
            Criterion::Location => "matching.help.location",
            Criterion::Seniority => "matching.help.seniority",
            Criterion::Availability => "matching.help.availability",
            Criterion::Department => "matching.help.department",
            Criterion::Preference => "matching.help.preference",
        }
    }

    /// The number a criterion needs, with its label key and allowed range.
    pub fn parameter(self) -> Option<(&'static str, u16, u16, u16)> {
        match self {
            Criterion::Seniority => Some(("matching.parameter.seniority", 3, 0, 40)),
            Criterion::Availability => Some(("matching.parameter.availability", 60, 15, 600)),
            _ => None,
        }
    }

    fn default_weight(self) -> Weight {
        match self {
            Criterion::Topics => Weight::High,
            Criterion::Language => Weight::Must,
            Criterion::Location => Weight::Low,
            Criterion::Seniority => Weight::Medium,
            Criterion::Availability => Weight::Medium,
            Criterion::Department => Weight::Low,
            Criterion::Preference => Weight::Medium,
        }
    }
}

/// How much a criterion counts; `Must` also makes it a hard rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Off,
    Low,
    Medium,
    High,
    Must,
}

impl Weight {
    pub const ALL: [Weight; 5] = [
        Weight::Off,
        Weight::Low,
        Weight::Medium,
        Weight::High,
        Weight::Must,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Weight::Off => "off",
            Weight::Low => "low",
            Weight::Medium => "medium",
            Weight::High => "high",
            Weight::Must => "must",
        }
    }

    pub fn parse(text: &str) -> Option<Weight> {
        Weight::ALL.into_iter().find(|w| w.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Weight::Off => "matching.weight.off",
            Weight::Low => "matching.weight.low",
            Weight::Medium => "matching.weight.medium",
            Weight::High => "matching.weight.high",
            Weight::Must => "matching.weight.must",
        }
    }

    /// The criterion's share in the score: a rule counts like "high" as well.
    pub fn points(self) -> u32 {
        match self {
            Weight::Off => 0,
            Weight::Low => 1,
            Weight::Medium => 2,
            Weight::High | Weight::Must => 3,
        }
    }
}

/// One criterion's weight and, for seniority and availability, its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub criterion: Criterion,
    pub weight: Weight,
    pub parameter: Option<u16>,
}

/// Every criterion's setting for a programme, in [`Criterion::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criteria {
    settings: Vec<Setting>,
}

impl Default for Criteria {
    fn default() -> Criteria {
        Criteria {
            settings: Criterion::ALL
                .into_iter()
                .map(|criterion| Setting {
                    criterion,
                    weight: criterion.default_weight(),
                    parameter: criterion.parameter().map(|(_, default, _, _)| default),
                })
                .collect(),
        }
    }
}

impl Criteria {
    pub fn settings(&self) -> &[Setting] {
        &self.settings
    }

    pub fn get(&self, criterion: Criterion) -> Setting {
        self.settings[criterion as usize]
    }

    pub fn weight(&self, criterion: Criterion) -> Weight {
        self.get(criterion).weight
    }

    /// The number of a criterion with one (its default if unset).
    pub fn parameter(&self, criterion: Criterion) -> u16 {
        let setting = self.get(criterion);
        setting
            .parameter
            .or(criterion.parameter().map(|(_, d, _, _)| d))
            .unwrap_or(0)
    }

    /// Sets one criterion (weight and number), checked like the form.
    pub fn set(&mut self, criterion: Criterion, weight: Weight, parameter: Option<u16>) {
        let parameter = criterion
            .parameter()
            .map(|(_, default, _, _)| parameter.unwrap_or(default));
        self.settings[criterion as usize] = Setting {
            criterion,
            weight,
            parameter,
        };
    }

    /// Reads the settings typed in a form or on the command line, the later
    /// of two for one criterion winning; every problem is reported.
    pub fn from_form(entries: &[CriterionForm]) -> Result<Criteria> {
        let mut criteria = Criteria::default();
        let mut problems = Vec::new();
        for CriterionForm {
            key,
            weight,
            parameter,
        } in entries
        {
            let field = format!("criteria.{key}");
            let Some(criterion) = Criterion::parse(key.trim()) else {
                problems.push(
                    FieldError::new(field, "error.matching.criterion").with("value", key.trim()),
                );
                continue;
            };
            let Some(weight) = Weight::parse(weight.trim()) else {
                problems.push(
                    FieldError::new(field, "error.matching.weight").with("value", weight.trim()),
                );
                continue;
            };
            let number = match (criterion.parameter(), parameter.trim()) {
                (None, _) | (Some(_), "") => None,
                (Some((_, _, min, max)), text) => match text.parse::<u16>() {
                    Ok(n) if (min..=max).contains(&n) => Some(n),
                    _ => {
                        problems.push(
                            FieldError::new(field, "error.number_out_of_range")
                                .with("value", text)
                                .with("min", min.to_string())
                                .with("max", max.to_string()),
                        );
                        continue;
                    }
                },
            };
            criteria.set(criterion, weight, number);
        }
        if problems.is_empty() {
            Ok(criteria)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// These settings with the criteria typed in `changes` set anew (the
    /// window's form and `klik match criteria --set` send only some); every
    /// problem is reported and nothing changes then.
    pub fn amended(&self, changes: &[CriterionForm]) -> Result<Criteria> {
        let mut entries: Vec<CriterionForm> = self
            .settings
            .iter()
            .map(|s| CriterionForm {
                key: s.criterion.as_str().to_string(),
                weight: s.weight.as_str().to_string(),
                parameter: s.parameter.map(|n| n.to_string()).unwrap_or_default(),
            })
            .collect();
        entries.extend_from_slice(changes);
        Criteria::from_form(&entries)
    }
}

/// One criterion as typed: its key, its weight and, for seniority and
/// availability, its number as text (empty: the default). The window sends
/// `{key, weight, parameter}` with the number as a number or `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct CriterionForm {
    pub key: String,
    pub weight: String,
    #[serde(default, deserialize_with = "number_as_text")]
    pub parameter: String,
}

/// A number as the window may send it, as the text a form would hold:
/// `4` and `"4"` are `"4"`, `null` (or nothing) is empty; anything else is
/// kept as written, for the check to name.
pub fn number_as_text<'de, D: serde::Deserializer<'de>>(
    value: D,
) -> std::result::Result<String, D::Error> {
    use serde_json::Value;
    let value: Option<Value> = serde::Deserialize::deserialize(value)?;
    Ok(match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text,
        Some(other) => other.to_string(),
    })
}

/// A programme's criteria; defaults where the officer set nothing.
pub fn load(conn: &rusqlite::Connection, programme: ProgrammeId) -> rusqlite::Result<Criteria> {
    let mut criteria = Criteria::default();
    let mut statement = conn.prepare_cached(
        "SELECT criterion, weight, parameter FROM matching_criterion WHERE programme_id = ?1",
    )?;
    let rows = statement.query_map([programme.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<u16>>(2)?,
        ))
    })?;
    for row in rows {
        let (criterion, weight, parameter) = row?;
        if let (Some(criterion), Some(weight)) =
            (Criterion::parse(&criterion), Weight::parse(&weight))
        {
            criteria.set(criterion, weight, parameter);
        }
    }
    Ok(criteria)
}

/// A programme's criteria, or `NotFound` for an unknown programme.
pub fn get(store: &Store, programme: ProgrammeId) -> Result<Criteria> {
    if !exists(store.conn(), programme).map_err(|e| store.read_error(e))? {
        return Err(Error::NotFound {
            what: "programme",
            id: programme.0,
        });
    }
    load(store.conn(), programme).map_err(|e| store.read_error(e))
}

pub(crate) fn exists(
    conn: &rusqlite::Connection,
    programme: ProgrammeId,
) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM programme WHERE id = ?1",
            [programme.0],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Saves all criteria of a programme in one transaction.
pub fn save(store: &mut Store, programme: ProgrammeId, criteria: &Criteria) -> Result<()> {
    if exists(store.conn(), programme).map_err(|e| store.read_error(e))? {
        crate::programme::ensure_open(store, programme)?;
    }
    store.write(|tx| {
        if !exists(tx, programme)? {
            return Err(Error::NotFound {
                what: "programme",
                id: programme.0,
            });
        }
        for setting in criteria.settings() {
            tx.execute(
                "INSERT INTO matching_criterion (programme_id, criterion, weight, parameter)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (programme_id, criterion) DO UPDATE SET weight = ?3, parameter = ?4",
                params![
                    programme.0,
                    setting.criterion.as_str(),
                    setting.weight.as_str(),
                    setting.parameter
                ],
            )?;
        }
        Ok(())
    })
}
