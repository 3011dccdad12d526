//! Bytes to a table of strings: encoding, delimiter, header row, records with line numbers.

use super::problem::{ImportError, ImportProblem};
use super::progress::Report;
use super::source::FileSource;
use super::text_rows::read_text_from;
use crate::text::decode::{Replacement, TextEncoding};
use serde::{Deserialize, Serialize};

/// A file read as a table: a header row and records, each with the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The file name, for messages and for each comment's source.
    pub file: String,
    /// The sheet it was read from, for a workbook.
    pub sheet: Option<String>,
    /// The header row, trimmed.
    pub headers: Vec<String>,
    /// The records under the header.
    pub rows: Vec<TableRow>,
    /// The delimiter that was detected.
    pub delimiter: u8,
}

/// One record of a [`Table`]: its fields, exactly as written (quotes removed), in one buffer,
/// so a row is two allocations and not one per field (a million fewer for a 200,000-row file,
/// and a third less memory for the table the worker keeps).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// 1-based line on which the record starts (a quoted field may span lines).
    pub line: u64,
    /// The fields one after another.
    text: String,
    /// Where each field ends in `text`.
    ends: Vec<u32>,
}

impl TableRow {
    /// A record of these fields, starting on `line`.
    pub fn new<S: AsRef<str>>(line: u64, fields: impl IntoIterator<Item = S>) -> TableRow {
        let fields: Vec<S> = fields.into_iter().collect();
        let mut text = String::with_capacity(fields.iter().map(|f| f.as_ref().len()).sum());
        let mut ends = Vec::with_capacity(fields.len());
        for field in &fields {
            text.push_str(field.as_ref());
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        TableRow { line, text, ends }
    }

    /// Makes this the record read by the CSV reader on `line`: `all` its fields one after
    /// another, `ends` where each ends (`csv::ByteRecord` keeps them so). The row's buffers
    /// are reused, so reading a file row by row allocates nothing per row.
    pub(crate) fn refill(&mut self, line: u64, all: &str, ends: impl Iterator<Item = usize>) {
        self.line = line;
        self.text.clear();
        self.text.push_str(all);
        self.ends.clear();
        self.ends.extend(ends.map(|end| u32::try_from(end).unwrap_or(u32::MAX)));
    }

    /// The field in `column`, if the record has one.
    pub fn field(&self, column: usize) -> Option<&str> {
        let end = *self.ends.get(column)? as usize;
        let start = column.checked_sub(1).and_then(|before| self.ends.get(before)).map_or(0, |e| *e as usize);
        self.text.get(start..end)
    }

    /// The fields in order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|column| self.field(column).unwrap_or_default())
    }

    /// How many fields the record has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no field.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The fields as owned strings (the preview's cells).
    pub fn to_vec(&self) -> Vec<String> {
        self.fields().map(str::to_owned).collect()
    }
}

/// What [`read_table`] read, and the row-level problems it met on the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadTable {
    /// The table.
    pub table: Table,
    /// What kind of file it was read from.
    pub format: SourceFormat,
    /// The encoding the text was decoded with.
    pub encoding: TextEncoding,
    /// Bytes the encoding could not decode, if any: the user should try another encoding.
    pub replaced: Option<Replacement>,
    /// Records that were kept with a remark, or skipped, with their positions.
    pub problems: Vec<ImportProblem>,
}

pub(crate) const BINARY_SNIFF_LEN: usize = 8192;
/// The delimiters Koe detects and offers, in the order a menu lists them.
pub const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The kinds of file a table is read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceFormat {
    /// CSV, TSV and other delimited text.
    Delimited,
    /// JSON or JSON Lines.
    Json,
    /// A workbook: the sheet read, and every sheet the user can choose from.
    Workbook {
        /// The sheet read.
        sheet: String,
        /// All sheets, in workbook order.
        sheets: Vec<String>,
    },
}

/// Choices the user can make over what was detected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// Decode with this encoding instead of the detected one.
    pub encoding: Option<TextEncoding>,
    /// Split fields on this byte instead of the detected delimiter.
    pub delimiter: Option<u8>,
    /// Read this sheet (by position) of a workbook instead of the first.
    pub sheet: Option<usize>,
}

/// Longest header name kept, in characters: a first row that is really a comment (a file
/// without a header) still gives usable column names.
pub const MAX_HEADER_CHARS: usize = 100;

