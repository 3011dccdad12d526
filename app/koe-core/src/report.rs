//! The report model: plain data computed from the project for one period, section by section,
//! rendered by the UI and by every export alike.

pub mod buckets;
pub mod crosstab;
pub mod kpi;
pub mod kwic;
pub mod network;
pub mod period;
pub mod significance;
pub mod summary;
pub mod tally;
pub mod terms;
pub mod texts;

use crate::project::Project;
use crate::project::codebook::{Codebook, GroupId, Tag};
use crate::project::comment::{Comment, CommentId};
use crate::project::days::CommentDays;
pub use crate::project::layout::{Dimension, ReportLayout, Section, SectionKind, Template, TemplatePeriod};
use crate::report::kpi::{KpiSummary, kpi_from_tallies};
use crate::report::period::Period;
use crate::report::texts::report_texts;
use crate::sorting::sort_by;
use crate::text::lang::Lang;
use crate::text::mask::mask;
use buckets::{BucketSize, Buckets};
use crosstab::{Classified, classify, cross_counts, dimension_name};
use network::Network;
use summary::{Summary, SummaryFacts, SummaryLinks, TagChange};
use tally::Tally;
use terms::TermCache;

/// Rows of the appendix table in the report (the exports of comments hold them all).
pub const APPENDIX_ROWS: usize = 300;
/// Words in the frequent-terms chart.
pub const TERMS_SHOWN: usize = 20;
/// Tags in the risers chart.
pub const RISERS_SHOWN: usize = 10;

/// A whole report for one period, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportModel {
    /// The period it covers.
    pub period: Period,
    /// The language of its texts.
    pub lang: Lang,
    /// Comments dated in the period.
    pub comments: usize,
    /// Sections in order.
    pub sections: Vec<SectionModel>,
    /// The comparison between companies, when counts files were opened: charts after the
    /// sections, printed and exported with them (see `export::aggregate`).
    pub comparison: Vec<ChartModel>,
}

impl ReportModel {
    /// Every chart of the report, in order, the comparison's last.
    pub fn charts(&self) -> impl Iterator<Item = &ChartModel> {
        self.sections
            .iter()
            .filter_map(|s| match &s.body {
                SectionBody::Chart(chart) => Some(chart),
                _ => None,
            })
            .chain(&self.comparison)
    }

    /// The chart sections whose data table is too long to print under the chart, in report
    /// order: the appendix of the printed page and of the HTML report (the first is appendix 1).
    /// Only their row counts are looked at; no table is built.
    pub fn long_table_sections(&self) -> impl Iterator<Item = (&SectionModel, &ChartModel)> {
        self.sections.iter().filter_map(|section| match &section.body {
            SectionBody::Chart(chart) if chart.categories.len() > LONG_TABLE_ROWS => Some((section, chart)),
            _ => None,
        })
    }

    /// The appendix number of section `id`'s data table, if it is long.
    pub fn appendix_number(&self, id: &str) -> Option<usize> {
        self.long_table_sections().position(|(s, _)| s.id == id).map(|index| index + 1)
    }

    /// The long data tables themselves, in appendix order.
    pub fn long_tables(&self) -> Vec<(&SectionModel, DataTable)> {
        self.long_table_sections().map(|(section, chart)| (section, chart.table(self.lang))).collect()
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionModel> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// One section, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionModel {
    /// The layout's section id.
    pub id: String,
    /// What it shows.
    pub kind: SectionKind,
    /// The author's title, or the default one.
    pub title: String,
    /// The author's commentary.
    pub commentary: String,
    /// Its figures.
    pub body: SectionBody,
}

/// What a section holds besides its title and commentary.
#[derive(Clone, Debug, PartialEq)]
pub enum SectionBody {
    /// The headline figures.
    Kpi(KpiSummary),
    /// A chart and its data table.
    Chart(ChartModel),
    /// Pinned comments of the period, and how many pinned ones fall outside it.
    Quotes {
        /// The quotes, in pinning order.
        quotes: Vec<Quote>,
        /// Pinned comments outside the period.
        outside: usize,
    },
    /// Commentary only.
    Text,
    /// The period's first comments as a table, and how many there are in all.
    Appendix {
        /// The rows shown.
        rows: Vec<Quote>,
        /// All comments of the period.
        total: usize,
    },
    /// The section's tag group no longer exists.
    MissingGroup,
    /// A chart section of a period without comments: said in one line, this one, rather than
    /// drawn as empty axes.
    Empty(String),
    /// The opening sentences.
    Summary(Summary),
}

/// A comment as a report quotes it (masked unless the user turned masking off).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The comment.
    pub id: CommentId,
    /// `2024-04-01 09:05`, or empty.
    pub date: String,
    /// The channel.
    pub channel: String,
    /// The text.
    pub text: String,
    /// Its tags, `、`-separated.
    pub tags: String,
}

