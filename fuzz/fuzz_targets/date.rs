//! The date parser on any text: no panic, only dates between 1900 and 2200,
//! and every accepted date reads back from the way Klik writes it.
#![no_main]

use chrono::Datelike;
use klik::date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(day) = date::parse(text) {
        assert!((1900..=2200).contains(&day.year()));
        for language in ["nl", "en", "fr"] {
            assert_eq!(date::parse(&date::short(day, language)), Ok(day));
        }
        assert_eq!(date::parse(&date::iso(day)), Ok(day));
        assert_eq!(date::from_iso(&date::iso(day)), Some(day));
    }
});
