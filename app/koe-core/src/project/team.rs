//! Who codes: the name of the person working in this project, and the codings other people's
//! project files brought in when they were merged, so merged work stays attributable and two
//! coders' tags on the same comments can be compared.

use std::collections::{BTreeMap, BTreeSet};

use crate::project::codebook::TagId;
use crate::project::comment::CommentId;

/// One other coder's tags, per comment of this project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coding {
    /// The coder's name.
    pub coder: String,
    /// The tags they set, by comment.
    pub tags: BTreeMap<CommentId, BTreeSet<TagId>>,
    /// Comments that came with their file: the project's tags on these are theirs, so the
    /// project's tags are not a second opinion there.
    pub adopted: BTreeSet<CommentId>,
}

/// The project's coder and the codings merged in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Team {
    /// The name of the person coding in this project (the project's own tags are theirs).
    pub coder: String,
    /// Other coders' codings, one per coder name.
    pub codings: Vec<Coding>,
}

impl Team {
    /// The coding of `coder`, if merged.
    pub fn coding(&self, coder: &str) -> Option<&Coding> {
        self.codings.iter().find(|c| c.coder == coder)
    }

    /// This team with `coding` in place of any earlier coding of the same coder.
    pub fn with_coding(&self, coding: Coding) -> Team {
        let mut next = self.clone();
        next.codings.retain(|c| c.coder != coding.coder);
        next.codings.push(coding);
        next
    }

    /// This team with the project's coder named `name`.
    pub fn with_coder(&self, name: &str) -> Team {
        Team { coder: name.trim().to_owned(), ..self.clone() }
    }
}
