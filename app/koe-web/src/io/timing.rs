//! User Timing marks around the page's heavy steps (visible in the browser's performance
//! panel, and read by `cargo xtask bench` to say which step a long task was).

/// Runs `work` between two marks and records a measure named `name`.
pub fn measured<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let _measure = Measure::start(name);
    work()
}

/// A measure from now until it is dropped, for code with early returns or nested closures.
#[derive(Debug)]
pub struct Measure(Option<&'static str>);

impl Measure {
    /// Marks the start of `name`.
    pub fn start(name: &'static str) -> Measure {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(&format!("{name}:start"));
        }
        Measure(Some(name))
    }
}

impl Drop for Measure {
    fn drop(&mut self) {
        let Some(name) = self.0.take() else { return };
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let (start, end) = (format!("{name}:start"), format!("{name}:end"));
            let _ = p.mark(&end);
            let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
            p.clear_marks_with_mark_name(&start);
            p.clear_marks_with_mark_name(&end);
        }
    }
}

/// Resolves in a later task (`setTimeout(0)`), so the browser can draw and answer input
/// between slices of long work.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_ok());
        if scheduled != Some(true) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
