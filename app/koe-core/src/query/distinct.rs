//! The few distinct values of a column that every comment has (the channel): a report or a
//! filter list walks 200,000 comments with a handful of channels, where a short scan of the
//! values seen so far is cheaper than hashing or ordering each comment's.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::project::comment::Comment;

/// Up to this many values are found by scanning the list, beyond it by hashing.
const SCANNED: usize = 16;

/// Distinct values in the order first seen, each with its number.
#[derive(Clone, Debug, Default)]
pub struct Distinct<'a> {
    seen: Vec<&'a str>,
    numbers: FxHashMap<&'a str, usize>,
}

impl<'a> Distinct<'a> {
    /// The number of `value`: its place among the distinct values seen so far.
    pub fn number(&mut self, value: &'a str) -> usize {
        let known = if self.seen.len() <= SCANNED {
            // A channel's comments share its name (see `ChannelNames`): found by where it
            // lies, else by its bytes compared as words (the page's own byte comparison goes a
            // byte at a time, a call each).
            (self.seen.iter().position(|seen| std::ptr::eq(*seen, value)))
                .or_else(|| self.seen.iter().position(|seen| same_text(seen, value)))
        } else {
            self.numbers.get(value).copied()
        };
        known.unwrap_or_else(|| {
            self.numbers.insert(value, self.seen.len());
            self.seen.push(value);
            self.seen.len() - 1
        })
    }

    /// The distinct values, in the order first seen (a value's number is its index).
    pub fn values(&self) -> &[&'a str] {
        &self.seen
    }
}

/// Whether `a` and `b` are the same text, compared eight bytes at a time (names are short).
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    let mut same =
        a_words.remainder().iter().zip(b_words.remainder()).fold(true, |same, (x, y)| same & (x == y));
    // Each chunk is eight bytes long: the word is always made.
    let word = |bytes: &[u8]| <[u8; 8]>::try_from(bytes).map_or(0, u64::from_ne_bytes);
    for (x, y) in a_words.zip(b_words) {
        same &= word(x) == word(y);
    }
    same
}

/// The channels and other-column names a filter can choose from, gathered a slice of
/// comments at a time: at 200,000 comments one walk over all of them is a long task (each
/// channel is behind a pointer), so the page spreads it over several.
#[derive(Clone, Debug, Default)]
pub struct FilterChoices {
    channels: Vec<String>,
    /// Every channel, once there are more than [`SCANNED`] (any column can be the channel).
    hashed: FxHashSet<String>,
    names: BTreeSet<String>,
    done: usize,
}

impl FilterChoices {
    /// Takes in the next `limit` of `comments` (the same list each call); `true` when every
    /// comment is in.
    pub fn add_next(&mut self, comments: &[Comment], limit: usize) -> bool {
        let to = self.done.saturating_add(limit).min(comments.len());
        for comment in comments.get(self.done..to).unwrap_or_default() {
            self.take_channel(&comment.channel);
            for (name, _) in &comment.attributes {
                if !self.names.contains(name) {
                    self.names.insert(name.clone());
                }
            }
        }
        self.done = to;
        to == comments.len()
    }

    fn take_channel(&mut self, channel: &str) {
        let known = if self.channels.len() <= SCANNED {
            self.channels.iter().any(|c| c == channel)
        } else {
            self.hashed.contains(channel)
        };
        if known {
            return;
        }
        self.channels.push(channel.to_owned());
        if self.channels.len() > SCANNED {
            if self.hashed.is_empty() {
                self.hashed.extend(self.channels.iter().cloned());
            } else {
                self.hashed.insert(channel.to_owned());
            }
        }
    }

    /// The distinct channels (without the empty one) and column names, sorted.
    pub fn lists(mut self) -> (Vec<String>, Vec<String>) {
        self.channels.retain(|c| !c.is_empty());
        self.channels.sort_unstable();
        (self.channels, self.names.into_iter().collect())
    }
}

impl crate::project::sliced::Sliced for FilterChoices {
    type Context = ();
    /// The channels and the other columns' names.
    type Output = (Vec<String>, Vec<String>);

    fn step(&mut self, comments: &[Comment], _: &(), budget: usize) -> bool {
        self.add_next(comments, budget)
    }

