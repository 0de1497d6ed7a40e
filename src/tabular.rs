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

/// The most rows, columns and cells of a sheet Klik reads: far more than any
/// list of participants, and little enough that reading stays within a
/// bounded amount of memory whatever a file claims.
pub const MAX_ROWS: u32 = 100_000;
pub const MAX_COLUMNS: u32 = 200;
pub const MAX_CELLS: u64 = 2_000_000;

/// The most a workbook's parts may hold once unpacked: a small file that
/// unpacks to gigabytes (a "zip bomb") is refused before it is read.
const MAX_UNPACKED_BYTES: u64 = 150 * 1024 * 1024;

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
    /// Every sheet of a workbook, in its order (empty for CSV), so that the
    /// officer picks one from a list rather than typing its name.
    pub sheets: Vec<String>,
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
    /// The sheet spans (or says it spans) more than Klik reads.
    TooBig {
        rows: u64,
        columns: u64,
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
            TableProblem::TooBig { .. } => "error.file.too_big",
            TableProblem::NotASpreadsheet => "error.file.not_a_spreadsheet",
            TableProblem::PasswordProtected => "error.file.password",
            TableProblem::SheetNotFound { .. } => "error.file.sheet_not_found",
            TableProblem::Unreadable { .. } => "error.file.unreadable",
        }
    }
}

/// The sheets of a workbook in their order, read with every check of
/// [`read`]; empty for a CSV file, which has none.
pub fn sheets(bytes: &[u8]) -> Result<Vec<String>, TableProblem> {
    read(bytes, None).map(|table| table.sheets)
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
        sheets: Vec::new(),
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
    // The spreadsheet library can panic on a damaged file (seen on a
    // mutated .xls); a damaged file is a problem with the file, told as
    // such, never the end of the app.
    std::panic::catch_unwind(|| read_workbook_checked(bytes, sheet, format)).unwrap_or_else(|_| {
        Err(TableProblem::Unreadable {
            detail: "the spreadsheet library stopped on this file".to_string(),
        })
    })
}

fn read_workbook_checked(
    bytes: &[u8],
    sheet: Option<&str>,
    format: &'static str,
) -> Result<Table, TableProblem> {
    // A zip that holds no workbook is another Office file (a renamed .docx
    // or .pptx): zip archives keep their entries' names readable.
    if format == "xlsx" && !contains(bytes, b"xl/workbook") {
        return Err(TableProblem::NotASpreadsheet);
    }
    // What a file says it holds is checked before anything is unpacked or
    // allocated: a 10 KB file may claim a billion cells.
    if format == "xlsx" {
        if unpacked_size(bytes).is_none_or(|size| size > MAX_UNPACKED_BYTES) {
            return Err(TableProblem::TooBig {
                rows: 0,
                columns: 0,
            });
        }
    } else {
        check_xls_extent(bytes)?;
    }
    let unreadable = |e: String| {
        if e.to_lowercase().contains("password") || e.to_lowercase().contains("encrypt") {
            TableProblem::PasswordProtected
        } else {
            TableProblem::Unreadable { detail: e }
        }
    };
    if format == "xlsx" {
        return read_xlsx(bytes, sheet, unreadable);
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(e.to_string()))?;
    let names = workbook.sheet_names().to_vec();
    let name = choose_sheet(&names, sheet)?;
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
        sheets: names,
        format,
        separator: None,
        encoding: None,
    })
}

/// The sheet asked for (by name, any case), or the first.
fn choose_sheet(names: &[String], sheet: Option<&str>) -> Result<String, TableProblem> {
    match sheet.map(str::trim).filter(|s| !s.is_empty()) {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| TableProblem::SheetNotFound {
                name: wanted.to_string(),
                available: names.to_vec(),
            }),
        None => names.first().cloned().ok_or(TableProblem::Empty),
    }
}

