//! Every comment's normalised text in one buffer, so a keystroke's search is one pass of
//! `memchr::memmem` over contiguous memory instead of a call per comment on 200,000 separate
//! strings. Derived from the comments (rebuilt when comments are added or removed), never saved.

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};

use crate::project::comment::{Comment, CommentId};
use crate::sorting::sort_by_key;

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
    /// How common each byte is in these texts.
    ranks: ByteRanks,
}

/// Bytes ranked by how often they occur in the indexed texts (0 the rarest), for the search's
/// prefilter: it looks for the needle's two rarest bytes first. memchr's own ranking is made
/// for English; in Japanese UTF-8 the continuation bytes it takes for rare are everywhere, so
/// a dense query such as プリン met a false candidate every few bytes (a third slower).
#[derive(Clone, Debug, PartialEq, Eq)]
struct ByteRanks([u8; 256]);

impl Default for ByteRanks {
    fn default() -> Self {
        ByteRanks([0; 256])
    }
}

impl ByteRanks {
    /// Bytes of every 16th 4 KiB block are counted: a 33 MB buffer in about a millisecond, and
    /// near enough to the whole for a ranking.
    fn of(text: &[u8]) -> ByteRanks {
        let mut counts = [0u64; 256];
        for block in text.chunks(4096).step_by(16) {
            for byte in block {
                counts[usize::from(*byte)] += 1;
            }
        }
        let mut order: Vec<u8> = (0..=255).collect();
        sort_by_key(&mut order, |byte| counts[usize::from(*byte)]);
        let mut ranks = [0; 256];
        for (rank, byte) in order.into_iter().enumerate() {
            ranks[usize::from(byte)] = rank as u8;
        }
        ByteRanks(ranks)
    }
}

impl HeuristicFrequencyRank for &ByteRanks {
    fn rank(&self, byte: u8) -> u8 {
        self.0[usize::from(byte)]
    }
}

impl SearchIndex {
    /// The index of `comments`, in their order.
    pub fn build(comments: &[Comment]) -> SearchIndex {
        let bytes = comments.iter().map(|c| c.normalized().len() + 1).sum();
        let mut text = String::with_capacity(bytes);
        let mut starts = Vec::with_capacity(comments.len());
        for comment in comments {
            starts.push(text.len());
            text.push_str(comment.normalized());
            text.push(char::from(SEPARATOR));
        }
        let ends = comments.first().zip(comments.last()).map(|(first, last)| (first.id, last.id));
        let ranks = ByteRanks::of(text.as_bytes());
        SearchIndex { text, starts, ends, ranks }
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
        self.hits_among(words, None).into_iter().map(|hit| hit.position as usize).collect()
    }

    /// Which comments of an earlier search hold every word, in their order: a search narrowed
    /// by an earlier one reads only the texts it found. `earlier_first` is the earlier search's
    /// first word: where it first occurs in a text, the new first word (when it holds it) can
    /// occur no sooner, so the typing case (パ, then パッ) is mostly one comparison per text.
    pub fn hits_narrowing(&self, words: &[&str], earlier: &[Hit], earlier_first: &str) -> Vec<Hit> {
        let Some((first, others)) = words.split_first() else { return earlier.to_vec() };
        let finder = Finder::new(first.as_bytes());
        let others: Vec<Finder<'_>> = others.iter().map(|w| Finder::new(w.as_bytes())).collect();
        let behind = first.find(earlier_first);
        earlier
            .iter()
            .filter_map(|hit| {
                let text = self.text_at(hit.position as usize)?.as_bytes();
                // Any occurrence of `first` holds `earlier_first` `behind` bytes in.
                let from = behind.map_or(0, |behind| (hit.first as usize).saturating_sub(behind));
                let rest = text.get(from..)?;
                let offset = if rest.starts_with(first.as_bytes()) { 0 } else { finder.find(rest)? };
                others
                    .iter()
                    .all(|other| other.find(text).is_some())
                    .then_some(Hit { first: (from + offset) as u32, ..*hit })
            })
            .collect()
    }

    /// How many bytes a search of every text reads.
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    /// The normalised text at a position of the comment list (with its separator).
    fn text_at(&self, position: usize) -> Option<&str> {
        let start = *self.starts.get(position)?;
        let end = self.starts.get(position + 1).copied().unwrap_or(self.text.len());
        self.text.get(start..end)
    }

