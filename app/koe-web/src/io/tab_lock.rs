//! One project, one editing tab: the browser's Web Locks (`navigator.locks`) hold a lock named
//! for the project while a tab edits it. A second tab opening the same project does not get
//! the lock and shows it read-only; it can take the lock over (`steal`), and the first tab then
//! hears that it lost it. Where the browser has no Web Locks, every tab edits (as before).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A lock this tab holds; dropping it does not release it, [`HeldLock::release`] does.
pub struct HeldLock {
    /// Resolves the promise the lock callback returned, which releases the lock.
    release: Rc<RefCell<Option<Function>>>,
}

impl HeldLock {
    /// Lets another tab have the lock.
    pub fn release(&self) {
        if let Some(resolve) = self.release.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// What asking for the lock ended in.
pub enum Asked {
    /// This tab edits; `on_lost` runs if another tab takes the lock over.
    Held(HeldLock),
    /// Another tab edits this project.
    Busy,
    /// The browser has no Web Locks: every tab edits.
    Unsupported,
}

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Asks for the lock of `project`; with `take_over`, takes it from the tab holding it.
/// `on_lost` runs when a later tab takes it over from this one.
pub async fn ask(project: &str, take_over: bool, on_lost: impl FnOnce() + 'static) -> Asked {
    let Some(locks) = lock_manager() else { return Asked::Unsupported };
    let Ok(request) = Reflect::get(&locks, &"request".into()).and_then(|r| r.dyn_into::<Function>()) else {
        return Asked::Unsupported;
    };
    let release: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
    let granted_resolve: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
    let granted = {
        let granted_resolve = granted_resolve.clone();
        Promise::new(&mut move |resolve, _| *granted_resolve.borrow_mut() = Some(resolve))
    };
    let callback = {
        let release = release.clone();
        Closure::once_into_js(move |lock: JsValue| -> JsValue {
            let answer = JsValue::from_bool(!lock.is_null());
            if let Some(resolve) = granted_resolve.borrow_mut().take() {
                let _ = resolve.call1(&JsValue::UNDEFINED, &answer);
            }
            if lock.is_null() {
                return JsValue::UNDEFINED;
            }
            // Held until this promise settles.
            Promise::new(&mut |resolve, _| *release.borrow_mut() = Some(resolve)).into()
        })
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::from_bool(!take_over));
    let _ = Reflect::set(&options, &"steal".into(), &JsValue::from_bool(take_over));
    let name = JsValue::from_str(&format!("koe-edit-{project}"));
    let Ok(outcome) = request.call3(&locks, &name, &options, &callback) else { return Asked::Unsupported };
    // The request's own promise is rejected when another tab steals the lock.
    if let Ok(outcome) = outcome.dyn_into::<Promise>() {
        let lost = Closure::once(move |_: JsValue| on_lost());
        let _ = outcome.catch(&lost);
        lost.forget();
    }
    match JsFuture::from(granted).await {
        Ok(answer) if answer.as_bool() == Some(true) => Asked::Held(HeldLock { release }),
        _ => Asked::Busy,
    }
}