/// An XLSX sheet read cell by cell, never as one rectangle: memory follows
/// the cells that are there, and the declared and real extent are checked
/// against [`MAX_ROWS`], [`MAX_COLUMNS`] and [`MAX_CELLS`] as it goes.
fn read_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
    unreadable: impl Fn(String) -> TableProblem,
) -> Result<Table, TableProblem> {
    use calamine::Xlsx;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let names = workbook.sheet_names().to_vec();
    let name = choose_sheet(&names, sheet)?;
    let mut reader = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| unreadable(e.to_string()))?;
    let declared = reader.dimensions();
    let extent = |rows: u64, columns: u64| {
        if rows > u64::from(MAX_ROWS)
            || columns > u64::from(MAX_COLUMNS)
            || rows.saturating_mul(columns) > MAX_CELLS
        {
            Err(TableProblem::TooBig { rows, columns })
        } else {
            Ok(())
        }
    };
    extent(
        u64::from(declared.end.0.saturating_sub(declared.start.0)) + 1,
        u64::from(declared.end.1.saturating_sub(declared.start.1)) + 1,
    )?;
    let mut found: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    let mut count: u64 = 0;
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(e.to_string()))? {
        let (row, column) = cell.get_position();
        extent(u64::from(row) + 1, u64::from(column) + 1)?;
        count += 1;
        if count > MAX_CELLS {
            return Err(TableProblem::TooBig {
                rows: u64::from(row) + 1,
                columns: u64::from(column) + 1,
            });
        }
        let value: Data = cell.get_value().clone().into();
        let text = cell_text(&value);
        if !text.is_empty() {
            found.entry(row).or_default().push((column, text));
        }
    }
    let mut rows = Vec::new();
    for (row, mut cells) in found {
        cells.sort_by_key(|(column, _)| *column);
        let width = cells.last().map_or(0, |(column, _)| *column as usize + 1);
        let mut line = vec![String::new(); width];
        for (column, text) in cells {
            line[column as usize] = text;
        }
        push_row(&mut rows, row as usize + 1, line);
    }
    Ok(Table {
        rows,
        sheet: Some(name),
        sheets: names,
        format: "xlsx",
        separator: None,
        encoding: None,
    })
}

