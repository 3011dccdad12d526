//! Reading comment files: bytes → [`Table`] → [`NewComment`]s plus problems with positions.
//!
//! Parsing never fails on a bad row: it returns what it could read and a list of
//! [`ImportProblem`]s. Only a file that is not a table at all gives an [`ImportError`].
//!
//! [`NewComment`]: crate::NewComment

mod decode;
mod json;
mod mapping;
mod problem;
mod table;
mod workbook;

pub use decode::{Decoded, Replacement, TextEncoding, decode, detect};
pub use json::read_json;
pub use mapping::{ColumnMapping, ImportOutcome, MappingField, guess_mapping, to_comments};
pub use problem::{FileKind, ImportError, ImportProblem, ProblemKind};
pub use table::{
    DELIMITERS, ReadOptions, ReadTable, SourceFormat, Table, TableRow, read_table, read_table_with,
};
pub use workbook::read_workbook;

/// Reads any supported file: JSON or JSON Lines by name or content, otherwise delimited text.
pub fn read_any(file: &str, bytes: &[u8], options: ReadOptions) -> Result<ReadTable, ImportError> {
    let lower = file.to_lowercase();
    let workbook_name = [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext));
    let workbook_bytes = matches!(FileKind::sniff(bytes), Some(FileKind::Zip | FileKind::OldOffice));
    if workbook_name || workbook_bytes {
        return read_workbook(file, bytes, options);
    }
    let by_name = [".json", ".jsonl", ".ndjson"].iter().any(|ext| lower.ends_with(ext));
    let by_content = || {
        let start = decode(&bytes[..bytes.len().min(64)], options.encoding);
        start.text.trim_start().starts_with(['[', '{'])
    };
    if by_name || (FileKind::sniff(bytes).is_none() && by_content()) {
        read_json(file, bytes, options)
    } else {
        read_table_with(file, bytes, options)
    }
}