    /// The texts of the flagged positions only (one flag per comment), contiguous: a search
    /// among the comments a tag or date filter keeps then reads none of the others.
    pub fn part(&self, flags: &[bool]) -> PartIndex {
        let wanted = || {
            let flagged = flags.iter().enumerate().filter(|(_, on)| **on);
            flagged.filter_map(|(position, _)| Some((u32::try_from(position).ok()?, self.text_at(position)?)))
        };
        let mut text = String::with_capacity(wanted().map(|(_, piece)| piece.len()).sum());
        let (mut starts, mut positions) = (Vec::new(), Vec::new());
        for (position, piece) in wanted() {
            starts.push(text.len());
            positions.push(position);
            text.push_str(piece);
        }
        let index = SearchIndex { text, starts, ends: None, ranks: self.ranks.clone() };
        PartIndex { index, positions }
    }

    /// As [`SearchIndex::containing_all`], but only among the positions flagged in `among`
    /// (one flag per comment; a missing flag is not wanted): the comments the filter's other
    /// parts keep. Comments not wanted are skipped, not searched, so a tag filter that keeps
    /// half the comments halves the matches to look at. Each hit says where the first word
    /// first occurs in its text.
    pub fn hits_among(&self, words: &[&str], among: Option<&[bool]>) -> Vec<Hit> {
        let wanted =
            |position: usize| among.is_none_or(|flags| flags.get(position).copied().unwrap_or(false));
        // The first wanted position at or after `position`, if any.
        let next_wanted = |position: usize| {
            let later = match among {
                None => Some(position),
                Some(flags) => {
                    flags.get(position..).and_then(|rest| rest.iter().position(|f| *f)).map(|p| position + p)
                }
            };
            later.filter(|p| *p < self.starts.len())
        };
        let Some((first, others)) = words.split_first() else {
            return (0..self.starts.len()).filter(|p| wanted(*p)).filter_map(|p| Hit::at(p, 0)).collect();
        };
        let haystack = self.text.as_bytes();
        let finder = FinderBuilder::new().build_forward_with_ranker(&self.ranks, first.as_bytes());
        let others: Vec<Finder<'_>> = others.iter().map(|w| Finder::new(w.as_bytes())).collect();
        let mut found = Vec::new();
        // One pass of the finder over the buffer (a call per comment would pay the search's
        // set-up each time). After a match the search goes on from the next wanted comment:
        // the rest of a comment already looked at is not searched (a fifth to a third faster
        // when a third of the comments match), nor are comments not wanted that come before
        // the next wanted one.
        let Some(mut index) = next_wanted(0) else { return found };
        let mut from = self.starts[index];
        while let Some(offset) = haystack.get(from..).and_then(|rest| finder.find(rest)) {
            let position = from + offset;
            // Matches come in order: walk on from the comment of the last one found.
            while self.starts.get(index + 1).is_some_and(|next| *next <= position) {
                index += 1;
            }
            if wanted(index) {
                let text = self.text_at(index).unwrap_or_default().as_bytes();
                if others.iter().all(|other| other.find(text).is_some())
                    && let Some(hit) = Hit::at(index, position - self.starts[index])
                {
                    found.push(hit);
                }
            }
            let Some(next) = next_wanted(index + 1) else { break };
            index = next;
            from = self.starts[index];
        }
        found
    }
}

/// A comment a search found: its position in the comment list, and where the search's first
/// word first occurs in its normalised text (in bytes), for a narrower search to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The comment's position in the list.
    pub position: u32,
    /// Bytes from the start of its text to the first word's first occurrence.
    pub first: u32,
}

impl Hit {
    /// A hit, when both numbers fit (a list of over four billion comments has none).
    fn at(position: usize, first: usize) -> Option<Hit> {
        Some(Hit { position: u32::try_from(position).ok()?, first: u32::try_from(first).ok()? })
    }
}

/// A [`SearchIndex`] of some comments of a list, with each one's position in the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartIndex {
    index: SearchIndex,
    positions: Vec<u32>,
}

impl PartIndex {
    /// The comments of the part whose normalised text contains every word, in list order.
    pub fn hits(&self, words: &[&str]) -> Vec<Hit> {
        let found = self.index.hits_among(words, None);
        found
            .into_iter()
            .filter_map(|hit| Some(Hit { position: *self.positions.get(hit.position as usize)?, ..hit }))
            .collect()
    }

