use leptos::prelude::*;

use crate::state::expect_project_state;
use crate::state::workbench::expect_workbench;

/// The keyboard shortcuts, opened with `?`, including each tag's own key.
#[component]
pub fn ShortcutSheet() -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    let tag_keys = move || {
        state.with_project(|p| {
            p.codebook()
                .tags
                .iter()
                .filter_map(|t| t.shortcut.map(|key| (key.to_string(), t.name.clone())))
                .collect::<Vec<_>>()
        })
    };
    move || {
        bench.help.get().then(|| {
            view! {
                <div class="koe-sheet" role="dialog" aria-modal="true" data-testid="shortcut-sheet" aria-label=move || state.texts().shortcuts_heading>
                    <div class="koe-panel koe-sheet__body">
                        <h2>{move || state.texts().shortcuts_heading}</h2>
                        <dl class="koe-sheet__keys">
                            {move || {
                                state
                                    .texts()
                                    .shortcut_rows
                                    .iter()
                                    .map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt> <dd>{*what}</dd> })
                                    .collect_view()
                            }}
                            {move || {
                                tag_keys()
                                    .into_iter()
                                    .map(|(key, name)| view! { <dt><kbd>{key}</kbd></dt> <dd>{name}</dd> })
                                    .collect_view()
                            }}
                        </dl>
                        <button class="koe-button" on:click=move |_| bench.help.set(false)>{move || state.texts().close}</button>
                    </div>
                </div>
            }
        })
    }
}
