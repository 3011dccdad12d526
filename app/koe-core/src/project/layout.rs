//! What a report contains and in which order: its sections, the pinned quotes and the word
//! lists of the frequent-terms section. Stored in the project and changed by a command, so
//! every layout edit can be undone; saved as a template to reuse next period.

use crate::project::codebook::{Codebook, GroupId};
use crate::project::comment::CommentId;
use crate::text::lang::Lang;

/// A way to split a period's comments for a breakdown or a cross-tab: by the tags of a group,
/// by channel, or by the values of a column kept as an attribute (a survey's 業種, say).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Dimension {
    /// The tags of a tag group.
    Group(GroupId),
    /// The channel.
    Channel,
    /// The values of an attribute column, by its name.
    Attribute(String),
}

impl Dimension {
    /// A stable text form for a `<select>`'s option value: `group:3`, `channel`, `attribute:業種`.
    pub fn value(&self) -> String {
        match self {
            Dimension::Group(id) => format!("group:{}", id.0),
            Dimension::Channel => "channel".to_owned(),
            Dimension::Attribute(name) => format!("attribute:{name}"),
        }
    }

    /// The dimension a [`Dimension::value`] names.
    pub fn parse(value: &str) -> Option<Dimension> {
        if value == "channel" {
            return Some(Dimension::Channel);
        }
        if let Some(id) = value.strip_prefix("group:") {
            return id.parse().ok().map(|id| Dimension::Group(GroupId(id)));
        }
        value
            .strip_prefix("attribute:")
            .filter(|name| !name.is_empty())
            .map(|n| Dimension::Attribute(n.to_owned()))
    }
}

/// Edges a co-occurrence network shows unless the author moves its slider.
pub const DEFAULT_NETWORK_EDGES: u32 = 60;
/// The most edges the slider allows.
pub const MAX_NETWORK_EDGES: u32 = 150;

/// What a section needs chosen before it can be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionNeeds {
    /// Nothing.
    Nothing,
    /// A tag group.
    Group,
    /// An attribute column.
    Attribute,
    /// Two dimensions, for rows and for columns.
    Dimensions,
}

/// What the "add section" menu had chosen when the section was added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionChoice {
    /// The tag group.
    pub group: Option<GroupId>,
    /// The attribute column.
    pub attribute: Option<String>,
    /// A cross-tab's rows.
    pub rows: Option<Dimension>,
    /// A cross-tab's columns.
    pub columns: Option<Dimension>,
}

/// What a section shows.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SectionKind {
    /// Headline figures against the previous period and a year earlier.
    Kpi,
    /// Comments per day, week or month of the period, by channel.
    Volume,
    /// How the period's comments spread over one tag group, as counts and shares of comments.
    Distribution(GroupId),
    /// One tag group's shares per day, week or month (the sentiment trend, say).
    GroupTrend(GroupId),
    /// One tag group's tags per channel.
    TagByChannel(GroupId),
    /// The tags of a group that grew most against the previous period.
    Risers(GroupId),
    /// The words that occur in most comments.
    Terms,
    /// Comments pinned from the grid.
    Quotes,
    /// The author's own text only.
    Commentary,
    /// The period's comments as a table.
    Appendix,
    /// The comments per value of an attribute column, against the previous period.
    Attribute(String),
    /// Comments counted by two dimensions at once (rows, columns), with row shares.
    CrossTab(Dimension, Dimension),
    /// Which frequent words occur together, showing this many of the strongest links.
    Cooccurrence(u32),
    /// A few sentences written from the report's own figures, opening the report.
    Summary,
}

impl SectionKind {
    /// The kinds the "add section" menu offers, in order, each with what it needs chosen.
    pub const MENU: [(&'static str, SectionNeeds); 14] = [
        ("summary", SectionNeeds::Nothing),
        ("kpi", SectionNeeds::Nothing),
        ("volume", SectionNeeds::Nothing),
        ("distribution", SectionNeeds::Group),
        ("trend", SectionNeeds::Group),
        ("by-channel", SectionNeeds::Group),
        ("risers", SectionNeeds::Group),
        ("attribute", SectionNeeds::Attribute),
        ("crosstab", SectionNeeds::Dimensions),
        ("terms", SectionNeeds::Nothing),
        ("cooccurrence", SectionNeeds::Nothing),
        ("quotes", SectionNeeds::Nothing),
        ("commentary", SectionNeeds::Nothing),
        ("appendix", SectionNeeds::Nothing),
    ];

    /// A short stable name, used in section ids and the menu.
    pub fn slug(&self) -> &'static str {
        match self {
            SectionKind::Kpi => "kpi",
            SectionKind::Volume => "volume",
            SectionKind::Distribution(_) => "distribution",
            SectionKind::GroupTrend(_) => "trend",
            SectionKind::TagByChannel(_) => "by-channel",
            SectionKind::Risers(_) => "risers",
            SectionKind::Terms => "terms",
            SectionKind::Quotes => "quotes",
            SectionKind::Commentary => "commentary",
            SectionKind::Appendix => "appendix",
            SectionKind::Attribute(_) => "attribute",
            SectionKind::CrossTab(..) => "crosstab",
            SectionKind::Cooccurrence(_) => "cooccurrence",
            SectionKind::Summary => "summary",
        }
    }

