//! Checks every field of a project read from a file before it becomes a project: a `.koe`
//! file comes from outside and may have been written by hand to attack its reader or the
//! reports made from it. The first problem found is reported with the field's path, and
//! nothing is opened.

use std::collections::BTreeSet;

use crate::project::codebook::{Codebook, GroupId, Rule, TagId, is_colour};
use crate::project::comment::Comment;
use crate::project::layout::{Dimension, MAX_NETWORK_EDGES};
use crate::project::rules::compile_regex;
use crate::report::{ReportLayout, SectionKind, Template};
use crate::text::lang::Lang;

/// Highest id (of a comment, group or tag) a file may use: far above any real project, far
/// below where `+ 1` could wrap.
pub const MAX_ID: u32 = 1 << 30;
/// Longest name (project, group, tag, template, channel, author, attribute name), in characters.
pub const MAX_NAME_CHARS: usize = 500;
/// Longest section title, report setting or response note, in characters.
pub const MAX_TITLE_CHARS: usize = 2_000;
/// Longest commentary, synonym list or stop-word list, in characters.
pub const MAX_COMMENTARY_CHARS: usize = 100_000;
/// Longest comment text, URL or attribute value, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000_000;
/// Most coders' codings merged into one project.
pub const MAX_CODINGS: usize = 1_000;

/// The coder's name and the merged codings: names as long as any other name, and not more
/// codings than people. (Comments and tags they name that the project lacks are dropped.)
pub fn team(team: &crate::project::team::Team) -> Result<(), FieldError> {
    length(|| "team.coder".to_owned(), &team.coder, MAX_NAME_CHARS)?;
    if team.codings.len() > MAX_CODINGS {
        return Err(("team.codings".to_owned(), Invalid::TooMany { max: MAX_CODINGS }));
    }
    for (i, coding) in team.codings.iter().enumerate() {
        length(|| format!("team.codings[{i}].coder"), &coding.coder, MAX_NAME_CHARS)?;
    }
    Ok(())
}

/// Most periods with a rewritten summary.
pub const MAX_SUMMARIES: usize = 10_000;
/// Most keywords in one tag's rule.
pub const MAX_RULE_TERMS: usize = 1_000;

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Invalid {
    /// Not a `#rrggbb` colour.
    Colour,
    /// Longer than allowed.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// Too many items.
    TooMany {
        /// The most allowed.
        max: usize,
    },
    /// An id used twice.
    DuplicateId,
    /// An id above [`MAX_ID`].
    IdTooLarge,
    /// Refers to a group, tag or comment the file does not have.
    UnknownReference,
    /// A regular expression that Koe does not accept.
    Regex {
        /// The reason.
        detail: String,
    },
}

impl Invalid {
    /// The problem in a few words, in the user's language.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Invalid::Colour, Lang::Ja) => "色は #rrggbb の形でなければなりません".to_owned(),
            (Invalid::Colour, Lang::En) => "a colour must be #rrggbb".to_owned(),
            (Invalid::TooLong { max }, Lang::Ja) => format!("{max}文字を超えています"),
            (Invalid::TooLong { max }, Lang::En) => format!("longer than {max} characters"),
            (Invalid::TooMany { max }, Lang::Ja) => format!("{max}個を超えています"),
            (Invalid::TooMany { max }, Lang::En) => format!("more than {max} items"),
            (Invalid::DuplicateId, Lang::Ja) => "同じ ID が2回使われています".to_owned(),
            (Invalid::DuplicateId, Lang::En) => "the same id is used twice".to_owned(),
            (Invalid::IdTooLarge, Lang::Ja) => format!("ID が上限（{MAX_ID}）を超えています"),
            (Invalid::IdTooLarge, Lang::En) => format!("an id is above the limit ({MAX_ID})"),
            (Invalid::UnknownReference, Lang::Ja) => "ファイルにない項目を参照しています".to_owned(),
            (Invalid::UnknownReference, Lang::En) => {
                "it refers to something the file does not have".to_owned()
            }
            (Invalid::Regex { detail }, Lang::Ja) => format!("正規表現を使えません（{detail}）"),
            (Invalid::Regex { detail }, Lang::En) => format!("the regular expression is refused ({detail})"),
        }
    }
}

