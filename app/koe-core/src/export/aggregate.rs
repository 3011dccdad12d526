//! Counts only, for comparing companies: members cannot share comments, but they can share
//! how many comments they had per tag, channel and month. The file holds no text, no author and
//! no id — the preview shows every byte of it before it is saved — and a file from another
//! member is read as hostile input like any other.

use serde::{Deserialize, Serialize};

use crate::project::Project;
use crate::project::team_texts::team_texts;
use crate::report::kpi::comments_in;
use crate::report::period::Period;
use crate::report::texts::report_texts;
use crate::report::{ChartKind, ChartModel, Series};
use crate::sorting::sort_by;
use crate::text::lang::Lang;

/// The `format` of a comparison file.
pub const FORMAT: &str = "koe-aggregate";
/// The version this build writes.
pub const VERSION: u32 = 1;
/// The largest comparison file read (a file of counts is a few kilobytes).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most groups, tags, channels or months a file may list.
pub const MAX_ITEMS: usize = 5_000;
/// The longest label or name in a file, in characters.
pub const MAX_NAME: usize = 200;

/// A name and how many comments carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The tag (`group › tag` in months), channel or month.
    pub name: String,
    /// Comments.
    pub count: u64,
}

/// A tag group's tags and their comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts {
    /// The group's name.
    pub name: String,
    /// Whether a comment may carry several of its tags.
    pub multiple: bool,
    /// Each tag's comments.
    pub tags: Vec<Count>,
}

/// A month of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCounts {
    /// `2026-10`.
    pub month: String,
    /// Comments dated in it.
    pub comments: u64,
    /// Comments per tag (`group › tag`), tags with none left out.
    pub tags: Vec<Count>,
}

/// A comparison file's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The company's label, as the member chose it.
    pub label: String,
    /// First day of the period.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Comments in the period.
    pub comments: u64,
    /// Per tag group.
    pub groups: Vec<GroupCounts>,
    /// Per channel.
    pub channels: Vec<Count>,
    /// Per month.
    pub months: Vec<MonthCounts>,
}

/// What is wrong with a comparison file. Serialisable: the app reads these files in its worker.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AggregateError {
    /// Not JSON of a comparison file.
    #[error("not a comparison file: {0}")]
    Foreign(String),
    /// Larger than any comparison file.
    #[error("too large")]
    TooLarge,
    /// Written by a newer Koe.
    #[error("version {0}")]
    TooNew(u32),
    /// A field out of bounds.
    #[error("{0}")]
    Invalid(String),
}

impl AggregateError {
    /// The message for file `file`, in the user's language.
    pub fn message(&self, file: &str, lang: Lang) -> String {
        match (self, lang) {
            (AggregateError::Foreign(detail), Lang::Ja) => {
                format!("{file}: Koe の集計ファイル（集計のみ書き出したもの）ではありません（{detail}）。")
            }
            (AggregateError::Foreign(detail), Lang::En) => {
                format!("{file}: not a Koe comparison file (one written by “Export counts only”) ({detail}).")
            }
            (AggregateError::TooLarge, Lang::Ja) => {
                format!("{file}: 集計ファイルとしては大きすぎます（{} MB まで）。", MAX_BYTES / (1024 * 1024))
            }
            (AggregateError::TooLarge, Lang::En) => {
                format!("{file}: too large for a comparison file (at most {} MB).", MAX_BYTES / (1024 * 1024))
            }
            (AggregateError::TooNew(v), Lang::Ja) => {
                format!(
                    "{file}: 新しい版の Koe（形式 {v}）で書き出されたファイルです。ページを再読み込みしてください。"
                )
            }
            (AggregateError::TooNew(v), Lang::En) => {
                format!("{file}: written by a newer Koe (format {v}). Reload the page to get the latest Koe.")
            }
            (AggregateError::Invalid(field), Lang::Ja) => {
                format!("{file}: 「{field}」の値が正しくありません。")
            }
            (AggregateError::Invalid(field), Lang::En) => {
                format!("{file}: the value of “{field}” is not valid.")
            }
        }
    }
}

