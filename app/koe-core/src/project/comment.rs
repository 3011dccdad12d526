//! A customer comment, as imported and as tagged.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::project::rare::Rare;
use crate::project::response::Response;
use crate::project::tagging::Tagging;
use crate::text::normalize::normalized_form;

/// A comment's identity inside one project; never reused, so undo and redo can refer to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct CommentId(pub u32);

/// Where a comment came from, so every problem and every quote can point back to the file.
/// The names are shared: a file's comments all hold the one name (200,000 comments of one
/// file would otherwise each allocate and keep a copy of it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file name as the user chose it.
    pub file: Arc<str>,
    /// The sheet, for a workbook.
    pub sheet: Option<Arc<str>>,
    /// The 1-based line on which the comment's record starts.
    pub line: u64,
}

/// A comment read from a file, before the project gives it an identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    /// The customer's words, exactly as in the file.
    pub text: String,
    /// When it was posted or received, in local time; `None` when the file had no readable date.
    pub date: Option<NaiveDateTime>,
    /// Where it was heard (X, ブログ, 電話, …); empty when unknown. Shared with the comments
    /// of the same channel read with it (a handful of names for thousands of comments).
    pub channel: Arc<str>,
    /// Who wrote it; personal data, masked in exports. Empty when unknown.
    pub author: String,
    /// A link to the original post; empty when none.
    pub url: String,
    /// The identifier in the source system (受付番号, post id); empty when none.
    pub external_id: String,
    /// Other columns of the file, by header name, for filters and reports.
    pub attributes: Vec<(String, String)>,
    /// Where in which file it was read.
    pub source: SourceRef,
    /// The matching form of `text`, when the importer already made it (in the import worker,
    /// so the page does not); `None` makes the project derive it.
    #[serde(default)]
    pub normalized: Option<Normalized>,
}

/// A text's matching form (see [`normalize`]), held only where it differs from the text:
/// a comment with no line break, full-width sign or capital letter then holds its words once
/// instead of twice (a fifth of the benchmark's 200,000 comments: some 5 MB of the page's
/// memory).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Normalized(Option<String>);

impl Normalized {
    /// `normalized` as the matching form of `text`.
    pub fn of(text: &str, normalized: String) -> Normalized {
        Normalized((normalized != text).then_some(normalized))
    }

    /// The matching form of `text`, made now.
    pub fn made(text: &str) -> Normalized {
        match normalized_form(text) {
            Cow::Borrowed(_) => Normalized::same_as_text(),
            Cow::Owned(form) => Normalized::of(text, form),
        }
    }

    /// The matching form of a text that needs no change.
    pub fn same_as_text() -> Normalized {
        Normalized(None)
    }

    /// The matching form, given the text it is of.
    pub fn in_text<'a>(&'a self, text: &'a str) -> &'a str {
        self.0.as_deref().unwrap_or(text)
    }
}

impl NewComment {
    /// The matching form of its text, when the importer made it.
    pub fn normalized(&self) -> Option<&str> {
        self.normalized.as_ref().map(|n| n.in_text(&self.text))
    }

    /// A comment with only a text and a source; everything else unknown.
    pub fn new(text: impl Into<String>, source: SourceRef) -> Self {
        NewComment {
            text: text.into(),
            date: None,
            channel: Arc::default(),
            author: String::new(),
            url: String::new(),
            external_id: String::new(),
            attributes: Vec::new(),
            source,
            normalized: None,
        }
    }
}

