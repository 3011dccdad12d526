//! Which column plays which role, and table rows turned into comments with that mapping.

use std::borrow::Cow;

use super::comment_columns::{ColumnsError, CommentCells, CommentColumns};
use super::problem::{ImportError, ImportProblem, ProblemKind};
use super::progress::{Progress, ROWS_PER_REPORT, Report, Stage};
use super::table::{Table, TableRow};
use crate::import::dates::{self, DateSettings};
use crate::project::comment::{ChannelNames, NewComment, Normalized, SourceRef, shared_name};
use crate::text::normalize::{normalized_form, strip_controls};
use serde::{Deserialize, Serialize};

/// Which column plays which role (0-based column indexes). Columns with no role are kept
/// as named attributes of each comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The comment text; required.
    pub text: usize,
    /// The date, if the file has one.
    pub date: Option<usize>,
    /// The channel, if the file has one.
    pub channel: Option<usize>,
    /// The author (a personal column: masked in exports).
    pub author: Option<usize>,
    /// A link to the original post.
    pub url: Option<usize>,
    /// The source system's identifier (受付番号, tweet id, …).
    pub id: Option<usize>,
    /// How the date column is read.
    pub dates: DateSettings,
}

/// A role a column can play, so a UI can offer one choice per role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MappingField {
    /// The comment text (required).
    Text,
    /// The date.
    Date,
    /// The channel.
    Channel,
    /// The author.
    Author,
    /// The URL.
    Url,
    /// The source identifier.
    Id,
}

impl MappingField {
    /// Every role, in the order a mapping form shows them.
    pub const ALL: [MappingField; 6] = [
        MappingField::Text,
        MappingField::Date,
        MappingField::Channel,
        MappingField::Author,
        MappingField::Url,
        MappingField::Id,
    ];

    /// Whether the role may be left without a column.
    pub fn optional(self) -> bool {
        self != MappingField::Text
    }
}

impl ColumnMapping {
    /// A mapping with only the text column chosen.
    pub fn text_only(text: usize) -> Self {
        ColumnMapping {
            text,
            date: None,
            channel: None,
            author: None,
            url: None,
            id: None,
            dates: DateSettings::default(),
        }
    }

    /// The column chosen for a role.
    pub fn get(&self, field: MappingField) -> Option<usize> {
        match field {
            MappingField::Text => Some(self.text),
            MappingField::Date => self.date,
            MappingField::Channel => self.channel,
            MappingField::Author => self.author,
            MappingField::Url => self.url,
            MappingField::Id => self.id,
        }
    }

    /// Chooses the column for a role; the text can't be set to none and keeps its column.
    pub fn set(&mut self, field: MappingField, column: Option<usize>) {
        match field {
            MappingField::Text => {
                if let Some(column) = column {
                    self.text = column;
                }
            }
            MappingField::Date => self.date = column,
            MappingField::Channel => self.channel = column,
            MappingField::Author => self.author = column,
            MappingField::Url => self.url = column,
            MappingField::Id => self.id = column,
        }
    }

    /// The key under which a mapping is remembered: the file's header names, normalised, so a
    /// file with the same header gets the same mapping next time.
    pub fn memory_key(headers: &[String]) -> String {
        let names: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
        format!("{}{}", Self::MEMORY_KEY_PREFIX, names.join("\u{1F}"))
    }

    /// How every [`ColumnMapping::memory_key`] begins.
    pub const MEMORY_KEY_PREFIX: &'static str = "koe.mapping.v1:";

    /// The mapping remembered for `headers` among `remembered` (memory keys and
    /// [`ColumnMapping::to_memory`] texts), if one is and still fits them.
    pub fn recalled(headers: &[String], remembered: &[(String, String)]) -> Option<ColumnMapping> {
        let key = Self::memory_key(headers);
        let (_, memory) = remembered.iter().find(|(k, _)| *k == key)?;
        Self::from_memory(memory, headers.len())
    }