    /// The kind named by `slug`, with what the menu had chosen where the kind needs it.
    pub fn from_slug(slug: &str, choice: SectionChoice) -> Option<SectionKind> {
        Some(match slug {
            "kpi" => SectionKind::Kpi,
            "volume" => SectionKind::Volume,
            "distribution" => SectionKind::Distribution(choice.group?),
            "trend" => SectionKind::GroupTrend(choice.group?),
            "by-channel" => SectionKind::TagByChannel(choice.group?),
            "risers" => SectionKind::Risers(choice.group?),
            "terms" => SectionKind::Terms,
            "quotes" => SectionKind::Quotes,
            "commentary" => SectionKind::Commentary,
            "appendix" => SectionKind::Appendix,
            "attribute" => SectionKind::Attribute(choice.attribute?),
            "crosstab" => SectionKind::CrossTab(choice.rows?, choice.columns?),
            "cooccurrence" => SectionKind::Cooccurrence(DEFAULT_NETWORK_EDGES),
            "summary" => SectionKind::Summary,
            _ => return None,
        })
    }

    /// The tag group the section is about, if any.
    pub fn group(&self) -> Option<GroupId> {
        match self {
            SectionKind::Distribution(g)
            | SectionKind::GroupTrend(g)
            | SectionKind::TagByChannel(g)
            | SectionKind::Risers(g) => Some(*g),
            _ => None,
        }
    }

    /// Every tag group the section reads, a cross-tab's included: the section cannot be
    /// computed once one of them is deleted.
    pub fn groups(&self) -> Vec<GroupId> {
        match self {
            SectionKind::CrossTab(rows, columns) => [rows, columns]
                .into_iter()
                .filter_map(|d| match d {
                    Dimension::Group(g) => Some(*g),
                    _ => None,
                })
                .collect(),
            other => other.group().into_iter().collect(),
        }
    }
}

/// One section of the report.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Stable identity within the layout (`data-chart` of its chart, `data-section`).
    pub id: String,
    /// What it shows.
    pub kind: SectionKind,
    /// The author's title; empty means the default title in the report's language.
    pub title: String,
    /// The author's commentary, printed under the section's figures.
    pub commentary: String,
}

/// A report's sections in order, the quotes pinned from the grid, and the word lists of the
/// frequent-terms section.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportLayout {
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Comments pinned as representative quotes, in the order they were pinned.
    pub quotes: Vec<CommentId>,
    /// One line per word with its variants: `Wi-Fi = WIFI = ワイファイ`.
    pub synonyms: String,
    /// Words the frequent-terms section leaves out, one per line or comma-separated.
    pub stop_words: String,
    /// The summaries the author rewrote, each with the period it belongs to
    /// (its first and last day, `2026-10-01..2026-10-31`): an edit stays with its period.
    pub summaries: Vec<(String, String)>,
}

/// The group a "sentiment" section is about: the one named 感情 / sentiment, else the first
/// single-choice group.
fn sentiment_group(codebook: &Codebook) -> Option<GroupId> {
    let named =
        codebook.groups.iter().find(|g| ["感情", "sentiment"].contains(&g.name.to_lowercase().as_str()));
    named.or_else(|| codebook.groups.iter().find(|g| !g.multiple)).map(|g| g.id)
}

/// The group of topics: the first multi-choice group, else the first group.
pub(crate) fn topic_group(codebook: &Codebook) -> Option<GroupId> {
    codebook.groups.iter().find(|g| g.multiple).or(codebook.groups.first()).map(|g| g.id)
}

