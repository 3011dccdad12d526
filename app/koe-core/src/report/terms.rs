//! Frequent terms in Japanese without a dictionary: the normalised text is cut where the script
//! changes (kanji, katakana, Latin letters and digits); hiragana runs (particles, endings) and
//! single characters are dropped. A user synonym list folds spelling variants (表記ゆれ) into
//! one word and a stop list removes words that say nothing.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use crate::sorting::sort_by_key;
use crate::text::normalize::normalize;

/// One frequent word and in how many comments it occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermCount {
    /// The word as the report shows it (a synonym's first spelling).
    pub term: String,
    /// Comments that contain it.
    pub comments: u64,
}

/// Words that occur everywhere and say nothing about the comments.
const STOP_WORDS: &[&str] = &[
    "今回",
    "今日",
    "本当",
    "自分",
    "私",
    "方",
    "事",
    "物",
    "時",
    "感じ",
    "ところ",
    "http",
    "https",
    "www",
    "com",
    "co",
    "jp",
    "rt",
    "the",
    "and",
    "for",
    "is",
    "it",
    "to",
    "of",
    "in",
    "this",
    "that",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Kanji,
    Katakana,
    Latin,
    Other,
}

fn script(c: char) -> Script {
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヶ' => Script::Kanji,
        '\u{30A1}'..='\u{30FA}' | 'ー' => Script::Katakana,
        c if c.is_ascii_alphanumeric() => Script::Latin,
        '-' | '.' | '+' | '_' => Script::Latin,
        _ => Script::Other,
    }
}

/// A run of one script as a word, if it is one: two characters or more, not a bare number.
fn as_word(run: &str, kind: Script) -> Option<&str> {
    let word = match kind {
        Script::Other => return None,
        Script::Latin => run.trim_matches(['-', '.', '+', '_']),
        // A word may end in the long-vowel mark (クッキー) but not start with it.
        Script::Katakana => run.trim_start_matches('ー'),
        Script::Kanji => run,
    };
    let long_enough = word.chars().nth(1).is_some();
    let a_number = kind == Script::Latin && word.chars().all(|c| c.is_ascii_digit() || c == '.');
    (long_enough && !a_number).then_some(word)
}

/// The candidate words of a normalised text, in order.
pub fn segment(normalized: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for_each_word(normalized, |word| words.push(word));
    words
}

/// Calls `found` with each candidate word of a normalised text, in order (no allocation).
fn for_each_word<'a>(normalized: &'a str, mut found: impl FnMut(&'a str)) {
    let mut start: Option<(usize, Script)> = None;
    for (index, c) in normalized.char_indices() {
        let kind = script(c);
        match start {
            Some((_, current)) if current == kind => {}
            Some((from, current)) => {
                if let Some(word) = as_word(&normalized[from..index], current) {
                    found(word);
                }
                start = Some((index, kind));
            }
            None => start = Some((index, kind)),
        }
    }
    if let Some((from, kind)) = start
        && let Some(word) = as_word(&normalized[from..], kind)
    {
        found(word);
    }
}

/// Spelling variants folded into one word: each line `Wi-Fi = WIFI = ワイファイ` (`＝`, `,`
/// and `、` separate too); the first spelling is the one shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synonyms {
    /// (normalised variant, word shown), longest variant first so it is matched first.
    variants: Vec<(String, String)>,
}

impl Synonyms {
    /// The synonym list the user wrote.
    pub fn parse(text: &str) -> Synonyms {
        let mut variants = Vec::new();
        for line in text.lines() {
            let words: Vec<&str> =
                line.split(['=', '＝', ',', '、']).map(str::trim).filter(|w| !w.is_empty()).collect();
            let Some(shown) = words.first() else { continue };
            for word in &words {
                let variant = normalize(word);
                if !variant.is_empty() && !variants.iter().any(|(v, _)| *v == variant) {
                    variants.push((variant, (*shown).to_owned()));
                }
            }
        }
        sort_by_key(&mut variants, |(variant, _)| std::cmp::Reverse(variant.len()));
        Synonyms { variants }
    }
}

