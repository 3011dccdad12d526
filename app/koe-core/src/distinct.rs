//! Numbering the few distinct values of a column that every comment has (the channel): a
//! report or a filter list walks 200,000 comments with a handful of channels, where a short
//! scan of the values seen so far is cheaper than hashing or ordering each comment's.

use rustc_hash::FxHashMap;

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
            self.seen.iter().position(|seen| *seen == value)
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

/// The distinct values of `values`, sorted.
pub fn sorted_distinct<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut distinct = Distinct::default();
    for value in values {
        distinct.number(value);
    }
    let mut sorted = distinct.seen;
    sorted.sort_unstable();
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
            let expected: Vec<&str> = values.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
            assert_eq!(sorted_distinct(values.iter().copied()), expected);
        }
    }
}
