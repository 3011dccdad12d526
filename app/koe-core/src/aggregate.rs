//! Counting comments: the numbers behind every chart and table.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::codebook::{Codebook, TagId};
use crate::comment::Comment;

/// Counts by row and column, e.g. month × channel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrossTab {
    /// Row keys in order (months as `YYYY-MM`).
    pub rows: Vec<String>,
    /// Column keys in order (channels, biggest first; `""` is the unknown channel).
    pub columns: Vec<String>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<u64>>,
}

/// Comments per calendar month and channel, every month from the first to the last present
/// (empty months as zeros), plus how many comments have no date.
pub fn monthly_by_channel(comments: &[Comment]) -> (CrossTab, u64) {
    let mut by_month: BTreeMap<(i32, u32), BTreeMap<&str, u64>> = BTreeMap::new();
    let mut channel_totals: BTreeMap<&str, u64> = BTreeMap::new();
    let mut undated = 0;
    for comment in comments {
        let Some(date) = comment.date else {
            undated += 1;
            continue;
        };
        let channel = comment.channel.as_str();
        *by_month.entry((date.year(), date.month())).or_default().entry(channel).or_default() += 1;
        *channel_totals.entry(channel).or_default() += 1;
    }
    let mut columns: Vec<(&str, u64)> = channel_totals.into_iter().collect();
    columns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));

    let mut table = CrossTab {
        columns: columns.iter().map(|(name, _)| (*name).to_owned()).collect(),
        ..CrossTab::default()
    };
    let (Some(first), Some(last)) = (by_month.keys().next(), by_month.keys().next_back()) else {
        return (table, undated);
    };
    let mut month = *first;
    while month <= *last {
        let counts = by_month.get(&month);
        table.rows.push(format!("{:04}-{:02}", month.0, month.1));
        table.counts.push(
            columns.iter().map(|(name, _)| counts.and_then(|c| c.get(name)).copied().unwrap_or(0)).collect(),
        );
        month = if month.1 == 12 { (month.0 + 1, 1) } else { (month.0, month.1 + 1) };
    }
    (table, undated)
}

/// How many comments carry each tag, in codebook order (tags nobody used count zero).
pub fn tag_counts(codebook: &Codebook, comments: &[Comment]) -> Vec<(TagId, u64)> {
    let mut counts: BTreeMap<TagId, u64> = BTreeMap::new();
    for tag in comments.iter().flat_map(|c| c.tags().iter()) {
        *counts.entry(*tag).or_default() += 1;
    }
    codebook.tags.iter().map(|tag| (tag.id, counts.get(&tag.id).copied().unwrap_or(0))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::{CommentId, NewComment, SourceRef};
    use crate::dates::parse_local;

    fn comment(date: &str, channel: &str) -> Comment {
        let new = NewComment {
            date: parse_local(date),
            channel: channel.to_owned(),
            ..NewComment::new("t", SourceRef { file: "f".to_owned(), sheet: None, line: 1 })
        };
        Comment::from_new(CommentId(0), new)
    }

    #[test]
    fn counts_months_and_channels_and_fills_gaps() {
        let comments = vec![
            comment("2024-11-03", "X"),
            comment("2025-01-10", "電話"),
            comment("2025-01-11", "X"),
            comment("2024-11-30", "X"),
            comment("", "X"),
        ];
        let (table, undated) = monthly_by_channel(&comments);
        assert_eq!(undated, 1);
        assert_eq!(table.rows, vec!["2024-11", "2024-12", "2025-01"]);
        assert_eq!(table.columns, vec!["X", "電話"]);
        assert_eq!(table.counts, vec![vec![2, 0], vec![0, 0], vec![1, 1]]);
    }

    #[test]
    fn no_dates_give_an_empty_table() {
        let (table, undated) = monthly_by_channel(&[comment("?", "X")]);
        assert!(table.rows.is_empty());
        assert_eq!(undated, 1);
    }
}
