//! A delimited file imported without keeping its table: read once for its preview (its
//! header, first rows, problems, a sample for the column guess, how many rows), then read
//! again and converted as its rows come, a part at a time. The import worker holds the file
//! (the browser's handle, or bytes handed over) instead of its table: for a 200,000-row file
//! some 50 MB less in the worker while the page takes in the comments.

use std::fmt;

use super::mapping::{ColumnMapping, CommentSink, Conversion, ImportOutcome};
use super::preview::FilePreview;
use super::problem::ImportError;
use super::profile::RowSample;
use super::progress::{Progress, ROWS_PER_REPORT, Report, Stage};
use super::source::FileSource;
use super::table::{ReadOptions, ReadTable, SourceFormat, Table, TableRow};
use super::text_rows::{RowReader, TextRead, read_text_from};

/// A delimited file read for its preview, kept to be read again for its comments.
pub struct StreamedFile {
    file: String,
    /// `None` while a conversion reads it.
    source: Option<Box<dyn FileSource>>,
    read: TextRead,
}

impl fmt::Debug for StreamedFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamedFile").field("file", &self.file).field("rows", &self.read.rows).finish()
    }
}

impl StreamedFile {
    /// Reads the delimited text of `source` once, keeping no row but the preview's and the
    /// column guess's sample; the preview is what [`FilePreview::of`] gives for the table.
    pub fn open(
        file: &str,
        mut source: Box<dyn FileSource>,
        options: ReadOptions,
        report: Report,
    ) -> Result<(StreamedFile, FilePreview), ImportError> {
        let mut sample = RowSample::default();
        let mut read = read_text_from(file, &mut *source, options, report, &mut sample)?;
        let (preview, _) = preview_of(file, &mut read, sample);
        Ok((StreamedFile::kept(file, source, read), preview))
    }

    /// The file of `source`, read as `read` says, kept to be read again.
    pub(crate) fn kept(file: &str, source: Box<dyn FileSource>, read: TextRead) -> Self {
        StreamedFile { file: file.to_owned(), source: Some(source), read }
    }

    /// How many rows the file has.
    pub fn rows(&self) -> usize {
        self.read.rows
    }

    /// Starts converting the file with `mapping`, reading it again from its start. The file
    /// is the conversion's until it is given back ([`StreamedFile::give_back`]).
    pub fn convert<S: CommentSink>(
        &mut self,
        mapping: &ColumnMapping,
    ) -> Result<StreamedConversion<S>, ImportError> {
        let unreadable = || ImportError::Unreadable { file: self.file.clone() };
        let source = self.source.take().ok_or_else(unreadable)?;
        let read = &self.read;
        let mut problems = Vec::new();
        let rows = RowReader::open(
            &self.file,
            source,
            (read.reading, read.skip),
            Some(read.delimiter),
            &mut problems,
            &mut |_| {},
        );
        let rows = match rows {
            // A file that reads otherwise than the first time changed since it was chosen.
            Ok(rows) if rows.headers() == read.headers.as_slice() => rows,
            Ok(rows) => {
                self.source = Some(rows.into_source());
                return Err(unreadable());
            }
            Err((stop, source)) => {
                self.source = Some(source);
                return Err(stop.into_error(&self.file));
            }
        };
        Ok(StreamedConversion {
            conversion: Conversion::of_rows_under(&self.file, None, &read.headers, mapping),
            rows: Some(rows),
            row: TableRow::new(0, [""; 0]),
            done: 0,
            total: read.rows,
        })
    }

    /// Takes the file back from a conversion that ended or was stopped, to convert it again.
    pub fn give_back<S: CommentSink>(&mut self, conversion: StreamedConversion<S>) {
        if let Some(rows) = conversion.rows {
            self.source = Some(rows.into_source());
        }
    }
}

