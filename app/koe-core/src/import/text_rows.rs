//! The records of a delimited text, one at a time: its header, then each row with the
//! problems met on the way. The table reader keeps every row ([`super::table`]); the import
//! worker keeps a sample for the preview and converts the rows as it reads them again
//! ([`super::streamed`]), so it never holds the table.

use super::problem::{ImportError, ImportProblem, ProblemKind};
use super::progress::{Progress, ROWS_PER_REPORT, Report, Stage};
use super::source::{FileSource, read_start};
use super::table::{BINARY_SNIFF_LEN, ReadOptions, TableRow, cap_header, sniff_delimiter};
use super::text_stream::{Reading, StreamFailure, TextStream};
use crate::text::decode::{GUESS_SAMPLE, Replacement, TextEncoding, detect_from_start, legacy_japanese};
use crate::text::file_kind::FileKind;

/// Where the rows a text read go: every one into a table, or a sample of them.
pub(crate) trait RowSink {
    /// Takes the next row.
    fn keep(&mut self, row: &TableRow);

    /// Forgets every row taken: the text is read again, another way.
    fn start_again(&mut self);
}

impl RowSink for Vec<TableRow> {
    fn keep(&mut self, row: &TableRow) {
        self.push(row.clone());
    }

    fn start_again(&mut self) {
        self.clear();
    }
}

/// How a delimited text was read, besides its rows: enough to read the rows again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TextRead {
    /// The header row, trimmed.
    pub headers: Vec<String>,
    /// The delimiter detected or chosen.
    pub delimiter: u8,
    /// How the bytes became text.
    pub reading: Reading,
    /// Bytes skipped at the start (a byte order mark).
    pub skip: u64,
    /// Undecodable bytes met, if any.
    pub replaced: Option<Replacement>,
    /// Records kept with a remark, or skipped.
    pub problems: Vec<ImportProblem>,
    /// How many rows there are under the header.
    pub rows: usize,
}

impl TextRead {
    /// The encoding the text was read as.
    pub fn encoding(&self) -> TextEncoding {
        self.reading.encoding()
    }
}

/// How a delimited text is to be read: as what first, as what if that turns out not to be
/// UTF-8, and with which delimiter (`None`: the one its first record uses most).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReadPlan {
    /// How the bytes are read first, and the bytes skipped (a byte order mark).
    pub first: (Reading, u64),
    /// How they are read again when read first as UTF-8 and a byte is not; `None` for
    /// Shift_JIS or EUC-JP, guessed only then ([`ReadPlan::otherwise`]).
    otherwise: Option<(Reading, u64)>,
    /// The delimiter the user chose.
    pub delimiter: Option<u8>,
}

impl ReadPlan {
    /// How the bytes are read again when read first as UTF-8 and a byte is not. Shift_JIS or
    /// EUC-JP is guessed from the file's start only now: the guess decodes its first 256 KB
    /// both ways, some 30 ms in the worker that a UTF-8 file, the common case, never needs.
    pub(crate) fn otherwise(
        &self,
        file: &str,
        source: &mut dyn FileSource,
    ) -> Result<(Reading, u64), ImportError> {
        match self.otherwise {
            Some(otherwise) => Ok(otherwise),
            None => {
                let start = read_start(source, GUESS_SAMPLE)
                    .map_err(|_| ImportError::Unreadable { file: file.to_owned() })?;
                Ok((Reading::Decoded(legacy_japanese(&start)), 0))
            }
        }
    }
}