/// The normalised stop words: the built-in list and the user's own (one per line or separated
/// by commas).
pub fn stop_words(user: &str) -> BTreeSet<String> {
    let mut words: BTreeSet<String> = STOP_WORDS.iter().map(|w| normalize(w)).collect();
    words.extend(user.split(['\n', ',', '、']).map(normalize).filter(|w| !w.is_empty()));
    words
}

/// Counts each word once per text: (texts containing it, the last text that counted it).
// Words are short and counted millions of times: a fast hash, not a DoS-resistant one.
type Counts<K> = FxHashMap<K, (u64, usize)>;

fn count_once<K: std::hash::Hash + Eq>(counts: &mut Counts<K>, word: K, text: usize) {
    let entry = counts.entry(word).or_insert((0, usize::MAX));
    if entry.1 != text {
        *entry = (entry.0 + 1, text);
    }
}

/// A slot not read yet.
const UNREAD: u32 = u32::MAX;

/// Where one text's words are in [`TermCache`]: its length (to notice a different text in the
/// same slot) and the range of its distinct word ids.
#[derive(Clone, Copy, Debug)]
struct Slot {
    text_len: u32,
    start: u32,
    len: u32,
}

/// The distinct words of each text, cut once and kept: counting the frequent terms again after
/// an edit (a tag, a period, a stop word) then adds up word ids instead of cutting every text.
/// Slots are the caller's numbering of texts (the comment's position); a slot must keep its
/// text while the cache lives — make a new cache when the comments change. (A text of another
/// length in a known slot is read again, as a safeguard; one of the same length is not noticed.)
#[derive(Clone, Debug, Default)]
pub struct TermCache {
    words: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
    slots: Vec<Slot>,
    occurrences: Vec<u32>,
}

