//! The normalised form of a text, for matching and duplicate detection — never for display.
//!
//! NFKC (so ｱｲﾌｫﾝ and アイフォン, ＡＢＣ and ABC are one), case-folded, hyphen and tilde
//! variants unified, runs of white space made one space. The long-vowel mark ー is kept: it
//! is part of Japanese words, not a hyphen.

use std::borrow::Cow;
use std::sync::OnceLock;

#[cfg(any(test, feature = "nfkc-tables"))]
use unicode_normalization::UnicodeNormalization;

/// The text in its normalised form.
pub fn normalize(text: &str) -> String {
    normalized_form(text).into_owned()
}

/// The text in its normalised form, borrowed when that is the text itself, so an import makes
/// no copy of such a text only to compare it with the text and drop it. Natively, the 37,676
/// texts of the bench's 200,000 that are already in form: 14.2 → 12.5 ms (the character loop
/// is the rest).
pub fn normalized_form(text: &str) -> Cow<'_, str> {
    // Skipping the decomposition for those is what makes importing 200,000 comments fast,
    // and gives the same string.
    fold_stable(text).unwrap_or_else(|| Cow::Owned(fold_nfkc(text)))
}

/// NFKC from outside, for a build without Unicode's tables (the page: the browser has them,
/// `String.prototype.normalize`, and the page normalises only what is typed there, its
/// comments came normalised from the worker). Set once at start.
static OUTSIDE_NFKC: OnceLock<fn(&str) -> String> = OnceLock::new();

/// Gives a build without the `nfkc-tables` feature its NFKC; a build with them keeps its own.
pub fn use_outside_nfkc(nfkc: fn(&str) -> String) {
    let _ = OUTSIDE_NFKC.set(nfkc);
}

/// [`fold`] of the text's NFKC, by Unicode's tables when this build has them.
#[cfg(feature = "nfkc-tables")]
fn fold_nfkc(text: &str) -> String {
    fold(text.nfkc(), text.len())
}

/// [`fold`] of the text's NFKC as given from outside ([`use_outside_nfkc`]); the text as it is
/// when none was given.
#[cfg(not(feature = "nfkc-tables"))]
fn fold_nfkc(text: &str) -> String {
    match OUTSIDE_NFKC.get() {
        Some(nfkc) => fold(nfkc(text).chars(), text.len()),
        None => fold(text.chars(), text.len()),
    }
}

/// What [`fold_stable`] does with one character.
enum Step {
    /// Copied as it is (with its neighbours, in one piece).
    Keep,
    /// White space: runs become one space, none at either end.
    Space,
    /// Replaced by this character.
    Put(char),
}

/// [`fold`] for a text whose characters all need no NFKC decomposition (see
/// [`is_nfkc_stable`]; full-width ASCII is narrowed here), copying runs of unchanged
/// characters in one piece, and nothing when no character changes (the text is given back);
/// `None` when some character needs the full path.
fn fold_stable(text: &str) -> Option<Cow<'_, str>> {
    // Made at the first change.
    let mut out: Option<String> = None;
    let mut pending_space = false;
    // Whether the character before was kept or replaced (not white space).
    let mut after_kept = false;
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let step = if c.is_ascii() {
            if c == ' ' && after_kept && at + 1 < text.len() && !text[at + 1..].starts_with(is_white_space) {
                // One space between two other characters stays as it is.
                Step::Keep
            } else if c.is_ascii_whitespace() || c == '\u{0B}' {
                Step::Space
            } else if c.is_ascii_uppercase() {
                Step::Put(c.to_ascii_lowercase())
            } else {
                Step::Keep
            }
        } else if c == '\u{3000}' {
            Step::Space
        } else if c == '\u{301C}' {
            Step::Put('~')
        } else if is_full_width_ascii(c) {
            Step::Put(narrow(c).to_ascii_lowercase())
        } else if is_nfkc_stable(c) {
            Step::Keep
        } else {
            return None;
        };
        after_kept = !matches!(step, Step::Space);
        if let Step::Keep = step {
            if pending_space && let Some(out) = out.as_mut() {
                out.push(' ');
                pending_space = false;
            }
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[run..at]);
        match step {
            Step::Space => pending_space = !out.is_empty(),
            Step::Put(replacement) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(replacement);
            }
            Step::Keep => {}
        }
        run = at + c.len_utf8();
    }
    Some(match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[run..]);
            Cow::Owned(out)
        }
    })
}

/// The white space [`fold_stable`] folds: ASCII's, vertical tab, the ideographic space.
fn is_white_space(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\u{0B}' || c == '\u{3000}'
}

/// Characters that NFKC leaves alone and that never compose with a neighbour of this set:
/// ASCII, CJK punctuation, hiragana, katakana and the unified ideographs. The ideographic
/// space is mapped to a space by NFKC; [`fold`] treats both as the same white space.
fn is_nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{3000}'..='\u{3029}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

/// Full-width ASCII (！ＡＢＣ１２３), common in Japanese text; NFKC makes each one ASCII.
fn is_full_width_ascii(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// The ASCII form of a full-width ASCII character; every other character as it is.
fn narrow(c: char) -> char {
    if is_full_width_ascii(c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c }
}

/// Case folding, dash and tilde unification and white-space runs, over NFKC characters.
fn fold(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{02D7}' | '\u{2043}' => '-',
            '\u{301C}' | '\u{223C}' | '\u{02DC}' => '~',
            other => other,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            return;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    };
    for c in chars {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), &mut out);
        } else if ('\u{3001}'..='\u{9FFF}').contains(&c) {
            // No case in kana and kanji: skip the lower-case tables.
            push(c, &mut out);
        } else {
            for lower in c.to_lowercase() {
                push(lower, &mut out);
            }
        }
    }
    out
}

