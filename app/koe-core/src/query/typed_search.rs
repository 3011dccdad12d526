//! What the search box remembers between keystrokes. Typing goes a character at a time: パ,
//! パッ, パッケ… Each word typed so far narrows the last search, so its comments are the only
//! ones that can match; a backspace returns to a search already made. Only the first word
//! after the box is cleared (or another filter is chosen) reads every text.

use std::collections::VecDeque;

use crate::project::comment::Comment;
use crate::query::filter::{Filter, Narrowed, kept};
use crate::query::search::{Hit, PartIndex, SearchIndex};

/// A search narrowed from an earlier one reads each earlier hit's text where it lies: a miss
/// of the cache or two, some 100 ns a hit natively and 170 ns in the page, about as long as a
/// fresh search takes over two kilobytes (it streams the texts, some 10 GB/s, and pays a
/// little for each match too). Measured on the bench's 200,000 comments, tag filter on:
/// パ to パッ over 30,159 hits, narrowed 3.2 ms natively (4.3–5.8 ms in the page), fresh 1.7 ms
/// (2.5 ms). It is chosen only when that reads less than a fresh search would.
const BYTES_PER_HIT: usize = 2048;

/// Searches remembered: enough for a word typed and taken back, few enough that a broad word's
/// hits (8 bytes a comment) do not add up.
const REMEMBERED: usize = 6;

/// The search index of the comments and the searches made with it. Derived from the comments:
/// call [`TypedSearch::forget`] whenever they are added, removed or replaced.
#[derive(Debug)]
pub struct TypedSearch {
    index: Option<SearchIndex>,
    /// The filter's other parts the remembered searches (and the part) were made under.
    narrowed: Option<Narrowed>,
    /// The texts of the comments those other parts keep, once a search needed them: `None`
    /// before, `Some(None)` when they keep too many for a copy to pay.
    part: Option<Option<PartIndex>>,
    /// Recent searches, the newest last.
    recent: VecDeque<Search>,
    /// [`BYTES_PER_HIT`]; the tests set 0 to narrow whenever a search allows it.
    bytes_per_hit: usize,
}

impl Default for TypedSearch {
    fn default() -> Self {
        TypedSearch {
            index: None,
            narrowed: None,
            part: None,
            recent: VecDeque::new(),
            bytes_per_hit: BYTES_PER_HIT,
        }
    }
}

/// One search: its normalised words and the comments it kept, in list order.
#[derive(Debug)]
struct Search {
    words: Vec<String>,
    hits: Vec<Hit>,
}

impl Search {
    /// Whether this search was made with exactly these words.
    fn is(&self, words: &[&str]) -> bool {
        self.words.iter().map(String::as_str).eq(words.iter().copied())
    }

    /// Whether every comment holding all of `words` holds all of this search's words: each of
    /// them is part of one of `words`.
    fn is_narrowed_by(&self, words: &[&str]) -> bool {
        self.words.iter().all(|old| words.iter().any(|new| new.contains(old.as_str())))
    }
}

impl TypedSearch {
    /// Drops the index and the searches (the comments changed).
    pub fn forget(&mut self) {
        *self = TypedSearch { bytes_per_hit: self.bytes_per_hit, ..TypedSearch::default() };
    }

    /// The search index of `comments`, built if there is none for them.
    pub fn index(&mut self, comments: &[Comment]) -> &SearchIndex {
        if self.index.as_ref().is_some_and(|index| !index.describes(comments)) {
            self.forget();
        }
        self.index.get_or_insert_with(|| SearchIndex::build(comments))
    }