/// A comment in a project: what was imported plus the user's tags.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Comment {
    /// Identity inside the project.
    pub id: CommentId,
    /// The customer's words, exactly as in the file. Always rendered as text, never as HTML.
    /// Never edited, so held without spare room (as are the author, link and identifier): a
    /// project comment is then no larger than a [`NewComment`], and an import's comments
    /// become the project's in the buffer they arrived in (see [`Comment::from_new`]).
    pub text: Box<str>,
    /// When it was posted or received, in local time.
    pub date: Option<NaiveDateTime>,
    /// Where it was heard; empty when unknown. Shared as in [`NewComment::channel`].
    pub channel: Arc<str>,
    /// Who wrote it; personal data, masked in exports.
    pub author: Box<str>,
    /// A link to the original post.
    pub url: Box<str>,
    /// The identifier in the source system.
    pub external_id: Box<str>,
    /// Other columns of the file, by header name.
    pub attributes: Vec<(String, String)>,
    /// Where in which file it was read.
    pub source: SourceRef,
    /// The matching form of the text (NFKC, case, dashes, spaces), derived once for search,
    /// rules and suggestions; never shown. Read it through [`Comment::normalized`].
    pub normalized: Normalized,
    /// Its tags and who set them (held only once it has some: see [`Rare`]).
    pub tagging: Rare<Tagging>,
    /// Whether and how the customer is answered (held only once set).
    pub response: Rare<Response>,
}

// A project comment fits where a new one was, so a first import's comments are made in the
// buffer they arrived in (std's in-place `collect`): see `Project::push_new`.
const _: () = assert!(
    std::mem::size_of::<Comment>() <= std::mem::size_of::<NewComment>()
        && std::mem::align_of::<Comment>() == std::mem::align_of::<NewComment>()
);

/// How many channel names [`ChannelNames`] holds: a file has a handful of channels; a column
/// of free text taken as the channel has its first names shared, and each other one with the
/// comments next to it.
const CHANNELS_HELD: usize = 32;

/// The first of `recent` names that is `name`.
fn found<'a>(name: &str, recent: impl IntoIterator<Item = &'a Arc<str>>) -> Option<&'a Arc<str>> {
    recent.into_iter().find(|held| ***held == *name)
}

/// The name `name`, shared with the first of the `recent` names (newest first) that is the
/// same, else made: a file's or sheet's comments hold one name between them.
pub fn shared_name<'a>(name: &str, recent: impl IntoIterator<Item = &'a Arc<str>>) -> Arc<str> {
    found(name, recent).map_or_else(|| Arc::from(name), Arc::clone)
}

/// The channel names of the comments being made or read back, each made once, so a channel's
/// comments hold one name: less memory, and a report's tally tells a comment's channel by
/// where its name lies instead of reading it (at 1,000,000 comments, reading each comment's
/// name was a third of the tally).
#[derive(Debug, Default)]
pub struct ChannelNames {
    /// The first [`CHANNELS_HELD`] names met.
    held: Vec<Arc<str>>,
    /// The last name met beyond them: comments sorted by a column of many channels still share
    /// a name with the comments next to them.
    last_beyond: Option<Arc<str>>,
}

impl ChannelNames {
    /// The channel `name`, the one held if it is, else made (and held while there is room).
    pub fn share(&mut self, name: &str) -> Arc<str> {
        match self.found(name) {
            Some(held) => Arc::clone(held),
            None => {
                let made: Arc<str> = Arc::from(name);
                self.hold(&made);
                made
            }
        }
    }

    /// Makes `name` the one held, if one is the same (else holds it while there is room).
    pub fn share_in_place(&mut self, name: &mut Arc<str>) {
        if self.held.iter().any(|held| Arc::ptr_eq(held, name)) {
            return;
        }
        match self.found(name) {
            Some(held) => *name = Arc::clone(held),
            None => self.hold(name),
        }
    }

    /// [`ChannelNames::share_in_place`] for many names, each distinct one of which is compared
    /// by its text once: the comments of a part read back from the worker hold the part's own
    /// names, a handful.
    pub fn share_all<'a>(&mut self, names: impl IntoIterator<Item = &'a mut Arc<str>>) {
        let mut met: Vec<(Arc<str>, Arc<str>)> = Vec::new();
        for name in names {
            if let Some((_, shared)) = met.iter().find(|(before, _)| Arc::ptr_eq(before, name)) {
                *name = Arc::clone(shared);
                continue;
            }
            let before = Arc::clone(name);
            self.share_in_place(name);
            if met.len() < CHANNELS_HELD {
                met.push((before, Arc::clone(name)));
            }
        }
    }

    /// The held name (or the last one beyond them) that is `name`.
    fn found(&self, name: &str) -> Option<&Arc<str>> {
        found(name, self.held.iter().chain(&self.last_beyond))
    }

    /// Holds `name` while there is room, else keeps it as the last one beyond.
    fn hold(&mut self, name: &Arc<str>) {
        if self.held.len() < CHANNELS_HELD {
            self.held.push(Arc::clone(name));
        } else {
            self.last_beyond = Some(Arc::clone(name));
        }
    }
}

