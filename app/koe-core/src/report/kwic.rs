//! A concordance (KWIC, key word in context), as KH Coder users know it: every comment of the
//! period that contains a word of the frequent-terms section, the word with the text on its
//! left and right, sortable by either side so that the ways a word is used line up.

use crate::project::comment::{Comment, CommentId};
use crate::sorting::sort_by;
use crate::text::lang::Lang;
use crate::text::mask::mask;
use crate::text::normalize::normalize;

/// Characters of context shown on each side of the word.
pub const CONTEXT_CHARS: usize = 24;

/// One comment's line of the concordance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicRow {
    /// The comment, to open it.
    pub comment: CommentId,
    /// The text before the word (at most [`CONTEXT_CHARS`], line breaks as spaces).
    pub left: String,
    /// The word as the comment writes it.
    pub hit: String,
    /// The text after the word.
    pub right: String,
    /// The comment's date, `YYYY-MM-DD`, or empty.
    pub date: String,
    /// The comment's channel.
    pub channel: String,
}

/// How the concordance is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KwicOrder {
    /// By date, as the comments came.
    #[default]
    Date,
    /// By the text just before the word, read backwards from it (the KWIC left sort).
    Left,
    /// By the text just after the word.
    Right,
}

/// The concordance of `term` (a word of the frequent-terms section, in normalised form) over
/// `comments`: one row per comment that contains it, at its first place. With `masked`, the
/// context hides personal data as the report's quotes do.
pub fn concordance<'a>(
    comments: impl IntoIterator<Item = &'a Comment>,
    term: &str,
    masked: bool,
    lang: Lang,
) -> Vec<KwicRow> {
    let wanted = normalize(term);
    if wanted.is_empty() {
        return Vec::new();
    }
    comments
        .into_iter()
        .filter(|c| c.normalized().contains(&wanted))
        .filter_map(|comment| {
            let (start, end) = find_in_original(&comment.text, &wanted)?;
            let chars: Vec<char> = comment.text.chars().collect();
            let flat = |part: &[char]| -> String {
                part.iter().map(|c| if c.is_whitespace() { ' ' } else { *c }).collect()
            };
            let left = flat(&chars[start.saturating_sub(CONTEXT_CHARS)..start]);
            let right = flat(&chars[end..(end + CONTEXT_CHARS).min(chars.len())]);
            let hide = |text: String| if masked { mask(&text, lang) } else { text };
            Some(KwicRow {
                comment: comment.id,
                left: hide(left),
                hit: chars[start..end].iter().collect(),
                right: hide(right),
                date: comment.date.map(|d| crate::text::date_text::ymd(d.date(), '-')).unwrap_or_default(),
                channel: comment.channel.to_string(),
            })
        })
        .collect()
}

/// Orders the rows; ties keep their order (by date, as made).
pub fn sort_rows(rows: &mut [KwicRow], order: KwicOrder) {
    match order {
        KwicOrder::Date => sort_by(rows, |a, b| a.date.cmp(&b.date)),
        KwicOrder::Left => sort_by(rows, |a, b| a.left.chars().rev().cmp(b.left.chars().rev())),
        KwicOrder::Right => sort_by(rows, |a, b| a.right.cmp(&b.right)),
    }
}

/// Where (in characters of `text`) the first match of the normalised `wanted` lies: each
/// character is normalised on its own so the match maps back to the text as written.
fn find_in_original(text: &str, wanted: &str) -> Option<(usize, usize)> {
    let mut normalised = String::new();
    // For every byte of `normalised`, the index of the character of `text` it came from.
    let mut origin = Vec::new();
    for (index, c) in text.chars().enumerate() {
        let mut buffer = [0u8; 4];
        let one = normalize(c.encode_utf8(&mut buffer));
        origin.extend(std::iter::repeat_n(index, one.len()));
        normalised.push_str(&one);
    }
    let at = normalised.find(wanted)?;
    let last = at + wanted.len() - 1;
    Some((origin[at], origin[last] + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::comment::{NewComment, SourceRef};

    fn comment(id: u32, date: &str, text: &str) -> Comment {
        let new = NewComment {
            date: parse_local(date),
            channel: "X".into(),
            ..NewComment::new(text, SourceRef { file: "f.csv".into(), sheet: None, line: 2 })
        };
        Comment::from_new(CommentId(id), new)
    }

    #[test]
    fn each_comment_with_the_word_gives_its_context_as_written() {
        let comments = [
            comment(0, "2024-04-02", "ＣＡＰが固くて開けられない。キャップの形を変えてほしい"),
            comment(1, "2024-04-01", "新しいキャップは開けやすい"),
            comment(2, "2024-04-03", "味が薄い"),
        ];
        let rows = concordance(&comments, "キャップ", false, Lang::Ja);
        assert_eq!(rows.len(), 2, "one row per comment that has the word");
        assert_eq!(rows[0].comment, CommentId(0));
        assert_eq!(
            (rows[0].left.as_str(), rows[0].hit.as_str()),
            ("ＣＡＰが固くて開けられない。", "キャップ")
        );
        assert_eq!(rows[0].right, "の形を変えてほしい");
        assert_eq!((rows[1].left.as_str(), rows[1].right.as_str()), ("新しい", "は開けやすい"));
        // Full-width letters match their normalised form, and are shown as written.
        let cap = concordance(&comments, "cap", false, Lang::Ja);
        assert_eq!(cap.len(), 1);
        assert_eq!(cap[0].hit, "ＣＡＰ");
    }

    #[test]
    fn the_context_is_cut_to_its_length_and_line_breaks_become_spaces() {
        let long = format!("{}\n箱が潰れていた\n{}", "あ".repeat(40), "い".repeat(40));
        let rows = concordance([&comment(0, "2024-04-01", &long)], "箱", false, Lang::Ja);
        assert_eq!(rows[0].left.chars().count(), CONTEXT_CHARS);
        assert!(rows[0].left.ends_with(' '), "the line break before the word");
        assert_eq!(rows[0].right.chars().count(), CONTEXT_CHARS);
        assert!(rows[0].right.starts_with("が潰れていた "));
    }

    #[test]
    fn rows_sort_by_the_text_left_of_the_word_read_backwards_or_by_the_right() {
        let comments = [
            comment(0, "2024-04-03", "青いキャップが固い"),
            comment(1, "2024-04-01", "赤いキャップが緩い"),
            comment(2, "2024-04-02", "白いキャップが割れた"),
        ];
        let mut rows = concordance(&comments, "キャップ", false, Lang::Ja);
        sort_rows(&mut rows, KwicOrder::Date);
        assert_eq!(rows.iter().map(|r| r.comment.0).collect::<Vec<_>>(), [1, 2, 0]);
        sort_rows(&mut rows, KwicOrder::Right);
        let rights: Vec<&str> = rows.iter().map(|r| r.right.as_str()).collect();
        let mut sorted = rights.clone();
        sorted.sort_unstable();
        assert_eq!(rights, sorted);
        sort_rows(&mut rows, KwicOrder::Left);
        let lefts: Vec<String> = rows.iter().map(|r| r.left.chars().rev().collect()).collect();
        assert!(lefts.windows(2).all(|w| w[0] <= w[1]), "{lefts:?}");
    }

    #[test]
    fn masked_context_hides_personal_data() {
        let rows = concordance(
            [&comment(0, "2024-04-01", "返品は taro@example.com まで。キャップが固い")],
            "キャップ",
            true,
            Lang::Ja,
        );
        assert!(!rows[0].left.contains("taro@example.com"), "{}", rows[0].left);
        assert_eq!(rows[0].hit, "キャップ");
    }
}