impl TermCache {
    /// Cuts these normalised texts (`(slot, text)`) now, as [`TermCache::frequent`] would (a
    /// text a synonym changes is left, as it is never kept), so a report later only adds up:
    /// the app does this in the background after comments change.
    pub fn cut<'a>(&mut self, texts: impl IntoIterator<Item = (usize, &'a str)>, synonyms: &Synonyms) {
        let finders = variant_finders(synonyms);
        let mut seen: Vec<u32> = vec![u32::MAX; self.words.len()];
        for (slot, text) in texts {
            if matched_variants(&finders, text).is_empty() {
                self.words_of(slot, text, &mut seen);
            }
        }
    }

    /// How many texts have their words kept.
    pub fn texts_cut(&self) -> usize {
        self.slots.iter().filter(|slot| slot.text_len != UNREAD).count()
    }

    /// The word ids of the text in `slot`, cut now if it was not yet.
    fn words_of(&mut self, slot: usize, text: &str, seen: &mut Vec<u32>) -> (usize, usize) {
        if self.slots.len() <= slot {
            self.slots.resize(slot + 1, Slot { text_len: UNREAD, start: 0, len: 0 });
        }
        let known = self.slots[slot];
        if known.text_len != UNREAD && known.text_len as usize == text.len() {
            return (known.start as usize, known.len as usize);
        }
        let start = self.occurrences.len();
        let (words, ids, occurrences) = (&mut self.words, &mut self.ids, &mut self.occurrences);
        for_each_word(text, |word| {
            let id = match ids.get(word) {
                Some(id) => *id,
                None => {
                    let id = words.len() as u32;
                    words.push(word.into());
                    ids.insert(word.into(), id);
                    seen.push(u32::MAX);
                    id
                }
            };
            // `seen` holds, per word id, the last slot that listed it: each word once per text.
            if seen[id as usize] != slot as u32 {
                seen[id as usize] = slot as u32;
                occurrences.push(id);
            }
        });
        let len = self.occurrences.len() - start;
        self.slots[slot] = Slot { text_len: text.len() as u32, start: start as u32, len: len as u32 };
        (start, len)
    }

    /// The `limit` words found in most of these normalised texts (`(slot, text)`), most
    /// frequent first (ties in the order of the word).
    pub fn frequent<'a>(
        &mut self,
        texts: impl IntoIterator<Item = (usize, &'a str)>,
        synonyms: &Synonyms,
        stop: &BTreeSet<String>,
        limit: usize,
    ) -> Vec<TermCount> {
        let finders = variant_finders(synonyms);
        let mut counts: Vec<u64> = vec![0; self.words.len()];
        let mut seen: Vec<u32> = vec![u32::MAX; self.words.len()];
        // Texts where a synonym occurs are cut after the variants are taken out, so not cached.
        let mut owned: Counts<String> = Counts::default();
        for (index, (slot, text)) in texts.into_iter().enumerate() {
            let matched = matched_variants(&finders, text);
            if matched.is_empty() {
                let (start, len) = self.words_of(slot, text, &mut seen);
                counts.resize(self.words.len(), 0);
                for id in &self.occurrences[start..start + len] {
                    counts[*id as usize] += 1;
                }
                continue;
            }
            for word in words_with_synonyms(text, &matched, synonyms) {
                count_once(&mut owned, word, index);
            }
        }
        let mut totals: Vec<(u64, &str)> = Vec::new();
        for (word, (n, _)) in &owned {
            match self.ids.get(word.as_str()) {
                Some(id) => counts[*id as usize] += n,
                None => totals.push((*n, word)),
            }
        }
        totals.extend(counts.iter().zip(&self.words).filter(|(n, _)| **n > 0).map(|(n, word)| (*n, &**word)));
        totals.retain(|(_, word)| !stop.contains(*word));
        totals.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        totals.truncate(limit);
        totals.into_iter().map(|(comments, term)| TermCount { term: term.to_owned(), comments }).collect()
    }
}

impl TermCache {
    /// For each of these normalised texts (`(slot, text)`), which of `terms` it contains, as
    /// indexes into `terms` in ascending order: found exactly as [`TermCache::frequent`] counts
    /// them, so a word's texts here are the texts its count is of.
    pub fn presence<'a>(
        &mut self,
        texts: impl IntoIterator<Item = (usize, &'a str)>,
        synonyms: &Synonyms,
        terms: &[String],
    ) -> Vec<Vec<usize>> {
        let wanted: FxHashMap<&str, usize> = terms.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
        let finders = variant_finders(synonyms);
        let mut seen: Vec<u32> = vec![u32::MAX; self.words.len()];
        let mut term_of_word: Vec<Option<usize>> = Vec::new();
        texts
            .into_iter()
            .map(|(slot, text)| {
                let matched = matched_variants(&finders, text);
                let mut found: Vec<usize> = if matched.is_empty() {
                    let (start, len) = self.words_of(slot, text, &mut seen);
                    while term_of_word.len() < self.words.len() {
                        term_of_word.push(wanted.get(&*self.words[term_of_word.len()]).copied());
                    }
                    self.occurrences[start..start + len]
                        .iter()
                        .filter_map(|id| term_of_word[*id as usize])
                        .collect()
                } else {
                    words_with_synonyms(text, &matched, synonyms)
                        .iter()
                        .filter_map(|word| wanted.get(word.as_str()).copied())
                        .collect()
                };
                found.sort_unstable();
                found.dedup();
                found
            })
            .collect()
    }
}

/// A finder per synonym variant, with the form it is counted as.
fn variant_finders(synonyms: &Synonyms) -> Vec<(memchr::memmem::Finder<'_>, &str)> {
    synonyms
        .variants
        .iter()
        .map(|(variant, shown)| (memchr::memmem::Finder::new(variant.as_bytes()), shown.as_str()))
        .collect()
}

