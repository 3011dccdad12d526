//! Finding comments that are already there: exact duplicates and reposts.
//!
//! Exact duplicates have the same normalised text, author and date. Reposts are
//! `RT @user: …` copies and quoted copies (「…」, “…”, "…") of a text already seen.

use std::borrow::Cow;

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

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
    let mut scan = RepeatScan::default();
    while !scan.step(existing, incoming, usize::MAX) {}
    scan.finish()
}

/// A comment seen by a [`RepeatScan`]: its position among the existing or incoming comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Existing(usize),
    Incoming(usize),
}

/// [`scan`] a slice at a time, so the page can draw between slices of a big file. It keeps
/// 64-bit fingerprints and positions, not copies of the texts: a matching fingerprint is
/// checked against the texts themselves, so the result is exact. Give every step the same
/// comments (start again if the project's comments changed in between).
#[derive(Debug, Default)]
pub struct RepeatScan {
    /// Fingerprint of (normalised text, author, date) → the first comment with it.
    keys: FxHashMap<u64, Seen>,
    /// Fingerprint of a normalised text → the first comment with it.
    texts: FxHashMap<u64, Seen>,
    /// Different comments whose fingerprints met (one in billions): checked one by one.
    key_collisions: Vec<(u64, Seen)>,
    text_collisions: Vec<(u64, Seen)>,
    existing_done: usize,
    incoming_done: usize,
    found: DuplicateScan,
}

type Key<'a> = (&'a str, &'a str, Option<NaiveDateTime>);

fn fingerprint<T: std::hash::Hash>(value: T) -> u64 {
    FxBuildHasher.hash_one(value)
}

fn incoming_text(comment: &NewComment) -> Cow<'_, str> {
    comment.normalized.as_deref().map_or_else(|| Cow::Owned(normalize(&comment.text)), Cow::Borrowed)
}

impl RepeatScan {
    /// Looks at up to `budget` more comments; `true` when every comment has been looked at.
    pub fn step(&mut self, existing: &[Comment], incoming: &[NewComment], budget: usize) -> bool {
        let mut left = budget;
        while left > 0 && self.existing_done < existing.len() {
            let comment = &existing[self.existing_done];
            let seen = Seen::Existing(self.existing_done);
            let key: Key<'_> = (&comment.normalized, &comment.author, comment.date);
            let key_print = fingerprint(key);
            if !self.has_key(key_print, key, existing, incoming) {
                self.remember_key(key_print, seen);
            }
            if !self.has_text(&comment.normalized, existing, incoming) {
                self.remember_text(fingerprint(comment.normalized.as_str()), seen);
            }
            self.existing_done += 1;
            left -= 1;
        }
        while left > 0 && self.incoming_done < incoming.len() {
            let index = self.incoming_done;
            let comment = &incoming[index];
            let text = incoming_text(comment);
            let key: Key<'_> = (&text, &comment.author, comment.date);
            let key_print = fingerprint(key);
            self.incoming_done += 1;
            left -= 1;
            if self.has_key(key_print, key, existing, incoming) {
                self.found.exact.push(index);
                continue;
            }
            self.remember_key(key_print, Seen::Incoming(index));
            if copied_texts(&text).any(|copied| self.has_text(copied, existing, incoming)) {
                self.found.reposts.push(index);
                continue;
            }
            self.remember_text(fingerprint(text.as_ref()), Seen::Incoming(index));
        }
        self.existing_done == existing.len() && self.incoming_done == incoming.len()
    }

    /// What the scan found.
    pub fn finish(self) -> DuplicateScan {
        self.found
    }

    /// Remembers a key not seen before; its fingerprint may still be another key's.
    fn remember_key(&mut self, print: u64, seen: Seen) {
        if !insert_first(&mut self.keys, print, seen) {
            self.key_collisions.push((print, seen));
        }
    }

