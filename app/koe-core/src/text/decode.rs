//! Bytes to text: the encodings Japanese Excel and social-media tools write, detected, and
//! overridable by the user.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};

/// A text encoding Koe reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8, with or without BOM (Excel's 「CSV UTF-8」).
    Utf8,
    /// Shift_JIS as browsers decode it, which is CP932 / Windows-31J (Excel's 「CSV」 in Japan):
    /// ①, ㈱, 髙, ～ and － come out right.
    ShiftJis,
    /// UTF-16 little-endian (Excel's 「Unicode テキスト」).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// EUC-JP (older Unix tools).
    EucJp,
}

impl TextEncoding {
    /// Every encoding, in the order an override menu lists them.
    pub const ALL: [TextEncoding; 5] = [
        TextEncoding::Utf8,
        TextEncoding::ShiftJis,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::EucJp,
    ];

    /// The name users and the test hooks see (`UTF-8`, `Shift_JIS`, …).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::ShiftJis => "Shift_JIS",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::EucJp => "EUC-JP",
        }
    }

    /// The encoding with this label.
    pub fn from_label(label: &str) -> Option<TextEncoding> {
        TextEncoding::ALL.into_iter().find(|e| e.label().eq_ignore_ascii_case(label))
    }

    pub(crate) fn codec(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::ShiftJis => SHIFT_JIS,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::EucJp => EUC_JP,
        }
    }

    /// Whether the encoding uses NUL bytes for ordinary text.
    pub fn is_utf16(self) -> bool {
        matches!(self, TextEncoding::Utf16Le | TextEncoding::Utf16Be)
    }
}

/// Text decoded from a file, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, BOM removed.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: TextEncoding,
    /// Whether the file began with a byte order mark.
    pub bom: bool,
    /// Bytes that were not valid in the encoding and became U+FFFD: never silent.
    pub replaced: Option<Replacement>,
}

/// Where decoding had to replace bytes: the sign of a wrong encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// How many replacement characters the text has.
    pub count: usize,
    /// 1-based line of the first one.
    pub line: u64,
    /// 1-based character column of the first one.
    pub column: u64,
}

/// Decodes with the given encoding, or the detected one when `forced` is `None`.
pub fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Decoded<'_> {
    let (detected, bom_len, valid_utf8) = detect_with_text(bytes);
    let encoding = forced.unwrap_or(detected);
    if let Some(text) = valid_utf8.filter(|_| encoding == TextEncoding::Utf8) {
        // Detection already checked every byte: no second pass over a big file.
        return Decoded { text: Cow::Borrowed(text), encoding, bom: false, replaced: None };
    }
    let bom = bom_len > 0 && encoding == detected;
    let body = if bom { &bytes[bom_len..] } else { bytes };
    let (text, had_errors) = encoding.codec().decode_without_bom_handling(body);
    let mut replacements = Replacements::default();
    if had_errors {
        replacements.see(text.as_bytes(), true);
    }
    let replaced = replacements.found();
    Decoded { text, encoding, bom, replaced }
}

/// A file's text as [`decode`] made it, owned, so it can travel from the worker (where
/// decoding runs: its tables are not in the page's download) to the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodedText {
    /// The text.
    pub text: String,
    /// The encoding it was read as.
    pub encoding: TextEncoding,
    /// Undecodable bytes, if any.
    pub replaced: Option<Replacement>,
}

impl From<Decoded<'_>> for DecodedText {
    fn from(decoded: Decoded<'_>) -> Self {
        DecodedText {
            text: decoded.text.into_owned(),
            encoding: decoded.encoding,
            replaced: decoded.replaced,
        }
    }
}

/// The encoding of the bytes and the length of their BOM (0 without one).
pub fn detect(bytes: &[u8]) -> (TextEncoding, usize) {
    let (encoding, bom_len, _) = detect_with_text(bytes);
    (encoding, bom_len)
}

/// [`detect`], with the text when the bytes were found to be UTF-8 by checking them all.
fn detect_with_text(bytes: &[u8]) -> (TextEncoding, usize, Option<&str>) {
    if let Some((encoding, len)) = detect_from_start(bytes) {
        return (encoding, len, None);
    }
    // A SIMD check (also in wasm with simd128): a 50 MB file is checked byte by byte.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return (TextEncoding::Utf8, 0, Some(text));
    }
    (legacy_japanese(bytes), 0, None)
}

/// The encoding a file's first bytes prove, and the length of its BOM: a byte order mark, or
/// UTF-16's NUL bytes. `None` leaves UTF-8 if every byte is, else [`legacy_japanese`].
pub(crate) fn detect_from_start(start: &[u8]) -> Option<(TextEncoding, usize)> {
    if let Some((codec, len)) = Encoding::for_bom(start) {
        let encoding = if codec == UTF_16LE {
            TextEncoding::Utf16Le
        } else if codec == UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf8
        };
        return Some((encoding, len));
    }
    utf16_without_bom(start).map(|utf16| (utf16, 0))
}

/// UTF-16 without a BOM shows as NUL bytes on one side of most ASCII characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zeros_odd * 10 > pairs * 3 && zeros_even * 20 < pairs {
        Some(TextEncoding::Utf16Le)
    } else if zeros_even * 10 > pairs * 3 && zeros_odd * 20 < pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// How much of a file the Shift_JIS / EUC-JP guess reads: enough text to tell them apart
/// without decoding a 50 MB file twice more.
pub(crate) const GUESS_SAMPLE: usize = 256 * 1024;

