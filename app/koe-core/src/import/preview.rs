//! What the import panel shows of a file the worker read: its header, first rows, counts and
//! the guessed mapping, without sending every row to the page.

use serde::{Deserialize, Serialize};

use super::guess::{MappingGuess, guess_columns};
use super::problem::ImportProblem;
use super::table::{ReadTable, SourceFormat, TableRow};
use crate::text::decode::{Replacement, TextEncoding};

/// Rows of a file the preview shows.
pub const PREVIEW_ROWS: usize = 5;

/// Everything the preview needs from a read file, without sending every row back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePreview {
    /// The file name.
    pub name: String,
    /// The header row.
    pub headers: Vec<String>,
    /// The first rows, exactly as they will be read.
    pub rows: Vec<TableRow>,
    /// How many rows the file has.
    pub total_rows: usize,
    /// What kind of file it is.
    pub format: SourceFormat,
    /// The encoding used.
    pub encoding: TextEncoding,
    /// Undecodable bytes, if any.
    pub replaced: Option<Replacement>,
    /// The delimiter used.
    pub delimiter: u8,
    /// Row problems met while reading.
    pub problems: Vec<ImportProblem>,
    /// The mapping guessed from the cells and header names, with its reasons.
    pub guess: MappingGuess,
}

impl FilePreview {
    /// The preview of a table read.
    pub fn of(read: &ReadTable) -> Self {
        let table = &read.table;
        FilePreview {
            name: table.file.clone(),
            headers: table.headers.clone(),
            rows: table.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
            total_rows: table.rows.len(),
            format: read.format.clone(),
            encoding: read.encoding,
            replaced: read.replaced,
            delimiter: table.delimiter,
            problems: read.problems.clone(),
            guess: guess_columns(table),
        }
    }
}