/// Looks at the start of `source` to decide how its text is read: refuses a file that is
/// not text, detects its encoding (or takes the user's) and its byte order mark.
pub(crate) fn plan_reading(
    file: &str,
    source: &mut dyn FileSource,
    options: ReadOptions,
) -> Result<ReadPlan, ImportError> {
    let unreadable = || ImportError::Unreadable { file: file.to_owned() };
    let start = read_start(source, GUESS_SAMPLE).map_err(|_| unreadable())?;
    if let Some(kind) = FileKind::sniff(&start) {
        return Err(ImportError::NotText { file: file.to_owned(), kind });
    }
    let head = detect_from_start(&start);
    // UTF-8 is read as it is and checked on the way; a byte that is not UTF-8 means the file
    // is read again, decoded from the other encoding (every byte checked, as before).
    let (first, otherwise) = match (options.encoding, head) {
        (Some(TextEncoding::Utf8), _) | (None, Some((TextEncoding::Utf8, _))) => {
            (Reading::CheckedUtf8, Some(TextEncoding::Utf8))
        }
        (Some(forced), _) => (Reading::Decoded(forced), Some(forced)),
        (None, Some((encoding, _))) => (Reading::Decoded(encoding), Some(encoding)),
        (None, None) => (Reading::CheckedUtf8, None),
    };
    // A byte order mark is skipped only when it is the encoding's own.
    let skip = |encoding: TextEncoding| head.filter(|(e, _)| *e == encoding).map_or(0, |(_, len)| len as u64);
    let first_encoding = first.encoding();
    if !first_encoding.is_utf16() {
        let sniff = &start[..start.len().min(BINARY_SNIFF_LEN)];
        if let Some(offset) = sniff.iter().position(|&b| b == 0) {
            return Err(ImportError::Binary { file: file.to_owned(), offset });
        }
    }
    Ok(ReadPlan {
        first: (first, skip(first_encoding)),
        otherwise: otherwise.map(|otherwise| (Reading::Decoded(otherwise), skip(otherwise))),
        delimiter: options.delimiter,
    })
}

/// Reads a delimited text file from `source` a piece at a time, detecting its encoding and
/// delimiter (or taking the user's), handing each row to `sink`; tells `report` how many bytes
/// it has read now and then.
pub(crate) fn read_text_from(
    file: &str,
    source: &mut dyn FileSource,
    options: ReadOptions,
    report: Report,
    sink: &mut dyn RowSink,
) -> Result<TextRead, ImportError> {
    let plan = plan_reading(file, source, options)?;
    match read_all(file, &mut *source, plan.first, plan.delimiter, report, sink) {
        Ok(read) => Ok(read),
        Err(Stop::NotUtf8) => {
            sink.start_again();
            let otherwise = plan.otherwise(file, &mut *source)?;
            read_all(file, source, otherwise, plan.delimiter, report, sink)
                .map_err(|stop| stop.into_error(file))
        }
        Err(Stop::Error(error)) => Err(error),
    }
}

/// Every row of `source`'s text, read as `reading` from byte `skip` on, into `sink`.
fn read_all(
    file: &str,
    source: &mut dyn FileSource,
    (reading, skip): (Reading, u64),
    delimiter: Option<u8>,
    report: Report,
    sink: &mut dyn RowSink,
) -> Result<TextRead, Stop> {
    let mut problems = Vec::new();
    let mut reader = RowReader::open(file, source, (reading, skip), delimiter, &mut problems, report)
        .map_err(|(stop, _)| stop)?;
    let mut row = TableRow::new(0, [""; 0]);
    let mut rows = 0usize;
    while reader.next_row(&mut row, &mut problems, report)? {
        rows += 1;
        sink.keep(&row);
    }
    Ok(reader.finish(rows, problems, report)?.0)
}

/// Why a [`RowReader`] stopped before the text's end.
pub(crate) enum Stop {
    /// The text read as UTF-8 is not: read it another way.
    NotUtf8,
    /// The file is not a table, or could not be read.
    Error(ImportError),
}

impl Stop {
    /// The error of `file` where reading it another way is not an answer: text already read
    /// the other way (decoded text is never refused as not UTF-8), or read again to convert it.
    pub(crate) fn into_error(self, file: &str) -> ImportError {
        match self {
            Stop::Error(error) => error,
            Stop::NotUtf8 => ImportError::Unreadable { file: file.to_owned() },
        }
    }
}