/// How a chart draws its series.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartKind {
    /// Bars per category, the series stacked.
    StackedBar,
    /// Bars per category, side by side.
    #[default]
    Bar,
    /// Words and their links ([`ChartModel::network`]); the categories are the links.
    Network,
}

/// One chart and the numbers of its data table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartModel {
    /// Its section's id (`data-chart` in the UI, file names of chart exports).
    pub id: String,
    /// Title in the report's language.
    pub title: String,
    /// How it is drawn.
    pub kind: ChartKind,
    /// Heading of the category column of the data table.
    pub category_label: String,
    /// Categories along the axis (days, tags, channels, words).
    pub categories: Vec<String>,
    /// Series; each has one value per category.
    pub series: Vec<Series>,
    /// A remark under the chart.
    pub note: Option<String>,
    /// Per category, the number of comments a share is taken of: the table then shows each
    /// value's share next to it.
    pub share_of: Option<Vec<u64>>,
    /// Whether the table ends with a total column (only where the sum means something).
    pub show_total: bool,
    /// One colour per category, for a one-series chart whose bars are tags.
    pub category_colours: Option<Vec<String>>,
    /// Per category, the tag it is and whether its change against the compared period is
    /// significant (see [`significance`]); the table marks the rows.
    pub tested: Option<Vec<Tested>>,
    /// Per series, the number of comments its shares are of (an attribute breakdown compares
    /// two periods of different sizes); takes the place of `share_of`.
    pub series_share_of: Option<Vec<u64>>,
    /// A cross-tab's adjusted standardised residuals, `[category][series]`: the table's count
    /// cells carry their row and column, and the significant ones are marked.
    pub residuals: Option<Vec<Vec<f64>>>,
    /// A co-occurrence network's words and links.
    pub network: Option<Network>,
    /// Bars drawn as each series' share of its own total (`series_share_of`), in percent,
    /// where series are groups of different sizes (companies).
    pub percent_bars: bool,
    /// Columns the table adds at the end: heading and one cell per category (a comparison's
    /// median and range).
    pub extra_columns: Vec<(String, Vec<String>)>,
}

/// A category's tag and the result of testing its change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tested {
    /// The tag's name.
    pub tag: String,
    /// Whether the change is significant at [`significance::ALPHA`].
    pub significant: bool,
}

/// One series of a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// One value per category.
    pub values: Vec<u64>,
    /// The tag's colour when the series is a tag, so a tag looks the same in every chart.
    pub colour: Option<String>,
}

impl ChartModel {
    /// What bar `series` of category `index` shows: its count, or with
    /// [`ChartModel::percent_bars`] its share of the series' total in percent.
    pub fn bar_value(&self, series: usize, index: usize) -> f64 {
        let value = self.series.get(series).and_then(|s| s.values.get(index)).copied().unwrap_or(0) as f64;
        if !self.percent_bars {
            return value;
        }
        match self.series_share_of.as_ref().and_then(|of| of.get(series)) {
            Some(of) if *of > 0 => value * 100.0 / *of as f64,
            _ => 0.0,
        }
    }

    /// The sum of all series for each category, for the table's total column.
    pub fn category_totals(&self) -> Vec<u64> {
        (0..self.categories.len())
            .map(|i| self.series.iter().map(|s| s.values.get(i).copied().unwrap_or(0)).sum())
            .collect()
    }

    /// The share cell of series value `value` in category `index`, when the chart has shares.
    pub fn share_cell(&self, index: usize, value: u64) -> Option<String> {
        let of = *self.share_of.as_ref()?.get(index)?;
        Some(share_text(value, of))
    }

    /// The share cell of `value` of series `series` in category `index`: of the series' own
    /// total when it has one, else of the category's.
    pub fn series_share_cell(&self, series: usize, index: usize, value: u64) -> Option<String> {
        match &self.series_share_of {
            Some(of) => of.get(series).map(|of| share_text(value, *of)),
            None => self.share_cell(index, value),
        }
    }

