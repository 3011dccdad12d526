//! Tag suggestions learned from the user's own tagging.
//!
//! One [`Model`] per tag group: multinomial naive Bayes over character bigrams and trigrams, so
//! Japanese works without a dictionary or word segmentation. It trains in one pass and predicts
//! with a few hash look-ups per character, quick enough to run in the browser on a couple of
//! hundred thousand comments. [`evaluate`] says honestly how good it is: how often it agrees with
//! the person's own tags on comments it did not learn from, next to what always guessing the most
//! frequent tag would score.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use crate::project::codebook::TagId;

/// FNV-1a 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// Marks the start and end of a text, so that sentence-final n-grams such as 「ない」 or 「です」,
/// which carry much of a Japanese comment's tone, differ from the same characters mid-text (on the
/// labelled test fixture this lifted cross-validated sentiment agreement by a few points).
const EDGE: char = '\u{2}';
/// Fewer than 2 folds would leave nothing to train on or nothing to hold out.
const MIN_FOLDS: usize = 2;

/// Maps from feature hashes, which are already well mixed, so the map need not hash them again.
type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<PremixedHasher>>;

/// One tag group's model: multinomial naive Bayes over character n-grams.
#[derive(Clone)]
pub struct Model {
    /// The tags seen in training, in [`TagId`] order so ties break the same way every time.
    classes: Vec<Class>,
    /// How many texts with at least one tag it learned from.
    examples: usize,
}

/// What the model knows about one tag.
#[derive(Clone)]
struct Class {
    tag: TagId,
    /// Examples carrying the tag.
    documents: usize,
    /// Occurrences of each feature in those examples.
    counts: FeatureMap<u32>,
    /// ln P(tag), from `documents`.
    log_prior: f64,
    /// ln(all feature occurrences of the tag + vocabulary size): the Laplace-smoothed denominator.
    log_denominator: f64,
}

impl Class {
    fn new(tag: TagId) -> Class {
        Class { tag, documents: 0, counts: FeatureMap::default(), log_prior: 0.0, log_denominator: 0.0 }
    }
}

/// A model holds up to millions of counts: show its shape, not its contents.
impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let classes: Vec<(TagId, usize, usize)> =
            self.classes.iter().map(|c| (c.tag, c.documents, c.counts.len())).collect();
        f.debug_struct("Model")
            .field("examples", &self.examples)
            .field("classes (tag, examples, features)", &classes)
            .finish()
    }
}

impl Model {
    /// Trains on (normalised text, the tags of this group it carries) pairs. Examples with no tags
    /// are skipped. A text with several tags counts as one example per tag.
    pub fn train(examples: &[(&str, &[TagId])]) -> Model {
        let mut tags: Vec<TagId> = examples.iter().flat_map(|(_, tags)| tags.iter().copied()).collect();
        tags.sort_unstable();
        tags.dedup();
        let mut classes: Vec<Class> = tags.iter().map(|&tag| Class::new(tag)).collect();
        let mut totals = vec![0u64; classes.len()];
        let mut features = Vec::new();
        let mut learned = 0;
        for &(text, text_tags) in examples {
            if text_tags.is_empty() {
                continue;
            }
            learned += 1;
            features.clear();
            features_of(text, &mut features);
            for (i, tag) in text_tags.iter().enumerate() {
                // A tag listed twice on one text is still one example of it.
                if text_tags[..i].contains(tag) {
                    continue;
                }
                let Ok(index) = tags.binary_search(tag) else { continue };
                let class = &mut classes[index];
                class.documents += 1;
                totals[index] += features.len() as u64;
                for &feature in &features {
                    let count = class.counts.entry(feature).or_insert(0);
                    *count = count.saturating_add(1);
                }
            }
        }
        let documents: usize = classes.iter().map(|c| c.documents).sum();
        // Distinct features over all classes: each counted in the first class that has it.
        let vocabulary = classes
            .iter()
            .enumerate()
            .map(|(i, class)| {
                class
                    .counts
                    .keys()
                    .filter(|&key| !classes[..i].iter().any(|c| c.counts.contains_key(key)))
                    .count()
            })
            .sum::<usize>() as f64;
        for (class, total) in classes.iter_mut().zip(totals) {
            class.log_prior = (class.documents as f64 / documents.max(1) as f64).ln();
            class.log_denominator = (total as f64 + vocabulary).ln();
        }
        Model { classes, examples: learned }
    }

