//! Reading the rows of a codebook file: the header in either language, cells, shortcuts.

use crate::project::codebook::Rule;
use crate::project::shortcuts::RESERVED_KEYS;
use crate::text::decode::{DecodedText, Replacement};
use crate::text::file_kind::FileKind;

use super::*;

/// A record of the file: its line and its cells by column.
pub(super) struct RawRow {
    pub(super) line: u64,
    pub(super) cells: Cells,
}

/// A row's cells by column: trimmed, with one leading apostrophe (export's formula guard)
/// removed; empty where the file has no such column or cell.
pub(super) struct Cells([String; 7]);

impl Cells {
    pub(super) fn get(&self, column: Column) -> &str {
        &self.0[column as usize]
    }
}

/// The records under the header, and how decoding went.
pub(super) struct Rows {
    pub(super) rows: Vec<RawRow>,
    pub(super) replaced: Option<Replacement>,
}

/// The rows of a codebook file: `bytes` as chosen (to tell a picture or a binary file), `decoded`
/// its text (see [`crate::text::decode::decode`]).
pub(super) fn read_rows(file: &str, bytes: &[u8], decoded: &DecodedText) -> Result<Rows, CodebookCsvError> {
    if FileKind::sniff(bytes).is_some() {
        return Err(CodebookCsvError::NotText { file: file.to_owned() });
    }
    if !decoded.encoding.is_utf16() && bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Err(CodebookCsvError::NotText { file: file.to_owned() });
    }
    let text = decoded.text.as_str();
    if text.trim().is_empty() {
        return Err(CodebookCsvError::Empty { file: file.to_owned() });
    }
    // Excel's 「Unicode テキスト」 is tab-separated; the header row tells which it is.
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let delimiter =
        if header_line.matches('\t').count() > header_line.matches(',').count() { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = crate::text::lines::LineCounter::new(text.as_bytes());
    let mut columns: Option<[Option<usize>; 7]> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                return Err(CodebookCsvError::Malformed {
                    file: file.to_owned(),
                    line: lines.line_of(error.position().map_or(0, csv::Position::byte)),
                    detail: error.to_string(),
                });
            }
        }
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let line = lines.line_of(record.position().map_or(0, csv::Position::byte));
        let Some(columns) = &columns else {
            columns = Some(find_columns(file, &record)?);
            continue;
        };
        let cells = columns.map(|index| index.and_then(|i| record.get(i)).map(read_cell).unwrap_or_default());
        rows.push(RawRow { line, cells: Cells(cells) });
    }
    if columns.is_none() {
        return Err(CodebookCsvError::Empty { file: file.to_owned() });
    }
    Ok(Rows { rows, replaced: decoded.replaced })
}

/// Where each column is in the header row.
pub(super) fn find_columns(
    file: &str,
    header: &csv::StringRecord,
) -> Result<[Option<usize>; 7], CodebookCsvError> {
    let columns = Column::ALL.map(|column| header.iter().position(|cell| column.matches(&read_cell(cell))));
    let missing: Vec<String> = Column::ALL
        .iter()
        .zip(&columns)
        .filter(|(column, index)| column.required() && index.is_none())
        .map(|(column, _)| column.english().to_owned())
        .collect();
    if missing.is_empty() {
        Ok(columns)
    } else {
        Err(CodebookCsvError::MissingColumns { file: file.to_owned(), missing })
    }
}

pub(super) fn read_cell(cell: &str) -> String {
    let cell = cell.trim();
    cell.strip_prefix('\'').unwrap_or(cell).trim().to_owned()
}

/// A row read and checked on its own.
pub(super) struct Row<'a> {
    pub(super) raw: &'a RawRow,
    pub(super) group: &'a str,
    /// Empty for a row that only keeps a group (and its choice).
    pub(super) tag: &'a str,
    pub(super) parent: Option<&'a str>,
    pub(super) colour: Option<&'a str>,
    pub(super) shortcut: Option<char>,
    pub(super) rule: Rule,
    /// `Some(true)` for multiple.
    pub(super) choice: Option<bool>,
}

pub(super) fn read_row(raw: &RawRow) -> Result<Row<'_>, ConflictKind> {
    let cells = &raw.cells;
    let (group, tag) = (cells.get(Column::Group), cells.get(Column::Tag));
    let tag_cells = [Column::Parent, Column::Colour, Column::Shortcut, Column::Keywords];
    if tag.is_empty() && (group.is_empty() || tag_cells.iter().any(|c| !cells.get(*c).is_empty())) {
        return Err(ConflictKind::MissingTag);
    }
    if group.is_empty() {
        return Err(ConflictKind::MissingGroup);
    }
    let colour = match cells.get(Column::Colour) {
        "" => None,
        value if crate::project::codebook::is_colour(value) => Some(value),
        value => return Err(ConflictKind::BadColour { value: value.to_owned() }),
    };
    let shortcut = read_shortcut(cells.get(Column::Shortcut))?;
    let choice = match cells.get(Column::Choice) {
        "" => None,
        "単一" => Some(false),
        "複数" => Some(true),
        value if value.eq_ignore_ascii_case("single") => Some(false),
        value if value.eq_ignore_ascii_case("multiple") => Some(true),
        value => return Err(ConflictKind::BadChoice { value: value.to_owned() }),
    };
    let parent = Some(cells.get(Column::Parent)).filter(|p| !p.is_empty());
    let rule = Rule::from_keywords(cells.get(Column::Keywords));
    Ok(Row { raw, group, tag, parent, colour, shortcut, rule, choice })
}

/// One character, not reserved by the grid. A full-width letter or digit (typed with a Japanese
/// input method on) means the key of its half-width form, which is what the browser reports.
pub(super) fn read_shortcut(value: &str) -> Result<Option<char>, ConflictKind> {
    let mut chars = value.chars();
    let key = match (chars.next(), chars.next()) {
        (None, _) => return Ok(None),
        (Some(c), None) if ('\u{FF01}'..='\u{FF5E}').contains(&c) => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        (Some(c), None) => c,
        _ => return Err(ConflictKind::BadShortcut { value: value.to_owned() }),
    };
    if RESERVED_KEYS.contains(&key) {
        return Err(ConflictKind::BadShortcut { value: value.to_owned() });
    }
    Ok(Some(key))
}
