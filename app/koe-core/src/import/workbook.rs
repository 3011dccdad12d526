//! Excel and OpenDocument workbooks (.xlsx, .xls, .xlsb, .ods) as a table: choose the sheet,
//! skip a title and blank rows above the header, read real date cells as dates.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::problem::{ImportError, Oversize};
use super::table::{ReadOptions, ReadTable, SourceFormat, Table, TableRow, cap_header};
use crate::sorting::sort_by_key;
use crate::text::decode::TextEncoding;

/// How many rows from the top may hold a title and blank lines before the header.
const HEADER_SEARCH_ROWS: u32 = 20;
/// Most columns a sheet (or a JSON file) may use, from the first used one to the last.
pub const MAX_COLUMNS: u64 = 1_000;
/// Most filled cells a sheet may have.
pub const MAX_CELLS: u64 = 10_000_000;
/// Most cells of the rows kept (filled rows × columns): what the table will hold.
const MAX_GRID: u64 = 20_000_000;
/// Most bytes a workbook may unpack to, as its parts declare.
pub const MAX_UNPACKED: u64 = 1024 * 1024 * 1024;
/// Most bytes a workbook's shared strings may unpack to.
pub const MAX_SHARED_STRINGS: u64 = 256 * 1024 * 1024;

/// Reads the chosen sheet of a workbook or, when none is chosen, the first sheet that holds
/// a table (a cover or notes sheet in front is passed over). A workbook larger than the caps
/// above is refused with its size before anything big is allocated.
pub fn read_workbook(file: &str, bytes: &[u8], options: ReadOptions) -> Result<ReadTable, ImportError> {
    check_unpacked_size(file, bytes)?;
    let damaged = |detail: String| ImportError::DamagedWorkbook { file: file.to_owned(), detail };
    let mut workbook =
        open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| damaged(e.to_string()))?;
    let sheets = workbook.sheet_names();
    if let Some(index) = options.sheet {
        return read_sheet(&mut workbook, file, &sheets, index);
    }
    let mut first_error = None;
    for index in 0..sheets.len() {
        match read_sheet(&mut workbook, file, &sheets, index) {
            Ok(read) => return Ok(read),
            Err(error @ ImportError::TooLarge { .. }) => return Err(error),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| ImportError::Empty { file: file.to_owned() }))
}

/// Refuses a zipped workbook (xlsx, ods) whose parts declare more unpacked bytes than Koe
/// reads, before the reader inflates any of them.
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip (an old .xls): the reader says what is wrong with it.
        return Ok(());
    };
    let too_large = |what| ImportError::TooLarge { file: file.to_owned(), what };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(index) else { continue };
        let size = part.size();
        let shared = part.name().is_ok_and(|name| name.ends_with("sharedStrings.xml"));
        if shared && size > MAX_SHARED_STRINGS {
            return Err(too_large(Oversize::SharedStrings { bytes: size, max: MAX_SHARED_STRINGS }));
        }
        total = total.saturating_add(size);
        if total > MAX_UNPACKED {
            return Err(too_large(Oversize::Unpacked { bytes: total, max: MAX_UNPACKED }));
        }
    }
    Ok(())
}

/// A sheet's filled rows only, each with its 0-based row number and its cells from the first
/// used column on: a stray cell a million rows down costs one row, not a million.
struct SheetRows {
    first_row: u32,
    rows: Vec<(u32, Vec<String>)>,
}

/// Gathers filled cells, refusing a sheet wider or fuller than the caps.
struct CellGatherer<'a> {
    file: &'a str,
    cells: Vec<(u32, u32, String)>,
    first_column: u32,
    last_column: u32,
}

impl<'a> CellGatherer<'a> {
    fn new(file: &'a str) -> Self {
        CellGatherer { file, cells: Vec::new(), first_column: u32::MAX, last_column: 0 }
    }

    fn too_large(&self, what: Oversize) -> ImportError {
        ImportError::TooLarge { file: self.file.to_owned(), what }
    }

    fn add(&mut self, row: u32, column: u32, text: String) -> Result<(), ImportError> {
        if text.is_empty() {
            return Ok(());
        }
        self.first_column = self.first_column.min(column);
        self.last_column = self.last_column.max(column);
        let used = u64::from(self.last_column - self.first_column) + 1;
        if used > MAX_COLUMNS {
            return Err(self.too_large(Oversize::Columns { used, max: MAX_COLUMNS }));
        }
        if self.cells.len() as u64 >= MAX_CELLS {
            return Err(self.too_large(Oversize::Cells { max: MAX_CELLS }));
        }
        self.cells.push((row, column, text));
        Ok(())
    }