impl ReportLayout {
    /// The layout of the default monthly report 「月次お客様の声レポート」 for this codebook.
    pub fn monthly(codebook: &Codebook) -> ReportLayout {
        let sentiment = sentiment_group(codebook);
        let topic = topic_group(codebook);
        let kinds = [
            Some(SectionKind::Summary),
            Some(SectionKind::Kpi),
            Some(SectionKind::Volume),
            sentiment.map(SectionKind::Distribution),
            sentiment.map(SectionKind::GroupTrend),
            topic.map(SectionKind::Distribution),
            topic.map(SectionKind::TagByChannel),
            topic.map(SectionKind::Risers),
            Some(SectionKind::Terms),
            Some(SectionKind::Quotes),
            Some(SectionKind::Commentary),
            Some(SectionKind::Appendix),
        ];
        kinds.into_iter().flatten().fold(ReportLayout::default(), |layout, kind| layout.with_section(kind))
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// This layout with a new section of `kind` at the end; its id is the kind's slug,
    /// numbered when the slug is taken (`distribution-2`).
    pub fn with_section(&self, kind: SectionKind) -> ReportLayout {
        let slug = kind.slug();
        let id = (1..)
            .map(|n| if n == 1 { slug.to_owned() } else { format!("{slug}-{n}") })
            .find(|id| self.section(id).is_none())
            .unwrap_or_else(|| slug.to_owned());
        let mut next = self.clone();
        next.sections.push(Section { id, kind, title: String::new(), commentary: String::new() });
        next
    }

    /// This layout without the section `id`.
    pub fn without_section(&self, id: &str) -> ReportLayout {
        let mut next = self.clone();
        next.sections.retain(|s| s.id != id);
        next
    }

    /// This layout with section `id` moved one place up (or down).
    pub fn moved(&self, id: &str, up: bool) -> ReportLayout {
        let mut next = self.clone();
        if let Some(index) = next.sections.iter().position(|s| s.id == id) {
            let other = if up { index.checked_sub(1) } else { Some(index + 1) };
            if let Some(other) = other.filter(|o| *o < next.sections.len()) {
                next.sections.swap(index, other);
            }
        }
        next
    }

    /// This layout with section `id` showing `kind` instead (a network's number of links).
    pub fn with_kind(&self, id: &str, kind: SectionKind) -> ReportLayout {
        let mut next = self.clone();
        if let Some(section) = next.sections.iter_mut().find(|s| s.id == id) {
            section.kind = kind;
        }
        next
    }

    /// This layout with section `id`'s title and commentary replaced.
    pub fn with_text(&self, id: &str, title: &str, commentary: &str) -> ReportLayout {
        let mut next = self.clone();
        if let Some(section) = next.sections.iter_mut().find(|s| s.id == id) {
            section.title = title.trim().to_owned();
            section.commentary = commentary.trim_end().to_owned();
        }
        next
    }

    /// The summary the author wrote for the period `period_key`, if any.
    pub fn summary(&self, period_key: &str) -> Option<&str> {
        self.summaries.iter().find(|(key, _)| key == period_key).map(|(_, text)| text.as_str())
    }

    /// This layout with the summary of period `period_key` rewritten; an empty text goes back
    /// to the written one.
    pub fn with_summary(&self, period_key: &str, text: &str) -> ReportLayout {
        let mut next = self.clone();
        next.summaries.retain(|(key, _)| key != period_key);
        let text = text.trim();
        if !text.is_empty() {
            next.summaries.push((period_key.to_owned(), text.to_owned()));
        }
        next
    }

    /// This layout with `comment` pinned as a quote (or unpinned).
    pub fn with_quote(&self, comment: CommentId, pinned: bool) -> ReportLayout {
        let mut next = self.clone();
        next.quotes.retain(|q| *q != comment);
        if pinned {
            next.quotes.push(comment);
        }
        next
    }
}

/// Which kind of period a template starts the report with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TemplatePeriod {
    /// The last complete month.
    Month,
    /// The fiscal quarter.
    Quarter,
    /// A week.
    Week,
}

/// A saved layout and settings, reused next period: sections with their titles (commentary
/// is per period, so it is not kept), word lists, period kind and fiscal-year start.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Template {
    /// Name the user gave it.
    pub name: String,
    /// The layout, without commentary and quotes.
    pub layout: ReportLayout,
    /// The kind of period.
    pub period: TemplatePeriod,
    /// The month the fiscal year starts in (4 = April).
    pub fiscal_start: u32,
}

impl Template {
    /// The shipped template 「月次お客様の声レポート」.
    pub fn monthly_default(codebook: &Codebook, lang: Lang) -> Template {
        Template {
            name: match lang {
                Lang::Ja => "月次お客様の声レポート".to_owned(),
                Lang::En => "Monthly customer voice report".to_owned(),
            },
            layout: ReportLayout::monthly(codebook),
            period: TemplatePeriod::Month,
            fiscal_start: 4,
        }
    }

    /// A template of `layout`: commentary and pinned quotes belong to one period and are left out.
    pub fn from_layout(
        name: &str,
        layout: &ReportLayout,
        period: TemplatePeriod,
        fiscal_start: u32,
    ) -> Template {
        let mut layout = layout.clone();
        layout.quotes.clear();
        layout.summaries.clear();
        for section in &mut layout.sections {
            section.commentary.clear();
        }
        Template { name: name.trim().to_owned(), layout, period, fiscal_start }
    }