/// A header name trimmed and cut to [`MAX_HEADER_CHARS`] (with "…" where it was cut).
pub fn cap_header(header: &str) -> String {
    let header = header.trim();
    match header.char_indices().nth(MAX_HEADER_CHARS) {
        Some((at, _)) => format!("{}…", &header[..at]),
        None => header.to_owned(),
    }
}

/// Reads a delimited text file, detecting its encoding and delimiter.
pub fn read_table(file: &str, bytes: &[u8]) -> Result<ReadTable, ImportError> {
    read_table_with(file, bytes, ReadOptions::default())
}

/// Reads a delimited text file with the user's choice of encoding and delimiter.
pub fn read_table_with(file: &str, bytes: &[u8], options: ReadOptions) -> Result<ReadTable, ImportError> {
    read_table_reporting(file, bytes, options, &mut |_| {})
}

/// Reads a delimited text file, telling `report` how many bytes it has read now and then.
pub fn read_table_reporting(
    file: &str,
    bytes: &[u8],
    options: ReadOptions,
    report: Report,
) -> Result<ReadTable, ImportError> {
    let mut source = bytes;
    read_table_from(file, &mut source, options, report)
}

/// Reads a delimited text file from `source` a piece at a time, so the file is never whole in
/// memory beside its table; detects its encoding and delimiter as [`read_table_reporting`]
/// does, and tells `report` how many bytes it has read now and then.
pub fn read_table_from(
    file: &str,
    source: &mut dyn FileSource,
    options: ReadOptions,
    report: Report,
) -> Result<ReadTable, ImportError> {
    let mut rows = Vec::new();
    let read = read_text_from(file, source, options, report, &mut rows)?;
    Ok(ReadTable {
        encoding: read.encoding(),
        table: Table {
            file: file.to_owned(),
            sheet: None,
            headers: read.headers,
            rows,
            delimiter: read.delimiter,
        },
        format: SourceFormat::Delimited,
        replaced: read.replaced,
        problems: read.problems,
    })
}

