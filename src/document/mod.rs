//! Printed documents: a small layout layer of Klik's own on top of printpdf.
//!
//! A [`Document`] is a list of [`Block`]s (headings, paragraphs, label–value
//! fields, lists, tables, signature lines, bar charts, blocks kept together);
//! [`render`] lays them out on A4 pages with the organisation's name and logo
//! in the header and the title, date and "page x of y" in the footer, embeds
//! the subset fonts and writes the PDF with its metadata. Every document Klik
//! prints (agreements, intake guides, schedules, reports, certificates) is
//! made this way, so they all look alike and all behave the same.

pub mod font;
pub mod image;
pub mod layout;
mod pdf;

use chrono::NaiveDateTime;

use crate::i18n::Texts;

pub use pdf::render;

/// One part of a document's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title, large.
    Title(String),
    Heading(String),
    /// Text, wrapped; `\n` starts a new line.
    Paragraph(String),
    /// Small grey text (a hint, a remark).
    Note(String),
    /// Label–value pairs, the labels in bold.
    Fields(Vec<(String, String)>),
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Table(Table),
    /// Blocks that start on a new page rather than split (unless taller than a page).
    KeepTogether(Vec<Block>),
    /// Vertical space in points.
    Space(f32),
    PageBreak,
    /// Signature boxes side by side: role, name, date and a line to sign on.
    Signatures(Vec<Signature>),
    Chart(Chart),
}

/// A table with borders; the header row comes back on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths; a column is never narrower than its widest
    /// word (up to an equal share of the page), the others share the rest.
    pub columns: Vec<f32>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One signature box.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub role: String,
    pub name: String,
    pub date_label: String,
    pub signature_label: String,
    /// The date already signed on, if any.
    pub date: Option<String>,
}

/// A simple bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<(String, f64)>,
    /// Vertical bars (labels below) instead of horizontal ones.
    pub vertical: bool,
    /// Written after each value ("%", "h"); may be empty.
    pub unit: String,
}

/// A document to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// In the footer and the PDF's metadata.
    pub title: String,
    /// The organisation: in the header and as the PDF's author.
    pub organisation: String,
    /// The logo's PNG or JPEG bytes, if the organisation has one.
    pub logo: Option<Vec<u8>>,
    /// The language the document is written in (`nl`, `en`, `fr`).
    pub language: String,
    pub created: NaiveDateTime,
    pub blocks: Vec<Block>,
}

/// What every page's header shows and the PDF's metadata says: plain
/// values, so that this layer knows nothing of where they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The organisation: in the header and as the PDF's author.
    pub organisation: String,
    /// The logo's PNG or JPEG bytes, if the organisation has one.
    pub logo: Option<Vec<u8>>,
    /// The language the document is written in (`nl`, `en`, `fr`).
    pub language: String,
}

impl Document {
    pub fn new(
        header: Header,
        title: String,
        blocks: Vec<Block>,
        created: NaiveDateTime,
    ) -> Document {
        Document {
            title,
            organisation: header.organisation,
            logo: header.logo,
            language: header.language,
            created,
            blocks,
        }
    }
}

/// A finished PDF and what the reader should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the font cannot draw; they are printed as `?`.
    pub missing: Vec<char>,
    /// The logo could not be read and was left out.
    pub logo_left_out: bool,
}

impl Pdf {
    /// What the reader should know, as sentences (none when all went well).
    pub fn warnings(&self, texts: &Texts) -> Vec<String> {
        let mut warnings = Vec::new();
        if !self.missing.is_empty() {
            let shown: String = self.missing.iter().collect();
            warnings.push(texts.format("document.missing_characters", &[("characters", &shown)]));
        }
        if self.logo_left_out {
            warnings.push(texts.get("document.logo_left_out").to_string());
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            title: "Rapport — ‘klik’ €".into(),
            organisation: "De Vries Logistiek".into(),
            logo: Some(b"not an image".to_vec()),
            language: "nl".into(),
            created: chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            blocks,
        }
    }

    /// The text operators' strings of a laid-out document, in order.
    fn drawn(blocks: &[Block]) -> Vec<String> {
        layout::lay_out(blocks)
            .pages
            .iter()
            .flatten()
            .filter_map(|d| match d {
                layout::Draw::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn charts_label_every_bar_with_its_value() {
        let bars = vec![
            ("Gehouden".to_string(), 42.0),
            ("Gepland".to_string(), 58.5),
        ];
        for vertical in [false, true] {
            let chart = Block::Chart(Chart {
                title: "Gesprekken per maand".into(),
                bars: bars.clone(),
                vertical,
                unit: "%".into(),
            });
            let texts = drawn(&[chart]);
            for expected in [
                "Gesprekken per maand",
                "Gehouden",
                "Gepland",
                "42 %",
                "58.5 %",
            ] {
                assert!(
                    texts.iter().any(|t| t == expected),
                    "{expected} in {texts:?}"
                );
            }
        }
    }

    #[test]
    fn a_logo_that_is_no_image_is_left_out_and_said() {
        let pdf = render(&document(vec![
            Block::Paragraph("Tekst".into()),
            Block::List {
                ordered: true,
                items: vec!["een".into(), "twee".into()],
            },
        ]))
        .unwrap();
        assert!(pdf.logo_left_out);
        assert_eq!(pdf.pages, 1);
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert_eq!(
            pdf.warnings(&Texts::for_language("en")),
            ["The logo could not be read as an image and was left out of the document."]
        );
        let text = String::from_utf8_lossy(&pdf.bytes);
        assert!(text.contains("/Lang"), "the language is in the catalogue");
    }
}
