use leptos::prelude::*;

use crate::state::expect_project_state;

/// Entries of the change log shown, newest first.
const SHOWN: usize = 30;

/// Every edit, undo and redo of this session, newest first: what Ctrl+Z would take back.
#[component]
pub fn ChangeLog() -> impl IntoView {
    let state = expect_project_state();
    let entries = move || {
        state.with_project(|p| {
            p.log()
                .iter()
                .rev()
                .take(SHOWN)
                .map(|entry| (state.texts().history_entry)(entry.kind, &entry.change))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="koe-panel koe-log" data-testid="change-log">
            <summary>{move || state.texts().history_heading} " (" {move || state.with_project(|p| p.log().len())} ")"</summary>
            <ol class="koe-log__list">{move || entries().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ol>
        </details>
    }
}
