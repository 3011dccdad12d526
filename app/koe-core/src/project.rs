//! The project: comments, codebook and tags, changed only through [`Command`]s.
//!
//! Every edit goes through [`Project::apply`], which records the inverse command, so undo,
//! redo and (later) autosave hang off one path.

pub mod codebook;
pub mod codebook_csv;
pub mod comment;
pub mod days;
pub mod layout;
pub mod merge;
pub mod rare;
pub mod response;
pub mod rules;
pub mod shortcuts;
pub mod sliced;
pub mod suggest;
pub mod suggestions;
pub mod tagging;
pub mod team;
pub mod team_texts;

use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

use crate::project::codebook::{Codebook, GroupId, Rule, TAG_PALETTE, Tag, TagId};
use crate::project::comment::{Comment, CommentId, NewComment, share_names};
use crate::project::days::CommentDays;
use crate::project::layout::{ReportLayout, Template};
use crate::project::response::Response;
use crate::project::team::Team;
use crate::text::lang::Lang;

use crate::project::tagging::Tagging;
use crate::sorting::sort_by_key;

/// An edit of the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Adds imported comments; each gets a fresh identity.
    AddComments(Vec<NewComment>),
    /// Removes comments (the inverse of adding them).
    RemoveComments(Vec<CommentId>),
    /// Puts removed comments back with their identities and tags (the inverse of removing).
    RestoreComments(Vec<Comment>),
    /// A person gives a comment a tag; in a single-choice group it replaces the group's other tag.
    AddTag {
        /// The comment.
        comment: CommentId,
        /// The tag.
        tag: TagId,
    },
    /// A person takes a tag off a comment; rules will not put it back.
    RemoveTag {
        /// The comment.
        comment: CommentId,
        /// The tag.
        tag: TagId,
    },
    /// A person adds or removes one tag on many comments at once (bulk edit).
    TagMany {
        /// The comments.
        comments: Vec<CommentId>,
        /// The tag.
        tag: TagId,
        /// Add (`true`) or remove.
        on: bool,
    },
    /// A person accepts suggested tags, each on its comment.
    AddTags(Vec<(CommentId, TagId)>),
    /// Runs every tag's keyword rule over all comments (see [`rules::plan`]).
    ApplyRules,
    /// Sets comments' taggings (what every tag edit comes down to, and its inverse).
    SetTaggings(Vec<(CommentId, Tagging)>),
    /// Renames a tag; assignments keep it, as they refer to its identity.
    RenameTag {
        /// The tag.
        tag: TagId,
        /// The new name.
        name: String,
    },
    /// Replaces a tag's definition (name, colour, shortcut, parent, rule); its group stays.
    EditTag(Tag),
    /// Adds a tag to a group, with a colour from the palette and no rule.
    NewTag {
        /// The group.
        group: GroupId,
        /// The name.
        name: String,
    },
    /// Moves every assignment of `from` to `into` and deletes `from`.
    MergeTags {
        /// The tag that disappears.
        from: TagId,
        /// The tag that survives.
        into: TagId,
    },
    /// Deletes a tag and takes it off every comment.
    DeleteTag(TagId),
    /// Replaces the codebook (an imported codebook CSV); tags it no longer has come off comments.
    ReplaceCodebook(Codebook),
    /// Sets the codebook and some comments' taggings together (every codebook edit's inverse).
    SetCodebook {
        /// The codebook.
        codebook: Codebook,
        /// The comments whose tagging changes with it.
        taggings: Vec<(CommentId, Tagging)>,
    },
    /// Sets a comment's response tracking.
    SetResponse {
        /// The comment.
        comment: CommentId,
        /// The new response state.
        response: Response,
    },
    /// Sets the report's sections, quotes and word lists.
    SetReport(ReportLayout),
    /// Sets the saved report templates.
    SetTemplates(Vec<Template>),
    /// Sets the coder's name and the merged codings.
    SetTeam(Team),
    /// Several edits as one step (a merged project file): undone together, in reverse.
    Several(Vec<Command>),
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
    /// Several comments' tags changed.
    ManyTags(usize),
    /// The codebook changed (and the tags of the comments it affects).
    Codebook,
    /// One comment's response tracking changed.
    Response(CommentId),
    /// The report's layout changed.
    Report,
    /// The saved templates changed.
    Templates,
    /// The coder's name or the merged codings changed.
    Team,
    /// Nothing changed (the tag was already there, say); not recorded for undo.
    Nothing,
}

impl Change {
    /// What several changes made together amount to: comments added or removed if any were
    /// (so their bodies are saved), else the first that changed something.
    pub fn of_several(changes: &[Change]) -> Change {
        let (added, removed) = changes.iter().fold((0, 0), |(a, r), change| match change {
            Change::Comments { added, removed } => (a + added, r + removed),
            _ => (a, r),
        });
        if changes.iter().any(|c| matches!(c, Change::Comments { .. })) {
            return Change::Comments { added, removed };
        }
        changes.iter().find(|c| **c != Change::Nothing).cloned().unwrap_or(Change::Nothing)
    }
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
    /// No group has this identity.
    #[error("no group with id {0:?}")]
    UnknownGroup(GroupId),
    /// A tag name must not be empty.
    #[error("empty tag name")]
    EmptyName,
    /// Another tag of the same group already has this name.
    #[error("tag name {0:?} already used in its group")]
    NameTaken(String),
    /// Tags of different groups cannot be merged, nor a tag into itself.
    #[error("tags cannot be merged")]
    CannotMerge,
    /// A parent must be a tag of the same group without a parent of its own.
    #[error("bad parent tag")]
    BadParent,
    /// More comments can join only an addition that is still the last edit.
    #[error("the last edit is not an addition of comments")]
    NotAnAddition,
}