    /// Whether the table has a share column after each series.
    fn has_shares(&self) -> bool {
        self.share_of.is_some() || self.series_share_of.is_some()
    }
}

/// Series colours when a series is not a tag: ECharts' default palette, so the app and the
/// exports agree.
pub const PALETTE: [&str; 9] =
    ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"];

/// A chart's data table as text cells: what the app, the HTML report and the xlsx show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataTable {
    /// Column headings.
    pub head: Vec<String>,
    /// One row per category; the first cell is the category.
    pub rows: Vec<Vec<String>>,
    /// The count cells of a cross-tab, each with the two values it counts (none elsewhere).
    pub keys: Vec<CellKey>,
}

/// Which values a count cell of a cross-tab counts, and whether it stands out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellKey {
    /// Row of the cell in [`DataTable::rows`].
    pub row: usize,
    /// Position of the cell in its row (0 is the category).
    pub cell: usize,
    /// The row's value.
    pub row_value: String,
    /// The column's value.
    pub column_value: String,
    /// Significantly more than independence predicts (`Some(true)`), fewer (`Some(false)`),
    /// or neither.
    pub mark: Option<bool>,
}

impl CellKey {
    /// The mark a table shows after the cell: ▲ or ▼.
    pub fn symbol(&self) -> &'static str {
        match self.mark {
            Some(true) => "▲",
            Some(false) => "▼",
            None => "",
        }
    }
}

/// A data table longer than this goes to the appendix of a printed or HTML report (a month by
/// day has 31 rows); the chart stays in its section.
pub const LONG_TABLE_ROWS: usize = 12;

impl ChartModel {
    /// The colour of series `series`'s bar in category `category`: the category's tag colour in
    /// a one-series tag chart, else the series' tag colour, else the palette's.
    pub fn bar_colour(&self, series: usize, category: usize) -> &str {
        let by_category = self.category_colours.as_ref().filter(|_| self.series.len() == 1);
        // Checked again here, where it is drawn: a colour that is not #rrggbb never reaches SVG.
        let valid = |colour: &&String| crate::project::codebook::is_colour(colour);
        if let Some(colour) = by_category.and_then(|c| c.get(category)).filter(valid) {
            return colour;
        }
        self.series
            .get(series)
            .and_then(|s| s.colour.as_ref().filter(valid))
            .map_or(PALETTE[series % PALETTE.len()], String::as_str)
    }

    /// The data table under the chart: counts, shares where the chart has them, totals where
    /// they mean something.
    pub fn table(&self, lang: Lang) -> DataTable {
        let t = report_texts(lang);
        if let Some(network) = &self.network {
            return network_table(network, lang);
        }
        let mut head = vec![self.category_label.clone()];
        for series in &self.series {
            head.push(series.name.clone());
            if self.has_shares() {
                head.push(if self.series.len() == 1 {
                    t.share.to_owned()
                } else {
                    format!("{} {}", series.name, t.share)
                });
            }
        }
        if self.show_total {
            head.push(t.table_total.to_owned());
        }
        head.extend(self.extra_columns.iter().map(|(name, _)| name.clone()));
        let totals = self.category_totals();
        let mut keys = Vec::new();
        let rows = self
            .categories
            .iter()
            .enumerate()
            .map(|(index, category)| {
                let mut row = vec![category.clone()];
                for (s, series) in self.series.iter().enumerate() {
                    let value = series.values.get(index).copied().unwrap_or(0);
                    if let Some(residuals) = &self.residuals {
                        let residual = residuals.get(index).and_then(|r| r.get(s)).copied().unwrap_or(0.0);
                        keys.push(CellKey {
                            row: index,
                            cell: row.len(),
                            row_value: category.clone(),
                            column_value: series.name.clone(),
                            mark: (residual.abs() >= significance::RESIDUAL_LIMIT).then_some(residual > 0.0),
                        });
                    }
                    row.push(value.to_string());
                    row.extend(self.series_share_cell(s, index, value));
                }
                if self.show_total {
                    row.push(totals[index].to_string());
                }
                row.extend(
                    self.extra_columns.iter().map(|(_, cells)| cells.get(index).cloned().unwrap_or_default()),
                );
                row
            })
            .collect();
        DataTable { head, rows, keys }
    }
}

