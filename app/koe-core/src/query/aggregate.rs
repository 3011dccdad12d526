//! Counting comments beyond the report's one-pass tally: the dates they span and how
//! customers were answered.

use crate::project::comment::Comment;

/// The first and last day any of these comments is dated, if any is.
pub fn date_span<'a>(
    comments: impl IntoIterator<Item = &'a Comment>,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    comments.into_iter().filter_map(|c| c.date.map(|d| d.date())).fold(None, |span, day| match span {
        None => Some((day, day)),
        Some((first, last)) => Some((first.min(day), last.max(day))),
    })
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
    use crate::project::response::ResponseStatus;
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
        use crate::project::comment::{NewComment, SourceRef};
        let comment = |id: u32, date: &str| {
            let new = NewComment {
                date: crate::import::dates::parse_local(date),
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
    use crate::import::dates::parse_local;
    use crate::project::comment::{CommentId, NewComment, SourceRef};

    fn comment(date: &str, channel: &str) -> Comment {
        let new = NewComment {
            date: parse_local(date),
            channel: channel.into(),
            ..NewComment::new("t", SourceRef { file: "f".into(), sheet: None, line: 1 })
        };
        Comment::from_new(CommentId(0), new)
    }

    #[test]
    fn response_rate_and_median_days_count_only_comments_needing_an_answer() {
        use crate::project::response::ResponseStatus;
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
}
