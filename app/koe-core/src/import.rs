//! Reading comment files: bytes → [`Table`] → [`NewComment`]s plus problems with positions.
//!
//! Parsing never fails on a bad row: it returns what it could read and a list of
//! [`ImportProblem`]s. Only a file that is not a table at all gives an [`ImportError`].
//!
//! [`NewComment`]: crate::NewComment

pub mod batch;
mod comment_columns;
pub mod dates;
pub mod duplicates;
pub mod first_reading;
mod guess;
mod json;
mod mapping;
pub mod preview;
mod problem;
mod profile;
mod progress;
pub mod sample;
pub mod source;
pub mod streamed;
mod table;
#[cfg(test)]
mod test_files;
mod text_rows;
mod text_stream;
pub mod wire;
mod workbook;

pub use crate::text::decode::{Decoded, Replacement, TextEncoding, decode, detect};
pub use crate::text::file_kind::FileKind;
pub use comment_columns::{ColumnsError, CommentCells, CommentColumns, PartComments};
pub use first_reading::{FirstReading, ReadEnd, ReadStep};
pub use guess::{GuessReason, MappingGuess, guess_columns, guess_mapping};
pub use json::read_json;
pub use mapping::{
    ColumnMapping, CommentSink, Conversion, ImportOutcome, MadeComment, MappingField, to_comments,
    to_comments_reporting,
};
pub use preview::FilePreview;
pub use problem::{ImportError, ImportProblem, Oversize, ProblemKind};
pub use profile::{ColumnKind, ColumnProfile, profile_columns};
pub use progress::{Progress, Report, Stage};
pub use source::{FileSource, read_start, read_whole};
pub use streamed::{StreamedConversion, StreamedFile};
pub use table::{
    DELIMITERS, ReadOptions, ReadTable, SourceFormat, Table, TableRow, read_table, read_table_from,
    read_table_reporting, read_table_with,
};
pub use workbook::{MAX_CELLS, MAX_COLUMNS, MAX_SHARED_STRINGS, MAX_UNPACKED, read_workbook};

/// Reads any supported file: JSON or JSON Lines by name or content, otherwise delimited text.
pub fn read_any(file: &str, bytes: &[u8], options: ReadOptions) -> Result<ReadTable, ImportError> {
    read_any_reporting(file, bytes, options, &mut |_| {})
}

/// [`read_any`], telling `report` how far it has read now and then (delimited text in detail;
/// JSON and workbooks when done).
pub fn read_any_reporting(
    file: &str,
    bytes: &[u8],
    options: ReadOptions,
    report: Report,
) -> Result<ReadTable, ImportError> {
    let mut source = bytes;
    read_any_from(file, &mut source, options, report)
}

/// [`read_any_reporting`] from a [`FileSource`]: delimited text is read into its table a piece
/// at a time; workbooks and JSON, which their readers take whole, are read whole first.
pub fn read_any_from(
    file: &str,
    source: &mut dyn FileSource,
    options: ReadOptions,
    report: Report,
) -> Result<ReadTable, ImportError> {
    match whole_format(file, source, options)? {
        Some(format) => read_whole_format(file, source, options, format, report),
        None => read_table_from(file, source, options, report),
    }
}

/// A file opened for import, and how its comments will be made.
#[derive(Debug)]
pub enum Opened {
    /// A workbook or JSON file, read whole into its table.
    Table(ReadTable),
    /// Delimited text: read again for its comments, its table never kept.
    Streamed(StreamedFile),
}

/// A file begun for import, as the import worker begins it.
#[derive(Debug)]
pub enum Begun<S> {
    /// A workbook or JSON file, read whole into its table, and its preview.
    Whole(Box<(ReadTable, FilePreview)>),
    /// Delimited text, being read for its preview and converted as it is read.
    Reading(Box<FirstReading<S>>),
}

/// Begins any supported file for import, as the import worker does: delimited text is read
/// a step at a time and converted on the way ([`FirstReading`], with the mapping `remembered`
/// for its header if there is one), never held as a table; workbooks and JSON are read into
/// their table at once.
pub fn begin_any<S: CommentSink>(
    file: &str,
    mut source: Box<dyn FileSource>,
    (options, remembered): (ReadOptions, &[(String, String)]),
    report: Report,
) -> Result<Begun<S>, ImportError> {
    match whole_format(file, &mut *source, options)? {
        Some(format) => {
            let read = read_whole_format(file, &mut *source, options, format, report)?;
            let preview = FilePreview::of(&read);
            Ok(Begun::Whole(Box::new((read, preview))))
        }
        None => FirstReading::begin(file, source, (options, remembered), report)
            .map(|reading| Begun::Reading(Box::new(reading))),
    }
}

/// The formats whose readers take the whole file.
#[derive(Clone, Copy)]
enum WholeFormat {
    Workbook,
    Json,
}

/// Which whole-file format `source` is in, by its name or its first bytes; `None` for
/// delimited text.
fn whole_format(
    file: &str,
    source: &mut dyn FileSource,
    options: ReadOptions,
) -> Result<Option<WholeFormat>, ImportError> {
    let start = read_start(source, 64).map_err(|_| ImportError::Unreadable { file: file.to_owned() })?;
    let lower = file.to_lowercase();
    let workbook_name = [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext));
    let workbook_bytes = matches!(FileKind::sniff(&start), Some(FileKind::Zip | FileKind::OldOffice));
    if workbook_name || workbook_bytes {
        return Ok(Some(WholeFormat::Workbook));
    }
    let by_name = [".json", ".jsonl", ".ndjson"].iter().any(|ext| lower.ends_with(ext));
    let by_content = || {
        let start = decode(&start, options.encoding);
        start.text.trim_start().starts_with(['[', '{'])
    };
    Ok((by_name || (FileKind::sniff(&start).is_none() && by_content())).then_some(WholeFormat::Json))
}

/// Reads a workbook or JSON file whole into its table.
fn read_whole_format(
    file: &str,
    source: &mut dyn FileSource,
    options: ReadOptions,
    format: WholeFormat,
    report: Report,
) -> Result<ReadTable, ImportError> {
    let total = source.size();
    let bytes = read_whole(source).map_err(|_| ImportError::Unreadable { file: file.to_owned() })?;
    let read = match format {
        WholeFormat::Workbook => read_workbook(file, &bytes, options),
        WholeFormat::Json => read_json(file, &bytes, options),
    };
    report(Progress::new(Stage::Reading, total, total));
    read
}