/// A field and what is wrong with it.
pub type FieldError = (String, Invalid);

fn length(field: impl FnOnce() -> String, text: &str, max: usize) -> Result<(), FieldError> {
    // Bytes bound characters from above: only long texts are counted.
    if text.len() > max && text.chars().count() > max {
        return Err((field(), Invalid::TooLong { max }));
    }
    Ok(())
}

fn id(field: impl FnOnce() -> String, value: u32, seen: &mut BTreeSet<u32>) -> Result<(), FieldError> {
    if value >= MAX_ID {
        return Err((field(), Invalid::IdTooLarge));
    }
    if !seen.insert(value) {
        return Err((field(), Invalid::DuplicateId));
    }
    Ok(())
}

/// The parts of a project as a file holds them, checked field by field.
pub struct Parts<'a> {
    /// The project's name.
    pub name: &'a str,
    /// The comments.
    pub comments: &'a [Comment],
    /// The codebook.
    pub codebook: &'a Codebook,
    /// The report layout.
    pub report: &'a ReportLayout,
    /// The report templates.
    pub templates: &'a [Template],
    /// The next comment id.
    pub next_id: u32,
}

/// Checks every field (the normalised texts were already derived again from the texts when
/// the comments were read: the stored ones are never trusted).
pub fn validate(parts: Parts<'_>) -> Result<(), FieldError> {
    length(|| "name".to_owned(), parts.name, MAX_NAME_CHARS)?;
    if parts.next_id > MAX_ID {
        return Err(("next_id".to_owned(), Invalid::IdTooLarge));
    }
    let (groups, tags) = codebook(parts.codebook)?;
    layout("report", parts.report, &groups)?;
    for (i, template) in parts.templates.iter().enumerate() {
        length(|| format!("templates[{i}].name"), &template.name, MAX_NAME_CHARS)?;
        layout(&format!("templates[{i}].layout"), &template.layout, &groups)?;
    }
    let mut ids = BTreeSet::new();
    for (i, comment) in parts.comments.iter().enumerate() {
        let at = |what: &str| format!("comments[{i}].{what}");
        id(|| at("id"), comment.id.0, &mut ids)?;
        length(|| at("text"), &comment.text, MAX_TEXT_CHARS)?;
        length(|| at("url"), &comment.url, MAX_TEXT_CHARS)?;
        for (what, value) in [
            ("channel", &*comment.channel),
            ("author", &*comment.author),
            ("external_id", &*comment.external_id),
            ("source.file", &comment.source.file),
        ] {
            length(|| at(what), value, MAX_NAME_CHARS)?;
        }
        for (name, value) in &comment.attributes {
            length(|| at("attributes"), name, MAX_NAME_CHARS)?;
            length(|| at("attributes"), value, MAX_TEXT_CHARS)?;
        }
        let tagging = &comment.tagging;
        let known = |set: &BTreeSet<TagId>| set.iter().all(|t| tags.contains(t));
        if !(known(&tagging.tags) && known(&tagging.by_rule) && known(&tagging.rejected)) {
            return Err((at("tagging"), Invalid::UnknownReference));
        }
        length(|| at("response.person"), &comment.response.person, MAX_NAME_CHARS)?;
        length(|| at("response.note"), &comment.response.note, MAX_TITLE_CHARS)?;
    }
    Ok(())
}

