//! ECharts is loaded when the first chart is drawn, not with the page: it is a quarter of the
//! first load and the comments, codebook and projects views never need it. The single file
//! (`koe.html`) has it inline, so there it is ready at once.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Where the build puts ECharts, next to `index.html` (`rel="copy-file"` in index.html).
const ECHARTS_FILE: &str = "echarts.min.js";

thread_local! {
    static READY: RefCell<Option<ArcRwSignal<bool>>> = const { RefCell::new(None) };
}

/// Whether ECharts can draw; the first call starts loading it.
pub fn echarts_ready() -> ArcRwSignal<bool> {
    READY.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let ready = ArcRwSignal::new(loaded());
                if !ready.get_untracked() {
                    load(ready.clone());
                }
                ready
            })
            .clone()
    })
}

/// Starts loading ECharts once the page is idle: called when the project has comments to
/// chart, so the report page draws at once instead of waiting for the library (a megabyte of
/// script to fetch, parse and run) after its first chart asks for it. A page with nothing to
/// chart yet never loads it.
pub fn load_when_idle() {
    if READY.with(|cell| cell.borrow().is_some()) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let start = Closure::once_into_js(|| {
        echarts_ready();
    });
    if window.request_idle_callback(start.unchecked_ref()).is_err() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(start.unchecked_ref(), IDLE_FALLBACK_MS);
    }
}

/// Where the browser has no idle callback: load this long after the comments came.
const IDLE_FALLBACK_MS: i32 = 2_000;

fn loaded() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w, &"echarts".into()).unwrap_or(false))
}

fn load(ready: ArcRwSignal<bool>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(script) = document.create_element("script") else { return };
    let _ = script.set_attribute("src", ECHARTS_FILE);
    let on_load = Closure::once_into_js(move || ready.set(true));
    let on_error = Closure::once_into_js(|| leptos::logging::error!("{ECHARTS_FILE} could not be loaded"));
    if let Some(element) = script.dyn_ref::<web_sys::HtmlElement>() {
        element.set_onload(Some(on_load.unchecked_ref()));
        element.set_onerror(Some(on_error.unchecked_ref()));
    }
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}
