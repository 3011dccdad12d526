//! The one driver of sliced work on the page (see `koe_core::project::sliced`): a slice per
//! task (or as many as fit in [`TASK_BUDGET_MS`](super::timing::TASK_BUDGET_MS)), measured for
//! the benchmark, started again when the project's comments change.

use koe_core::Project;
use koe_core::project::sliced::Sliced;

use super::timing::{TaskClock, measured, next_task};
use crate::state::ProjectState;

/// Runs `work` in slices of `budget` comments, as many per task as fit in
/// [`TASK_BUDGET_MS`](super::timing::TASK_BUDGET_MS), until it is done, and gives its output;
/// `None` once `wanted` says the answer is no longer needed (checked between slices). When the
/// project's comments change between slices the work starts again from `fresh`.
/// `step` is one slice (usually [`Sliced::step`] with the context it reads); a `label` names
/// the slices in the browser's performance timeline.
pub async fn run_sliced<S: Sliced>(
    state: ProjectState,
    label: &'static str,
    budget: usize,
    mut work: S,
    fresh: impl Fn(&Project) -> S,
    mut step: impl FnMut(&mut S, &Project, usize) -> bool,
    wanted: impl Fn() -> bool,
) -> Option<S::Output> {
    let mut generation = state.comments_generation_untracked();
    let mut clock = TaskClock::start();
    loop {
        let done = measured(label, || state.with_project_untracked(|p| step(&mut work, p, budget)));
        if done {
            return Some(work.finish());
        }
        // Nothing can change the comments within this task: the next slice needs no check.
        if clock.has_time() {
            continue;
        }
        next_task().await;
        clock = TaskClock::start();
        if !wanted() {
            return None;
        }
        if state.comments_generation_untracked() != generation {
            generation = state.comments_generation_untracked();
            work = state.with_project_untracked(|p| fresh(p));
        }
    }
}