    fn finish(mut self) -> Result<SheetRows, ImportError> {
        sort_by_key(&mut self.cells, |(row, column, _)| (*row, *column));
        let width = (self.last_column.saturating_sub(self.first_column) + 1) as usize;
        let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
        for (row, column, text) in self.cells {
            if rows.last().is_none_or(|(last, _)| *last != row) {
                if (rows.len() as u64 + 1).saturating_mul(width as u64) > MAX_GRID {
                    return Err(ImportError::TooLarge {
                        file: self.file.to_owned(),
                        what: Oversize::Cells { max: MAX_GRID },
                    });
                }
                rows.push((row, vec![String::new(); width]));
            }
            if let Some((_, cells)) = rows.last_mut() {
                cells[(column - self.first_column) as usize] = text;
            }
        }
        Ok(SheetRows { first_row: rows.first().map_or(0, |(row, _)| *row), rows })
    }
}

/// The filled rows of a sheet: streamed cell by cell from an xlsx, so a huge used range is
/// refused before it is allocated; through the reader's range for other formats.
fn sheet_rows(
    workbook: &mut Sheets<Cursor<Vec<u8>>>,
    file: &str,
    sheet: &str,
) -> Result<SheetRows, ImportError> {
    let damaged = |detail: String| ImportError::DamagedWorkbook { file: file.to_owned(), detail };
    let mut gatherer = CellGatherer::new(file);
    if let Sheets::Xlsx(xlsx) = workbook {
        let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(|e| damaged(e.to_string()))?;
        while let Some(cell) = reader.next_cell().map_err(|e| damaged(e.to_string()))? {
            let (row, column) = cell.get_position();
            gatherer.add(row, column, owned_cell_text(Data::from(cell.get_value().clone())))?;
        }
        return gatherer.finish();
    }
    let range = workbook.worksheet_range(sheet).map_err(|e| damaged(e.to_string()))?;
    let (height, width) = range.get_size();
    if width as u64 > MAX_COLUMNS {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            what: Oversize::Columns { used: width as u64, max: MAX_COLUMNS },
        });
    }
    if (height as u64).saturating_mul(width as u64) > MAX_GRID {
        return Err(ImportError::TooLarge { file: file.to_owned(), what: Oversize::Cells { max: MAX_GRID } });
    }
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    for (index, row) in range.rows().enumerate() {
        for (offset, cell) in row.iter().enumerate() {
            gatherer.add(first_row + index as u32, first_column + offset as u32, cell_text(cell))?;
        }
    }
    gatherer.finish()
}

fn read_sheet(
    workbook: &mut Sheets<Cursor<Vec<u8>>>,
    file: &str,
    sheets: &[String],
    index: usize,
) -> Result<ReadTable, ImportError> {
    let sheet = sheets.get(index).cloned().ok_or_else(|| ImportError::Empty { file: file.to_owned() })?;
    let SheetRows { first_row, rows } = sheet_rows(workbook, file, &sheet)?;
    let filled = |row: &[String]| row.iter().filter(|c| !c.trim().is_empty()).count();
    let near_top = || rows.iter().take_while(|(row, _)| row - first_row < HEADER_SEARCH_ROWS);
    let widest = near_top().map(|(_, cells)| filled(cells)).max().unwrap_or(0);
    if widest == 0 {
        return Err(ImportError::Empty { file: format!("{file} [{sheet}]") });
    }
    // The header is the first row about as full as the fullest row near the top: a title
    // above it fills one cell, blank rows none.
    let header_at = near_top().position(|(_, cells)| filled(cells) * 5 >= widest * 4).unwrap_or(0);
    let headers: Vec<String> = rows[header_at].1.iter().map(|h| cap_header(h)).collect();
    let table_rows: Vec<TableRow> = rows
        .into_iter()
        .skip(header_at + 1)
        .filter(|(_, cells)| filled(cells) > 0)
        .map(|(row, fields)| TableRow::new(u64::from(row) + 1, fields))
        .collect();
    if table_rows.is_empty() {
        return Err(ImportError::HeaderOnly { file: format!("{file} [{sheet}]") });
    }
    Ok(ReadTable {
        table: Table {
            file: file.to_owned(),
            sheet: Some(sheet.clone()),
            headers,
            rows: table_rows,
            delimiter: b',',
        },
        format: SourceFormat::Workbook { sheet, sheets: sheets.to_vec() },
        encoding: TextEncoding::Utf8,
        replaced: None,
        problems: Vec::new(),
    })
}

/// [`cell_text`] of a cell the reader handed over: its text is moved, not copied again.
fn owned_cell_text(cell: Data) -> String {
    match cell {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text,
        other => cell_text(&other),
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{number:.0}"),
        Data::Float(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(date) => match date.as_datetime() {
            // A date cell without a time reads as a date, as the member typed it.
            Some(date_time) if date_time.time() == chrono::NaiveTime::MIN => {
                date_time.format("%Y-%m-%d").to_string()
            }
            Some(date_time) => date_time.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => date.as_f64().to_string(),
        },
    }
}