/// Shift_JIS (CP932) or EUC-JP: the one that decodes cleanly and reads most like Japanese.
pub(crate) fn legacy_japanese(bytes: &[u8]) -> TextEncoding {
    // A character cut at the end of the sample costs both guesses the same replacement.
    let sample = &bytes[..bytes.len().min(GUESS_SAMPLE)];
    let score = |encoding: TextEncoding| {
        let (text, _) = encoding.codec().decode_without_bom_handling(sample);
        // Half-width katakana and replacements are what the wrong guess produces.
        text.chars().filter(|c| *c == '\u{FFFD}' || ('\u{FF61}'..='\u{FF9F}').contains(c)).count()
    };
    if score(TextEncoding::EucJp) < score(TextEncoding::ShiftJis) {
        TextEncoding::EucJp
    } else {
        TextEncoding::ShiftJis
    }
}

/// Replacement characters in decoded text, seen whole or a piece at a time, and where the
/// first is: reported only once some bytes were undecodable.
#[derive(Debug, Default)]
pub(crate) struct Replacements {
    undecodable: bool,
    count: usize,
    first: Option<(u64, u64)>,
    /// Line feeds before the text seen so far, and characters after the last of them.
    line_feeds: u64,
    after_line_feed: u64,
}

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

impl Replacements {
    /// Takes in the next stretch of decoded text, and whether decoding it replaced bytes.
    pub(crate) fn see(&mut self, text: &[u8], undecodable: bool) {
        self.undecodable |= undecodable;
        let mut found = memchr::memmem::find_iter(text, REPLACEMENT);
        if self.first.is_none() {
            let seen = match found.next() {
                Some(at) => {
                    self.count += 1;
                    at
                }
                None => text.len(),
            };
            let before = &text[..seen];
            match memchr::memrchr(b'\n', before) {
                Some(last) => {
                    self.line_feeds += memchr::memchr_iter(b'\n', before).count() as u64;
                    self.after_line_feed = chars_in(&before[last + 1..]);
                }
                None => self.after_line_feed += chars_in(before),
            }
            if seen < text.len() {
                self.first = Some((self.line_feeds + 1, self.after_line_feed + 1));
            }
        }
        self.count += found.count();
    }

    /// Where the replacements are, if bytes were undecodable.
    pub(crate) fn found(&self) -> Option<Replacement> {
        let (line, column) = self.first.filter(|_| self.undecodable)?;
        Some(Replacement { count: self.count, line, column })
    }
}

/// Characters in UTF-8 text: the bytes that start one.
fn chars_in(text: &[u8]) -> u64 {
    text.iter().filter(|&&byte| (byte as i8) >= -0x40).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
        match encoding {
            TextEncoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            TextEncoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            other => {
                let (bytes, _, unmappable) = other.codec().encode(text);
                assert!(!unmappable, "{text} is not representable in {}", other.label());
                bytes.into_owned()
            }
        }
    }

    fn check(bytes: &[u8], expected: TextEncoding, text: &str) {
        let decoded = decode(bytes, None);
        assert_eq!(decoded.encoding, expected);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.replaced, None);
    }

    const JAPANESE: &str = "本文,日付\n①㈱髙橋～－￢ お問い合わせ,2024/4/1\n";

    #[test]
    fn detects_every_encoding_without_a_bom() {
        for encoding in
            [TextEncoding::Utf8, TextEncoding::ShiftJis, TextEncoding::Utf16Le, TextEncoding::Utf16Be]
        {
            check(&encode(JAPANESE, encoding), encoding, JAPANESE);
        }
        let euc = "本文,日付\n新しい商品についてのお問い合わせです。,2024/4/1\n";
        check(&encode(euc, TextEncoding::EucJp), TextEncoding::EucJp, euc);
    }

    #[test]
    fn cp932_characters_come_out_right() {
        // Bytes as Japanese Excel writes them: ① 87 40, ㈱ 87 8A, 髙 FB FC (IBM extension; EE E0 also reads 髙), ～ 81 60, － 81 7C, ￢ 81 CA.
        let bytes = [0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC, 0x81, 0x60, 0x81, 0x7C, 0x81, 0xCA];
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, TextEncoding::ShiftJis);
        assert_eq!(decoded.text, "①㈱髙～－￢");
    }

    #[test]
    fn reads_byte_order_marks() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(encode("a\tb\n", TextEncoding::Utf16Le));
        let decoded = decode(&bytes, None);
        assert_eq!(
            (decoded.encoding, decoded.bom, decoded.text.as_ref()),
            (TextEncoding::Utf16Le, true, "a\tb\n")
        );
        let decoded = decode(b"\xEF\xBB\xBFx", None);
        assert_eq!((decoded.encoding, decoded.bom, decoded.text.as_ref()), (TextEncoding::Utf8, true, "x"));
    }

    #[test]
    fn a_wrong_forced_encoding_is_reported_with_its_position() {
        let bytes = encode("本文\nお問い合わせ\n", TextEncoding::ShiftJis);
        let decoded = decode(&bytes, Some(TextEncoding::Utf8));
        let replaced = decoded.replaced.expect("replacements are reported");
        assert_eq!((replaced.line, replaced.column), (1, 1));
        assert!(replaced.count >= 2);
    }

    #[test]
    fn labels_round_trip() {
        for encoding in TextEncoding::ALL {
            assert_eq!(TextEncoding::from_label(encoding.label()), Some(encoding));
        }
    }
}
