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

/// The first and last day any of these comments is dated, if any is.
pub fn date_span<'a>(
    comments: impl IntoIterator<Item = &'a Comment>,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    comments.into_iter().filter_map(|c| c.date.map(|d| d.date())).fold(None, |span, day| match span {
        None => Some((day, day)),
        Some((first, last)) => Some((first.min(day), last.max(day))),
    })
}

/// How many comments carry each tag, in codebook order (tags nobody used count zero).
pub fn tag_counts(codebook: &Codebook, comments: &[Comment]) -> Vec<(TagId, u64)> {
    let mut counts: BTreeMap<TagId, u64> = BTreeMap::new();
    for tag in comments.iter().flat_map(|c| c.tags().iter()) {
        *counts.entry(*tag).or_default() += 1;
    }
    codebook.tags.iter().map(|tag| (tag.id, counts.get(&tag.id).copied().unwrap_or(0))).collect()
}

/// One tag's count in a group, and its share of the comments counted.
#[derive(Clone, Debug, PartialEq)]
pub struct TagShare {
    /// The tag.
    pub tag: TagId,
    /// Comments carrying it.
    pub count: u64,
    /// `count` as a share of all comments counted (not of tags: in a multi-choice group the
    /// shares add up to more than 100%, as in a survey with several answers).
    pub share: f64,
}

/// How the comments spread over one tag group's tags, as counts and shares of comments.
pub fn group_distribution<'a>(
    comments: impl IntoIterator<Item = &'a Comment>,
    codebook: &Codebook,
    group: crate::codebook::GroupId,
) -> (Vec<TagShare>, u64) {
    let tags: Vec<TagId> = codebook.tags_in(group).map(|t| t.id).collect();
    let mut counts = vec![0u64; tags.len()];
    let mut total = 0u64;
    for comment in comments {
        total += 1;
        for (index, tag) in tags.iter().enumerate() {
            if comment.tags().contains(tag) {
                counts[index] += 1;
            }
        }
    }
    let shares = tags
        .into_iter()
        .zip(counts)
        .map(|(tag, count)| TagShare {
            tag,
            count,
            share: if total == 0 { 0.0 } else { count as f64 / total as f64 },
        })
        .collect();
    (shares, total)
}

/// Answering customers over a set of comments: how many needed an answer, how many got one,
/// and how long it took, for the report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponseSummary {
    /// Comments marked as needing a response.
    pub needed: usize,
    /// Of those, answered (対応済).
    pub answered: usize,
    /// Of those, still open or in progress.
    pub waiting: usize,
    /// Median days from the comment's date to the answer, over answered comments with both dates.
    pub median_days: Option<f64>,
}

impl ResponseSummary {
    /// Share of comments needing a response that got one; `None` when none needed one.
    pub fn rate(&self) -> Option<f64> {
        (self.needed > 0).then(|| self.answered as f64 / self.needed as f64)
    }
}

/// The response summary of these comments.
pub fn response_summary<'a>(comments: impl IntoIterator<Item = &'a Comment>) -> ResponseSummary {
    use crate::response::ResponseStatus;
    let mut summary = ResponseSummary::default();
    let mut days: Vec<i64> = Vec::new();
    for comment in comments.into_iter().filter(|c| c.response.needed) {
        summary.needed += 1;
        match comment.response.status {
            ResponseStatus::Done => {
                summary.answered += 1;
                if let (Some(posted), Some(answered)) = (comment.date, comment.response.responded_on) {
                    days.push((answered - posted.date()).num_days().max(0));
                }
            }
            status if status.is_pending() => summary.waiting += 1,
            _ => {}
        }
    }
    days.sort_unstable();
    summary.median_days = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_span_skips_undated_comments() {
        use crate::comment::{NewComment, SourceRef};
        let comment = |id: u32, date: &str| {
            let new = NewComment {
                date: crate::dates::parse_local(date),
                ..NewComment::new("t", SourceRef { file: "f".into(), sheet: None, line: 2 })
            };
            Comment::from_new(crate::CommentId(id), new)
        };
        let comments = [
            comment(0, "2024-04-10"),
            comment(1, ""),
            comment(2, "2024-03-02"),
            comment(3, "2024-05-31 23:59"),
        ];
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).expect("day");
        assert_eq!(date_span(&comments), Some((day(3, 2), day(5, 31))));
        assert_eq!(date_span(&comments[1..2]), None);
    }
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

    #[test]
    fn response_rate_and_median_days_count_only_comments_needing_an_answer() {
        use crate::response::ResponseStatus;
        let answered = |posted: &str, on: (i32, u32, u32)| {
            let mut c = comment(posted, "電話");
            c.response.needed = true;
            c.response.status = ResponseStatus::Done;
            c.response.responded_on = chrono::NaiveDate::from_ymd_opt(on.0, on.1, on.2);
            c
        };
        let mut open = comment("2024-04-01", "X");
        open.response.needed = true;
        let mut not_needed = comment("2024-04-01", "X");
        not_needed.response.status = ResponseStatus::Done;
        let comments = vec![
            answered("2024-04-01", (2024, 4, 2)),
            answered("2024-04-01", (2024, 4, 4)),
            answered("2024-04-10", (2024, 4, 20)),
            open,
            not_needed,
        ];
        let summary = response_summary(&comments);
        assert_eq!((summary.needed, summary.answered, summary.waiting), (4, 3, 1));
        assert_eq!(summary.rate(), Some(0.75));
        assert_eq!(summary.median_days, Some(3.0));
        assert_eq!(response_summary(&[]).rate(), None);
    }

    #[test]
    fn multi_answer_shares_are_of_respondents_not_of_answers() {
        use crate::codebook::GroupId;
        use crate::tagging::Tagging;
        // A survey: 8 respondents, トピック is multi-choice. 品質 is named by 5, 価格 by 3,
        // パッケージ by 2; one respondent named nothing. Shares are of the 8 respondents.
        let book = Codebook::starter();
        let id = |name: &str| book.tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag");
        let answers: [&[&str]; 8] = [
            &["品質", "価格"],
            &["品質"],
            &["品質", "パッケージ"],
            &["価格"],
            &["品質", "価格", "パッケージ"],
            &["品質"],
            &[],
            &["味・使用感"],
        ];
        let comments: Vec<Comment> = answers
            .iter()
            .map(|names| {
                let mut c = comment("2024-04-01", "アンケート");
                c.tagging = names.iter().fold(Tagging::default(), |t, n| t.with_added(id(n), &book));
                c
            })
            .collect();
        let (shares, total) = group_distribution(&comments, &book, GroupId(1));
        assert_eq!(total, 8);
        let percent = |name: &str| {
            let share = shares.iter().find(|s| s.tag == id(name)).expect("share").share;
            format!("{:.1}", share * 100.0)
        };
        assert_eq!(percent("品質"), "62.5");
        assert_eq!(percent("価格"), "37.5");
        assert_eq!(percent("パッケージ"), "25.0");
        assert_eq!(percent("味・使用感"), "12.5");
        assert_eq!(percent("配送・在庫"), "0.0");
        let sum: f64 = shares.iter().map(|s| s.share).sum();
        assert!(sum > 1.0, "multi-answer shares add up to more than 100%");
    }
}