impl CommandError {
    /// The message to show, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CommandError::UnknownComment(id), Lang::Ja) => format!("コメント #{} が見つかりません。", id.0),
            (CommandError::UnknownComment(id), Lang::En) => format!("Comment #{} was not found.", id.0),
            (CommandError::UnknownTag(id), Lang::Ja) => format!("タグ #{} が見つかりません。", id.0),
            (CommandError::UnknownTag(id), Lang::En) => format!("Tag #{} was not found.", id.0),
            (CommandError::UnknownGroup(id), Lang::Ja) => format!("グループ #{} が見つかりません。", id.0),
            (CommandError::UnknownGroup(id), Lang::En) => format!("Group #{} was not found.", id.0),
            (CommandError::EmptyName, Lang::Ja) => "タグ名を入力してください。".to_owned(),
            (CommandError::EmptyName, Lang::En) => "Please enter a tag name.".to_owned(),
            (CommandError::NameTaken(name), Lang::Ja) => {
                format!(
                    "「{name}」というタグはこのグループにすでにあります。別の名前にするか、統合してください。"
                )
            }
            (CommandError::NameTaken(name), Lang::En) => {
                format!("This group already has a tag “{name}”. Choose another name, or merge the two.")
            }
            (CommandError::CannotMerge, Lang::Ja) => {
                "統合できるのは、同じグループの別のタグどうしだけです。".to_owned()
            }
            (CommandError::CannotMerge, Lang::En) => {
                "Only two different tags of the same group can be merged.".to_owned()
            }
            (CommandError::BadParent, Lang::Ja) => {
                "親タグは同じグループの、親を持たないタグにしてください（階層は1段までです）。".to_owned()
            }
            (CommandError::BadParent, Lang::En) => {
                "A parent must be a tag of the same group that has no parent itself (one level only)."
                    .to_owned()
            }
            (CommandError::NotAnAddition, Lang::Ja) => {
                "この追加はもう最後の操作ではないため、続きのコメントを加えられません。".to_owned()
            }
            (CommandError::NotAnAddition, Lang::En) => {
                "That addition is no longer the last edit, so more comments cannot join it.".to_owned()
            }
        }
    }
}

/// How an entry of the change log came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogKind {
    /// An edit the user made.
    Applied,
    /// An undo.
    Undone,
    /// A redo.
    Redone,
}

/// One line of the change log: what happened to the project, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Edit, undo or redo.
    pub kind: LogKind,
    /// What changed.
    pub change: Change,
}

/// Everything the user works on, plus the history that makes every edit undoable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// Sorted by identity, so a comment is found by binary search.
    comments: Vec<Comment>,
    /// The comments' days, in the same order (derived; kept in step wherever comments change).
    days: CommentDays,
    codebook: Codebook,
    report: ReportLayout,
    templates: Vec<Template>,
    team: Team,
    next_id: u32,
    undo: Vec<Command>,
    redo: Vec<Command>,
    log: Vec<LogEntry>,
}

impl Default for Project {
    fn default() -> Self {
        Project::new()
    }
}

impl Project {
    /// An empty project with the starter codebook.
    pub fn new() -> Self {
        Project::new_in(Lang::Ja)
    }

    /// A new project with the starter codebook in `lang`.
    pub fn new_in(lang: Lang) -> Self {
        let codebook = Codebook::starter_in(lang);
        Project {
            comments: Vec::new(),
            days: CommentDays::default(),
            report: ReportLayout::monthly(&codebook),
            templates: Vec::new(),
            team: Team::default(),
            codebook,
            next_id: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            log: Vec::new(),
        }
    }

    /// Whether nothing has been done to this project yet: no comments, no history, and the
    /// starter codebook and report of one of the languages.
    pub fn is_untouched(&self) -> bool {
        self.comments.is_empty()
            && self.undo.is_empty()
            && self.redo.is_empty()
            && self.templates.is_empty()
            && Lang::ALL.into_iter().any(|lang| {
                let starter = Codebook::starter_in(lang);
                self.report == ReportLayout::monthly(&starter) && self.codebook == starter
            })
    }

    /// An untouched project takes the starter codebook of `lang`, so a member who switches the
    /// language before doing anything tags in that language; `true` when it changed. A
    /// project that has been worked on keeps its codebook.
    pub fn follow_language(&mut self, lang: Lang) -> bool {
        let starter = Codebook::starter_in(lang);
        if !self.is_untouched() || self.codebook == starter {
            return false;
        }
        self.report = ReportLayout::monthly(&starter);
        self.codebook = starter;
        true
    }

    /// The comments, in the order they were added.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// The comments' days, in the same order: what a report reads to find its period.
    pub fn comment_days(&self) -> &CommentDays {
        &self.days
    }

    /// The codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// The report's layout: sections, pinned quotes, word lists.
    pub fn report(&self) -> &ReportLayout {
        &self.report
    }

    /// The report templates the user saved (the shipped default is not among them).
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The coder's name and the codings merged in.
    pub fn team(&self) -> &Team {
        &self.team
    }

    /// This project (as read from a file or autosave) with its coder and codings; tags and
    /// comments the project does not have are left out of the codings.
    pub fn with_team(mut self, mut team: Team) -> Project {
        for coding in &mut team.codings {
            coding.tags.retain(|id, _| self.position(*id).is_some());
            for tags in coding.tags.values_mut() {
                tags.retain(|t| self.codebook.tag(*t).is_some());
            }
            coding.adopted.retain(|id| self.position(*id).is_some());
        }
        self.team = team;
        self
    }

