use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::workspace::expect_workspace;
use crate::state::{Editing, expect_project_state};

/// Says why this tab cannot edit (restoring, another tab edits) and offers to take over.
#[component]
pub fn EditingBanner() -> impl IntoView {
    let state = expect_project_state();
    let workspace = expect_workspace();
    let s = move || state.texts().storage;
    move || {
        let editing = state.editing();
        let message = match editing {
            Editing::Editable => return None,
            Editing::Restoring => s().restoring,
            Editing::OtherTab => s().read_only_other_tab,
            Editing::TakenOver => s().read_only_taken_over,
        };
        let can_take_over = editing.is_read_only();
        Some(view! {
            <div class="koe-banner" role="status" data-testid="read-only-banner" data-reason=format!("{editing:?}")>
                <span>{message}</span>
                {can_take_over
                    .then(|| {
                        view! {
                            <button
                                class="koe-button koe-button--primary"
                                data-testid="take-over"
                                on:click=move |_| spawn_local(async move {
                                    let _ = workspace.take_over().await;
                                })
                            >
                                {move || s().take_over}
                            </button>
                        }
                    })}
            </div>
        })
    }
}
