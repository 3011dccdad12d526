//! Comments on their way from the import worker to the page, as columns: every string of a
//! part in one buffer with their lengths, dates as numbers. The worker converts rows straight
//! into these columns (no comment of owned strings is made, copied in and dropped there); the
//! page checks the buffer's UTF-8 once (SIMD) instead of once per string, and reads dates
//! without parsing text. A comment's normalised form equal to its text, and a file name equal
//! to the one before, are not sent twice. [`PartComments`] is how
//! the worker's `Reply::ConvertedPart` holds them.

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime};
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_bytes::ByteBuf;

use crate::project::comment::{ChannelNames, NewComment, Normalized, SourceRef, shared_name};

/// Which of a comment's optional strings follow its text in the buffer.
mod flag {
    /// `normalized` is `Some`.
    pub const NORMALIZED: u8 = 1;
    /// …and equal to the text: not sent again.
    pub const NORMALIZED_IS_TEXT: u8 = 2;
    /// The file name is the previous comment's: not sent again.
    pub const FILE_AS_BEFORE: u8 = 4;
    /// The comment has a sheet name.
    pub const SHEET: u8 = 8;
}

/// Comments as columns. Per comment, its strings follow one another in `strings` in this
/// order: text, normalised text (unless absent or equal to the text), channel, author, url,
/// external id, file name (unless as before), sheet (if any), then each attribute's name and
/// value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentColumns {
    strings: ByteBuf,
    /// The byte length of each string in `strings`, in order.
    #[serde(with = "packed")]
    lengths: Vec<u32>,
    /// Per comment: its [`flag`]s and how many attributes it has.
    #[serde(with = "packed")]
    shapes: Vec<(u8, u32)>,
    /// Per comment: its date as seconds and nanoseconds from 1970-01-01 00:00 (local time as
    /// written, no zone).
    #[serde(with = "packed")]
    dates: Vec<Option<(i64, u32)>>,
    /// Per comment: the line its record starts on.
    #[serde(with = "packed")]
    lines: Vec<u64>,
    /// Where the last file name sent lies in `strings` (not sent: made again while reading).
    #[serde(skip)]
    last_file: Option<(usize, usize)>,
}

/// A comment's cells besides its text, borrowed: what [`CommentColumns::push`] and a
/// conversion's [`crate::import::mapping::MadeComment`] share.
#[derive(Clone, Copy, Debug)]
pub struct CommentCells<'a> {
    /// When it was posted.
    pub date: Option<NaiveDateTime>,
    /// The channel.
    pub channel: &'a str,
    /// The author.
    pub author: &'a str,
    /// The link.
    pub url: &'a str,
    /// The source system's id.
    pub external_id: &'a str,
    /// The file it was read from.
    pub file: &'a str,
    /// The sheet, for a workbook.
    pub sheet: Option<&'a str>,
    /// The line its record starts on.
    pub line: u64,
}

impl<'a> CommentCells<'a> {
    /// The cells of a comment made already.
    pub fn of(comment: &'a NewComment) -> Self {
        CommentCells {
            date: comment.date,
            channel: &comment.channel,
            author: &comment.author,
            url: &comment.url,
            external_id: &comment.external_id,
            file: &comment.source.file,
            sheet: comment.source.sheet.as_deref(),
            line: comment.source.line,
        }
    }
}

