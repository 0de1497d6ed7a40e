//! Placing intake talks: every pair gets the earliest slot inside both
//! people's weekly availability, within working hours on open days, with
//! nobody in two talks at once and nobody over the day's limit.
//!
//! The planner is pure: it takes the pairs, what is already planned and the
//! settings, and returns a time or a reason per pair. Pairs with the fewest
//! possible times go first, so that a mentor who is free one morning a week
//! is not crowded out by pairs that could have gone anywhere.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::participant::availability::Availability;

/// Starts are offered on this grid (minutes), so talks begin at :00, :15, :30 or :45.
pub const STEP: u16 = 15;

/// How intakes are planned in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// First and last day (both included).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Length of one talk in minutes.
    pub minutes: u16,
    /// Working hours, minutes since midnight.
    pub day_start: u16,
    pub day_end: u16,
    /// Days without talks (public holidays, closing days).
    pub closed: BTreeSet<NaiveDate>,
    /// Weekdays without talks, 1 = Monday … 7 = Sunday.
    pub closed_weekdays: BTreeSet<u8>,
    /// The most talks one person has on one day.
    pub max_per_day: u8,
}

/// One pair to place. People are numbered by the caller (their ids).
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub mentor: i64,
    pub mentee: i64,
    pub mentor_week: &'a Availability,
    pub mentee_week: &'a Availability,
    /// The end of the pair's last talk: a second talk comes after it.
    pub not_before: Option<NaiveDateTime>,
}

/// A talk already in the calendar of one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub person: i64,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// Why a pair got no time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unplaced {
    /// The mentor (or the mentee) has no weekly availability at all.
    NoAvailability { mentor: bool, mentee: bool },
    /// Their weekly times never overlap for a whole talk inside working hours on an open day.
    NoCommonTime,
    /// They have common times, but all are taken or the days are full.
    NoFreeSlot { options: usize },
}

/// The planner's answer for one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    At(NaiveDateTime),
    Unplaced(Unplaced),
}

/// Everyone's calendar while planning: talks per person in time order, and
/// talks per person per day.
#[derive(Debug, Default)]
pub struct Calendar {
    talks: HashMap<i64, BTreeMap<NaiveDateTime, NaiveDateTime>>,
    per_day: HashMap<(i64, NaiveDate), u8>,
}

impl Calendar {
    /// A calendar holding what is already planned.
    pub fn with(busy: &[Busy]) -> Calendar {
        let mut calendar = Calendar::default();
        for b in busy {
            calendar.add(b.person, b.start, b.end);
        }
        calendar
    }

    /// Adds a talk to one person's calendar.
    pub fn add(&mut self, person: i64, start: NaiveDateTime, end: NaiveDateTime) {
        self.talks.entry(person).or_default().insert(start, end);
        *self.per_day.entry((person, start.date())).or_default() += 1;
    }

    /// The talk of `person` that overlaps `start`–`end`, if any.
    pub fn clash(
        &self,
        person: i64,
        start: NaiveDateTime,
        end: NaiveDateTime,
    ) -> Option<(NaiveDateTime, NaiveDateTime)> {
        // One person's talks never overlap each other, so the last one that
        // starts before `end` is the only one that can reach past `start`.
        // (A calendar read from the store may hold overlaps entered by hand;
        // then this finds one of them, which is enough to refuse.)
        let talks = self.talks.get(&person)?;
        talks
            .range(..end)
            .rev()
            .find(|(_, talk_end)| **talk_end > start)
            .map(|(&s, &e)| (s, e))
    }

    /// Talks of `person` on `day`.
    pub fn on_day(&self, person: i64, day: NaiveDate) -> u8 {
        self.per_day.get(&(person, day)).copied().unwrap_or(0)
    }
}