/// A network's links as a table: both words, comments with both, the Jaccard coefficient.
fn network_table(network: &Network, lang: Lang) -> DataTable {
    let head = report_texts(lang).network_columns.iter().map(|c| (*c).to_owned()).collect();
    let word = |index: usize| network.nodes.get(index).map(|n| n.term.clone()).unwrap_or_default();
    let rows = network
        .edges
        .iter()
        .map(|e| vec![word(e.from), word(e.to), e.both.to_string(), format!("{:.3}", e.jaccard)])
        .collect();
    DataTable { head, rows, keys: Vec::new() }
}

/// `count` as a percentage of `of` to one decimal (`33.3%`); `—` when `of` is zero.
pub fn share_text(count: u64, of: u64) -> String {
    if of == 0 { "—".to_owned() } else { format!("{:.1}%", count as f64 * 100.0 / of as f64) }
}

/// The tag's name as charts show it: `親 › 子` for a sub-tag.
pub(crate) fn tag_name(codebook: &Codebook, tag: &Tag) -> String {
    match tag.parent.and_then(|p| codebook.tag(p)) {
        Some(parent) => format!("{} › {}", parent.name, tag.name),
        None => tag.name.clone(),
    }
}

/// What every section is computed from.
struct Context<'a> {
    project: &'a Project,
    /// The report's period: every section reads the same one.
    period: Period,
    lang: Lang,
    mask: bool,
    current: Vec<&'a Comment>,
    /// Where each of `current` is in the project's comments.
    positions: Vec<usize>,
    /// The period's comments counted once for every section.
    tally: Tally<'a>,
    /// The previous period's, for comparisons.
    previous: Tally<'a>,
    /// The previous period's comments.
    previous_comments: Vec<&'a Comment>,
    /// Comments dated in the same period a year earlier.
    year_ago: usize,
    /// Comments without a date (in no period).
    undated: u64,
    /// The KPIs, once the KPI section or the summary asked for them (both read them).
    kpi: std::cell::OnceCell<KpiSummary>,
}

/// Where the comments a report reads are, found in one pass over all of them: at a million
/// comments one pass takes some 15 ms here, and the report used to make five (its period, the
/// previous one, a year earlier for the KPIs and again for the summary, the undated).
struct Found {
    positions: Vec<usize>,
    previous: Vec<usize>,
    year_ago: usize,
    undated: u64,
}

impl Found {
    fn of(days: &CommentDays, period: &Period) -> Found {
        let (before, year_earlier) = (period.previous(), period.year_earlier());
        let [positions, previous, year_ago] = days.positions_in([
            period.first_and_last(),
            before.first_and_last(),
            year_earlier.first_and_last(),
        ]);
        Found { positions, previous, year_ago: year_ago.len(), undated: days.undated() as u64 }
    }
}

