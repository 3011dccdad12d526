//! A delimited file read for its preview while its rows are converted as they pass, with the
//! mapping guessed from its first rows. When the guess over the whole file's sample is the
//! same (as it is for a file whose columns keep their kind), the import worker has the
//! comments when the preview is done and reads the file once, not twice. When it is not, or
//! the member picks another mapping, the file is read again ([`super::streamed`]).

use std::fmt;

use super::guess::guess_mapping;
use super::mapping::{ColumnMapping, CommentSink, Conversion, ImportOutcome};
use super::preview::FilePreview;
use super::problem::{ImportError, ImportProblem};
use super::profile::{PROFILE_ROWS, RowSample};
use super::progress::Report;
use super::source::FileSource;
use super::streamed::{StreamedFile, preview_of};
use super::table::{ReadOptions, Table, TableRow};
use super::text_rows::{ReadPlan, RowReader, RowSink, Stop, plan_reading};
use super::text_stream::Reading;

/// What one step of a [`FirstReading`] gave.
pub enum ReadStep<S> {
    /// The next comments, converted with the mapping guessed early, with rows still to come.
    Part(S),
    /// The text is read again from its start another way (it was not UTF-8): the parts given
    /// so far are void.
    Restarted,
    /// The file is read to its end.
    Read(Box<ReadEnd<S>>),
}

/// A delimited file read through: kept to be read again, its preview, and its comments when
/// the mapping guessed early is the one guessed over the whole file.
pub struct ReadEnd<S> {
    /// The file, to be converted again with another mapping.
    pub file: StreamedFile,
    /// Its preview.
    pub preview: FilePreview,
    /// The conversion done as the file was read, with the remembered mapping or else the
    /// guessed one: the mapping, the comments after the last part, and the outcome. `None`
    /// when the early guess was another mapping than the whole file's: the parts given are
    /// void.
    pub converted: Option<(ColumnMapping, S, ImportOutcome)>,
}

/// A delimited file being read for its preview, converting its rows as they pass with the
/// mapping the page remembers for its header, or else the one guessed from its first
/// [`PROFILE_ROWS`] rows (or from every row of a smaller file).
/// Stepped a part at a time ([`FirstReading::next_part`]), so that the import worker stays
/// only a few parts ahead of the page.
pub struct FirstReading<S> {
    file: String,
    plan: ReadPlan,
    /// Whether the text is read the second way ([`ReadPlan::otherwise`]).
    again: bool,
    /// `None` once the file could not be read on.
    rows: Option<RowReader<Box<dyn FileSource>>>,
    /// The row read last.
    row: TableRow,
    /// Whether `row` is read but not converted yet (a part went first).
    row_waiting: bool,
    problems: Vec<ImportProblem>,
    sample: RowSample,
    /// Rows read so far.
    counted: usize,
    /// The conversion with the early guess (or the remembered mapping), once made.
    early: Option<Conversion<S>>,
    /// The mappings the page remembers, by memory key.
    remembered: Vec<(String, String)>,
    /// Whether `early` converts with a remembered mapping (kept whatever the guess).
    recalled: bool,
    /// The rows read before the early guess, converted before any row after them.
    backlog: std::vec::IntoIter<TableRow>,
}

impl<S> fmt::Debug for FirstReading<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FirstReading").field("file", &self.file).field("counted", &self.counted).finish()
    }
}

impl<S: CommentSink> FirstReading<S> {
    /// Starts reading the delimited text of `source`: its encoding, delimiter and header. A
    /// header with a mapping among `remembered` (memory keys and texts, see
    /// [`ColumnMapping::recalled`]) is converted with it from its first row.
    pub fn begin(
        file: &str,
        mut source: Box<dyn FileSource>,
        (options, remembered): (ReadOptions, &[(String, String)]),
        report: Report,
    ) -> Result<Self, ImportError> {
        let plan = plan_reading(file, &mut *source, options)?;
        let mut reading = FirstReading {
            file: file.to_owned(),
            plan,
            again: false,
            rows: None,
            row: TableRow::new(0, [""; 0]),
            row_waiting: false,
            problems: Vec::new(),
            sample: RowSample::default(),
            counted: 0,
            early: None,
            remembered: remembered.to_vec(),
            recalled: false,
            backlog: Vec::new().into_iter(),
        };
        match reading.open(source, plan.first, report) {
            Ok(()) => Ok(reading),
            Err((Stop::NotUtf8, source)) => reading.restart(source, report).map(|()| reading),
            Err((Stop::Error(error), _)) => Err(error),
        }
    }

