//! Excel and OpenDocument workbooks (.xlsx, .xls, .xlsb, .ods) as a table: choose the sheet,
//! skip a title and blank rows above the header, read real date cells as dates.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::decode::TextEncoding;
use super::problem::ImportError;
use super::table::{ReadOptions, ReadTable, SourceFormat, Table, TableRow};

/// How many rows from the top may hold a title and blank lines before the header.
const HEADER_SEARCH_ROWS: usize = 20;

/// Reads the chosen sheet of a workbook or, when none is chosen, the first sheet that holds
/// a table (a cover or notes sheet in front is passed over).
pub fn read_workbook(file: &str, bytes: &[u8], options: ReadOptions) -> Result<ReadTable, ImportError> {
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
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| ImportError::Empty { file: file.to_owned() }))
}

fn read_sheet<R>(
    workbook: &mut R,
    file: &str,
    sheets: &[String],
    index: usize,
) -> Result<ReadTable, ImportError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let damaged = |detail: String| ImportError::DamagedWorkbook { file: file.to_owned(), detail };
    let sheet = sheets.get(index).cloned().ok_or_else(|| ImportError::Empty { file: file.to_owned() })?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| damaged(e.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let cells: Vec<Vec<String>> = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
    let filled = |row: &[String]| row.iter().filter(|c| !c.trim().is_empty()).count();
    let widest = cells.iter().take(HEADER_SEARCH_ROWS).map(|r| filled(r)).max().unwrap_or(0);
    if widest == 0 {
        return Err(ImportError::Empty { file: format!("{file} [{sheet}]") });
    }
    // The header is the first row about as full as the fullest row near the top: a title
    // above it fills one cell, blank rows none.
    let header_index =
        cells.iter().take(HEADER_SEARCH_ROWS).position(|row| filled(row) * 5 >= widest * 4).unwrap_or(0);
    let headers: Vec<String> = cells[header_index].iter().map(|h| h.trim().to_owned()).collect();
    let rows: Vec<TableRow> = cells
        .iter()
        .enumerate()
        .skip(header_index + 1)
        .filter(|(_, row)| filled(row) > 0)
        .map(|(index, row)| TableRow { line: first_row + index as u64 + 1, fields: row.clone() })
        .collect();
    if rows.is_empty() {
        return Err(ImportError::HeaderOnly { file: format!("{file} [{sheet}]") });
    }
    Ok(ReadTable {
        table: Table { file: file.to_owned(), sheet: Some(sheet.clone()), headers, rows, delimiter: b',' },
        format: SourceFormat::Workbook { sheet, sheets: sheets.to_vec() },
        encoding: TextEncoding::Utf8,
        replaced: None,
        problems: Vec::new(),
    })
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
            Some(date_time) => date_time.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => date.as_f64().to_string(),
        },
    }
}