    /// The comments the filter keeps, in project order, as [`kept`] finds them: `narrowed` is
    /// the filter's other parts applied to `comments`. A search whose words narrow a remembered
    /// one reads only the comments that one kept.
    pub fn kept<'a>(
        &mut self,
        comments: &'a [Comment],
        narrowed: &Narrowed,
        filter: &Filter,
    ) -> Vec<&'a Comment> {
        let matcher = filter.matcher();
        let words: Vec<&str> = matcher.words().iter().map(String::as_str).collect();
        let Some(flags) = narrowed.flags_for(comments) else {
            // Made for another list of comments: made again for this one.
            return self.kept(comments, &filter.narrowed(comments), filter);
        };
        if words.is_empty() {
            return kept(comments, Some(narrowed), filter);
        }
        self.index(comments);
        self.made_under(narrowed);
        let Some(index) = &self.index else { return Vec::new() };
        let part = flags.and_then(|flags| part_of(&mut self.part, index, flags));
        let fresh_bytes = part.map_or(index.bytes(), PartIndex::bytes);
        let narrowest = self
            .recent
            .iter()
            .filter(|search| search.is_narrowed_by(&words))
            .filter(|search| search.is(&words) || search.hits.len() * self.bytes_per_hit <= fresh_bytes)
            .min_by_key(|search| search.hits.len());
        let hits = match narrowest {
            Some(search) if search.is(&words) => search.hits.clone(),
            Some(search) => {
                let earlier_first = search.words.first().map_or("", String::as_str);
                index.hits_narrowing(&words, &search.hits, earlier_first)
            }
            None => match part {
                Some(part) => part.hits(&words),
                None => index.hits_among(&words, flags),
            },
        };
        let found = hits.iter().filter_map(|hit| comments.get(hit.position as usize)).collect();
        self.remember(&words, hits);
        found
    }

    /// Readies the search for typing (the search box got the focus): builds the index, and
    /// copies together the texts of the comments the filter's other parts keep, so that the
    /// first keystroke pays for neither.
    pub fn prepare(&mut self, comments: &[Comment], narrowed: &Narrowed) {
        self.index(comments);
        self.made_under(narrowed);
        if let (Some(index), Some(Some(flags))) = (&self.index, narrowed.flags_for(comments)) {
            part_of(&mut self.part, index, flags);
        }
    }

    /// Lets the part and the remembered searches go (the search box was left empty), so their
    /// memory is held only while someone searches; the index stays.
    pub fn release(&mut self) {
        self.part = None;
        self.recent.clear();
    }

    /// Forgets the searches and the part when the filter's other parts changed.
    fn made_under(&mut self, narrowed: &Narrowed) {
        if self.narrowed.as_ref() != Some(narrowed) {
            self.recent.clear();
            self.part = None;
            self.narrowed = Some(narrowed.clone());
        }
    }

    fn remember(&mut self, words: &[&str], hits: Vec<Hit>) {
        self.recent.retain(|search| !search.is(words));
        if self.recent.len() == REMEMBERED {
            self.recent.pop_front();
        }
        self.recent.push_back(Search { words: words.iter().map(|w| (*w).to_owned()).collect(), hits });
    }
}

