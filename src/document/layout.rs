//! Laying out a document's blocks on A4 pages: lines broken by real glyph
//! widths, tables whose header rows come back after a page break, blocks
//! that must stay together, and simple bar charts. The result is a list of
//! pages, each a list of things to draw at positions in points (origin at
//! the bottom left, as PDF has it); `pdf.rs` turns them into a file.

use super::font::{Face, Metrics, printable};
use super::{Block, Chart, Signature, Table};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm left and right.
pub const MARGIN: f32 = 56.7;
/// Where the body starts (below the header) and must end (above the footer).
pub const BODY_TOP: f32 = PAGE_HEIGHT - 92.0;
pub const BODY_BOTTOM: f32 = 70.0;
pub const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

pub const BODY_SIZE: f32 = 10.0;
const LEADING: f32 = 1.38;
const CELL_PADDING: f32 = 4.0;

/// A colour as red, green, blue from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

pub const INK: Colour = Colour(0.11, 0.14, 0.17);
pub const GREY: Colour = Colour(0.38, 0.42, 0.46);
pub const RULE: Colour = Colour(0.72, 0.75, 0.78);
pub const SHADE: Colour = Colour(0.92, 0.94, 0.95);
/// Klik's teal, for headings and bars.
pub const ACCENT: Colour = Colour(0.07, 0.42, 0.42);

/// One thing to draw on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// Text whose baseline starts at (x, y).
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        colour: Colour,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        colour: Colour,
    },
    /// A filled rectangle with its lower left corner at (x, y).
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Colour,
    },
}

/// The laid-out pages and the characters the font could not draw.
pub struct Laid {
    pub pages: Vec<Vec<Draw>>,
    pub missing: Vec<char>,
}

/// Lays out blocks on as many pages as they need.
pub fn lay_out(blocks: &[Block]) -> Laid {
    let mut layout = Layout::new();
    layout.blocks(blocks);
    Laid {
        pages: layout.pages,
        missing: layout.missing,
    }
}

fn line_height(size: f32) -> f32 {
    size * LEADING
}

/// Breaks text into lines no wider than `width`: at spaces where it can,
/// inside a word only when the word alone is wider than a line.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let metrics = Metrics::of(face);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if metrics.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line (a long address, a code) is cut where it must be.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if metrics.width(&piece, size) > width && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

