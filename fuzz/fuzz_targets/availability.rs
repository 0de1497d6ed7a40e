//! The availability parser on any text. It must not panic; what it accepts
//! is a sorted week of non-overlapping slots, and written out in any of the
//! three languages it reads back as the same availability.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../properties.rs");

fuzz_target!(|text: &str| check_availability(text));
