//! Bytes to a table of strings: encoding, delimiter, header row, records with line numbers.

use super::problem::{ImportError, ImportProblem, ProblemKind};

/// A file read as a table: a header row and records, each with the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The file name, for messages and for each comment's source.
    pub file: String,
    /// The header row, trimmed.
    pub headers: Vec<String>,
    /// The records under the header.
    pub rows: Vec<TableRow>,
    /// The delimiter that was detected.
    pub delimiter: u8,
}

/// One record of a [`Table`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based line on which the record starts (a quoted field may span lines).
    pub line: u64,
    /// The fields, exactly as written (quotes removed).
    pub fields: Vec<String>,
}

/// What [`read_table`] read, and the row-level problems it met on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadTable {
    /// The table.
    pub table: Table,
    /// Records that were kept with a remark, or skipped, with their positions.
    pub problems: Vec<ImportProblem>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const BINARY_SNIFF_LEN: usize = 8192;
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// Reads a delimited text file (UTF-8, with or without BOM).
pub fn read_table(file: &str, bytes: &[u8]) -> Result<ReadTable, ImportError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty {
            file: file.to_owned(),
        });
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(offset) = sniff.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            file: file.to_owned(),
            offset,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, column) = line_and_column(bytes, error.valid_up_to());
        ImportError::NotUtf8 {
            file: file.to_owned(),
            line,
            column,
        }
    })?;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                problems.push(ImportProblem {
                    file: file.to_owned(),
                    line,
                    column: None,
                    kind: ProblemKind::Malformed {
                        detail: error.to_string(),
                    },
                });
                continue;
            }
        };
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, csv::Position::line);
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        match &headers {
            None => headers = Some(fields.iter().map(|h| h.trim().to_owned()).collect()),
            Some(header) => {
                if fields.len() != header.len() {
                    problems.push(ImportProblem {
                        file: file.to_owned(),
                        line,
                        column: None,
                        kind: ProblemKind::FieldCount {
                            expected: header.len(),
                            found: fields.len(),
                        },
                    });
                }
                rows.push(TableRow { line, fields });
            }
        }
    }
    let headers = headers.ok_or_else(|| ImportError::Empty {
        file: file.to_owned(),
    })?;
    if rows.is_empty() {
        return Err(ImportError::HeaderOnly {
            file: file.to_owned(),
        });
    }
    Ok(ReadTable {
        table: Table {
            file: file.to_owned(),
            headers,
            rows,
            delimiter,
        },
        problems,
    })
}

/// Picks the delimiter that occurs most often, outside quotes, in the first record.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    for byte in text.bytes() {
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

/// 1-based line and character column of a byte offset.
fn line_and_column(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(u64, Vec<String>)> {
        let read = read_table("t.csv", text.as_bytes()).expect("a table");
        read.table
            .rows
            .into_iter()
            .map(|r| (r.line, r.fields))
            .collect()
    }

    #[test]
    fn keeps_line_numbers_across_quoted_line_breaks() {
        let got = rows("本文,日付\n\"一行目\n二行目\",2024-04-01\n\"a, \"\"b\"\"\",2024-04-02\n");
        assert_eq!(
            got,
            vec![
                (
                    2,
                    vec!["一行目\n二行目".to_owned(), "2024-04-01".to_owned()]
                ),
                (4, vec!["a, \"b\"".to_owned(), "2024-04-02".to_owned()]),
            ]
        );
    }

    #[test]
    fn strips_the_byte_order_mark_and_reads_crlf() {
        let read =
            read_table("t.csv", b"\xEF\xBB\xBFtext,date\r\nhello,2024-01-01\r\n").expect("ok");
        assert_eq!(read.table.headers, vec!["text", "date"]);
        assert_eq!(read.table.rows.len(), 1);
    }

    #[test]
    fn sniffs_tab_and_semicolon() {
        assert_eq!(sniff_delimiter("a\tb\tc\n1,2\t3"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
        assert_eq!(sniff_delimiter("\"x;y\",b\n"), b',');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }

    #[test]
    fn whole_file_errors_say_what_is_wrong_and_where() {
        assert_eq!(
            read_table("e.csv", b"  \n "),
            Err(ImportError::Empty {
                file: "e.csv".into()
            })
        );
        assert_eq!(
            read_table("h.csv", "本文,日付\n".as_bytes()),
            Err(ImportError::HeaderOnly {
                file: "h.csv".into()
            })
        );
        assert_eq!(
            read_table("p.png", b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ImportError::Binary {
                file: "p.png".into(),
                offset: 8
            })
        );
        // "本文\nあ" then a Shift_JIS byte pair.
        let mut bytes = "本文\nあい".as_bytes().to_vec();
        bytes.extend_from_slice(&[0x82, 0xA0]);
        assert_eq!(
            read_table("s.csv", &bytes),
            Err(ImportError::NotUtf8 {
                file: "s.csv".into(),
                line: 2,
                column: 3
            })
        );
    }

    #[test]
    fn uneven_rows_are_kept_and_reported() {
        let read = read_table("u.csv", b"a,b\n1,2,3\n4\n").expect("ok");
        assert_eq!(read.table.rows.len(), 2);
        let lines: Vec<u64> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3]);
    }
}