impl Context<'_> {
    /// The period's KPIs, computed for whichever of the KPI section and the summary comes first.
    fn kpi(&self) -> &KpiSummary {
        self.kpi.get_or_init(|| {
            kpi_from_tallies(
                self.project,
                self.period,
                &self.current,
                (&self.tally, &self.previous),
                self.year_ago,
            )
        })
    }

    fn quote(&self, comment: &Comment) -> Quote {
        let codebook = self.project.codebook();
        let tags: Vec<&str> = codebook
            .tags
            .iter()
            .filter(|t| comment.tags().contains(&t.id))
            .map(|t| t.name.as_str())
            .collect();
        Quote {
            id: comment.id,
            date: comment.date.map(crate::text::date_text::ymd_hm).unwrap_or_default(),
            channel: comment.channel.to_string(),
            text: if self.mask { mask(&comment.text, self.lang) } else { comment.text.to_string() },
            tags: tags.join("、"),
        }
    }

    fn channel_name(&self, channel: &str) -> String {
        if channel.is_empty() {
            report_texts(self.lang).unknown_channel.to_owned()
        } else {
            channel.to_owned()
        }
    }

    fn chart(&self, id: &str, title: &str, kind: ChartKind, category_label: &str) -> ChartModel {
        ChartModel {
            id: id.to_owned(),
            title: title.to_owned(),
            kind,
            category_label: category_label.to_owned(),
            ..ChartModel::default()
        }
    }

    fn bucket_label(&self, buckets: &Buckets) -> &'static str {
        let names = report_texts(self.lang).bucket_names;
        match buckets.size() {
            BucketSize::Day => names[0],
            BucketSize::Week => names[1],
            BucketSize::Month => names[2],
        }
    }

    fn volume(&self, id: &str, title: &str) -> ChartModel {
        let tally = &self.tally;
        let undated = self.undated;
        ChartModel {
            categories: tally.buckets.labels(),
            series: tally
                .channels
                .iter()
                .zip(&tally.channel_buckets)
                .map(|(channel, values)| Series {
                    name: self.channel_name(channel),
                    values: values.clone(),
                    colour: None,
                })
                .collect(),
            show_total: true,
            note: (undated > 0).then(|| (report_texts(self.lang).undated_note)(undated)),
            ..self.chart(id, title, ChartKind::StackedBar, self.bucket_label(&tally.buckets))
        }
    }

    fn distribution(&self, id: &str, title: &str, group: GroupId, multiple: bool) -> ChartModel {
        let codebook = self.project.codebook();
        let tags: Vec<&Tag> = codebook.tags_in(group).collect();
        let total = self.tally.comments;
        let t = report_texts(self.lang);
        ChartModel {
            categories: tags.iter().map(|tag| tag_name(codebook, tag)).collect(),
            series: vec![Series {
                name: t.table_comments.to_owned(),
                values: tags.iter().map(|tag| self.tally.tag_total(tag.id)).collect(),
                colour: None,
            }],
            share_of: Some(vec![total; tags.len()]),
            category_colours: Some(tags.iter().map(|tag| tag.colour.clone()).collect()),
            note: Some((t.share_note)(total, multiple)),
            ..self.chart(id, title, ChartKind::Bar, t.table_tag)
        }
    }

    fn group_trend(&self, id: &str, title: &str, group: GroupId) -> ChartModel {
        let codebook = self.project.codebook();
        let tally = &self.tally;
        ChartModel {
            categories: tally.buckets.labels(),
            series: codebook
                .tags_in(group)
                .map(|tag| Series {
                    name: tag_name(codebook, tag),
                    values: tally.tag_buckets(tag.id),
                    colour: Some(tag.colour.clone()),
                })
                .collect(),
            share_of: Some(tally.bucket_totals.clone()),
            note: Some(report_texts(self.lang).bucket_share_note.to_owned()),
            ..self.chart(id, title, ChartKind::StackedBar, self.bucket_label(&tally.buckets))
        }
    }

    fn tag_by_channel(&self, id: &str, title: &str, group: GroupId, multiple: bool) -> ChartModel {
        let codebook = self.project.codebook();
        let tally = &self.tally;
        let t = report_texts(self.lang);
        ChartModel {
            categories: tally.channels.iter().map(|c| self.channel_name(c)).collect(),
            series: codebook
                .tags_in(group)
                .map(|tag| Series {
                    name: tag_name(codebook, tag),
                    values: tally.tag_channels(tag.id),
                    colour: Some(tag.colour.clone()),
                })
                .collect(),
            show_total: !multiple,
            note: Some(match multiple {
                true => format!("{} {}", t.tags_not_comments, (t.crosstab_note)(false)),
                false => (t.crosstab_note)(false),
            }),
            residuals: Some(significance::judged_residuals(
                &(0..tally.channels.len())
                    .map(|channel| {
                        codebook
                            .tags_in(group)
                            .map(|tag| tally.tag_channels(tag.id).get(channel).copied().unwrap_or(0))
                            .collect()
                    })
                    .collect::<Vec<Vec<u64>>>(),
            )),
            ..self.chart(id, title, ChartKind::StackedBar, t.channel)
        }
    }

    fn risers(&self, id: &str, title: &str, group: GroupId) -> ChartModel {
        let codebook = self.project.codebook();
        let mut risen: Vec<(&Tag, u64, u64)> = codebook
            .tags_in(group)
            .map(|tag| (tag, self.previous.tag_total(tag.id), self.tally.tag_total(tag.id)))
            .filter(|(_, before, now)| now > before)
            .collect();
        sort_by(&mut risen, |a, b| (b.2 - b.1).cmp(&(a.2 - a.1)).then_with(|| b.2.cmp(&a.2)));
        risen.truncate(RISERS_SHOWN);
        let t = report_texts(self.lang);
        ChartModel {
            categories: risen
                .iter()
                .map(|(tag, before, now)| format!("{} (+{})", tag_name(codebook, tag), now - before))
                .collect(),
            series: vec![
                Series {
                    name: t.previous.to_owned(),
                    values: risen.iter().map(|r| r.1).collect(),
                    colour: Some("#9e9e9e".to_owned()),
                },
                Series {
                    name: t.current.to_owned(),
                    values: risen.iter().map(|r| r.2).collect(),
                    colour: Some("#1565c0".to_owned()),
                },
            ],
            tested: Some(
                risen
                    .iter()
                    .map(|(tag, before, now)| {
                        let significant = significance::is_significant(
                            *now,
                            self.tally.comments,
                            *before,
                            self.previous.comments,
                        );
                        Tested { tag: tag_name(codebook, tag), significant }
                    })
                    .collect(),
            ),
            note: Some(if risen.is_empty() { t.no_risers } else { t.significance_note }.to_owned()),
            ..self.chart(id, title, ChartKind::Bar, t.table_tag)
        }
    }

    fn terms(&self, id: &str, title: &str, layout: &ReportLayout, cache: &mut TermCache) -> ChartModel {
        let synonyms = terms::Synonyms::parse(&layout.synonyms);
        let stop = terms::stop_words(&layout.stop_words);
        let comments = self.project.comments();
        let normalized = self.positions.iter().map(|&position| (position, comments[position].normalized()));
        let found = cache.frequent(normalized, &synonyms, &stop, TERMS_SHOWN);
        let t = report_texts(self.lang);
        ChartModel {
            categories: found.iter().map(|f| f.term.clone()).collect(),
            series: vec![Series {
                name: t.table_comments.to_owned(),
                values: found.iter().map(|f| f.comments).collect(),
                colour: None,
            }],
            share_of: Some(vec![self.current.len() as u64; found.len()]),
            note: Some(t.terms_note.to_owned()),
            ..self.chart(id, title, ChartKind::Bar, t.term)
        }
    }
}

