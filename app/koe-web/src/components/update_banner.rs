use leptos::prelude::*;

use crate::io::page::apply_update;
use crate::state::expect_project_state;

/// Offers to reload into a new version of Koe once it is installed, instead of changing the
/// app's files under an open tab.
#[component]
pub fn UpdateBanner(ready: RwSignal<bool>) -> impl IntoView {
    let state = expect_project_state();
    let s = move || state.texts().storage;
    move || {
        ready.get().then(|| {
            view! {
                <div class="koe-banner" role="status" data-testid="update-banner">
                    <span>{move || s().update_available}</span>
                    <button class="koe-button koe-button--primary" data-testid="update-reload" on:click=move |_| apply_update()>
                        {move || s().update_reload}
                    </button>
                </div>
            }
        })
    }
}
