//! The project state every component shares, provided once at the top of the app.

use koe_core::comment::NewComment;
use koe_core::i18n::{Texts, texts};
use koe_core::{Change, Command, CommandError, Lang, Project};
use leptos::prelude::*;

use crate::io::timing::{Measure, next_task};

/// Comments added per task by [`ProjectState::add_comments_in_parts`] (a few milliseconds
/// each).
pub const ADDED_PER_TASK: usize = 10_000;

/// The one copy of the truth in the UI: the project and the language.
///
/// Components never touch the project's fields: they send [`Command`]s through
/// [`ProjectState::apply`], so undo, redo and (later) autosave see every edit.
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

    /// Adds comments as one edit, [`ADDED_PER_TASK`] at a time with the page free in between,
    /// and tells the views once at the end: adding 200,000 comments at once holds the page for
    /// a long task. Should another edit come in between, the rest is added as an edit of its own
    /// (and the toast says so).
    pub async fn add_comments_in_parts(&self, comments: Vec<NewComment>) {
        let total = comments.len();
        let mut rest = comments.into_iter();
        let mut added = 0;
        let mut first = true;
        loop {
            let part: Vec<NewComment> = rest.by_ref().take(ADDED_PER_TASK).collect();
            if part.is_empty() && !first {
                break;
            }
            let _timing = Measure::start("koe:add-comments");
            let outcome = self.project.try_update_untracked(|project| {
                if first {
                    project.reserve_comments(total);
                    project.apply(Command::AddComments(part))
                } else {
                    project.extend_addition(part)
                }
            });
            match outcome {
                Some(Ok(_)) => {}
                Some(Err(error)) => {
                    // Another edit came last: what is left becomes an edit of its own.
                    self.changed(&Change::Comments { added, removed: 0 });
                    self.apply(Command::AddComments(rest.collect()));
                    self.last_error.set(Some(error));
                    return;
                }
                None => return,
            }
            added = total - rest.len();
            first = false;
            if rest.len() == 0 {
                break;
            }
            next_task().await;
        }
        self.project.notify();
        self.last_error.set(None);
        self.changed(&Change::Comments { added, removed: 0 });
    }

    /// Undoes the last edit.
    pub fn undo(&self) {
        if let Some(Some(change)) = self.project.try_update(|project| project.undo()) {
            self.changed(&change);
        }
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) {
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

    /// Puts another project in place (one opened or restored from storage); not an edit, so
    /// nothing to undo and nothing to autosave.
    pub fn replace(&self, project: Project) {
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

/// Creates the state and provides it to every component below.
pub fn provide_project_state(project: Project, lang: Lang) -> ProjectState {
    let state = ProjectState {
        project: RwSignal::new(project),
        lang: RwSignal::new(lang),
        last_error: RwSignal::new(None),
        revision: RwSignal::new(0),
        bodies_revision: RwSignal::new(0),
        comments_generation: RwSignal::new(0),
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