/// The counts of `period` in the project, labelled `label`.
pub fn aggregate(project: &Project, period: &Period, label: &str) -> Aggregate {
    let comments = comments_in(project, period);
    let codebook = project.codebook();
    let count_tag = |id| comments.iter().filter(|c| c.tags().contains(&id)).count() as u64;
    let groups = codebook
        .groups
        .iter()
        .map(|group| GroupCounts {
            name: group.name.clone(),
            multiple: group.multiple,
            tags: codebook
                .tags_in(group.id)
                .map(|t| Count { name: t.name.clone(), count: count_tag(t.id) })
                .collect(),
        })
        .collect();
    let mut channels: Vec<Count> = Vec::new();
    for comment in &comments {
        match channels.iter_mut().find(|c| *c.name == *comment.channel) {
            Some(channel) => channel.count += 1,
            None => channels.push(Count { name: comment.channel.to_string(), count: 1 }),
        }
    }
    sort_by(&mut channels, |a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    let mut months: Vec<MonthCounts> = Vec::new();
    for comment in &comments {
        let Some(date) = comment.date else { continue };
        let month = crate::text::date_text::ym(date.date(), '-');
        let index = match months.iter().position(|m| m.month == month) {
            Some(index) => index,
            None => {
                months.push(MonthCounts { month, comments: 0, tags: Vec::new() });
                months.len() - 1
            }
        };
        let entry = &mut months[index];
        entry.comments += 1;
        for tag in comment.tags().iter().filter_map(|t| codebook.tag(*t)) {
            let group = codebook.group(tag.group).map_or("", |g| g.name.as_str());
            let name = format!("{group} › {}", tag.name);
            match entry.tags.iter_mut().find(|c| c.name == name) {
                Some(count) => count.count += 1,
                None => entry.tags.push(Count { name, count: 1 }),
            }
        }
    }
    sort_by(&mut months, |a, b| a.month.cmp(&b.month));
    Aggregate {
        format: FORMAT.to_owned(),
        version: VERSION,
        label: label.trim().to_owned(),
        from: period.start.to_string(),
        to: period.end.to_string(),
        comments: comments.len() as u64,
        groups,
        channels,
        months,
    }
}

/// The file's text: indented JSON, exactly what the preview shows and the file holds.
pub fn aggregate_json(aggregate: &Aggregate) -> String {
    serde_json::to_string_pretty(aggregate).unwrap_or_default()
}

/// A comparison file read and checked.
pub fn read_aggregate(bytes: &[u8]) -> Result<Aggregate, AggregateError> {
    if bytes.len() > MAX_BYTES {
        return Err(AggregateError::TooLarge);
    }
    #[derive(Deserialize)]
    struct Envelope {
        format: String,
        version: u32,
    }
    let text = bytes.strip_prefix(crate::export::UTF8_BOM).unwrap_or(bytes);
    let envelope: Envelope =
        serde_json::from_slice(text).map_err(|e| AggregateError::Foreign(format!("line {}", e.line())))?;
    if envelope.format != FORMAT {
        return Err(AggregateError::Foreign(envelope.format.chars().take(40).collect()));
    }
    if envelope.version > VERSION {
        return Err(AggregateError::TooNew(envelope.version));
    }
    let aggregate: Aggregate = serde_json::from_slice(text)
        .map_err(|e| AggregateError::Foreign(format!("line {}, column {}", e.line(), e.column())))?;
    checked(aggregate)
}

fn checked(aggregate: Aggregate) -> Result<Aggregate, AggregateError> {
    let invalid = |field: &str| Err(AggregateError::Invalid(field.to_owned()));
    let long = |text: &str| text.chars().count() > MAX_NAME;
    if long(&aggregate.label) || long(&aggregate.from) || long(&aggregate.to) {
        return invalid("label");
    }
    let items = aggregate.groups.len()
        + aggregate.groups.iter().map(|g| g.tags.len()).sum::<usize>()
        + aggregate.channels.len()
        + aggregate.months.iter().map(|m| 1 + m.tags.len()).sum::<usize>();
    if items > MAX_ITEMS {
        return invalid("groups");
    }
    let names = aggregate
        .groups
        .iter()
        .flat_map(|g| std::iter::once(g.name.as_str()).chain(g.tags.iter().map(|t| t.name.as_str())))
        .chain(aggregate.channels.iter().map(|c| c.name.as_str()))
        .chain(aggregate.months.iter().flat_map(|m| m.tags.iter().map(|t| t.name.as_str())));
    for name in names {
        if long(name) {
            return invalid("name");
        }
    }
    let counts_fit = aggregate.groups.iter().flat_map(|g| &g.tags).all(|t| t.count <= aggregate.comments)
        && aggregate.channels.iter().all(|c| c.count <= aggregate.comments)
        && aggregate.months.iter().all(|m| m.comments <= aggregate.comments);
    if !counts_fit {
        return invalid("count");
    }
    Ok(aggregate)
}

/// One tag group compared across companies: each company's share of its comments per tag,
/// and the group's median and range.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupComparison {
    /// The group.
    pub group: String,
    /// Its tags, in the order the companies list them.
    pub tags: Vec<String>,
    /// The companies' labels, in the order given.
    pub companies: Vec<String>,
    /// `[tag][company]`: the share, `None` where the company's codebook lacks the tag.
    pub shares: Vec<Vec<Option<f64>>>,
    /// `[tag][company]`: the comments, `None` where the company's codebook lacks the tag.
    pub counts: Vec<Vec<Option<u64>>>,
}