    /// The most likely tag and its confidence (posterior probability 0.0..=1.0); None when the model
    /// has fewer than 2 classes or no training data. With no known n-grams (even for "") it falls
    /// back on how often each tag was used.
    pub fn predict(&self, text: &str) -> Option<Suggestion> {
        if self.classes.len() < 2 {
            return None;
        }
        let mut scores: Vec<f64> = self.classes.iter().map(|c| c.log_prior).collect();
        let mut features = Vec::new();
        features_of(text, &mut features);
        let mut counts = vec![0u32; self.classes.len()];
        for feature in features {
            for (count, class) in counts.iter_mut().zip(&self.classes) {
                *count = class.counts.get(&feature).copied().unwrap_or(0);
            }
            // A feature never seen in training says nothing about any tag.
            if counts.iter().all(|&n| n == 0) {
                continue;
            }
            for ((score, class), &count) in scores.iter_mut().zip(&self.classes).zip(&counts) {
                *score += (f64::from(count) + 1.0).ln() - class.log_denominator;
            }
        }
        // The first of the highest scores, so ties go to the lowest TagId.
        let (best, &top) = scores
            .iter()
            .enumerate()
            .reduce(|best, next| if next.1.total_cmp(best.1).is_gt() { next } else { best })?;
        let total: f64 = scores.iter().map(|s| (s - top).exp()).sum();
        let confidence = (1.0 / total).clamp(0.0, 1.0);
        Some(Suggestion { tag: self.classes[best].tag, confidence })
    }

    /// How many examples it learned from.
    ///
    /// Counts texts that carried at least one tag, whatever their number of tags.
    pub fn examples(&self) -> usize {
        self.examples
    }

    /// The tag most examples carried (the lowest TagId among equals), for the baseline.
    fn most_frequent(&self) -> Option<TagId> {
        self.classes.iter().rev().max_by_key(|c| c.documents).map(|c| c.tag)
    }
}

/// A proposed tag, with how sure the model is, so the UI can put the surest first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggestion {
    /// The most likely tag.
    pub tag: TagId,
    /// Its posterior probability, 0.0..=1.0; naive Bayes tends to overstate it.
    pub confidence: f64,
}

/// Agreement with the user's own tags on held-out comments, and the same for always guessing the
/// most frequent tag: the honest quality figure, and the one it must beat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// Comments with at least one tag that were predicted without having been learned from.
    pub held_out: usize,
    /// How many of them the model's tag was among the person's tags for.
    pub agreed: usize,
    /// How many of them the most frequent tag of the training folds was among the person's tags for.
    pub baseline_agreed: usize,
}

impl Evaluation {
    /// The model's share of agreement, 0.0..=1.0 (0.0 when nothing was held out).
    pub fn agreement(&self) -> f64 {
        share(self.agreed, self.held_out)
    }

    /// The most-frequent-tag baseline's share of agreement, 0.0..=1.0 (0.0 when nothing was held
    /// out): the figure the model has to beat to be worth anything.
    pub fn baseline(&self) -> f64 {
        share(self.baseline_agreed, self.held_out)
    }
}

