//! A customer comment, as imported and as tagged.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;

use crate::codebook::TagId;

/// A comment's identity inside one project; never reused, so undo and redo can refer to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommentId(pub u32);

/// Where a comment came from, so every problem and every quote can point back to the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// The file name as the user chose it.
    pub file: String,
    /// The 1-based line on which the comment's record starts.
    pub line: u64,
}

/// A comment read from a file, before the project gives it an identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComment {
    /// The customer's words, exactly as in the file.
    pub text: String,
    /// When it was posted or received, in local time; `None` when the file had no readable date.
    pub date: Option<NaiveDateTime>,
    /// Where it was heard (X, ブログ, 電話, …); empty when unknown.
    pub channel: String,
    /// Where in which file it was read.
    pub source: SourceRef,
}

/// A comment in a project: what was imported plus the user's tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Identity inside the project.
    pub id: CommentId,
    /// The customer's words, exactly as in the file. Always rendered as text, never as HTML.
    pub text: String,
    /// When it was posted or received, in local time.
    pub date: Option<NaiveDateTime>,
    /// Where it was heard; empty when unknown.
    pub channel: String,
    /// Where in which file it was read.
    pub source: SourceRef,
    /// The tags the user gave it.
    pub tags: BTreeSet<TagId>,
}

impl Comment {
    /// Gives a freshly imported comment its identity, untagged.
    pub fn from_new(id: CommentId, new: NewComment) -> Self {
        Comment {
            id,
            text: new.text,
            date: new.date,
            channel: new.channel,
            source: new.source,
            tags: BTreeSet::new(),
        }
    }
}