/// The positions of the variants that occur in `text`.
fn matched_variants(finders: &[(memchr::memmem::Finder<'_>, &str)], text: &str) -> Vec<usize> {
    finders
        .iter()
        .enumerate()
        .filter(|(_, (finder, _))| finder.find(text.as_bytes()).is_some())
        .map(|(position, _)| position)
        .collect()
}

/// The words of a text in which the variants at `matched` occur: each variant's counted
/// form, then the words of what is left once the variants are taken out.
fn words_with_synonyms(text: &str, matched: &[usize], synonyms: &Synonyms) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = text.to_owned();
    for position in matched {
        let (variant, shown) = &synonyms.variants[*position];
        if rest.contains(variant.as_str()) {
            words.push(shown.clone());
            rest = rest.replace(variant.as_str(), " ");
        }
    }
    words.extend(segment(&rest).into_iter().map(str::to_owned));
    words
}

/// The `limit` words found in most of these normalised texts, most frequent first (ties in
/// the order of the word), without keeping anything for later (the tests' view of the cache).
#[cfg(test)]
pub fn frequent_terms<'a>(
    normalized_texts: impl IntoIterator<Item = &'a str>,
    synonyms: &Synonyms,
    stop: &BTreeSet<String>,
    limit: usize,
) -> Vec<TermCount> {
    TermCache::default().frequent(normalized_texts.into_iter().enumerate(), synonyms, stop, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use std::collections::BTreeMap;

    #[test]
    fn text_is_cut_where_the_script_changes() {
        let text = normalize("新商品のパッケージが開けにくい！Wi-Fiは5GHzで2024年に買った");
        assert_eq!(
            segment(&text),
            ["新商品", "パッケージ", "wi-fi", "5ghz"],
            "single kanji and numbers dropped"
        );
    }

    #[test]
    fn texts_cut_ahead_count_as_texts_cut_on_the_way() {
        let texts =
            ["ワイファイがつながらない", "パッケージが素敵", "パッケージが固い", "配送が遅い"].map(normalize);
        let synonyms = Synonyms::parse("Wi-Fi = ワイファイ");
        let stop = stop_words("");
        let numbered = || texts.iter().enumerate().map(|(slot, text)| (slot, text.as_str()));
        let mut ahead = TermCache::default();
        ahead.cut(numbered(), &synonyms);
        // The text a synonym changes is never kept; the other three are.
        assert_eq!(ahead.texts_cut(), 3);
        let expected = TermCache::default().frequent(numbered(), &synonyms, &stop, 10);
        assert_eq!(ahead.frequent(numbered(), &synonyms, &stop, 10), expected);
        assert_eq!(ahead.texts_cut(), 3, "nothing was cut twice");
        assert!(expected.iter().any(|t| t.term == "パッケージ" && t.comments == 2), "{expected:?}");
    }

    #[test]
    fn synonyms_fold_spellings_and_stop_words_are_left_out() {
        let texts = [
            "ワイファイがつながらない",
            "WIFIの設定が難しい",
            "Ｗｉ－Ｆｉ設定を教えて",
            "今回の設定変更はよかった",
            "パッケージが素敵",
        ]
        .map(normalize);
        let synonyms = Synonyms::parse("Wi-Fi = WIFI = ワイファイ\n\n設定、セッティング");
        let stop = stop_words("素敵");
        let terms = frequent_terms(texts.iter().map(String::as_str), &synonyms, &stop, 10);
        let pairs: Vec<(&str, u64)> = terms.iter().map(|t| (t.term.as_str(), t.comments)).collect();
        assert_eq!(pairs[0], ("Wi-Fi", 3), "three spellings, one word: {pairs:?}");
        assert_eq!(pairs[1], ("設定", 3), "{pairs:?}");
        assert!(pairs.contains(&("パッケージ", 1)));
        assert!(!pairs.iter().any(|(t, _)| *t == "今回" || *t == "素敵"), "stop words: {pairs:?}");
        assert!(pairs.contains(&("変更", 1)));
        let top = frequent_terms(texts.iter().map(String::as_str), &synonyms, &stop, 1);
        assert_eq!(top.len(), 1);
    }

    // The property test's helpers: proptest runs natively only.
    #[cfg(not(target_arch = "wasm32"))]
    /// The meaning of frequent terms, written plainly: each text's words as a set (synonym
    /// variants taken out first, longest first), counted, stop words dropped, ranked.
    fn counted_plainly(texts: &[String], synonyms: &Synonyms, stop: &BTreeSet<String>) -> Vec<(String, u64)> {
        let mut totals: BTreeMap<String, u64> = BTreeMap::new();
        for text in texts {
            let mut words: BTreeSet<String> = BTreeSet::new();
            let mut rest = text.clone();
            for (variant, shown) in &synonyms.variants {
                if rest.contains(variant.as_str()) {
                    words.insert(shown.clone());
                    rest = rest.replace(variant.as_str(), " ");
                }
            }
            words.extend(segment(&rest).into_iter().map(str::to_owned));
            for word in words {
                *totals.entry(word).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, u64)> = totals.into_iter().filter(|(w, _)| !stop.contains(w)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
    }

    #[cfg(not(target_arch = "wasm32"))]
    const PIECES: [&str; 16] = [
        "新商品",
        "パッケージ",
        "Wi-Fi",
        "5GHz",
        "の",
        "が",
        "設定",
        "変更",
        "ワイファイ",
        "WIFI",
        " ",
        "今回",
        "x",
        "。",
        "ー",
        "セッティング",
    ];

    #[cfg(not(target_arch = "wasm32"))]
    fn texts_from(picks: &[Vec<usize>]) -> Vec<String> {
        picks
            .iter()
            .map(|p| normalize(&p.iter().map(|i| PIECES[i % PIECES.len()]).collect::<String>()))
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// One cache through several reports (other texts in other slots, synonyms, stop words)
        /// always counts what the plain reading counts.
        #[test]
        fn a_kept_cache_counts_like_reading_every_text_afresh(
            picks in proptest::collection::vec(proptest::collection::vec(0usize..16, 0..8), 0..40),
            changed in proptest::collection::vec(proptest::collection::vec(0usize..16, 0..8), 0..40),
            limit in 1usize..12,
        ) {
            let texts = texts_from(&picks);
            let changed = texts_from(&changed);
            let plain_synonyms = Synonyms::default();
            let synonyms = Synonyms::parse("Wi-Fi = WIFI = ワイファイ\n設定、セッティング");
            let stop = stop_words("新商品");
            let mut cache = TermCache::default();
            // The second list of texts comes after the first in the numbering of slots.
            let rounds: [(&[String], usize, &Synonyms, &BTreeSet<String>); 6] = [
                (&texts, 0, &plain_synonyms, &stop),
                (&texts, 0, &synonyms, &stop),
                (&texts, 0, &plain_synonyms, &stop),
                (&changed, texts.len(), &plain_synonyms, &stop),
                (&changed, texts.len(), &synonyms, &stop_words("")),
                (&texts, 0, &plain_synonyms, &stop_words("")),
            ];
            for (round, (texts, first_slot, synonyms, stop)) in rounds.into_iter().enumerate() {
                let numbered = texts.iter().enumerate().map(|(i, text)| (first_slot + i, text.as_str()));
                let found = cache.frequent(numbered, synonyms, stop, limit);
                let found: Vec<(String, u64)> = found.into_iter().map(|t| (t.term, t.comments)).collect();
                let mut expected = counted_plainly(texts, synonyms, stop);
                expected.truncate(limit);
                proptest::prop_assert_eq!(found, expected, "round {}", round);
            }
        }
    }
}
