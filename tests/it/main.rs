//! Integration tests of the Klik core: one binary, one module per area.

mod cli;
mod participants;
mod programme;
mod store;

use chrono::NaiveDateTime;

/// The fixed moment the tests live in.
pub fn now() -> NaiveDateTime {
    klik::clock::pinned("2026-11-28T10:00:00").expect("a valid moment")
}
