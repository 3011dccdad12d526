//! The stored shapes of format 2 (and of the project file's versions 1 to 3, which share them),
//! as types of their own: the domain types can change freely, and this module says what the
//! bytes already in members' browsers and files are. Field order matters (autosave records are
//! positional): never reorder, rename or remove a field here; a new shape is a new module.
//!
//! Big texts are `Cow`, so writing borrows from the project instead of copying every comment.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::project::codebook as domain_codebook;
use crate::project::comment as domain_comment;
use crate::project::response as domain_response;
use crate::project::tagging as domain_tagging;
use crate::report as domain_report;

/// Where a comment came from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SourceRef<'a> {
    file: Cow<'a, str>,
    sheet: Option<Cow<'a, str>>,
    line: u64,
}

/// A comment's tags and who set them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Tagging {
    tags: BTreeSet<u32>,
    by_rule: BTreeSet<u32>,
    rejected: BTreeSet<u32>,
}

/// Where answering a comment stands (the order of the variants is stored).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub enum ResponseStatus {
    /// Not answered yet.
    #[default]
    Open,
    /// Being answered.
    InProgress,
    /// Answered.
    Done,
    /// Needs no answer.
    NotNeeded,
}

/// Whether and how a comment is answered.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Response<'a> {
    needed: bool,
    status: ResponseStatus,
    responded_on: Option<NaiveDate>,
    person: Cow<'a, str>,
    note: Cow<'a, str>,
}

/// A comment as autosave stores it (with its normalised text, kept as the app's own cache).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Comment<'a> {
    id: u32,
    text: Cow<'a, str>,
    date: Option<NaiveDateTime>,
    channel: Cow<'a, str>,
    author: Cow<'a, str>,
    url: Cow<'a, str>,
    external_id: Cow<'a, str>,
    attributes: Cow<'a, [(String, String)]>,
    source: SourceRef<'a>,
    normalized: Cow<'a, str>,
    tagging: Tagging,
    response: Response<'a>,
}

/// A comment as a project file stores it: the normalised text is not written (it is derived
/// again on opening), and one in an older file is ignored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileComment<'a> {
    id: u32,
    text: Cow<'a, str>,
    date: Option<NaiveDateTime>,
    channel: Cow<'a, str>,
    author: Cow<'a, str>,
    url: Cow<'a, str>,
    external_id: Cow<'a, str>,
    attributes: Cow<'a, [(String, String)]>,
    source: SourceRef<'a>,
    /// Written by versions 2 and earlier; ignored.
    #[serde(default, skip_serializing, rename = "normalized")]
    _normalized: Option<serde::de::IgnoredAny>,
    tagging: Tagging,
    response: Response<'a>,
}

/// A group of tags.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TagGroup {
    id: u32,
    name: String,
    multiple: bool,
}

/// A tag's keyword rule.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rule {
    any_of: Vec<String>,
    all_of: Vec<String>,
    none_of: Vec<String>,
    regex: Option<String>,
}

/// A tag.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Tag {
    id: u32,
    group: u32,
    name: String,
    colour: String,
    parent: Option<u32>,
    shortcut: Option<char>,
    rule: Rule,
}

/// The codebook.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Codebook {
    groups: Vec<TagGroup>,
    tags: Vec<Tag>,
}

/// What a report section shows (the order of the variants is stored).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum SectionKind {
    Kpi,
    Volume,
    Distribution(u32),
    GroupTrend(u32),
    TagByChannel(u32),
    Risers(u32),
    Terms,
    Quotes,
    Commentary,
    Appendix,
    Attribute(String),
    CrossTab(Dimension, Dimension),
    Cooccurrence(u32),
    Summary,
}

/// A way to split comments in a cross-tab (the order of the variants is stored).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Dimension {
    Group(u32),
    Channel,
    Attribute(String),
}

/// A report section.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Section {
    id: String,
    kind: SectionKind,
    title: String,
    commentary: String,
}

/// The report's layout.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportLayout {
    sections: Vec<Section>,
    quotes: Vec<u32>,
    synonyms: String,
    stop_words: String,
}

/// The period a template is for (the order of the variants is stored).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum TemplatePeriod {
    Month,
    Quarter,
    Week,
}

/// A saved report template.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Template {
    name: String,
    layout: ReportLayout,
    period: TemplatePeriod,
    fiscal_start: u32,
}

impl<'a> From<&'a domain_comment::SourceRef> for SourceRef<'a> {
    fn from(s: &'a domain_comment::SourceRef) -> Self {
        SourceRef { file: Cow::Borrowed(&s.file), sheet: s.sheet.as_deref().map(Cow::Borrowed), line: s.line }
    }
}

