//! The report model: plain data computed from the project for one period, section by section,
//! rendered by the UI and by every export alike.

pub mod buckets;
pub mod kpi;
pub mod kwic;
pub mod period;
pub mod significance;
pub mod tally;
pub mod terms;
pub mod texts;

use crate::project::Project;
use crate::project::codebook::{Codebook, GroupId, Tag};
use crate::project::comment::{Comment, CommentId};
pub use crate::project::layout::{ReportLayout, Section, SectionKind, Template, TemplatePeriod};
use crate::report::kpi::{KpiSummary, comments_in, kpi_from_tallies};
use crate::report::period::Period;
use crate::report::texts::report_texts;
use crate::text::lang::Lang;
use crate::text::mask::mask;
use buckets::{BucketSize, Buckets};
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
}

impl ReportModel {
    /// Every chart of the report, in order.
    pub fn charts(&self) -> impl Iterator<Item = &ChartModel> {
        self.sections.iter().filter_map(|s| match &s.body {
            SectionBody::Chart(chart) => Some(chart),
            _ => None,
        })
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Bars per category, the series stacked.
    StackedBar,
    /// Bars per category, side by side.
    Bar,
}

/// One chart and the numbers of its data table.
#[derive(Clone, Debug, PartialEq, Eq)]
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
}

/// Series colours when a series is not a tag: ECharts' default palette, so the app and the
/// exports agree.
pub const PALETTE: [&str; 9] =
    ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"];

/// A chart's data table as text cells: what the app, the HTML report and the xlsx show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataTable {
    /// Column headings.
    pub head: Vec<String>,
    /// One row per category; the first cell is the category.
    pub rows: Vec<Vec<String>>,
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
        let mut head = vec![self.category_label.clone()];
        for series in &self.series {
            head.push(series.name.clone());
            if self.share_of.is_some() {
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
        let totals = self.category_totals();
        let rows = self
            .categories
            .iter()
            .enumerate()
            .map(|(index, category)| {
                let mut row = vec![category.clone()];
                for series in &self.series {
                    let value = series.values.get(index).copied().unwrap_or(0);
                    row.push(value.to_string());
                    row.extend(self.share_cell(index, value));
                }
                if self.show_total {
                    row.push(totals[index].to_string());
                }
                row
            })
            .collect();
        DataTable { head, rows }
    }
}

/// `count` as a percentage of `of` to one decimal (`33.3%`); `—` when `of` is zero.
pub fn share_text(count: u64, of: u64) -> String {
    if of == 0 { "—".to_owned() } else { format!("{:.1}%", count as f64 * 100.0 / of as f64) }
}

/// The tag's name as charts show it: `親 › 子` for a sub-tag.
fn tag_name(codebook: &Codebook, tag: &Tag) -> String {
    match tag.parent.and_then(|p| codebook.tag(p)) {
        Some(parent) => format!("{} › {}", parent.name, tag.name),
        None => tag.name.clone(),
    }
}

/// What every section is computed from.
struct Context<'a> {
    project: &'a Project,
    lang: Lang,
    mask: bool,
    current: Vec<&'a Comment>,
    /// Where each of `current` is in the project's comments.
    positions: Vec<usize>,
    /// The period's comments counted once for every section.
    tally: Tally<'a>,
    /// The previous period's, for comparisons.
    previous: Tally<'a>,
}

impl Context<'_> {
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
            date: comment.date.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default(),
            channel: comment.channel.clone(),
            text: if self.mask { mask(&comment.text, self.lang) } else { comment.text.clone() },
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
            categories: Vec::new(),
            series: Vec::new(),
            note: None,
            share_of: None,
            show_total: false,
            category_colours: None,
            tested: None,
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
        let undated = self.project.comments().iter().filter(|c| c.date.is_none()).count() as u64;
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
            note: multiple.then(|| t.tags_not_comments.to_owned()),
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
        risen.sort_by(|a, b| (b.2 - b.1).cmp(&(a.2 - a.1)).then_with(|| b.2.cmp(&a.2)));
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
        let normalized =
            self.positions.iter().map(|&position| (position, comments[position].normalized.as_str()));
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
    let positions: Vec<usize> = (0..comments.len())
        .filter(|&position| comments[position].date.is_some_and(|d| period.contains(d)))
        .collect();
    let current: Vec<&Comment> = positions.iter().map(|&position| &comments[position]).collect();
    let previous_comments = comments_in(project, &period.previous());
    let context = Context {
        project,
        lang,
        mask,
        tally: Tally::of(&current, Buckets::of(&period), project.codebook()),
        previous: Tally::of(&previous_comments, Buckets::of(&period.previous()), project.codebook()),
        current,
        positions,
    };
    let layout = project.report();
    let codebook = project.codebook();
    let sections = layout
        .sections
        .iter()
        .map(|section| {
            let group = section.kind.group().map(|id| codebook.group(id));
            let group_name = group.flatten().map_or("", |g| g.name.as_str());
            let title = if section.title.is_empty() {
                (report_texts(lang).section_title)(section.kind, group_name)
            } else {
                section.title.clone()
            };
            let id = section.id.as_str();
            let multiple = group.flatten().is_some_and(|g| g.multiple);
            let body = match (section.kind, group) {
                (_, Some(None)) => SectionBody::MissingGroup,
                (SectionKind::Kpi, _) => SectionBody::Kpi(kpi_from_tallies(
                    project,
                    period,
                    &context.current,
                    &context.tally,
                    &context.previous,
                )),
                (SectionKind::Volume, _) => SectionBody::Chart(context.volume(id, &title)),
                (SectionKind::Distribution(g), _) => {
                    SectionBody::Chart(context.distribution(id, &title, g, multiple))
                }
                (SectionKind::GroupTrend(g), _) => SectionBody::Chart(context.group_trend(id, &title, g)),
                (SectionKind::TagByChannel(g), _) => {
                    SectionBody::Chart(context.tag_by_channel(id, &title, g, multiple))
                }
                (SectionKind::Risers(g), _) => SectionBody::Chart(context.risers(id, &title, g)),
                (SectionKind::Terms, _) => SectionBody::Chart(context.terms(id, &title, layout, terms)),
                (SectionKind::Quotes, _) => {
                    let pinned: Vec<&Comment> =
                        layout.quotes.iter().filter_map(|id| project.comment(*id)).collect();
                    let (inside, outside): (Vec<&Comment>, Vec<&Comment>) =
                        pinned.into_iter().partition(|c| c.date.is_some_and(|d| period.contains(d)));
                    SectionBody::Quotes {
                        quotes: inside.into_iter().map(|c| context.quote(c)).collect(),
                        outside: outside.len(),
                    }
                }
                (SectionKind::Commentary, _) => SectionBody::Text,
                (SectionKind::Appendix, _) => SectionBody::Appendix {
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
                kind: section.kind,
                title,
                commentary: section.commentary.clone(),
                body,
            }
        })
        .collect();
    ReportModel { period, lang, comments: context.current.len(), sections }
}

#[cfg(test)]
mod tests;