/// The sum of the sizes a zip archive's entries declare once unpacked, from
/// its central directory; `None` when the archive cannot be read so (or is
/// too big to say, ZIP64).
fn unpacked_size(bytes: &[u8]) -> Option<u64> {
    let read_u16 = |at: usize| -> Option<u64> {
        Some(u64::from(u16::from_le_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let read_u32 = |at: usize| -> Option<u64> {
        Some(u64::from(u32::from_le_bytes(
            bytes.get(at..at + 4)?.try_into().ok()?,
        )))
    };
    // The end-of-central-directory record lies in the last 64 KB + 22 bytes.
    let from = bytes.len().saturating_sub(65_557);
    let end = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| bytes[at..at + 4] == [0x50, 0x4b, 0x05, 0x06])?;
    let entries = read_u16(end + 10)?;
    let mut at = usize::try_from(read_u32(end + 16)?).ok()?;
    let mut total: u64 = 0;
    for _ in 0..entries {
        if bytes.get(at..at + 4)? != [0x50, 0x4b, 0x01, 0x02] {
            return None;
        }
        let size = read_u32(at + 24)?;
        if size == u64::from(u32::MAX) {
            return None;
        }
        total = total.saturating_add(size);
        let name = usize::try_from(read_u16(at + 28)?).ok()?;
        let extra = usize::try_from(read_u16(at + 30)?).ok()?;
        let comment = usize::try_from(read_u16(at + 32)?).ok()?;
        at += 46 + name + extra + comment;
    }
    Some(total)
}

/// An old .xls read record by record before the spreadsheet library sees it:
/// the extent each sheet declares (its DIMENSIONS record) and the position of
/// every cell must stay within Klik's limits, since the library sets aside
/// memory for the whole rectangle at once.
fn check_xls_extent(bytes: &[u8]) -> Result<(), TableProblem> {
    use std::io::Read;
    let Ok(mut container) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Err(TableProblem::NotASpreadsheet);
    };
    let mut stream = Vec::new();
    let name = if container.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let Ok(mut workbook) = container.open_stream(name) else {
        return Err(TableProblem::NotASpreadsheet);
    };
    workbook
        .by_ref()
        .take(MAX_BYTES as u64)
        .read_to_end(&mut stream)
        .map_err(|e| TableProblem::Unreadable {
            detail: e.to_string(),
        })?;
    let too_big = |rows: u64, columns: u64| {
        rows > u64::from(MAX_ROWS)
            || columns > u64::from(MAX_COLUMNS)
            || rows.saturating_mul(columns) > MAX_CELLS
    };
    let u16_at = |data: &[u8], at: usize| -> u64 {
        data.get(at..at + 2)
            .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |data: &[u8], at: usize| -> u64 {
        data.get(at..at + 4).map_or(0, |b| {
            u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        })
    };
    let (mut rows, mut columns) = (0u64, 0u64);
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16_at(&stream, at);
        let length = u16_at(&stream, at + 2) as usize;
        let data = stream.get(at + 4..at + 4 + length).unwrap_or(&[]);
        at += 4 + length;
        match kind {
            // BOF: a new sheet (or the globals) starts; each sheet is judged on its own.
            0x0809 => (rows, columns) = (0, 0),
            // DIMENSIONS (BIFF8): first and last row (u32), first and last column (u16).
            0x0200 if data.len() >= 12 => {
                let declared_rows = u32_at(data, 4).saturating_sub(u32_at(data, 0));
                let declared_columns = u16_at(data, 10).saturating_sub(u16_at(data, 8));
                if too_big(declared_rows, declared_columns) {
                    return Err(TableProblem::TooBig {
                        rows: declared_rows,
                        columns: declared_columns,
                    });
                }
            }
            // Cells: row and column first; MULRK ends with its last column.
            0x0006 | 0x00BD | 0x00D6 | 0x00FD | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E => {
                let row = u16_at(data, 0);
                let column = if kind == 0x00BD {
                    u16_at(data, data.len().saturating_sub(2))
                } else {
                    u16_at(data, 2)
                };
                rows = rows.max(row + 1);
                columns = columns.max(column + 1);
                if too_big(rows, columns) {
                    return Err(TableProblem::TooBig { rows, columns });
                }
            }
            _ => {}
        }
    }
    Ok(())
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
    fn a_workbook_lists_its_sheets_in_order() {
        use rust_xlsxwriter::Workbook;
        let mut book = Workbook::new();
        book.add_worksheet()
            .set_name("Uitleg")
            .unwrap()
            .write_string(0, 0, "Lees mij eerst")
            .unwrap();
        book.add_worksheet()
            .set_name("Deelnemers")
            .unwrap()
            .write_string(0, 0, "voornaam")
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(sheets(&bytes).unwrap(), ["Uitleg", "Deelnemers"]);
        let table = read(&bytes, Some("deelnemers")).unwrap();
        assert_eq!(table.sheet.as_deref(), Some("Deelnemers"));
        assert_eq!(table.sheets, ["Uitleg", "Deelnemers"]);
        assert!(
            sheets(&write_csv(&[vec!["a".to_string()]]))
                .unwrap()
                .is_empty()
        );
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

    #[test]
    fn a_damaged_workbook_is_a_problem_with_the_file_never_a_crash() {
        // An .xls with one byte changed that made the spreadsheet library
        // panic (found by mutating the wide.xls fixture).
        let bytes = include_bytes!("../tests/it/fixtures/bombs/damaged.xls");
        assert!(matches!(
            read(bytes, None),
            Err(TableProblem::Unreadable { .. }
                | TableProblem::NotASpreadsheet
                | TableProblem::TooBig { .. })
        ));
    }
}