/// The rows of a delimited text as they are read, past its header.
pub(crate) struct RowReader<S: FileSource> {
    file: String,
    reader: csv::Reader<TextStream<S>>,
    record: csv::ByteRecord,
    /// The header row, trimmed.
    headers: Vec<String>,
    delimiter: u8,
    /// How the bytes become text, and the bytes skipped at the start.
    read_as: (Reading, u64),
    /// Records read, for progress.
    read: usize,
}

impl<S: FileSource> RowReader<S> {
    /// Opens the text of `source` read as `reading` from byte `skip`, with `delimiter` (else
    /// the one the first record uses most), and reads its header: the first record that is
    /// not blank. Problems met before it go to `problems`. Refused, it gives `source` back.
    pub(crate) fn open(
        file: &str,
        source: S,
        (reading, skip): (Reading, u64),
        delimiter: Option<u8>,
        problems: &mut Vec<ImportProblem>,
        report: Report,
    ) -> Result<Self, (Stop, S)> {
        let mut stream = TextStream::new(source, skip, reading);
        let delimiter = match delimiter {
            Some(delimiter) => delimiter,
            None => match stream.first_piece() {
                Ok(first) => sniff_delimiter(first),
                Err(_) => return Err((stopped(file, &stream), stream.into_source())),
            },
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(stream);
        let mut rows = RowReader {
            file: file.to_owned(),
            reader,
            record: csv::ByteRecord::new(),
            headers: Vec::new(),
            delimiter,
            read_as: (reading, skip),
            read: 0,
        };
        let mut header = TableRow::new(0, [""; 0]);
        match rows.next_record(&mut header, problems, report) {
            Ok(true) => {}
            Ok(false) => {
                let empty = Stop::Error(ImportError::Empty { file: file.to_owned() });
                return Err((empty, rows.into_source()));
            }
            Err(stop) => return Err((stop, rows.into_source())),
        }
        rows.headers = header.fields().map(cap_header).collect();
        Ok(rows)
    }

    /// How the text was read, once its `rows` rows (and `problems`) have been read to its end;
    /// its file goes back beside it, to be read again.
    pub(crate) fn finish(
        self,
        rows: usize,
        problems: Vec<ImportProblem>,
        report: Report,
    ) -> Result<(TextRead, S), Stop> {
        let (_, total) = self.progress();
        report(Progress::new(Stage::Reading, total, total));
        if rows == 0 {
            return Err(Stop::Error(ImportError::HeaderOnly { file: self.file }));
        }
        let replaced = self.replaced();
        let RowReader { headers, delimiter, reader, read_as: (reading, skip), .. } = self;
        let read = TextRead { headers, delimiter, reading, skip, replaced, problems, rows };
        Ok((read, reader.into_inner().into_source()))
    }

    /// The header row, trimmed.
    pub(crate) fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The delimiter detected or chosen.
    pub(crate) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Reads the next row into `row` (its buffers reused); `false` at the text's end. A row
    /// with more or fewer fields than the header is kept, with a problem.
    pub(crate) fn next_row(
        &mut self,
        row: &mut TableRow,
        problems: &mut Vec<ImportProblem>,
        report: Report,
    ) -> Result<bool, Stop> {
        if !self.next_record(row, problems, report)? {
            return Ok(false);
        }
        if row.len() != self.headers.len() {
            problems.push(ImportProblem {
                file: self.file.clone(),
                line: row.line,
                column: None,
                kind: ProblemKind::FieldCount { expected: self.headers.len(), found: row.len() },
            });
        }
        Ok(true)
    }

    /// How far into the file reading has come, and the file's size.
    pub(crate) fn progress(&self) -> (u64, u64) {
        self.reader.get_ref().progress(self.reader.position().byte())
    }

    /// The undecodable bytes met, once the whole text has been read.
    pub(crate) fn replaced(&self) -> Option<Replacement> {
        self.reader.get_ref().replaced()
    }

    /// The file it read from, to be read again later.
    pub(crate) fn into_source(self) -> S {
        self.reader.into_inner().into_source()
    }

    /// The next record that is not blank, into `row`; `false` at the text's end. A record
    /// the CSV reader refuses is left out, with a problem.
    fn next_record(
        &mut self,
        row: &mut TableRow,
        problems: &mut Vec<ImportProblem>,
        report: Report,
    ) -> Result<bool, Stop> {
        loop {
            self.read += 1;
            if self.read.is_multiple_of(ROWS_PER_REPORT) {
                let (at, total) = self.progress();
                report(Progress::new(Stage::Reading, at, total));
            }
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return Ok(false),
                Err(error) => {
                    if self.reader.get_ref().failure().is_some() {
                        return Err(stopped(&self.file, self.reader.get_ref()));
                    }
                    let line = self.reader.get_mut().line_of(error.position().map_or(0, csv::Position::byte));
                    problems.push(ImportProblem {
                        file: self.file.clone(),
                        line,
                        column: None,
                        kind: ProblemKind::Malformed { detail: error.to_string() },
                    });
                    continue;
                }
            }
            let record = &self.record;
            let at = record.position().map_or(0, csv::Position::byte);
            let line = self.reader.get_mut().line_of(at);
            // Checked where it lies in the record (the SIMD checker, in the worker's
            // WebAssembly, reads it faster than comparing it with the decoded text).
            let Ok(all) = simdutf8::basic::from_utf8(record.as_slice()) else {
                // Cannot happen for decoded or checked text; reported rather than trusted.
                let detail = "invalid UTF-8 in a record".to_owned();
                problems.push(ImportProblem {
                    file: self.file.clone(),
                    line,
                    column: None,
                    kind: ProblemKind::Malformed { detail },
                });
                continue;
            };
            let field = |i: usize| record.range(i).and_then(|r| all.get(r)).unwrap_or_default();
            if (0..record.len()).all(|i| field(i).trim().is_empty()) {
                continue;
            }
            let ends = (0..record.len()).map(|i| record.range(i).map_or(0, |r| r.end));
            row.refill(line, all, ends);
            return Ok(true);
        }
    }
}

