//! A file's text as the CSV reader takes it: read from its [`FileSource`] a piece at a time,
//! checked or decoded on the way, with the editor's line number of any offset the reader has
//! passed. Only the pieces the line count has not passed are kept (usually one or two), so a
//! 42 MB file is never whole in memory beside its table.

use std::collections::VecDeque;
use std::io;

use super::source::{FileSource, PIECE};
use crate::text::decode::{Replacement, Replacements, TextEncoding};
use crate::text::lines::breaks_in;

/// How the bytes become text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// As they are, each byte checked to be UTF-8: the stream fails with
    /// [`StreamFailure::NotUtf8`] at the first that is not.
    CheckedUtf8,
    /// Decoded from this encoding, undecodable bytes replaced (and counted).
    Decoded(TextEncoding),
}

impl Reading {
    /// The encoding the text is read as.
    pub(crate) fn encoding(self) -> TextEncoding {
        match self {
            Reading::CheckedUtf8 => TextEncoding::Utf8,
            Reading::Decoded(encoding) => encoding,
        }
    }
}

/// Why the stream stopped before the file's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StreamFailure {
    /// A byte was not UTF-8 ([`Reading::CheckedUtf8`]): read the file again another way.
    NotUtf8,
    /// The file could not be read.
    Unreadable,
}

/// The text of a file from `skip` bytes on, for [`std::io::Read`].
pub(crate) struct TextStream<S> {
    source: S,
    size: u64,
    /// The next byte of the file to read.
    raw_at: u64,
    /// Whether the file's end was reached and every piece made.
    ended: bool,
    converter: Converter,
    /// Text pieces not yet passed by the line count, the first starting at `first_at`.
    pieces: VecDeque<Vec<u8>>,
    first_at: u64,
    /// Where reading stands: a piece of `pieces` and an offset in it.
    serving: (usize, usize),
    /// Where the line count stands, and the line there.
    counted_at: u64,
    line: u64,
    replacements: Replacements,
    failure: Option<StreamFailure>,
    /// The file's bytes as read: the piece itself for UTF-8, else reused for each piece.
    raw: Vec<u8>,
}

enum Converter {
    /// UTF-8 as it is; `carry` holds the start of a character cut at the end of a piece.
    Utf8 {
        carry: Vec<u8>,
    },
    Decoder(Box<encoding_rs::Decoder>),
}

impl<S: FileSource> TextStream<S> {
    /// The text of `source` from byte `skip` (past a byte order mark) on, read as `reading`.
    pub(crate) fn new(source: S, skip: u64, reading: Reading) -> Self {
        let converter = match reading {
            Reading::CheckedUtf8 => Converter::Utf8 { carry: Vec::new() },
            Reading::Decoded(encoding) => {
                Converter::Decoder(Box::new(encoding.codec().new_decoder_without_bom_handling()))
            }
        };
        TextStream {
            size: source.size(),
            source,
            raw_at: skip,
            ended: false,
            converter,
            pieces: VecDeque::new(),
            first_at: 0,
            serving: (0, 0),
            counted_at: 0,
            line: 1,
            replacements: Replacements::default(),
            failure: None,
            raw: Vec::new(),
        }
    }

    /// The file it reads, to be read again later.
    pub(crate) fn into_source(self) -> S {
        self.source
    }

    /// Why the stream stopped early, if it did.
    pub(crate) fn failure(&self) -> Option<StreamFailure> {
        self.failure
    }

    /// How far into the file the text up to `text_at` comes, and the file's size, for
    /// progress: the bytes of the file read so far in the share of their text read.
    pub(crate) fn progress(&self, text_at: u64) -> (u64, u64) {
        let made = self.first_at + self.pieces.iter().map(|piece| piece.len() as u64).sum::<u64>();
        let read = self.raw_at.min(self.size);
        let done = u128::from(read) * u128::from(text_at.min(made)) / u128::from(made.max(1));
        (u64::try_from(done).unwrap_or(read), self.size)
    }