    fn finish(self) -> Self::Output {
        self.lists()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{CommentId, NewComment, SourceRef};

    fn comment(id: u32, channel: &str, names: &[&str]) -> Comment {
        let source = SourceRef { file: "f.csv".into(), sheet: None, line: u64::from(id) };
        let mut new = NewComment::new(format!("声{id}"), source);
        new.channel = channel.into();
        new.attributes = names.iter().map(|n| ((*n).to_owned(), "値".to_owned())).collect();
        Comment::from_new(CommentId(id), new)
    }

    fn choices_in_slices(comments: &[Comment], slice: usize) -> (Vec<String>, Vec<String>) {
        let mut choices = FilterChoices::default();
        let mut calls = 0;
        while !choices.add_next(comments, slice) {
            calls += 1;
            assert!(calls <= comments.len(), "every call takes comments in");
        }
        choices.lists()
    }

    #[test]
    fn filter_choices_in_slices_are_those_of_all_comments() {
        let channels = ["X", "", "電話", "ブログ", "X", "メール"];
        let names = [&["店舗"][..], &[], &["地域", "店舗"], &["年代"]];
        let comments: Vec<Comment> =
            (0..50u32).map(|i| comment(i, channels[i as usize % 6], names[(i as usize * 7) % 4])).collect();
        let expected = (
            vec!["X".to_owned(), "ブログ".to_owned(), "メール".to_owned(), "電話".to_owned()],
            vec!["地域".to_owned(), "年代".to_owned(), "店舗".to_owned()],
        );
        for slice in [1, 7, 50, usize::MAX] {
            assert_eq!(choices_in_slices(&comments, slice), expected, "slices of {slice}");
        }
        assert_eq!(choices_in_slices(&[], 10), (Vec::new(), Vec::new()));
    }

    #[test]
    fn filter_choices_with_many_channels_list_each_once() {
        // A column with many values mapped as the channel: past the scanned few, hashed.
        let comments: Vec<Comment> =
            (0..1000u32).map(|i| comment(i, &format!("店舗{}", (i * 37) % 200), &[])).collect();
        let expected: Vec<String> =
            comments.iter().map(|c| c.channel.to_string()).collect::<BTreeSet<_>>().into_iter().collect();
        for slice in [3, 64, 1000] {
            assert_eq!(choices_in_slices(&comments, slice).0, expected, "slices of {slice}");
        }
    }

    #[test]
    fn numbers_follow_first_sight_with_few_values_and_with_many() {
        for kinds in [3, SCANNED, SCANNED + 1, 200] {
            let names: Vec<String> = (0..kinds).map(|k| format!("チャネル{k}")).collect();
            let values: Vec<&str> = (0..1000).map(|i| names[(i * 7 + i / 3) % kinds].as_str()).collect();
            let mut distinct = Distinct::default();
            let numbers: Vec<usize> = values.iter().map(|v| distinct.number(v)).collect();
            let mut first_seen: Vec<&str> = Vec::new();
            for value in &values {
                if !first_seen.contains(value) {
                    first_seen.push(value);
                }
            }
            assert_eq!(distinct.values(), first_seen.as_slice(), "{kinds} kinds");
            for (value, number) in values.iter().zip(numbers) {
                assert_eq!(distinct.values()[number], *value);
            }
        }
    }

    #[test]
    fn texts_compared_as_words_are_the_same_exactly_when_equal() {
        for len in 0..=20 {
            let text: String = "チャネルXYZ".chars().cycle().take(len).collect();
            assert!(same_text(&text, &text.clone()), "{text:?}");
            for at in 0..text.len() {
                let mut bytes = text.clone().into_bytes();
                bytes[at] ^= 1;
                let other = String::from_utf8_lossy(&bytes);
                assert!(!same_text(&text, &other), "{text:?} against a byte changed at {at}");
            }
            assert!(!same_text(&text, &format!("{text}a")));
        }
    }

    #[test]
    fn a_value_held_twice_or_begun_where_another_lies_is_numbered_by_its_text() {
        let shared = "ブログ".to_owned();
        let copy = shared.clone();
        // Starts where `shared` lies, one character shorter.
        let prefix = &shared[.."ブロ".len()];
        let mut distinct = Distinct::default();
        let numbers = [&shared, "メール", &copy, prefix, &shared, prefix].map(|v| distinct.number(v));
        assert_eq!(numbers, [0, 1, 0, 2, 0, 2]);
        assert_eq!(distinct.values(), ["ブログ", "メール", "ブロ"]);
    }
}