    /// A compact text form for remembering the mapping (numbers, `-` for no column).
    pub fn to_memory(&self) -> String {
        let column = |c: Option<usize>| c.map_or_else(|| "-".to_owned(), |c| c.to_string());
        let numbers =
            crate::import::dates::NumberDates::ALL.iter().position(|n| *n == self.dates.numbers).unwrap_or(0);
        let mut parts: Vec<String> = MappingField::ALL.iter().map(|f| column(self.get(*f))).collect();
        parts.push(numbers.to_string());
        parts.push(self.dates.offset_minutes.to_string());
        parts.join(",")
    }

    /// Reads a remembered mapping; `None` when it is damaged or names a column the file
    /// does not have.
    pub fn from_memory(text: &str, column_count: usize) -> Option<ColumnMapping> {
        let parts: Vec<&str> = text.split(',').collect();
        let [text_column, date, channel, author, url, id, numbers, offset] = parts[..] else { return None };
        let column = |part: &str| -> Option<Option<usize>> {
            if part == "-" {
                return Some(None);
            }
            let column = part.parse::<usize>().ok()?;
            (column < column_count).then_some(Some(column))
        };
        Some(ColumnMapping {
            text: column(text_column)??,
            date: column(date)?,
            channel: column(channel)?,
            author: column(author)?,
            url: column(url)?,
            id: column(id)?,
            dates: DateSettings {
                numbers: *crate::import::dates::NumberDates::ALL.get(numbers.parse::<usize>().ok()?)?,
                offset_minutes: offset.parse().ok()?,
            },
        })
    }

    fn has_role(&self, column: usize) -> bool {
        MappingField::ALL.iter().any(|field| self.get(*field) == Some(column))
    }
}

/// The comments read from a table and the problems met.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// The comments, in file order.
    pub comments: Vec<NewComment>,
    /// Rows skipped or kept with a remark.
    pub problems: Vec<ImportProblem>,
    /// Control characters removed from texts (other than line breaks and tabs).
    pub controls_removed: usize,
}

/// Turns table rows into comments: empty texts are skipped, unreadable dates kept as none,
/// each with a problem saying where; columns without a role become attributes.
pub fn to_comments(table: &Table, mapping: &ColumnMapping) -> ImportOutcome {
    to_comments_reporting(table, mapping, &mut |_| {})
}

/// [`to_comments`], telling `report` how many rows it has done now and then.
pub fn to_comments_reporting(table: &Table, mapping: &ColumnMapping, report: Report) -> ImportOutcome {
    to_comments_in_parts(table, mapping, usize::MAX, report, &mut |_| {})
}

/// [`to_comments_reporting`], handing the comments to `deliver` `part` at a time as they are
/// made, so a big file's comments are never all held at once (the worker posts each part to
/// the page). The outcome holds the comments after the last full part, the problems and the
/// count of removed control characters.
pub fn to_comments_in_parts(
    table: &Table,
    mapping: &ColumnMapping,
    part: usize,
    report: Report,
    deliver: &mut dyn FnMut(Vec<NewComment>),
) -> ImportOutcome {
    let mut conversion = Conversion::<Vec<NewComment>>::new(table, mapping);
    while let Some(comments) = conversion.next_part(table, part, report) {
        deliver(comments);
    }
    let (comments, outcome) = conversion.finish(table, report);
    ImportOutcome { comments, ..outcome }
}

/// A comment a conversion made from a row: its text and matching form, and the row's cells
/// for the rest.
#[derive(Debug)]
pub struct MadeComment<'a> {
    /// The text, control characters removed (the cell itself when it had none).
    pub text: Cow<'a, str>,
    /// Its matching form; `None` when that is the text itself.
    pub normalized: Option<String>,
    /// The row's other cells, trimmed, and where it was read.
    pub cells: CommentCells<'a>,
}