    /// How many bytes a search of the part reads.
    pub fn bytes(&self) -> usize {
        self.index.bytes()
    }

    /// How many comments the part holds.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether the part holds no comment.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
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
                (0..list.len()).filter(|i| query.iter().all(|w| list[*i].normalized().contains(w))).collect();
            assert_eq!(index.containing_all(&query), expected, "query {query:?}");
        }
        assert!(index.describes(&list));
        assert!(!index.describes(&list[1..]));
    }

    #[test]
    fn bytes_are_ranked_by_how_often_they_occur() {
        let ranks = ByteRanks::of("ああああいいう".as_bytes());
        // あ E3 81 82, い E3 81 84, う E3 81 86: E3 and 81 everywhere, 82 more than 84, 84 more than 86.
        let rank = |byte: u8| (&ranks).rank(byte);
        // Equally common bytes keep byte order, so the ranking is the same every time.
        assert_eq!((rank(0x81), rank(0xE3)), (254, 255));
        assert!(rank(0x82) > rank(0x84) && rank(0x84) > rank(0x86) && rank(0x86) > rank(b'x'));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Dense and sparse matches, several per comment, empty comments, words at the edges:
        /// the one-pass search finds exactly the comments a search of each one finds.
        #[test]
        fn the_one_pass_search_agrees_with_a_search_of_each_comment(
            texts in proptest::collection::vec("[abパ ]{0,12}", 0..40),
            words in proptest::collection::vec("[abパ]{1,3}", 0..3),
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let list = comments(&refs);
            let index = SearchIndex::build(&list);
            let words: Vec<String> = words.iter().map(|w| crate::text::normalize::normalize(w)).collect();
            let query: Vec<&str> = words.iter().map(String::as_str).collect();
            let expected: Vec<usize> =
                (0..list.len()).filter(|i| query.iter().all(|w| list[*i].normalized().contains(w))).collect();
            proptest::prop_assert_eq!(index.containing_all(&query), expected);
        }

        /// A search narrowed from an earlier one (its first word grown on either side, a word
        /// added) finds what a fresh search finds, and every hit says where its first word
        /// first occurs.
        #[test]
        fn a_narrowed_search_agrees_with_a_fresh_one_and_hits_say_where(
            texts in proptest::collection::vec("[abパ ]{0,12}", 0..40),
            earlier in "[abパ]{1,2}",
            before in "[abパ]{0,2}",
            after in "[abパ]{0,2}",
            other in proptest::option::of("[abパ]{1,2}"),
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let list = comments(&refs);
            let index = SearchIndex::build(&list);
            let grown = format!("{before}{earlier}{after}");
            let mut words = vec![grown.as_str()];
            words.extend(other.as_deref());
            let earlier_hits = index.hits_among(&[earlier.as_str()], None);
            let narrowed = index.hits_narrowing(&words, &earlier_hits, &earlier);
            proptest::prop_assert_eq!(&narrowed, &index.hits_among(&words, None));
            for (hits, first) in [(&earlier_hits, &earlier), (&narrowed, &grown)] {
                for hit in hits {
                    let text = list[hit.position as usize].normalized();
                    proptest::prop_assert_eq!(text.find(first.as_str()), Some(hit.first as usize));
                }
            }
        }

        /// Among some comments only (a missing flag is not wanted), the search finds exactly
        /// the wanted comments a search of each one finds.
        #[test]
        fn the_search_among_some_comments_finds_only_wanted_ones(
            texts in proptest::collection::vec("[abパ ]{0,12}", 0..40),
            flags in proptest::collection::vec(proptest::bool::ANY, 0..44),
            words in proptest::collection::vec("[abパ]{1,3}", 0..3),
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let list = comments(&refs);
            let index = SearchIndex::build(&list);
            let words: Vec<String> = words.iter().map(|w| crate::text::normalize::normalize(w)).collect();
            let query: Vec<&str> = words.iter().map(String::as_str).collect();
            let expected: Vec<usize> = (0..list.len())
                .filter(|i| flags.get(*i).copied().unwrap_or(false))
                .filter(|i| query.iter().all(|w| list[*i].normalized().contains(w)))
                .collect();
            let found: Vec<usize> =
                index.hits_among(&query, Some(&flags)).iter().map(|hit| hit.position as usize).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