    /// Remembers a text not seen before; its fingerprint may still be another text's.
    fn remember_text(&mut self, print: u64, seen: Seen) {
        if !insert_first(&mut self.texts, print, seen) {
            self.text_collisions.push((print, seen));
        }
    }

    fn has_key(&self, print: u64, key: Key<'_>, existing: &[Comment], incoming: &[NewComment]) -> bool {
        let same = |seen: &Seen| match *seen {
            Seen::Existing(at) => {
                let c = &existing[at];
                (c.normalized.as_str(), c.author.as_str(), c.date) == key
            }
            Seen::Incoming(at) => {
                let c = &incoming[at];
                (incoming_text(c).as_ref(), c.author.as_str(), c.date) == key
            }
        };
        // Collisions are only ever behind a fingerprint the map has.
        self.keys.get(&print).is_some_and(|first| {
            same(first) || self.key_collisions.iter().any(|(p, seen)| *p == print && same(seen))
        })
    }

    fn has_text(&self, text: &str, existing: &[Comment], incoming: &[NewComment]) -> bool {
        let print = fingerprint(text);
        let same = |seen: &Seen| match *seen {
            Seen::Existing(at) => existing[at].normalized == text,
            Seen::Incoming(at) => incoming_text(&incoming[at]) == text,
        };
        self.texts.get(&print).is_some_and(|first| {
            same(first) || self.text_collisions.iter().any(|(p, seen)| *p == print && same(seen))
        })
    }
}

/// Inserts `seen` under `print` only when the fingerprint is new, telling whether it was.
fn insert_first(map: &mut FxHashMap<u64, Seen>, print: u64, seen: Seen) -> bool {
    match map.entry(print) {
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(seen);
            true
        }
        std::collections::hash_map::Entry::Occupied(_) => false,
    }
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
    fn a_scan_in_small_steps_finds_what_one_scan_finds() {
        let existing: Vec<Comment> = ["声A", "RT @z: 既にある長い文章のコピー", "声A"]
            .iter()
            .enumerate()
            .map(|(i, t)| Comment::from_new(CommentId(i as u32), new(t, "@a", "2024-04-01")))
            .collect();
        let incoming = vec![
            new("声A", "@a", "2024-04-01"),
            new("「既にある長い文章のコピー」ではない", "@b", "2024-04-01"),
            new("RT @q: 声Aと同じではない長い文", "@c", "2024-04-02"),
            new("声Aと同じではない長い文", "@d", "2024-04-02"),
            new("RT @q: 声Aと同じではない長い文", "@e", "2024-04-02"),
            new("声A", "@a", "2024-04-01"),
        ];
        let whole = scan(&existing, &incoming);
        assert_eq!(whole.exact, vec![0, 5]);
        assert_eq!(whole.reposts, vec![4]);
        for budget in 1..4 {
            let mut stepped = RepeatScan::default();
            let mut steps = 1;
            while !stepped.step(&existing, &incoming, budget) {
                steps += 1;
            }
            assert_eq!(stepped.finish(), whole, "budget {budget}");
            assert!(steps >= (existing.len() + incoming.len()) / budget, "it stopped between slices");
        }
    }

    #[test]
    fn a_fingerprint_collision_is_told_apart_by_the_texts() {
        let incoming = vec![new("一つ目の文", "@a", "2024-04-01"), new("二つ目の文", "@a", "2024-04-01")];
        let mut scan = RepeatScan::default();
        // Pretend the second text has the first one's fingerprint.
        let first = fingerprint(("一つ目の文", "@a", parse_local("2024-04-01")));
        scan.remember_key(first, Seen::Incoming(0));
        scan.incoming_done = 1;
        let second: Key<'_> = ("二つ目の文", "@a", parse_local("2024-04-01"));
        assert!(!scan.has_key(first, second, &[], &incoming), "same fingerprint, different key");
        scan.remember_key(first, Seen::Incoming(1));
        assert!(scan.has_key(first, second, &[], &incoming), "the colliding key is remembered too");
        assert_eq!(scan.key_collisions.len(), 1);
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