/// Where a conversion puts the comments it makes: comments of their own (a conversion in the
/// page or a test), or columns (the worker, which sends its comments as columns: no comment of
/// owned strings is made there only to be copied into them and dropped).
pub trait CommentSink: Default {
    /// Adds a comment and its attributes (name, value; empty values left out already);
    /// `channels` shares the channel names of the comments the conversion makes.
    fn add<'a>(
        &mut self,
        comment: MadeComment<'_>,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
        channels: &mut ChannelNames,
    ) -> Result<(), ColumnsError>;

    /// How many comments it holds.
    fn count(&self) -> usize;
}

impl CommentSink for Vec<NewComment> {
    fn add<'a>(
        &mut self,
        comment: MadeComment<'_>,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
        channels: &mut ChannelNames,
    ) -> Result<(), ColumnsError> {
        let cells = comment.cells;
        // A file's comments share its name (and sheet's) with the comment before.
        let before = self.last().map(|c| &c.source);
        let file = shared_name(cells.file, before.map(|b| &b.file));
        let sheet = cells.sheet.map(|sheet| shared_name(sheet, before.and_then(|b| b.sheet.as_ref())));
        self.push(NewComment {
            date: cells.date,
            channel: channels.share(cells.channel),
            author: cells.author.to_owned(),
            url: cells.url.to_owned(),
            external_id: cells.external_id.to_owned(),
            attributes: attributes.map(|(name, value)| (name.to_owned(), value.to_owned())).collect(),
            source: SourceRef { file, sheet, line: cells.line },
            normalized: Some(match comment.normalized {
                Some(form) => Normalized::of(&comment.text, form),
                None => Normalized::same_as_text(),
            }),
            text: comment.text.into_owned(),
        });
        Ok(())
    }

    fn count(&self) -> usize {
        self.len()
    }
}

impl CommentSink for CommentColumns {
    /// Channels go into the columns as text (read back, they are shared there).
    fn add<'a>(
        &mut self,
        comment: MadeComment<'_>,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
        _channels: &mut ChannelNames,
    ) -> Result<(), ColumnsError> {
        let normalized = comment.normalized.as_deref().unwrap_or(&comment.text);
        self.push(&comment.text, Some(normalized), comment.cells, attributes)
    }

    fn count(&self) -> usize {
        self.len()
    }
}

/// A table being turned into comments a part at a time ([`to_comments_in_parts`] in steps):
/// the worker keeps one between parts, making the next only when the page has taken one, so
/// parts never pile up in the page's queue. `S` holds the comments made.
#[derive(Debug)]
pub struct Conversion<S = Vec<NewComment>> {
    mapping: ColumnMapping,
    /// The file (and sheet) problems name, so the user finds the row.
    place: String,
    source_file: String,
    source_sheet: Option<String>,
    /// Columns without a role, kept as attributes under these names.
    attribute_columns: Vec<(usize, String)>,
    next_row: usize,
    /// The comments made since the last part.
    made: S,
    /// The channel names of the comments made.
    channels: ChannelNames,
    /// The problems and removed controls (its comments stay empty: they are in `made`).
    outcome: ImportOutcome,
}

impl<S: CommentSink> Conversion<S> {
    /// A conversion of `table` with `mapping`, at its first row.
    pub fn new(table: &Table, mapping: &ColumnMapping) -> Self {
        Conversion::of_rows_under(&table.file, table.sheet.as_deref(), &table.headers, mapping)
    }

    /// A conversion with `mapping` of rows read from `file` (and `sheet`) under `headers`,
    /// handed in one by one ([`Conversion::convert_one`]) rather than taken from a table.
    pub(crate) fn of_rows_under(
        file: &str,
        sheet: Option<&str>,
        headers: &[String],
        mapping: &ColumnMapping,
    ) -> Self {
        let place = match sheet {
            Some(sheet) => format!("{file} [{sheet}]"),
            None => file.to_owned(),
        };
        let attribute_columns = (0..headers.len())
            .filter(|column| !mapping.has_role(*column))
            .map(|column| {
                let name = headers[column].trim();
                (column, if name.is_empty() { format!("#{}", column + 1) } else { name.to_owned() })
            })
            .collect();
        Conversion {
            mapping: *mapping,
            place,
            source_file: file.to_owned(),
            source_sheet: sheet.map(str::to_owned),
            attribute_columns,
            next_row: 0,
            made: S::default(),
            channels: ChannelNames::default(),
            outcome: ImportOutcome::default(),
        }
    }

