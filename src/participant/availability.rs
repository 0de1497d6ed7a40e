//! Weekly availability: "ma 09:00-12:00, wo 14:00-16:00" or "mon 9-12; wed 14-16".
//!
//! Day names are accepted in Dutch, English and French, short or in full;
//! times as `9`, `09:00`, `9.30`, `9u30` or `9h30`. Slots are kept sorted
//! and overlapping or touching slots on the same day are merged.

use std::fmt;

/// One weekly time slot: a day (1 = Monday … 7 = Sunday) and minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    pub weekday: u8,
    pub start: u16,
    pub end: u16,
}

/// Why a piece of availability text was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailabilityProblem {
    /// The part of the text that was not understood.
    pub part: String,
    /// The catalogue key of the message.
    pub key: &'static str,
}

/// The day names people write, mapped to 1 (Monday) … 7 (Sunday).
const DAYS: &[(&str, u8)] = &[
    ("ma", 1),
    ("maa", 1),
    ("maan", 1),
    ("maandag", 1),
    ("mon", 1),
    ("monday", 1),
    ("lu", 1),
    ("lun", 1),
    ("lundi", 1),
    ("di", 2),
    ("din", 2),
    ("dinsdag", 2),
    ("tue", 2),
    ("tues", 2),
    ("tuesday", 2),
    ("mar", 2),
    ("mardi", 2),
    ("wo", 3),
    ("woe", 3),
    ("woensdag", 3),
    ("wed", 3),
    ("wednesday", 3),
    ("me", 3),
    ("mer", 3),
    ("mercredi", 3),
    ("do", 4),
    ("don", 4),
    ("donderdag", 4),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("thursday", 4),
    ("je", 4),
    ("jeu", 4),
    ("jeudi", 4),
    ("vr", 5),
    ("vrij", 5),
    ("vrijdag", 5),
    ("fri", 5),
    ("friday", 5),
    ("ve", 5),
    ("ven", 5),
    ("vendredi", 5),
    ("za", 6),
    ("zat", 6),
    ("zaterdag", 6),
    ("sat", 6),
    ("saturday", 6),
    ("sa", 6),
    ("sam", 6),
    ("samedi", 6),
    ("zo", 7),
    ("zon", 7),
    ("zondag", 7),
    ("sun", 7),
    ("sunday", 7),
    ("su", 7),
    ("dim", 7),
    ("dimanche", 7),
];

/// Short English day names, used in the stored and exported form.
const SHORT: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A person's weekly availability: sorted, non-overlapping slots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Availability {
    slots: Vec<Slot>,
}

impl Availability {
    /// Builds availability from slots, sorting and merging them.
    pub fn from_slots(mut slots: Vec<Slot>) -> Availability {
        slots.sort();
        let mut merged: Vec<Slot> = Vec::with_capacity(slots.len());
        for slot in slots {
            match merged.last_mut() {
                Some(last) if last.weekday == slot.weekday && slot.start <= last.end => {
                    last.end = last.end.max(slot.end);
                }
                _ => merged.push(slot),
            }
        }
        Availability { slots: merged }
    }

    /// The slots, sorted by day and time.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// True when no time is given.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Minutes per week.
    pub fn minutes(&self) -> u32 {
        self.slots.iter().map(|s| u32::from(s.end - s.start)).sum()
    }