/// The part of `index` flagged, made on first need. `None` when the flags keep more than three
/// quarters of the comments: a copy of nearly all texts would save a search little. The part
/// is let go when the search box is left empty ([`TypedSearch::release`]).
fn part_of<'p>(
    part: &'p mut Option<Option<PartIndex>>,
    index: &SearchIndex,
    flags: &[bool],
) -> Option<&'p PartIndex> {
    part.get_or_insert_with(|| {
        let kept = flags.iter().filter(|on| **on).count();
        (kept * 4 <= flags.len() * 3).then(|| index.part(flags))
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::codebook::Codebook;
    use crate::project::comment::{CommentId, NewComment, SourceRef};
    use crate::project::tagging::Tagging;

    fn comments(texts: &[&str]) -> Vec<Comment> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let source = SourceRef { file: "t.csv".into(), sheet: None, line: i as u64 + 2 };
                Comment::from_new(CommentId(i as u32), NewComment::new(*text, source))
            })
            .collect()
    }

    fn ids(found: &[&Comment]) -> Vec<u32> {
        found.iter().map(|c| c.id.0).collect()
    }

    #[test]
    fn typing_on_and_taking_back_finds_what_a_fresh_search_finds() {
        let list = comments(&["パッケージが固い", "パン", "ﾊﾟｯｹｰｼﾞ", "パッと見", "値段"]);
        let narrowed = Filter::default().narrowed(&list);
        let mut search = TypedSearch { bytes_per_hit: 0, ..TypedSearch::default() };
        let mut typed = |text: &str| {
            let filter = Filter { text: text.into(), ..Filter::default() };
            ids(&search.kept(&list, &narrowed, &filter))
        };
        assert_eq!(typed("パ"), vec![0, 1, 2, 3]);
        assert_eq!(typed("パッ"), vec![0, 2, 3]);
        assert_eq!(typed("パッケ"), vec![0, 2]);
        assert_eq!(typed("パッケ 固"), vec![0]);
        assert_eq!(typed("パッケ"), vec![0, 2]);
        assert_eq!(typed("パ"), vec![0, 1, 2, 3]);
        // Not narrower than パッケ: the word typed anew is searched in every text.
        assert_eq!(typed("パン"), vec![1]);
        assert_eq!(typed(""), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_search_remembered_under_other_tags_is_not_reused() {
        let book = Codebook::starter();
        let tag = book.tags[0].id;
        let mut list = comments(&["パッケージ", "パッケージ", "パン"]);
        *list[1].tagging = Tagging::default().with_added(tag, &book);
        let mut search = TypedSearch { bytes_per_hit: 0, ..TypedSearch::default() };
        let all = Filter::default().narrowed(&list);
        let typed = |search: &mut TypedSearch, narrowed: &Narrowed, text: &str, with_tags: Vec<_>| {
            let filter = Filter { text: text.into(), with_tags, ..Filter::default() };
            ids(&search.kept(&list, narrowed, &filter))
        };
        assert_eq!(typed(&mut search, &all, "パ", vec![]), vec![0, 1, 2]);
        let tagged_filter = Filter { with_tags: vec![tag], ..Filter::default() };
        let tagged = tagged_filter.narrowed(&list);
        assert_eq!(typed(&mut search, &tagged, "パッ", vec![tag]), vec![1]);
        // Back to no tag filter: パッ must not be narrowed from the tagged search.
        assert_eq!(typed(&mut search, &all, "パッケ", vec![]), vec![0, 1]);
        // Other comments under the same count and ends: the index is rebuilt.
        search.forget();
        let other = comments(&["パ", "x", "パッケ"]);
        assert_eq!(
            ids(&search.kept(&other, &all, &Filter { text: "パッケ".into(), ..Filter::default() })),
            vec![2]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever is typed, taken back or filtered by tag in turn, with the search readied for
        /// typing or let go in between, the remembered searches and the part give exactly the
        /// comments the filter keeps when each comment is checked on its own.
        #[test]
        fn remembered_searches_agree_with_checking_each_comment(
            texts in proptest::collection::vec("[abパ ]{0,8}", 0..24),
            tagged in proptest::collection::vec(proptest::bool::ANY, 24),
            steps in proptest::collection::vec(
                ("[abパ ]{0,4}", proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY),
                1..12,
            ),
            bytes_per_hit in proptest::sample::select(vec![0, 8, BYTES_PER_HIT]),
        ) {
            let book = Codebook::starter();
            let tag = book.tags[0].id;
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut list = comments(&refs);
            for (comment, on) in list.iter_mut().zip(&tagged) {
                if *on {
                    *comment.tagging = Tagging::default().with_added(tag, &book);
                }
            }
            let mut search = TypedSearch { bytes_per_hit, ..TypedSearch::default() };
            for (text, by_tag, focused, left) in steps {
                let with_tags = if by_tag { vec![tag] } else { Vec::new() };
                let filter = Filter { text, with_tags, ..Filter::default() };
                let expected: Vec<u32> = list
                    .iter()
                    .filter(|c| filter.matcher().matches(c))
                    .map(|c| c.id.0)
                    .collect();
                let narrowed = filter.narrowed(&list);
                if focused {
                    search.prepare(&list, &narrowed);
                }
                if left {
                    search.release();
                }
                proptest::prop_assert_eq!(ids(&search.kept(&list, &narrowed, &filter)), expected);
            }
        }
    }
}