/// Why comments could not be put into columns or read back from them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("comment columns: {0}")]
pub struct ColumnsError(&'static str);

impl CommentColumns {
    /// Columns with room for about `comments` comments of `bytes` bytes of strings.
    pub fn with_capacity(comments: usize, bytes: usize) -> Self {
        CommentColumns {
            strings: ByteBuf::with_capacity(bytes),
            lengths: Vec::with_capacity(comments * 7),
            shapes: Vec::with_capacity(comments),
            dates: Vec::with_capacity(comments),
            lines: Vec::with_capacity(comments),
            last_file: None,
        }
    }

    /// The columns of `comments`.
    pub fn of(comments: &[NewComment]) -> Result<Self, ColumnsError> {
        let bytes = comments.iter().map(|c| c.text.len() * 2).sum();
        let mut columns = CommentColumns::with_capacity(comments.len(), bytes);
        for comment in comments {
            let attributes = comment.attributes.iter().map(|(n, v)| (n.as_str(), v.as_str()));
            columns.push(&comment.text, comment.normalized(), CommentCells::of(comment), attributes)?;
        }
        Ok(columns)
    }

    /// How many comments the columns hold.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether they hold none.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// Adds a comment: its text, its matching form if made, its other cells and its
    /// attributes (name, value).
    pub fn push<'a>(
        &mut self,
        text: &str,
        normalized: Option<&str>,
        comment: CommentCells<'_>,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), ColumnsError> {
        let mut flags = 0;
        self.push_str(text)?;
        if let Some(normalized) = normalized {
            flags |= flag::NORMALIZED;
            // The same string (a conversion's borrowed form) needs no comparison.
            if std::ptr::eq(normalized, text) || normalized == text {
                flags |= flag::NORMALIZED_IS_TEXT;
            } else {
                self.push_str(normalized)?;
            }
        }
        for text in [comment.channel, comment.author, comment.url, comment.external_id] {
            self.push_str(text)?;
        }
        let last_file = self.last_file.and_then(|(start, end)| self.strings.get(start..end));
        if last_file == Some(comment.file.as_bytes()) {
            flags |= flag::FILE_AS_BEFORE;
        } else {
            let start = self.strings.len();
            self.push_str(comment.file)?;
            self.last_file = Some((start, self.strings.len()));
        }
        if let Some(sheet) = comment.sheet {
            flags |= flag::SHEET;
            self.push_str(sheet)?;
        }
        let mut count = 0u32;
        for (name, value) in attributes {
            self.push_str(name)?;
            self.push_str(value)?;
            count = count.checked_add(1).ok_or(ColumnsError("too many attributes"))?;
        }
        self.shapes.push((flags, count));
        let date = comment.date.map(|d| (d.and_utc().timestamp(), d.and_utc().timestamp_subsec_nanos()));
        self.dates.push(date);
        self.lines.push(comment.line);
        Ok(())
    }

    fn push_str(&mut self, text: &str) -> Result<(), ColumnsError> {
        let length = u32::try_from(text.len()).map_err(|_| ColumnsError("a string over 4 GiB"))?;
        self.strings.extend_from_slice(text.as_bytes());
        self.lengths.push(length);
        Ok(())
    }

    /// The comments back; a buffer that is not UTF-8, lengths that do not fit it or columns of
    /// different lengths are an error, never a panic.
    pub fn into_comments(self) -> Result<Vec<NewComment>, ColumnsError> {
        let columns = self;
        let all = simdutf8::basic::from_utf8(&columns.strings)
            .map_err(|_| ColumnsError("strings are not UTF-8"))?;
        let count = columns.shapes.len();
        if columns.dates.len() != count || columns.lines.len() != count {
            return Err(ColumnsError("comment columns of different lengths"));
        }
        let mut strings = Strings { all, at: 0, lengths: columns.lengths.iter() };
        let mut comments = Vec::with_capacity(count);
        let mut channels = ChannelNames::default();
        for ((&(flags, attributes), date), &line) in
            columns.shapes.iter().zip(&columns.dates).zip(&columns.lines)
        {
            let text = strings.next().ok_or(ColumnsError("a text missing"))?;
            let normalized = match (flags & flag::NORMALIZED != 0, flags & flag::NORMALIZED_IS_TEXT != 0) {
                (false, _) => None,
                (true, true) => Some(Normalized::same_as_text()),
                (true, false) => Some(Normalized::of(text, strings.next_owned()?)),
            };
            let channel = strings.next().ok_or(ColumnsError("a string missing"))?;
            let channel = channels.share(channel);
            let author = strings.next_owned()?;
            let url = strings.next_owned()?;
            let external_id = strings.next_owned()?;
            // The comments of a file share one name (and sheet's) with the comment before.
            let before = comments.last().map(|c: &NewComment| &c.source);
            let file = if flags & flag::FILE_AS_BEFORE != 0 {
                before.map(|b| Arc::clone(&b.file)).ok_or(ColumnsError("no file before"))?
            } else {
                Arc::from(strings.next().ok_or(ColumnsError("a string missing"))?)
            };
            let sheet = if flags & flag::SHEET != 0 {
                let sheet = strings.next().ok_or(ColumnsError("a string missing"))?;
                Some(shared_name(sheet, before.and_then(|b| b.sheet.as_ref())))
            } else {
                None
            };
            let attributes = (0..attributes)
                .map(|_| Ok((strings.next_owned()?, strings.next_owned()?)))
                .collect::<Result<Vec<_>, ColumnsError>>()?;
            let date = match date {
                Some((seconds, nanos)) => Some(
                    DateTime::from_timestamp(*seconds, *nanos)
                        .map(|d| d.naive_utc())
                        .ok_or(ColumnsError("a date out of range"))?,
                ),
                None => None::<NaiveDateTime>,
            };
            comments.push(NewComment {
                text: text.to_owned(),
                date,
                channel,
                author,
                url,
                external_id,
                attributes,
                source: SourceRef { file, sheet, line },
                normalized,
            });
        }
        if strings.at != all.len() || strings.lengths.next().is_some() {
            return Err(ColumnsError("strings left over"));
        }
        Ok(comments)
    }
}

