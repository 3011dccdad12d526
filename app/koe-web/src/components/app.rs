use koe_core::Project;
use leptos::prelude::*;

use super::{AppHeader, CommentsPage, ReportPage};
use crate::io::page::{browser_lang, set_document_lang};
use crate::state::{expect_project_state, provide_project_state};

/// Which page is shown; UI-only state, so a local signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Import and tag comments.
    Comments,
    /// The report.
    Report,
}

/// The whole app: state, header, the current page and the toast for refused edits.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_project_state(Project::new(), browser_lang());
    let page = RwSignal::new(Page::Comments);
    Effect::new(move |_| set_document_lang(state.lang()));
    view! {
        <AppHeader page=page />
        <main class="koe-main">
            {move || match page.get() {
                Page::Comments => view! { <CommentsPage /> }.into_any(),
                Page::Report => view! { <ReportPage /> }.into_any(),
            }}
        </main>
        <ErrorToast />
    }
}

#[component]
fn ErrorToast() -> impl IntoView {
    let state = expect_project_state();
    move || {
        state.last_error().map(|error| {
            view! { <div class="koe-toast" role="alert">{error.message(state.lang())}</div> }
        })
    }
}
