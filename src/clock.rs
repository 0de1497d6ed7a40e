//! The moment "now", read once at the edge of the program and passed inward.
//!
//! The core never calls `Local::now()` itself. The CLI and the desktop shell
//! call [`now`] once per action; tests pass fixed moments. `KLIK_NOW` lets
//! end-to-end tests and demos pin the date the app believes it is.

use chrono::{Local, NaiveDateTime, TimeZone};

/// Environment variable that pins the current moment (`2026-11-28T10:00:00`).
pub const NOW_VARIABLE: &str = "KLIK_NOW";

/// The current local moment, or the one pinned by `KLIK_NOW` when it is set and valid.
pub fn now() -> NaiveDateTime {
    std::env::var(NOW_VARIABLE)
        .ok()
        .and_then(|text| pinned(&text))
        .unwrap_or_else(|| Local::now().naive_local())
}

/// A local moment (as [`now`] gives it) in UTC, for the time stamps of
/// calendar files; a moment the clock skips or repeats (summer time) is taken
/// at its first reading.
pub fn utc(local: NaiveDateTime) -> NaiveDateTime {
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or(local)
}

/// Reads a pinned moment: a full ISO moment or just a date (taken at 09:00).
pub fn pinned(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .or_else(|| crate::date::from_iso(text).and_then(|d| d.and_hms_opt(9, 0, 0)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn pinned_accepts_moments_and_dates() {
        assert_eq!(
            super::pinned("2026-11-28T10:30:00").unwrap().to_string(),
            "2026-11-28 10:30:00"
        );
        assert_eq!(
            super::pinned("2026-11-28").unwrap().to_string(),
            "2026-11-28 09:00:00"
        );
        assert!(super::pinned("tomorrow").is_none());
    }
}