    /// A project as saved: its content without undo history. Comments are put in identity
    /// order and the next identity is kept above every one in use, so a hand-edited or old
    /// file cannot make two comments share an identity.
    pub fn from_parts(
        mut comments: Vec<Comment>,
        codebook: Codebook,
        report: ReportLayout,
        templates: Vec<Template>,
        next_id: u32,
    ) -> Project {
        sort_by_key(&mut comments, |c| c.id);
        comments.dedup_by_key(|c| c.id);
        share_names(&mut comments);
        let next_id = comments.last().map_or(0, |c| c.id.0.saturating_add(1)).max(next_id);
        Project {
            days: CommentDays::of(&comments),
            comments,
            codebook,
            report,
            templates,
            team: Team::default(),
            next_id,
            undo: Vec::new(),
            redo: Vec::new(),
            log: Vec::new(),
        }
    }

    /// The identity the next added comment gets (saved with the project).
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    /// The comment with this identity.
    pub fn comment(&self, id: CommentId) -> Option<&Comment> {
        self.position(id).map(|index| &self.comments[index])
    }

    /// Every edit, undo and redo so far, oldest first.
    pub fn log(&self) -> &[LogEntry] {
        &self.log
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
        self.apply_handing_back_redo(command).map(|(change, _cleared)| change)
    }

    /// As [`Project::apply`], but hands the redo history the edit cleared back instead of
    /// dropping it: an undone import holds every comment it removed, and freeing 200,000
    /// comments takes tens of milliseconds the caller may rather spend after the page is drawn.
    pub fn apply_handing_back_redo(
        &mut self,
        command: Command,
    ) -> Result<(Change, Vec<Command>), CommandError> {
        let (change, inverse) = self.perform(command)?;
        let mut cleared = Vec::new();
        if change != Change::Nothing {
            self.undo.push(inverse);
            cleared = std::mem::take(&mut self.redo);
            self.log.push(LogEntry { kind: LogKind::Applied, change: change.clone() });
        }
        Ok((change, cleared))
    }

    /// Makes room for `more` comments at once: a big import added in parts would otherwise copy
    /// every comment each time the list outgrows its room.
    pub fn reserve_comments(&mut self, more: usize) {
        self.comments.reserve(more);
    }

    /// Adds more comments to the addition whose first comment is `first`, when that addition
    /// is still the last edit, so a big import added a part at a time (the page stays
    /// responsive between parts) is still one edit to undo. On success `more` is emptied; when
    /// another edit, an undo or a redo came last, nothing is added and `more` is left as it was.
    pub fn extend_addition(
        &mut self,
        first: CommentId,
        more: &mut Vec<NewComment>,
    ) -> Result<Change, CommandError> {
        let last_was_addition = matches!(
            self.log.last(),
            Some(LogEntry { kind: LogKind::Applied, change: Change::Comments { removed: 0, .. } })
        );
        let ours = |undo: &[Command]| matches!(undo.last(), Some(Command::RemoveComments(ids)) if ids.first() == Some(&first));
        if !last_was_addition || !ours(&self.undo) {
            return Err(CommandError::NotAnAddition);
        }
        let added = more.len();
        let ids = self.push_new(std::mem::take(more));
        if let Some(Command::RemoveComments(ours)) = self.undo.last_mut() {
            ours.extend(ids);
        }
        if let Some(LogEntry { change: Change::Comments { added: so_far, .. }, .. }) = self.log.last_mut() {
            *so_far += added;
        }
        Ok(Change::Comments { added, removed: 0 })
    }

    /// Gives new comments their identities and puts them after the others (with their days);
    /// returns the identities given, in order.
    fn push_new(&mut self, new: Vec<NewComment>) -> Vec<CommentId> {
        let added = new.len();
        let first = self.next_id;
        let made =
            new.into_iter().zip(first..).map(|(comment, id)| Comment::from_new(CommentId(id), comment));
        if self.comments.is_empty() {
            // Made in the buffer the new comments came in (a project comment is no larger than
            // a new one): the first import of 200,000 comments does not hold a second list of
            // them, some 24 MB, while it is made.
            self.comments = made.collect();
        } else {
            // Written in place through one exact-size extend (one allocation for a big file,
            // not a copy of every comment at each doubling, nor a check of room per comment).
            self.comments.extend(made);
        }
        let made = &self.comments[self.comments.len() - added..];
        self.next_id = made.last().map_or(first, |last| last.id.0 + 1);
        self.days.extend(made);
        made.iter().map(|c| c.id).collect()
    }

