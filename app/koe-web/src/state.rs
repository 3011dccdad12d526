//! The state components share: the project and language (here), the report page's context
//! (`report`) and the tagging workbench (`workbench`). Derived lists are memos; nothing copies
//! comments.

pub mod report;
pub mod workbench;

use koe_core::project::comment::NewComment;
use koe_core::ui::i18n::{Texts, texts};
use koe_core::{Change, Command, CommandError, CommentId, Lang, Project};
use leptos::prelude::*;

use crate::io::timing::{TaskClock, measured, next_task};

/// Comments added per slice by [`ProjectState::add_comments_in_parts`] (a millisecond or two
/// each; as many slices go in one task as fit in [`TASK_BUDGET_MS`](crate::io::timing::TASK_BUDGET_MS)).
pub const ADDED_PER_SLICE: usize = 10_000;

/// How long after an import's first part the undone edits it cleared are freed: after the
/// import is drawn (freeing an undone import of 200,000 comments took 17-35 ms of the page's
/// time before its comments showed).
const FREE_CLEARED_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// The one copy of the truth in the UI: the project and the language.
///
/// Components never touch the project's fields: they send [`Command`]s through
/// [`ProjectState::apply`], so undo, redo and autosave see every edit.
#[derive(Clone, Copy, Debug)]
pub struct ProjectState {
    project: RwSignal<Project>,
    lang: RwSignal<Lang>,
    last_error: RwSignal<Option<CommandError>>,
    /// Counts recorded edits, undos and redos: autosave watches it.
    revision: RwSignal<u64>,
    /// Counts edits that added or removed comments: only then are the bodies saved again.
    bodies_revision: RwSignal<u64>,
    /// Counts every time the list of comments changed, by an edit or by another project put
    /// in place: what is derived from the texts (the search index) is rebuilt then.
    comments_generation: RwSignal<u64>,
    /// An import still being added a part per task, and a count of those started (see
    /// [`ProjectState::add_comments_in_parts`]).
    adding: StoredValue<(u64, Option<Adding>)>,
    /// Whether this tab may change the project now.
    editing: RwSignal<Editing>,
}

/// Whether this tab may change the project, and why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editing {
    /// Edits are applied.
    Editable,
    /// The stored project is still being restored: an edit now would be overwritten.
    Restoring,
    /// Another tab edits this project (it had it first).
    OtherTab,
    /// Another tab took over editing from this one.
    TakenOver,
}

impl Editing {
    /// Whether another tab edits the project (this one can take over), not a passing state.
    pub fn is_read_only(self) -> bool {
        matches!(self, Editing::OtherTab | Editing::TakenOver)
    }
}

/// The rest of an import being added a part per task. Every other change of the project
/// first adds all of it, so nothing can come between its parts.
#[derive(Debug)]
struct Adding {
    rest: std::vec::IntoIter<NewComment>,
    total: usize,
    added: usize,
    /// The addition's first comment, once its first part is in.
    first: Option<CommentId>,
}

impl ProjectState {
    /// Reads the project inside a reactive scope.
    pub fn with_project<T>(&self, read: impl FnOnce(&Project) -> T) -> T {
        self.project.with(read)
    }

    /// Reads the project without subscribing to it, for work done once on an event.
    pub fn with_project_untracked<T>(&self, read: impl FnOnce(&Project) -> T) -> T {
        self.project.with_untracked(read)
    }

    /// Applies an edit; a refused edit is kept in [`ProjectState::last_error`] for the toast.
    pub fn apply(&self, command: Command) -> Option<Change> {
        if !self.is_editable() {
            return None;
        }
        self.finish_adding();
        let result = self.project.try_update(|project| project.apply(command))?;
        match result {
            Ok(change) => {
                self.last_error.set(None);
                self.changed(&change);
                Some(change)
            }
            Err(error) => {
                self.last_error.set(Some(error));
                None
            }
        }
    }