    /// Parses text as people write it. Every part must be understood: a part
    /// that is not is reported rather than silently dropped.
    pub fn parse(text: &str) -> Result<Availability, AvailabilityProblem> {
        let mut slots = Vec::new();
        for part in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            slots.push(parse_part(part)?);
        }
        Ok(Availability::from_slots(slots))
    }

    /// The day's name in a language, short (`ma`, `mon`, `lun`).
    pub fn day_name(weekday: u8, language: &str) -> &'static str {
        let index = usize::from(weekday.clamp(1, 7) - 1);
        match language {
            "nl" => ["ma", "di", "wo", "do", "vr", "za", "zo"][index],
            "fr" => ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"][index],
            _ => SHORT[index],
        }
    }

    /// Written in a language: `ma 09:00-12:00, wo 14:00-16:00`; parses back to the same.
    pub fn display(&self, language: &str) -> String {
        self.slots
            .iter()
            .map(|s| {
                format!(
                    "{} {:02}:{:02}-{:02}:{:02}",
                    Availability::day_name(s.weekday, language),
                    s.start / 60,
                    s.start % 60,
                    s.end / 60,
                    s.end % 60
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The half-days of the form's weekly grid, in minutes since midnight: a
/// morning from 09:00 to 12:00 and an afternoon from 13:00 to 17:00, the
/// office hours most people mean by "Monday morning".
pub const HALF_DAYS: [(u16, u16); 2] = [(9 * 60, 12 * 60), (13 * 60, 17 * 60)];

/// One cell of the grid: a weekday (1 Monday to 7 Sunday) and a half-day
/// (0 the morning, 1 the afternoon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct HalfDay {
    pub weekday: u8,
    pub half: u8,
}

impl Availability {
    /// The half-days this availability is made of, or `None` when it holds
    /// any other time (say Monday 10:00 to 11:00, or 09:00 to 17:00 without
    /// the lunch hour): a grid would then lose something, so the form shows
    /// the exact times instead.
    pub fn half_days(&self) -> Option<Vec<HalfDay>> {
        self.slots
            .iter()
            .map(|slot| {
                HALF_DAYS
                    .iter()
                    .position(|&(start, end)| slot.start == start && slot.end == end)
                    .map(|half| HalfDay {
                        weekday: slot.weekday,
                        half: half as u8,
                    })
            })
            .collect()
    }

    /// The availability of the ticked half-days (cells out of range are
    /// ignored: the grid has seven days and two halves).
    pub fn from_half_days(cells: &[HalfDay]) -> Availability {
        Availability::from_slots(
            cells
                .iter()
                .filter(|c| (1..=7).contains(&c.weekday) && usize::from(c.half) < HALF_DAYS.len())
                .map(|c| {
                    let (start, end) = HALF_DAYS[usize::from(c.half)];
                    Slot {
                        weekday: c.weekday,
                        start,
                        end,
                    }
                })
                .collect(),
        )
    }
}

impl fmt::Display for Availability {
    /// The stored, language-neutral form: `mon 09:00-12:00, wed 14:00-16:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display("en"))
    }
}

fn parse_part(part: &str) -> Result<Slot, AvailabilityProblem> {
    let problem = |key| AvailabilityProblem {
        part: part.to_string(),
        key,
    };
    let lower = part.to_lowercase();
    let split = lower
        .find(|c: char| c.is_ascii_digit())
        .ok_or_else(|| problem("error.availability.no_time"))?;
    let day = lower[..split].trim().trim_end_matches([':', '.']).trim();
    let weekday = DAYS
        .iter()
        .find(|(name, _)| *name == day)
        .map(|(_, n)| *n)
        .ok_or_else(|| problem("error.availability.unknown_day"))?;
    let times = lower[split..].replace('–', "-").replace(' ', "");
    let (from, to) = times
        .split_once('-')
        .ok_or_else(|| problem("error.availability.no_range"))?;
    let start = parse_time(from).ok_or_else(|| problem("error.availability.bad_time"))?;
    let end = parse_time(to).ok_or_else(|| problem("error.availability.bad_time"))?;
    if end <= start {
        return Err(problem("error.availability.end_before_start"));
    }
    Ok(Slot {
        weekday,
        start,
        end,
    })
}

/// `9`, `09:00`, `9.30`, `9u30`, `9h30`, `9u` → minutes since midnight; 24:00 is the end of the day.
pub(crate) fn parse_time(text: &str) -> Option<u16> {
    let text = text.trim_end_matches(['u', 'h']);
    let (hours, minutes) = match text.find([':', '.', 'u', 'h']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, "0"),
    };
    if hours.is_empty() || hours.len() > 2 || minutes.len() > 2 {
        return None;
    }
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = if minutes.is_empty() {
        0
    } else {
        minutes.parse().ok()?
    };
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes > 0) {
        return None;
    }
    Some(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_days_read_back_and_other_times_are_left_exact() {
        let cells = [
            HalfDay {
                weekday: 3,
                half: 1,
            },
            HalfDay {
                weekday: 1,
                half: 0,
            },
            HalfDay {
                weekday: 1,
                half: 1,
            },
        ];
        let availability = Availability::from_half_days(&cells);
        assert_eq!(
            availability.display("nl"),
            "ma 09:00-12:00, ma 13:00-17:00, wo 13:00-17:00"
        );
        let mut sorted = cells.to_vec();
        sorted.sort();
        assert_eq!(availability.half_days(), Some(sorted));
        // Written by hand in any language, the same half-days are found.
        let typed = Availability::parse("lun 9-12; mercredi 13h-17h").unwrap();
        assert_eq!(
            typed.half_days(),
            Some(vec![
                HalfDay {
                    weekday: 1,
                    half: 0
                },
                HalfDay {
                    weekday: 3,
                    half: 1
                }
            ])
        );
        // Anything a grid would change stays in exact times.
        for exact in ["ma 10-11", "ma 9-17", "ma 9-12, ma 12-13"] {
            assert_eq!(
                Availability::parse(exact).unwrap().half_days(),
                None,
                "{exact}"
            );
        }
        assert_eq!(Availability::default().half_days(), Some(vec![]));
        assert!(
            Availability::from_half_days(&[HalfDay {
                weekday: 8,
                half: 0
            }])
            .is_empty()
        );
    }

    fn slot(weekday: u8, start: u16, end: u16) -> Slot {
        Slot {
            weekday,
            start,
            end,
        }
    }

    #[test]
    fn reads_dutch_english_and_french_writing() {
        for (text, expected) in [
            (
                "ma 09:00-12:00, wo 14:00-16:00",
                vec![slot(1, 540, 720), slot(3, 840, 960)],
            ),
            (
                "mon 9-12; wed 14-16",
                vec![slot(1, 540, 720), slot(3, 840, 960)],
            ),
            ("Maandag 9u-12u30", vec![slot(1, 540, 750)]),
            ("jeudi 9h30 – 11h", vec![slot(4, 570, 660)]),
            ("vr 8.30-10", vec![slot(5, 510, 600)]),
            ("zo 20:00-24:00", vec![slot(7, 1200, 1440)]),
            ("", vec![]),
        ] {
            assert_eq!(
                Availability::parse(text).unwrap().slots(),
                expected.as_slice(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn overlapping_slots_merge_and_order_does_not_matter() {
        let a = Availability::parse("wo 14-16, ma 9-11, ma 10-12").unwrap();
        assert_eq!(a.slots(), &[slot(1, 540, 720), slot(3, 840, 960)]);
        assert_eq!(a.minutes(), 300);
    }

    #[test]
    fn names_what_it_does_not_understand() {
        for (text, key) in [
            ("someday 9-12", "error.availability.unknown_day"),
            ("ma", "error.availability.no_time"),
            ("ma 9", "error.availability.no_range"),
            ("ma 25-26", "error.availability.bad_time"),
            ("ma 9:75-10", "error.availability.bad_time"),
            ("ma 12-9", "error.availability.end_before_start"),
            ("ma 9-12, xx 1-2", "error.availability.unknown_day"),
        ] {
            assert_eq!(Availability::parse(text).unwrap_err().key, key, "{text:?}");
        }
    }

    #[test]
    fn display_round_trips_in_every_language() {
        let a = Availability::parse("ma 09:00-12:00, wo 14:00-16:30").unwrap();
        for language in ["nl", "en", "fr"] {
            assert_eq!(
                Availability::parse(&a.display(language)).unwrap(),
                a,
                "{language}"
            );
        }
        assert_eq!(a.to_string(), "mon 09:00-12:00, wed 14:00-16:30");
        assert_eq!(a.display("nl"), "ma 09:00-12:00, wo 14:00-16:30");
    }
}