/// k-fold cross-validation, deterministic (example i is in fold i % folds). A prediction agrees when
/// the predicted tag is among the example's tags. Baseline = the most frequent tag of the training
/// folds.
///
/// Fewer than 2 folds count as 2. Examples without tags are neither learned from nor held out. A
/// held-out example the model makes no prediction for (its training folds had only one tag) counts
/// as not agreed.
pub fn evaluate(examples: &[(&str, &[TagId])], folds: usize) -> Evaluation {
    let folds = folds.max(MIN_FOLDS);
    let mut evaluation = Evaluation { held_out: 0, agreed: 0, baseline_agreed: 0 };
    let mut training: Vec<(&str, &[TagId])> = Vec::with_capacity(examples.len());
    for fold in 0..folds {
        let in_fold = |i: usize, tags: &[TagId]| i % folds == fold && !tags.is_empty();
        if !examples.iter().enumerate().any(|(i, (_, tags))| in_fold(i, tags)) {
            continue;
        }
        training.clear();
        training.extend(examples.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, e)| *e));
        let model = Model::train(&training);
        let baseline = model.most_frequent();
        for (_, &(text, tags)) in examples.iter().enumerate().filter(|(i, (_, tags))| in_fold(*i, tags)) {
            evaluation.held_out += 1;
            if model.predict(text).is_some_and(|s| tags.contains(&s.tag)) {
                evaluation.agreed += 1;
            }
            if baseline.is_some_and(|tag| tags.contains(&tag)) {
                evaluation.baseline_agreed += 1;
            }
        }
    }
    evaluation
}

/// `part / whole`, or 0.0 for an empty whole.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// Appends the hashes of the text's character bigrams and trigrams, whitespace removed, with its
/// start and end marked by [`EDGE`].
///
/// Works on a sliding window of three characters, so no n-gram is ever built as a string.
fn features_of(text: &str, out: &mut Vec<u64>) {
    let mut chars = text.chars().filter(|c| !c.is_whitespace()).peekable();
    if chars.peek().is_none() {
        return;
    }
    let mut window = [EDGE; 3];
    for (i, c) in chars.chain(std::iter::once(EDGE)).enumerate() {
        window = [window[1], window[2], c];
        // The start edge is already in the window, so the first character makes a bigram at once.
        out.push(ngram_hash(&window[1..]));
        if i > 0 {
            out.push(ngram_hash(&window));
        }
    }
}

