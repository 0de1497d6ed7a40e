//! The availability parser on any text. It must not panic; what it accepts
//! is a sorted week of non-overlapping slots, and written out in any of the
//! three languages it reads back as the same availability.
#![no_main]

use klik::participant::availability::Availability;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
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
});