/// A part's comments: made as columns where they are converted (the worker), read back as
/// comments where they arrive (the page). Either is sent as the same columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartComments {
    /// Comments, as read back (or made one by one).
    Comments(Vec<NewComment>),
    /// Columns, as converted.
    Columns(CommentColumns),
}

impl PartComments {
    /// The comments; columns that cannot be read back are an error.
    pub fn into_comments(self) -> Result<Vec<NewComment>, ColumnsError> {
        match self {
            PartComments::Comments(comments) => Ok(comments),
            PartComments::Columns(columns) => columns.into_comments(),
        }
    }
}

impl Serialize for PartComments {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PartComments::Comments(comments) => {
                CommentColumns::of(comments).map_err(S::Error::custom)?.serialize(serializer)
            }
            PartComments::Columns(columns) => columns.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for PartComments {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let columns = CommentColumns::deserialize(deserializer)?;
        columns.into_comments().map(PartComments::Comments).map_err(D::Error::custom)
    }
}

/// A column of numbers sent as one byte string of their little-endian bytes. Written number by
/// number (postcard makes each a varint through serde), a 200,000-row file's parts took 57 ms
/// natively to read back on the page and 21 ms to write; as bytes, 14 and 17 ms.
mod packed {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_bytes::ByteBuf;

    /// A number (or small tuple of numbers) of a fixed size in bytes.
    pub(super) trait Packed: Sized {
        const SIZE: usize;
        fn put(&self, out: &mut Vec<u8>);
        /// The value of exactly [`Packed::SIZE`] bytes; `None` when they are no such value.
        fn take(bytes: &[u8]) -> Option<Self>;
    }

    fn array<const N: usize>(bytes: &[u8]) -> Option<[u8; N]> {
        bytes.try_into().ok()
    }

    impl Packed for u32 {
        const SIZE: usize = 4;
        fn put(&self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.to_le_bytes());
        }
        fn take(bytes: &[u8]) -> Option<Self> {
            array(bytes).map(u32::from_le_bytes)
        }
    }

    impl Packed for u64 {
        const SIZE: usize = 8;
        fn put(&self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.to_le_bytes());
        }
        fn take(bytes: &[u8]) -> Option<Self> {
            array(bytes).map(u64::from_le_bytes)
        }
    }

    impl Packed for (u8, u32) {
        const SIZE: usize = 5;
        fn put(&self, out: &mut Vec<u8>) {
            out.push(self.0);
            self.1.put(out);
        }
        fn take(bytes: &[u8]) -> Option<Self> {
            let (first, rest) = bytes.split_first()?;
            Some((*first, u32::take(rest)?))
        }
    }

    /// A marker byte (0 none, 1 some), then the seconds and nanoseconds (zero when none).
    impl Packed for Option<(i64, u32)> {
        const SIZE: usize = 13;
        fn put(&self, out: &mut Vec<u8>) {
            let (marker, (seconds, nanos)) = match self {
                Some(date) => (1, *date),
                None => (0, (0, 0)),
            };
            out.push(marker);
            out.extend_from_slice(&seconds.to_le_bytes());
            nanos.put(out);
        }
        fn take(bytes: &[u8]) -> Option<Self> {
            let (marker, rest) = bytes.split_first()?;
            let date = (i64::from_le_bytes(array(rest.get(..8)?)?), u32::take(rest.get(8..)?)?);
            match marker {
                0 => Some(None),
                1 => Some(Some(date)),
                _ => None,
            }
        }
    }

    pub(super) fn serialize<T: Packed, S: Serializer>(
        values: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(values.len() * T::SIZE);
        for value in values {
            value.put(&mut bytes);
        }
        serializer.serialize_bytes(&bytes)
    }

    pub(super) fn deserialize<'de, T: Packed, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        let bytes = ByteBuf::deserialize(deserializer)?;
        if bytes.len() % T::SIZE != 0 {
            return Err(D::Error::custom("a column of numbers cut short"));
        }
        bytes
            .chunks_exact(T::SIZE)
            .map(|chunk| {
                T::take(chunk).ok_or_else(|| D::Error::custom("a date marked neither absent nor present"))
            })
            .collect()
    }
}