/// Picks the delimiter that occurs most often, outside quotes, in the first record.
pub(crate) fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    for &byte in text {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(index) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[index] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..DELIMITERS.len()).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)));
    match best {
        Some(index) if counts[index] > 0 => DELIMITERS[index],
        _ => b',',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::file_kind::FileKind;

    fn rows(text: &str) -> Vec<(u64, Vec<String>)> {
        let read = read_table("t.csv", text.as_bytes()).expect("a table");
        read.table.rows.into_iter().map(|r| (r.line, r.to_vec())).collect()
    }

    #[test]
    fn a_row_keeps_each_field_apart_empty_ones_too() {
        let row = TableRow::new(7, ["本文", "", "a,b", "末尾"]);
        assert_eq!((row.line, row.len()), (7, 4));
        assert_eq!(row.field(0), Some("本文"));
        assert_eq!(row.field(1), Some(""));
        assert_eq!(row.field(3), Some("末尾"));
        assert_eq!(row.field(4), None);
        assert_eq!(row.fields().collect::<Vec<_>>(), ["本文", "", "a,b", "末尾"]);
        assert!(TableRow::new(1, Vec::<String>::new()).is_empty());
    }

    #[test]
    fn keeps_line_numbers_across_quoted_line_breaks() {
        let got = rows("本文,日付\n\"一行目\n二行目\",2024-04-01\n\"a, \"\"b\"\"\",2024-04-02\n");
        assert_eq!(
            got,
            vec![
                (2, vec!["一行目\n二行目".to_owned(), "2024-04-01".to_owned()]),
                (4, vec!["a, \"b\"".to_owned(), "2024-04-02".to_owned()]),
            ]
        );
    }

    #[test]
    fn strips_the_byte_order_mark_and_reads_crlf() {
        let read = read_table("t.csv", b"\xEF\xBB\xBFtext,date\r\nhello,2024-01-01\r\n").expect("ok");
        assert_eq!(read.table.headers, vec!["text", "date"]);
        assert_eq!(read.table.rows.len(), 1);
    }

    #[test]
    fn sniffs_tab_and_semicolon() {
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1,2\t3"), b'\t');
        assert_eq!(sniff_delimiter(b"a;b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"\"x;y\",b\n"), b',');
        assert_eq!(sniff_delimiter(b"single\n"), b',');
    }

    #[test]
    fn whole_file_errors_say_what_is_wrong_and_where() {
        assert_eq!(read_table("e.csv", b"  \n "), Err(ImportError::Empty { file: "e.csv".into() }));
        assert_eq!(
            read_table("h.csv", "本文,日付\n".as_bytes()),
            Err(ImportError::HeaderOnly { file: "h.csv".into() })
        );
        assert_eq!(
            read_table("p.csv", b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ImportError::NotText { file: "p.csv".into(), kind: FileKind::Png })
        );
        assert_eq!(
            read_table("b.csv", b"abc\x01\x00\x02def"),
            Err(ImportError::Binary { file: "b.csv".into(), offset: 4 })
        );
    }

    #[test]
    fn reads_cp932_and_utf16_tab_separated() {
        // 本文,日付 / ①㈱髙,2024/4/1 in CP932 bytes.
        let cp932: &[u8] = b"\x96\x7B\x95\xB6,\x93\xFA\x95\x74\r\n\x87\x40\x87\x8A\xFB\xFC,2024/4/1\r\n";
        let read = read_table("sjis.csv", cp932).expect("table");
        assert_eq!(read.encoding, TextEncoding::ShiftJis);
        assert_eq!(read.table.headers, vec!["本文", "日付"]);
        assert_eq!(read.table.rows[0].to_vec(), vec!["①㈱髙", "2024/4/1"]);

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("本文\t日付\r\nこんにちは\t2024/4/1\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        let read = read_table("unicode.txt", &utf16).expect("table");
        assert_eq!((read.encoding, read.table.delimiter), (TextEncoding::Utf16Le, b'\t'));
        assert_eq!(read.table.rows[0].to_vec(), vec!["こんにちは", "2024/4/1"]);
    }

    #[test]
    fn the_user_can_override_encoding_and_delimiter() {
        let read = read_table_with(
            "o.csv",
            "a;b,c\n1;2,3\n".as_bytes(),
            ReadOptions { encoding: Some(TextEncoding::Utf8), delimiter: Some(b','), sheet: None },
        )
        .expect("table");
        assert_eq!(read.table.headers, vec!["a;b", "c"]);
        let forced = read_table_with(
            "w.csv",
            "本文\nお問い合わせ\n".as_bytes(),
            ReadOptions { encoding: Some(TextEncoding::ShiftJis), ..ReadOptions::default() },
        )
        .expect("still a table");
        assert!(forced.replaced.is_some(), "mojibake is reported, not silent");
    }

    #[test]
    fn excel_crlf_files_report_the_line_an_editor_shows() {
        let read = read_table("crlf.csv", b"a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4\r\n").expect("ok");
        let lines: Vec<u64> = read.table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 3, 5]);
        assert_eq!(read.problems.iter().map(|p| p.line).collect::<Vec<_>>(), vec![5]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Fields taken from the record's bytes, quoted or not, are what the csv crate's own
        /// string reading gives, record by record.
        #[test]
        fn rows_read_are_the_csv_readers_strings(
            cells in proptest::collection::vec(
                proptest::collection::vec("[a,\"\r\n あ本 ]{0,6}", 1..4),
                1..8,
            ),
            raw in proptest::bool::ANY,
        ) {
            // Either well-formed CSV (quoted when needed) or the cells written as they are.
            let mut text = String::from("h1,h2,h3\n");
            for row in &cells {
                let written: Vec<String> = row
                    .iter()
                    .map(|cell| {
                        if raw || !cell.contains([',', '"', '\r', '\n']) {
                            cell.clone()
                        } else {
                            format!("\"{}\"", cell.replace('"', "\"\""))
                        }
                    })
                    .collect();
                text.push_str(&written.join(","));
                text.push('\n');
            }
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let expected: Vec<Vec<String>> = reader
                .records()
                .filter_map(Result::ok)
                .map(|record| record.iter().map(str::to_owned).collect::<Vec<String>>())
                .filter(|fields| !fields.iter().all(|f| f.trim().is_empty()))
                .skip(1)
                .collect();
            match read_table("p.csv", text.as_bytes()) {
                Ok(read) => {
                    let got: Vec<Vec<String>> = read.table.rows.iter().map(TableRow::to_vec).collect();
                    proptest::prop_assert_eq!(got, expected);
                }
                Err(ImportError::HeaderOnly { .. }) => proptest::prop_assert!(expected.is_empty()),
                Err(other) => proptest::prop_assert!(false, "{other:?}"),
            }
        }
    }

    #[test]
    fn uneven_rows_are_kept_and_reported() {
        let read = read_table("u.csv", b"a,b\n1,2,3\n4\n").expect("ok");
        assert_eq!(read.table.rows.len(), 2);
        let lines: Vec<u64> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3]);
    }
}
