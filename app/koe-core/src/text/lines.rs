//! Line numbers as a person reads them in a text editor: CRLF, LF and a lone CR each end a line.
//!
//! The `csv` crate's own line count drifts by one per record in CRLF files (what Excel writes),
//! so every problem would point at the wrong line; records' byte offsets are right, and the
//! line is counted from those.

/// Turns byte offsets of records (in increasing order) into 1-based line numbers.
#[derive(Debug)]
pub struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// A counter at the start of `text`.
    pub fn new(text: &'a [u8]) -> Self {
        LineCounter { text, at: 0, line: 1 }
    }

    /// The line on which the record at `byte` starts. A record never starts with a line break,
    /// so breaks at `byte` (where the `csv` crate may point) belong before it.
    pub fn line_of(&mut self, byte: u64) -> u64 {
        let len = self.text.len();
        let mut start = usize::try_from(byte).unwrap_or(len).min(len);
        while start < len && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if self.at < start {
            // Only the line breaks are visited (memchr), not every byte of a 50 MB file.
            self.line += breaks_in(&self.text[self.at..start], self.text.get(start).copied());
            self.at = start;
        }
        self.line
    }
}

/// The line breaks in `bytes` as an editor counts them: each LF, and each CR not followed by
/// an LF (`next` is the byte after `bytes`, if there is one).
pub(crate) fn breaks_in(bytes: &[u8], next: Option<u8>) -> u64 {
    let mut breaks = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let after = bytes.get(at + 1).copied().or(next);
        if bytes[at] == b'\n' || after != Some(b'\n') {
            breaks += 1;
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<u64> {
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut counter = LineCounter::new(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut lines = Vec::new();
        while reader.read_record(&mut record).unwrap_or(false) {
            lines.push(counter.line_of(record.position().map_or(0, csv::Position::byte)));
        }
        lines
    }

    #[test]
    fn crlf_lf_cr_and_quoted_breaks_give_the_editor_line() {
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n5,6\r\n"), vec![1, 2, 3, 4]);
        assert_eq!(lines("a,b\n1,2\n3,4\n"), vec![1, 2, 3]);
        assert_eq!(lines("a,b\r1,2\r3,4\r"), vec![1, 2, 3]);
        assert_eq!(lines("a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n\r\n5,6"), vec![1, 2, 4, 6]);
    }
}