/// Makes comments that follow one another from the same file (and sheet) hold one name, and
/// comments of a channel share its name, as imported comments do: a project read back from a
/// file or an autosave has a copy each.
pub fn share_names(comments: &mut [Comment]) {
    let mut channels = ChannelNames::default();
    for at in 0..comments.len() {
        let (before, rest) = comments.split_at_mut(at);
        let comment = &mut rest[0];
        channels.share_in_place(&mut comment.channel);
        let Some(previous) = before.last() else { continue };
        share(&mut comment.source.file, [&previous.source.file]);
        if let Some(sheet) = &mut comment.source.sheet {
            share(sheet, previous.source.sheet.as_ref());
        }
    }
}

/// Makes `name` the first of `recent` that is the same name, if one is.
fn share<'a>(name: &mut Arc<str>, recent: impl IntoIterator<Item = &'a Arc<str>>) {
    if let Some(held) = found(name, recent) {
        *name = Arc::clone(held);
    }
}

impl Comment {
    /// Gives a freshly imported comment its identity, untagged.
    pub fn from_new(id: CommentId, new: NewComment) -> Self {
        let normalized = match new.normalized {
            Some(normalized) => normalized,
            None => Normalized::made(&new.text),
        };
        Comment {
            id,
            normalized,
            text: new.text.into_boxed_str(),
            date: new.date,
            channel: new.channel,
            author: new.author.into_boxed_str(),
            url: new.url.into_boxed_str(),
            external_id: new.external_id.into_boxed_str(),
            attributes: new.attributes,
            source: new.source,
            tagging: Rare::default(),
            response: Rare::default(),
        }
    }

    /// The matching form of its text (NFKC, case, dashes, spaces): what search, rules and
    /// suggestions read.
    pub fn normalized(&self) -> &str {
        self.normalized.in_text(&self.text)
    }

    /// The tags it carries.
    pub fn tags(&self) -> &std::collections::BTreeSet<crate::project::codebook::TagId> {
        &self.tagging.tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn source() -> SourceRef {
        SourceRef { file: "声.csv".into(), sheet: None, line: 2 }
    }

    #[test]
    fn a_matching_form_is_held_only_where_it_differs_from_the_text() {
        let same = Normalized::made("プリンがおいしい");
        assert_eq!(same, Normalized::same_as_text(), "nothing held: the text is its own form");
        assert_eq!(same.in_text("プリンがおいしい"), "プリンがおいしい");
        let folded = Normalized::made("ﾌﾟﾘﾝ  ＡＢＣ");
        assert_ne!(folded, Normalized::same_as_text());
        assert_eq!(folded.in_text("ﾌﾟﾘﾝ  ＡＢＣ"), normalize("ﾌﾟﾘﾝ  ＡＢＣ"));
        assert_eq!(Normalized::of("abc", "abc".to_owned()), Normalized::same_as_text());
        // White space only: its form is empty, which is not the text.
        assert_eq!(Normalized::made("   ").in_text("   "), "");
    }

    #[test]
    fn a_comment_reads_its_matching_form_whether_made_by_the_importer_or_derived() {
        let derived = Comment::from_new(CommentId(1), NewComment::new("ＡＢＣ　です", source()));
        assert_eq!(derived.normalized(), normalize("ＡＢＣ　です"));
        let mut made = NewComment::new("abc", source());
        made.normalized = Some(Normalized::same_as_text());
        assert_eq!(made.normalized(), Some("abc"));
        assert_eq!(Comment::from_new(CommentId(2), made).normalized(), "abc");
        assert_eq!(NewComment::new("abc", source()).normalized(), None, "not made yet");
    }
}
