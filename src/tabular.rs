//! Spreadsheets in and out: CSV as Excel and LibreOffice write it in Flanders
//! and the Netherlands, and XLSX.
//!
//! Reading gives a plain [`Table`] of text cells with the row numbers a
//! person sees in their spreadsheet program; it knows nothing of participants.
//! CSV: `;`, `,` or tab (detected from the header line), UTF-8 with or
//! without BOM, UTF-16 (with BOM), Windows-1252 otherwise; quoted fields
//! with separators and line breaks. XLSX (and old XLS): the first sheet or a
//! named one. Whole-file problems come back as [`TableProblem`].

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

/// Files above this size are refused rather than read: 10,000 participants take about 3 MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// One row as the spreadsheet program numbers it (the header is usually row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub number: usize,
    pub cells: Vec<String>,
}

/// A sheet of text cells; empty rows and trailing empty cells are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<TableRow>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// What the file was: `csv`, `xlsx` or `xls`.
    pub format: &'static str,
    /// For CSV: the separator found.
    pub separator: Option<char>,
    /// For CSV: the character encoding found.
    pub encoding: Option<&'static str>,
}

/// Why a whole file cannot be read; each maps to a translated message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    Empty,
    TooLarge {
        bytes: usize,
    },
    NotASpreadsheet,
    PasswordProtected,
    SheetNotFound {
        name: String,
        available: Vec<String>,
    },
    Unreadable {
        detail: String,
    },
}

impl TableProblem {
    /// The catalogue key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            TableProblem::Empty => "error.file.empty",
            TableProblem::TooLarge { .. } => "error.file.too_large",
            TableProblem::NotASpreadsheet => "error.file.not_a_spreadsheet",
            TableProblem::PasswordProtected => "error.file.password",
            TableProblem::SheetNotFound { .. } => "error.file.sheet_not_found",
            TableProblem::Unreadable { .. } => "error.file.unreadable",
        }
    }
}

/// Reads a CSV or spreadsheet file from its bytes; the format is told by the content, not the name.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(TableProblem::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TableProblem::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_workbook(bytes, sheet, "xlsx");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE2 container is an old .xls, or an encrypted (password-protected) .xlsx.
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(TableProblem::PasswordProtected);
        }
        return read_workbook(bytes, sheet, "xls");
    }
    if bytes.starts_with(b"%PDF")
        || bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
    {
        return Err(TableProblem::NotASpreadsheet);
    }
    read_csv(bytes)
}

fn decode(bytes: &[u8]) -> Result<(String, &'static str), TableProblem> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec())
            .map(|text| (text, "UTF-8"))
            .map_err(|_| TableProblem::NotASpreadsheet);
    }
    let utf16 = |encoding: &'static encoding_rs::Encoding, name| {
        let (text, _, malformed) = encoding.decode(bytes);
        if malformed {
            Err(TableProblem::NotASpreadsheet)
        } else {
            Ok((text.into_owned(), name))
        }
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(encoding_rs::UTF_16LE, "UTF-16");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(encoding_rs::UTF_16BE, "UTF-16");
    }
    // UTF-16 without a BOM shows as a zero byte in every other position.
    let sample = &bytes[..bytes.len().min(400)];
    let odd_zeros = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if sample.len() >= 4 && odd_zeros * 2 >= sample.len() / 2 {
        return utf16(encoding_rs::UTF_16LE, "UTF-16");
    }
    if bytes.contains(&0) {
        return Err(TableProblem::NotASpreadsheet);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), "Windows-1252"))
        }
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes.
fn separator(text: &str) -> char {
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                for (separator, count) in &mut counts {
                    if c == *separator {
                        *count += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| *c)
        .unwrap_or(',')
}

fn read_csv(bytes: &[u8]) -> Result<Table, TableProblem> {
    let (text, encoding) = decode(bytes)?;
    // Excel writes (and honours) a first line `sep=;` that names the
    // separator; it is not part of the table, and Excel numbers the rows
    // after it from 1.
    let (text, named) = match text.split_once('\n') {
        Some((first, rest))
            if first.trim_end_matches('\r').len() == 5 && first.starts_with("sep=") =>
        {
            (rest, first.chars().nth(4))
        }
        _ => (text.as_str(), None),
    };
    let separator = named
        .filter(|c| [';', ',', '\t', '|'].contains(c))
        .unwrap_or_else(|| separator(text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator as u8)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| TableProblem::Unreadable {
            detail: e.to_string(),
        })?;
        let cells: Vec<String> = record
            .iter()
            .map(|c| restored(c.trim()).trim().to_string())
            .collect();
        push_row(&mut rows, index + 1, cells);
    }
    Ok(Table {
        rows,
        sheet: None,
        format: "csv",
        separator: Some(separator),
        encoding: Some(encoding),
    })
}

