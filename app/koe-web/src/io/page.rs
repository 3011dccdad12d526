//! The page around the app: its language and what the browser says about the user.

use koe_core::Lang;
use wasm_bindgen::JsValue;

/// Sets `<html lang>` so the browser (and ECharts) pick Japanese glyphs for kanji.
pub fn set_document_lang(lang: Lang) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        root.set_attribute("lang", lang.code()).ok();
    }
}

/// The language the browser prefers, Japanese when it prefers neither of Koe's.
pub fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Calls `object.method(args…)` by name: for browser APIs used once, without binding them.
fn call(
    object: &wasm_bindgen::JsValue,
    method: &str,
    args: &[wasm_bindgen::JsValue],
) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let function: js_sys::Function = js_sys::Reflect::get(object, &method.into()).ok()?.dyn_into().ok()?;
    function.apply(object, &args.iter().collect()).ok()
}

async fn settle(promise: Option<wasm_bindgen::JsValue>) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let promise: js_sys::Promise = promise?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// Empties Koe's caches and unregisters Koe's service worker (part of "delete all data"),
/// leaving other apps of the same origin alone: caches named `koe-…` only, and only the worker
/// whose scope is this app's folder.
pub async fn clear_caches_and_workers() {
    let Some(window) = web_sys::window() else { return };
    if let Some(caches) = get(&window, "caches")
        && let Some(names) = settle(call(&caches, "keys", &[])).await
    {
        for name in js_sys::Array::from(&names).iter() {
            if name.as_string().is_some_and(|n| n.starts_with(CACHE_PREFIX)) {
                settle(call(&caches, "delete", &[name])).await;
            }
        }
    }
    let scope = app_folder();
    let navigator = window.navigator();
    if let Some(workers) = get(&navigator, "serviceWorker")
        && let Some(registrations) = settle(call(&workers, "getRegistrations", &[])).await
    {
        for registration in js_sys::Array::from(&registrations).iter() {
            let registered = get(&registration, "scope").and_then(|s| s.as_string());
            if registered.is_some_and(|r| Some(r) == scope) {
                settle(call(&registration, "unregister", &[])).await;
            }
        }
    }
}

/// What the service worker names its caches with (see `xtask/src/service_worker.rs`).
const CACHE_PREFIX: &str = "koe-";

/// The folder the app is served from (`https://me.github.io/koe/`): its service worker's scope.
fn app_folder() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base("./", &href).ok().map(|url| url.href())
}

/// Whether the page runs from a web server (not the single file opened from disk).
pub fn served_over_http() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|protocol| protocol == "http:" || protocol == "https:")
}

/// Registers the build's service worker (`sw.js` next to the page) so the app opens offline
/// after one visit. Where there is none (a development server: the page has no
/// `koe-service-worker` marker), nothing is asked, so no error is logged. When a new
/// version has been installed beside the one running, `on_update` is called: the page offers
/// a reload ([`apply_update`]) instead of the files changing under an open tab.
pub fn register_service_worker(on_update: impl Fn() + Clone + 'static) {
    if !served_over_http() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    // Only a release build has the worker, and marks its page so (see xtask's service_worker).
    let marked = window
        .document()
        .and_then(|d| d.query_selector("meta[name='koe-service-worker']").ok().flatten())
        .is_some();
    if !marked {
        return;
    }
    let Some(workers) = get(&window.navigator(), "serviceWorker") else { return };
    // The worker script is always checked past the HTTP cache (GitHub Pages caches 10 minutes).
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"updateViaCache".into(), &"none".into());
    let registration = call(&workers, "register", &["sw.js".into(), options.into()]);
    wasm_bindgen_futures::spawn_local(async move {
        let Some(registration) = settle(registration).await else { return };
        watch_for_update(&workers, &registration, on_update);
    });
}

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn listen(target: &JsValue, event: &str, handler: impl FnMut() + 'static) {
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(handler);
    call(target, "addEventListener", &[event.into(), closure.as_ref().clone()]);
    closure.forget();
}

/// Calls `on_update` when a newer worker waits beside the one controlling this page.
fn watch_for_update(workers: &JsValue, registration: &JsValue, on_update: impl Fn() + Clone + 'static) {
    let controlled = {
        let workers = workers.clone();
        move || get(&workers, "controller").is_some()
    };
    if get(registration, "waiting").is_some() && controlled() {
        on_update();
    }
    let registration_handle = registration.clone();
    listen(registration, "updatefound", move || {
        let Some(installing) = get(&registration_handle, "installing") else { return };
        let worker = installing.clone();
        let (controlled, on_update) = (controlled.clone(), on_update.clone());
        listen(&installing, "statechange", move || {
            let installed = get(&worker, "state").and_then(|s| s.as_string()).as_deref() == Some("installed");
            if installed && controlled() {
                on_update();
            }
        });
    });
}

/// Lets the waiting new version take over and reloads the page once it has.
pub fn apply_update() {
    let Some(window) = web_sys::window() else { return };
    let Some(workers) = get(&window.navigator(), "serviceWorker") else { return };
    listen(&workers, "controllerchange", || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let registration = call(&workers, "getRegistration", &[]);
    wasm_bindgen_futures::spawn_local(async move {
        let Some(registration) = settle(registration).await else { return };
        if let Some(waiting) = get(&registration, "waiting") {
            call(&waiting, "postMessage", &["koe-take-over".into()]);
        }
    });
}