impl GroupComparison {
    /// The median share of tag `tag` over the companies that have it.
    pub fn median(&self, tag: usize) -> Option<f64> {
        let mut values: Vec<f64> = self.shares.get(tag)?.iter().flatten().copied().collect();
        if values.is_empty() {
            return None;
        }
        sort_by(&mut values, f64::total_cmp);
        let middle = values.len() / 2;
        Some(if values.len().is_multiple_of(2) {
            (values[middle - 1] + values[middle]) / 2.0
        } else {
            values[middle]
        })
    }

    /// The lowest and highest share of tag `tag`.
    pub fn range(&self, tag: usize) -> Option<(f64, f64)> {
        let values = self.shares.get(tag)?.iter().flatten();
        values.fold(None, |range, v| {
            Some(range.map_or((*v, *v), |(lo, hi): (f64, f64)| (lo.min(*v), hi.max(*v))))
        })
    }
}

/// The companies' shares per tag group (groups and tags matched by name).
pub fn compare(aggregates: &[Aggregate]) -> Vec<GroupComparison> {
    let mut groups: Vec<String> = Vec::new();
    for aggregate in aggregates {
        for group in &aggregate.groups {
            if !groups.contains(&group.name) {
                groups.push(group.name.clone());
            }
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let mut tags: Vec<String> = Vec::new();
            for aggregate in aggregates {
                for found in aggregate.groups.iter().filter(|g| g.name == group) {
                    for tag in &found.tags {
                        if !tags.contains(&tag.name) {
                            tags.push(tag.name.clone());
                        }
                    }
                }
            }
            let counts: Vec<Vec<Option<u64>>> = tags
                .iter()
                .map(|tag| {
                    aggregates
                        .iter()
                        .map(|aggregate| {
                            let found = aggregate.groups.iter().find(|g| g.name == group)?;
                            Some(found.tags.iter().find(|t| t.name == *tag)?.count)
                        })
                        .collect()
                })
                .collect();
            let shares = counts
                .iter()
                .map(|row| {
                    row.iter()
                        .zip(aggregates)
                        .map(|(count, a)| {
                            count.filter(|_| a.comments > 0).map(|n| n as f64 / a.comments as f64)
                        })
                        .collect()
                })
                .collect();
            GroupComparison { group, tags, companies: unique_labels(aggregates), shares, counts }
        })
        .collect()
}

/// The companies' labels, a repeated one numbered (`B社 (2)`) so every company keeps its own
/// column and legend entry.
fn unique_labels(aggregates: &[Aggregate]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::with_capacity(aggregates.len());
    for aggregate in aggregates {
        let base = if aggregate.label.is_empty() { "?".to_owned() } else { aggregate.label.clone() };
        let mut label = base.clone();
        let mut n = 2;
        while labels.contains(&label) {
            label = format!("{base} ({n})");
            n += 1;
        }
        labels.push(label);
    }
    labels
}