    /// About how many rows the file has, from the rows and bytes read so far.
    pub fn rows_estimate(&self) -> usize {
        let Some(rows) = &self.rows else { return self.counted };
        let (at, total) = rows.progress();
        let estimate = self.counted as u128 * u128::from(total) / u128::from(at.max(1));
        usize::try_from(estimate).unwrap_or(usize::MAX).max(self.counted)
    }

    /// Reads on until `part` comments are converted with rows still to come, the text must be
    /// read again another way, or the file ends.
    pub fn next_part(&mut self, part: usize, report: Report) -> Result<ReadStep<S>, ImportError> {
        loop {
            if let Some(early) = self.early.as_mut()
                && (self.backlog.len() > 0 || self.row_waiting)
            {
                // Every row read is converted before the next is read; a full part goes
                // first, while rows remain (these).
                if let Some(made) = early.take_part(part) {
                    return Ok(ReadStep::Part(made));
                }
                match self.backlog.next() {
                    Some(row) => early.convert_one(&row),
                    None => {
                        early.convert_one(&self.row);
                        self.row_waiting = false;
                    }
                }
                continue;
            }
            let Some(rows) = self.rows.as_mut() else { return Err(self.unreadable()) };
            match rows.next_row(&mut self.row, &mut self.problems, report) {
                Ok(true) => {
                    self.counted += 1;
                    self.sample.keep(&self.row);
                    if self.early.is_some() {
                        self.row_waiting = true;
                    } else if self.counted == PROFILE_ROWS {
                        self.guess_early();
                    }
                }
                Ok(false) => return self.end(report).map(|end| ReadStep::Read(Box::new(end))),
                Err(Stop::NotUtf8) => {
                    let source = self.rows.take().map(RowReader::into_source);
                    let source = source.ok_or_else(|| self.unreadable())?;
                    self.restart(source, report)?;
                    return Ok(ReadStep::Restarted);
                }
                Err(Stop::Error(error)) => {
                    self.rows = None;
                    return Err(error);
                }
            }
        }
    }

    /// Guesses the mapping from the rows read so far (the sample still holds every one) and
    /// starts converting them.
    fn guess_early(&mut self) {
        let Some(rows) = self.rows.as_ref() else { return };
        let table = Table {
            file: self.file.clone(),
            sheet: None,
            headers: rows.headers().to_vec(),
            rows: self.sample.all_so_far().map(<[TableRow]>::to_vec).unwrap_or_default(),
            delimiter: rows.delimiter(),
        };
        let mapping = guess_mapping(&table);
        self.early = Some(Conversion::of_rows_under(&self.file, None, &table.headers, &mapping));
        self.backlog = table.rows.into_iter();
    }

    /// Opens the text of `source` read as `read_as`, at its header; refused, `source` comes back.
    fn open(
        &mut self,
        source: Box<dyn FileSource>,
        read_as: (Reading, u64),
        report: Report,
    ) -> Result<(), (Stop, Box<dyn FileSource>)> {
        self.problems.clear();
        let rows =
            RowReader::open(&self.file, source, read_as, self.plan.delimiter, &mut self.problems, report)?;
        let recalled = ColumnMapping::recalled(rows.headers(), &self.remembered);
        self.early =
            recalled.map(|mapping| Conversion::of_rows_under(&self.file, None, rows.headers(), &mapping));
        self.recalled = self.early.is_some();
        self.rows = Some(rows);
        Ok(())
    }

    /// Reads the text again from its start, decoded the other way (it was not UTF-8),
    /// forgetting every row read.
    fn restart(&mut self, mut source: Box<dyn FileSource>, report: Report) -> Result<(), ImportError> {
        if self.again {
            // Decoded text is never refused as not UTF-8.
            return Err(self.unreadable());
        }
        self.again = true;
        self.sample.start_again();
        (self.counted, self.row_waiting) = (0, false);
        self.backlog = Vec::new().into_iter();
        let otherwise = self.plan.otherwise(&self.file, &mut *source)?;
        self.open(source, otherwise, report).map_err(|(stop, _)| stop.into_error(&self.file))
    }