impl From<SourceRef<'_>> for domain_comment::SourceRef {
    fn from(s: SourceRef<'_>) -> Self {
        domain_comment::SourceRef { file: Arc::from(s.file), sheet: s.sheet.map(Arc::from), line: s.line }
    }
}

impl From<&domain_tagging::Tagging> for Tagging {
    fn from(t: &domain_tagging::Tagging) -> Self {
        let ids = |set: &BTreeSet<domain_codebook::TagId>| set.iter().map(|t| t.0).collect();
        Tagging { tags: ids(&t.tags), by_rule: ids(&t.by_rule), rejected: ids(&t.rejected) }
    }
}

impl From<Tagging> for domain_tagging::Tagging {
    fn from(t: Tagging) -> Self {
        let ids = |set: BTreeSet<u32>| set.into_iter().map(domain_codebook::TagId).collect();
        domain_tagging::Tagging { tags: ids(t.tags), by_rule: ids(t.by_rule), rejected: ids(t.rejected) }
    }
}

impl From<domain_response::ResponseStatus> for ResponseStatus {
    fn from(s: domain_response::ResponseStatus) -> Self {
        match s {
            domain_response::ResponseStatus::Open => ResponseStatus::Open,
            domain_response::ResponseStatus::InProgress => ResponseStatus::InProgress,
            domain_response::ResponseStatus::Done => ResponseStatus::Done,
            domain_response::ResponseStatus::NotNeeded => ResponseStatus::NotNeeded,
        }
    }
}

impl From<ResponseStatus> for domain_response::ResponseStatus {
    fn from(s: ResponseStatus) -> Self {
        match s {
            ResponseStatus::Open => domain_response::ResponseStatus::Open,
            ResponseStatus::InProgress => domain_response::ResponseStatus::InProgress,
            ResponseStatus::Done => domain_response::ResponseStatus::Done,
            ResponseStatus::NotNeeded => domain_response::ResponseStatus::NotNeeded,
        }
    }
}

impl<'a> From<&'a domain_response::Response> for Response<'a> {
    fn from(r: &'a domain_response::Response) -> Self {
        Response {
            needed: r.needed,
            status: r.status.into(),
            responded_on: r.responded_on,
            person: Cow::Borrowed(&r.person),
            note: Cow::Borrowed(&r.note),
        }
    }
}

impl From<Response<'_>> for domain_response::Response {
    fn from(r: Response<'_>) -> Self {
        domain_response::Response {
            needed: r.needed,
            status: r.status.into(),
            responded_on: r.responded_on,
            person: r.person.into_owned(),
            note: r.note.into_owned(),
        }
    }
}

impl<'a> From<&'a domain_comment::Comment> for Comment<'a> {
    fn from(c: &'a domain_comment::Comment) -> Self {
        Comment {
            id: c.id.0,
            text: Cow::Borrowed(&c.text),
            date: c.date,
            channel: Cow::Borrowed(&c.channel),
            author: Cow::Borrowed(&c.author),
            url: Cow::Borrowed(&c.url),
            external_id: Cow::Borrowed(&c.external_id),
            attributes: Cow::Borrowed(&c.attributes),
            source: (&c.source).into(),
            normalized: Cow::Borrowed(c.normalized()),
            tagging: (&*c.tagging).into(),
            response: (&*c.response).into(),
        }
    }
}

impl From<Comment<'_>> for domain_comment::Comment {
    fn from(c: Comment<'_>) -> Self {
        domain_comment::Comment {
            id: domain_comment::CommentId(c.id),
            normalized: domain_comment::Normalized::of(&c.text, c.normalized.into_owned()),
            text: c.text.into(),
            date: c.date,
            channel: Arc::from(c.channel),
            author: c.author.into(),
            url: c.url.into(),
            external_id: c.external_id.into(),
            attributes: c.attributes.into_owned(),
            source: c.source.into(),
            tagging: domain_tagging::Tagging::from(c.tagging).into(),
            response: domain_response::Response::from(c.response).into(),
        }
    }
}

impl<'a> From<&'a domain_comment::Comment> for FileComment<'a> {
    fn from(c: &'a domain_comment::Comment) -> Self {
        let Comment {
            id,
            text,
            date,
            channel,
            author,
            url,
            external_id,
            attributes,
            source,
            tagging,
            response,
            ..
        } = c.into();
        FileComment {
            id,
            text,
            date,
            channel,
            author,
            url,
            external_id,
            attributes,
            source,
            _normalized: None,
            tagging,
            response,
        }
    }
}

