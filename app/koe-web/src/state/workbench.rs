//! The tagging workbench's shared UI state: filter, sort, selection, current row and what is
//! open. Derived lists are memos over the project; nothing here copies comments.

use koe_core::CommentId;
use koe_core::query::filter::{Filter, Narrowed, SortColumn, sort};
use koe_core::query::selection::Selection;
use koe_core::query::typed_search::TypedSearch;
use leptos::html::{Div, Input};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::timing::{Measure, next_task};
use crate::state::ProjectState;

/// Height of one grid row in pixels; the grid renders only the rows in view.
pub const ROW_HEIGHT: f64 = 34.0;
/// Rows the grid shows before it has measured the window, and the fewest it ever shows.
pub const MIN_VIEW_ROWS: usize = 8;
/// The most rows the grid grows to on a tall screen.
pub const MAX_VIEW_ROWS: usize = 60;

/// The workbench's state, shared by its parts through context.
#[derive(Clone, Copy, Debug)]
pub struct Workbench {
    /// What the grid shows.
    pub filter: RwSignal<Filter>,
    /// The sort column and whether it is descending.
    pub sort: RwSignal<(SortColumn, bool)>,
    /// The chosen comments, the shift-click anchor and the row the keyboard acts on.
    pub selection: RwSignal<Selection>,
    /// The comment open in the detail panel.
    pub detail: RwSignal<Option<CommentId>>,
    /// Whether the shortcut sheet is open.
    pub help: RwSignal<bool>,
    /// The matching comments, sorted: what the grid scrolls through.
    pub visible: Memo<Vec<CommentId>>,
    /// The grid's scroll position.
    pub scroll_top: RwSignal<f64>,
    /// How many rows the grid shows: as many as fit between its top and the window's bottom.
    pub view_rows: RwSignal<usize>,
    /// The search box, focused by `/`.
    pub search: NodeRef<Input>,
    /// The grid's scrolling element.
    pub grid: NodeRef<Div>,
    /// The search word shown as a concordance above the grid, if any.
    pub kwic: RwSignal<Option<String>>,
    /// The search index and the searches made with it, for the comments of a generation.
    typing: StoredValue<(u64, TypedSearch), LocalStorage>,
    /// The filter's other parts, applied.
    narrowed: Memo<Narrowed>,
    project: ProjectState,
}

/// The typed search of the comments of `generation`, started afresh when they changed.
fn typed_search_of(slot: &mut (u64, TypedSearch), generation: u64) -> &mut TypedSearch {
    let (made_for, search) = slot;
    if *made_for != generation {
        search.forget();
        *made_for = generation;
    }
    search
}

impl Workbench {
    /// Creates the state and provides it to the components below.
    pub fn provide(state: ProjectState) -> Workbench {
        let filter = RwSignal::new(Filter::default());
        let sort_by = RwSignal::new((SortColumn::Added, false));
        // The search index is built when the search box gets the focus or at the first search
        // after comments were added or removed, not on every keystroke; the searches made with
        // it narrow the next ones.
        let typing: StoredValue<(u64, TypedSearch), LocalStorage> =
            StoredValue::new_local((0, TypedSearch::default()));
        // The filter's other parts, applied once when they (or the project) change: typing in
        // the search box then only searches the text.
        let criteria = Memo::new(move |_| filter.with(|f| Filter { text: String::new(), ..f.clone() }));
        let narrowed: Memo<Narrowed> = Memo::new(move |_| {
            let _timing = Measure::start("koe:grid-narrow");
            criteria.with(|f| state.with_project(|p| f.narrowed(p.comments())))
        });
        let visible = Memo::new(move |_| {
            let (column, descending) = sort_by.get();
            let _timing = Measure::start("koe:grid-filter");
            filter.with(|filter| {
                state.with_project(|p| {
                    let generation = state.comments_generation_untracked();
                    let kept = narrowed.with(|narrowed| {
                        typing
                            .try_update_value(|slot| {
                                typed_search_of(slot, generation).kept(p.comments(), narrowed, filter)
                            })
                            .unwrap_or_default()
                    });
                    if column == SortColumn::Added && !descending {
                        kept.iter().map(|c| c.id).collect()
                    } else {
                        sort(&kept, column, descending, p.codebook())
                    }
                })
            })
        });
        let workbench = Workbench {
            filter,
            sort: sort_by,
            selection: RwSignal::new(Selection::default()),
            detail: RwSignal::new(None),
            help: RwSignal::new(false),
            visible,
            scroll_top: RwSignal::new(0.0),
            view_rows: RwSignal::new(MIN_VIEW_ROWS),
            search: NodeRef::new(),
            grid: NodeRef::new(),
            kwic: RwSignal::new(None),
            typing,
            narrowed,
            project: state,
        };
        provide_context(workbench);
        workbench
    }

