//! The normalised form of a text, for matching and duplicate detection — never for display.
//!
//! NFKC (so ｱｲﾌｫﾝ and アイフォン, ＡＢＣ and ABC are one), case-folded, hyphen and tilde
//! variants unified, runs of white space made one space. The long-vowel mark ー is kept: it
//! is part of Japanese words, not a hyphen.

use unicode_normalization::UnicodeNormalization;

/// The text in its normalised form.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{02D7}' | '\u{2043}' => '-',
            '\u{301C}' | '\u{223C}' | '\u{02DC}' => '~',
            other => other,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// The text without control characters other than newline and tab (a CR before LF is
/// dropped too, turning CRLF into LF), and how many were removed, not counting those CRs.
pub fn strip_controls(text: &str) -> (String, usize) {
    let mut removed = 0;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\t' || !c.is_control() {
            out.push(c);
        } else if !(c == '\r' && chars.peek() == Some(&'\n')) {
            if c == '\r' {
                out.push('\n');
            } else {
                removed += 1;
            }
        }
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "input {input:?}");
    }

    #[test]
    fn unifies_widths_cases_dashes_tildes_and_spaces() {
        check("ｱｲﾌｫﾝ", "アイフォン");
        check("ＡＢＣ abc", "abc abc");
        check("Wi‐Fi Wi－Fi Wi—Fi", "wi-fi wi-fi wi-fi");
        check("10〜20 10～20", "10~20 10~20");
        check("  とても\u{3000}\n 良い  ", "とても 良い");
        check("コーヒー", "コーヒー");
        check("①㈱", "1(株)");
    }

    #[test]
    fn strips_controls_but_keeps_lines_and_tabs() {
        assert_eq!(strip_controls("a\u{0}b\u{7}c\td\r\ne\rf"), ("abc\td\ne\nf".to_owned(), 2));
        assert_eq!(strip_controls("普通の文"), ("普通の文".to_owned(), 0));
    }
}
