//! Calendar files (RFC 5545) for intake talks: one event per talk, its
//! times in Europe/Brussels with the time zone spelt out, so that Outlook,
//! Google Calendar and Apple Calendar show the same hour, and a stable UID
//! with a SEQUENCE that grows on every change, so that a moved talk updates
//! the event instead of adding a second one.

use chrono::{Duration, NaiveDateTime};

/// The time zone of every local time Klik writes.
pub const TIME_ZONE: &str = "Europe/Brussels";

/// Central European time with its summer time rules (since 1996, unchanged).
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Brussels",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Someone invited, or the organiser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// One talk as a calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable for the talk's whole life.
    pub uid: String,
    /// 0 when first sent; one more after each change.
    pub sequence: u32,
    /// Local time in Europe/Brussels.
    pub start: NaiveDateTime,
    pub minutes: u16,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub organiser: Option<Person>,
    pub attendees: Vec<Person>,
    /// When the file is made, in UTC.
    pub stamp: NaiveDateTime,
    /// A cancelled talk, so that calendars remove it.
    pub cancelled: bool,
}

/// A calendar file holding `events`, with CRLF line ends and long lines folded.
pub fn calendar(events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Klik//Klik mentoring//NL".into(),
        "CALSCALE:GREGORIAN".into(),
    ];
    // An invitation (REQUEST) names its organiser; without one the file is a
    // plain calendar to import, which every program accepts as well.
    if !events.is_empty() && events.iter().all(|e| e.organiser.is_some()) {
        lines.push(
            if events.iter().all(|e| e.cancelled) {
                "METHOD:CANCEL"
            } else {
                "METHOD:REQUEST"
            }
            .into(),
        );
    }
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    for e in events {
        let local = |t: NaiveDateTime| format!("TZID={TIME_ZONE}:{}", t.format("%Y%m%dT%H%M%S"));
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("SEQUENCE:{}", e.sequence));
        lines.push(format!("DTSTAMP:{}", e.stamp.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("DTSTART;{}", local(e.start)));
        lines.push(format!(
            "DTEND;{}",
            local(e.start + Duration::minutes(i64::from(e.minutes)))
        ));
        lines.push(format!("SUMMARY:{}", text(&e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", text(&e.description)));
        }
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", text(&e.location)));
        }
        if let Some(o) = &e.organiser {
            lines.push(format!("ORGANIZER;CN={}:mailto:{}", name(&o.name), o.email));
        }
        for a in &e.attendees {
            lines.push(format!(
                "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
                name(&a.name),
                a.email
            ));
        }
        lines.push(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        lines.push("TRANSP:OPAQUE".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A CN parameter: always quoted; quotes and control characters cannot appear in one.
fn name(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Appends one content line, folded after 75 octets (never inside a
/// character), each physical line ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if used + size > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += size;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn event() -> Event {
        let day = NaiveDate::from_ymd_opt(2027, 1, 6).unwrap();
        Event {
            uid: "intake-7-3f2a@klik".into(),
            sequence: 2,
            start: day.and_hms_opt(10, 0, 0).unwrap(),
            minutes: 60,
            summary: "Kennismakingsgesprek Zoë Peeters & Marie Dubois".into(),
            description: "Eerste gesprek; kijk of er een klik is.\nVragen: wat wil je leren, hoe vaak, wat blijft tussen ons?".into(),
            location: "Vergaderzaal De Haven, 2de verdieping".into(),
            organiser: Some(Person { name: "An \"HR\" Claes".into(), email: "an@devries.be".into() }),
            attendees: vec![
                Person { name: "Zoë Peeters".into(), email: "zoe@devries.be".into() },
                Person { name: "Marie Dubois".into(), email: "marie@devries.be".into() },
            ],
            stamp: day.and_hms_opt(8, 30, 0).unwrap(),
            cancelled: false,
        }
    }

    #[test]
    fn an_event_has_every_required_line_in_brussels_time() {
        let ics = calendar(&[event()]);
        for line in [
            "BEGIN:VCALENDAR\r\n",
            "METHOD:REQUEST\r\n",
            "TZID:Europe/Brussels\r\n",
            "UID:intake-7-3f2a@klik\r\n",
            "SEQUENCE:2\r\n",
            "DTSTAMP:20270106T083000Z\r\n",
            "DTSTART;TZID=Europe/Brussels:20270106T100000\r\n",
            "DTEND;TZID=Europe/Brussels:20270106T110000\r\n",
            "LOCATION:Vergaderzaal De Haven\\, 2de verdieping\r\n",
            "ORGANIZER;CN=\"An HR Claes\":mailto:an@devries.be\r\n",
        ] {
            assert!(ics.contains(line), "{line:?} in\n{ics}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("Eerste gesprek\\; kijk of er een klik is.\\nVragen:"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut e = event();
        e.description = "ë".repeat(100);
        let ics = calendar(&[e]);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", "ë".repeat(100))));
    }

    #[test]
    fn without_an_organiser_the_file_is_a_plain_calendar() {
        let mut e = event();
        e.organiser = None;
        let ics = calendar(&[e]);
        assert!(!ics.contains("METHOD:"));
        assert!(!ics.contains("ORGANIZER"));
        assert!(ics.contains("ATTENDEE;CN=\"Zoë Peeters\""));
    }
}