    /// The mapping it converts with.
    pub fn mapping(&self) -> ColumnMapping {
        self.mapping
    }

    /// Converts rows until `part` comments are made with rows still to come, and gives them;
    /// `None` once every row is converted (the last comments are in [`Conversion::finish`]).
    pub fn next_part(&mut self, table: &Table, part: usize, report: Report) -> Option<S> {
        let total = table.rows.len();
        while self.next_row < total {
            let done = self.next_row;
            self.next_row += 1;
            if done.is_multiple_of(ROWS_PER_REPORT) {
                report(Progress::new(Stage::Converting, done as u64, total as u64));
            }
            self.convert_row(&table.rows[done]);
            if self.made.count() >= part && done + 1 < total {
                return Some(std::mem::take(&mut self.made));
            }
        }
        None
    }

    /// The comments after the last part, and the problems and the count of removed controls
    /// (an outcome without comments).
    pub fn finish(&mut self, table: &Table, report: Report) -> (S, ImportOutcome) {
        // Rows not converted yet (none, once every part was asked for) join the last comments.
        let no_part = self.next_part(table, usize::MAX, report);
        debug_assert!(no_part.is_none(), "a part of usize::MAX comments is never full");
        let total = table.rows.len() as u64;
        report(Progress::new(Stage::Converting, total, total));
        (std::mem::take(&mut self.made), std::mem::take(&mut self.outcome))
    }

    /// Converts one row read from a file as it comes (a streamed file keeps no table).
    pub(crate) fn convert_one(&mut self, row: &TableRow) {
        self.convert_row(row);
    }

    /// The comments made since the last part, once there are `part` of them.
    pub(crate) fn take_part(&mut self, part: usize) -> Option<S> {
        (self.made.count() >= part).then(|| std::mem::take(&mut self.made))
    }

    /// The comments after the last part, and the problems and the count of removed controls.
    pub(crate) fn take_rest(&mut self) -> (S, ImportOutcome) {
        (std::mem::take(&mut self.made), std::mem::take(&mut self.outcome))
    }

    /// The error of a file that can no longer be read as it was.
    pub(crate) fn unreadable(&self) -> ImportError {
        ImportError::Unreadable { file: self.source_file.clone() }
    }

    fn convert_row(&mut self, row: &TableRow) {
        let mapping = &self.mapping;
        let problem = |column: Option<usize>, kind| ImportProblem {
            file: self.place.clone(),
            line: row.line,
            column: column.map(|c| c + 1),
            kind,
        };
        let cell = |index: Option<usize>| index.and_then(|i| row.field(i));
        let text_cell = cell(Some(mapping.text)).unwrap_or_default();
        let (text, removed) = strip_controls(text_cell);
        if text.trim().is_empty() {
            self.outcome.problems.push(problem(Some(mapping.text), ProblemKind::EmptyText));
            return;
        }
        self.outcome.controls_removed += removed;
        let date = match (mapping.date, cell(mapping.date)) {
            (Some(column), Some(value)) if !value.trim().is_empty() => {
                let parsed = dates::parse_with(value, &mapping.dates);
                if parsed.is_none() {
                    let kind = ProblemKind::BadDate { value: value.to_owned() };
                    self.outcome.problems.push(problem(Some(column), kind));
                }
                parsed
            }
            _ => None,
        };
        let trimmed = |index: Option<usize>| cell(index).unwrap_or_default().trim();
        let cells = CommentCells {
            date,
            channel: trimmed(mapping.channel),
            author: trimmed(mapping.author),
            url: trimmed(mapping.url),
            external_id: trimmed(mapping.id),
            file: &self.source_file,
            sheet: self.source_sheet.as_deref(),
            line: row.line,
        };
        let made = MadeComment {
            cells,
            // Made here, in the worker, so the page's duplicate scan and the project reuse it.
            normalized: match normalized_form(&text) {
                Cow::Borrowed(_) => None,
                Cow::Owned(form) => Some(form),
            },
            text,
        };
        let attributes = self
            .attribute_columns
            .iter()
            .map(|(column, name)| (name.as_str(), trimmed(Some(*column))))
            .filter(|(_, value)| !value.is_empty());
        if let Err(error) = self.made.add(made, attributes, &mut self.channels) {
            // A cell over 4 GiB: never in a file Koe reads, but said rather than lost quietly.
            let kind = ProblemKind::Malformed { detail: error.to_string() };
            self.outcome.problems.push(problem(None, kind));
        }
    }
}