/// The strings of the buffer, one after another.
struct Strings<'a> {
    all: &'a str,
    at: usize,
    lengths: std::slice::Iter<'a, u32>,
}

impl<'a> Strings<'a> {
    /// The next string; `None` when the lengths run out or do not fall on characters.
    fn next(&mut self) -> Option<&'a str> {
        let end = self.at.checked_add(usize::try_from(*self.lengths.next()?).ok()?)?;
        let text = self.all.get(self.at..end)?;
        self.at = end;
        Some(text)
    }

    fn next_owned(&mut self) -> Result<String, ColumnsError> {
        self.next().map(str::to_owned).ok_or(ColumnsError("a string missing"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wire::{decode, encode};

    fn part(comments: Vec<NewComment>) -> PartComments {
        PartComments::Comments(comments)
    }

    fn check(comments: Vec<NewComment>) {
        let part = part(comments);
        assert_eq!(decode::<PartComments>(&encode(&part)), Ok(part));
    }

    fn comment(text: &str, file: &str, line: u64) -> NewComment {
        NewComment::new(text, SourceRef { file: file.into(), sheet: None, line })
    }

    #[test]
    fn every_field_comes_back_as_it_went() {
        let date =
            chrono::NaiveDate::from_ymd_opt(2026, 10, 25).and_then(|d| d.and_hms_nano_opt(5, 16, 7, 123));
        let full = NewComment {
            text: "ﾊﾟｯｹｰｼﾞが固い「開かない」".into(),
            date,
            channel: "X".into(),
            author: "山田".into(),
            url: "https://example.com/1".into(),
            external_id: "A-1".into(),
            attributes: vec![("店舗".into(), "渋谷".into()), (String::new(), "空".into())],
            source: SourceRef { file: "声.xlsx".into(), sheet: Some("10月".into()), line: 12 },
            normalized: Some(Normalized::of(
                "ﾊﾟｯｹｰｼﾞが固い「開かない」",
                "パッケージが固い「開かない」".into(),
            )),
        };
        let same =
            NewComment { normalized: Some(Normalized::same_as_text()), ..comment("same", "声.xlsx", 13) };
        let old_date = chrono::NaiveDate::from_ymd_opt(1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        let early = NewComment { date: old_date, ..comment("", "other.csv", 2) };
        check(vec![full, same, comment("", "other.csv", 3), early, comment("後", "声.xlsx", 4)]);
        check(Vec::new());
    }

    #[test]
    fn a_normalised_text_equal_to_the_text_and_a_repeated_file_name_are_sent_once() {
        let plain = |n| NewComment {
            normalized: Some(Normalized::made("abc")),
            ..comment("abc", "a-long-file-name.csv", n)
        };
        let one = encode(&part(vec![plain(2)]));
        let two = encode(&part(vec![plain(2), plain(3)]));
        // The second comment adds its text (3 bytes), five lengths (20), its flags and
        // attribute count (5), no date (13) and a line (8): 49 bytes; its normalised text and
        // file name again would add 28 more.
        assert_eq!(two.len() - one.len(), 49);
    }

    #[test]
    fn bad_columns_are_an_error_not_a_panic() {
        let columns = |strings: &[u8], lengths: Vec<u32>| CommentColumns {
            strings: ByteBuf::from(strings.to_vec()),
            lengths,
            shapes: vec![(0, 0)],
            dates: vec![None],
            lines: vec![2],
            last_file: None,
        };
        let bytes = |c: &CommentColumns| postcard::to_allocvec(c).unwrap_or_default();
        let read = |b: &[u8]| {
            let mut d = postcard::Deserializer::from_bytes(b);
            PartComments::deserialize(&mut d)
        };
        // text "a", four empty strings, the file "f".
        assert!(read(&bytes(&columns(b"af", vec![1, 0, 0, 0, 0, 1]))).is_ok());
        for (strings, lengths) in [
            (&b"af"[..], vec![1, 0, 0, 0, 0]),          // a string missing
            (b"af", vec![1, 0, 0, 0, 0, 1, 0]),         // one left over
            (b"afx", vec![1, 0, 0, 0, 0, 1]),           // bytes left over
            (b"af", vec![1, 0, 0, 0, 0, 9]),            // past the end
            ("あf".as_bytes(), vec![1, 0, 0, 0, 0, 3]), // inside a character
            (b"\xffa", vec![1, 0, 0, 0, 0, 1]),         // not UTF-8
        ] {
            assert!(read(&bytes(&columns(strings, lengths.clone()))).is_err(), "{strings:?} {lengths:?}");
        }
        let mut uneven = columns(b"af", vec![1, 0, 0, 0, 0, 1]);
        uneven.lines.push(3);
        assert!(read(&bytes(&uneven)).is_err());
        let mut as_before = columns(b"a", vec![1, 0, 0, 0, 0]);
        as_before.shapes = vec![(flag::FILE_AS_BEFORE, 0)];
        assert!(read(&bytes(&as_before)).is_err(), "no file before the first comment");
    }

    #[test]
    fn numbers_sent_as_bytes_come_back_and_bad_ones_are_an_error() {
        fn read<T: packed::Packed>(bytes: &[u8]) -> Result<Vec<T>, postcard::Error> {
            let sent = postcard::to_allocvec(serde_bytes::Bytes::new(bytes)).unwrap_or_default();
            packed::deserialize(&mut postcard::Deserializer::from_bytes(&sent))
        }
        let dates = vec![None, Some((-62_135_596_800, 999_999_999)), Some((i64::MAX, 0))];
        let mut bytes = Vec::new();
        for date in &dates {
            packed::Packed::put(date, &mut bytes);
        }
        assert_eq!(bytes.len(), 39);
        assert_eq!(read::<Option<(i64, u32)>>(&bytes).ok(), Some(dates));
        assert!(read::<Option<(i64, u32)>>(&bytes[..38]).is_err(), "cut short");
        bytes[13] = 2;
        assert!(read::<Option<(i64, u32)>>(&bytes).is_err(), "a marker that is neither none nor some");
        assert_eq!(read::<u32>(&[1, 0, 0, 0, 0, 1, 0, 0]).ok(), Some(vec![1, 256]));
        assert!(read::<u32>(&[1, 0, 0]).is_err());
        assert!(read::<u64>(&[0; 12]).is_err());
        assert_eq!(read::<(u8, u32)>(&[4, 2, 0, 0, 0]).ok(), Some(vec![(4, 2)]));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any comments, with or without their optional parts, come back equal.
        #[test]
        fn any_comments_come_back_equal(
            rows in proptest::collection::vec(
                (
                    "\\PC{0,8}",
                    proptest::option::of("\\PC{0,4}"),
                    proptest::bool::ANY,
                    ("[a-c]{0,2}", "\\PC{0,3}", "[a-z:/.]{0,6}", "[0-9]{0,3}"),
                    ("[ab]\\.csv", proptest::option::of("[あい]{0,2}"), 0u64..1_000_000),
                    proptest::option::of((-62_000_000_000i64..250_000_000_000, 0u32..1_000_000_000)),
                    proptest::collection::vec(("\\PC{0,3}", "\\PC{0,3}"), 0..3),
                ),
                0..12,
            )
        ) {
            let comments: Vec<NewComment> = rows
                .into_iter()
                .map(|(text, normalized, same, (channel, author, url, external_id), (file, sheet, line), date, attributes)| {
                    let normalized = if same {
                        Some(Normalized::same_as_text())
                    } else {
                        normalized.map(|n| Normalized::of(&text, n))
                    };
                    let date = date.and_then(|(s, n)| DateTime::from_timestamp(s, n)).map(|d| d.naive_utc());
                    NewComment {
                        text,
                        date,
                        channel: channel.into(),
                        author,
                        url,
                        external_id,
                        attributes,
                        source: SourceRef { file: file.into(), sheet: sheet.map(Into::into), line },
                        normalized,
                    }
                })
                .collect();
            let part = part(comments);
            proptest::prop_assert_eq!(decode::<PartComments>(&encode(&part)), Ok(part));
        }
    }
}