struct Layout {
    pages: Vec<Vec<Draw>>,
    /// The top of the free space on the current page.
    y: f32,
    missing: Vec<char>,
    /// Only for measuring: the page never ends.
    bottom: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: BODY_TOP,
            missing: Vec::new(),
            bottom: BODY_BOTTOM,
        }
    }

    /// A layout on one endless page, to measure how tall blocks are.
    fn measuring() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: 0.0,
            missing: Vec::new(),
            bottom: f32::MIN,
        }
    }

    fn draw(&mut self, item: Draw) {
        self.pages
            .last_mut()
            .expect("there is always a page")
            .push(item);
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = BODY_TOP;
    }

    fn at_top(&self) -> bool {
        self.y >= BODY_TOP - 0.01 || self.bottom == f32::MIN
    }

    /// Makes room for `height`: a new page when it does not fit here.
    fn room(&mut self, height: f32) {
        if self.y - height < self.bottom && !self.at_top() {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, face: Face, size: f32, colour: Colour, text: &str) {
        if !text.is_empty() {
            self.draw(Draw::Text {
                x,
                y: baseline,
                face,
                size,
                colour,
                text: text.to_string(),
            });
        }
    }

    fn clean(&mut self, text: &str) -> String {
        text.split('\n')
            .map(|line| printable(line, &mut self.missing))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Lines of text, each moved to a new page when the page is full.
    fn lines(&mut self, text: &str, x: f32, width: f32, face: Face, size: f32, colour: Colour) {
        let text = self.clean(text);
        let height = line_height(size);
        for line in wrap(&text, face, size, width) {
            self.room(height);
            self.text(x, self.y - size, face, size, colour, &line);
            self.y -= height;
        }
    }

    /// Blocks in order; a heading looks ahead to keep what it introduces.
    fn blocks(&mut self, blocks: &[Block]) {
        for (k, block) in blocks.iter().enumerate() {
            match block {
                Block::Heading(text) => self.heading(text, kept_with_heading(&blocks[k + 1..])),
                _ => self.block(block),
            }
        }
    }

    /// A heading never ends a page: `after` points of what follows (two
    /// lines, or a short lead-in and the start of a table) stay with it,
    /// unless that would take more than half a page.
    fn heading(&mut self, text: &str, after: f32) {
        self.y -= 10.0;
        let own = {
            let clean = self.clean(text);
            wrap(&clean, Face::Bold, 13.0, BODY_WIDTH).len() as f32 * line_height(13.0) + 2.0
        };
        let least = line_height(13.0) + 2.0 * line_height(BODY_SIZE);
        let wanted = own + after;
        self.room(if wanted <= (BODY_TOP - BODY_BOTTOM) / 2.0 {
            wanted
        } else {
            least
        });
        self.lines(text, MARGIN, BODY_WIDTH, Face::Bold, 13.0, ACCENT);
        self.y -= 2.0;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(text) => {
                self.lines(text, MARGIN, BODY_WIDTH, Face::Bold, 20.0, INK);
                self.y -= 6.0;
            }
            Block::Heading(text) => self.heading(text, 2.0 * line_height(BODY_SIZE)),
            Block::Paragraph(text) => {
                self.lines(text, MARGIN, BODY_WIDTH, Face::Regular, BODY_SIZE, INK);
                self.y -= 4.0;
            }
            Block::Note(text) => {
                self.lines(text, MARGIN, BODY_WIDTH, Face::Regular, 8.5, GREY);
                self.y -= 4.0;
            }
            Block::Fields(fields) => self.fields(fields),
            Block::List { ordered, items } => self.list(*ordered, items),
            Block::Table(table) => self.table(table),
            Block::KeepTogether(blocks) => {
                let height = measure(blocks);
                if height <= BODY_TOP - BODY_BOTTOM {
                    self.room(height);
                }
                self.blocks(blocks);
            }
            Block::Space(points) => self.y -= points,
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
            Block::Signatures(signatures) => self.signatures(signatures),
            Block::Chart(chart) => self.chart(chart),
        }
    }

    /// Label–value pairs: labels in bold in a narrow column, values wrapped beside them.
    fn fields(&mut self, fields: &[(String, String)]) {
        let label_width = BODY_WIDTH * 0.32;
        let value_x = MARGIN + label_width + 8.0;
        let value_width = BODY_WIDTH - label_width - 8.0;
        let height = line_height(BODY_SIZE);
        for (label, value) in fields {
            let label = self.clean(label);
            let value = self.clean(value);
            let labels = wrap(&label, Face::Bold, BODY_SIZE, label_width);
            let values = wrap(&value, Face::Regular, BODY_SIZE, value_width);
            self.room(height * labels.len().clamp(1, 3) as f32);
            for k in 0..labels.len().max(values.len()) {
                self.room(height);
                let baseline = self.y - BODY_SIZE;
                if let Some(l) = labels.get(k) {
                    self.text(MARGIN, baseline, Face::Bold, BODY_SIZE, INK, l);
                }
                if let Some(v) = values.get(k) {
                    self.text(value_x, baseline, Face::Regular, BODY_SIZE, INK, v);
                }
                self.y -= height;
            }
            self.y -= 2.0;
        }
        self.y -= 2.0;
    }

    fn list(&mut self, ordered: bool, items: &[String]) {
        let indent = 16.0;
        let height = line_height(BODY_SIZE);
        for (k, item) in items.iter().enumerate() {
            let item = self.clean(item);
            let lines = wrap(&item, Face::Regular, BODY_SIZE, BODY_WIDTH - indent);
            for (n, line) in lines.iter().enumerate() {
                self.room(height);
                let baseline = self.y - BODY_SIZE;
                if n == 0 {
                    let mark = if ordered {
                        format!("{}.", k + 1)
                    } else {
                        "•".to_string()
                    };
                    self.text(
                        MARGIN + 2.0,
                        baseline,
                        Face::Regular,
                        BODY_SIZE,
                        ACCENT,
                        &mark,
                    );
                }
                self.text(
                    MARGIN + indent,
                    baseline,
                    Face::Regular,
                    BODY_SIZE,
                    INK,
                    line,
                );
                self.y -= height;
            }
            self.y -= 1.5;
        }
        self.y -= 3.0;
    }

    fn table(&mut self, table: &Table) {
        let widths = column_widths(table);
        let wrap_row = |layout: &mut Layout, cells: &[String], face: Face| -> Vec<Vec<String>> {
            widths
                .iter()
                .enumerate()
                .map(|(c, width)| {
                    let text = layout.clean(cells.get(c).map(String::as_str).unwrap_or(""));
                    wrap(&text, face, BODY_SIZE, width - 2.0 * CELL_PADDING)
                })
                .collect()
        };
        let header = wrap_row(self, &table.header, Face::Bold);
        let line = line_height(BODY_SIZE);
        let row_height = |cells: &[Vec<String>]| {
            cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line + 2.0 * CELL_PADDING
        };
        let header_height = row_height(&header);
        // The header and at least one line of the first row start together.
        self.room(header_height + line + 2.0 * CELL_PADDING);
        self.table_row(&widths, &header, Face::Bold, true);
        for row in &table.rows {
            let mut cells = wrap_row(self, row, Face::Regular);
            loop {
                let needed = row_height(&cells);
                if self.y - needed >= self.bottom {
                    self.table_row(&widths, &cells, Face::Regular, false);
                    break;
                }
                // Too little room: a row taller than what is left is split
                // when even a fresh page cannot hold it; otherwise it moves on.
                let fits_on_a_page = needed <= BODY_TOP - BODY_BOTTOM - header_height;
                let free_lines = ((self.y - self.bottom - 2.0 * CELL_PADDING) / line).floor();
                if fits_on_a_page || free_lines < 1.0 {
                    self.new_page();
                    self.table_row(&widths, &header, Face::Bold, true);
                    if fits_on_a_page {
                        continue;
                    }
                }
                let free = ((self.y - self.bottom - 2.0 * CELL_PADDING) / line)
                    .floor()
                    .max(1.0) as usize;
                let rest: Vec<Vec<String>> = cells
                    .iter_mut()
                    .map(|lines| lines.split_off(free.min(lines.len())))
                    .collect();
                self.table_row(&widths, &cells, Face::Regular, false);
                cells = rest;
                self.new_page();
                self.table_row(&widths, &header, Face::Bold, true);
            }
        }
        self.y -= 8.0;
    }

    fn table_row(&mut self, widths: &[f32], cells: &[Vec<String>], face: Face, header: bool) {
        let line = line_height(BODY_SIZE);
        let height =
            cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line + 2.0 * CELL_PADDING;
        let top = self.y;
        if header {
            self.draw(Draw::Fill {
                x: MARGIN,
                y: top - height,
                width: BODY_WIDTH,
                height,
                colour: SHADE,
            });
        }
        let mut x = MARGIN;
        for (c, width) in widths.iter().enumerate() {
            for (n, text) in cells.get(c).into_iter().flatten().enumerate() {
                let baseline = top - CELL_PADDING - n as f32 * line - BODY_SIZE;
                self.text(x + CELL_PADDING, baseline, face, BODY_SIZE, INK, text);
            }
            x += width;
        }
        // Borders: the row's bottom and top, and every column edge.
        let bottom = top - height;
        for y in [top, bottom] {
            self.rule((MARGIN, y), (MARGIN + BODY_WIDTH, y));
        }
        let mut x = MARGIN;
        self.rule((x, top), (x, bottom));
        for width in widths {
            x += width;
            self.rule((x, top), (x, bottom));
        }
        self.y = bottom;
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.draw(Draw::Line {
            from,
            to,
            width: 0.6,
            colour: RULE,
        });
    }

    /// Signature boxes side by side; they never split over two pages.
    fn signatures(&mut self, signatures: &[Signature]) {
        let count = signatures.len().max(1) as f32;
        let gap = 14.0;
        let width = (BODY_WIDTH - gap * (count - 1.0)) / count;
        let height = 140.0;
        self.room(height);
        let top = self.y;
        for (k, s) in signatures.iter().enumerate() {
            let x = MARGIN + k as f32 * (width + gap);
            let role = self.clean(&s.role);
            let name = self.clean(&s.name);
            self.text(x, top - 10.0, Face::Bold, 9.0, ACCENT, &role);
            let mut baseline = top - 24.0;
            for line in wrap(&name, Face::Regular, BODY_SIZE, width)
                .into_iter()
                .take(2)
            {
                self.text(x, baseline, Face::Regular, BODY_SIZE, INK, &line);
                baseline -= line_height(BODY_SIZE);
            }
            let date_label = self.clean(&s.date_label);
            let date = s.date.as_deref().map(|d| self.clean(d)).unwrap_or_default();
            self.text(x, top - 58.0, Face::Regular, 8.5, GREY, &date_label);
            self.text(x + 2.0, top - 72.0, Face::Regular, BODY_SIZE, INK, &date);
            self.rule((x, top - 75.0), (x + width, top - 75.0));
            let signature_label = self.clean(&s.signature_label);
            self.text(x, top - 88.0, Face::Regular, 8.5, GREY, &signature_label);
            self.rule((x, top - height + 4.0), (x + width, top - height + 4.0));
        }
        self.y = top - height - 6.0;
    }

    /// A bar chart: horizontal bars with labels on the left, or vertical
    /// bars with labels below; every bar carries its value.
    fn chart(&mut self, chart: &Chart) {
        let title = self.clean(&chart.title);
        let max = chart
            .bars
            .iter()
            .map(|(_, v)| *v)
            .fold(0.0_f64, f64::max)
            .max(f64::EPSILON);
        if chart.vertical {
            let plot = 120.0;
            let height = plot + 48.0;
            self.room(height);
            let top = self.y;
            self.text(MARGIN, top - 10.0, Face::Bold, BODY_SIZE, INK, &title);
            let base = top - 24.0 - plot;
            let slot = BODY_WIDTH / chart.bars.len().max(1) as f32;
            let bar = (slot * 0.6).min(48.0);
            for (k, (label, value)) in chart.bars.iter().enumerate() {
                let h = (*value / max) as f32 * (plot - 14.0);
                let x = MARGIN + k as f32 * slot + (slot - bar) / 2.0;
                self.draw(Draw::Fill {
                    x,
                    y: base,
                    width: bar,
                    height: h,
                    colour: ACCENT,
                });
                let shown = format_value(*value, &chart.unit);
                let w = Metrics::of(Face::Regular).width(&shown, 8.0);
                self.text(
                    x + (bar - w) / 2.0,
                    base + h + 3.0,
                    Face::Regular,
                    8.0,
                    INK,
                    &shown,
                );
                let label = self.clean(label);
                let line = wrap(&label, Face::Regular, 8.0, slot - 4.0)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                let w = Metrics::of(Face::Regular).width(&line, 8.0);
                self.text(
                    MARGIN + k as f32 * slot + (slot - w) / 2.0,
                    base - 11.0,
                    Face::Regular,
                    8.0,
                    GREY,
                    &line,
                );
            }
            self.rule((MARGIN, base), (MARGIN + BODY_WIDTH, base));
            self.y = top - height;
        } else {
            let row = 16.0;
            let height = 20.0 + row * chart.bars.len() as f32 + 6.0;
            if height <= BODY_TOP - BODY_BOTTOM {
                self.room(height);
            }
            self.text(MARGIN, self.y - 10.0, Face::Bold, BODY_SIZE, INK, &title);
            self.y -= 20.0;
            let label_width = BODY_WIDTH * 0.3;
            let plot = BODY_WIDTH - label_width - 40.0;
            for (label, value) in &chart.bars {
                self.room(row);
                let label = self.clean(label);
                let line = wrap(&label, Face::Regular, 9.0, label_width - 6.0)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                self.text(MARGIN, self.y - 11.0, Face::Regular, 9.0, INK, &line);
                let w = (*value / max) as f32 * plot;
                let x = MARGIN + label_width;
                self.draw(Draw::Fill {
                    x,
                    y: self.y - 13.0,
                    width: w.max(0.5),
                    height: 11.0,
                    colour: ACCENT,
                });
                let shown = format_value(*value, &chart.unit);
                self.text(x + w + 4.0, self.y - 11.0, Face::Regular, 9.0, INK, &shown);
                self.y -= row;
            }
            self.y -= 6.0;
        }
    }
}