/// The text without control characters other than newline and tab (a CR before LF is
/// dropped too, turning CRLF into LF), and how many were removed, not counting those CRs.
pub fn strip_controls(text: &str) -> (Cow<'_, str>, usize) {
    // Control characters are U+0000–U+001F, U+007F and U+0080–U+009F (UTF-8 C2 80–C2 9F):
    // a text without those bytes (C2 taken broadly) is given as it is, not copied.
    if !has_control_bytes(text.as_bytes()) {
        return (Cow::Borrowed(text), 0);
    }
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
    (Cow::Owned(out), removed)
}

/// Whether `bytes` hold a control character's byte (C2 taken broadly, see [`strip_controls`]).
/// Read a block at a time with no early exit inside a block, which the compiler turns into
/// vector instructions: every comment's text is read so at import.
fn has_control_bytes(bytes: &[u8]) -> bool {
    let is_control = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2;
    let blocks = bytes.chunks_exact(32);
    let rest = blocks.remainder();
    blocks.into_iter().any(|block| block.iter().fold(false, |found, &b| found | is_control(b)))
        || rest.iter().any(|&b| is_control(b))
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

    /// The slow path: NFKC of everything, as before the shortcut.
    fn normalize_in_full(text: &str) -> String {
        fold(text.nfkc(), text.len())
    }

    #[test]
    fn every_character_taken_as_stable_is_left_alone_by_nfkc() {
        let stable: String = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_nfkc_stable(*c) && *c != '\u{3000}')
            .collect();
        assert!(stable.chars().count() > 20_000);
        assert_eq!(stable.nfkc().collect::<String>(), stable);
        let wide: String = ('\u{FF01}'..='\u{FF5E}').collect();
        assert_eq!(wide.nfkc().collect::<String>(), wide.chars().map(narrow).collect::<String>());
    }

    #[test]
    fn the_shortcut_gives_the_same_text_as_full_nfkc() {
        // Neighbours of the stable ranges, combining marks and width variants, in many orders.
        let pieces = [
            "Ab",
            "\t",
            "\n",
            " ",
            "\u{0B}",
            "\u{0C}",
            "\r",
            "x",
            "\u{7}",
            "〜",
            "～",
            "ＡＢ",
            "　",
            "。",
            "ー",
            "か",
            "\u{3099}",
            "゛",
            "ｶ",
            "ﾞ",
            "A",
            "ａ",
            "Ｂ",
            "e",
            "\u{301}",
            "é",
            "ー",
            "〜",
            "～",
            "\u{3000}",
            " ",
            "\u{302A}",
            "ヿ",
            "ヾ",
            "\u{3036}",
            "㈱",
            "①",
            "‐",
            "−",
            "漢",
            "丽",
            "\u{1100}",
            "\u{1161}",
            "！",
            "（",
            "Ａ\u{301}",
            "～",
        ];
        let mut seed = 7_u64;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..6 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(normalize(&text), normalize_in_full(&text), "text {text:?}");
        }
    }

    #[test]
    fn a_text_already_in_its_normal_form_is_given_back_not_copied() {
        for text in
            ["プリンがおいしい。また買います", "new package is hard to open", "a b c", "開け にくい", ""]
        {
            assert!(matches!(normalized_form(text), Cow::Borrowed(same) if same == text), "{text:?}");
        }
        for (text, form) in [
            ("Ａ B", "a b"),
            ("a  b", "a b"),
            (" a b", "a b"),
            ("a b ", "a b"),
            ("a\tb", "a b"),
            ("a \u{3000}b", "a b"),
            ("a\u{3000} b", "a b"),
            ("a \u{0B}", "a"),
            ("〜 ", "~"),
            ("ｱｲﾌｫﾝ X", "アイフォン x"),
        ] {
            assert!(matches!(normalized_form(text), Cow::Owned(made) if made == form), "{text:?}");
        }
    }

    #[test]
    fn strips_controls_but_keeps_lines_and_tabs() {
        let stripped = |text| {
            let (text, removed) = strip_controls(text);
            (text.into_owned(), removed)
        };
        assert_eq!(stripped("a\u{0}b\u{7}c\td\r\ne\rf"), ("abc\td\ne\nf".to_owned(), 2));
        assert_eq!(stripped("普通の文"), ("普通の文".to_owned(), 0));
        assert_eq!(stripped("a\u{85}b\u{A0}c"), ("ab\u{A0}c".to_owned(), 1), "C1 controls too");
        assert_eq!(stripped("行1\r\n行2\t"), ("行1\n行2\t".to_owned(), 0));
    }

    #[test]
    fn finds_a_control_anywhere_in_a_long_text() {
        let clean = "お客様の声\nabc\t".repeat(7);
        assert!(matches!(strip_controls(&clean), (Cow::Borrowed(_), 0)), "a clean text is not copied");
        for control in ['\u{0}', '\u{1F}', '\u{7F}', '\u{85}'] {
            for at in (0..=clean.len()).filter(|at| clean.is_char_boundary(*at)) {
                let mut text = clean.clone();
                text.insert(at, control);
                assert_eq!(strip_controls(&text), (Cow::Owned(clean.clone()), 1), "{control:?} at byte {at}");
            }
        }
    }
}
