//! Public holidays of Belgium and the Netherlands for a year, offered as a
//! starting list of closed days when intakes are planned. The officer edits
//! the list: organisations add bridge days, and Dutch Liberation Day is a
//! day off only for some.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The countries whose holidays Klik knows.
pub const COUNTRIES: [&str; 2] = ["be", "nl"];

/// One public holiday: its date and the catalogue key of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub day: NaiveDate,
    pub key: &'static str,
}

/// Easter Sunday of a year (Gregorian calendar, the anonymous algorithm).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The public holidays of `country` ("be" or "nl") in `year`, in date order;
/// empty for a country Klik does not know.
pub fn holidays(country: &str, year: i32) -> Vec<Holiday> {
    let fixed = |month: u32, day: u32, key: &'static str| Holiday {
        day: NaiveDate::from_ymd_opt(year, month, day).expect("a fixed holiday is a real date"),
        key,
    };
    let easter = easter(year);
    let moving = |days: i64, key: &'static str| Holiday {
        day: easter + Duration::days(days),
        key,
    };
    let mut list = match country {
        "be" => vec![
            fixed(1, 1, "holiday.new_year"),
            moving(1, "holiday.easter_monday"),
            fixed(5, 1, "holiday.labour_day"),
            moving(39, "holiday.ascension"),
            moving(50, "holiday.whit_monday"),
            fixed(7, 21, "holiday.be.national_day"),
            fixed(8, 15, "holiday.assumption"),
            fixed(11, 1, "holiday.all_saints"),
            fixed(11, 11, "holiday.armistice"),
            fixed(12, 25, "holiday.christmas"),
        ],
        "nl" => {
            // King's Day moves to the 26th when the 27th is a Sunday.
            let kings = NaiveDate::from_ymd_opt(year, 4, 27).expect("27 April exists");
            let kings = if kings.weekday() == Weekday::Sun {
                kings - Duration::days(1)
            } else {
                kings
            };
            vec![
                fixed(1, 1, "holiday.new_year"),
                moving(-2, "holiday.good_friday"),
                moving(0, "holiday.easter_sunday"),
                moving(1, "holiday.easter_monday"),
                Holiday {
                    day: kings,
                    key: "holiday.nl.kings_day",
                },
                fixed(5, 5, "holiday.nl.liberation_day"),
                moving(39, "holiday.ascension"),
                moving(49, "holiday.whit_sunday"),
                moving(50, "holiday.whit_monday"),
                fixed(12, 25, "holiday.christmas"),
                fixed(12, 26, "holiday.boxing_day"),
            ]
        }
        _ => Vec::new(),
    };
    list.sort_by_key(|h| h.day);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        for (year, month, day) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(year), date(year, month, day), "{year}");
        }
    }

    #[test]
    fn belgian_and_dutch_holidays_of_2027() {
        let be: Vec<_> = holidays("be", 2027).iter().map(|h| h.day).collect();
        assert_eq!(be.len(), 10);
        assert!(be.contains(&date(2027, 3, 29)), "Easter Monday");
        assert!(be.contains(&date(2027, 5, 6)), "Ascension");
        assert!(be.contains(&date(2027, 5, 17)), "Whit Monday");
        assert!(be.contains(&date(2027, 7, 21)));
        let nl = holidays("nl", 2027);
        assert!(
            nl.iter()
                .any(|h| h.key == "holiday.nl.kings_day" && h.day == date(2027, 4, 27))
        );
        // In 2025 the 27th was a Sunday: King's Day was Saturday the 26th.
        assert!(
            holidays("nl", 2025)
                .iter()
                .any(|h| h.key == "holiday.nl.kings_day" && h.day == date(2025, 4, 26))
        );
        assert!(holidays("de", 2027).is_empty());
    }
}