/// Every start time in the period at which both people are available for a
/// whole talk, inside working hours on an open day, in time order.
pub fn options(settings: &Settings, a: &Availability, b: &Availability) -> Vec<NaiveDateTime> {
    let mut starts = Vec::new();
    let length = settings.minutes;
    let mut day = settings.from;
    while day <= settings.to {
        let weekday = day.weekday().number_from_monday() as u8;
        if !settings.closed.contains(&day) && !settings.closed_weekdays.contains(&weekday) {
            for x in a.slots().iter().filter(|s| s.weekday == weekday) {
                for y in b.slots().iter().filter(|s| s.weekday == weekday) {
                    let from = x.start.max(y.start).max(settings.day_start);
                    let to = x.end.min(y.end).min(settings.day_end);
                    // First grid point at or after `from`.
                    let mut start = from.div_ceil(STEP) * STEP;
                    while start + length <= to {
                        starts.push(at(day, start));
                        start += STEP;
                    }
                }
            }
        }
        day += Duration::days(1);
    }
    starts.sort();
    starts.dedup();
    starts
}

/// A day and minutes since midnight as a local time.
pub fn at(day: NaiveDate, minutes: u16) -> NaiveDateTime {
    day.and_time(
        NaiveTime::from_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0)
            .expect("minutes within a day"),
    )
}

