//! The project: comments, codebook and tags, changed only through [`Command`]s.
//!
//! Every edit goes through [`Project::apply`], which records the inverse command, so undo,
//! redo and (later) autosave hang off one path.

use std::collections::BTreeSet;

use thiserror::Error;

use crate::codebook::{Codebook, TagId};
use crate::comment::{Comment, CommentId, NewComment};
use crate::lang::Lang;

/// An edit of the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Adds imported comments; each gets a fresh identity.
    AddComments(Vec<NewComment>),
    /// Gives a comment a tag; in a single-choice group it replaces the group's other tag.
    AddTag {
        /// The comment.
        comment: CommentId,
        /// The tag.
        tag: TagId,
    },
    /// Takes a tag off a comment.
    RemoveTag {
        /// The comment.
        comment: CommentId,
        /// The tag.
        tag: TagId,
    },
    /// Sets a comment's whole tag set (the inverse of tag edits).
    SetTags {
        /// The comment.
        comment: CommentId,
        /// The new tag set.
        tags: BTreeSet<TagId>,
    },
    /// Removes comments (the inverse of adding them).
    RemoveComments(Vec<CommentId>),
    /// Puts removed comments back with their identities and tags (the inverse of removing).
    RestoreComments(Vec<Comment>),
}

/// What an applied command changed, so views and autosave know what to refresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Comments were added or removed.
    Comments {
        /// How many were added.
        added: usize,
        /// How many were removed.
        removed: usize,
    },
    /// One comment's tags changed.
    Tags(CommentId),
    /// Nothing changed (the tag was already there, say); not recorded for undo.
    Nothing,
}

/// A command that does not fit the project; the project is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CommandError {
    /// No comment has this identity.
    #[error("no comment with id {0:?}")]
    UnknownComment(CommentId),
    /// No tag has this identity.
    #[error("no tag with id {0:?}")]
    UnknownTag(TagId),
}

impl CommandError {
    /// The message to show, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CommandError::UnknownComment(id), Lang::Ja) => {
                format!("コメント #{} が見つかりません。", id.0)
            }
            (CommandError::UnknownComment(id), Lang::En) => {
                format!("Comment #{} was not found.", id.0)
            }
            (CommandError::UnknownTag(id), Lang::Ja) => {
                format!("タグ #{} が見つかりません。", id.0)
            }
            (CommandError::UnknownTag(id), Lang::En) => format!("Tag #{} was not found.", id.0),
        }
    }
}

/// Everything the user works on, plus the history that makes every edit undoable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// Sorted by identity, so a comment is found by binary search.
    comments: Vec<Comment>,
    codebook: Codebook,
    next_id: u32,
    undo: Vec<Command>,
    redo: Vec<Command>,
}

impl Default for Project {
    fn default() -> Self {
        Project::new()
    }
}

