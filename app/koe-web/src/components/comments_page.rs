use koe_core::Command;
use koe_core::project::shortcuts::{KeyPress, Shortcut, shortcut_for};
use koe_core::query::selection::Selection;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{
    BulkBar, ChangeLog, CommentDetail, CommentGrid, FilterBar, ImportPanel, KwicPanel, ShortcutSheet,
    SuggestionsPanel, Welcome,
};
use crate::state::workbench::Workbench;
use crate::state::{OpenComment, ProjectState, expect_project_state};

/// Import on top, then the tagging workbench: filters, bulk actions, the grid and the open
/// comment. Keys: ↑/↓ or j/k move, a tag's key toggles it, Enter opens, `/` searches, `?` helps.
#[component]
pub fn CommentsPage() -> impl IntoView {
    let state = expect_project_state();
    let bench = Workbench::provide(state);
    // A comment another page asked to open (a concordance row): current and open here.
    if let Some(OpenComment(requested)) = use_context::<OpenComment>()
        && let Some(id) = requested.try_update(Option::take).flatten()
    {
        bench.selection.update(|s| s.set_current(id));
        bench.detail.set(Some(id));
    }
    let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
        let element = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        // The concordance has keys of its own (Space chooses its row, a tag key tags its rows).
        if element.as_ref().is_some_and(|e| e.closest(".koe-kwic").ok().flatten().is_some()) {
            return;
        }
        let key = ev.key();
        // Typing goes to fields; Enter and Space keep activating the focused button or box.
        let (typing, activating) = element.as_ref().map_or((false, false), |e| {
            let kind = e.get_attribute("type").unwrap_or_default();
            let clickable_input =
                matches!(kind.as_str(), "checkbox" | "radio" | "button" | "submit" | "color" | "file");
            match e.tag_name().as_str() {
                "TEXTAREA" | "SELECT" => (true, false),
                "INPUT" => (!clickable_input, clickable_input),
                "BUTTON" | "A" | "SUMMARY" => (false, true),
                _ => (false, false),
            }
        });
        if activating && matches!(key.as_str(), "Enter" | " ") {
            return;
        }
        let press = KeyPress { key: &key, command: false, shift: ev.shift_key(), in_text_field: typing };
        let Some(shortcut) = shortcut_for(press) else { return };
        if handle(state, bench, shortcut, element) {
            ev.prevent_default();
        }
    });
    // The grid fills the window below the filters: measured again when the window is resized
    // and when anything above it may have changed height (notices, filter chips, new comments).
    let on_resize = window_event_listener(leptos::ev::resize, move |_| bench.fit_to_window());
    Effect::new(move |_| {
        let _mounted = bench.grid.get();
        bench.filter.track();
        state.with_project(|p| p.comments().len());
        request_animation_frame(move || bench.fit_to_window());
    });
    on_cleanup(move || {
        on_key.remove();
        on_resize.remove();
    });
    let is_empty = move || state.with_project(|p| p.comments().is_empty());
    view! {
        <div class="koe-page" data-testid="comments-page">
            {move || is_empty().then(|| view! { <Welcome /> })}
            <ImportPanel />
            <Show when=move || !is_empty()>
                <FilterBar />
                <KwicPanel word=bench.kwic period=Signal::derive(|| None) masked=false />
                <div class="koe-workbench">
                    <section class="koe-panel koe-workbench__grid" aria-labelledby="koe-comments-heading">
                        <div class="koe-workbench__head">
                            <h2 id="koe-comments-heading">{move || state.texts().comments_heading}</h2>
                            <BulkBar />
                        </div>
                        <CommentGrid />
                        <p class="koe-hint">{move || state.texts().keyboard_hint}</p>
                    </section>
                    <CommentDetail />
                </div>
                <SuggestionsPanel />
                <ChangeLog />
            </Show>
            <ShortcutSheet />
        </div>
    }
}

/// Carries out a grid shortcut; `true` when the key was used (so the browser's own action is
/// suppressed).
fn handle(
    state: ProjectState,
    bench: Workbench,
    shortcut: Shortcut,
    focused: Option<web_sys::Element>,
) -> bool {
    match shortcut {
        Shortcut::NextRow => bench.move_current(1),
        Shortcut::PreviousRow => bench.move_current(-1),
        Shortcut::Open => match bench.selection.with_untracked(Selection::current) {
            Some(id) => bench.detail.set(Some(id)),
            None => return false,
        },
        Shortcut::Search => {
            if let Some(input) = bench.search.get_untracked() {
                let _ = input.focus();
            }
        }
        Shortcut::Help => bench.help.set(true),
        Shortcut::Close => {
            bench.help.set(false);
            bench.detail.set(None);
            if let Some(element) = focused.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = element.blur();
            }
        }
        Shortcut::Select => match bench.selection.with_untracked(Selection::current) {
            Some(id) => bench.click_select(id, false),
            None => return false,
        },
        Shortcut::Key(key) => {
            let Some(tag) =
                state.with_project_untracked(|p| p.codebook().tag_for_shortcut(key).map(|t| t.id))
            else {
                return false;
            };
            let comments = bench.targets();
            if comments.is_empty() {
                return false;
            }
            let all_have = state.with_project_untracked(|p| {
                comments.iter().all(|id| p.comment(*id).is_some_and(|c| c.tags().contains(&tag)))
            });
            state.apply(Command::TagMany { comments, tag, on: !all_have });
        }
        Shortcut::Undo | Shortcut::Redo => return false,
    }
    true
}