fn push_row(rows: &mut Vec<TableRow>, number: usize, mut cells: Vec<String>) {
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    if !cells.is_empty() {
        rows.push(TableRow { number, cells });
    }
}

fn read_workbook(
    bytes: &[u8],
    sheet: Option<&str>,
    format: &'static str,
) -> Result<Table, TableProblem> {
    // A zip that holds no workbook is another Office file (a renamed .docx
    // or .pptx): zip archives keep their entries' names readable.
    if format == "xlsx" && !contains(bytes, b"xl/workbook") {
        return Err(TableProblem::NotASpreadsheet);
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        let detail = e.to_string();
        if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") {
            TableProblem::PasswordProtected
        } else {
            TableProblem::Unreadable { detail }
        }
    })?;
    let names = workbook.sheet_names().to_vec();
    let name = match sheet.map(str::trim).filter(|s| !s.is_empty()) {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| TableProblem::SheetNotFound {
                name: wanted.to_string(),
                available: names.clone(),
            })?,
        None => names.first().cloned().ok_or(TableProblem::Empty)?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| TableProblem::Unreadable {
            detail: e.to_string(),
        })?;
    let first_row = range.start().map(|(row, _)| row as usize).unwrap_or(0);
    let first_column = range
        .start()
        .map(|(_, column)| column as usize)
        .unwrap_or(0);
    let mut rows = Vec::new();
    for (index, row) in range.rows().enumerate() {
        // Cells before the used range are empty: keep columns where the sheet has them.
        let mut cells = vec![String::new(); first_column];
        cells.extend(row.iter().map(cell_text));
        push_row(&mut rows, first_row + index + 1, cells);
    }
    Ok(Table {
        rows,
        sheet: Some(name),
        format,
        separator: None,
        encoding: None,
    })
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Writes rows as CSV the way Excel in Belgium opens it directly: UTF-8 with
/// a BOM, `;` between cells, CRLF line ends, quotes where needed.
pub fn write_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    write_records(
        csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out),
        rows,
    );
    out
}

/// Writes rows as plain CSV for other programs (comma, LF, no byte-order
/// mark), where [`write_csv`] serves spreadsheet users.
pub fn write_plain_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::new();
    write_records(csv::Writer::from_writer(&mut out), rows);
    out
}

fn write_records(mut writer: csv::Writer<&mut Vec<u8>>, rows: &[Vec<String>]) {
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| inert(cell).into_owned()))
            .expect("writing to memory cannot fail");
    }
    writer.flush().expect("writing to memory cannot fail");
}

/// The characters with which a spreadsheet program starts a formula (or,
/// for tab and carriage return, hides one): a cell starting with one of them
/// is written with a `'` before it, as OWASP advises against CSV injection.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell that no spreadsheet program will run as a formula: a participant
/// named `=HYPERLINK(…)` stays text. A signed number ("+32 470 12 34 56",
/// "-3") is left alone: it calls nothing.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = cell.chars().next() else {
        return cell.into();
    };
    let signed_number = matches!(first, '+' | '-')
        && cell.len() > 1
        && cell[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || " ().,/-".contains(c));
    if FORMULA_STARTS.contains(&first) && !signed_number {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The text of a cell that [`inert`] protected: the `'` before a formula
/// start is taken off again, so an export imports as it was.
fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// How a number is shown in a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    Whole,
    OneDecimal,
    /// A fraction shown as a whole percentage (0.67 as 67 %).
    Percent,
}

/// A cell to write: text, or a number with how it shows and how it reads
/// as text (for CSV, which has no types).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number {
        value: f64,
        style: NumberStyle,
        text: String,
    },
}

impl Cell {
    /// The cell as text, as a CSV file holds it.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(text) | Cell::Number { text, .. } => text,
        }
    }
}

/// Writes rows as an XLSX workbook with one sheet: a bold, frozen header row and fitted columns.
pub fn write_xlsx(sheet: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| row.iter().cloned().map(Cell::Text).collect())
        .collect();
    write_xlsx_cells(sheet, &cells)
}