    /// Adds comments as one edit, [`ADDED_PER_SLICE`] at a time with the page free in between,
    /// and tells the views once at the end: adding 200,000 comments beside others at once holds
    /// the page for a long task (the first import of an empty project goes in whole: it needs
    /// no copy, and the copy's memory was the page's peak). Any other change meanwhile (an
    /// edit, undo, redo, another project, another import) first adds the rest at once, so the
    /// import stays one whole edit.
    pub async fn add_comments_in_parts(&self, comments: Vec<NewComment>) {
        // An import confirmed while the stored project is restored waits for it.
        while self.editing.get_untracked() == Editing::Restoring {
            next_task().await;
        }
        if !self.is_editable() {
            return;
        }
        self.finish_adding();
        let total = comments.len();
        let adding = Adding { rest: comments.into_iter(), total, added: 0, first: None };
        let Some(run) = self.adding.try_update_value(|(runs, current)| {
            *runs += 1;
            *current = Some(adding);
            *runs
        }) else {
            return;
        };
        let still_ours = || self.adding.with_value(|(runs, current)| *runs == run && current.is_some());
        // A first import goes in whole (see `add_part`): in a task of its own, not after the
        // work that confirmed it, nor before the views' update.
        if self.project.with_untracked(|p| p.comments().is_empty()) {
            next_task().await;
            if !still_ours() {
                return;
            }
        }
        let mut clock = TaskClock::start();
        loop {
            let more = self.add_part(ADDED_PER_SLICE);
            if more && clock.has_time() {
                continue;
            }
            if more || !clock.has_time() {
                next_task().await;
                clock = TaskClock::start();
                if !still_ours() {
                    return; // another change added the rest and told the views
                }
            }
            if !more {
                break;
            }
        }
        if still_ours() {
            self.end_adding();
        }
    }

    /// Adds up to `limit` comments of the import being added, without telling the views;
    /// whether some are left.
    fn add_part(&self, limit: usize) -> bool {
        let Some(Some(mut adding)) = self.adding.try_update_value(|(_, current)| current.take()) else {
            return false;
        };
        // A first import into an empty project goes in whole, in one task: its comments are
        // then made in the buffer they came in (see `Project::push_new`) instead of beside it,
        // which was the page's peak. Otherwise a part at a time.
        let whole = adding.first.is_none() && self.project.with_untracked(|p| p.comments().is_empty());
        let mut part: Vec<NewComment> = if whole {
            std::mem::replace(&mut adding.rest, Vec::new().into_iter()).collect()
        } else {
            adding.rest.by_ref().take(limit).collect()
        };
        let added = part.len();
        let outcome = measured("koe:add-comments", || {
            self.project.try_update_untracked(|project| {
                if let Some(first) = adding.first
                    && project.extend_addition(first, &mut part).is_ok()
                {
                    return Vec::new();
                }
                // The first part, or (should the addition no longer be the last edit) the
                // rest as an edit of its own: nothing is dropped.
                adding.first = Some(CommentId(project.next_id()));
                if !whole {
                    project.reserve_comments(adding.total - adding.added);
                }
                project
                    .apply_handing_back_redo(Command::AddComments(std::mem::take(&mut part)))
                    .map(|(_, cleared)| cleared)
                    .unwrap_or_default()
            })
        });
        let Some(cleared) = outcome else { return false };
        // An undone import cleared from the redo history is freed once the import is drawn.
        if !cleared.is_empty() {
            set_timeout(move || drop(cleared), FREE_CLEARED_AFTER);
        }
        adding.added += added;
        // What is derived from the texts is rebuilt; a sliced autosave starts again.
        self.comments_generation.update_untracked(|g| *g += 1);
        let more = adding.rest.len() > 0;
        self.adding.update_value(|(_, current)| *current = Some(adding));
        more
    }

    /// Tells the views once that the import being added is in.
    fn end_adding(&self) {
        let Some(Some(adding)) = self.adding.try_update_value(|(_, current)| current.take()) else {
            return;
        };
        self.project.notify();
        self.last_error.set(None);
        self.changed(&Change::Comments { added: adding.added, removed: 0 });
    }

    /// Adds at once whatever is left of an import being added, before any other change.
    fn finish_adding(&self) {
        if self.adding.with_value(|(_, current)| current.is_some()) {
            while self.add_part(usize::MAX) {}
            self.end_adding();
        }
    }

