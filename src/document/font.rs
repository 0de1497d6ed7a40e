//! The fonts every Klik document uses, and how wide text set in them is.
//!
//! Liberation Sans (SIL Open Font License 1.1, see `fonts/LICENSE.txt`) is
//! embedded in the program and, subset, in every PDF: the same letters on
//! every computer, and every character of Dutch, French and English text.
//! Widths come from the font's own advance table, so lines break where the
//! printed text really ends.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The regular face.
pub const REGULAR: &[u8] = include_bytes!("fonts/LiberationSans-Regular.ttf");
/// The bold face.
pub const BOLD: &[u8] = include_bytes!("fonts/LiberationSans-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

/// Advance widths of one face, in font units, by character.
pub struct Metrics {
    units_per_em: f32,
    advances: HashMap<char, u16>,
}

impl Metrics {
    fn load(bytes: &[u8]) -> Metrics {
        let face = ttf_parser::Face::parse(bytes, 0).expect("the embedded font parses");
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|code| {
                    if let Some(c) = char::from_u32(code)
                        && let Some(glyph) = subtable.glyph_index(code)
                        && let Some(advance) = face.glyph_hor_advance(glyph)
                    {
                        advances.entry(c).or_insert(advance);
                    }
                });
            }
        }
        Metrics {
            units_per_em: f32::from(face.units_per_em()),
            advances,
        }
    }

    /// The metrics of a face, read once per run.
    pub fn of(face: Face) -> &'static Metrics {
        static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
        static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
        match face {
            Face::Regular => REGULAR_METRICS.get_or_init(|| Metrics::load(REGULAR)),
            Face::Bold => BOLD_METRICS.get_or_init(|| Metrics::load(BOLD)),
        }
    }

    /// Whether the font can draw this character.
    pub fn has(&self, c: char) -> bool {
        self.advances.contains_key(&c)
    }

    /// The width of `text` at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advances.get(&c).copied().unwrap_or(0)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}

/// Text the fonts can draw: characters they lack become `?`, and are
/// reported, so a document never silently drops a letter.
pub fn printable(text: &str, missing: &mut Vec<char>) -> String {
    let regular = Metrics::of(Face::Regular);
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            // A soft hyphen and zero-width spaces are hints, not letters.
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => '\u{200B}',
            c if c.is_control() => ' ',
            c if regular.has(c) => c,
            c => {
                if !missing.contains(&c) {
                    missing.push(c);
                }
                '?'
            }
        })
        .filter(|c| *c != '\u{200B}')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_french_and_english_letters_are_all_there() {
        let regular = Metrics::of(Face::Regular);
        let bold = Metrics::of(Face::Bold);
        for c in "ëéèïçôüàâêîûœÉÈÇ€‘’“”–—…«»".chars() {
            assert!(regular.has(c) && bold.has(c), "{c} is missing");
        }
    }

    #[test]
    fn widths_follow_the_font() {
        let regular = Metrics::of(Face::Regular);
        assert!(regular.width("W", 10.0) > regular.width("i", 10.0));
        let size_10 = regular.width("Mentoring", 10.0);
        assert!((regular.width("Mentoring", 20.0) - 2.0 * size_10).abs() < 0.01);
        assert!(Metrics::of(Face::Bold).width("Mentoring", 10.0) > size_10);
    }

    #[test]
    fn characters_the_font_lacks_are_replaced_and_reported() {
        let mut missing = Vec::new();
        assert_eq!(
            printable("klik 🤝 ok\u{00AD}\n", &mut missing),
            "klik ? ok "
        );
        assert_eq!(missing, vec!['🤝']);
    }
}