/// [`write_xlsx`] with typed cells: numbers are written as numbers.
pub fn write_xlsx_cells(sheet: &str, rows: &[Vec<Cell>]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    worksheet.set_name(&name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let whole = Format::new().set_num_format("0");
    let one_decimal = Format::new().set_num_format("0.0");
    let percent = Format::new().set_num_format("0%");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let result = match cell {
                Cell::Text(value) if r == 0 => {
                    worksheet.write_string_with_format(r, c, value, &bold)
                }
                Cell::Text(value) if value.contains('\n') => {
                    worksheet.write_string_with_format(r, c, value, &wrap)
                }
                Cell::Text(value) => worksheet.write_string(r, c, value),
                Cell::Number { value, style, .. } => {
                    let format = match style {
                        NumberStyle::Whole => &whole,
                        NumberStyle::OneDecimal => &one_decimal,
                        NumberStyle::Percent => &percent,
                    };
                    worksheet.write_number_with_format(r, c, *value, format)
                }
            };
            result.map_err(|e| e.to_string())?;
        }
    }
    worksheet
        .set_freeze_panes(1, 0)
        .map_err(|e| e.to_string())?;
    worksheet.autofit();
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn detects_the_separator_and_keeps_quoted_line_breaks() {
        let table = read(b"a;b;c\r\n1;\"x; y\";\"two\nlines\"\r\n\r\n;;\r\n", None).unwrap();
        assert_eq!(table.separator, Some(';'));
        assert_eq!(
            cells(&table),
            vec![vec!["a", "b", "c"], vec!["1", "x; y", "two\nlines"]]
        );
        let tabs = read(b"a\tb\n1\t2\n", None).unwrap();
        assert_eq!(tabs.separator, Some('\t'));
    }

    #[test]
    fn reads_utf8_with_bom_windows_1252_and_utf16() {
        let bom = read("\u{feff}naam,stad\nZoë,Gent\n".as_bytes(), None).unwrap();
        assert_eq!(cells(&bom)[1], vec!["Zoë", "Gent"]);
        assert_eq!(bom.encoding, Some("UTF-8"));
        let cp1252 = read(b"naam;bedrag\nAna\xefs;\x80 5\n", None).unwrap();
        assert_eq!(cells(&cp1252)[1], vec!["Anaïs", "€ 5"]);
        assert_eq!(cp1252.encoding, Some("Windows-1252"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "naam\tstad\nÜnal\tKortrijk\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let table = read(&utf16, None).unwrap();
        assert_eq!(cells(&table)[1], vec!["Ünal", "Kortrijk"]);
    }

    #[test]
    fn whole_file_problems_are_named() {
        assert_eq!(read(b"", None).unwrap_err(), TableProblem::Empty);
        assert_eq!(read(b"  \n\n", None).unwrap_err(), TableProblem::Empty);
        assert_eq!(
            read(b"%PDF-1.7 ...", None).unwrap_err(),
            TableProblem::NotASpreadsheet
        );
        assert!(matches!(
            read(&vec![b'a'; MAX_BYTES + 1], None).unwrap_err(),
            TableProblem::TooLarge { .. }
        ));
        assert_eq!(
            read(b"\x00\x01\x02binary\x00", None).unwrap_err(),
            TableProblem::NotASpreadsheet
        );
    }

    #[test]
    fn xlsx_round_trips() {
        let rows = vec![
            vec!["voornaam".to_string(), "leervraag".to_string()],
            vec!["Zoë".to_string(), "twee\nregels".to_string()],
        ];
        let bytes = write_xlsx("Deelnemers", &rows).unwrap();
        let table = read(&bytes, None).unwrap();
        assert_eq!(table.format, "xlsx");
        assert_eq!(table.sheet.as_deref(), Some("Deelnemers"));
        assert_eq!(
            table
                .rows
                .iter()
                .map(|r| r.cells.clone())
                .collect::<Vec<_>>(),
            rows
        );
        assert!(matches!(
            read(&bytes, Some("Blad2")).unwrap_err(),
            TableProblem::SheetNotFound { .. }
        ));
    }

    #[test]
    fn csv_round_trips() {
        let rows = vec![
            vec!["a".to_string(), "b;c".to_string()],
            vec!["\"q\"".to_string(), "x\ny".to_string()],
        ];
        let table = read(&write_csv(&rows), None).unwrap();
        assert_eq!(
            table
                .rows
                .iter()
                .map(|r| r.cells.clone())
                .collect::<Vec<_>>(),
            rows
        );
    }
}