/// A value as a chart prints it: whole numbers without decimals.
fn format_value(value: f64, unit: &str) -> String {
    let number = if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}")
    };
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// How tall blocks are when laid out without page breaks.
fn measure(blocks: &[Block]) -> f32 {
    let mut layout = Layout::measuring();
    layout.blocks(blocks);
    -layout.y
}

/// What stays with a heading: a short lead-in (up to three paragraphs,
/// notes or spaces) and the header and first two rows of the table after
/// it; otherwise two lines.
fn kept_with_heading(rest: &[Block]) -> f32 {
    let mut lead_in = 0.0;
    for (k, block) in rest.iter().enumerate() {
        match block {
            Block::Paragraph(_) | Block::Note(_) | Block::Space(_) if k < 3 => {
                lead_in += measure(std::slice::from_ref(block));
            }
            Block::Table(table) => return lead_in + table_start(table, 2),
            _ => break,
        }
    }
    2.0 * line_height(BODY_SIZE)
}

/// The height of a table's header and its first `rows` rows.
fn table_start(table: &Table, rows: usize) -> f32 {
    let widths = column_widths(table);
    let height = |cells: &[String], face: Face| {
        let lines = widths
            .iter()
            .enumerate()
            .map(|(c, width)| {
                let text = printable(
                    cells.get(c).map(String::as_str).unwrap_or(""),
                    &mut Vec::new(),
                );
                wrap(&text, face, BODY_SIZE, width - 2.0 * CELL_PADDING).len()
            })
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * line_height(BODY_SIZE) + 2.0 * CELL_PADDING
    };
    height(&table.header, Face::Bold)
        + table
            .rows
            .iter()
            .take(rows)
            .map(|row| height(row, Face::Regular))
            .sum::<f32>()
}