/// Why the stream stopped, as a [`Stop`].
fn stopped<S: FileSource>(file: &str, stream: &TextStream<S>) -> Stop {
    match stream.failure() {
        Some(StreamFailure::NotUtf8) => Stop::NotUtf8,
        Some(StreamFailure::Unreadable) | None => {
            Stop::Error(ImportError::Unreadable { file: file.to_owned() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_or_euc_jp_is_guessed_only_when_the_text_is_not_utf8() {
        let text = "本文,日付\n新しい商品についてのお問い合わせです。,2024/4/1\n";
        for encoding in [TextEncoding::ShiftJis, TextEncoding::EucJp] {
            let bytes = encoding.codec().encode(text).0.into_owned();
            let mut source: &[u8] = &bytes;
            let plan = plan_reading("t.csv", &mut source, ReadOptions::default()).expect("a plan");
            assert_eq!(plan.first, (Reading::CheckedUtf8, 0), "{encoding:?} is read as UTF-8 first");
            assert_eq!(plan.otherwise, None, "{encoding:?}: not guessed before it is needed");
            let otherwise = plan.otherwise("t.csv", &mut source).expect("guessed");
            assert_eq!(otherwise, (Reading::Decoded(encoding), 0));
        }
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        let plan = plan_reading("t.csv", &mut &bom[..], ReadOptions::default()).expect("a plan");
        assert_eq!(plan.otherwise, Some((Reading::Decoded(TextEncoding::Utf8), 3)), "UTF-8 with its mark");
    }
}
