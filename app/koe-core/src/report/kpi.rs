//! The KPI summary of a report period, each figure next to the previous period and the same
//! period a year earlier.

use std::collections::BTreeMap;

use crate::project::Project;
use crate::project::comment::Comment;
use crate::query::aggregate::{ResponseSummary, response_summary};
use crate::report::DataTable;
use crate::report::period::{Comparison, Period};
use crate::report::tally::Tally;
use crate::report::texts::report_texts;
use crate::sorting::sort_by;
use crate::text::lang::Lang;

/// Names the sentiment tag for "negative" may have; the negative share counts it.
const NEGATIVE_NAMES: [&str; 3] = ["ネガティブ", "否定的", "negative"];

/// The headline figures of a period.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiSummary {
    /// The period.
    pub period: Period,
    /// Comments in the period, against the previous period.
    pub comments: Comparison,
    /// Comments in the period, against the same period a year earlier.
    pub year_ago: Comparison,
    /// Comments per channel (this period against the previous), busiest first.
    pub by_channel: Vec<(String, Comparison)>,
    /// Share of the period's comments carrying the negative sentiment tag, if the codebook has one.
    pub negative_share: Option<Comparison>,
    /// Comments of the period that still wait for a response.
    pub waiting: usize,
    /// Response rate and time to response over the period's comments.
    pub response: ResponseSummary,
}

/// One row of the KPI table.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiRow {
    /// What the row counts, in the report's language.
    pub label: String,
    /// The figures.
    pub comparison: Comparison,
    /// Whether the figures are shares (shown in % and points).
    pub share: bool,
}

impl KpiSummary {
    /// The rows of the KPI table, the same in the app and in every export.
    pub fn rows(&self, lang: Lang) -> Vec<KpiRow> {
        let t = report_texts(lang);
        let row = |label: String, comparison, share| KpiRow { label, comparison, share };
        let mut rows = vec![
            row(t.kpi_comments.to_owned(), self.comments, false),
            row(t.kpi_year_ago.to_owned(), self.year_ago, false),
        ];
        rows.extend(
            self.by_channel
                .iter()
                .map(|(channel, c)| row(format!("{} {channel}", t.kpi_channel_prefix), *c, false)),
        );
        rows.extend(self.negative_share.map(|c| row(t.kpi_negative.to_owned(), c, true)));
        rows
    }

    /// The KPI table as text cells (a blank corner, then this period, compared, difference,
    /// change), for the exports.
    pub fn table(&self, lang: Lang) -> DataTable {
        let mut head = vec![String::new()];
        head.extend(report_texts(lang).kpi_columns.iter().map(|c| (*c).to_owned()));
        let rows = self
            .rows(lang)
            .into_iter()
            .map(|row| std::iter::once(row.label).chain(row.comparison.cells(row.share)).collect())
            .collect();
        DataTable { head, rows, keys: Vec::new() }
    }

    /// The line under the table: comments waiting, response rate and median days to respond.
    pub fn response_text(&self, lang: Lang) -> String {
        let t = report_texts(lang);
        let rate = self.response.rate().map(|r| (r * 100.0).round() as u32);
        format!(
            "{} {}",
            (t.kpi_waiting)(self.waiting),
            (t.report_response)(
                self.response.needed,
                self.response.answered,
                rate,
                self.response.median_days
            )
        )
    }
}

/// The comments dated inside a period, in project order.
pub fn comments_in<'a>(project: &'a Project, period: &Period) -> Vec<&'a Comment> {
    let [positions] = project.comment_days().positions_in([period.first_and_last()]);
    positions.into_iter().filter_map(|at| project.comments().get(at)).collect()
}

/// The KPI summary of `period` in one call: what the tests check [`kpi_from_tallies`] with.
#[cfg(test)]
pub fn kpi_summary(project: &Project, period: Period) -> KpiSummary {
    let current = comments_in(project, &period);
    let previous = comments_in(project, &period.previous());
    let codebook = project.codebook();
    let now = Tally::of(&current, crate::report::buckets::Buckets::of(&period), codebook);
    let before = Tally::of(&previous, crate::report::buckets::Buckets::of(&period.previous()), codebook);
    let year = period.year_earlier();
    let year_ago = project.comments().iter().filter(|c| c.date.is_some_and(|d| year.contains(d))).count();
    kpi_from_tallies(project, period, &current, (&now, &before), year_ago)
}