/// The preview of a text read for it, from the rows `sample` kept: the first rows, and the
/// column guess over the sample (every row the guess looks at, so it guesses as over the
/// whole table). The read's problems move into the preview: reading the file again converts
/// it, and its problems were told. Also gives the sampled rows.
pub(crate) fn preview_of(file: &str, read: &mut TextRead, sample: RowSample) -> (FilePreview, Vec<TableRow>) {
    let (first, sampled) = sample.into_parts();
    let sampled = ReadTable {
        table: Table {
            file: file.to_owned(),
            sheet: None,
            headers: read.headers.clone(),
            rows: sampled,
            delimiter: read.delimiter,
        },
        format: SourceFormat::Delimited,
        encoding: read.encoding(),
        replaced: read.replaced,
        problems: std::mem::take(&mut read.problems),
    };
    let preview = FilePreview { rows: first, total_rows: read.rows, ..FilePreview::of(&sampled) };
    (preview, sampled.table.rows)
}

/// A streamed file being turned into comments a part at a time, as [`Conversion`] does over a
/// table: the same comments, problems and parts.
pub struct StreamedConversion<S> {
    conversion: Conversion<S>,
    /// `None` once the file could not be read to its end.
    rows: Option<RowReader<Box<dyn FileSource>>>,
    /// The row read last (its buffers reused for the next).
    row: TableRow,
    done: usize,
    /// The rows the first reading counted.
    total: usize,
}

impl<S> fmt::Debug for StreamedConversion<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamedConversion").field("done", &self.done).field("total", &self.total).finish()
    }
}

impl<S: CommentSink> StreamedConversion<S> {
    /// The mapping it converts with.
    pub fn mapping(&self) -> ColumnMapping {
        self.conversion.mapping()
    }

    /// Converts rows until `part` comments are made with rows still to come, and gives them;
    /// `None` once every row is converted (the last comments are in
    /// [`StreamedConversion::finish`]). An error when the file can no longer be read, or reads
    /// otherwise than the first time.
    pub fn next_part(&mut self, part: usize, report: Report) -> Result<Option<S>, ImportError> {
        let Some(rows) = self.rows.as_mut() else { return Err(self.conversion.unreadable()) };
        let mut ignored = Vec::new();
        loop {
            if self.done.is_multiple_of(ROWS_PER_REPORT) {
                report(Progress::new(Stage::Converting, self.done as u64, self.total as u64));
            }
            match rows.next_row(&mut self.row, &mut ignored, &mut |_| {}) {
                Ok(true) => {}
                Ok(false) if self.done == self.total => return Ok(None),
                Ok(false) | Err(_) => {
                    self.rows = None;
                    return Err(self.conversion.unreadable());
                }
            }
            ignored.clear();
            self.done += 1;
            if self.done > self.total {
                self.rows = None;
                return Err(self.conversion.unreadable());
            }
            self.conversion.convert_one(&self.row);
            if self.done < self.total
                && let Some(made) = self.conversion.take_part(part)
            {
                return Ok(Some(made));
            }
        }
    }