impl Project {
    /// An empty project with the starter codebook.
    pub fn new() -> Self {
        Project {
            comments: Vec::new(),
            codebook: Codebook::starter(),
            next_id: 0,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// The comments, in the order they were added.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// The codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// The comment with this identity.
    pub fn comment(&self, id: CommentId) -> Option<&Comment> {
        self.position(id).map(|index| &self.comments[index])
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies an edit and records how to undo it. A new edit clears the redo history.
    pub fn apply(&mut self, command: Command) -> Result<Change, CommandError> {
        let (change, inverse) = self.perform(command)?;
        if change != Change::Nothing {
            self.undo.push(inverse);
            self.redo.clear();
        }
        Ok(change)
    }

    /// Undoes the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Change> {
        let command = self.undo.pop()?;
        let (change, inverse) = self.perform(command).ok()?;
        self.redo.push(inverse);
        Some(change)
    }

    /// Redoes the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Change> {
        let command = self.redo.pop()?;
        let (change, inverse) = self.perform(command).ok()?;
        self.undo.push(inverse);
        Some(change)
    }

    fn position(&self, id: CommentId) -> Option<usize> {
        self.comments.binary_search_by_key(&id, |c| c.id).ok()
    }

    /// Carries out a command and returns what changed and the command that reverses it.
    fn perform(&mut self, command: Command) -> Result<(Change, Command), CommandError> {
        match command {
            Command::AddComments(new) => {
                let added = new.len();
                let mut ids = Vec::with_capacity(added);
                for comment in new {
                    let id = CommentId(self.next_id);
                    self.next_id += 1;
                    ids.push(id);
                    self.comments.push(Comment::from_new(id, comment));
                }
                Ok((Change::Comments { added, removed: 0 }, Command::RemoveComments(ids)))
            }
            Command::RemoveComments(ids) => {
                let wanted: BTreeSet<CommentId> = ids.into_iter().collect();
                if let Some(missing) = wanted.iter().find(|id| self.position(**id).is_none()) {
                    return Err(CommandError::UnknownComment(*missing));
                }
                let (removed, kept): (Vec<Comment>, Vec<Comment>) =
                    std::mem::take(&mut self.comments).into_iter().partition(|c| wanted.contains(&c.id));
                self.comments = kept;
                let change = Change::Comments { added: 0, removed: removed.len() };
                Ok((change, Command::RestoreComments(removed)))
            }
            Command::RestoreComments(restored) => {
                let ids: Vec<CommentId> = restored.iter().map(|c| c.id).collect();
                let added = restored.len();
                self.comments.extend(restored);
                self.comments.sort_by_key(|c| c.id);
                self.comments.dedup_by_key(|c| c.id);
                Ok((Change::Comments { added, removed: 0 }, Command::RemoveComments(ids)))
            }
            Command::AddTag { comment, tag } => {
                let mut tags = self.tags_of(comment)?.clone();
                let group = self.codebook.tag(tag).ok_or(CommandError::UnknownTag(tag))?.group;
                let single = self.codebook.group(group).is_some_and(|g| !g.multiple);
                if single {
                    tags.retain(|t| self.codebook.tag(*t).is_none_or(|other| other.group != group));
                }
                tags.insert(tag);
                self.perform(Command::SetTags { comment, tags })
            }
            Command::RemoveTag { comment, tag } => {
                let mut tags = self.tags_of(comment)?.clone();
                tags.remove(&tag);
                self.perform(Command::SetTags { comment, tags })
            }
            Command::SetTags { comment, tags } => {
                if let Some(unknown) = tags.iter().find(|t| self.codebook.tag(**t).is_none()) {
                    return Err(CommandError::UnknownTag(*unknown));
                }
                let index = self.position(comment).ok_or(CommandError::UnknownComment(comment))?;
                let old = std::mem::replace(&mut self.comments[index].tags, tags);
                let change =
                    if old == self.comments[index].tags { Change::Nothing } else { Change::Tags(comment) };
                Ok((change, Command::SetTags { comment, tags: old }))
            }
        }
    }

    fn tags_of(&self, comment: CommentId) -> Result<&BTreeSet<TagId>, CommandError> {
        self.comment(comment).map(|c| &c.tags).ok_or(CommandError::UnknownComment(comment))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::SourceRef;

    fn new_comment(text: &str) -> NewComment {
        NewComment {
            channel: "X".to_owned(),
            ..NewComment::new(text, SourceRef { file: "t.csv".to_owned(), sheet: None, line: 2 })
        }
    }

    fn tag_named(project: &Project, name: &str) -> TagId {
        project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag")
    }

    fn tag_names(project: &Project, id: CommentId) -> Vec<String> {
        let comment = project.comment(id).expect("comment");
        comment.tags.iter().filter_map(|t| project.codebook().tag(*t)).map(|t| t.name.clone()).collect()
    }

    #[test]
    fn single_choice_groups_keep_one_tag_and_multi_choice_groups_keep_all() {
        let mut project = Project::new();
        project.apply(Command::AddComments(vec![new_comment("a")])).expect("add");
        let id = project.comments()[0].id;
        for name in ["ポジティブ", "ネガティブ", "品質", "価格"] {
            let tag = tag_named(&project, name);
            project.apply(Command::AddTag { comment: id, tag }).expect("tag");
        }
        assert_eq!(tag_names(&project, id), vec!["ネガティブ", "品質", "価格"]);
    }

    #[test]
    fn every_edit_undoes_and_redoes() {
        let mut project = Project::new();
        project.apply(Command::AddComments(vec![new_comment("a"), new_comment("b")])).expect("add");
        let id = project.comments()[1].id;
        let tag = tag_named(&project, "品質");
        project.apply(Command::AddTag { comment: id, tag }).expect("tag");
        let tagged = project.clone();

        assert_eq!(project.undo(), Some(Change::Tags(id)));
        assert!(project.comment(id).expect("b").tags.is_empty());
        assert_eq!(project.undo(), Some(Change::Comments { added: 0, removed: 2 }));
        assert!(project.comments().is_empty());
        assert_eq!(project.undo(), None);

        assert_eq!(project.redo(), Some(Change::Comments { added: 2, removed: 0 }));
        assert_eq!(project.redo(), Some(Change::Tags(id)));
        assert_eq!(project.comments(), tagged.comments());
        assert!(!project.can_redo());
    }

    #[test]
    fn no_op_edits_are_not_recorded_and_bad_ids_change_nothing() {
        let mut project = Project::new();
        project.apply(Command::AddComments(vec![new_comment("a")])).expect("add");
        let id = project.comments()[0].id;
        let tag = tag_named(&project, "品質");
        assert_eq!(project.apply(Command::RemoveTag { comment: id, tag }), Ok(Change::Nothing));
        let before = project.clone();
        assert_eq!(
            project.apply(Command::AddTag { comment: CommentId(99), tag }),
            Err(CommandError::UnknownComment(CommentId(99)))
        );
        assert_eq!(
            project.apply(Command::AddTag { comment: id, tag: TagId(999) }),
            Err(CommandError::UnknownTag(TagId(999)))
        );
        assert_eq!(project, before);
        project.undo();
        assert!(project.comments().is_empty());
    }
}
