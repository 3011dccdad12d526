//! The page's address (`location.hash`): read, written as a new history entry or in place, and
//! watched for Back and Forward. What an address means is `koe_core::ui::route`.

use koe_core::ui::route::Route;
use leptos::prelude::*;

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
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.to_fragment());
    }
}

/// Writes `route` in place of the current entry (a period change is not a step for Back).
pub fn replace(route: Route) {
    if current() == route {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.to_fragment()));
    }
}

/// Calls `changed` with the new route whenever the address changes (Back, Forward, a link).
pub fn watch(changed: impl Fn(Route) + 'static) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| changed(current()));
    on_cleanup(move || handle.remove());
}