/// The KPI summary from the period's and the previous period's tallies and the number of
/// comments a year earlier, which the report has counted already.
pub(crate) fn kpi_from_tallies(
    project: &Project,
    period: Period,
    current: &[&Comment],
    (now, before): (&Tally, &Tally),
    year_ago: usize,
) -> KpiSummary {
    let mut counts: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for (channel, count) in now.channels.iter().zip(&now.channel_totals) {
        counts.entry(channel).or_default().0 = *count as f64;
    }
    for (channel, count) in before.channels.iter().zip(&before.channel_totals) {
        counts.entry(channel).or_default().1 = *count as f64;
    }
    let mut by_channel: Vec<(String, Comparison)> = counts
        .into_iter()
        .map(|(channel, (current, other))| (channel.to_owned(), Comparison { current, other }))
        .collect();
    sort_by(&mut by_channel, |a, b| b.1.current.total_cmp(&a.1.current).then_with(|| a.0.cmp(&b.0)));
    let negative = project
        .codebook()
        .tags
        .iter()
        .find(|t| NEGATIVE_NAMES.iter().any(|n| t.name.eq_ignore_ascii_case(n)))
        .map(|t| t.id);
    let share = |tally: &Tally, tag| {
        if tally.comments == 0 { 0.0 } else { tally.tag_total(tag) as f64 / tally.comments as f64 }
    };
    KpiSummary {
        period,
        comments: Comparison { current: now.comments as f64, other: before.comments as f64 },
        year_ago: Comparison { current: now.comments as f64, other: year_ago as f64 },
        by_channel,
        negative_share: negative
            .map(|tag| Comparison { current: share(now, tag), other: share(before, tag) }),
        waiting: current.iter().filter(|c| c.response.is_waiting()).count(),
        response: response_summary(current.iter().copied()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::Command;
    use crate::project::comment::{NewComment, SourceRef};
    use crate::project::response::{Response, ResponseStatus};

    /// A hand-counted fixture: April 2024 has 5 comments (X 3, 電話 2), March 4 (X 1, 電話 3),
    /// April 2023 2; negatives: April 2 of 5, March 1 of 4.
    fn fixture() -> Project {
        let rows = [
            ("2024-04-01 09:00", "X"),
            ("2024-04-10 09:00", "X"),
            ("2024-04-30 23:59", "X"),
            ("2024-04-02 10:00", "電話"),
            ("2024-04-15 10:00", "電話"),
            ("2024-03-01 00:00", "X"),
            ("2024-03-05 10:00", "電話"),
            ("2024-03-06 10:00", "電話"),
            ("2024-03-31 23:59", "電話"),
            ("2023-04-03 10:00", "X"),
            ("2023-04-20 10:00", "電話"),
            ("2024-05-01 00:00", "X"),
        ];
        let mut project = Project::new();
        let comments = rows
            .iter()
            .map(|(date, channel)| NewComment {
                date: parse_local(date),
                channel: (*channel).into(),
                ..NewComment::new("t", SourceRef { file: "f.csv".into(), sheet: None, line: 2 })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let negative =
            project.codebook().tags.iter().find(|t| t.name == "ネガティブ").map(|t| t.id).expect("tag");
        let ids = |list: &[u32]| list.iter().map(|i| crate::CommentId(*i)).collect::<Vec<_>>();
        project
            .apply(Command::TagMany { comments: ids(&[0, 3, 6]), tag: negative, on: true })
            .expect("tagged");
        let answered = |day: u32| Response {
            needed: true,
            status: ResponseStatus::Done,
            responded_on: chrono::NaiveDate::from_ymd_opt(2024, 4, day),
            ..Response::default()
        };
        project
            .apply(Command::SetResponse { comment: crate::CommentId(0), response: answered(3) })
            .expect("r");
        project
            .apply(Command::SetResponse { comment: crate::CommentId(3), response: answered(2) })
            .expect("r");
        let open = Response { needed: true, ..Response::default() };
        project.apply(Command::SetResponse { comment: crate::CommentId(4), response: open }).expect("r");
        project
    }

    #[test]
    fn counts_differences_shares_and_responses_match_the_hand_count() {
        let april = Period::month(2024, 4).expect("April");
        let kpi = kpi_summary(&fixture(), april);
        assert_eq!((kpi.comments.current, kpi.comments.other, kpi.comments.difference()), (5.0, 4.0, 1.0));
        assert_eq!(kpi.comments.percent(), Some(25.0));
        assert_eq!((kpi.year_ago.other, kpi.year_ago.percent()), (2.0, Some(150.0)));
        assert_eq!(kpi.by_channel[0].0, "X");
        assert_eq!((kpi.by_channel[0].1.current, kpi.by_channel[0].1.other), (3.0, 1.0));
        assert_eq!((kpi.by_channel[1].1.current, kpi.by_channel[1].1.other), (2.0, 3.0));
        let negative = kpi.negative_share.expect("the starter codebook has ネガティブ");
        assert_eq!((negative.current, negative.other), (0.4, 0.25));
        assert_eq!(kpi.waiting, 1);
        assert_eq!((kpi.response.needed, kpi.response.answered), (3, 2));
        assert_eq!(kpi.response.median_days, Some(1.0), "answered after 2 days and after 0 days");
    }
}
