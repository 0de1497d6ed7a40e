//! The participant importer on any bytes: a CSV in any encoding, an XLSX or
//! XLS workbook, or something else entirely. Whatever comes in, reading and
//! planning the import must not panic, and what it says must hang together:
//! rows numbered as the spreadsheet program numbers them, a row valid exactly
//! when it has no problems, and every problem a message from the catalogue.
#![no_main]

use std::cell::RefCell;

use klik::programme::{self, ProgrammeForm, ProgrammeId};
use klik::Store;
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

include!("../properties.rs");

fuzz_target!(|bytes: &[u8]| {
    STORE.with(|cell| {
        let (store, id) = &*cell.borrow();
        check_spreadsheet(store, *id, bytes);
    });
});