/// The columns' widths, adding up to the body's width: shared by the
/// table's relative widths, except that a column is never narrower than
/// its widest word (a date, a number, a header word), so that no word is
/// cut in two; that floor is capped at an equal share of the width, so one
/// long address cannot squeeze every other column.
fn column_widths(table: &Table) -> Vec<f32> {
    let n = table.columns.len();
    if n == 0 {
        return Vec::new();
    }
    let cap = BODY_WIDTH / n as f32;
    let widest = |text: &str, face: Face| {
        let text = printable(text, &mut Vec::new());
        text.split([' ', '\n'])
            .map(|word| Metrics::of(face).width(word, BODY_SIZE))
            .fold(0.0_f32, f32::max)
    };
    let least: Vec<f32> = (0..n)
        .map(|c| {
            let header = table.header.get(c).map_or(0.0, |h| widest(h, Face::Bold));
            let body = table
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|text| widest(text, Face::Regular))
                .fold(0.0_f32, f32::max);
            (header.max(body) + 2.0 * CELL_PADDING + 0.5).min(cap)
        })
        .collect();
    let weights: Vec<f32> = table.columns.iter().map(|w| w.max(0.0)).collect();
    let mut widths = vec![0.0_f32; n];
    let mut fixed = vec![false; n];
    // Columns that would be too narrow get their floor; the others share
    // what is left by weight, again, until none is too narrow (at most n rounds).
    loop {
        let spare = BODY_WIDTH - (0..n).filter(|&c| fixed[c]).map(|c| widths[c]).sum::<f32>();
        let open: Vec<usize> = (0..n).filter(|&c| !fixed[c]).collect();
        if open.is_empty() {
            break;
        }
        let weight: f32 = open.iter().map(|&c| weights[c]).sum();
        let mut grew = false;
        for &c in &open {
            widths[c] = if weight > 0.0 {
                weights[c] / weight * spare
            } else {
                spare / open.len() as f32
            };
            if widths[c] < least[c] {
                widths[c] = least[c];
                fixed[c] = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let rest = BODY_WIDTH - widths.iter().sum::<f32>();
    if rest > 0.0 {
        widths[n - 1] += rest;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(laid: &Laid, page: usize) -> Vec<String> {
        laid.pages[page]
            .iter()
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        let lines = wrap(
            "een twee drie vier vijf zes zeven acht negen tien",
            Face::Regular,
            10.0,
            80.0,
        );
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(
                Metrics::of(Face::Regular).width(line, 10.0) <= 80.0,
                "{line}"
            );
        }
        assert_eq!(
            lines.join(" "),
            "een twee drie vier vijf zes zeven acht negen tien"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_lost() {
        let word = "Onderhandelingsvaardigheden";
        let lines = wrap(word, Face::Regular, 10.0, 50.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn long_text_flows_over_pages_and_nothing_is_cut() {
        let text = "woord ".repeat(2000);
        let laid = lay_out(&[Block::Paragraph(text)]);
        assert!(laid.pages.len() >= 3);
        let words: usize = (0..laid.pages.len())
            .flat_map(|p| texts(&laid, p))
            .map(|line| line.split(' ').filter(|w| !w.is_empty()).count())
            .sum();
        assert_eq!(words, 2000);
    }

    #[test]
    fn table_headers_repeat_after_a_page_break_and_tall_rows_split() {
        let table = Table {
            columns: vec![1.0, 3.0],
            header: vec!["Doel".into(), "Omschrijving".into()],
            rows: (0..40)
                .map(|k| vec![format!("{k}"), "tekst ".repeat(30)])
                .chain(std::iter::once(vec![
                    "lang".into(),
                    "heel lang ".repeat(900),
                ]))
                .collect(),
        };
        let laid = lay_out(&[Block::Table(table)]);
        assert!(laid.pages.len() >= 3);
        for page in 0..laid.pages.len() {
            assert!(
                texts(&laid, page).contains(&"Doel".to_string()),
                "header on page {page}"
            );
        }
        let words: usize = (0..laid.pages.len())
            .flat_map(|p| texts(&laid, p))
            .map(|line| line.matches("lang").count())
            .sum();
        assert_eq!(words, 900 + 1, "every word of the tall row is printed");
    }

    #[test]
    fn a_kept_together_block_moves_whole_to_the_next_page() {
        let mut blocks = vec![Block::Paragraph("regel ".repeat(820))];
        blocks.push(Block::KeepTogether(vec![
            Block::Heading("Handtekeningen".into()),
            Block::Signatures(vec![Signature {
                role: "Mentee".into(),
                name: "Zoë Peeters".into(),
                date_label: "Datum".into(),
                signature_label: "Handtekening".into(),
                date: None,
            }]),
        ]));
        let laid = lay_out(&blocks);
        let last = laid.pages.len() - 1;
        let on_last = texts(&laid, last);
        assert!(on_last.contains(&"Handtekeningen".to_string()));
        assert!(on_last.contains(&"Zoë Peeters".to_string()));
    }

    #[test]
    fn a_narrow_column_is_never_narrower_than_its_widest_word() {
        // The pair report's check-in table: dates in a column of 1.1 of 9.
        let table = Table {
            columns: vec![1.1, 1.6, 0.9, 1.3, 1.3, 2.8],
            header: vec![
                "Datum".into(),
                "Moment".into(),
                "Wie".into(),
                "Score".into(),
                "Klik".into(),
                "Opmerking".into(),
            ],
            rows: vec![vec![
                "01-12-2026".into(),
                "Na drie maanden".into(),
                "Mentee".into(),
                "4/5".into(),
                "Goede klik".into(),
                "Loopt goed, we zien elkaar elke maand en bespreken de voortgang".into(),
            ]],
        };
        let widths = column_widths(&table);
        assert!((widths.iter().sum::<f32>() - BODY_WIDTH).abs() < 0.01);
        let laid = lay_out(&[Block::Table(table)]);
        let lines = texts(&laid, 0);
        assert!(lines.contains(&"01-12-2026".to_string()), "{lines:?}");
        assert!(!lines.iter().any(|l| l == "01-12-202"), "{lines:?}");
    }

    #[test]
    fn a_heading_never_ends_a_page_without_the_table_it_introduces() {
        let table = Table {
            columns: vec![1.0, 3.0],
            header: vec!["Duo".into(), "Reden".into()],
            rows: (0..4)
                .map(|k| {
                    vec![
                        format!("Duo {k}"),
                        "Te weinig tijd volgens de mentee".into(),
                    ]
                })
                .collect(),
        };
        // Whatever the space left above, the heading and the table's header
        // share a page.
        for words in (700..1000).step_by(6) {
            let laid = lay_out(&[
                Block::Paragraph("regel ".repeat(words)),
                Block::Heading("Vroegtijdige beëindigingen".into()),
                Block::Paragraph("Ontbonden koppels: 1, waarvan 0 na een klik.".into()),
                Block::Table(table.clone()),
            ]);
            let page = (0..laid.pages.len())
                .find(|&p| texts(&laid, p).contains(&"Vroegtijdige beëindigingen".to_string()))
                .unwrap();
            let on_page = texts(&laid, page);
            assert!(
                on_page.contains(&"Duo".to_string()) && on_page.contains(&"Duo 0".to_string()),
                "{words} words: the heading ends page {page} alone"
            );
        }
    }
}
