//! The translation catalogue: every text a person reads, in the UI and in documents.
//!
//! Catalogues are plain `key = value` files in `src/i18n/locales/`, one per
//! language, embedded at build time (see `build.rs`). English is the reference:
//! a key missing from another language falls back to English, so a partial
//! translation never shows a bare key. This module never decides *which*
//! language to use; callers pass it in.

use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The reference language: complete by definition, the fallback for all others.
pub const REFERENCE: &str = "en";

/// One language's texts.
#[derive(Debug, Clone)]
pub struct Catalogue {
    code: &'static str,
    entries: BTreeMap<String, String>,
}

/// A problem in a catalogue file, found when it is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueProblem {
    pub language: String,
    pub line: usize,
    pub problem: String,
}

impl Catalogue {
    /// Parses catalogue text. Lines are `key = value`; `#` starts a comment line;
    /// `\n` in a value is a line break. Returns the problems found alongside.
    pub fn parse(code: &'static str, text: &str) -> (Catalogue, Vec<CatalogueProblem>) {
        let mut entries = BTreeMap::new();
        let mut problems = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let problem = |problem: String| CatalogueProblem {
                language: code.to_string(),
                line: index + 1,
                problem,
            };
            match line.split_once('=') {
                Some((key, value)) => {
                    let key = key.trim();
                    if key.is_empty() || key.contains(char::is_whitespace) {
                        problems.push(problem(format!("bad key {key:?}")));
                        continue;
                    }
                    let value = value.trim().replace("\\n", "\n");
                    if entries.insert(key.to_string(), value).is_some() {
                        problems.push(problem(format!("duplicate key {key}")));
                    }
                }
                None => problems.push(problem("no '=' on this line".to_string())),
            }
        }
        (Catalogue { code, entries }, problems)
    }

    /// The language code of this catalogue (`nl`, `en`, `fr`, …).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The keys this catalogue defines itself (without fallback).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// All entries this catalogue defines itself, for serving to the UI.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.entries
    }

    fn own(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }
}

/// All shipped catalogues, parsed once.
#[derive(Debug)]
pub struct Catalogues {
    all: Vec<Catalogue>,
    problems: Vec<CatalogueProblem>,
}

impl Catalogues {
    /// The catalogues embedded in this build.
    pub fn shipped() -> &'static Catalogues {
        static SHIPPED: OnceLock<Catalogues> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            let mut all = Vec::new();
            let mut problems = Vec::new();
            for (code, text) in EMBEDDED {
                let (catalogue, found) = Catalogue::parse(code, text);
                all.push(catalogue);
                problems.extend(found);
            }
            Catalogues { all, problems }
        })
    }

    /// Problems found while parsing the shipped catalogues (empty in a good build).
    pub fn problems(&self) -> &[CatalogueProblem] {
        &self.problems
    }

    /// Language codes with a catalogue, in file order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.all.iter().map(|c| c.code).collect()
    }

    /// True when a catalogue exists for this code.
    pub fn has(&self, code: &str) -> bool {
        self.all.iter().any(|c| c.code == code)
    }

    fn find(&self, code: &str) -> Option<&Catalogue> {
        self.all.iter().find(|c| c.code == code)
    }

    /// The texts for one language, falling back to English for missing keys.
    /// An unknown code gives English.
    pub fn texts(&'static self, code: &str) -> Texts {
        let reference = self
            .find(REFERENCE)
            .expect("the English catalogue is always shipped");
        Texts {
            primary: self.find(code).unwrap_or(reference),
            reference,
        }
    }
}

/// The texts of one language with the English fallback: what callers use.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    primary: &'static Catalogue,
    reference: &'static Catalogue,
}

impl Texts {
    /// The texts for `code` from the shipped catalogues.
    pub fn for_language(code: &str) -> Texts {
        Catalogues::shipped().texts(code)
    }

    /// The language these texts are in.
    pub fn language(&self) -> &'static str {
        self.primary.code
    }

    /// The text for `key`. A key unknown to every catalogue is returned as is,
    /// so a mistake shows up visibly instead of as an empty label.
    pub fn get<'a>(&self, key: &'a str) -> &'a str {
        self.primary
            .own(key)
            .or_else(|| self.reference.own(key))
            .unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// A sentence with a number in it: `key_one` when `count` is 1 ("1 row
    /// has a problem"), else `key` ("3 rows have problems"); `{count}` is
    /// filled in with the other placeholders.
    pub fn counted(&self, key: &str, count: i64, args: &[(&str, &str)]) -> String {
        let number = count.to_string();
        let mut all = vec![("count", number.as_str())];
        all.extend_from_slice(args);
        if count == 1 {
            self.format(&format!("{key}_one"), &all)
        } else {
            self.format(key, &all)
        }
    }

    /// Every text of this language, English filling the gaps: for the UI.
    pub fn all(&self) -> BTreeMap<String, String> {
        let mut merged = self.reference.entries.clone();
        merged.extend(self.primary.entries.clone());
        merged
    }
}

/// Replaces `{name}` placeholders; unknown placeholders are left visible.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Picks the interface language for an OS locale tag such as `nl-BE`,
/// `nl_NL.UTF-8` or `en-US`: Dutch for Dutch locales, French for French ones
/// when a French catalogue ships, English otherwise.
/// A date as people in the language write it in short: 28-11-2026 in
/// Dutch, 28/11/2026 in English and French (never month first).
pub fn short_date(date: chrono::NaiveDate, language: &str) -> String {
    use chrono::Datelike;
    let separator = if language == "nl" { '-' } else { '/' };
    format!(
        "{:02}{separator}{:02}{separator}{}",
        date.day(),
        date.month(),
        date.year()
    )
}