    /// The layout a report gets when this template is applied to it: the template's sections
    /// and word lists, the report's own pinned quotes and rewritten summaries.
    pub fn applied_to(&self, current: &ReportLayout) -> ReportLayout {
        ReportLayout {
            quotes: current.quotes.clone(),
            summaries: current.summaries.clone(),
            ..self.layout.clone()
        }
    }
}

impl Template {
    /// `templates` with `template` saved among them: one of the same name is replaced, and the
    /// saved one goes last (the newest at the end of the menu).
    pub fn saved_among(templates: &[Template], template: Template) -> Vec<Template> {
        let mut saved: Vec<Template> =
            templates.iter().filter(|t| t.name != template.name).cloned().collect();
        saved.push(template);
        saved
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn saving_a_template_replaces_the_one_of_the_same_name_and_puts_it_last() {
        let layout = ReportLayout::monthly(&Codebook::starter());
        let named = |name: &str, fiscal_start| {
            Template::from_layout(name, &layout, TemplatePeriod::Month, fiscal_start)
        };
        let one = Template::saved_among(&[], named("月報", 4));
        let two = Template::saved_among(&one, named("四半期", 4));
        assert_eq!(two.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["月報", "四半期"]);
        let again = Template::saved_among(&two, named("月報", 1));
        assert_eq!(again.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["四半期", "月報"]);
        assert_eq!(again[1].fiscal_start, 1, "the newer one replaced the older");
    }

    use super::*;

    #[test]
    fn the_monthly_layout_covers_sentiment_and_topics_with_unique_ids() {
        let codebook = Codebook::starter();
        let layout = ReportLayout::monthly(&codebook);
        let ids: Vec<&str> = layout.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "summary",
                "kpi",
                "volume",
                "distribution",
                "trend",
                "distribution-2",
                "by-channel",
                "risers",
                "terms",
                "quotes",
                "commentary",
                "appendix"
            ]
        );
        let sentiment = codebook.groups.iter().find(|g| g.name == "感情").map(|g| g.id);
        assert_eq!(layout.sections[3].kind.group(), sentiment);
        let topic = codebook.groups.iter().find(|g| g.name == "トピック").map(|g| g.id);
        assert_eq!(layout.sections[5].kind.group(), topic);
    }

    #[test]
    fn sections_move_and_go_and_texts_and_quotes_change() {
        let layout = ReportLayout::monthly(&Codebook::starter());
        let moved = layout.moved("volume", true).moved("volume", true);
        assert_eq!(moved.sections[0].id, "volume");
        assert_eq!(moved.moved("volume", true), moved, "the first stays first");
        let last = layout.sections.len() - 1;
        assert_eq!(layout.moved("appendix", false), layout, "the last stays last");
        let gone = layout.without_section("terms");
        assert!(gone.section("terms").is_none() && gone.sections.len() == last);
        let again = gone.with_section(SectionKind::Terms);
        assert_eq!(again.sections[last].id, "terms", "a freed id is reused");
        let texted = layout.with_text("kpi", "  今月の数字 ", "所感です。\n");
        assert_eq!(
            texted.section("kpi").map(|s| (s.title.as_str(), s.commentary.as_str())),
            Some(("今月の数字", "所感です。"))
        );
        let pinned = layout
            .with_quote(CommentId(3), true)
            .with_quote(CommentId(1), true)
            .with_quote(CommentId(3), true);
        assert_eq!(pinned.quotes, [CommentId(1), CommentId(3)]);
        assert_eq!(pinned.with_quote(CommentId(1), false).quotes, [CommentId(3)]);
    }

    #[test]
    fn a_template_keeps_the_layout_but_not_one_periods_words() {
        let codebook = Codebook::starter();
        let mut layout = ReportLayout::monthly(&codebook)
            .with_text("kpi", "指標", "4月は増えた")
            .with_quote(CommentId(7), true);
        layout.synonyms = "Wi-Fi = ワイファイ".into();
        let template = Template::from_layout(" 私の月報 ", &layout, TemplatePeriod::Quarter, 1);
        assert_eq!(template.name, "私の月報");
        assert_eq!(
            template.layout.section("kpi").map(|s| (s.title.as_str(), s.commentary.as_str())),
            Some(("指標", ""))
        );
        assert!(template.layout.quotes.is_empty());
        let next_month = ReportLayout::default().with_quote(CommentId(9), true);
        let applied = template.applied_to(&next_month);
        assert_eq!(applied.quotes, [CommentId(9)], "the report keeps its own quotes");
        assert_eq!(applied.synonyms, "Wi-Fi = ワイファイ");
        assert_eq!(applied.sections.len(), layout.sections.len());
        assert_eq!(Template::monthly_default(&codebook, Lang::Ja).name, "月次お客様の声レポート");
    }
}
