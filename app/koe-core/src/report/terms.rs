//! Frequent terms in Japanese without a dictionary: the normalised text is cut where the script
//! changes (kanji, katakana, Latin letters and digits); hiragana runs (particles, endings) and
//! single characters are dropped. A user synonym list folds spelling variants (表記ゆれ) into
//! one word and a stop list removes words that say nothing.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::normalize::normalize;

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
        variants.sort_by_key(|(variant, _)| std::cmp::Reverse(variant.len()));
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

/// The `limit` words found in most of these normalised texts, most frequent first (ties in
/// the order of the word). Words are borrowed from the texts, so a text costs no allocation
/// unless a synonym occurs in it.
pub fn frequent_terms<'a>(
    normalized_texts: impl IntoIterator<Item = &'a str>,
    synonyms: &Synonyms,
    stop: &BTreeSet<String>,
    limit: usize,
) -> Vec<TermCount> {
    let mut borrowed: Counts<&'a str> = Counts::default();
    let mut owned: Counts<String> = Counts::default();
    for (index, text) in normalized_texts.into_iter().enumerate() {
        let matched: Vec<&(String, String)> =
            synonyms.variants.iter().filter(|(variant, _)| text.contains(variant.as_str())).collect();
        if matched.is_empty() {
            // Stop words are dropped once at the end, not looked up for every word.
            for_each_word(text, |word| count_once(&mut borrowed, word, index));
            continue;
        }
        let mut rest = text.to_owned();
        for (variant, shown) in matched {
            if rest.contains(variant.as_str()) {
                count_once(&mut owned, shown.clone(), index);
                rest = rest.replace(variant.as_str(), " ");
            }
        }
        for word in segment(&rest).into_iter().filter(|w| !stop.contains(*w)) {
            count_once(&mut owned, word.to_owned(), index);
        }
    }
    let mut totals: BTreeMap<String, u64> = owned.into_iter().map(|(word, (n, _))| (word, n)).collect();
    for (word, (n, _)) in borrowed.into_iter().filter(|(word, _)| !stop.contains(*word)) {
        *totals.entry(word.to_owned()).or_default() += n;
    }
    let mut ranked: Vec<TermCount> =
        totals.into_iter().map(|(term, comments)| TermCount { term, comments }).collect();
    ranked.sort_by(|a, b| b.comments.cmp(&a.comments).then_with(|| a.term.cmp(&b.term)));
    ranked.truncate(limit);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