/// Checks the codebook; gives its group and tag ids.
fn codebook(codebook: &Codebook) -> Result<(BTreeSet<GroupId>, BTreeSet<TagId>), FieldError> {
    let mut group_ids = BTreeSet::new();
    for (i, group) in codebook.groups.iter().enumerate() {
        id(|| format!("codebook.groups[{i}].id"), group.id.0, &mut group_ids)?;
        length(|| format!("codebook.groups[{i}].name"), &group.name, MAX_NAME_CHARS)?;
    }
    let groups: BTreeSet<GroupId> = group_ids.into_iter().map(GroupId).collect();
    let mut tag_ids = BTreeSet::new();
    for (i, tag) in codebook.tags.iter().enumerate() {
        let at = |what: &str| format!("codebook.tags[{i}].{what}");
        id(|| at("id"), tag.id.0, &mut tag_ids)?;
        length(|| at("name"), &tag.name, MAX_NAME_CHARS)?;
        if !is_colour(&tag.colour) {
            return Err((at("colour"), Invalid::Colour));
        }
        if !groups.contains(&tag.group) {
            return Err((at("group"), Invalid::UnknownReference));
        }
        rule(&at("rule"), &tag.rule)?;
    }
    let tags: BTreeSet<TagId> = tag_ids.into_iter().map(TagId).collect();
    for (i, tag) in codebook.tags.iter().enumerate() {
        if tag.parent.is_some_and(|parent| !tags.contains(&parent)) {
            return Err((format!("codebook.tags[{i}].parent"), Invalid::UnknownReference));
        }
    }
    Ok((groups, tags))
}

fn rule(field: &str, rule: &Rule) -> Result<(), FieldError> {
    let terms = rule.any_of.len() + rule.all_of.len() + rule.none_of.len();
    if terms > MAX_RULE_TERMS {
        return Err((field.to_owned(), Invalid::TooMany { max: MAX_RULE_TERMS }));
    }
    for term in rule.any_of.iter().chain(&rule.all_of).chain(&rule.none_of) {
        length(|| field.to_owned(), term, MAX_NAME_CHARS)?;
    }
    if let Some(pattern) = &rule.regex {
        compile_regex(pattern).map_err(|detail| (format!("{field}.regex"), Invalid::Regex { detail }))?;
    }
    Ok(())
}

fn layout(field: &str, layout: &ReportLayout, groups: &BTreeSet<GroupId>) -> Result<(), FieldError> {
    let mut section_ids = BTreeSet::new();
    for (i, section) in layout.sections.iter().enumerate() {
        let at = |what: &str| format!("{field}.sections[{i}].{what}");
        length(|| at("id"), &section.id, MAX_NAME_CHARS)?;
        if !section_ids.insert(section.id.as_str()) {
            return Err((at("id"), Invalid::DuplicateId));
        }
        length(|| at("title"), &section.title, MAX_TITLE_CHARS)?;
        length(|| at("commentary"), &section.commentary, MAX_COMMENTARY_CHARS)?;
        // A section may name a group that was deleted: the app itself keeps such sections
        // and says so in the report, so only an id beyond any real one is refused.
        if section.kind.groups().iter().any(|g| g.0 >= MAX_ID && !groups.contains(g)) {
            return Err((at("kind"), Invalid::IdTooLarge));
        }
        match &section.kind {
            SectionKind::Attribute(name) => length(|| at("kind"), name, MAX_NAME_CHARS)?,
            SectionKind::CrossTab(rows, columns) => {
                for dimension in [rows, columns] {
                    if let Dimension::Attribute(name) = dimension {
                        length(|| at("kind"), name, MAX_NAME_CHARS)?;
                    }
                }
            }
            SectionKind::Cooccurrence(edges) if *edges > MAX_NETWORK_EDGES => {
                return Err((at("kind"), Invalid::TooMany { max: MAX_NETWORK_EDGES as usize }));
            }
            _ => {}
        }
    }
    if layout.summaries.len() > MAX_SUMMARIES {
        return Err((format!("{field}.summaries"), Invalid::TooMany { max: MAX_SUMMARIES }));
    }
    for (i, (period, text)) in layout.summaries.iter().enumerate() {
        length(|| format!("{field}.summaries[{i}].period"), period, MAX_NAME_CHARS)?;
        length(|| format!("{field}.summaries[{i}].text"), text, MAX_COMMENTARY_CHARS)?;
    }
    length(|| format!("{field}.synonyms"), &layout.synonyms, MAX_COMMENTARY_CHARS)?;
    length(|| format!("{field}.stop_words"), &layout.stop_words, MAX_COMMENTARY_CHARS)?;
    Ok(())
}