    /// Undoes the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Change> {
        let command = self.undo.pop()?;
        let (change, inverse) = self.perform(command).ok()?;
        self.redo.push(inverse);
        self.log.push(LogEntry { kind: LogKind::Undone, change: change.clone() });
        Some(change)
    }

    /// Redoes the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Change> {
        let command = self.redo.pop()?;
        let (change, inverse) = self.perform(command).ok()?;
        self.undo.push(inverse);
        self.log.push(LogEntry { kind: LogKind::Redone, change: change.clone() });
        Some(change)
    }

    fn position(&self, id: CommentId) -> Option<usize> {
        self.comments.binary_search_by_key(&id, |c| c.id).ok()
    }

    /// Carries out a command and returns what changed and the command that reverses it.
    fn perform(&mut self, command: Command) -> Result<(Change, Command), CommandError> {
        match command {
            Command::AddComments(new) => {
                let ids = self.push_new(new);
                Ok((Change::Comments { added: ids.len(), removed: 0 }, Command::RemoveComments(ids)))
            }
            Command::RemoveComments(ids) => {
                let wanted: BTreeSet<CommentId> = ids.into_iter().collect();
                if let Some(missing) = wanted.iter().find(|id| self.position(**id).is_none()) {
                    return Err(CommandError::UnknownComment(*missing));
                }
                let (removed, kept): (Vec<Comment>, Vec<Comment>) =
                    std::mem::take(&mut self.comments).into_iter().partition(|c| wanted.contains(&c.id));
                self.comments = kept;
                self.days = CommentDays::of(&self.comments);
                let change = Change::Comments { added: 0, removed: removed.len() };
                Ok((change, Command::RestoreComments(removed)))
            }
            Command::RestoreComments(restored) => {
                let ids: Vec<CommentId> = restored.iter().map(|c| c.id).collect();
                let added = restored.len();
                // Comments given their identities ahead (a merge) keep the next one above them.
                if let Some(highest) = ids.iter().map(|id| id.0).max() {
                    self.next_id = self.next_id.max(highest.saturating_add(1));
                }
                self.comments.extend(restored);
                sort_by_key(&mut self.comments, |c| c.id);
                self.comments.dedup_by_key(|c| c.id);
                self.days = CommentDays::of(&self.comments);
                Ok((Change::Comments { added, removed: 0 }, Command::RemoveComments(ids)))
            }
            Command::AddTag { comment, tag } => {
                self.known_tag(tag)?;
                let next = self.tagging_of(comment)?.with_added(tag, &self.codebook);
                self.perform(Command::SetTaggings(vec![(comment, next)]))
            }
            Command::RemoveTag { comment, tag } => {
                let next = self.tagging_of(comment)?.with_removed(tag);
                self.perform(Command::SetTaggings(vec![(comment, next)]))
            }
            Command::TagMany { comments, tag, on } => {
                self.known_tag(tag)?;
                let mut changes = Vec::with_capacity(comments.len());
                for comment in comments {
                    let old = self.tagging_of(comment)?;
                    let next = if on { old.with_added(tag, &self.codebook) } else { old.with_removed(tag) };
                    changes.push((comment, next));
                }
                self.perform(Command::SetTaggings(changes))
            }
            Command::AddTags(pairs) => {
                let mut next: BTreeMap<CommentId, Tagging> = BTreeMap::new();
                for (comment, tag) in pairs {
                    self.known_tag(tag)?;
                    let current = match next.remove(&comment) {
                        Some(tagging) => tagging,
                        None => self.tagging_of(comment)?.clone(),
                    };
                    next.insert(comment, current.with_added(tag, &self.codebook));
                }
                self.perform(Command::SetTaggings(next.into_iter().collect()))
            }
            Command::ApplyRules => {
                let plan = rules::plan(&self.codebook, &self.comments);
                self.perform(Command::SetTaggings(plan.changes))
            }
            Command::SetTaggings(changes) => {
                let mut indexes = Vec::with_capacity(changes.len());
                for (comment, tagging) in &changes {
                    if let Some(unknown) = tagging.tags.iter().find(|t| self.codebook.tag(**t).is_none()) {
                        return Err(CommandError::UnknownTag(*unknown));
                    }
                    indexes.push(self.position(*comment).ok_or(CommandError::UnknownComment(*comment))?);
                }
                let mut old = Vec::new();
                for ((comment, tagging), index) in changes.into_iter().zip(indexes) {
                    if *self.comments[index].tagging != tagging {
                        old.push((comment, self.comments[index].tagging.replace(tagging)));
                    }
                }
                let change = match old.as_slice() {
                    [] => Change::Nothing,
                    [(comment, _)] => Change::Tags(*comment),
                    _ => Change::ManyTags(old.len()),
                };
                Ok((change, Command::SetTaggings(old)))
            }
            Command::RenameTag { tag, name } => {
                let mut edited = self.known_tag(tag)?.clone();
                edited.name = name;
                self.perform(Command::EditTag(edited))
            }
            Command::EditTag(mut edited) => {
                let current = self.known_tag(edited.id)?;
                edited.group = current.group;
                edited.name = edited.name.trim().to_owned();
                self.check_name(edited.group, &edited.name, Some(edited.id))?;
                if let Some(parent) = edited.parent {
                    let parent_tag = self.known_tag(parent)?;
                    let has_children = self.codebook.tags.iter().any(|t| t.parent == Some(edited.id));
                    if parent == edited.id
                        || parent_tag.group != edited.group
                        || parent_tag.parent.is_some()
                        || has_children
                    {
                        return Err(CommandError::BadParent);
                    }
                }
                let mut codebook = self.codebook.clone();
                if let Some(slot) = codebook.tags.iter_mut().find(|t| t.id == edited.id) {
                    *slot = edited;
                }
                self.perform(Command::SetCodebook { codebook, taggings: Vec::new() })
            }
            Command::NewTag { group, name } => {
                if self.codebook.group(group).is_none() {
                    return Err(CommandError::UnknownGroup(group));
                }
                let name = name.trim().to_owned();
                self.check_name(group, &name, None)?;
                let mut codebook = self.codebook.clone();
                let id = codebook.next_tag_id();
                let colour = TAG_PALETTE[id.0 as usize % TAG_PALETTE.len()].to_owned();
                codebook.tags.push(Tag {
                    id,
                    group,
                    name,
                    colour,
                    parent: None,
                    shortcut: None,
                    rule: Rule::default(),
                });
                self.perform(Command::SetCodebook { codebook, taggings: Vec::new() })
            }
            Command::MergeTags { from, into } => {
                let (from_tag, into_tag) = (self.known_tag(from)?, self.known_tag(into)?);
                if from == into || from_tag.group != into_tag.group {
                    return Err(CommandError::CannotMerge);
                }
                let mut codebook = self.codebook.clone();
                codebook.tags.retain(|t| t.id != from);
                for tag in codebook.tags.iter_mut().filter(|t| t.parent == Some(from)) {
                    tag.parent = (into_tag.parent.is_none() && tag.id != into).then_some(into);
                }
                let taggings = self.retagged(|t| Some(if t == from { into } else { t }));
                self.perform(Command::SetCodebook { codebook, taggings })
            }
            Command::DeleteTag(tag) => {
                self.known_tag(tag)?;
                let mut codebook = self.codebook.clone();
                codebook.tags.retain(|t| t.id != tag);
                for child in codebook.tags.iter_mut().filter(|t| t.parent == Some(tag)) {
                    child.parent = None;
                }
                let taggings = self.retagged(|t| (t != tag).then_some(t));
                self.perform(Command::SetCodebook { codebook, taggings })
            }
            Command::ReplaceCodebook(codebook) => {
                let taggings = self.retagged(|t| codebook.tag(t).map(|_| t));
                self.perform(Command::SetCodebook { codebook, taggings })
            }
            Command::SetCodebook { codebook, taggings } => {
                let codebook_changed = codebook != self.codebook;
                let old_codebook = std::mem::replace(&mut self.codebook, codebook);
                let mut old_taggings = Vec::with_capacity(taggings.len());
                for (comment, tagging) in taggings {
                    if let Some(index) = self.position(comment) {
                        old_taggings.push((comment, self.comments[index].tagging.replace(tagging)));
                    }
                }
                let change = if codebook_changed || !old_taggings.is_empty() {
                    Change::Codebook
                } else {
                    Change::Nothing
                };
                Ok((change, Command::SetCodebook { codebook: old_codebook, taggings: old_taggings }))
            }
            Command::SetResponse { comment, response } => {
                let index = self.position(comment).ok_or(CommandError::UnknownComment(comment))?;
                let old = self.comments[index].response.replace(response);
                let change = if old == *self.comments[index].response {
                    Change::Nothing
                } else {
                    Change::Response(comment)
                };
                Ok((change, Command::SetResponse { comment, response: old }))
            }
            Command::SetReport(layout) => {
                let old = std::mem::replace(&mut self.report, layout);
                let change = if old == self.report { Change::Nothing } else { Change::Report };
                Ok((change, Command::SetReport(old)))
            }
            Command::SetTemplates(templates) => {
                let old = std::mem::replace(&mut self.templates, templates);
                let change = if old == self.templates { Change::Nothing } else { Change::Templates };
                Ok((change, Command::SetTemplates(old)))
            }
            Command::SetTeam(team) => {
                let old = std::mem::replace(&mut self.team, team);
                let change = if old == self.team { Change::Nothing } else { Change::Team };
                Ok((change, Command::SetTeam(old)))
            }
            Command::Several(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                let mut changes = Vec::with_capacity(commands.len());
                for command in commands {
                    match self.perform(command) {
                        Ok((change, inverse)) => {
                            changes.push(change);
                            inverses.push(inverse);
                        }
                        Err(error) => {
                            // Nothing half done: what was applied is undone before failing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = self.perform(inverse);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok((Change::of_several(&changes), Command::Several(inverses)))
            }
        }
    }

    /// How many comments carry the tag, shown before renaming, merging or deleting it.
    pub fn tag_uses(&self, tag: TagId) -> usize {
        self.comments.iter().filter(|c| c.tags().contains(&tag)).count()
    }

    fn known_tag(&self, tag: TagId) -> Result<&Tag, CommandError> {
        self.codebook.tag(tag).ok_or(CommandError::UnknownTag(tag))
    }

    fn tagging_of(&self, comment: CommentId) -> Result<&Tagging, CommandError> {
        self.comment(comment).map(|c| &*c.tagging).ok_or(CommandError::UnknownComment(comment))
    }

    fn check_name(&self, group: GroupId, name: &str, except: Option<TagId>) -> Result<(), CommandError> {
        if name.is_empty() {
            return Err(CommandError::EmptyName);
        }
        let taken =
            self.codebook.tags.iter().any(|t| t.group == group && t.name == name && Some(t.id) != except);
        if taken { Err(CommandError::NameTaken(name.to_owned())) } else { Ok(()) }
    }

    /// The comments whose tagging changes when tags are mapped (merged) or dropped (deleted).
    fn retagged(&self, map: impl Fn(TagId) -> Option<TagId>) -> Vec<(CommentId, Tagging)> {
        self.comments
            .iter()
            .filter_map(|c| {
                let next = c.tagging.mapped(&map);
                (next != *c.tagging).then_some((c.id, next))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_untouched_project_follows_the_language_and_a_worked_one_keeps_its_codebook() {
        let mut project = Project::new_in(Lang::En);
        assert_eq!(project.codebook().groups[0].name, "Sentiment");
        assert!(project.follow_language(Lang::Ja), "nothing done yet: the Japanese starter");
        assert_eq!(project.codebook(), &Codebook::starter_in(Lang::Ja));
        assert_eq!(project.report(), &ReportLayout::monthly(&Codebook::starter_in(Lang::Ja)));
        assert!(!project.follow_language(Lang::Ja), "already in Japanese");
        assert!(project.follow_language(Lang::En));

        let comment = NewComment::new(
            "x",
            crate::project::comment::SourceRef { file: "a.csv".into(), sheet: None, line: 2 },
        );
        project.apply(Command::AddComments(vec![comment])).expect("added");
        assert!(!project.is_untouched());
        assert!(!project.follow_language(Lang::Ja), "a project with comments keeps its codebook");
        assert_eq!(project.codebook().groups[0].name, "Sentiment");

        // An edit undone still leaves history: the member did something, the codebook stays.
        let mut renamed = Project::new_in(Lang::Ja);
        let tag = renamed.codebook().tags[0].id;
        renamed.apply(Command::RenameTag { tag, name: "好意的".into() }).expect("renamed");
        renamed.undo();
        assert!(!renamed.follow_language(Lang::En));
    }

    use super::*;
    use crate::project::comment::SourceRef;

    fn new_comment(text: &str) -> NewComment {
        NewComment {
            channel: "X".into(),
            ..NewComment::new(text, SourceRef { file: "t.csv".into(), sheet: None, line: 2 })
        }
    }

    #[test]
    fn comments_read_back_share_their_file_sheet_and_channel_names() {
        let source = |file: &str, sheet: Option<&str>, line| SourceRef {
            file: file.into(),
            sheet: sheet.map(Into::into),
            line,
        };
        let comments: Vec<Comment> = [
            source("a.xlsx", Some("10月"), 2),
            source("a.xlsx", Some("10月"), 3),
            source("a.xlsx", Some("11月"), 2),
            source("b.csv", None, 2),
            source("b.csv", None, 3),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let channel = if i % 2 == 0 { "X" } else { "電話" };
            Comment::from_new(
                CommentId(i as u32),
                NewComment { channel: channel.into(), ..NewComment::new("x", s) },
            )
        })
        .collect();
        let project =
            Project::from_parts(comments, Codebook::starter(), ReportLayout::default(), Vec::new(), 0);
        let c = project.comments();
        let same = |a: &std::sync::Arc<str>, b: &std::sync::Arc<str>| std::sync::Arc::ptr_eq(a, b);
        assert!(same(&c[0].source.file, &c[1].source.file) && same(&c[1].source.file, &c[2].source.file));
        assert!(same(&c[3].source.file, &c[4].source.file));
        assert!(!same(&c[2].source.file, &c[3].source.file));
        assert_eq!((&*c[2].source.file, &*c[3].source.file), ("a.xlsx", "b.csv"));
        let sheet = |i: usize| c[i].source.sheet.as_ref().expect("sheet");
        assert!(same(sheet(0), sheet(1)));
        assert!(!same(sheet(1), sheet(2)));
        assert_eq!(&**sheet(2), "11月");
        assert_eq!(c[4].source.line, 3, "lines are the comments' own");
        let channel = |i: usize| &c[i].channel;
        assert!(same(channel(0), channel(2)) && same(channel(2), channel(4)) && same(channel(1), channel(3)));
        assert_eq!((&**channel(3), &**channel(4)), ("電話", "X"));
    }

    fn tag_named(project: &Project, name: &str) -> TagId {
        project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag")
    }

    fn tag_names(project: &Project, id: CommentId) -> Vec<String> {
        let comment = project.comment(id).expect("comment");
        comment.tags().iter().filter_map(|t| project.codebook().tag(*t)).map(|t| t.name.clone()).collect()
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
    fn a_first_import_becomes_the_projects_comments_in_the_buffer_it_came_in() {
        let new: Vec<NewComment> = (0..1000).map(|i| new_comment(&format!("voice {i}"))).collect();
        let buffer = new.as_ptr().cast::<u8>();
        let mut project = Project::new();
        project.apply(Command::AddComments(new)).expect("add");
        assert_eq!(project.comments().as_ptr().cast::<u8>(), buffer);
        assert_eq!(project.comments().len(), 1000);
        assert_eq!(&*project.comments()[999].text, "voice 999");
        // A second import is added after them, with the next identities.
        project.apply(Command::AddComments(vec![new_comment("later")])).expect("add");
        let ids: Vec<u32> = project.comments().iter().map(|c| c.id.0).collect();
        assert_eq!(ids, (0..1001).collect::<Vec<u32>>());
    }

    #[test]
    fn a_new_edit_hands_back_the_undone_edits_it_clears() {
        let mut project = Project::new();
        project.apply(Command::AddComments(vec![new_comment("a"), new_comment("b")])).expect("add");
        project.undo();
        let (change, cleared) =
            project.apply_handing_back_redo(Command::AddComments(vec![new_comment("c")])).expect("add");
        assert_eq!(change, Change::Comments { added: 1, removed: 0 });
        // The undone import, with the two comments it removed.
        assert_eq!(cleared.len(), 1);
        assert!(matches!(&cleared[0], Command::RestoreComments(comments) if comments.len() == 2));
        assert!(!project.can_redo());
        // An edit that changes nothing clears nothing.
        let (id, tag) = (project.comments()[0].id, tag_named(&project, "品質"));
        project.apply(Command::AddTag { comment: id, tag }).expect("tag");
        project.undo();
        let (change, cleared) =
            project.apply_handing_back_redo(Command::RemoveTag { comment: id, tag }).expect("untag");
        assert_eq!((change, cleared.len()), (Change::Nothing, 0));
        assert!(project.can_redo());
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
        assert!(project.comment(id).expect("b").tags().is_empty());
        assert_eq!(project.undo(), Some(Change::Comments { added: 0, removed: 2 }));
        assert!(project.comments().is_empty());
        assert_eq!(project.undo(), None);

        assert_eq!(project.redo(), Some(Change::Comments { added: 2, removed: 0 }));
        assert_eq!(project.redo(), Some(Change::Tags(id)));
        assert_eq!(project.comments(), tagged.comments());
        assert!(!project.can_redo());
        let kinds: Vec<LogKind> = project.log().iter().map(|e| e.kind).collect();
        use LogKind::{Applied, Redone, Undone};
        assert_eq!(kinds, vec![Applied, Applied, Undone, Undone, Redone, Redone], "the change log keeps all");
    }

    #[test]
    fn an_addition_extended_part_by_part_is_one_edit() {
        let mut project = Project::new();
        project.apply(Command::AddComments(vec![new_comment("before")])).expect("add");
        let tag = tag_named(&project, "品質");
        project.apply(Command::AddTag { comment: project.comments()[0].id, tag }).expect("tag");
        let before = project.clone();
        let mut refused = vec![new_comment("x")];
        assert_eq!(project.extend_addition(CommentId(0), &mut refused), Err(CommandError::NotAnAddition));
        assert_eq!(project, before, "a tag edit came last: nothing added");
        assert_eq!(refused.len(), 1, "the part is handed back");

        let first = CommentId(project.next_id());
        project.apply(Command::AddComments(vec![new_comment("a")])).expect("first part");
        assert_eq!(
            project.extend_addition(CommentId(0), &mut vec![new_comment("x")]),
            Err(CommandError::NotAnAddition),
            "another addition's identity"
        );
        let mut part = vec![new_comment("b"), new_comment("c")];
        assert_eq!(project.extend_addition(first, &mut part), Ok(Change::Comments { added: 2, removed: 0 }));
        assert!(part.is_empty());
        assert_eq!(
            project.extend_addition(first, &mut vec![new_comment("d")]),
            Ok(Change::Comments { added: 1, removed: 0 })
        );
        let texts: Vec<&str> = project.comments().iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["before", "a", "b", "c", "d"]);
        let ids: Vec<u32> = project.comments().iter().map(|c| c.id.0).collect();
        assert_eq!(ids, [0, 1, 2, 3, 4], "identities follow on");
        assert_eq!(project.log().last().map(|e| &e.change), Some(&Change::Comments { added: 4, removed: 0 }));
        let whole = project.clone();

        assert_eq!(
            project.undo(),
            Some(Change::Comments { added: 0, removed: 4 }),
            "one undo takes all parts"
        );
        assert_eq!(project.comments(), before.comments());
        let mut late = vec![new_comment("e")];
        assert_eq!(
            project.extend_addition(first, &mut late),
            Err(CommandError::NotAnAddition),
            "after an undo"
        );
        assert_eq!(project.redo(), Some(Change::Comments { added: 4, removed: 0 }));
        assert_eq!(project.comments(), whole.comments());
        assert_eq!(
            project.extend_addition(first, &mut late),
            Err(CommandError::NotAnAddition),
            "after a redo"
        );
    }

    #[test]
    fn the_column_of_days_follows_every_change_of_the_comments() {
        let dated = |text: &str, day: u32| NewComment {
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, day).and_then(|d| d.and_hms_opt(9, 0, 0)),
            ..new_comment(text)
        };
        let in_step = |project: &Project, step: &str| {
            assert_eq!(project.comment_days(), &CommentDays::of(project.comments()), "after {step}");
        };
        let mut project = Project::new();
        project.apply(Command::AddComments(vec![dated("a", 1), new_comment("b")])).expect("add");
        in_step(&project, "an addition");
        let first = project.comments()[0].id;
        project.extend_addition(first, &mut vec![dated("c", 20)]).expect("a part more");
        in_step(&project, "a part added to it");
        project.apply(Command::AddComments(vec![dated("d", 3)])).expect("add");
        let second = project.comments()[1].id;
        project.apply(Command::RemoveComments(vec![second])).expect("remove");
        in_step(&project, "a removal");
        project.undo();
        in_step(&project, "the removal undone");
        project.undo();
        in_step(&project, "an addition undone");
        project.redo();
        in_step(&project, "the addition redone");
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 5, d).expect("a day in May");
        let [in_may] = project.comment_days().positions_in([(day(1), day(31))]);
        assert_eq!(in_may, vec![0, 2, 3]);
        let reversed = project.comments().iter().rev().cloned().collect();
        let opened = Project::from_parts(
            reversed,
            project.codebook().clone(),
            project.report().clone(),
            Vec::new(),
            0,
        );
        in_step(&opened, "a project opened");
        assert_eq!(opened.comment_days(), project.comment_days());
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

    /// A project of four comments with some tags, and a record of its state.
    fn tagged_project() -> Project {
        let mut project = Project::new();
        let texts = ["値段が高い", "容器が開けにくい", "とてもおいしい", "値段の割においしい"];
        project.apply(Command::AddComments(texts.iter().map(|t| new_comment(t)).collect())).expect("add");
        let (price, quality) = (tag_named(&project, "価格"), tag_named(&project, "品質"));
        project.apply(Command::AddTag { comment: CommentId(0), tag: price }).expect("tag");
        project.apply(Command::AddTag { comment: CommentId(1), tag: quality }).expect("tag");
        project.apply(Command::AddTag { comment: CommentId(3), tag: price }).expect("tag");
        project
    }

    /// Applies a command, then checks that undo restores exactly the state before and redo the
    /// state after.
    fn round_trip(project: &mut Project, command: Command) -> Change {
        let state = |p: &Project| {
            (p.comments().to_vec(), p.codebook().clone(), p.report().clone(), p.templates().to_vec())
        };
        let before = state(project);
        let change = project.apply(command).expect("applies");
        assert_ne!(change, Change::Nothing);
        let after = state(project);
        assert!(project.undo().is_some());
        assert_eq!(state(project), before, "undo restores");
        assert!(project.redo().is_some());
        assert_eq!(state(project), after, "redo repeats");
        change
    }

    #[test]
    fn every_command_kind_undoes_and_redoes_exactly() {
        let mut project = tagged_project();
        let (price, quality, positive) =
            (tag_named(&project, "価格"), tag_named(&project, "品質"), tag_named(&project, "ポジティブ"));
        let all: Vec<CommentId> = project.comments().iter().map(|c| c.id).collect();
        assert_eq!(
            round_trip(&mut project, Command::TagMany { comments: all.clone(), tag: positive, on: true }),
            Change::ManyTags(4)
        );
        round_trip(&mut project, Command::TagMany { comments: all, tag: price, on: false });
        round_trip(&mut project, Command::AddTags(vec![(CommentId(2), quality), (CommentId(2), price)]));
        round_trip(&mut project, Command::RenameTag { tag: price, name: "値段".into() });
        round_trip(&mut project, Command::NewTag { group: GroupId(1), name: "店舗".into() });
        round_trip(&mut project, Command::MergeTags { from: price, into: quality });
        round_trip(&mut project, Command::DeleteTag(quality));
        round_trip(&mut project, Command::ApplyRules);
        let response = Response { needed: true, person: "佐藤".into(), ..Response::default() };
        round_trip(&mut project, Command::SetResponse { comment: CommentId(1), response });
        let mut smaller = project.codebook().clone();
        smaller.tags.retain(|t| t.id != positive);
        round_trip(&mut project, Command::ReplaceCodebook(smaller));
        let package = tag_named(&project, "パッケージ");
        let mut edited = project.codebook().tag(package).cloned().expect("パッケージ");
        edited.shortcut = Some('x');
        edited.colour = "#000000".into();
        round_trip(&mut project, Command::EditTag(edited));
        round_trip(&mut project, Command::RemoveComments(vec![CommentId(0)]));
        let layout = project.report().without_section("kpi").with_quote(CommentId(1), true);
        assert_eq!(round_trip(&mut project, Command::SetReport(layout.clone())), Change::Report);
        let template = crate::project::layout::Template::from_layout(
            "月報",
            &layout,
            crate::project::layout::TemplatePeriod::Month,
            4,
        );
        assert_eq!(round_trip(&mut project, Command::SetTemplates(vec![template])), Change::Templates);
    }

    #[test]
    fn rename_merge_and_delete_keep_assignments_where_they_belong() {
        let mut project = tagged_project();
        let (price, quality, positive) =
            (tag_named(&project, "価格"), tag_named(&project, "品質"), tag_named(&project, "ポジティブ"));
        assert_eq!((project.tag_uses(price), project.tag_uses(quality)), (2, 1));

        project.apply(Command::RenameTag { tag: price, name: " 値段 ".into() }).expect("rename");
        assert_eq!(tag_names(&project, CommentId(0)), vec!["値段"]);
        assert_eq!(
            project.apply(Command::RenameTag { tag: price, name: "品質".into() }),
            Err(CommandError::NameTaken("品質".into()))
        );
        assert_eq!(
            project.apply(Command::RenameTag { tag: price, name: " ".into() }),
            Err(CommandError::EmptyName)
        );
        assert_eq!(
            project.apply(Command::MergeTags { from: price, into: positive }),
            Err(CommandError::CannotMerge)
        );

        project.apply(Command::MergeTags { from: price, into: quality }).expect("merge");
        assert!(project.codebook().tag(price).is_none());
        assert_eq!(project.tag_uses(quality), 3, "the survivor has every assignment");

        project.apply(Command::DeleteTag(quality)).expect("delete");
        assert!(project.comments().iter().all(|c| c.tags().is_empty()));
        project.undo();
        project.undo();
        assert_eq!(
            (project.tag_uses(price), project.tag_uses(quality)),
            (2, 1),
            "undo restores the exact counts"
        );
    }

    #[test]
    fn rules_tag_matches_and_respect_a_persons_removal() {
        let mut project = tagged_project();
        let price = tag_named(&project, "価格");
        // 値段 is a keyword of 価格 in the starter codebook; comment 0 and 3 already have it.
        project.apply(Command::RemoveTag { comment: CommentId(3), tag: price }).expect("remove");
        project.apply(Command::ApplyRules).expect("rules");
        assert!(
            !project.comment(CommentId(3)).expect("c3").tags().contains(&price),
            "a person's removal wins"
        );
        let package = tag_named(&project, "パッケージ");
        let c1 = project.comment(CommentId(1)).expect("c1");
        assert!(
            c1.tags().contains(&package) && c1.tagging.by_rule.contains(&package),
            "marked as set by a rule"
        );
    }

    #[test]
    fn a_parent_is_one_level_deep_in_the_same_group() {
        let mut project = Project::new();
        let (quality, taste, price, positive) = (
            tag_named(&project, "品質"),
            tag_named(&project, "味・使用感"),
            tag_named(&project, "価格"),
            tag_named(&project, "ポジティブ"),
        );
        let with_parent = |project: &Project, tag, parent| {
            let mut edited = project.codebook().tag(tag).cloned().expect("tag");
            edited.parent = Some(parent);
            Command::EditTag(edited)
        };
        project.apply(with_parent(&project, taste, quality)).expect("sub-tag");
        assert_eq!(
            project.apply(with_parent(&project, price, taste)),
            Err(CommandError::BadParent),
            "two levels"
        );
        assert_eq!(
            project.apply(with_parent(&project, quality, price)),
            Err(CommandError::BadParent),
            "has children"
        );
        assert_eq!(
            project.apply(with_parent(&project, price, positive)),
            Err(CommandError::BadParent),
            "other group"
        );
    }
}