    /// The file read through: its preview, and the comments converted on the way if their
    /// mapping is the one guessed over the whole sample. A file smaller than the early guess's
    /// rows is converted now, from its sample (which is every row).
    fn end(&mut self, report: Report) -> Result<ReadEnd<S>, ImportError> {
        let rows = self.rows.take().ok_or_else(|| self.unreadable())?;
        let problems = std::mem::take(&mut self.problems);
        let (mut read, source) =
            rows.finish(self.counted, problems, report).map_err(|stop| stop.into_error(&self.file))?;
        let (preview, sampled) = preview_of(&self.file, &mut read, std::mem::take(&mut self.sample));
        let guessed = preview.guess.mapping;
        let conversion = match self.early.take() {
            Some(early) if self.recalled => Some(early),
            Some(early) => Some(early).filter(|early| early.mapping() == guessed),
            None => {
                let mut conversion = Conversion::of_rows_under(&self.file, None, &read.headers, &guessed);
                sampled.iter().for_each(|row| conversion.convert_one(row));
                Some(conversion)
            }
        };
        let converted = conversion.map(|mut conversion| {
            let (last, outcome) = conversion.take_rest();
            (conversion.mapping(), last, outcome)
        });
        Ok(ReadEnd { file: StreamedFile::kept(&self.file, source, read), preview, converted })
    }

