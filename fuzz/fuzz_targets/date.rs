//! The date parser on any text: no panic, only dates between 1900 and 2200,
//! and every accepted date reads back from the way Klik writes it.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../properties.rs");

fuzz_target!(|text: &str| check_date(text));