    /// Readies the text search for typing (the search box got the focus): the index of the
    /// comments and the texts of those the other filters keep, made in a task of its own so
    /// the focus shows at once and the first keystroke pays for neither.
    pub fn prepare_search(&self) {
        let Workbench { typing, narrowed, project, .. } = *self;
        spawn_local(async move {
            next_task().await;
            let _timing = Measure::start("koe:search-prepare");
            let generation = project.comments_generation_untracked();
            // The grid may have gone meanwhile (another page opened): then there is nothing to ready.
            project.with_project_untracked(|p| {
                narrowed.try_with_untracked(|narrowed| {
                    typing.try_update_value(|slot| {
                        typed_search_of(slot, generation).prepare(p.comments(), narrowed)
                    })
                })
            });
        });
    }

    /// The search box lost the focus: when it is empty, the texts copied for typing and the
    /// searches remembered are let go (at a million comments, over a hundred megabytes).
    pub fn leave_search(&self) {
        if self.filter.with_untracked(|f| f.text.trim().is_empty()) {
            self.typing.update_value(|(_, search)| search.release());
        }
    }

    /// Moves the current row by `step` within the visible comments and scrolls it into view.
    pub fn move_current(&self, step: isize) {
        let index = self
            .visible
            .with_untracked(|ids| self.selection.try_update(|selection| selection.step(ids, step)).flatten());
        if let Some(index) = index {
            self.scroll_into_view(index);
        }
    }

    /// Scrolls the grid so the row at `index` is in view.
    pub fn scroll_into_view(&self, index: usize) {
        let Some(grid) = self.grid.get_untracked() else { return };
        let top = index as f64 * ROW_HEIGHT;
        let view = self.view_rows.get_untracked() as f64 * ROW_HEIGHT;
        let scrolled = f64::from(grid.scroll_top());
        if top < scrolled {
            grid.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > scrolled + view {
            grid.set_scroll_top((top + ROW_HEIGHT - view) as i32);
        }
    }

    /// Fits the grid to the window: rows from its top down to the window's bottom edge, so the
    /// grid fills the screen below the filters however tall the screen is.
    pub fn fit_to_window(&self) {
        let Some(grid) = self.grid.get_untracked() else { return };
        let Some(window) = web_sys::window() else { return };
        let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        let scrolled = window.scroll_y().unwrap_or(0.0);
        let top = grid.get_bounding_client_rect().top() + scrolled;
        self.view_rows.set(rows_that_fit(height - top));
    }

    /// Clicking a row's box: toggles it, or with shift selects the range from the last click.
    pub fn click_select(&self, id: CommentId, shift: bool) {
        self.visible.with_untracked(|ids| self.selection.update(|selection| selection.click(id, shift, ids)));
    }

    /// The comments a tag shortcut or bulk edit acts on (see [`Selection::targets`]).
    pub fn targets(&self) -> Vec<CommentId> {
        self.selection.with_untracked(Selection::targets)
    }
}

/// Data rows that fit in `space` pixels below the grid's top, leaving room for its header row
/// and a small margin, within the grid's bounds.
fn rows_that_fit(space: f64) -> usize {
    const MARGIN: f64 = 12.0;
    let rows = ((space - MARGIN) / ROW_HEIGHT).floor() - 1.0;
    if rows.is_finite() && rows > 0.0 {
        (rows as usize).clamp(MIN_VIEW_ROWS, MAX_VIEW_ROWS)
    } else {
        MIN_VIEW_ROWS
    }
}

/// The workbench state provided by [`Workbench::provide`].
pub fn expect_workbench() -> Workbench {
    expect_context::<Workbench>()
}