/// A fixed hash of an n-gram: FNV-1a over its length and characters, then a SplitMix64 finaliser so
/// every bit is mixed (the maps use the hash as it is). The same on every run and every platform.
fn ngram_hash(chars: &[char]) -> u64 {
    let mut hash = FNV_OFFSET;
    let length = chars.len() as u32;
    for word in std::iter::once(length).chain(chars.iter().map(|&c| u32::from(c))) {
        for byte in word.to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
        }
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

/// A [`Hasher`] for keys that are already hashes: `write_u64` keeps the key as it is. Other input
/// goes through FNV-1a so the hasher stays correct for any key, if slower.
struct PremixedHasher(u64);

impl Default for PremixedHasher {
    fn default() -> PremixedHasher {
        PremixedHasher(FNV_OFFSET)
    }
}

impl Hasher for PremixedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: TagId = TagId(1);
    const BAD: TagId = TagId(2);
    const OTHER: TagId = TagId(3);

    fn separable() -> Vec<(&'static str, Vec<TagId>)> {
        vec![
            ("とても美味しい", vec![GOOD]),
            ("美味しくて大満足", vec![GOOD]),
            ("美味しかったです", vec![GOOD]),
            ("最高に美味しい", vec![GOOD]),
            ("異物が入っていた", vec![BAD]),
            ("髪の毛が入っていた", vec![BAD]),
            ("虫が入っていました", vec![BAD]),
            ("異物混入で最悪", vec![BAD]),
        ]
    }

    fn pairs<'a>(data: &'a [(&'static str, Vec<TagId>)]) -> Vec<(&'static str, &'a [TagId])> {
        data.iter().map(|(text, tags)| (*text, tags.as_slice())).collect()
    }

    #[test]
    fn separable_data_is_predicted_confidently() {
        let data = separable();
        let model = Model::train(&pairs(&data));
        assert_eq!(model.examples(), 8);
        let good = model.predict("美味しい！").expect("two classes");
        assert_eq!(good.tag, GOOD);
        assert!(good.confidence > 0.5 && good.confidence <= 1.0, "{good:?}");
        let bad = model.predict("小さな虫が入っていた").expect("two classes");
        assert_eq!(bad.tag, BAD);
        assert!(bad.confidence > 0.5 && bad.confidence <= 1.0, "{bad:?}");
    }

    #[test]
    fn empty_or_one_class_training_predicts_nothing() {
        assert_eq!(Model::train(&[]).predict("美味しい"), None);
        assert_eq!(Model::train(&[]).examples(), 0);
        let one = Model::train(&[("美味しい", &[GOOD][..]), ("最高", &[GOOD][..])]);
        assert_eq!(one.predict("美味しい"), None);
        assert_eq!(one.predict(""), None);
        // Untagged examples are skipped, so they add no class.
        let untagged = Model::train(&[("美味しい", &[GOOD][..]), ("まずい", &[][..])]);
        assert_eq!(untagged.examples(), 1);
        assert_eq!(untagged.predict("まずい"), None);
    }

    #[test]
    fn two_classes_predict_even_empty_or_unseen_text() {
        let data = separable();
        let model = Model::train(&pairs(&data));
        for text in ["", "   ", "xyz"] {
            let suggestion = model.predict(text).expect("two classes");
            // Equal priors and no evidence: a tie, broken towards the lowest TagId.
            assert_eq!(suggestion, Suggestion { tag: GOOD, confidence: 0.5 }, "{text:?}");
        }
    }

    #[test]
    fn several_tags_count_once_per_tag() {
        let data: Vec<(&str, Vec<TagId>)> = vec![
            ("美味しいけど高い", vec![GOOD, OTHER, GOOD]),
            ("高すぎる", vec![OTHER]),
            ("まずい", vec![BAD]),
        ];
        let model = Model::train(&pairs(&data));
        assert_eq!(model.examples(), 3);
        let documents: Vec<(TagId, usize)> = model.classes.iter().map(|c| (c.tag, c.documents)).collect();
        assert_eq!(documents, vec![(GOOD, 1), (BAD, 1), (OTHER, 2)]);
        assert_eq!(model.most_frequent(), Some(OTHER));
    }

    #[test]
    fn evaluate_on_nothing_is_all_zero() {
        let evaluation = evaluate(&[], 5);
        assert_eq!(evaluation, Evaluation { held_out: 0, agreed: 0, baseline_agreed: 0 });
        assert_eq!(evaluation.agreement(), 0.0);
        assert_eq!(evaluation.baseline(), 0.0);
        // Zero folds are taken as two rather than dividing by zero.
        assert_eq!(evaluate(&[], 0).held_out, 0);
    }

    #[test]
    fn evaluate_holds_out_every_tagged_example_once() {
        let mut data = separable();
        data.push(("タグなし", vec![]));
        let evaluation = evaluate(&pairs(&data), 4);
        assert_eq!(evaluation.held_out, 8);
        assert!(evaluation.agreed <= 8 && evaluation.baseline_agreed <= 8);
        assert!(evaluation.agreement() >= evaluation.baseline(), "{evaluation:?}");
        // More folds than examples leaves some folds empty, which is fine.
        assert_eq!(evaluate(&pairs(&data), 50).held_out, 8);
        assert_eq!(evaluate(&pairs(&data), 1), evaluate(&pairs(&data), 2));
    }

    #[test]
    fn training_is_deterministic() {
        let data = separable();
        let first = Model::train(&pairs(&data));
        let second = Model::train(&pairs(&data));
        for text in ["美味しい", "異物", "入っていて美味しい", "", "まあまあ"] {
            assert_eq!(first.predict(text), second.predict(text), "{text:?}");
        }
        assert_eq!(evaluate(&pairs(&data), 3), evaluate(&pairs(&data), 3));
        // The hash is fixed, not seeded per run.
        assert_eq!(ngram_hash(&['美', '味']), ngram_hash(&['美', '味']));
        assert_ne!(ngram_hash(&['美']), ngram_hash(&['美', '\0']));
        let mut features = Vec::new();
        features_of(" 美 味い ", &mut features);
        let expected: Vec<u64> =
            [&[EDGE, '美'][..], &['美', '味'], &[EDGE, '美', '味'], &['味', 'い'], &['美', '味', 'い']]
                .into_iter()
                .chain([&['い', EDGE][..], &['味', 'い', EDGE]])
                .map(ngram_hash)
                .collect();
        assert_eq!(features, expected);
    }
}
