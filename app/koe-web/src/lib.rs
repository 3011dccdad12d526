//! Koe's browser UI: thin Leptos components over `koe-core`.
//!
//! Components read the [`state::ProjectState`], call a `koe-core` function, and render.
//! Everything worth a test lives in `koe-core`; side effects (file reading, storage,
//! downloads, the clock) live in [`io`].
//!
//! ```no_run
//! koe_web::mount();
//! ```

pub mod chart_options;
pub mod components;
pub mod io;
pub mod state;

/// Mounts the app on the page's `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(components::App);
}
