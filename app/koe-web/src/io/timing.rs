//! User Timing marks around the page's heavy steps (visible in the browser's performance
//! panel, and read by `cargo xtask bench` to say which step a long task was).

/// Runs `work` between two marks and records a measure named `name`.
pub fn measured<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let _measure = Measure::start(name);
    work()
}

/// [`measured`] when `worth_it`: each measure costs the page some 0.1 ms in marks, too much
/// for the hundred small progress messages of one import.
pub fn measured_if<T>(worth_it: bool, name: &'static str, work: impl FnOnce() -> T) -> T {
    if worth_it { measured(name, work) } else { work() }
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

/// How long sliced work may hold the page in one task before the browser draws and answers
/// input: half a frame. Slices that take a millisecond each then go eight to a task instead of
/// one, each task's wait (4 ms or a frame) no longer adding up over a big import.
pub const TASK_BUDGET_MS: f64 = 8.0;

/// When the current task began its sliced work, to do as many slices as fit in
/// [`TASK_BUDGET_MS`].
#[derive(Debug)]
pub struct TaskClock(Option<f64>);

impl TaskClock {
    /// Starts timing this task.
    pub fn start() -> TaskClock {
        TaskClock(now())
    }

    /// Whether another slice fits in this task (never, where the page has no clock: one slice
    /// per task then).
    pub fn has_time(&self) -> bool {
        self.0.zip(now()).is_some_and(|(started, now)| now - started < TASK_BUDGET_MS)
    }
}

fn now() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

/// Resolves in a later task, so the browser can draw and answer input between slices of long
/// work. The task comes from `scheduler.postTask` where the browser has it (Chrome, Edge):
/// `setTimeout(0)` waits at least 4 ms once nested five deep, and an import of 1,000,000
/// comments yields some fifty times while adding them (about 100 ms of waiting in all).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if !in_next_task(&resolve, Scheduling::Best) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How [`in_next_task`] may schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheduling {
    /// `scheduler.postTask` where there is one, else `setTimeout(0)`.
    Best,
    /// `setTimeout(0)` only (what a browser without `scheduler` does; tests both ways).
    TimeoutOnly,
}

/// Calls `callback` in a later task; `false` when nothing could schedule it.
pub fn in_next_task(callback: &js_sys::Function, scheduling: Scheduling) -> bool {
    if scheduling == Scheduling::Best && post_task(callback) {
        return true;
    }
    web_sys::window()
        .is_some_and(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(callback, 0).is_ok())
}

/// `scheduler.postTask(callback)` at its default priority (user-visible), if the browser has it.
fn post_task(callback: &js_sys::Function) -> bool {
    use wasm_bindgen::JsCast;
    let Ok(scheduler) = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()) else {
        return false;
    };
    if !scheduler.is_object() {
        return false;
    }
    let post = js_sys::Reflect::get(&scheduler, &"postTask".into()).ok();
    let Some(post) = post.as_ref().and_then(|p| p.dyn_ref::<js_sys::Function>()) else {
        return false;
    };
    post.call1(&scheduler, callback).is_ok()
}
