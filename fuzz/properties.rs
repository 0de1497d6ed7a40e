// The properties the fuzz targets check, shared by the cargo-fuzz targets
// (any bytes libFuzzer makes) and the quick property tests of `cargo test`
// (a few thousand generated inputs): one place says what must hold.

/// The participant importer on any bytes: no panic; rows numbered upwards
/// as the spreadsheet program numbers them, without empty rows or trailing
/// empty cells; a row valid exactly when it has no problems; every problem
/// a message of the catalogue; a whole file refused only as a problem with
/// the file.
pub fn check_spreadsheet(
    store: &klik::Store,
    id: klik::programme::ProgrammeId,
    bytes: &[u8],
) {
    use klik::i18n::Texts;
    use klik::participant::import;
    if let Ok(table) = klik::tabular::read(bytes, None) {
        let mut previous = 0;
        for row in &table.rows {
            assert!(row.number > previous, "rows are numbered upwards from 1");
            previous = row.number;
            assert!(
                row.cells.iter().any(|c| !c.trim().is_empty()),
                "empty rows are dropped"
            );
            assert!(
                !row.cells.last().is_some_and(|c| c.is_empty()),
                "trailing empty cells are dropped"
            );
        }
    }
    let texts = Texts::for_language("nl");
    match import::preview(store, id, bytes, None) {
        Ok(preview) => {
            for row in &preview.rows {
                assert_eq!(
                    row.enrolment.is_some(),
                    row.problems.is_empty(),
                    "row {} is valid exactly when it has no problems",
                    row.row
                );
                assert_eq!(row.change.is_some(), row.enrolment.is_some());
                for problem in row.problems.iter().chain(&row.warnings) {
                    assert_ne!(
                        texts.get(problem.key),
                        problem.key,
                        "the message {} is in the catalogue",
                        problem.key
                    );
                }
            }
            let lines = preview.problem_lines(&texts);
            let problems: usize = preview.rows.iter().map(|r| r.problems.len()).sum();
            assert_eq!(lines.len(), problems);
        }
        Err(klik::Error::Invalid(problems)) => {
            assert!(!problems.is_empty());
            for problem in &problems {
                assert_ne!(texts.get(problem.key), problem.key);
            }
        }
        Err(other) => panic!("a file gives a problem with the file, not {other:?}"),
    }
}

/// The availability parser on any text: what it accepts is a sorted week of
/// non-overlapping slots, and written out in any of the three languages it
/// reads back as the same availability.
pub fn check_availability(text: &str) {
    use klik::participant::availability::Availability;
    match Availability::parse(text) {
        Ok(availability) => {
            let slots = availability.slots();
            for slot in slots {
                assert!((1..=7).contains(&slot.weekday));
                assert!(slot.start < slot.end && slot.end <= 24 * 60);
            }
            for pair in slots.windows(2) {
                assert!(
                    (pair[0].weekday, pair[0].end) < (pair[1].weekday, pair[1].start),
                    "slots are sorted and do not touch"
                );
            }
            assert!(availability.minutes() <= 7 * 24 * 60);
            for language in ["nl", "en", "fr"] {
                let written = availability.display(language);
                assert_eq!(
                    Availability::parse(&written).as_ref(),
                    Ok(&availability),
                    "{written:?} reads back"
                );
            }
        }
        Err(problem) => {
            assert!(problem.key.starts_with("error.availability."));
            assert!(!problem.part.is_empty());
        }
    }
}

/// The date parser on any text: only dates between 1900 and 2200, and
/// every accepted date reads back from the way Klik writes it.
pub fn check_date(text: &str) {
    use chrono::Datelike;
    use klik::date;
    if let Ok(day) = date::parse(text) {
        assert!((1900..=2200).contains(&day.year()));
        for language in ["nl", "en", "fr"] {
            assert_eq!(date::parse(&date::short(day, language)), Ok(day));
        }
        assert_eq!(date::parse(&date::iso(day)), Ok(day));
        assert_eq!(date::from_iso(&date::iso(day)), Some(day));
    }
}