impl From<FileComment<'_>> for domain_comment::Comment {
    /// The normalised text is derived again, never taken from the file.
    fn from(c: FileComment<'_>) -> Self {
        let normalized = crate::text::normalize::normalize(&c.text);
        Comment {
            id: c.id,
            text: c.text,
            date: c.date,
            channel: c.channel,
            author: c.author,
            url: c.url,
            external_id: c.external_id,
            attributes: c.attributes,
            source: c.source,
            normalized: Cow::Owned(normalized),
            tagging: c.tagging,
            response: c.response,
        }
        .into()
    }
}

impl From<&domain_codebook::Codebook> for Codebook {
    fn from(c: &domain_codebook::Codebook) -> Self {
        Codebook {
            groups: c
                .groups
                .iter()
                .map(|g| TagGroup { id: g.id.0, name: g.name.clone(), multiple: g.multiple })
                .collect(),
            tags: c
                .tags
                .iter()
                .map(|t| Tag {
                    id: t.id.0,
                    group: t.group.0,
                    name: t.name.clone(),
                    colour: t.colour.clone(),
                    parent: t.parent.map(|p| p.0),
                    shortcut: t.shortcut,
                    rule: Rule {
                        any_of: t.rule.any_of.clone(),
                        all_of: t.rule.all_of.clone(),
                        none_of: t.rule.none_of.clone(),
                        regex: t.rule.regex.clone(),
                    },
                })
                .collect(),
        }
    }
}

impl From<Codebook> for domain_codebook::Codebook {
    fn from(c: Codebook) -> Self {
        use domain_codebook::{GroupId, TagId};
        domain_codebook::Codebook {
            groups: c
                .groups
                .into_iter()
                .map(|g| domain_codebook::TagGroup { id: GroupId(g.id), name: g.name, multiple: g.multiple })
                .collect(),
            tags: c
                .tags
                .into_iter()
                .map(|t| domain_codebook::Tag {
                    id: TagId(t.id),
                    group: GroupId(t.group),
                    name: t.name,
                    colour: t.colour,
                    parent: t.parent.map(TagId),
                    shortcut: t.shortcut,
                    rule: domain_codebook::Rule {
                        any_of: t.rule.any_of,
                        all_of: t.rule.all_of,
                        none_of: t.rule.none_of,
                        regex: t.rule.regex,
                    },
                })
                .collect(),
        }
    }
}

impl From<domain_report::Dimension> for Dimension {
    fn from(d: domain_report::Dimension) -> Self {
        use domain_report::Dimension as D;
        match d {
            D::Group(g) => Dimension::Group(g.0),
            D::Channel => Dimension::Channel,
            D::Attribute(name) => Dimension::Attribute(name),
        }
    }
}

impl From<Dimension> for domain_report::Dimension {
    fn from(d: Dimension) -> Self {
        use domain_report::Dimension as D;
        match d {
            Dimension::Group(g) => D::Group(domain_codebook::GroupId(g)),
            Dimension::Channel => D::Channel,
            Dimension::Attribute(name) => D::Attribute(name),
        }
    }
}

impl From<domain_report::SectionKind> for SectionKind {
    fn from(k: domain_report::SectionKind) -> Self {
        use domain_report::SectionKind as D;
        match k {
            D::Attribute(name) => SectionKind::Attribute(name),
            D::CrossTab(rows, columns) => SectionKind::CrossTab(rows.into(), columns.into()),
            D::Cooccurrence(edges) => SectionKind::Cooccurrence(edges),
            D::Summary => SectionKind::Summary,
            D::Kpi => SectionKind::Kpi,
            D::Volume => SectionKind::Volume,
            D::Distribution(g) => SectionKind::Distribution(g.0),
            D::GroupTrend(g) => SectionKind::GroupTrend(g.0),
            D::TagByChannel(g) => SectionKind::TagByChannel(g.0),
            D::Risers(g) => SectionKind::Risers(g.0),
            D::Terms => SectionKind::Terms,
            D::Quotes => SectionKind::Quotes,
            D::Commentary => SectionKind::Commentary,
            D::Appendix => SectionKind::Appendix,
        }
    }
}

