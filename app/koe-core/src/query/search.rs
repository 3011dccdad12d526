//! Every comment's normalised text in one buffer, so a keystroke's search is one pass of
//! `memchr::memmem` over contiguous memory instead of a call per comment on 200,000 separate
//! strings. Derived from the comments (rebuilt when comments are added or removed), never saved.

use memchr::memmem::Finder;

use crate::project::comment::{Comment, CommentId};

/// Separates two texts in the buffer; normalised search words never contain it (white space
/// is folded to single spaces), so no match can span two comments.
const SEPARATOR: u8 = b'\n';

/// The normalised texts of a list of comments, contiguous, with where each one starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    text: String,
    starts: Vec<usize>,
    /// The first and last comment's ids, to tell the index of another list.
    ends: Option<(CommentId, CommentId)>,
}

impl SearchIndex {
    /// The index of `comments`, in their order.
    pub fn build(comments: &[Comment]) -> SearchIndex {
        let bytes = comments.iter().map(|c| c.normalized.len() + 1).sum();
        let mut text = String::with_capacity(bytes);
        let mut starts = Vec::with_capacity(comments.len());
        for comment in comments {
            starts.push(text.len());
            text.push_str(&comment.normalized);
            text.push(char::from(SEPARATOR));
        }
        let ends = comments.first().zip(comments.last()).map(|(first, last)| (first.id, last.id));
        SearchIndex { text, starts, ends }
    }

    /// Whether this index was built from these comments: same count, same first and last id.
    /// A cheap guard (a keystroke must not pay a pass over every id); callers rebuild the index
    /// whenever comments are added, removed or replaced.
    pub fn describes(&self, comments: &[Comment]) -> bool {
        self.starts.len() == comments.len()
            && self.ends == comments.first().zip(comments.last()).map(|(first, last)| (first.id, last.id))
    }

    /// Positions in the comment list whose normalised text contains every word, ascending.
    /// `words` must be normalised (see [`crate::text::normalize::normalize`]).
    pub fn containing_all(&self, words: &[&str]) -> Vec<usize> {
        let Some((first, others)) = words.split_first() else {
            return (0..self.starts.len()).collect();
        };
        let haystack = self.text.as_bytes();
        let finder = Finder::new(first.as_bytes());
        let others: Vec<Finder<'_>> = others.iter().map(|w| Finder::new(w.as_bytes())).collect();
        let mut found = Vec::new();
        // One pass of the finder over the whole buffer (a call per comment would pay the
        // search's set-up each time); matches inside a comment already taken are skipped.
        let mut index = 0;
        let mut end = 0;
        for position in finder.find_iter(haystack) {
            if position < end {
                continue;
            }
            // Matches come in order: walk on from the comment of the last one found.
            while self.starts.get(index + 1).is_some_and(|next| *next <= position) {
                index += 1;
            }
            end = self.starts.get(index + 1).copied().unwrap_or(haystack.len());
            let text = &haystack[self.starts[index]..end];
            if others.iter().all(|other| other.find(text).is_some()) {
                found.push(index);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{NewComment, SourceRef};

    fn comments(texts: &[&str]) -> Vec<Comment> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let source = SourceRef { file: "t.csv".into(), sheet: None, line: i as u64 + 2 };
                Comment::from_new(CommentId(i as u32 * 10), NewComment::new(*text, source))
            })
            .collect()
    }

    #[test]
    fn finds_comments_holding_every_word_and_never_across_two_texts() {
        let list = comments(&["新商品のパッケージ", "ﾊﾟｯｹｰｼﾞが固い", "値段が高い", "パッケ", "ージ"]);
        let index = SearchIndex::build(&list);
        assert_eq!(index.containing_all(&["パッケージ"]), vec![0, 1]);
        assert_eq!(index.containing_all(&["パッケージ", "固い"]), vec![1]);
        assert_eq!(index.containing_all(&["高い", "値段"]), vec![2]);
        // "パッケ" + "ージ" are neighbours in the buffer but two comments.
        assert_eq!(index.containing_all(&["パッケージ", "新"]), vec![0]);
        assert_eq!(index.containing_all(&["ケージ"]), vec![0, 1]);
        assert_eq!(index.containing_all(&["xyz"]), Vec::<usize>::new());
        assert_eq!(index.containing_all(&[]), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn agrees_with_a_search_of_each_comment() {
        let list = comments(&["abcabc", "bca", "", "cab", "a b c", "ab\nc", "abc"]);
        let index = SearchIndex::build(&list);
        for query in [vec!["a"], vec!["ab"], vec!["bc", "ca"], vec!["c"], vec!["abc", "b"], vec!["b c"]] {
            let expected: Vec<usize> =
                (0..list.len()).filter(|i| query.iter().all(|w| list[*i].normalized.contains(w))).collect();
            assert_eq!(index.containing_all(&query), expected, "query {query:?}");
        }
        assert!(index.describes(&list));
        assert!(!index.describes(&list[1..]));
    }
}