    /// The undecodable bytes met, once the whole text has been read.
    pub(crate) fn replaced(&self) -> Option<Replacement> {
        self.replacements.found()
    }

    /// The first piece of text (up to [`PIECE`] bytes' worth), without reading past it: enough
    /// to see the first record. Empty for an empty file.
    pub(crate) fn first_piece(&mut self) -> io::Result<&[u8]> {
        if self.pieces.is_empty() && !self.ended {
            self.next_piece()?;
        }
        Ok(self.pieces.front().map_or(&[], Vec::as_slice))
    }

    /// The 1-based line on which the record at text offset `byte` starts, as
    /// [`crate::text::lines::LineCounter::line_of`] counts it: offsets must not go back.
    pub(crate) fn line_of(&mut self, byte: u64) -> u64 {
        let served = self.served();
        let mut start = byte.min(served);
        while start < served && matches!(self.byte_at(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        while self.counted_at < start {
            let Some((index, offset)) = self.locate(self.counted_at) else { break };
            let piece = &self.pieces[index];
            let end = (offset + (start - self.counted_at) as usize).min(piece.len());
            let next_at = self.counted_at + (end - offset) as u64;
            let next = self.byte_at(next_at);
            self.line += breaks_in(&self.pieces[index][offset..end], next);
            self.counted_at = next_at;
        }
        // Pieces wholly counted, and already read, are let go.
        while self.serving.0 > 0 && self.first_at + self.pieces[0].len() as u64 <= self.counted_at {
            self.first_at += self.pieces[0].len() as u64;
            self.pieces.pop_front();
            self.serving.0 -= 1;
        }
        self.line
    }

    /// The text offset up to which text has been read.
    fn served(&self) -> u64 {
        let before: usize = self.pieces.iter().take(self.serving.0).map(Vec::len).sum();
        self.first_at + (before + self.serving.1) as u64
    }

    /// The piece holding text offset `at`, and the offset in it.
    fn locate(&self, at: u64) -> Option<(usize, usize)> {
        let mut offset = at.checked_sub(self.first_at)? as usize;
        for (index, piece) in self.pieces.iter().enumerate() {
            if offset < piece.len() {
                return Some((index, offset));
            }
            offset -= piece.len();
        }
        None
    }

    fn byte_at(&self, at: u64) -> Option<u8> {
        if at >= self.served() {
            return None;
        }
        self.locate(at).map(|(index, offset)| self.pieces[index][offset])
    }

    /// Reads the next piece of the file and makes it text; at the file's end, the decoder's
    /// last characters (or the check that no character was left cut).
    fn next_piece(&mut self) -> io::Result<()> {
        let result = self.make_piece();
        if let Err(failure) = result {
            self.failure = Some(failure);
            let message = match failure {
                StreamFailure::NotUtf8 => "not UTF-8",
                StreamFailure::Unreadable => "the file could not be read",
            };
            return Err(io::Error::new(io::ErrorKind::InvalidData, message));
        }
        Ok(())
    }

    fn make_piece(&mut self) -> Result<(), StreamFailure> {
        if self.raw_at < self.size {
            let read = self.source.read_at(self.raw_at, PIECE, &mut self.raw);
            read.map_err(|_| StreamFailure::Unreadable)?;
            if self.raw.is_empty() {
                // The file is shorter than it said: it changed since it was chosen.
                return Err(StreamFailure::Unreadable);
            }
            self.raw_at += self.raw.len() as u64;
        } else {
            self.raw.clear();
        }
        let last = self.raw_at >= self.size;
        let text = match &mut self.converter {
            Converter::Utf8 { carry } => {
                check_utf8(carry, &self.raw, last)?;
                // The bytes are the text: the piece is kept as it was read.
                std::mem::take(&mut self.raw)
            }
            Converter::Decoder(decoder) => {
                let raw = self.raw.as_slice();
                let capacity = decoder.max_utf8_buffer_length(raw.len()).unwrap_or(raw.len() * 3 + 16);
                let mut text = String::with_capacity(capacity);
                let (mut read, mut undecodable) = (0, false);
                loop {
                    let (result, taken, errors) = decoder.decode_to_string(&raw[read..], &mut text, last);
                    read += taken;
                    undecodable |= errors;
                    match result {
                        encoding_rs::CoderResult::InputEmpty => break,
                        encoding_rs::CoderResult::OutputFull => text.reserve(capacity.max(16)),
                    }
                }
                self.replacements.see(text.as_bytes(), undecodable);
                text.into_bytes()
            }
        };
        self.ended = last;
        if !text.is_empty() {
            self.pieces.push_back(text);
        }
        Ok(())
    }
}

impl<S: FileSource> io::Read for TextStream<S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let (index, offset) = self.serving;
            match self.pieces.get(index) {
                Some(piece) if offset < piece.len() => {
                    let n = buf.len().min(piece.len() - offset);
                    buf[..n].copy_from_slice(&piece[offset..offset + n]);
                    self.serving.1 += n;
                    return Ok(n);
                }
                Some(_) if index + 1 < self.pieces.len() => {
                    self.serving = (index + 1, 0);
                    continue;
                }
                _ => {}
            }
            if self.ended {
                return Ok(0);
            }
            self.next_piece()?;
        }
    }
}

