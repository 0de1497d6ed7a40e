//! E-mail drafts as `.eml` files: an RFC 5322 message with MIME parts
//! (RFC 2045–2047, file names by RFC 2231) and `X-Unsent: 1`, which makes
//! Outlook open it as a draft to send rather than as a received message.
//! Every part is base64, so no line of text can be mistaken for a boundary
//! and any language survives any mail program; headers with letters beyond
//! ASCII are encoded words.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::NaiveDateTime;

/// Someone the message is from or to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub name: String,
    pub email: String,
}

/// A file sent with the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    /// The MIME type, e.g. `application/pdf`.
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A message ready to be written as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub from: Option<Address>,
    pub to: Vec<Address>,
    /// Recipients who should not see each other (a thank-you to everyone).
    pub bcc: Vec<Address>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// The boundary between parts: `=` and `_` never occur together in base64
/// lines, and parts are base64, so it cannot occur inside one.
const BOUNDARY: &str = "=_klik_part_boundary_=";

/// The draft as the bytes of an `.eml` file, dated `utc`.
pub fn write(draft: &Draft, utc: NaiveDateTime) -> Vec<u8> {
    let mut out = String::new();
    let mut header = |name: &str, value: String| {
        out.push_str(&fold(&format!("{name}: {value}")));
        out.push_str("\r\n");
    };
    if let Some(from) = &draft.from {
        header("From", address(from));
    }
    if !draft.to.is_empty() {
        header("To", addresses(&draft.to));
    }
    if !draft.bcc.is_empty() {
        header("Bcc", addresses(&draft.bcc));
    }
    header("Subject", encoded_words(&draft.subject));
    header(
        "Date",
        utc.format("%a, %d %b %Y %H:%M:%S +0000").to_string(),
    );
    header("MIME-Version", "1.0".into());
    header("X-Unsent", "1".into());
    let text_part = format!(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
        base64_lines(normalised(&draft.body).as_bytes())
    );
    if draft.attachments.is_empty() {
        out.push_str(&text_part);
        return out.into_bytes();
    }
    out.push_str(&format!(
        "Content-Type: multipart/mixed; boundary=\"{BOUNDARY}\"\r\n\r\n"
    ));
    out.push_str("This is a message in MIME format.\r\n");
    out.push_str(&format!("--{BOUNDARY}\r\n{text_part}"));
    for file in &draft.attachments {
        out.push_str(&format!("--{BOUNDARY}\r\n"));
        let name = file_name_parameters(&file.file_name);
        out.push_str(&fold(&format!(
            "Content-Type: {}; {}",
            file.media_type, name.0
        )));
        out.push_str("\r\nContent-Transfer-Encoding: base64\r\n");
        out.push_str(&fold(&format!(
            "Content-Disposition: attachment; {}",
            name.1
        )));
        out.push_str("\r\n\r\n");
        out.push_str(&base64_lines(&file.bytes));
    }
    out.push_str(&format!("--{BOUNDARY}--\r\n"));
    out.into_bytes()
}

/// Text with CRLF line ends, as mail wants it.
fn normalised(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Base64 in lines of 76 characters, each ended by CRLF.
fn base64_lines(bytes: &[u8]) -> String {
    let encoded = STANDARD.encode(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 38 + 2);
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push_str("\r\n");
    }
    out
}

/// Printable ASCII without the characters that would end a header or a
/// quoted string.
fn plain(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\')
}

