//! The participant importer on any bytes: a CSV in any encoding, an XLSX or
//! XLS workbook, or something else entirely. Whatever comes in, reading and
//! planning the import must not panic, and what it says must hang together:
//! rows numbered as the spreadsheet program numbers them, a row valid exactly
//! when it has no problems, and every problem a message from the catalogue.
#![no_main]

use std::cell::RefCell;

use klik::i18n::Texts;
use klik::participant::import;
use klik::programme::{self, ProgrammeForm, ProgrammeId};
use klik::{Store, tabular};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // One programme in memory, made once: planning an import only reads.
    static STORE: RefCell<(Store, ProgrammeId)> = RefCell::new(programme_in_memory());
}

fn programme_in_memory() -> (Store, ProgrammeId) {
    let mut store = Store::open_in_memory().expect("a store in memory");
    let draft = ProgrammeForm {
        name: "Fuzz".into(),
        start: "04-01-2027".into(),
        end: "17-12-2027".into(),
        ..ProgrammeForm::default()
    }
    .validate()
    .expect("a valid programme");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a date");
    let id = programme::create(&mut store, &draft, now).expect("the programme is saved");
    (store, id)
}

fuzz_target!(|bytes: &[u8]| {
    if let Ok(table) = tabular::read(bytes, None) {
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

    STORE.with(|cell| {
        let (store, id) = &*cell.borrow();
        let texts = Texts::for_language("nl");
        match import::preview(store, *id, bytes, None) {
            Ok(preview) => {
                for row in &preview.rows {
                    assert_eq!(
                        row.enrolment.is_some(),
                        row.problems.is_empty(),
                        "row {} is valid exactly when it has no problems",
                        row.row
                    );
                    assert_eq!(row.change.is_some(), row.enrolment.is_some());
                    for problem in &row.problems {
                        assert_ne!(
                            texts.get(problem.key),
                            problem.key,
                            "the problem {} is in the catalogue",
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
    });
});
