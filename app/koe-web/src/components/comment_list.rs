use leptos::prelude::*;

use super::CommentRow;
use crate::state::expect_project_state;

/// Rows the list renders at most, so a 200k-comment project never builds 200k rows of DOM.
const LIST_LIMIT: usize = 1000;

/// The comments of the project, each with its tags.
#[component]
pub fn CommentList() -> impl IntoView {
    let state = expect_project_state();
    let ids = Memo::new(move |_| {
        state.with_project(|p| p.comments().iter().take(LIST_LIMIT).map(|c| c.id).collect::<Vec<_>>())
    });
    let total = Memo::new(move |_| state.with_project(|p| p.comments().len()));
    let is_empty = move || ids.with(Vec::is_empty);
    view! {
        <section class="koe-panel koe-comments" aria-labelledby="koe-comments-heading">
            <h2 id="koe-comments-heading">{move || state.texts().comments_heading}</h2>
            <Show
                when=move || !is_empty()
                fallback=move || view! { <p class="koe-empty" data-testid="comments-empty">{move || state.texts().empty_comments}</p> }
            >
                {move || {
                    (total.get() > LIST_LIMIT)
                        .then(|| view! { <p class="koe-notice" data-testid="list-limited">{(state.texts().showing_first)(LIST_LIMIT, total.get())}</p> })
                }}
                <div class="koe-table-scroll">
                    <table class="koe-table koe-comments__table">
                        <thead>
                            <tr>
                                <th scope="col" class="koe-comments__date">{move || state.texts().col_date}</th>
                                <th scope="col" class="koe-comments__channel">{move || state.texts().col_channel}</th>
                                <th scope="col">{move || state.texts().col_text}</th>
                                <th scope="col" class="koe-comments__tags">{move || state.texts().col_tags}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || ids.get() key=|id| *id let(id)>
                                <CommentRow id />
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