pub fn language_for_locale(tag: &str) -> &'static str {
    let primary = tag
        .split(['-', '_', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Catalogues::shipped()
        .codes()
        .into_iter()
        .find(|code| *code == primary)
        .unwrap_or(REFERENCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalogues_parse_without_problems() {
        let problems = Catalogues::shipped().problems();
        assert!(
            problems.is_empty(),
            "catalogue files must be well formed: {problems:?}"
        );
    }

    #[test]
    fn dutch_and_french_translate_every_english_key_and_invent_none() {
        let shipped = Catalogues::shipped();
        let english: Vec<_> = shipped.find("en").unwrap().keys().collect();
        for code in ["nl", "fr"] {
            let other: Vec<_> = shipped.find(code).unwrap().keys().collect();
            let missing: Vec<_> = english.iter().filter(|k| !other.contains(k)).collect();
            let extra: Vec<_> = other.iter().filter(|k| !english.contains(k)).collect();
            assert!(
                missing.is_empty(),
                "{code} lacks translations for {missing:?}"
            );
            assert!(
                extra.is_empty(),
                "{code} has keys English does not know: {extra:?}"
            );
        }
    }

    #[test]
    fn placeholders_in_translations_match_english() {
        let shipped = Catalogues::shipped();
        let english = shipped.find("en").unwrap();
        let placeholders = |text: &str| {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
                .collect();
            found.sort();
            found
        };
        for code in shipped.codes() {
            let catalogue = shipped.find(code).unwrap();
            for (key, value) in catalogue.entries() {
                if let Some(reference) = english.own(key) {
                    assert_eq!(
                        placeholders(value),
                        placeholders(reference),
                        "{code}:{key} must use the same placeholders as English"
                    );
                }
            }
        }
    }

    /// The keys the UI's scripts name literally, `t('key'` or `counted('key'`
    /// (which also needs `key_one`); keys built at run time are not seen.
    fn ui_keys() -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/js")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "js") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                let file = path.file_name().unwrap().to_string_lossy().to_string();
                for call in ["t('", "counted('"] {
                    for (at, _) in source.match_indices(call) {
                        let before = source[..at].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                            continue;
                        }
                        let rest = &source[at + call.len()..];
                        let key = &rest[..rest.find('\'').unwrap()];
                        found.push((file.clone(), key.to_string()));
                        if call == "counted('" {
                            found.push((file.clone(), format!("{key}_one")));
                        }
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_key_the_ui_names_is_in_the_catalogue() {
        let shipped = Catalogues::shipped();
        let english = shipped.find("en").unwrap();
        let keys = ui_keys();
        assert!(
            keys.len() > 200,
            "the scan finds the UI's keys: {}",
            keys.len()
        );
        let missing: Vec<_> = keys
            .iter()
            .filter(|(_, key)| english.own(key).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "keys the UI uses but the catalogue lacks: {missing:?}"
        );
    }

    #[test]
    fn every_field_a_problem_names_has_a_label() {
        // A problem's message starts with its field's label ("File: …"); a
        // missing label would show the key itself to the user.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let english = Catalogues::shipped().find("en").unwrap();
        let mut folders = vec![root.join("src"), root.join("src-tauri/src")];
        let mut fields = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for (at, call) in source.match_indices("FieldError::new(") {
                        let rest = source[at + call.len()..].trim_start();
                        if let Some(literal) = rest.strip_prefix('"') {
                            let field = &literal[..literal.find('"').unwrap()];
                            // Field names are plain identifiers; anything else is this scan's own text.
                            if field.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                                fields.push((path.display().to_string(), field.to_string()));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            fields.len() > 80,
            "the scan finds the fields: {}",
            fields.len()
        );
        let missing: Vec<_> = fields
            .iter()
            .filter(|(_, f)| english.own(&format!("field.{f}")).is_none())
            .collect();
        assert!(missing.is_empty(), "fields without a label: {missing:?}");
    }

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_unknown_ones() {
        assert_eq!(
            fill("{a} en {b}", &[("a", "Zoë"), ("b", "Anaïs")]),
            "Zoë en Anaïs"
        );
        assert_eq!(fill("{x} stays", &[]), "{x} stays");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn parse_reports_lines_without_equals_and_duplicates() {
        let (_, problems) = Catalogue::parse("xx", "a = 1\nbroken line\na = 2\n");
        assert_eq!(
            problems.len(),
            2,
            "one line lacks '=' and one key repeats: {problems:?}"
        );
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[1].line, 3);
    }

    #[test]
    fn unknown_language_falls_back_to_english_and_unknown_key_shows_itself() {
        let texts = Texts::for_language("xx");
        assert_eq!(texts.language(), "en");
        assert_eq!(texts.get("no.such.key"), "no.such.key");
    }

    #[test]
    fn locale_tags_map_to_interface_languages() {
        for (tag, expected) in [
            ("nl-BE", "nl"),
            ("nl_NL.UTF-8", "nl"),
            ("fr-BE", "fr"),
            ("en-US", "en"),
            ("de-DE", "en"),
            ("", "en"),
        ] {
            assert_eq!(language_for_locale(tag), expected, "locale {tag:?}");
        }
    }
}