/// The form headers are compared in: no case, spaces or separators.
pub(crate) fn normalise_header(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '　', '_', '-'], "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{guess_mapping, read_table};
    use crate::text::normalize::normalize;
    use std::sync::Arc;

    #[test]
    fn comments_made_in_parts_add_up_to_all_of_them() {
        let mut csv = String::from("本文,媒体\n");
        for i in 0..23 {
            // Empty texts (skipped with a problem) in the middle and at the end.
            let text = if i % 5 == 4 || i >= 21 { String::new() } else { format!("声{i}") };
            csv.push_str(&format!("{text},X\n"));
        }
        let table = read_table("p.csv", csv.as_bytes()).expect("table").table;
        let mapping = guess_mapping(&table);
        let whole = to_comments(&table, &mapping);
        for part in [1, 3, 7, 16, 100] {
            let mut parts: Vec<Vec<NewComment>> = Vec::new();
            let mut last = to_comments_in_parts(&table, &mapping, part, &mut |_| {}, &mut |p| parts.push(p));
            assert!(parts.iter().all(|p| p.len() == part), "full parts only, part {part}");
            let mut comments: Vec<NewComment> = parts.into_iter().flatten().collect();
            comments.append(&mut last.comments);
            last.comments = comments;
            assert_eq!(last, whole, "part {part}");
        }
    }

    #[test]
    fn comments_of_a_channel_share_its_name() {
        let mut csv = String::from("本文,媒体\n");
        let channels = ["X", "電話", "ブログ", "", "X", "メール"];
        for i in 0..60 {
            csv.push_str(&format!("声{i},{}\n", channels[i % channels.len()]));
        }
        let table = read_table("c.csv", csv.as_bytes()).expect("table").table;
        let comments = to_comments(&table, &guess_mapping(&table)).comments;
        let names: Vec<&str> = comments.iter().map(|c| &*c.channel).collect();
        let expected: Vec<&str> = (0..60).map(|i| channels[i % channels.len()]).collect();
        assert_eq!(names, expected);
        let distinct = |comments: &[NewComment]| {
            let mut pointers: Vec<*const u8> = comments.iter().map(|c| c.channel.as_ptr()).collect();
            pointers.sort();
            pointers.dedup();
            pointers.len()
        };
        assert_eq!(distinct(&comments), 5, "one name per channel, the empty one too");
        let back = CommentColumns::of(&comments).expect("columns").into_comments().expect("comments");
        assert_eq!(back, comments);
        assert_eq!(distinct(&back), 5, "read back from the columns");
    }

    #[test]
    fn channel_names_are_shared_up_to_a_limit_and_never_mistaken() {
        let mut channels = ChannelNames::default();
        let names: Vec<String> = (0..100).map(|i| format!("媒体{i}")).collect();
        let first: Vec<Arc<str>> = names.iter().map(|n| channels.share(n)).collect();
        let again: Vec<Arc<str>> = names.iter().map(|n| channels.share(n)).collect();
        for ((name, first), again) in names.iter().zip(&first).zip(&again) {
            assert_eq!((&**first, &**again), (name.as_str(), name.as_str()));
        }
        let shared = first.iter().zip(&again).filter(|(a, b)| Arc::ptr_eq(a, b)).count();
        assert_eq!(shared, 32, "the first 32 names are held; the others are made again");
        // Beyond the held names, one is shared with the comments next to it.
        let beyond = ["媒体50", "媒体50", "媒体51", "媒体50"].map(|n| channels.share(n));
        assert_eq!(beyond.each_ref().map(|n| &**n), ["媒体50", "媒体50", "媒体51", "媒体50"]);
        assert!(Arc::ptr_eq(&beyond[0], &beyond[1]));
        assert!(!Arc::ptr_eq(&beyond[1], &beyond[3]), "only the last one beyond is kept");
    }

    #[test]
    fn names_held_apart_are_shared_in_place() {
        // Two parts read back apart: each holds names of its own.
        let part = |names: [&str; 4]| names.map(Arc::<str>::from).to_vec();
        let (first_part, second_part) = (part(["X", "電話", "X", "X"]), part(["電話", "X", "", "X"]));
        let mut names: Vec<Arc<str>> = first_part.iter().chain(&second_part).cloned().collect();
        let mut channels = ChannelNames::default();
        channels.share_all(names.iter_mut());
        let texts: Vec<&str> = names.iter().map(|n| &**n).collect();
        assert_eq!(texts, ["X", "電話", "X", "X", "電話", "X", "", "X"]);
        for (a, b) in [(0, 2), (0, 3), (0, 5), (0, 7), (1, 4)] {
            assert!(Arc::ptr_eq(&names[a], &names[b]), "{a} and {b}");
        }
        assert!(!Arc::ptr_eq(&names[0], &names[1]));
    }

    #[test]
    fn a_files_comments_share_its_name() {
        let table = read_table("声.csv", "本文\n一\n二\n三\n".as_bytes()).expect("table").table;
        let comments = to_comments(&table, &guess_mapping(&table)).comments;
        assert_eq!(comments.len(), 3);
        assert!(comments.iter().all(|c| &*c.source.file == "声.csv"));
        assert!(comments.windows(2).all(|w| Arc::ptr_eq(&w[0].source.file, &w[1].source.file)));
        // Read back from the columns the worker sends, they share it too.
        let columns = CommentColumns::of(&comments).expect("columns");
        let back = columns.into_comments().expect("comments");
        assert_eq!(back, comments);
        assert!(back.windows(2).all(|w| Arc::ptr_eq(&w[0].source.file, &w[1].source.file)));
    }

    #[test]
    fn the_text_role_cannot_be_emptied() {
        let mut mapping = ColumnMapping { date: Some(0), ..ColumnMapping::text_only(2) };
        mapping.set(MappingField::Text, None);
        mapping.set(MappingField::Date, None);
        mapping.set(MappingField::Channel, Some(1));
        assert_eq!(mapping, ColumnMapping { channel: Some(1), ..ColumnMapping::text_only(2) });
        assert_eq!(mapping.get(MappingField::Channel), Some(1));
        assert!(!MappingField::Text.optional());
    }

    #[test]
    fn a_remembered_mapping_round_trips_and_is_checked_against_the_file() {
        let mapping = ColumnMapping {
            date: Some(0),
            author: Some(3),
            dates: DateSettings { numbers: crate::import::dates::NumberDates::UnixMillis, offset_minutes: 0 },
            ..ColumnMapping::text_only(2)
        };
        let memory = mapping.to_memory();
        assert_eq!(ColumnMapping::from_memory(&memory, 4), Some(mapping));
        assert_eq!(ColumnMapping::from_memory(&memory, 3), None, "column 4 is not in a 3-column file");
        assert_eq!(ColumnMapping::from_memory("garbage", 4), None);
        let headers = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            ColumnMapping::memory_key(&headers(&["本文", " Date "])),
            ColumnMapping::memory_key(&headers(&["本文", "date"]))
        );
        assert_ne!(
            ColumnMapping::memory_key(&headers(&["本文"])),
            ColumnMapping::memory_key(&headers(&["内容"]))
        );
    }

    #[test]
    fn keeps_other_columns_as_attributes_and_strips_controls() {
        let csv = "本文,商品,地域,担当\n\"良い\u{7}です\",プリン,関東,\n";
        let table = read_table("a.csv", csv.as_bytes()).expect("table").table;
        let outcome = to_comments(&table, &guess_mapping(&table));
        let comment = &outcome.comments[0];
        assert_eq!(comment.text, "良いです");
        assert_eq!(comment.normalized(), Some(normalize("良いです").as_str()), "made once, here");
        assert_eq!(outcome.controls_removed, 1);
        assert_eq!(
            comment.attributes,
            vec![("商品".to_owned(), "プリン".to_owned()), ("地域".to_owned(), "関東".to_owned())]
        );
    }

    #[test]
    fn comments_made_as_columns_are_the_comments_made_one_by_one() {
        // Every part a comment can have: attributes (some empty), a sheet, a bad date, an
        // empty text, controls, a text equal to its matching form and one that is not.
        let headers =
            ["本文", "日付", "媒体", "投稿者", "URL", "受付番号", "商品", "地域"].map(str::to_owned);
        let rows = vec![
            TableRow::new(
                2,
                ["ﾊﾟｯｹｰｼﾞが固い", "2024-04-01 10:00", "X", "山田", "https://e.x/1", "A-1", "プリン", ""],
            ),
            TableRow::new(3, ["plain", "2024-02-30", " ブログ ", "", "", "", "", "関東"]),
            TableRow::new(5, [" ", "2024-04-02", "X", "", "", "", "ゼリー", ""]),
            TableRow::new(6, ["良い\u{7}です\r\n二行目", "", "", "", "", "A-3", "", ""]),
        ];
        let table = Table {
            file: "声.xlsx".into(),
            sheet: Some("4月".into()),
            headers: headers.to_vec(),
            rows,
            delimiter: b',',
        };
        let mapping = guess_mapping(&table);
        assert!(mapping.url.is_some() && mapping.id.is_some(), "{mapping:?}");
        let convert = |part| {
            let mut columns = Conversion::<CommentColumns>::new(&table, &mapping);
            let mut comments = Vec::new();
            let mut report = |_| {};
            while let Some(made) = columns.next_part(&table, part, &mut report) {
                comments.extend(made.into_comments().expect("columns read back"));
            }
            let (last, outcome) = columns.finish(&table, &mut report);
            comments.extend(last.into_comments().expect("columns read back"));
            ImportOutcome { comments, ..outcome }
        };
        let one_by_one = to_comments(&table, &mapping);
        assert_eq!(one_by_one.comments.len(), 3);
        assert_eq!(convert(1), one_by_one);
        assert_eq!(convert(100), one_by_one);
    }

    #[test]
    fn skips_empty_texts_and_keeps_rows_with_bad_dates() {
        let table = read_table("b.csv", "本文,日付\n良い,2024-02-30\n ,2024-04-01\nふつう,\n".as_bytes())
            .expect("table")
            .table;
        let outcome = to_comments(&table, &guess_mapping(&table));
        let texts: Vec<&str> = outcome.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["良い", "ふつう"]);
        assert_eq!(outcome.comments[0].source.line, 2);
        let kinds: Vec<(u64, Option<usize>, ProblemKind)> =
            outcome.problems.into_iter().map(|p| (p.line, p.column, p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (2, Some(2), ProblemKind::BadDate { value: "2024-02-30".into() }),
                (3, Some(1), ProblemKind::EmptyText),
            ]
        );
    }
}