impl Context<'_> {
    /// Comments per value of an attribute column, this period against the previous one, with
    /// each value's change tested.
    fn attribute(&self, id: &str, title: &str, name: &str) -> ChartModel {
        let codebook = self.project.codebook();
        let both: Vec<&Comment> = self.current.iter().chain(&self.previous_comments).copied().collect();
        let classified = classify(&Dimension::Attribute(name.to_owned()), &both, codebook, self.lang);
        let (now, before) = classified.of.split_at(self.current.len());
        let count = |part: &[Vec<usize>]| {
            let mut totals = vec![0u64; classified.labels.len()];
            part.iter().flatten().for_each(|value| totals[*value] += 1);
            totals
        };
        let (now, before) = (count(now), count(before));
        let (n_now, n_before) = (self.current.len() as u64, self.previous_comments.len() as u64);
        let t = report_texts(self.lang);
        let tested = classified
            .labels
            .iter()
            .zip(now.iter().zip(&before))
            .map(|(label, (x1, x2))| Tested {
                tag: label.clone(),
                significant: significance::is_significant(*x1, n_now, *x2, n_before),
            })
            .collect();
        ChartModel {
            categories: classified.labels.clone(),
            series: vec![
                Series { name: t.current.to_owned(), values: now, colour: Some("#1565c0".to_owned()) },
                Series { name: t.previous.to_owned(), values: before, colour: Some("#9e9e9e".to_owned()) },
            ],
            series_share_of: Some(vec![n_now, n_before]),
            tested: Some(tested),
            note: Some((t.attribute_note)(n_now, n_before)),
            ..self.chart(id, title, ChartKind::Bar, name)
        }
    }

    /// Comments counted by two dimensions: rows against columns, with row shares and the
    /// adjusted residual of every cell.
    fn crosstab(&self, id: &str, title: &str, rows: &Dimension, columns: &Dimension) -> ChartModel {
        let codebook = self.project.codebook();
        let by_rows: Classified = classify(rows, &self.current, codebook, self.lang);
        let by_columns: Classified = classify(columns, &self.current, codebook, self.lang);
        let counts = cross_counts(&by_rows, &by_columns);
        let residuals = significance::judged_residuals(&counts);
        let series = by_columns
            .labels
            .iter()
            .enumerate()
            .map(|(c, label)| Series {
                name: label.clone(),
                values: counts.iter().map(|row| row[c]).collect(),
                colour: by_columns.colours.as_ref().and_then(|colours| colours.get(c).cloned()),
            })
            .collect();
        let multiple = by_rows.multiple || by_columns.multiple;
        ChartModel {
            categories: by_rows.labels.clone(),
            series,
            share_of: Some(counts.iter().map(|row| row.iter().sum()).collect()),
            show_total: true,
            residuals: Some(residuals),
            note: Some((report_texts(self.lang).crosstab_note)(multiple)),
            ..self.chart(id, title, ChartKind::StackedBar, &dimension_name(rows, codebook, self.lang))
        }
    }

    /// The co-occurrence network of the period's frequent words.
    fn cooccurrence(
        &self,
        id: &str,
        title: &str,
        edges: u32,
        layout: &ReportLayout,
        cache: &mut TermCache,
    ) -> ChartModel {
        let synonyms = terms::Synonyms::parse(&layout.synonyms);
        let stop = terms::stop_words(&layout.stop_words);
        let comments = self.project.comments();
        let texts = || self.positions.iter().map(|&position| (position, comments[position].normalized()));
        let frequent = cache.frequent(texts(), &synonyms, &stop, network::NETWORK_WORDS);
        let words: Vec<String> = frequent.iter().map(|f| f.term.clone()).collect();
        let presence = cache.presence(texts(), &synonyms, &words);
        let found = network::cooccurrence(&frequent, &presence, edges as usize);
        let t = report_texts(self.lang);
        let word = |index: usize| found.nodes.get(index).map(|n| n.term.as_str()).unwrap_or_default();
        ChartModel {
            categories: found.edges.iter().map(|e| format!("{} – {}", word(e.from), word(e.to))).collect(),
            series: vec![Series {
                name: t.network_columns[2].to_owned(),
                values: found.edges.iter().map(|e| e.both).collect(),
                colour: None,
            }],
            note: Some((t.network_note)(found.nodes.len(), found.edges.len())),
            network: Some(found),
            ..self.chart(id, title, ChartKind::Network, t.network_columns[0])
        }
    }

    /// The opening sentences, from the key figures and the topic group's changes.
    fn summary(&self, layout: &ReportLayout) -> Summary {
        let project = self.project;
        let codebook = project.codebook();
        let kpi = self.kpi();
        let topic = layout
            .sections
            .iter()
            .find_map(|s| match s.kind {
                SectionKind::Risers(g) => Some(g),
                _ => None,
            })
            .filter(|g| codebook.group(*g).is_some())
            .or_else(|| crate::project::layout::topic_group(codebook));
        let changes = topic
            .map(|group| {
                codebook
                    .tags_in(group)
                    .map(|tag| {
                        let (now, before) = (self.tally.tag_total(tag.id), self.previous.tag_total(tag.id));
                        TagChange {
                            name: tag_name(codebook, tag),
                            before,
                            now,
                            significant: significance::is_significant(
                                now,
                                self.tally.comments,
                                before,
                                self.previous.comments,
                            ),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let first = |wanted: &dyn Fn(&SectionKind) -> bool| {
            layout.sections.iter().find(|s| wanted(&s.kind)).map(|s| s.id.clone())
        };
        let kpi_section = first(&|k| *k == SectionKind::Kpi);
        let links = SummaryLinks {
            volume: kpi_section.clone().or_else(|| first(&|k| *k == SectionKind::Volume)),
            changes: first(&|k| topic.is_some_and(|g| *k == SectionKind::Risers(g)))
                .or_else(|| first(&|k| topic.is_some_and(|g| *k == SectionKind::Distribution(g)))),
            largest: first(&|k| topic.is_some_and(|g| *k == SectionKind::Distribution(g))),
            kpi: kpi_section,
        };
        let facts = SummaryFacts {
            comments: self.tally.comments,
            previous: self.previous.comments,
            year_ago: kpi.year_ago.other.max(0.0) as u64,
            changes,
            negative: kpi.negative_share,
            response: kpi.response.clone(),
        };
        let period_key = self.period.key();
        Summary {
            sentences: summary::sentences(&facts, &links, self.lang),
            rewritten: layout.summary(&period_key).map(str::to_owned),
            period_key,
        }
    }
}

/// Computes the report of `period` from the project and its report layout. Quotes and the
/// appendix are masked when `mask` is set (the default in the app).
pub fn build_report(project: &Project, period: Period, lang: Lang, mask: bool) -> ReportModel {
    build_report_with(project, period, lang, mask, &mut TermCache::default())
}

/// [`build_report`], keeping the words of the comments' texts in `terms` for the next report of
/// the same comments (the app recomputes the report after every edit).
pub fn build_report_with(
    project: &Project,
    period: Period,
    lang: Lang,
    mask: bool,
    terms: &mut TermCache,
) -> ReportModel {
    let comments = project.comments();
    let Found { positions, previous, year_ago, undated } = Found::of(project.comment_days(), &period);
    let current: Vec<&Comment> = positions.iter().map(|&position| &comments[position]).collect();
    let previous_comments: Vec<&Comment> = previous.iter().map(|&position| &comments[position]).collect();
    let context = Context {
        project,
        period,
        lang,
        mask,
        tally: Tally::of(&current, Buckets::of(&period), project.codebook()),
        previous: Tally::of(&previous_comments, Buckets::of(&period.previous()), project.codebook()),
        current,
        positions,
        previous_comments,
        year_ago,
        undated,
        kpi: std::cell::OnceCell::new(),
    };
    let layout = project.report();
    let codebook = project.codebook();
    let sections = layout
        .sections
        .iter()
        .map(|section| {
            let group = section.kind.group().and_then(|id| codebook.group(id));
            let missing = section.kind.groups().iter().any(|id| codebook.group(*id).is_none());
            let subject = match &section.kind {
                SectionKind::Attribute(name) => name.clone(),
                SectionKind::CrossTab(rows, columns) => format!(
                    "{} × {}",
                    dimension_name(rows, codebook, lang),
                    dimension_name(columns, codebook, lang)
                ),
                _ => group.map_or(String::new(), |g| g.name.clone()),
            };
            let title = if section.title.is_empty() {
                (report_texts(lang).section_title)(&section.kind, &subject)
            } else {
                section.title.clone()
            };
            let id = section.id.as_str();
            let multiple = group.is_some_and(|g| g.multiple);
            let body = match &section.kind {
                _ if missing => SectionBody::MissingGroup,
                SectionKind::Kpi => SectionBody::Kpi(context.kpi().clone()),
                SectionKind::Volume => SectionBody::Chart(context.volume(id, &title)),
                SectionKind::Distribution(g) => {
                    SectionBody::Chart(context.distribution(id, &title, *g, multiple))
                }
                SectionKind::GroupTrend(g) => SectionBody::Chart(context.group_trend(id, &title, *g)),
                SectionKind::TagByChannel(g) => {
                    SectionBody::Chart(context.tag_by_channel(id, &title, *g, multiple))
                }
                SectionKind::Risers(g) => SectionBody::Chart(context.risers(id, &title, *g)),
                SectionKind::Terms => SectionBody::Chart(context.terms(id, &title, layout, terms)),
                SectionKind::Attribute(name) => SectionBody::Chart(context.attribute(id, &title, name)),
                SectionKind::CrossTab(rows, columns) => {
                    SectionBody::Chart(context.crosstab(id, &title, rows, columns))
                }
                SectionKind::Cooccurrence(edges) => {
                    SectionBody::Chart(context.cooccurrence(id, &title, *edges, layout, terms))
                }
                SectionKind::Summary => SectionBody::Summary(context.summary(layout)),
                SectionKind::Quotes => {
                    let pinned: Vec<&Comment> =
                        layout.quotes.iter().filter_map(|id| project.comment(*id)).collect();
                    let (inside, outside): (Vec<&Comment>, Vec<&Comment>) =
                        pinned.into_iter().partition(|c| c.date.is_some_and(|d| period.contains(d)));
                    SectionBody::Quotes {
                        quotes: inside.into_iter().map(|c| context.quote(c)).collect(),
                        outside: outside.len(),
                    }
                }
                SectionKind::Commentary => SectionBody::Text,
                SectionKind::Appendix => SectionBody::Appendix {
                    rows: context.current.iter().take(APPENDIX_ROWS).map(|c| context.quote(c)).collect(),
                    total: context.current.len(),
                },
            };
            // A period without comments has nothing to draw: each chart says so in one line.
            let body = match body {
                SectionBody::Chart(_) if context.current.is_empty() => {
                    SectionBody::Empty(report_texts(lang).section_empty.to_owned())
                }
                body => body,
            };
            SectionModel {
                id: section.id.clone(),
                kind: section.kind.clone(),
                title,
                commentary: section.commentary.clone(),
                body,
            }
        })
        .collect();
    ReportModel { period, lang, comments: context.current.len(), sections, comparison: Vec::new() }
}

#[cfg(test)]
mod tests;