    /// The comments after the last part, and the problems and the count of removed controls.
    pub fn finish(&mut self, report: Report) -> Result<(S, ImportOutcome), ImportError> {
        let no_part = self.next_part(usize::MAX, report)?;
        debug_assert!(no_part.is_none(), "a part of usize::MAX comments is never full");
        let total = self.total as u64;
        report(Progress::new(Stage::Converting, total, total));
        Ok(self.conversion.take_rest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{guess_mapping, read_any, test_files, to_comments};
    use crate::project::comment::NewComment;

    /// Reads `bytes` streamed and converts them with the guessed mapping, in parts of `part`.
    fn streamed(bytes: &[u8], options: ReadOptions, part: usize) -> (FilePreview, ImportOutcome, usize) {
        let (mut file, preview) =
            StreamedFile::open("s.csv", Box::new(bytes.to_vec()), options, &mut |_| {}).expect("a table");
        let mut conversion = file.convert::<Vec<NewComment>>(&preview.guess.mapping).expect("read again");
        let (mut comments, mut parts) = (Vec::new(), 0);
        while let Some(made) = conversion.next_part(part, &mut |_| {}).expect("the same file") {
            assert_eq!(made.len(), part, "a part is full");
            comments.extend(made);
            parts += 1;
        }
        let (last, outcome) = conversion.finish(&mut |_| {}).expect("the same file");
        comments.extend(last);
        file.give_back(conversion);
        assert!(file.convert::<Vec<NewComment>>(&preview.guess.mapping).is_ok(), "converted again");
        (preview, ImportOutcome { comments, ..outcome }, parts)
    }

    /// What reading the table gives: its preview and its comments.
    fn tabled(bytes: &[u8], options: ReadOptions) -> (FilePreview, ImportOutcome) {
        let read = read_any("s.csv", bytes, options).expect("a table");
        let outcome = to_comments(&read.table, &guess_mapping(&read.table));
        (FilePreview::of(&read), outcome)
    }

    #[test]
    fn a_streamed_file_previews_and_converts_as_its_table_does() {
        let big = test_files::big_with_problems();
        let files = test_files::awkward(&big);
        for (bytes, options) in &files {
            let (preview, outcome, _) = streamed(bytes, *options, 1_000);
            let (expected_preview, expected) = tabled(bytes, *options);
            assert_eq!(preview, expected_preview);
            assert_eq!(outcome, expected);
        }
        let (preview, outcome, parts) = streamed(big.as_bytes(), ReadOptions::default(), 1_000);
        assert!(preview.total_rows > 12_345 && !preview.problems.is_empty(), "{}", preview.total_rows);
        assert!(!outcome.problems.is_empty() && outcome.controls_removed > 0);
        assert_eq!(parts, (outcome.comments.len() - 1) / 1_000, "full parts while rows remain");
    }

    /// A file whose bytes change between the preview and the conversion (reads from `after`
    /// once `before` was read through).
    struct Changing {
        before: Vec<u8>,
        after: Vec<u8>,
        reads: usize,
    }

    impl FileSource for Changing {
        fn size(&self) -> u64 {
            if self.reads > 0 { self.after.len() as u64 } else { self.before.len() as u64 }
        }

        fn read_at(&mut self, start: u64, len: usize, into: &mut Vec<u8>) -> std::io::Result<()> {
            let bytes = if self.reads > 0 { &self.after } else { &self.before };
            bytes.as_slice().read_at(start, len, into)?;
            if start + into.len() as u64 >= bytes.len() as u64 && len > 64 {
                self.reads += 1;
            }
            Ok(())
        }
    }

    #[test]
    fn a_file_that_changed_since_its_preview_is_unreadable_not_cut_short() {
        let before = "本文,日付\n一,2024/1/1\n二,2024/1/2\n三,2024/1/3\n".as_bytes().to_vec();
        let changes = [
            "本文,日付\n一,2024/1/1\n".as_bytes().to_vec(),
            "本文,日付\n一,2024/1/1\n二,2024/1/2\n三,2024/1/3\n四,2024/1/4\n".as_bytes().to_vec(),
            "text,date\n一,2024/1/1\n二,2024/1/2\n三,2024/1/3\n".as_bytes().to_vec(),
        ];
        for after in changes {
            let source = Changing { before: before.clone(), after, reads: 0 };
            let (mut file, preview) =
                StreamedFile::open("c.csv", Box::new(source), ReadOptions::default(), &mut |_| {})
                    .expect("a table");
            assert_eq!(preview.total_rows, 3);
            let unreadable = ImportError::Unreadable { file: "c.csv".into() };
            let converted =
                file.convert::<Vec<NewComment>>(&preview.guess.mapping).and_then(|mut conversion| {
                    while conversion.next_part(1, &mut |_| {})?.is_some() {}
                    conversion.finish(&mut |_| {})
                });
            assert_eq!(converted.err(), Some(unreadable));
        }
    }
}
