use koe_core::query::selection::Selection;
use koe_core::{Command, TagId};
use leptos::prelude::*;

use crate::state::expect_project_state;
use crate::state::workbench::expect_workbench;

/// The selection and what can be done to it: select every matching comment, add or remove a
/// tag on all of them as one undoable step.
#[component]
pub fn BulkBar() -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    let chosen_tag = RwSignal::new(None::<TagId>);
    let selected = move || bench.selection.with(Selection::len);
    let tag_options = move || state.with_project(|p| p.codebook().tag_labels());
    let bulk = move |on: bool| {
        let Some(tag) = chosen_tag.get_untracked() else { return };
        let comments: Vec<_> = bench.selection.with_untracked(|s| s.chosen().iter().copied().collect());
        if !comments.is_empty() {
            state.apply(Command::TagMany { comments, tag, on });
        }
    };
    view! {
        <div class="koe-bulk" role="toolbar" aria-label=move || state.texts().bulk_heading>
            <button
                class="koe-button"
                data-testid="select-all-matching"
                on:click=move |_| bench.visible.with_untracked(|ids| bench.selection.update(|s| s.choose_all(ids)))
            >
                {move || (state.texts().select_all_matching)(bench.visible.with(Vec::len))}
            </button>
            <span>
                {move || state.texts().selected_label}
                " "
                <strong data-testid="selection-count">{move || selected().to_string()}</strong>
            </span>
            <button
                class="koe-button"
                data-testid="clear-selection"
                prop:disabled=move || selected() == 0
                on:click=move |_| bench.selection.update(Selection::clear)
            >
                {move || state.texts().clear_selection}
            </button>
            <select
                data-testid="bulk-tag"
                aria-label=move || state.texts().bulk_tag_label
                on:change=move |ev| chosen_tag.set(event_target_value(&ev).parse::<u32>().ok().map(TagId))
            >
                <option value="">{move || state.texts().bulk_tag_label}</option>
                {move || {
                    tag_options()
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
                        .collect_view()
                }}
            </select>
            <button
                class="koe-button koe-button--primary"
                data-testid="bulk-add"
                prop:disabled=move || selected() == 0 || chosen_tag.get().is_none()
                on:click=move |_| bulk(true)
            >
                {move || state.texts().bulk_add}
            </button>
            <button
                class="koe-button"
                data-testid="bulk-remove"
                prop:disabled=move || selected() == 0 || chosen_tag.get().is_none()
                on:click=move |_| bulk(false)
            >
                {move || state.texts().bulk_remove}
            </button>
        </div>
    }
}
