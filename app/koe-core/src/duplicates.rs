//! Finding comments that are already there: exact duplicates and reposts.
//!
//! Exact duplicates have the same normalised text, author and date. Reposts are
//! `RT @user: …` copies and quoted copies (「…」, “…”, "…") of a text already seen.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use chrono::NaiveDateTime;

use crate::comment::{Comment, NewComment};
use crate::normalize::normalize;

/// Which incoming comments repeat one already in the project or earlier in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DuplicateScan {
    /// Indexes (into the incoming comments) of exact duplicates.
    pub exact: Vec<usize>,
    /// Indexes of reposts of a text already seen.
    pub reposts: Vec<usize>,
}

impl DuplicateScan {
    /// Whether the incoming comment at `index` repeats another.
    pub fn is_repeat(&self, index: usize) -> bool {
        self.exact.binary_search(&index).is_ok() || self.reposts.binary_search(&index).is_ok()
    }

    /// How many incoming comments repeat another.
    pub fn len(&self) -> usize {
        self.exact.len() + self.reposts.len()
    }

    /// Whether nothing repeats.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Shortest quoted text worth treating as a copy of another comment.
const MIN_QUOTE_CHARS: usize = 8;

/// Compares incoming comments with those in the project and with each other.
pub fn scan(existing: &[Comment], incoming: &[NewComment]) -> DuplicateScan {
    // The importer sends each text's normalised form; derive it only where it did not.
    let incoming_texts: Vec<Cow<'_, str>> = incoming
        .iter()
        .map(|c| c.normalized.as_deref().map_or_else(|| Cow::Owned(normalize(&c.text)), Cow::Borrowed))
        .collect();
    // Borrowed keys and a fast hash: this runs on the page for every comment of a big file.
    let mut keys: FxHashSet<(&str, &str, Option<NaiveDateTime>)> = FxHashSet::default();
    let mut texts: FxHashSet<&str> = FxHashSet::default();
    for comment in existing {
        keys.insert((&comment.normalized, &comment.author, comment.date));
        texts.insert(&comment.normalized);
    }
    let mut found = DuplicateScan::default();
    for (index, (comment, text)) in incoming.iter().zip(&incoming_texts).enumerate() {
        if !keys.insert((text, &comment.author, comment.date)) {
            found.exact.push(index);
            continue;
        }
        if copied_texts(text).any(|copied| texts.contains(copied)) {
            found.reposts.push(index);
            continue;
        }
        texts.insert(text);
    }
    found
}

/// The texts a normalised comment copies: after `rt @user:`, and inside quotes.
fn copied_texts(text: &str) -> impl Iterator<Item = &str> {
    let retweet = text
        .strip_prefix("rt @")
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, copied)| copied.trim())
        .filter(|copied| !copied.is_empty());
    retweet.into_iter().chain(quoted(text))
}

fn quoted(text: &str) -> impl Iterator<Item = &str> {
    const PAIRS: [(char, char); 3] = [('「', '」'), ('“', '”'), ('"', '"')];
    PAIRS.into_iter().flat_map(move |(open, close)| {
        let mut rest = text;
        std::iter::from_fn(move || {
            loop {
                let start = rest.find(open)? + open.len_utf8();
                let end = rest[start..].find(close)? + start;
                let inner = rest[start..end].trim();
                rest = &rest[end + close.len_utf8()..];
                if inner.chars().count() >= MIN_QUOTE_CHARS {
                    return Some(inner);
                }
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::{CommentId, SourceRef};
    use crate::dates::parse_local;

    fn new(text: &str, author: &str, date: &str) -> NewComment {
        NewComment {
            author: author.to_owned(),
            date: parse_local(date),
            ..NewComment::new(text, SourceRef { file: "d.csv".to_owned(), sheet: None, line: 1 })
        }
    }

    #[test]
    fn finds_exact_duplicates_by_normalised_text_author_and_date() {
        let existing = vec![Comment::from_new(CommentId(0), new("プリンが美味しい", "@a", "2024-04-01"))];
        let incoming = vec![
            new("ﾌﾟﾘﾝが美味しい", "@a", "2024-04-01"),
            new("プリンが美味しい", "@b", "2024-04-01"),
            new("プリンが美味しい", "@a", "2024-04-02"),
            new("新しい声", "@c", "2024-04-03"),
            new("新しい声", "@c", "2024-04-03"),
        ];
        let found = scan(&existing, &incoming);
        assert_eq!(found.exact, vec![0, 4]);
        assert!(found.reposts.is_empty(), "{found:?}");
    }

    #[test]
    fn finds_retweets_and_quoted_copies() {
        let incoming = vec![
            new("プリンの容器が分別しにくい", "@a", "2024-04-01"),
            new("RT @a: プリンの容器が分別しにくい", "@b", "2024-04-01"),
            new("これわかる「プリンの容器が分別しにくい」", "@c", "2024-04-02"),
            new("「短い」", "@d", "2024-04-02"),
            new("RT @x: 初めて見る文章です", "@e", "2024-04-03"),
        ];
        let found = scan(&[], &incoming);
        assert_eq!(found.reposts, vec![1, 2]);
        assert!(found.is_repeat(2) && !found.is_repeat(4));
        assert_eq!(found.len(), 2);
    }
}