    fn unreadable(&self) -> ImportError {
        ImportError::Unreadable { file: self.file.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{read_any, test_files, to_comments};
    use crate::project::comment::NewComment;

    /// What reading `bytes` through gives: the comments of its parts since the last restart,
    /// how many parts and restarts, and the end.
    struct Through {
        comments: Vec<NewComment>,
        parts: usize,
        restarts: usize,
        end: ReadEnd<Vec<NewComment>>,
    }

    fn read_through(bytes: &[u8], options: ReadOptions, part: usize) -> Through {
        let mut reading = FirstReading::<Vec<NewComment>>::begin(
            "s.csv",
            Box::new(bytes.to_vec()),
            (options, &[]),
            &mut |_| {},
        )
        .expect("a table");
        let (mut comments, mut parts, mut restarts) = (Vec::new(), 0, 0);
        loop {
            match reading.next_part(part, &mut |_| {}).expect("readable") {
                ReadStep::Part(made) => {
                    assert_eq!(made.len(), part, "a part is full");
                    assert!(reading.rows_estimate() >= reading.counted);
                    comments.extend(made);
                    parts += 1;
                }
                ReadStep::Restarted => {
                    comments.clear();
                    restarts += 1;
                }
                ReadStep::Read(end) => return Through { comments, parts, restarts, end: *end },
            }
        }
    }

    /// The preview and comments reading the table gives, with its guessed mapping.
    fn tabled(bytes: &[u8], options: ReadOptions) -> (FilePreview, ImportOutcome) {
        let read = read_any("s.csv", bytes, options).expect("a table");
        let preview = FilePreview::of(&read);
        let outcome = to_comments(&read.table, &preview.guess.mapping);
        (preview, outcome)
    }

    fn converted_whole(through: Through) -> (FilePreview, Option<ImportOutcome>) {
        let Through { mut comments, end, .. } = through;
        let outcome = end.converted.map(|(mapping, last, outcome)| {
            assert_eq!(mapping, end.preview.guess.mapping);
            comments.extend(last);
            ImportOutcome { comments, ..outcome }
        });
        (end.preview, outcome)
    }

    #[test]
    fn a_file_converted_as_it_is_read_gives_the_preview_and_comments_of_its_table() {
        let big = test_files::big_with_problems();
        let files = test_files::awkward(&big);
        for (bytes, options) in &files {
            let through = read_through(bytes, *options, 1_000);
            assert_eq!(through.restarts, 0);
            let (preview, outcome) = converted_whole(through);
            let (expected_preview, expected) = tabled(bytes, *options);
            assert_eq!(preview, expected_preview);
            assert_eq!(outcome, Some(expected), "converted as it was read");
        }
        let through = read_through(big.as_bytes(), ReadOptions::default(), 1_000);
        let parts = through.parts;
        let (preview, outcome) = converted_whole(through);
        let outcome = outcome.expect("converted");
        assert!(preview.total_rows > 12_345 && !preview.problems.is_empty());
        assert!(!outcome.problems.is_empty() && outcome.controls_removed > 0);
        assert_eq!(parts, (outcome.comments.len() - 1) / 1_000, "full parts while rows remain");
    }

    #[test]
    fn a_header_with_a_remembered_mapping_is_converted_with_it_whatever_the_guess() {
        let big = test_files::big_with_problems();
        let read = read_any("s.csv", big.as_bytes(), ReadOptions::default()).expect("a table");
        let guessed = FilePreview::of(&read).guess.mapping;
        let mine = ColumnMapping { date: None, channel: None, ..guessed };
        assert_ne!(mine, guessed);
        let key = ColumnMapping::memory_key(&read.table.headers);
        let remembered =
            [("koe.mapping.v1:other".to_owned(), guessed.to_memory()), (key.clone(), mine.to_memory())];
        let mut reading = FirstReading::<Vec<NewComment>>::begin(
            "s.csv",
            Box::new(big.as_bytes().to_vec()),
            (ReadOptions::default(), &remembered),
            &mut |_| {},
        )
        .expect("a table");
        let mut comments = Vec::new();
        let end = loop {
            match reading.next_part(1_000, &mut |_| {}).expect("readable") {
                ReadStep::Part(made) => comments.extend(made),
                ReadStep::Restarted => panic!("UTF-8 throughout"),
                ReadStep::Read(end) => break end,
            }
        };
        let (mapping, last, outcome) = end.converted.expect("converted with the remembered mapping");
        assert_eq!(mapping, mine);
        comments.extend(last);
        assert_eq!(ImportOutcome { comments, ..outcome }, to_comments(&read.table, &mine));
        assert_eq!(end.preview.guess.mapping, guessed, "the preview still shows the guess");

        // A remembered mapping that no longer fits the header (a column it names is gone)
        // is not used.
        let wide = ColumnMapping { text: read.table.headers.len() + 3, ..guessed };
        let remembered = [(key, wide.to_memory())];
        let mut reading = FirstReading::<Vec<NewComment>>::begin(
            "s.csv",
            Box::new(big.as_bytes().to_vec()),
            (ReadOptions::default(), &remembered),
            &mut |_| {},
        )
        .expect("a table");
        let end = loop {
            if let ReadStep::Read(end) = reading.next_part(1_000, &mut |_| {}).expect("readable") {
                break end;
            }
        };
        assert_eq!(end.converted.map(|(mapping, ..)| mapping), Some(guessed));
    }

    #[test]
    fn a_file_whose_columns_change_after_its_first_rows_is_read_again_with_the_guess_over_all() {
        // The first rows' long texts are in `x`, most of the file's in `y`.
        let mut text = String::from("x,y\n");
        for i in 0..PROFILE_ROWS * 10 {
            let long = format!("この商品の容器がとても開けにくくて困っています。番号{i}の件です。");
            if i < PROFILE_ROWS + 10 {
                text.push_str(&format!("{long},A{}\n", i % 7));
            } else {
                text.push_str(&format!("A{},{long}\n", i % 7));
            }
        }
        let through = read_through(text.as_bytes(), ReadOptions::default(), 2_000);
        assert!(through.parts > 0, "parts went with the early guess");
        let (expected_preview, expected) = tabled(text.as_bytes(), ReadOptions::default());
        assert_eq!(expected_preview.guess.mapping.text, 1, "the whole file's texts are in y");
        let mut end = through.end;
        assert!(end.converted.is_none(), "the early guess (x) was not the whole file's");
        assert_eq!(end.preview, expected_preview);
        let mut again = end.file.convert::<Vec<NewComment>>(&end.preview.guess.mapping).expect("read again");
        let mut comments = Vec::new();
        while let Some(made) = again.next_part(2_000, &mut |_| {}).expect("the same file") {
            comments.extend(made);
        }
        let (last, outcome) = again.finish(&mut |_| {}).expect("the same file");
        comments.extend(last);
        assert_eq!(ImportOutcome { comments, ..outcome }, expected);
    }

    #[test]
    fn a_file_that_turns_out_not_to_be_utf8_is_read_again_and_its_parts_are_void() {
        // ASCII for its first rows (read as UTF-8), Shift_JIS after its first piece of text.
        let mut text = String::from("date,text\n");
        for i in 0..PROFILE_ROWS * 12 {
            text.push_str(&format!("2024/5/{},comment {i}\n", 1 + i % 28));
        }
        text.push_str("2024/5/1,容器が固い\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let through = read_through(&sjis, ReadOptions::default(), 1_000);
        assert_eq!(through.restarts, 1);
        let (preview, outcome) = converted_whole(through);
        let (expected_preview, expected) = tabled(&sjis, ReadOptions::default());
        assert_eq!(preview, expected_preview);
        assert_eq!(outcome, Some(expected));
        assert_eq!(preview.encoding, crate::import::TextEncoding::ShiftJis);
    }
}
