//! Calendar dates as people in Flanders and the Netherlands type and read them.
//!
//! Klik accepts `28-11-2026`, `28/11/2026`, `28.11.2026`, `28-11-26` and the
//! ISO form `2026-11-28`; it always stores ISO dates. It never guesses a
//! month-first (American) order: `03/04/2027` is the 3rd of April.

use chrono::{Datelike, NaiveDate};

/// Why a typed date was not accepted; each maps to a translated message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing was typed.
    Empty,
    /// The text does not look like a date at all.
    Unreadable,
    /// It looks like a date, but the day does not exist (31-02-2027).
    Impossible,
}

impl DateProblem {
    /// The catalogue key of the message for this problem.
    pub fn message_key(&self) -> &'static str {
        match self {
            DateProblem::Empty => "error.date.empty",
            DateProblem::Unreadable => "error.date.unreadable",
            DateProblem::Impossible => "error.date.impossible",
        }
    }
}

/// Parses a date typed into a form field; a problem is added to `problems`,
/// named by the field and showing what was typed.
pub fn parse_field(
    field: impl Into<String>,
    text: &str,
    problems: &mut Vec<crate::error::FieldError>,
) -> Option<NaiveDate> {
    match parse(text) {
        Ok(date) => Some(date),
        Err(problem) => {
            problems.push(
                crate::error::FieldError::new(field, problem.message_key())
                    .with("value", text.trim()),
            );
            None
        }
    }
}

/// Parses a date typed by a person. Two-digit years are taken as 20xx.
pub fn parse(text: &str) -> Result<NaiveDate, DateProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateProblem::Empty);
    }
    let parts: Vec<&str> = text
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(DateProblem::Unreadable);
    }
    let number = |p: &str| p.parse::<u32>().map_err(|_| DateProblem::Unreadable);
    let (year, month, day) = if parts[0].len() == 4 {
        (number(parts[0])?, number(parts[1])?, number(parts[2])?)
    } else {
        let year = match parts[2].len() {
            4 => number(parts[2])?,
            2 => 2000 + number(parts[2])?,
            _ => return Err(DateProblem::Unreadable),
        };
        (year, number(parts[1])?, number(parts[0])?)
    };
    if parts[1].len() > 2 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(if month > 12 || day > 31 || parts[1].len() > 2 {
            DateProblem::Unreadable
        } else {
            DateProblem::Impossible
        });
    }
    let year = i32::try_from(year).map_err(|_| DateProblem::Unreadable)?;
    if !(1900..=2200).contains(&year) {
        return Err(DateProblem::Unreadable);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::Impossible)
}

/// The ISO form stored in the database and used in the CLI: `2026-11-28`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads a stored ISO date.
pub fn from_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The short form people of this language write: `28-11-2026` (Dutch),
/// `28/11/2026` (French and English as used in Belgium).
pub fn short(date: NaiveDate, language: &str) -> String {
    crate::i18n::short_date(date, language)
}

/// A date written out in `texts`' language: "6 januari 2027", "6 January 2027".
pub fn long(date: NaiveDate, texts: &crate::i18n::Texts) -> String {
    format!(
        "{} {} {}",
        date.day(),
        texts.get(&format!("date.month.{}", date.month())),
        date.year()
    )
}

/// With the weekday: "woensdag 6 januari 2027", "Wednesday 6 January 2027".
pub fn long_with_weekday(date: NaiveDate, texts: &crate::i18n::Texts) -> String {
    format!(
        "{} {}",
        texts.get(&format!(
            "date.weekday.{}",
            date.weekday().number_from_monday()
        )),
        long(date, texts)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn accepts_the_forms_people_type() {
        for (text, expected) in [
            ("28-11-2026", ymd(2026, 11, 28)),
            ("28/11/2026", ymd(2026, 11, 28)),
            ("28.11.2026", ymd(2026, 11, 28)),
            (" 1-2-2027 ", ymd(2027, 2, 1)),
            ("03/04/27", ymd(2027, 4, 3)),
            ("2026-11-28", ymd(2026, 11, 28)),
            ("29-02-2028", ymd(2028, 2, 29)),
        ] {
            assert_eq!(parse(text), Ok(expected), "{text:?} is a date people write");
        }
    }

    #[test]
    fn names_the_problem_with_a_bad_date() {
        for (text, expected) in [
            ("", DateProblem::Empty),
            ("   ", DateProblem::Empty),
            ("morgen", DateProblem::Unreadable),
            ("28-11", DateProblem::Unreadable),
            ("11/28/2026", DateProblem::Unreadable),
            ("2026-28-11", DateProblem::Unreadable),
            ("31-02-2027", DateProblem::Impossible),
            ("29-02-2027", DateProblem::Impossible),
            ("31-04-2027", DateProblem::Impossible),
            ("0-04-2027", DateProblem::Impossible),
            ("12-12-99999", DateProblem::Unreadable),
        ] {
            assert_eq!(parse(text), Err(expected.clone()), "{text:?}");
        }
    }

    #[test]
    fn short_form_follows_the_language() {
        assert_eq!(short(ymd(2027, 1, 5), "nl"), "05-01-2027");
        assert_eq!(short(ymd(2027, 1, 5), "en"), "05/01/2027");
        assert_eq!(from_iso(&iso(ymd(2027, 1, 5))), Some(ymd(2027, 1, 5)));
    }
}
