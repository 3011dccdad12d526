//! The report model: plain data computed from the project, rendered by the UI and exports.

use crate::aggregate::{monthly_by_channel, tag_counts};
use crate::i18n::texts;
use crate::lang::Lang;
use crate::project::Project;

/// A whole report, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportModel {
    /// Comments in the project.
    pub total_comments: usize,
    /// The charts, in order.
    pub charts: Vec<ChartModel>,
}

/// How a chart draws its series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Bars per category, the series stacked.
    StackedBar,
    /// One bar per category.
    Bar,
}

/// One chart and the numbers of its data table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartModel {
    /// Stable identifier (`data-chart` in the UI).
    pub id: &'static str,
    /// Title in the report's language.
    pub title: String,
    /// How it is drawn.
    pub kind: ChartKind,
    /// Heading of the category column of the data table.
    pub category_label: String,
    /// Categories along the axis (months, tags).
    pub categories: Vec<String>,
    /// Series; each has one value per category.
    pub series: Vec<Series>,
    /// A remark under the chart (comments left out, say).
    pub note: Option<String>,
}

/// One series of a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// One value per category.
    pub values: Vec<u64>,
}

impl ChartModel {
    /// The sum of all series for each category, for the table's total column.
    pub fn category_totals(&self) -> Vec<u64> {
        (0..self.categories.len())
            .map(|i| self.series.iter().map(|s| s.values.get(i).copied().unwrap_or(0)).sum())
            .collect()
    }
}

/// Id of the comments-per-month-by-channel chart.
pub const MONTHLY_BY_CHANNEL: &str = "monthly-by-channel";
/// Id of the comments-per-tag chart.
pub const TAG_COUNTS: &str = "tag-counts";

/// Computes the report from the project.
pub fn build_report(project: &Project, lang: Lang) -> ReportModel {
    let text = texts(lang);
    let (monthly, undated) = monthly_by_channel(project.comments());
    let monthly_series = monthly
        .columns
        .iter()
        .enumerate()
        .map(|(column, channel)| Series {
            name: if channel.is_empty() { text.unknown_channel.to_owned() } else { channel.clone() },
            values: monthly.counts.iter().map(|row| row[column]).collect(),
        })
        .collect();
    let monthly_chart = ChartModel {
        id: MONTHLY_BY_CHANNEL,
        title: text.chart_monthly_by_channel.to_owned(),
        kind: ChartKind::StackedBar,
        category_label: text.table_month.to_owned(),
        categories: monthly.rows,
        series: monthly_series,
        note: (undated > 0).then(|| (text.undated_note)(undated)),
    };

    let codebook = project.codebook();
    let counts = tag_counts(codebook, project.comments());
    let tag_chart = ChartModel {
        id: TAG_COUNTS,
        title: text.chart_tag_counts.to_owned(),
        kind: ChartKind::Bar,
        category_label: text.table_tag.to_owned(),
        categories: counts
            .iter()
            .filter_map(|(id, _)| codebook.tag(*id))
            .map(|tag| {
                let group = codebook.group(tag.group).map_or("", |g| g.name.as_str());
                format!("{group}: {}", tag.name)
            })
            .collect(),
        series: vec![Series {
            name: text.table_comments.to_owned(),
            values: counts.iter().map(|(_, n)| *n).collect(),
        }],
        note: None,
    };
    ReportModel { total_comments: project.comments().len(), charts: vec![monthly_chart, tag_chart] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{guess_mapping, read_table, to_comments};
    use crate::project::Command;

    #[test]
    fn the_monthly_chart_and_its_totals_match_the_file() {
        let csv = "日付,媒体,本文\n2024-04-01,X,a\n2024-04-02,,b\n2024-05-01,X,c\n,X,d\n";
        let table = read_table("r.csv", csv.as_bytes()).expect("table").table;
        let mut project = Project::new();
        project
            .apply(Command::AddComments(to_comments(&table, &guess_mapping(&table)).comments))
            .expect("add");
        let report = build_report(&project, Lang::Ja);
        let chart = &report.charts[0];
        assert_eq!(chart.id, MONTHLY_BY_CHANNEL);
        assert_eq!(chart.categories, vec!["2024-04", "2024-05"]);
        let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["X", "（不明）"]);
        assert_eq!(chart.category_totals(), vec![2, 1]);
        assert_eq!(chart.note.as_deref(), Some("日付のないコメント1件はこのグラフに含まれていません。"));
        assert_eq!(report.total_comments, 4);
    }
}
