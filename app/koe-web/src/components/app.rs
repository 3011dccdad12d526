use koe_core::project::shortcuts::{KeyPress, Shortcut, shortcut_for};
use koe_core::ui::route::Route;
use koe_core::{Lang, Project};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{
    AppHeader, CodebookPage, CommentsPage, EditingBanner, HelpPage, ProjectsPage, ReportPage, UpdateBanner,
};
use crate::io::page::{browser_lang, register_service_worker, set_document_lang};
use crate::io::workspace::Workspace;
use crate::io::{address, local_store};
use crate::state::{expect_project_state, provide_project_state};

/// Which page is shown; UI-only state, so a local signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Import and tag comments.
    Comments,
    /// The codebook and its rules.
    Codebook,
    /// The report.
    Report,
    /// Projects kept in this browser, project files, privacy.
    Projects,
    /// How to use Koe.
    Help,
}

impl Page {
    /// The page an address opens.
    pub fn of(route: Route) -> Page {
        match route {
            Route::Comments => Page::Comments,
            Route::Codebook => Page::Codebook,
            Route::Report(_) => Page::Report,
            Route::Projects => Page::Projects,
            Route::Help => Page::Help,
        }
    }

    /// The address of this page (the report with its month, when one is known).
    pub fn route(self, report_month: Option<(i32, u32)>) -> Route {
        match self {
            Page::Comments => Route::Comments,
            Page::Codebook => Route::Codebook,
            Page::Report => Route::Report(report_month),
            Page::Projects => Route::Projects,
            Page::Help => Route::Help,
        }
    }
}

/// The report month the address names, shared by the app (which reads the address) and the
/// report page (which writes its period there).
#[derive(Clone, Copy, Debug)]
pub struct ReportMonth(pub RwSignal<Option<(i32, u32)>>);

/// Where the chosen UI language is remembered in this browser.
const LANG_KEY: &str = "koe.lang";

/// The whole app: state, header, the current page and the toast for refused edits.
#[component]
pub fn App() -> impl IntoView {
    let remembered = local_store::recall(LANG_KEY).and_then(|code| Lang::from_code(&code));
    let lang = remembered.unwrap_or_else(browser_lang);
    let state = provide_project_state(Project::new_in(lang), lang);
    Workspace::start(state);
    let update_ready = RwSignal::new(false);
    register_service_worker(move || update_ready.set(true));
    // The address says which page (and which report month) to open; Back and Forward move
    // between pages; every page change writes the address.
    let opened = address::current();
    let page = RwSignal::new(Page::of(opened));
    provide_context(page);
    crate::state::report::provide_word_cache(state);
    provide_context(crate::state::OpenComment(RwSignal::new(None)));
    provide_context(crate::state::BlindCoding(RwSignal::new(false)));
    let report_month = ReportMonth(RwSignal::new(match opened {
        Route::Report(month) => month,
        _ => None,
    }));
    provide_context(report_month);
    address::watch(move |route| {
        if let Route::Report(Some(month)) = route {
            report_month.0.set(Some(month));
        }
        if page.get_untracked() != Page::of(route) {
            page.set(Page::of(route));
        }
    });
    Effect::new(move |_| {
        let shown = page.get();
        let route = shown.route(report_month.0.get_untracked());
        if !address::current().same_page(route) {
            address::push(route);
        }
    });
    // Charts are drawn only on the report page; their library loads while the page is idle
    // once there are comments to chart.
    Effect::new(move |_| {
        if state.with_project(|p| !p.comments().is_empty()) {
            crate::io::echarts::load_when_idle();
        }
    });
    Effect::new(move |_| {
        let lang = state.lang();
        set_document_lang(lang);
        local_store::remember(LANG_KEY, lang.code());
    });
    let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_text_field =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
                let text_input = matches!(
                    e.get_attribute("type").as_deref().unwrap_or("text"),
                    "text" | "search" | "email" | "url" | "tel" | "number" | "password"
                );
                match e.tag_name().as_str() {
                    "TEXTAREA" => true,
                    "INPUT" => text_input,
                    _ => false,
                }
            });
        let key = ev.key();
        let press = KeyPress {
            key: &key,
            command: ev.ctrl_key() || ev.meta_key(),
            shift: ev.shift_key(),
            in_text_field,
        };
        match shortcut_for(press) {
            Some(Shortcut::Undo) => {
                ev.prevent_default();
                state.undo();
            }
            Some(Shortcut::Redo) => {
                ev.prevent_default();
                state.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || on_key.remove());
    view! {
        <AppHeader page=page />
        <EditingBanner />
        <UpdateBanner ready=update_ready />
        <main class="koe-main">
            {move || match page.get() {
                Page::Comments => view! { <CommentsPage /> }.into_any(),
                Page::Codebook => view! { <CodebookPage /> }.into_any(),
                Page::Report => view! { <ReportPage /> }.into_any(),
                Page::Projects => view! { <ProjectsPage /> }.into_any(),
                Page::Help => view! { <HelpPage /> }.into_any(),
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