    /// Undoes the last edit.
    pub fn undo(&self) {
        if !self.is_editable() {
            return;
        }
        self.finish_adding();
        if let Some(Some(change)) = self.project.try_update(|project| project.undo()) {
            self.changed(&change);
        }
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) {
        if !self.is_editable() {
            return;
        }
        self.finish_adding();
        if let Some(Some(change)) = self.project.try_update(|project| project.redo()) {
            self.changed(&change);
        }
    }

    fn changed(&self, change: &Change) {
        if *change == Change::Nothing {
            return;
        }
        self.revision.update(|r| *r += 1);
        if matches!(change, Change::Comments { .. }) {
            self.bodies_revision.update(|r| *r += 1);
            self.comments_generation.update(|g| *g += 1);
        }
    }

    /// Whether this tab may change the project now (see [`Editing`]).
    pub fn editing(&self) -> Editing {
        self.editing.get()
    }

    /// [`ProjectState::editing`] without subscribing.
    pub fn editing_untracked(&self) -> Editing {
        self.editing.get_untracked()
    }

    fn is_editable(&self) -> bool {
        self.editing.get_untracked() == Editing::Editable
    }

    /// Allows or blocks edits in this tab (the workspace decides: restore, tab locks).
    pub fn set_editing(&self, editing: Editing) {
        self.editing.set(editing);
    }

    /// Puts another project in place (one opened or restored from storage); not an edit, so
    /// nothing to undo and nothing to autosave.
    pub fn replace(&self, mut project: Project) {
        self.finish_adding();
        // One restored before anything was done in it speaks the language of the page.
        project.follow_language(self.lang.get_untracked());
        self.project.set(project);
        self.comments_generation.update(|g| *g += 1);
        self.last_error.set(None);
    }

    /// The number of recorded changes so far (autosave's trigger).
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The number of changes that added or removed comments so far.
    pub fn bodies_revision_untracked(&self) -> u64 {
        self.bodies_revision.get_untracked()
    }

    /// Changes whenever the comments change, whatever the cause (see the field); tracked, for
    /// what depends on the comments but not on their tags.
    pub fn comments_generation(&self) -> u64 {
        self.comments_generation.get()
    }

    /// Changes whenever the comments change, whatever the cause (see the field).
    pub fn comments_generation_untracked(&self) -> u64 {
        self.comments_generation.get_untracked()
    }

    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The UI language, read outside a reactive scope.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Switches the UI language.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        // Before anything is done, the starter codebook follows the language too.
        if self.is_editable() {
            self.project.maybe_update(|p| p.follow_language(lang));
        }
    }

    /// The catalogue of the current language.
    pub fn texts(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The last refused edit, if the user has not done anything since.
    pub fn last_error(&self) -> Option<CommandError> {
        self.last_error.get()
    }
}

/// A comment another page asked the comments page to open (a concordance row, say); the
/// comments page opens it and clears the request.
#[derive(Clone, Copy, Debug)]
pub struct OpenComment(pub RwSignal<Option<CommentId>>);

/// Whether other coders' tags are hidden while this person codes (a blind sample); a setting
/// of the tab, not of the project.
#[derive(Clone, Copy, Debug)]
pub struct BlindCoding(pub RwSignal<bool>);

/// Creates the state and provides it to every component below.
pub fn provide_project_state(project: Project, lang: Lang) -> ProjectState {
    // Whatever mounts the state (the app, a test) matches text as the app does.
    crate::io::nfkc::use_browser_nfkc();
    let state = ProjectState {
        project: RwSignal::new(project),
        lang: RwSignal::new(lang),
        last_error: RwSignal::new(None),
        revision: RwSignal::new(0),
        bodies_revision: RwSignal::new(0),
        comments_generation: RwSignal::new(0),
        adding: StoredValue::new((0, None)),
        editing: RwSignal::new(Editing::Editable),
    };
    provide_context(state);
    state
}

/// The state provided by [`provide_project_state`].
///
/// # Panics
/// When called outside the app, which is a programming error, not a user one.
pub fn expect_project_state() -> ProjectState {
    expect_context::<ProjectState>()
}