/// A header value in RFC 2047 encoded words (UTF-8, base64) when it holds
/// more than plain ASCII; each word stays under 76 characters and breaks
/// only between characters.
fn encoded_words(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    if plain(&text) {
        return text;
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        // 39 bytes become 52 base64 characters: 64 with "=?UTF-8?B?" and
        // "?=", so that even the first word beside "Subject: " fits in 78.
        if chunk.len() + c.len_utf8() > 39 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", STANDARD.encode(w.as_bytes())))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Name <address>`, the name quoted or encoded as needed.
fn address(a: &Address) -> String {
    let name = a.name.trim();
    let email: String = a
        .email
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && !"<>,;\"".contains(*c))
        .collect();
    if name.is_empty() {
        format!("<{email}>")
    } else if plain(name) {
        format!("\"{name}\" <{email}>")
    } else {
        format!("{} <{email}>", encoded_words(name))
    }
}

fn addresses(list: &[Address]) -> String {
    list.iter().map(address).collect::<Vec<_>>().join(", ")
}

/// The `name=` parameter of the content type and the `filename=` of the
/// disposition: plain ASCII as it is, else an ASCII stand-in for old
/// programs and the exact name in RFC 2231 form.
fn file_name_parameters(name: &str) -> (String, String) {
    if plain(name) {
        return (format!("name=\"{name}\""), format!("filename=\"{name}\""));
    }
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && plain(&c.to_string()) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut exact = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            exact.push(b as char);
        } else {
            exact.push_str(&format!("%{b:02X}"));
        }
    }
    (
        format!("name=\"{fallback}\""),
        format!("filename=\"{fallback}\"; filename*=UTF-8''{exact}"),
    )
}

/// Folds a header line at spaces so that no line is longer than 78
/// characters where a space allows it.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            if current.len() + 1 + word.len() > 76 {
                out.push_str(&current);
                out.push_str("\r\n");
                current = format!(" {word}");
                continue;
            }
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push_str(&current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> NaiveDateTime {
        crate::clock::pinned("2026-12-01T08:15:00").unwrap()
    }

    fn draft() -> Draft {
        Draft {
            from: Some(Address {
                name: "Anaïs Peeters".into(),
                email: "anais@devries.be".into(),
            }),
            to: vec![
                Address {
                    name: "Zoë Peeters".into(),
                    email: "zoe@devries.be".into(),
                },
                Address {
                    name: "Jan Claes".into(),
                    email: "jan@devries.be".into(),
                },
            ],
            bcc: vec![],
            subject: "Jullie intakegesprek — ‘klik’ of niet? Een heel lange onderwerpregel".into(),
            body: "Dag Zoë,\nTot dan!\n".into(),
            attachments: vec![Attachment {
                file_name: "Intakegesprek Zoë.ics".into(),
                media_type: "text/calendar",
                bytes: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
            }],
        }
    }

    #[test]
    fn a_draft_is_marked_unsent_and_every_line_is_short_and_ascii() {
        let bytes = write(&draft(), utc());
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("\r\nX-Unsent: 1\r\n"));
        assert!(text.contains("Date: Tue, 01 Dec 2026 08:15:00 +0000\r\n"));
        let unfolded = text.replace("\r\n ", " ");
        assert!(
            unfolded.contains("\"Jan Claes\" <jan@devries.be>"),
            "{text}"
        );
        assert!(text.contains("=?UTF-8?B?"));
        assert!(text.contains("filename*=UTF-8''Intakegesprek%20Zo%C3%AB.ics"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 78, "{line}");
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(text.ends_with(&format!("--{BOUNDARY}--\r\n")));
    }

    #[test]
    fn encoded_words_round_trip_and_split_between_characters() {
        let subject = "Één programma, één klik — ‘Groeien in je rol’ 2027 €€€€€€€€€€";
        let encoded = encoded_words(subject);
        let decoded: String = encoded
            .split(' ')
            .map(|w| {
                let inner = w
                    .strip_prefix("=?UTF-8?B?")
                    .unwrap()
                    .strip_suffix("?=")
                    .unwrap();
                String::from_utf8(STANDARD.decode(inner).unwrap()).unwrap()
            })
            .collect();
        assert_eq!(decoded, subject);
        assert!(encoded.split(' ').all(|w| w.len() <= 75));
        assert_eq!(encoded_words("Plain subject"), "Plain subject");
    }

    #[test]
    fn header_injection_is_impossible() {
        let mut d = draft();
        d.subject = "Hi\r\nBcc: evil@example.com".into();
        d.to[0].email = "zoe@devries.be>\r\nBcc: evil@example.com".into();
        let text = String::from_utf8(write(&d, utc())).unwrap();
        assert!(!text.contains("\r\nBcc:"), "{text}");
    }
}