impl From<SectionKind> for domain_report::SectionKind {
    fn from(k: SectionKind) -> Self {
        use domain_codebook::GroupId;
        use domain_report::SectionKind as D;
        match k {
            SectionKind::Attribute(name) => D::Attribute(name),
            SectionKind::CrossTab(rows, columns) => D::CrossTab(rows.into(), columns.into()),
            SectionKind::Cooccurrence(edges) => D::Cooccurrence(edges),
            SectionKind::Summary => D::Summary,
            SectionKind::Kpi => D::Kpi,
            SectionKind::Volume => D::Volume,
            SectionKind::Distribution(g) => D::Distribution(GroupId(g)),
            SectionKind::GroupTrend(g) => D::GroupTrend(GroupId(g)),
            SectionKind::TagByChannel(g) => D::TagByChannel(GroupId(g)),
            SectionKind::Risers(g) => D::Risers(GroupId(g)),
            SectionKind::Terms => D::Terms,
            SectionKind::Quotes => D::Quotes,
            SectionKind::Commentary => D::Commentary,
            SectionKind::Appendix => D::Appendix,
        }
    }
}

impl From<&domain_report::ReportLayout> for ReportLayout {
    fn from(l: &domain_report::ReportLayout) -> Self {
        ReportLayout {
            sections: l
                .sections
                .iter()
                .map(|s| Section {
                    id: s.id.clone(),
                    kind: s.kind.clone().into(),
                    title: s.title.clone(),
                    commentary: s.commentary.clone(),
                })
                .collect(),
            quotes: l.quotes.iter().map(|q| q.0).collect(),
            synonyms: l.synonyms.clone(),
            stop_words: l.stop_words.clone(),
        }
    }
}

impl From<ReportLayout> for domain_report::ReportLayout {
    fn from(l: ReportLayout) -> Self {
        domain_report::ReportLayout {
            sections: l
                .sections
                .into_iter()
                .map(|s| domain_report::Section {
                    id: s.id,
                    kind: s.kind.into(),
                    title: s.title,
                    commentary: s.commentary,
                })
                .collect(),
            quotes: l.quotes.into_iter().map(domain_comment::CommentId).collect(),
            synonyms: l.synonyms,
            stop_words: l.stop_words,
            summaries: Vec::new(),
        }
    }
}

impl From<&domain_report::Template> for Template {
    fn from(t: &domain_report::Template) -> Self {
        Template {
            name: t.name.clone(),
            layout: (&t.layout).into(),
            period: match t.period {
                domain_report::TemplatePeriod::Month => TemplatePeriod::Month,
                domain_report::TemplatePeriod::Quarter => TemplatePeriod::Quarter,
                domain_report::TemplatePeriod::Week => TemplatePeriod::Week,
            },
            fiscal_start: t.fiscal_start,
        }
    }
}

impl From<Template> for domain_report::Template {
    fn from(t: Template) -> Self {
        domain_report::Template {
            name: t.name,
            layout: t.layout.into(),
            period: match t.period {
                TemplatePeriod::Month => domain_report::TemplatePeriod::Month,
                TemplatePeriod::Quarter => domain_report::TemplatePeriod::Quarter,
                TemplatePeriod::Week => domain_report::TemplatePeriod::Week,
            },
            fiscal_start: t.fiscal_start,
        }
    }
}

/// The coder's name and the codings merged in (absent in files written before merging).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Team {
    coder: String,
    codings: Vec<Coding>,
}

/// One other coder's tags: per comment id, its tag ids; and the comments that came with them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Coding {
    coder: String,
    tags: Vec<(u32, Vec<u32>)>,
    adopted: Vec<u32>,
}

impl From<&crate::project::team::Team> for Team {
    fn from(t: &crate::project::team::Team) -> Self {
        Team {
            coder: t.coder.clone(),
            codings: t
                .codings
                .iter()
                .map(|c| Coding {
                    coder: c.coder.clone(),
                    tags: c
                        .tags
                        .iter()
                        .map(|(id, tags)| (id.0, tags.iter().map(|t| t.0).collect()))
                        .collect(),
                    adopted: c.adopted.iter().map(|id| id.0).collect(),
                })
                .collect(),
        }
    }
}

impl From<Team> for crate::project::team::Team {
    fn from(t: Team) -> Self {
        crate::project::team::Team {
            coder: t.coder,
            codings: t
                .codings
                .into_iter()
                .map(|c| crate::project::team::Coding {
                    coder: c.coder,
                    tags: c
                        .tags
                        .into_iter()
                        .map(|(id, tags)| {
                            (
                                domain_comment::CommentId(id),
                                tags.into_iter().map(domain_codebook::TagId).collect(),
                            )
                        })
                        .collect(),
                    adopted: c.adopted.into_iter().map(domain_comment::CommentId).collect(),
                })
                .collect(),
        }
    }
}
