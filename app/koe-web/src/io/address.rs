//! The page's address (`location.hash`): read, written as a new history entry or in place, and
//! watched for Back and Forward. What an address means is `koe_core::ui::route`.

use koe_core::ui::route::Route;
use leptos::prelude::*;

thread_local! {
    /// The address last written or told, so the two events of one change tell it once.
    static WRITTEN: std::cell::Cell<Option<Route>> = const { std::cell::Cell::new(None) };
}

/// The route the address names now.
pub fn current() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::parse(&hash)
}

/// Moves to `route` as a new history entry (Back returns), unless the address already says it.
pub fn push(route: Route) {
    if current() == route {
        return;
    }
    // A history entry of its own, without the fragment navigation `location.hash = …` starts
    // (it scrolled to the fragment, laying the page out at once: some 50 ms on a report).
    WRITTEN.set(Some(route));
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.to_fragment()));
    }
}

/// Writes `route` in place of the current entry (a period change is not a step for Back).
pub fn replace(route: Route) {
    if current() == route {
        return;
    }
    WRITTEN.set(Some(route));
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.to_fragment()));
    }
}

/// Calls `changed` with the new route whenever the address changes (Back, Forward, a link).
pub fn watch(changed: impl Fn(Route) + 'static) {
    // Back and Forward between the entries `push` made fire `popstate`; an address typed by
    // hand fires `hashchange` too: each address is told once.
    WRITTEN.set(Some(current()));
    let changed = std::rc::Rc::new(changed);
    let tell = move || {
        let now = current();
        if WRITTEN.replace(Some(now)) != Some(now) {
            changed(now);
        }
    };
    let on_pop = tell.clone();
    let popped = window_event_listener(leptos::ev::popstate, move |_| on_pop());
    let hashed = window_event_listener(leptos::ev::hashchange, move |_| tell());
    on_cleanup(move || {
        popped.remove();
        hashed.remove();
    });
}