/// Places every request; the answers come back in the requests' order.
pub fn plan(settings: &Settings, requests: &[Request], busy: &[Busy]) -> Vec<Placement> {
    let mut calendar = Calendar::with(busy);
    let length = Duration::minutes(i64::from(settings.minutes));
    let mut answers = vec![Placement::Unplaced(Unplaced::NoCommonTime); requests.len()];
    let mut choices: Vec<(usize, Vec<NaiveDateTime>)> = Vec::with_capacity(requests.len());
    for (index, request) in requests.iter().enumerate() {
        let (mentor, mentee) = (
            request.mentor_week.is_empty(),
            request.mentee_week.is_empty(),
        );
        if mentor || mentee {
            answers[index] = Placement::Unplaced(Unplaced::NoAvailability { mentor, mentee });
            continue;
        }
        let mut starts = options(settings, request.mentor_week, request.mentee_week);
        if let Some(after) = request.not_before {
            starts.retain(|start| *start >= after);
        }
        if starts.is_empty() {
            continue;
        }
        choices.push((index, starts));
    }
    // The most constrained pairs first; among equals, the earliest possible
    // first, then the caller's order, so the plan is the same every time.
    choices.sort_by(|(i, a), (j, b)| a.len().cmp(&b.len()).then(a[0].cmp(&b[0])).then(i.cmp(j)));
    for (index, starts) in choices {
        let request = &requests[index];
        let people = [request.mentor, request.mentee];
        let free = starts.iter().copied().find(|&start| {
            let end = start + length;
            people.iter().all(|&person| {
                calendar.on_day(person, start.date()) < settings.max_per_day
                    && calendar.clash(person, start, end).is_none()
            })
        });
        answers[index] = match free {
            Some(start) => {
                for person in people {
                    calendar.add(person, start, start + length);
                }
                Placement::At(start)
            }
            None => Placement::Unplaced(Unplaced::NoFreeSlot {
                options: starts.len(),
            }),
        };
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participant::availability::Slot;
    use chrono::Timelike;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    /// Monday 4 to Friday 15 January 2027, 9:00–17:00, one-hour talks, weekends closed.
    fn settings() -> Settings {
        Settings {
            from: day(4),
            to: day(15),
            minutes: 60,
            day_start: 9 * 60,
            day_end: 17 * 60,
            closed: BTreeSet::new(),
            closed_weekdays: [6, 7].into(),
            max_per_day: 2,
        }
    }

    fn week(text: &str) -> Availability {
        Availability::parse(text).unwrap()
    }

    #[test]
    fn a_mentor_with_three_mentees_gets_three_different_times() {
        let marie = week("wo 9-12");
        let others = week("ma 9-17, di 9-17, wo 9-17, do 9-17, vr 9-17");
        let requests: Vec<Request> = (2..5)
            .map(|mentee| Request {
                mentor: 1,
                mentee,
                mentor_week: &marie,
                mentee_week: &others,
                not_before: None,
            })
            .collect();
        let placed = plan(&settings(), &requests, &[]);
        let times: Vec<_> = placed
            .iter()
            .map(|p| match p {
                Placement::At(t) => *t,
                other => panic!("placed: {other:?}"),
            })
            .collect();
        // Wednesday 6 January 9:00 and 10:00 (two a day at most), then Wednesday 13 at 9:00.
        assert_eq!(times, [at(day(6), 540), at(day(6), 600), at(day(13), 540)]);
    }

    #[test]
    fn closed_days_hours_and_the_grid_are_kept() {
        let mut s = settings();
        s.closed.insert(day(6));
        s.day_start = 9 * 60 + 10;
        let a = week("wo 8-12, do 16-18");
        let b = week("wo 9-17, do 9-17");
        let starts = options(&s, &a, &b);
        // Wednesday 6 is closed; Wednesday 13 from 9:15 (the grid after 9:10)
        // to 11:00; Thursdays only 16:00 (talks end by 17:00).
        assert_eq!(starts.first(), Some(&at(day(7), 960)));
        assert!(starts.contains(&at(day(13), 555)));
        assert!(starts.contains(&at(day(13), 660)));
        assert!(!starts.contains(&at(day(13), 675)));
        assert!(starts.iter().all(|t| t.date() != day(6)));
    }

    #[test]
    fn every_unplaced_pair_says_why() {
        let empty = Availability::default();
        let wednesday = week("wo 9-12");
        let friday = week("vr 9-17");
        let requests = [
            Request {
                mentor: 1,
                mentee: 2,
                mentor_week: &empty,
                mentee_week: &friday,
                not_before: None,
            },
            Request {
                mentor: 3,
                mentee: 4,
                mentor_week: &wednesday,
                mentee_week: &friday,
                not_before: None,
            },
            Request {
                mentor: 5,
                mentee: 6,
                mentor_week: &wednesday,
                mentee_week: &wednesday,
                not_before: None,
            },
        ];
        let mut s = settings();
        s.to = day(6);
        // Person 5 is busy all Wednesday morning already.
        let busy = [Busy {
            person: 5,
            start: at(day(6), 480),
            end: at(day(6), 720),
        }];
        assert_eq!(
            plan(&s, &requests, &busy),
            [
                Placement::Unplaced(Unplaced::NoAvailability {
                    mentor: true,
                    mentee: false
                }),
                Placement::Unplaced(Unplaced::NoCommonTime),
                Placement::Unplaced(Unplaced::NoFreeSlot { options: 9 }),
            ]
        );
    }

    /// A small deterministic generator, so the property test needs no crate.
    struct Random(u64);
    impl Random {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }
    }

    fn random_week(r: &mut Random) -> Availability {
        // Now and then nobody's time at all; mostly a few slots on weekdays.
        let slots = (0..r.next(5))
            .map(|_| {
                let start = 8 * 60 + r.next(18) as u16 * 30;
                Slot {
                    weekday: 1 + r.next(6) as u8,
                    start,
                    end: (start + 30 + r.next(14) as u16 * 30).min(1440),
                }
            })
            .collect();
        Availability::from_slots(slots)
    }

    #[test]
    fn nobody_is_ever_in_two_talks_at_once() {
        let mut r = Random(0x9E37_79B9_7F4A_7C15);
        // How often each answer came, so the test is known to test something.
        let (mut placed_total, mut blocked_total) = (0, 0);
        for round in 0..500 {
            let people = 2 + r.next(8) as i64;
            let weeks: Vec<Availability> = (0..people).map(|_| random_week(&mut r)).collect();
            let mut s = settings();
            s.minutes = [30, 45, 60, 90][r.next(4) as usize];
            s.max_per_day = 1 + r.next(3) as u8;
            s.to = day(4 + r.next(12) as u32);
            if r.next(2) == 0 {
                s.closed.insert(day(5 + r.next(5) as u32));
            }
            let pairs: Vec<(i64, i64)> = (0..r.next(20))
                .map(|_| (r.next(people as u64) as i64, r.next(people as u64) as i64))
                .filter(|(a, b)| a != b)
                .collect();
            let requests: Vec<Request> = pairs
                .iter()
                .map(|&(a, b)| Request {
                    mentor: a,
                    mentee: b,
                    mentor_week: &weeks[a as usize],
                    mentee_week: &weeks[b as usize],
                    not_before: None,
                })
                .collect();
            let busy: Vec<Busy> = (0..r.next(4))
                .map(|_| {
                    let start = at(day(4 + r.next(10) as u32), 9 * 60 + r.next(16) as u16 * 30);
                    Busy {
                        person: r.next(people as u64) as i64,
                        start,
                        end: start + Duration::minutes(60),
                    }
                })
                .collect();
            let placed = plan(&s, &requests, &busy);
            let length = Duration::minutes(i64::from(s.minutes));
            let mut talks: Vec<(i64, NaiveDateTime, NaiveDateTime)> =
                busy.iter().map(|b| (b.person, b.start, b.end)).collect();
            let before = talks.clone();
            for (request, placement) in requests.iter().zip(&placed) {
                match placement {
                    Placement::At(start) => {
                        let end = *start + length;
                        let minute =
                            |t: NaiveDateTime| (t.time().hour() * 60 + t.time().minute()) as u16;
                        let weekday = start.date().weekday().number_from_monday() as u8;
                        assert!(
                            start.date() >= s.from && start.date() <= s.to,
                            "round {round}"
                        );
                        assert!(
                            !s.closed.contains(&start.date()) && weekday < 6,
                            "round {round}"
                        );
                        assert!(minute(*start) >= s.day_start && minute(end) <= s.day_end);
                        for w in [request.mentor_week, request.mentee_week] {
                            assert!(
                                w.slots().iter().any(|slot| slot.weekday == weekday
                                    && slot.start <= minute(*start)
                                    && minute(end) <= slot.end),
                                "round {round}: inside both people's availability"
                            );
                        }
                        talks.push((request.mentor, *start, end));
                        talks.push((request.mentee, *start, end));
                        placed_total += 1;
                    }
                    Placement::Unplaced(Unplaced::NoFreeSlot { .. }) => {
                        // Every common option really was blocked.
                        let starts = options(&s, request.mentor_week, request.mentee_week);
                        assert!(!starts.is_empty());
                        blocked_total += 1;
                    }
                    Placement::Unplaced(_) => {}
                }
            }
            for (i, a) in talks.iter().enumerate() {
                for b in &talks[i + 1..] {
                    let both_old = before.contains(a) && before.contains(b);
                    assert!(
                        both_old || a.0 != b.0 || a.2 <= b.1 || b.2 <= a.1,
                        "round {round}: person {} double-booked: {a:?} and {b:?}",
                        a.0
                    );
                }
            }
            let mut per_day: HashMap<(i64, NaiveDate), u8> = HashMap::new();
            for t in &talks {
                *per_day.entry((t.0, t.1.date())).or_default() += 1;
            }
            for (request, placement) in requests.iter().zip(&placed) {
                if let Placement::At(start) = placement {
                    for person in [request.mentor, request.mentee] {
                        assert!(
                            per_day[&(person, start.date())]
                                <= s.max_per_day.max(
                                    before
                                        .iter()
                                        .filter(|b| b.0 == person && b.1.date() == start.date())
                                        .count() as u8
                                )
                        );
                    }
                }
            }
        }
        eprintln!("placed {placed_total}, no free time {blocked_total}");
        assert!(
            placed_total > 300 && blocked_total > 20,
            "placed {placed_total}, blocked {blocked_total}"
        );
    }
}