/// The comparison as report charts, after the report's own sections: per tag group, each
/// company's share of its comments per tag (bars in percent, the table with counts, shares, the
/// median and the range), and each company's comments per month as shares of its period.
pub fn comparison_charts(aggregates: &[Aggregate], lang: Lang) -> Vec<ChartModel> {
    let t = team_texts(lang);
    let r = report_texts(lang);
    let totals: Vec<u64> = aggregates.iter().map(|a| a.comments).collect();
    let percent = |v: f64| format!("{:.1}%", v * 100.0);
    let mut charts: Vec<ChartModel> = compare(aggregates)
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            let medians =
                (0..group.tags.len()).map(|tag| group.median(tag).map_or("—".to_owned(), percent)).collect();
            let ranges = (0..group.tags.len())
                .map(|tag| {
                    group
                        .range(tag)
                        .map_or("—".to_owned(), |(lo, hi)| format!("{}–{}", percent(lo), percent(hi)))
                })
                .collect();
            ChartModel {
                id: format!("comparison-{}", index + 1),
                title: (t.compare_group)(&group.group),
                kind: ChartKind::Bar,
                category_label: r.table_tag.to_owned(),
                categories: group.tags.clone(),
                series: group
                    .companies
                    .iter()
                    .enumerate()
                    .map(|(company, name)| Series {
                        name: name.clone(),
                        values: group.counts.iter().map(|row| row[company].unwrap_or(0)).collect(),
                        colour: None,
                    })
                    .collect(),
                series_share_of: Some(totals.clone()),
                percent_bars: true,
                extra_columns: vec![
                    (t.compare_columns[0].to_owned(), medians),
                    (t.compare_columns[1].to_owned(), ranges),
                ],
                note: Some((t.compare_note)(aggregates.len())),
                ..ChartModel::default()
            }
        })
        .collect();
    let mut months: Vec<&str> =
        aggregates.iter().flat_map(|a| a.months.iter().map(|m| m.month.as_str())).collect();
    months.sort_unstable();
    months.dedup();
    if !months.is_empty() {
        charts.push(ChartModel {
            id: "comparison-months".to_owned(),
            title: t.compare_months.to_owned(),
            kind: ChartKind::Bar,
            category_label: r.bucket_names[2].to_owned(),
            categories: months.iter().map(|m| (*m).to_owned()).collect(),
            series: aggregates
                .iter()
                .zip(unique_labels(aggregates))
                .map(|(a, name)| Series {
                    name,
                    values: months
                        .iter()
                        .map(|month| a.months.iter().find(|m| m.month == *month).map_or(0, |m| m.comments))
                        .collect(),
                    colour: None,
                })
                .collect(),
            series_share_of: Some(totals),
            percent_bars: true,
            note: Some(t.compare_months_note.to_owned()),
            ..ChartModel::default()
        });
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::Command;
    use crate::project::comment::{NewComment, SourceRef};

    fn company(texts: &[(&str, &str, &str)]) -> Project {
        let mut project = Project::new();
        let comments = texts
            .iter()
            .enumerate()
            .map(|(line, (date, channel, text))| NewComment {
                date: parse_local(date),
                channel: (*channel).into(),
                author: "@secret_author".into(),
                external_id: "ID-9999".into(),
                ..NewComment::new(
                    *text,
                    SourceRef { file: "社外秘.csv".into(), sheet: None, line: line as u64 + 2 },
                )
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        project.apply(Command::ApplyRules).expect("rules");
        project
    }

    #[test]
    fn the_file_holds_counts_and_nothing_that_identifies_a_comment() {
        let project = company(&[
            ("2026-10-01 10:00", "X", "異物が入っていた 090-1234-5678"),
            ("2026-10-02 10:00", "電話", "値段が高い"),
            ("2026-11-02 10:00", "X", "品質が落ちた"),
            ("2026-09-30 10:00", "X", "期間外"),
        ]);
        let period = Period::custom(
            chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("day"),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("day"),
        );
        let aggregate = aggregate(&project, &period, " A社 ");
        let json = aggregate_json(&aggregate);
        for secret in ["異物が入っていた", "090", "@secret_author", "ID-9999", "社外秘.csv", "期間外"]
        {
            assert!(!json.contains(secret), "{secret} must not leave: {json}");
        }
        assert_eq!((aggregate.label.as_str(), aggregate.comments), ("A社", 3));
        let quality = aggregate.groups.iter().flat_map(|g| &g.tags).find(|t| t.name == "品質").expect("品質");
        assert_eq!(quality.count, 2, "異物 and 品質 both say 品質");
        assert_eq!(
            aggregate.channels,
            [Count { name: "X".into(), count: 2 }, Count { name: "電話".into(), count: 1 }]
        );
        assert_eq!(
            aggregate.months.iter().map(|m| (m.month.as_str(), m.comments)).collect::<Vec<_>>(),
            [("2026-10", 2), ("2026-11", 1)]
        );
        assert_eq!(read_aggregate(json.as_bytes()), Ok(aggregate), "reads back as written");
    }

    #[test]
    fn a_hostile_or_foreign_file_is_refused_with_a_reason() {
        assert!(matches!(
            read_aggregate(b"{\"format\":\"koe-project\",\"version\":3}"),
            Err(AggregateError::Foreign(_))
        ));
        assert!(matches!(read_aggregate(b"\x89PNG"), Err(AggregateError::Foreign(_))));
        assert_eq!(read_aggregate(&vec![b' '; MAX_BYTES + 1]), Err(AggregateError::TooLarge));
        assert_eq!(
            read_aggregate(b"{\"format\":\"koe-aggregate\",\"version\":9}"),
            Err(AggregateError::TooNew(9))
        );
        let mut inflated = aggregate(
            &company(&[("2026-10-01 10:00", "X", "品質")]),
            &Period::month(2026, 10).expect("m"),
            "A",
        );
        inflated.channels[0].count = 5;
        assert_eq!(
            read_aggregate(aggregate_json(&inflated).as_bytes()),
            Err(AggregateError::Invalid("count".into())),
            "a channel with more comments than the company"
        );
        assert!(AggregateError::TooLarge.message("x.json", Lang::Ja).starts_with("x.json: "));
    }

    #[test]
    fn companies_are_compared_by_share_with_median_and_range() {
        let october = Period::month(2026, 10).expect("October");
        let quality = |n: usize, of: usize| -> Vec<(&'static str, &'static str, &'static str)> {
            (0..of)
                .map(|i| ("2026-10-05 10:00", "X", if i < n { "品質が悪い" } else { "ありがとう" }))
                .collect()
        };
        let a = aggregate(&company(&quality(1, 4)), &october, "A");
        let b = aggregate(&company(&quality(2, 4)), &october, "B");
        let c = aggregate(&company(&quality(3, 4)), &october, "C");
        let (a2, b2, c2) = (a.clone(), b.clone(), c.clone());
        let compared = compare(&[a, b, c]);
        let topics = compared.iter().find(|g| g.group == "トピック").expect("topics");
        let row = topics.tags.iter().position(|t| t == "品質").expect("品質");
        assert_eq!(topics.shares[row], [Some(0.25), Some(0.5), Some(0.75)]);
        assert_eq!(topics.median(row), Some(0.5));
        assert_eq!(topics.range(row), Some((0.25, 0.75)));
        assert_eq!(topics.companies, ["A", "B", "C"]);
        let charts = comparison_charts(&[a2.clone(), b2.clone(), c2.clone()], Lang::Ja);
        let chart = charts.iter().find(|c| c.title == "トピック：各社の割合").expect("the topics chart");
        let table = chart.table(Lang::Ja);
        assert_eq!(
            table.head,
            ["タグ", "A", "A 割合", "B", "B 割合", "C", "C 割合", "中央値", "範囲"].map(String::from)
        );
        let quality_row = table.rows.iter().find(|r| r[0] == "品質").expect("品質");
        assert_eq!(
            quality_row[1..],
            ["1", "25.0%", "2", "50.0%", "3", "75.0%", "50.0%", "25.0%–75.0%"].map(String::from)
        );
        assert_eq!(
            chart.bar_value(1, table.rows.iter().position(|r| r[0] == "品質").expect("row")),
            50.0,
            "bars in percent"
        );
        assert_eq!(charts.last().map(|c| c.id.as_str()), Some("comparison-months"));
        let twice = compare(&[a2.clone(), a2]);
        assert_eq!(twice[0].companies, ["A", "A (2)"], "the same label twice stays two companies");
    }
}