/// Checks that `raw` continues valid UTF-8 after `carry` (a character cut at the end of the
/// previous piece); the start of a character cut at `raw`'s end is kept in `carry`, unless
/// `last`.
fn check_utf8(carry: &mut Vec<u8>, raw: &[u8], last: bool) -> Result<(), StreamFailure> {
    let mut rest = raw;
    if let Some(&lead) = carry.first() {
        let width = match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let take = (width - carry.len()).min(rest.len());
        carry.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if carry.len() < width {
            return if last { Err(StreamFailure::NotUtf8) } else { Ok(()) };
        }
        std::str::from_utf8(carry).map_err(|_| StreamFailure::NotUtf8)?;
        carry.clear();
    }
    match simdutf8::compat::from_utf8(rest) {
        Ok(_) => Ok(()),
        Err(cut) if cut.error_len().is_none() && !last => {
            carry.extend_from_slice(&rest[cut.valid_up_to()..]);
            Ok(())
        }
        Err(_) => Err(StreamFailure::NotUtf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportError, ReadOptions, ReadTable, read_table_from, read_table_with};
    use crate::text::decode::decode;
    use crate::text::lines::LineCounter;

    /// A file that hands out at most `piece` bytes a read, and fails from `broken_at` on.
    struct Trickle<'a> {
        bytes: &'a [u8],
        piece: usize,
        broken_at: Option<u64>,
    }

    impl FileSource for Trickle<'_> {
        fn size(&self) -> u64 {
            self.bytes.len() as u64
        }

        fn read_at(&mut self, start: u64, len: usize, into: &mut Vec<u8>) -> io::Result<()> {
            if self.broken_at.is_some_and(|broken| start >= broken) {
                return Err(io::Error::other("the file went away"));
            }
            let mut bytes = self.bytes;
            bytes.read_at(start, len.min(self.piece), into)
        }
    }

    fn trickled(bytes: &[u8], piece: usize, options: ReadOptions) -> Result<ReadTable, ImportError> {
        let mut source = Trickle { bytes, piece, broken_at: None };
        read_table_from("t.csv", &mut source, options, &mut |_| {})
    }

    fn encode(text: &str, encoding: TextEncoding, bom: bool) -> Vec<u8> {
        let mut bytes = match (encoding, bom) {
            (TextEncoding::Utf8, true) => b"\xEF\xBB\xBF".to_vec(),
            (TextEncoding::Utf16Le, true) => vec![0xFF, 0xFE],
            (TextEncoding::Utf16Be, true) => vec![0xFE, 0xFF],
            _ => Vec::new(),
        };
        match encoding {
            TextEncoding::Utf16Le => bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes)),
            TextEncoding::Utf16Be => bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes)),
            other => bytes.extend_from_slice(&other.codec().encode(text).0),
        }
        bytes
    }

    /// The rows as reading the whole decoded text gives them (how every file was read before
    /// it was read in pieces): the records after the first non-blank one, with their lines.
    fn rows_of_whole_text(bytes: &[u8], options: ReadOptions, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let decoded = decode(bytes, options.encoding);
        let text = decoded.text.as_bytes();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text);
        let mut lines = LineCounter::new(text);
        let mut rows = Vec::new();
        for record in reader.records().map_while(Result::ok) {
            let line = lines.line_of(record.position().map_or(0, csv::Position::byte));
            if record.iter().any(|field| !field.trim().is_empty()) {
                rows.push((line, record.iter().map(str::to_owned).collect()));
            }
        }
        rows.remove(0);
        rows
    }

    fn check_every_piece_size(bytes: &[u8], options: ReadOptions) {
        let whole = read_table_with("t.csv", bytes, options).expect("a table");
        let decoded = decode(bytes, options.encoding);
        assert_eq!((whole.encoding, whole.replaced), (decoded.encoding, decoded.replaced));
        let rows: Vec<_> = whole.table.rows.iter().map(|row| (row.line, row.to_vec())).collect();
        assert_eq!(rows, rows_of_whole_text(bytes, options, whole.table.delimiter));
        for piece in [1, 2, 3, 4, 5, 7, 64] {
            let read = trickled(bytes, piece, options).expect("a table");
            assert_eq!(read, whole, "pieces of {piece} bytes");
        }
    }

    const TEXT: &str = "本文,日付,備考\r\n\"改行\r\nのある①㈱髙～\",2024/4/1,\r\n\r\n二行目,2024/4/2,\"a,b\"\"c\"\r\n三\r四,,\n末尾";

    #[test]
    fn a_file_read_in_pieces_of_any_size_reads_as_the_whole_text() {
        for (encoding, bom) in [
            (TextEncoding::Utf8, false),
            (TextEncoding::Utf8, true),
            (TextEncoding::ShiftJis, false),
            (TextEncoding::Utf16Le, true),
            (TextEncoding::Utf16Le, false),
            (TextEncoding::Utf16Be, true),
        ] {
            check_every_piece_size(&encode(TEXT, encoding, bom), ReadOptions::default());
        }
        let euc = "本文,日付\n新しい商品についてのお問い合わせです。,2024/4/1\n";
        check_every_piece_size(&encode(euc, TextEncoding::EucJp, false), ReadOptions::default());
        let read = trickled(&encode(TEXT, TextEncoding::ShiftJis, false), 3, ReadOptions::default());
        let read = read.expect("a table");
        assert_eq!(read.encoding, TextEncoding::ShiftJis);
        let lines: Vec<u64> = read.table.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 5, 6, 7, 8], "the lines an editor shows, across pieces");
        assert_eq!(read.table.rows[0].field(0), Some("改行\r\nのある①㈱髙～"));
    }

    #[test]
    fn a_late_byte_that_is_not_utf8_reads_the_file_again_as_shift_jis() {
        let mut text = String::from("id,text\n");
        for row in 0..200 {
            text.push_str(&format!("{row},plain ascii row\n"));
        }
        text.push_str("200,最後の行は日本語\n");
        let bytes = encode(&text, TextEncoding::ShiftJis, false);
        let read = trickled(&bytes, 5, ReadOptions::default()).expect("a table");
        assert_eq!(read.encoding, TextEncoding::ShiftJis);
        assert_eq!(read.table.rows.len(), 201);
        assert_eq!(read.table.rows[200].field(1), Some("最後の行は日本語"));
        assert_eq!(read.table.rows[200].line, 202);
        check_every_piece_size(&bytes, ReadOptions::default());
    }

    #[test]
    fn a_wrong_forced_encoding_is_reported_where_the_whole_text_reports_it() {
        let bytes = encode(TEXT, TextEncoding::ShiftJis, false);
        let forced = ReadOptions { encoding: Some(TextEncoding::Utf8), ..ReadOptions::default() };
        check_every_piece_size(&bytes, forced);
        let read = trickled(&bytes, 2, forced).expect("a table");
        let replaced = read.replaced.expect("replacements are reported");
        assert_eq!((replaced.line, replaced.column), (1, 1));
        let late = encode("id,text\n1,ok\n2,ok\n3,最後\n", TextEncoding::ShiftJis, false);
        let replaced = trickled(&late, 3, forced).expect("a table").replaced.expect("reported");
        assert_eq!((replaced.line, replaced.column), (4, 3), "after the line feeds of earlier pieces");
        check_every_piece_size(&late, forced);
        let euc = ReadOptions { encoding: Some(TextEncoding::EucJp), ..ReadOptions::default() };
        check_every_piece_size(&bytes, euc);
    }

    #[test]
    fn a_file_that_cannot_be_read_to_its_end_is_unreadable_not_short() {
        let bytes = encode(TEXT, TextEncoding::Utf8, false);
        let mut broken = Trickle { bytes: &bytes, piece: 8, broken_at: Some(40) };
        let read = read_table_from("t.csv", &mut broken, ReadOptions::default(), &mut |_| {});
        assert_eq!(read, Err(ImportError::Unreadable { file: "t.csv".into() }));

        /// A file that says it is longer than it is (it changed after it was chosen).
        struct Shrunk<'a>(&'a [u8]);
        impl FileSource for Shrunk<'_> {
            fn size(&self) -> u64 {
                self.0.len() as u64 + 100
            }
            fn read_at(&mut self, start: u64, len: usize, into: &mut Vec<u8>) -> io::Result<()> {
                let mut bytes = self.0;
                bytes.read_at(start, len, into)
            }
        }
        let read = read_table_from("t.csv", &mut Shrunk(&bytes), ReadOptions::default(), &mut |_| {});
        assert_eq!(read, Err(ImportError::Unreadable { file: "t.csv".into() }));
    }

    #[test]
    fn a_cut_character_is_carried_to_the_next_piece_and_checked_there() {
        let mut carry = Vec::new();
        let text = "髙".as_bytes();
        assert_eq!(check_utf8(&mut carry, &text[..1], false), Ok(()));
        assert_eq!(check_utf8(&mut carry, &text[1..2], false), Ok(()));
        assert_eq!(carry, &text[..2]);
        assert_eq!(check_utf8(&mut carry, &[text[2], b'a'], false), Ok(()));
        assert!(carry.is_empty());
        assert_eq!(check_utf8(&mut carry, &text[..2], true), Err(StreamFailure::NotUtf8), "cut at the end");
        let mut carry = text[..2].to_vec();
        assert_eq!(check_utf8(&mut carry, b"ab", false), Err(StreamFailure::NotUtf8), "not continued");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_in_any_pieces_reads_as_the_whole(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "本文", ",", "\"", "\r\n", "\n", "\r", "①", " ", "\t", "ｱ"]),
                1..40,
            ),
            encoding in proptest::sample::select(vec![
                (TextEncoding::Utf8, false), (TextEncoding::Utf8, true),
                (TextEncoding::ShiftJis, false), (TextEncoding::Utf16Le, true),
            ]),
            piece in 1usize..9,
        ) {
            let text = format!("h1,h2\n{}", parts.concat());
            let bytes = encode(&text, encoding.0, encoding.1);
            let whole = read_table_with("t.csv", &bytes, ReadOptions::default());
            let read = trickled(&bytes, piece, ReadOptions::default());
            proptest::prop_assert_eq!(read, whole);
        }
    }
}
