use koe_core::Lang;
use leptos::prelude::*;

use super::SaveIndicator;
use super::app::Page;
use crate::state::expect_project_state;

/// The top bar: product name, navigation, undo/redo, comment count and language.
#[component]
pub fn AppHeader(page: RwSignal<Page>) -> impl IntoView {
    let state = expect_project_state();
    let count = move || state.with_project(|p| p.comments().len());
    let can_undo = move || state.with_project(|p| p.can_undo());
    let can_redo = move || state.with_project(|p| p.can_redo());
    let nav = move |target: Page, testid: &'static str| {
        let label = move || match target {
            Page::Comments => state.texts().nav_comments,
            Page::Codebook => state.texts().nav_codebook,
            Page::Report => state.texts().nav_report,
            Page::Projects => state.texts().storage.nav,
            Page::Help => state.texts().help.nav,
        };
        view! {
            <button
                class="koe-nav__item"
                class:koe-nav__item--active=move || page.get() == target
                aria-current=move || (page.get() == target).then_some("page")
                data-testid=testid
                on:click=move |_| page.set(target)
                // The pointer on the report tab: its chart library starts loading now.
                on:pointerenter=move |_| {
                    if target == Page::Report {
                        crate::io::echarts::echarts_ready();
                    }
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="koe-header">
            <div class="koe-header__brand">
                <span class="koe-header__title">{move || state.texts().app_title}</span>
                <span class="koe-header__tagline">{move || state.texts().tagline}</span>
            </div>
            <nav class="koe-nav">
                {nav(Page::Comments, "nav-comments")}
                {nav(Page::Codebook, "nav-codebook")}
                {nav(Page::Report, "nav-report")}
                {nav(Page::Projects, "nav-projects")}
                {nav(Page::Help, "nav-help")}
            </nav>
            <div class="koe-header__tools">
                <SaveIndicator />
                <span class="koe-header__count">
                    {move || state.texts().comment_count_label} ": "
                    <strong data-testid="comment-count">{count}</strong>
                </span>
                <button
                    class="koe-button"
                    data-testid="undo"
                    disabled=move || !can_undo()
                    on:click=move |_| state.undo()
                >
                    {move || state.texts().undo}
                </button>
                <button
                    class="koe-button"
                    data-testid="redo"
                    disabled=move || !can_redo()
                    on:click=move |_| state.redo()
                >
                    {move || state.texts().redo}
                </button>
                <label class="koe-header__lang">
                    <span class="koe-visually-hidden">{move || state.texts().language}</span>
                    <select
                        data-testid="lang-select"
                        on:change=move |ev| {
                            if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
                                state.set_lang(lang);
                            }
                        }
                    >
                        {Lang::ALL
                            .into_iter()
                            .map(|lang| {
                                view! {
                                    <option value=lang.code() selected=move || state.lang() == lang>
                                        {lang.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
        </header>
    }
}
